// Invitations: an administrator invites someone by e-mail and passes on a one-time
// sign-up link; whoever opens it sets the account's password and is signed in. The
// account exists from the invitation on (it can be given team roles at once) but
// cannot sign in until the link is used. Only a hash of the link's secret is stored.
#pragma once

#include <chrono>
#include <string>

#include "app/accounts.h"

namespace okr::app {

inline constexpr std::chrono::hours kInvitationLifetime{24 * 7};

struct IssuedInvitation {
  User user;
  std::string secret;  // shown once, in the link: /join#<secret>
  Instant expires_at{};
};

// Administrators only. A new e-mail gets a new account without a password; an account
// that has never signed in (no password) gets a new link, the older ones stop working.
// An account with a password is refused: set a new password instead.
Result<IssuedInvitation> invite(App& app, const NewUser& user, const Actor& actor);

// Who a valid link is for (refused, not found, when it is unknown, used or expired).
Result<User> invitation_for(App& app, const std::string& secret);

// Sets the password (and the name, when given) of the invited account; the link, and
// any other of that account, stops working.
Result<User> accept_invitation(App& app, const std::string& secret, const std::string& name,
                               const std::string& password);

}  // namespace okr::app
