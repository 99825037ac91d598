// Alignment across functions: orphans, level skips and each function's share per
// company objective, on a small organisation checked by hand.
#include "core/alignment.h"

#include <gtest/gtest.h>

namespace okr {
namespace {

Team team(Id id, const char* key, const char* function, std::optional<Id> parent) {
  Team t;
  t.id = id;
  t.key = key;
  t.name = key;
  t.function = function;
  t.parent_id = parent;
  return t;
}

Objective objective(Id id, const char* key, Id team, std::optional<Id> parent) {
  Objective o;
  o.id = id;
  o.key = key;
  o.title = key;
  o.team_id = team;
  o.parent_id = parent;
  return o;
}

struct AlignmentTest : ::testing::Test {
  AlignmentInput in;
  void SetUp() override {
    in.teams = {team(1, "acme", "company", std::nullopt), team(2, "product", "product", 1),
                team(3, "booking", "product", 2),         team(4, "payments", "engineering", 2),
                team(5, "platform", "engineering", 1),    team(6, "design", "design", 2)};
    in.objectives = {
        objective(10, "c1", 1, std::nullopt), objective(11, "c2", 1, std::nullopt),
        objective(20, "d1", 2, 10),           objective(30, "b1", 3, 20),
        objective(31, "b2", 3, 11),            // straight to the company past product's d1
        objective(40, "p1", 4, std::nullopt),  // an orphan
        objective(50, "l1", 5, 10),            // platform's parent team is the company
        objective(60, "g1", 6, 30),            // aligned to a sibling team's objective
    };
    in.scores = {{10, 0.5}, {30, 0.7}};
  }
};

TEST_F(AlignmentTest, TheTreeHasEveryObjectiveOnce) {
  auto r = analyse_alignment(in);
  ASSERT_EQ(r.roots.size(), 3u);  // c1, c2 and the orphan p1
  EXPECT_EQ(r.roots[0].objective.key, "c1");
  EXPECT_DOUBLE_EQ(r.roots[0].score, 0.5);
  ASSERT_EQ(r.roots[0].children.size(), 2u);  // d1, l1
  EXPECT_EQ(r.roots[0].children[0].objective.key, "d1");
  EXPECT_EQ(r.roots[0].children[0].children[0].objective.key, "b1");
  EXPECT_EQ(r.roots[0].children[0].children[0].children[0].objective.key, "g1");
  EXPECT_EQ(r.roots[2].objective.key, "p1");
  EXPECT_EQ(r.roots[2].team_key, "payments");
}

TEST_F(AlignmentTest, OrphansAndLevelSkips) {
  auto r = analyse_alignment(in);
  ASSERT_EQ(r.orphans.size(), 1u);
  EXPECT_EQ(r.orphans[0].key, "p1");
  ASSERT_EQ(r.level_skips.size(), 1u);
  EXPECT_EQ(r.level_skips[0].objective.key, "b2");
  EXPECT_EQ(r.level_skips[0].parent.key, "c2");
  EXPECT_EQ(r.level_skips[0].teams_between, std::vector<Id>{2});
  // Without objectives in between, aligning straight up is no skip.
  in.objectives.erase(in.objectives.begin() + 2);  // d1
  for (auto& o : in.objectives)
    if (o.key == "b1") o.parent_id = 10;
  EXPECT_TRUE(analyse_alignment(in).level_skips.empty());
}

TEST_F(AlignmentTest, EachFunctionsSharePerCompanyObjective) {
  auto r = analyse_alignment(in);
  ASSERT_EQ(r.company_objectives.size(), 2u);
  ASSERT_EQ(r.functions.size(), 3u);  // design, engineering, product; the company is not one
  const auto& design = r.functions[0];
  EXPECT_EQ(design.function, "design");
  EXPECT_DOUBLE_EQ(design.share(10), 1.0);  // g1 → b1 → d1 → c1
  const auto& engineering = r.functions[1];
  EXPECT_EQ(engineering.objectives, 2);
  EXPECT_DOUBLE_EQ(engineering.share(10), 0.5);  // l1; p1 serves nothing
  EXPECT_EQ(engineering.unaligned, 1);
  const auto& product = r.functions[2];
  EXPECT_EQ(product.objectives, 3);
  EXPECT_DOUBLE_EQ(product.share(10), 2.0 / 3);  // d1, b1
  EXPECT_DOUBLE_EQ(product.share(11), 1.0 / 3);  // b2
}

TEST_F(AlignmentTest, AParentOutsideTheCycleIsNoParentHere) {
  in.objectives.push_back(objective(70, "x1", 3, 999));
  auto r = analyse_alignment(in);
  bool root = false;
  for (const auto& n : r.roots) root = root || n.objective.key == "x1";
  EXPECT_TRUE(root);
  for (const auto& o : r.orphans) EXPECT_NE(o.key, "x1");  // it names a parent: not an orphan
}

}  // namespace
}  // namespace okr
