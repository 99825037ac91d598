#include "core/scoring.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace okr {
namespace {

// Scores are computed in long double: its exponent range (to about 10^4932) holds
// any difference, product or sum of doubles, so even numbers stored before they were
// bounded (see kMaxMagnitude) never overflow to infinity or NaN on the way to a score.
using Wide = long double;

double clamp01(Wide v) {
  if (std::isnan(v)) return 0;
  return static_cast<double>(std::clamp(v, Wide{0}, Wide{1}));
}

double score_range(const KeyResult& kr, double value) {
  Wide low = std::min(kr.range_low, kr.range_high);
  Wide high = std::max(kr.range_low, kr.range_high);
  Wide v = value;
  if (v >= low && v <= high) return 1;
  Wide distance = v < low ? low - v : v - high;
  if (!(kr.tolerance > 0) || !std::isfinite(kr.tolerance)) return 0;
  return clamp01(1 - distance / kr.tolerance);
}

}  // namespace

double score_key_result(const KeyResult& kr, std::optional<double> current) {
  if (!current) {
    // A range key result with no check-in has not been shown to be within range.
    return 0;
  }
  double v = *current;
  if (std::isnan(v)) return 0;
  switch (kr.metric) {
    case MetricKind::boolean:
      return v >= 0.5 ? 1 : 0;
    case MetricKind::milestone:
      return clamp01(Wide{v} / 100);
    case MetricKind::range:
      return score_range(kr, v);
    case MetricKind::number:
    case MetricKind::percent:
    case MetricKind::currency:
      break;
  }
  Wide span = Wide{kr.target} - kr.start;
  if (span == 0 || std::isnan(span)) return 0;  // invalid; validation refuses it
  return clamp01((Wide{v} - kr.start) / span);
}

double score_objective(std::span<const WeightedScore> krs) {
  Wide total = 0, weights = 0;
  for (const auto& k : krs) {
    // A weight that is not a positive finite number counts as no weight at all.
    if (!(k.weight > 0) || !std::isfinite(k.weight)) continue;
    total += Wide{std::isnan(k.score) ? 0 : k.score} * k.weight;
    weights += k.weight;
  }
  return weights > 0 ? clamp01(total / weights) : 0;
}

double mean_score(std::span<const double> scores) {
  if (scores.empty()) return 0;
  Wide total = 0;
  for (double s : scores) total += std::isfinite(s) ? s : 0;
  return static_cast<double>(total / static_cast<Wide>(scores.size()));
}

double round_score(double score) {
  if (!std::isfinite(score)) return 0;
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
