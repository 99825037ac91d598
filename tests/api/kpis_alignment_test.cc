// KPI health in the KPI answers, KPIs and contributing teams in the summary, and the
// alignment document's orphans, level skips and shares per function.
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <set>

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

// The tree a level at a time says the same as the whole tree: each level holds the
// objectives aligned to one objective, each with how many are aligned to it, paged.
TEST_F(DemoApi, TheAlignmentTreeComesALevelAtATime) {
  const std::string url = "/api/v1/cycles/" + cycle + "/alignment";
  auto whole = get(url);
  // Walks the whole tree through the levels, checking each node against the whole one
  // (a level lists by team, then key; the whole tree by id).
  std::function<void(const json::array&, const std::string&)> walk = [&](const json::array& nodes,
                                                                         const std::string& level) {
    std::map<std::int64_t, json::value> want;
    for (const auto& n : nodes) want.emplace(n.at("id").as_int64(), n);
    std::set<std::int64_t> seen;
    std::string after;
    do {  // one objective a page, to walk the cursor
      auto page = get(url + "/level?limit=1" + level + (after.empty() ? "" : "&after=" + after));
      EXPECT_EQ(page.at("total").as_int64(), static_cast<std::int64_t>(nodes.size()));
      for (const auto& item : page.at("items").as_array()) {
        const auto id = item.at("id").as_int64();
        EXPECT_TRUE(seen.insert(id).second) << "listed twice: " << id;
        ASSERT_TRUE(want.count(id)) << "not on this level: " << id;
        const auto& node = want.at(id);
        EXPECT_EQ(item.at("score"), node.at("score"));
        EXPECT_EQ(item.at("orphan"), node.at("orphan"));
        const auto& children = node.at("children").as_array();
        EXPECT_EQ(item.at("children").as_int64(), static_cast<std::int64_t>(children.size()));
        if (!children.empty()) walk(children, "&parent=" + std::to_string(id));
      }
      after = page.at("next").is_string() ? std::string(page.at("next").as_string()) : "";
    } while (!after.empty());
    EXPECT_EQ(seen.size(), nodes.size());
  };
  json::array top, orphans;
  for (const auto& r : whole.at("roots").as_array())
    (r.at("orphan").as_bool() ? orphans : top).push_back(r);
  ASSERT_FALSE(top.empty());
  walk(top, "");
  walk(orphans, "&of=orphans");
  EXPECT_EQ(get(url + "/level").at("unaligned"), whole.at("unaligned"));

  EXPECT_EQ(get(url + "/level?parent=999999", "maya@lumen.example", 404).at("field"), "parent");
  EXPECT_EQ(get(url + "/level?after=999999", "maya@lumen.example", 400).at("field"), "after");
  EXPECT_EQ(get(url + "/level?of=everything", "maya@lumen.example", 422).at("field"), "of");
}

}  // namespace
}  // namespace okr::http
