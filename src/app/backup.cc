#include "app/backup.h"

#include <filesystem>

namespace okr::app {

Result<Ok> backup_database(Store& store, const std::string& path, bool replace) {
  std::error_code ec;
  if (path.empty()) return Error::invalid("file", "name the file to write the backup to");
  if (std::filesystem::exists(path, ec) && !replace)
    return Error::conflict("file", "'" + path + "' already exists; give --force to replace it");
  if (std::filesystem::is_directory(path, ec))
    return Error::invalid("file", "'" + path + "' is a directory; name a file");
  try {
    store.backup_to(path);
  } catch (const StoreError& e) {
    return e.to_error();
  }
  return Ok{};
}

}  // namespace okr::app
