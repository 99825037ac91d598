#include "storage/sqlite/sqlite_store.h"

#include <algorithm>

#include <string>

#include "storage/sql/sql_transaction.h"
#include "storage/sqlite/migrations.h"

namespace okr::sqlite {
namespace {

class SqliteTransaction final : public sql::SqlTransaction {
 public:
  SqliteTransaction(SqliteStore& store, std::unique_ptr<Connection> c, Store::Mode mode)
      : store_(store), c_(std::move(c)), mode_(mode), started_(std::chrono::steady_clock::now()) {
    if (mode == Store::Mode::write) {
      // Writers of this process queue here, in turn, rather than in SQLite's busy
      // handler, which sleeps and retries: that cost throughput and made a tail of
      // slow check-ins under load. Other processes still meet SQLite's lock.
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
