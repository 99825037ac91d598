// Naming a database in messages and output.
#pragma once

#include <string>

namespace okr {

// `location` fit to show: a postgres:// URL with its password replaced by "***";
// a file path as it is.
std::string shown_location(const std::string& location);

// Whether another program (an okr serve) has the database at `location` open: a SQLite
// file another connection holds (probed with an exclusive lock, given up at once), or
// a PostgreSQL database with other client sessions. False when it cannot tell.
bool database_in_use(const std::string& location);

}  // namespace okr
