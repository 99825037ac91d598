#include "core/sprint_report.h"

#include <algorithm>

#include "core/scoring.h"

namespace okr {
namespace {

// The latest value recorded strictly before `limit`.
template <class T>
std::optional<double> value_before(const std::vector<T>& records, Instant limit) {
  std::optional<double> value;
  Instant latest{};
  for (const auto& r : records)
    if (r.at < limit && (!value || r.at >= latest)) {
      value = r.value;
      latest = r.at;
    }
  return value;
}

bool by_key(const Initiative& a, const Initiative& b) {
  return a.key != b.key ? a.key < b.key : a.id < b.id;
}

}  // namespace

SprintReport build_sprint_report(const SprintReportInput& in) {
  SprintReport out;
  out.sprint = in.sprint;
  out.team = in.team;
  const Instant start = start_of_day(in.sprint.start);
  const Instant end = start_of_day(add_days(in.sprint.end, 1));

  std::map<Id, const KeyResult*> krs;
  for (const auto& k : in.key_results) krs[k.id] = &k;
  std::map<Id, const Objective*> objectives;
  for (const auto& o : in.objectives) objectives[o.id] = &o;

  std::map<Id, KeyResultMovement> movements;  // by key result
  for (const auto& i : in.initiatives) {
    if (i.status != InitiativeStatus::done) {
      out.not_done.push_back(i);
      continue;
    }
    ++out.done;
    bool linked = false;
    for (Id k : i.key_result_ids) {
      auto kr = krs.find(k);
      if (kr == krs.end()) continue;
      linked = true;
      auto [it, fresh] = movements.try_emplace(k);
      if (fresh) {
        const KeyResult& key_result = *kr->second;
        it->second.key_result = key_result;
        static const std::vector<CheckIn> kNoCheckIns;
        static const std::vector<Measurement> kNoMeasurements;
        if (key_result.kpi_id) {
          auto m = in.measurements.find(*key_result.kpi_id);
          const auto& list = m == in.measurements.end() ? kNoMeasurements : m->second;
          it->second.value_at_start = value_before(list, start);
          it->second.value_at_end = value_before(list, end);
        } else {
          auto c = in.check_ins.find(k);
          const auto& list = c == in.check_ins.end() ? kNoCheckIns : c->second;
          it->second.value_at_start = value_before(list, start);
          it->second.value_at_end = value_before(list, end);
        }
        it->second.score_at_start = score_key_result(key_result, it->second.value_at_start);
        it->second.score_at_end = score_key_result(key_result, it->second.value_at_end);
      }
      it->second.done.push_back(i);
    }
    if (linked)
      ++out.linked_done;
    else
      out.unlinked_done.push_back(i);
  }
  out.linked_share = out.done == 0 ? 0 : static_cast<double>(out.linked_done) / out.done;

  std::map<Id, ObjectiveWork> by_objective;
  for (auto& [id, m] : movements) {
    std::sort(m.done.begin(), m.done.end(), by_key);
    auto o = objectives.find(m.key_result.objective_id);
    if (o == objectives.end()) continue;
    auto& work = by_objective[o->first];
    work.objective = *o->second;
    if (auto t = in.team_keys.find(o->second->team_id); t != in.team_keys.end())
      work.team_key = t->second;
    work.key_results.push_back(std::move(m));
  }
  for (auto& [id, work] : by_objective) {
    std::sort(work.key_results.begin(), work.key_results.end(),
              [](const auto& a, const auto& b) { return a.key_result.key < b.key_result.key; });
    out.objectives.push_back(std::move(work));
  }
  std::sort(out.objectives.begin(), out.objectives.end(),
            [](const auto& a, const auto& b) { return a.objective.key < b.objective.key; });
  std::sort(out.unlinked_done.begin(), out.unlinked_done.end(), by_key);
  std::sort(out.not_done.begin(), out.not_done.end(), by_key);
  return out;
}

}  // namespace okr
