// The dashboard's page documents and the dashboard itself, over real HTTP on the
// demo organisation: each page's endpoint reads only what the page shows, scores
// as the rest of the API does, and says what the signed-in user may do.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <set>

#include "demo_fixture.h"

namespace okr::http {
namespace {

using Views = DemoApi;

TEST_F(Views, TeamPageHoldsOnlyThatTeamWithPaceAndRights) {
  auto lead = get("/api/v1/cycles/" + cycle + "/teams/growth", "ana@lumen.example");
  const auto& page = lead.as_object();
  EXPECT_EQ(page.at("team").at("key").as_string(), "growth");
  EXPECT_EQ(page.at("cycle").at("name").as_string(), cycle);
  const auto& objectives = page.at("objectives").as_array();
  ASSERT_EQ(objectives.size(), 2u);  // Growth's own two, none of its parent's or siblings'
  double sum = 0;
  for (const auto& o : objectives) {
    EXPECT_EQ(o.at("team_id").as_int64(), page.at("team").at("id").as_int64());
    sum += o.at("score").to_number<double>();
    for (const auto& k : o.at("key_results").as_array()) {
      EXPECT_TRUE(k.at("pace").is_string());
      EXPECT_TRUE(k.at("last_check_in").is_string()) << "every demo key result has check-ins";
      EXPECT_TRUE(k.at("can_check_in").as_bool()) << "a lead may check in on the team's KRs";
    }
  }
  // The team's score is the mean of its objectives, as everywhere else.
  EXPECT_NEAR(page.at("score").to_number<double>(), sum / 2, 1e-9);
  EXPECT_TRUE(page.at("can_edit").as_bool());
  EXPECT_TRUE(page.at("can_grade").as_bool());

  // The same numbers as the cycle summary of that team.
  auto summary = get("/api/v1/cycles/" + cycle + "/summary?team=growth");
  const auto& growth = summary.at("teams").as_array().front().at("objectives").as_array();
  for (std::size_t i = 0; i < growth.size(); ++i)
    EXPECT_DOUBLE_EQ(growth[i].at("score").to_number<double>(),
                     objectives[i].at("score").to_number<double>());

  auto viewer = get("/api/v1/cycles/" + cycle + "/teams/growth", "vera@lumen.example");
  EXPECT_FALSE(viewer.at("can_edit").as_bool());
  EXPECT_FALSE(viewer.at("can_grade").as_bool());
  for (const auto& o : viewer.at("objectives").as_array())
    for (const auto& k : o.at("key_results").as_array())
      EXPECT_FALSE(k.at("can_check_in").as_bool());

  // A member checks in but neither edits the team's OKRs nor grades them.
  auto member = get("/api/v1/cycles/" + cycle + "/teams/growth", "ben@lumen.example");
  EXPECT_FALSE(member.at("can_grade").as_bool());
  EXPECT_TRUE(member.at("objectives").at(0).at("key_results").at(0).at("can_check_in").as_bool());
}

TEST_F(Views, TeamPageOfAnEmptyTeamAndUnknownNames) {
  auto product = get("/api/v1/cycles/" + cycle + "/teams/product");
  EXPECT_TRUE(product.at("objectives").as_array().empty());
  EXPECT_TRUE(product.at("score").is_null());
  auto missing = get("/api/v1/cycles/" + cycle + "/teams/nobody", "maya@lumen.example", 404);
  EXPECT_NE(std::string(missing.at("detail").as_string()).find("nobody"), std::string::npos);
  get("/api/v1/cycles/1999-Q1/teams/growth", "maya@lumen.example", 404);
}

TEST_F(Views, OverviewCountsEveryKeyResultOnceAndOrdersTheUrgentFirst) {
  auto o = get("/api/v1/cycles/" + cycle + "/overview?limit=3");
  int on = 0, risk = 0, off = 0, objectives = 0;
  for (const auto& t : o.at("teams").as_array()) {
    on += static_cast<int>(t.at("on_track").as_int64());
    risk += static_cast<int>(t.at("at_risk").as_int64());
    off += static_cast<int>(t.at("off_track").as_int64());
    objectives += static_cast<int>(t.at("objectives").as_int64());
  }
  EXPECT_EQ(on + risk + off, o.at("key_results").as_int64());
  EXPECT_EQ(objectives, o.at("objectives").as_int64());
  // The headline counts are the whole cycle's, even when only the top teams are listed.
  auto top = get("/api/v1/cycles/" + cycle + "/overview?limit=3&depth=0");
  EXPECT_LT(top.at("teams").as_array().size(), o.at("teams").as_array().size());
  EXPECT_EQ(top.at("on_track").as_int64(), on);
  EXPECT_EQ(top.at("at_risk").as_int64(), risk);
  EXPECT_EQ(top.at("off_track").as_int64(), off);
  int spread = 0;
  for (const auto& n : o.at("distribution").as_array()) spread += static_cast<int>(n.as_int64());
  EXPECT_EQ(spread, objectives);
  EXPECT_EQ(o.at("distribution").as_array().size(), 11u);
  EXPECT_EQ(o.at("attention_total").as_int64(), risk + off);
  const auto& attention = o.at("attention").as_array();
  ASSERT_EQ(attention.size(), 3u);  // the limit
  ASSERT_GT(off, 0) << "the demo has key results off track";
  EXPECT_EQ(attention.front().at("pace").as_string(), "off-track");
  for (std::size_t i = 1; i < attention.size(); ++i) {
    if (attention[i].at("pace") == attention[i - 1].at("pace")) {
      EXPECT_LE(attention[i - 1].at("score").to_number<double>(),
                attention[i].at("score").to_number<double>());
    }
  }
}

// The overview's list filters every key result of the cycle, as the team pages show
// them: by status, owner, objective kind, indicator and unconfirmed dependencies, a
// page at a time; a filter it cannot read is refused, naming it.
TEST_F(Views, OverviewFiltersEveryKeyResultOfTheCycle) {
  struct Facts {
    std::string pace, owner, kind, indicator;
    bool stale = false, unconfirmed = false;
  };
  std::map<std::int64_t, Facts> facts;  // by key result id, from every team's page
  auto all_teams = get("/api/v1/cycles/" + cycle + "/overview?depth=9&limit=1");
  for (const auto& t : all_teams.at("teams").as_array()) {
    auto page = get("/api/v1/cycles/" + cycle + "/teams/" + std::string(t.at("key").as_string()));
    for (const auto& o : page.at("objectives").as_array())
      for (const auto& k : o.at("key_results").as_array()) {
        Facts f{.pace = std::string(k.at("pace").as_string()),
                .owner = k.at("owner").is_string() ? std::string(k.at("owner").as_string()) : "",
                .kind = std::string(o.at("kind").as_string()),
                .indicator = "unsaid",
                .stale = k.at("stale").as_bool(),
                .unconfirmed = k.at("unconfirmed_dependencies").as_int64() > 0};
        if (const auto* i = k.as_object().if_contains("indicator");
            i && i->is_string() && !i->as_string().empty())
          f.indicator = std::string(i->as_string());
        facts[k.at("id").as_int64()] = f;
      }
  }
  ASSERT_EQ(static_cast<std::int64_t>(facts.size()), all_teams.at("key_results").as_int64());
  // The ids a filter lists, checking each item against the team pages.
  auto listed = [&](const std::string& query) {
    auto o = get("/api/v1/cycles/" + cycle + "/overview?limit=500&depth=0" +
                 (query.empty() ? "" : "&" + query));
    std::set<std::int64_t> ids;
    for (const auto& a : o.at("attention").as_array()) {
      const auto id = a.at("key_result").at("id").as_int64();
      EXPECT_TRUE(facts.count(id)) << query;
      EXPECT_TRUE(ids.insert(id).second) << "listed twice: " << id;
      const Facts& f = facts[id];
      EXPECT_EQ(a.at("pace").as_string(), f.pace) << query;
      EXPECT_EQ(a.at("stale").as_bool(), f.stale) << query;
      EXPECT_EQ(a.at("kind").as_string(), f.kind) << query;
    }
    EXPECT_EQ(static_cast<std::int64_t>(ids.size()), o.at("attention_total").as_int64()) << query;
    return ids;
  };
  auto expected = [&](auto keep) {
    std::set<std::int64_t> ids;
    for (const auto& [id, f] : facts)
      if (keep(f)) ids.insert(id);
    return ids;
  };
  EXPECT_EQ(listed("status=any").size(), facts.size());
  EXPECT_EQ(listed(""), expected([](const Facts& f) { return f.pace != "on-track"; }));
  for (std::string pace : {"on-track", "at-risk", "off-track"})
    EXPECT_EQ(listed("status=" + pace), expected([&](const Facts& f) { return f.pace == pace; }));
  const auto stale = listed("status=stale");
  EXPECT_EQ(stale, expected([](const Facts& f) { return f.stale; }));
  const auto committed = listed("status=any&kind=committed");
  EXPECT_EQ(committed, expected([](const Facts& f) { return f.kind == "committed"; }));
  EXPECT_FALSE(committed.empty());
  EXPECT_EQ(listed("status=any&indicator=leading"),
            expected([](const Facts& f) { return f.indicator == "leading"; }));
  EXPECT_EQ(listed("status=any&indicator=unsaid"),
            expected([](const Facts& f) { return f.indicator == "unsaid"; }));
  EXPECT_EQ(listed("status=any&dependencies=unconfirmed"),
            expected([](const Facts& f) { return f.unconfirmed; }));
  EXPECT_EQ(listed("status=any&owner=none"),
            expected([](const Facts& f) { return f.owner.empty(); }));
  const auto ben = listed("status=any&owner=ben%40lumen.example");
  EXPECT_FALSE(ben.empty());
  EXPECT_EQ(ben, expected([](const Facts& f) { return f.owner == "ben@lumen.example"; }));
  // Filters combine.
  EXPECT_EQ(listed("kind=aspirational&owner=ben%40lumen.example"), expected([](const Facts& f) {
              return f.kind == "aspirational" && f.owner == "ben@lumen.example" &&
                     f.pace != "on-track";
            }));
  // A page at a time, in the order of the whole list.
  auto whole = get("/api/v1/cycles/" + cycle + "/overview?status=any&limit=6&depth=0");
  auto second = get("/api/v1/cycles/" + cycle + "/overview?status=any&limit=3&offset=3&depth=0");
  ASSERT_EQ(second.at("attention").as_array().size(), 3u);
  for (std::size_t i = 0; i < 3; ++i)
    EXPECT_EQ(second.at("attention").at(i), whole.at("attention").at(i + 3));
  EXPECT_EQ(second.at("attention_total"), whole.at("attention_total"));
  // Refused, naming what is wrong.
  for (const auto& [query, field] : std::vector<std::pair<std::string, std::string>>{
           {"status=late", "status"},
           {"kind=bold", "kind"},
           {"indicator=early", "indicator"},
           {"dependencies=all", "dependencies"},
           {"offset=-1", "offset"},
           {"owner=nobody%40lumen.example", "owner"}}) {
    auto problem = get("/api/v1/cycles/" + cycle + "/overview?" + query, "maya@lumen.example", 400);
    EXPECT_EQ(problem.at("field").as_string(), field) << query << ": " << problem;
  }
}

TEST_F(Views, ObjectiveDetailHasHistoryLinksAndTree) {
  auto d = get("/api/v1/objectives/growth-first-week/detail");
  const auto& ob = d.at("objective");
  EXPECT_EQ(ob.at("key").as_string(), "growth-first-week");
  for (const auto& k : ob.at("key_results").as_array()) {
    auto history =
        get("/api/v1/key-results/" + std::string(k.at("key").as_string()) + "/check-ins?limit=500");
    const auto& mine = k.at("check_ins").as_array();
    ASSERT_EQ(mine.size(), history.at("items").as_array().size());
    ASSERT_FALSE(mine.empty());
    EXPECT_EQ(mine.back().at("value"), k.at("current")) << "the latest check-in is the value";
    EXPECT_TRUE(mine.back().at("author").is_string());
  }
  ASSERT_TRUE(d.at("parent").is_object());
  EXPECT_EQ(d.at("parent").at("team").as_string(), "lumen");
  // Its children are exactly the objectives that align to it.
  for (const auto& c : d.at("children").as_array()) {
    auto child = get("/api/v1/objectives/" + std::to_string(c.at("id").as_int64()));
    EXPECT_EQ(child.at("parent_id"), ob.at("id"));
  }
  EXPECT_TRUE(d.at("initiatives").is_array());
  get("/api/v1/objectives/no-such-objective/detail", "maya@lumen.example", 404);
  // Without credentials: 401, as every other resource.
  auto anonymous = fetch(server->port(), "GET", "/api/v1/objectives/growth-first-week/detail");
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->result_int(), 401);
}

TEST_F(Views, LintFindingsNameTheirObjectiveAndKeyResultByKey) {
  auto r = fetch(server->port(), "POST", "/api/v1/lint",
                 R"({"objectives":[{"key":"o1","team":"growth","title":"Grow revenue by 20%",
                     "key_results":[{"key":"k1","title":"Ship the pricing page","metric":"boolean"}]}]})",
                 {"Authorization: Bearer " + tokens.at("maya@lumen.example"),
                  "Content-Type: application/json"});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->result_int(), 200) << r->body();
  bool objective_finding = false, kr_finding = false;
  const json::value report = json_of(*r);
  for (const auto& f : report.at("findings").as_array()) {
    if (f.at("rule") == "objective-has-number") {
      objective_finding = true;
      EXPECT_EQ(f.at("objective_key"), "o1");
      EXPECT_TRUE(f.at("key_result_key").is_null());
    }
    if (f.at("key_result_key") == "k1") kr_finding = true;
  }
  EXPECT_TRUE(objective_finding);
  EXPECT_TRUE(kr_finding);
}

