// Latency of the writing coach, and how right it is. The web editor lints on
// every keystroke, so one objective must lint well under a millisecond; `okr
// lint` on a whole organisation's file of 1,000 objectives must stay under a
// second. Before the timings, the coach's accuracy on the labelled corpora is
// printed (the same figures as the corpus tests and docs/coach.md).
//
//   BM_LintObjective       one realistic objective with four key results
//   BM_LintTeam            a team's three objectives (reported per objective too)
//   BM_ClassifyKeyResult   the output/outcome classifier on one title
//   BM_LintFile1000        parse a YAML file of 1,000 objectives (3,000 key results,
//                          334 teams, titles from the real corpus) and lint it
//   BM_ParseFile1000       the parsing share of it
#include <benchmark/benchmark.h>

#include <cstdio>
#include <string>
#include <vector>

#include "../tests/unit/coach_corpus_scoring.h"
#include "core/coach/coach.h"
#include "formats/lint_report.h"
#include "formats/okr_file.h"

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

using okr::coach::testing::CorpusRow;
using okr::coach::testing::Tally;

std::vector<CorpusRow> corpus(const char* name) {
  std::vector<std::string> errors;
  auto rows = okr::coach::testing::read_real_corpus(
      std::string(OKR_TEST_DATA_DIR) + "/coach/" + name, &errors);
  for (const auto& e : errors) std::fprintf(stderr, "%s\n", e.c_str());
  return rows;
}

// A whole organisation's file: 334 teams of three objectives (1,000 in all),
// each with three key results, titles taken in turn from the real corpus.
std::string thousand_objective_file() {
  auto objectives = corpus("real-objectives.tsv");
  auto key_results = corpus("real-key-results.tsv");
  okr::formats::OkrFile file;
  file.cycle = "2027-Q1";
  file.teams.push_back({"company", "Company", "company", "", "ceo@example.com", {}, {}, {}});
  for (int i = 0; i < 1000; ++i) {
    std::string team = "team-" + std::to_string(i / 3);
    if (i % 3 == 0)
      file.teams.push_back({team,
                            "Team " + std::to_string(i / 3),
                            "product",
                            "company",
                            "lead@example.com",
                            {},
                            {},
                            {}});
    okr::formats::FileObjective o;
    o.key = "objective-" + std::to_string(i);
    o.team = team;
    o.title = objectives[static_cast<size_t>(i) % objectives.size()].title;
    o.owner = "lead@example.com";
    for (int k = 0; k < 3; ++k) {
      okr::formats::FileKeyResult kr;
      kr.key = o.key + "-kr-" + std::to_string(k);
      kr.title = key_results[static_cast<size_t>(i * 3 + k) % key_results.size()].title;
      kr.start = 10;
      kr.target = 20;
      kr.owner = "lead@example.com";
      o.key_results.push_back(kr);
    }
    file.objectives.push_back(o);
  }
  return okr::formats::write_okr_yaml(file);
}

// What `okr lint FILE` does once the file is read: parse, build the draft, lint.
void BM_LintFile1000(benchmark::State& state) {
  const std::string text = thousand_objective_file();
  size_t findings = 0;
  for (auto _ : state) {
    auto file = okr::formats::parse_okr_yaml(text);
    if (!file) {
      state.SkipWithError("the generated file does not parse");
      return;
    }
    auto draft = okr::formats::draft_of(*file, okr::formats::team_tree_of(*file));
    auto result = okr::coach::lint(draft);
    findings = result.size();
    benchmark::DoNotOptimize(result);
  }
  state.counters["findings"] = static_cast<double>(findings);
  state.SetItemsProcessed(state.iterations() * 1000);  // items = objectives
}
BENCHMARK(BM_LintFile1000)->Unit(benchmark::kMillisecond);

// The parsing share of BM_LintFile1000, to tell the YAML reader from the coach.
void BM_ParseFile1000(benchmark::State& state) {
  const std::string text = thousand_objective_file();
  for (auto _ : state) {
    auto file = okr::formats::parse_okr_yaml(text);
    benchmark::DoNotOptimize(file);
  }
  state.SetItemsProcessed(state.iterations() * 1000);
}
BENCHMARK(BM_ParseFile1000)->Unit(benchmark::kMillisecond);

void print(const char* what, const std::string& set, const Tally& t, const char* pos,
           const char* neg) {
  std::printf(
      "%-12s %-8s n=%3d  accuracy %.3f  %s precision %.3f recall %.3f  %s precision "
      "%.3f recall %.3f\n",
      what, set.c_str(), t.total(), t.accuracy(), pos, t.precision(), t.recall(), neg,
      t.negative_precision(), t.negative_recall());
}

// The coach's accuracy on the labelled corpora, per set.
void report_accuracy() {
  auto krs = okr::coach::testing::score_key_results(corpus("real-key-results.tsv"), nullptr);
  auto obs = okr::coach::testing::score_objectives(corpus("real-objectives.tsv"), nullptr);
  auto organisations = okr::coach::testing::leave_one_organisation_out(
      corpus("real-key-results.tsv"), corpus("real-objectives.tsv"));
  okr::coach::testing::print_leave_one_organisation_out(organisations);
  okr::coach::testing::print_sets(organisations);
  okr::coach::testing::print_never_read(organisations);
  std::printf(
      "Coach accuracy on real published OKRs (holdout never used to tune; added-N batches "
      "scored first with the rules unchanged):\n");
  for (const auto& [set, t] : krs) print("key results", set, t, "output", "outcome");
  for (const auto& [set, t] : obs) print("objectives", set, t, "activity", "outcome");
  // The original corpus (4 columns: set label title reason), scored the same way.
  std::ifstream in(std::string(OKR_TEST_DATA_DIR) + "/coach/key-results.tsv");
  std::vector<CorpusRow> rows;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    std::vector<std::string> c;
    std::string cell;
    std::istringstream cells(line);
    while (std::getline(cells, cell, '\t')) c.push_back(cell);
    if (n > 1 && c.size() == 4) rows.push_back({c[0], c[1], "", c[2], "", c[3], n});
  }
  auto old = okr::coach::testing::score_key_results(rows, nullptr);
  for (const char* set : {"holdout", "tune"})
    print("original KRs", set, old[set], "output", "outcome");
  std::printf("\n");
}

}  // namespace

int main(int argc, char** argv) {
  report_accuracy();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
