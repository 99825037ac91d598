// The audit log: appended to, read newest first.
#include "storage/sql/rows.h"
#include "storage/sql/sql_transaction.h"

namespace okr::sql {

namespace {

// Events held back before they are written: a write of thousands of rows (an import)
// sends one statement per kAuditBatch events instead of one each.
constexpr std::size_t kAuditBatch = 64;

}  // namespace

void SqlTransaction::add_audit_event(const AuditEvent& e) {
  audit_held_.push_back(e);
  if (audit_held_.size() >= kAuditBatch) write_audit_events();
}

void SqlTransaction::write_audit_events() {
  write_rows(
      "INSERT INTO audit_events (at, actor_id, action, entity_type, entity_id, before_json, "
      "after_json) VALUES ",
      "(?, ?, ?, ?, ?, ?, ?)", "", audit_held_, [](Statement& st, const AuditEvent& e) {
        st.bind_all(format_instant(e.at), e.actor_id, e.action, e.entity_type, e.entity_id,
                    e.before, e.after);
      });
  audit_held_.clear();
}

void SqlTransaction::before_commit() {
  write_audit_events();
  index_deferred_search();
}

std::vector<AuditEvent> SqlTransaction::list_audit_events(std::optional<Id> before_id, int limit) {
  write_audit_events();  // this transaction's own, in their place
  const auto lim = static_cast<std::int64_t>(limit);
  if (before_id)
    return all(
        cat({"SELECT ", kAuditCols, " FROM audit_events WHERE id < ? ORDER BY id DESC LIMIT ?"}),
        read_audit, *before_id, lim);
  return all(cat({"SELECT ", kAuditCols, " FROM audit_events ORDER BY id DESC LIMIT ?"}),
             read_audit, lim);
}

}  // namespace okr::sql
