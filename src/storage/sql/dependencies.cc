// Dependencies between teams: a key result that needs another team's work.
#include "storage/sql/rows.h"
#include "storage/sql/sql_transaction.h"

namespace okr::sql {
namespace {

std::optional<std::string> instant_text(const std::optional<Instant>& t) {
  if (!t) return std::nullopt;
  return format_instant(*t);
}

}  // namespace

Id SqlTransaction::create_dependency(const Dependency& d) {
  return insert(
      "INSERT INTO dependencies (key_result_id, team_id, note, state, answer, asked_by, "
      "asked_at, answered_by, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      d.key_result_id, d.team_id, d.note, to_string(d.state), d.answer, d.asked_by,
      format_instant(d.asked_at), d.answered_by, instant_text(d.answered_at));
}

std::int64_t SqlTransaction::update_dependency(const Dependency& d) {
  prepare(
      "UPDATE dependencies SET note = ?, state = ?, answer = ?, answered_by = ?, "
      "answered_at = ?, version = version + 1 WHERE id = ? AND version = ?")
      .bind_all(d.note, to_string(d.state), d.answer, d.answered_by, instant_text(d.answered_at),
                d.id, d.version)
      .run();
  return after_update("dependency", "dependencies", d.id, d.version);
}

void SqlTransaction::delete_dependency(Id id) {
  prepare("DELETE FROM dependencies WHERE id = ?").bind(id).run();
  require_changed("dependency", id);
}

std::optional<Dependency> SqlTransaction::find_dependency(Id id) {
  return one(cat({"SELECT ", kDependencyCols, " FROM dependencies WHERE id = ?"}), read_dependency,
             id);
}

std::vector<Dependency> SqlTransaction::list_dependencies(const DependencyFilter& f) {
  // Only the filters that are set reach the SQL, so each shape uses its index
  // (the unique key_result_id, team_id pair, or dependencies_team) or reads the
  // dependencies alone, never the cycle's key results.
  std::string where;
  auto add = [&where](const char* condition) {
    where += where.empty() ? " WHERE " : " AND ";
    where += condition;
  };
  if (f.key_result_id) add("key_result_id = ?");
  if (f.team_id) add("team_id = ?");
  // The cycle and the asking team are checked per dependency (two primary-key seeks):
  // an IN over the cycle's key results would first list all of them.
  if (f.cycle_id)
    add("EXISTS (SELECT 1 FROM key_results k JOIN objectives o ON o.id = k.objective_id "
        "WHERE k.id = dependencies.key_result_id AND o.cycle_id = ?)");
  if (f.asking_team_id)
    add("EXISTS (SELECT 1 FROM key_results k JOIN objectives o ON o.id = k.objective_id "
        "WHERE k.id = dependencies.key_result_id AND o.team_id = ?)");
  auto st = prepare(cat({"SELECT ", kDependencyCols, " FROM dependencies", where, " ORDER BY id"}));
  if (f.key_result_id) st.bind(*f.key_result_id);
  if (f.team_id) st.bind(*f.team_id);
  if (f.cycle_id) st.bind(*f.cycle_id);
  if (f.asking_team_id) st.bind(*f.asking_team_id);
  std::vector<Dependency> out;
  while (st.step()) out.push_back(read_dependency(st));
  return out;
}

std::vector<Dependency> SqlTransaction::list_dependencies_of(
    const std::vector<Id>& key_result_ids) {
  if (key_result_ids.empty()) return {};
  return all(cat({"SELECT ", kDependencyCols, " FROM dependencies WHERE ", in_ids("key_result_id"),
                  " ORDER BY id"}),
             read_dependency, ids(key_result_ids));
}

}  // namespace okr::sql
