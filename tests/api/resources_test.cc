// The REST API over real HTTP on loopback against a real SQLite file: resource
// lifecycles, concurrency, the permission matrix, sessions, and bad input that
// must get a problem document and leave the database unchanged.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <set>
#include <thread>

#include "../integration/test_db.h"
#include "app/accounts.h"
#include "app/first_run.h"
#include "app/sign_in_throttle.h"
#include "http/api/api.h"
#include "http/builtin_routes.h"
#include "test_support.h"

namespace okr::http {
namespace {

namespace json = boost::json;
using testing::fetch;
using testing::json_of;

class Api : public ::testing::Test {
 protected:
  okr::testing::TempDb db;
  std::unique_ptr<Store> store = std::move(open_store(db.path())).value();
  app::App app{*store, okr::testing::fixed_now};
  std::unique_ptr<testing::TestServer> server;
  std::map<std::string, std::string> tokens;  // by role

  void SetUp() override {
    auto parsed = formats::parse_okr_yaml(okr::testing::read_text(okr::testing::example_path()));
    ASSERT_TRUE(app.import_okrs(*parsed, app::Actor::local_operator()).ok());
    app::Accounts accounts(app);
    auto root = app::Actor::local_operator();
    ASSERT_TRUE(
        accounts.add_user({"root@acme.example", "Root", true, "root password 123"}, root).ok());
    {
      auto tx = store->begin();
      Id vera = tx->create_user({0, "vera@acme.example", "Vera", false, 1});
      tx->put_membership({tx->find_team_by_key("booking")->id, vera, TeamRole::viewer});
      tx->commit();
    }
    // admin; ana leads booking; chen is a booking member; vera a booking viewer.
    for (auto [role, email] :
         {std::pair{"admin", "root@acme.example"}, std::pair{"lead", "ana@acme.example"},
          std::pair{"member", "chen@acme.example"}, std::pair{"viewer", "vera@acme.example"}}) {
      auto t = accounts.create_token({email, "tests", std::nullopt}, root);
      ASSERT_TRUE(t.ok()) << t.error().message;
      tokens[role] = t->secret;
    }
    server = std::make_unique<testing::TestServer>(
        [this](Router& router, Metrics&) { add_api_routes(router, app); });
  }

