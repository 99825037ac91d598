// Moving a whole organisation between databases: SQLite to PostgreSQL when one
// machine is outgrown, or back.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "core/result.h"
#include "storage/store.h"

namespace okr::app {

struct MigrateReport {
  std::map<std::string, std::int64_t> rows;  // copied, per table
  int cycles_checked = 0;
  int scores_checked = 0;  // key result, objective, team and cycle scores compared
};

// Copies everything in `from` into `to` (ids, history, accounts, sessions and all) in
// one transaction of `to`, then verifies the copy: every table's row count, and every
// score of every cycle computed on both sides. A `to` that holds data is refused
// (ErrorCode::conflict, field "to") unless `replace`, which deletes its rows first.
// A difference found by the verification is an error naming it. `progress` is called
// after each table. `from` should not be written meanwhile (stop okr serve first).
Result<MigrateReport> migrate_database(Store& from, Store& to, bool replace,
                                       const CopyProgress& progress = {});

}  // namespace okr::app
