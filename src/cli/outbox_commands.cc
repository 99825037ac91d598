// `okr webhook add|list|remove|deliveries|redeliver`, `okr chat add|list|remove` and
// `okr notify test --webhook URL`: the endpoints events leave okr for, and a check of one.
#include <boost/json.hpp>
#include <cstdlib>
#include <iostream>

#include "app/mail.h"
#include "app/okrs.h"
#include "app/outbox.h"
#include "app/outbox_sender.h"
#include "app/secrets.h"
#include "cli/commands.h"
#include "cli/render.h"
#include "formats/json_model.h"
#include "http/mail.h"
#include "http/outgoing.h"

namespace okr::cli {
namespace {

namespace json = boost::json;

struct OutboxOptions {
  std::string url, url_env, description, owner, team, kind, secret_env;
  std::vector<std::string> events;
  std::string id, delivery, email;
  int limit = 20;
};

OutboxOptions options;
std::string* db_path = nullptr;
std::string* list_format = nullptr;
CLI::App* webhook_add = nullptr;
CLI::App* webhook_list = nullptr;
CLI::App* webhook_remove = nullptr;
CLI::App* webhook_deliveries = nullptr;
CLI::App* webhook_redeliver = nullptr;
CLI::App* chat_add = nullptr;
CLI::App* chat_list = nullptr;
CLI::App* chat_remove = nullptr;
CLI::App* chat_digest = nullptr;
bool digest_now = false;
CLI::App* notify_test = nullptr;

std::optional<Id> id_argument(const std::string& text, const std::string& what) {
  auto id = app::parse_id(text);
  if (!id) std::cerr << "okr: " << what << " '" << text << "' is not a number\n";
  return id;
}

std::string events_text(const Endpoint& e) {
  std::string out;
  for (const auto& ev : e.events) out += (out.empty() ? "" : " ") + ev;
  return out;
}

std::string state_text(const Endpoint& e) {
  return e.disabled_at ? "disabled: " + e.disabled_reason : "enabled";
}

template <class F>
int with_app(F&& body) {
  auto store = open(*db_path);
  if (!store) return print_error(store.error(), ""), 1;
  app::App app(**store);
  return body(app);
}

int add_webhook() {
  return with_app([](app::App& app) {
    auto created =
        app::add_webhook(app, {options.url, options.events, options.description, options.owner},
                         app::Actor::local_operator());
    if (!created) return print_error(created.error(), ""), 1;
    std::cout << "added webhook " << created->endpoint.id << " → " << created->endpoint.url << " ("
              << events_text(created->endpoint) << ")\n"
              << "signing secret (shown once; keep it with the receiver): " << created->secret
              << "\n";
    return 0;
  });
}

int list_webhooks() {
  return with_app([](app::App& app) {
    auto list = app::list_webhooks(app, app::Actor::local_operator());
    if (!list) return print_error(list.error(), ""), 1;
    if (*list_format == "json") {
      json::array a;
      for (const auto& e : *list) {
        json::array events;
        for (const auto& ev : e.events) events.push_back(json::value(ev));
        a.push_back(json::object{{"id", e.id},
                                 {"url", e.url},
                                 {"events", std::move(events)},
                                 {"description", e.description},
                                 {"enabled", !e.disabled_at},
                                 {"failures", e.failures}});
      }
      std::cout << formats::to_text(json::object{{"webhooks", std::move(a)}}) << "\n";
      return 0;
    }
    std::vector<std::vector<std::string>> rows{{"ID", "URL", "EVENTS", "STATE"}};
    for (const auto& e : *list)
      rows.push_back({std::to_string(e.id), e.url, events_text(e), state_text(e)});
    std::cout << render_table(rows);
    return 0;
  });
}

int remove_webhook() {
  auto id = id_argument(options.id, "webhook");
  if (!id) return 2;
  return with_app([&](app::App& app) {
    auto r = app::remove_webhook(app, *id, app::Actor::local_operator());
    if (!r) return print_error(r.error(), ""), 1;
    std::cout << "removed webhook " << *id << " and its delivery log\n";
    return 0;
  });
}

int list_deliveries() {
  auto id = id_argument(options.id, "webhook");
  if (!id) return 2;
  return with_app([&](app::App& app) {
    auto page = app::list_deliveries(app, *id, std::nullopt, std::clamp(options.limit, 1, 500),
                                     app::Actor::local_operator());
    if (!page) return print_error(page.error(), ""), 1;
    if (*list_format == "json") {
      json::array a;
      for (const auto& m : page->items)
        a.push_back(json::object{{"id", m.id},
                                 {"event_id", m.event_id},
                                 {"event", m.event},
                                 {"state", to_string(m.state())},
                                 {"attempts", m.attempts},
                                 {"response_code", m.response_code ? json::value(*m.response_code)
                                                                   : json::value(nullptr)},
                                 {"error", m.last_error},
                                 {"created_at", format_instant(m.created_at)}});
      std::cout << formats::to_text(json::object{{"deliveries", std::move(a)}}) << "\n";
      return 0;
    }
    std::vector<std::vector<std::string>> rows{
        {"ID", "EVENT", "STATE", "ATTEMPTS", "CODE", "CREATED", "ERROR"}};
    for (const auto& m : page->items)
      rows.push_back({std::to_string(m.id), m.event, std::string(to_string(m.state())),
                      std::to_string(m.attempts),
                      m.response_code ? std::to_string(*m.response_code) : "-",
                      format_instant(m.created_at), m.last_error});
    std::cout << render_table(rows);
    return 0;
  });
}

int redeliver() {
  auto id = id_argument(options.id, "webhook");
  auto delivery = id_argument(options.delivery, "delivery");
  if (!id || !delivery) return 2;
  return with_app([&](app::App& app) {
    auto m = app::redeliver(app, *id, *delivery, app::Actor::local_operator());
    if (!m) return print_error(m.error(), ""), 1;
    std::cout << "delivery " << *delivery << " queued again as delivery " << m->id << " (event "
              << m->event_id << "); a running okr serve sends it\n";
    return 0;
  });
}

std::optional<std::string> chat_url() {
  if (!options.url_env.empty()) {
    const char* v = std::getenv(options.url_env.c_str());
    if (!v || !*v) {
      std::cerr << "okr chat add: the environment variable " << options.url_env << " is not set\n";
      return std::nullopt;
    }
    return std::string(v);
  }
  if (options.url.empty()) {
    std::cerr << "okr chat add: give the channel's incoming-webhook URL with --url or --url-env\n";
    return std::nullopt;
  }
  return options.url;
}

int add_chat() {
  auto url = chat_url();
  if (!url) return 2;
  auto kind = parse_endpoint_kind(options.kind);
  return with_app([&](app::App& app) {
    auto e = app::add_chat_channel(app, {options.team, kind.value_or(EndpointKind::webhook), *url},
                                   app::Actor::local_operator());
    if (!e) return print_error(e.error(), ""), 1;
    std::cout << "added " << to_string(e->endpoint.kind) << " channel " << e->endpoint.id
              << " for team " << e->team << " (" << e->endpoint.url << ")\n";
    return 0;
  });
}

int list_chat() {
  return with_app([](app::App& app) {
    std::optional<std::string> team;
    if (!options.team.empty()) team = options.team;
    auto list = app::list_chat_channels(app, team);
    if (!list) return print_error(list.error(), ""), 1;
    if (*list_format == "json") {
      json::array a;
      for (const auto& [e, team] : *list)
        a.push_back(json::object{{"id", e.id},
                                 {"team", team},
                                 {"kind", to_string(e.kind)},
                                 {"url", e.url},
                                 {"enabled", !e.disabled_at}});
      std::cout << formats::to_text(json::object{{"channels", std::move(a)}}) << "\n";
      return 0;
    }
    std::vector<std::vector<std::string>> rows{{"ID", "TEAM", "KIND", "URL", "STATE"}};
    for (const auto& [e, team] : *list)
      rows.push_back(
          {std::to_string(e.id), team, std::string(to_string(e.kind)), e.url, state_text(e)});
    std::cout << render_table(rows);
    return 0;
  });
}

int remove_chat() {
  auto id = id_argument(options.id, "chat channel");
  if (!id) return 2;
  return with_app([&](app::App& app) {
    auto r = app::remove_chat_channel(app, *id, app::Actor::local_operator());
    if (!r) return print_error(r.error(), ""), 1;
    std::cout << "removed chat channel " << *id << "\n";
    return 0;
  });
}

// One test e-mail through the organisation's mail server, sent now (not queued).
int test_email() {
  if (options.email.find('@') == std::string::npos || options.email.size() > 254) {
    std::cerr << "okr notify test: --email '" << options.email << "' is not an e-mail address\n";
    return 2;
  }
  return with_app([](app::App& app) {
    auto config = app::mail_config(app);
    if (!config) return print_error(config.error(), ""), 1;
    if (!*config) {
      std::cerr << "okr notify test: mail is off: first okr mail set --smtp URL --from ADDRESS "
                   "--public-url URL\n";
      return 1;
    }
    const auto m = app::test_mail(options.email, app.now());
    auto answer = http::send_mail(**config, app::render_mail(**config, "", m));
    if (!answer.error.empty()) {
      std::cout << (*config)->smtp_url << " did not take the test e-mail to " << options.email
                << ": " << answer.error << "\n";
      return 1;
    }
    std::cout << (*config)->smtp_url << " took the test e-mail to " << options.email << " ("
              << answer.status << ", Message-ID <" << m.message_id << ">)\n";
    return 0;
  });
}

int post_chat_digests() {
  return with_app([](app::App& app) {
    auto n = app::queue_chat_digests(app, app.now(), digest_now);
    if (!n) return print_error(n.error(), ""), 1;
    std::cout << *n << (*n == 1 ? " team's" : " teams'") << " weekly digest queued for their chat"
              << (digest_now ? "" : " (only on Monday from 08:00 UTC; --now for every team)")
              << "; a running okr serve posts it\n";
    return 0;
  });
}

int test_webhook() {
  if (options.url.empty() == options.email.empty()) {
    std::cerr << "okr notify test: give one of --webhook URL or --email ADDRESS\n";
    return 2;
  }
  if (!options.email.empty()) return test_email();
  if (auto problem = app::endpoint_url_problem(options.url)) {
    std::cerr << "okr notify test: --webhook: " << *problem << "\n";
    return 2;
  }
  std::string secret;
  if (!options.secret_env.empty()) {
    const char* v = std::getenv(options.secret_env.c_str());
    if (!v || !*v) {
      std::cerr << "okr notify test: the environment variable " << options.secret_env
                << " is not set\n";
      return 2;
    }
    secret = v;
  } else {
    secret = app::new_secret("whsec_");
  }
  Endpoint e;
  e.kind = EndpointKind::webhook;
  e.url = options.url;
  e.secret = secret;
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  OutboxMessage m;
  m.event_id = app::new_random_id("evt_");
  m.event = "ping";
  m.body = app::test_event_body(m.event_id, now);
  auto answer = http::post_outgoing(app::request_for(e, m, now.time_since_epoch().count()));
  if (options.secret_env.empty()) std::cout << "signed with a one-time secret: " << secret << "\n";
  if (answer.status == 0) {
    std::cout << "no answer from " << options.url << ": " << answer.error << "\n";
    return 1;
  }
  std::cout << options.url << " answered " << answer.status << " to event " << m.event_id << "\n";
  return delivered_status(answer.status) ? 0 : 1;
}

}  // namespace

void register_outbox_commands(CLI::App& cli, std::string& db, std::string& format) {
  db_path = &db;
  list_format = &format;
  std::string event_list;
  for (auto ev : webhook_event_types())
    event_list += (event_list.empty() ? "" : ", ") + std::string(ev);

  auto* webhook = cli.add_subcommand(
      "webhook", "outgoing webhooks: signed JSON events for integrators (administrators)");
  webhook->require_subcommand(1);
  webhook_add = webhook->add_subcommand("add", "add a webhook; prints its signing secret once");
  webhook_add
      ->add_option("url", options.url,
                   "where events are POSTed (https, or http to this "
                   "machine)")
      ->required();
  webhook_add
      ->add_option("--event", options.events, "an event type to send (repeatable): " + event_list)
      ->required();
  webhook_add->add_option("--description", options.description, "what the webhook is for");
  webhook_add->add_option("--owner", options.owner,
                          "the e-mail of who is told when it is disabled");
  webhook_add->footer(
      "Example:\n  okr webhook add https://hooks.example.com/okr --event check_in.created "
      "--event key_result.status_changed --description 'BI pipeline' --owner "
      "maya@lumen.example");
  webhook_list = webhook->add_subcommand("list", "list the webhooks (never their secrets)");
  webhook_list->add_option("--format", format, "output format")
      ->check(CLI::IsMember({"text", "json"}));
  webhook_list->footer("Example:\n  okr webhook list --format json");
  webhook_remove = webhook->add_subcommand("remove", "remove a webhook and its delivery log");
  webhook_remove->add_option("id", options.id, "the webhook's id")->required();
  webhook_remove->footer(
      "Examples:\n"
      "  okr webhook add https://hooks.example.com/okr --event check_in.created --owner "
      "maya@lumen.example\n"
      "  okr webhook list   # the ids\n"
      "  okr webhook remove 1");
  webhook_deliveries =
      webhook->add_subcommand("deliveries", "a webhook's delivery log, newest first");
  webhook_deliveries->add_option("id", options.id, "the webhook's id")->required();
  webhook_deliveries->add_option("--limit", options.limit, "how many (default 20)");
  webhook_deliveries->add_option("--format", format, "output format")
      ->check(CLI::IsMember({"text", "json"}));
  webhook_deliveries->footer(
      "Examples:\n"
      "  okr webhook add https://hooks.example.com/okr --event check_in.created --owner "
      "maya@lumen.example\n"
      "  okr checkin growth-activation 64 --as ben@lumen.example   # an event to deliver\n"
      "  okr webhook deliveries 1 --limit 5");
  webhook_redeliver = webhook->add_subcommand(
      "redeliver", "send one delivery again (same event id); enables a disabled webhook");
  webhook_redeliver->add_option("id", options.id, "the webhook's id")->required();
  webhook_redeliver->add_option("delivery", options.delivery, "the delivery's id")->required();
  webhook_redeliver->footer(
      "Examples:\n"
      "  okr webhook add https://hooks.example.com/okr --event check_in.created --owner "
      "maya@lumen.example\n"
      "  okr checkin growth-activation 64 --as ben@lumen.example   # an event to deliver\n"
      "  okr webhook deliveries 1   # the deliveries' ids\n"
      "  okr webhook redeliver 1 1");

  auto* chat = cli.add_subcommand(
      "chat",
      "a team's Slack, Microsoft Teams or Mattermost channel: check-ins, key results "
      "off track, grading opened");
  chat->require_subcommand(1);
  chat_add = chat->add_subcommand("add", "post a team's news to a chat channel");
  chat_add->add_option("team", options.team, "the team's key")->required();
  chat_add->add_option("--kind", options.kind, "slack, teams or mattermost")
      ->required()
      ->check(CLI::IsMember({"slack", "teams", "mattermost"}));
  chat_add->add_option("--url", options.url, "the channel's incoming-webhook URL");
  chat_add->add_option("--url-env", options.url_env,
                       "an environment variable holding the URL (keeps it out of `ps`)");
  chat_add->footer(
      "Examples:\n  export SLACK_GROWTH_URL=https://hooks.slack.com/services/T0/B0/the-secret\n"
      "  okr chat add growth --kind slack --url-env SLACK_GROWTH_URL\n"
      "  okr chat add growth --kind teams --url https://example.webhook.office.com/...");
  chat_list = chat->add_subcommand("list", "list chat channels (URLs shortened)");
  chat_list->add_option("--team", options.team, "only this team's");
  chat_list->add_option("--format", format, "output format")
      ->check(CLI::IsMember({"text", "json"}));
  chat_list->footer("Example:\n  okr chat list --team growth");
  chat_remove = chat->add_subcommand("remove", "stop posting to a chat channel");
  chat_remove->add_option("id", options.id, "the channel's id")->required();
  chat_remove->footer(
      "Examples:\n  okr chat add design --kind mattermost --url https://chat.example.com/hooks/x1\n"
      "  okr chat list   # the ids\n"
      "  okr chat remove 1");
  chat_digest = chat->add_subcommand(
      "digest",
      "queue each team's weekly digest for its chat (okr serve does, on Monday mornings)");
  chat_digest->add_flag("--now", digest_now, "for every team now, whatever the day (once a week)");
  chat_digest->footer("Example:\n  okr chat digest --now");

  auto* notify = cli.add_subcommand("notify", "check that notifications reach their endpoints");
  notify->require_subcommand(1);
  notify_test = notify->add_subcommand(
      "test",
      "send one signed test event (type ping) to a webhook, or a test e-mail through the mail "
      "server, and print the answer");
  notify_test->add_option("--webhook", options.url, "the URL to POST it to");
  notify_test->add_option("--email", options.email,
                          "the address to send a test e-mail to (see okr mail set)");
  notify_test->add_option("--secret-env", options.secret_env,
                          "an environment variable holding the signing secret (default: a "
                          "one-time secret, printed)");
  notify_test->footer(
      "Example:\n  okr notify test --webhook https://hooks.example.com/okr --secret-env "
      "OKR_WEBHOOK_SECRET\n  okr notify test --email ana@lumen.example   # after okr mail "
      "set\nExits 0 on a 2xx "
      "answer (or when the mail server takes the e-mail), 1 otherwise.");
}

std::optional<int> run_outbox_command() {
  if (webhook_add && webhook_add->parsed()) return add_webhook();
  if (webhook_list && webhook_list->parsed()) return list_webhooks();
  if (webhook_remove && webhook_remove->parsed()) return remove_webhook();
  if (webhook_deliveries && webhook_deliveries->parsed()) return list_deliveries();
  if (webhook_redeliver && webhook_redeliver->parsed()) return redeliver();
  if (chat_add && chat_add->parsed()) return add_chat();
  if (chat_list && chat_list->parsed()) return list_chat();
  if (chat_remove && chat_remove->parsed()) return remove_chat();
  if (chat_digest && chat_digest->parsed()) return post_chat_digests();
  if (notify_test && notify_test->parsed()) return test_webhook();
  return std::nullopt;
}

}  // namespace okr::cli
