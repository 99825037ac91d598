// The sprint-to-outcome report of one sprint (see core/sprint_report.h).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "core/sprint_report.h"

namespace okr::app {

// The sprint named by id, or by name within `team` (key or id). Without a team a name
// must be unique among every team's sprints; otherwise the error lists the teams.
Result<Sprint> find_sprint(App& app, const std::string& id_or_name,
                           const std::optional<std::string>& team);

Result<SprintReport> sprint_report(App& app, Id sprint_id);

// A team's sprints page: its newest sprints with their reports, a page at a time, and
// its work that is in no sprint, with the key results that work is linked to.
struct KeyResultRef {
  Id id = 0;
  std::string key, title;
};
struct TeamSprints {
  Team team;
  std::vector<SprintReport> reports;  // the newest first (by start, then id)
  int sprints_total = 0;
  std::optional<Id> next;             // the last one listed, when older ones follow
  std::vector<Initiative> unplanned;  // in no sprint, at most kUnplannedShown, by key
  int unplanned_total = 0;
  std::map<Id, KeyResultRef> key_results;  // those the unplanned work links to, by id
};
inline constexpr int kUnplannedShown = 50;
inline constexpr int kMaxSprintsPage = 24;
// The sprints after `before` (a sprint of the team, from `next`), at most `limit`
// (1–kMaxSprintsPage).
Result<TeamSprints> team_sprints(App& app, const std::string& team, std::optional<Id> before,
                                 int limit);

}  // namespace okr::app
