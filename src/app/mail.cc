#include "app/mail.h"

#include <date/tz.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "app/accounts.h"
#include "app/edit.h"
#include "app/grading.h"
#include "app/home.h"
#include "app/notifications.h"
#include "app/run.h"
#include "app/secrets.h"
#include "core/text.h"
#include "formats/json_model.h"

namespace okr::app {
namespace {

namespace json = boost::json;

constexpr const char* kUrl = "mail.smtp_url";
constexpr const char* kFrom = "mail.from";
constexpr const char* kUser = "mail.user";
constexpr const char* kPassword = "mail.password";
constexpr const char* kPublicUrl = "mail.public_url";
constexpr const char* kTls = "mail.tls";
constexpr const char* kCaFile = "mail.ca_file";
constexpr const char* kKey = "mail.unsubscribe_key";

std::string setting_or(Transaction& tx, const char* name, std::string fallback = "") {
  auto v = tx.setting(name);
  return v ? *v : fallback;
}

bool mail_on(Transaction& tx) {
  auto v = tx.setting(kUrl);
  return v && !v->empty();
}

// The password from the sending server's environment, when it has one there.
std::optional<std::string> password_from_environment() {
  if (const char* v = std::getenv("OKR_SMTP_PASSWORD"); v && *v) return std::string(v);
  if (const char* f = std::getenv("OKR_SMTP_PASSWORD_FILE"); f && *f) {
    std::ifstream in(f);
    std::string line;
    if (in && std::getline(in, line)) {
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
      return line;
    }
  }
  return std::nullopt;
}

std::string trimmed_base(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

std::string host_of(const std::string& url) {
  auto p = url.find("://");
  std::string rest = p == std::string::npos ? url : url.substr(p + 3);
  rest = rest.substr(0, rest.find_first_of("/:?#"));
  return rest.empty() ? "okr.invalid" : rest;
}

std::int64_t ms_of(Instant t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

std::string name_of(const User& u) {
  return u.name.empty() ? u.email : u.name;
}

Id require_person(const Actor& actor) {
  if (!actor.user_id)
    fail(Error::invalid("as", "e-mail settings belong to a person: act as one (--as EMAIL)"));
  return *actor.user_id;
}

std::string kind_phrase(std::string_view kind) {
  if (kind == "digest") return "the weekly digest";
  if (kind == "mention") return "e-mails when someone mentions you";
  if (kind == "reply") return "e-mails when someone replies to your comment";
  if (kind == "comment") return "e-mails when someone comments on what you own";
  if (kind == "dependency_asked") return "e-mails when a team asks your team for something";
  if (kind == "dependency_answered") return "e-mails when a team answers what you asked";
  if (kind == "endpoint_disabled") return "e-mails when a webhook or chat channel stops";
  if (kind == "check_in_due") return "check-in reminders";
  if (kind == "off_track") return "e-mails when a key result you own goes off track";
  if (kind == "grading_opened") return "e-mails when grading opens";
  return "these e-mails";
}

}  // namespace

std::string_view to_string(MailTls v) {
  switch (v) {
    case MailTls::opportunistic:
      return "opportunistic";
    case MailTls::none:
      return "none";
    default:
      return "required";
  }
}

std::optional<MailTls> parse_mail_tls(std::string_view s) {
  if (s == "required") return MailTls::required;
  if (s == "opportunistic") return MailTls::opportunistic;
  if (s == "none") return MailTls::none;
  return std::nullopt;
}

std::optional<std::string> mail_config_problem(const MailConfig& c) {
  auto bad_chars = [](const std::string& s) {
    return std::any_of(s.begin(), s.end(), [](char ch) {
      return static_cast<unsigned char>(ch) <= 0x20 || ch == '"' || ch == '<' || ch == '>';
    });
  };
  const bool smtps = c.smtp_url.rfind("smtps://", 0) == 0;
  if (!(c.smtp_url.rfind("smtp://", 0) == 0 || smtps) || c.smtp_url.size() > 500 ||
      bad_chars(c.smtp_url) || host_of(c.smtp_url) == "okr.invalid" ||
      c.smtp_url.find('@') != std::string::npos)
    return "the SMTP server is smtp://HOST[:PORT] or smtps://HOST[:PORT] (no user or password "
           "in it: give --user and the password apart)";
  auto at = c.from.find('@');
  if (at == std::string::npos || at == 0 || at + 1 >= c.from.size() || c.from.size() > 254 ||
      bad_chars(c.from))
    return "the sender's address '" + c.from + "' is not an e-mail address";
  if (!(c.public_url.rfind("https://", 0) == 0 || c.public_url.rfind("http://", 0) == 0) ||
      bad_chars(c.public_url) || c.public_url.size() > 500 ||
      host_of(c.public_url) == "okr.invalid")
    return "the public address is where people open okr, as http(s)://HOST[:PORT] (it is in "
           "every link an e-mail holds)";
  if (c.user.size() > 254 || bad_chars(c.user)) return "the SMTP user name holds spaces or quotes";
  if (!c.password.empty() && c.user.empty()) return "a password needs a user (--user)";
  if (smtps && c.tls == MailTls::none)
    return "smtps:// is TLS from the start: --tls none contradicts it";
  return std::nullopt;
}

Result<std::optional<MailConfig>> mail_config(App& app) {
  return run(app.store(), Store::Mode::read, [&](Transaction& tx) {
    std::optional<MailConfig> out;
    if (!mail_on(tx)) return out;
    MailConfig c;
    c.smtp_url = setting_or(tx, kUrl);
    c.from = setting_or(tx, kFrom);
    c.user = setting_or(tx, kUser);
    c.password = setting_or(tx, kPassword);
    if (auto p = password_from_environment(); p && !c.user.empty()) c.password = *p;
    c.public_url = setting_or(tx, kPublicUrl);
    c.tls = parse_mail_tls(setting_or(tx, kTls, "required")).value_or(MailTls::required);
    c.ca_file = setting_or(tx, kCaFile);
    out = std::move(c);
    return out;
  });
}

Result<MailConfig> set_mail_config(App& app, MailConfig c, const Actor& actor) {
  return run(app.store(), Store::Mode::write, [&](Transaction& tx) {
    require_admin(actor, "set the mail server");
    c.public_url = trimmed_base(c.public_url);
    if (c.password.empty() && !c.user.empty() && setting_or(tx, kUser) == c.user)
      c.password = setting_or(tx, kPassword);
    if (auto p = mail_config_problem(c)) fail(Error::invalid("smtp", *p));
    if (!c.ca_file.empty() && !std::ifstream(c.ca_file))
      fail(Error::invalid("ca_file", "cannot read the certificates file '" + c.ca_file + "'"));
    const bool was_on = mail_on(tx);
    tx.put_setting(kUrl, c.smtp_url);
    tx.put_setting(kFrom, c.from);
    tx.put_setting(kUser, c.user);
    tx.put_setting(kPassword, c.password);
    tx.put_setting(kPublicUrl, c.public_url);
    tx.put_setting(kTls, std::string(to_string(c.tls)));
    tx.put_setting(kCaFile, c.ca_file);
    if (setting_or(tx, kKey).empty()) tx.put_setting(kKey, new_secret("okr_u_"));
    json::object after{{"smtp_url", c.smtp_url},
                       {"from", c.from},
                       {"user", c.user},
                       {"public_url", c.public_url},
                       {"tls", to_string(c.tls)},
                       {"ca_file", c.ca_file},
                       {"password", !c.password.empty() ? "set" : "none"}};
    tx.add_audit_event({0, app.now(), actor.user_id, was_on ? "update" : "create", "mail",
                        std::nullopt, "", formats::to_text(after)});
    return c;
  });
}

Result<Ok> turn_mail_off(App& app, const Actor& actor) {
  return run(app.store(), Store::Mode::write, [&](Transaction& tx) {
    require_admin(actor, "turn mail off");
    if (mail_on(tx)) {
      tx.put_setting(kUrl, "");
      tx.add_audit_event({0, app.now(), actor.user_id, "delete", "mail", std::nullopt, "", ""});
    }
    return Ok{};
  });
}

void queue_mail(Transaction& tx, Instant now, const User& to, std::string_view kind,
                const MailContent& content) {
  if (to.disabled || to.email.empty() || !mail_on(tx)) return;
  const PersonSettings ps = tx.person_settings(to.id).value_or(PersonSettings{});
  const int wait = minutes_until_quiet_ends(ps, local_time(ps.time_zone, now).minute);
  json::array items;
  for (const auto& i : content.items) items.emplace_back(i);
  json::array footer;
  for (const auto& f : content.footer) footer.emplace_back(f);
  MailMessage m;
  m.user_id = to.id;
  m.recipient = to.email;
  m.kind = std::string(kind);
  m.message_id = new_random_id("") + "@" + host_of(setting_or(tx, kPublicUrl));
  m.body = formats::to_text(json::object{{"subject", content.subject},
                                         {"intro", content.intro},
                                         {"items", std::move(items)},
                                         {"link_path", content.link_path},
                                         {"link_label", content.link_label},
                                         {"footer", std::move(footer)}});
  m.created_at = now;
  m.next_attempt_ms = ms_of(now) + std::int64_t{wait} * 60'000;
  tx.add_mail(m);
}

Result<std::string> unsubscribe_key(App& app) {
  return run(app.store(), Store::Mode::read, [&](Transaction& tx) { return setting_or(tx, kKey); });
}

std::string unsubscribe_token(const std::string& key, Id user_id, std::string_view kind) {
  const std::string payload = std::to_string(user_id) + "." + std::string(kind);
  return payload + "." + hmac_sha256_hex(key, payload).substr(0, 32);
}

RenderedMail render_mail(const MailConfig& config, const std::string& key, const MailMessage& m) {
  RenderedMail r;
  r.from = config.from;
  r.to = m.recipient;
  r.message_id = "<" + m.message_id + ">";
  json::value body;
  try {
    body = json::parse(m.body);
  } catch (const std::exception&) {
    body = json::object{};
  }
  const json::object empty;
  const json::object& b = body.is_object() ? body.as_object() : empty;
  auto text_of = [&](const char* name) {
    auto it = b.find(name);
    return it != b.end() && it->value().is_string() ? std::string(it->value().as_string())
                                                    : std::string();
  };
  auto list_of = [&](const char* name) {
    std::vector<std::string> out;
    if (auto it = b.find(name); it != b.end() && it->value().is_array())
      for (const auto& v : it->value().as_array())
        if (v.is_string()) out.emplace_back(v.as_string());
    return out;
  };
  const std::string base = trimmed_base(config.public_url);
  r.subject = text_of("subject");
  const std::string intro = text_of("intro");
  const auto items = list_of("items");
  const auto footer = list_of("footer");
  const std::string link_label = text_of("link_label");
  std::string link_path = text_of("link_path");
  if (link_path.empty() || link_path.front() != '/') link_path = "/";
  const std::string link = base + link_path;
  if (m.user_id && !key.empty())
    r.unsubscribe_url =
        base + "/api/v1/unsubscribe?token=" + unsubscribe_token(key, *m.user_id, m.kind);
  const std::string page =
      m.user_id && !key.empty()
          ? base + "/unsubscribe?token=" + unsubscribe_token(key, *m.user_id, m.kind)
          : std::string();

  std::ostringstream text;
  text << intro << "\n";
  if (!items.empty()) {
    text << "\n";
    for (const auto& i : items) text << "  - " << i << "\n";
  }
  if (!link_label.empty()) text << "\n" << link_label << ": " << link << "\n";
  for (const auto& f : footer) text << "\n" << f << "\n";
  text << "\n-- \nokr, " << base << "/\n";
  if (!page.empty())
    text << "Stop " << kind_phrase(m.kind) << ": " << page << "\n"
         << "Choose what you receive: " << base << "/inbox\n";
  r.text = text.str();

  std::ostringstream html;
  html << "<!doctype html><html><head><meta charset=\"utf-8\"><title>" << html_escape(r.subject)
       << "</title></head><body style=\"font-family:sans-serif;line-height:1.5;color:#1d2433\">"
       << "<p>" << html_escape(intro) << "</p>";
  if (!items.empty()) {
    html << "<ul>";
    for (const auto& i : items) html << "<li>" << html_escape(i) << "</li>";
    html << "</ul>";
  }
  if (!link_label.empty())
    html << "<p><a href=\"" << html_escape(link)
         << "\" style=\"display:inline-block;padding:8px 14px;background:#1f4fd1;color:#fff;"
            "text-decoration:none;border-radius:4px\">"
         << html_escape(link_label) << "</a></p>";
  for (const auto& f : footer) html << "<p>" << html_escape(f) << "</p>";
  html << "<hr><p style=\"font-size:12px;color:#5b6477\">okr, <a href=\"" << html_escape(base)
       << "/\">" << html_escape(base) << "</a>";
  if (!page.empty())
    html << "<br><a href=\"" << html_escape(page) << "\">Stop " << html_escape(kind_phrase(m.kind))
         << "</a> · <a href=\"" << html_escape(base) << "/inbox\">Choose what you receive</a>";
  html << "</p></body></html>";
  r.html = html.str();
  return r;
}

Result<std::vector<MailMessage>> list_mail(App& app, int limit, const Actor& actor) {
  return run(app.store(), Store::Mode::read, [&](Transaction& tx) {
    require_admin(actor, "see the mail queue");
    return tx.list_mail(std::nullopt, limit);
  });
}

MailMessage test_mail(const std::string& address, Instant now) {
  MailMessage m;
  m.recipient = address;
  m.kind = "test";
  m.message_id = new_random_id("test-") + "@okr";
  m.created_at = now;
  m.body = formats::to_text(json::object{
      {"subject", "okr: a test e-mail"},
      {"intro", "This is a test e-mail from okr. If you read it, okr can send e-mail."},
      {"items", json::array{}},
      {"link_path", "/"},
      {"link_label", "Open okr"},
      {"footer", json::array{}}});
  return m;
}

Result<Unsubscription> unsubscribe(App& app, const std::string& token, bool apply) {
  return run(app.store(), apply ? Store::Mode::write : Store::Mode::read, [&](Transaction& tx) {
    const auto bad = [] {
      fail(Error::invalid("token",
                          "this unsubscribe link is not valid (it may have been cut short): "
                          "choose what you receive on your inbox page instead"));
    };
    const std::string key = setting_or(tx, kKey);
    auto last = token.rfind('.');
    if (key.empty() || last == std::string::npos || token.size() > 200) bad();
    const std::string payload = token.substr(0, last);
    if (!secrets_equal(token.substr(last + 1), hmac_sha256_hex(key, payload).substr(0, 32))) bad();
    auto dot = payload.find('.');
    if (dot == std::string::npos) bad();
    Id user_id = 0;
    try {
      user_id = std::stoll(payload.substr(0, dot));
    } catch (const std::exception&) {
      bad();
    }
    const std::string kind = payload.substr(dot + 1);
    auto user = tx.find_user(user_id);
    if (!user) fail(Error::not_found("token", "the person this link was sent to is gone"));
    Unsubscription out{user->email, kind, false};
    if (!apply) return out;
    if (kind == "digest") {
      auto ps = tx.person_settings(user_id).value_or(PersonSettings{});
      ps.weekly_digest = false;
      tx.put_person_settings(user_id, ps);
    } else if (auto k = parse_notification_kind(kind)) {
      auto channel = notification_channel(tx, user_id, *k);
      if (channel == NotificationChannel::email)
        tx.put_notification_preference(user_id, *k, "none");
      else if (channel == NotificationChannel::both)
        tx.put_notification_preference(user_id, *k, "in_app");
    } else {
      bad();
    }
    tx.add_audit_event({0, app.now(), user_id, "unsubscribe", "user", user_id, "",
                        formats::to_text(json::object{{"kind", kind}})});
    out.done = true;
    return out;
  });
}

std::optional<std::string> time_zone_problem(const std::string& name) {
  if (name.empty() || name.size() > 64)
    return "a time zone is an IANA name such as Europe/Berlin or America/New_York";
  try {
    (void)date::locate_zone(name);
    return std::nullopt;
  } catch (const std::exception&) {
    return "'" + name +
           "' is not a time zone this server knows (an IANA name such as "
           "Europe/Berlin)";
  }
}

LocalTime local_time(const std::string& zone, Instant t) {
  LocalTime out;
  date::local_seconds local{};
  try {
    local = date::make_zoned(date::locate_zone(zone.empty() ? "UTC" : zone), t).get_local_time();
  } catch (const std::exception&) {
    local = date::local_seconds{t.time_since_epoch()};
  }
  const auto day = date::floor<date::days>(local);
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(local - day).count();
  out.minute = static_cast<int>(minutes);
  out.weekday = date::weekday{day}.iso_encoding();
  const date::year_month_day ymd{day};
  out.date = Date{std::chrono::year{static_cast<int>(ymd.year())},
                  std::chrono::month{static_cast<unsigned>(ymd.month())},
                  std::chrono::day{static_cast<unsigned>(ymd.day())}};
  return out;
}

Result<PersonSettings> person_settings(App& app, const Actor& actor) {
  return run(app.store(), Store::Mode::read, [&](Transaction& tx) {
    return tx.person_settings(require_person(actor)).value_or(PersonSettings{});
  });
}

Result<PersonSettings> set_person_settings(App& app, const Actor& actor,
                                           const PersonSettingsChange& change) {
  return run(app.store(), Store::Mode::write, [&](Transaction& tx) {
    const Id me = require_person(actor);
    auto ps = tx.person_settings(me).value_or(PersonSettings{});
    if (change.time_zone) {
      if (auto p = time_zone_problem(*change.time_zone)) fail(Error::invalid("time_zone", *p));
      ps.time_zone = *change.time_zone;
    }
    if (change.quiet_hours) {
      if (*change.quiet_hours) {
        auto [from, to] = **change.quiet_hours;
        if (from < 0 || from > 1439 || to < 0 || to > 1439 || from == to)
          fail(Error::invalid("quiet_hours", "quiet hours run from one time of day to another"));
        ps.quiet_start = from;
        ps.quiet_end = to;
      } else {
        ps.quiet_start.reset();
        ps.quiet_end.reset();
      }
    }
    if (change.weekly_digest) ps.weekly_digest = *change.weekly_digest;
    tx.put_person_settings(me, ps);
    return ps;
  });
}

Result<int> queue_check_in_reminders(App& app, Instant now) {
  auto cycle = app.resolve_cycle(std::nullopt);
  if (!cycle) return cycle.error();
  const Date today = date_of(now);
  if (cycle->state != CycleState::active || today < cycle->start || today > cycle->end) return 0;
  auto due = reminders(app, cycle->name);
  if (!due) return due.error();
  return run(app.store(), Store::Mode::write, [&](Transaction& tx) {
    int reminded = 0;
    const int elapsed = days_between(cycle->start, today);
    for (const auto& r : due->owners) {
      if (!r.owner || r.owner->disabled || r.key_results.empty()) continue;
      int cadence = 7;
      for (const auto& s : r.key_results)
        cadence = std::min(cadence, std::max(1, s.team.check_in_cadence_days));
      const std::string key = "check_in_due:" + std::to_string(r.owner->id) + ":" +
                              std::to_string(cycle->id) + ":" + std::to_string(elapsed / cadence);
      if (!tx.claim_once(key, now)) continue;
      MailContent mail;
      const auto n = r.key_results.size();
      mail.subject = n == 1 ? "Check in on " + r.key_results.front().key_result.key
                            : "Check in on " + std::to_string(n) + " key results";
      mail.intro = "Hello " + name_of(*r.owner) + ", " +
                   (n == 1 ? std::string("a key result you own has")
                           : std::to_string(n) + " key results you own have") +
                   " had no check-in within " +
                   (cadence == 7 ? "a week" : std::to_string(cadence) + " days") +
                   ". A number and a word on why it moved (or did not) keeps " + cycle->name +
                   " honest:";
      std::string keys;
      for (std::size_t i = 0; i < n && i < 20; ++i) {
        const auto& s = r.key_results[i];
        mail.items.push_back(s.key_result.key + ": " + s.key_result.title + " (" +
                             (s.last_check_in
                                  ? "silent for " + std::to_string(s.days_silent) + " days"
                                  : std::string("never checked in")) +
                             ")");
        keys += (keys.empty() ? "" : ", ") + s.key_result.key;
      }
      if (n > 20) mail.items.push_back("and " + std::to_string(n - 20) + " more");
      mail.link_path = "/";
      mail.link_label = "Check in";
      Notification note;
      note.user_id = r.owner->id;
      note.kind = NotificationKind::check_in_due;
      note.excerpt = excerpt_of(std::to_string(n) + (n == 1 ? " key result" : " key results") +
                                " due a check-in: " + keys);
      note.at = now;
      notify(tx, note, &mail);
      ++reminded;
    }
    return reminded;
  });
}

namespace {

std::string pace_word(const KeyResultStatus& k) {
  if (k.stale) return "stale";
  switch (k.pace) {
    case Pace::off_track:
      return "off track";
    case Pace::at_risk:
      return "at risk";
    default:
      return "on track";
  }
}

std::string score_text(double s) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f", s);
  return buf;
}

}  // namespace

Result<int> queue_digests(App& app, Instant now, bool force) {
  auto people = run(app.store(), Store::Mode::read, [&](Transaction& tx) {
    std::vector<std::pair<User, PersonSettings>> out;
    if (!mail_on(tx)) return out;
    for (auto& u : tx.list_users()) {
      if (u.disabled) continue;
      auto ps = tx.person_settings(u.id).value_or(PersonSettings{});
      if (!ps.weekly_digest) continue;
      out.emplace_back(std::move(u), std::move(ps));
    }
    return out;
  });
  if (!people) return people.error();
  // Whose digest is due, each claimed for the week in one write (a server looking again
  // within the week, or another server, finds them taken), before any is computed.
  std::vector<const User*> due_people;
  std::vector<std::string> keys;
  for (const auto& [user, ps] : *people) {
    const LocalTime lt = local_time(ps.time_zone, now);
    if (!force && !(lt.weekday == 1 && lt.minute >= 8 * 60)) continue;
    const Date monday = Date{std::chrono::sys_days{lt.date} - std::chrono::days{lt.weekday - 1}};
    due_people.push_back(&user);
    keys.push_back("digest:" + std::to_string(user.id) + ":" + format_date(monday));
  }
  if (due_people.empty()) return 0;
  auto claimed = run(app.store(), Store::Mode::write, [&](Transaction& tx) {
    std::vector<const User*> out;
    for (std::size_t i = 0; i < due_people.size(); ++i)
      if (tx.claim_once(keys[i], now)) out.push_back(due_people[i]);
    return out;
  });
  if (!claimed) return claimed.error();
  int queued = 0;
  Accounts accounts(app);
  for (const User* who : *claimed) {
    const User& user = *who;
    auto actor = accounts.actor_for_email(user.email);
    if (!actor) continue;
    auto h = home(app, "", *actor, now - std::chrono::days{7});
    auto unread = unread_notifications(app, *actor);
    MailContent mail;
    int off = 0, stale = 0;
    if (h) {
      for (const auto& k : h->key_results) {
        if (k.status.stale)
          ++stale;
        else if (k.status.pace == Pace::off_track)
          ++off;
      }
      mail.subject = "Your week in " + h->cycle.name + ": " +
                     std::to_string(h->key_results.size()) + " key results, " +
                     std::to_string(off) + " off track, " + std::to_string(stale) + " stale";
      mail.intro = "Hello " + name_of(user) + ", here is " + h->cycle.name + " for you this week.";
      for (const auto& k : h->key_results)
        if (k.status.stale || k.status.pace != Pace::on_track)
          if (mail.items.size() < 15)
            mail.items.push_back(k.status.key_result.key + " (" + pace_word(k.status) + ", " +
                                 score_text(k.status.score) + "): " + k.status.key_result.title);
      for (const auto& c : h->changes)
        if (mail.items.size() < 25)
          mail.items.push_back(
              c.author + " checked in on " + c.key_result.key + ": " +
              excerpt_of(c.check_in.note.empty() ? "no note" : c.check_in.note, 80));
      for (const auto& t : h->teams)
        if (t.role == TeamRole::lead)
          mail.footer.push_back("Your team " + t.team.name + ": score " +
                                (t.score ? score_text(*t.score) : "none yet") + ", " +
                                std::to_string(t.off_track) + " key results off track, " +
                                std::to_string(t.stale) + " stale.");
      if (!h->asked.empty())
        mail.footer.push_back(std::to_string(h->asked.size()) +
                              " requests from other teams wait for an answer from your team.");
    }
    if (unread && *unread > 0)
      mail.footer.push_back(std::to_string(*unread) + " unread in your inbox.");
    if (mail.subject.empty() && mail.footer.empty()) continue;  // nothing to say
    if (mail.subject.empty()) mail.subject = "Your week in okr";
    if (mail.intro.empty()) mail.intro = "Hello " + name_of(user) + ", here is your week.";
    if (mail.items.empty() && h) mail.items.push_back("Every key result you own is on track.");
    mail.link_path = "/";
    mail.link_label = "Open my OKRs";
    auto done = run(app.store(), Store::Mode::write, [&](Transaction& tx) {
      auto fresh = tx.find_user(user.id);
      if (!fresh) return 0;
      queue_mail(tx, now, *fresh, "digest", mail);
      return 1;
    });
    if (done) queued += *done;
  }
  return queued;
}

}  // namespace okr::app
