// Use cases for the rest of the domain, one thing at a time: cycles, teams and
// memberships, sprints and initiatives, KPIs and measurements, reviews. Each runs
// in one transaction, checks the actor's role, validates, and is audited.
// Updates take the version the caller read; a stale one is ErrorCode::conflict
// with field "version".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/okrs.h"

namespace okr::app {

// ---- cycles (administrators)
struct CycleFields {
  std::optional<std::string> name;
  std::optional<Date> start, end;
  std::optional<CycleState> state;
};
Result<Cycle> create_cycle(App& app, const CycleFields& f, const Actor& actor);
Result<Cycle> update_cycle(App& app, Id id, std::int64_t version, const CycleFields& f,
                           const Actor& actor);
// Moves a cycle (by id or name) through planning → active → grading → closed, one
// step forward at a time, by an administrator or the lead of a top-level team.
// Closing locks the cycle; moving back (reopening) is for administrators and is
// audited as "reopen".
Result<Cycle> move_cycle(App& app, const std::string& cycle, CycleState to, const Actor& actor);

// ---- teams (administrators) and memberships (administrators and team leads)
struct TeamFields {
  std::optional<std::string> key, name, function;
  std::optional<int> check_in_cadence_days;
  std::optional<std::optional<Id>> parent_id, lead_id;
};
Result<Team> create_team(App& app, const TeamFields& f, const Actor& actor);
// Deletes a team that nothing refers to any more (its memberships go with it);
// administrators only. A team with objectives, teams below, KPIs, sprint work,
// dependencies or retrospectives is refused (conflict), naming what it still has.
Result<Ok> delete_team(App& app, Id id, std::int64_t version, const Actor& actor);
Result<Team> update_team(App& app, Id id, std::int64_t version, const TeamFields& f,
                         const Actor& actor);
Result<Membership> put_membership(App& app, const Membership& m, const Actor& actor);
Result<Ok> remove_membership(App& app, Id team_id, Id user_id, const Actor& actor);

// ---- sprints (team leads) and initiatives (team members)
struct SprintFields {
  std::optional<Id> team_id;
  std::optional<std::string> name;
  std::optional<Date> start, end;
};
Result<Sprint> create_sprint(App& app, const SprintFields& f, const Actor& actor);
Result<Sprint> update_sprint(App& app, Id id, std::int64_t version, const SprintFields& f,
                             const Actor& actor);
Result<Sprint> get_sprint(App& app, Id id);
Result<std::vector<Sprint>> list_sprints(App& app, std::optional<Id> team_id);

struct InitiativeFields {
  std::optional<std::string> key, title, url;
  std::optional<Id> team_id;
  std::optional<std::optional<Id>> sprint_id;
  std::optional<InitiativeStatus> status;
  std::optional<std::vector<Id>> key_result_ids;
};
Result<Initiative> create_initiative(App& app, const InitiativeFields& f, const Actor& actor);
Result<Initiative> update_initiative(App& app, Id id, std::int64_t version,
                                     const InitiativeFields& f, const Actor& actor);
// By numeric id or by key (e.g. an external ticket key).
Result<Initiative> get_initiative(App& app, const std::string& id_or_key);
Result<std::vector<Initiative>> list_initiatives(App& app, std::optional<Id> team_id,
                                                 std::optional<Id> key_result_id);

// ---- KPIs (administrators, or leads of the KPI's team) and measurements (its members)
struct KpiFields {
  std::optional<std::string> key, name, unit;
  std::optional<std::optional<Id>> team_id;
  std::optional<std::optional<double>> healthy_low, healthy_high, warning_low, warning_high;
};
Result<Kpi> create_kpi(App& app, const KpiFields& f, const Actor& actor);
Result<Kpi> update_kpi(App& app, Id id, std::int64_t version, const KpiFields& f,
                       const Actor& actor);
Result<Kpi> get_kpi(App& app, const std::string& id_or_key);
Result<std::vector<Kpi>> list_kpis(App& app);
// Records a measurement. One that would change the final grade of a closed cycle (dated
// before that cycle's end and after the KPI's last measurement by then, for a KPI a key
// result of that cycle follows) is refused as a conflict on field "at".
Result<Measurement> add_measurement(App& app, Id kpi_id, double value, std::optional<Instant> at,
                                    const Actor& actor);
// Why a measurement of `kpi` at `at` may not be recorded because it would change the
// grade of a closed cycle; nullopt when it may.
std::optional<std::string> closed_cycle_conflict(Transaction& tx, const Kpi& kpi, Instant at);
Result<std::vector<Measurement>> list_measurements(App& app, Id kpi_id);

// ---- reviews: the grading of an objective (team leads)
struct ReviewFields {
  std::optional<std::string> what_worked, what_did_not, what_we_learned;
  std::optional<std::vector<ScoreOverride>> overrides;
};
// Creates the objective's review, or replaces it (`version` is required then).
Result<Review> put_review(App& app, Id objective_id, std::optional<std::int64_t> version,
                          const ReviewFields& f, const Actor& actor);
Result<Review> get_review(App& app, Id objective_id);
// The reviews of a cycle's objectives.
Result<std::vector<Review>> list_reviews(App& app, Id cycle_id);

}  // namespace okr::app
