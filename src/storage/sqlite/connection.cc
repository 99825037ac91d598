#include "storage/sqlite/connection.h"

#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>

#include "storage/store.h"

namespace okr::sqlite {

void raise(sqlite3* db, int rc, std::string_view context) {
  std::string detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  int primary = rc & 0xff;
  if (primary == SQLITE_CONSTRAINT) {
    // "UNIQUE constraint failed: objectives.key" → field "key".
    std::string field;
    if (auto dot = detail.rfind('.'); dot != std::string::npos) field = detail.substr(dot + 1);
    if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
      throw StoreError(ErrorCode::conflict, "already exists (" + detail + ")", field);
    if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
      throw StoreError(
          ErrorCode::invalid,
          "refers to something that does not exist, or is still referred to (" + detail + ")");
    throw StoreError(ErrorCode::invalid, "breaks a rule of the database (" + detail + ")", field);
  }
  if (primary == SQLITE_FULL)
    throw StoreError(ErrorCode::unavailable,
                     "the disk holding the database is full; nothing was written (" + detail + ")");
  if (primary == SQLITE_READONLY) {
    // Commonly a file created by root for a service that runs as another account: the
    // local operator learns which file and which account (the internal part, never shown
    // to an API client), so that the fix is plain.
    const char* file = db ? sqlite3_db_filename(db, "main") : nullptr;
    passwd entry{};
    passwd* user = nullptr;
    char buffer[1024];
    getpwuid_r(geteuid(), &entry, buffer, sizeof buffer, &user);  // getpwuid is not thread-safe
    std::string where = file && *file ? "'" + std::string(file) + "'" : "the database";
    if (user && user->pw_name) where += " as user " + std::string(user->pw_name);
    throw StoreError(ErrorCode::unavailable,
                     "the database file is read-only to the user okr runs as: give that user "
                     "write access to the file and its folder; nothing was written",
                     {}, where + ": " + detail);
  }
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
    throw StoreError(ErrorCode::busy, "the database is busy; try again (" + detail + ")");
  throw StoreError(ErrorCode::io, std::string(context) + ": " + detail);
}

void Cursor::bind(std::int64_t v) {
  int rc = sqlite3_bind_int64(stmt_, next_++, v);
  if (rc != SQLITE_OK) raise(db_, rc, "bind");
}

void Cursor::bind(double v) {
  int rc = sqlite3_bind_double(stmt_, next_++, v);
  if (rc != SQLITE_OK) raise(db_, rc, "bind");
}

void Cursor::bind(std::string_view v) {
  int rc = sqlite3_bind_text64(stmt_, next_++, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK) raise(db_, rc, "bind");
}

void Cursor::bind(std::nullptr_t) {
  int rc = sqlite3_bind_null(stmt_, next_++);
  if (rc != SQLITE_OK) raise(db_, rc, "bind");
}

bool Cursor::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  raise(db_, sqlite3_extended_errcode(db_), "query");
}

sql::ValueKind Cursor::kind(int col) const {
  switch (sqlite3_column_type(stmt_, col)) {
    case SQLITE_NULL:
      return sql::ValueKind::null;
    case SQLITE_INTEGER:
      return sql::ValueKind::integer;
    case SQLITE_FLOAT:
      return sql::ValueKind::real;
    default:
      return sql::ValueKind::text;
  }
}

std::string Cursor::text(int col) const {
  auto p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  if (!p) return {};
  return std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

namespace {

// Before the first connection: SQLite keeps no count of the memory it allocates. The
// count takes one process-wide mutex on every allocation, which readers on every
// core then queue for; nothing here reads it.
void configure_sqlite() {
  static std::once_flag once;
  std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

// The page cache of each connection, in KiB: OKR_SQLITE_CACHE_KB, or SQLite's own 2,000
// when it is not set (0 here). A server holds a connection for each thread that reads or
// writes at once, so its memory grows by up to this much per connection as the caches
// fill. Throws StoreError naming the variable when it is not a number from 64 to 1048576.
int cache_kib() {
  const char* v = std::getenv("OKR_SQLITE_CACHE_KB");
  if (!v || !*v) return 0;
  char* end = nullptr;
  const long n = std::strtol(v, &end, 10);
  if (*end != '\0' || n < 64 || n > 1048576)
    throw StoreError(ErrorCode::invalid,
                     "OKR_SQLITE_CACHE_KB must be a whole number of KiB from "
                     "64 to 1048576, not '" +
                         std::string(v) + "'");
  return static_cast<int>(n);
}

}  // namespace

Connection::Connection(const std::string& path) {
  configure_sqlite();
  int rc = sqlite3_open_v2(
      path.c_str(), &db_,
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE,
      nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw StoreError(ErrorCode::io, "cannot open database '" + path + "': " + msg);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 5000);
  try {
    exec("PRAGMA foreign_keys = ON");
    use_wal();  // fails here when the file is not a database
    exec("PRAGMA synchronous = FULL");
    if (const int kib = cache_kib()) exec(("PRAGMA cache_size = -" + std::to_string(kib)).c_str());
  } catch (...) {
    // The destructor does not run for a constructor that throws.
    sqlite3_close(db_);
    db_ = nullptr;
    throw;
  }
}

void Connection::use_wal() {
  // Turning a new file to WAL needs it alone for a moment, and SQLite answers
  // SQLITE_BUSY at once, without its busy handler, while another connection (another
  // server starting on the same new file) holds it. Once one of them has made the
  // file WAL, asking again is a no-op, so a short wait and retry settles it.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  for (int attempt = 1;; ++attempt) {
    char* err = nullptr;
    int rc = sqlite3_exec(db_, "PRAGMA journal_mode = WAL", nullptr, nullptr, &err);
    sqlite3_free(err);
    if (rc == SQLITE_OK) return;
    if (rc != SQLITE_BUSY || std::chrono::steady_clock::now() > deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(std::min(attempt, 20)));
  }
  exec("PRAGMA journal_mode = WAL");  // once more, to report what stands in the way
}

Connection::~Connection() {
  cache_.clear();  // finalises every statement before the connection closes
  sqlite3_close(db_);
}

Statement Connection::prepare(std::string_view sql) {
  std::string key(sql);
  auto it = cache_.find(key);
  if (it == cache_.end()) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, key.c_str(), static_cast<int>(key.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) raise(db_, rc, "prepare");
    it = cache_.emplace(std::move(key), std::make_unique<Cursor>(db_, stmt)).first;
  }
  return Statement(it->second.get());
}

void Connection::run_cached(const char* sql) {
  auto st = prepare(sql);
  st.step();
}

void Connection::exec(const char* sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    if ((rc & 0xff) == SQLITE_NOTADB)
      throw StoreError(ErrorCode::io, "the file is not an okr database (" + msg + ")");
    raise(db_, sqlite3_extended_errcode(db_), msg);
  }
}

}  // namespace okr::sqlite
