// The PostgreSQL implementation of Store, for organisations that run several
// `okr serve` processes on one database or already run PostgreSQL.
//
// - Connections are pooled; each transaction has one to itself.
// - Write transactions are serialised across every server by one transaction-level
//   advisory lock, as SQLite serialises them on one machine: each sees every write
//   committed before it, so the version checks of optimistic concurrency hold across
//   servers and no write transaction is ever given up for a serialization failure.
//   Read transactions are REPEATABLE READ snapshots that never wait for writers.
// - Migrations run on start under another advisory lock, so servers starting
//   together apply them once; a database written by a newer okr is refused.
// - generation() is kept in the database (okr_state), so a view cached by one
//   server is known to be stale when another server writes.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "storage/postgres/connection.h"
#include "storage/store.h"

namespace okr::postgres {

class PgStore : public Store {
 public:
  // Connects to `url` and migrates the database. Without `create`, a database in
  // which okr has never created its tables is refused as not found. Throws StoreError.
  PgStore(std::string url, bool create);
  ~PgStore() override;

  std::unique_ptr<Transaction> begin(Mode mode) override;
  int schema_version() override;
  bool read_only() const override { return false; }
  std::uint64_t generation() const override;
  // A logical copy into a SQLite file (the same format as a SQLite store's backup).
  void backup_to(const std::string& path) override;
  void set_observer(Observer observer) override { observer_ = std::move(observer); }
  const Observer& observer() const { return observer_; }

  // Pool of connections; a broken connection is not returned.
  std::unique_ptr<Connection> acquire() const;
  void release(std::unique_ptr<Connection> c) const;
  // A new connection. Throws StoreError naming the database.
  std::unique_ptr<Connection> connect() const;

  // The URL with any password hidden, for messages.
  const std::string& display_name() const { return display_; }

 private:
  void migrate(Connection& c, bool create);
  // Closes every pooled connection.
  void drop_idle() const;
  // The first column of the first row of `sql` (0 when none), on a pooled connection.
  std::int64_t scalar(const char* sql) const;

  std::string url_;
  std::string display_;
  Observer observer_;
  mutable std::mutex mu_;
  mutable std::vector<std::unique_ptr<Connection>> idle_;
};

// True for a location that names a PostgreSQL database.
bool is_postgres_url(const std::string& location);

// restore_store() for a PostgreSQL database: the backup (a SQLite file) is copied in,
// in one transaction.
Result<int> restore_postgres(const std::string& backup, const std::string& url, bool replace_data);

}  // namespace okr::postgres