TEST_F(Views, TheDashboardIsServedForEveryPageUnderTheStrictPolicy) {
  for (std::string_view page : {"/", "/signin", "/cycles/2027-Q1", "/cycles/2027-Q1/teams/growth",
                                "/objectives/12", "/admin/audit"}) {
    auto r = fetch(server->port(), "GET", page);
    ASSERT_TRUE(r) << page;
    EXPECT_EQ(r->result_int(), 200) << page;
    EXPECT_EQ(r->at("Content-Type"), "text/html; charset=utf-8");
    EXPECT_NE(std::string(r->at("Content-Security-Policy")).find("script-src 'self'"),
              std::string::npos);
    // Every script and style comes from a file the policy allows: nothing inline.
    // The one script is the bundle, loaded by its src, with nothing inline.
    const std::string& html = r->body();
    const auto script = html.find("<script");
    ASSERT_NE(script, std::string::npos);
    EXPECT_EQ(html.find("<script", script + 1), std::string::npos) << "a second script";
    const auto close = html.find("</script>", script);
    EXPECT_NE(html.substr(script, close - script).find(" src=\"/assets/"), std::string::npos);
    EXPECT_EQ(html.rfind('>', close - 1) + 1, close) << "an inline script body";
    EXPECT_EQ(r->body().find("<style"), std::string::npos);
    EXPECT_EQ(r->body().find("style="), std::string::npos);
  }
  auto missing = fetch(server->port(), "GET", "/no/such/page");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->result_int(), 404);
}

