#include "storage/postgres/pg_store.h"

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <pqxx/pqxx>

#include "storage/location.h"
#include "storage/postgres/migrations.h"
#include "storage/sql/sql_transaction.h"
#include "storage/sqlite/sqlite_store.h"

namespace okr::postgres {
namespace {

// The advisory lock key of migrations (a 64-bit number no other application uses).
constexpr const char* kMigrateLock = "7262671002";

class PgTransaction final : public sql::SqlTransaction {
 public:
  // `replica`: the connection is the read replica's, and goes back to its pool.
  // `generation`: the store's accounts generation, read before the transaction began.
  PgTransaction(const PgStore& store, std::unique_ptr<Connection> c, Store::Mode mode,
                std::uint64_t generation, ReadReplica* replica = nullptr)
      : store_(store),
        c_(std::move(c)),
        mode_(mode),
        started_(std::chrono::steady_clock::now()),
        replica_(replica) {
    share_settings(store_.shared_settings(), generation, mode != Store::Mode::write);
    if (mode == Store::Mode::glance) return;  // each statement on its own
    try {
      // Writers are SERIALIZABLE: they run side by side and PostgreSQL gives up the one
      // whose reads another committed write made stale (a serialization failure, which
      // app::run runs again), so every write still sees the world as if alone.
      c_->exec(mode == Store::Mode::write ? "BEGIN ISOLATION LEVEL SERIALIZABLE"
                                          : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      c_->take_accounts_written();  // what a transaction before this one left
    } catch (...) {
      end();
      throw;
    }
  }

  ~PgTransaction() override {
    if (const auto& observe = store_.observer())
      observe(mode_ == Store::Mode::write ? "write"
              : replica_                  ? "replica_read"
                                          : "read",
              std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count());
    end();
  }

  void commit() override {
    before_commit();
    if (mode_ == Store::Mode::write) {
      // The generation moves after the commit, in the same round trip: a view read
      // before this bump may have been computed without this write, and is renewed.
      // A write that changed accounts moves their generation too, so every server
      // reads the signed-in actors again. With a read replica, the WAL position the
      // write reached comes back in the same round trip: the insert position, which
      // holds the commit record even before it is flushed (synchronous_commit = off),
      // unlike pg_current_wal_lsn().
      const bool accounts = c_->take_accounts_written();
      const bool position = store_.replica() != nullptr;
      std::string sql = "COMMIT; SELECT nextval('okr_generation')";
      if (accounts) sql += ", nextval('okr_accounts_generation')";
      if (position) sql += ", (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::int8";
      auto r = c_->exec(sql, 2);
      done_ = true;
      if (!r.empty()) {
        const auto generation = r[0][0].as<std::uint64_t>();
        if (position)  // before the generation: see saw_position
          store_.saw_position(generation, r[0][accounts ? 2 : 1].as<std::uint64_t>());
        store_.saw_generation(generation);
        if (accounts) store_.saw_accounts_generation(r[0][1].as<std::uint64_t>());
      }
      return;
    }
    if (mode_ != Store::Mode::glance) c_->exec("COMMIT");
    done_ = true;
  }

 protected:
  sql::Connection& connection() override { return *c_; }

  void reset_id_sequence(const std::string& table) override {
    c_->exec("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), " +
             "coalesce((SELECT max(id) FROM " + table + "), 0) + 1, false)");
  }

 private:
  // Rolls back unless committed, and returns the connection to the pool.
  void end() {
    if (!c_) return;
    if (!done_ && mode_ != Store::Mode::glance) {
      try {
        c_->exec("ROLLBACK");
      } catch (const StoreError&) {
        c_.reset();  // unusable: dropped rather than pooled
      }
    }
    if (replica_) {
      if (!c_) replica_->failed();
      replica_->release(std::move(c_));
      return;
    }
    if (c_) store_.release(std::move(c_));
  }

  const PgStore& store_;
  std::unique_ptr<Connection> c_;
  Store::Mode mode_;
  std::chrono::steady_clock::time_point started_;
  ReadReplica* replica_;
  bool done_ = false;
};

}  // namespace

bool is_postgres_url(const std::string& location) {
  return location.starts_with("postgres://") || location.starts_with("postgresql://");
}

PgStore::PgStore(std::string url, bool create)
    : url_(std::move(url)), display_(shown_location(url_)) {
  auto c = acquire();
  migrate(*c, create);
  release(std::move(c));
}

PgStore::PgStore(std::string url, bool create, std::string read_url)
    : PgStore(std::move(url), create) {
  if (read_url.empty()) return;
  replica_ = std::make_unique<ReadReplica>(std::move(read_url));
  // Whatever the primary holds now counts as written: a standby far behind at start
  // is not read until it has caught up.
  written_position_.store(static_cast<std::uint64_t>(
      scalar("SELECT (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::int8")));
}

PgStore::~PgStore() = default;

std::unique_ptr<Connection> PgStore::acquire() const {
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      return c;
    }
  }
  return connect();
}