  std::vector<std::string> auth(const std::string& role, std::vector<std::string> extra = {}) {
    extra.push_back("Authorization: Bearer " + tokens.at(role));
    return extra;
  }
  std::vector<std::string> json_auth(const std::string& role, std::vector<std::string> extra = {}) {
    extra.push_back("Content-Type: application/json");
    return auth(role, std::move(extra));
  }
  testing::HttpResponse call(std::string_view method, std::string_view target,
                             const std::string& role, std::string_view body = {},
                             std::vector<std::string> extra = {}) {
    auto r = fetch(server->port(), method, target, body,
                   body.empty() ? auth(role, std::move(extra)) : json_auth(role, std::move(extra)));
    EXPECT_TRUE(r.has_value());
    return r ? *r : testing::HttpResponse{};
  }
  std::string header(const testing::HttpResponse& r, const char* name) {
    auto it = r.find(name);
    return it == r.end() ? "" : std::string(it->value());
  }
};

// Every route the router serves is in the OpenAPI document, and every documented
// operation is served.
TEST_F(Api, OpenApiDocumentMatchesTheRouter) {
  Router router;
  Metrics metrics;
  add_builtin_routes(router, metrics);
  add_api_routes(router, app);
  std::set<std::pair<std::string, std::string>> served, documented;
  for (const auto& r : router.routes()) {
    std::string m(to_string(r.method));
    for (auto& c : m) c = static_cast<char>(std::tolower(c));
    served.insert({m, r.pattern});
  }
  const auto& doc = openapi_document().as_object();
  EXPECT_EQ(doc.at("openapi").as_string(), "3.1.0");
  for (const auto& path : doc.at("paths").as_object())
    for (const auto& op : path.value().as_object())
      documented.insert({std::string(op.key()), std::string(path.key())});
  for (const auto& s : served)
    EXPECT_TRUE(documented.count(s)) << "undocumented: " << s.first << " " << s.second;
  for (const auto& d : documented)
    EXPECT_TRUE(served.count(d)) << "not served: " << d.first << " " << d.second;
  auto r = fetch(server->port(), "GET", "/api/v1/openapi.json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 200);
  EXPECT_EQ(json_of(*r), openapi_document());
}

TEST_F(Api, RequestsWithoutCredentialsGet401) {
  auto r = fetch(server->port(), "GET", "/api/v1/objectives");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 401);
  EXPECT_EQ(header(*r, "Content-Type"), "application/problem+json");
  EXPECT_EQ(header(*r, "WWW-Authenticate"), "Bearer");
  auto bad =
      fetch(server->port(), "GET", "/api/v1/objectives", {}, {"Authorization: Bearer okr_t_nope"});
  EXPECT_EQ(bad->result_int(), 401);
}

TEST_F(Api, ObjectiveLifecycle) {
  auto cycle = json_of(call("GET", "/api/v1/cycles/2027-Q1", "admin")).at("id").as_int64();
  auto team = json_of(call("GET", "/api/v1/teams/booking", "admin")).at("id").as_int64();
  std::string body = json::serialize(json::object{{"key", "booking-2027q1-loyalty"},
                                                  {"cycle_id", cycle},
                                                  {"team_id", team},
                                                  {"title", "Make regulars feel at home"}});
  auto created = call("POST", "/api/v1/objectives", "lead", body);
  ASSERT_EQ(created.result_int(), 201) << created.body();
  EXPECT_EQ(header(created, "ETag"), "\"v1\"");
  auto id = json_of(created).at("id").as_int64();
  EXPECT_EQ(header(created, "Location"), "/api/v1/objectives/" + std::to_string(id));

  // By id and by key.
  EXPECT_EQ(json_of(call("GET", "/api/v1/objectives/" + std::to_string(id), "viewer")).at("title"),
            "Make regulars feel at home");
  EXPECT_EQ(json_of(call("GET", "/api/v1/objectives/booking-2027q1-loyalty", "viewer")).at("id"),
            id);

  std::string patch =
      R"({"title": "Make regulars feel at home, every visit", "kind": "committed"})";
  auto no_if_match = call("PATCH", "/api/v1/objectives/booking-2027q1-loyalty", "lead", patch);
  EXPECT_EQ(no_if_match.result_int(), 428);
  auto updated = call("PATCH", "/api/v1/objectives/booking-2027q1-loyalty", "lead", patch,
                      {"If-Match: \"v1\""});
  ASSERT_EQ(updated.result_int(), 200) << updated.body();
  EXPECT_EQ(header(updated, "ETag"), "\"v2\"");
  EXPECT_EQ(json_of(updated).at("kind"), "committed");
  // A second editor still holding v1 must not overwrite silently.
  auto stale = call("PATCH", "/api/v1/objectives/booking-2027q1-loyalty", "lead",
                    R"({"title": "Lost update"})", {"If-Match: \"v1\""});
  EXPECT_EQ(stale.result_int(), 412);
  EXPECT_EQ(json_of(stale).at("type"), "/problems/precondition-failed");
  EXPECT_EQ(json_of(call("GET", "/api/v1/objectives/booking-2027q1-loyalty", "viewer")).at("title"),
            "Make regulars feel at home, every visit");

  auto list = json_of(call("GET", "/api/v1/objectives?team_id=" + std::to_string(team), "viewer"));
  EXPECT_EQ(list.at("items").as_array().size(), 2u);

  EXPECT_EQ(
      call("DELETE", "/api/v1/objectives/booking-2027q1-loyalty", "lead", {}, {"If-Match: \"v1\""})
          .result_int(),
      412);
  EXPECT_EQ(
      call("DELETE", "/api/v1/objectives/booking-2027q1-loyalty", "lead", {}, {"If-Match: \"v2\""})
          .result_int(),
      204);
  EXPECT_EQ(call("GET", "/api/v1/objectives/booking-2027q1-loyalty", "viewer").result_int(), 404);
}

TEST_F(Api, KeyResultLifecycleAndCheckIns) {
  auto objective =
      json_of(call("GET", "/api/v1/objectives/booking-2027q1-effortless-rebooking", "lead"));
  std::string body = json::serialize(json::object{{"key", "booking-2027q1-repeat"},
                                                  {"objective_id", objective.at("id")},
                                                  {"title", "Raise repeat visits from 2.1 to 2.6"},
                                                  {"metric", "number"},
                                                  {"start", 2.1},
                                                  {"target", 2.6}});
  auto created = call("POST", "/api/v1/key-results", "lead", body);
  ASSERT_EQ(created.result_int(), 201) << created.body();
  EXPECT_EQ(json_of(created).at("direction"), "increase");

  auto checkin = call("POST", "/api/v1/key-results/booking-2027q1-repeat/check-ins", "member",
                      R"({"value": 2.35, "confidence": 0.6, "note": "loyalty emails"})");
  ASSERT_EQ(checkin.result_int(), 201) << checkin.body();
  auto list = json_of(call("GET", "/api/v1/key-results/booking-2027q1-repeat/check-ins", "viewer"));
  ASSERT_EQ(list.at("items").as_array().size(), 1u);
  EXPECT_EQ(list.at("items").at(0).at("value").as_double(), 2.35);

  auto summary = json_of(call("GET", "/api/v1/cycles/2027-Q1/summary?team=booking", "viewer"));
  double score = -1;
  for (const auto& t : summary.at("teams").as_array())
    for (const auto& o : t.at("objectives").as_array())
      for (const auto& k : o.at("key_results").as_array())
        if (k.at("key") == "booking-2027q1-repeat") score = k.at("score").as_double();
  EXPECT_NEAR(score, 0.5, 1e-9);

  auto patched = call("PATCH", "/api/v1/key-results/booking-2027q1-repeat", "lead",
                      R"({"target": 2.1})", {"If-Match: \"v1\""});
  EXPECT_EQ(patched.result_int(), 422);
  EXPECT_EQ(json_of(patched).at("field"), "target");
  EXPECT_EQ(
      call("DELETE", "/api/v1/key-results/booking-2027q1-repeat", "lead", {}, {"If-Match: \"v1\""})
          .result_int(),
      204);
}

// Every role against every kind of write; a refused write changes nothing.
TEST_F(Api, PermissionMatrix) {
  auto objective =
      json_of(call("GET", "/api/v1/objectives/booking-2027q1-effortless-rebooking", "admin"));
  auto team = objective.at("team_id").as_int64();
  auto cycle = objective.at("cycle_id").as_int64();
  struct Write {
    const char* name;
    const char* method;
    std::string target;
    std::string body;
    std::vector<std::string> extra;
  };
  int n = 0;
  auto writes = [&] {
    ++n;
    return std::vector<Write>{
        {"create objective",
         "POST",
         "/api/v1/objectives",
         json::serialize(json::object{{"key", "perm-" + std::to_string(n)},
                                      {"cycle_id", cycle},
                                      {"team_id", team},
                                      {"title", "Be loved by regulars"}}),
         {}},
        {"update objective",
         "PATCH",
         "/api/v1/objectives/booking-2027q1-effortless-rebooking",
         R"({"description": "why it matters"})",
         {}},
        {"create key result",
         "POST",
         "/api/v1/key-results",
         json::serialize(json::object{{"key", "perm-kr-" + std::to_string(n)},
                                      {"objective_id", objective.at("id")},
                                      {"title", "Raise NPS from 30 to 40"},
                                      {"start", 30},
                                      {"target", 40}}),
         {}},
        {"check in",
         "POST",
         "/api/v1/key-results/booking-2027q1-no-show-rate/check-ins",
         R"({"value": 9.5})",
         {}},
        {"add user",
         "POST",
         "/api/v1/users",
         R"({"email": "new)" + std::to_string(n) + R"(@acme.example"})",
         {}},
    };
  };
  // Expected status per role and write, in the order above.
  const std::map<std::string, std::vector<int>> expected = {
      {"admin", {201, 200, 201, 201, 201}},
      {"lead", {201, 200, 201, 201, 403}},
      {"member", {403, 403, 403, 201, 403}},
      {"viewer", {403, 403, 403, 403, 403}},
  };
  for (const auto& [role, statuses] : expected) {
    auto list = writes();
    for (size_t i = 0; i < list.size(); ++i) {
      SCOPED_TRACE(role + ": " + list[i].name);
      auto extra = list[i].extra;
      if (std::string(list[i].method) == "PATCH") {
        auto current = call("GET", list[i].target, "admin");
        extra.push_back("If-Match: " + header(current, "ETag"));
      }
      auto before = okr::testing::dump(db.path());
      auto r = call(list[i].method, list[i].target, role, list[i].body, extra);
      EXPECT_EQ(r.result_int(), statuses[i]) << r.body();
      if (statuses[i] == 403) {
        EXPECT_EQ(json_of(r).at("type"), "/problems/forbidden");
        EXPECT_EQ(okr::testing::dump(db.path()), before);
      }
    }
  }
}

// Bad input of every kind: a 4xx problem document, and the database as it was.
TEST_F(Api, BadInputIsRefusedAndChangesNothing) {
  auto objective =
      json_of(call("GET", "/api/v1/objectives/booking-2027q1-effortless-rebooking", "admin"));
  std::string target = "/api/v1/objectives/booking-2027q1-effortless-rebooking";
  std::string etag =
      "If-Match: \"" + std::string("v") + std::to_string(objective.at("version").as_int64()) + "\"";
  std::string deep(10000, '[');
  deep += std::string(10000, ']');
  struct Case {
    const char* name;
    std::string body;
    int status;
  };
  const std::vector<Case> cases = {
      {"malformed JSON", R"({"title": "x",})", 400},
      {"not an object", R"(["title"])", 400},
      {"wrong type", R"({"title": 42})", 422},
      {"unknown field", R"({"titel": "x"})", 422},
      {"invalid UTF-8", "{\"title\": \"\xff\xfe\"}", 400},
      {"NaN", R"({"title": "x", "owner_id": NaN})", 400},
      {"huge number", R"({"owner_id": 1e400})", 400},
      {"huge id", R"({"owner_id": 99999999999999999999})", 422},
      {"negative id", R"({"owner_id": -3})", 422},
      {"deep array", R"({"title": )" + deep + "}", 400},
      {"empty title", R"({"title": "   "})", 422},
      {"bad kind", R"({"kind": "maybe"})", 422},
      {"own parent", R"({"parent_id": )" + std::to_string(objective.at("id").as_int64()) + "}",
       422},
  };
  auto before = okr::testing::dump(db.path());
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto r = call("PATCH", target, "admin", c.body, {etag});
    EXPECT_EQ(r.result_int(), c.status) << r.body();
    EXPECT_EQ(header(r, "Content-Type"), "application/problem+json");
    EXPECT_FALSE(json_of(r).at("detail").as_string().empty());
  }
  // Missing fields on create.
  auto missing = call("POST", "/api/v1/objectives", "admin", R"({"title": "No key"})");
  EXPECT_EQ(missing.result_int(), 422);
  EXPECT_EQ(json_of(missing).at("field"), "key");
  auto no_value = call("POST", "/api/v1/key-results/booking-2027q1-rebook-rate/check-ins", "admin",
                       R"({"confidence": 0.5})");
  EXPECT_EQ(json_of(no_value).at("field"), "value");
  auto confidence = call("POST", "/api/v1/key-results/booking-2027q1-rebook-rate/check-ins",
                         "admin", R"({"value": 20, "confidence": 7})");
  EXPECT_EQ(json_of(confidence).at("field"), "confidence");
  // A 5 MiB body is refused before it is read.
  auto big = call("POST", "/api/v1/objectives", "admin",
                  "{\"title\": \"" + std::string(5 << 20, 'a') + "\"}");
  EXPECT_EQ(big.result_int(), 413);
  // Wrong content type.
  auto form = fetch(server->port(), "POST", "/api/v1/objectives", "title=x",
                    auth("admin", {"Content-Type: application/x-www-form-urlencoded"}));
  EXPECT_EQ(form->result_int(), 415);
  // Bad query parameters.
  EXPECT_EQ(call("GET", "/api/v1/objectives?limit=0", "admin").result_int(), 400);
  EXPECT_EQ(call("GET", "/api/v1/objectives?team_id=abc", "admin").result_int(), 400);
  EXPECT_EQ(call("GET", "/api/v1/objectives/..%2F..%2Fetc%2Fpasswd", "admin").result_int(), 404);
  EXPECT_EQ(okr::testing::dump(db.path()), before);
}

// SQL meta-characters in every string field are stored and returned verbatim.
TEST_F(Api, SqlMetaCharactersAreJustText) {
  const std::string nasty = "Robert'); DROP TABLE objectives;-- \" % _ \\ ;";
  auto objective =
      json_of(call("GET", "/api/v1/objectives/booking-2027q1-effortless-rebooking", "admin"));
  auto r = call("PATCH", "/api/v1/objectives/booking-2027q1-effortless-rebooking", "admin",
                json::serialize(json::object{{"title", nasty}, {"description", nasty}}),
                {"If-Match: \"v" + std::to_string(objective.at("version").as_int64()) + "\""});
  ASSERT_EQ(r.result_int(), 200) << r.body();
  auto kr = call("POST", "/api/v1/key-results", "admin",
                 json::serialize(json::object{{"key", "sql-kr"},
                                              {"objective_id", objective.at("id")},
                                              {"title", nasty},
                                              {"unit", "';--"},
                                              {"start", 1},
                                              {"target", 2}}));
  ASSERT_EQ(kr.result_int(), 201) << kr.body();
  auto check = call("POST", "/api/v1/key-results/sql-kr/check-ins", "admin",
                    json::serialize(json::object{{"value", 1.5}, {"note", nasty}}));
  ASSERT_EQ(check.result_int(), 201);
  EXPECT_EQ(json_of(call("GET", "/api/v1/objectives/booking-2027q1-effortless-rebooking", "admin"))
                .at("description"),
            json::value(nasty));
  EXPECT_EQ(json_of(call("GET", "/api/v1/key-results/sql-kr", "admin")).at("title"),
            json::value(nasty));
  EXPECT_EQ(
      call("GET", "/api/v1/objectives/" + std::string("x'%20OR%20'1'='1"), "admin").result_int(),
      404);
  EXPECT_EQ(okr::testing::count_rows(db.path(), "objectives"), 6);
}

TEST_F(Api, CookieSessionsNeedTheCsrfTokenForWrites) {
  auto signin = fetch(server->port(), "POST", "/api/v1/session",
                      R"({"email": "root@acme.example", "password": "root password 123"})",
                      {"Content-Type: application/json"});
  ASSERT_EQ(signin->result_int(), 201) << signin->body();
  std::string cookie = header(*signin, "Set-Cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_EQ(cookie.find("Secure"), std::string::npos);  // plain HTTP on loopback
  std::string session = cookie.substr(0, cookie.find(';'));
  std::string csrf(json_of(*signin).at("csrf_token").as_string());

  auto me = fetch(server->port(), "GET", "/api/v1/session", {}, {"Cookie: " + session});
  EXPECT_EQ(json_of(*me).at("user").at("email"), "root@acme.example");
  std::string body = R"({"value": 21})";
  auto target = "/api/v1/key-results/booking-2027q1-rebook-rate/check-ins";
  auto without = fetch(server->port(), "POST", target, body,
                       {"Cookie: " + session, "Content-Type: application/json"});
  EXPECT_EQ(without->result_int(), 403);
  EXPECT_EQ(json_of(*without).at("type"), "/problems/csrf");
  auto with =
      fetch(server->port(), "POST", target, body,
            {"Cookie: " + session, "Content-Type: application/json", "X-CSRF-Token: " + csrf});
  EXPECT_EQ(with->result_int(), 201);

  auto out = fetch(server->port(), "DELETE", "/api/v1/session", {},
                   {"Cookie: " + session, "X-CSRF-Token: " + csrf});
  EXPECT_EQ(out->result_int(), 204);
  EXPECT_EQ(
      fetch(server->port(), "GET", "/api/v1/session", {}, {"Cookie: " + session})->result_int(),
      401);
}

TEST_F(Api, SecureCookieBehindATrustedProxy) {
  testing::TestServer proxied([this](Router& router, Metrics&) { add_api_routes(router, app); },
                              ServerOptions{.port = 0, .trust_proxy = true});
  auto signin = fetch(proxied.port(), "POST", "/api/v1/session",
                      R"({"email": "root@acme.example", "password": "root password 123"})",
                      {"Content-Type: application/json", "X-Forwarded-Proto: https"});
  ASSERT_EQ(signin->result_int(), 201);
  EXPECT_NE(header(*signin, "Set-Cookie").find("; Secure"), std::string::npos);
}

TEST_F(Api, SignInIsThrottledAfterRepeatedFailures) {
  for (int i = 0; i < app::SignInThrottle::kPerAccountAndAddress.free_failures; ++i) {
    auto r = fetch(server->port(), "POST", "/api/v1/session",
                   R"({"email": "root@acme.example", "password": "wrong guess"})",
                   {"Content-Type: application/json"});
    EXPECT_EQ(r->result_int(), 401);
  }
  auto r = fetch(server->port(), "POST", "/api/v1/session",
                 R"({"email": "root@acme.example", "password": "root password 123"})",
                 {"Content-Type: application/json"});
  EXPECT_EQ(r->result_int(), 429);
  // Back-off, not a lock-out: the first wait is a second.
  EXPECT_EQ(header(*r, "Retry-After"), "1");
  EXPECT_EQ(json_of(*r).at("type"), "/problems/too-many-attempts");
  // An unknown account from the same client is answered the same way.
  auto unknown = fetch(server->port(), "POST", "/api/v1/session",
                       R"({"email": "nobody@acme.example", "password": "wrong guess"})",
                       {"Content-Type: application/json"});
  EXPECT_EQ(unknown->result_int(), 401);
}

TEST_F(Api, AuditTrailRecordsWritesForAdminsOnly) {
  auto objective = json_of(call("GET", "/api/v1/objectives/design-2027q1-first-booking", "admin"));
  ASSERT_EQ(call("PATCH", "/api/v1/objectives/design-2027q1-first-booking", "admin",
                 R"({"description": "audited"})",
                 {"If-Match: \"v" + std::to_string(objective.at("version").as_int64()) + "\""})
                .result_int(),
            200);
  EXPECT_EQ(call("GET", "/api/v1/audit-events", "lead").result_int(), 403);
  auto events = json_of(call("GET", "/api/v1/audit-events?limit=1", "admin"));
  const auto& e = events.at("items").at(0);
  EXPECT_EQ(e.at("action"), "update");
  EXPECT_EQ(e.at("after").at("description"), "audited");
  EXPECT_EQ(e.at("before").at("description"), "");
  EXPECT_FALSE(events.at("next").is_null());
}

TEST_F(Api, TeamsAreATreeAndAlignmentNestsObjectives) {
  auto teams = json_of(call("GET", "/api/v1/teams", "viewer")).at("items").as_array();
  ASSERT_EQ(teams.size(), 7u);
  EXPECT_EQ(teams[0].at("key"), "acme");
  EXPECT_EQ(teams[0].at("depth"), 0);
  auto alignment = json_of(call("GET", "/api/v1/cycles/2027-Q1/alignment", "viewer"));
  const auto& roots = alignment.at("roots").as_array();
  ASSERT_EQ(roots.size(), 1u);
  EXPECT_EQ(roots[0].at("key"), "acme-2027q1-no-empty-chairs");
  EXPECT_EQ(roots[0].at("children").as_array().size(), 4u);
  EXPECT_EQ(alignment.at("unaligned"), 0);
}

// The coach on a draft: the same findings document as `okr lint --format json`,
// and nothing is saved.
TEST_F(Api, LintCoachesADraftWithoutSavingIt) {
  auto before = okr::testing::dump(db.path());
  std::string draft = R"({"objectives": [{"key": "d1", "team": "booking",
      "title": "Improve the onboarding experience for new users",
      "owner": "ana@acme.example",
      "key_results": [
        {"key": "d1-a", "title": "Ship 3 features", "start": 0, "target": 3, "owner": "ana@acme.example"},
        {"key": "d1-b", "title": "Raise activation from 40% to 55%", "metric": "percent",
         "start": 40, "target": 55, "owner": "ana@acme.example"}]}]})";
  auto r = call("POST", "/api/v1/lint", "viewer", draft);
  ASSERT_EQ(r.result_int(), 200) << r.body();
  std::set<std::string> rules;
  auto findings = json_of(r);
  for (const auto& f : findings.at("findings").as_array()) {
    rules.insert(std::string(f.at("rule").as_string()));
    for (auto field : {"rule", "severity", "file", "line", "column", "objective", "key_result",
                       "message", "suggestion", "evidence"})
      EXPECT_TRUE(f.as_object().contains(field)) << field;
    if (f.at("rule") == "kr-is-output") {
      EXPECT_EQ(f.at("key_result"), "Ship 3 features");
    }
  }
  EXPECT_TRUE(rules.count("objective-is-activity"));
  EXPECT_TRUE(rules.count("kr-is-output"));
  // Booking sits under product in the stored tree, so the unaligned draft is flagged.
  EXPECT_TRUE(rules.count("objective-not-aligned"));
  EXPECT_FALSE(rules.count("kr-no-owner"));
  auto bad = call("POST", "/api/v1/lint", "viewer", R"({"objectives": [{"key": "x"}]})");
  EXPECT_EQ(bad.result_int(), 422);
  EXPECT_EQ(okr::testing::dump(db.path()), before);
}

