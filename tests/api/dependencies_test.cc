// Dependencies between teams, aligning to a key result and the new key result fields
// over real HTTP, with the demo organisation: who may ask and answer, optimistic
// concurrency, hostile bodies, and the risk in the summary.
#include <gtest/gtest.h>

#include "demo_fixture.h"

namespace okr::http {
namespace {

class DependenciesApi : public DemoApi {
 public:
  testing::HttpResponse send(std::string_view method, const std::string& target,
                             std::string_view body, const std::string& email,
                             std::optional<std::string> if_match = std::nullopt) {
    std::vector<std::string> headers{"Authorization: Bearer " + tokens.at(email)};
    if (!body.empty()) headers.push_back("Content-Type: application/json");
    if (if_match) headers.push_back("If-Match: " + *if_match);
    auto r = fetch(server->port(), method, target, body, headers);
    EXPECT_TRUE(r.has_value());
    return r ? *r : testing::HttpResponse{};
  }
  std::size_t count(const std::string& query = "") {
    return get("/api/v1/dependencies?limit=500" + query).at("items").as_array().size();
  }
  // The key result `key` as the summary shows it.
  json::object summary_kr(const std::string& key) {
    auto s = get("/api/v1/cycles/" + cycle + "/summary");
    for (const auto& t : s.at("teams").as_array())
      for (const auto& o : t.at("objectives").as_array())
        for (const auto& k : o.at("key_results").as_array())
          if (k.at("key").as_string() == key) return k.as_object();
    ADD_FAILURE() << "no key result " << key;
    return {};
  }
};

TEST_F(DependenciesApi, AskedByTheTeamAnsweredByTheOtherAndARiskUntilConfirmed) {
  // The demo's invites key result waits on platform: a pending dependency is a risk.
  EXPECT_EQ(summary_kr("growth-invites").at("unconfirmed_dependencies").to_number<int>(), 1);
  EXPECT_EQ(summary_kr("collab-decision-time").at("unconfirmed_dependencies").to_number<int>(), 0);

  const auto before = count();
  // A viewer may not ask; nothing is written.
  auto viewer =
      post("/api/v1/dependencies", R"({"key_result": "growth-activation", "team": "platform"})",
           "vera@lumen.example");
  EXPECT_EQ(viewer.result_int(), 403) << viewer.body();
  EXPECT_EQ(count(), before);

  auto asked = post("/api/v1/dependencies",
                    R"({"key_result": "growth-activation", "team": "platform",
                        "note": "SSO sign-up by week 6"})",
                    "ana@lumen.example");
  ASSERT_EQ(asked.result_int(), 201) << asked.body();
  auto d = testing::json_of(asked);
  EXPECT_EQ(d.at("state").as_string(), "pending");
  EXPECT_EQ(d.at("team").as_string(), "platform");
  EXPECT_EQ(d.at("asking_team").as_string(), "growth");
  const std::string url = "/api/v1/dependencies/" + std::to_string(d.at("id").to_number<Id>());
  EXPECT_EQ(std::string(asked.at("Location")), url);
  EXPECT_EQ(std::string(asked.at("ETag")), "\"v1\"");
  EXPECT_EQ(summary_kr("growth-activation").at("unconfirmed_dependencies").to_number<int>(), 1);
  EXPECT_EQ(count("&asked_of=platform&state=pending"), 2u);

  // Growth cannot answer for platform; an answer needs If-Match.
  auto wrong = send("PATCH", url, R"({"state": "confirmed"})", "ana@lumen.example", "\"v1\"");
  EXPECT_EQ(wrong.result_int(), 403) << wrong.body();
  auto unconditional = send("PATCH", url, R"({"state": "confirmed"})", "maya@lumen.example");
  EXPECT_EQ(unconditional.result_int(), 428) << unconditional.body();
  auto confirmed = send("PATCH", url, R"({"state": "confirmed", "answer": "sprint 3"})",
                        "maya@lumen.example", "\"v1\"");
  ASSERT_EQ(confirmed.result_int(), 200) << confirmed.body();
  EXPECT_EQ(testing::json_of(confirmed).at("answer").as_string(), "sprint 3");
  auto stale = send("PATCH", url, R"({"state": "declined"})", "maya@lumen.example", "\"v1\"");
  EXPECT_EQ(stale.result_int(), 412) << stale.body();
  EXPECT_EQ(summary_kr("growth-activation").at("unconfirmed_dependencies").to_number<int>(), 0);
  auto page = get("/api/v1/cycles/" + cycle + "/teams/platform");
  EXPECT_EQ(page.at("asked_of").as_array().size(), 2u);

  // Withdrawn by the asking team, not by a viewer.
  EXPECT_EQ(send("DELETE", url, "", "vera@lumen.example", "\"v2\"").result_int(), 403);
  EXPECT_EQ(send("DELETE", url, "", "ana@lumen.example", "\"v2\"").result_int(), 204);
  get(url, "maya@lumen.example", 404);
  EXPECT_EQ(count(), before);
}