std::unique_ptr<Connection> PgStore::connect() const {
  try {
    return std::make_unique<Connection>(url_, &statements_);
  } catch (const StoreError& e) {
    throw StoreError(e.code(), e.what(), e.field(), "database '" + display_ + "': " + e.internal());
  }
}

void PgStore::release(std::unique_ptr<Connection> c) const {
  if (!c || !c->is_open()) return;
  std::lock_guard lock(mu_);
  idle_.push_back(std::move(c));
}

std::unique_ptr<Transaction> PgStore::begin(Mode mode) {
  // Learns of other servers' writes, at most once per kPollEvery: before the snapshot,
  // so what the transaction reads is at least as new as this generation.
  const std::uint64_t seen = accounts_generation();
  // A glance reads from the replica as a read does: only once it has caught up.
  if ((mode == Mode::read || mode == Mode::glance) && replica_) {
    if (auto c =
            replica_->acquire_if_caught_up(written_position_.load(std::memory_order_acquire))) {
      try {
        return std::make_unique<PgTransaction>(*this, std::move(c), mode, seen, replica_.get());
      } catch (const StoreError&) {
        replica_->failed();  // read from the primary instead
      }
    }
  }
  try {
    return std::make_unique<PgTransaction>(*this, acquire(), mode, seen);
  } catch (const StoreError& e) {
    if (e.code() != ErrorCode::unavailable) throw;
    // The server may have closed the pooled connections (a restart, a failover): the
    // rest of the pool is as stale, so it goes, and one new connection is tried.
    drop_idle();
    return std::make_unique<PgTransaction>(*this, connect(), mode, seen);
  }
}

void PgStore::drop_idle() const {
  std::vector<std::unique_ptr<Connection>> stale;
  std::lock_guard lock(mu_);
  stale.swap(idle_);
}

std::int64_t PgStore::scalar(const char* sql) const {
  for (int attempt = 0;; ++attempt) {
    auto c = acquire();
    try {
      std::int64_t v = 0;
      {
        auto st = c->prepare(sql);
        if (st.step()) v = st.i64(0);
      }
      release(std::move(c));
      return v;
    } catch (const StoreError& e) {
      // As in begin(): a pool the server closed is dropped, and a new connection tried.
      if (attempt > 0 || e.code() != ErrorCode::unavailable) throw;
      drop_idle();
    }
  }
}

int PgStore::schema_version() {
  return static_cast<int>(scalar("SELECT version FROM okr_schema"));
}

