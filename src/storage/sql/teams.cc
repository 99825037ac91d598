// Teams, their tree, and memberships.
#include <algorithm>
#include <map>

#include "storage/sql/rows.h"
#include "storage/sql/sql_transaction.h"

namespace okr::sql {

Id SqlTransaction::create_team(const Team& t) {
  return insert(
      "INSERT INTO teams (key, name, function, parent_id, lead_id, check_in_cadence_days) "
      "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
      t.key, t.name, t.function, t.parent_id, t.lead_id,
      static_cast<std::int64_t>(t.check_in_cadence_days));
}

std::vector<Id> SqlTransaction::create_teams(const std::vector<Team>& teams) {
  std::vector<Id> ids;
  if (teams.empty()) return ids;
  const bool given = teams.front().id != 0;  // reserved (reserve_ids)
  // The new rows come back by key (unique), whatever order the database returns them in.
  std::map<std::string, Id> by_key;
  write_rows(
      given ? "INSERT INTO teams (key, name, function, parent_id, lead_id, "
              "check_in_cadence_days, id) VALUES "
            : "INSERT INTO teams (key, name, function, parent_id, lead_id, "
              "check_in_cadence_days) VALUES ",
      given ? "(?, ?, ?, ?, ?, ?, ?)" : "(?, ?, ?, ?, ?, ?)", " RETURNING id, key", teams,
      [given](Statement& st, const Team& t) {
        st.bind_all(t.key, t.name, t.function, t.parent_id, t.lead_id,
                    static_cast<std::int64_t>(t.check_in_cadence_days));
        if (given) st.bind_all(t.id);
      },
      [&](Statement& st) { by_key[st.text(1)] = st.i64(0); });
  ids.reserve(teams.size());
  for (const auto& t : teams) ids.push_back(by_key.at(t.key));
  return ids;
}

std::vector<Id> SqlTransaction::reserve_ids(const std::string& table, std::size_t n) {
  if (table != "teams" && table != "objectives")
    throw StoreError(ErrorCode::internal, "no ids are reserved for " + table);
  std::vector<Id> ids;
  if (n == 0) return ids;
  ids.reserve(n);
  if (connection().dialect() == Dialect::postgres) {
    // From the column's own sequence, so rows written later without an id never meet them.
    auto st = prepare(cat({"SELECT nextval(pg_get_serial_sequence('", table,
                           "', 'id')) FROM generate_series(1, ?)"}));
    st.bind(static_cast<std::int64_t>(n));
    while (st.step()) ids.push_back(st.i64(0));
    std::sort(ids.begin(), ids.end());
    return ids;
  }
  // SQLite gives a new row one more than the largest id; a write transaction holds the
  // file, so none is written meanwhile.
  auto st = prepare(cat({"SELECT coalesce(max(id), 0) FROM ", table}));
  const Id last = st.step() ? st.i64(0) : 0;
  for (std::size_t i = 1; i <= n; ++i) ids.push_back(last + static_cast<Id>(i));
  return ids;
}

std::int64_t SqlTransaction::update_team(const Team& t) {
  prepare(
      "UPDATE teams SET key = ?, name = ?, function = ?, parent_id = ?, lead_id = ?, "
      "check_in_cadence_days = ?, version = version + 1 WHERE id = ? AND version = ?")
      .bind_all(t.key, t.name, t.function, t.parent_id, t.lead_id,
                static_cast<std::int64_t>(t.check_in_cadence_days), t.id, t.version)
      .run();
  return after_update("team", "teams", t.id, t.version);
}

void SqlTransaction::update_team_parents(const std::vector<Team>& teams) {
  // Columns of VALUES are column1, column2, … on both stores.
  update_rows("team", "teams",
              "UPDATE teams AS t SET parent_id = v.column2, version = t.version + 1 FROM (VALUES ",
              "(CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT))",
              ") AS v WHERE t.id = v.column1 AND t.version = v.column3 RETURNING id", teams,
              [](Statement& st, const Team& t) { st.bind_all(t.id, t.parent_id, t.version); });
}

std::vector<std::pair<std::string, std::int64_t>> SqlTransaction::team_uses(Id id) {
  // One statement; each count is an index seek on the table's team column.
  auto st = prepare(
      "SELECT (SELECT count(*) FROM teams WHERE parent_id = ?), "
      "(SELECT count(*) FROM objectives WHERE team_id = ?), "
      "(SELECT count(*) FROM objective_contributors WHERE team_id = ?), "
      "(SELECT count(*) FROM kpis WHERE team_id = ?), "
      "(SELECT count(*) FROM sprints WHERE team_id = ?), "
      "(SELECT count(*) FROM initiatives WHERE team_id = ?), "
      "(SELECT count(*) FROM dependencies WHERE team_id = ?), "
      "(SELECT count(*) FROM retrospectives WHERE team_id = ?), "
      "(SELECT count(*) FROM endpoints WHERE team_id = ?), "
      "(SELECT count(*) FROM trackers WHERE team_id = ?)");
  st.bind_all(id, id, id, id, id, id, id, id, id, id);
  static const char* const kinds[] = {
      "teams below",   "objectives",  "objectives it contributes to", "KPIs",
      "sprints",       "initiatives", "dependencies asked of it",     "retrospectives",
      "chat channels", "trackers"};
  std::vector<std::pair<std::string, std::int64_t>> out;
  if (st.step())
    for (int i = 0; i < 10; ++i)
      if (const auto n = st.i64(i); n > 0) out.emplace_back(kinds[i], n);
  return out;
}

void SqlTransaction::delete_team(Id id) {
  prepare("DELETE FROM memberships WHERE team_id = ?").bind_all(id).run();
  prepare("DELETE FROM teams WHERE id = ?").bind_all(id).run();
}

std::optional<Team> SqlTransaction::find_team(Id id) {
  return one(cat({"SELECT ", kTeamCols, " FROM teams WHERE id = ?"}), read_team, id);
}

std::optional<Team> SqlTransaction::find_team_by_key(const std::string& key) {
  return one(cat({"SELECT ", kTeamCols, " FROM teams WHERE key = ?"}), read_team, key);
}

std::vector<Team> SqlTransaction::list_teams() {
  // Parents before children: walk the tree from the roots.
  return all(cat({"WITH RECURSIVE tree(id, depth) AS ("
                  " SELECT id, 0 FROM teams WHERE parent_id IS NULL"
                  " UNION ALL SELECT t.id, tree.depth + 1 FROM teams t"
                  " JOIN tree ON t.parent_id = tree.id)"
                  " SELECT ",
                  kTeamCols, " FROM teams JOIN tree USING (id) ORDER BY tree.depth, teams.key"}),
             read_team);
}

std::vector<Team> SqlTransaction::list_teams_under(Id root) {
  return all(cat({"WITH RECURSIVE tree(id, depth) AS ("
                  " SELECT id, 0 FROM teams WHERE id = ?"
                  " UNION ALL SELECT t.id, tree.depth + 1 FROM teams t"
                  " JOIN tree ON t.parent_id = tree.id)"
                  " SELECT ",
                  kTeamCols, " FROM teams JOIN tree USING (id) ORDER BY tree.depth, teams.key"}),
             read_team, root);
}

void SqlTransaction::put_membership(const Membership& m) {
  prepare(
      "INSERT INTO memberships (team_id, user_id, role) VALUES (?, ?, ?) "
      "ON CONFLICT (team_id, user_id) DO UPDATE SET role = excluded.role")
      .bind_all(m.team_id, m.user_id, to_string(m.role))
      .run();
}

void SqlTransaction::put_memberships(const std::vector<Membership>& list) {
  // One statement may not touch a row twice: the last of each team and person stays.
  std::map<std::pair<Id, Id>, std::size_t> last;
  for (std::size_t i = 0; i < list.size(); ++i) last[{list[i].team_id, list[i].user_id}] = i;
  std::vector<Membership> rows;
  for (std::size_t i = 0; i < list.size(); ++i)
    if (last[{list[i].team_id, list[i].user_id}] == i) rows.push_back(list[i]);
  write_rows("INSERT INTO memberships (team_id, user_id, role) VALUES ", "(?, ?, ?)",
             " ON CONFLICT (team_id, user_id) DO UPDATE SET role = excluded.role", rows,
             [](Statement& st, const Membership& m) {
               st.bind_all(m.team_id, m.user_id, to_string(m.role));
             });
}

void SqlTransaction::remove_membership(Id team_id, Id user_id) {
  prepare("DELETE FROM memberships WHERE team_id = ? AND user_id = ?")
      .bind_all(team_id, user_id)
      .run();
}

std::vector<Membership> SqlTransaction::list_memberships(std::optional<Id> team_id,
                                                         std::optional<Id> user_id) {
  // One statement per filter shape, so each uses its index (the primary key for a
  // team, memberships_user for a user) instead of scanning the table.
  std::string q = "SELECT team_id, user_id, role FROM memberships";
  if (team_id && user_id)
    q += " WHERE team_id = ? AND user_id = ?";
  else if (team_id)
    q += " WHERE team_id = ?";
  else if (user_id)
    q += " WHERE user_id = ?";
  q += " ORDER BY team_id, user_id";
  auto st = prepare(q);
  if (team_id) st.bind(*team_id);
  if (user_id) st.bind(*user_id);
  std::vector<Membership> out;
  while (st.step())
    out.push_back({st.i64(0), st.i64(1), to_enum(parse_team_role(st.text(2)), st.text(2))});
  return out;
}

std::vector<Team> SqlTransaction::find_teams(const std::vector<Id>& ids) {
  if (ids.empty()) return {};
  return all(cat({"SELECT ", kTeamCols, " FROM teams WHERE ", in_ids("id"), " ORDER BY id"}),
             read_team, this->ids(ids));
}

std::vector<Team> SqlTransaction::list_teams_above(Id team_id) {
  // Walks up from the team; the depth bound stops a loop the store should never hold.
  return all(cat({"WITH RECURSIVE up(id, depth) AS ("
                  " SELECT parent_id, 1 FROM teams WHERE id = ? AND parent_id IS NOT NULL"
                  " UNION ALL SELECT t.parent_id, up.depth + 1 FROM teams t"
                  " JOIN up ON t.id = up.id WHERE t.parent_id IS NOT NULL AND up.depth < 1000)"
                  " SELECT ",
                  kTeamCols, " FROM teams JOIN up USING (id) ORDER BY up.depth"}),
             read_team, team_id);
}

}  // namespace okr::sql
