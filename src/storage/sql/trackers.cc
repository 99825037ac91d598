// Trackers whose webhooks update initiatives.
#include "storage/sql/rows.h"
#include "storage/sql/sql_transaction.h"

namespace okr::sql {
namespace {

constexpr const char* kTrackerCols = "id, name, source, secret, team_id, created_at";

Tracker read_tracker(const Statement& st) {
  return Tracker{st.i64(0),
                 st.text(1),
                 st.text(2),
                 st.text(3),
                 st.is_null(4) ? std::nullopt : std::optional<Id>(st.i64(4)),
                 to_instant(st.text(5))};
}

}  // namespace

Id SqlTransaction::create_tracker(const Tracker& t) {
  return insert(
      "INSERT INTO trackers (name, source, secret, team_id, created_at) VALUES (?, ?, ?, ?, ?) "
      "RETURNING id",
      t.name, t.source, t.secret, t.team_id, format_instant(t.created_at));
}

std::optional<Tracker> SqlTransaction::find_tracker(const std::string& name) {
  return one(cat({"SELECT ", kTrackerCols, " FROM trackers WHERE name = ?"}), read_tracker, name);
}

std::vector<Tracker> SqlTransaction::list_trackers() {
  return all(cat({"SELECT ", kTrackerCols, " FROM trackers ORDER BY name"}), read_tracker);
}

void SqlTransaction::delete_tracker(Id id) {
  prepare("DELETE FROM trackers WHERE id = ?").bind(id).run();
  require_changed("tracker", id);
}

}  // namespace okr::sql
