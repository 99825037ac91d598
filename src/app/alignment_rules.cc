#include "app/alignment_rules.h"

#include <algorithm>

namespace okr::app {
namespace {

std::string team_name(const TeamById& team, Id id) {
  auto t = team(id);
  return t ? "'" + t->key + "'" : "#" + std::to_string(id);
}

bool is_above(const TeamById& team, Id upper, Id id) {
  auto t = team(id);
  for (std::optional<Id> cur = t ? t->parent_id : std::nullopt; cur;) {
    if (*cur == upper) return true;
    auto next = team(*cur);
    cur = next ? next->parent_id : std::nullopt;
  }
  return false;
}

}  // namespace

std::optional<std::string> alignment_refusal(Transaction& tx, const Objective& o,
                                             const Objective& parent, const TeamById& given,
                                             const ObjectiveById& given_objective) {
  const TeamById team = given ? given : TeamById([&tx](Id id) { return tx.find_team(id); });
  const ObjectiveById objective =
      given_objective ? given_objective
                      : ObjectiveById([&tx](Id id) { return tx.find_objective(id); });
  if (parent.cycle_id != o.cycle_id) {
    auto a = tx.find_cycle(o.cycle_id);
    auto b = tx.find_cycle(parent.cycle_id);
    return "objective '" + parent.key + "' is in cycle " + (b ? b->name : "?") + ", not " +
           (a ? a->name : "?") + "; an objective aligns to one of its own cycle";
  }
  const bool contributes =
      std::find(parent.contributing_team_ids.begin(), parent.contributing_team_ids.end(),
                o.team_id) != parent.contributing_team_ids.end();
  if (contributes || is_above(team, parent.team_id, o.team_id)) {
    // A contributing team aligning from beside could still close a loop.
    if (o.id != 0)
      for (std::optional<Id> cur = parent.id; cur;) {
        if (*cur == o.id) return "aligning to objective '" + parent.key + "' would make a loop";
        auto next = objective(*cur);
        cur = next ? next->parent_id : std::nullopt;
      }
    return std::nullopt;
  }
  if (parent.team_id == o.team_id)
    return "objective '" + parent.key +
           "' belongs to the same team; an objective aligns to one of a team above its own "
           "(write the smaller goal as one of its key results instead)";
  if (is_above(team, o.team_id, parent.team_id))
    return "objective '" + parent.key + "' belongs to a team below this objective's (" +
           team_name(team, parent.team_id) +
           "); an objective aligns to one of a team above its own";
  return "objective '" + parent.key + "' belongs to team " + team_name(team, parent.team_id) +
         ", which is not above team " + team_name(team, o.team_id) +
         "; an objective aligns to one of a team above its own, or to a shared objective its "
         "team contributes to";
}

std::optional<std::string> key_result_move_refusal(Transaction& tx, const KeyResult& before,
                                                   const KeyResult& after) {
  if (before.objective_id == after.objective_id) return std::nullopt;
  auto aligned = tx.list_objectives({.parent_key_result_id = before.id});
  if (aligned.empty()) return std::nullopt;
  return "objective '" + aligned.front().key + "' aligns to key result '" + before.key +
         "'; align it elsewhere before moving the key result to another objective";
}

}  // namespace okr::app
