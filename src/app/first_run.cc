#include "app/first_run.h"

#include "app/run.h"
#include "app/secrets.h"

namespace okr::app {

std::optional<std::string> FirstRun::offer() {
  // Asked at every start: the first user answers at once in a database that has users;
  // reading them all is only for the rare one whose first user is gone.
  auto empty = run(app_.store(), Store::Mode::read,
                   [](Transaction& tx) { return !tx.find_user(1) && tx.list_users().empty(); });
  if (!empty || !*empty) return std::nullopt;
  std::lock_guard lock(mu_);
  secret_ = new_secret("okr_setup_");
  return secret_;
}

bool FirstRun::offered() const {
  std::lock_guard lock(mu_);
  return secret_.has_value();
}

Result<User> FirstRun::create_admin(std::string_view secret, NewUser user) {
  // One at a time: the first to finish takes the offer.
  std::lock_guard lock(mu_);
  if (!secret_ || !secrets_equal(*secret_, secret))
    return Error::forbidden("secret",
                            "this set-up address is not valid (any more): the first "
                            "administrator exists, or the server was restarted and printed a "
                            "new address");
  user.admin = true;
  user.only_if_first = true;
  if (!user.password) return Error::invalid("password", "the first administrator needs a password");
  Accounts accounts(app_);
  auto created = accounts.add_user(user, Actor::local_operator());
  if (created || created.error().code == ErrorCode::conflict) secret_.reset();
  return created;
}

}  // namespace okr::app
