// Tracker imports and the sprint report over HTTP: status codes, media types, roles,
// and the report's documents.
#include <gtest/gtest.h>

#include <algorithm>

#include "demo_fixture.h"

namespace okr::http {
namespace {

std::string fixture(const std::string& name) {
  return okr::testing::read_text(std::string(OKR_TEST_DATA_DIR) + "/work/" + name);
}

struct WorkApi : DemoApi {
  testing::HttpResponse send(const std::string& method, const std::string& target,
                             std::string_view body, const std::string& type,
                             const std::string& email = "ana@lumen.example") {
    auto r = fetch(server->port(), method, target, body,
                   {"Authorization: Bearer " + tokens.at(email), "Content-Type: " + type});
    EXPECT_TRUE(r.has_value());
    return r ? *r : testing::HttpResponse{};
  }
  Id sprint_id(const std::string& name) {
    auto list = get("/api/v1/sprints?team=growth");
    for (const auto& s : list.at("items").as_array())
      if (s.at("name").as_string() == name) return s.at("id").to_number<Id>();
    ADD_FAILURE() << "no sprint " << name;
    return 0;
  }
};

TEST_F(WorkApi, ImportReportsSkippedRowsByLineAndIsIdempotent) {
  const std::string target = "/api/v1/initiatives/import?format=jira&team=growth";
  auto r = send("POST", target, fixture("jira.csv"), "text/csv; charset=utf-8");
  ASSERT_EQ(r.result_int(), 200) << r.body();
  auto body = json_of(r);
  EXPECT_EQ(body.at("created").to_number<double>(), 5);
  auto skipped = body.at("skipped").as_array();
  ASSERT_EQ(skipped.size(), 3u);
  EXPECT_EQ(skipped[0].at("line").to_number<double>(), 9);
  EXPECT_EQ(skipped[2].at("line").to_number<double>(), 11);

  auto again = json_of(send("POST", target, fixture("jira.csv"), "text/csv"));
  EXPECT_EQ(again.at("created").to_number<double>(), 0);
  EXPECT_EQ(again.at("unchanged").to_number<double>(), 5);
  auto i = get("/api/v1/initiatives/GROW-144");
  EXPECT_EQ(i.at("title").as_string(), "=HYPERLINK(\"http://evil.example\",\"click\")");
}

TEST_F(WorkApi, ImportRefusesWhatItCannotTakeWithoutChangingAnything) {
  std::string before = okr::testing::dump(db.path());
  const std::string target = "/api/v1/initiatives/import?format=jira&team=growth";
  EXPECT_EQ(send("POST", target, fixture("jira.csv"), "application/json").result_int(), 415);
  EXPECT_EQ(send("POST", target, fixture("jira.csv"), "text/plain").result_int(), 415);
  EXPECT_EQ(send("POST", "/api/v1/initiatives/import?team=growth", fixture("jira.csv"), "text/csv")
                .result_int(),
            422);
  EXPECT_EQ(
      send("POST", "/api/v1/initiatives/import?format=trello", fixture("jira.csv"), "text/csv")
          .result_int(),
      422);
  EXPECT_EQ(send("POST", target + "&tema=x", fixture("jira.csv"), "text/csv").result_int(), 400);
  EXPECT_EQ(
      send("POST", target, fixture("jira.csv"), "text/csv", "vera@lumen.example").result_int(),
      403);
  EXPECT_EQ(send("POST", "/api/v1/initiatives/import?format=jira&team=nobody", fixture("jira.csv"),
                 "text/csv")
                .result_int(),
            404);
  auto broken = send("POST", target, "Issue key,Summary,Status\nG-1,\"open,Done\n", "text/csv");
  EXPECT_EQ(broken.result_int(), 422);
  EXPECT_NE(json_of(broken).at("detail").as_string().find("line 2"), std::string::npos);
  std::string garbage;
  for (int k = 0; k < 20000; ++k) garbage.push_back(static_cast<char>((k * 7919 + 13) % 256));
  auto g = send("POST", target, garbage, "text/csv");
  EXPECT_GE(g.result_int(), 200);
  EXPECT_LT(g.result_int(), 500);
  if (g.result_int() == 200) {
    EXPECT_EQ(json_of(g).at("created").to_number<double>(), 0);
  } else {
    EXPECT_EQ(okr::testing::dump(db.path()), before);
  }
}

TEST_F(WorkApi, SprintReportAsJsonMarkdownAndCsv) {
  send("POST", "/api/v1/initiatives/import?format=jira&team=growth", fixture("jira.csv"),
       "text/csv");
  Id id = sprint_id("Growth 4");
  // Growth 4 now holds GROW-142 (done, linked), GROW-143 (in progress), GROW-144 and
  // GROW-145 (done, linked to nothing), and the demo's GROW-131 (planned).
  auto r = get("/api/v1/sprints/" + std::to_string(id) + "/report", "vera@lumen.example");
  EXPECT_EQ(r.at("done").to_number<double>(), 3);
  EXPECT_EQ(r.at("linked_done").to_number<double>(), 1);
  EXPECT_DOUBLE_EQ(r.at("linked_share").to_number<double>(), 1.0 / 3);
  ASSERT_EQ(r.at("objectives").as_array().size(), 1u);
  auto kr = r.at("objectives").as_array()[0].at("key_results").as_array()[0];
  EXPECT_EQ(kr.at("key").as_string(), "growth-activation");
  EXPECT_EQ(r.at("unlinked_done").as_array().size(), 2u);
  EXPECT_EQ(r.at("not_done").as_array().size(), 2u);

  auto csv =
      fetch(server->port(), "GET", "/api/v1/sprints/" + std::to_string(id) + "/report?format=csv",
            {}, {"Authorization: Bearer " + tokens.at("vera@lumen.example")});
  ASSERT_TRUE(csv);
  EXPECT_EQ(csv->result_int(), 200);
  EXPECT_EQ(std::string((*csv)[boost::beast::http::field::content_type]),
            "text/csv; charset=utf-8");
  EXPECT_NE(csv->body().find("\"'=HYPERLINK("), std::string::npos);
  auto md = fetch(server->port(), "GET",
                  "/api/v1/sprints/" + std::to_string(id) + "/report?format=markdown", {},
                  {"Authorization: Bearer " + tokens.at("vera@lumen.example")});
  ASSERT_TRUE(md);
  EXPECT_NE(md->body().find("1 of 3 finished work items (33.3 %)"), std::string::npos);

  get("/api/v1/sprints/" + std::to_string(id) + "/report?format=pdf", "maya@lumen.example", 422);
  get("/api/v1/sprints/999999/report", "maya@lumen.example", 404);
  get("/api/v1/sprints/growth-4/report", "maya@lumen.example", 404);
}

}  // namespace
}  // namespace okr::http

