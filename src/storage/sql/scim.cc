// SCIM provisioning and groups mapped to teams and roles: SCIM's tokens, users and
// groups, the groups each provider's claim gave a person, the mappings, and the
// memberships and administrator rights a mapping gave.
#include "storage/sql/rows.h"
#include "storage/sql/sql_transaction.h"

namespace okr::sql {
namespace {

constexpr const char* kScimTokenCols = "id, name, token_hash, created_by, created_at, revoked_at";

ScimToken read_scim_token(const Statement& st) {
  return ScimToken{st.i64(0),
                   st.text(1),
                   st.text(2),
                   st.opt_i64(3),
                   to_instant(st.text(4)),
                   to_opt_instant(st, 5)};
}

constexpr const char* kScimUserCols =
    "user_id, external_id, given_name, family_name, created_at, updated_at";

ScimUser read_scim_user(const Statement& st) {
  return ScimUser{st.i64(0),
                  st.text(1),
                  st.text(2),
                  st.text(3),
                  to_instant(st.text(4)),
                  to_instant(st.text(5))};
}

constexpr const char* kScimGroupCols = "id, display_name, external_id, created_at, updated_at";

ScimGroup read_scim_group(const Statement& st) {
  return ScimGroup{st.i64(0), st.text(1), st.text(2), to_instant(st.text(3)),
                   to_instant(st.text(4))};
}

constexpr const char* kMappingCols = "id, group_name, team_id, role, created_at";

GroupMapping read_mapping(const Statement& st) {
  return GroupMapping{st.i64(0), st.text(1), st.opt_i64(2), st.text(3), to_instant(st.text(4))};
}

}  // namespace

Id SqlTransaction::create_scim_token(const ScimToken& t) {
  return insert(
      "INSERT INTO scim_tokens (name, token_hash, created_by, created_at) VALUES (?, ?, ?, ?) "
      "RETURNING id",
      t.name, t.token_hash, t.created_by, format_instant(t.created_at));
}

std::optional<ScimToken> SqlTransaction::find_scim_token(const std::string& token_hash) {
  return one(cat({"SELECT ", kScimTokenCols, " FROM scim_tokens WHERE token_hash = ?"}),
             read_scim_token, token_hash);
}

std::vector<ScimToken> SqlTransaction::list_scim_tokens() {
  return all(cat({"SELECT ", kScimTokenCols, " FROM scim_tokens ORDER BY id"}), read_scim_token);
}

void SqlTransaction::revoke_scim_token(Id id, Instant at) {
  prepare("UPDATE scim_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
      .bind_all(format_instant(at), id)
      .run();
}

void SqlTransaction::put_scim_user(const ScimUser& u) {
  prepare(
      "INSERT INTO scim_users (user_id, external_id, given_name, family_name, created_at, "
      "updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET external_id = "
      "excluded.external_id, given_name = excluded.given_name, family_name = "
      "excluded.family_name, updated_at = excluded.updated_at")
      .bind_all(u.user_id, u.external_id, u.given_name, u.family_name, format_instant(u.created_at),
                format_instant(u.updated_at))
      .run();
}

std::optional<ScimUser> SqlTransaction::find_scim_user(Id user_id) {
  return one(cat({"SELECT ", kScimUserCols, " FROM scim_users WHERE user_id = ?"}), read_scim_user,
             user_id);
}

std::vector<ScimUser> SqlTransaction::list_scim_users() {
  return all(cat({"SELECT ", kScimUserCols, " FROM scim_users ORDER BY user_id"}), read_scim_user);
}

Id SqlTransaction::create_scim_group(const ScimGroup& g) {
  return insert(
      "INSERT INTO scim_groups (display_name, external_id, created_at, updated_at) "
      "VALUES (?, ?, ?, ?) RETURNING id",
      g.display_name, g.external_id, format_instant(g.created_at), format_instant(g.updated_at));
}

void SqlTransaction::update_scim_group(const ScimGroup& g) {
  prepare("UPDATE scim_groups SET display_name = ?, external_id = ?, updated_at = ? WHERE id = ?")
      .bind_all(g.display_name, g.external_id, format_instant(g.updated_at), g.id)
      .run();
  require_changed("scim group", g.id);
}

std::optional<ScimGroup> SqlTransaction::find_scim_group(Id id) {
  return one(cat({"SELECT ", kScimGroupCols, " FROM scim_groups WHERE id = ?"}), read_scim_group,
             id);
}

std::optional<ScimGroup> SqlTransaction::find_scim_group_by_name(const std::string& display_name) {
  return one(cat({"SELECT ", kScimGroupCols, " FROM scim_groups WHERE display_name = ?"}),
             read_scim_group, display_name);
}

std::vector<ScimGroup> SqlTransaction::list_scim_groups() {
  return all(cat({"SELECT ", kScimGroupCols, " FROM scim_groups ORDER BY id"}), read_scim_group);
}

void SqlTransaction::delete_scim_group(Id id) {
  prepare("DELETE FROM scim_group_members WHERE group_id = ?").bind(id).run();
  prepare("DELETE FROM scim_groups WHERE id = ?").bind(id).run();
  require_changed("scim group", id);
}

std::vector<Id> SqlTransaction::scim_group_members(Id group_id) {
  return all(
      "SELECT user_id FROM scim_group_members WHERE group_id = ? ORDER BY user_id",
      [](const Statement& st) { return st.i64(0); }, group_id);
}

void SqlTransaction::add_scim_group_member(Id group_id, Id user_id) {
  prepare(
      "INSERT INTO scim_group_members (group_id, user_id) VALUES (?, ?) "
      "ON CONFLICT (group_id, user_id) DO NOTHING")
      .bind_all(group_id, user_id)
      .run();
}

void SqlTransaction::remove_scim_group_member(Id group_id, Id user_id) {
  prepare("DELETE FROM scim_group_members WHERE group_id = ? AND user_id = ?")
      .bind_all(group_id, user_id)
      .run();
}

std::vector<std::string> SqlTransaction::groups_of(Id user_id) {
  return all(
      "SELECT g.display_name FROM scim_group_members m JOIN scim_groups g ON g.id = m.group_id "
      "WHERE m.user_id = ? UNION SELECT group_name FROM sso_person_groups WHERE user_id = ? "
      "ORDER BY 1",
      [](const Statement& st) { return st.text(0); }, user_id, user_id);
}

std::vector<Id> SqlTransaction::users_in_group(const std::string& group_name) {
  return all(
      "SELECT m.user_id FROM scim_group_members m JOIN scim_groups g ON g.id = m.group_id "
      "WHERE g.display_name = ? UNION SELECT user_id FROM sso_person_groups WHERE group_name = ? "
      "ORDER BY 1",
      [](const Statement& st) { return st.i64(0); }, group_name, group_name);
}

void SqlTransaction::set_provider_groups(Id user_id, const std::string& source,
                                         const std::vector<std::string>& groups) {
  prepare("DELETE FROM sso_person_groups WHERE user_id = ? AND source = ?")
      .bind_all(user_id, source)
      .run();
  for (const auto& g : groups)
    prepare(
        "INSERT INTO sso_person_groups (user_id, source, group_name) VALUES (?, ?, ?) "
        "ON CONFLICT (user_id, source, group_name) DO NOTHING")
        .bind_all(user_id, source, g)
        .run();
}

Id SqlTransaction::create_group_mapping(const GroupMapping& m) {
  return insert(
      "INSERT INTO group_mappings (group_name, team_id, role, created_at) VALUES (?, ?, ?, ?) "
      "RETURNING id",
      m.group_name, m.team_id, m.role, format_instant(m.created_at));
}

std::vector<GroupMapping> SqlTransaction::list_group_mappings() {
  return all(cat({"SELECT ", kMappingCols, " FROM group_mappings ORDER BY group_name, id"}),
             read_mapping);
}

void SqlTransaction::delete_group_mapping(Id id) {
  prepare("DELETE FROM group_mappings WHERE id = ?").bind(id).run();
  require_changed("group mapping", id);
}

std::vector<MappedGrant> SqlTransaction::mapped_grants(Id user_id) {
  auto out = all(
      "SELECT team_id, user_id, from_groups FROM mapped_memberships WHERE user_id = ? "
      "ORDER BY team_id",
      [](const Statement& st) {
        return MappedGrant{st.i64(0), st.i64(1), st.text(2)};
      },
      user_id);
  if (auto admin = one(
          "SELECT user_id, from_groups FROM mapped_admins WHERE user_id = ?",
          [](const Statement& st) {
            return MappedGrant{std::nullopt, st.i64(0), st.text(1)};
          },
          user_id))
    out.insert(out.begin(), *admin);
  return out;
}

void SqlTransaction::put_mapped_grant(const MappedGrant& g) {
  if (g.team_id)
    prepare(
        "INSERT INTO mapped_memberships (team_id, user_id, from_groups) VALUES (?, ?, ?) "
        "ON CONFLICT (team_id, user_id) DO UPDATE SET from_groups = excluded.from_groups")
        .bind_all(*g.team_id, g.user_id, g.groups)
        .run();
  else
    prepare(
        "INSERT INTO mapped_admins (user_id, from_groups) VALUES (?, ?) "
        "ON CONFLICT (user_id) DO UPDATE SET from_groups = excluded.from_groups")
        .bind_all(g.user_id, g.groups)
        .run();
}

void SqlTransaction::delete_mapped_grant(std::optional<Id> team_id, Id user_id) {
  if (team_id)
    prepare("DELETE FROM mapped_memberships WHERE team_id = ? AND user_id = ?")
        .bind_all(*team_id, user_id)
        .run();
  else
    prepare("DELETE FROM mapped_admins WHERE user_id = ?").bind(user_id).run();
}

}  // namespace okr::sql
