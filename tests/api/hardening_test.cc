// Hostile and careless input at the API's door: numbers that mean nothing, text that
// is not UTF-8 or holds NUL, duplicate JSON keys, weak ETags, lists without pages.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "demo_fixture.h"

namespace okr::http {
namespace {

class Hardening : public DemoApi {
 public:
  testing::HttpResponse call(std::string_view method, const std::string& target,
                             std::string_view body = {}, std::vector<std::string> extra = {},
                             const std::string& email = "maya@lumen.example") {
    extra.push_back("Authorization: Bearer " + tokens.at(email));
    if (!body.empty()) extra.push_back("Content-Type: application/json");
    auto r = fetch(server->port(), method, target, body, extra);
    EXPECT_TRUE(r.has_value());
    return r ? *r : testing::HttpResponse{};
  }
  std::string if_match(const std::string& target) {
    return "If-Match: \"v" + std::to_string(get(target).at("version").as_int64()) + "\"";
  }
  static std::string field_of(const testing::HttpResponse& r) {
    auto j = json_of(r);
    return j.is_object() && j.as_object().contains("field") ? std::string(j.at("field").as_string())
                                                            : "";
  }
};

// Every "score" anywhere in a document is a number in [0, 1].
void expect_scores_are_numbers(const json::value& v, int& seen) {
  if (v.is_object()) {
    for (const auto& [k, e] : v.as_object()) {
      if (k == "score" && !e.is_null()) {
        ++seen;
        ASSERT_TRUE(e.is_number()) << json::serialize(e);
        double s = e.to_number<double>();
        EXPECT_TRUE(std::isfinite(s) && s >= 0 && s <= 1) << s;
      }
      expect_scores_are_numbers(e, seen);
    }
  } else if (v.is_array()) {
    for (const auto& e : v.as_array()) expect_scores_are_numbers(e, seen);
  }
}

TEST_F(Hardening, NumbersOutOfBoundsAreRefusedNamingTheField) {
  auto before = okr::testing::dump(db.path());
  const std::string kr = "/api/v1/key-results/growth-activation";
  for (auto [body, field] :
       {std::pair{R"({"weight": 1e308})", "weight"}, std::pair{R"({"weight": 0})", "weight"},
        std::pair{R"({"target": 1.7e308})", "target"}, std::pair{R"({"start": -2e15})", "start"}}) {
    auto r = call("PATCH", kr, body, {if_match(kr)});
    EXPECT_EQ(r.result_int(), 422) << body << ": " << r.body();
    EXPECT_EQ(field_of(r), field) << body;
  }
  auto c = call("POST", kr + "/check-ins", R"({"value": 1e300, "confidence": 0.5})");
  EXPECT_EQ(c.result_int(), 422) << c.body();
  EXPECT_EQ(field_of(c), "value");
  auto kpis = get("/api/v1/kpis");
  ASSERT_FALSE(kpis.at("items").as_array().empty());
  auto kpi = std::to_string(kpis.at("items").at(0).at("id").as_int64());
  auto m = call("POST", "/api/v1/kpis/" + kpi + "/measurements", R"({"value": -1e16})");
  EXPECT_EQ(m.result_int(), 422) << m.body();
  EXPECT_EQ(field_of(m), "value");
  EXPECT_EQ(okr::testing::dump(db.path()), before);

  // The largest weights allowed, on every key result of an objective: scores stay numbers.
  auto o = get("/api/v1/objectives/growth-first-week/detail");
  for (const auto& k : o.at("objective").at("key_results").as_array()) {
    std::string target = "/api/v1/key-results/" + std::string(k.at("key").as_string());
    auto r = call("PATCH", target, R"({"weight": 1000})", {if_match(target)});
    EXPECT_EQ(r.result_int(), 200) << r.body();
  }
  int seen = 0;
  auto summary = get("/api/v1/cycles/" + cycle + "/summary");
  expect_scores_are_numbers(summary, seen);
  EXPECT_GT(seen, 10);
}

TEST_F(Hardening, TextMustBeUtf8WithoutNul) {
  auto before = okr::testing::dump(db.path());
  const std::string kr = "/api/v1/key-results/growth-activation";
  auto note = call("POST", kr + "/check-ins", R"({"value": 50, "note": "a\u0000b"})");
  EXPECT_EQ(note.result_int(), 422) << note.body();
  EXPECT_EQ(field_of(note), "note");
  EXPECT_NE(json_of(note).at("detail").as_string().find("NUL"), json::string::npos);
  const std::string objective = "/api/v1/objectives/growth-first-week";
  auto title = call("PATCH", objective, R"({"title": "Guide\u0000"})", {if_match(objective)});
  EXPECT_EQ(title.result_int(), 422) << title.body();
  EXPECT_EQ(field_of(title), "title");
  auto user = call("POST", "/api/v1/users", R"({"email": "nul@lumen.example", "name": "\u0000"})");
  EXPECT_EQ(user.result_int(), 422) << user.body();
  EXPECT_EQ(field_of(user), "name");
  // Raw bytes that are not UTF-8 never get past the body parser.
  auto raw = call("POST", kr + "/check-ins", "{\"value\": 50, \"note\": \"\xff\xfe\"}");
  EXPECT_EQ(raw.result_int(), 400) << raw.body();
  // A lone surrogate escape is not a character either.
  auto surrogate = call("POST", kr + "/check-ins", R"({"value": 50, "note": "\ud800"})");
  EXPECT_EQ(surrogate.result_int() / 100, 4) << surrogate.body();
  EXPECT_EQ(okr::testing::dump(db.path()), before);
}

// A note with a carriage return, an escape sequence or a bell would forge a line of
// `okr history` or set the terminal's title: control characters other than line breaks
// and tabs are refused, naming the field.
TEST_F(Hardening, ControlCharactersAreRefusedNamingTheField) {
  auto before = okr::testing::dump(db.path());
  const std::string kr = "/api/v1/key-results/growth-activation";
  for (const char* note : {R"(fine\r2027-02-15T00:00:00Z  99)", R"(\u001b]0;owned\u0007)",
                           R"(bell\u0007)", R"(del\u007f)", R"(csi\u009b2J)"}) {
    auto r =
        call("POST", kr + "/check-ins", std::string(R"({"value": 50, "note": ")") + note + "\"}");
    EXPECT_EQ(r.result_int(), 422) << note << ": " << r.body();
    EXPECT_EQ(field_of(r), "note") << note;
    EXPECT_NE(r.body().find("control character"), std::string::npos) << r.body();
  }
  auto batch = call("POST", "/api/v1/check-ins",
                    R"({"check_ins":[{"key_result":"growth-activation","value":50,)"
                    R"("note":"\u001b[2J"}]})",
                    {}, "ana@lumen.example");
  EXPECT_EQ(batch.result_int(), 422) << batch.body();
  EXPECT_EQ(field_of(batch), "check_ins[0].note");
  const std::string objective = "/api/v1/objectives/growth-first-week";
  auto title = call("PATCH", objective, R"({"title": "Guide\u001b[31m"})", {if_match(objective)});
  EXPECT_EQ(title.result_int(), 422) << title.body();
  EXPECT_EQ(field_of(title), "title");
  EXPECT_EQ(okr::testing::dump(db.path()), before);
  // Line breaks (also as CRLF) and tabs are text.
  auto lines = call("POST", kr + "/check-ins", R"({"value": 50, "note": "one\r\ntwo\n\tthree"})");
  EXPECT_EQ(lines.result_int(), 201) << lines.body();
}

TEST_F(Hardening, DuplicateJsonKeysAreRefusedNamingTheKey) {
  auto before = okr::testing::dump(db.path());
  const std::string kr = "/api/v1/key-results/growth-activation";
  auto r = call("POST", kr + "/check-ins", R"({"value": 1, "confidence": 0.5, "value": 2})");
  EXPECT_EQ(r.result_int(), 400) << r.body();
  EXPECT_EQ(field_of(r), "value");
  EXPECT_NE(json_of(r).at("detail").as_string().find("'value'"), json::string::npos);
  auto nested = call("POST", "/api/v1/check-ins",
                     R"({"check_ins": [{"key_result": "growth-activation", "value": 1,
                                        "note": "a", "note": "b"}]})");
  EXPECT_EQ(nested.result_int(), 400) << nested.body();
  EXPECT_EQ(field_of(nested), "note");
  // The same key in two different objects is fine.
  auto ok = call("POST", "/api/v1/check-ins",
                 R"({"check_ins": [{"key_result": "growth-activation", "value": 60},
                                   {"key_result": "growth-activation", "value": 61}]})");
  EXPECT_EQ(ok.result_int(), 201) << ok.body();
  EXPECT_NE(okr::testing::dump(db.path()), before);
}

