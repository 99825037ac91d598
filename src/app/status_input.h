// Loading what build_cycle_status needs from the store: a whole cycle, or only
// the rows of some objectives (a team's page, one objective's page).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/grading.h"
#include "core/report.h"
#include "storage/store.h"

namespace okr::app {

// Everything about one cycle: every team, objective, key result, latest value and review.
StatusInput load_status_input(Transaction& tx, const Cycle& cycle, Date today);

// The latest check-ins of key results, read with their current values for what needs
// more than the latest (forecasts, a page's history): `keep` of each, oldest first.
struct RecentCheckIns {
  int keep = 0;
  std::map<Id, std::vector<CheckIn>> of;  // by key result; none: no entry
  std::set<Id> read;                      // the key results whose check-ins were read
};

// Only `objectives` (all of `cycle`) with their key results, latest values, reviews,
// and the users who own them; `teams` are the teams to show, parents first. With
// `recent`, the latest recent->keep check-ins of those key results are kept there.
StatusInput load_objectives_input(Transaction& tx, const Cycle& cycle, Date today,
                                  std::vector<Team> teams, std::vector<Objective> objectives,
                                  RecentCheckIns* recent = nullptr);

// The status of `cycle` (scores, bands, pace, flags, forecasts, KPIs, patterns):
// of the whole organisation, or with `team` (a key) of that team's subtree, reading
// only its rows. Fails (not_found) for an unknown team.
CycleStatus load_cycle_status(Transaction& tx, const Cycle& cycle, Date today,
                              const std::optional<std::string>& team);

// The organisation's status rule: its settings, the defaults where unset.
StatusRule status_rule(Transaction& tx);
// The names of the rule's settings, in the order the rule declares them.
inline constexpr const char* kStatusRuleSettings[] = {
    "status.on_track_within",      "status.on_track_confidence", "status.off_track_beyond",
    "status.off_track_confidence", "status.unchecked_after",     "status.aspirational_aim"};

// Gives each of the input's key results a forecast made from its latest
// kForecastCheckIns check-ins, its recent course; reading a bounded number keeps a
// page's time and memory flat however long a history grows, and only the forecasts
// are kept. Key results that follow a KPI get none.
inline constexpr int kForecastCheckIns = 50;
// With `recent` (keep at least kForecastCheckIns), from those rather than read again.
void load_forecasts(Transaction& tx, StatusInput& in, const RecentCheckIns* recent = nullptr);
// The same, keeping those check-ins (oldest first) in the input's history, for what
// reads the course itself (the late surprises of grading).
void load_history(Transaction& tx, StatusInput& in);

// The graded cycles (grading or closed) that began no later than `cycle`, oldest
// first, each team's objectives in them as graded, and the scores. With
// `subtree`, only those teams are read.
struct GradedCycles {
  std::map<Id, std::vector<std::vector<GradedObjective>>> by_team;  // one list per cycle
  std::vector<std::vector<GradedObjective>> company;
  std::map<Id, std::vector<double>> team_scores;  // per cycle, oldest first
  std::vector<double> company_scores;
  // Per team, the mean of its aspirational objectives in each cycle (the pattern's input).
  std::map<Id, std::vector<double>> aspirational_means;
};
// `exclude` leaves that cycle out (to append the current one's scores separately).
GradedCycles graded_cycles(Transaction& tx, const Cycle& cycle,
                           const std::optional<std::vector<Team>>& subtree,
                           std::optional<Id> exclude = std::nullopt);

// The objectives of `teams` in `cycle`, team by team.
std::vector<Objective> objectives_of(Transaction& tx, const Cycle& cycle,
                                     const std::vector<Team>& teams);

// The current value of a key result that follows a KPI: the KPI's latest measurement
// up to the cycle's end, so a graded cycle keeps its grade as the KPI moves on.
std::optional<CheckIn> kpi_value(Transaction& tx, const KeyResult& kr, const Cycle& cycle);

}  // namespace okr::app
