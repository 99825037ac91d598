// Objectives and the teams that contribute to them.
#include <algorithm>
#include <map>

#include "storage/sql/rows.h"
#include "storage/sql/sql_transaction.h"

namespace okr::sql {

Id SqlTransaction::create_objective(const Objective& o) {
  Id id = insert(
      "INSERT INTO objectives (key, cycle_id, team_id, title, description, kind, owner_id, "
      "parent_id, parent_key_result_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      o.key, o.cycle_id, o.team_id, o.title, o.description, to_string(o.kind), o.owner_id,
      o.parent_id, o.parent_key_result_id);
  write_contributors(id, o.contributing_team_ids);
  return id;
}

std::vector<Id> SqlTransaction::create_objectives(const std::vector<Objective>& objectives) {
  const bool given = !objectives.empty() && objectives.front().id != 0;  // reserved
  std::map<std::string, Id> by_key;  // keys are unique: the order rows come back in is free
  write_rows(
      given ? "INSERT INTO objectives (key, cycle_id, team_id, title, description, kind, "
              "owner_id, parent_id, parent_key_result_id, id) VALUES "
            : "INSERT INTO objectives (key, cycle_id, team_id, title, description, kind, "
              "owner_id, parent_id, parent_key_result_id) VALUES ",
      given ? "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" : "(?, ?, ?, ?, ?, ?, ?, ?, ?)",
      " RETURNING id, key", objectives,
      [given](Statement& st, const Objective& o) {
        st.bind_all(o.key, o.cycle_id, o.team_id, o.title, o.description, to_string(o.kind),
                    o.owner_id, o.parent_id, o.parent_key_result_id);
        if (given) st.bind_all(o.id);
      },
      [&](Statement& st) { by_key[st.text(1)] = st.i64(0); });
  std::vector<Id> ids;
  ids.reserve(objectives.size());
  std::vector<std::pair<Id, Id>> contributors;
  for (const auto& o : objectives) {
    ids.push_back(by_key.at(o.key));
    for (Id t : o.contributing_team_ids) contributors.emplace_back(ids.back(), t);
  }
  write_rows("INSERT INTO objective_contributors (objective_id, team_id) VALUES ", "(?, ?)",
             " ON CONFLICT DO NOTHING", contributors,
             [](Statement& st, const std::pair<Id, Id>& c) { st.bind_all(c.first, c.second); });
  return ids;
}

std::int64_t SqlTransaction::update_objective(const Objective& o) {
  prepare(
      "UPDATE objectives SET key = ?, cycle_id = ?, team_id = ?, title = ?, description = ?, "
      "kind = ?, owner_id = ?, parent_id = ?, parent_key_result_id = ?, version = version + 1 "
      "WHERE id = ? AND version = ?")
      .bind_all(o.key, o.cycle_id, o.team_id, o.title, o.description, to_string(o.kind), o.owner_id,
                o.parent_id, o.parent_key_result_id, o.id, o.version)
      .run();
  auto v = after_update("objective", "objectives", o.id, o.version);
  prepare("DELETE FROM objective_contributors WHERE objective_id = ?").bind(o.id).run();
  write_contributors(o.id, o.contributing_team_ids);
  return v;
}

void SqlTransaction::update_objective_alignments(const std::vector<Objective>& objectives) {
  update_rows("objective", "objectives",
              "UPDATE objectives AS o SET parent_id = v.column2, parent_key_result_id = "
              "v.column3, version = o.version + 1 FROM (VALUES ",
              "(CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT))",
              ") AS v WHERE o.id = v.column1 AND o.version = v.column4 RETURNING id", objectives,
              [](Statement& st, const Objective& o) {
                st.bind_all(o.id, o.parent_id, o.parent_key_result_id, o.version);
              });
}

void SqlTransaction::delete_objective(Id id) {
  prepare("DELETE FROM objectives WHERE id = ?").bind(id).run();
  require_changed("objective", id);
}

// An objective's contributing teams as one more column, "1,5,9" by id: a lookup by id
// or key reads the objective and its contributors in one statement.
std::string contributors_column(Dialect d) {
  const char* teams =
      "SELECT oc.team_id FROM objective_contributors oc WHERE oc.objective_id = o.id "
      "ORDER BY oc.team_id";
  if (d == Dialect::postgres) return cat({"array_to_string(ARRAY(", teams, "), ',')"});
  return cat({"(SELECT group_concat(team_id, ',') FROM (", teams, "))"});
}

Objective read_with_contributors(const Statement& s) {
  Objective o = read_objective(s);
  const std::string list = s.text(11);
  for (std::size_t at = 0; at < list.size();) {
    auto end = list.find(',', at);
    if (end == std::string::npos) end = list.size();
    o.contributing_team_ids.push_back(std::stoll(list.substr(at, end - at)));
    at = end + 1;
  }
  return o;
}

std::optional<Objective> SqlTransaction::find_objective(Id id) {
  return one(cat({"SELECT ", kObjectiveCols, ", ", contributors_column(connection().dialect()),
                  " FROM objectives o WHERE o.id = ?"}),
             read_with_contributors, id);
}

std::optional<Objective> SqlTransaction::find_objective_by_key(const std::string& key) {
  return one(cat({"SELECT ", kObjectiveCols, ", ", contributors_column(connection().dialect()),
                  " FROM objectives o WHERE o.key = ?"}),
             read_with_contributors, key);
}

std::vector<Objective> SqlTransaction::list_objectives(const ObjectiveFilter& f) {
  // Only the filters that are set reach the SQL, so each shape of query uses
  // its index (objectives_cycle_team, objectives_team, objectives_owner).
  std::string where;
  auto add = [&where](const char* condition) {
    where += where.empty() ? " WHERE " : " AND ";
    where += condition;
  };
  // Beside the contributors' filter, the unary + keeps SQLite from reading the cycle's
  // index (every objective of the cycle) instead of the team's few contributions.
  if (f.cycle_id) add(f.contributor_team_id ? "+o.cycle_id = ?" : "o.cycle_id = ?");
  if (f.team_id) add("o.team_id = ?");
  if (f.owner_id) add("o.owner_id = ?");
  if (f.parent_id) add("o.parent_id = ?");
  if (f.parent_key_result_id) add("o.parent_key_result_id = ?");
  if (f.contributor_team_id)
    add("o.id IN (SELECT objective_id FROM objective_contributors WHERE team_id = ?)");
  if (f.after) add("o.id > ?");
  auto bind = [&f](Statement& st) {
    if (f.cycle_id) st.bind(*f.cycle_id);
    if (f.team_id) st.bind(*f.team_id);
    if (f.owner_id) st.bind(*f.owner_id);
    if (f.parent_id) st.bind(*f.parent_id);
    if (f.parent_key_result_id) st.bind(*f.parent_key_result_id);
    if (f.contributor_team_id) st.bind(*f.contributor_team_id);
    if (f.after) st.bind(*f.after);
  };
  // A page is ordered by id; a whole list keeps the organisation's order.
  const bool paged = f.after || f.limit > 0;
  // A short list (a team's, those aligned to one objective or key result, a page) reads
  // each objective's contributors with it, in one statement; a whole cycle's or
  // owner's reads them all in a second one, rather than one index seek per objective.
  const bool short_list = f.team_id || f.parent_id || f.parent_key_result_id ||
                          f.contributor_team_id || (f.limit > 0 && f.limit <= 1000);
  if (short_list) {
    std::string q = cat({"SELECT ", kObjectiveCols, ", ",
                         contributors_column(connection().dialect()), " FROM objectives o", where,
                         paged ? " ORDER BY o.id" : " ORDER BY o.cycle_id, o.team_id, o.id"});
    if (f.limit > 0) q += " LIMIT " + std::to_string(f.limit);
    auto st = prepare(q);
    bind(st);
    std::vector<Objective> list;
    while (st.step()) list.push_back(read_with_contributors(st));
    return list;
  }
  std::string q = cat({"SELECT ", kObjectiveCols, " FROM objectives o", where,
                       paged ? " ORDER BY o.id" : " ORDER BY o.cycle_id, o.team_id, o.id"});
  if (f.limit > 0) q += " LIMIT " + std::to_string(f.limit);
  std::vector<Objective> list;
  {
    auto st = prepare(q);
    bind(st);
    while (st.step()) list.push_back(read_objective(st));
  }
  if (list.empty()) return list;
  // Contributors of every listed objective in one query.
  std::map<Id, Objective*> by_id;
  for (auto& o : list) by_id[o.id] = &o;
  auto st =
      prepare(cat({"SELECT oc.objective_id, oc.team_id FROM objective_contributors oc "
                   "WHERE oc.objective_id BETWEEN ? AND ? AND oc.objective_id IN "
                   "(SELECT o.id FROM objectives o",
                   where, ") ORDER BY oc.objective_id, oc.team_id"}));
  // The list is in organisation order unless paged: bound the ids by their extremes.
  const auto [lowest, highest] = std::minmax_element(
      list.begin(), list.end(), [](const Objective& a, const Objective& b) { return a.id < b.id; });
  st.bind(lowest->id).bind(highest->id);
  bind(st);
  while (st.step())
    if (auto it = by_id.find(st.i64(0)); it != by_id.end())
      it->second->contributing_team_ids.push_back(st.i64(1));
  return list;
}

std::vector<Objective> SqlTransaction::find_objectives(const std::vector<Id>& ids) {
  if (ids.empty()) return {};
  return all(cat({"SELECT ", kObjectiveCols, ", ", contributors_column(connection().dialect()),
                  " FROM objectives o WHERE ", in_ids("o.id"), " ORDER BY o.id"}),
             read_with_contributors, this->ids(ids));
}

std::vector<Objective> SqlTransaction::find_objectives_by_keys(
    const std::vector<std::string>& keys) {
  if (keys.empty()) return {};
  return all(cat({"SELECT ", kObjectiveCols, ", ", contributors_column(connection().dialect()),
                  " FROM objectives o WHERE ", in_texts("o.key")}),
             read_with_contributors, texts(keys));
}

std::vector<Objective> SqlTransaction::list_objectives_aligned_to(
    const std::vector<Id>& key_result_ids) {
  if (key_result_ids.empty()) return {};
  return all(cat({"SELECT ", kObjectiveCols, ", ", contributors_column(connection().dialect()),
                  " FROM objectives o WHERE ", in_ids("o.parent_key_result_id"),
                  " ORDER BY o.cycle_id, o.team_id, o.id"}),
             read_with_contributors, ids(key_result_ids));
}

void SqlTransaction::write_contributors(Id objective_id, const std::vector<Id>& teams) {
  for (Id t : teams)
    prepare(
        "INSERT INTO objective_contributors (objective_id, team_id) VALUES (?, ?) "
        "ON CONFLICT DO NOTHING")
        .bind_all(objective_id, t)
        .run();
}

}  // namespace okr::sql
