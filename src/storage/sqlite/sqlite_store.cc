#include "storage/sqlite/sqlite_store.h"

#include <algorithm>

#include <string>

#include "storage/sql/sql_transaction.h"
#include "storage/sqlite/migrations.h"

namespace okr::sqlite {
namespace {

// A read transaction, or a write transaction on a connection of its own (while the
// file is read-only, see begin()).
class SqliteTransaction final : public sql::SqlTransaction {
 public:
  SqliteTransaction(SqliteStore& store, std::unique_ptr<Connection> c, Store::Mode mode)
      : store_(store), c_(std::move(c)), mode_(mode), started_(std::chrono::steady_clock::now()) {
    // The generation before the snapshot: what this transaction reads is at least as new.
    share_settings(store_.shared_settings(), store_.accounts_generation(),
                   mode != Store::Mode::write);
    if (mode == Store::Mode::write) {
      write_lock_ = std::unique_lock(store_.write_mutex(), std::defer_lock);
      if (!write_lock_.try_lock_for(std::chrono::seconds(5)))
        throw StoreError(ErrorCode::busy,
                         "the database is busy; try again (writers queued too long)");
    }
    c_->run_cached(mode == Store::Mode::write ? "BEGIN IMMEDIATE" : "BEGIN");
  }

  ~SqliteTransaction() override {
    if (const auto& observe = store_.observer())
      observe(mode_ == Store::Mode::write ? "write" : "read",
              std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count());
    if (!done_) {
      try {
        c_->run_cached("ROLLBACK");
      } catch (const StoreError&) {
        // The connection may be unusable; it is dropped rather than pooled.
        c_.reset();
      }
    }
    if (c_) store_.release(std::move(c_));
  }

  void commit() override {
    before_commit();
    c_->run_cached("COMMIT");
    done_ = true;
    if (mode_ == Store::Mode::write) {
      store_.committed_write();
      write_lock_.unlock();
    }
  }

 protected:
  sql::Connection& connection() override { return *c_; }

 private:
  SqliteStore& store_;
  std::unique_ptr<Connection> c_;
  Store::Mode mode_;
  std::chrono::steady_clock::time_point started_;
  bool done_ = false;
  std::unique_lock<std::timed_mutex> write_lock_;  // held by a write transaction until it ends
};

}  // namespace

// A write transaction of this process. Writers queue on the store's write mutex, in
// turn, rather than in SQLite's busy handler, which sleeps and retries (other processes
// still meet SQLite's lock). Writers that queue together share one SQLite transaction,
// each after the first inside a savepoint of its own: the last of them, or the one that finds the
// group full or old enough, commits it with one fsync for all. A writer's commit() returns only
// once the group is durable, and throws when the group could not be committed, so no write is
// acknowledged before it is on disk. A writer that fails rolls back its own savepoint only.
class GroupWrite final : public sql::SqlTransaction {
  static constexpr int kMaxGroup = 64;                    // writers in one group at most
  static constexpr std::chrono::milliseconds kMaxAge{4};  // a group's age at most, as joined

 public:
  explicit GroupWrite(SqliteStore& store)
      : store_(store), started_(std::chrono::steady_clock::now()) {
    store_.writers_waiting_.fetch_add(1);
    lock_ = std::unique_lock(store_.write_mutex(), std::defer_lock);
    const bool locked = lock_.try_lock_for(std::chrono::seconds(5));
    store_.writers_waiting_.fetch_sub(1);
    if (!locked)
      throw StoreError(ErrorCode::busy,
                       "the database is busy; try again (writers queued too long)");
    // A group is joined while young (the writers in it wait for its commit), and only
    // while its transaction is open: SQLite rolls a whole transaction back on some
    // errors, and a savepoint outside one would begin a new transaction of its own.
    if (store_.open_group_ &&
        (std::chrono::steady_clock::now() - store_.open_group_->opened >= kMaxAge ||
         sqlite3_get_autocommit(store_.open_group_->c->handle())))
      close_group(false);
    if (!store_.open_group_) {
      auto g = std::make_shared<SqliteStore::WriteGroup>();
      g->c = store_.acquire();
      g->opened = std::chrono::steady_clock::now();
      g->c->run_cached("BEGIN IMMEDIATE");  // on failure the connection is dropped
      store_.open_group_ = std::move(g);
      // The group's first writer is alone in it until it is through (it holds the
      // mutex): it needs no savepoint, whose journal would slow a large write down.
      first_ = true;
    }
    group_ = store_.open_group_;
    if (first_) return;
    try {
      group_->c->run_cached("SAVEPOINT okr_write");
    } catch (...) {
      group_->broken = true;
      close_group();
      throw;
    }
  }

