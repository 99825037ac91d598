// The end of a cycle over HTTP: check-in rules, the cycle's states and its lock,
// the grading document, retrospectives, carry-over, reminders, health, the report
// and the organisation's status rule. On the demo organisation (today 2027-02-15,
// the current cycle 2027-Q1 active, 2026-Q4 closed and graded).
#include <gtest/gtest.h>

#include "demo_fixture.h"

namespace okr::http {
namespace {

class Grading : public DemoApi {
 public:
  testing::HttpResponse send(const std::string& method, const std::string& target,
                             std::string_view body, const std::string& email = "maya@lumen.example",
                             std::vector<std::string> headers = {}) {
    headers.push_back("Authorization: Bearer " + tokens.at(email));
    headers.push_back("Content-Type: application/json");
    auto r = fetch(server->port(), method, target, body, headers);
    EXPECT_TRUE(r.has_value());
    return r ? *r : testing::HttpResponse{};
  }
  std::string previous() {
    const auto cycles = get("/api/v1/cycles");
    for (const auto& c : cycles.at("items").as_array())
      if (c.at("state").as_string() == "closed") return std::string(c.at("name").as_string());
    ADD_FAILURE() << "the demo has no closed cycle";
    return "";
  }
  std::string field_of(const testing::HttpResponse& r) {
    auto j = json_of(r);
    return j.is_object() && j.as_object().contains("field") ? std::string(j.at("field").as_string())
                                                            : "";
  }
};

TEST_F(Grading, ACheckInOutsideItsCycleIsRefusedNamingTheCycle) {
  const std::string before = okr::testing::dump(db.path());
  auto r = post(
      "/api/v1/check-ins",
      R"({"check_ins":[{"key_result":"growth-activation","value":60,"at":"2026-01-01T00:00:00Z"}]})",
      "ana@lumen.example");
  EXPECT_EQ(r.result_int(), 422) << r.body();
  EXPECT_EQ(field_of(r), "check_ins[0].at");
  EXPECT_NE(r.body().find("2027-Q1"), std::string::npos) << r.body();
  EXPECT_NE(r.body().find("before it starts"), std::string::npos) << r.body();
  EXPECT_EQ(okr::testing::dump(db.path()), before);
}

TEST_F(Grading, ALowConfidenceCheckInNeedsANote) {
  auto r = post("/api/v1/check-ins",
                R"({"check_ins":[{"key_result":"growth-activation","value":60,"confidence":0.3}]})",
                "ana@lumen.example");
  EXPECT_EQ(r.result_int(), 422) << r.body();
  EXPECT_EQ(field_of(r), "check_ins[0].note");
  r = post("/api/v1/check-ins",
           R"({"check_ins":[{"key_result":"growth-activation","value":60,"confidence":0.3,
               "note":"blocked on the billing migration"}]})",
           "ana@lumen.example");
  EXPECT_EQ(r.result_int(), 201) << r.body();
  // Confidence 0.4 is medium: no note needed.
  r = post("/api/v1/check-ins",
           R"({"check_ins":[{"key_result":"growth-activation","value":61,"confidence":0.4}]})",
           "ana@lumen.example");
  EXPECT_EQ(r.result_int(), 201) << r.body();
}

