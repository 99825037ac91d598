// Inbound tracker webhooks over HTTP: payloads shaped as GitHub, GitLab and Jira send
// them update the initiatives their kr:KEY labels link; forged deliveries are refused
// with nothing changed; a replayed delivery changes nothing.
#include <gtest/gtest.h>

#include "demo_fixture.h"
#include "formats/tracker_events.h"
#include "http/hooks/hooks.h"

namespace okr::http {
namespace {

json::object payload(const std::string& name) {
  return json::parse(okr::testing::read_text(std::string(OKR_TEST_DATA_DIR) + "/hooks/" + name))
      .as_object();
}

struct HooksApi : DemoApi {
  // A tracker added by maya; its secret as the answer gave it.
  std::string add_tracker(const std::string& name, const std::string& source,
                          const std::string& extra = "") {
    auto r = post("/api/v1/trackers",
                  R"({"name":")" + name + R"(","source":")" + source + "\"" + extra + "}");
    EXPECT_EQ(r.result_int(), 201) << r.body();
    auto body = json_of(r);
    if (!body.is_object() || !body.as_object().contains("secret")) return {};
    return std::string(body.at("secret").as_string());
  }

  testing::HttpResponse deliver(const std::string& target, const std::string& body,
                                const std::vector<std::string>& headers) {
    std::vector<std::string> h = headers;
    h.push_back("Content-Type: application/json");
    auto r = fetch(server->port(), "POST", target, body, h);
    EXPECT_TRUE(r.has_value());
    return r ? *r : testing::HttpResponse{};
  }

  testing::HttpResponse github(const std::string& secret, const std::string& event,
                               const std::string& body) {
    return deliver(
        "/api/v1/hooks/github", body,
        {"X-GitHub-Event: " + event, "X-GitHub-Delivery: 72d3162e-cc78-11e3-81ab-4c9367dc0958",
         "X-Hub-Signature-256: " + hooks::sha256_signature(secret, body)});
  }

  // The initiative with this external key, as the API shows it (null when none).
  json::value initiative(const std::string& key) {
    auto list = get("/api/v1/initiatives?limit=500");
    for (const auto& i : list.at("items").as_array())
      if (i.at("key").is_string() && i.at("key").as_string() == key) return i;
    return nullptr;
  }

