// Copying a whole database from one store to another: okr migrate-db, and the
// backups of a PostgreSQL database (a SQLite file, as a SQLite store's backup).
#include "storage/store.h"

namespace okr {

std::map<std::string, std::int64_t> copy_store(Store& from, Store& to, bool replace,
                                               const CopyProgress& progress) {
  if (from.schema_version() != to.schema_version())
    throw StoreError(ErrorCode::invalid, "the two databases have different schema versions (" +
                                             std::to_string(from.schema_version()) + " and " +
                                             std::to_string(to.schema_version()) + ")");
  auto source = from.begin(Store::Mode::read);
  auto target = to.begin(Store::Mode::write);
  target->defer_search_index();
  if (replace) target->delete_everything();
  std::map<std::string, std::int64_t> counts;
  for (const auto& table : source->copy_tables()) {
    std::int64_t n = 0;
    source->read_rows(table, [&](const Transaction::Row& row) {
      target->write_row(table, row);
      ++n;
    });
    counts[table] = n;
    if (progress) progress(table, n);
  }
  target->finish_copy();
  target->commit();
  source->commit();
  return counts;
}

bool holds_data(Store& store) {
  auto tx = store.begin(Store::Mode::read);
  bool any = !tx->list_cycles().empty() || !tx->list_teams().empty() || !tx->list_users().empty();
  tx->commit();
  return any;
}

}  // namespace okr