// The rest of the domain: each resource's lifecycle through the API.
TEST_F(Api, CyclesTeamsAndMembers) {
  auto c = call("POST", "/api/v1/cycles", "admin", R"({"name": "2027-Q2"})");
  ASSERT_EQ(c.result_int(), 201) << c.body();
  EXPECT_EQ(json_of(c).at("start"), "2027-04-01");
  EXPECT_EQ(json_of(c).at("end"), "2027-06-30");
  EXPECT_EQ(call("POST", "/api/v1/cycles", "admin", R"({"name": "2027-Q2"})").result_int(), 409);
  EXPECT_EQ(call("POST", "/api/v1/cycles", "admin", R"({"name": "launch"})").result_int(), 422);
  auto bad_dates = call("PATCH", "/api/v1/cycles/2027-Q2", "admin", R"({"end": "2027-03-01"})",
                        {"If-Match: \"v1\""});
  EXPECT_EQ(bad_dates.result_int(), 422);
  EXPECT_EQ(json_of(bad_dates).at("field"), "end");
  auto closed = call("PATCH", "/api/v1/cycles/2027-Q2", "admin", R"({"state": "active"})",
                     {"If-Match: \"v1\""});
  EXPECT_EQ(json_of(closed).at("state"), "active");

  auto product = json_of(call("GET", "/api/v1/teams/acme-product", "admin")).at("id");
  auto t = call("POST", "/api/v1/teams", "admin",
                json::serialize(json::object{{"key", "loyalty"},
                                             {"name", "Loyalty"},
                                             {"function", "product"},
                                             {"parent_id", product}}));
  ASSERT_EQ(t.result_int(), 201) << t.body();
  auto acme = json_of(call("GET", "/api/v1/teams/acme", "admin"));
  auto loop = call("PATCH", "/api/v1/teams/acme", "admin",
                   json::serialize(json::object{{"parent_id", json_of(t).at("id")}}),
                   {"If-Match: \"v" + std::to_string(acme.at("version").as_int64()) + "\""});
  EXPECT_EQ(loop.result_int(), 422);
  EXPECT_EQ(json_of(loop).at("field"), "parent_id");

  // tomas leads product, so he manages the members of loyalty below it.
  auto added = call("PUT", "/api/v1/teams/loyalty/members/chen@acme.example", "admin",
                    R"({"role": "member"})");
  EXPECT_EQ(added.result_int(), 200) << added.body();
  auto team = json_of(call("GET", "/api/v1/teams/loyalty", "viewer"));
  EXPECT_EQ(team.at("members").as_array().size(), 1u);
  EXPECT_EQ(
      call("PUT", "/api/v1/teams/loyalty/members/chen@acme.example", "admin", R"({"role": "boss"})")
          .result_int(),
      422);
  EXPECT_EQ(call("DELETE", "/api/v1/teams/loyalty/members/chen@acme.example", "admin").result_int(),
            204);
  EXPECT_EQ(json_of(call("GET", "/api/v1/teams/loyalty", "viewer")).at("members").as_array().size(),
            0u);
}

