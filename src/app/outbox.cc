#include "app/outbox.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "app/accounts.h"
#include "app/edit.h"
#include "app/lookup.h"
#include "app/notifications.h"
#include "app/permissions.h"
#include "app/run.h"
#include "app/secrets.h"
#include "app/status_input.h"
#include "core/scoring.h"
#include "core/validate.h"
#include "formats/json_model.h"

namespace okr::app {
namespace {

namespace json = boost::json;

// Messages are due by the machine's clock (the sender's), whatever clock the app runs on.
std::int64_t due_now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string number_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

std::string name_of(Transaction& tx, std::optional<Id> user_id) {
  if (!user_id) return "someone";
  auto u = tx.find_user(*user_id);
  if (!u) return "someone";
  return u->name.empty() ? u->email : u->name;
}

json::object summary(const Objective& o) {
  return {{"id", o.id}, {"key", o.key}, {"title", o.title}};
}
json::object summary(const KeyResult& k) {
  return {{"id", k.id}, {"key", k.key}, {"title", k.title}};
}

void write_message(Transaction& tx, Instant now, const Endpoint& e, const std::string& event_id,
                   std::string_view event, std::string body) {
  OutboxMessage m;
  m.endpoint_id = e.id;
  m.event_id = event_id;
  m.event = std::string(event);
  m.body = std::move(body);
  m.created_at = now;
  m.next_attempt_ms = due_now_ms();
  tx.add_outbox_message(m);
}

// The audit trail's record of an endpoint: never its secret, a chat URL masked.
std::string endpoint_text(const Endpoint& e) {
  json::array events;
  for (const auto& ev : e.events) events.push_back(json::value(ev));
  json::object o{{"kind", to_string(e.kind)},
                 {"url", is_chat(e.kind) ? masked_url(e.url) : e.url},
                 {"events", std::move(events)},
                 {"description", e.description}};
  if (e.team_id) o["team_id"] = *e.team_id;
  if (e.disabled_at) o["disabled_reason"] = e.disabled_reason;
  return formats::to_text(o);
}

Endpoint must_find_webhook(Transaction& tx, Id id) {
  auto e = tx.find_endpoint(id);
  if (!e || e->kind != EndpointKind::webhook)
    fail(Error::not_found("id", "there is no webhook " + std::to_string(id)));
  return *e;
}

Endpoint without_secret(Endpoint e) {
  e.secret.clear();
  if (is_chat(e.kind)) e.url = masked_url(e.url);
  return e;
}

void check_url(const std::string& url) {
  if (url.empty()) fail(Error::invalid("url", "an endpoint needs a url"));
  if (auto problem = endpoint_url_problem(url)) fail(Error::invalid("url", *problem));
}

}  // namespace

std::optional<std::string> endpoint_url_problem(const std::string& url) {
  if (url.size() > 2000) return "the URL is longer than 2000 characters";
  std::string rest;
  bool https = false;
  if (url.rfind("https://", 0) == 0) {
    https = true;
    rest = url.substr(8);
  } else if (url.rfind("http://", 0) == 0) {
    rest = url.substr(7);
  } else {
    return "the URL must start with https:// (or http:// to this machine)";
  }
  for (unsigned char c : url)
    if (c <= 0x20 || c >= 0x7f || c == '#' || c == '\\')
      return "the URL may not hold spaces, a fragment or characters outside ASCII";
  std::string host = rest.substr(0, rest.find_first_of("/?"));
  if (host.find('@') != std::string::npos) return "the URL may not hold a user name";
  if (host.empty()) return "the URL has no host";
  if (!https) {
    std::string name = host;
    if (name.front() == '[') {
      name = name.substr(0, name.find(']') + 1);
    } else {
      name = name.substr(0, name.find(':'));
    }
    bool loopback = name == "localhost" || name == "[::1]" || name.rfind("127.", 0) == 0;
    if (!loopback) return "the URL must be https:// (http:// only to this machine)";
  }
  return std::nullopt;
}

std::string masked_url(const std::string& url) {
  auto scheme = url.find("://");
  if (scheme == std::string::npos) return "…";
  auto path = url.find_first_of("/?", scheme + 3);
  if (path == std::string::npos) return url;
  return url.substr(0, path) + "/…";
}

// ---- events

void emit_webhook_event(Transaction& tx, Instant now, std::string_view type, json::object data) {
  std::optional<std::string> event_id, body;
  for (const auto& e : tx.list_endpoints()) {
    if (e.kind != EndpointKind::webhook || e.disabled_at) continue;
    if (std::find(e.events.begin(), e.events.end(), type) == e.events.end()) continue;
    if (!event_id) {
      event_id = new_random_id("evt_");
      body = formats::to_text(json::object{{"id", *event_id},
                                           {"type", type},
                                           {"created_at", format_instant(now)},
                                           {"data", std::move(data)}});
    }
    write_message(tx, now, e, *event_id, type, *body);
  }
}

std::string chat_body(EndpointKind kind, const ChatMessage& m) {
  std::string fallback = m.title + (m.text.empty() ? "" : ": " + m.text);
  if (kind == EndpointKind::teams) {
    json::array body{json::object{{"type", "TextBlock"},
                                  {"text", m.title},
                                  {"weight", "Bolder"},
                                  {"size", "Medium"},
                                  {"wrap", true}}};
    if (!m.text.empty())
      body.push_back(json::object{{"type", "TextBlock"}, {"text", m.text}, {"wrap", true}});
    if (!m.facts.empty()) {
      json::array facts;
      for (const auto& [label, value] : m.facts)
        facts.push_back(json::object{{"title", label}, {"value", value}});
      body.push_back(json::object{{"type", "FactSet"}, {"facts", std::move(facts)}});
    }
    json::object card{{"$schema", "http://adaptivecards.io/schemas/adaptive-card.json"},
                      {"type", "AdaptiveCard"},
                      {"version", "1.4"},
                      {"body", std::move(body)}};
    return formats::to_text(json::object{
        {"type", "message"},
        {"attachments",
         json::array{json::object{{"contentType", "application/vnd.microsoft.card.adaptive"},
                                  {"contentUrl", nullptr},
                                  {"content", std::move(card)}}}}});
  }
  if (kind == EndpointKind::mattermost) {
    json::array fields;
    for (const auto& [label, value] : m.facts)
      fields.push_back(json::object{{"short", true}, {"title", label}, {"value", value}});
    return formats::to_text(json::object{
        {"text", "#### " + m.title},
        {"attachments",
         json::array{json::object{
             {"fallback", fallback}, {"text", m.text}, {"fields", std::move(fields)}}}}});
  }
  // Slack: Block Kit, with `text` as the notification's fallback.
  json::array blocks{json::object{
      {"type", "header"},
      {"text", json::object{{"type", "plain_text"}, {"text", m.title.substr(0, 150)}}}}};
  if (!m.text.empty())
    blocks.push_back(json::object{{"type", "section"},
                                  {"text", json::object{{"type", "mrkdwn"}, {"text", m.text}}}});
  if (!m.facts.empty()) {
    json::array fields;
    for (const auto& [label, value] : m.facts)
      fields.push_back(json::object{{"type", "mrkdwn"}, {"text", "*" + label + "*\n" + value}});
    blocks.push_back(json::object{{"type", "section"}, {"fields", std::move(fields)}});
  }
  return formats::to_text(json::object{{"text", fallback}, {"blocks", std::move(blocks)}});
}

void emit_chat(Transaction& tx, Instant now, Id team_id, std::string_view event,
               const ChatMessage& m) {
  std::optional<std::string> event_id;
  for (const auto& e : tx.list_endpoints()) {
    if (!is_chat(e.kind) || e.disabled_at || e.team_id != team_id) continue;
    if (!event_id) event_id = new_random_id("evt_");
    write_message(tx, now, e, *event_id, event, chat_body(e.kind, m));
  }
}

void tell_check_in(Transaction& tx, Instant now, const CheckIn& c, const KeyResult& kr,
                   const Objective& objective, const Cycle& cycle,
                   const std::optional<CheckIn>& before) {
  const StatusRule rule = status_rule(tx);
  const double expected = expected_progress(cycle, date_of(now));
  auto pace_with = [&](const std::optional<CheckIn>& latest) {
    std::optional<double> value;
    if (latest) value = latest->value;
    return key_result_pace(score_key_result(kr, value), expected, latest, rule);
  };
  const Pace was = pace_with(before);
  const Pace is = pace_with(c);
  const double score = score_key_result(kr, c.value);
  if (is == Pace::off_track && was != Pace::off_track) {
    // Its owner (else its objective's) hears of it, unless they made the check-in.
    if (auto owner = kr.owner_id ? kr.owner_id : objective.owner_id) {
      Notification n;
      n.user_id = *owner;
      n.kind = NotificationKind::off_track;
      n.actor_id = c.author_id;
      n.objective_id = objective.id;
      n.key_result_id = kr.id;
      n.excerpt = excerpt_of(kr.title + ": " + number_text(c.value) +
                             (kr.unit.empty() ? "" : " " + kr.unit) + ", target " +
                             number_text(kr.target) + (c.note.empty() ? "" : ". " + c.note));
      n.at = now;
      notify(tx, n);
    }
  }
  if (tx.list_endpoints().empty()) return;

  json::object data{{"check_in", formats::to_json(c)},
                    {"key_result", summary(kr)},
                    {"objective", summary(objective)},
                    {"score", score},
                    {"status", to_string(is)}};
  emit_webhook_event(tx, now, "check_in.created", data);
  if (was != is)
    emit_webhook_event(tx, now, "key_result.status_changed",
                       json::object{{"key_result", summary(kr)},
                                    {"objective", summary(objective)},
                                    {"from", to_string(was)},
                                    {"to", to_string(is)},
                                    {"check_in_id", c.id}});

  const std::string who = name_of(tx, c.author_id);
  ChatMessage m;
  m.title = who + " checked in on " + kr.title;
  m.text = c.note;
  m.facts = {{"Key result", kr.key},
             {"Value", number_text(c.value) + (kr.unit.empty() ? "" : " " + kr.unit) + " (target " +
                           number_text(kr.target) + ")"},
             {"Score", format_score(score)},
             {"Status", std::string(to_string(is))}};
  if (c.confidence) m.facts.emplace_back("Confidence", number_text(*c.confidence));
  emit_chat(tx, now, objective.team_id, kChatCheckIn, m);
  if (is == Pace::off_track && was != Pace::off_track) {
    ChatMessage off;
    off.title = kr.title + " is off track";
    off.text = "Objective: " + objective.title;
    off.facts = {{"Key result", kr.key},
                 {"Score", format_score(score)},
                 {"Expected by now", format_score(expected)}};
    emit_chat(tx, now, objective.team_id, kChatOffTrack, off);
  }
}

void tell_objective(Transaction& tx, Instant now, std::string_view type, const Objective& o) {
  emit_webhook_event(tx, now, type, json::object{{"objective", formats::to_json(o)}});
}

void tell_check_in_change(Transaction& tx, Instant now, std::string_view type,
                          const CheckIn& before, const std::optional<CheckIn>& after,
                          const std::optional<CheckIn>& latest_before) {
  if (tx.list_endpoints().empty()) return;
  auto kr = tx.find_key_result(before.key_result_id);
  if (!kr) return;
  auto objective = tx.find_objective(kr->objective_id);
  if (!objective) return;
  auto cycle = tx.find_cycle(objective->cycle_id);
  if (!cycle) return;
  const auto latest_after = tx.latest_check_in(kr->id);
  const StatusRule rule = status_rule(tx);
  const double expected = expected_progress(*cycle, date_of(now));
  auto pace_with = [&](const std::optional<CheckIn>& latest) {
    std::optional<double> value;
    if (latest) value = latest->value;
    return key_result_pace(score_key_result(*kr, value), expected, latest, rule);
  };
  const Pace was = pace_with(latest_before);
  const Pace is = pace_with(latest_after);
  std::optional<double> current;
  if (latest_after) current = latest_after->value;
  json::object data{{"check_in", formats::to_json(after ? *after : before)},
                    {"key_result", summary(*kr)},
                    {"objective", summary(*objective)},
                    {"score", score_key_result(*kr, current)},
                    {"status", to_string(is)}};
  if (after) data["before"] = formats::to_json(before);
  emit_webhook_event(tx, now, type, std::move(data));
  if (was != is)
    emit_webhook_event(tx, now, "key_result.status_changed",
                       json::object{{"key_result", summary(*kr)},
                                    {"objective", summary(*objective)},
                                    {"from", to_string(was)},
                                    {"to", to_string(is)},
                                    {"check_in_id", before.id}});
}

Result<int> queue_chat_digests(App& app, Instant now, bool force) {
  auto teams = run(app.store(), Store::Mode::read, [&](Transaction& tx) {
    std::vector<Team> out;
    for (const auto& e : tx.list_endpoints())
      if (is_chat(e.kind) && !e.disabled_at && e.team_id &&
          std::none_of(out.begin(), out.end(), [&](const Team& t) { return t.id == *e.team_id; }))
        if (auto t = tx.find_team(*e.team_id)) out.push_back(*t);
    return out;
  });
  if (!teams) return teams.error();
  if (teams->empty()) return 0;
  const auto day = std::chrono::floor<std::chrono::days>(now);
  const std::chrono::weekday weekday{day};
  const auto minute = std::chrono::duration_cast<std::chrono::minutes>(now - day).count();
  if (!force && !(weekday == std::chrono::Monday && minute >= 8 * 60)) return 0;
  const Date monday{day - std::chrono::days{(weekday.iso_encoding() + 6) % 7}};
  auto cycle = app.resolve_cycle(std::nullopt);
  if (!cycle) return cycle.error();
  // Each team's week claimed in one write before any digest is computed: a later look
  // within the week (or another server) finds them taken and computes nothing.
  auto claimed = run(app.store(), Store::Mode::write, [&](Transaction& tx) {
    std::vector<Team> out;
    for (const auto& team : *teams)
      if (tx.claim_once("chat_digest:" + std::to_string(team.id) + ":" + format_date(monday), now))
        out.push_back(team);
    return out;
  });
  if (!claimed) return claimed.error();
  int posted = 0;
  for (const auto& team : *claimed) {
    auto st = app.cycle_status(cycle->name, team.key);
    if (!st) continue;
    int on = 0, risk = 0, off = 0, stale = 0;
    std::optional<double> score;
    std::vector<std::string> worst;
    for (const auto& t : st->teams) {
      if (t.team.id != team.id) continue;
      score = t.score;
      for (const auto& o : t.objectives)
        for (const auto& k : o.key_results) {
          if (k.stale) ++stale;
          if (k.pace == Pace::off_track)
            ++off;
          else if (k.pace == Pace::at_risk)
            ++risk;
          else
            ++on;
          if ((k.stale || k.pace == Pace::off_track) && worst.size() < 5)
            worst.push_back(k.key_result.key + ": " + k.key_result.title +
                            (k.stale ? " (no recent check-in)" : " (off track)"));
        }
    }
    ChatMessage m;
    m.title = team.name + ": the week in " + cycle->name;
    m.text = worst.empty() ? "Every key result is on track or at risk, with recent check-ins."
                           : "Needs attention:";
    for (const auto& w : worst) m.text += "\n- " + w;
    m.facts = {{"Score", score ? format_score(*score) : "no objectives yet"},
               {"On track", std::to_string(on)},
               {"At risk", std::to_string(risk)},
               {"Off track", std::to_string(off)},
               {"Stale", std::to_string(stale)}};
    auto done = run(app.store(), Store::Mode::write, [&](Transaction& tx) {
      emit_chat(tx, now, team.id, kChatWeeklyDigest, m);
      return 1;
    });
    if (done) posted += *done;
  }
  return posted;
}

void tell_cycle_state(Transaction& tx, Instant now, const Cycle& before, const Cycle& after) {
  if (before.state == after.state) return;
  emit_webhook_event(tx, now, "cycle.state_changed",
                     json::object{{"cycle", formats::to_json(after)},
                                  {"from", to_string(before.state)},
                                  {"to", to_string(after.state)}});
  if (after.state != CycleState::grading) return;
  // Each owner of an objective in the cycle is asked to grade it.
  std::vector<Id> owners;
  for (const auto& o : tx.list_objectives({.cycle_id = after.id}))
    if (o.owner_id && std::find(owners.begin(), owners.end(), *o.owner_id) == owners.end())
      owners.push_back(*o.owner_id);
  for (Id owner : owners) {
    Notification n;
    n.user_id = owner;
    n.kind = NotificationKind::grading_opened;
    n.excerpt = "Grading is open for " + after.name +
                ": score each key result from 0.0 to 1.0 and write what the team learned.";
    n.at = now;
    notify(tx, n);
  }
  std::vector<Id> teams;
  for (const auto& e : tx.list_endpoints())
    if (is_chat(e.kind) && !e.disabled_at && e.team_id &&
        std::find(teams.begin(), teams.end(), *e.team_id) == teams.end())
      teams.push_back(*e.team_id);
  for (Id team : teams) {
    ChatMessage m;
    m.title = "Grading is open for " + after.name;
    m.text = "Score each key result from 0.0 to 1.0 and write what the team learned.";
    m.facts = {{"Cycle", after.name}, {"Ends", format_date(after.end)}};
    emit_chat(tx, now, team, kChatGradingOpened, m);
  }
}

void tell_comment(Transaction& tx, Instant now, const Comment& c) {
  json::object data{{"comment", formats::to_json(c)}};
  if (auto o = tx.find_objective(c.objective_id)) data["objective"] = summary(*o);
  emit_webhook_event(tx, now, "comment.created", std::move(data));
}

// ---- webhooks

Result<CreatedWebhook> add_webhook(App& app, const NewWebhook& in, const Actor& actor) {
  return run(app.store(), Store::Mode::write, [&](Transaction& tx) {
    require_admin(actor, "add webhooks");
    check_url(in.url);
    if (in.events.empty())
      fail(Error::invalid("events", "a webhook subscribes to at least one event type"));
    Endpoint e;
    e.kind = EndpointKind::webhook;
    e.url = in.url;
    for (const auto& ev : in.events) {
      if (!is_webhook_event_type(ev))
        fail(Error::invalid("events", "'" + ev + "' is not an event type a webhook may receive"));
      if (std::find(e.events.begin(), e.events.end(), ev) == e.events.end()) e.events.push_back(ev);
    }
    if (in.description.size() > 200)
      fail(Error::invalid("description", "a description has at most 200 characters"));
    if (auto err = check_text(in.description, "description")) fail(*err);
    e.description = in.description;
    e.secret = new_secret("whsec_");
    e.owner_id = actor.user_id;
    if (!in.owner.empty()) {
      auto owner = tx.find_user_by_email(normalize_email(in.owner));
      if (!owner) fail(Error::not_found("owner", "there is no user with e-mail " + in.owner));
      e.owner_id = owner->id;
    }
    e.created_at = app.now();
    e.id = tx.create_endpoint(e);
    tx.add_audit_event(
        {0, app.now(), actor.user_id, "create", "webhook", e.id, "", endpoint_text(e)});
    CreatedWebhook out{e, e.secret};
    out.endpoint.secret.clear();
    return out;
  });
}

Result<std::vector<Endpoint>> list_webhooks(App& app, const Actor& actor) {
  return run(app.store(), Store::Mode::read, [&](Transaction& tx) {
    require_admin(actor, "see webhooks");
    std::vector<Endpoint> out;
    for (auto& e : tx.list_endpoints())
      if (e.kind == EndpointKind::webhook) out.push_back(without_secret(std::move(e)));
    return out;
  });
}

Result<Endpoint> find_webhook(App& app, Id id, const Actor& actor) {
  return run(app.store(), Store::Mode::read, [&](Transaction& tx) {
    require_admin(actor, "see webhooks");
    return without_secret(must_find_webhook(tx, id));
  });
}

Result<Ok> remove_webhook(App& app, Id id, const Actor& actor) {
  return run(app.store(), Store::Mode::write, [&](Transaction& tx) {
    require_admin(actor, "remove webhooks");
    auto e = must_find_webhook(tx, id);
    tx.delete_endpoint(id);
    tx.add_audit_event(
        {0, app.now(), actor.user_id, "delete", "webhook", id, endpoint_text(e), ""});
    return Ok{};
  });
}

Result<DeliveryPage> list_deliveries(App& app, Id webhook_id, std::optional<Id> before, int limit,
                                     const Actor& actor) {
  return run(app.store(), Store::Mode::read, [&](Transaction& tx) {
    require_admin(actor, "see webhook deliveries");
    must_find_webhook(tx, webhook_id);
    DeliveryPage page;
    page.items = tx.list_outbox_messages(webhook_id, before, limit + 1);
    if (static_cast<int>(page.items.size()) > limit) {
      page.items.resize(limit);
      page.next = page.items.back().id;
    }
    return page;
  });
}

Result<OutboxMessage> redeliver(App& app, Id webhook_id, Id delivery_id, const Actor& actor) {
  return run(app.store(), Store::Mode::write, [&](Transaction& tx) {
    require_admin(actor, "redeliver webhook events");
    auto e = must_find_webhook(tx, webhook_id);
    auto original = tx.find_outbox_message(delivery_id);
    if (!original || original->endpoint_id != webhook_id)
      fail(Error::not_found("delivery", "webhook " + std::to_string(webhook_id) +
                                            " has no delivery " + std::to_string(delivery_id)));
    if (e.disabled_at) {
      const std::string before = endpoint_text(e);
      e.disabled_at.reset();
      e.disabled_reason.clear();
      e.failures = 0;
      tx.update_endpoint_health(e);
      tx.add_audit_event(
          {0, app.now(), actor.user_id, "enable", "webhook", e.id, before, endpoint_text(e)});
    }
    OutboxMessage m;
    m.endpoint_id = webhook_id;
    m.event_id = original->event_id;
    m.event = original->event;
    m.body = original->body;
    m.created_at = app.now();
    m.next_attempt_ms = due_now_ms();
    m.redelivery_of = original->id;
    m.id = tx.add_outbox_message(m);
    tx.add_audit_event({0, app.now(), actor.user_id, "redeliver", "webhook", webhook_id, "",
                        formats::to_text(json::object{{"delivery", original->id},
                                                      {"event_id", original->event_id},
                                                      {"new_delivery", m.id}})});
    return m;
  });
}

// ---- chat channels

Result<ChatChannel> add_chat_channel(App& app, const NewChatChannel& in, const Actor& actor) {
  return run(app.store(), Store::Mode::write, [&](Transaction& tx) {
    auto team = tx.find_team_by_key(in.team);
    if (!team) fail(Error::not_found("team", "there is no team '" + in.team + "'"));
    require(tx, actor, Permission::manage_team, team->id, std::nullopt,
            "set up chat channels of team '" + team->key + "'");
    if (!is_chat(in.kind))
      fail(Error::invalid("kind", "a chat channel is slack, teams or mattermost"));
    check_url(in.url);
    Endpoint e;
    e.kind = in.kind;
    e.url = in.url;
    e.team_id = team->id;
    e.owner_id = actor.user_id;
    e.created_at = app.now();
    e.id = tx.create_endpoint(e);
    tx.add_audit_event(
        {0, app.now(), actor.user_id, "create", "chat_channel", e.id, "", endpoint_text(e)});
    return ChatChannel{without_secret(e), team->key};
  });
}

Result<std::vector<ChatChannel>> list_chat_channels(App& app,
                                                    const std::optional<std::string>& team) {
  return run(app.store(), Store::Mode::read, [&](Transaction& tx) {
    std::optional<Id> team_id;
    if (team) {
      auto t = tx.find_team_by_key(*team);
      if (!t) fail(Error::not_found("team", "there is no team '" + *team + "'"));
      team_id = t->id;
    }
    std::vector<ChatChannel> out;
    for (auto& e : tx.list_endpoints()) {
      if (!is_chat(e.kind) || (team_id && e.team_id != team_id)) continue;
      auto t = tx.find_team(e.team_id.value_or(0));
      out.push_back({without_secret(std::move(e)), t ? t->key : std::string()});
    }
    return out;
  });
}

Result<Ok> remove_chat_channel(App& app, Id id, const Actor& actor) {
  return run(app.store(), Store::Mode::write, [&](Transaction& tx) {
    auto e = tx.find_endpoint(id);
    if (!e || !is_chat(e->kind))
      fail(Error::not_found("id", "there is no chat channel " + std::to_string(id)));
    auto team = tx.find_team(*e->team_id);
    require(tx, actor, Permission::manage_team, *e->team_id, std::nullopt,
            "remove chat channels of team '" + (team ? team->key : std::string("?")) + "'");
    tx.delete_endpoint(id);
    tx.add_audit_event(
        {0, app.now(), actor.user_id, "delete", "chat_channel", id, endpoint_text(*e), ""});
    return Ok{};
  });
}

std::string test_event_body(const std::string& event_id, Instant now) {
  return formats::to_text(
      json::object{{"id", event_id},
                   {"type", "ping"},
                   {"created_at", format_instant(now)},
                   {"data", json::object{{"message", "A test event from okr notify test"}}}});
}

}  // namespace okr::app
