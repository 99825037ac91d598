#include "storage/postgres/replica.h"

#include "storage/location.h"
#include "storage/store.h"

namespace okr::postgres {
namespace {

std::int64_t now_ticks() {
  return std::chrono::steady_clock::now().time_since_epoch().count();
}

template <class D>
std::int64_t ticks(D d) {
  return std::chrono::duration_cast<std::chrono::steady_clock::duration>(d).count();
}

}  // namespace

ReadReplica::ReadReplica(std::string url) : url_(std::move(url)), display_(shown_location(url_)) {
  auto c = connect();
  bool standby = false;
  try {
    standby = c->exec("SELECT pg_is_in_recovery()")[0][0].as<bool>();
  } catch (const StoreError& e) {
    throw StoreError(e.code(), "read replica '" + display_ + "' (--db-read): " + e.what(),
                     "db-read", e.internal());
  }
  if (!standby)
    throw StoreError(ErrorCode::invalid,
                     "read replica '" + display_ +
                         "' (--db-read) is not a standby: name a streaming replica of the --db "
                         "server (okr compares its WAL replay position with the primary's)",
                     "db-read");
  release(std::move(c));
}

std::unique_ptr<Connection> ReadReplica::connect() {
  try {
    auto c = std::make_unique<Connection>(url_, &statements_);
    c->set_retry_when_lost();
    return c;
  } catch (const StoreError& e) {
    throw StoreError(e.code(), "read replica '" + display_ + "' (--db-read): " + e.what(),
                     "db-read", e.internal());
  }
}

std::unique_ptr<Connection> ReadReplica::acquire_if_caught_up(std::uint64_t position) {
  const auto now = now_ticks();
  if (now < retry_at_.load(std::memory_order_acquire)) return nullptr;
  // Replay only moves forward, so a position seen once stays reached.
  if (replayed_.load(std::memory_order_acquire) < position) {
    if (now - polled_at_.load(std::memory_order_acquire) < ticks(kPollEvery)) return nullptr;
    std::unique_lock lock(poll_mu_, std::try_to_lock);
    if (!lock.owns_lock()) return nullptr;  // another thread is asking: read from the primary
    if (now - polled_at_.load(std::memory_order_acquire) < ticks(kPollEvery)) return nullptr;
    try {
      poll();
    } catch (const StoreError&) {
      failed();
      return nullptr;
    }
    polled_at_.store(now, std::memory_order_release);
    if (replayed_.load(std::memory_order_acquire) < position) return nullptr;
  }
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      reads_.fetch_add(1);
      return c;
    }
  }
  try {
    auto c = connect();
    reads_.fetch_add(1);
    return c;
  } catch (const StoreError&) {
    failed();
    return nullptr;
  }
}

void ReadReplica::poll() {
  std::unique_ptr<Connection> c;
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      c = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  if (!c) c = connect();
  // NULL (a server not in recovery) reads as 0: never caught up.
  auto r = c->exec("SELECT (pg_last_wal_replay_lsn() - '0/0'::pg_lsn)::int8");
  const auto value = r.empty() || r[0][0].is_null() ? 0 : r[0][0].as<std::uint64_t>();
  auto seen = replayed_.load(std::memory_order_acquire);
  while (value > seen && !replayed_.compare_exchange_weak(seen, value, std::memory_order_acq_rel)) {
  }
  release(std::move(c));
}

void ReadReplica::release(std::unique_ptr<Connection> c) {
  if (!c) return;
  if (!c->is_open()) {
    failed();
    return;
  }
  std::lock_guard lock(mu_);
  idle_.push_back(std::move(c));
}

void ReadReplica::failed() {
  retry_at_.store(now_ticks() + ticks(kRetryAfter), std::memory_order_release);
  std::vector<std::unique_ptr<Connection>> stale;
  std::lock_guard lock(mu_);
  stale.swap(idle_);
}

}  // namespace okr::postgres
