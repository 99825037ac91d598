// The end of a cycle: calibration over graded cycles, the health of the OKR
// practice itself, and the grading document the report is made from. Pure: the
// caller loads the data.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <vector>

#include "core/model.h"
#include "core/report.h"
#include "core/scoring.h"

namespace okr {

// ---- calibration: are a team's aspirational objectives ambitious enough?

struct GradedObjective {
  ObjectiveKind kind = ObjectiveKind::aspirational;
  double score = 0;
};
struct Calibration {
  int cycles = 0;                // graded cycles with an aspirational objective
  int aspirational = 0;          // aspirational objectives over those cycles
  std::optional<double> mean;    // mean of the per-cycle means of aspirational scores
  int healthy = 0;               // aspirational objectives graded 0.6–0.7
  double healthy_share = 0;      // healthy / aspirational
  std::optional<TeamFlag> flag;  // sandbagging (≥ 0.9) or overreaching (< 0.3), 2+ cycles
};
// `cycles` holds one list of graded objectives per graded cycle, oldest first.
Calibration calibrate(std::span<const std::vector<GradedObjective>> cycles);

// ---- is the framework working? The seeds' signs, per team and cycle.

// How many objectives a team should have, and key results an objective.
inline constexpr int kObjectivesMin = 2, kObjectivesMax = 3;
inline constexpr int kKeyResultsMin = 2, kKeyResultsMax = 4;

struct PracticeHealth {
  int key_results = 0;
  int owned = 0;       // key results with an owner
  int on_cadence = 0;  // key results checked in within the team's cadence (not stale)
  int objectives = 0;
  int alignable = 0;       // objectives of teams that have a team above them
  int aligned = 0;         // of those, aligned to an objective
  int done_work = 0;       // sprint work done during the cycle
  int linked_work = 0;     // of that, linked to a key result
  int late_surprises = 0;  // key results on track at two thirds of the cycle, off track at the end
  int teams_outside_guidance = 0;       // teams with other than 2–3 objectives
  int objectives_outside_guidance = 0;  // objectives with other than 2–4 key results
  std::vector<double> score_trend;      // the team's (or company's) score per cycle, oldest first

  // Shares in [0, 1]; nullopt when there is nothing to divide by.
  std::optional<double> owned_share() const;
  std::optional<double> cadence_share() const;
  std::optional<double> aligned_share() const;
  std::optional<double> linked_share() const;
};

// The per-key-result facts health needs beyond the status.
struct HealthInput {
  const CycleStatus* status = nullptr;  // this cycle, teams in tree order
  // Key results whose status went from on track (at two thirds of the cycle) to
  // off track (at its end, or today).
  std::vector<Id> late_surprises;
  // Done sprint work of the cycle per team: (done, linked to a key result).
  std::map<Id, std::pair<int, int>> work;
  // Earlier graded cycles' scores per team, oldest first (this cycle's is appended).
  std::map<Id, std::vector<double>> team_trend;
  std::vector<double> company_trend;
};
struct HealthReport {
  PracticeHealth company;
  std::map<Id, PracticeHealth> teams;  // by team, for the teams with objectives
};
HealthReport practice_health(const HealthInput& in);

// Whether a key result's status went from on track to off track late in the cycle,
// given its status at two thirds of the cycle and at its end (or today).
bool late_surprise(Pace at_two_thirds, Pace at_end);

// ---- reminders: stale key results, grouped by who should check in: the key
// result's owner, else the objective's, else the team's lead.

struct StaleKeyResult {
  KeyResult key_result;
  Objective objective;
  Team team;
  std::optional<Instant> last_check_in;
  int days_silent = 0;  // since the last check-in, or since the cycle began
};
struct Reminder {
  std::optional<User> owner;  // none: nobody owns it
  std::vector<StaleKeyResult> key_results;
};
struct Reminders {
  Cycle cycle;
  Date today{};
  std::vector<Reminder> owners;  // by e-mail; the unowned last
  int total = 0;
};

// ---- the grading document: everything the grading view and report show.

struct GradingDocument {
  CycleStatus status;                         // final scores, bands, flags, overrides
  std::map<Id, Review> reviews;               // reflections, by objective
  std::vector<Retrospective> retrospectives;  // the organisation's first, then by team
  std::map<Id, Calibration> calibration;      // by team
  Calibration company_calibration;
  HealthReport health;
  std::map<Id, std::string> user_names;  // reviewers and authors, by id
  std::map<Id, std::string> team_names;  // by id
};

}  // namespace okr
