// Accounts: users, passwords, sign-in sessions and API tokens, and turning a
// presented secret into the Actor a request runs as.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "app/app.h"

namespace okr::app {

// What is wrong with a password someone chose (too short, too long), if anything.
std::optional<std::string> password_error(const std::string& password);

struct NewUser {
  std::string email;
  std::string name;
  bool admin = false;
  std::optional<std::string> password;
  // Only while the database has no user at all (the first administrator, see first_run.h).
  bool only_if_first = false;
};

// What `update_user` changes; unset fields stay as they are.
struct UserChanges {
  std::optional<std::string> name;
  std::optional<bool> admin;
  std::optional<bool> disabled;
};

struct NewToken {
  std::string user_email;
  std::string name;
  std::optional<Instant> expires_at;
};

struct IssuedSecret {
  std::string secret;  // shown once; only its hash is stored
  Id user_id = 0;
  Instant expires_at{};
  Id token_id = 0;  // the API token's id (create_token), to list or revoke it by
};

// The actor for a stored user, with their team roles. Throws Failure when the user is gone.
Actor load_actor(Transaction& tx, Id user_id);

class Accounts {
 public:
  // Sessions last this long.
  static constexpr std::chrono::hours kSessionLifetime{24 * 14};

  explicit Accounts(App& app) : app_(app) {}

  Result<User> add_user(const NewUser& user, const Actor& actor);
  // Changes a user's name, administrator right or disabled state (administrators only).
  // A disabled user cannot sign in; disabling ends their sessions and revokes their
  // tokens for good (enabling them again revives neither). The
  // last enabled administrator cannot be demoted or disabled.
  Result<User> update_user(const std::string& id_or_email, const UserChanges& changes,
                           const Actor& actor);
  // Sets a new password (administrators, or the user themself) and ends the user's
  // sessions, so whoever knew the old one is signed out.
  Result<Ok> set_password(const std::string& id_or_email, const std::string& password,
                          const Actor& actor);
  Result<IssuedSecret> create_token(const NewToken& token, const Actor& actor);
  // Revokes a token; its owner or an administrator may. Anyone else is told it does not
  // exist (not_found), so a token's id does not reveal that it exists.
  Result<Ok> revoke_token(Id token_id, const Actor& actor);
  // A user's tokens (never their secrets); the user or an administrator may list them.
  Result<std::vector<ApiToken>> list_tokens(Id user_id, const Actor& actor);

  // Checks the password and opens a session. Wrong e-mail and wrong password get the
  // same answer in about the same time (an unknown e-mail is checked against a decoy
  // hash). Failures are throttled per client address and per account with back-off
  // (sign_in_throttle.h): while `client` must wait the answer is ErrorCode::forbidden on
  // field "email", whether or not the account exists; see sign_in_wait(). When too many
  // passwords are being checked at once the answer is ErrorCode::busy.
  Result<IssuedSecret> sign_in(const std::string& email, const std::string& password,
                               const std::string& client = "");
  // How long `client` must wait before trying `email` again (zero: it may now).
  std::chrono::seconds sign_in_wait(const std::string& email, const std::string& client);
  void sign_out(const std::string& session_secret);

  // The actor a local command runs as when it names a user (`okr checkin --as`): their
  // roles, so the command may do exactly what they may do through the API.
  Result<Actor> actor_for_email(const std::string& email);

  // The actor behind a session cookie or a bearer token; unauthenticated when unknown,
  // expired or revoked.
  Result<Actor> authenticate_session(const std::string& secret);
  Result<Actor> authenticate_token(const std::string& secret);

 private:
  Result<Actor> actor_for(Transaction& tx, Id user_id);
  App& app_;
};

}  // namespace okr::app
