// The rollup and the forecast at company scale, beside a baseline measured in the
// same run.
//
//   BM_Rollup                score and roll up a cycle of 100,000 key results
//                            (build_cycle_status: every KR, objective, team, pace)
//   BM_SumOfDoubles          the baseline: a plain loop over the same 100,000
//                            current values
//   BM_Forecast              least-squares forecast of one key result from 50 check-ins
//
// Both rollup inputs are built in memory from the same synthetic organisation
// (10,000 teams, 30,000 objectives, 100,000 key results, one latest value each), so
// the ratio shows the cost of the rules themselves, not of reading.
#include <benchmark/benchmark.h>

#include <numeric>

#include "core/pace.h"
#include "core/report.h"

namespace {

using namespace okr;

const StatusInput& company() {
  static const StatusInput in = [] {
    StatusInput s;
    s.cycle = Cycle{
        1, "2026-Q4", *parse_date("2026-10-01"), *parse_date("2026-12-31"), CycleState::active, 1};
    s.today = *parse_date("2026-11-20");
    Id next = 1;
    for (int t = 0; t < 10'000; ++t) {
      Team team;
      team.id = next++;
      team.key = "team-" + std::to_string(t);
      team.name = team.key;
      if (t > 0) team.parent_id = 1 + (t - 1) / 10;
      s.teams.push_back(team);
    }
    Id kr_id = 1;
    for (int o = 0; o < 30'000; ++o) {
      Objective obj;
      obj.id = o + 1;
      obj.key = "o-" + std::to_string(o);
      obj.cycle_id = 1;
      obj.team_id = 1 + o % 10'000;
      s.objectives.push_back(obj);
      const int krs = o % 3 == 0 ? 4 : 3;  // 100,000 in all
      for (int k = 0; k < krs && kr_id <= 100'000; ++k) {
        KeyResult kr;
        kr.id = kr_id++;
        kr.objective_id = obj.id;
        kr.metric = MetricKind::number;
        kr.start = 10;
        kr.target = 20 + k;
        s.key_results.push_back(kr);
        CheckIn c;
        c.key_result_id = kr.id;
        c.value = 10 + (kr.id % 17);
        c.confidence = 0.1 * static_cast<double>(kr.id % 10);
        c.at = start_of_day(s.today);
        s.latest.emplace(kr.id, c);
      }
    }
    return s;
  }();
  return in;
}

void BM_Rollup(benchmark::State& state) {
  const StatusInput& in = company();
  for (auto _ : state) {
    CycleStatus s = build_cycle_status(in);
    benchmark::DoNotOptimize(s.score);
  }
  state.counters["key_results"] = static_cast<double>(in.key_results.size());
}
BENCHMARK(BM_Rollup)->Unit(benchmark::kMillisecond);

void BM_SumOfDoubles(benchmark::State& state) {
  std::vector<double> values;
  for (const auto& [id, c] : company().latest) values.push_back(c.value);
  for (auto _ : state) {
    double sum = std::accumulate(values.begin(), values.end(), 0.0);
    benchmark::DoNotOptimize(sum);
  }
  state.counters["values"] = static_cast<double>(values.size());
}
BENCHMARK(BM_SumOfDoubles)->Unit(benchmark::kMillisecond);

void BM_Forecast(benchmark::State& state) {
  std::vector<CheckIn> history;
  const Instant start = start_of_day(*parse_date("2026-10-01"));
  for (int i = 0; i < 50; ++i) {
    CheckIn c;
    c.value = 40 + i * 0.5 + (i % 3);
    c.at = start + std::chrono::hours(24 * i);
    history.push_back(c);
  }
  const Instant end = start_of_day(*parse_date("2026-12-31"));
  for (auto _ : state) {
    auto f = forecast(history, end);
    benchmark::DoNotOptimize(f);
  }
}
BENCHMARK(BM_Forecast)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