// A key result that follows a KPI scores from its measurements: once its cycle is
// closed, a measurement dated inside it would change the final grade and the report.
TEST_F(Grading, ABackdatedMeasurementCannotChangeAClosedCyclesGrade) {
  const std::string prev = previous();
  const std::string state = "/api/v1/cycles/" + prev + "/state";
  const std::string kr = "/api/v1/key-results/lumen-nps-2026q4";
  ASSERT_EQ(send("POST", state, R"({"state":"grading"})").result_int(), 200);
  const auto kpi = get("/api/v1/kpis/support-backlog").at("id").as_int64();
  auto follow = send("PATCH", kr, R"({"kpi_id":)" + std::to_string(kpi) + "}", "maya@lumen.example",
                     {"If-Match: \"v" + std::to_string(get(kr).at("version").as_int64()) + "\""});
  ASSERT_EQ(follow.result_int(), 200) << follow.body();
  ASSERT_EQ(send("POST", state, R"({"state":"closed"})").result_int(), 200);
  const auto grading = get("/api/v1/cycles/" + prev + "/grading");
  const std::string before = okr::testing::dump(db.path());

  const std::string measure = "/api/v1/kpis/support-backlog/measurements";
  auto inside = send("POST", measure, R"({"value":24,"at":"2026-12-30T12:00:00Z"})");
  EXPECT_EQ(inside.result_int(), 409) << inside.body();
  EXPECT_EQ(field_of(inside), "at");
  EXPECT_NE(inside.body().find(prev), std::string::npos) << inside.body();
  EXPECT_NE(inside.body().find("lumen-nps-2026q4"), std::string::npos) << inside.body();
  EXPECT_EQ(okr::testing::dump(db.path()), before);
  EXPECT_EQ(json::serialize(get("/api/v1/cycles/" + prev + "/grading")), json::serialize(grading));

  // Today's measurement, and an old one that is not the latest by the cycle's end, change
  // nothing of the closed cycle and are recorded.
  EXPECT_EQ(send("POST", measure, R"({"value":24})").result_int(), 201);
  EXPECT_EQ(send("POST", measure, R"({"value":24,"at":"2026-06-01T00:00:00Z"})").result_int(), 201);
  EXPECT_EQ(json::serialize(get("/api/v1/cycles/" + prev + "/grading")), json::serialize(grading));
}

TEST_F(Grading, CyclesMoveOneStepAtATimeByAdministratorsAndTopLeads) {
  const std::string state = "/api/v1/cycles/" + cycle + "/state";
  EXPECT_EQ(send("POST", state, R"({"state":"grading"})", "ben@lumen.example").result_int(), 403);
  // ana leads growth, which has a team above it.
  EXPECT_EQ(send("POST", state, R"({"state":"grading"})", "ana@lumen.example").result_int(), 403);
  auto skip = send("POST", state, R"({"state":"closed"})");
  EXPECT_EQ(skip.result_int(), 422) << skip.body();
  EXPECT_NE(skip.body().find("next to grading"), std::string::npos) << skip.body();
  EXPECT_EQ(send("POST", state, R"({"state":"grading"})").result_int(), 200);
  auto closed = send("POST", state, R"({"state":"closed"})");
  ASSERT_EQ(closed.result_int(), 200) << closed.body();
  EXPECT_EQ(json_of(closed).at("state").as_string(), "closed");
  EXPECT_EQ(send("POST", state, R"({"state":"closed"})").result_int(), 409);
  EXPECT_EQ(send("POST", state, R"({"state":"banana"})").result_int(), 422);
}

TEST_F(Grading, AClosedCycleIsLockedUntilAnAdministratorReopensIt) {
  const std::string state = "/api/v1/cycles/" + cycle + "/state";
  ASSERT_EQ(send("POST", state, R"({"state":"grading"})").result_int(), 200);
  ASSERT_EQ(send("POST", state, R"({"state":"closed"})").result_int(), 200);
  const std::string before = okr::testing::dump(db.path());

  auto check_in =
      post("/api/v1/check-ins", R"({"check_ins":[{"key_result":"growth-activation","value":60}]})",
           "ana@lumen.example");
  EXPECT_EQ(check_in.result_int(), 409) << check_in.body();
  EXPECT_NE(check_in.body().find("locked"), std::string::npos) << check_in.body();
  auto kr = get("/api/v1/key-results/growth-activation");
  auto edit = send("PATCH", "/api/v1/key-results/growth-activation", R"({"title":"Changed"})",
                   "ana@lumen.example",
                   {"If-Match: \"v" + std::to_string(kr.at("version").as_int64()) + "\""});
  EXPECT_EQ(edit.result_int(), 409) << edit.body();
  EXPECT_EQ(field_of(edit), "cycle");
  auto objective = get("/api/v1/objectives/growth-first-week");
  auto review = send("PUT", "/api/v1/reviews/" + std::to_string(objective.at("id").as_int64()),
                     R"({"what_worked":"late edit"})", "ana@lumen.example");
  EXPECT_EQ(review.result_int(), 409) << review.body();
  auto retro = send("PUT", "/api/v1/cycles/" + cycle + "/retrospective?team=growth",
                    R"({"problem":"late"})", "ana@lumen.example");
  EXPECT_EQ(retro.result_int(), 409) << retro.body();
  EXPECT_EQ(okr::testing::dump(db.path()), before);

  // The summary of a closed cycle shows final bands, no pace and no forecast.
  auto summary = get("/api/v1/cycles/" + cycle + "/summary?team=growth");
  const auto& o = summary.at("teams").at(0).at("objectives").at(0).as_object();
  EXPECT_FALSE(o.contains("pace"));
  EXPECT_TRUE(o.at("forecast").is_null());
  EXPECT_FALSE(o.at("key_results").at(0).as_object().contains("pace"));

  EXPECT_EQ(send("POST", state, R"({"state":"grading"})", "ana@lumen.example").result_int(), 403);
  ASSERT_EQ(send("POST", state, R"({"state":"grading"})").result_int(), 200);
  bool audited = false;
  const auto events = get("/api/v1/audit-events?limit=20");
  for (const auto& e : events.at("items").as_array())
    if (e.at("action").as_string() == "reopen" && e.at("entity_type").as_string() == "cycle")
      audited = true;
  EXPECT_TRUE(audited);
  EXPECT_EQ(
      post("/api/v1/check-ins", R"({"check_ins":[{"key_result":"growth-activation","value":60}]})",
           "ana@lumen.example")
          .result_int(),
      201);
}

