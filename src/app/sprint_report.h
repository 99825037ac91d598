// The sprint-to-outcome report of one sprint (see core/sprint_report.h).
#pragma once

#include <optional>
#include <string>

#include "app/app.h"
#include "core/sprint_report.h"

namespace okr::app {

// The sprint named by id, or by name within `team` (key or id). Without a team a name
// must be unique among every team's sprints; otherwise the error lists the teams.
Result<Sprint> find_sprint(App& app, const std::string& id_or_name,
                           const std::optional<std::string>& team);

Result<SprintReport> sprint_report(App& app, Id sprint_id);

}  // namespace okr::app
