// Loading what build_cycle_status needs from the store: a whole cycle, or only
// the rows of some objectives (a team's page, one objective's page).
#pragma once

#include <vector>

#include "core/report.h"
#include "storage/store.h"

namespace okr::app {

// Everything about one cycle: every team, objective, key result, latest value and review.
StatusInput load_status_input(Transaction& tx, const Cycle& cycle, Date today);

// Only `objectives` (all of `cycle`) with their key results, latest values, reviews,
// and the users who own them; `teams` are the teams to show, parents first.
StatusInput load_objectives_input(Transaction& tx, const Cycle& cycle, Date today,
                                  std::vector<Team> teams, std::vector<Objective> objectives);

// The objectives of `teams` in `cycle`, team by team.
std::vector<Objective> objectives_of(Transaction& tx, const Cycle& cycle,
                                     const std::vector<Team>& teams);

// The current value of a key result that follows a KPI: the KPI's latest measurement
// up to the cycle's end, so a graded cycle keeps its grade as the KPI moves on.
std::optional<CheckIn> kpi_value(Transaction& tx, const KeyResult& kr, const Cycle& cycle);

}  // namespace okr::app
