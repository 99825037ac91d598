// The PostgreSQL implementation of Store, for organisations that run several
// `okr serve` processes on one database or already run PostgreSQL.
//
// - Connections are pooled; each transaction has one to itself.
// - Write transactions are SERIALIZABLE and run side by side, on one server or many:
//   two writers wait on each other only for a row both change, and PostgreSQL gives
//   up a writer whose reads another committed write made stale (a serialization
//   failure, which app::run runs again from the start). So each write still behaves
//   as if it ran alone, as under SQLite's one writer, and the version checks of
//   optimistic concurrency hold across servers. Read transactions are REPEATABLE READ
//   snapshots that never wait for writers.
// - Migrations run on start under another advisory lock, so servers starting
//   together apply them once; a database written by a newer okr is refused.
// - generation() is a sequence in the database (okr_generation), moved after each
//   write commits, so a view cached by one server is known to be stale when another
//   server writes (within kPollEvery) and at once when this one does. Writers never
//   wait on each other for it. accounts_generation() is a second one
//   (okr_accounts_generation), moved only by the writes whose statements change
//   accounts (changes_accounts() in connection.h), read in the same round trip.
// - With a read replica (a streaming standby), read transactions run on it whenever it
//   has replayed every write this store has seen (see replica.h); writes, and reads
//   while it lags or fails, run on the primary.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "storage/postgres/connection.h"
#include "storage/postgres/replica.h"
#include "storage/sql/shared_settings.h"
#include "storage/store.h"

namespace okr::postgres {

class PgStore : public Store {
 public:
  // Connects to `url` and migrates the database. Without `create`, a database in
  // which okr has never created its tables is refused as not found. Throws StoreError.
  PgStore(std::string url, bool create);
  // The same, with reads on the standby at `read_url` when it has caught up. Throws
  // StoreError when the standby cannot be reached or is not one.
  PgStore(std::string url, bool create, std::string read_url);
  ~PgStore() override;

  std::unique_ptr<Transaction> begin(Mode mode) override;
  int schema_version() override;
  bool read_only() const override { return false; }
  std::uint64_t generation() const override;
  std::uint64_t accounts_generation() const override;
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

  // How many statements this store has sent to the server (connection set-up aside),
  // for tests and benchmarks that count what a request costs. Thread-safe.
  std::uint64_t statements() const { return statements_.load(); }
  // How many of those were generation() asking whether another server wrote: at most
  // one a millisecond, so how many fall within one request depends on the clock.
  std::uint64_t generation_checks() const { return generation_checks_.load(); }

  // A generation value read from the database: generation() never returns less.
  void saw_generation(std::uint64_t value) const;
  // The same for accounts_generation().
  void saw_accounts_generation(std::uint64_t value) const;

  // The read replica, or nullptr when there is none.
  ReadReplica* replica() const { return replica_.get(); }
  // The primary's WAL position (bytes since 0/0) after every write this store has
  // seen, with `generation` read in the same statement: a replica that has replayed
  // this far has every write up to that generation. Only with a replica.
  void saw_position(std::uint64_t generation, std::uint64_t position) const;

  // The settings last read, shared by transactions begun at the same generation.
  sql::SharedSettings& shared_settings() const { return shared_settings_; }

  // How often generation() asks the database whether another server wrote.
  static constexpr std::chrono::milliseconds kPollEvery{1};

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
  mutable std::atomic<std::uint64_t> statements_{0};
  mutable std::atomic<std::uint64_t> generation_checks_{0};
  mutable std::atomic<std::uint64_t> seen_{0};
  mutable std::atomic<std::uint64_t> seen_accounts_{0};
  mutable std::atomic<std::int64_t> polled_at_{0};
  mutable std::mutex poll_mu_;
  std::unique_ptr<ReadReplica> replica_;
  mutable std::atomic<std::uint64_t> written_position_{0};
  mutable sql::SharedSettings shared_settings_;
};

// True for a location that names a PostgreSQL database.
bool is_postgres_url(const std::string& location);

// restore_store() for a PostgreSQL database: the backup (a SQLite file) is copied in,
// in one transaction.
Result<int> restore_postgres(const std::string& backup, const std::string& url, bool replace_data);

// How many other client sessions are connected to the database at `url` (0 when it
// cannot be reached: opening it says why).
int other_connections(const std::string& url);

}  // namespace okr::postgres
