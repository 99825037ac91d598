// Tracker imports and the sprint report over HTTP: status codes, media types, roles,
// and the report's documents.
#include <gtest/gtest.h>

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
