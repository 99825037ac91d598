// A thin RAII layer over one SQLite connection: prepared statements only,
// cached by their SQL text, with typed binding and reading.
// Not thread-safe: a Connection is used by one transaction at a time.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace okr::sqlite {

// Throws StoreError describing `rc` on `db`, mapped to an ErrorCode.
[[noreturn]] void raise(sqlite3* db, int rc, std::string_view context);

// A prepared statement borrowed from the connection's cache; reset on destruction.
class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~Statement() {
    if (stmt_) {
      sqlite3_reset(stmt_);
      sqlite3_clear_bindings(stmt_);
    }
  }
  Statement(Statement&& o) noexcept : db_(o.db_), stmt_(o.stmt_), next_(o.next_) {
    o.stmt_ = nullptr;
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(std::int64_t v);
  Statement& bind(int v) { return bind(static_cast<std::int64_t>(v)); }
  Statement& bind(bool v) { return bind(static_cast<std::int64_t>(v ? 1 : 0)); }
  Statement& bind(double v);
  Statement& bind(std::string_view v);
  Statement& bind(const std::string& v) { return bind(std::string_view(v)); }
  Statement& bind(const char* v) { return bind(std::string_view(v)); }
  Statement& bind(std::nullptr_t);
  template <class T>
  Statement& bind(const std::optional<T>& v) {
    return v ? bind(*v) : bind(nullptr);
  }

  // Binds every argument in order.
  template <class... Args>
  Statement& bind_all(const Args&... args) {
    (bind(args), ...);
    return *this;
  }

  // Advances; true when a row is available.
  bool step();
  // Runs to completion (for statements that return no rows).
  void run();

  std::int64_t i64(int col) const { return sqlite3_column_int64(stmt_, col); }
  double f64(int col) const { return sqlite3_column_double(stmt_, col); }
  std::string text(int col) const;
  bool is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::optional<std::int64_t> opt_i64(int col) const {
    if (is_null(col)) return std::nullopt;
    return i64(col);
  }
  std::optional<double> opt_f64(int col) const {
    if (is_null(col)) return std::nullopt;
    return f64(col);
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  int next_ = 1;
};

class Connection {
 public:
  // Opens or creates the file; sets WAL, foreign keys, busy_timeout.
  explicit Connection(const std::string& path);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // A cached prepared statement for `sql`.
  Statement prepare(std::string_view sql);
  // Runs SQL text with no parameters (schema scripts, BEGIN/COMMIT).
  void exec(const char* sql);

  std::int64_t last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
  int changes() const { return sqlite3_changes(db_); }
  sqlite3* handle() const { return db_; }

 private:
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

}  // namespace okr::sqlite
