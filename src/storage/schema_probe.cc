#include "storage/schema_probe.h"

#include <sqlite3.h>

#include <filesystem>
#include <pqxx/pqxx>

#include "storage/location.h"
#include "storage/postgres/pg_store.h"
#include "storage/store.h"

namespace okr {
namespace {

Result<std::optional<int>> sqlite_schema_version(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec) || std::filesystem::file_size(path, ec) == 0)
    return std::optional<int>{};
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  std::optional<int> version;
  std::string why;
  if (rc == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    rc = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, nullptr);
    if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
      const int v = sqlite3_column_int(st, 0);
      if (v > 0) version = v;
    } else {
      why = sqlite3_errmsg(db);
    }
    sqlite3_finalize(st);
  } else {
    why = db ? sqlite3_errmsg(db) : "cannot open it";
  }
  sqlite3_close(db);
  if (!why.empty())
    return Error{ErrorCode::invalid, "db",
                 "'" + path + "' is not a database okr can read (" + why + ")"};
  return version;
}

}  // namespace

Result<std::optional<int>> stored_schema_version(const std::string& location) {
  if (!postgres::is_postgres_url(location)) return sqlite_schema_version(location);
  try {
    pqxx::connection c(location);
    pqxx::nontransaction w(c);
    if (w.exec("SELECT to_regclass('okr_schema') IS NULL")[0][0].as<bool>())
      return std::optional<int>{};
    auto r = w.exec("SELECT version FROM okr_schema");
    if (r.empty() || r[0][0].as<int>() == 0) return std::optional<int>{};
    return std::optional<int>{r[0][0].as<int>()};
  } catch (const std::exception&) {
    // Opening the store says what is wrong with the location, in its own words.
    auto store = open_store(location, OpenMode::must_exist);
    if (!store) return store.error();
    return Error{ErrorCode::unavailable, "db",
                 "cannot read the schema version of '" + shown_location(location) + "'"};
  }
}

}  // namespace okr
