#include "app/sprint_report.h"

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

Result<SprintReport> sprint_report(App& app, Id sprint_id) {
  return run(app.store(), Store::Mode::read, [&](Transaction& tx) {
    auto sprint = tx.find_sprint(sprint_id);
    if (!sprint)
      fail(Error::not_found("sprint", "sprint " + std::to_string(sprint_id) + " does not exist"));
    SprintReportInput in;
    in.sprint = *sprint;
    in.team = *tx.find_team(sprint->team_id);
    for (auto& i : tx.list_initiatives(sprint->team_id, std::nullopt))
      if (i.sprint_id == sprint->id) in.initiatives.push_back(std::move(i));
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
  });
}

}  // namespace okr::app
