// The alignment of a cycle's objectives across teams and functions (core/alignment.h),
// with the scores of the cycle's status and the names a reader needs.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "app/app.h"
#include "core/alignment.h"

namespace okr::app {

struct CycleAlignment {
  Cycle cycle;
  AlignmentReport report;
  std::map<Id, Team> teams;                             // every team, by id
  std::map<Id, std::string> team_keys;                  // every team\'s key, by id
  std::map<Id, std::vector<std::string>> contributors;  // objective → contributing team keys
  std::map<Id, std::string> key_result_keys;            // of the key results aligned to
};

// `cycle` as resolve_cycle takes it (empty: the current cycle).
Result<CycleAlignment> cycle_alignment(App& app, const std::optional<std::string>& cycle);

}  // namespace okr::app
