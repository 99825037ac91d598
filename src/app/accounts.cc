#include "app/accounts.h"

#include <algorithm>
#include <cctype>

#include "app/audit.h"
#include "app/edit.h"
#include "app/lookup.h"
#include "app/run.h"
#include "app/scim.h"
#include "app/secrets.h"
#include "app/shared_views.h"
#include "app/sign_in_throttle.h"
#include "app/sso.h"
#include "core/validate.h"

namespace okr::app {
namespace {

// Refusal of a sign-in while its client must wait; the same whether the account exists.
Error throttled(std::chrono::seconds wait) {
  return Error::forbidden("email", "too many failed sign-ins; try again in " +
                                       std::to_string(std::max<long long>(1, wait.count())) +
                                       " seconds");
}

Error unauthenticated(std::string message) {
  return Error{ErrorCode::unauthenticated, "", std::move(message)};
}

User find_user(Transaction& tx, const std::string& id_or_email) {
  std::optional<User> u;
  if (!id_or_email.empty() && std::all_of(id_or_email.begin(), id_or_email.end(),
                                          [](unsigned char c) { return std::isdigit(c); }))
    u = tx.find_user(std::stoll(id_or_email));
  else
    u = tx.find_user_by_email(normalize_email(id_or_email));
  if (!u)
    fail(Error::not_found("user", "no user with e-mail " + id_or_email +
                                      did_you_mean(tx, SearchHit::Kind::user, id_or_email)));
  return *u;
}

// A token as the audit trail records it: never its hash.
std::string token_text(const ApiToken& t) {
  auto when = [](const std::optional<Instant>& i) {
    return i ? boost::json::value(format_instant(*i)) : boost::json::value(nullptr);
  };
  return formats::to_text(boost::json::object{{"id", t.id},
                                              {"user_id", t.user_id},
                                              {"name", t.name},
                                              {"created_at", format_instant(t.created_at)},
                                              {"expires_at", when(t.expires_at)},
                                              {"revoked_at", when(t.revoked_at)}});
}

}  // namespace

std::optional<std::string> password_error(const std::string& password) {
  if (password.size() < 10) return "a password needs at least 10 characters";
  if (password.size() > 1024) return "a password may have at most 1024 characters";
  return std::nullopt;
}

Actor load_actor(Transaction& tx, Id user_id) {
  auto user = tx.find_user(user_id);
  if (!user) fail(unauthenticated("the account no longer exists"));
  if (user->disabled) fail(unauthenticated("the account is disabled"));
  Actor a{user->id, user->admin, {}};
  for (const auto& m : tx.list_memberships(std::nullopt, user->id)) a.roles[m.team_id] = m.role;
  return a;
}

Result<User> Accounts::add_user(const NewUser& in, const Actor& actor) {
  // Hash outside the transaction: it takes a tenth of a second on purpose.
  std::optional<std::string> hash;
  if (in.password) {
    if (auto e = password_error(*in.password)) return Error::invalid("password", *e);
    hash = hash_password(*in.password);
  }
  return run(app_.store(), Store::Mode::write, [&](Transaction& tx) {
    require_admin(actor, "add users");
    if (in.only_if_first && !tx.list_users().empty())
      fail(Error::conflict("", "this database has its first administrator already; sign in"));
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
    if (!user)
      fail(Error::not_found("user", "no user with e-mail " + in.user_email +
                                        did_you_mean(tx, SearchHit::Kind::user, in.user_email)));
    if (!actor.admin && actor.user_id != user->id)
      fail(Error::forbidden("user", "you may create tokens only for yourself"));
    if (auto e = check_text(in.name, "name")) fail(*e);
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
    issued.token_id = t.id;
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
    // Someone else's token answers as a missing one: its id tells nothing.
    if (!token || (!actor.admin && actor.user_id != token->user_id))
      fail(Error::not_found("id", "token " + std::to_string(token_id) + " does not exist"));
    ApiToken after = *token;
    if (!after.revoked_at) {
      tx.revoke_api_token(token_id, app_.now());
      after.revoked_at = app_.now();
    }
    tx.add_audit_event({0, app_.now(), actor.user_id, "revoke", "api_token", token_id,
                        token_text(*token), token_text(after)});
    return Ok{};
  });
}

Result<User> Accounts::update_user(const std::string& id_or_email, const UserChanges& changes,
                                   const Actor& actor) {
  return run(app_.store(), Store::Mode::write, [&](Transaction& tx) {
    require_admin(actor, "change users");
    User before = find_user(tx, id_or_email);
    User u = before;
    if (changes.name) u.name = *changes.name;
    if (changes.admin) u.admin = *changes.admin;
    if (changes.disabled) u.disabled = *changes.disabled;
    if (auto e = validate(u)) fail(*e);
    if (before.admin && !before.disabled && (!u.admin || u.disabled)) {
      int enabled_admins = 0;
      for (const auto& other : tx.list_users()) enabled_admins += other.admin && !other.disabled;
      if (enabled_admins <= 1)
        fail(Error::conflict("admin", u.email + " is the last enabled administrator; make "
                                                "someone else an administrator first"));
    }
    if (u == before) return u;
    u.version = tx.update_user(u);
    // Ended for good, as a new password ends sessions: enabling the user again later
    // must not bring back a session or token that someone may have kept.
    if (u.disabled && !before.disabled) end_access(tx, u.id, app_.now());
    // An administrator right given or taken by hand is manual from now on.
    if (changes.admin) tx.delete_mapped_grant(std::nullopt, u.id);
    audit<User>(tx, actor, app_.now(), "update", "user", u.id, before, u);
    return u;
  });
}

Result<Ok> Accounts::set_password(const std::string& id_or_email, const std::string& password,
                                  const Actor& actor) {
  if (auto e = password_error(password)) return Error::invalid("password", *e);
  std::string hash = hash_password(password);  // slow on purpose; outside the transaction
  return run(app_.store(), Store::Mode::write, [&](Transaction& tx) {
    User u = find_user(tx, id_or_email);
    if (!actor.admin && actor.user_id != u.id)
      fail(Error::forbidden("user", "you may change only your own password"));
    tx.set_password_hash(u.id, hash);
    tx.delete_sessions_of(u.id);
    tx.add_audit_event({0, app_.now(), actor.user_id, "set-password", "user", u.id, "", ""});
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

std::chrono::seconds Accounts::sign_in_wait(const std::string& email, const std::string& client) {
  return app_.sign_in_throttle().wait(normalize_email(email), client, app_.now());
}

Result<IssuedSecret> Accounts::sign_in(const std::string& email_in, const std::string& password,
                                       const std::string& client) {
  const std::string email = normalize_email(email_in);
  const Instant now = app_.now();
  SignInThrottle& throttle = app_.sign_in_throttle();
  // Refused before the deliberately slow password check, so a throttled client costs little.
  if (auto wait = throttle.wait(email, client, now); wait.count() > 0) return throttled(wait);
  auto pending = run(app_.store(), Store::Mode::read, [&](Transaction& tx) {
    auto user = tx.find_user_by_email(email);
    std::optional<std::string> hash = user ? tx.password_hash(user->id) : std::nullopt;
    return std::pair{user, hash};
  });
  if (!pending) return pending.error();
  auto [user, hash] = *pending;
  if (!throttle.begin_check())
    return Error{ErrorCode::busy, "",
                 "too many sign-ins are being checked at once; try again in a moment"};
  bool ok = false;
  try {
    // Verify even without a user, so timing does not reveal which e-mails exist.
    static const std::string decoy = hash_password("not a real password");
    ok = verify_password(hash.value_or(decoy), password) && user && hash && !user->disabled;
  } catch (...) {
    throttle.end_check();
    throw;
  }
  throttle.end_check();
  if (!ok) {
    throttle.failed(email, client, now);
    return unauthenticated("wrong e-mail or password");
  }
  throttle.succeeded(email, client);
  return run(app_.store(), Store::Mode::write, [&](Transaction& tx) {
    // Checked after the password, so the answer tells nothing to someone without it.
    if (auto only = read_sso_only(tx); only.on && only.break_glass != user->email)
      fail(Error{ErrorCode::unauthenticated, "email",
                 "this organisation signs in with single sign-on only; use the company "
                 "sign-in button"});
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

Result<Actor> Accounts::actor_for_email(const std::string& email) {
  return run(app_.store(), Store::Mode::read, [&](Transaction& tx) {
    auto user = tx.find_user_by_email(normalize_email(email));
    if (!user)
      fail(Error::not_found("as", "no user with e-mail " + email + " to act as" +
                                      did_you_mean(tx, SearchHit::Kind::user, email)));
    return load_actor(tx, user->id);
  });
}

namespace {

// The actor behind a credential, from the App's shared copy while no write that may
// change accounts (Store::accounts_generation) has been made since it was read and the
// credential has not expired; else read with `load` (which gives the actor and the
// credential's expiry) and shared.
Result<Actor> shared_actor(
    App& app, std::string key,
    const std::function<std::pair<Actor, std::optional<Instant>>(Transaction&)>& load) {
  App::SharedViews& shared = app.shared_views();
  // Read before the transaction: a write while reading leaves the copy stale.
  const std::uint64_t generation = app.store().accounts_generation();
  const Instant now = app.now();
  {
    std::lock_guard lock(shared.mu);
    if (auto it = shared.actors.find(key); it != shared.actors.end() &&
                                           it->second.generation == generation &&
                                           (!it->second.expires_at || *it->second.expires_at > now))
      return it->second.actor;
  }
  // A credential, its user and their memberships need not be read in one snapshot:
  // each is as current as the others or more.
  auto loaded = run(app.store(), Store::Mode::glance, load);
  if (!loaded) return loaded.error();
  std::lock_guard lock(shared.mu);
  if (shared.actors.size() >= App::SharedViews::kMaxActors) shared.actors.clear();
  shared.actors[std::move(key)] = {generation, loaded->second, loaded->first};
  return loaded->first;
}

}  // namespace

Result<Actor> Accounts::authenticate_session(const std::string& secret) {
  return shared_actor(app_, "session:" + secret_hash(secret), [&](Transaction& tx) {
    auto s = tx.find_session(secret_hash(secret));
    if (!s || s->expires_at <= app_.now())
      fail(unauthenticated("the session has expired; sign in again"));
    return std::make_pair(load_actor(tx, s->user_id), std::optional<Instant>(s->expires_at));
  });
}

Result<Actor> Accounts::authenticate_token(const std::string& secret) {
  return shared_actor(app_, "token:" + secret_hash(secret), [&](Transaction& tx) {
    auto t = tx.find_api_token(secret_hash(secret));
    if (!t || t->revoked_at || (t->expires_at && *t->expires_at <= app_.now()))
      fail(unauthenticated("the API token is unknown, expired or revoked"));
    return std::make_pair(load_actor(tx, t->user_id), t->expires_at);
  });
}

}  // namespace okr::app
