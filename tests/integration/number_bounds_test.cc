// Numbers that mean nothing are refused at every door, and numbers stored before they
// were bounded never turn a score into NaN or infinity.
#include <gtest/gtest.h>

#include <cmath>

#include "app/okrs.h"
#include "test_db.h"

namespace okr {
namespace {

struct NumberBounds : ::testing::Test {
  testing::TempDb db;
  std::unique_ptr<Store> store = std::move(open_store(db.path())).value();
  app::App app{*store, testing::fixed_now};
  app::Actor root = app::Actor::local_operator();

  void SetUp() override {
    auto parsed = formats::parse_okr_yaml(testing::read_text(testing::example_path()));
    ASSERT_TRUE(app.import_okrs(*parsed, root).ok());
  }
};

TEST_F(NumberBounds, HugeStoredWeightsScoreAsTheirRatio) {
  // As an older okr accepted them: two key results weighted 1e308, one done, one halfway.
  {
    auto tx = store->begin();
    auto o = tx->find_objective_by_key("booking-2027q1-effortless-rebooking");
    auto krs = tx->list_key_results(o->id);
    ASSERT_GE(krs.size(), 2u);
    for (std::size_t i = 0; i < krs.size(); ++i) {
      KeyResult k = krs[i];
      k.weight = i < 2 ? 1e308 : 1;
      tx->update_key_result(k);
      tx->add_check_in({0,
                        k.id,
                        i == 0 ? k.target : (k.start + k.target) / 2,
                        0.5,
                        "",
                        {},
                        testing::fixed_now()});
    }
    tx->commit();
  }
  auto status = app.cycle_status(std::string("2027-Q1"), std::nullopt);
  ASSERT_TRUE(status.ok()) << status.error().message;
  EXPECT_TRUE(std::isfinite(status->score));
  bool seen = false;
  for (const auto& t : status->teams) {
    if (t.score) {
      EXPECT_TRUE(std::isfinite(*t.score)) << t.team.key;
    }
    for (const auto& o : t.objectives) {
      EXPECT_TRUE(std::isfinite(o.score)) << o.objective.key;
      if (o.objective.key != "booking-2027q1-effortless-rebooking") continue;
      seen = true;
      EXPECT_NEAR(o.score, 0.75, 1e-9);  // (1.0·w + 0.5·w) / 2w; the third weighs nothing
      EXPECT_EQ(o.band, Band::green);
    }
  }
  EXPECT_TRUE(seen);
}

TEST_F(NumberBounds, HugeValuesStoredScoreByTheFormula) {
  {
    auto tx = store->begin();
    auto k = *tx->find_key_result_by_key("booking-2027q1-rebook-rate");
    k.start = -1e308;
    k.target = 1e308;
    tx->update_key_result(k);
    tx->add_check_in({0, k.id, 1.7e308, std::nullopt, "", {}, testing::fixed_now()});
    tx->commit();
  }
  auto status = app.cycle_status(std::string("2027-Q1"), std::string("booking"));
  ASSERT_TRUE(status.ok());
  for (const auto& t : status->teams)
    for (const auto& o : t.objectives)
      for (const auto& k : o.key_results)
        if (k.key_result.key == "booking-2027q1-rebook-rate") {
          EXPECT_EQ(k.score, 1.0);
        }
}

TEST_F(NumberBounds, EditsAndCheckInsOutOfBoundsNameTheFieldAndChangeNothing) {
  auto before = testing::dump(db.path());
  auto k = *app::get_key_result(app, "booking-2027q1-rebook-rate");
  app::KeyResultFields weight;
  weight.weight = 1e308;
  auto r = app::update_key_result(app, k.id, k.version, weight, root);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "weight");
  app::KeyResultFields target;
  target.target = 1.7e308;
  r = app::update_key_result(app, k.id, k.version, target, root);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "target");
  auto c = app.check_in({"booking-2027q1-rebook-rate", 1e300, 0.5, "", std::nullopt}, root);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().field, "value");
  EXPECT_EQ(testing::dump(db.path()), before);
}

TEST_F(NumberBounds, ImportNamesTheFieldLineAndColumn) {
  auto before = testing::dump(db.path());
  const std::string yaml =
      "cycle: 2027-Q1\n"
      "objectives:\n"
      "  - key: booking-2027q1-effortless-rebooking\n"
      "    team: booking\n"
      "    title: Make rebooking the obvious next step after every visit\n"
      "    key_results:\n"
      "      - key: booking-2027q1-rebook-rate\n"
      "        title: Raise the share of visits rebooked within 7 days from 18% to 30%\n"
      "        metric: percent\n"
      "        start: 18\n"
      "        target: 30\n"
      "        weight: 1e308\n";
  auto parsed = formats::parse_okr_yaml(yaml);
  ASSERT_TRUE(parsed.ok());
  auto r = app.import_okrs(*parsed, root);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "weight");
  EXPECT_EQ(r.error().line, 12);
  EXPECT_GT(r.error().column, 0);
  EXPECT_EQ(testing::dump(db.path()), before);
}

}  // namespace
}  // namespace okr
