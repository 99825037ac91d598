// The API as a script uses it: the current cycle by name, a team's key results with
// what they read as now, check-ins newest first or only the latest, and keys where
// write bodies take ids.
#include <gtest/gtest.h>

#include "demo_fixture.h"

namespace okr::http {
namespace {

using Scripting = DemoApi;

testing::HttpResponse send(Scripting& t, const std::string& method, const std::string& target,
                           const std::string& body, const std::string& email,
                           const std::vector<std::string>& extra = {}) {
  std::vector<std::string> h{"Authorization: Bearer " + t.tokens.at(email),
                             "Content-Type: application/json"};
  h.insert(h.end(), extra.begin(), extra.end());
  auto r = fetch(t.server->port(), method, target, body, h);
  EXPECT_TRUE(r.has_value());
  return r ? *r : testing::HttpResponse{};
}

TEST_F(Scripting, CurrentNamesTheCycleOfToday) {
  auto current = get("/api/v1/cycles/current");
  EXPECT_EQ(current.at("name").as_string(), cycle);
  EXPECT_EQ(get("/api/v1/cycles/CURRENT").at("id"), current.at("id"));
  EXPECT_EQ(get("/api/v1/objectives?team=growth&cycle=current"),
            get("/api/v1/objectives?team=growth&cycle=" + cycle));
  EXPECT_EQ(get("/api/v1/cycles/current/teams/growth").at("team").at("key").as_string(), "growth");
  EXPECT_TRUE(get("/api/v1/cycles/current/summary?team=growth").is_object());
  auto unknown = get("/api/v1/objectives?cycle=2019-Q9", "maya@lumen.example", 400);
  EXPECT_EQ(unknown.at("field").as_string(), "cycle");
}

TEST_F(Scripting, KeyResultsOfATeamReadAsTheyStandNow) {
  auto list = get("/api/v1/key-results?team=growth&cycle=current&limit=500");
  auto items = list.at("items").as_array();
  ASSERT_FALSE(items.empty());
  std::set<Id> growth_objectives;
  auto objectives = get("/api/v1/objectives?team=growth&cycle=current");
  for (const auto& o : objectives.at("items").as_array())
    growth_objectives.insert(o.at("id").to_number<Id>());
  for (const auto& k : items) {
    EXPECT_TRUE(growth_objectives.count(k.at("objective_id").to_number<Id>()))
        << k.at("key").as_string() << " is not growth's";
    for (const char* field : {"current", "score", "status", "last_check_in_at"})
      EXPECT_TRUE(k.as_object().contains(field)) << field;
    const double score = k.at("score").to_number<double>();
    EXPECT_GE(score, 0);
    EXPECT_LE(score, 1);
    std::string status(k.at("status").as_string());
    EXPECT_TRUE(status == "on-track" || status == "at-risk" || status == "off-track") << status;
  }

  // After a check-in the list and the single read say so at once.
  auto r = send(*this, "POST", "/api/v1/key-results/growth-activation/check-ins",
                R"({"value": 62.5, "confidence": 0.8})", "ana@lumen.example");
  ASSERT_EQ(r.result_int(), 201) << r.body();
  auto at = json_of(r).at("at");
  auto one = get("/api/v1/key-results/growth-activation");
  EXPECT_DOUBLE_EQ(one.at("current").to_number<double>(), 62.5);
  // 55% → 70%: (62.5 − 55) / 15.
  EXPECT_DOUBLE_EQ(one.at("score").to_number<double>(), 0.5);
  EXPECT_EQ(one.at("last_check_in_at"), at);
  auto after = get("/api/v1/key-results?team=growth&cycle=current&limit=500");
  for (const auto& k : after.at("items").as_array())
    if (k.at("key").as_string() == "growth-activation") {
      EXPECT_DOUBLE_EQ(k.at("current").to_number<double>(), 62.5);
      EXPECT_EQ(k.at("status"), one.at("status"));
    }
  // The team's key results agree with its page.
  auto page = get("/api/v1/cycles/current/teams/growth");
  for (const auto& o : page.at("objectives").as_array())
    for (const auto& k : o.at("key_results").as_array())
      for (const auto& l : after.at("items").as_array())
        if (l.at("id") == k.at("id")) {
          EXPECT_NEAR(l.at("score").to_number<double>(), k.at("score").to_number<double>(), 1e-9)
              << l.at("key").as_string();
          EXPECT_EQ(l.at("status"), k.at("pace")) << l.at("key").as_string();
        }

  auto bad = get("/api/v1/key-results?team=grwoth", "maya@lumen.example", 400);
  EXPECT_EQ(bad.at("field").as_string(), "team");
  EXPECT_NE(bad.at("detail").as_string().find("growth"), std::string::npos);
}

TEST_F(Scripting, CheckInsNewestFirstOrOnlyTheLatest) {
  for (double v : {58.0, 59.5, 61.0}) {
    auto r = send(*this, "POST", "/api/v1/key-results/growth-activation/check-ins",
                  R"({"value": )" + std::to_string(v) + "}", "ana@lumen.example");
    ASSERT_EQ(r.result_int(), 201) << r.body();
  }
  auto asc =
      get("/api/v1/key-results/growth-activation/check-ins?limit=500").at("items").as_array();
  auto desc = get("/api/v1/key-results/growth-activation/check-ins?order=desc&limit=500")
                  .at("items")
                  .as_array();
  ASSERT_EQ(asc.size(), desc.size());
  EXPECT_EQ(asc.front(), desc.back());
  EXPECT_DOUBLE_EQ(desc.front().at("value").to_number<double>(), 61.0);
  auto latest =
      get("/api/v1/key-results/growth-activation/check-ins?latest=1").at("items").as_array();
  ASSERT_EQ(latest.size(), 1u);
  EXPECT_EQ(latest[0], desc.front());
  // Pages of the newest first follow one another.
  auto first = get("/api/v1/key-results/growth-activation/check-ins?order=desc&limit=2");
  ASSERT_TRUE(first.at("next").is_string());
  auto second = get("/api/v1/key-results/growth-activation/check-ins?order=desc&limit=2&after=" +
                    std::string(first.at("next").as_string()));
  EXPECT_EQ(second.at("items").as_array()[0], desc[2]);

  EXPECT_EQ(
      get("/api/v1/key-results/growth-activation/check-ins?order=newest", "maya@lumen.example", 400)
          .at("field")
          .as_string(),
      "order");
  EXPECT_EQ(
      get("/api/v1/key-results/growth-activation/check-ins?latest=2", "maya@lumen.example", 400)
          .at("field")
          .as_string(),
      "latest");
}

TEST_F(Scripting, WriteBodiesTakeKeysWhereTheyTakeIds) {
  auto created = send(*this, "POST", "/api/v1/objectives",
                      R"({"key": "growth-word-of-mouth", "cycle": "current", "team": "growth",
                          "owner": "ana@lumen.example", "title": "Customers bring their friends"})",
                      "ana@lumen.example");
  ASSERT_EQ(created.result_int(), 201) << created.body();
  auto o = json_of(created);
  EXPECT_EQ(o.at("team_id").to_number<Id>(), get("/api/v1/teams/growth").at("id").to_number<Id>());
  EXPECT_EQ(o.at("cycle_id"), get("/api/v1/cycles/current").at("id"));
  EXPECT_EQ(o.at("owner_id").to_number<Id>(),
            get("/api/v1/users/ana@lumen.example").at("id").to_number<Id>());