namespace okr::http {
namespace {

// A team's sprints page: every report newest first, a page at a time with the cursor
// the previous page gave, the same reports as one sprint's own, and the work in no
// sprint with the key results it serves.
TEST_F(WorkApi, SprintWorkPagesATeamsSprintsNewestFirst) {
  const auto growth = get("/api/v1/teams/growth").at("id").to_number<Id>();
  for (int i = 1; i <= 5; ++i) {
    auto r =
        post("/api/v1/sprints", R"({"team_id":)" + std::to_string(growth) + R"(,"name":"Later )" +
                                    std::to_string(i) + R"(","start":"2027-0)" + std::to_string(i) +
                                    R"(-01","end":"2027-0)" + std::to_string(i) + R"(-14"})");
    ASSERT_EQ(r.result_int(), 201) << r.body();
  }
  auto all = get("/api/v1/sprints?team=growth&limit=500");
  const auto total = all.at("items").as_array().size();
  ASSERT_GE(total, 6u);
  // Walk the pages two at a time: each sprint once, the newest (latest start) first.
  std::vector<std::string> seen;
  std::string before;
  for (int page = 0; page < 20; ++page) {
    auto w = get("/api/v1/teams/growth/sprint-work?limit=2" +
                 (before.empty() ? "" : "&before=" + before));
    EXPECT_EQ(w.at("sprints_total").as_int64(), static_cast<std::int64_t>(total));
    EXPECT_EQ(w.at("team").at("key").as_string(), "growth");
    for (const auto& r : w.at("sprints").as_array())
      seen.push_back(std::string(r.at("sprint").at("start").as_string()) + " " +
                     std::string(r.at("sprint").at("name").as_string()));
    if (w.at("next").is_null()) break;
    before = std::string(w.at("next").as_string());
  }
  ASSERT_EQ(seen.size(), total);
  EXPECT_EQ(seen.front(), "2027-05-01 Later 5");
  EXPECT_TRUE(std::is_sorted(seen.rbegin(), seen.rend())) << "newest first";
  // A report on the page is the sprint's own report.
  auto first = get("/api/v1/teams/growth/sprint-work?limit=1");
  const auto id = first.at("sprints").at(0).at("sprint").at("id").to_number<Id>();
  EXPECT_EQ(first.at("sprints").at(0), get("/api/v1/sprints/" + std::to_string(id) + "/report"));
  // Work in no sprint, with its key results by title.
  auto kr = get("/api/v1/key-results/growth-activation");
  auto made =
      post("/api/v1/initiatives", R"({"key":"GROW-900","title":"Checklist copy","team_id":)" +
                                      std::to_string(growth) + R"(,"key_result_ids":[)" +
                                      std::to_string(kr.at("id").to_number<Id>()) + "]}");
  ASSERT_EQ(made.result_int(), 201) << made.body();
  auto w = get("/api/v1/teams/growth/sprint-work");
  bool found = false;
  for (const auto& i : w.at("unplanned").as_array())
    if (i.at("key") == "GROW-900") {
      found = true;
      EXPECT_EQ(i.at("key_results").at(0).at("title"), kr.at("title"));
    }
  EXPECT_TRUE(found);
  std::vector<std::string> keys;
  for (const auto& i : w.at("unplanned").as_array())
    keys.push_back(std::string(i.at("key").as_string()));
  EXPECT_TRUE(std::is_sorted(keys.begin(), keys.end())) << "work in no sprint comes by key";
  EXPECT_EQ(w.at("unplanned_total").as_int64(),
            static_cast<std::int64_t>(w.at("unplanned").as_array().size()));
  // Refused, naming what is wrong.
  get("/api/v1/teams/growth/sprint-work?before=999999", "maya@lumen.example", 400);
  for (const char* limit : {"25", "600", "0", "", "x"}) {
    auto problem = get("/api/v1/teams/growth/sprint-work?limit=" + std::string(limit),
                       "maya@lumen.example", 400);
    EXPECT_EQ(problem.at("field"), "limit");
    EXPECT_NE(std::string(problem.at("detail").as_string()).find("1 to 24"), std::string::npos)
        << limit;
  }
  get("/api/v1/teams/nobody/sprint-work", "maya@lumen.example", 404);
}

}  // namespace
}  // namespace okr::http