TEST_F(Views, AssetsAreCachedForeverAndCompressedOnRequest) {
  auto index = fetch(server->port(), "GET", "/");
  ASSERT_TRUE(index);
  const std::string& html = index->body();
  auto at = html.find("/assets/");
  ASSERT_NE(at, std::string::npos);
  std::string asset = html.substr(at, html.find('"', at) - at);
  auto plain = fetch(server->port(), "GET", asset);
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->result_int(), 200);
  EXPECT_EQ(plain->at("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(plain->count("Content-Encoding"), 0u);
  auto gz = fetch(server->port(), "GET", asset, {}, {"Accept-Encoding: gzip, br"});
  ASSERT_TRUE(gz);
  EXPECT_EQ(gz->at("Content-Encoding"), "gzip");
  EXPECT_LT(gz->body().size(), plain->body().size());
  EXPECT_EQ(gz->body().substr(0, 2), std::string("\x1f\x8b", 2));
  auto again =
      fetch(server->port(), "GET", asset, {}, {"If-None-Match: " + std::string(plain->at("ETag"))});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->result_int(), 304);
  auto unknown = fetch(server->port(), "GET", "/assets/nothing-here.js");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->result_int(), 404);
}

}  // namespace
}  // namespace okr::http

namespace okr::http {
namespace {

// A team's summary reads only its subtree, and scores it exactly as the whole
// company's summary does.
TEST_F(DemoApi, TeamSummaryIsTheSubtreeScoredAsInTheWholeCycle) {
  auto whole = get("/api/v1/cycles/" + cycle + "/summary");
  auto product = get("/api/v1/cycles/" + cycle + "/summary?team=product");
  std::map<std::string, json::value> by_key;
  for (const auto& t : whole.at("teams").as_array())
    by_key[std::string(t.at("key").as_string())] = t;
  std::set<std::string> keys;
  for (const auto& t : product.at("teams").as_array()) {
    const std::string key(t.at("key").as_string());
    keys.insert(key);
    ASSERT_TRUE(by_key.count(key)) << key;
    EXPECT_EQ(t.at("score"), by_key[key].at("score")) << key;
    EXPECT_EQ(t.at("objectives"), by_key[key].at("objectives")) << key;
  }
  EXPECT_TRUE(keys.count("product"));
  EXPECT_TRUE(keys.count("growth"));
  EXPECT_FALSE(keys.count("marketing")) << "a sibling department is not part of product";
  EXPECT_FALSE(keys.count("lumen")) << "nor is the company above it";
  EXPECT_EQ(product.at("teams").at(0).at("depth").as_int64(), 0);
}

}  // namespace
}  // namespace okr::http