TEST_F(DependenciesApi, BadRequestsNameWhatIsWrongAndChangeNothing) {
  const auto before = count();
  struct Case {
    const char* body;
    int status;
    const char* field;
  };
  for (const Case& c : {
           Case{R"({"team": "platform"})", 422, "key_result"},
           Case{R"({"key_result": "growth-activation"})", 422, "team"},
           Case{R"({"key_result": "growth-activation", "team": "platform", "extra": 1})", 422,
                "extra"},
           Case{R"({"key_result": "growth-activation", "team": 7})", 422, "team"},
           Case{R"({"key_result": "no-such-kr", "team": "platform"})", 404, "key_result"},
           Case{R"({"key_result": "growth-activation", "team": "nowhere"})", 404, "team"},
           Case{R"({"key_result": "growth-activation", "team": "growth"})", 422, "team"},
           Case{R"({"key_result": "growth-invites", "team": "platform"})", 409, "team"},
           Case{R"({"key_result": "growth-activation", "team": "platform", "note": "a\u0000b"})",
                422, "note"},
       }) {
    auto r = post("/api/v1/dependencies", c.body, "ana@lumen.example");
    EXPECT_EQ(r.result_int(), c.status) << c.body << ": " << r.body();
    auto problem = testing::json_of(r);
    EXPECT_EQ(std::string(problem.at("field").as_string()), c.field) << c.body << ": " << r.body();
  }
  EXPECT_EQ(count(), before);
  auto list = send("GET", "/api/v1/dependencies?state=maybe", "", "maya@lumen.example");
  EXPECT_EQ(list.result_int(), 400) << list.body();
  auto pending = get("/api/v1/dependencies?asked_of=platform&state=pending").at("items");
  ASSERT_EQ(pending.as_array().size(), 1u);
  const std::string url =
      "/api/v1/dependencies/" + std::to_string(pending.as_array()[0].at("id").to_number<Id>());
  auto back = send("PATCH", url, R"({"state": "pending"})", "maya@lumen.example", "\"v1\"");
  EXPECT_EQ(back.result_int(), 422) << back.body();
  EXPECT_EQ(send("GET", "/api/v1/dependencies/abc", "", "maya@lumen.example").result_int(), 400);
}

TEST_F(DependenciesApi, KeyResultFieldsAndAligningToAKeyResult) {
  auto kr = get("/api/v1/key-results/growth-activation");
  EXPECT_EQ(kr.at("indicator").as_string(), "leading");
  EXPECT_FALSE(kr.at("driven_by_aligned").as_bool());
  const std::string etag = "\"v" + std::to_string(kr.at("version").to_number<int>()) + "\"";
  auto bad = send("PATCH", "/api/v1/key-results/growth-activation", R"({"indicator": "sideways"})",
                  "ana@lumen.example", etag);
  EXPECT_EQ(bad.result_int(), 422) << bad.body();
  EXPECT_EQ(std::string(testing::json_of(bad).at("field").as_string()), "indicator");
  auto cleared = send("PATCH", "/api/v1/key-results/growth-activation", R"({"indicator": null})",
                      "ana@lumen.example", etag);
  ASSERT_EQ(cleared.result_int(), 200) << cleared.body();
  EXPECT_TRUE(testing::json_of(cleared).at("indicator").is_null());
  auto check_in = post("/api/v1/key-results/lumen-nps/check-ins", R"({"value": 40})");
  ASSERT_EQ(check_in.result_int(), 201) << check_in.body();

  // Design's objective serves growth's activation key result; it may not name both parents.
  auto design = get("/api/v1/objectives/design-clarity");
  auto activation = get("/api/v1/key-results/growth-activation");
  EXPECT_EQ(design.at("parent_key_result_id").to_number<Id>(), activation.at("id").to_number<Id>());
  const std::string design_etag =
      "\"v" + std::to_string(design.at("version").to_number<int>()) + "\"";
  auto both = send("PATCH", "/api/v1/objectives/design-clarity",
                   R"({"parent_id": )" + std::to_string(design.at("parent_id").to_number<Id>()) +
                       R"(, "parent_key_result_id": )" +
                       std::to_string(activation.at("id").to_number<Id>()) + "}",
                   "maya@lumen.example", design_etag);
  EXPECT_EQ(both.result_int(), 422) << both.body();
  EXPECT_EQ(std::string(testing::json_of(both).at("field").as_string()), "parent_key_result_id");
  // Aligning to a key result of a team beside (platform's) is refused.
  auto p95 = get("/api/v1/key-results/platform-p95");
  auto sideways =
      send("PATCH", "/api/v1/objectives/design-clarity",
           R"({"parent_key_result_id": )" + std::to_string(p95.at("id").to_number<Id>()) + "}",
           "maya@lumen.example", design_etag);
  EXPECT_EQ(sideways.result_int(), 422) << sideways.body();
  auto detail = get("/api/v1/objectives/growth-first-week/detail");
  bool child = false;
  for (const auto& c : detail.at("children").as_array())
    child = child ||
            (c.at("key").as_string() == "design-clarity" &&
             c.at("parent_key_result_id").to_number<Id>() == activation.at("id").to_number<Id>());
  EXPECT_TRUE(child);
  // Design's page shows the shared objective it contributes to.
  auto page = get("/api/v1/cycles/" + cycle + "/teams/design");
  ASSERT_EQ(page.at("contributes_to").as_array().size(), 1u);
  EXPECT_EQ(page.at("contributes_to").as_array()[0].at("key").as_string(), "growth-first-week");
}

}  // namespace
}  // namespace okr::http
