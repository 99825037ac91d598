// Online backup and restore of a SQLite database, with SQLite's backup API: a
// consistent copy while other connections write, never a plain file copy (which
// can catch the database and its write-ahead log at different moments).
#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "storage/postgres/pg_store.h"
#include "storage/sqlite/connection.h"
#include "storage/sqlite/migrations.h"
#include "storage/sqlite/sqlite_store.h"
#include "storage/store.h"

namespace okr::sqlite {
namespace {

namespace fs = std::filesystem;

// A raw connection for copying, closed on scope exit.
class Handle {
 public:
  Handle(const std::string& path, int flags) {
    int rc = sqlite3_open_v2(path.c_str(), &db_, flags | SQLITE_OPEN_EXRESCODE, nullptr);
    if (rc != SQLITE_OK) {
      std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
      sqlite3_close(db_);
      db_ = nullptr;
      throw StoreError(ErrorCode::io, "cannot open '" + path + "': " + msg);
    }
    sqlite3_busy_timeout(db_, 5000);
  }
  ~Handle() { sqlite3_close(db_); }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  sqlite3* get() const { return db_; }

  // Runs `sql`; false with `error` set when it fails.
  bool exec(const std::string& sql, std::string* error = nullptr) {
    char* err = nullptr;
    int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK && error) *error = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    return rc == SQLITE_OK;
  }
  // The first column of the first row of `sql`, as text ("" when none or on error).
  std::string scalar(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    std::string out;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
      out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return out;
  }

 private:
  sqlite3* db_ = nullptr;
};

// Copies every page of `from` into `to` in one step, so the copy is one snapshot of
// `from`. Retries while `from` is briefly locked.
void copy(sqlite3* from, sqlite3* to, const std::string& what) {
  sqlite3_backup* b = sqlite3_backup_init(to, "main", from, "main");
  if (!b) throw StoreError(ErrorCode::io, what + ": " + sqlite3_errmsg(to));
  int rc = SQLITE_OK;
  for (int attempt = 0; attempt < 100; ++attempt) {
    rc = sqlite3_backup_step(b, -1);
    if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  sqlite3_backup_finish(b);
  if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
    throw StoreError(ErrorCode::busy, what + ": the database stayed locked; try again");
  if (rc != SQLITE_DONE)
    throw StoreError(ErrorCode::io, what + ": " + std::string(sqlite3_errstr(rc)));
}

// "ok", or what PRAGMA integrity_check found first.
std::string integrity(Handle& h) {
  std::string r = h.scalar("PRAGMA integrity_check");
  return r.empty() ? "the file could not be read as a database" : r;
}

int latest_schema() {
  auto list = migrations();
  return list.empty() ? 0 : list.back().version;
}

}  // namespace

void SqliteStore::backup_to(const std::string& path) {
  const std::string partial = path + ".partial-" + std::to_string(::getpid());
  std::error_code ec;
  fs::remove(partial, ec);
  try {
    {
      Handle to(partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
      auto c = acquire();
      try {
        copy(c->handle(), to.get(), "backup to '" + path + "'");
      } catch (...) {
        release(std::move(c));
        throw;
      }
      release(std::move(c));
      // One self-contained file, with no write-ahead log beside it.
      to.exec("PRAGMA journal_mode = DELETE");
      if (auto r = integrity(to); r != "ok")
        throw StoreError(ErrorCode::io, "the backup failed its integrity check: " + r);
    }
    fs::rename(partial, path, ec);
    if (ec) throw StoreError(ErrorCode::io, "cannot write backup '" + path + "': " + ec.message());
  } catch (...) {
    fs::remove(partial, ec);
    throw;
  }
}

}  // namespace okr::sqlite

namespace okr {

Result<int> restore_store(const std::string& backup, const std::string& location,
                          bool replace_data) {
  if (postgres::is_postgres_url(location))
    return postgres::restore_postgres(backup, location, replace_data);
  using sqlite::Handle;
  try {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(backup, ec))
      return Error{ErrorCode::not_found, "backup", "backup '" + backup + "' does not exist"};
    Handle from(backup, SQLITE_OPEN_READONLY);
    if (auto r = sqlite::integrity(from); r != "ok")
      return Error{ErrorCode::invalid, "backup",
                   "backup '" + backup + "' is not a sound okr database (" + r + ")"};
    const std::string version_text = from.scalar("PRAGMA user_version");
    const int version = version_text.empty() ? 0 : std::stoi(version_text);
    if (version <= 0 ||
        from.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'cycles'") != "1")
      return Error{ErrorCode::invalid, "backup", "'" + backup + "' is not an okr database"};
    if (version > sqlite::latest_schema())
      return Error{ErrorCode::invalid, "backup",
                   "backup '" + backup + "' has schema version " + std::to_string(version) +
                       ", newer than this okr understands; restore it with a newer okr"};

    Handle to(location, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    sqlite3_busy_timeout(to.get(), 0);
    // Exclusive locking mode keeps the lock after this transaction, until the
    // connection closes: nobody can open the database while it is replaced, and the
    // lock is refused while anyone (okr serve) has it open.
    std::string why;
    if (!to.exec("PRAGMA locking_mode = EXCLUSIVE", &why) || !to.exec("BEGIN EXCLUSIVE", &why)) {
      const int rc = sqlite3_errcode(to.get()) & 0xff;
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        return Error{ErrorCode::busy, "db",
                     "database '" + location +
                         "' is in use (is okr serve running on it?); stop it before restoring"};
      return Error{ErrorCode::io, "db", "cannot restore into '" + location + "': " + why};
    }
    bool has_data = false;
    if (to.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'cycles'") == "1")
      for (const char* table : {"cycles", "teams", "users", "objectives"})
        has_data = has_data ||
                   to.scalar(std::string("SELECT EXISTS (SELECT 1 FROM ") + table + ")") == "1";
    if (!to.exec("COMMIT", &why))
      return Error{ErrorCode::io, "db", "cannot lock database '" + location + "': " + why};
    if (has_data && !replace_data)
      return Error{ErrorCode::conflict, "db",
                   "database '" + location +
                       "' holds data; restoring would replace all of it. Give --force to "
                       "replace it, or restore into a new file with --db"};
    sqlite3_busy_timeout(to.get(), 5000);
    sqlite::copy(from.get(), to.get(), "restore into '" + location + "'");
    if (auto r = sqlite::integrity(to); r != "ok")
      return Error{ErrorCode::io, "db", "the restored database failed its integrity check: " + r};
  } catch (const StoreError& e) {
    return e.to_error();
  }
  // Opening applies any migrations a backup from an older okr needs.
  auto store = open_store(location, OpenMode::must_exist);
  if (!store) return store.error();
  return (*store)->schema_version();
}

}  // namespace okr
