// `okr dependency add|answer|remove|list`: what a key result needs from another team.
#include <boost/json.hpp>
#include <iostream>

#include "app/dependencies.h"
#include "cli/commands.h"
#include "cli/render.h"
#include "formats/json_model.h"

namespace okr::cli {
namespace {

struct DependencyOptions {
  std::string key_result, team, note, as, state, answer;
  Id id = 0;
  std::optional<std::string> cycle, asked_of, asked_by, only;
};

DependencyOptions options;
std::string* db_path = nullptr;
std::string* output_format = nullptr;
CLI::App* add_cmd = nullptr;
CLI::App* answer_cmd = nullptr;
CLI::App* remove_cmd = nullptr;
CLI::App* list_cmd = nullptr;

std::string line_of(const app::DependencyView& v) {
  std::string s = "#" + std::to_string(v.dependency.id) + " " + v.key_result.key + " (" +
                  v.asking_team + ") needs " + v.needed_team + ": " +
                  std::string(to_string(v.dependency.state));
  if (!v.dependency.note.empty()) s += " — " + v.dependency.note;
  if (!v.dependency.answer.empty()) s += " (answer: " + v.dependency.answer + ")";
  return s;
}

template <class F>
int with_app(F&& f) {
  auto store = open(*db_path);
  if (!store) return print_error(store.error(), ""), 1;
  app::App app(**store);
  auto actor = acting_as(app, options.as);
  if (!actor) return print_error(actor.error(), ""), 1;
  return f(app, *actor);
}

int dependency_add() {
  return with_app([](app::App& app, const app::Actor& actor) {
    auto d = app::ask_dependency(app, options.key_result, options.team, options.note, actor);
    if (!d) return print_error(d.error(), ""), 1;
    std::cout << "asked " << d->needed_team << " for key result " << d->key_result.key
              << " (dependency " << d->dependency.id << "); it stays a risk until "
              << d->needed_team << " confirms\n";
    return 0;
  });
}

int dependency_answer() {
  auto state = parse_dependency_state(options.state);
  return with_app([&](app::App& app, const app::Actor& actor) {
    auto d = app::answer_dependency(app, options.id, std::nullopt, *state, options.answer, actor);
    if (!d) return print_error(d.error(), ""), 1;
    std::cout << line_of(*d) << "\n";
    return 0;
  });
}

int dependency_remove() {
  return with_app([](app::App& app, const app::Actor& actor) {
    auto r = app::withdraw_dependency(app, options.id, std::nullopt, actor);
    if (!r) return print_error(r.error(), ""), 1;
    std::cout << "withdrew dependency " << options.id << "\n";
    return 0;
  });
}

int dependency_list(const std::string& format) {
  app::DependencyQuery q{options.cycle, options.asked_of, options.asked_by, std::nullopt};
  if (options.only) q.state = parse_dependency_state(*options.only);
  return with_app([&](app::App& app, const app::Actor&) {
    auto list = app::list_dependencies(app, q);
    if (!list) return print_error(list.error(), ""), 1;
    if (format == "json") {
      boost::json::array a;
      for (const auto& v : *list) a.push_back(formats::to_json(v.dependency, v.names()));
      std::cout << formats::to_text(boost::json::object{{"dependencies", std::move(a)}}) << "\n";
      return 0;
    }
    if (list->empty()) {
      std::cout << "no dependencies\n";
      return 0;
    }
    std::vector<std::vector<std::string>> rows{
        {"ID", "KEY RESULT", "ASKED BY", "NEEDS", "STATE", "NOTE", "ANSWER"}};
    for (const auto& v : *list)
      rows.push_back({std::to_string(v.dependency.id), v.key_result.key, v.asking_team,
                      v.needed_team, std::string(to_string(v.dependency.state)),
                      v.dependency.note.empty() ? "-" : v.dependency.note,
                      v.dependency.answer.empty() ? "-" : v.dependency.answer});
    std::cout << render_table(rows);
    return 0;
  });
}

}  // namespace

void register_dependency_commands(CLI::App& cli, std::string& db, std::string& format) {
  db_path = &db;
  output_format = &format;
  auto* dep = cli.add_subcommand(
      "dependency", "declare what a key result needs from another team, and answer for yours");
  dep->require_subcommand(1);
  dep->footer(
      "A dependency stays a risk on its key result (in `okr status`, the summary and the\n"
      "team pages) until the team asked confirms it.\n\n"
      "Examples:\n"
      "  okr dependency add growth-activation platform --note \"sign-up answers in 200 ms by "
      "March\"\n"
      "  okr dependency list --asked-of platform\n"
      "  okr dependency answer 2 confirmed --answer \"in sprint 14\"");

  add_cmd = dep->add_subcommand("add", "ask another team for what a key result needs");
  add_cmd->add_option("key_result", options.key_result, "the key result (key or id)")->required();
  add_cmd->add_option("team", options.team, "the team whose work is needed (key or id)")
      ->required();
  add_cmd->add_option("--note", options.note, "what is needed, and by when");
  add_cmd->add_option("--as", options.as, "ask as this user, with their rights")
      ->envname("OKR_USER");
  add_cmd->footer(
      "Example:\n  okr dependency add collab-retention design --note \"an onboarding checklist "
      "design by week 4\"");

  answer_cmd = dep->add_subcommand("answer", "confirm or decline a dependency on your team");
  answer_cmd->add_option("id", options.id, "the dependency's number")->required();
  answer_cmd->add_option("state", options.state, "confirmed or declined")
      ->required()
      ->check(CLI::IsMember({"confirmed", "declined"}));
  answer_cmd->add_option("--answer", options.answer, "a word for the asking team");
  answer_cmd->add_option("--as", options.as, "answer as this user, with their rights")
      ->envname("OKR_USER");
  answer_cmd->footer("Example:\n  okr dependency answer 2 declined --answer \"not this quarter\"");

  remove_cmd = dep->add_subcommand("remove", "withdraw a dependency your team declared");
  remove_cmd->add_option("id", options.id, "the dependency's number")->required();
  remove_cmd->add_option("--as", options.as, "withdraw as this user, with their rights")
      ->envname("OKR_USER");
  remove_cmd->footer("Example:\n  okr dependency remove 1");

  list_cmd = dep->add_subcommand("list", "the dependencies of a cycle");
  list_cmd->add_option("--cycle", options.cycle, "the cycle (default: the current one)");
  list_cmd->add_option("--asked-of", options.asked_of, "only those asked of this team");
  list_cmd->add_option("--asked-by", options.asked_by, "only those this team asked");
  list_cmd->add_option("--state", options.only, "only pending, confirmed or declined ones")
      ->check(CLI::IsMember({"pending", "confirmed", "declined"}));
  list_cmd->add_option("--format", format, "output format")->check(CLI::IsMember({"text", "json"}));
  list_cmd->footer("Example:\n  okr dependency list --asked-of platform --state pending");
}

std::optional<int> run_dependency_command() {
  if (add_cmd && add_cmd->parsed()) return dependency_add();
  if (answer_cmd && answer_cmd->parsed()) return dependency_answer();
  if (remove_cmd && remove_cmd->parsed()) return dependency_remove();
  if (list_cmd && list_cmd->parsed()) return dependency_list(*output_format);
  return std::nullopt;
}

}  // namespace okr::cli