TEST_F(Grading, TheGradingDocumentOfAClosedCycle) {
  auto d = get("/api/v1/cycles/" + previous() + "/grading");
  EXPECT_TRUE(d.at("final").as_bool());
  int reflections = 0, key_results = 0;
  for (const auto& t : d.at("teams").as_array())
    for (const auto& o : t.at("objectives").as_array()) {
      if (!o.at("reflection").is_null()) ++reflections;
      for (const auto& k : o.at("key_results").as_array()) {
        ++key_results;
        const auto source = k.at("source").as_string();
        EXPECT_TRUE(source == "check-ins" || source == "kpi" || source == "override" ||
                    source == "baseline");
        if (source == "override") {
          EXPECT_FALSE(k.at("override").at("reason").as_string().empty());
          EXPECT_FALSE(k.at("override").at("by").as_string().empty());
        }
      }
    }
  EXPECT_GT(reflections, 0);
  EXPECT_GT(key_results, 0);
  int objectives = 0;
  for (const auto& n : d.at("distribution").as_array()) objectives += n.to_number<int>();
  EXPECT_GT(objectives, 0);
  EXPECT_EQ(d.at("calibration").at("graded_cycles").to_number<int>(), 1);
}

TEST_F(Grading, TheCurrentCycleForecastsAndMarksStaleKeyResults) {
  auto summary = get("/api/v1/cycles/" + cycle + "/summary");
  int forecasts = 0, key_results = 0;
  for (const auto& t : summary.at("teams").as_array())
    for (const auto& o : t.at("objectives").as_array())
      for (const auto& k : o.at("key_results").as_array()) {
        ++key_results;
        EXPECT_TRUE(k.as_object().contains("pace"));
        EXPECT_TRUE(k.at("stale").is_bool());
        if (!k.at("forecast").is_null()) {
          ++forecasts;
          const auto& f = k.at("forecast");
          EXPECT_LE(f.at("low").to_number<double>(), f.at("score").to_number<double>());
          EXPECT_LE(f.at("score").to_number<double>(), f.at("high").to_number<double>());
        }
      }
  EXPECT_GT(forecasts, 0);
  // Reminders list exactly the stale key results.
  int stale = 0;
  for (const auto& t : summary.at("teams").as_array())
    for (const auto& o : t.at("objectives").as_array())
      for (const auto& k : o.at("key_results").as_array()) stale += k.at("stale").as_bool();
  auto reminders = get("/api/v1/cycles/" + cycle + "/reminders");
  EXPECT_EQ(reminders.at("stale").to_number<int>(), stale);
  int listed = 0;
  for (const auto& o : reminders.at("owners").as_array())
    listed += static_cast<int>(o.at("key_results").as_array().size());
  EXPECT_EQ(listed, stale);
}

