// `okr kpi list|record|import`: KPIs beside the OKRs, with their computed health.
#include <boost/json.hpp>
#include <iostream>

#include "app/kpi_board.h"
#include "cli/commands.h"
#include "cli/messages.h"
#include "cli/render.h"
#include "formats/json_model.h"
#include "formats/sprint_report.h"

namespace okr::cli {
namespace {

struct KpiOptions {
  std::optional<std::string> team;
  std::string kpi, at, file, as;
  double value = 0;
};

KpiOptions options;
std::string* db_path = nullptr;
std::string* output_format = nullptr;
CLI::App* list_cmd = nullptr;
CLI::App* record_cmd = nullptr;
CLI::App* import_cmd = nullptr;

std::string value_text(const Kpi& k, double v) {
  std::string text = formats::display_number(v);
  if (!k.unit.empty()) text += k.unit == "%" ? "%" : " " + k.unit;
  return text;
}

std::string range_text(std::optional<double> low, std::optional<double> high) {
  if (low && high) return formats::number_text(*low) + "–" + formats::number_text(*high);
  if (low) return "≥ " + formats::number_text(*low);
  if (high) return "≤ " + formats::number_text(*high);
  return "-";
}

int kpi_list(const std::string& db, const KpiOptions& o, const std::string& format) {
  auto store = open(db);
  if (!store) return print_error(store.error(), ""), 1;
  app::App app(**store);
  auto board = app::kpi_board(app, o.team);
  if (!board) return print_error(board.error(), ""), 1;
  if (format == "json") {
    boost::json::array a;
    for (const auto& s : *board) {
      auto j = formats::to_json(s.kpi).as_object();
      j["team"] = s.team_key.empty() ? boost::json::value(nullptr) : boost::json::value(s.team_key);
      j["health"] = s.health ? boost::json::value(to_string(*s.health)) : nullptr;
      j["latest"] = s.latest
                        ? boost::json::value(boost::json::object{
                              {"value", s.latest->value}, {"at", format_instant(s.latest->at)}})
                        : nullptr;
      boost::json::array krs;
      for (const auto& k : s.key_results) krs.push_back(boost::json::value(k));
      j["key_results"] = std::move(krs);
      a.push_back(std::move(j));
    }
    std::cout << formats::to_text(boost::json::object{{"kpis", std::move(a)}}) << "\n";
    return 0;
  }
  std::vector<std::vector<std::string>> rows{
      {"KPI", "TEAM", "LATEST", "HEALTH", "HEALTHY", "WARNING", "MEASURED", "FOLLOWED BY"}};
  for (const auto& s : *board) {
    std::string followers;
    for (const auto& k : s.key_results) followers += (followers.empty() ? "" : ", ") + k;
    rows.push_back(
        {s.kpi.key, s.team_key.empty() ? "(company)" : s.team_key,
         s.latest ? value_text(s.kpi, s.latest->value) : "-",
         s.health ? std::string(to_string(*s.health)) : (s.latest ? "no range" : "no measurement"),
         range_text(s.kpi.healthy_low, s.kpi.healthy_high),
         range_text(s.kpi.warning_low, s.kpi.warning_high),
         s.latest ? format_instant(s.latest->at).substr(0, 10) : "-",
         followers.empty() ? "-" : followers});
  }
  std::cout << render_table(rows);
  return 0;
}

int kpi_record(const std::string& db, const KpiOptions& o) {
  std::optional<Instant> at;
  if (!o.at.empty()) {
    at = parse_instant(o.at);
    if (!at) {
      std::cerr << error_prefix() << "--at '" << o.at
                << "' is not a time; use 2026-11-23 or 2026-11-23T10:30:00Z\n";
      return 2;
    }
  }
  auto store = open(db);
  if (!store) return print_error(store.error(), ""), 1;
  app::App app(**store);
  auto actor = acting_as(app, o.as);
  if (!actor) return print_error(actor.error(), ""), 1;
  auto m = app::record_measurement(app, o.kpi, o.value, at, *actor);
  if (!m) return print_error(m.error(), ""), 1;
  auto state = app::kpi_state(app, o.kpi);
  if (!state) return print_error(state.error(), ""), 1;
  std::cout << "recorded " << state->kpi.key << " = " << value_text(state->kpi, m->value) << " at "
            << format_instant(m->at);
  if (state->health) std::cout << "; now " << to_string(*state->health);
  std::cout << "\n";
  return 0;
}

int kpi_import(const std::string& db, const KpiOptions& o) {
  std::string err;
  auto text = read_file(o.file, err);
  if (!text) return std::cerr << o.file << ": error: " << err << "\n", 1;
  auto store = open(db);
  if (!store) return print_error(store.error(), ""), 1;
  app::App app(**store);
  auto actor = acting_as(app, o.as);
  if (!actor) return print_error(actor.error(), ""), 1;
  auto summary = app::import_measurements(app, *text, *actor);
  if (!summary) return print_error(summary.error(), o.file), 1;
  std::cout << o.file << ": " << summary->recorded << " measurements recorded, "
            << summary->skipped.size() << " skipped\n";
  for (const auto& s : summary->skipped)
    std::cout << o.file << ":" << s.line << ": skipped: " << s.message << "\n";
  return summary->skipped.empty() ? 0 : 1;
}

}  // namespace

void register_kpi_commands(CLI::App& cli, std::string& db, std::string& format) {
  db_path = &db;
  output_format = &format;
  auto* kpi = cli.add_subcommand("kpi", "list KPIs with their health, record measurements");
  kpi->require_subcommand(1);
  list_cmd = kpi->add_subcommand("list", "KPIs with their latest measurement and health");
  list_cmd->add_option("--team", options.team, "only this team's KPIs");
  list_cmd->add_option("--format", format, "output format")->check(CLI::IsMember({"text", "json"}));
  list_cmd->footer(
      "Health: healthy inside the healthy range, warning inside the warning range, critical\n"
      "outside both (bounds inclusive).\n\nExample:\n  okr kpi list --team platform");
  record_cmd = kpi->add_subcommand("record", "record a KPI measurement");
  record_cmd->add_option("kpi", options.kpi, "the KPI's key")->required();
  record_cmd->add_option("value", options.value, "the measured value")->required();
  record_cmd->add_option("--at", options.at, "when it was measured (ISO 8601; default now)");
  record_cmd->add_option("--as", options.as, "record as this user, with their rights")
      ->envname("OKR_USER");
  record_cmd->footer("Example:\n  okr kpi record api-availability 99.95 --at 2026-11-23");
  import_cmd = kpi->add_subcommand("import", "record KPI measurements from a CSV file");
  import_cmd->add_option("file", options.file, "CSV with the columns kpi, value and at")
      ->required()
      ->check(CLI::ExistingFile);
  import_cmd->add_option("--as", options.as, "record as this user, with their rights")
      ->envname("OKR_USER");
  import_cmd->footer(
      "The file has a header with the columns kpi (key or id), value and, optionally, at\n"
      "(2026-11-23 or 2026-11-23T10:30:00Z; default now). Bad rows are reported with their\n"
      "line and skipped; the others are recorded. Exit status 1 when a row was skipped.\n\n"
      "Examples:\n  printf 'kpi,value,at\\napi-availability,99.97,2026-11-30\\n' > "
      "measurements.csv\n"
      "  okr kpi import measurements.csv");
}

std::optional<int> run_kpi_command() {
  if (list_cmd && list_cmd->parsed()) return kpi_list(*db_path, options, *output_format);
  if (record_cmd && record_cmd->parsed()) return kpi_record(*db_path, options);
  if (import_cmd && import_cmd->parsed()) return kpi_import(*db_path, options);
  return std::nullopt;
}

}  // namespace okr::cli