  auto kr = send(*this, "POST", "/api/v1/key-results",
                 R"({"key": "growth-referrals", "objective": "growth-word-of-mouth",
                     "owner": "ben@lumen.example", "title": "Referred sign-ups from 4% to 10%",
                     "metric": "percent", "start": 4, "target": 10})",
                 "ana@lumen.example");
  ASSERT_EQ(kr.result_int(), 201) << kr.body();
  EXPECT_EQ(json_of(kr).at("objective_id"), o.at("id"));

  // Both forms, a key that names nothing, the wrong type: refused naming the field, and
  // nothing written.
  std::string before = okr::testing::dump(db.path());
  auto both = send(*this, "POST", "/api/v1/objectives",
                   R"({"key": "growth-x", "cycle": "current", "team": "growth", "team_id": 1,
                       "title": "Something"})",
                   "ana@lumen.example");
  EXPECT_EQ(both.result_int(), 422) << both.body();
  EXPECT_EQ(json_of(both).at("field").as_string(), "team");
  auto unknown = send(*this, "POST", "/api/v1/objectives",
                      R"({"key": "growth-x", "cycle": "current", "team": "grwoth",
                          "title": "Something"})",
                      "ana@lumen.example");
  EXPECT_EQ(unknown.result_int(), 422);
  EXPECT_EQ(json_of(unknown).at("field").as_string(), "team");
  EXPECT_NE(json_of(unknown).at("detail").as_string().find("growth"), std::string::npos);
  auto nobody = send(*this, "POST", "/api/v1/key-results",
                     R"({"key": "growth-y", "objective": "growth-word-of-mouth",
                         "owner": "nobody@lumen.example", "title": "Y", "start": 1, "target": 2})",
                     "ana@lumen.example");
  EXPECT_EQ(nobody.result_int(), 422);
  EXPECT_EQ(json_of(nobody).at("field").as_string(), "owner");
  auto typed = send(*this, "POST", "/api/v1/objectives",
                    R"({"key": "growth-x", "cycle": ["current"], "team": "growth",
                        "title": "Something"})",
                    "ana@lumen.example");
  EXPECT_GE(typed.result_int(), 400);
  EXPECT_LT(typed.result_int(), 500);
  EXPECT_EQ(json_of(typed).at("field").as_string(), "cycle");
  // Roles still rule: a viewer cannot create, whatever the form.
  EXPECT_EQ(send(*this, "POST", "/api/v1/objectives",
                 R"({"key": "growth-z", "cycle": "current", "team": "growth", "title": "Z"})",
                 "vera@lumen.example")
                .result_int(),
            403);
  EXPECT_EQ(okr::testing::dump(db.path()), before);

  // PATCH with a key; null clears an owner.
  auto current = fetch(server->port(), "GET", "/api/v1/objectives/growth-word-of-mouth", {},
                       {"Authorization: Bearer " + tokens.at("ana@lumen.example")});
  std::string etag((*current)[boost::beast::http::field::etag]);
  auto patched = send(*this, "PATCH", "/api/v1/objectives/growth-word-of-mouth",
                      R"({"owner": null, "parent": "lumen-teams-love"})", "maya@lumen.example",
                      {"If-Match: " + etag});
  ASSERT_EQ(patched.result_int(), 200) << patched.body();
  EXPECT_TRUE(json_of(patched).at("owner_id").is_null());
  EXPECT_EQ(json_of(patched).at("parent_id"), get("/api/v1/objectives/lumen-teams-love").at("id"));
}