// A team nothing refers to may be deleted, with its memberships; one with a history
// is refused, naming what it still has, and stays as it was.
TEST_F(Api, OnlyATeamWithoutHistoryIsDeleted) {
  auto product = json_of(call("GET", "/api/v1/teams/acme-product", "admin")).at("id");
  auto t = call("POST", "/api/v1/teams", "admin",
                json::serialize(json::object{{"key", "tiger"}, {"parent_id", product}}));
  ASSERT_EQ(t.result_int(), 201) << t.body();
  ASSERT_EQ(
      call("PUT", "/api/v1/teams/tiger/members/chen@acme.example", "admin", R"({"role": "member"})")
          .result_int(),
      200);
  EXPECT_EQ(call("DELETE", "/api/v1/teams/tiger", "admin").result_int(), 428);
  EXPECT_EQ(call("DELETE", "/api/v1/teams/tiger", "admin", "", {"If-Match: \"v7\""}).result_int(),
            412);
  EXPECT_EQ(call("DELETE", "/api/v1/teams/tiger", "lead", "", {"If-Match: \"v1\""}).result_int(),
            403);
  EXPECT_EQ(call("DELETE", "/api/v1/teams/tiger", "admin", "", {"If-Match: \"v1\""}).result_int(),
            204);
  EXPECT_EQ(call("GET", "/api/v1/teams/tiger", "admin").result_int(), 404);
  auto audit = call("GET", "/api/v1/audit-events?limit=500", "admin");
  EXPECT_NE(audit.body().find(R"("action":"delete","entity_type":"team")"), std::string::npos)
      << audit.body();

  // Booking has objectives: refused with 409, and nothing changes.
  auto booking = json_of(call("GET", "/api/v1/teams/booking", "admin"));
  const std::string version =
      "If-Match: \"v" + std::to_string(booking.at("version").as_int64()) + "\"";
  auto refused = call("DELETE", "/api/v1/teams/booking", "admin", "", {version});
  EXPECT_EQ(refused.result_int(), 409);
  EXPECT_EQ(json_of(refused).at("field"), "team");
  EXPECT_NE(json_of(refused).at("detail").as_string().find("objectives"), std::string::npos)
      << refused.body();
  EXPECT_EQ(json_of(call("GET", "/api/v1/teams/booking", "admin")), booking);
  // So is a team with teams below it.
  auto parent = json_of(call("GET", "/api/v1/teams/acme-product", "admin"));
  auto has_children =
      call("DELETE", "/api/v1/teams/acme-product", "admin", "",
           {"If-Match: \"v" + std::to_string(parent.at("version").as_int64()) + "\""});
  EXPECT_EQ(has_children.result_int(), 409);
  EXPECT_NE(json_of(has_children).at("detail").as_string().find("teams below"), std::string::npos);
}

TEST_F(Api, SprintsAndInitiativesLinkWorkToKeyResults) {
  auto booking = json_of(call("GET", "/api/v1/teams/booking", "lead")).at("id");
  auto sprint = call("POST", "/api/v1/sprints", "lead",
                     json::serialize(json::object{{"team_id", booking},
                                                  {"name", "Booking 1"},
                                                  {"start", "2027-01-04"},
                                                  {"end", "2027-01-17"}}));
  ASSERT_EQ(sprint.result_int(), 201) << sprint.body();
  auto sprint_id = json_of(sprint).at("id").as_int64();
  auto backwards = call("PATCH", "/api/v1/sprints/" + std::to_string(sprint_id), "lead",
                        R"({"end": "2027-01-01"})", {"If-Match: \"v1\""});
  EXPECT_EQ(json_of(backwards).at("field"), "end");
  auto kr = json_of(call("GET", "/api/v1/key-results/booking-2027q1-rebook-rate", "lead")).at("id");
  auto initiative = call("POST", "/api/v1/initiatives", "member",
                         json::serialize(json::object{{"key", "BOOK-7"},
                                                      {"title", "Rebook button on the receipt"},
                                                      {"team_id", booking},
                                                      {"sprint_id", sprint_id},
                                                      {"key_result_ids", json::array{kr}}}));
  ASSERT_EQ(initiative.result_int(), 201) << initiative.body();
  auto id = json_of(initiative).at("id").as_int64();
  auto done = call("PATCH", "/api/v1/initiatives/" + std::to_string(id), "member",
                   R"({"status": "done"})", {"If-Match: \"v1\""});
  EXPECT_EQ(json_of(done).at("status"), "done");
  auto linked = json_of(
      call("GET", "/api/v1/initiatives?key_result_id=" + std::to_string(kr.as_int64()), "viewer"));
  ASSERT_EQ(linked.at("items").as_array().size(), 1u);
  EXPECT_EQ(linked.at("items").at(0).at("key"), "BOOK-7");
  auto duplicate = call(
      "POST", "/api/v1/initiatives", "member",
      json::serialize(json::object{{"key", "BOOK-7"}, {"title", "Again"}, {"team_id", booking}}));
  EXPECT_EQ(duplicate.result_int(), 409);
  auto missing_kr =
      call("POST", "/api/v1/initiatives", "member",
           json::serialize(json::object{
               {"title", "Ghost"}, {"team_id", booking}, {"key_result_ids", json::array{99999}}}));
  EXPECT_EQ(json_of(missing_kr).at("field"), "key_result_ids");
}

TEST_F(Api, KpisAndMeasurements) {
  auto booking = json_of(call("GET", "/api/v1/teams/booking", "lead")).at("id");
  auto k = call("POST", "/api/v1/kpis", "lead",
                json::serialize(json::object{{"key", "no-show-rate"},
                                             {"name", "No-show rate"},
                                             {"unit", "%"},
                                             {"team_id", booking},
                                             {"healthy_low", 0},
                                             {"healthy_high", 8}}));
  ASSERT_EQ(k.result_int(), 201) << k.body();
  EXPECT_EQ(
      call("POST", "/api/v1/kpis", "lead", R"({"key": "company-wide", "name": "Company-wide"})")
          .result_int(),
      403);
  auto inverted = call("PATCH", "/api/v1/kpis/no-show-rate", "lead", R"({"healthy_low": 10})",
                       {"If-Match: \"v1\""});
  EXPECT_EQ(json_of(inverted).at("field"), "healthy_high");
  ASSERT_EQ(call("POST", "/api/v1/kpis/no-show-rate/measurements", "member",
                 R"({"value": 9.1, "at": "2027-02-01T00:00:00Z"})")
                .result_int(),
            201);
  ASSERT_EQ(call("POST", "/api/v1/kpis/no-show-rate/measurements", "member", R"({"value": 8.4})")
                .result_int(),
            201);
  EXPECT_EQ(call("POST", "/api/v1/kpis/no-show-rate/measurements", "viewer", R"({"value": 8.0})")
                .result_int(),
            403);
  auto list = json_of(call("GET", "/api/v1/kpis/no-show-rate/measurements", "viewer"));
  ASSERT_EQ(list.at("items").as_array().size(), 2u);
  EXPECT_EQ(list.at("items").at(1).at("value").as_double(), 8.4);
}

TEST_F(Api, ReviewsGradeObjectivesWithOverrides) {
  auto o = json_of(call("GET", "/api/v1/objectives/booking-2027q1-effortless-rebooking", "lead"));
  auto kr = json_of(call("GET", "/api/v1/key-results/booking-2027q1-rebook-rate", "lead")).at("id");
  auto other_kr =
      json_of(call("GET", "/api/v1/key-results/design-2027q1-booking-time", "lead")).at("id");
  std::string body = json::serialize(json::object{
      {"what_worked", "The receipt button"},
      {"overrides",
       json::array{json::object{
           {"key_result_id", kr}, {"score", 0.6}, {"reason", "tracking broke for two weeks"}}}}});
  EXPECT_EQ(call("PUT", "/api/v1/reviews/booking-2027q1-effortless-rebooking", "member", body)
                .result_int(),
            403);
  auto r = call("PUT", "/api/v1/reviews/booking-2027q1-effortless-rebooking", "lead", body);
  ASSERT_EQ(r.result_int(), 201) << r.body();
  // Replacing needs If-Match; an override must belong to the objective and be in [0, 1].
  EXPECT_EQ(
      call("PUT", "/api/v1/reviews/booking-2027q1-effortless-rebooking", "lead", body).result_int(),
      428);
  auto foreign = call(
      "PUT", "/api/v1/reviews/booking-2027q1-effortless-rebooking", "lead",
      json::serialize(json::object{
          {"overrides", json::array{json::object{
                            {"key_result_id", other_kr}, {"score", 0.5}, {"reason", "x"}}}}}),
      {"If-Match: \"v1\""});
  EXPECT_EQ(json_of(foreign).at("field"), "overrides[0].key_result_id");
  auto too_high = call(
      "PUT", "/api/v1/reviews/booking-2027q1-effortless-rebooking", "lead",
      json::serialize(json::object{
          {"overrides",
           json::array{json::object{{"key_result_id", kr}, {"score", 1.5}, {"reason", "x"}}}}}),
      {"If-Match: \"v1\""});
  EXPECT_EQ(json_of(too_high).at("field"), "overrides[0].score");
  auto not_a_number = call(
      "PUT", "/api/v1/reviews/booking-2027q1-effortless-rebooking", "lead",
      json::serialize(json::object{
          {"overrides",
           json::array{json::object{{"key_result_id", kr}, {"score", 0.5}, {"reason", "x"}},
                       json::object{{"key_result_id", kr}, {"score", "abc"}, {"reason", "x"}}}}}),
      {"If-Match: \"v1\""});
  EXPECT_EQ(not_a_number.result_int(), 422);
  EXPECT_EQ(json_of(not_a_number).at("field"), "overrides[1].score");
  // The override shows in the cycle summary.
  auto summary = json_of(call("GET", "/api/v1/cycles/2027-Q1/summary?team=booking", "viewer"));
  double score = -1;
  for (const auto& t : summary.at("teams").as_array())
    for (const auto& obj : t.at("objectives").as_array())
      for (const auto& k : obj.at("key_results").as_array())
        if (k.at("key") == "booking-2027q1-rebook-rate") score = k.at("score").as_double();
  EXPECT_DOUBLE_EQ(score, 0.6);
  auto list = json_of(call(
      "GET", "/api/v1/reviews?cycle_id=" + std::to_string(o.at("cycle_id").as_int64()), "viewer"));
  EXPECT_EQ(list.at("items").as_array().size(), 1u);
}

