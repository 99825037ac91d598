#include "core/model.h"

#include <array>
#include <utility>

namespace okr {
namespace {

template <class E, size_t N>
std::optional<E> lookup(const std::array<std::pair<std::string_view, E>, N>& table,
                        std::string_view s) {
  for (const auto& [name, value] : table)
    if (name == s) return value;
  return std::nullopt;
}

template <class E, size_t N>
std::string_view name_of(const std::array<std::pair<std::string_view, E>, N>& table, E v) {
  for (const auto& [name, value] : table)
    if (value == v) return name;
  return "unknown";
}

constexpr std::array<std::pair<std::string_view, CycleState>, 4> kCycleStates{{
    {"planning", CycleState::planning},
    {"active", CycleState::active},
    {"grading", CycleState::grading},
    {"closed", CycleState::closed},
}};
constexpr std::array<std::pair<std::string_view, TeamRole>, 3> kTeamRoles{{
    {"lead", TeamRole::lead},
    {"member", TeamRole::member},
    {"viewer", TeamRole::viewer},
}};
constexpr std::array<std::pair<std::string_view, ObjectiveKind>, 2> kObjectiveKinds{{
    {"aspirational", ObjectiveKind::aspirational},
    {"committed", ObjectiveKind::committed},
}};
constexpr std::array<std::pair<std::string_view, MetricKind>, 6> kMetricKinds{{
    {"number", MetricKind::number},
    {"percent", MetricKind::percent},
    {"currency", MetricKind::currency},
    {"boolean", MetricKind::boolean},
    {"milestone", MetricKind::milestone},
    {"range", MetricKind::range},
}};
constexpr std::array<std::pair<std::string_view, Direction>, 3> kDirections{{
    {"increase", Direction::increase},
    {"decrease", Direction::decrease},
    {"within", Direction::within},
}};
constexpr std::array<std::pair<std::string_view, InitiativeStatus>, 4> kInitiativeStatuses{{
    {"planned", InitiativeStatus::planned},
    {"in_progress", InitiativeStatus::in_progress},
    {"done", InitiativeStatus::done},
    {"dropped", InitiativeStatus::dropped},
}};

constexpr std::array<std::pair<std::string_view, Indicator>, 3> kIndicators{{
    {"", Indicator::unset},
    {"leading", Indicator::leading},
    {"lagging", Indicator::lagging},
}};
constexpr std::array<std::pair<std::string_view, DependencyState>, 3> kDependencyStates{{
    {"pending", DependencyState::pending},
    {"confirmed", DependencyState::confirmed},
    {"declined", DependencyState::declined},
}};

}  // namespace

Direction direction_of(const KeyResult& kr) {
  if (kr.metric == MetricKind::range) return Direction::within;
  return kr.target < kr.start ? Direction::decrease : Direction::increase;
}

std::string_view to_string(CycleState v) {
  return name_of(kCycleStates, v);
}
std::string_view to_string(TeamRole v) {
  return name_of(kTeamRoles, v);
}
std::string_view to_string(ObjectiveKind v) {
  return name_of(kObjectiveKinds, v);
}
std::string_view to_string(MetricKind v) {
  return name_of(kMetricKinds, v);
}
std::string_view to_string(Direction v) {
  return name_of(kDirections, v);
}
std::string_view to_string(InitiativeStatus v) {
  return name_of(kInitiativeStatuses, v);
}
std::string_view to_string(Indicator v) {
  return name_of(kIndicators, v);
}
std::string_view to_string(DependencyState v) {
  return name_of(kDependencyStates, v);
}

std::optional<CycleState> parse_cycle_state(std::string_view s) {
  return lookup(kCycleStates, s);
}
std::optional<TeamRole> parse_team_role(std::string_view s) {
  return lookup(kTeamRoles, s);
}
std::optional<ObjectiveKind> parse_objective_kind(std::string_view s) {
  return lookup(kObjectiveKinds, s);
}
std::optional<MetricKind> parse_metric_kind(std::string_view s) {
  return lookup(kMetricKinds, s);
}
std::optional<InitiativeStatus> parse_initiative_status(std::string_view s) {
  return lookup(kInitiativeStatuses, s);
}
std::optional<Indicator> parse_indicator(std::string_view s) {
  return lookup(kIndicators, s);
}
std::optional<DependencyState> parse_dependency_state(std::string_view s) {
  return lookup(kDependencyStates, s);
}

bool is_valid_key(std::string_view key) {
  if (key.empty() || key.size() > 64) return false;
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!alnum(key[0])) return false;
  bool all_digits = true;
  for (char c : key) {
    if (!alnum(c) && c != '-' && c != '_' && c != '.') return false;
    all_digits = all_digits && c >= '0' && c <= '9';
  }
  return !all_digits;  // "2026" would read as an id in URLs
}

}  // namespace okr