TEST_F(Hardening, IfMatchComparesStronglyAndStarMatchesWhatExists) {
  const std::string target = "/api/v1/objectives/growth-first-week";
  auto version = get(target).at("version").as_int64();
  const std::string tag = "\"v" + std::to_string(version) + "\"";
  auto weak = call("PATCH", target, R"({"description": "weak"})", {"If-Match: W/" + tag});
  EXPECT_EQ(weak.result_int(), 412) << weak.body();
  EXPECT_EQ(get(target).at("version").as_int64(), version);
  auto star = call("PATCH", target, R"({"description": "any version"})", {"If-Match: *"});
  EXPECT_EQ(star.result_int(), 200) << star.body();
  EXPECT_EQ(json_of(star).at("description"), "any version");
  auto missing = call("PATCH", "/api/v1/objectives/no-such-objective", R"({"description": "x"})",
                      {"If-Match: *"});
  EXPECT_EQ(missing.result_int(), 404) << missing.body();
  auto exact = call("PATCH", target, R"({"description": "exact"})",
                    {"If-Match: \"v" + std::to_string(version + 1) + "\""});
  EXPECT_EQ(exact.result_int(), 200) << exact.body();
}

TEST_F(Hardening, EveryListIsPagedTheSameWay) {
  auto kpi = std::to_string(get("/api/v1/kpis").at("items").at(0).at("id").as_int64());
  std::vector<std::string> lists = {"/api/v1/cycles",
                                    "/api/v1/teams",
                                    "/api/v1/users",
                                    "/api/v1/key-results/growth-activation/check-ins",
                                    "/api/v1/sprints",
                                    "/api/v1/initiatives",
                                    "/api/v1/kpis",
                                    "/api/v1/kpis/" + kpi + "/measurements",
                                    "/api/v1/tokens?user=maya@lumen.example"};
  const auto cycles = get("/api/v1/cycles?limit=500");
  for (const auto& c : cycles.at("items").as_array())
    lists.push_back("/api/v1/reviews?cycle=" + std::string(c.at("name").as_string()));
  int paged = 0;
  for (const auto& list : lists) {
    SCOPED_TRACE(list);
    const char sep = list.find('?') == std::string::npos ? '?' : '&';
    auto whole = get(list + sep + "limit=500");
    ASSERT_TRUE(whole.at("next").is_null());
    std::vector<std::int64_t> expected, walked;
    for (const auto& i : whole.at("items").as_array()) expected.push_back(i.at("id").as_int64());
    std::string after;
    for (int pages = 0; pages <= static_cast<int>(expected.size()); ++pages) {
      auto page = get(list + sep + "limit=2" + (after.empty() ? "" : "&after=" + after));
      ASSERT_LE(page.at("items").as_array().size(), 2u);
      for (const auto& i : page.at("items").as_array()) walked.push_back(i.at("id").as_int64());
      if (page.at("next").is_null()) break;
      after = std::string(page.at("next").as_string());
    }
    EXPECT_EQ(walked, expected);
    paged += expected.size() > 2;
    EXPECT_EQ(get(list + sep + "limit=501", "maya@lumen.example", 400).at("field"), "limit");
    EXPECT_EQ(get(list + sep + "after=999999999", "maya@lumen.example", 400).at("field"), "after");
  }
  EXPECT_GE(paged, 6) << "most lists hold more than one page of two";
  // Without a limit a list answers at most 50.
  EXPECT_LE(get("/api/v1/key-results/growth-activation/check-ins").at("items").as_array().size(),
            50u);
}