TEST_F(Grading, RetrospectivesAreWrittenByLeadsAndNeedTheVersionToReplace) {
  const std::string prev = previous();
  // The closed cycle is locked; reopen it to grading first.
  ASSERT_EQ(
      send("POST", "/api/v1/cycles/" + prev + "/state", R"({"state":"grading"})").result_int(),
      200);
  const std::string target = "/api/v1/cycles/" + prev + "/retrospective";
  EXPECT_EQ(
      send("PUT", target + "?team=growth", R"({"problem":"x"})", "ben@lumen.example").result_int(),
      403);
  EXPECT_EQ(send("PUT", target, R"({"problem":"x"})", "ana@lumen.example").result_int(), 403);
  // If-Match: * replaces whatever exists; there is nothing yet.
  EXPECT_EQ(send("PUT", target + "?team=growth", R"({"problem":"x"})", "ana@lumen.example",
                 {"If-Match: *"})
                .result_int(),
            412);
  auto r = send("PUT", target + "?team=growth",
                R"({"problem":"work did not connect to outcomes","friction":"Friday check-ins"})",
                "ana@lumen.example");
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_EQ(send("PUT", target + "?team=growth", R"({"inputs":"owners"})", "ana@lumen.example")
                .result_int(),
            428);
  EXPECT_EQ(send("PUT", target + "?team=growth", R"({"inputs":"owners"})", "ana@lumen.example",
                 {"If-Match: \"v99\""})
                .result_int(),
            412);
  auto again = send("PUT", target + "?team=growth", R"({"inputs":"owners"})", "ana@lumen.example",
                    {"If-Match: " + std::string(r.at("ETag"))});
  ASSERT_EQ(again.result_int(), 200) << again.body();
  EXPECT_EQ(json_of(again).at("problem").as_string(), "work did not connect to outcomes");
  EXPECT_EQ(send("PUT", target, R"({"evidence":"fewer surprises"})").result_int(), 200);
  auto d = get("/api/v1/cycles/" + prev + "/grading?team=growth");
  ASSERT_EQ(d.at("retrospectives").as_array().size(), 2u);
  EXPECT_EQ(send("PUT", target + "?team=growth", R"({"colour":"red"})", "ana@lumen.example",
                 {"If-Match: " + std::string(again.at("ETag"))})
                .result_int(),
            422);
}

TEST_F(Grading, CarryOverCopiesObjectivesWithFinalValuesAsBaselines) {
  const std::string prev = previous();
  auto detail = get("/api/v1/objectives/growth-onboarding-" + [&] {
    std::string s;
    for (char c : prev)
      if (c != '-') s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  }() + "/detail");
  const auto& old = detail.at("objective");
  const std::string key(old.at("key").as_string());
  const std::string body = R"({"from":")" + prev + R"(","objectives":[")" + key + R"("]})";
  EXPECT_EQ(
      post("/api/v1/cycles/" + cycle + "/carry-over", body, "vera@lumen.example").result_int(),
      403);
  auto r = post("/api/v1/cycles/" + cycle + "/carry-over", body, "ana@lumen.example");
  ASSERT_EQ(r.result_int(), 201) << r.body();
  const auto created = json_of(r);
  const auto& item = created.at("items").at(0);
  const std::string new_key(item.at("objective").at("key").as_string());
  EXPECT_EQ(new_key.substr(0, 17), "growth-onboarding");
  EXPECT_NE(new_key, key);
  const auto& old_krs = old.at("key_results").as_array();
  const auto& new_krs = item.at("key_results").as_array();
  ASSERT_EQ(new_krs.size(), old_krs.size());
  for (std::size_t i = 0; i < old_krs.size(); ++i) {
    if (old_krs[i].at("current").is_null()) continue;
    if (old_krs[i].at("metric").as_string() != "percent" &&
        old_krs[i].at("metric").as_string() != "number")
      continue;
    EXPECT_EQ(new_krs[i].at("start").to_number<double>(),
              old_krs[i].at("current").to_number<double>());
    EXPECT_EQ(new_krs[i].at("target").to_number<double>(),
              old_krs[i].at("target").to_number<double>());
  }
  EXPECT_EQ(get("/api/v1/objectives/" + new_key).at("cycle_id").to_number<Id>(),
            get("/api/v1/cycles/" + cycle).at("id").to_number<Id>());
  EXPECT_EQ(post("/api/v1/cycles/" + cycle + "/carry-over", body, "ana@lumen.example").result_int(),
            409);
  // From an active cycle: not yet.
  auto early = post("/api/v1/cycles/" + prev + "/carry-over",
                    R"({"from":")" + cycle + R"(","objectives":["growth-first-week"]})");
  EXPECT_EQ(early.result_int(), 422) << early.body();
  EXPECT_NE(early.body().find("once it is being graded"), std::string::npos) << early.body();
}

