// Dependencies between teams: a team declares that one of its key results needs
// another team's work; the other team confirms or declines. Until it confirms, the
// dependency is a risk on the key result, shown wherever the key result is.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "formats/json_model.h"

namespace okr::app {

// A dependency with the names a reader needs.
struct DependencyView {
  Dependency dependency;
  KeyResult key_result;
  Objective objective;
  std::string asking_team;  // key of the team that owns the key result
  std::string needed_team;  // key of the team whose work is needed
  std::string cycle;        // name of the key result's cycle

  formats::DependencyNames names() const {
    return {key_result.key, objective.key, asking_team, needed_team, cycle};
  }
};

// The dependency with its names, read inside the caller's transaction.
DependencyView view_of(Transaction& tx, Dependency d);
// The same for a list, in its order: a few statements however long it is.
std::vector<DependencyView> views_of(Transaction& tx, std::vector<Dependency> list);

// `key_result` and `team` by id or key. Asked by someone who may edit the key result's
// objective; the team is another team; each team is asked once per key result.
Result<DependencyView> ask_dependency(App& app, const std::string& key_result,
                                      const std::string& team, const std::string& note,
                                      const Actor& actor);

// The needed team's answer: confirmed or declined, with its words. Given by someone
// who may edit that team's OKRs. `version` (when given) must be the stored one.
Result<DependencyView> answer_dependency(App& app, Id id, std::optional<std::int64_t> version,
                                         DependencyState state, const std::string& answer,
                                         const Actor& actor);

// Withdrawn by the asking team.
Result<Ok> withdraw_dependency(App& app, Id id, std::optional<std::int64_t> version,
                               const Actor& actor);

Result<DependencyView> get_dependency(App& app, Id id);

// What to list: those asked of `team` and those `team` asked (either may be empty),
// in `cycle` (empty: the current one); by id.
struct DependencyQuery {
  std::optional<std::string> cycle;
  std::optional<std::string> asked_of;  // team id or key
  std::optional<std::string> asked_by;  // team id or key
  std::optional<DependencyState> state;
};
Result<std::vector<DependencyView>> list_dependencies(App& app, const DependencyQuery& q);

}  // namespace okr::app
