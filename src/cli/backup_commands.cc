// `okr backup FILE` and `okr restore FILE`: a consistent copy of a database that
// okr serve keeps writing, and putting such a copy back.
#include <iostream>

#include "app/backup.h"
#include "cli/commands.h"

namespace okr::cli {
namespace {

CLI::App* backup_cmd = nullptr;
CLI::App* restore_cmd = nullptr;
std::string* db_path = nullptr;
std::string backup_file, restore_file;
bool backup_force = false, restore_force = false;

int backup(const std::string& db) {
  auto store = open(db);
  if (!store) return print_error(store.error(), ""), 1;
  auto done = app::backup_database(**store, backup_file, backup_force);
  if (!done) return print_error(done.error(), ""), 1;
  std::cout << "backed up " << db << " to " << backup_file << "\n";
  return 0;
}

int restore(const std::string& db) {
  auto version = restore_store(restore_file, db, restore_force);
  if (!version) return print_error(version.error(), ""), 1;
  std::cout << "restored " << restore_file << " into " << db << " (schema version " << *version
            << ")\n";
  return 0;
}

}  // namespace

void register_backup_commands(CLI::App& cli, std::string& db) {
  db_path = &db;
  backup_cmd = cli.add_subcommand(
      "backup", "write a consistent copy of the database, safe while okr serve is writing");
  backup_cmd->add_option("file", backup_file, "the backup file to write")->required();
  backup_cmd->add_flag("-f,--force", backup_force, "replace the file if it exists");
  backup_cmd->footer(
      "The copy is taken with SQLite's online backup API: every write acknowledged before the\n"
      "backup began is in it, and it passes an integrity check before it is put in place.\n"
      "Never copy a live database file with cp: the copy can lose acknowledged writes.\n\n"
      "Examples:\n"
      "  okr backup okr-$(date +%F).db\n"
      "  okr --db /var/lib/okr/okr.db backup /backups/okr.db --force");
  restore_cmd =
      cli.add_subcommand("restore", "replace the database with a backup (stop okr serve first)");
  restore_cmd->add_option("file", restore_file, "the backup to restore")
      ->required()
      ->check(CLI::ExistingFile);
  restore_cmd->add_flag("-f,--force,-y,--yes", restore_force,
                        "replace a database that holds data (all of it is replaced)");
  restore_cmd->footer(
      "The backup must pass an integrity check. A database in use (okr serve running on it)\n"
      "is never replaced, and one that holds data only with --force.\n\n"
      "Examples:\n"
      "  okr --db restored.db restore okr-2026-12-01.db     # into a new file\n"
      "  okr --db okr.db restore okr-2026-12-01.db --force  # replace okr.db");
}

std::optional<int> run_backup_command() {
  if (backup_cmd && backup_cmd->parsed()) return backup(*db_path);
  if (restore_cmd && restore_cmd->parsed()) return restore(*db_path);
  return std::nullopt;
}

}  // namespace okr::cli
