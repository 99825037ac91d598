// The state of a cycle, computed from plain data: every team in tree order with
// its objectives and key results, their scores, bands, pace and grading flags.
// Pure: the caller loads the data; the CLI and API render the result.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/model.h"
#include "core/pace.h"
#include "core/scoring.h"

namespace okr {

struct KeyResultStatus {
  KeyResult key_result;
  std::optional<CheckIn> latest;           // the current value is latest->value
  double computed_score = 0;               // from the current value
  std::optional<ScoreOverride> override_;  // set at grading
  double score = 0;                        // the override when there is one, else computed
  Pace pace = Pace::on_track;
};

struct ObjectiveStatus {
  Objective objective;
  std::vector<KeyResultStatus> key_results;
  double score = 0;
  Band band = Band::red;
  std::vector<ObjectiveFlag> flags;  // grading flags (meaningful once the cycle is graded)
  Pace pace = Pace::on_track;        // the worst pace of its key results
  bool reviewed = false;
};

struct TeamStatus {
  Team team;
  int depth = 0;  // 0 for a root of the organisation tree
  std::vector<ObjectiveStatus> objectives;
  std::optional<double> score;      // none when the team has no objectives this cycle
  std::optional<TeamFlag> pattern;  // over its graded cycles
};

struct CycleStatus {
  Cycle cycle;
  Date today{};
  double expected_progress = 0;
  double score = 0;  // mean of every objective's score
  std::vector<TeamStatus> teams;
  // Names for the identifiers above, for display.
  std::map<Id, std::string> user_emails;
  std::map<Id, std::string> objective_keys;
  std::map<Id, std::string> team_keys;
};

struct StatusInput {
  Cycle cycle;
  Date today{};
  std::vector<Team> teams;  // every team, parents before children
  std::vector<Objective> objectives;
  std::vector<KeyResult> key_results;
  std::map<Id, CheckIn> latest;                    // by key result
  std::map<Id, Review> reviews;                    // by objective
  std::map<Id, std::vector<double>> team_history;  // team scores in graded cycles, oldest first
  std::vector<User> users;
  std::optional<Id> team_filter;  // only this team and the teams below it
  // Keys of objectives aligned to that are not among `objectives` (a part of the
  // organisation was loaded), so every objective still names what it aligns to.
  std::map<Id, std::string> other_objective_keys;
};

// Teams without objectives are kept when a team below them has some, so the tree stays whole.
CycleStatus build_cycle_status(const StatusInput& in);

}  // namespace okr
