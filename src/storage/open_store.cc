#include <filesystem>

#include "storage/sqlite/sqlite_store.h"
#include "storage/store.h"

namespace okr {

Result<std::unique_ptr<Store>> open_store(const std::string& location, OpenMode mode) {
  if (location.starts_with("postgres://") || location.starts_with("postgresql://"))
    return Error{ErrorCode::invalid, "db",
                 "PostgreSQL is not supported by this build yet; use a SQLite file path"};
  if (mode == OpenMode::must_exist && location != ":memory:") {
    std::error_code ec;
    if (!std::filesystem::exists(location, ec))
      return Error{ErrorCode::not_found, "db",
                   "database '" + location +
                       "' does not exist; create it with 'okr init' or 'okr demo', or point "
                       "--db (or $OKR_DB) at an existing file"};
  }
  try {
    return std::unique_ptr<Store>(std::make_unique<sqlite::SqliteStore>(location));
  } catch (const StoreError& e) {
    return e.to_error();
  }
}

}  // namespace okr
