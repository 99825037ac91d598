// The state of a cycle, computed from plain data: every team in tree order with
// its objectives and key results, their scores, bands, pace and grading flags.
// Pure: the caller loads the data; the CLI and API render the result.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/kpi_health.h"
#include "core/model.h"
#include "core/pace.h"
#include "core/scoring.h"

namespace okr {

// Where a key result's score comes from.
enum class ScoreSource {
  baseline,   // nobody has checked in yet: the score of the start value
  check_ins,  // the latest check-in
  kpi,        // the latest measurement of the KPI it follows
  override_,  // set by hand at grading, with a reason
  aligned,    // the mean of the objectives aligned to it (driven_by_aligned)
};
std::string_view to_string(ScoreSource s);

struct KeyResultStatus {
  KeyResult key_result;
  std::optional<CheckIn> latest;           // the current value is latest->value
  double computed_score = 0;               // from the current value
  std::optional<ScoreOverride> override_;  // set at grading
  std::optional<Id> overridden_by;         // the reviewer who set the override
  double score = 0;                        // the override when there is one, else computed
  ScoreSource source = ScoreSource::baseline;
  Pace pace = Pace::on_track;  // meaningless once the cycle is closed: its band is final
  PaceReason pace_reason = PaceReason::none;  // why it is not on track
  double expected = 0;  // the score expected by today: elapsed share × its objective's aim
  bool stale = false;   // nobody checked in within the team's cadence
  std::optional<Forecast> forecast;      // projected score at the cycle's end
  int aligned_objectives = 0;            // objectives aligned to it (its score's parts when driven)
  std::vector<Dependency> dependencies;  // on other teams, by id
  // Dependencies another team has not confirmed (pending or declined): a risk.
  int unconfirmed_dependencies = 0;
};

struct ObjectiveStatus {
  Objective objective;
  std::vector<KeyResultStatus> key_results;
  double score = 0;
  Band band = Band::red;
  std::vector<ObjectiveFlag> flags;  // grading flags (meaningful once the cycle is graded)
  Pace pace = Pace::on_track;        // the worst pace of its key results
  double expected = 0;               // the score expected by today (elapsed share × aim)
  bool reviewed = false;
  std::optional<Forecast>
      forecast;  // weighted like the score; none unless every key result has one
  int unconfirmed_dependencies = 0;  // of its key results
};

// A KPI shown beside the OKRs of its team (company-wide KPIs beside the top teams').
struct KpiStatus {
  Kpi kpi;
  std::optional<Measurement> latest;  // the latest measurement by the cycle's end
  std::optional<KpiHealth> health;
};

struct TeamStatus {
  Team team;
  int depth = 0;  // 0 for a root of the organisation tree
  std::vector<ObjectiveStatus> objectives;
  std::optional<double> score;       // none when the team has no objectives this cycle
  std::optional<TeamFlag> pattern;   // over its graded cycles
  std::optional<Forecast> forecast;  // mean of its objectives' forecasts, when all have one
  std::vector<KpiStatus> kpis;       // by key
};

struct CycleStatus {
  Cycle cycle;
  Date today{};
  double expected_progress = 0;
  double score = 0;  // mean of every objective's score
  std::optional<Forecast> forecast;
  StatusRule rule;
  std::vector<TeamStatus> teams;
  // Names for the identifiers above, for display.
  std::map<Id, std::string> user_emails;
  std::map<Id, std::string> objective_keys;
  std::map<Id, std::string> team_keys;
  std::map<Id, std::string> kpi_keys;         // for the key results that follow a KPI
  std::map<Id, std::string> key_result_keys;  // for the objectives aligned to a key result
};

struct StatusInput {
  Cycle cycle;
  Date today{};
  std::vector<Team> teams;  // every team, parents before children
  std::vector<Objective> objectives;
  std::vector<KeyResult> key_results;
  std::map<Id, CheckIn> latest;  // by key result
  // With `with_history` each key result gets a forecast: from its check-ins in
  // `history` (oldest first) when it has an entry there, else the one in `forecasts`,
  // made beforehand from them (forecast_score) so that a whole cycle's check-ins
  // need not be held at once. Without it none is made (absent, not zero).
  bool with_history = false;
  std::map<Id, std::vector<CheckIn>> history;
  std::unordered_map<Id, std::optional<Forecast>> forecasts;
  StatusRule rule;
  std::map<Id, Review> reviews;                    // by objective
  std::map<Id, std::vector<double>> team_history;  // team scores in graded cycles, oldest first
  std::vector<User> users;
  std::optional<Id> team_filter;  // only this team and the teams below it
  // Keys of objectives aligned to that are not among `objectives` (a part of the
  // organisation was loaded), so every objective still names what it aligns to.
  std::map<Id, std::string> other_objective_keys;
  std::map<Id, std::string> other_key_result_keys;  // the same for key results aligned to
  std::map<Id, std::string> other_team_keys;  // contributing and depended-on teams not in `teams`
  // KPIs to show beside their teams, and the latest measurement of each (by KPI).
  std::vector<Kpi> kpis;
  std::map<Id, Measurement> kpi_latest;
  // Objectives aligned to a driven key result that are not among `objectives` (a
  // part of the organisation was loaded): scored to score that key result, not shown.
  // Their key results, latest values and reviews are in the fields above.
  std::vector<Objective> support_objectives;
  std::map<Id, std::vector<Dependency>> dependencies;  // by key result
};

// Closed cycles show final bands, not a pace, and make no forecast.
bool is_final(const Cycle& cycle);

// Teams without objectives are kept when a team below them has some, so the tree stays whole.
CycleStatus build_cycle_status(const StatusInput& in);

}  // namespace okr
