#include "app/key_result_readings.h"

#include <set>

#include "app/run.h"
#include "app/status_input.h"
#include "core/report.h"
#include "core/scoring.h"

namespace okr::app {
namespace {

// A driven key result scores the objectives aligned to it, and those their own key
// results: the objective's status computed as its page computes it.
std::optional<KeyResultReading> driven_reading(Transaction& tx, const KeyResult& kr,
                                               const Objective& objective, const Cycle& cycle,
                                               Date today) {
  auto team = tx.find_team(objective.team_id);
  if (!team) return std::nullopt;
  StatusInput in = load_objectives_input(tx, cycle, today, {*team}, {objective});
  CycleStatus status = build_cycle_status(in);
  for (const auto& t : status.teams)
    for (const auto& o : t.objectives)
      for (const auto& k : o.key_results)
        if (k.key_result.id == kr.id)
          return KeyResultReading{std::nullopt, k.score, k.pace, std::nullopt};
  return std::nullopt;
}

}  // namespace

std::map<Id, KeyResultReading> read_key_results(Transaction& tx,
                                                const std::vector<KeyResult>& key_results,
                                                Date today) {
  std::map<Id, KeyResultReading> out;
  if (key_results.empty()) return out;
  std::vector<Id> ids;
  std::set<Id> objective_ids;
  for (const auto& k : key_results) {
    ids.push_back(k.id);
    objective_ids.insert(k.objective_id);
  }
  auto latest = tx.recent_check_ins_of(ids, 1);
  std::map<Id, Objective> objectives;
  for (auto& o : tx.find_objectives({objective_ids.begin(), objective_ids.end()}))
    objectives.emplace(o.id, std::move(o));
  std::map<Id, Cycle> cycles;
  for (auto& c : tx.list_cycles()) cycles.emplace(c.id, std::move(c));
  const StatusRule rule = status_rule(tx);

  for (const auto& k : key_results) {
    auto o = objectives.find(k.objective_id);
    if (o == objectives.end()) continue;
    auto c = cycles.find(o->second.cycle_id);
    if (c == cycles.end()) continue;
    if (k.driven_by_aligned) {
      if (auto r = driven_reading(tx, k, o->second, c->second, today)) out[k.id] = *r;
      continue;
    }
    std::optional<CheckIn> last;
    if (k.kpi_id) {
      last = kpi_value(tx, k, c->second);
    } else if (auto it = latest.find(k.id); it != latest.end() && !it->second.empty()) {
      last = it->second.back();
    }
    KeyResultReading r;
    if (last) {
      r.current = last->value;
      r.last_check_in_at = last->at;
    }
    r.score = score_key_result(k, r.current);
    const double expected = expected_progress(c->second, today) * aim_of(o->second.kind, rule);
    r.status = key_result_pace(r.score, expected, last, rule);
    out[k.id] = r;
  }
  return out;
}

Result<ReadKeyResults> list_read_key_results(App& app, std::optional<Id> objective_id,
                                             std::optional<Id> cycle_id, std::optional<Id> after,
                                             int limit, std::optional<Id> team_id) {
  return run(app.store(), Store::Mode::read, [&](Transaction& tx) {
    ReadKeyResults out;
    out.page = list_key_results_in(tx, objective_id, cycle_id, after, limit, team_id);
    out.readings = read_key_results(tx, out.page.items, app.today());
    return out;
  });
}

Result<ReadKeyResult> read_key_result(App& app, const std::string& id_or_key) {
  return run(app.store(), Store::Mode::read, [&](Transaction& tx) {
    auto id = parse_id(id_or_key);
    auto k = id ? tx.find_key_result(*id) : tx.find_key_result_by_key(id_or_key);
    if (!k) fail(Error::not_found("id", "no key result '" + id_or_key + "'"));
    ReadKeyResult out{*k, {}};
    auto readings = read_key_results(tx, {*k}, app.today());
    if (auto it = readings.find(k->id); it != readings.end()) out.reading = it->second;
    return out;
  });
}

}  // namespace okr::app
