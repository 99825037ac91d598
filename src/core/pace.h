// Progress during a cycle: expected pace, on-track status and a forecast.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "core/model.h"

namespace okr {

// Elapsed fraction of the cycle on `today`, in [0, 1]: 0 before it starts, 1 after it ends.
double expected_progress(const Cycle& cycle, Date today);

// On track: score within 0.1 of the expected pace and confidence (if given) ≥ 0.5.
// Off track: more than 0.3 behind the pace, or confidence below 0.3.
// At risk: anything between.
enum class Pace { on_track, at_risk, off_track };
std::string_view to_string(Pace p);
Pace pace_of(double score, double expected, std::optional<double> confidence);

// A least-squares line through the check-ins, extrapolated to the end of the cycle,
// with a range of ± one residual standard error of the fit.
struct Forecast {
  double value = 0;
  double low = 0;
  double high = 0;
};
// Needs two check-ins at different times; nullopt otherwise.
std::optional<Forecast> forecast(std::span<const CheckIn> check_ins, Instant cycle_end);

}  // namespace okr
