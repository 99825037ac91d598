// Scoring as PRODUCT.md states it, the rules users check by hand.
//
//  - number/percent/currency: (current − start) / (target − start), clamped to [0, 1];
//    the same formula serves a decreasing metric.
//  - boolean: 0 or 1 (any value ≥ 0.5 counts as done). milestone: value / 100, clamped.
//  - range: 1 inside [low, high]; outside, falls linearly to 0 at `tolerance` beyond the edge.
//  - no check-in: the key result scores its baseline, 0.
//  - objective: weighted mean of its key results; an objective with none scores 0.
//  - team and cycle: mean of objective scores.
// Scores keep full precision; display rounds to one decimal.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"

namespace okr {

// Score of a key result whose current value is `current` (nullopt: no check-in yet).
double score_key_result(const KeyResult& kr, std::optional<double> current);

struct WeightedScore {
  double score = 0;
  double weight = 1;
};
// Weighted mean; 0 when empty or when all weights are 0.
double score_objective(std::span<const WeightedScore> key_results);
// Plain mean; 0 when empty.
double mean_score(std::span<const double> scores);

// Display form: one decimal, "0.7".
std::string format_score(double score);
double round_score(double score);  // to one decimal

// 0.0–0.3 red (no real progress), 0.4–0.6 yellow (progress, fell short), 0.7–1.0 green.
// Decided on the displayed (one-decimal) score, so users see a consistent band.
enum class Band { red, yellow, green };
Band band_of(double score);
std::string_view to_string(Band b);

// Grading flags on an objective.
enum class ObjectiveFlag { not_ambitious_enough, missed_commitment };
std::string_view to_string(ObjectiveFlag f);
// Aspirational at 1.0 → not ambitious enough; committed below 1.0 → missed commitment.
std::vector<ObjectiveFlag> grading_flags(ObjectiveKind kind, double score);

// Team pattern over graded cycles: with two or more cycles, an average of ≥ 0.9 →
// sandbagging; an average below 0.3 → overreaching. `cycle_scores` holds the team's
// score in each graded cycle.
enum class TeamFlag { sandbagging, overreaching };
std::string_view to_string(TeamFlag f);
std::optional<TeamFlag> team_flag(std::span<const double> cycle_scores);

}  // namespace okr
