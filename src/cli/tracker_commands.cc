// `okr tracker add|list|remove`: the trackers (GitHub, GitLab, Jira) whose webhooks
// keep initiatives current.
#include <boost/json.hpp>
#include <cstdlib>
#include <iostream>

#include "app/trackers.h"
#include "cli/commands.h"
#include "cli/render.h"
#include "formats/json_model.h"

namespace okr::cli {
namespace {

struct TrackerOptions {
  std::string name, source, team, secret_file, secret_env;
};

TrackerOptions options;
std::string* db_path = nullptr;
std::string* list_format = nullptr;
CLI::App* add_cmd = nullptr;
CLI::App* list_cmd = nullptr;
CLI::App* remove_cmd = nullptr;

// The secret from its file (first line) or environment variable, "" when neither is
// given (one is made); nullopt after saying what went wrong. Never echoed.
std::optional<std::string> given_secret(const TrackerOptions& o) {
  std::string secret;
  if (!o.secret_file.empty()) {
    std::string error;
    auto text = read_file(o.secret_file, error);
    if (!text) {
      std::cerr << "okr tracker add: --secret-file: " << error << "\n";
      return std::nullopt;
    }
    secret = text->substr(0, text->find('\n'));
  } else if (!o.secret_env.empty()) {
    const char* v = std::getenv(o.secret_env.c_str());
    if (!v || !*v) {
      std::cerr << "okr tracker add: the environment variable " << o.secret_env << " is not set\n";
      return std::nullopt;
    }
    secret = v;
  }
  if (!secret.empty() && secret.back() == '\r') secret.pop_back();
  return secret;
}

int tracker_add(const std::string& db, const TrackerOptions& o) {
  if (!o.secret_file.empty() && !o.secret_env.empty()) {
    std::cerr << "okr tracker add: give the secret with --secret-file or --secret-env, not both\n";
    return 2;
  }
  auto secret = given_secret(o);
  if (!secret) return 1;
  auto store = open(db);
  if (!store) return print_error(store.error(), ""), 1;
  app::App app(**store);
  app::NewTracker t;
  t.name = o.name;
  t.source = *formats::parse_tracker(o.source);
  if (!o.team.empty()) t.team = o.team;
  t.secret = *secret;
  auto added = app::Trackers(app).add(t, app::Actor::local_operator());
  if (!added) return print_error(added.error(), ""), 1;
  std::cout << "added tracker " << added->tracker.name << " (" << o.source << ")\n"
            << "its webhook's address: <okr address>/api/v1/hooks/" << o.source << "\n";
  if (added->secret)
    std::cout << "its secret, shown this once (give it to " << o.source
              << " with the address): " << *added->secret << "\n";
  return 0;
}

int tracker_list(const std::string& db, const std::string& format) {
  auto store = open(db);
  if (!store) return print_error(store.error(), ""), 1;
  app::App app(**store);
  auto list = app::Trackers(app).list(app::Actor::local_operator());
  if (!list) return print_error(list.error(), ""), 1;
  if (format == "json") {
    boost::json::array a;
    for (const auto& t : *list)
      a.push_back(boost::json::object{
          {"name", t.name},
          {"source", std::string(formats::to_string(t.source))},
          {"team", t.team ? boost::json::value(*t.team) : boost::json::value(nullptr)},
          {"created_at", format_instant(t.created_at)}});
    std::cout << formats::to_text(boost::json::object{{"trackers", std::move(a)}}) << "\n";
    return 0;
  }
  std::vector<std::vector<std::string>> rows{{"NAME", "SOURCE", "TEAM", "ADDRESS", "ADDED"}};
  for (const auto& t : *list) {
    std::string source(formats::to_string(t.source));
    rows.push_back({t.name, source, t.team.value_or("(each key result's)"),
                    "/api/v1/hooks/" + source, format_instant(t.created_at)});
  }
  std::cout << render_table(rows);
  return 0;
}

int tracker_remove(const std::string& db, const std::string& name) {
  auto store = open(db);
  if (!store) return print_error(store.error(), ""), 1;
  app::App app(**store);
  auto r = app::Trackers(app).remove(name, app::Actor::local_operator());
  if (!r) return print_error(r.error(), ""), 1;
  std::cout << "removed tracker " << name
            << "; its deliveries are refused from now on, and the work it brought stays\n";
  return 0;
}

}  // namespace

void register_tracker_commands(CLI::App& cli, std::string& db, std::string& format) {
  db_path = &db;
  list_format = &format;
  auto* tracker = cli.add_subcommand(
      "tracker", "the trackers (GitHub, GitLab, Jira) whose webhooks keep sprint work current");
  tracker->require_subcommand(1);
  add_cmd = tracker->add_subcommand(
      "add", "add a tracker; its webhook updates the initiatives its issues' kr:KEY labels link");
  add_cmd->add_option("name", options.name, "a short name: a–z, 0–9 and '-'")->required();
  add_cmd->add_option("--source", options.source, "github, gitlab or jira")
      ->required()
      ->check(CLI::IsMember({"github", "gitlab", "jira"}));
  add_cmd->add_option("--team", options.team,
                      "the team its work belongs to (default: each key result's team)");
  add_cmd->add_option("--secret-file", options.secret_file,
                      "a file whose first line is the webhook's secret (default: a new one)");
  add_cmd->add_option("--secret-env", options.secret_env,
                      "an environment variable holding the webhook's secret");
  add_cmd->footer(
      "Examples:\n"
      "  okr tracker add github-web --source github --team growth\n"
      "  openssl rand -hex 24 > gitlab-token   # the secret to give GitLab too\n"
      "  okr tracker add gitlab-app --source gitlab --secret-file gitlab-token\n"
      "Without --secret-file or --secret-env a secret is made and printed once.");
  list_cmd = tracker->add_subcommand("list", "list the trackers (never their secrets)");
  list_cmd->add_option("--format", format, "output format")->check(CLI::IsMember({"text", "json"}));
  list_cmd->footer("Example:\n  okr tracker list --format json");
  remove_cmd = tracker->add_subcommand(
      "remove", "remove a tracker: its deliveries are refused; its work stays");
  remove_cmd->add_option("name", options.name, "the tracker's name")->required();
  remove_cmd->footer(
      "Examples:\n  okr tracker add jira-cloud --source jira\n  okr tracker remove jira-cloud");
}

std::optional<int> run_tracker_command() {
  if (add_cmd && add_cmd->parsed()) return tracker_add(*db_path, options);
  if (list_cmd && list_cmd->parsed()) return tracker_list(*db_path, *list_format);
  if (remove_cmd && remove_cmd->parsed()) return tracker_remove(*db_path, options.name);
  return std::nullopt;
}

}  // namespace okr::cli
