// Sessions, API tokens and invitations: only hashes of their secrets are stored.
#include "storage/sql/rows.h"
#include "storage/sql/sql_transaction.h"

namespace okr::sql {

void SqlTransaction::create_session(const Session& s) {
  prepare("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)")
      .bind_all(s.token_hash, s.user_id, format_instant(s.created_at), format_instant(s.expires_at))
      .run();
}

std::optional<Session> SqlTransaction::find_session(const std::string& token_hash) {
  auto st = prepare(
      "SELECT token_hash, user_id, created_at, expires_at FROM sessions WHERE token_hash = ?");
  st.bind(token_hash);
  if (!st.step()) return std::nullopt;
  return Session{st.text(0), st.i64(1), to_instant(st.text(2)), to_instant(st.text(3))};
}

void SqlTransaction::delete_session(const std::string& token_hash) {
  prepare("DELETE FROM sessions WHERE token_hash = ?").bind(token_hash).run();
}

void SqlTransaction::delete_sessions_of(Id user_id) {
  prepare("DELETE FROM sessions WHERE user_id = ?").bind(user_id).run();
}

Id SqlTransaction::create_api_token(const ApiToken& t) {
  return insert(
      "INSERT INTO api_tokens (user_id, name, token_hash, created_at, expires_at) "
      "VALUES (?, ?, ?, ?, ?) RETURNING id",
      t.user_id, t.name, t.token_hash, format_instant(t.created_at),
      t.expires_at ? std::optional<std::string>(format_instant(*t.expires_at)) : std::nullopt);
}

std::optional<ApiToken> SqlTransaction::find_api_token(const std::string& token_hash) {
  return one(cat({"SELECT ", kTokenCols, " FROM api_tokens WHERE token_hash = ?"}), read_token,
             token_hash);
}

std::optional<ApiToken> SqlTransaction::find_api_token_by_id(Id id) {
  return one(cat({"SELECT ", kTokenCols, " FROM api_tokens WHERE id = ?"}), read_token, id);
}

std::vector<ApiToken> SqlTransaction::list_api_tokens(Id user_id) {
  return all(cat({"SELECT ", kTokenCols, " FROM api_tokens WHERE user_id = ? ORDER BY id"}),
             read_token, user_id);
}

void SqlTransaction::revoke_api_token(Id id, Instant at) {
  prepare("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
      .bind_all(format_instant(at), id)
      .run();
}

void SqlTransaction::put_invitation(const Invitation& i) {
  prepare(
      "INSERT INTO invitations (secret_hash, user_id, created_at, expires_at, invited_by) "
      "VALUES (?, ?, ?, ?, ?)")
      .bind_all(i.secret_hash, i.user_id, format_instant(i.created_at),
                format_instant(i.expires_at), i.invited_by)
      .run();
}

std::optional<Invitation> SqlTransaction::find_invitation(const std::string& secret_hash) {
  auto st = prepare(
      "SELECT secret_hash, user_id, created_at, expires_at, invited_by FROM invitations "
      "WHERE secret_hash = ?");
  st.bind(secret_hash);
  if (!st.step()) return std::nullopt;
  return Invitation{st.text(0), st.i64(1), to_instant(st.text(2)), to_instant(st.text(3)),
                    st.is_null(4) ? std::nullopt : std::optional<Id>(st.i64(4))};
}

void SqlTransaction::delete_invitations_of(Id user_id) {
  prepare("DELETE FROM invitations WHERE user_id = ?").bind(user_id).run();
}

}  // namespace okr::sql
