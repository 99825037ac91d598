// Who may do what. Roles: admin (everything); team lead (edit the team's OKRs and
// grade them, also for the teams below); member (check in on key results of their
// teams, edit what they own); viewer (read). Every signed-in user may read.
#pragma once

#include <vector>

#include "app/app.h"

namespace okr::app {

enum class Permission {
  edit_team_okrs,  // create, update, delete objectives and key results of a team
  check_in,        // record progress on a key result of a team
  grade,           // write reviews of a team's objectives
  manage_team,     // add and remove members, plan sprints
};

// True when `actor` may exercise `permission` on `team_id`; `owner_id` is the owner
// of the thing touched (owners may edit and check in on what they own).
bool allowed(Transaction& tx, const Actor& actor, Permission permission, Id team_id,
             std::optional<Id> owner_id = std::nullopt);
// The same, given the teams above `team_id` (teams_above), without reading the store.
bool allowed(const Actor& actor, Permission permission, Id team_id, const std::vector<Id>& above,
             std::optional<Id> owner_id = std::nullopt);
// The teams above `team_id`, its parent first.
std::vector<Id> teams_above(Transaction& tx, Id team_id);
// The same teams whole (their keys and names, for a breadcrumb), its parent first.
std::vector<Team> chain_above(Transaction& tx, Id team_id);

// True when `actor` leads a team at the top of the organisation tree: with the
// administrators, such leads run the organisation's calendar and retrospective.
bool leads_top_level_team(Transaction& tx, const Actor& actor);

// Fails with ErrorCode::forbidden when not allowed, naming what was refused.
void require(Transaction& tx, const Actor& actor, Permission permission, Id team_id,
             std::optional<Id> owner_id, const std::string& what);

}  // namespace okr::app
