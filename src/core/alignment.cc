#include "core/alignment.h"

#include <algorithm>
#include <set>

namespace okr {

AlignmentReport analyse_alignment(const AlignmentInput& in) {
  AlignmentReport out;
  std::map<Id, const Team*> teams;
  for (const auto& t : in.teams) teams[t.id] = &t;
  std::map<Id, const Objective*> objectives;
  std::set<Id> teams_with_objectives;
  for (const auto& o : in.objectives) {
    objectives[o.id] = &o;
    teams_with_objectives.insert(o.team_id);
  }
  auto by_key = [](const Objective* a, const Objective* b) { return a->key < b->key; };
  std::vector<const Objective*> sorted;
  for (const auto& [id, o] : objectives) sorted.push_back(o);
  std::sort(sorted.begin(), sorted.end(), by_key);

  auto team_of = [&](const Objective& o) -> const Team* {
    auto it = teams.find(o.team_id);
    return it == teams.end() ? nullptr : it->second;
  };
  auto is_top = [&](const Team* t) { return !t || !t->parent_id || !teams.count(*t->parent_id); };
  auto parent_of = [&](const Objective& o) -> const Objective* {
    if (!o.parent_id) return nullptr;
    auto it = objectives.find(*o.parent_id);
    return it == objectives.end() ? nullptr : it->second;
  };

  // The tree.
  std::map<std::optional<Id>, std::vector<const Objective*>> children;
  for (const Objective* o : sorted) {
    const Objective* p = parent_of(*o);
    children[p ? std::optional<Id>(p->id) : std::nullopt].push_back(o);
  }
  auto build = [&](auto&& self, const Objective* o, int depth) -> AlignedObjective {
    AlignedObjective n;
    n.objective = *o;
    if (const Team* t = team_of(*o)) {
      n.team_key = t->key;
      n.team_name = t->name;
      n.function = t->function;
    }
    if (auto s = in.scores.find(o->id); s != in.scores.end()) n.score = s->second;
    if (depth < 64)  // the store refuses loops; this only guards against bad input
      for (const Objective* c : children[o->id]) n.children.push_back(self(self, c, depth + 1));
    return n;
  };
  for (const Objective* o : children[std::nullopt]) out.roots.push_back(build(build, o, 0));

  for (const Objective* o : sorted) {
    const Team* t = team_of(*o);
    if (is_top(t)) {
      out.company_objectives.push_back(*o);
      continue;
    }
    const Objective* p = parent_of(*o);
    if (!p) {
      if (!o->parent_id) out.orphans.push_back(*o);
      continue;
    }
    // A level skip: the parent's team is an ancestor beyond the direct parent team and
    // a team in between has objectives of its own this cycle.
    std::vector<Id> between;
    bool ancestor = false;
    for (std::optional<Id> cur = t->parent_id; cur && teams.count(*cur);
         cur = teams[*cur]->parent_id) {
      if (*cur == p->team_id) {
        ancestor = true;
        break;
      }
      if (teams_with_objectives.count(*cur)) between.push_back(*cur);
    }
    if (ancestor && !between.empty()) out.level_skips.push_back({*o, *p, between});
  }

  // Per function: which company objective each objective serves, following its chain.
  std::map<std::string, FunctionShare> functions;
  for (const Objective* o : sorted) {
    const Team* t = team_of(*o);
    if (is_top(t)) continue;
    std::string function = t->function.empty() ? "(none)" : t->function;
    auto& f = functions[function];
    f.function = function;
    ++f.objectives;
    const Objective* cur = o;
    for (int hops = 0; cur && hops < 64 && !is_top(team_of(*cur)); ++hops) cur = parent_of(*cur);
    if (cur && cur != o && is_top(team_of(*cur)))
      ++f.aligned[cur->id];
    else
      ++f.unaligned;
  }
  for (auto& [name, f] : functions) out.functions.push_back(std::move(f));
  return out;
}

}  // namespace okr
