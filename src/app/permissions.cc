#include "app/permissions.h"

#include <algorithm>

#include "app/run.h"

namespace okr::app {

std::vector<Team> chain_above(Transaction& tx, Id team_id) {
  return tx.list_teams_above(team_id);
}

std::vector<Id> teams_above(Transaction& tx, Id team_id) {
  std::vector<Id> above;
  for (const auto& t : chain_above(tx, team_id)) above.push_back(t.id);
  return above;
}

bool allowed(const Actor& actor, Permission permission, Id team_id, const std::vector<Id>& above,
             std::optional<Id> owner_id) {
  if (actor.admin) return true;
  if (!actor.user_id) return false;
  // Owners have rights over what they own only while they belong to the team.
  bool owner = owner_id && *owner_id == *actor.user_id;
  // The actor's role in the team or, for leads, in any team above it.
  std::optional<TeamRole> role;
  bool lead_above = false;
  if (auto it = actor.roles.find(team_id); it != actor.roles.end()) role = it->second;
  for (Id parent : above) {
    auto it = actor.roles.find(parent);
    if (it != actor.roles.end() && it->second == TeamRole::lead) lead_above = true;
  }
  bool lead = role == TeamRole::lead || lead_above;
  bool owning_member = owner && (role == TeamRole::member || role == TeamRole::lead);
  switch (permission) {
    case Permission::edit_team_okrs:
      return lead || owning_member;
    case Permission::check_in:
      return lead || role == TeamRole::member;
    case Permission::grade:
    case Permission::manage_team:
      return lead;
  }
  return false;
}

bool allowed(Transaction& tx, const Actor& actor, Permission permission, Id team_id,
             std::optional<Id> owner_id) {
  if (actor.admin) return true;
  if (!actor.user_id) return false;
  // A lead's rights reach the teams below, which only ever adds to a role's: the teams
  // above are read only for a lead of some team whose role here does not suffice.
  if (allowed(actor, permission, team_id, {}, owner_id)) return true;
  if (std::none_of(actor.roles.begin(), actor.roles.end(),
                   [](const auto& r) { return r.second == TeamRole::lead; }))
    return false;
  return allowed(actor, permission, team_id, teams_above(tx, team_id), owner_id);
}

void require(Transaction& tx, const Actor& actor, Permission permission, Id team_id,
             std::optional<Id> owner_id, const std::string& what) {
  if (allowed(tx, actor, permission, team_id, owner_id)) return;
  auto team = tx.find_team(team_id);
  fail(Error::forbidden("", "your role does not allow you to " + what + " in team '" +
                                (team ? team->key : std::to_string(team_id)) + "'"));
}

bool leads_top_level_team(Transaction& tx, const Actor& actor) {
  for (const auto& [team_id, role] : actor.roles) {
    if (role != TeamRole::lead) continue;
    if (auto t = tx.find_team(team_id); t && !t->parent_id) return true;
  }
  return false;
}

}  // namespace okr::app