// ?team= alone reads the current cycle, as `okr status --team` does; another cycle by name.
TEST_F(Scripting, ATeamWithoutACycleIsTheCurrentCycle) {
  EXPECT_EQ(get("/api/v1/objectives?team=growth&limit=500"),
            get("/api/v1/objectives?team=growth&cycle=current&limit=500"));
  EXPECT_EQ(get("/api/v1/key-results?team=growth&limit=500"),
            get("/api/v1/key-results?team=growth&cycle=current&limit=500"));
  const auto current = get("/api/v1/cycles/current").at("id");
  bool older = false;
  const auto cycles = get("/api/v1/cycles");
  for (const auto& c : cycles.at("items").as_array()) {
    if (c.at("id") == current) continue;
    const auto objectives =
        get("/api/v1/objectives?team=growth&cycle=" + std::string(c.at("name").as_string()));
    for (const auto& o : objectives.at("items").as_array()) {
      older = true;
      EXPECT_EQ(o.at("cycle_id"), c.at("id"));
    }
  }
  EXPECT_TRUE(older) << "the demo's growth team has objectives in an earlier cycle";
  const auto growth = get("/api/v1/objectives?team=growth");
  for (const auto& o : growth.at("items").as_array()) EXPECT_EQ(o.at("cycle_id"), current);
  // Without a team, every cycle as before.
  EXPECT_GT(
      get("/api/v1/objectives?owner=ana@lumen.example&limit=500").at("items").as_array().size(),
      get("/api/v1/objectives?owner=ana@lumen.example&cycle=current&limit=500")
          .at("items")
          .as_array()
          .size());
}

