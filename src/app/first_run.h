// The first administrator of a database without users, made in the browser (as Grafana
// and Gitea do): `okr serve` offers a one-time secret and prints the address that holds
// it; whoever opens that address creates the first administrator. No command line
// step is needed, and the secret never reaches a log (it travels after a '#').
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "app/accounts.h"

namespace okr::app {

class FirstRun {
 public:
  explicit FirstRun(App& app) : app_(app) {}
  FirstRun(const FirstRun&) = delete;
  FirstRun& operator=(const FirstRun&) = delete;

  // A new secret when the database has no user (replacing any earlier one); nullopt
  // when it has one, or cannot be read.
  std::optional<std::string> offer();
  // Whether a secret is on offer (the address still works).
  bool offered() const;
  // Creates the first administrator when `secret` is the one on offer and the database
  // still has no user; the offer is then withdrawn. A wrong or spent secret is refused
  // (forbidden), an existing user too (conflict). Thread-safe.
  Result<User> create_admin(std::string_view secret, NewUser user);

 private:
  App& app_;
  mutable std::mutex mu_;
  std::optional<std::string> secret_;  // guarded by mu_
};

}  // namespace okr::app
