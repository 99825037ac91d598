#include "storage/sqlite/sqlite_store.h"
#include "storage/store.h"

namespace okr {

Result<std::unique_ptr<Store>> open_store(const std::string& location) {
  if (location.starts_with("postgres://") || location.starts_with("postgresql://"))
    return Error{ErrorCode::invalid, "db",
                 "PostgreSQL is not supported by this build yet; use a SQLite file path"};
  try {
    return std::unique_ptr<Store>(std::make_unique<sqlite::SqliteStore>(location));
  } catch (const StoreError& e) {
    return e.to_error();
  }
}

}  // namespace okr
