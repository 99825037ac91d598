#include "app/trends.h"

#include "app/lookup.h"
#include "app/run.h"
#include "app/status_input.h"
#include "core/pace.h"

namespace okr::app {

ScoreTrend compute_trend(Transaction& tx, const Cycle& cycle, Date today, Instant now,
                         const std::optional<Team>& team) {
  ScoreTrend out;
  out.cycle = cycle;
  out.team = team;
  out.as_of = now;
  const std::vector<Date> dates = history_dates(cycle, today);
  if (dates.empty()) return out;
  StatusInput in =
      team ? load_objectives_input(tx, cycle, today, {*team}, objectives_of(tx, cycle, {*team}))
           : load_status_input(tx, cycle, today);
  if (team) in.team_filter = team->id;
  const auto reviews = std::move(in.reviews);
  in.reviews.clear();

  // Each key result's value at the end of each day: check-ins, or the measurements of
  // the KPI it follows. Driven key results are scored from their objectives.
  std::vector<Instant> ends;
  for (Date d : dates) ends.push_back(start_of_day(add_days(d, 1)));
  const Instant cycle_over = start_of_day(add_days(cycle.end, 1));
  std::vector<Id> measured;
  std::map<Id, std::vector<std::optional<CheckIn>>> followed;  // by key result
  // Each KPI's measurement at each week's end, read once however many follow it.
  std::map<Id, std::vector<std::optional<Measurement>>> kpi_at;
  for (const auto& k : in.key_results) {
    if (k.driven_by_aligned) continue;
    if (!k.kpi_id) {
      measured.push_back(k.id);
      continue;
    }
    auto [kpi, fresh] = kpi_at.try_emplace(*k.kpi_id);
    if (fresh)
      for (Instant end : ends)
        kpi->second.push_back(tx.latest_measurement(*k.kpi_id, std::min(end, cycle_over)));
    auto& values = followed[k.id];
    for (const auto& m : kpi->second)
      values.push_back(
          m ? std::optional(CheckIn{0, k.id, m->value, std::nullopt, "", std::nullopt, m->at})
            : std::nullopt);
  }
  auto values_at = tx.latest_check_ins_before(measured, ends);

  for (std::size_t i = 0; i < dates.size(); ++i) {
    in.today = dates[i];
    in.latest.clear();
    for (auto* source : {&values_at, &followed})
      for (const auto& [kr, values] : *source)
        if (values[i]) in.latest.emplace(kr, *values[i]);
    if (i + 1 == dates.size()) in.reviews = reviews;
    const CycleStatus st = build_cycle_status(in);
    TrendPoint p{dates[i], std::nullopt, 0};
    std::vector<double> expected;
    for (const auto& t : st.teams) {
      if (team && t.team.id != team->id) continue;
      for (const auto& o : t.objectives) expected.push_back(o.expected);
      if (team) p.score = t.score;
    }
    if (!team && !expected.empty()) p.score = st.score;
    if (!expected.empty()) p.expected = mean_score(expected);
    out.points.push_back(p);
  }
  return out;
}

Result<std::shared_ptr<const ScoreTrend>> score_trend(App& app, const std::string& cycle_name,
                                                      const std::optional<std::string>& team) {
  if (!team) return company_trend(app, cycle_name);
  const Instant now = app.now();
  const Date today = app.today();
  return run(app.store(), Store::Mode::read, [&](Transaction& tx) {
    const Cycle cycle = cycle_named(tx, cycle_name);
    const Team t = team_keyed(tx, *team);
    return std::make_shared<const ScoreTrend>(compute_trend(tx, cycle, today, now, t));
  });
}

}  // namespace okr::app
