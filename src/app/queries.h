// Read-only use cases for the API: lists and lookups by id or stable key.
#pragma once

#include <string>
#include <vector>

#include "app/app.h"
#include "app/okrs.h"

namespace okr::app {

Result<std::vector<Cycle>> list_cycles(App& app);
// By numeric id or by name.
Result<Cycle> get_cycle(App& app, const std::string& id_or_name);

Result<std::vector<Team>> list_teams(App& app);  // parents before children
Result<Team> get_team(App& app, const std::string& id_or_key);
Result<std::vector<Membership>> list_memberships(App& app, Id team_id);

Result<std::vector<User>> list_users(App& app);
Result<User> get_user(App& app, const std::string& id_or_email);

// Newest first; `before` is the cursor (an event id). Administrators only. With the
// people who acted, by id, read in the same transaction.
struct AuditPage {
  Page<AuditEvent> page;
  std::map<Id, User> actors;
};
Result<AuditPage> list_audit_events(App& app, const Actor& actor, std::optional<Id> before,
                                    int limit);

// The alignment tree of a cycle: objectives under the objectives they align to.
struct AlignmentNode {
  Objective objective;
  std::string team_key;
  double score = 0;
  std::vector<AlignmentNode> children;
  std::string team_name;
  bool orphan = false;  // aligned to nothing although its team has a parent team
};
struct Alignment {
  std::vector<AlignmentNode> roots;
  int unaligned = 0;  // objectives with no parent whose team has a parent team
};
Result<Alignment> alignment(App& app, const std::string& cycle);

}  // namespace okr::app
