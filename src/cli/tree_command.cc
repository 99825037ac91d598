// `okr tree`: the alignment of a cycle's objectives, with orphans, level skips and each
// function's share per company objective.
#include <boost/json.hpp>
#include <cmath>
#include <iostream>
#include <sstream>

#include "app/cycle_alignment.h"
#include "cli/commands.h"
#include "core/scoring.h"
#include "formats/alignment_report.h"
#include "formats/json_model.h"
#include "formats/sprint_report.h"

namespace okr::cli {
namespace json = boost::json;
namespace {

std::optional<std::string> cycle;
std::string* db_path = nullptr;
std::string* output_format = nullptr;
CLI::App* tree_cmd = nullptr;

std::string team_key(const app::CycleAlignment& a, Id id) {
  auto it = a.teams.find(id);
  return it == a.teams.end() ? "?" : it->second.key;
}

void render_node(std::ostringstream& out, const app::CycleAlignment& a, const AlignedObjective& n,
                 int depth) {
  out << std::string(static_cast<std::size_t>(depth) * 2, ' ') << format_score(n.score) << "  "
      << n.objective.title << "  [" << n.objective.key << ", " << n.team_key << "]";
  if (auto it = a.contributors.find(n.objective.id); it != a.contributors.end()) {
    out << "  with";
    for (const auto& k : it->second) out << " " << k;
  }
  if (n.objective.parent_key_result_id)
    if (auto it = a.key_result_keys.find(*n.objective.parent_key_result_id);
        it != a.key_result_keys.end())
      out << "  → " << it->second;
  out << "\n";
  for (const auto& c : n.children) render_node(out, a, c, depth + 1);
}

std::string render(const app::CycleAlignment& a) {
  const auto& r = a.report;
  std::ostringstream out;
  out << "alignment of " << a.cycle.name << "\n\n";
  for (const auto& n : r.roots) render_node(out, a, n, 0);
  out << "\norphans (team objectives aligned to nothing): " << r.orphans.size() << "\n";
  for (const auto& o : r.orphans)
    out << "  " << o.title << "  [" << o.key << ", " << team_key(a, o.team_id) << "]\n";
  out << "\nlevel skips: " << r.level_skips.size() << "\n";
  for (const auto& s : r.level_skips) {
    out << "  " << s.objective.key << " (" << team_key(a, s.objective.team_id)
        << ") aligns straight to " << s.parent.key << " (" << team_key(a, s.parent.team_id)
        << ") past";
    for (Id t : s.teams_between) out << " " << team_key(a, t);
    out << "\n";
  }
  out << "\nshare of each function's objectives serving each company objective\n";
  for (const auto& f : r.functions) {
    out << "  " << f.function << " (" << f.objectives << "):";
    for (const auto& c : r.company_objectives)
      out << "  " << c.key << " " << formats::number_text(std::round(f.share(c.id) * 100)) << " %";
    out << "  unaligned "
        << formats::number_text(std::round(f.objectives ? 100.0 * f.unaligned / f.objectives : 0))
        << " %\n";
  }
  return out.str();
}

int tree(const std::string& db, const std::string& format) {
  auto store = open(db);
  if (!store) return print_error(store.error(), ""), 1;
  app::App app(**store);
  auto a = app::cycle_alignment(app, cycle);
  if (!a) return print_error(a.error(), ""), 1;
  if (format == "json") {
    auto doc = formats::to_json(a->report, a->team_keys, a->contributors, a->key_result_keys);
    doc.emplace("cycle", a->cycle.name);
    std::cout << formats::to_text(doc) << "\n";
  } else {
    std::cout << render(*a);
  }
  return 0;
}

}  // namespace

void register_tree_command(CLI::App& cli, std::string& db, std::string& format) {
  db_path = &db;
  output_format = &format;
  tree_cmd = cli.add_subcommand(
      "tree", "the alignment tree with scores, orphans, level skips and shares per function");
  tree_cmd->add_option("--cycle", cycle, "cycle name (default: the cycle containing today)");
  tree_cmd->add_option("--format", format, "output format")->check(CLI::IsMember({"text", "json"}));
  tree_cmd->footer(
      "Orphans are objectives of teams below the top that align to nothing. A level skip is a\n"
      "team objective aligned straight to one two or more levels up although a team in\n"
      "between has objectives this cycle.\n\nExamples:\n  okr tree\n"
      "  okr tree --cycle 2026-Q3 --format json");
}

std::optional<int> run_tree_command() {
  if (tree_cmd && tree_cmd->parsed()) return tree(*db_path, *output_format);
  return std::nullopt;
}

}  // namespace okr::cli
