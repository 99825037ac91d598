#include "app/alignment_level.h"

#include <unordered_map>

#include "app/views.h"

namespace okr::app {

Result<AlignmentLevel> alignment_level(App& app, const std::string& cycle, LevelOf level,
                                       std::optional<Id> parent) {
  auto shared = company_summary(app, cycle);
  if (!shared) return shared.error();
  const CycleStatus& status = (*shared)->status;
  struct Entry {
    const ObjectiveStatus* o;
    const Team* team;
  };
  std::unordered_map<Id, Entry> by_id;
  for (const auto& t : status.teams)
    for (const auto& o : t.objectives) by_id.emplace(o.objective.id, Entry{&o, &t.team});
  if (level == LevelOf::children && (!parent || !by_id.count(*parent)))
    return Error::not_found("parent", "no objective " +
                                          (parent ? std::to_string(*parent) : std::string()) +
                                          " in cycle " + status.cycle.name);
  // Where each objective sits: under its parent when that is in this cycle, else at the top.
  auto parent_of = [&](const Objective& o) -> std::optional<Id> {
    return o.parent_id && by_id.count(*o.parent_id) ? o.parent_id : std::nullopt;
  };
  std::unordered_map<Id, int> children;
  AlignmentLevel out;
  out.as_of = (*shared)->as_of;
  auto& all = out.items;
  for (const auto& t : status.teams)
    for (const auto& o : t.objectives) {
      const auto up = parent_of(o.objective);
      if (up) ++children[*up];
      const bool orphan = !o.objective.parent_id && t.team.parent_id.has_value();
      if (orphan) ++out.unaligned;
      const bool here = level == LevelOf::children  ? up == parent
                        : level == LevelOf::orphans ? !up && orphan
                                                    : !up && !orphan;
      if (here) all.push_back({o.objective, t.team.key, t.team.name, o.score, orphan, 0});
    }
  for (auto& i : all) i.children = children[i.objective.id];
  return out;
}

}  // namespace okr::app
