#include "app/sign_in_throttle.h"

#include <algorithm>
#include <vector>

namespace okr::app {
namespace {

std::string pair_key(const std::string& email, const std::string& address) {
  return email + '\n' + address;
}

}  // namespace

std::chrono::seconds SignInThrottle::wait_for(const Records& records, const std::string& key,
                                              Allowance allowance, Instant now) {
  auto it = records.find(key);
  if (it == records.end() || now - it->second.last >= kWindow) return {};
  const int over = it->second.failures - allowance.free_failures;
  if (over < 0) return {};
  // 1 s after the first failure past the allowance, doubling with each one after it.
  const std::chrono::seconds delay =
      over >= 20
          ? allowance.max_delay
          : std::min<std::chrono::seconds>(std::chrono::seconds(1LL << over), allowance.max_delay);
  const auto left = std::chrono::duration_cast<std::chrono::seconds>(it->second.last + delay - now);
  return std::max(left, std::chrono::seconds(0));
}

void SignInThrottle::count(Records& records, const std::string& key, Instant now) {
  if (records.size() >= kMaxRecords && !records.contains(key)) {
    std::erase_if(records, [&](const auto& kv) { return now - kv.second.last >= kWindow; });
    if (records.size() >= kMaxRecords) {
      // Forget the older half rather than grow without bound.
      std::vector<Instant> times;
      times.reserve(records.size());
      for (const auto& [k, r] : records) times.push_back(r.last);
      auto middle = times.begin() + static_cast<std::ptrdiff_t>(times.size() / 2);
      std::nth_element(times.begin(), middle, times.end());
      const Instant cut = *middle;
      std::erase_if(records, [&](const auto& kv) { return kv.second.last <= cut; });
    }
  }
  Record& r = records[key];
  if (now - r.last >= kWindow) r.failures = 0;
  ++r.failures;
  r.last = now;
}

std::chrono::seconds SignInThrottle::wait(const std::string& email, const std::string& address,
                                          Instant now) {
  std::lock_guard lock(mu_);
  return std::max({wait_for(by_pair_, pair_key(email, address), kPerAccountAndAddress, now),
                   wait_for(by_address_, address, kPerAddress, now),
                   wait_for(by_account_, email, kPerAccount, now)});
}

void SignInThrottle::failed(const std::string& email, const std::string& address, Instant now) {
  std::lock_guard lock(mu_);
  count(by_pair_, pair_key(email, address), now);
  count(by_address_, address, now);
  count(by_account_, email, now);
}

void SignInThrottle::succeeded(const std::string& email, const std::string& address) {
  std::lock_guard lock(mu_);
  by_pair_.erase(pair_key(email, address));
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
