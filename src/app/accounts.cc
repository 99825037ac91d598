#include "app/accounts.h"

#include <algorithm>
#include <cctype>

#include "app/audit.h"
#include "app/edit.h"
#include "app/run.h"
#include "app/secrets.h"
#include "core/validate.h"

namespace okr::app {
namespace {

// Refusal of an address with too many recent failed sign-ins.
[[noreturn]] void fail_throttled() {
  fail(Error::forbidden("email",
                        "too many failed sign-ins for this e-mail; try again in 15 minutes"));
}

Error unauthenticated(std::string message) {
  return Error{ErrorCode::unauthenticated, "", std::move(message)};
}

}  // namespace

Actor load_actor(Transaction& tx, Id user_id) {
  auto user = tx.find_user(user_id);
  if (!user) fail(unauthenticated("the account no longer exists"));
  Actor a{user->id, user->admin, {}};
  for (const auto& m : tx.list_memberships(std::nullopt, user->id)) a.roles[m.team_id] = m.role;
  return a;
}

Result<User> Accounts::add_user(const NewUser& in, const Actor& actor) {
  // Hash outside the transaction: it takes a tenth of a second on purpose.
  std::optional<std::string> hash;
  if (in.password) {
    if (in.password->size() < 10)
      return Error::invalid("password", "a password needs at least 10 characters");
    if (in.password->size() > 1024)
      return Error::invalid("password", "a password may have at most 1024 characters");
    hash = hash_password(*in.password);
  }
  return run(app_.store(), Store::Mode::write, [&](Transaction& tx) {
    require_admin(actor, "add users");
    User u{0, normalize_email(in.email), in.name, in.admin, 1};
    if (auto e = validate(u)) fail(*e);
    if (tx.find_user_by_email(u.email))
      fail(Error::conflict("email", "a user with e-mail " + u.email + " already exists"));
    u.id = tx.create_user(u);
    if (hash) tx.set_password_hash(u.id, *hash);
    audit<User>(tx, actor, app_.now(), "create", "user", u.id, std::nullopt, u);
    return u;
  });
}

Result<IssuedSecret> Accounts::create_token(const NewToken& in, const Actor& actor) {
  return run(app_.store(), Store::Mode::write, [&](Transaction& tx) {
    auto user = tx.find_user_by_email(normalize_email(in.user_email));
    if (!user) fail(Error::not_found("user", "no user with e-mail " + in.user_email));
    if (!actor.admin && actor.user_id != user->id)
      fail(Error::forbidden("user", "you may create tokens only for yourself"));
    if (in.name.empty() || in.name.size() > 100)
      fail(Error::invalid("name", "a token needs a name of 1–100 characters"));
    if (in.expires_at && *in.expires_at <= app_.now())
      fail(Error::invalid("expires_at", "the expiry must be in the future"));
    for (const auto& t : tx.list_api_tokens(user->id))
      if (t.name == in.name && !t.revoked_at)
        fail(Error::conflict("name", "user already has a token named '" + in.name + "'"));
    IssuedSecret issued{new_secret("okr_t_"), user->id, in.expires_at.value_or(Instant::max())};
    ApiToken t{0,          user->id,      in.name,     secret_hash(issued.secret),
               app_.now(), in.expires_at, std::nullopt};
    t.id = tx.create_api_token(t);
    AuditEvent e{0,
                 app_.now(),
                 actor.user_id,
                 "create",
                 "api_token",
                 t.id,
                 "",
                 "{\"user_id\":" + std::to_string(user->id) + "}"};
    tx.add_audit_event(e);
    return issued;
  });
}

Result<Ok> Accounts::revoke_token(Id token_id, const Actor& actor) {
  return run(app_.store(), Store::Mode::write, [&](Transaction& tx) {
    auto token = tx.find_api_token_by_id(token_id);
    if (!token)
      fail(Error::not_found("id", "token " + std::to_string(token_id) + " does not exist"));
    if (!actor.admin && actor.user_id != token->user_id)
      fail(Error::forbidden("", "you may revoke only your own tokens"));
    tx.revoke_api_token(token_id, app_.now());
    tx.add_audit_event({0, app_.now(), actor.user_id, "revoke", "api_token", token_id, "", ""});
    return Ok{};
  });
}

Result<std::vector<ApiToken>> Accounts::list_tokens(Id user_id, const Actor& actor) {
  return run(app_.store(), Store::Mode::read, [&](Transaction& tx) {
    if (!actor.admin && actor.user_id != user_id)
      fail(Error::forbidden("", "you may list only your own tokens"));
    auto tokens = tx.list_api_tokens(user_id);
    for (auto& t : tokens) t.token_hash.clear();
    return tokens;
  });
}

Result<IssuedSecret> Accounts::sign_in(const std::string& email_in, const std::string& password) {
  const std::string email = normalize_email(email_in);
  const Instant now = app_.now();
  auto pending = run(app_.store(), Store::Mode::read, [&](Transaction& tx) {
    // Refused before the deliberately slow password check, so a locked-out address costs little.
    if (tx.count_sign_in_failures(email, now - kFailureWindow) >= kMaxFailures) fail_throttled();
    auto user = tx.find_user_by_email(email);
    std::optional<std::string> hash = user ? tx.password_hash(user->id) : std::nullopt;
    return std::pair{user, hash};
  });
  if (!pending) return pending.error();
  auto [user, hash] = *pending;
  // Verify even without a user, so timing does not reveal which e-mails exist.
  static const std::string decoy = hash_password("not a real password");
  bool ok = verify_password(hash.value_or(decoy), password) && user && hash;
  return run(app_.store(), Store::Mode::write, [&](Transaction& tx) {
    // Checked again: other attempts may have failed while the password was being checked.
    if (tx.count_sign_in_failures(email, now - kFailureWindow) >= kMaxFailures) fail_throttled();
    if (!ok) {
      tx.add_sign_in_failure(email, now);
      // The failure must be recorded even though the sign-in fails.
      tx.commit();
      fail(unauthenticated("wrong e-mail or password"));
    }
    tx.clear_sign_in_failures(email);
    IssuedSecret issued{new_secret("okr_s_"), user->id, now + kSessionLifetime};
    tx.create_session({secret_hash(issued.secret), user->id, now, issued.expires_at});
    return issued;
  });
}

void Accounts::sign_out(const std::string& secret) {
  (void)run(app_.store(), Store::Mode::write, [&](Transaction& tx) {
    tx.delete_session(secret_hash(secret));
    return Ok{};
  });
}

Result<Actor> Accounts::authenticate_session(const std::string& secret) {
  return run(app_.store(), Store::Mode::read, [&](Transaction& tx) {
    auto s = tx.find_session(secret_hash(secret));
    if (!s || s->expires_at <= app_.now())
      fail(unauthenticated("the session has expired; sign in again"));
    return load_actor(tx, s->user_id);
  });
}

Result<Actor> Accounts::authenticate_token(const std::string& secret) {
  return run(app_.store(), Store::Mode::read, [&](Transaction& tx) {
    auto t = tx.find_api_token(secret_hash(secret));
    if (!t || t->revoked_at || (t->expires_at && *t->expires_at <= app_.now()))
      fail(unauthenticated("the API token is unknown, expired or revoked"));
    return load_actor(tx, t->user_id);
  });
}

}  // namespace okr::app
