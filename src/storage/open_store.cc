#include <sqlite3.h>

#include <filesystem>

#include "storage/location.h"
#include "storage/open_replicated.h"
#include "storage/postgres/pg_store.h"
#include "storage/sqlite/sqlite_store.h"
#include "storage/store.h"

namespace okr {

std::string shown_location(const std::string& location) {
  // postgres://user:secret@host/db → postgres://user:***@host/db
  if (!postgres::is_postgres_url(location)) return location;
  const auto scheme = location.find("://");
  const auto at = location.find('@', scheme + 3);
  if (at == std::string::npos) return location;
  const auto colon = location.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return location;
  return location.substr(0, colon + 1) + "***" + location.substr(at);
}

bool database_in_use(const std::string& location) {
  if (postgres::is_postgres_url(location)) return postgres::other_connections(location) > 0;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(location, ec)) return false;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(location.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return false;
  }
  sqlite3_busy_timeout(db, 0);
  // As a restore does: the exclusive lock is refused while anyone else has it open.
  bool in_use = false;
  if (sqlite3_exec(db, "PRAGMA locking_mode = EXCLUSIVE", nullptr, nullptr, nullptr) == SQLITE_OK) {
    const int rc = sqlite3_exec(db, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr) & 0xff;
    in_use = rc == SQLITE_BUSY || rc == SQLITE_LOCKED;
    if (!in_use) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  sqlite3_close(db);
  return in_use;
}

Result<std::unique_ptr<Store>> open_store(const std::string& location, OpenMode mode,
                                          const std::string& read_location) {
  if (read_location.empty()) return open_store(location, mode);
  if (!postgres::is_postgres_url(location))
    return Error{ErrorCode::invalid, "db-read",
                 "--db-read needs a PostgreSQL --db (a postgres:// URL); '" + location +
                     "' is a SQLite file, which has no read replicas"};
  if (!postgres::is_postgres_url(read_location))
    return Error{
        ErrorCode::invalid, "db-read",
        "--db-read '" + shown_location(read_location) + "' is not a postgres:// URL of a standby"};
  try {
    return std::unique_ptr<Store>(std::make_unique<postgres::PgStore>(
        location, mode == OpenMode::create_if_missing, read_location));
  } catch (const StoreError& e) {
    return e.to_error();
  }
}

Result<std::unique_ptr<Store>> open_store(const std::string& location, OpenMode mode) {
  if (postgres::is_postgres_url(location)) {
    // The database itself must exist on the server (createdb); okr creates its tables.
    try {
      return std::unique_ptr<Store>(
          std::make_unique<postgres::PgStore>(location, mode == OpenMode::create_if_missing));
    } catch (const StoreError& e) {
      return e.to_error();
    }
  }
  if (mode == OpenMode::must_exist && location != ":memory:") {
    std::error_code ec;
    if (!std::filesystem::exists(location, ec))
      return Error{
          ErrorCode::not_found, "db",
          "database '" + location +
              "' does not exist; create it with 'okr init --create' or 'okr demo', or point "
              "--db (or $OKR_DB) at an existing file"};
  }
  try {
    return std::unique_ptr<Store>(std::make_unique<sqlite::SqliteStore>(location));
  } catch (const StoreError& e) {
    return e.to_error();
  }
}

}  // namespace okr
