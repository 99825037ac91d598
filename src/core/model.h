// The OKR domain as plain values: no I/O, no JSON, no SQL.
//
// Every stored entity has an `id` (assigned by the store; 0 until stored) and,
// where users edit it, a `version` that the store increments on each update so
// that two editors never silently overwrite each other. Entities users name in
// files and URLs also have a stable `key` (lower-case, digits, '-', '_', '.').
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"

namespace okr {

using Id = std::int64_t;

// ---- cycles ---------------------------------------------------------------

// planning → active → grading → closed.
enum class CycleState { planning, active, grading, closed };

struct Cycle {
  Id id = 0;
  std::string name;  // e.g. "2026-Q4"
  Date start{};
  Date end{};  // inclusive
  CycleState state = CycleState::planning;
  std::int64_t version = 0;

  friend bool operator==(const Cycle&, const Cycle&) = default;
};

// ---- people and teams -----------------------------------------------------

struct User {
  Id id = 0;
  std::string email;  // lower-cased; unique
  std::string name;
  bool admin = false;
  std::int64_t version = 0;
  bool disabled = false;  // may not sign in; their sessions and tokens stop working

  friend bool operator==(const User&, const User&) = default;
};

// A node of the organisation tree (company → department → team).
struct Team {
  Id id = 0;
  std::string key;
  std::string name;
  std::string function;  // product, engineering, design, marketing, sales, ...
  std::optional<Id> parent_id;
  std::optional<Id> lead_id;  // a user
  std::int64_t version = 0;
  int check_in_cadence_days = 7;  // a key result without a check-in for longer is stale

  friend bool operator==(const Team&, const Team&) = default;
};

enum class TeamRole { lead, member, viewer };

struct Membership {
  Id team_id = 0;
  Id user_id = 0;
  TeamRole role = TeamRole::member;

  friend bool operator==(const Membership&, const Membership&) = default;
};

// ---- objectives and key results -------------------------------------------

// Committed objectives are expected to score 1.0; aspirational ones ≈ 0.7.
enum class ObjectiveKind { aspirational, committed };

struct Objective {
  Id id = 0;
  std::string key;
  Id cycle_id = 0;
  Id team_id = 0;
  std::string title;
  std::string description;
  ObjectiveKind kind = ObjectiveKind::aspirational;
  std::optional<Id> owner_id;
  std::optional<Id> parent_id;            // the objective it aligns to
  std::vector<Id> contributing_team_ids;  // teams sharing this objective
  std::int64_t version = 0;
  // When it aligns to one key result of that objective rather than to the whole of it:
  // then parent_id is that key result's objective.
  std::optional<Id> parent_key_result_id;

  friend bool operator==(const Objective&, const Objective&) = default;
};

enum class MetricKind { number, percent, currency, boolean, milestone, range };

// Increase or decrease follow from start and target; `within` is the range kind.
enum class Direction { increase, decrease, within };

// A leading key result moves early and the team can act on it (trial activations);
// a lagging one is the outcome itself, known late (renewals). Unset: not said.
enum class Indicator { unset, leading, lagging };

struct KeyResult {
  Id id = 0;
  std::string key;
  Id objective_id = 0;
  std::string title;
  MetricKind metric = MetricKind::number;
  std::string unit;  // "%", "EUR", "ms", "customers", ...
  double start = 0;  // baseline
  double target = 0;
  // Range kind only: the band to stay within, and how far outside it the score reaches 0.
  double range_low = 0;
  double range_high = 0;
  double tolerance = 0;
  double weight = 1;
  std::optional<Id> owner_id;
  std::optional<Id> kpi_id;  // when set, the current value is the KPI's latest measurement
  std::int64_t version = 0;
  Indicator indicator = Indicator::unset;
  // Scored as the mean of the objectives aligned to it, not from check-ins.
  bool driven_by_aligned = false;

  friend bool operator==(const KeyResult&, const KeyResult&) = default;
};

Direction direction_of(const KeyResult& kr);

// An immutable record of progress on a key result.
struct CheckIn {
  Id id = 0;
  Id key_result_id = 0;
  double value = 0;
  std::optional<double> confidence;  // 0.0–1.0
  std::string note;
  std::optional<Id> author_id;
  Instant at{};

  friend bool operator==(const CheckIn&, const CheckIn&) = default;
};

// ---- delivery -------------------------------------------------------------

struct Sprint {
  Id id = 0;
  Id team_id = 0;
  std::string name;
  Date start{};
  Date end{};
  std::int64_t version = 0;