  ~GroupWrite() override {
    if (const auto& observe = store_.observer())
      observe("write",
              std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count());
    if (finished_) return;
    if (first_) {
      group_->broken = true;  // all of the group is this writer's: it is rolled back
    } else {
      try {
        group_->c->run_cached("ROLLBACK TO okr_write");
        group_->c->run_cached("RELEASE okr_write");
      } catch (...) {
        group_->broken = true;  // SQLite may have rolled the whole transaction back
      }
    }
    finish();
  }

  void commit() override {
    before_commit();  // on failure the destructor rolls this writer back
    try {
      if (!first_) group_->c->run_cached("RELEASE okr_write");
    } catch (...) {
      group_->broken = true;
      finished_ = true;
      finish();
      throw;
    }
    ++group_->waiting;
    finished_ = true;
    auto group = group_;
    finish();
    for (;;) {
      {
        std::unique_lock wait(store_.group_mu_);
        if (store_.group_done_.wait_for(wait, kMaxAge, [&] { return group->done; })) {
          if (group->error) throw *group->error;
          return;
        }
      }
      // Nobody closed it in time (a writer counted as queued gave up waiting, say):
      // close it here once it is this thread's turn, unless it is closed by then.
      if (!lock_.try_lock_for(std::chrono::milliseconds(100))) continue;
      if (store_.open_group_ == group)
        close_group();
      else
        lock_.unlock();
    }
  }

 protected:
  sql::Connection& connection() override { return *group_->c; }

 private:
  // This writer is through; closes the group when nobody else is queued to join it (or
  // it is full or old enough), then lets the next writer in.
  void finish() {
    finished_ = true;
    if (sqlite3_get_autocommit(group_->c->handle())) group_->broken = true;
    if (group_->broken || store_.writers_waiting_.load() == 0 || group_->waiting >= kMaxGroup ||
        std::chrono::steady_clock::now() - group_->opened >= kMaxAge)
      close_group();
    else
      lock_.unlock();
  }

  // Commits the group (or, when broken, rolls it back) and wakes its writers. Called
  // with the write mutex held; releases it unless told not to.
  void close_group(bool unlock = true) noexcept {
    auto g = std::move(store_.open_group_);
    std::optional<StoreError> error;
    try {
      if (g->broken || sqlite3_get_autocommit(g->c->handle())) {
        // Rolled back: nothing of the group was saved, so its writers may run again.
        error = StoreError::retry(
            "a write queued with this one failed, and nothing of either was saved; try again");
        if (!sqlite3_get_autocommit(g->c->handle())) g->c->run_cached("ROLLBACK");
      } else {
        try {
          g->c->run_cached("COMMIT");
          store_.committed_write();
        } catch (const StoreError& e) {
          // Not retryable: after a failed fsync the commit may still reach the disk.
          error = e;
          if (!sqlite3_get_autocommit(g->c->handle())) g->c->run_cached("ROLLBACK");
        }
      }
    } catch (...) {
      if (!error) error = StoreError(ErrorCode::unavailable, "the write could not be saved");
      g->c.reset();  // in an unknown state: dropped, not pooled
    }
    try {
      if (g->c) store_.release(std::move(g->c));
    } catch (...) {
      g->c.reset();
    }
    {
      std::lock_guard lock(store_.group_mu_);
      g->error = std::move(error);
      g->done = true;
    }
    store_.group_done_.notify_all();
    if (unlock) lock_.unlock();
  }