// The writes of the other resources, role by role; a refused write changes nothing.
TEST_F(Api, PermissionMatrixOfTheOtherResources) {
  auto booking = json_of(call("GET", "/api/v1/teams/booking", "admin")).at("id").as_int64();
  ASSERT_EQ(call("POST", "/api/v1/kpis", "admin",
                 json::serialize(json::object{
                     {"key", "waitlist-size"}, {"name", "Waitlist size"}, {"team_id", booking}}))
                .result_int(),
            201);
  int n = 0;
  struct Write {
    const char* name;
    const char* method;
    std::string target;
    std::string body;
  };
  auto writes = [&] {
    ++n;
    std::string i = std::to_string(n);
    return std::vector<Write>{
        {"create cycle", "POST", "/api/v1/cycles",
         R"({"name": "20)" + std::to_string(30 + n) + R"(-Q1"})"},
        {"create team", "POST", "/api/v1/teams", R"({"key": "team-)" + i + R"("})"},
        {"add member", "PUT", "/api/v1/teams/booking/members/root@acme.example",
         R"({"role": "viewer"})"},
        {"plan sprint", "POST", "/api/v1/sprints",
         json::serialize(json::object{{"team_id", booking},
                                      {"name", "S" + i},
                                      {"start", "2027-01-04"},
                                      {"end", "2027-01-17"}})},
        {"add initiative", "POST", "/api/v1/initiatives",
         json::serialize(json::object{{"title", "Work " + i}, {"team_id", booking}})},
        {"create team KPI", "POST", "/api/v1/kpis",
         json::serialize(json::object{{"key", "kpi-" + i}, {"name", "K"}, {"team_id", booking}})},
        {"measure", "POST", "/api/v1/kpis/waitlist-size/measurements", R"({"value": 12})"},
        {"grade", "PUT", "/api/v1/reviews/payments-2027q1-get-paid-on-time",
         R"({"what_worked": "w"})"},
    };
  };
  // payments is not booking's: only the admin may grade it here.
  const std::map<std::string, std::vector<int>> expected = {
      {"lead", {403, 403, 200, 201, 201, 201, 201, 403}},
      {"member", {403, 403, 403, 403, 201, 403, 201, 403}},
      {"viewer", {403, 403, 403, 403, 403, 403, 403, 403}},
      {"admin", {201, 201, 200, 201, 201, 201, 201, 201}},
  };
  for (const auto& role : {"lead", "member", "viewer", "admin"}) {
    auto list = writes();
    const auto& statuses = expected.at(role);
    for (size_t i = 0; i < list.size(); ++i) {
      SCOPED_TRACE(std::string(role) + ": " + list[i].name);
      auto before = okr::testing::dump(db.path());
      auto r = call(list[i].method, list[i].target, role, list[i].body);
      EXPECT_EQ(r.result_int(), statuses[i]) << r.body();
      if (statuses[i] == 403) {
        EXPECT_EQ(okr::testing::dump(db.path()), before);
      }
    }
  }
}

TEST_F(Api, TokensAreCreatedListedAndRevokedByTheirUser) {
  auto created = call("POST", "/api/v1/tokens", "member", R"({"name": "laptop"})");
  ASSERT_EQ(created.result_int(), 201) << created.body();
  std::string secret(json_of(created).at("token").as_string());
  auto me =
      fetch(server->port(), "GET", "/api/v1/session", {}, {"Authorization: Bearer " + secret});
  EXPECT_EQ(json_of(*me).at("user").at("email"), "chen@acme.example");
  auto list = json_of(call("GET", "/api/v1/tokens", "member"));
  ASSERT_EQ(list.at("items").as_array().size(), 2u);  // "tests" and "laptop"
  Id laptop = 0;
  for (const auto& t : list.at("items").as_array()) {
    EXPECT_FALSE(t.as_object().contains("token_hash"));
    if (t.at("name") == "laptop") laptop = t.at("id").as_int64();
  }
  // The answer names the new token's id, so a script can revoke what it just made.
  EXPECT_EQ(json_of(created).at("id").as_int64(), laptop) << created.body();
  EXPECT_EQ(json::serialize(list).find(secret), std::string::npos);
  // Someone else's token can be neither listed nor revoked, except by an administrator;
  // revoking it is answered as for a token that does not exist, so ids reveal nothing.
  auto chen = json_of(*me).at("user").at("id").as_int64();
  EXPECT_EQ(call("GET", "/api/v1/tokens?user_id=" + std::to_string(chen), "lead").result_int(),
            403);
  auto others = call("DELETE", "/api/v1/tokens/" + std::to_string(laptop), "lead");
  EXPECT_EQ(others.result_int(), 404) << others.body();
  EXPECT_EQ(json_of(others).at("detail").as_string(),
            "token " + std::to_string(laptop) + " does not exist");
  EXPECT_EQ(call("DELETE", "/api/v1/tokens/" + std::to_string(laptop), "member").result_int(), 204);
  auto after =
      fetch(server->port(), "GET", "/api/v1/session", {}, {"Authorization: Bearer " + secret});
  EXPECT_EQ(after->result_int(), 401);
  EXPECT_EQ(call("DELETE", "/api/v1/tokens/99999", "admin").result_int(), 404);
  EXPECT_EQ(call("POST", "/api/v1/tokens", "member", R"({"name": ""})").result_int(), 422);
}

TEST_F(Api, InitiativesAreAddressableByTheirKey) {
  auto booking = json_of(call("GET", "/api/v1/teams/booking", "lead")).at("id");
  ASSERT_EQ(call("POST", "/api/v1/initiatives", "lead",
                 json::serialize(json::object{
                     {"key", "BOOK-9"}, {"title", "Waitlist SMS"}, {"team_id", booking}}))
                .result_int(),
            201);
  auto got = call("GET", "/api/v1/initiatives/BOOK-9", "viewer");
  ASSERT_EQ(got.result_int(), 200);
  EXPECT_EQ(json_of(got).at("title"), "Waitlist SMS");
  EXPECT_EQ(call("PATCH", "/api/v1/initiatives/BOOK-9", "lead", R"({"status": "in_progress"})",
                 {"If-Match: \"v1\""})
                .result_int(),
            200);
}

// Times that could be stored but never read back, or that would pin a key result's
// current value, are refused; the cycle stays readable.
TEST_F(Api, CheckInTimesMustBeReal) {
  std::string target = "/api/v1/key-results/booking-2027q1-rebook-rate/check-ins";
  auto far = call("POST", target, "lead", R"({"value": 3, "at": "9999-12-31T23:30:00-01:00"})");
  EXPECT_EQ(far.result_int(), 422);
  EXPECT_EQ(json_of(far).at("field"), "at");
  // The fixed clock is 2027-02-15T10:00:00Z.
  auto future = call("POST", target, "lead", R"({"value": 29, "at": "2027-03-01T00:00:00Z"})");
  EXPECT_EQ(future.result_int(), 422);
  EXPECT_EQ(json_of(future).at("field"), "at");
  EXPECT_EQ(
      call("POST", target, "lead", R"({"value": 21, "at": "2027-02-15T10:03:00Z"})").result_int(),
      201);
  EXPECT_EQ(call("GET", "/api/v1/cycles/2027-Q1/summary", "viewer").result_int(), 200);
  EXPECT_EQ(call("POST", "/api/v1/kpis", "admin", R"({"key": "k1", "name": "K"})").result_int(),
            201);
  EXPECT_EQ(call("POST", "/api/v1/kpis/k1/measurements", "admin",
                 R"({"value": 1, "at": "2030-01-01T00:00:00Z"})")
                .result_int(),
            422);
}

TEST_F(Api, KeysOfDigitsOnlyAreRefused) {
  auto cycle = json_of(call("GET", "/api/v1/cycles/2027-Q1", "admin")).at("id");
  auto team = json_of(call("GET", "/api/v1/teams/booking", "admin")).at("id");
  auto r = call(
      "POST", "/api/v1/objectives", "admin",
      json::serialize(json::object{
          {"key", "2026"}, {"cycle_id", cycle}, {"team_id", team}, {"title", "Numbers are ids"}}));
  EXPECT_EQ(r.result_int(), 422);
  EXPECT_EQ(json_of(r).at("field"), "key");
  auto i = call("POST", "/api/v1/initiatives", "admin",
                json::serialize(json::object{{"key", "42"}, {"title", "T"}, {"team_id", team}}));
  EXPECT_EQ(json_of(i).at("field"), "key");
}

TEST_F(Api, ARevokedTokensNameCanBeUsedAgain) {
  auto first = call("POST", "/api/v1/tokens", "member", R"({"name": "ci"})");
  ASSERT_EQ(first.result_int(), 201);
  auto list = json_of(call("GET", "/api/v1/tokens", "member"));
  Id id = 0;
  for (const auto& t : list.at("items").as_array())
    if (t.at("name") == "ci") id = t.at("id").as_int64();
  EXPECT_EQ(call("POST", "/api/v1/tokens", "member", R"({"name": "ci"})").result_int(), 409);
  ASSERT_EQ(call("DELETE", "/api/v1/tokens/" + std::to_string(id), "member").result_int(), 204);
  EXPECT_EQ(call("POST", "/api/v1/tokens", "member", R"({"name": "ci"})").result_int(), 201);
}

// Owning something gives rights over it only to members of its team, and only a lead
// hands it to another owner.
TEST_F(Api, OwnersCannotHandTheirRightsToOutsiders) {
  auto ivo = json_of(call("GET", "/api/v1/users/ivo@acme.example", "admin")).at("id");
  auto kr = call("GET", "/api/v1/key-results/booking-2027q1-rebook-rate", "admin");
  // ben (a booking member) owns this key result; chen's token is the "member" role here,
  // so give it to chen first, as the lead may.
  auto chen = json_of(call("GET", "/api/v1/users/chen@acme.example", "admin")).at("id");
  auto to_chen =
      call("PATCH", "/api/v1/key-results/booking-2027q1-rebook-rate", "lead",
           json::serialize(json::object{{"owner_id", chen}}), {"If-Match: " + header(kr, "ETag")});
  ASSERT_EQ(to_chen.result_int(), 200) << to_chen.body();
  auto before = okr::testing::dump(db.path());
  auto handoff = call("PATCH", "/api/v1/key-results/booking-2027q1-rebook-rate", "member",
                      json::serialize(json::object{{"owner_id", ivo}}),
                      {"If-Match: " + header(to_chen, "ETag")});
  EXPECT_EQ(handoff.result_int(), 403);
  EXPECT_EQ(okr::testing::dump(db.path()), before);
  // The viewer owning a key result still may not check in on it.
  auto vera = json_of(call("GET", "/api/v1/users/vera@acme.example", "admin")).at("id");
  auto current = call("GET", "/api/v1/key-results/booking-2027q1-no-show-rate", "admin");
  ASSERT_EQ(call("PATCH", "/api/v1/key-results/booking-2027q1-no-show-rate", "admin",
                 json::serialize(json::object{{"owner_id", vera}}),
                 {"If-Match: " + header(current, "ETag")})
                .result_int(),
            200);
  EXPECT_EQ(call("POST", "/api/v1/key-results/booking-2027q1-no-show-rate/check-ins", "viewer",
                 R"({"value": 9})")
                .result_int(),
            403);
}

