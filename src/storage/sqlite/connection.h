// One SQLite connection: prepared statements only, cached by their SQL text,
// behind the shared sql::Connection. Not thread-safe: a Connection is used by one
// transaction at a time.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "storage/sql/statement.h"

namespace okr::sqlite {

using sql::Statement;

// Throws StoreError describing `rc` on `db`, mapped to an ErrorCode.
[[noreturn]] void raise(sqlite3* db, int rc, std::string_view context);

// A prepared statement of the connection's cache.
class Cursor final : public sql::Cursor {
 public:
  Cursor(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~Cursor() override { sqlite3_finalize(stmt_); }
  Cursor(const Cursor&) = delete;
  Cursor& operator=(const Cursor&) = delete;

  void bind(std::int64_t v) override;
  void bind(double v) override;
  void bind(std::string_view v) override;
  void bind(std::nullptr_t) override;
  bool step() override;
  void reset() noexcept override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    next_ = 1;
  }

  int columns() const override { return sqlite3_column_count(stmt_); }
  sql::ValueKind kind(int col) const override;
  std::int64_t i64(int col) const override { return sqlite3_column_int64(stmt_, col); }
  double f64(int col) const override { return sqlite3_column_double(stmt_, col); }
  std::string text(int col) const override;
  bool is_null(int col) const override { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  int next_ = 1;
};

class Connection final : public sql::Connection {
 public:
  // Opens or creates the file; sets WAL, foreign keys, busy_timeout.
  explicit Connection(const std::string& path);
  ~Connection() override;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  Statement prepare(std::string_view sql) override;
  std::int64_t changes() const override { return sqlite3_changes64(db_); }
  sql::Dialect dialect() const override { return sql::Dialect::sqlite; }
  // Runs SQL text with no parameters (schema scripts).
  void exec(const char* sql);
  // Runs one statement with no parameters and no rows (BEGIN, COMMIT, ROLLBACK),
  // prepared once per connection.
  void run_cached(const char* sql);

  sqlite3* handle() const { return db_; }

 private:
  void use_wal();

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, std::unique_ptr<Cursor>> cache_;
};

}  // namespace okr::sqlite
