// Leave one organisation out: every organisation of the real corpora
// (tests/data/coach/real-*.tsv) is scored on its own, the worst one named, and
// the precision of the output warning reported over all of them. A coach tuned
// on a few organisations' phrasing shows it here first: one organisation far
// below the others, or a warning that is often wrong. The old held-out figure
// (CoachRealCorpus) stays beside it. The coach's rules are fixed, so the
// figures of organisations read while the rules were written are fitted, not
// predicted (docs/coach.md says which).
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "coach_corpus_scoring.h"

namespace {

using okr::coach::testing::read_real_corpus;
using okr::coach::testing::Tally;

const std::string kDir = std::string(OKR_TEST_DATA_DIR) + "/coach/";

std::string cell(const Tally& t) {
  if (t.total() == 0) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%3d/%3d %.2f", t.true_pos + t.true_neg, t.total(), t.accuracy());
  return buf;
}

TEST(CoachOrganisations, LeaveOneOrganisationOut) {
  std::vector<std::string> errors;
  auto krs = read_real_corpus(kDir + "real-key-results.tsv", &errors);
  auto objs = read_real_corpus(kDir + "real-objectives.tsv", &errors);
  for (const auto& e : errors) ADD_FAILURE() << e;
  auto f = okr::coach::testing::leave_one_organisation_out(krs, objs);
  ASSERT_GE(f.by_organisation.size(), 52u);
  std::printf("%-40s %-8s %13s %13s %13s %9s\n", "organisation held out", "set", "key results",
              "objectives", "both", "warnings");
  for (const auto& [org, pair] : f.by_organisation) {
    Tally both = pair.first;
    okr::coach::testing::add(&both, pair.second);
    char warnings[32];
    std::snprintf(warnings, sizeof warnings, "%d/%d", pair.first.true_pos,
                  pair.first.true_pos + pair.first.false_pos);
    std::printf("%-40s %-8s %13s %13s %13s %9s\n", org.c_str(), f.set_of[org].c_str(),
                cell(pair.first).c_str(), cell(pair.second).c_str(), cell(both).c_str(), warnings);
  }
  okr::coach::testing::print_leave_one_organisation_out(f);
  okr::coach::testing::print_sets(f);
  // What the coach does on organisations never read while a rule changed. The
  // 0.90 target is not yet met there on key results (docs/coach.md says by how
  // much); these floors only keep the figures from falling further. They were
  // set again when added-6 joined the set after its first run (its outcomes
  // warned as outputs took the warning precision from 1.000 to 0.959), and
  // when added-8 joined it (its outputs only asked about, or read as outcomes,
  // took key results from 0.866 to 0.856; the rules since bring them back to
  // 0.866), and raised with the rules read from the fitted sets and from added-9
  // (0.870 of key results, 0.937 of objectives, 0.972 warning precision).
  // added-10 failed the bar on its first run and was read, so it is not among
  // them; the changes read from it and from the fitted sets left them there.
  auto [never_read_krs, never_read_objectives] = okr::coach::testing::print_never_read(f);
  EXPECT_GE(never_read_krs.total(), 277);
  EXPECT_GE(never_read_krs.accuracy(), 0.87);
  EXPECT_GE(never_read_objectives.accuracy(), 0.93);
  EXPECT_GE(never_read_krs.precision(), 0.97) << "output warnings on never-read organisations";
  EXPECT_GE(f.key_results.accuracy(), 0.90);
  EXPECT_GE(f.objectives.accuracy(), 0.88);
  EXPECT_GE(f.key_results.precision(), 0.92)
      << "more than one 'output' warning in twelve is wrong: people learn to ignore it";
  EXPECT_GE(f.worst_accuracy, 0.80) << f.worst;
}

}  // namespace