// Filters name things as their paths do; a misspelt parameter is refused, never ignored.
TEST_F(Api, ListFiltersTakeKeysAndNamesAndRefuseUnknownParameters) {
  ASSERT_EQ(call("POST", "/api/v1/cycles", "admin", R"({"name": "2027-Q2"})").result_int(), 201);
  auto count = [&](const std::string& target) {
    auto r = call("GET", target, "viewer");
    EXPECT_EQ(r.result_int(), 200) << target << ": " << r.body();
    return r.result_int() == 200 ? json_of(r).at("items").as_array().size() : 0u;
  };
  auto all = count("/api/v1/objectives?limit=500");
  EXPECT_GT(all, 3u);
  EXPECT_EQ(count("/api/v1/objectives?cycle=2027-Q1&limit=500"), all);
  EXPECT_EQ(count("/api/v1/objectives?cycle=2027-Q2"), 0u);
  EXPECT_EQ(count("/api/v1/objectives?team=booking"), 1u);
  EXPECT_EQ(count("/api/v1/objectives?owner=ANA@acme.example"), 1u);
  EXPECT_EQ(count("/api/v1/key-results?objective=booking-2027q1-effortless-rebooking"),
            count("/api/v1/key-results?objective_id=" +
                  json::serialize(
                      json_of(call("GET", "/api/v1/objectives/booking-2027q1-effortless-rebooking",
                                   "viewer"))
                          .at("id"))));
  EXPECT_EQ(count("/api/v1/key-results?cycle=2027-Q2"), 0u);
  EXPECT_EQ(
      count("/api/v1/sprints?team=booking"),
      count("/api/v1/sprints?team_id=" +
            json::serialize(json_of(call("GET", "/api/v1/teams/booking", "viewer")).at("id"))));

  auto unknown = call("GET", "/api/v1/objectives?cylce=2027-Q2", "viewer");
  EXPECT_EQ(unknown.result_int(), 400);
  EXPECT_EQ(json_of(unknown).at("field"), "cylce");
  EXPECT_NE(json_of(unknown).at("detail").as_string().find("'cylce'"), std::string::npos);
  EXPECT_EQ(call("GET", "/api/v1/teams?x=1", "viewer").result_int(), 400);
  auto nowhere = call("GET", "/api/v1/objectives?team=nowhere", "viewer");
  EXPECT_EQ(nowhere.result_int(), 400);
  EXPECT_EQ(json_of(nowhere).at("field"), "team");
  EXPECT_EQ(call("GET", "/api/v1/objectives?cycle=2027-Q1&cycle_id=1", "viewer").result_int(), 400);
  EXPECT_EQ(call("GET", "/api/v1/reviews?cycle=2027-Q1", "viewer").result_int(), 200);
}

// An objective and its key results are written in one request and one transaction:
// a refused key result leaves no objective behind, and the same save succeeds once
// fixed (the web editor saves this way).
TEST_F(Api, ObjectiveWithKeyResultsIsWrittenWholeOrNotAtAll) {
  auto cycle = json_of(call("GET", "/api/v1/cycles/2027-Q1", "admin")).at("id").as_int64();
  auto team = json_of(call("GET", "/api/v1/teams/booking", "admin")).at("id").as_int64();
  auto count_objectives = [&] {
    return json_of(call("GET", "/api/v1/objectives?team=booking&limit=500", "viewer"))
        .at("items")
        .as_array()
        .size();
  };
  const auto before = count_objectives();
  json::object draft{
      {"key", "booking-2027q1-regulars"},
      {"cycle_id", cycle},
      {"team_id", team},
      {"title", "Make regulars feel at home"},
      {"key_results",
       json::array{json::object{{"title", "Repeat bookings per guest from 1.2 to 1.8"},
                                {"start", 1.2},
                                {"target", 1.8}},
                   json::object{{"title", "Returning guests rate us 4.5"}, {"target", 4.5}}}}};
  auto refused = call("POST", "/api/v1/objectives", "lead", json::serialize(draft));
  EXPECT_EQ(refused.result_int(), 422) << refused.body();
  EXPECT_EQ(json_of(refused).at("field"), "key_results[1].start");
  EXPECT_EQ(count_objectives(), before);
  EXPECT_EQ(call("GET", "/api/v1/objectives/booking-2027q1-regulars", "viewer").result_int(), 404);

  draft["key_results"].as_array()[1].as_object()["start"] = 4.1;
  auto created = call("POST", "/api/v1/objectives", "lead", json::serialize(draft));
  ASSERT_EQ(created.result_int(), 201) << created.body();
  auto whole = json_of(created);
  ASSERT_EQ(whole.at("key_results").as_array().size(), 2u);
  EXPECT_EQ(whole.at("key_results").as_array()[0].at("key"), "booking-2027q1-regulars-kr1");
  EXPECT_EQ(whole.at("key_results").as_array()[1].at("key"), "booking-2027q1-regulars-kr2");
  EXPECT_EQ(count_objectives(), before + 1);

  // A full replacement: the first key result kept and changed, the second removed, a
  // third added; a refused item changes nothing of the others.
  auto id = std::to_string(whole.at("id").as_int64());
  auto first = whole.at("key_results").as_array()[0].as_object();
  json::object replaced{
      {"title", "Make regulars feel at home, everywhere"},
      {"key_results",
       json::array{json::object{{"id", first.at("id")},
                                {"version", first.at("version")},
                                {"title", "Repeat bookings per guest from 1.2 to 2.0"},
                                {"target", 2.0}},
                   json::object{{"title", "Regulars who book a second city"},
                                {"metric", "percent"},
                                {"start", 10},
                                {"target", 10}}}}};
  auto bad = call("PUT", "/api/v1/objectives/" + id, "lead", json::serialize(replaced),
                  {"If-Match: \"v1\""});
  EXPECT_EQ(bad.result_int(), 422) << bad.body();
  EXPECT_EQ(std::string(json_of(bad).at("field").as_string()).substr(0, 15), "key_results[1].");
  auto unchanged = json_of(call("GET", "/api/v1/objectives/" + id + "/detail", "viewer"));
  EXPECT_EQ(unchanged.at("objective").at("title"), "Make regulars feel at home");
  EXPECT_EQ(unchanged.at("objective").at("key_results").as_array().size(), 2u);

  replaced["key_results"].as_array()[1].as_object()["target"] = 25;
  auto put = call("PUT", "/api/v1/objectives/" + id, "lead", json::serialize(replaced),
                  {"If-Match: \"v1\""});
  ASSERT_EQ(put.result_int(), 200) << put.body();
  auto after = json_of(call("GET", "/api/v1/objectives/" + id + "/detail", "viewer"));
  EXPECT_EQ(after.at("objective").at("title"), "Make regulars feel at home, everywhere");
  auto krs = after.at("objective").at("key_results").as_array();
  ASSERT_EQ(krs.size(), 2u);
  std::map<std::string, std::string> titles;  // by key
  for (const auto& k : krs)
    titles[std::string(k.at("key").as_string())] = k.at("title").as_string();
  EXPECT_EQ(titles["booking-2027q1-regulars-kr1"], "Repeat bookings per guest from 1.2 to 2.0");
  // The removed key result's key is free again for the new one.
  EXPECT_EQ(titles["booking-2027q1-regulars-kr2"], "Regulars who book a second city");

  // A replacement needs If-Match, the list, and the objective's own key results.
  EXPECT_EQ(call("PUT", "/api/v1/objectives/" + id, "lead", json::serialize(replaced)).result_int(),
            428);
  auto stale = call("PUT", "/api/v1/objectives/" + id, "lead", json::serialize(replaced),
                    {"If-Match: \"v1\""});
  EXPECT_EQ(stale.result_int(), 412);
  auto foreign = call("PUT", "/api/v1/objectives/" + id, "lead",
                      R"({"title":"x","key_results":[{"id":1,"title":"y"}]})", {"If-Match: *"});
  EXPECT_EQ(foreign.result_int(), 422);
  EXPECT_EQ(json_of(foreign).at("field"), "key_results[0].id");
  EXPECT_EQ(
      call("PUT", "/api/v1/objectives/" + id, "viewer", json::serialize(replaced), {"If-Match: *"})
          .result_int(),
      403);
}

