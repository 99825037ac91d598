// KPI health in the KPI answers, KPIs and contributing teams in the summary, and the
// alignment document's orphans, level skips and shares per function.
#include <gtest/gtest.h>

#include "demo_fixture.h"

namespace okr::http {
namespace {

TEST_F(DemoApi, KpiAnswersCarryTheirHealth) {
  auto m = post("/api/v1/kpis/api-availability/measurements", R"({"value": 99.6})");
  ASSERT_EQ(m.result_int(), 201) << m.body();
  auto k = get("/api/v1/kpis/api-availability", "vera@lumen.example");
  EXPECT_EQ(k.at("health").as_string(), "warning");  // healthy 99.9–100, warning 99.5–100
  EXPECT_EQ(k.at("direction").as_string(), "within");
  EXPECT_DOUBLE_EQ(k.at("latest").at("value").to_number<double>(), 99.6);
  auto list = get("/api/v1/kpis");
  bool seen = false;
  for (const auto& i : list.at("items").as_array())
    if (i.at("key").as_string() == "api-availability") {
      seen = true;
      EXPECT_EQ(i.at("health").as_string(), "warning");
      EXPECT_TRUE(i.at("key_results").is_array());
    }
  EXPECT_TRUE(seen);
}

TEST_F(DemoApi, TheSummaryShowsKpisBesideTeamsAndContributingTeams) {
  auto s = get("/api/v1/cycles/" + cycle + "/summary");
  bool kpi = false, contributors = false;
  for (const auto& t : s.at("teams").as_array()) {
    for (const auto& k : t.at("kpis").as_array())
      if (k.at("key").as_string() == "api-availability")
        kpi = t.at("key").as_string() == "platform";
    for (const auto& o : t.at("objectives").as_array())
      if (!o.at("contributing_teams").as_array().empty()) contributors = true;
  }
  EXPECT_TRUE(kpi);
  EXPECT_TRUE(contributors);  // the company objective is shared with product and platform
}

TEST_F(DemoApi, TheAlignmentNamesOrphansAndSharesPerFunction) {
  auto a = get("/api/v1/cycles/" + cycle + "/alignment", "vera@lumen.example");
  EXPECT_TRUE(a.at("orphans").is_array());
  EXPECT_TRUE(a.at("level_skips").is_array());
  const auto& functions = a.at("functions").as_array();
  ASSERT_FALSE(functions.empty());
  for (const auto& f : functions) {
    double aligned = 0;
    for (const auto& c : f.at("company_objectives").as_array())
      aligned += c.at("aligned").to_number<double>();
    EXPECT_EQ(aligned + f.at("unaligned").to_number<double>(),
              f.at("objectives").to_number<double>());
  }
  EXPECT_EQ(a.at("unaligned").to_number<double>(), a.at("orphans").as_array().size());
}

}  // namespace
}  // namespace okr::http
