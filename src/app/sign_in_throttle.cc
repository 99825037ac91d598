#include "app/sign_in_throttle.h"

#include <arpa/inet.h>

#include <algorithm>
#include <array>

#include "app/run.h"

namespace okr::app {
namespace {

// An IPv6 client holds a whole /64 (a home network, a server's interface): counting
// each of its addresses apart would give one guesser 2^64 fresh addresses.
std::string client_key(const std::string& address) {
  std::array<unsigned char, 16> bytes{};
  if (address.find(':') == std::string::npos ||
      inet_pton(AF_INET6, address.c_str(), bytes.data()) != 1)
    return address;
  static constexpr std::array<unsigned char, 12> kMappedV4{0, 0, 0, 0, 0,    0,
                                                           0, 0, 0, 0, 0xff, 0xff};
  if (std::equal(kMappedV4.begin(), kMappedV4.end(), bytes.begin())) {
    char v4[INET_ADDRSTRLEN];
    return inet_ntop(AF_INET, bytes.data() + 12, v4, sizeof v4) ? std::string(v4) : address;
  }
  std::fill(bytes.begin() + 8, bytes.end(), 0);
  char v6[INET6_ADDRSTRLEN];
  return inet_ntop(AF_INET6, bytes.data(), v6, sizeof v6) ? std::string(v6) + "/64" : address;
}

bool counts(const std::optional<SignInCount>& count, Instant now) {
  return count && count->failures > 0 && now - count->last < SignInThrottle::kWindow;
}

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
  const std::string client = client_key(address);
  auto wait = run(store_, Store::Mode::read, [&](Transaction& tx) {
    const auto pair = tx.sign_in_count(pair_key(email, client));
    // The count from anywhere slows only addresses that have themselves failed for this
    // account: a stranger guessing from many addresses keeps those addresses waiting,
    // while the owner, from an address that has not failed, is checked at once.
    const auto account = counts(pair, now)
                             ? wait_for(tx.sign_in_count(account_key(email)), kPerAccount, now)
                             : std::chrono::seconds(0);
    return std::max({wait_for(pair, kPerAccountAndAddress, now),
                     wait_for(tx.sign_in_count(address_key(client)), kPerAddress, now), account});
  });
  // A database that cannot be read refuses the sign-in at its next step anyway.
  return wait ? *wait : std::chrono::seconds(0);
}

void SignInThrottle::failed(const std::string& email, const std::string& address, Instant now) {
  const std::string client = client_key(address);
  (void)run(store_, Store::Mode::write, [&](Transaction& tx) {
    tx.forget_sign_in_counts(now - kWindow);
    for (const auto& key : {pair_key(email, client), address_key(client), account_key(email)}) {
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
    tx.delete_sign_in_count(pair_key(email, client_key(address)));
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
