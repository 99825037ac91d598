// A read-only PostgreSQL standby (`okr serve --db-read URL`) that page reads use when
// it has caught up.
//
// Whether it has caught up is a comparison of WAL positions: PgStore knows the primary's
// position after every write it has seen (its own commits, and other servers' through
// the generation check), and the standby says how far it has replayed
// (pg_last_wal_replay_lsn()). A read runs on the standby only when it has replayed at
// least that far, so it sees every write this server has seen: read-your-writes for
// everyone on this server. A sequence read on a standby is no such position: sequences
// are WAL-logged ahead of their values.
//
// A standby that cannot be reached or answers with an error is left alone for
// kRetryAfter, during which every read goes to the primary. Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "storage/postgres/connection.h"

namespace okr::postgres {

class ReadReplica {
 public:
  // Connects to `url` once to check that it is reachable and a standby (a server in
  // recovery). Throws StoreError naming the URL without its password.
  explicit ReadReplica(std::string url);
  ReadReplica(const ReadReplica&) = delete;
  ReadReplica& operator=(const ReadReplica&) = delete;

  // A connection to the standby when it has replayed the primary's WAL up to
  // `position` (bytes since 0/0), else nullptr: it is behind, down or failing, and the
  // caller reads from the primary. Asks the standby at most once per kPollEvery; never
  // waits for another thread that is asking.
  std::unique_ptr<Connection> acquire_if_caught_up(std::uint64_t position);
  // Back into the pool; a broken connection marks the standby failed.
  void release(std::unique_ptr<Connection> c);
  // The standby failed: its pooled connections go and it is not used for kRetryAfter.
  void failed();

  // The URL with any password hidden, for messages.
  const std::string& display_name() const { return display_; }
  // Statements sent to the standby, and read transactions begun on it.
  std::uint64_t statements() const { return statements_.load(); }
  std::uint64_t reads() const { return reads_.load(); }

  static constexpr std::chrono::milliseconds kPollEvery{1};
  static constexpr std::chrono::seconds kRetryAfter{2};

 private:
  std::unique_ptr<Connection> connect();
  // Reads the standby's replay position into replayed_. Throws StoreError.
  void poll();

  std::string url_;
  std::string display_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::mutex poll_mu_;
  std::atomic<std::uint64_t> replayed_{0};
  std::atomic<std::int64_t> polled_at_{0};
  std::atomic<std::int64_t> retry_at_{0};
  std::atomic<std::uint64_t> statements_{0};
  std::atomic<std::uint64_t> reads_{0};
};

}  // namespace okr::postgres
