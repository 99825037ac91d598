// `okr import-work` (sprint work from a tracker's CSV export, linked to key results) and
// `okr sprint list|report` (what a sprint delivered, traced to outcomes).
#include <boost/json.hpp>
#include <cmath>
#include <iostream>
#include <map>
#include <sstream>

#include "app/accounts.h"
#include "app/queries.h"
#include "app/resources.h"
#include "app/sprint_report.h"
#include "app/work_import.h"
#include "cli/commands.h"
#include "cli/render.h"
#include "core/scoring.h"
#include "formats/json_model.h"
#include "formats/sprint_report.h"

namespace okr::cli {
namespace {

struct WorkOptions {
  std::string file;
  std::string tracker;
  std::optional<std::string> team;
  std::string link_column;
  std::string as;
  bool json = false;
};

struct SprintOptions {
  std::string sprint;
  std::optional<std::string> team;
  std::string format = "text";
};

WorkOptions options;
SprintOptions sprint_options;
CLI::App* sprint_report_cmd = nullptr;
CLI::App* sprint_list_cmd = nullptr;
std::string* db_path = nullptr;
std::string* output_format = nullptr;
CLI::App* import_work_cmd = nullptr;

int import_work(const std::string& db, const WorkOptions& o) {
  std::string err;
  auto text = read_file(o.file, err);
  if (!text) return std::cerr << o.file << ": error: " << err << "\n", 1;
  auto store = open(db);
  if (!store) return print_error(store.error(), ""), 1;
  app::App app(**store);
  auto actor = o.as.empty() ? Result<app::Actor>(app::Actor::local_operator())
                            : app::Accounts(app).actor_for_email(o.as);
  if (!actor) return print_error(actor.error(), ""), 1;
  app::WorkImportRequest request{std::move(*text), *formats::parse_tracker(o.tracker), o.team,
                                 o.link_column};
  auto summary = app::import_work(app, request, *actor);
  if (!summary) return print_error(summary.error(), o.file), 1;
  if (o.json) {
    boost::json::array skipped, sprints;
    for (const auto& p : summary->skipped)
      skipped.push_back(boost::json::object{{"line", p.line}, {"message", p.message}});
    for (const auto& s : summary->sprints_created) sprints.push_back(boost::json::value(s));
    std::cout << formats::to_text(boost::json::object{{"created", summary->created},
                                                      {"updated", summary->updated},
                                                      {"unchanged", summary->unchanged},
                                                      {"sprints_created", std::move(sprints)},
                                                      {"skipped", std::move(skipped)}})
              << "\n";
  } else {
    std::cout << o.file << ": " << summary->created << " created, " << summary->updated
              << " updated, " << summary->unchanged << " unchanged, " << summary->skipped.size()
              << " skipped\n";
    for (const auto& s : summary->sprints_created)
      std::cout << o.file << ": created sprint " << s
                << " (ending today; correct its dates if they differ)\n";
    for (const auto& p : summary->skipped)
      std::cout << o.file << ":" << p.line << ": skipped: " << p.message << "\n";
  }
  return summary->skipped.empty() ? 0 : 1;
}

std::string value_text(const KeyResult& kr, std::optional<double> v) {
  std::string text = formats::display_number(v.value_or(kr.start));
  if (!kr.unit.empty()) text += kr.unit == "%" ? "%" : " " + kr.unit;
  return v ? text : text + " (baseline)";
}

std::string render_sprint_report(const SprintReport& r) {
  std::ostringstream out;
  out << r.sprint.name << " · " << r.team.name << " (" << format_date(r.sprint.start) << " to "
      << format_date(r.sprint.end) << ")\n";
  if (r.done == 0)
    out << "no work was finished in this sprint\n";
  else
    out << r.linked_done << " of " << r.done << " finished work items ("
        << formats::number_text(std::round(r.linked_share * 1000) / 10)
        << " %) serve a key result\n";
  for (const auto& o : r.objectives) {
    out << "\n" << o.objective.title << "  [" << o.objective.key << ", " << o.team_key << "]\n";
    for (const auto& m : o.key_results) {
      out << "  " << m.key_result.title << "  [" << m.key_result.key << "]\n"
          << "    " << value_text(m.key_result, m.value_at_start) << " -> "
          << value_text(m.key_result, m.value_at_end) << ", score "
          << format_score(m.score_at_start) << " -> " << format_score(m.score_at_end)
          << (m.key_result.kpi_id ? " (follows a KPI)" : "") << "\n";
      for (const auto& i : m.done) out << "    done: " << i.key << "  " << i.title << "\n";
    }
  }
  if (!r.unlinked_done.empty()) {
    out << "\nfinished work serving no key result\n";
    for (const auto& i : r.unlinked_done) out << "  " << i.key << "  " << i.title << "\n";
  }
  if (!r.not_done.empty()) {
    out << "\nnot finished\n";
    for (const auto& i : r.not_done)
      out << "  " << i.key << "  " << i.title << " (" << to_string(i.status) << ")\n";
  }
  return out.str();
}

int sprint_report(const std::string& db, const SprintOptions& o) {
  auto store = open(db);
  if (!store) return print_error(store.error(), ""), 1;
  app::App app(**store);
  auto sprint = app::find_sprint(app, o.sprint, o.team);
  if (!sprint) return print_error(sprint.error(), ""), 1;
  auto report = app::sprint_report(app, sprint->id);
  if (!report) return print_error(report.error(), ""), 1;
  if (o.format == "json")
    std::cout << formats::to_text(formats::to_json(*report)) << "\n";
  else if (o.format == "md")
    std::cout << formats::to_markdown(*report);
  else if (o.format == "csv")
    std::cout << formats::to_csv(*report);
  else
    std::cout << render_sprint_report(*report);
  return 0;
}

int sprint_list(const std::string& db, const SprintOptions& o) {
  auto store = open(db);
  if (!store) return print_error(store.error(), ""), 1;
  app::App app(**store);
  std::optional<Id> team_id;
  std::map<Id, std::string> keys;
  auto teams = app::list_teams(app);
  if (!teams) return print_error(teams.error(), ""), 1;
  for (const auto& t : *teams) {
    keys[t.id] = t.key;
    if (o.team && (t.key == *o.team || std::to_string(t.id) == *o.team)) team_id = t.id;
  }
  if (o.team && !team_id)
    return print_error(Error::not_found("team", "no team '" + *o.team + "'"), ""), 1;
  auto sprints = app::list_sprints(app, team_id);
  if (!sprints) return print_error(sprints.error(), ""), 1;
  if (o.format == "json") {
    boost::json::array a;
    for (const auto& s : *sprints) a.push_back(formats::to_json(s));
    std::cout << formats::to_text(boost::json::object{{"sprints", std::move(a)}}) << "\n";
    return 0;
  }
  std::vector<std::vector<std::string>> rows{{"ID", "TEAM", "NAME", "START", "END"}};
  for (const auto& s : *sprints)
    rows.push_back(
        {std::to_string(s.id), keys[s.team_id], s.name, format_date(s.start), format_date(s.end)});
  std::cout << render_table(rows);
  return 0;
}

}  // namespace

void register_work_commands(CLI::App& cli, std::string& db, std::string& format) {
  db_path = &db;
  output_format = &format;
  import_work_cmd = cli.add_subcommand(
      "import-work", "import sprint work from a Jira, GitHub or GitLab CSV export");
  import_work_cmd->add_option("file", options.file, "the tracker's CSV export")
      ->required()
      ->check(CLI::ExistingFile);
  import_work_cmd->add_option("--format", options.tracker, "which tracker wrote the file")
      ->required()
      ->check(CLI::IsMember({"jira", "github", "gitlab"}));
  import_work_cmd->add_option("--team", options.team,
                              "the team the work belongs to (default: the team of the first key "
                              "result each row links to)");
  import_work_cmd->add_option(
      "--link-column", options.link_column,
      "a column holding the keys of the key results each row serves (default: labels "
      "written kr:KEY)");
  import_work_cmd->add_option("--as", options.as, "import as this user, with their rights")
      ->envname("OKR_USER");
  import_work_cmd->add_flag("--json", options.json, "print the summary as JSON");
  import_work_cmd->footer(
      "Each row becomes an initiative keyed by its issue key; importing the same export again\n"
      "updates those initiatives and never duplicates them. A bad row (no key, an unknown\n"
      "status or key result) is reported with its line and skipped; the others are imported.\n"
      "Exit status 1 when a row was skipped.\n\n"
      "Examples:\n"
      "  printf 'Issue key,Summary,Status,Sprint,Labels\\nGRO-41,Shorter sign-up form,Done,Growth "
      "4,kr:growth-activation\\n' > jira-export.csv\n"
      "  okr import-work jira-export.csv --format jira --team growth\n"
      "  okr import-work jira-export.csv --format jira --team growth --json   # again: no "
      "duplicates");

  auto* sprint = cli.add_subcommand("sprint", "list sprints and report what they delivered");
  sprint->require_subcommand(1);
  sprint_list_cmd = sprint->add_subcommand("list", "list sprints, oldest first");
  sprint_list_cmd->add_option("--team", sprint_options.team, "only this team's sprints");
  sprint_list_cmd->add_option("--format", sprint_options.format, "output format")
      ->check(CLI::IsMember({"text", "json"}));
  sprint_list_cmd->footer("Example:\n  okr sprint list --team growth");
  sprint_report_cmd = sprint->add_subcommand(
      "report", "what a sprint finished, traced to the key results and objectives it serves");
  sprint_report_cmd->add_option("sprint", sprint_options.sprint, "the sprint's name or id")
      ->required();
  sprint_report_cmd->add_option("--team", sprint_options.team,
                                "the sprint's team (needed when teams share a sprint name)");
  sprint_report_cmd->add_option("--format", sprint_options.format, "output format")
      ->check(CLI::IsMember({"text", "json", "md", "csv"}));
  sprint_report_cmd->footer(
      "Shows the work finished in the sprint grouped by the key result and objective it\n"
      "serves, each key result's value and score at the sprint's start and end, the finished\n"
      "work serving no key result, and the share of finished work that is linked.\n\n"
      "Examples:\n"
      "  okr sprint report \"Growth 2\" --team growth\n"
      "  okr sprint report 2 --format md > sprint-2.md\n"
      "  okr sprint report \"Growth 2\" --team growth --format csv > sprint.csv");
}

std::optional<int> run_work_command() {
  if (import_work_cmd && import_work_cmd->parsed()) return import_work(*db_path, options);
  if (sprint_report_cmd && sprint_report_cmd->parsed())
    return sprint_report(*db_path, sprint_options);
  if (sprint_list_cmd && sprint_list_cmd->parsed()) return sprint_list(*db_path, sprint_options);
  return std::nullopt;
}

}  // namespace okr::cli