  Id key_result_id(const std::string& key) {
    return get("/api/v1/key-results/" + key).at("id").to_number<Id>();
  }
};

TEST(HookSignature, MatchesGithubsPublishedExample) {
  // docs.github.com, "Validating webhook deliveries": the test values.
  EXPECT_EQ(hooks::sha256_signature("It's a Secret to Everybody", "Hello, World!"),
            "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
  EXPECT_TRUE(hooks::same("abc", "abc"));
  EXPECT_FALSE(hooks::same("abc", "abd"));
  EXPECT_FALSE(hooks::same("abc", "abcd"));
  EXPECT_FALSE(hooks::same("", ""));
}

TEST_F(HooksApi, GithubIssueLifecycleUpdatesTheInitiative) {
  std::string secret = add_tracker("github-web", "github");
  ASSERT_FALSE(secret.empty());
  auto p = payload("github-issues.json");

  auto r = github(secret, "issues", json::serialize(p));
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_EQ(json_of(r).at("created").to_number<int>(), 1);
  auto i = initiative("lumen/web#42");
  ASSERT_TRUE(i.is_object());
  EXPECT_EQ(i.at("title").as_string(), "Shorter sign-up form");
  EXPECT_EQ(i.at("status").as_string(), "planned");
  EXPECT_EQ(i.at("url").as_string(), "https://github.com/lumen/web/issues/42");
  ASSERT_EQ(i.at("key_result_ids").as_array().size(), 1u);
  EXPECT_EQ(i.at("key_result_ids").as_array()[0].to_number<Id>(),
            key_result_id("growth-activation"));
  EXPECT_EQ(i.at("team_id").to_number<Id>(), get("/api/v1/teams/growth").at("id").to_number<Id>());

  // Renamed, relabelled to another key result, then closed as completed.
  p["action"] = "edited";
  p["issue"].as_object()["title"] = "A shorter sign-up form";
  p["issue"].as_object()["labels"] = json::array{json::object{{"name", "kr:growth-invites"}}};
  ASSERT_EQ(github(secret, "issues", json::serialize(p)).result_int(), 200);
  i = initiative("lumen/web#42");
  EXPECT_EQ(i.at("title").as_string(), "A shorter sign-up form");
  EXPECT_EQ(i.at("key_result_ids").as_array()[0].to_number<Id>(), key_result_id("growth-invites"));

  p["action"] = "closed";
  p["issue"].as_object()["state"] = "closed";
  p["issue"].as_object()["state_reason"] = "completed";
  auto closed = github(secret, "issues", json::serialize(p));
  EXPECT_EQ(json_of(closed).at("updated").to_number<int>(), 1);
  EXPECT_EQ(initiative("lumen/web#42").at("status").as_string(), "done");

  // Closed as not planned is dropped; every label removed unlinks it, in its team.
  p["issue"].as_object()["state_reason"] = "not_planned";
  p["issue"].as_object()["labels"] = json::array{};
  ASSERT_EQ(github(secret, "issues", json::serialize(p)).result_int(), 200);
  i = initiative("lumen/web#42");
  EXPECT_EQ(i.at("status").as_string(), "dropped");
  EXPECT_TRUE(i.at("key_result_ids").as_array().empty());
}

TEST_F(HooksApi, GithubPullRequestsMergedOpenAndClosed) {
  std::string secret = add_tracker("github-web", "github");
  auto p = payload("github-pull-request.json");
  ASSERT_EQ(github(secret, "pull_request", json::serialize(p)).result_int(), 200);
  auto i = initiative("lumen/web#57");
  ASSERT_TRUE(i.is_object());
  EXPECT_EQ(i.at("status").as_string(), "done");
  EXPECT_EQ(i.at("title").as_string(), "Guided first project");
  // The milestone is the team's sprint of that name.
  Id sprint = 0;
  auto sprints = get("/api/v1/sprints?team=growth");
  for (const auto& s : sprints.at("items").as_array())
    if (s.at("name").as_string() == "Growth 4") sprint = s.at("id").to_number<Id>();
  ASSERT_NE(sprint, 0);
  EXPECT_EQ(i.at("sprint_id").to_number<Id>(), sprint);

  auto& pr = p["pull_request"].as_object();
  pr["state"] = "open";
  pr["merged"] = false;
  pr["merged_at"] = nullptr;
  pr["milestone"] = nullptr;
  p["action"] = "reopened";
  ASSERT_EQ(github(secret, "pull_request", json::serialize(p)).result_int(), 200);
  i = initiative("lumen/web#57");
  EXPECT_EQ(i.at("status").as_string(), "in_progress");
  EXPECT_EQ(i.at("sprint_id").to_number<Id>(), sprint) << "no milestone keeps the sprint";

  pr["state"] = "closed";
  p["action"] = "closed";
  ASSERT_EQ(github(secret, "pull_request", json::serialize(p)).result_int(), 200);
  EXPECT_EQ(initiative("lumen/web#57").at("status").as_string(), "dropped");
}

TEST_F(HooksApi, ForgedOrMissingSignaturesAreRefusedAndChangeNothing) {
  std::string secret = add_tracker("github-web", "github");
  std::string body = json::serialize(payload("github-issues.json"));
  std::string before = okr::testing::dump(db.path());

  auto forged = github("okr_wh_not-the-secret-at-all-000000000000", "issues", body);
  EXPECT_EQ(forged.result_int(), 401);
  EXPECT_EQ(json_of(forged).at("type").as_string(), "/problems/unauthenticated");
  EXPECT_EQ(forged.body().find(secret), std::string::npos);
  // The right signature over another body.
  auto swapped = deliver(
      "/api/v1/hooks/github", body + " ",
      {"X-GitHub-Event: issues", "X-Hub-Signature-256: " + hooks::sha256_signature(secret, body)});
  EXPECT_EQ(swapped.result_int(), 401);
  EXPECT_EQ(deliver("/api/v1/hooks/github", body, {"X-GitHub-Event: issues"}).result_int(), 401);
  // A signature in another case or the older SHA-1 header is not accepted either.
  std::string upper = hooks::sha256_signature(secret, body);
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_EQ(deliver("/api/v1/hooks/github", body,
                    {"X-GitHub-Event: issues", "X-Hub-Signature-256: " + upper})
                .result_int(),
            401);
  // GitLab and Jira with wrong secrets, and a source without trackers.
  EXPECT_EQ(deliver("/api/v1/hooks/gitlab", json::serialize(payload("gitlab-issue.json")),
                    {"X-Gitlab-Event: Issue Hook", "X-Gitlab-Token: " + secret})
                .result_int(),
            401);
  EXPECT_EQ(deliver("/api/v1/hooks/jira?secret=" + secret,
                    json::serialize(payload("jira-issue-updated.json")), {})
                .result_int(),
            401);
  EXPECT_EQ(okr::testing::dump(db.path()), before);
}

// Deliveries may arrive out of order: one older than a change already applied (by the
// tracker's updated_at) is acknowledged and changes nothing.
TEST_F(HooksApi, AnOlderDeliveryArrivingLateChangesNothing) {
  std::string secret = add_tracker("github-web", "github");
  auto newer = payload("github-issues.json");
  newer["issue"].as_object()["title"] = "The newer title";
  newer["issue"].as_object()["updated_at"] = "2026-12-01T09:00:00Z";
  ASSERT_EQ(github(secret, "issues", json::serialize(newer)).result_int(), 200);
  auto older = payload("github-issues.json");
  older["issue"].as_object()["title"] = "The older title";
  older["issue"].as_object()["updated_at"] = "2026-12-01T08:59:59Z";
  std::string before = okr::testing::dump(db.path());
  auto late = github(secret, "issues", json::serialize(older));
  ASSERT_EQ(late.result_int(), 200) << late.body();
  EXPECT_NE(json_of(late).at("ignored").as_string().find("a newer change of lumen/web#42"),
            std::string::npos)
      << late.body();
  EXPECT_EQ(initiative("lumen/web#42").at("title").as_string(), "The newer title");
  EXPECT_EQ(okr::testing::dump(db.path()), before);
  // A later one applies.
  newer["issue"].as_object()["title"] = "The newest title";
  newer["issue"].as_object()["updated_at"] = "2026-12-01T09:00:01Z";
  ASSERT_EQ(github(secret, "issues", json::serialize(newer)).result_int(), 200);
  EXPECT_EQ(initiative("lumen/web#42").at("title").as_string(), "The newest title");
}

TEST(TrackerTime, EachTrackersFormatIsRead) {
  EXPECT_EQ(formats::parse_tracker_time("2019-05-15T15:20:33Z"),
            parse_instant("2019-05-15T15:20:33Z"));
  EXPECT_EQ(formats::parse_tracker_time("2013-12-03 17:23:34 UTC"),
            parse_instant("2013-12-03T17:23:34Z"));
  EXPECT_EQ(formats::parse_tracker_time("2017-12-07T10:22:07.000+0100"),
            parse_instant("2017-12-07T09:22:07Z"));
  EXPECT_EQ(formats::parse_tracker_time("2017-12-07T10:22:07-05:30"),
            parse_instant("2017-12-07T15:52:07Z"));
  for (const char* bad : {"", "yesterday", "2017-12-07", "2017-12-07T10:22Z"})
    EXPECT_FALSE(formats::parse_tracker_time(bad)) << bad;
}

TEST_F(HooksApi, ReplayedDeliveriesChangeNothing) {
  std::string secret = add_tracker("github-web", "github");
  std::string body = json::serialize(payload("github-issues.json"));
  ASSERT_EQ(json_of(github(secret, "issues", body)).at("created").to_number<int>(), 1);
  std::string before = okr::testing::dump(db.path());
  for (int k = 0; k < 3; ++k) {
    auto again = github(secret, "issues", body);
    ASSERT_EQ(again.result_int(), 200);
    EXPECT_EQ(json_of(again).at("unchanged").to_number<int>(), 1);
    EXPECT_EQ(json_of(again).at("created").to_number<int>(), 0);
  }
  EXPECT_EQ(okr::testing::dump(db.path()), before);
}

TEST_F(HooksApi, UnknownEventsAreAcknowledgedAndMalformedBodiesRefused) {
  std::string secret = add_tracker("github-web", "github");
  std::string before = okr::testing::dump(db.path());
  auto ping = github(secret, "ping", R"({"zen":"Keep it logically awesome.","hook_id":1})");
  EXPECT_EQ(ping.result_int(), 200);
  EXPECT_NE(json_of(ping).at("ignored").as_string().find("ping"), std::string::npos);
  auto push = github(secret, "push", R"({"ref":"refs/heads/main"})");
  EXPECT_EQ(push.result_int(), 200);

  auto broken = github(secret, "issues", R"({"action":"opened","issue":{)");
  EXPECT_EQ(broken.result_int(), 400);
  EXPECT_EQ(json_of(broken).at("type").as_string(), "/problems/invalid-body");
  EXPECT_EQ(github(secret, "issues", "[1,2]").result_int(), 400);
  EXPECT_EQ(github(secret, "issues", R"({"action":"opened"})").result_int(), 400);
  auto weird = payload("github-issues.json");
  weird["issue"].as_object()["state"] = "sideways";
  EXPECT_EQ(github(secret, "issues", json::serialize(weird)).result_int(), 400);
  weird["issue"].as_object()["number"] = "42";
  EXPECT_EQ(github(secret, "issues", json::serialize(weird)).result_int(), 400);
  // Garbage, signed: never a 5xx.
  std::string garbage;
  for (int k = 0; k < 5000; ++k) garbage.push_back(static_cast<char>((k * 7919 + 13) % 256));
  auto g = github(secret, "issues", garbage);
  EXPECT_EQ(g.result_int(), 400);
  EXPECT_EQ(okr::testing::dump(db.path()), before);

  // A linked key result that does not exist: acknowledged, reported, nothing written.
  auto unknown = payload("github-issues.json");
  unknown["issue"].as_object()["labels"] = json::array{json::object{{"name", "kr:no-such-kr"}}};
  auto skipped = github(secret, "issues", json::serialize(unknown));
  EXPECT_EQ(skipped.result_int(), 200);
  auto s = json_of(skipped).at("skipped").as_array();
  ASSERT_EQ(s.size(), 1u);
  EXPECT_NE(s[0].as_string().find("no-such-kr"), std::string::npos);
  EXPECT_EQ(okr::testing::dump(db.path()), before);
}

TEST_F(HooksApi, GitlabIssuesAndMergeRequests) {
  std::string token = "gitlab-token-of-the-lumen-app";
  EXPECT_TRUE(add_tracker("gitlab-app", "gitlab", R"(,"secret":")" + token + R"(","team":"growth")")
                  .empty())
      << "a given secret is not echoed";
  auto issue = payload("gitlab-issue.json");
  auto send = [&](const std::string& event, const json::object& body) {
    return deliver("/api/v1/hooks/gitlab", json::serialize(body),
                   {"X-Gitlab-Event: " + event, "X-Gitlab-Token: " + token,
                    "X-Gitlab-Event-UUID: 13792a34-cac6-4fda-95a8-c58e00a3954e"});
  };
  ASSERT_EQ(send("Issue Hook", issue).result_int(), 200);
  auto i = initiative("lumen/app#23");
  ASSERT_TRUE(i.is_object());
  EXPECT_EQ(i.at("status").as_string(), "planned");
  EXPECT_EQ(i.at("title").as_string(), "Invite a teammate during sign-up");
  EXPECT_EQ(i.at("url").as_string(), "https://gitlab.example.com/lumen/app/-/issues/23");
  EXPECT_EQ(i.at("key_result_ids").as_array()[0].to_number<Id>(),
            key_result_id("growth-activation"));

  issue["object_attributes"].as_object()["state"] = "closed";
  issue["object_attributes"].as_object()["action"] = "close";
  ASSERT_EQ(send("Issue Hook", issue).result_int(), 200);
  EXPECT_EQ(initiative("lumen/app#23").at("status").as_string(), "done");

  auto mr = payload("gitlab-merge-request.json");
  ASSERT_EQ(send("Merge Request Hook", mr).result_int(), 200);
  EXPECT_EQ(initiative("lumen/app!8").at("status").as_string(), "in_progress");
  mr["object_attributes"].as_object()["state"] = "merged";
  mr["object_attributes"].as_object()["action"] = "merge";
  auto merged = send("Merge Request Hook", mr);
  EXPECT_EQ(json_of(merged).at("updated").to_number<int>(), 1);
  EXPECT_EQ(initiative("lumen/app!8").at("status").as_string(), "done");
  // Replayed: unchanged. Another kind of event: acknowledged.
  EXPECT_EQ(json_of(send("Merge Request Hook", mr)).at("unchanged").to_number<int>(), 1);
  EXPECT_EQ(send("Pipeline Hook", json::object{{"object_kind", "pipeline"}}).result_int(), 200);
  // A missing token is refused.
  EXPECT_EQ(deliver("/api/v1/hooks/gitlab", json::serialize(mr), {"X-Gitlab-Event: Issue Hook"})
                .result_int(),
            401);
}

TEST_F(HooksApi, JiraSignedOrWithTheSecretInTheAddress) {
  std::string secret = add_tracker("jira-cloud", "jira");
  auto p = payload("jira-issue-updated.json");
  std::string body = json::serialize(p);
  auto r = deliver("/api/v1/hooks/jira", body,
                   {"X-Hub-Signature: " + hooks::sha256_signature(secret, body),
                    "X-Atlassian-Webhook-Identifier: 2b1a7c1b-3f34-4b39-8d83-4e1b3c5d7f00"});
  ASSERT_EQ(r.result_int(), 200) << r.body();
  auto i = initiative("GROW-150");
  ASSERT_TRUE(i.is_object());
  EXPECT_EQ(i.at("status").as_string(), "in_progress");
  EXPECT_EQ(i.at("url").as_string(), "https://lumen.atlassian.net/browse/GROW-150");
  EXPECT_EQ(i.at("key_result_ids").as_array()[0].to_number<Id>(),
            key_result_id("growth-activation"));
  EXPECT_FALSE(i.at("sprint_id").is_null());

  // Done, by a status okr does not know but whose category it does.
  auto& status = p["issue"].as_object()["fields"].as_object()["status"].as_object();
  status["name"] = "Shipped to customers";
  status["statusCategory"].as_object()["key"] = "done";
  body = json::serialize(p);
  ASSERT_EQ(deliver("/api/v1/hooks/jira?secret=" + secret, body, {}).result_int(), 200);
  EXPECT_EQ(initiative("GROW-150").at("status").as_string(), "done");
  // A signature that does not match is refused even when the address holds the secret.
  EXPECT_EQ(deliver("/api/v1/hooks/jira?secret=" + secret, body, {"X-Hub-Signature: sha256=00"})
                .result_int(),
            401);
  auto deleted = p;
  deleted["webhookEvent"] = "jira:issue_deleted";
  EXPECT_EQ(json_of(deliver("/api/v1/hooks/jira?secret=" + secret, json::serialize(deleted), {}))
                    .at("ignored")
                    .as_string()
                    .find("jira:issue_deleted") != std::string::npos,
            true);
}

TEST_F(HooksApi, TrackersAreForAdministratorsAndTheirSecretsStayHidden) {
  std::string secret = add_tracker("github-web", "github", R"(,"team":"growth")");
  ASSERT_TRUE(secret.starts_with("okr_wh_"));
  auto list = get("/api/v1/trackers");
  ASSERT_EQ(list.at("items").as_array().size(), 1u);
  auto t = list.at("items").as_array()[0];
  EXPECT_EQ(t.at("team").as_string(), "growth");
  EXPECT_EQ(t.at("hook_path").as_string(), "/api/v1/hooks/github");
  EXPECT_FALSE(t.as_object().contains("secret"));
  EXPECT_EQ(json::serialize(get("/api/v1/audit-events?limit=500")).find(secret), std::string::npos);

  get("/api/v1/trackers", "ana@lumen.example", 403);
  std::string before = okr::testing::dump(db.path());
  EXPECT_EQ(post("/api/v1/trackers", R"({"name":"x","source":"github"})", "ana@lumen.example")
                .result_int(),
            403);
  auto bad_source = post("/api/v1/trackers", R"({"name":"x","source":"trello"})");
  EXPECT_EQ(bad_source.result_int(), 422);
  EXPECT_EQ(json_of(bad_source).at("field").as_string(), "source");
  EXPECT_EQ(post("/api/v1/trackers", R"({"name":"Bad Name","source":"github"})").result_int(), 422);
  EXPECT_EQ(
      post("/api/v1/trackers", R"({"name":"x","source":"jira","secret":"short"})").result_int(),
      422);
  EXPECT_EQ(post("/api/v1/trackers", R"({"name":"github-web","source":"gitlab"})").result_int(),
            409);
  EXPECT_EQ(
      post("/api/v1/trackers", R"({"name":"x","source":"github","team":"nobody"})").result_int(),
      404);
  EXPECT_EQ(
      post("/api/v1/trackers", R"({"name":"x","source":"github","colour":"red"})").result_int(),
      422);
  EXPECT_EQ(okr::testing::dump(db.path()), before);

  auto del = fetch(server->port(), "DELETE", "/api/v1/trackers/github-web", {},
                   {"Authorization: Bearer " + tokens.at("maya@lumen.example")});
  ASSERT_TRUE(del);
  EXPECT_EQ(del->result_int(), 204);
  // Its deliveries are refused from then on.
  std::string body = json::serialize(payload("github-issues.json"));
  EXPECT_EQ(github(secret, "issues", body).result_int(), 401);
}

}  // namespace
}  // namespace okr::http
