// One PostgreSQL connection (libpqxx): prepared statements cached by their SQL
// text, behind the shared sql::Connection. The shared SQL's `?` placeholders
// become PostgreSQL's `$1, $2, …`. Not thread-safe: a Connection is used by one
// transaction at a time.
#pragma once

#include <pqxx/pqxx>

#include <atomic>
#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "storage/sql/statement.h"

namespace okr::postgres {

using sql::Statement;

// Rethrows the exception being handled (from libpqxx) as a StoreError: the message
// says what happened in words a client may see, `internal` holds libpq's own.
// `connection_lost`: the connection is no longer open, so whatever failed is the
// server being unavailable (a restart, a failover), not the request.
[[noreturn]] void raise_current(std::string_view context, bool connection_lost = false);

// `?` and `?N` placeholders as `$N`, outside quoted text.
std::string numbered_placeholders(std::string_view sql);

// Whether `sql` may change who someone is signed in as, or the organisation's settings:
// a statement that writes (an INSERT, UPDATE, DELETE or TRUNCATE anywhere in it) and
// names users, memberships, sessions, API tokens, teams (whose deletion takes memberships
// with it) or settings. Errs on the side of yes: a false yes only costs a cached actor
// and the settings read again.
bool changes_accounts(std::string_view sql);

class Connection;

class Cursor final : public sql::Cursor {
 public:
  Cursor(Connection& c, std::string name, bool changes_accounts)
      : c_(c), name_(std::move(name)), changes_accounts_(changes_accounts) {}
  bool changes_accounts() const { return changes_accounts_; }

  void bind(std::int64_t v) override;
  void bind(double v) override;
  void bind(std::string_view v) override;
  void bind(std::nullptr_t) override;
  bool step() override;
  void reset() noexcept override;

  int columns() const override { return static_cast<int>(result_->columns()); }
  sql::ValueKind kind(int col) const override;
  std::int64_t i64(int col) const override;
  double f64(int col) const override;
  std::string text(int col) const override;
  bool is_null(int col) const override { return field(col).is_null(); }

 private:
  pqxx::field field(int col) const { return (*result_)[row_][col]; }

  Connection& c_;
  std::string name_;
  bool changes_accounts_ = false;
  std::vector<std::string> values_;
  std::vector<bool> null_;
  std::optional<pqxx::result> result_;
  pqxx::result::size_type row_ = 0;
};

class Connection final : public sql::Connection {
 public:
  // Connects to `url` (a libpq connection URI). Throws StoreError. `statements`, when
  // given, counts every statement this connection sends (shared by a store's pool).
  explicit Connection(const std::string& url, std::atomic<std::uint64_t>* statements = nullptr);
  ~Connection() override;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  Statement prepare(std::string_view sql) override;
  std::int64_t changes() const override { return changes_; }
  sql::Dialect dialect() const override { return sql::Dialect::postgres; }

  // Runs SQL text with no parameters (BEGIN, COMMIT, schema scripts): `count` is how
  // many statements it holds, for the statement counter.
  pqxx::result exec(const std::string& sql, int count = 1);
  // Runs the prepared statement `name` with `params` (nullptr: NULL).
  pqxx::result exec_prepared(const std::string& name, const std::vector<const char*>& params);
  bool is_open() const;
  // Whether a statement that changes_accounts() was run since the last call.
  bool take_accounts_written() { return std::exchange(accounts_written_, false); }
  // A connection to a read replica: when it breaks mid-transaction, the error is one
  // app::run runs again (on the primary), not a failed request.
  void set_retry_when_lost() { retry_when_lost_ = true; }

 private:
  // Rethrows the exception being handled as a StoreError (see raise_current).
  [[noreturn]] void fail(std::string_view context);

  std::unique_ptr<pqxx::connection> conn_;
  std::unique_ptr<pqxx::nontransaction> work_;
  std::unordered_map<std::string, std::unique_ptr<Cursor>> cache_;
  std::int64_t changes_ = 0;
  bool accounts_written_ = false;
  std::atomic<std::uint64_t>* statements_ = nullptr;
  bool retry_when_lost_ = false;
};

}  // namespace okr::postgres
