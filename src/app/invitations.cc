#include "app/invitations.h"

#include "app/audit.h"
#include "app/edit.h"
#include "app/run.h"
#include "app/secrets.h"
#include "core/validate.h"

namespace okr::app {
namespace {

// The invitation a secret names and its account, while it is valid.
std::pair<Invitation, User> valid_invitation(App& app, Transaction& tx, const std::string& secret) {
  auto i = tx.find_invitation(secret_hash(secret));
  const Error unknown =
      Error::not_found("secret",
                       "this sign-up link is not valid: it was used, replaced by a newer one, or "
                       "mistyped; ask an administrator for a new one");
  if (!i) fail(unknown);
  if (i->expires_at <= app.now())
    fail(Error::not_found("secret", "this sign-up link expired on " +
                                        format_instant(i->expires_at) +
                                        "; ask an administrator for a new one"));
  auto u = tx.find_user(i->user_id);
  if (!u || u->disabled) fail(unknown);
  return {*i, *u};
}

}  // namespace

Result<IssuedInvitation> invite(App& app, const NewUser& in, const Actor& actor) {
  const std::string secret = new_secret("okr_i_");
  return run(app.store(), Store::Mode::write, [&](Transaction& tx) {
    require_admin(actor, "invite people");
    IssuedInvitation out;
    if (auto existing = tx.find_user_by_email(normalize_email(in.email))) {
      if (tx.password_hash(existing->id))
        fail(Error::conflict("email", existing->email +
                                          " has an account with a password already; an "
                                          "administrator may set a new password instead"));
      out.user = *existing;
    } else {
      User u{0, normalize_email(in.email), in.name, in.admin, 1};
      if (auto e = validate(u)) fail(*e);
      u.id = tx.create_user(u);
      audit<User>(tx, actor, app.now(), "create", "user", u.id, std::nullopt, u);
      out.user = u;
    }
    tx.delete_invitations_of(out.user.id);
    out.secret = secret;
    out.expires_at = app.now() + kInvitationLifetime;
    tx.put_invitation({secret_hash(secret), out.user.id, app.now(), out.expires_at, actor.user_id});
    tx.add_audit_event({0, app.now(), actor.user_id, "invite", "user", out.user.id, "", ""});
    return out;
  });
}

Result<User> invitation_for(App& app, const std::string& secret) {
  return run(app.store(), Store::Mode::read,
             [&](Transaction& tx) { return valid_invitation(app, tx, secret).second; });
}

Result<User> accept_invitation(App& app, const std::string& secret, const std::string& name,
                               const std::string& password) {
  auto user = invitation_for(app, secret);
  if (!user) return user.error();
  if (!name.empty()) {  // checked before anything is written
    User renamed = *user;
    renamed.name = name;
    if (auto e = validate(renamed)) return *e;
  }
  // The invitee sets their own password, checked as every password is and hashed
  // (slowly, on purpose) before the transaction that uses up the link and sets it, so
  // a refused sign-up changes nothing.
  if (auto e = password_error(password)) return Error::invalid("password", *e);
  const std::string hash = hash_password(password);
  const Actor invitee{user->id, false, {}};
  return run(app.store(), Store::Mode::write, [&](Transaction& tx) {
    auto [invitation, u] = valid_invitation(app, tx, secret);
    tx.delete_invitations_of(u.id);
    tx.set_password_hash(u.id, hash);
    tx.delete_sessions_of(u.id);
    tx.add_audit_event({0, app.now(), u.id, "set-password", "user", u.id, "", ""});
    if (!name.empty() && name != u.name) {
      User after = u;
      after.name = name;
      if (auto e = validate(after)) fail(*e);
      after.version = tx.update_user(after);
      audit<User>(tx, invitee, app.now(), "update", "user", u.id, u, after);
      u = after;
    }
    tx.add_audit_event({0, app.now(), u.id, "accept-invitation", "user", u.id, "", ""});
    return u;
  });
}

}  // namespace okr::app
