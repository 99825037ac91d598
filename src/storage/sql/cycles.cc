// Cycles, and the checks every optimistic update shares.
#include "storage/sql/rows.h"
#include "storage/sql/sql_transaction.h"

namespace okr::sql {

Id SqlTransaction::create_cycle(const Cycle& c) {
  return insert(
      "INSERT INTO cycles (name, start_date, end_date, state) VALUES (?, ?, ?, ?) RETURNING id",
      c.name, format_date(c.start), format_date(c.end), to_string(c.state));
}

std::int64_t SqlTransaction::update_cycle(const Cycle& c) {
  prepare(
      "UPDATE cycles SET name = ?, start_date = ?, end_date = ?, state = ?, "
      "version = version + 1 WHERE id = ? AND version = ?")
      .bind_all(c.name, format_date(c.start), format_date(c.end), to_string(c.state), c.id,
                c.version)
      .run();
  return after_update("cycle", "cycles", c.id, c.version);
}

std::optional<Cycle> SqlTransaction::find_cycle(Id id) {
  return one(cat({"SELECT ", kCycleCols, " FROM cycles WHERE id = ?"}), read_cycle, id);
}

std::optional<Cycle> SqlTransaction::find_cycle_by_name(const std::string& name) {
  return one(cat({"SELECT ", kCycleCols, " FROM cycles WHERE name = ?"}), read_cycle, name);
}

std::vector<Cycle> SqlTransaction::list_cycles() {
  return all(cat({"SELECT ", kCycleCols, " FROM cycles ORDER BY start_date, id"}), read_cycle);
}

std::int64_t SqlTransaction::after_update(const char* what, const char* table, Id id,
                                          std::int64_t version) {
  if (connection().changes() > 0) return version + 1;
  not_updated(what, table, id, version);
}

void SqlTransaction::not_updated(const char* what, const char* table, Id id, std::int64_t version) {
  auto st = prepare(std::string("SELECT version FROM ") + table + " WHERE id = ?");
  st.bind(id);
  if (!st.step())
    throw StoreError(ErrorCode::not_found,
                     std::string(what) + " " + std::to_string(id) + " does not exist");
  throw StoreError(ErrorCode::conflict,
                   std::string(what) + " " + std::to_string(id) + " was changed by someone else " +
                       "(version " + std::to_string(st.i64(0)) + ", not " +
                       std::to_string(version) + "); reload and try again",
                   "version");
}

void SqlTransaction::require_changed(const char* what, Id id) {
  if (connection().changes() == 0)
    throw StoreError(ErrorCode::not_found,
                     std::string(what) + " " + std::to_string(id) + " does not exist");
}

}  // namespace okr::sql