namespace okr::http {
namespace {

// The overview is shared between requests, but never after a change: a check-in
// shows in the next one.
TEST_F(DemoApi, TheSharedOverviewFollowsEveryWrite) {
  auto before = get("/api/v1/cycles/" + cycle + "/overview");
  auto again = get("/api/v1/cycles/" + cycle + "/overview");
  EXPECT_EQ(before, again);
  auto r = check_in_at_target("growth-activation");
  ASSERT_EQ(r.result_int(), 201) << r.body();
  auto after = get("/api/v1/cycles/" + cycle + "/overview");
  EXPECT_GT(after.at("score").to_number<double>(), before.at("score").to_number<double>());
}

// An objective's page is shared between readers until the next write, each reader
// with their own rights: a check-in shows in the next read, and a viewer is never
// offered what a lead may do.
TEST_F(DemoApi, TheSharedObjectivePageFollowsEveryWriteWithEachReadersRights) {
  const std::string page = "/api/v1/objectives/growth-first-week/detail";
  auto lead = get(page, "ana@lumen.example");
  EXPECT_EQ(get(page, "ana@lumen.example"), lead);
  auto can_check_in = [](const json::value& v) {
    int n = 0;
    for (const auto& k : v.at("objective").at("key_results").as_array())
      n += k.at("can_check_in").as_bool();
    return n;
  };
  auto first_kr = std::string(lead.at("objective").at("key_results").at(0).at("key").as_string());
  auto r = check_in_at_target(first_kr);
  ASSERT_EQ(r.result_int(), 201) << r.body();
  auto after = get(page, "ana@lumen.example");
  EXPECT_NE(after, lead);
  const auto& history = after.at("objective").at("key_results").at(0).at("check_ins").as_array();
  ASSERT_FALSE(history.empty());
  EXPECT_EQ(history.back().at("value"), get("/api/v1/key-results/" + first_kr).at("target"));
  // The same page, read by someone with other rights, offers them nothing to write.
  EXPECT_GT(can_check_in(after), 0);
  auto viewer = get(page, "vera@lumen.example");
  EXPECT_EQ(can_check_in(viewer), 0);
  EXPECT_FALSE(viewer.at("can_edit").as_bool());
  EXPECT_EQ(get(page, "ana@lumen.example"), after) << "the viewer's read changed nothing";
  EXPECT_EQ(get(page, "vera@lumen.example"), viewer) << "each reader's document is kept apart";
}

// A team's page and its summary are shared between readers too, and equally follow
// every write.
TEST_F(DemoApi, SharedTeamDocumentsFollowEveryWrite) {
  const std::string page_url = "/api/v1/cycles/" + cycle + "/teams/growth";
  const std::string summary_url = "/api/v1/cycles/" + cycle + "/summary?team=growth";
  auto page = get(page_url);
  auto summary = get(summary_url);
  EXPECT_EQ(get(page_url), page);
  EXPECT_EQ(get(summary_url), summary);
  auto r = check_in_at_target("growth-activation");
  ASSERT_EQ(r.result_int(), 201) << r.body();
  auto page_after = get(page_url);
  auto summary_after = get(summary_url);
  EXPECT_GT(page_after.at("score").to_number<double>(), page.at("score").to_number<double>());
  EXPECT_GT(summary_after.at("score").to_number<double>(), summary.at("score").to_number<double>());
}

}  // namespace
}  // namespace okr::http