TEST_F(Grading, HealthCountsWhatTheSummaryShows) {
  auto h = get("/api/v1/cycles/" + cycle + "/health");
  auto summary = get("/api/v1/cycles/" + cycle + "/summary");
  int key_results = 0, owned = 0, fresh = 0;
  for (const auto& t : summary.at("teams").as_array())
    for (const auto& o : t.at("objectives").as_array())
      for (const auto& k : o.at("key_results").as_array()) {
        ++key_results;
        owned += !k.at("owner").is_null();
        fresh += !k.at("stale").as_bool();
      }
  const auto& c = h.at("company");
  EXPECT_EQ(c.at("key_results").to_number<int>(), key_results);
  EXPECT_EQ(c.at("owned").to_number<int>(), owned);
  EXPECT_EQ(c.at("on_cadence").to_number<int>(), fresh);
  EXPECT_GE(c.at("score_trend").as_array().size(), 2u);  // the closed cycle, then this one
  EXPECT_FALSE(h.at("teams").as_array().empty());
}

TEST_F(Grading, TheReportComesInThreeFormats) {
  for (const auto& [format, type] : std::vector<std::pair<std::string, std::string>>{
           {"md", "text/markdown"}, {"html", "text/html"}, {"csv", "text/csv"}}) {
    auto r = fetch(server->port(), "GET",
                   "/api/v1/cycles/" + previous() + "/reports/grading?format=" + format, {},
                   {"Authorization: Bearer " + tokens.at("vera@lumen.example")});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->result_int(), 200) << format;
    EXPECT_EQ(std::string(r->at("Content-Type")).substr(0, type.size()), type);
    EXPECT_NE(std::string(r->at("Content-Disposition")).find("grading-"), std::string::npos);
  }
  auto bad = fetch(server->port(), "GET", "/api/v1/cycles/" + cycle + "/reports/grading?format=pdf",
                   {}, {"Authorization: Bearer " + tokens.at("maya@lumen.example")});
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->result_int(), 422);
}

TEST_F(Grading, TheStatusRuleIsTheAdministratorsToChange) {
  auto rule = get("/api/v1/settings/status-rule");
  EXPECT_EQ(rule.at("on_track_within").to_number<double>(), 0.1);
  EXPECT_EQ(
      send("PUT", "/api/v1/settings/status-rule", R"({"on_track_within":0.2})", "ana@lumen.example")
          .result_int(),
      403);
  auto bad = send("PUT", "/api/v1/settings/status-rule", R"({"on_track_within":0.5})");
  EXPECT_EQ(bad.result_int(), 422) << bad.body();
  EXPECT_EQ(field_of(bad), "on_track_within");
  auto count_on_track = [&] {
    int n = 0;
    const auto summary = get("/api/v1/cycles/" + cycle + "/summary");
    for (const auto& t : summary.at("teams").as_array())
      for (const auto& o : t.at("objectives").as_array())
        for (const auto& k : o.at("key_results").as_array())
          n += k.at("pace").as_string() == "on-track";
    return n;
  };
  const int before = count_on_track();
  auto ok = send("PUT", "/api/v1/settings/status-rule",
                 R"({"on_track_within":0.3,"on_track_confidence":0.3,"off_track_beyond":0.6})");
  ASSERT_EQ(ok.result_int(), 200) << ok.body();
  EXPECT_GT(count_on_track(), before);
}

}  // namespace
}  // namespace okr::http
