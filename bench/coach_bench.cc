// Latency of the writing coach. The web editor lints on every keystroke, so
// one objective must lint well under a millisecond.
//
//   BM_LintObjective       one realistic objective with four key results
//   BM_LintTeam            a team's three objectives (reported per objective too)
//   BM_ClassifyKeyResult   the output/outcome classifier on one title
#include <benchmark/benchmark.h>

#include "core/coach/coach.h"

namespace {

using okr::MetricKind;
using okr::coach::Draft;
using okr::coach::DraftKeyResult;
using okr::coach::DraftObjective;

DraftKeyResult kr(const char* title, double start, double target, const char* owner) {
  DraftKeyResult k;
  k.title = title;
  k.metric = MetricKind::number;
  k.start = start;
  k.target = target;
  k.owner = owner;
  return k;
}

// A typical draft: some strong key results, some the coach has things to say about.
DraftObjective onboarding() {
  DraftObjective o;
  o.team = "growth";
  o.title = "Improve the onboarding experience for new teams in their first week";
  o.owner = "ana@example.com";
  o.aligns_to = "company-1";
  o.key_results = {
      kr("Raise onboarding completion from 45% to 70%", 45, 70, "ana@example.com"),
      kr("Cut time to first value for new workspaces from 9 days to 2 days", 9, 2, ""),
      kr("Ship the new onboarding checklist and the in-app guide", 0, 1, "ben@example.com"),
      kr("Get 40% of new workspaces to invite a teammate in their first week", 20, 40,
         "ben@example.com"),
  };
  return o;
}

DraftObjective reliability() {
  DraftObjective o;
  o.team = "growth";
  o.title = "Make checkout feel instant and never fail";
  o.owner = "eve@example.com";
  o.key_results = {
      kr("Cut p95 checkout latency from 900ms to 400ms", 900, 400, "eve@example.com"),
      kr("Reduce bugs reported by customers from 40 to 10 per month", 40, 10, "eve@example.com"),
      kr("Increase sprint velocity from 30 to 40 points", 30, 40, "eve@example.com"),
  };
  return o;
}

DraftObjective revenue() {
  DraftObjective o;
  o.team = "growth";
  o.title = "Win the mid-market with self-serve plans";
  o.owner = "sam@example.com";
  o.aligns_to = "company-2";
  o.key_results = {
      kr("Add 30 mid-market customers", 0, 30, "sam@example.com"),
      kr("Reach $2M ARR from self-serve plans", 1.2e6, 2e6, "sam@example.com"),
      kr("Publish 15 blog posts about pricing", 0, 15, "kim@example.com"),
      kr("Raise trial-to-paid conversion from 8% to 12%", 8, 12, "kim@example.com"),
  };
  return o;
}

void BM_LintObjective(benchmark::State& state) {
  Draft draft;
  draft.has_parent_level = true;
  draft.objectives = {onboarding()};
  for (auto _ : state) {
    auto findings = okr::coach::lint(draft);
    benchmark::DoNotOptimize(findings);
  }
  state.SetItemsProcessed(state.iterations());  // items = objectives
}
BENCHMARK(BM_LintObjective);

void BM_LintTeam(benchmark::State& state) {
  Draft draft;
  draft.has_parent_level = true;
  draft.objectives = {onboarding(), reliability(), revenue()};
  for (auto _ : state) {
    auto findings = okr::coach::lint(draft);
    benchmark::DoNotOptimize(findings);
  }
  state.SetItemsProcessed(state.iterations() * 3);  // items = objectives
}
BENCHMARK(BM_LintTeam);

void BM_ClassifyKeyResult(benchmark::State& state) {
  for (auto _ : state) {
    auto c = okr::coach::classify_key_result("Increase the number of features shipped per quarter");
    benchmark::DoNotOptimize(c);
  }
}
BENCHMARK(BM_ClassifyKeyResult);

}  // namespace

BENCHMARK_MAIN();
