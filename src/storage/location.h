// Naming a database in messages and output.
#pragma once

#include <string>

namespace okr {

// `location` fit to show: a postgres:// URL with its password replaced by "***";
// a file path as it is.
std::string shown_location(const std::string& location);

}  // namespace okr