// Every write body that takes an id takes the key a script knows instead.
TEST_F(Scripting, EveryWriteBodyTakesKeys) {
  const auto id_of = [&](const std::string& target) {
    return get(target).at("id").to_number<Id>();
  };
  auto sprint = send(*this, "POST", "/api/v1/sprints",
                     R"({"team": "growth", "name": "Growth 9", "start": "2026-12-10",
                         "end": "2026-12-23"})",
                     "ana@lumen.example");
  ASSERT_EQ(sprint.result_int(), 201) << sprint.body();
  EXPECT_EQ(json_of(sprint).at("team_id").to_number<Id>(), id_of("/api/v1/teams/growth"));

  auto work = send(*this, "POST", "/api/v1/initiatives",
                   R"({"key": "GROW-77", "title": "Referral link in the invite e-mail",
                       "team": "growth", "sprint": "Growth 9",
                       "key_results": ["growth-activation", "growth-invites"]})",
                   "ana@lumen.example");
  ASSERT_EQ(work.result_int(), 201) << work.body();
  auto w = json_of(work);
  EXPECT_EQ(w.at("sprint_id"), json_of(sprint).at("id"));
  ASSERT_EQ(w.at("key_result_ids").as_array().size(), 2u);
  EXPECT_EQ(w.at("key_result_ids").at(0).to_number<Id>(),
            id_of("/api/v1/key-results/growth-activation"));

  auto kpi = send(*this, "POST", "/api/v1/kpis",
                  R"({"key": "growth-trials", "name": "Trials a week", "team": "growth"})",
                  "maya@lumen.example");
  ASSERT_EQ(kpi.result_int(), 201) << kpi.body();
  EXPECT_EQ(json_of(kpi).at("team").as_string(), "growth");

  auto objective = send(*this, "POST", "/api/v1/objectives",
                        R"({"key": "growth-trials-obj", "cycle": "current", "team": "growth",
                            "title": "Trials that turn into teams",
                            "contributing_teams": ["design", "platform"],
                            "key_results": [{"key": "growth-trial-count", "title": "Trials",
                                             "start": 100, "target": 150, "kpi": "growth-trials"}]})",
                        "ana@lumen.example");
  ASSERT_EQ(objective.result_int(), 201) << objective.body();
  auto o = json_of(objective);
  ASSERT_EQ(o.at("contributing_team_ids").as_array().size(), 2u);
  EXPECT_EQ(o.at("key_results").at(0).at("kpi_id"), json_of(kpi).at("id"));

  auto team = send(*this, "POST", "/api/v1/teams",
                   R"({"key": "growth-lab", "name": "Growth lab", "parent": "growth",
                       "lead": "ben@lumen.example"})",
                   "maya@lumen.example");
  ASSERT_EQ(team.result_int(), 201) << team.body();
  EXPECT_EQ(json_of(team).at("parent_id").to_number<Id>(), id_of("/api/v1/teams/growth"));

  auto review = send(*this, "PUT", "/api/v1/reviews/growth-first-week",
                     R"({"overrides": [{"key_result": "growth-activation", "score": 0.6,
                                        "reason": "trials were counted twice in October"}]})",
                     "ana@lumen.example");
  ASSERT_EQ(review.result_int(), 201) << review.body();
  EXPECT_NE(review.body().find("trials were counted twice"), std::string::npos);

  // A key that names nothing: 422 naming the field (and its place in a list), nothing written.
  std::string before = okr::testing::dump(db.path());
  const std::pair<const char*, const char*> refused[] = {
      {"/api/v1/initiatives",
       R"({"title": "X", "team": "growth", "key_results": ["growth-activation", "nope"]})"},
      {"/api/v1/initiatives", R"({"title": "X", "team": "growth", "sprint": "Growth 99"})"},
      {"/api/v1/sprints", R"({"team": "grwoth", "name": "S", "start": "2026-12-10",
                              "end": "2026-12-23"})"},
      {"/api/v1/kpis", R"({"key": "k", "name": "K", "team": "nope"})"},
      {"/api/v1/teams", R"({"key": "t", "name": "T", "lead": "nobody@lumen.example"})"},
      {"/api/v1/objectives", R"({"key": "growth-o", "cycle": "current", "team": "growth",
                                 "title": "O", "contributing_teams": ["desing"]})"},
  };
  const char* fields[] = {"key_results[1]", "sprint", "team",
                          "team",           "lead",   "contributing_teams[0]"};
  for (std::size_t i = 0; i < std::size(refused); ++i) {
    auto r = send(*this, "POST", refused[i].first, refused[i].second, "maya@lumen.example");
    EXPECT_EQ(r.result_int(), 422) << refused[i].second << ": " << r.body();
    EXPECT_EQ(json_of(r).at("field").as_string(), fields[i]) << r.body();
  }
  auto both = send(*this, "POST", "/api/v1/sprints",
                   R"({"team": "growth", "team_id": 1, "name": "S", "start": "2026-12-10",
                       "end": "2026-12-23"})",
                   "ana@lumen.example");
  EXPECT_EQ(both.result_int(), 422);
  EXPECT_EQ(okr::testing::dump(db.path()), before);
}

}  // namespace
}  // namespace okr::http
