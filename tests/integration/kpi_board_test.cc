// KPIs beside the OKRs: computed health, the key results that follow a KPI, and
// measurements recorded one by one or from a CSV file with bad rows reported by line.
#include "app/kpi_board.h"

#include <gtest/gtest.h>

#include "app/accounts.h"
#include "app/okrs.h"
#include "formats/json_model.h"
#include "test_db.h"

namespace okr {
namespace {

struct KpiBoard : ::testing::Test {
  testing::TempDb db;
  std::unique_ptr<Store> store = std::move(open_store(db.path())).value();
  app::App app{*store};
  app::Actor root = app::Actor::local_operator();

  void SetUp() override { ASSERT_TRUE(app.create_demo().ok()); }
  app::KpiState state(const std::string& key) {
    auto s = app::kpi_state(app, key);
    EXPECT_TRUE(s.ok());
    return s.ok() ? *s : app::KpiState{};
  }
};

TEST_F(KpiBoard, HealthFollowsTheLatestMeasurement) {
  // API availability: healthy 99.9–100, warning 99.5–100.
  ASSERT_TRUE(app::record_measurement(app, "api-availability", 99.7, std::nullopt, root).ok());
  EXPECT_EQ(state("api-availability").health, KpiHealth::warning);
  ASSERT_TRUE(app::record_measurement(app, "api-availability", 99.95, std::nullopt, root).ok());
  EXPECT_EQ(state("api-availability").health, KpiHealth::healthy);
  ASSERT_TRUE(app::record_measurement(app, "api-availability", 99.2, std::nullopt, root).ok());
  auto s = state("api-availability");
  EXPECT_EQ(s.health, KpiHealth::critical);
  EXPECT_DOUBLE_EQ(s.latest->value, 99.2);
  EXPECT_EQ(s.team_key, "platform");
  EXPECT_EQ(s.direction, Direction::within);
  EXPECT_EQ(app::record_measurement(app, "nope", 1, std::nullopt, root).error().code,
            ErrorCode::not_found);
}

TEST_F(KpiBoard, TheBoardListsEveryKpiOrOneTeams) {
  auto all = app::kpi_board(app, std::nullopt);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 2u);
  auto platform = app::kpi_board(app, "platform");
  ASSERT_TRUE(platform.ok());
  ASSERT_EQ(platform->size(), 1u);
  EXPECT_EQ((*platform)[0].kpi.key, "api-availability");
  EXPECT_FALSE(app::kpi_board(app, "nobody").ok());
}

TEST_F(KpiBoard, AKeyResultFollowingAKpiIsNamed) {
  {
    auto tx = store->begin();
    auto kr = *tx->find_key_result_by_key("platform-incidents");
    kr.kpi_id = tx->find_kpi_by_key("support-backlog")->id;
    tx->update_key_result(kr);
    tx->commit();
  }
  EXPECT_EQ(state("support-backlog").key_results, std::vector<std::string>{"platform-incidents"});
}

TEST_F(KpiBoard, ImportRecordsGoodRowsAndReportsBadOnesByLine) {
  int before = testing::count_rows(db.path(), "measurements");
  std::string text =
      "kpi,value,at\n"
      "api-availability,99.91,2026-01-05\n"
      "nope,1,\n"
      "support-backlog,lots,\n"
      "support-backlog,80,yesterday\n"
      "support-backlog,80,2999-01-01\n"
      ",5,\n"
      "support-backlog,+95,\n";
  auto s = app::import_measurements(app, text, root);
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(s->recorded, 2);
  ASSERT_EQ(s->skipped.size(), 5u);
  EXPECT_EQ(s->skipped[0].line, 3);
  EXPECT_EQ(s->skipped[0].message, "no KPI 'nope'");
  EXPECT_EQ(s->skipped[1].line, 4);
  EXPECT_NE(s->skipped[1].message.find("'lots' is not a number"), std::string::npos);
  EXPECT_EQ(s->skipped[2].line, 5);
  EXPECT_EQ(s->skipped[3].line, 6);
  EXPECT_NE(s->skipped[3].message.find("future"), std::string::npos);
  EXPECT_EQ(s->skipped[4].line, 7);
  EXPECT_EQ(testing::count_rows(db.path(), "measurements"), before + 2);
  EXPECT_DOUBLE_EQ(state("support-backlog").latest->value, 95);

  std::string unchanged = testing::dump(db.path());
  EXPECT_FALSE(app::import_measurements(app, "key,amount\nx,1\n", root).ok());
  EXPECT_FALSE(app::import_measurements(app, "kpi,value\n\"x,1\n", root).ok());
  EXPECT_EQ(testing::dump(db.path()), unchanged);
}

TEST_F(KpiBoard, AMemberOfAnotherTeamMayNotMeasure) {
  std::optional<Id> outsider;
  {
    auto tx = store->begin(Store::Mode::read);
    auto growth = tx->find_team_by_key("growth");
    for (const auto& m : tx->list_memberships(growth->id, std::nullopt))
      if (m.role == TeamRole::member) outsider = m.user_id;
  }
  ASSERT_TRUE(outsider);
  app::Actor actor = [&] {
    auto tx = store->begin(Store::Mode::read);
    return app::load_actor(*tx, *outsider);
  }();
  if (actor.admin) GTEST_SKIP() << "the demo made this member an administrator";
  auto s = app::import_measurements(app, "kpi,value\napi-availability,99\n", actor);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->recorded, 0);
  ASSERT_EQ(s->skipped.size(), 1u);
  EXPECT_NE(s->skipped[0].message.find("may not measure"), std::string::npos);
}

}  // namespace
}  // namespace okr

namespace okr {
namespace {

TEST_F(KpiBoard, StatusShowsEachTeamsKpisAndWhichKeyResultsFollowOne) {
  ASSERT_TRUE(app::record_measurement(app, "api-availability", 99.2, std::nullopt, root).ok());
  {
    auto tx = store->begin();
    auto kr = *tx->find_key_result_by_key("platform-incidents");
    kr.kpi_id = tx->find_kpi_by_key("support-backlog")->id;
    tx->update_key_result(kr);
    tx->commit();
  }
  auto s = app.cycle_status(std::nullopt, std::nullopt);
  ASSERT_TRUE(s.ok());
  bool platform_seen = false, company_seen = false;
  for (const auto& t : s->teams) {
    for (const auto& k : t.kpis) {
      if (k.kpi.key == "api-availability") {
        EXPECT_EQ(t.team.key, "platform");
        EXPECT_EQ(k.health, KpiHealth::critical);
        platform_seen = true;
      }
      if (k.kpi.key == "support-backlog") {
        EXPECT_FALSE(t.team.parent_id);  // company-wide: beside the top team
        company_seen = true;
      }
    }
  }
  EXPECT_TRUE(platform_seen);
  EXPECT_TRUE(company_seen);
  auto json = formats::to_json(*s);
  bool follows = false;
  for (const auto& t : json.at("teams").as_array())
    for (const auto& o : t.at("objectives").as_array())
      for (const auto& k : o.at("key_results").as_array())
        if (k.at("key").as_string() == "platform-incidents")
          follows = k.at("kpi").as_string() == "support-backlog";
  EXPECT_TRUE(follows);
}

}  // namespace
}  // namespace okr
