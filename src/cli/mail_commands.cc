// `okr mail set|show|off|queue|remind|digest`: the organisation's mail server, what is
// waiting to be sent, and reminders and digests queued now instead of on schedule.
#include <boost/json.hpp>
#include <iostream>

#include "app/mail.h"
#include "cli/commands.h"
#include "cli/render.h"
#include "formats/json_model.h"

namespace okr::cli {
namespace {

namespace json = boost::json;

struct MailOptions {
  std::string smtp, from, user, password_file, public_url, tls = "required", ca_file;
  int limit = 20;
  bool now = false;
};

MailOptions options;
std::string* db_path = nullptr;
std::string* list_format = nullptr;
CLI::App* set_cmd = nullptr;
CLI::App* show_cmd = nullptr;
CLI::App* off_cmd = nullptr;
CLI::App* queue_cmd = nullptr;
CLI::App* remind_cmd = nullptr;
CLI::App* digest_cmd = nullptr;

template <class F>
int with_app(F&& body) {
  auto store = open(*db_path);
  if (!store) return print_error(store.error(), ""), 1;
  app::App app(**store);
  return body(app);
}

int mail_set() {
  auto tls = app::parse_mail_tls(options.tls);
  if (!tls) {
    std::cerr << "okr mail set: --tls is required, opportunistic or none, not '" << options.tls
              << "'\n";
    return 2;
  }
  std::string password;
  if (!options.password_file.empty()) {
    std::string error;
    auto text = read_file(options.password_file, error);
    if (!text) {
      std::cerr << "okr mail set: --password-file: " << error << "\n";
      return 2;
    }
    password = text->substr(0, text->find('\n'));
    if (!password.empty() && password.back() == '\r') password.pop_back();
  }
  return with_app([&](app::App& app) {
    app::MailConfig c{options.smtp,       options.from, options.user,   password,
                      options.public_url, *tls,         options.ca_file};
    auto set = app::set_mail_config(app, c, app::Actor::local_operator());
    if (!set) return print_error(set.error(), ""), 1;
    std::cout << "mail is on: " << set->smtp_url << " (TLS " << to_string(set->tls) << ")"
              << (set->user.empty() ? "" : ", as " + set->user) << ", from " << set->from
              << "; links open " << set->public_url << "\n"
              << "a running okr serve sends it; check with: okr notify test --email ADDRESS\n";
    return 0;
  });
}

int mail_show() {
  return with_app([](app::App& app) {
    auto c = app::mail_config(app);
    if (!c) return print_error(c.error(), ""), 1;
    if (*list_format == "json") {
      json::value v = nullptr;
      if (*c)
        v = json::object{{"smtp_url", (*c)->smtp_url},
                         {"from", (*c)->from},
                         {"user", (*c)->user},
                         {"password", !(*c)->password.empty()},
                         {"public_url", (*c)->public_url},
                         {"tls", to_string((*c)->tls)},
                         {"ca_file", (*c)->ca_file}};
      std::cout << formats::to_text(json::object{{"mail", v}}) << "\n";
      return 0;
    }
    if (!*c) {
      std::cout << "mail is off (turn it on with: okr mail set --smtp URL --from ADDRESS "
                   "--public-url URL)\n";
      return 0;
    }
    const auto& m = **c;
    std::cout << "server:     " << m.smtp_url << " (TLS " << to_string(m.tls) << ")\n"
              << "from:       " << m.from << "\n"
              << "user:       " << (m.user.empty() ? "none (no authentication)" : m.user) << "\n"
              << "password:   " << (m.password.empty() ? "none" : "set (not shown)") << "\n"
              << "links open: " << m.public_url << "\n";
    if (!m.ca_file.empty()) std::cout << "CA file:    " << m.ca_file << "\n";
    return 0;
  });
}

int mail_off() {
  return with_app([](app::App& app) {
    auto r = app::turn_mail_off(app, app::Actor::local_operator());
    if (!r) return print_error(r.error(), ""), 1;
    std::cout << "mail is off: nothing more is queued\n";
    return 0;
  });
}

std::string state_of(const MailMessage& m) {
  if (m.sent_at) return "sent " + format_instant(*m.sent_at);
  if (m.given_up) return "given up: " + m.last_error;
  if (m.attempts)
    return "waiting (" + std::to_string(m.attempts) + " failed: " + m.last_error + ")";
  return "waiting";
}

int mail_queue() {
  return with_app([](app::App& app) {
    auto list = app::list_mail(app, options.limit, app::Actor::local_operator());
    if (!list) return print_error(list.error(), ""), 1;
    if (*list_format == "json") {
      json::array items;
      for (const auto& m : *list)
        items.push_back(json::object{{"id", m.id},
                                     {"to", m.recipient},
                                     {"kind", m.kind},
                                     {"created_at", format_instant(m.created_at)},
                                     {"attempts", m.attempts},
                                     {"sent", m.sent_at.has_value()},
                                     {"given_up", m.given_up},
                                     {"last_error", m.last_error}});
      std::cout << formats::to_text(json::object{{"items", items}}) << "\n";
      return 0;
    }
    if (list->empty()) std::cout << "no e-mail queued or sent\n";
    for (const auto& m : *list)
      std::cout << m.id << "  " << format_instant(m.created_at) << "  " << m.kind << " → "
                << m.recipient << "  " << state_of(m) << "\n";
    return 0;
  });
}

int mail_remind() {
  return with_app([](app::App& app) {
    auto n = app::queue_check_in_reminders(app, app.now());
    if (!n) return print_error(n.error(), ""), 1;
    std::cout << *n << (*n == 1 ? " person" : " people")
              << " reminded of key results due a check-in (each once per cadence period)\n";
    return 0;
  });
}

int mail_digest() {
  return with_app([](app::App& app) {
    auto n = app::queue_digests(app, app.now(), options.now);
    if (!n) return print_error(n.error(), ""), 1;
    std::cout << *n << (*n == 1 ? " digest" : " digests") << " queued"
              << (options.now ? "" : " (only where it is Monday from 08:00; --now for everyone)")
              << "\n";
    return 0;
  });
}

}  // namespace

void register_mail_commands(CLI::App& cli, std::string& db, std::string& format) {
  db_path = &db;
  list_format = &format;
  auto* mail = cli.add_subcommand(
      "mail", "e-mail: the mail server, the queue, reminders and digests sent now");
  mail->require_subcommand(1);
  set_cmd = mail->add_subcommand("set", "send e-mail through an SMTP server (administrators)");
  set_cmd->add_option("--smtp", options.smtp, "smtp://HOST[:PORT] or smtps://HOST[:PORT]")
      ->required();
  set_cmd->add_option("--from", options.from, "the sender's address")->required();
  set_cmd
      ->add_option("--public-url", options.public_url,
                   "where people open okr: every link in an e-mail starts with it")
      ->required();
  set_cmd->add_option("--user", options.user, "the SMTP user (default: no authentication)");
  set_cmd->add_option("--password-file", options.password_file,
                      "a file whose first line is the SMTP password (or set OKR_SMTP_PASSWORD "
                      "or OKR_SMTP_PASSWORD_FILE where okr serve runs)");
  set_cmd->add_option("--tls", options.tls,
                      "required (STARTTLS or smtps, the default), opportunistic, or none");
  set_cmd->add_option("--ca-file", options.ca_file,
                      "certificates to trust besides the system's (an internal CA)");
  set_cmd->footer(
      "Examples:\n  (umask 077; echo 'the mail password' > smtp-password)\n"
      "  okr mail set --smtp smtp://mail.example.com:587 --from okr@example.com "
      "--user okr --password-file smtp-password --public-url https://okr.example.com\n"
      "  okr mail set --smtp smtp://127.0.0.1:25 --tls none --from okr@example.com "
      "--public-url http://localhost:8080");
  show_cmd = mail->add_subcommand("show", "the mail server okr sends through (never the password)");
  show_cmd->add_option("--format", format, "output format")->check(CLI::IsMember({"text", "json"}));
  show_cmd->footer("Example:\n  okr mail show --format json");
  off_cmd = mail->add_subcommand("off", "stop queuing e-mail");
  off_cmd->footer("Example:\n  okr mail off");
  queue_cmd = mail->add_subcommand("queue", "e-mail queued and sent, newest first");
  queue_cmd->add_option("--limit", options.limit, "how many (default 20)")
      ->check(CLI::Range(1, 1000));
  queue_cmd->add_option("--format", format, "output format")
      ->check(CLI::IsMember({"text", "json"}));
  queue_cmd->footer("Example:\n  okr mail queue --limit 5");
  remind_cmd = mail->add_subcommand(
      "remind", "queue check-in reminders now (okr serve also does, every hour)");
  remind_cmd->footer("Example:\n  okr mail remind");
  digest_cmd = mail->add_subcommand(
      "digest", "queue the weekly digests due (okr serve also does, on Monday mornings)");
  digest_cmd->add_flag("--now", options.now, "for everyone now, whatever the day (once a week)");
  digest_cmd->footer("Example:\n  okr mail digest --now");
}

std::optional<int> run_mail_command() {
  if (set_cmd && set_cmd->parsed()) return mail_set();
  if (show_cmd && show_cmd->parsed()) return mail_show();
  if (off_cmd && off_cmd->parsed()) return mail_off();
  if (queue_cmd && queue_cmd->parsed()) return mail_queue();
  if (remind_cmd && remind_cmd->parsed()) return mail_remind();
  if (digest_cmd && digest_cmd->parsed()) return mail_digest();
  return std::nullopt;
}

}  // namespace okr::cli
