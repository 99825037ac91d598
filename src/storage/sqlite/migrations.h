// The SQLite schema, as one ordered list of migrations. A database records the
// number of migrations applied in PRAGMA user_version; opening applies the rest.
// Never edit a released migration: append a new one.
#pragma once

#include <span>

namespace okr::sqlite {

struct Migration {
  int version;
  const char* description;
  const char* sql;
};

std::span<const Migration> migrations();

}  // namespace okr::sqlite
