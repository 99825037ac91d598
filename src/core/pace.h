// Progress during a cycle: expected pace, the status rule (on track, at risk, off
// track), staleness, confidence bands, a forecast and the status over time.
// Pure: the caller passes "today" and the check-ins.
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/model.h"

namespace okr {

// Elapsed fraction of the cycle on `today`, in [0, 1]: 0 before it starts, 1 after it ends.
double expected_progress(const Cycle& cycle, Date today);

// The thresholds of the status rule; an organisation may change them (see
// docs/scoring.md). "Behind" is expected progress minus score.
struct StatusRule {
  double on_track_within = 0.1;       // on track: behind by at most this …
  double on_track_confidence = 0.5;   // … and the latest confidence (if given) at least this
  double off_track_beyond = 0.3;      // off track: behind by more than this …
  double off_track_confidence = 0.3;  // … or the latest confidence below this
  // A key result nobody has checked in on is never on track once this share of
  // the cycle has passed.
  double unchecked_after = 0.1;
  // The score an aspirational objective aims for at the cycle's end (a committed one
  // aims for 1.0): pace compares a key result with the straight line to its aim, not
  // to 1.0, since a healthy aspirational objective lands near 0.7.
  double aspirational_aim = 0.7;

  friend bool operator==(const StatusRule&, const StatusRule&) = default;
};

// The score an objective of `kind` aims for by the cycle's end.
double aim_of(ObjectiveKind kind, const StatusRule& rule);

// On track, at risk or off track by the rule; at risk is anything between.
enum class Pace { on_track, at_risk, off_track };
std::string_view to_string(Pace p);
std::optional<Pace> parse_pace(std::string_view s);
Pace pace_of(double score, double expected, std::optional<double> confidence,
             const StatusRule& rule = {});
// The status of a key result from its score and latest check-in (nullopt: none yet).
Pace key_result_pace(double score, double expected, const std::optional<CheckIn>& latest,
                     const StatusRule& rule = {});
// The worse of two statuses.
Pace worse(Pace a, Pace b);

// Why a key result is not on track: behind the expected score, a low latest
// confidence, or nobody checked in yet (`none` when it is on track).
enum class PaceReason { none, behind, low_confidence, no_check_in };
std::string_view to_string(PaceReason r);
PaceReason pace_reason(double score, double expected, const std::optional<CheckIn>& latest,
                       const StatusRule& rule = {});

// Confidence bands of a check-in: high ≥ 0.7, low < 0.4, medium between. A
// low-confidence check-in must say what blocks it.
enum class ConfidenceBand { low, medium, high };
std::string_view to_string(ConfidenceBand b);
ConfidenceBand confidence_band(double confidence);

// The default check-in cadence of a team, in days.
inline constexpr int kDefaultCadenceDays = 7;
// A key result is stale while its cycle is active and nobody has checked in on it
// for more than `cadence_days` (counted from the cycle's start when it has no
// check-in yet).
bool is_stale(const Cycle& cycle, Date today, const std::optional<CheckIn>& latest,
              int cadence_days);

// A least-squares line through the check-ins, extrapolated to the end of the cycle,
// with a range of ± one residual standard error of the fit.
struct Forecast {
  double value = 0;
  double low = 0;
  double high = 0;
};
// Needs two check-ins at different times; nullopt otherwise.
std::optional<Forecast> forecast(std::span<const CheckIn> check_ins, Instant cycle_end);
// The same, as a key result's projected score and its plausible range (low ≤ score ≤ high).
std::optional<Forecast> forecast_score(const KeyResult& kr, std::span<const CheckIn> check_ins,
                                       Instant cycle_end);
// The weighted mean of forecasts; nullopt when any is missing or there are none,
// so a roll-up never pretends to know what one of its parts does not.
struct WeightedForecast {
  std::optional<Forecast> forecast;
  double weight = 1;
};
std::optional<Forecast> roll_up(std::span<const WeightedForecast> parts);

// The status of a key result on each day of `dates` (ascending), as its check-ins
// stood at the end of that day.
struct StatusPoint {
  Date date{};
  double score = 0;
  double expected = 0;
  Pace pace = Pace::on_track;
};
// `aim`: the score expected at the cycle's end (aim_of the objective's kind).
std::vector<StatusPoint> status_history(const KeyResult& kr, std::span<const CheckIn> check_ins,
                                        const Cycle& cycle, std::span<const Date> dates,
                                        const StatusRule& rule = {}, double aim = 1.0);
// The days a cycle's history is shown on: its start, every `step` days after it, and
// the last day (`today`, or the cycle's end once it has passed).
std::vector<Date> history_dates(const Cycle& cycle, Date today, int step = 7);

}  // namespace okr