std::uint64_t PgStore::generation() const {
  // This store's own commits count at once (saw_generation). Other servers' are looked
  // for at most once per kPollEvery, so a busy server does not spend a round trip of
  // every cached read on it.
  constexpr auto every =
      std::chrono::duration_cast<std::chrono::steady_clock::duration>(kPollEvery).count();
  const auto now = std::chrono::steady_clock::now().time_since_epoch().count();
  if (now - polled_at_.load(std::memory_order_acquire) < every)
    return seen_.load(std::memory_order_acquire);
  std::lock_guard lock(poll_mu_);
  if (now - polled_at_.load(std::memory_order_acquire) < every)
    return seen_.load(std::memory_order_acquire);  // polled while this thread waited
  generation_checks_.fetch_add(1);
  for (int attempt = 0;; ++attempt) {
    auto c = acquire();
    try {
      std::uint64_t generation = 0, accounts = 0, position = 0;
      {
        auto st = c->prepare(replica_ ? "SELECT g.last_value, a.last_value, "
                                        "(pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::int8 "
                                        "FROM okr_generation g, okr_accounts_generation a"
                                      : "SELECT g.last_value, a.last_value FROM okr_generation g, "
                                        "okr_accounts_generation a");
        if (st.step()) {
          generation = static_cast<std::uint64_t>(st.i64(0));
          accounts = static_cast<std::uint64_t>(st.i64(1));
          if (replica_) position = static_cast<std::uint64_t>(st.i64(2));
        }
      }
      release(std::move(c));
      if (replica_) saw_position(generation, position);  // before the generation
      saw_generation(generation);
      saw_accounts_generation(accounts);
      break;
    } catch (const StoreError& e) {
      // As in begin(): a pool the server closed is dropped, and a new connection tried.
      if (attempt > 0 || e.code() != ErrorCode::unavailable) throw;
      drop_idle();
    }
  }
  polled_at_.store(now, std::memory_order_release);
  return seen_.load(std::memory_order_acquire);
}

std::uint64_t PgStore::accounts_generation() const {
  generation();  // asks the database, at most once per kPollEvery, for both
  return seen_accounts_.load(std::memory_order_acquire);
}

void PgStore::saw_accounts_generation(std::uint64_t value) const {
  auto seen = seen_accounts_.load(std::memory_order_acquire);
  while (value > seen &&
         !seen_accounts_.compare_exchange_weak(seen, value, std::memory_order_acq_rel)) {
  }
}

void PgStore::saw_generation(std::uint64_t value) const {
  auto seen = seen_.load(std::memory_order_acquire);
  while (value > seen && !seen_.compare_exchange_weak(seen, value, std::memory_order_acq_rel)) {
  }
}

void PgStore::saw_position(std::uint64_t generation, std::uint64_t position) const {
  // A generation already seen came with a position at least as far (read after its
  // write committed): only a new one moves the position, so a busy database whose WAL
  // grows for other reasons does not keep the replica "behind".
  if (generation <= seen_.load(std::memory_order_acquire)) return;
  auto known = written_position_.load(std::memory_order_acquire);
  while (position > known &&
         !written_position_.compare_exchange_weak(known, position, std::memory_order_acq_rel)) {
  }
}

