// Backing the database up while it is in use.
#pragma once

#include <string>

#include "core/result.h"
#include "storage/store.h"

namespace okr::app {

// Writes a consistent copy of the whole database to `path` while okr serve and other
// commands go on writing (Store::backup_to): every write acknowledged before the call is
// in the copy. An existing `path` is replaced only when `replace` is set; otherwise it is
// ErrorCode::conflict and nothing is written.
Result<Ok> backup_database(Store& store, const std::string& path, bool replace);

}  // namespace okr::app
