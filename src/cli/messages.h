// How the okr command begins a refusal: "okr checkin: error: …", naming the command
// that was run, so that every message of a run starts the same way whichever part of
// the program wrote it.
#pragma once

#include <string>

namespace okr::cli {

// Sets the command messages name ("okr checkin", "okr user add"); "okr" until set.
// Called once, after the command line is parsed and before any command runs.
void set_command_name(std::string name);

// "okr checkin: error: ".
std::string error_prefix();

}  // namespace okr::cli
