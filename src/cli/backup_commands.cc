// `okr backup FILE` and `okr restore FILE`: a consistent copy of a database that
// okr serve keeps writing, and putting such a copy back; `okr migrate-db`: moving
// everything between SQLite and PostgreSQL.
#include <unistd.h>

#include <iostream>

#include "app/backup.h"
#include "app/migrate_db.h"
#include "cli/commands.h"
#include "cli/messages.h"
#include "storage/location.h"

namespace okr::cli {
namespace {

CLI::App* backup_cmd = nullptr;
CLI::App* restore_cmd = nullptr;
CLI::App* migrate_cmd = nullptr;
std::string migrate_from, migrate_to;
bool migrate_force = false;
std::string* db_path = nullptr;
std::string backup_file, restore_file;
bool backup_force = false, restore_force = false;

int backup(const std::string& db) {
  auto store = open(db);
  if (!store) return print_error(store.error(), ""), 1;
  auto done = app::backup_database(**store, backup_file, backup_force);
  if (!done) return print_error(done.error(), ""), 1;
  std::cout << "backed up " << shown_location(db) << " to " << backup_file << "\n";
  return 0;
}

int restore(const std::string& db) {
  auto version = restore_store(restore_file, db, restore_force);
  if (!version) return print_error(version.error(), ""), 1;
  std::cout << "restored " << restore_file << " into " << shown_location(db) << " (schema version "
            << *version << ")\n";
  return 0;
}

int migrate() {
  if (migrate_from == migrate_to) {
    std::cerr << error_prefix() << "--from and --to name the same database\n";
    return 2;
  }
  // A copy taken while a server writes misses what it writes meanwhile.
  if (database_in_use(migrate_from))
    std::cerr << "okr migrate-db: warning: " << shown_location(migrate_from)
              << " is in use (is okr serve running on it?): what it writes during the copy "
                 "will not be in "
              << shown_location(migrate_to) << "; stop every server on it first\n";
  auto from = open(migrate_from, OpenMode::must_exist);
  if (!from) return print_error(from.error(), ""), 1;
  auto to = open(migrate_to, OpenMode::create_if_missing);
  if (!to) return print_error(to.error(), ""), 1;
  const bool terminal = isatty(STDERR_FILENO) != 0;
  auto report = app::migrate_database(
      **from, **to, migrate_force, [terminal](const std::string& table, std::int64_t rows) {
        if (terminal) std::cerr << "  copied " << table << ": " << rows << " rows\n";
      });
  if (!report) return print_error(report.error(), ""), 1;
  std::int64_t total = 0;
  for (const auto& [table, n] : report->rows) total += n;
  std::cout << "migrated " << total << " rows in " << report->rows.size() << " tables from "
            << shown_location(migrate_from) << " to " << shown_location(migrate_to) << "\n"
            << "verified: every table's row count, and " << report->scores_checked << " scores in "
            << report->cycles_checked << " cycles are the same on both\n";
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
      "A SQLite database is copied with SQLite's online backup API; a PostgreSQL database is\n"
      "copied, from one snapshot, into a SQLite file of the same format. Either way every\n"
      "write acknowledged before the backup began is in it, and the file is put in place\n"
      "only when complete. Never copy a live database file with cp: the copy can lose\n"
      "acknowledged writes.\n\n"
      "Examples:\n"
      "  okr backup okr-$(date +%F).db\n"
      "  okr backup nightly.db --force     # replace last night's\n"
      "  okr --db postgres://okr@db.internal/okr backup /backups/okr-$(date +%F).db");
  restore_cmd =
      cli.add_subcommand("restore", "replace the database with a backup (stop okr serve first)");
  restore_cmd->add_option("file", restore_file, "the backup to restore")
      ->required()
      ->check(CLI::ExistingFile);
  restore_cmd->add_flag("-f,--force,-y,--yes", restore_force,
                        "replace a database that holds data (all of it is replaced)");
  restore_cmd->footer(
      "The backup must pass an integrity check. A SQLite database in use (okr serve running\n"
      "on it) is never replaced, and any database that holds data only with --force. Into\n"
      "PostgreSQL the backup is copied in one transaction: all of it or nothing.\n\n"
      "Examples:\n"
      "  okr backup okr-2026-12-01.db\n"
      "  okr --db restored.db restore okr-2026-12-01.db     # into a new file\n"
      "  okr --db okr.db restore okr-2026-12-01.db --force  # replace okr.db\n"
      "  okr --db postgres://okr@db.internal/okr restore okr-2026-12-01.db");
  migrate_cmd = cli.add_subcommand(
      "migrate-db", "copy everything from one database to another (SQLite <-> PostgreSQL)");
  migrate_cmd->add_option("--from", migrate_from, "the database to copy (file or postgres:// URL)")
      ->required();
  migrate_cmd->add_option("--to", migrate_to, "the database to fill (file or postgres:// URL)")
      ->required();
  migrate_cmd->add_flag("-f,--force", migrate_force,
                        "replace a target that holds data (all of it is replaced)");
  migrate_cmd->footer(
      "Copies every row (organisation, OKRs, check-in history, accounts, sessions, audit log)\n"
      "with its ids, in one transaction of the target, then verifies the copy: each table's\n"
      "row count, and every score of every cycle computed on both sides. Stop okr serve on the\n"
      "source first. A PostgreSQL target must exist (createdb); okr creates its tables.\n\n"
      "Examples:\n"
      "  okr migrate-db --from okr.db --to copy.db\n"
      "  okr migrate-db --from okr.db --to postgres://okr@db.internal/okr\n"
      "  okr migrate-db --from postgres://okr@db.internal/okr --to okr.db --force");
}

std::optional<int> run_backup_command() {
  if (backup_cmd && backup_cmd->parsed()) return backup(*db_path);
  if (restore_cmd && restore_cmd->parsed()) return restore(*db_path);
  if (migrate_cmd && migrate_cmd->parsed()) return migrate();
  return std::nullopt;
}

}  // namespace okr::cli
