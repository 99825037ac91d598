// Users and their password hashes.
#include <map>

#include "storage/sql/rows.h"
#include "storage/sql/sql_transaction.h"

namespace okr::sql {

Id SqlTransaction::create_user(const User& u) {
  return insert(
      "INSERT INTO users (email, name, admin, created_at) VALUES (?, ?, ?, ?) RETURNING id",
      u.email, u.name, u.admin, now_text());
}

std::vector<Id> SqlTransaction::create_users(const std::vector<User>& users) {
  // The new rows come back by e-mail (unique), whatever order the database returns them in.
  std::map<std::string, Id> by_email;
  const std::string now = now_text();
  write_rows(
      "INSERT INTO users (email, name, admin, created_at) VALUES ", "(?, ?, ?, ?)",
      " RETURNING id, email", users,
      [&](Statement& st, const User& u) { st.bind_all(u.email, u.name, u.admin, now); },
      [&](Statement& st) { by_email[st.text(1)] = st.i64(0); });
  std::vector<Id> ids;
  ids.reserve(users.size());
  for (const auto& u : users) ids.push_back(by_email.at(u.email));
  return ids;
}

std::int64_t SqlTransaction::update_user(const User& u) {
  prepare(
      "UPDATE users SET email = ?, name = ?, admin = ?, disabled = ?, version = version + 1 "
      "WHERE id = ? AND version = ?")
      .bind_all(u.email, u.name, u.admin, u.disabled, u.id, u.version)
      .run();
  return after_update("user", "users", u.id, u.version);
}

std::vector<User> SqlTransaction::find_users(const std::vector<Id>& ids) {
  if (connection().dialect() != Dialect::postgres) return Transaction::find_users(ids);
  if (ids.empty()) return {};
  return all(cat({"SELECT ", kUserCols, " FROM users WHERE id = ANY(?::bigint[]) ORDER BY id"}),
             read_user, id_array(ids));
}

std::optional<User> SqlTransaction::find_user(Id id) {
  return one(cat({"SELECT ", kUserCols, " FROM users WHERE id = ?"}), read_user, id);
}

std::optional<User> SqlTransaction::find_user_by_email(const std::string& email) {
  return one(cat({"SELECT ", kUserCols, " FROM users WHERE email = ?"}), read_user, email);
}

std::vector<User> SqlTransaction::list_users() {
  return all(cat({"SELECT ", kUserCols, " FROM users ORDER BY email"}), read_user);
}

void SqlTransaction::set_password_hash(Id user_id, const std::string& hash) {
  prepare("UPDATE users SET password_hash = ? WHERE id = ?").bind_all(hash, user_id).run();
  require_changed("user", user_id);
}

std::optional<std::string> SqlTransaction::password_hash(Id user_id) {
  auto st = prepare("SELECT password_hash FROM users WHERE id = ?");
  st.bind(user_id);
  if (!st.step() || st.is_null(0)) return std::nullopt;
  return st.text(0);
}

}  // namespace okr::sql
