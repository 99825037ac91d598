#include "app/cycle_alignment.h"

#include "app/run.h"

namespace okr::app {

Result<CycleAlignment> cycle_alignment(App& app, const std::optional<std::string>& cycle_name) {
  auto cycle = app.resolve_cycle(cycle_name);
  if (!cycle) return cycle.error();
  auto status = app.cycle_status(cycle->name, std::nullopt);
  if (!status) return status.error();
  return run(app.store(), Store::Mode::read, [&](Transaction& tx) {
    CycleAlignment out;
    out.cycle = *cycle;
    AlignmentInput in;
    in.teams = tx.list_teams();
    for (const auto& t : in.teams) {
      out.teams[t.id] = t;
      out.team_keys[t.id] = t.key;
    }
    for (const auto& t : status->teams)
      for (const auto& o : t.objectives) {
        in.objectives.push_back(o.objective);
        in.scores[o.objective.id] = o.score;
        for (Id c : o.objective.contributing_team_ids)
          if (auto it = out.teams.find(c); it != out.teams.end())
            out.contributors[o.objective.id].push_back(it->second.key);
      }
    out.key_result_keys = status->key_result_keys;
    out.report = analyse_alignment(in);
    return out;
  });
}

}  // namespace okr::app
