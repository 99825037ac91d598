// The few things the shared SQL of both stores needs from a database: prepared
// statements with typed binding and reading. SQLite (src/storage/sqlite) and
// PostgreSQL (src/storage/postgres) implement Cursor and Connection; the resource
// files of this folder are written once against them.
//
// SQL text uses `?` placeholders, bound in order. It sticks to what both databases
// understand: RETURNING, ON CONFLICT, WITH RECURSIVE, coalesce, LIMIT.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace okr::sql {

// The type of a value read back, for copying rows between stores.
enum class ValueKind { null, integer, real, text };

// One prepared statement of a connection, cached by its SQL text. Used by one
// Statement at a time; reset() clears its bindings and results.
class Cursor {
 public:
  virtual ~Cursor() = default;
  virtual void bind(std::int64_t v) = 0;
  virtual void bind(double v) = 0;
  virtual void bind(std::string_view v) = 0;
  virtual void bind(std::nullptr_t) = 0;
  // Runs the statement on the first call; true while a row is available.
  virtual bool step() = 0;
  virtual void reset() noexcept = 0;

  virtual int columns() const = 0;
  virtual ValueKind kind(int col) const = 0;
  virtual std::int64_t i64(int col) const = 0;
  virtual double f64(int col) const = 0;
  virtual std::string text(int col) const = 0;
  virtual bool is_null(int col) const = 0;
};

// A borrowed, bound statement; resets its cursor when it goes out of scope.
class Statement {
 public:
  explicit Statement(Cursor* c) : c_(c) {}
  ~Statement() {
    if (c_ && !view_) c_->reset();
  }
  Statement(Statement&& o) noexcept : c_(o.c_), first_(o.first_), view_(o.view_) { o.c_ = nullptr; }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& operator=(Statement&&) = delete;

  Statement& bind(std::int64_t v) {
    c_->bind(v);
    return *this;
  }
  Statement& bind(int v) { return bind(static_cast<std::int64_t>(v)); }
  Statement& bind(bool v) { return bind(static_cast<std::int64_t>(v ? 1 : 0)); }
  Statement& bind(double v) {
    c_->bind(v);
    return *this;
  }
  Statement& bind(std::string_view v) {
    c_->bind(v);
    return *this;
  }
  Statement& bind(const std::string& v) { return bind(std::string_view(v)); }
  Statement& bind(const char* v) { return bind(std::string_view(v)); }
  Statement& bind(std::nullptr_t) {
    c_->bind(nullptr);
    return *this;
  }
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
  bool step() { return c_->step(); }
  // Runs to completion (for statements that return no rows).
  void run() {
    while (step()) {
    }
  }

  // The current row from column `first` on, as if it began there: a query that joins
  // tables reads each one's columns with that table's reader. Valid while this
  // statement stays on the row.
  Statement columns_from(int first) const { return Statement(c_, first_ + first); }

  int columns() const { return c_->columns() - first_; }
  ValueKind kind(int col) const { return c_->kind(first_ + col); }
  std::int64_t i64(int col) const { return c_->i64(first_ + col); }
  double f64(int col) const { return c_->f64(first_ + col); }
  std::string text(int col) const { return c_->text(first_ + col); }
  bool is_null(int col) const { return c_->is_null(first_ + col); }
  std::optional<std::int64_t> opt_i64(int col) const {
    if (is_null(col)) return std::nullopt;
    return i64(col);
  }
  std::optional<double> opt_f64(int col) const {
    if (is_null(col)) return std::nullopt;
    return f64(col);
  }

 private:
  Statement(Cursor* c, int first) : c_(c), first_(first), view_(true) {}

  Cursor* c_;
  int first_ = 0;
  bool view_ = false;  // a view of another statement's row: never resets the cursor
};

// One database connection, used by one transaction at a time.
// Which SQL a connection speaks, for the few statements written twice (full-text search).
enum class Dialect { sqlite, postgres };

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  // A cached prepared statement for `sql`.
  virtual Statement prepare(std::string_view sql) = 0;
  // Rows changed by the last INSERT, UPDATE or DELETE.
  virtual std::int64_t changes() const = 0;
};

}  // namespace okr::sql
