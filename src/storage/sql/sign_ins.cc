// Counts of failed sign-ins, per key (an account, a client address, or both), so
// every server on the database throttles the same guesses.
#include "storage/sql/rows.h"
#include "storage/sql/sql_transaction.h"

namespace okr::sql {

std::optional<SignInCount> SqlTransaction::sign_in_count(const std::string& key) {
  return one(
      "SELECT failures, last_failure FROM sign_in_counts WHERE key = ?",
      [](const Statement& s) {
        return SignInCount{static_cast<int>(s.i64(0)), to_instant(s.text(1))};
      },
      key);
}

void SqlTransaction::put_sign_in_count(const std::string& key, const SignInCount& count) {
  prepare(
      "INSERT INTO sign_in_counts (key, failures, last_failure) VALUES (?, ?, ?) "
      "ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, "
      "last_failure = excluded.last_failure")
      .bind_all(key, static_cast<std::int64_t>(count.failures), format_instant(count.last))
      .run();
}

void SqlTransaction::delete_sign_in_count(const std::string& key) {
  prepare("DELETE FROM sign_in_counts WHERE key = ?").bind(key).run();
}

void SqlTransaction::forget_sign_in_counts(Instant before) {
  prepare("DELETE FROM sign_in_counts WHERE last_failure < ?").bind(format_instant(before)).run();
}

}  // namespace okr::sql
