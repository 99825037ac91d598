// The alignment tree one level at a time, for a dashboard that opens a branch when asked:
// the objectives aligned to one objective, or the top of the tree, a page at a time,
// each with its score and how many are aligned to it in turn. Read from the company
// summary that is computed in the background and shared (views.h), so a level costs
// the same however large the organisation is.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/app.h"

namespace okr::app {

struct AlignmentLevelItem {
  Objective objective;
  std::string team_key, team_name;
  double score = 0;
  bool orphan = false;  // aligned to nothing although its team has a parent team
  int children = 0;     // objectives aligned to it
};
struct AlignmentLevel {
  std::vector<AlignmentLevelItem> items;  // the whole level, in tree order: by team, then key
  int unaligned = 0;                      // the cycle's orphans
  Instant as_of{};
};
enum class LevelOf { top, orphans, children };
// `parent` (an objective id) with LevelOf::children; an objective not in the cycle is
// not_found. The API pages the level.
Result<AlignmentLevel> alignment_level(App& app, const std::string& cycle, LevelOf level,
                                       std::optional<Id> parent);

}  // namespace okr::app
