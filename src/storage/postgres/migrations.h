// The PostgreSQL schema, as one ordered list of migrations numbered as SQLite's
// (src/storage/sqlite/migrations.cc): the same version means the same tables,
// columns and rules on both. A PostgreSQL database starts at version 4, the
// first version this store knows; later versions are appended on both sides.
// Never edit a released migration: append a new one.
#pragma once

#include <span>

namespace okr::postgres {

struct Migration {
  int version;
  const char* description;
  const char* sql;
};

std::span<const Migration> migrations();

}  // namespace okr::postgres
