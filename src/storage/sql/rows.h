// Reading the domain's rows: the column list of each SELECT and the reader that
// turns a row of it into a model value. A column list and its reader must match.
#pragma once

#include <chrono>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/model.h"
#include "storage/sql/statement.h"
#include "storage/store.h"

namespace okr::sql {

// Times are ISO-8601 UTC text and dates "YYYY-MM-DD" in both stores: both sort
// correctly as text.
Date to_date(const std::string& s);
Instant to_instant(const std::string& s);
std::optional<Instant> to_opt_instant(const Statement& st, int col);
std::string now_text();

template <class E>
E to_enum(std::optional<E> v, const std::string& s) {
  if (!v) throw StoreError(ErrorCode::internal, "stored value '" + s + "' is not recognised");
  return *v;
}

// Concatenates SQL fragments.
std::string cat(std::initializer_list<std::string_view> parts);

// PostgreSQL array literals, bound as text and cast in the query (`?::bigint[]`,
// `?::text[]`), so one statement takes a whole list.
std::string id_array(const std::vector<Id>& ids);
std::string instant_array(const std::vector<Instant>& instants);

inline constexpr const char* kCycleCols = "id, name, start_date, end_date, state, version";
Cycle read_cycle(const Statement& s);

inline constexpr const char* kUserCols = "id, email, name, admin, version, disabled";
User read_user(const Statement& s);

inline constexpr const char* kTeamCols =
    "id, key, name, function, parent_id, lead_id, version, check_in_cadence_days";
Team read_team(const Statement& s);

inline constexpr const char* kObjectiveCols =
    "id, key, cycle_id, team_id, title, description, kind, owner_id, parent_id, version, "
    "parent_key_result_id";
Objective read_objective(const Statement& s);
// An objective's contributing teams as one more column after kObjectiveCols, for a query
// whose objectives are `o`; and the reader of both.
std::string contributors_column(Dialect d);
Objective read_with_contributors(const Statement& s);
// How many columns `cols` (one of the lists here) names.
constexpr int column_count(std::string_view cols) {
  int n = 1;
  for (char ch : cols) n += ch == ',' ? 1 : 0;
  return n;
}
// `cols` (one of the lists here) with each column taken from table `alias`.
std::string columns_of(std::string_view alias, std::string_view cols);

inline constexpr const char* kKeyResultCols =
    "id, key, objective_id, title, metric, unit, start_value, target_value, range_low, "
    "range_high, tolerance, weight, owner_id, kpi_id, version, indicator, driven_by_aligned";
KeyResult read_key_result(const Statement& s);

inline constexpr const char* kDependencyCols =
    "id, key_result_id, team_id, note, state, answer, asked_by, asked_at, answered_by, "
    "answered_at, version";
Dependency read_dependency(const Statement& s);

inline constexpr const char* kCheckInCols =
    "id, key_result_id, value, confidence, note, author_id, at";
inline constexpr const char* kCheckInColsOf =
    "c.id, c.key_result_id, c.value, c.confidence, c.note, c.author_id, c.at";
CheckIn read_check_in(const Statement& s);

inline constexpr const char* kRetrospectiveCols =
    "id, cycle_id, team_id, problem, inputs, friction, evidence, author_id, at, version";
Retrospective read_retrospective(const Statement& s);

inline constexpr const char* kSprintCols = "id, team_id, name, start_date, end_date, version";
Sprint read_sprint(const Statement& s);

inline constexpr const char* kInitiativeCols =
    "id, key, title, team_id, sprint_id, url, status, version";
inline constexpr const char* kInitiativeColsOf =
    "i.id, i.key, i.title, i.team_id, i.sprint_id, i.url, i.status, i.version";
Initiative read_initiative(const Statement& s);

inline constexpr const char* kKpiCols =
    "id, key, name, team_id, unit, healthy_low, healthy_high, warning_low, warning_high, version";
Kpi read_kpi(const Statement& s);

inline constexpr const char* kAuditCols =
    "id, at, actor_id, action, entity_type, entity_id, before_json, after_json";
AuditEvent read_audit(const Statement& s);

inline constexpr const char* kTokenCols =
    "id, user_id, name, token_hash, created_at, expires_at, revoked_at";
ApiToken read_token(const Statement& s);

}  // namespace okr::sql
