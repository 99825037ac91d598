// What is at a database location before okr opens it, for commands that must say what
// they did to it (okr init: created, upgraded from version N, already current).
#pragma once

#include <optional>
#include <string>

#include "core/result.h"

namespace okr {

// The okr schema version of the database at `location` (a SQLite file or a postgres://
// URL), without creating, migrating or changing anything: nullopt when no okr database
// is there yet (no file, an empty file, an empty PostgreSQL database). An error when
// the location cannot be read (no such server, wrong password, not a database).
Result<std::optional<int>> stored_schema_version(const std::string& location);

}  // namespace okr