TEST_F(Hardening, LintRefusesABodyWithoutObjectives) {
  for (const char* body : {R"({})", R"({"cycle": "2027-Q1"})", R"({"objectives": {}})"}) {
    auto r = call("POST", "/api/v1/lint", body);
    EXPECT_EQ(r.result_int(), 422) << body << ": " << r.body();
    EXPECT_EQ(field_of(r), "objectives") << body;
  }
  auto empty = call("POST", "/api/v1/lint", R"({"objectives": []})");
  EXPECT_EQ(empty.result_int(), 200) << empty.body();
}

// A draft as large as any body (1 MiB) made a 17.6 MB answer, and four at once kept the
// server near 1 GB: a draft is capped at what an editor sends, and the answer is bounded.
TEST_F(Hardening, LintTakesWhatAnEditorSendsAndBoundsItsAnswer) {
  auto draft = [](int objectives) {
    json::array list;
    for (int i = 0; i < objectives; ++i)
      list.push_back(
          json::object{{"key", "o" + std::to_string(i)},
                       {"team", "growth"},
                       {"title", "Ship 3 features and fix 40 bugs " + std::to_string(i)},
                       {"key_results", json::array{json::object{{"key", "k" + std::to_string(i)},
                                                                {"title", "Ship the feature"},
                                                                {"metric", "boolean"}}}}});
    return json::serialize(json::object{{"objectives", std::move(list)}});
  };
  const std::string big = draft(1500);
  ASSERT_GT(big.size(), 64u * 1024);
  auto refused = call("POST", "/api/v1/lint", big);
  EXPECT_EQ(refused.result_int(), 413) << refused.body().substr(0, 300);
  EXPECT_NE(refused.body().find("65536 bytes"), std::string::npos) << refused.body();

  const std::string most = draft(400);
  ASSERT_LT(most.size(), 64u * 1024);
  auto answered = call("POST", "/api/v1/lint", most);
  ASSERT_EQ(answered.result_int(), 200) << answered.body().substr(0, 300);
  auto report = json_of(answered);
  EXPECT_EQ(report.at("findings").as_array().size(), 500u);
  EXPECT_EQ(report.at("truncated"), true);
  EXPECT_GT(report.at("total_findings").to_number<int>(), 500);
  EXPECT_LT(answered.body().size(), 512u * 1024);
  // A small draft is answered in full, as before.
  auto small = json_of(call("POST", "/api/v1/lint", draft(2)));
  EXPECT_FALSE(small.as_object().contains("truncated"));
  EXPECT_GE(small.at("findings").as_array().size(), 2u);
}

TEST_F(Hardening, AQueryParameterGivenTwiceIsRefusedNamingIt) {
  // Two teams would silently answer for the first; the client meant something else.
  auto r = call("GET", "/api/v1/objectives?team=growth&team=platform");
  EXPECT_EQ(r.result_int(), 400) << r.body();
  EXPECT_EQ(field_of(r), "team");
  EXPECT_NE(json_of(r).at("detail").as_string().find("more than once"), std::string::npos)
      << r.body();
  auto limit = call("GET", "/api/v1/cycles?limit=1&limit=500");
  EXPECT_EQ(limit.result_int(), 400) << limit.body();
  EXPECT_EQ(field_of(limit), "limit");
  EXPECT_EQ(call("GET", "/api/v1/objectives?team=growth").result_int(), 200);
}

}  // namespace
}  // namespace okr::http
