// Sprints, and the initiatives (work items) linked to key results.
#include "storage/sql/rows.h"
#include "storage/sql/sql_transaction.h"

namespace okr::sql {

Id SqlTransaction::create_sprint(const Sprint& s) {
  return insert(
      "INSERT INTO sprints (team_id, name, start_date, end_date) VALUES (?, ?, ?, ?) RETURNING id",
      s.team_id, s.name, format_date(s.start), format_date(s.end));
}

std::int64_t SqlTransaction::update_sprint(const Sprint& s) {
  prepare(
      "UPDATE sprints SET team_id = ?, name = ?, start_date = ?, end_date = ?, "
      "version = version + 1 WHERE id = ? AND version = ?")
      .bind_all(s.team_id, s.name, format_date(s.start), format_date(s.end), s.id, s.version)
      .run();
  return after_update("sprint", "sprints", s.id, s.version);
}

std::optional<Sprint> SqlTransaction::find_sprint(Id id) {
  return one(cat({"SELECT ", kSprintCols, " FROM sprints WHERE id = ?"}), read_sprint, id);
}

std::vector<Sprint> SqlTransaction::list_sprints(std::optional<Id> team_id) {
  if (team_id)
    return all(
        cat({"SELECT ", kSprintCols, " FROM sprints WHERE team_id = ? ORDER BY start_date, id"}),
        read_sprint, *team_id);
  return all(cat({"SELECT ", kSprintCols, " FROM sprints ORDER BY start_date, id"}), read_sprint);
}

Id SqlTransaction::create_initiative(const Initiative& i) {
  Id id = insert(
      "INSERT INTO initiatives (key, title, team_id, sprint_id, url, status) "
      "VALUES (NULLIF(?, ''), ?, ?, ?, ?, ?) RETURNING id",
      i.key, i.title, i.team_id, i.sprint_id, i.url, to_string(i.status));
  write_initiative_links(id, i.key_result_ids);
  return id;
}

std::int64_t SqlTransaction::update_initiative(const Initiative& i) {
  prepare(
      "UPDATE initiatives SET key = NULLIF(?, ''), title = ?, team_id = ?, sprint_id = ?, "
      "url = ?, status = ?, version = version + 1 WHERE id = ? AND version = ?")
      .bind_all(i.key, i.title, i.team_id, i.sprint_id, i.url, to_string(i.status), i.id, i.version)
      .run();
  auto v = after_update("initiative", "initiatives", i.id, i.version);
  prepare("DELETE FROM initiative_key_results WHERE initiative_id = ?").bind(i.id).run();
  write_initiative_links(i.id, i.key_result_ids);
  return v;
}

std::optional<Initiative> SqlTransaction::find_initiative(Id id) {
  auto i =
      one(cat({"SELECT ", kInitiativeCols, " FROM initiatives WHERE id = ?"}), read_initiative, id);
  if (i) i->key_result_ids = initiative_links(i->id);
  return i;
}

std::optional<Initiative> SqlTransaction::find_initiative_by_key(const std::string& key) {
  auto i = one(cat({"SELECT ", kInitiativeCols, " FROM initiatives WHERE key = ?"}),
               read_initiative, key);
  if (i) i->key_result_ids = initiative_links(i->id);
  return i;
}

std::vector<Initiative> SqlTransaction::list_initiatives(std::optional<Id> team_id,
                                                         std::optional<Id> key_result_id) {
  // One statement per filter shape.
  std::string q = cat({"SELECT ", kInitiativeCols, " FROM initiatives"});
  std::string where;
  if (team_id) where = " WHERE team_id = ?";
  if (key_result_id)
    where += std::string(where.empty() ? " WHERE" : " AND") +
             " id IN (SELECT initiative_id FROM initiative_key_results WHERE key_result_id = ?)";
  auto st = prepare(q + where + " ORDER BY id");
  if (team_id) st.bind(*team_id);
  if (key_result_id) st.bind(*key_result_id);
  std::vector<Initiative> list;
  while (st.step()) list.push_back(read_initiative(st));
  for (auto& i : list) i.key_result_ids = initiative_links(i.id);
  return list;
}

void SqlTransaction::write_initiative_links(Id initiative_id, const std::vector<Id>& krs) {
  for (Id k : krs)
    prepare(
        "INSERT INTO initiative_key_results (initiative_id, key_result_id) VALUES (?, ?) "
        "ON CONFLICT DO NOTHING")
        .bind_all(initiative_id, k)
        .run();
}

std::vector<Id> SqlTransaction::initiative_links(Id initiative_id) {
  auto st = prepare(
      "SELECT key_result_id FROM initiative_key_results WHERE initiative_id = ? "
      "ORDER BY key_result_id");
  st.bind(initiative_id);
  std::vector<Id> out;
  while (st.step()) out.push_back(st.i64(0));
  return out;
}

std::vector<Initiative> SqlTransaction::list_initiatives_of(const std::vector<Id>& key_result_ids) {
  if (key_result_ids.empty()) return {};
  // The initiatives with every key result each is linked to (not only those asked
  // about), in one statement: a row per link.
  auto st = prepare(cat({"SELECT ", kInitiativeColsOf,
                         ", l.key_result_id FROM initiatives i "
                         "JOIN initiative_key_results l ON l.initiative_id = i.id "
                         "WHERE i.id IN (SELECT initiative_id FROM initiative_key_results WHERE ",
                         in_ids("key_result_id"), ") ORDER BY i.id, l.key_result_id"}));
  st.bind(ids(key_result_ids));
  std::vector<Initiative> list;
  while (st.step()) {
    if (list.empty() || list.back().id != st.i64(0)) list.push_back(read_initiative(st));
    list.back().key_result_ids.push_back(st.i64(8));
  }
  return list;
}

}  // namespace okr::sql