// Home ("My OKRs") answers what the person owns and where they belong, nobody else's;
// a check-in by someone else shows under what changed.
TEST_F(Api, HomeShowsWhatThePersonOwns) {
  auto home = json_of(call("GET", "/api/v1/home?cycle=2027-Q1", "member"));
  EXPECT_EQ(home.at("cycle").at("name"), "2027-Q1");
  std::set<std::string> keys;
  for (const auto& k : home.at("key_results").as_array()) {
    keys.insert(std::string(k.at("key").as_string()));
    EXPECT_EQ(k.at("owner"), "chen@acme.example");
    EXPECT_TRUE(k.at("can_check_in").as_bool());
    EXPECT_TRUE(k.at("expected").is_number());
  }
  EXPECT_TRUE(keys.count("booking-2027q1-no-show-rate"));
  EXPECT_FALSE(keys.count("booking-2027q1-rebook-rate")) << "ben's, not chen's";
  ASSERT_EQ(home.at("teams").as_array().size(), 1u);
  EXPECT_EQ(home.at("teams").as_array()[0].at("key"), "booking");
  EXPECT_EQ(home.at("teams").as_array()[0].at("role"), "member");
  EXPECT_TRUE(home.at("objectives").as_array().empty());

  // The lead owns the objective, so ben's check-in on its key result is news to her.
  auto lead = json_of(call("GET", "/api/v1/home?cycle=2027-Q1", "lead"));
  ASSERT_EQ(lead.at("objectives").as_array().size(), 1u);
  EXPECT_EQ(lead.at("objectives").as_array()[0].at("key"), "booking-2027q1-effortless-rebooking");
  auto c = call("POST", "/api/v1/key-results/booking-2027q1-no-show-rate/check-ins", "member",
                R"({"value": 9.5, "confidence": 0.7, "note": "reminder texts live"})");
  ASSERT_EQ(c.result_int(), 201) << c.body();
  lead = json_of(call("GET", "/api/v1/home?cycle=2027-Q1&since=2027-02-01T00:00:00Z", "lead"));
  ASSERT_FALSE(lead.at("changes").as_array().empty());
  EXPECT_EQ(lead.at("changes").as_array()[0].at("note"), "reminder texts live");
  // Not news to the one who wrote it.
  home = json_of(call("GET", "/api/v1/home?cycle=2027-Q1&since=2027-02-01T00:00:00Z", "member"));
  EXPECT_TRUE(home.at("changes").as_array().empty());

  EXPECT_EQ(call("GET", "/api/v1/home?since=yesterday", "member").result_int(), 400);
  EXPECT_EQ(call("GET", "/api/v1/home?cycle=1999-Q1", "member").result_int(), 404);
  EXPECT_EQ(call("GET", "/api/v1/home?team=booking", "member").result_int(), 400);
}

// A team's OKRs download as the YAML file `okr import` reads.
TEST_F(Api, TeamExportsAsYaml) {
  auto r = call("GET", "/api/v1/cycles/2027-Q1/teams/booking/export", "viewer");
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_EQ(header(r, "Content-Type"), "application/yaml; charset=utf-8");
  EXPECT_NE(header(r, "Content-Disposition").find("booking-2027-Q1.yaml"), std::string::npos);
  EXPECT_NE(r.body().find("booking-2027q1-effortless-rebooking"), std::string::npos);
  auto parsed = formats::parse_okr_yaml(r.body());
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(call("GET", "/api/v1/cycles/2027-Q1/teams/nowhere/export", "viewer").result_int(), 404);
}

// A check-in's author corrects or withdraws a recent one; others may not (an
// administrator may); an old one is kept; each change is audited.
TEST_F(Api, AuthorCorrectsOrWithdrawsARecentCheckIn) {
  auto made = call("POST", "/api/v1/key-results/booking-2027q1-no-show-rate/check-ins", "member",
                   R"({"value": 9.5, "confidence": 0.7, "note": "reminder texts"})");
  ASSERT_EQ(made.result_int(), 201) << made.body();
  const std::string id = std::to_string(json_of(made).at("id").as_int64());
  const std::string path = "/api/v1/check-ins/" + id;

  EXPECT_EQ(call("PATCH", path, "lead", R"({"value": 9})").result_int(), 403);
  EXPECT_EQ(call("PATCH", path, "viewer", R"({"value": 9})").result_int(), 403);
  auto bad = call("PATCH", path, "member", R"({"confidence": 0.2, "note": ""})");
  EXPECT_EQ(bad.result_int(), 422);
  EXPECT_EQ(json_of(bad).at("field"), "note");
  auto fixed = call("PATCH", path, "member", R"({"value": 9.1})");
  ASSERT_EQ(fixed.result_int(), 200) << fixed.body();
  EXPECT_EQ(json_of(fixed).at("value").as_double(), 9.1);
  EXPECT_EQ(json_of(fixed).at("note"), "reminder texts");
  auto kr = json_of(
      call("GET", "/api/v1/objectives/booking-2027q1-effortless-rebooking/detail", "viewer"));
  double current = -1;
  for (const auto& k : kr.at("objective").at("key_results").as_array())
    if (k.at("key") == "booking-2027q1-no-show-rate") current = k.at("current").as_double();
  EXPECT_EQ(current, 9.1) << "the page shows the corrected value";

  // An older one stays as it was said.
  auto old = call("POST", "/api/v1/key-results/booking-2027q1-no-show-rate/check-ins", "member",
                  R"({"value": 10.5, "at": "2027-02-01T09:00:00Z"})");
  ASSERT_EQ(old.result_int(), 201) << old.body();
  auto late = call(
      "DELETE", "/api/v1/check-ins/" + std::to_string(json_of(old).at("id").as_int64()), "member");
  EXPECT_EQ(late.result_int(), 409);
  EXPECT_NE(json_of(late).at("detail").as_string().find("7 days"), std::string::npos);

  EXPECT_EQ(call("DELETE", path, "member").result_int(), 204);
  EXPECT_EQ(call("DELETE", path, "member").result_int(), 404);
  EXPECT_EQ(call("PATCH", "/api/v1/check-ins/nope", "member", R"({"value": 1})").result_int(), 404);
  auto audit = call("GET", "/api/v1/audit-events?limit=10", "admin").body();
  EXPECT_NE(audit.find("\"withdraw\""), std::string::npos);
  EXPECT_NE(audit.find("\"correct\""), std::string::npos);
}

// An invitation: an administrator's one-time link; its holder sets a password and signs
// in; the link works once; only administrators invite; an account with a password is
// refused.
// People opening one sign-up link at once: one of them signs up, and only the password
// that one chose works; the others are told the link was used, and changed nothing.
TEST_F(Api, ALinkAcceptedTwiceAtOnceKeepsOnlyTheAcceptedPassword) {
  auto issued = call("POST", "/api/v1/invitations", "admin", R"({"email": "yan@acme.example"})");
  ASSERT_EQ(issued.result_int(), 201) << issued.body();
  const std::string secret(json_of(issued).at("secret").as_string());
  constexpr int kPeople = 6;
  std::vector<int> status(kPeople, 0);
  std::vector<std::thread> people;
  for (int i = 0; i < kPeople; ++i)
    people.emplace_back([&, i] {
      auto r = fetch(server->port(), "POST", "/api/v1/invitations/accept",
                     json::serialize(json::object{
                         {"secret", secret}, {"password", "yan password " + std::to_string(i)}}),
                     {"Content-Type: application/json"});
      status[i] = r ? r->result_int() : -1;
    });
  for (auto& t : people) t.join();
  ASSERT_EQ(std::count(status.begin(), status.end(), 201), 1);
  const int winner =
      static_cast<int>(std::find(status.begin(), status.end(), 201) - status.begin());
  for (int s : status) EXPECT_TRUE(s == 201 || s == 404) << s;
  auto sign_in = [&](int i) {
    return fetch(server->port(), "POST", "/api/v1/session",
                 json::serialize(json::object{{"email", "yan@acme.example"},
                                              {"password", "yan password " + std::to_string(i)}}),
                 {"Content-Type: application/json"})
        ->result_int();
  };
  EXPECT_EQ(sign_in(winner), 201) << "the password of the one who signed up works";
  for (int i = 0; i < kPeople; ++i)
    if (i != winner) {
      EXPECT_NE(sign_in(i), 201) << "a refused sign-up set its password: " << i;
    }
}

TEST_F(Api, InvitationLinksWorkOnceForTheInvitedAccount) {
  EXPECT_EQ(
      call("POST", "/api/v1/invitations", "lead", R"({"email": "zoe@acme.example"})").result_int(),
      403);
  auto issued = call("POST", "/api/v1/invitations", "admin",
                     R"({"email": "Zoe@acme.example", "name": "Zoe"})");
  ASSERT_EQ(issued.result_int(), 201) << issued.body();
  const std::string secret(json_of(issued).at("secret").as_string());
  EXPECT_EQ(std::string(json_of(issued).at("link").as_string()), "/join#" + secret);
  EXPECT_EQ(json_of(issued).at("user").at("email"), "zoe@acme.example");
  // Not yet able to sign in.
  auto early = fetch(server->port(), "POST", "/api/v1/session",
                     R"({"email": "zoe@acme.example", "password": "zoe password 123"})",
                     {"Content-Type: application/json"});
  EXPECT_EQ(early->result_int(), 401);

  // Inviting again replaces the link.
  auto again = call("POST", "/api/v1/invitations", "admin", R"({"email": "zoe@acme.example"})");
  ASSERT_EQ(again.result_int(), 201);
  const std::string newer(json_of(again).at("secret").as_string());
  auto old =
      fetch(server->port(), "POST", "/api/v1/invitations/lookup",
            json::serialize(json::object{{"secret", secret}}), {"Content-Type: application/json"});
  EXPECT_EQ(old->result_int(), 404);
  auto who =
      fetch(server->port(), "POST", "/api/v1/invitations/lookup",
            json::serialize(json::object{{"secret", newer}}), {"Content-Type: application/json"});
  ASSERT_EQ(who->result_int(), 200);
  EXPECT_EQ(json_of(*who).at("email"), "zoe@acme.example");

  auto weak = fetch(server->port(), "POST", "/api/v1/invitations/accept",
                    json::serialize(json::object{{"secret", newer}, {"password", "short"}}),
                    {"Content-Type: application/json"});
  EXPECT_EQ(weak->result_int(), 422);
  EXPECT_EQ(json_of(*weak).at("field"), "password");
  auto accepted =
      fetch(server->port(), "POST", "/api/v1/invitations/accept",
            json::serialize(json::object{
                {"secret", newer}, {"name", "Zoe Zhou"}, {"password", "zoe password 123"}}),
            {"Content-Type: application/json"});
  ASSERT_EQ(accepted->result_int(), 201) << accepted->body();
  EXPECT_EQ(json_of(*accepted).at("name"), "Zoe Zhou");
  auto signed_in = fetch(server->port(), "POST", "/api/v1/session",
                         R"({"email": "zoe@acme.example", "password": "zoe password 123"})",
                         {"Content-Type: application/json"});
  EXPECT_EQ(signed_in->result_int(), 201);
  auto reused =
      fetch(server->port(), "POST", "/api/v1/invitations/accept",
            json::serialize(json::object{{"secret", newer}, {"password", "another password 1"}}),
            {"Content-Type: application/json"});
  EXPECT_EQ(reused->result_int(), 404);
  EXPECT_EQ(
      call("POST", "/api/v1/invitations", "admin", R"({"email": "zoe@acme.example"})").result_int(),
      409);
}

