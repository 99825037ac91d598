// Single sign-on: providers, sign-ins on their way through a provider, and identities.
#include "storage/sql/rows.h"
#include "storage/sql/sql_transaction.h"

namespace okr::sql {
namespace {

constexpr const char* kProviderCols =
    "id, name, display_name, issuer, client_id, client_secret, allowed_domains, created_at";

SsoProvider read_provider(const Statement& st) {
  return SsoProvider{st.i64(0),  st.text(1), st.text(2), st.text(3),
                     st.text(4), st.text(5), st.text(6), to_instant(st.text(7))};
}

constexpr const char* kIdentityCols = "issuer, subject, user_id, provider_id, created_at";

SsoIdentity read_identity(const Statement& st) {
  return SsoIdentity{st.text(0), st.text(1), st.i64(2), st.is_null(3) ? 0 : st.i64(3),
                     to_instant(st.text(4))};
}

}  // namespace

Id SqlTransaction::create_sso_provider(const SsoProvider& p) {
  return insert(
      "INSERT INTO sso_providers (name, display_name, issuer, client_id, client_secret, "
      "allowed_domains, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
      p.name, p.display_name, p.issuer, p.client_id, p.client_secret, p.allowed_domains,
      format_instant(p.created_at));
}

std::optional<SsoProvider> SqlTransaction::find_sso_provider(const std::string& name) {
  return one(cat({"SELECT ", kProviderCols, " FROM sso_providers WHERE name = ?"}), read_provider,
             name);
}

std::optional<SsoProvider> SqlTransaction::find_sso_provider_by_id(Id id) {
  return one(cat({"SELECT ", kProviderCols, " FROM sso_providers WHERE id = ?"}), read_provider,
             id);
}

std::vector<SsoProvider> SqlTransaction::list_sso_providers() {
  return all(cat({"SELECT ", kProviderCols, " FROM sso_providers ORDER BY name"}), read_provider);
}

void SqlTransaction::delete_sso_provider(Id id) {
  prepare("DELETE FROM sso_logins WHERE provider_id = ?").bind(id).run();
  prepare("UPDATE sso_identities SET provider_id = NULL WHERE provider_id = ?").bind(id).run();
  prepare("DELETE FROM sso_providers WHERE id = ?").bind(id).run();
  require_changed("sso provider", id);
}

void SqlTransaction::put_sso_login(const SsoLogin& l) {
  prepare(
      "INSERT INTO sso_logins (state_hash, provider_id, nonce, code_verifier, browser_hash, "
      "redirect_uri, return_to, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind_all(l.state_hash, l.provider_id, l.nonce, l.code_verifier, l.browser_hash,
                l.redirect_uri, l.return_to, format_instant(l.created_at),
                format_instant(l.expires_at))
      .run();
}

std::optional<SsoLogin> SqlTransaction::take_sso_login(const std::string& state_hash) {
  auto st = prepare(
      "DELETE FROM sso_logins WHERE state_hash = ? RETURNING state_hash, provider_id, nonce, "
      "code_verifier, browser_hash, redirect_uri, return_to, created_at, expires_at");
  st.bind(state_hash);
  if (!st.step()) return std::nullopt;
  SsoLogin l{st.text(0),
             st.i64(1),
             st.text(2),
             st.text(3),
             st.text(4),
             st.text(5),
             st.text(6),
             to_instant(st.text(7)),
             to_instant(st.text(8))};
  st.run();
  return l;
}

void SqlTransaction::forget_sso_logins(Instant before) {
  prepare("DELETE FROM sso_logins WHERE expires_at < ?").bind(format_instant(before)).run();
}

void SqlTransaction::put_sso_identity(const SsoIdentity& i) {
  prepare(
      "INSERT INTO sso_identities (issuer, subject, user_id, provider_id, created_at) "
      "VALUES (?, ?, ?, ?, ?)")
      .bind_all(i.issuer, i.subject, i.user_id,
                i.provider_id ? std::optional<Id>(i.provider_id) : std::nullopt,
                format_instant(i.created_at))
      .run();
}

std::optional<SsoIdentity> SqlTransaction::find_sso_identity(const std::string& issuer,
                                                             const std::string& subject) {
  return one(
      cat({"SELECT ", kIdentityCols, " FROM sso_identities WHERE issuer = ? AND subject = ?"}),
      read_identity, issuer, subject);
}

std::vector<SsoIdentity> SqlTransaction::list_sso_identities(Id user_id) {
  return all(cat({"SELECT ", kIdentityCols,
                  " FROM sso_identities WHERE user_id = ? ORDER BY issuer, subject"}),
             read_identity, user_id);
}

}  // namespace okr::sql
