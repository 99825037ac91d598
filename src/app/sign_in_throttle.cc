#include "app/sign_in_throttle.h"

#include <algorithm>

#include "app/run.h"

namespace okr::app {
namespace {

// The three counts' keys; an e-mail never holds a newline.
std::string pair_key(const std::string& email, const std::string& address) {
  return "pair\n" + email + '\n' + address;
}
std::string address_key(const std::string& address) {
  return "address\n" + address;
}
std::string account_key(const std::string& email) {
  return "account\n" + email;
}

std::chrono::seconds wait_for(const std::optional<SignInCount>& count,
                              SignInThrottle::Allowance allowance, Instant now) {
  if (!count || now - count->last >= SignInThrottle::kWindow) return {};
  const int over = count->failures - allowance.free_failures;
  if (over < 0) return {};
  // 1 s after the first failure past the allowance, doubling with each one after it.
  const std::chrono::seconds delay =
      over >= 20
          ? allowance.max_delay
          : std::min<std::chrono::seconds>(std::chrono::seconds(1LL << over), allowance.max_delay);
  const auto left = std::chrono::duration_cast<std::chrono::seconds>(count->last + delay - now);
  return std::max(left, std::chrono::seconds(0));
}

}  // namespace

std::chrono::seconds SignInThrottle::wait(const std::string& email, const std::string& address,
                                          Instant now) {
  auto wait = run(store_, Store::Mode::read, [&](Transaction& tx) {
    return std::max(
        {wait_for(tx.sign_in_count(pair_key(email, address)), kPerAccountAndAddress, now),
         wait_for(tx.sign_in_count(address_key(address)), kPerAddress, now),
         wait_for(tx.sign_in_count(account_key(email)), kPerAccount, now)});
  });
  // A database that cannot be read refuses the sign-in at its next step anyway.
  return wait ? *wait : std::chrono::seconds(0);
}

void SignInThrottle::failed(const std::string& email, const std::string& address, Instant now) {
  (void)run(store_, Store::Mode::write, [&](Transaction& tx) {
    tx.forget_sign_in_counts(now - kWindow);
    for (const auto& key : {pair_key(email, address), address_key(address), account_key(email)}) {
      SignInCount count = tx.sign_in_count(key).value_or(SignInCount{});
      if (now - count.last >= kWindow) count.failures = 0;
      count.failures = std::min(count.failures, 1'000'000) + 1;
      count.last = now;
      tx.put_sign_in_count(key, count);
    }
    return Ok{};
  });
}

void SignInThrottle::succeeded(const std::string& email, const std::string& address) {
  (void)run(store_, Store::Mode::write, [&](Transaction& tx) {
    tx.delete_sign_in_count(pair_key(email, address));
    return Ok{};
  });
}

bool SignInThrottle::begin_check() {
  std::lock_guard lock(mu_);
  if (checks_ >= kConcurrentChecks) return false;
  ++checks_;
  return true;
}

void SignInThrottle::end_check() {
  std::lock_guard lock(mu_);
  --checks_;
}

}  // namespace okr::app
