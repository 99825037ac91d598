// Throttling of failed sign-ins, with exponential back-off instead of a lock-out.
//
// Failures are counted three ways, each with its own allowance before back-off starts:
//   - per account and client address (5): one client guessing one password;
//   - per client address (20): one client trying many accounts;
//   - per account from anywhere (100): many addresses guessing one password.
// Past its allowance, each further failure doubles the wait before the next attempt
// (1 s, 2 s, 4 s, … at most 15 minutes; at most 1 minute for the per-account count).
// The count from anywhere slows only addresses that have failed for that account
// themselves: a stranger with many addresses keeps each of them waiting once it has
// guessed, and needs a fresh address for every further guess, while the owner signing
// in from an address that has not failed is checked at once, however many strangers
// guess. An IPv6 client is counted by its /64 (one host holds all of it).
// Counts are forgotten 15 minutes after their last failure, and a success clears the
// account's count for that address.
//
// The counts live in the database (Store::sign_in_count), so every `okr serve` on one
// PostgreSQL database throttles the same guesses, and a restart forgets nothing.
//
// It also bounds how many password checks (Argon2id, deliberately slow and memory-hard)
// run at once in this process, so a flood of sign-ins cannot occupy every worker thread.
// Thread-safe.
#pragma once

#include <chrono>
#include <mutex>
#include <string>

#include "core/date.h"
#include "storage/store.h"

namespace okr::app {

class SignInThrottle {
 public:
  struct Allowance {
    int free_failures;
    std::chrono::seconds max_delay;
  };
  static constexpr Allowance kPerAccountAndAddress{5, std::chrono::minutes(15)};
  static constexpr Allowance kPerAddress{20, std::chrono::minutes(15)};
  static constexpr Allowance kPerAccount{100, std::chrono::minutes(1)};
  static constexpr std::chrono::minutes kWindow{15};
  // Password checks that may run at once; more are refused as busy.
  static constexpr int kConcurrentChecks = 4;

  explicit SignInThrottle(Store& store) : store_(store) {}

  // How long `address` must wait before it may try to sign in as `email`; zero when it
  // may now. `email` is normalised by the caller.
  std::chrono::seconds wait(const std::string& email, const std::string& address, Instant now);
  void failed(const std::string& email, const std::string& address, Instant now);
  void succeeded(const std::string& email, const std::string& address);

  // Reserves one of kConcurrentChecks password checks; false when all are taken.
  bool begin_check();
  void end_check();

 private:
  Store& store_;
  std::mutex mu_;
  int checks_ = 0;  // guarded by mu_
};

}  // namespace okr::app
