// The SQLite implementation of Store: one file, WAL journal, foreign keys on,
// a busy timeout, prepared statements only. Connections are pooled so that
// threads can run transactions side by side; readers see a consistent snapshot.
// Writers of this process queue in turn, and those that queue together share one
// SQLite transaction and one fsync, each in a savepoint of its own (group commit):
// a writer's commit returns once its write is durable.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "storage/sql/shared_settings.h"
#include "storage/sqlite/connection.h"
#include "storage/store.h"

namespace okr::sqlite {

class SqliteStore : public Store {
 public:
  // Opens the file and migrates it. Throws StoreError.
  explicit SqliteStore(std::string path);
  ~SqliteStore() override;

  std::unique_ptr<Transaction> begin(Mode mode) override;
  int schema_version() override;
  bool read_only() const override { return read_only_; }  // see begin()
  void backup_to(const std::string& path) override;       // in backup.cc
  void set_observer(Observer observer) override { observer_ = std::move(observer); }
  const Observer& observer() const { return observer_; }

  // Returns a connection to the pool (called by finished transactions).
  void release(std::unique_ptr<Connection> c);

  // Counts this store's commits at once and, through a connection of its own watching
  // SQLite's data_version, those of other processes within a millisecond.
  std::uint64_t generation() const override;
  // Held by each write transaction of this store from BEGIN to its end.
  std::timed_mutex& write_mutex() { return write_mu_; }
  void committed_write() { ++generation_; }
  // The settings last read, shared by transactions begun at the same generation.
  sql::SharedSettings& shared_settings() { return shared_settings_; }

 private:
  friend class GroupWrite;
  // The writers sharing one SQLite transaction (see GroupWrite in sqlite_store.cc).
  struct WriteGroup {
    std::unique_ptr<Connection> c;
    std::chrono::steady_clock::time_point opened;
    int waiting = 0;                  // writers through with their part, waiting for the commit
    bool broken = false;              // a savepoint could not be undone: the group is rolled back
    bool done = false;                // committed or rolled back; guarded by group_mu_
    std::optional<StoreError> error;  // why it was not committed; guarded by group_mu_
  };
  std::shared_ptr<WriteGroup> open_group_;  // guarded by write_mu_
  std::atomic<int> writers_waiting_{0};     // writers queued on write_mu_
  std::mutex group_mu_;
  std::condition_variable group_done_;

  std::unique_ptr<Connection> acquire();
  void migrate(Connection& c);

  std::string path_;
  Observer observer_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::atomic<std::uint64_t> generation_{0};
  static constexpr std::chrono::steady_clock::duration kWatchEvery = std::chrono::milliseconds(1);
  mutable std::mutex watch_mu_;
  mutable std::unique_ptr<Connection> watch_;  // guarded by watch_mu_
  mutable std::int64_t data_version_ = 0;      // guarded by watch_mu_
  mutable std::atomic<std::uint64_t> outside_writes_{0};
  mutable std::atomic<std::chrono::steady_clock::rep> watched_at_{0};
  sql::SharedSettings shared_settings_;
  std::atomic<bool> read_only_{false};
  std::timed_mutex write_mu_;
};

}  // namespace okr::sqlite
