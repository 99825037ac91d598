// objective-count: two or three objectives per team and cycle; more signals
// unclear priorities.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "core/coach/lint_context.h"

namespace okr::coach {

void check_teams(const Draft& draft, const Config& config, FindingSink& sink) {
  if (!sink.enabled("objective-count")) return;
  std::vector<std::pair<std::string, int>> teams;  // first-seen order, so output is stable
  for (const DraftObjective& o : draft.objectives) {
    auto it =
        std::find_if(teams.begin(), teams.end(), [&](const auto& t) { return t.first == o.team; });
    if (it == teams.end())
      teams.emplace_back(o.team, 1);
    else
      ++it->second;
  }
  for (const auto& [team, count] : teams) {
    std::string name = team.empty() ? "the team" : "team '" + team + "'";
    Finding f;
    f.team = team;
    f.field = "objectives";
    if (count > config.max_objectives) {
      f.message = "More than " + std::to_string(config.max_objectives) +
                  " objectives signals unclear priorities: focus makes each one likelier to "
                  "happen.";
      f.suggestion = "Keep the " + std::to_string(config.max_objectives) + " objectives of " +
                     name +
                     " that matter most this cycle; move the rest to the next cycle or make "
                     "them key results of a kept objective.";
      f.evidence = std::to_string(count) + " objectives (limit " +
                   std::to_string(config.max_objectives) + ")";
    } else if (count < config.min_objectives) {
      f.message =
          "Fewer objectives than the team agreed to set: part of its work has no "
          "stated purpose this cycle.";
      f.suggestion = "Add an objective for " + name + " or lower min_objectives in .okr-lint.yaml.";
      f.evidence = std::to_string(count) + " objectives (minimum " +
                   std::to_string(config.min_objectives) + ")";
    } else {
      continue;
    }
    sink.add("objective-count", std::move(f));
  }
}

}  // namespace okr::coach
