// `okr lint`: the writing coach on OKR files (offline) or on a stored cycle.
#include <boost/json/serialize.hpp>
#include <filesystem>
#include <iostream>

#include "app/lint.h"
#include "cli/commands.h"
#include "cli/messages.h"
#include "formats/json_model.h"
#include "formats/lint_config.h"
#include "formats/lint_report.h"

namespace okr::cli {
namespace {

struct LintOptions {
  std::vector<std::string> files;
  std::string config;
  std::optional<std::string> cycle, team;
};

LintOptions lint_options;
CLI::App* lint_cmd = nullptr;
std::string* lint_db = nullptr;
std::string* lint_format = nullptr;

// The config for `file`: --config, else .okr-lint.yaml beside the file, else defaults.
std::optional<coach::Config> config_for(const std::string& file) {
  std::string path = lint_options.config;
  if (path.empty()) {
    auto beside = std::filesystem::path(file).parent_path() / ".okr-lint.yaml";
    if (!std::filesystem::exists(beside)) return coach::Config{};
    path = beside.string();
  }
  std::string err;
  auto text = read_file(path, err);
  if (!text) {
    std::cerr << error_prefix() << err << "\n";
    return std::nullopt;
  }
  auto config = formats::parse_lint_config(*text, path);
  if (!config) {
    std::cerr << config.error().message << "\n";  // already "file:line:col: ..."
    return std::nullopt;
  }
  return *config;
}

void emit(const std::vector<coach::Finding>& findings, const formats::OkrFile& file,
          const std::string& name, boost::json::value& document, bool json) {
  if (json) {
    formats::append_findings(document, findings, file, name);
    return;
  }
  if (findings.empty()) {
    std::size_t krs = 0;
    for (const auto& o : file.objectives) krs += o.key_results.size();
    auto count = [](std::size_t n, const char* what) {
      return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
    };
    std::cout << name << ": no findings (" << count(file.objectives.size(), "objective") << ", "
              << count(krs, "key result") << " checked)\n";
    return;
  }
  std::cout << formats::findings_to_text(findings, file, name);
}

int lint(const std::string& db, const std::string& format) {
  const bool json = format == "json";
  boost::json::value document = boost::json::object{{"findings", boost::json::array()}};
  bool errors = false, failed = false;
  if (lint_options.cycle || lint_options.team) {
    auto store = open(db);
    if (!store) return print_error(store.error(), ""), 1;
    app::App app(**store);
    auto cycle = app.resolve_cycle(lint_options.cycle);
    if (!cycle) return print_error(cycle.error(), ""), 1;
    auto config = config_for(".okr-lint.yaml");
    if (!config) return 1;
    auto result = app::lint_stored(app, cycle->name, lint_options.team, *config);
    if (!result) return print_error(result.error(), ""), 1;
    std::string name = db + ":" + cycle->name;
    emit(result->findings, result->file, name, document, json);
    errors = formats::has_errors(result->findings);
  }
  for (const auto& path : lint_options.files) {
    std::string err;
    auto text = read_file(path, err);
    if (!text) {
      std::cerr << path << ": error: " << err << "\n";
      failed = true;
      continue;
    }
    auto file = formats::parse_okr_yaml(*text);
    if (!file) {
      print_error(file.error(), path);
      failed = true;
      continue;
    }
    auto config = config_for(path);
    if (!config) {
      failed = true;
      continue;
    }
    auto findings = coach::lint(formats::draft_of(*file, formats::team_tree_of(*file)), *config);
    emit(findings, *file, path, document, json);
    errors = errors || formats::has_errors(findings);
  }
  if (json) std::cout << formats::to_text(document) << "\n";
  return errors || failed ? 1 : 0;
}

}  // namespace

void register_lint_command(CLI::App& cli, std::string& db, std::string& format) {
  lint_db = &db;
  lint_format = &format;
  lint_cmd = cli.add_subcommand(
      "lint", "coach OKRs: files offline (CI-friendly), or a stored cycle with --cycle/--team");
  lint_cmd->add_option("files", lint_options.files, "OKR files (YAML) to lint")
      ->check(CLI::ExistingFile);
  lint_cmd
      ->add_option("--config", lint_options.config,
                   "lint settings (default: .okr-lint.yaml beside each file)")
      ->check(CLI::ExistingFile);
  lint_cmd->add_option("--cycle", lint_options.cycle, "lint a stored cycle instead of files");
  lint_cmd->add_option("--team", lint_options.team, "with --cycle: only this team and those below");
  lint_cmd->add_option("--format", format, "output format")->check(CLI::IsMember({"text", "json"}));
  lint_cmd->footer(
      "Exit status: 0 no error-severity finding, 1 an error finding or a failure, 2 usage.\n"
      "Rules, examples and settings: docs/coach.md\n\n"
      "Examples:\n  okr lint examples/acme-2027-q1.yaml\n"
      "  okr lint --cycle 2026-Q4 --team growth --format json   # what is stored");
}

std::optional<int> run_lint_command() {
  if (!lint_cmd || !lint_cmd->parsed()) return std::nullopt;
  if (lint_options.files.empty() && !lint_options.cycle && !lint_options.team) {
    std::cerr << "okr lint: error: give OKR files, or --cycle/--team to lint what is stored\n";
    return 2;
  }
  return lint(*lint_db, *lint_format);
}

}  // namespace okr::cli
