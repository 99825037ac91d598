// Calibration over graded cycles and the health of the practice, by hand.
#include <gtest/gtest.h>

#include "core/grading.h"

namespace okr {
namespace {

constexpr auto A = ObjectiveKind::aspirational;
constexpr auto C = ObjectiveKind::committed;

TEST(Calibration, MeanOfAspirationalObjectivesPerCycle) {
  // Cycle 1: aspirational 0.6 and 0.8 (mean 0.7), committed 1.0 ignored.
  // Cycle 2: aspirational 0.5 (mean 0.5). Mean of the means: 0.6.
  std::vector<std::vector<GradedObjective>> cycles{{{A, 0.6}, {A, 0.8}, {C, 1.0}}, {{A, 0.5}}};
  Calibration c = calibrate(cycles);
  EXPECT_EQ(c.cycles, 2);
  EXPECT_EQ(c.aspirational, 3);
  ASSERT_TRUE(c.mean);
  EXPECT_NEAR(*c.mean, 0.6, 1e-12);
  EXPECT_EQ(c.healthy, 1);  // only 0.6 is within 0.6–0.7
  EXPECT_NEAR(c.healthy_share, 1.0 / 3, 1e-12);
  EXPECT_FALSE(c.flag);
}

TEST(Calibration, SandbaggingNeedsTwoCyclesAtNinePlus) {
  std::vector<std::vector<GradedObjective>> one{{{A, 1.0}, {A, 0.9}}};
  EXPECT_FALSE(calibrate(one).flag);
  std::vector<std::vector<GradedObjective>> two{{{A, 1.0}, {A, 0.9}}, {{A, 0.9}, {C, 0.2}}};
  auto c = calibrate(two);
  ASSERT_TRUE(c.flag);
  EXPECT_EQ(*c.flag, TeamFlag::sandbagging);
}

TEST(Calibration, OverreachingBelowThreeTenths) {
  std::vector<std::vector<GradedObjective>> cycles{{{A, 0.2}}, {{A, 0.3}, {A, 0.1}}, {{C, 1.0}}};
  auto c = calibrate(cycles);
  EXPECT_EQ(c.cycles, 2);  // the cycle with only a committed objective does not count
  ASSERT_TRUE(c.flag);
  EXPECT_EQ(*c.flag, TeamFlag::overreaching);
}

TEST(Calibration, NothingGradedIsNoFlagAndNoMean) {
  auto c = calibrate({});
  EXPECT_FALSE(c.mean);
  EXPECT_FALSE(c.flag);
  EXPECT_EQ(c.healthy_share, 0);
}

TEST(LateSurprise, OnlyOnTrackToOffTrack) {
  EXPECT_TRUE(late_surprise(Pace::on_track, Pace::off_track));
  EXPECT_FALSE(late_surprise(Pace::at_risk, Pace::off_track));
  EXPECT_FALSE(late_surprise(Pace::on_track, Pace::at_risk));
}

KeyResultStatus kr(Id id, bool owned, bool stale) {
  KeyResultStatus k;
  k.key_result.id = id;
  if (owned) k.key_result.owner_id = 7;
  k.stale = stale;
  return k;
}

TEST(PracticeHealth, SharesCountedByHand) {
  CycleStatus s;
  TeamStatus company;
  company.team = Team{1, "co", "Company", "", std::nullopt, std::nullopt, 1};
  ObjectiveStatus top;
  top.objective.id = 1;
  top.key_results = {kr(1, true, false), kr(2, true, false)};
  company.objectives = {top, top};  // two objectives, two key results each: within guidance
  company.score = 0.5;
  TeamStatus growth;
  growth.team = Team{2, "growth", "Growth", "product", 1, std::nullopt, 1};
  ObjectiveStatus aligned, orphan;
  aligned.objective.id = 2;
  aligned.objective.parent_id = 1;
  aligned.key_results = {kr(3, true, true), kr(4, false, false), kr(5, false, false)};
  orphan.objective.id = 3;
  orphan.key_results = {kr(6, true, false)};  // one key result: outside 2–4
  growth.objectives = {aligned, orphan};
  growth.score = 0.4;
  s.teams = {company, growth};
  s.score = 0.45;

  HealthInput in;
  in.status = &s;
  in.late_surprises = {3};
  in.work = {{2, {4, 3}}, {9, {1, 0}}};  // team 9 has no objectives but did work
  in.team_trend = {{2, {0.6}}};
  in.company_trend = {0.55};
  HealthReport h = practice_health(in);

  const PracticeHealth& g = h.teams.at(2);
  EXPECT_EQ(g.key_results, 4);
  EXPECT_EQ(g.owned, 2);
  EXPECT_NEAR(*g.owned_share(), 0.5, 1e-12);
  EXPECT_EQ(g.on_cadence, 3);
  EXPECT_EQ(g.alignable, 2);
  EXPECT_EQ(g.aligned, 1);
  EXPECT_NEAR(*g.linked_share(), 0.75, 1e-12);
  EXPECT_EQ(g.late_surprises, 1);
  EXPECT_EQ(g.teams_outside_guidance, 0);
  EXPECT_EQ(g.objectives_outside_guidance, 1);  // three key results are fine, one is not
  EXPECT_EQ(g.score_trend, (std::vector<double>{0.6, 0.4}));

  const PracticeHealth& co = h.teams.at(1);
  EXPECT_EQ(co.alignable, 0);  // the top of the tree aligns to nothing
  EXPECT_FALSE(co.aligned_share());

  EXPECT_EQ(h.company.key_results, 8);
  EXPECT_EQ(h.company.done_work, 5);
  EXPECT_EQ(h.company.linked_work, 3);
  EXPECT_EQ(h.company.score_trend, (std::vector<double>{0.55, 0.45}));
}

}  // namespace
}  // namespace okr
