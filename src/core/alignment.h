// How a cycle's objectives align across the organisation, computed from plain data:
// the tree of objectives under the objectives they align to, the orphans (objectives
// of teams below the top that align to nothing), the level skips (a team objective
// aligned straight to an objective two or more levels up although a team in between
// has objectives this cycle), and for each function (engineering, design, product, …)
// the share of its objectives that serves each company objective. Pure.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/model.h"

namespace okr {

struct AlignmentInput {
  std::vector<Team> teams;            // every team, parents before children
  std::vector<Objective> objectives;  // one cycle's
  std::map<Id, double> scores;        // by objective
};

struct AlignedObjective {
  Objective objective;
  std::string team_key, team_name, function;
  double score = 0;
  std::vector<AlignedObjective> children;  // by objective key
};

struct LevelSkip {
  Objective objective;
  Objective parent;
  std::vector<Id> teams_between;  // teams between the two that have objectives this cycle
};

struct FunctionShare {
  std::string function;
  int objectives = 0;         // the function's objectives this cycle
  std::map<Id, int> aligned;  // by company objective: how many of them serve it
  int unaligned = 0;          // serving no company objective
  double share(Id company_objective) const {
    auto it = aligned.find(company_objective);
    return objectives == 0 || it == aligned.end() ? 0.0
                                                  : static_cast<double>(it->second) / objectives;
  }
};

struct AlignmentReport {
  std::vector<AlignedObjective> roots;  // objectives aligned to nothing (in this cycle), by key
  std::vector<Objective> orphans;       // of teams below the top, aligned to nothing, by key
  std::vector<LevelSkip> level_skips;   // by objective key
  std::vector<Objective> company_objectives;  // of the top teams, by key
  std::vector<FunctionShare> functions;       // by function name; top teams not counted
};

AlignmentReport analyse_alignment(const AlignmentInput& in);

}  // namespace okr
