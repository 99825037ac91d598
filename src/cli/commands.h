// Shared helpers of the command implementations, and the registration of the
// commands that live in their own files (lint, serve, user, token).
#pragma once

#include <CLI/CLI.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "app/app.h"
#include "core/result.h"
#include "storage/store.h"

namespace okr::cli {

std::string default_db();
bool stdout_is_terminal();
// Prints "file:line:col: error: message" (or the shorter forms) to stderr.
void print_error(const Error& e, const std::string& file);
// Opens the database; by default a missing file is an error that names it (only the
// commands that set a database up pass OpenMode::create_if_missing).
Result<std::unique_ptr<Store>> open(const std::string& db, OpenMode mode = OpenMode::must_exist);
std::optional<std::string> read_file(const std::string& path, std::string& error);
// Who a command acts as: the user named by --as (or $OKR_USER), with their roles, else
// the local operator (all rights, no author).
Result<app::Actor> acting_as(app::App& app, const std::string& as);

// Progress of a long command on standard error, only when it is a terminal: one line
// rewritten in place ("label: 1200/12000 objectives"), at most ten times a second.
// Quiet when standard error is piped or redirected, so scripts and logs see nothing.
class TerminalProgress {
 public:
  explicit TerminalProgress(std::string label);
  ~TerminalProgress();  // clears the line
  TerminalProgress(const TerminalProgress&) = delete;
  TerminalProgress& operator=(const TerminalProgress&) = delete;

  void operator()(int done, int total, const std::string& what);
  // Clears the line so that the command's own output starts on a clean one.
  void clear();

 private:
  std::string label_;
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point last_{};
  std::string last_what_;
};

// `okr user …`, `okr team …` and `okr token …`.
void register_account_commands(CLI::App& cli, std::string& db, std::string& format);
std::optional<int> run_account_command();

// `okr sso add|list|remove`.
void register_sso_commands(CLI::App& cli, std::string& db, std::string& format);
std::optional<int> run_sso_command();
// `okr scim token …`, and `okr sso map …` and `okr sso access` under `sso`.
void register_scim_commands(CLI::App& cli, CLI::App& sso, std::string& db, std::string& format);
std::optional<int> run_scim_command();

// `okr tracker add|list|remove`.
void register_tracker_commands(CLI::App& cli, std::string& db, std::string& format);
std::optional<int> run_tracker_command();
// `okr webhook …`, `okr chat …` and `okr notify test`.
void register_outbox_commands(CLI::App& cli, std::string& db, std::string& format);
std::optional<int> run_outbox_command();
// `okr mail set|show|off|queue|remind|digest`.
void register_mail_commands(CLI::App& cli, std::string& db, std::string& format);
std::optional<int> run_mail_command();

// `okr lint`.
void register_lint_command(CLI::App& cli, std::string& db, std::string& format);
std::optional<int> run_lint_command();

// `okr backup` and `okr restore`.
void register_backup_commands(CLI::App& cli, std::string& db);
std::optional<int> run_backup_command();

// `okr import-work` and `okr sprint …`.
void register_work_commands(CLI::App& cli, std::string& db, std::string& format);
std::optional<int> run_work_command();

// `okr kpi list|record|import`.
void register_kpi_commands(CLI::App& cli, std::string& db, std::string& format);
std::optional<int> run_kpi_command();

// `okr dependency add|answer|remove|list`.
void register_dependency_commands(CLI::App& cli, std::string& db, std::string& format);
std::optional<int> run_dependency_command();

// `okr comment list|add|reply|edit|delete|viewers` and `okr inbox`.
void register_comment_commands(CLI::App& cli, std::string& db, std::string& format);
std::optional<int> run_comment_command();

// `okr tree`.
void register_tree_command(CLI::App& cli, std::string& db, std::string& format);
std::optional<int> run_tree_command();

// `okr serve`.
void register_serve_command(CLI::App& cli, std::string& db);
std::optional<int> run_serve_command();

// `okr cycle …`, `okr grade …`, `okr health`, `okr remind`, `okr carry-over`,
// `okr report grading` and `okr settings …`.
void register_grading_commands(CLI::App& cli, std::string& db, std::string& format);
std::optional<int> run_grading_command();

// Adds the commands defined outside cli.cc; `db` and `format` are the shared options.
void register_extra_commands(CLI::App& cli, std::string& db, std::string& format);
// Runs whichever of them was parsed; 2 when none was.
int run_extra_command(CLI::App& cli);

}  // namespace okr::cli
