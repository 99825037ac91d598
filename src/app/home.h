// A signed-in person's home ("My OKRs"): what they own in a cycle, their teams'
// scores, what is asked of them, and what changed on their key results since they
// last looked. Built from the teams' shared pages, so its scores are theirs.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/dependencies.h"
#include "core/report.h"

namespace okr::app {

// A key result the person owns, or one of an objective they own.
struct HomeKeyResult {
  KeyResultStatus status;
  Objective objective;
  Team team;
  bool can_check_in = false;
};

struct HomeObjective {
  ObjectiveStatus status;  // with its key results
  Team team;
};

struct HomeTeam {
  Team team;
  TeamRole role = TeamRole::member;
  std::optional<double> score;
  int objectives = 0;
  int on_track = 0, at_risk = 0, off_track = 0, stale = 0;  // key results
  bool can_grade = false;
  int to_review = 0;  // objectives without a review, while the cycle is being graded
};

// A check-in by someone else on a key result the person owns or follows through
// an objective they own.
struct HomeChange {
  CheckIn check_in;
  KeyResult key_result;
  Objective objective;
  std::string author;  // name, else e-mail
};

struct Home {
  Cycle cycle;
  Date today{};
  double expected_progress = 0;
  // Stale first, then off track, at risk, on track; lowest score first within each.
  std::vector<HomeKeyResult> key_results;
  std::vector<HomeObjective> objectives;
  std::vector<HomeTeam> teams;  // the person's teams, by name
  // Dependencies other teams asked of teams the person leads, still waiting for an answer.
  std::vector<DependencyView> asked;
  std::vector<HomeChange> changes;  // newest first, at most kHomeChanges
  std::map<Id, std::string> user_emails;
  std::map<Id, std::string> team_keys;  // of the teams its dependencies name
};
inline constexpr int kHomeChanges = 20;

// `cycle` by name or id (empty: the current one); `since`: changes after it (none:
// the last week's).
Result<Home> home(App& app, const std::string& cycle, const Actor& actor,
                  std::optional<Instant> since);

}  // namespace okr::app
