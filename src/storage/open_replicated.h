// Opening a PostgreSQL store whose page reads go to a read replica (`okr serve --db-read`).
#pragma once

#include <memory>
#include <string>

#include "storage/store.h"

namespace okr {

// open_store() with page reads on the read-only standby at `read_location` whenever it
// has replayed every write the store has seen (storage/postgres/replica.h). Both must be
// postgres:// URLs; a standby that cannot be reached or is not one is an error naming
// it (without its password). An empty `read_location` is open_store() alone.
Result<std::unique_ptr<Store>> open_store(const std::string& location, OpenMode mode,
                                          const std::string& read_location);

}  // namespace okr