  SqliteStore& store_;
  std::chrono::steady_clock::time_point started_;
  std::unique_lock<std::timed_mutex> lock_;
  std::shared_ptr<SqliteStore::WriteGroup> group_;
  bool first_ = false;  // opened the group
  bool finished_ = false;
};

SqliteStore::SqliteStore(std::string path) : path_(std::move(path)) {
  auto c = std::make_unique<Connection>(path_);
  read_only_ = sqlite3_db_readonly(c->handle(), "main") == 1;
  migrate(*c);
  release(std::move(c));
}

SqliteStore::~SqliteStore() = default;

std::uint64_t SqliteStore::generation() const {
  // This store's own commits count at once. Other processes' are looked for at most
  // once per kWatchEvery, so a busy server does not queue on the watching connection.
  const auto now = std::chrono::steady_clock::now().time_since_epoch().count();
  if (now - watched_at_.load(std::memory_order_acquire) < kWatchEvery.count())
    return generation_ + outside_writes_.load(std::memory_order_acquire);
  std::lock_guard lock(watch_mu_);
  watched_at_.store(now, std::memory_order_release);
  try {
    if (!watch_) watch_ = std::make_unique<Connection>(path_);
    // PRAGMA data_version changes when any other connection, in this process or
    // another, has committed since this connection last asked.
    auto st = watch_->prepare("PRAGMA data_version");
    if (st.step() && st.i64(0) != data_version_) {
      data_version_ = st.i64(0);
      outside_writes_.fetch_add(1, std::memory_order_release);
    }
  } catch (const StoreError&) {
    // Unreadable for a moment (the file replaced, say): this store's own count still
    // moves with its writes, and the watch is opened again next time.
    watch_.reset();
  }
  return generation_ + outside_writes_;
}

std::unique_ptr<Connection> SqliteStore::acquire() {
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      return c;
    }
  }
  return std::make_unique<Connection>(path_);
}

void SqliteStore::release(std::unique_ptr<Connection> c) {
  // A connection opened while the file was read-only is dropped once it is writable.
  if (!read_only_ && sqlite3_db_readonly(c->handle(), "main") == 1) return;
  // One that a write of many rows gave a larger page cache (defer_search_index) is
  // closed, so that the pool keeps SQLite's default 2 MB a connection.
  int cache = 0, highest = 0;
  if (sqlite3_db_status(c->handle(), SQLITE_DBSTATUS_CACHE_USED, &cache, &highest, 0) ==
          SQLITE_OK &&
      cache > 8 * 1024 * 1024)
    return;
  std::lock_guard lock(mu_);
  idle_.push_back(std::move(c));
}

std::unique_ptr<Transaction> SqliteStore::begin(Mode mode) {
  if (mode == Mode::write && read_only_) {
    // Connections opened while the file was read-only stay so: once a fresh one can
    // write, the pool is replaced and writes work again without a restart.
    auto fresh = std::make_unique<Connection>(path_);
    if (sqlite3_db_readonly(fresh->handle(), "main") != 1) {
      std::vector<std::unique_ptr<Connection>> stale;
      {
        std::lock_guard lock(mu_);
        stale.swap(idle_);
      }
      read_only_ = false;
    }
    return std::make_unique<SqliteTransaction>(*this, std::move(fresh), mode);
  }
  if (mode == Mode::write) return std::make_unique<GroupWrite>(*this);
  return std::make_unique<SqliteTransaction>(*this, acquire(), mode);
}

int SqliteStore::schema_version() {
  auto c = acquire();
  int v;
  {
    auto st = c->prepare("PRAGMA user_version");
    v = st.step() ? static_cast<int>(st.i64(0)) : 0;
  }
  release(std::move(c));
  return v;
}

void SqliteStore::migrate(Connection& c) {
  c.exec("BEGIN IMMEDIATE");
  try {
    int current;
    {
      auto st = c.prepare("PRAGMA user_version");
      current = st.step() ? static_cast<int>(st.i64(0)) : 0;
    }
    auto list = migrations();
    int latest = list.empty() ? 0 : list.back().version;
    if (current > latest)
      throw StoreError(ErrorCode::io, "database '" + path_ + "' has schema version " +
                                          std::to_string(current) +
                                          ", newer than this okr understands (" +
                                          std::to_string(latest) + "); upgrade okr to open it");
    for (const auto& m : list) {
      if (m.version <= current) continue;
      c.exec(m.sql);
      c.exec(("PRAGMA user_version = " + std::to_string(m.version)).c_str());
    }
    c.exec("COMMIT");
  } catch (...) {
    try {
      c.exec("ROLLBACK");
    } catch (const StoreError&) {
    }
    throw;
  }
}

}  // namespace okr::sqlite
