// Correcting or withdrawing a check-in: its author may, while it is recent and its
// cycle is open; an administrator may too. Each change is audited with the check-in
// before and after, so the history of what was said stays readable.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "app/app.h"

namespace okr::app {

// How long after it was made a check-in may still be corrected or withdrawn.
inline constexpr std::chrono::hours kCheckInEditWindow{24 * 7};

// Unset fields stay as they are.
struct CheckInChanges {
  std::optional<double> value;
  std::optional<std::optional<double>> confidence;  // present-and-empty clears it
  std::optional<std::string> note;
};

Result<CheckIn> correct_check_in(App& app, Id id, const CheckInChanges& changes,
                                 const Actor& actor);
Result<Ok> withdraw_check_in(App& app, Id id, const Actor& actor);

}  // namespace okr::app
