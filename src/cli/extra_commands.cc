#include "cli/commands.h"

namespace okr::cli {

void register_extra_commands(CLI::App& cli, std::string& db, std::string& format) {
  register_lint_command(cli, db, format);
  register_account_commands(cli, db, format);
  register_sso_commands(cli, db, format);
  register_tracker_commands(cli, db, format);
  register_outbox_commands(cli, db, format);
  register_mail_commands(cli, db, format);
  register_work_commands(cli, db, format);
  register_kpi_commands(cli, db, format);
  register_dependency_commands(cli, db, format);
  register_comment_commands(cli, db, format);
  register_tree_command(cli, db, format);
  register_serve_command(cli, db);
  register_grading_commands(cli, db, format);
  register_backup_commands(cli, db);
}

int run_extra_command(CLI::App& cli) {
  if (auto status = run_lint_command()) return *status;
  if (auto status = run_account_command()) return *status;
  if (auto status = run_sso_command()) return *status;
  if (auto status = run_tracker_command()) return *status;
  if (auto status = run_outbox_command()) return *status;
  if (auto status = run_mail_command()) return *status;
  if (auto status = run_work_command()) return *status;
  if (auto status = run_kpi_command()) return *status;
  if (auto status = run_dependency_command()) return *status;
  if (auto status = run_comment_command()) return *status;
  if (auto status = run_tree_command()) return *status;
  if (auto status = run_serve_command()) return *status;
  if (auto status = run_grading_command()) return *status;
  if (auto status = run_backup_command()) return *status;
  std::cerr << cli.help();
  return 2;
}

}  // namespace okr::cli