void PgStore::migrate(Connection& c, bool create) {
  c.exec("BEGIN");
  try {
    c.exec("SET LOCAL lock_timeout = 0");  // another server's migration may take long
    c.exec(std::string("SELECT pg_advisory_xact_lock(") + kMigrateLock + ")");
    c.exec("SET LOCAL client_min_messages = warning");
    if (!create && c.exec("SELECT to_regclass('okr_schema') IS NULL")[0][0].as<bool>())
      throw StoreError(
          ErrorCode::not_found,
          "database '" + display_ +
              "' holds no okr data yet; set it up with 'okr init --create' or 'okr demo'",
          "db");
    c.exec("CREATE TABLE IF NOT EXISTS okr_schema (version INTEGER NOT NULL)");
    auto r = c.exec("SELECT version FROM okr_schema");
    int current = r.empty() ? 0 : r[0][0].as<int>();
    if (r.empty()) c.exec("INSERT INTO okr_schema (version) VALUES (0)");
    if (current == 0) {
      // A database that already holds other tables is not one okr made.
      auto other = c.exec(
          "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() "
          "AND table_name IN ('users', 'teams', 'cycles', 'objectives')");
      if (other[0][0].as<int>() > 0)
        throw StoreError(ErrorCode::invalid, "database '" + display_ +
                                                 "' holds tables okr did not create; point "
                                                 "--db at an empty database");
    }
    auto list = migrations();
    int latest = list.empty() ? 0 : list.back().version;
    if (current > latest)
      throw StoreError(ErrorCode::io, "database '" + display_ + "' has schema version " +
                                          std::to_string(current) +
                                          ", newer than this okr understands (" +
                                          std::to_string(latest) + "); upgrade okr to open it");
    for (const auto& m : list) {
      if (m.version <= current) continue;
      c.exec(m.sql);
      c.exec("UPDATE okr_schema SET version = " + std::to_string(m.version));
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

void PgStore::backup_to(const std::string& path) {
  namespace fs = std::filesystem;
  const std::string partial = path + ".partial-" + std::to_string(::getpid());
  std::error_code ec;
  fs::remove(partial, ec);
  try {
    {
      sqlite::SqliteStore copy(partial);
      copy_store(*this, copy, false);
    }
    fs::remove(partial + "-wal", ec);
    fs::remove(partial + "-shm", ec);
    fs::rename(partial, path, ec);
    if (ec) throw StoreError(ErrorCode::io, "cannot write backup '" + path + "': " + ec.message());
  } catch (...) {
    fs::remove(partial, ec);
    fs::remove(partial + "-wal", ec);
    fs::remove(partial + "-shm", ec);
    throw;
  }
}

// How many other sessions are connected to the database at `url`.
int other_connections(const std::string& url) {
  try {
    pqxx::connection c(url);
    pqxx::nontransaction w(c);
    return w
        .exec(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND backend_type = 'client backend'")[0][0]
        .as<int>();
  } catch (const std::exception&) {
    return 0;  // opening the store below says what is wrong with the location
  }
}

Result<int> restore_postgres(const std::string& backup, const std::string& url, bool replace_data) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_regular_file(backup, ec))
    return Error{ErrorCode::not_found, "backup", "backup '" + backup + "' does not exist"};
  const fs::path work = fs::temp_directory_path() / ("okr-restore-" + std::to_string(::getpid()));
  fs::create_directories(work, ec);
  struct Cleanup {
    fs::path dir;
    ~Cleanup() {
      std::error_code ignored;
      fs::remove_all(dir, ignored);
    }
  } cleanup{work};
  // The same checks as a restore into a SQLite file (integrity, an okr database, a
  // schema this okr knows, migrated if older), into a private file.
  const std::string checked = (work / "backup.db").string();
  try {
    std::unique_ptr<Store> from;
    {
      auto restored = restore_store(backup, checked, true);
      if (!restored) return restored.error();
      from = std::make_unique<sqlite::SqliteStore>(checked);
    }
    // Servers connected to the database would go on with the ids they hold and write
    // over what the backup brings back: refuse while any is, as a restore of a SQLite
    // file in use does.
    if (const int others = other_connections(url); others > 0)
      return Error{ErrorCode::busy, "db",
                   "database '" + shown_location(url) + "' is in use by " + std::to_string(others) +
                       " other connection(s) (is okr serve running on it?); stop every "
                       "server on it before restoring"};
    PgStore to(url, true);
    if (!replace_data && holds_data(to))
      return Error{ErrorCode::conflict, "db",
                   "database '" + to.display_name() +
                       "' holds data; restoring would replace all of it. Give --force to "
                       "replace it"};
    copy_store(*from, to, replace_data);
    return to.schema_version();
  } catch (const StoreError& e) {
    return e.to_error();
  }
}

}  // namespace okr::postgres
