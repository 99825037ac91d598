#include "core/scoring.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace okr {
namespace {

double clamp01(double v) {
  if (std::isnan(v)) return 0;
  return std::clamp(v, 0.0, 1.0);
}

double score_range(const KeyResult& kr, double value) {
  double low = std::min(kr.range_low, kr.range_high);
  double high = std::max(kr.range_low, kr.range_high);
  if (value >= low && value <= high) return 1;
  double distance = value < low ? low - value : value - high;
  if (kr.tolerance <= 0) return 0;
  return clamp01(1 - distance / kr.tolerance);
}

}  // namespace

double score_key_result(const KeyResult& kr, std::optional<double> current) {
  if (!current) {
    // A range key result with no check-in has not been shown to be within range.
    return 0;
  }
  double v = *current;
  switch (kr.metric) {
    case MetricKind::boolean:
      return v >= 0.5 ? 1 : 0;
    case MetricKind::milestone:
      return clamp01(v / 100);
    case MetricKind::range:
      return score_range(kr, v);
    case MetricKind::number:
    case MetricKind::percent:
    case MetricKind::currency:
      break;
  }
  double span = kr.target - kr.start;
  if (span == 0) return 0;  // invalid input; validation rejects it before it is stored
  return clamp01((v - kr.start) / span);
}

double score_objective(std::span<const WeightedScore> krs) {
  double total = 0, weights = 0;
  for (const auto& k : krs) {
    if (k.weight <= 0) continue;
    total += k.score * k.weight;
    weights += k.weight;
  }
  return weights > 0 ? total / weights : 0;
}

double mean_score(std::span<const double> scores) {
  if (scores.empty()) return 0;
  double total = 0;
  for (double s : scores) total += s;
  return total / static_cast<double>(scores.size());
}

double round_score(double score) {
  return std::round(score * 10) / 10;
}

std::string format_score(double score) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.1f", round_score(score));
  return buf;
}

Band band_of(double score) {
  double shown = round_score(score);
  if (shown <= 0.3 + 1e-9) return Band::red;
  if (shown <= 0.6 + 1e-9) return Band::yellow;
  return Band::green;
}

std::string_view to_string(Band b) {
  switch (b) {
    case Band::red:
      return "red";
    case Band::yellow:
      return "yellow";
    case Band::green:
      return "green";
  }
  return "red";
}

std::string_view to_string(ObjectiveFlag f) {
  switch (f) {
    case ObjectiveFlag::not_ambitious_enough:
      return "not-ambitious-enough";
    case ObjectiveFlag::missed_commitment:
      return "missed-commitment";
  }
  return "";
}

std::vector<ObjectiveFlag> grading_flags(ObjectiveKind kind, double score) {
  constexpr double kFull = 1.0 - 1e-9;
  if (kind == ObjectiveKind::aspirational && score >= kFull)
    return {ObjectiveFlag::not_ambitious_enough};
  if (kind == ObjectiveKind::committed && score < kFull) return {ObjectiveFlag::missed_commitment};
  return {};
}

std::string_view to_string(TeamFlag f) {
  return f == TeamFlag::sandbagging ? "sandbagging" : "overreaching";
}

std::optional<TeamFlag> team_flag(std::span<const double> scores) {
  if (scores.size() < 2) return std::nullopt;
  double average = mean_score(scores);
  if (average >= 0.9 - 1e-9) return TeamFlag::sandbagging;
  if (average < 0.3) return TeamFlag::overreaching;
  return std::nullopt;
}

}  // namespace okr