namespace okr::http {
namespace {

// The company summary comes a page of teams at a time, in tree order, each page with
// the figures of the whole cycle; following `next` gives every team once.
TEST_F(DemoApi, TheSummaryComesAPageOfTeamsAtATime) {
  const std::string url = "/api/v1/cycles/" + cycle + "/summary";
  auto whole = get(url + "?limit=500");
  const auto& all = whole.at("teams").as_array();
  ASSERT_GT(all.size(), 3u);
  EXPECT_EQ(whole.at("teams_total").as_int64(), static_cast<std::int64_t>(all.size()));
  EXPECT_TRUE(whole.at("next").is_null());
  EXPECT_TRUE(whole.at("as_of").is_string());
  EXPECT_EQ(get(url), whole) << "a small organisation fits the first page";

  std::vector<std::string> keys;
  std::string next;
  int pages = 0;
  do {
    auto page = get(url + "?limit=2" + (next.empty() ? "" : "&after=" + next));
    ++pages;
    const auto& teams = page.at("teams").as_array();
    EXPECT_LE(teams.size(), 2u);
    EXPECT_EQ(page.at("score"), whole.at("score")) << "every page carries the cycle's score";
    EXPECT_EQ(page.at("forecast"), whole.at("forecast"));
    EXPECT_EQ(page.at("teams_total"), whole.at("teams_total"));
    for (const auto& t : teams) keys.emplace_back(t.at("key").as_string());
    next = page.at("next").is_null() ? "" : std::string(page.at("next").as_string());
  } while (!next.empty() && pages < 100);
  EXPECT_EQ(pages, static_cast<int>((all.size() + 1) / 2));
  ASSERT_EQ(keys.size(), all.size());
  for (std::size_t i = 0; i < keys.size(); ++i)
    EXPECT_EQ(keys[i], all[i].at("key").as_string()) << "tree order, each team once";

  // A team's subtree pages the same way, the team itself first.
  auto product = get(url + "?team=product&limit=1");
  ASSERT_EQ(product.at("teams").as_array().size(), 1u);
  EXPECT_EQ(product.at("teams").at(0).at("key").as_string(), "product");
  EXPECT_TRUE(product.at("next").is_string());

  // A cursor or a size that makes no sense is refused, naming it.
  auto bad_after = get(url + "?after=999999", "maya@lumen.example", 400);
  EXPECT_EQ(bad_after.at("field").as_string(), "after");
  auto bad_limit = get(url + "?limit=0", "maya@lumen.example", 400);
  EXPECT_EQ(bad_limit.at("field").as_string(), "limit");
}

// The company summary is computed in the background and shared, but a small
// organisation's never lags a write.
TEST_F(DemoApi, TheCompanySummaryFollowsEveryWrite) {
  const std::string url = "/api/v1/cycles/" + cycle + "/summary";
  auto before = get(url);
  EXPECT_EQ(get(url), before);
  auto r = check_in_at_target("growth-activation");
  ASSERT_EQ(r.result_int(), 201) << r.body();
  auto after = get(url);
  EXPECT_GT(after.at("score").to_number<double>(), before.at("score").to_number<double>());
  EXPECT_NE(after.at("as_of"), nullptr);
}

// A team's and the company's score week by week: the last point is the score each page
// shows today, the earlier ones what was known by then, beside the score expected.
TEST_F(DemoApi, TrendsEndOnTheScoreShownTodayAndKeepTheirPast) {
  const std::string url = "/api/v1/cycles/" + cycle + "/trend";
  auto company = get(url);
  EXPECT_TRUE(company.at("team").is_null());
  const auto& points = company.at("points").as_array();
  ASSERT_GE(points.size(), 3u);
  auto summary = get("/api/v1/cycles/" + cycle);
  EXPECT_EQ(points.front().at("date").as_string(), summary.at("start").as_string());
  double last_expected = -1;
  for (const auto& p : points) {
    const double expected = p.at("expected").to_number<double>();
    EXPECT_GE(expected, last_expected) << "the expected score only grows";
    last_expected = expected;
    const double score = p.at("score").to_number<double>();
    EXPECT_GE(score, 0.0);
    EXPECT_LE(score, 1.0);
  }
  EXPECT_LT(points.front().at("score").to_number<double>(),
            points.back().at("score").to_number<double>())
      << "the demo's key results moved over the weeks";
  auto overview = get("/api/v1/cycles/" + cycle + "/overview");
  EXPECT_DOUBLE_EQ(points.back().at("score").to_number<double>(),
                   overview.at("score").to_number<double>());

  auto growth = get(url + "?team=growth");
  EXPECT_EQ(growth.at("team").at("key").as_string(), "growth");
  const auto& mine = growth.at("points").as_array();
  ASSERT_EQ(mine.size(), points.size());
  auto page = get("/api/v1/cycles/" + cycle + "/teams/growth");
  EXPECT_DOUBLE_EQ(mine.back().at("score").to_number<double>(),
                   page.at("score").to_number<double>());

  // A check-in moves today's point, never the weeks before it.
  auto r = check_in_at_target("growth-activation");
  ASSERT_EQ(r.result_int(), 201) << r.body();
  auto moved = get(url + "?team=growth");
  const auto& now = moved.at("points").as_array();
  ASSERT_EQ(now.size(), mine.size());
  for (std::size_t i = 0; i + 1 < now.size(); ++i) EXPECT_EQ(now[i], mine[i]) << i;
  EXPECT_GT(now.back().at("score").to_number<double>(),
            mine.back().at("score").to_number<double>());
  EXPECT_GT(get(url).at("points").as_array().back().at("score").to_number<double>(),
            points.back().at("score").to_number<double>());

  auto unknown = get(url + "?team=nope", "maya@lumen.example", 404);
  EXPECT_EQ(unknown.at("field").as_string(), "team");
  get("/api/v1/cycles/1999-Q1/trend", "maya@lumen.example", 404);
}

}  // namespace
}  // namespace okr::http
