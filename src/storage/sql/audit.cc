// The audit log: appended to, read newest first.
#include "storage/sql/rows.h"
#include "storage/sql/sql_transaction.h"

namespace okr::sql {

Id SqlTransaction::add_audit_event(const AuditEvent& e) {
  return insert(
      "INSERT INTO audit_events (at, actor_id, action, entity_type, entity_id, before_json, "
      "after_json) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
      format_instant(e.at), e.actor_id, e.action, e.entity_type, e.entity_id, e.before, e.after);
}

std::vector<AuditEvent> SqlTransaction::list_audit_events(std::optional<Id> before_id, int limit) {
  const auto lim = static_cast<std::int64_t>(limit);
  if (before_id)
    return all(
        cat({"SELECT ", kAuditCols, " FROM audit_events WHERE id < ? ORDER BY id DESC LIMIT ?"}),
        read_audit, *before_id, lim);
  return all(cat({"SELECT ", kAuditCols, " FROM audit_events ORDER BY id DESC LIMIT ?"}),
             read_audit, lim);
}

}  // namespace okr::sql