  friend bool operator==(const Sprint&, const Sprint&) = default;
};

enum class InitiativeStatus { planned, in_progress, done, dropped };

// A piece of sprint work (an output) linked to the key results (outcomes) it should move.
struct Initiative {
  Id id = 0;
  std::string key;  // e.g. an external ticket key "GROW-142"
  std::string title;
  Id team_id = 0;
  std::optional<Id> sprint_id;
  std::string url;
  InitiativeStatus status = InitiativeStatus::planned;
  std::vector<Id> key_result_ids;
  std::int64_t version = 0;

  friend bool operator==(const Initiative&, const Initiative&) = default;
};

// ---- dependencies between teams --------------------------------------------

// A key result that needs another team's work: the team that owns the key result
// asks, the other team confirms or declines. Until confirmed it is a risk.
enum class DependencyState { pending, confirmed, declined };

struct Dependency {
  Id id = 0;
  Id key_result_id = 0;
  Id team_id = 0;    // the team whose work is needed
  std::string note;  // what is needed, in the asking team's words
  DependencyState state = DependencyState::pending;
  std::string answer;  // the other team's words when it confirmed or declined
  std::optional<Id> asked_by;
  Instant asked_at{};
  std::optional<Id> answered_by;
  std::optional<Instant> answered_at;
  std::int64_t version = 0;

  friend bool operator==(const Dependency&, const Dependency&) = default;
};

// ---- KPIs -----------------------------------------------------------------

// A constant health signal with a healthy band and a wider warning band.
struct Kpi {
  Id id = 0;
  std::string key;
  std::string name;
  std::optional<Id> team_id;
  std::string unit;
  std::optional<double> healthy_low, healthy_high;
  std::optional<double> warning_low, warning_high;
  std::int64_t version = 0;

  friend bool operator==(const Kpi&, const Kpi&) = default;
};

struct Measurement {
  Id id = 0;
  Id kpi_id = 0;
  double value = 0;
  Instant at{};

  friend bool operator==(const Measurement&, const Measurement&) = default;
};

// ---- grading --------------------------------------------------------------

struct ScoreOverride {
  Id key_result_id = 0;
  double score = 0;
  std::string reason;
  std::optional<Id> set_by;  // who set it (kept while its score and reason stay the same)

  friend bool operator==(const ScoreOverride&, const ScoreOverride&) = default;
};

// The end-of-cycle grading of one objective.
struct Review {
  Id id = 0;
  Id objective_id = 0;
  std::vector<ScoreOverride> overrides;
  std::string what_worked;
  std::string what_did_not;
  std::string what_we_learned;
  std::optional<Id> reviewer_id;
  Instant at{};
  std::int64_t version = 0;

  friend bool operator==(const Review&, const Review&) = default;
};

// The seeds' retrospective of the practice itself, for a cycle (and a team, or
// the whole organisation when `team_id` is empty).
struct Retrospective {
  Id id = 0;
  Id cycle_id = 0;
  std::optional<Id> team_id;
  std::string problem;   // What team problem is this framework supposed to solve?
  std::string inputs;    // What inputs and roles need to be clear for it to work?
  std::string friction;  // Where does the process still create friction or delay?
  std::string evidence;  // How will we know the framework is improving execution?
  std::optional<Id> author_id;
  Instant at{};
  std::int64_t version = 0;

  friend bool operator==(const Retrospective&, const Retrospective&) = default;
};

// ---- audit ----------------------------------------------------------------

struct AuditEvent {
  Id id = 0;
  Instant at{};
  std::optional<Id> actor_id;
  std::string action;       // "create", "update", "delete", "check-in", "import", ...
  std::string entity_type;  // "objective", "key_result", ...
  std::optional<Id> entity_id;
  std::string before;  // JSON text, or empty
  std::string after;   // JSON text, or empty

  friend bool operator==(const AuditEvent&, const AuditEvent&) = default;
};

// ---- names of enumerations, as they appear in files and the API ------------

std::string_view to_string(CycleState v);
std::string_view to_string(TeamRole v);
std::string_view to_string(ObjectiveKind v);
std::string_view to_string(MetricKind v);
std::string_view to_string(Direction v);
std::string_view to_string(InitiativeStatus v);
std::string_view to_string(Indicator v);  // "" when unset
std::string_view to_string(DependencyState v);

std::optional<CycleState> parse_cycle_state(std::string_view s);
std::optional<TeamRole> parse_team_role(std::string_view s);
std::optional<ObjectiveKind> parse_objective_kind(std::string_view s);
std::optional<Indicator> parse_indicator(std::string_view s);  // "" → unset
std::optional<DependencyState> parse_dependency_state(std::string_view s);
std::optional<MetricKind> parse_metric_kind(std::string_view s);
std::optional<InitiativeStatus> parse_initiative_status(std::string_view s);

// True when `key` is a valid stable key: 1–64 of [a-z0-9._-], starting with a letter or
// digit, and not all digits (those name ids in URLs).
bool is_valid_key(std::string_view key);

}  // namespace okr
