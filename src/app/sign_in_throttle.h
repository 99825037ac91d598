// Throttling of failed sign-ins, with exponential back-off instead of a lock-out.
//
// Failures are counted three ways, each with its own allowance before back-off starts:
//   - per account and client address (5): one client guessing one password;
//   - per client address (20): one client trying many accounts;
//   - per account from anywhere (100): many addresses guessing one password.
// Past its allowance, each further failure doubles the wait before the next attempt
// (1 s, 2 s, 4 s, … at most 15 minutes; at most 1 minute for the per-account count, so a
// stranger with many addresses can slow an account down but never lock its owner out).
// Counts are forgotten 15 minutes after their last failure, and a success clears the
// account's count for that address.
//
// It also bounds how many password checks (Argon2id, deliberately slow and memory-hard)
// run at once, so a flood of sign-ins cannot occupy every worker thread.
//
// In memory: a restart forgets the counts. Thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/date.h"

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
  // Records kept per count; beyond it the oldest are forgotten first.
  static constexpr std::size_t kMaxRecords = 100'000;

  // How long `address` must wait before it may try to sign in as `email`; zero when it
  // may now. `email` is normalised by the caller.
  std::chrono::seconds wait(const std::string& email, const std::string& address, Instant now);
  void failed(const std::string& email, const std::string& address, Instant now);
  void succeeded(const std::string& email, const std::string& address);

  // Reserves one of kConcurrentChecks password checks; false when all are taken.
  bool begin_check();
  void end_check();

 private:
  struct Record {
    int failures = 0;
    Instant last{};
  };
  using Records = std::unordered_map<std::string, Record>;

  static std::chrono::seconds wait_for(const Records& records, const std::string& key,
                                       Allowance allowance, Instant now);
  static void count(Records& records, const std::string& key, Instant now);

  std::mutex mu_;
  Records by_pair_, by_address_, by_account_;  // guarded by mu_
  int checks_ = 0;                             // guarded by mu_
};

}  // namespace okr::app
