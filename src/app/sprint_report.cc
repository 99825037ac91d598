#include "app/sprint_report.h"

#include <algorithm>
#include <set>

#include "app/lookup.h"
#include "app/okrs.h"
#include "app/run.h"

namespace okr::app {

Result<Sprint> find_sprint(App& app, const std::string& id_or_name,
                           const std::optional<std::string>& team) {
  return run(app.store(), Store::Mode::read, [&](Transaction& tx) {
    std::optional<Id> team_id;
    if (team) {
      team_id = team_keyed(tx, *team).id;
    }
    if (auto id = parse_id(id_or_name)) {
      auto s = tx.find_sprint(*id);
      if (!s || (team_id && s->team_id != *team_id))
        fail(Error::not_found("sprint", "sprint " + id_or_name + " does not exist"));
      return *s;
    }
    std::vector<Sprint> found;
    for (const auto& s : tx.list_sprints(team_id))
      if (s.name == id_or_name) found.push_back(s);
    if (found.empty())
      fail(Error::not_found("sprint", "no sprint named '" + id_or_name + "'" +
                                          (team ? " in team '" + *team + "'" : "")));
    if (found.size() > 1) {
      std::string teams;
      for (const auto& s : found) {
        if (!teams.empty()) teams += ", ";
        teams += tx.find_team(s.team_id)->key;
      }
      fail(Error::invalid("sprint", "teams " + teams + " each have a sprint named '" + id_or_name +
                                        "'; name the team"));
    }
    return found.front();
  });
}

namespace {

// The report of `sprint` of `team`, whose work is `team_work` (every item of the team).
SprintReport report_of(Transaction& tx, const Sprint& sprint, const Team& team,
                       const std::vector<Initiative>& team_work) {
  SprintReportInput in;
  in.sprint = sprint;
  in.team = team;
  for (const auto& i : team_work)
    if (i.sprint_id == sprint.id) in.initiatives.push_back(i);
  std::set<Id> kr_ids, objective_ids, kpi_ids;
  for (const auto& i : in.initiatives)
    if (i.status == InitiativeStatus::done)
      kr_ids.insert(i.key_result_ids.begin(), i.key_result_ids.end());
  for (Id k : kr_ids) {
    auto kr = tx.find_key_result(k);
    if (!kr) continue;
    objective_ids.insert(kr->objective_id);
    if (kr->kpi_id)
      kpi_ids.insert(*kr->kpi_id);
    else
      in.check_ins[k] = tx.list_check_ins(k);
    in.key_results.push_back(std::move(*kr));
  }
  for (Id o : objective_ids)
    if (auto objective = tx.find_objective(o)) {
      if (!in.team_keys.contains(objective->team_id))
        in.team_keys[objective->team_id] = tx.find_team(objective->team_id)->key;
      in.objectives.push_back(std::move(*objective));
    }
  for (Id k : kpi_ids) in.measurements[k] = tx.list_measurements(k);
  return build_sprint_report(in);
}

}  // namespace

Result<SprintReport> sprint_report(App& app, Id sprint_id) {
  return run(app.store(), Store::Mode::read, [&](Transaction& tx) {
    auto sprint = tx.find_sprint(sprint_id);
    if (!sprint)
      fail(Error::not_found("sprint", "sprint " + std::to_string(sprint_id) + " does not exist"));
    return report_of(tx, *sprint, *tx.find_team(sprint->team_id),
                     tx.list_initiatives(sprint->team_id, std::nullopt));
  });
}

Result<TeamSprints> team_sprints(App& app, const std::string& team_key, std::optional<Id> before,
                                 int limit) {
  limit = std::clamp(limit, 1, kMaxSprintsPage);
  return run(app.store(), Store::Mode::read, [&](Transaction& tx) {
    TeamSprints out;
    out.team = team_keyed(tx, team_key);
    auto sprints = tx.list_sprints(out.team.id);
    std::sort(sprints.begin(), sprints.end(), [](const Sprint& a, const Sprint& b) {
      return a.start != b.start ? a.start > b.start : a.id > b.id;
    });
    out.sprints_total = static_cast<int>(sprints.size());
    auto from = sprints.begin();
    if (before) {
      from = std::find_if(sprints.begin(), sprints.end(),
                          [&](const Sprint& s) { return s.id == *before; });
      if (from == sprints.end())
        fail(Error::invalid("before", "sprint " + std::to_string(*before) + " is not one of " +
                                          out.team.key + "'s sprints"));
      ++from;
    }
    const auto work = tx.list_initiatives(out.team.id, std::nullopt);
    for (auto it = from; it != sprints.end() && static_cast<int>(out.reports.size()) < limit; ++it)
      out.reports.push_back(report_of(tx, *it, out.team, work));
    if (!out.reports.empty() && from + static_cast<long>(out.reports.size()) != sprints.end())
      out.next = out.reports.back().sprint.id;
    for (const auto& i : work)
      if (!i.sprint_id) out.unplanned.push_back(i);
    out.unplanned_total = static_cast<int>(out.unplanned.size());
    std::sort(out.unplanned.begin(), out.unplanned.end(),
              [](const Initiative& a, const Initiative& b) { return a.key < b.key; });
    if (out.unplanned.size() > static_cast<std::size_t>(kUnplannedShown))
      out.unplanned.resize(kUnplannedShown);
    for (const auto& i : out.unplanned)
      for (Id k : i.key_result_ids)
        if (!out.key_results.count(k))
          if (auto kr = tx.find_key_result(k)) out.key_results[k] = {kr->id, kr->key, kr->title};
    return out;
  });
}

}  // namespace okr::app