// Administrators disable, enable and promote users and set their passwords; others may not.
TEST_F(Api, AdministratorsChangeUsers) {
  EXPECT_EQ(call("PATCH", "/api/v1/users/chen@acme.example", "lead", R"({"disabled": true})")
                .result_int(),
            403);
  auto off = call("PATCH", "/api/v1/users/chen@acme.example", "admin", R"({"disabled": true})");
  ASSERT_EQ(off.result_int(), 200) << off.body();
  EXPECT_TRUE(json_of(off).at("disabled").as_bool());
  EXPECT_EQ(call("GET", "/api/v1/objectives", "member").result_int(), 401) << "token stopped";
  auto on = call("PATCH", "/api/v1/users/chen@acme.example", "admin", R"({"disabled": false})");
  EXPECT_FALSE(json_of(on).at("disabled").as_bool());
  EXPECT_EQ(call("PATCH", "/api/v1/users/chen@acme.example", "admin", R"({"colour": "red"})")
                .result_int(),
            422);
  auto pw = call("PUT", "/api/v1/users/chen@acme.example/password", "admin",
                 R"({"password": "chen's new password"})");
  EXPECT_EQ(pw.result_int(), 204);
  auto chen = fetch(server->port(), "POST", "/api/v1/session",
                    R"({"email": "chen@acme.example", "password": "chen's new password"})",
                    {"Content-Type: application/json"});
  EXPECT_EQ(chen->result_int(), 201);
  // Disabling revoked chen's token for good; another user may not set ana's password.
  EXPECT_EQ(call("GET", "/api/v1/objectives", "member").result_int(), 401);
  EXPECT_EQ(call("PUT", "/api/v1/users/ana@acme.example/password", "viewer",
                 R"({"password": "not vera's to set"})")
                .result_int(),
            403);
}

// A database without users offers one set-up secret; it creates the first administrator
// once.
TEST(FirstRun, TheSetUpSecretCreatesTheFirstAdministratorOnce) {
  okr::testing::TempDb db;
  auto store = std::move(open_store(db.path())).value();
  app::App app{*store, okr::testing::fixed_now};
  auto secret = app.first_run().offer();
  ASSERT_TRUE(secret);
  testing::TestServer server([&](Router& router, Metrics&) { add_api_routes(router, app); });
  auto offered = fetch(server.port(), "GET", "/api/v1/setup");
  EXPECT_EQ(json_of(*offered).at("offered"), true);
  auto wrong = fetch(
      server.port(), "POST", "/api/v1/setup",
      R"({"secret": "okr_setup_guess", "email": "a@b.example", "password": "long enough pw"})",
      {"Content-Type: application/json"});
  EXPECT_EQ(wrong->result_int(), 403);
  auto made = fetch(server.port(), "POST", "/api/v1/setup",
                    json::serialize(json::object{{"secret", *secret},
                                                 {"email", "root@example.com"},
                                                 {"name", "Root"},
                                                 {"password", "long enough pw"}}),
                    {"Content-Type: application/json"});
  ASSERT_EQ(made->result_int(), 201) << made->body();
  EXPECT_TRUE(json_of(*made).at("admin").as_bool());
  auto twice =
      fetch(server.port(), "POST", "/api/v1/setup",
            json::serialize(json::object{
                {"secret", *secret}, {"email", "eve@example.com"}, {"password", "long enough pw"}}),
            {"Content-Type: application/json"});
  EXPECT_EQ(twice->result_int(), 403);
  EXPECT_EQ(json_of(*fetch(server.port(), "GET", "/api/v1/setup")).at("offered"), false);
  EXPECT_FALSE(app.first_run().offer()) << "a database with a user offers no set-up";
}

// The search box finds a team, a person, an objective and a key result by a word of
// their name, the exact key first, on either database; changes show at once.
TEST_F(Api, SearchFindsTeamsPeopleObjectivesAndKeyResults) {
  auto first = [&](const std::string& q) {
    auto r = call("GET", "/api/v1/search?q=" + q, "viewer");
    EXPECT_EQ(r.result_int(), 200) << r.body();
    auto items = json_of(r).at("items").as_array();
    return items.empty() ? json::value(nullptr) : items[0];
  };
  auto booking = first("booking");
  ASSERT_TRUE(booking.is_object());
  EXPECT_EQ(booking.at("kind"), "team") << "the exact key first";
  EXPECT_EQ(booking.at("key"), "booking");
  EXPECT_EQ(booking.at("path"), "/cycles/2027-Q1/teams/booking");

  // Words that spell a key find that thing first, however many others share the words.
  EXPECT_EQ(first("acme%20product").at("key"), "acme-product");
  EXPECT_EQ(first("booking%202027q1%20rebook%20rate").at("key"), "booking-2027q1-rebook-rate");

  auto chen = first("chen");
  ASSERT_TRUE(chen.is_object());
  EXPECT_EQ(chen.at("kind"), "user");
  EXPECT_EQ(chen.at("key"), "chen@acme.example");

  auto rebook =
      json_of(call("GET", "/api/v1/search?q=rebooked%20visits", "viewer")).at("items").as_array();
  ASSERT_FALSE(rebook.empty());
  EXPECT_EQ(rebook[0].at("kind"), "key_result");
  EXPECT_EQ(rebook[0].at("key"), "booking-2027q1-rebook-rate");

  // A picker asks for one kind: "booking" is in objective and key result keys too.
  auto teams = json_of(call("GET", "/api/v1/search?q=booking&kind=team&limit=50", "viewer"))
                   .at("items")
                   .as_array();
  ASSERT_FALSE(teams.empty());
  for (const auto& t : teams) EXPECT_EQ(t.at("kind"), "team") << t;
  auto everything = json_of(call("GET", "/api/v1/search?q=booking&limit=50", "viewer"));
  EXPECT_GT(everything.at("items").as_array().size(), teams.size());
  auto people = json_of(call("GET", "/api/v1/search?q=chen&kind=user", "viewer"));
  EXPECT_EQ(people.at("items").at(0).at("key"), "chen@acme.example");
  auto bad_kind = call("GET", "/api/v1/search?q=booking&kind=teams", "viewer");
  EXPECT_EQ(bad_kind.result_int(), 422);
  EXPECT_EQ(json_of(bad_kind).at("field"), "kind");

  auto objective = first("obvious");
  ASSERT_TRUE(objective.is_object());
  EXPECT_EQ(objective.at("kind"), "objective");
  EXPECT_EQ(objective.at("key"), "booking-2027q1-effortless-rebooking");

  // A renamed team is found by its new name, not its old one.
  auto team = json_of(call("GET", "/api/v1/teams/booking", "admin"));
  auto renamed = call("PATCH", "/api/v1/teams/booking", "admin", R"({"name": "Appointments"})",
                      {"If-Match: \"v" + std::to_string(team.at("version").as_int64()) + "\""});
  ASSERT_EQ(renamed.result_int(), 200) << renamed.body();
  EXPECT_EQ(first("appoint").at("key"), "booking");
  auto experience = json_of(call("GET", "/api/v1/search?q=experience", "viewer")).at("items");
  for (const auto& i : experience.as_array()) EXPECT_NE(i.at("key"), "booking");

  EXPECT_TRUE(
      json_of(call("GET", "/api/v1/search?q=zzzqqq", "viewer")).at("items").as_array().empty());
  EXPECT_TRUE(json_of(call("GET", "/api/v1/search?q=%22%2A%20OR", "viewer")).at("items").is_array())
      << "query syntax is only words";
  EXPECT_EQ(call("GET", "/api/v1/search", "viewer").result_int(), 400);
  EXPECT_EQ(call("GET", "/api/v1/search?q=" + std::string(201, 'a'), "viewer").result_int(), 422);
}

// A department's teams below it, scored as their own pages, sorted and paged.
TEST_F(Api, TeamsBelowATeamArePagedAndSorted) {
  auto page =
      json_of(call("GET", "/api/v1/cycles/2027-Q1/teams/acme-product/sub-teams?limit=2", "viewer"));
  EXPECT_EQ(page.at("total").as_int64(), 3);  // booking, payments, design
  ASSERT_EQ(page.at("items").as_array().size(), 2u);
  ASSERT_TRUE(page.at("next").is_string());
  auto rest = json_of(call("GET",
                           "/api/v1/cycles/2027-Q1/teams/acme-product/sub-teams?limit=2&after=" +
                               std::string(page.at("next").as_string()),
                           "viewer"));
  ASSERT_EQ(rest.at("items").as_array().size(), 1u);
  EXPECT_TRUE(rest.at("next").is_null());
  std::vector<std::string> names;
  for (const auto* p : {&page, &rest})
    for (const auto& t : p->at("items").as_array())
      names.push_back(std::string(t.at("name").as_string()));
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  // The scores are those of each team's own page.
  auto booking = json_of(call("GET", "/api/v1/cycles/2027-Q1/teams/booking", "viewer"));
  auto by_score = json_of(
      call("GET", "/api/v1/cycles/2027-Q1/teams/acme-product/sub-teams?sort=score", "viewer"));
  bool found = false;
  for (const auto& t : by_score.at("items").as_array()) {
    if (t.at("key") != "booking") continue;
    found = true;
    EXPECT_EQ(t.at("score"), booking.at("score"));
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(call("GET", "/api/v1/cycles/2027-Q1/teams/acme-product/sub-teams?sort=size", "viewer")
                .result_int(),
            400);
  EXPECT_EQ(call("GET", "/api/v1/cycles/2027-Q1/teams/nowhere/sub-teams", "viewer").result_int(),
            404);
  EXPECT_EQ(json_of(call("GET", "/api/v1/cycles/2027-Q1/teams/booking/sub-teams", "viewer"))
                .at("total")
                .as_int64(),
            0);
}

}  // namespace
}  // namespace okr::http
