// The teams right below a team, each scored as its own page scores it, for drilling
// down the organisation a level at a time: paged and sorted, so a department of a
// thousand teams is read a page at a time.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/app.h"

namespace okr::app {

struct SubTeam {
  Team team;
  std::optional<double> score;  // none without objectives this cycle
  int objectives = 0;
  int on_track = 0, at_risk = 0, off_track = 0;
  int sub_teams = 0;  // teams right below it
};

enum class SubTeamOrder { name, score, off_track };

struct SubTeamPage {
  std::vector<SubTeam> items;
  int total = 0;
  std::optional<int> next;  // the offset of the next page
};

// `order`: by name (A–Z), by score (lowest first; none last) or by key results off
// track (most first). `offset` and `limit` (1–100) cut the page.
Result<SubTeamPage> sub_teams(App& app, const std::string& cycle, const std::string& team,
                              SubTeamOrder order, int offset, int limit, const Actor& actor);

}  // namespace okr::app
