#include "core/pace.h"

#include <algorithm>
#include <cmath>

namespace okr {

double expected_progress(const Cycle& cycle, Date today) {
  int total = days_between(cycle.start, cycle.end) + 1;
  if (total <= 0) return 1;
  int elapsed = days_between(cycle.start, today) + 1;
  return std::clamp(static_cast<double>(elapsed) / total, 0.0, 1.0);
}

std::string_view to_string(Pace p) {
  switch (p) {
    case Pace::on_track:
      return "on-track";
    case Pace::at_risk:
      return "at-risk";
    case Pace::off_track:
      return "off-track";
  }
  return "";
}

Pace pace_of(double score, double expected, std::optional<double> confidence) {
  double behind = expected - score;
  if (behind > 0.3 || (confidence && *confidence < 0.3)) return Pace::off_track;
  if (behind <= 0.1 && (!confidence || *confidence >= 0.5)) return Pace::on_track;
  return Pace::at_risk;
}

std::optional<Forecast> forecast(std::span<const CheckIn> check_ins, Instant cycle_end) {
  if (check_ins.size() < 2) return std::nullopt;
  // x in days since the first check-in keeps the numbers well conditioned.
  const Instant origin = check_ins.front().at;
  auto x_of = [&](Instant t) { return std::chrono::duration<double>(t - origin).count() / 86400; };
  double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (const auto& c : check_ins) {
    double x = x_of(c.at);
    n += 1;
    sx += x;
    sy += c.value;
    sxx += x * x;
    sxy += x * c.value;
  }
  double denom = n * sxx - sx * sx;
  if (std::abs(denom) < 1e-12) return std::nullopt;
  double slope = (n * sxy - sx * sy) / denom;
  double intercept = (sy - slope * sx) / n;
  double residuals = 0;
  for (const auto& c : check_ins) {
    double e = c.value - (intercept + slope * x_of(c.at));
    residuals += e * e;
  }
  double se = n > 2 ? std::sqrt(residuals / (n - 2)) : 0;
  double value = intercept + slope * x_of(cycle_end);
  return Forecast{value, value - se, value + se};
}

}  // namespace okr
