// Webhooks and chat channels over real HTTP on the demo organisation (SQLite, and
// PostgreSQL in the "pg." run), with the outbox's sender delivering to a real receiver
// on loopback: signatures, idempotency keys, retries with backoff, disabling a dead
// endpoint, each chat service's format, refused input, and two senders on one
// database delivering each message once.
#include <gtest/gtest.h>

#include <cstdlib>
#include <set>

#include "app/outbox.h"
#include "app/outbox_sender.h"
#include "app/secrets.h"
#include "demo_fixture.h"
#include "http/outgoing.h"
#include "receiver.h"

namespace okr::http {
namespace {

using namespace std::chrono_literals;

app::SenderOptions fast_sender() {
  app::SenderOptions o;
  o.poll = 20ms;
  o.retry.base = 150ms;
  o.retry.max_delay = 5s;
  o.lease = 5s;
  return o;
}

class OutboxApi : public DemoApi {
 public:
  testing::Receiver receiver;

  testing::HttpResponse send(std::string_view method, const std::string& target,
                             std::string_view body, const std::string& email) {
    std::vector<std::string> headers{"Authorization: Bearer " + tokens.at(email)};
    if (!body.empty()) headers.push_back("Content-Type: application/json");
    auto r = fetch(server->port(), method, target, body, headers);
    EXPECT_TRUE(r.has_value());
    return r ? *r : testing::HttpResponse{};
  }

  // Adds a webhook for `events` at the receiver's `path`; its id and secret.
  std::pair<Id, std::string> add_webhook(const std::string& events,
                                         const std::string& path = "/hook") {
    auto r = post("/api/v1/webhooks",
                  R"({"url": ")" + receiver.url(path) + R"(", "events": )" + events + "}");
    EXPECT_EQ(r.result_int(), 201) << r.body();
    auto j = json_of(r);
    return {j.at("id").to_number<Id>(), std::string(j.at("secret").as_string())};
  }

  testing::HttpResponse check_in(const std::string& key_result, double value,
                                 double confidence = 0.8) {
    return post("/api/v1/key-results/" + key_result + "/check-ins",
                R"({"value": )" + std::to_string(value) + R"(, "confidence": )" +
                    std::to_string(confidence) + R"(, "note": "weekly numbers"})",
                "ana@lumen.example");
  }

  // Adds a Slack channel for the growth team at the receiver's "/slack".
  testing::HttpResponse add_growth_slack_channel() {
    return post("/api/v1/chat-channels",
                json::serialize(json::object{
                    {"team", "growth"}, {"kind", "slack"}, {"url", receiver.url("/slack")}}));
  }

  json::array deliveries(Id webhook) {
    return get("/api/v1/webhooks/" + std::to_string(webhook) + "/deliveries")
        .at("items")
        .as_array();
  }

  // Polls `done` until it holds or `deadline` passes.
  template <class F>
  bool eventually(F done, std::chrono::milliseconds deadline = 10s) {
    const auto end = std::chrono::steady_clock::now() + deadline;
    while (std::chrono::steady_clock::now() < end) {
      if (done()) return true;
      std::this_thread::sleep_for(20ms);
    }
    return done();
  }
};

// "t=<ts>,v1=<hex>" checked as a receiver would: HMAC-SHA256 of "<ts>.<body>".
bool signature_valid(const testing::Received& r, const std::string& secret) {
  auto it = r.headers.find("okr-signature");
  if (it == r.headers.end()) return false;
  const std::string& sig = it->second;
  auto comma = sig.find(",v1=");
  if (sig.rfind("t=", 0) != 0 || comma == std::string::npos) return false;
  const std::string t = sig.substr(2, comma - 2);
  const std::string v1 = sig.substr(comma + 4);
  return app::secrets_equal(v1, app::hmac_sha256_hex(secret, t + "." + r.body));
}

TEST_F(OutboxApi, ACheckInReachesAWebhookSignedWithItsIdempotencyKey) {
  auto [id, secret] = add_webhook(R"(["check_in.created", "key_result.status_changed"])");
  EXPECT_TRUE(secret.starts_with("whsec_"));
  ASSERT_EQ(check_in("growth-activation", 31).result_int(), 201);

  app::OutboxSender sender(app, post_outgoing, fast_sender());
  sender.start();
  ASSERT_TRUE(receiver.wait_for(1, 10s));
  ASSERT_TRUE(eventually([&] { return deliveries(id).at(0).at("state") == "delivered"; }));
  sender.stop();

  auto got = receiver.received();
  const auto& first = got.front();
  EXPECT_EQ(first.path, "/hook");
  EXPECT_EQ(first.headers.at("content-type"), "application/json");
  EXPECT_TRUE(signature_valid(first, secret)) << first.headers.at("okr-signature");
  EXPECT_FALSE(signature_valid(first, secret + "x"));
  auto body = json::parse(first.body);
  EXPECT_EQ(body.at("type"), "check_in.created");
  EXPECT_EQ(first.headers.at("okr-event"), "check_in.created");
  EXPECT_EQ(first.headers.at("okr-delivery"), std::string(body.at("id").as_string()));
  EXPECT_EQ(body.at("data").at("key_result").at("key"), "growth-activation");
  EXPECT_EQ(body.at("data").at("check_in").at("value").to_number<double>(), 31.0);

  auto log = deliveries(id);
  const auto& d = log.back();  // the check-in's, the oldest
  EXPECT_EQ(d.at("event"), "check_in.created");
  EXPECT_EQ(d.at("response_code"), 200);
  EXPECT_EQ(d.at("attempts"), 1);
  EXPECT_EQ(d.at("event_id"), body.at("id"));

  // The secret is shown once: never by GET, never in the audit trail.
  auto again = get("/api/v1/webhooks/" + std::to_string(id));
  EXPECT_FALSE(again.as_object().contains("secret"));
  auto audit = fetch(server->port(), "GET", "/api/v1/audit-events?limit=50", {},
                     {"Authorization: Bearer " + tokens.at("maya@lumen.example")});
  ASSERT_TRUE(audit);
  EXPECT_EQ(audit->body().find(secret), std::string::npos);
  EXPECT_NE(audit->body().find("\"webhook\""), std::string::npos);
}

TEST_F(OutboxApi, FailedDeliveriesAreRetriedWithGrowingWaitsUntilTheyArrive) {
  auto [id, secret] = add_webhook(R"(["objective.updated"])");
  receiver.answer_next(3, 500);
  auto o =
      get("/api/v1/objectives/" +
          std::to_string(
              get("/api/v1/key-results/growth-activation").at("objective_id").to_number<Id>()));
  auto patch = fetch(server->port(), "PATCH",
                     "/api/v1/objectives/" + std::to_string(o.at("id").to_number<Id>()),
                     R"({"description": "Retried until it arrives"})",
                     {"Authorization: Bearer " + tokens.at("maya@lumen.example"),
                      "Content-Type: application/json", "If-Match: *"});
  ASSERT_TRUE(patch);
  ASSERT_EQ(patch->result_int(), 200) << patch->body();

  app::OutboxSender sender(app, post_outgoing, fast_sender());
  sender.start();
  ASSERT_TRUE(receiver.wait_for(4, 15s));
  ASSERT_TRUE(eventually([&] { return deliveries(id).at(0).at("state") == "delivered"; }));
  sender.stop();

  auto got = receiver.received();
  ASSERT_EQ(got.size(), 4u);
  // One event: the same idempotency key on every attempt, each attempt signed.
  for (const auto& r : got) {
    EXPECT_EQ(r.headers.at("okr-delivery"), got[0].headers.at("okr-delivery"));
    EXPECT_TRUE(signature_valid(r, secret));
  }
  EXPECT_EQ(got[0].answered, 500);
  EXPECT_EQ(got[3].answered, 200);
  // Waits of base·2^(n−1): 150, 300, 600 ms (the poll adds a little, never less).
  for (int n = 1; n <= 3; ++n) {
    auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(got[n].at - got[n - 1].at);
    EXPECT_GE(waited.count(), 150 * (1 << (n - 1)) - 20) << "attempt " << n + 1;
  }
  auto d = deliveries(id).at(0);
  EXPECT_EQ(d.at("attempts"), 4);
  EXPECT_EQ(d.at("response_code"), 200);
  EXPECT_TRUE(d.at("error").is_null());
}

TEST_F(OutboxApi, ADeadEndpointIsDisabledItsOwnerToldAndRedeliveryRevivesIt) {
  auto [id, secret] = add_webhook(R"(["comment.created"])");
  receiver.answer_always(503);
  auto url = "/api/v1/objectives/" +
             std::to_string(
                 get("/api/v1/key-results/growth-activation").at("objective_id").to_number<Id>()) +
             "/comments";
  ASSERT_EQ(post(url, R"({"body": "Numbers for week 4?"})", "ana@lumen.example").result_int(), 201);

  auto options = fast_sender();
  options.retry.base = 20ms;
  options.retry.max_consecutive_failures = 3;
  app::OutboxSender sender(app, post_outgoing, options);
  sender.start();
  ASSERT_TRUE(eventually(
      [&] { return !get("/api/v1/webhooks").at("items").at(0).at("enabled").as_bool(); }));
  EXPECT_EQ(receiver.received().size(), 3u);
  auto hook = get("/api/v1/webhooks/" + std::to_string(id));
  EXPECT_NE(std::string(hook.at("disabled_reason").as_string()).find("3 deliveries failed"),
            std::string::npos);
  // Disabled: nothing more is sent.
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(receiver.received().size(), 3u);

  // Maya added it, so Maya is told.
  auto inbox = get("/api/v1/notifications?limit=50").at("items").as_array();
  ASSERT_FALSE(inbox.empty());
  EXPECT_EQ(inbox.at(0).at("kind"), "endpoint_disabled");
  EXPECT_EQ(inbox.at(0).at("endpoint_id").to_number<Id>(), id);
  EXPECT_TRUE(inbox.at(0).at("objective_id").is_null());

  // The receiver is fixed; redelivering enables the webhook and the event arrives.
  receiver.answer_always(0);
  const Id delivery = deliveries(id).at(0).at("id").to_number<Id>();
  auto redelivered = post("/api/v1/webhooks/" + std::to_string(id) + "/deliveries/" +
                              std::to_string(delivery) + "/redeliver",
                          "");
  ASSERT_EQ(redelivered.result_int(), 202) << redelivered.body();
  EXPECT_EQ(json_of(redelivered).at("redelivery_of").to_number<Id>(), delivery);
  ASSERT_TRUE(receiver.wait_for(4, 10s));
  sender.stop();
  auto got = receiver.received();
  EXPECT_EQ(got.back().answered, 200);
  EXPECT_EQ(got.back().headers.at("okr-delivery"), got.front().headers.at("okr-delivery"));
  EXPECT_TRUE(get("/api/v1/webhooks/" + std::to_string(id)).at("enabled").as_bool());
}

TEST_F(OutboxApi, AWebhookGetsOnlyTheEventsItSubscribedTo) {
  add_webhook(R"(["objective.created", "objective.deleted"])");
  ASSERT_EQ(check_in("growth-activation", 30).result_int(), 201);
  auto team = get("/api/v1/teams/growth").at("id").to_number<Id>();
  auto cycle_id = get("/api/v1/cycles/" + cycle).at("id").to_number<Id>();
  auto created = post("/api/v1/objectives",
                      json::serialize(json::object{{"key", "growth-webhooks"},
                                                   {"cycle_id", cycle_id},
                                                   {"team_id", team},
                                                   {"title", "Make integrations effortless"}}));
  ASSERT_EQ(created.result_int(), 201) << created.body();
  app::OutboxSender sender(app, post_outgoing, fast_sender());
  sender.start();
  ASSERT_TRUE(receiver.wait_for(1, 10s));
  std::this_thread::sleep_for(200ms);
  sender.stop();
  auto got = receiver.received();
  ASSERT_EQ(got.size(), 1u);
  auto body = json::parse(got[0].body);
  EXPECT_EQ(body.at("type"), "objective.created");
  EXPECT_EQ(body.at("data").at("objective").at("key"), "growth-webhooks");
}

TEST_F(OutboxApi, ChatChannelsGetEachServicesOwnFormat) {
  for (auto [kind, path] : {std::pair{"slack", "/slack"}, std::pair{"teams", "/teams"},
                            std::pair{"mattermost", "/mattermost"}}) {
    auto r = post("/api/v1/chat-channels",
                  json::serialize(json::object{
                      {"team", "growth"}, {"kind", kind}, {"url", receiver.url(path)}}),
                  "ana@lumen.example");  // growth's lead
    ASSERT_EQ(r.result_int(), 201) << r.body();
    EXPECT_EQ(std::string(json_of(r).at("url").as_string()),
              "http://127.0.0.1:" + std::to_string(receiver.port()) + "/…");
  }
  ASSERT_EQ(check_in("growth-activation", 31).result_int(), 201);
  app::OutboxSender sender(app, post_outgoing, fast_sender());
  sender.start();
  ASSERT_TRUE(receiver.wait_for(3, 10s));
  sender.stop();
  std::map<std::string, json::value> by_path;
  for (const auto& r : receiver.received())
    if (!by_path.count(r.path)) by_path[r.path] = json::parse(r.body);

  // Slack: Block Kit blocks with a text fallback.
  const auto& slack = by_path.at("/slack");
  EXPECT_NE(std::string(slack.at("text").as_string()).find("checked in"), std::string::npos);
  const auto& blocks = slack.at("blocks").as_array();
  ASSERT_GE(blocks.size(), 2u);
  EXPECT_EQ(blocks.at(0).at("type"), "header");
  EXPECT_EQ(blocks.at(0).at("text").at("type"), "plain_text");
  for (const auto& b : blocks) EXPECT_TRUE(b.at("type") == "header" || b.at("type") == "section");

  // Microsoft Teams: a message whose attachment is an Adaptive Card.
  const auto& teams = by_path.at("/teams");
  EXPECT_EQ(teams.at("type"), "message");
  const auto& attachment = teams.at("attachments").at(0);
  EXPECT_EQ(attachment.at("contentType"), "application/vnd.microsoft.card.adaptive");
  EXPECT_EQ(attachment.at("content").at("type"), "AdaptiveCard");
  EXPECT_EQ(attachment.at("content").at("$schema"),
            "http://adaptivecards.io/schemas/adaptive-card.json");
  EXPECT_EQ(attachment.at("content").at("body").at(0).at("type"), "TextBlock");

  // Mattermost: Slack-compatible text and attachments with fields.
  const auto& mm = by_path.at("/mattermost");
  EXPECT_TRUE(mm.at("text").as_string().starts_with("#### "));
  EXPECT_FALSE(mm.at("attachments").at(0).at("fields").as_array().empty());

  // Anyone signed in may list them; the URLs stay hidden.
  auto list = get("/api/v1/chat-channels?team=growth", "ben@lumen.example").at("items").as_array();
  EXPECT_EQ(list.size(), 3u);
  EXPECT_EQ(json::serialize(list).find("/slack"), std::string::npos);
}

TEST_F(OutboxApi, BadInputIsRefusedNamingTheFieldAndChangesNothing) {
  auto field_of = [](const testing::HttpResponse& r) {
    auto j = json_of(r);
    return j.is_object() && j.as_object().contains("field") ? std::string(j.at("field").as_string())
                                                            : std::string();
  };
  struct Case {
    std::string body;
    int status;
    std::string field;
  };
  const std::vector<Case> cases{
      {R"({"url": "ftp://example.com/x", "events": ["comment.created"]})", 422, "url"},
      {R"({"url": "http://example.com/x", "events": ["comment.created"]})", 422, "url"},
      {R"({"url": "https://user@example.com/x", "events": ["comment.created"]})", 422, "url"},
      {R"({"url": "https://example.com/x", "events": []})", 422, "events"},
      {R"({"url": "https://example.com/x", "events": ["objective.exploded"]})", 422, "events"},
      {R"({"url": "https://example.com/x", "events": "comment.created"})", 422, "events"},
      {R"({"url": "https://example.com/x", "events": ["comment.created"], "colour": 1})", 422,
       "colour"},
      {R"({"url": 5, "events": ["comment.created"]})", 422, "url"},
      {"not json", 400, ""},
  };
  for (const auto& c : cases) {
    auto r = post("/api/v1/webhooks", c.body);
    EXPECT_EQ(r.result_int(), c.status) << c.body << ": " << r.body();
    if (!c.field.empty()) {
      EXPECT_EQ(field_of(r), c.field) << c.body;
    }
  }
  // Only administrators.
  auto lead = send("POST", "/api/v1/webhooks",
                   R"({"url": "https://example.com/x", "events": ["comment.created"]})",
                   "ana@lumen.example");
  EXPECT_EQ(lead.result_int(), 403);
  EXPECT_EQ(send("GET", "/api/v1/webhooks", "", "ana@lumen.example").result_int(), 403);
  EXPECT_TRUE(get("/api/v1/webhooks").at("items").as_array().empty());
  get("/api/v1/webhooks/99", "maya@lumen.example", 404);
  get("/api/v1/webhooks/x/deliveries", "maya@lumen.example", 404);
  EXPECT_EQ(post("/api/v1/webhooks/99/deliveries/1/redeliver", "").result_int(), 404);

  // Chat channels: a member may not, an unknown team or kind is named.
  auto chat = [&](const std::string& body, const std::string& email) {
    return post("/api/v1/chat-channels", body, email);
  };
  auto member = chat(R"({"team": "growth", "kind": "slack", "url": "https://hooks.slack.com/x"})",
                     "ben@lumen.example");
  EXPECT_EQ(member.result_int(), 403);
  auto no_team = chat(R"({"team": "nope", "kind": "slack", "url": "https://hooks.slack.com/x"})",
                      "maya@lumen.example");
  EXPECT_EQ(no_team.result_int(), 404);
  EXPECT_EQ(field_of(no_team), "team");
  auto bad_kind = chat(R"({"team": "growth", "kind": "irc", "url": "https://hooks.slack.com/x"})",
                       "maya@lumen.example");
  EXPECT_EQ(bad_kind.result_int(), 422);
  EXPECT_EQ(field_of(bad_kind), "kind");
  auto webhook_kind =
      chat(R"({"team": "growth", "kind": "webhook", "url": "https://hooks.slack.com/x"})",
           "maya@lumen.example");
  EXPECT_EQ(field_of(webhook_kind), "kind");
  auto bad_url = chat(R"({"team": "growth", "kind": "teams", "url": "http://outlook.example/x"})",
                      "maya@lumen.example");
  EXPECT_EQ(bad_url.result_int(), 422);
  EXPECT_EQ(field_of(bad_url), "url");
  EXPECT_TRUE(get("/api/v1/chat-channels").at("items").as_array().empty());
  EXPECT_EQ(send("DELETE", "/api/v1/chat-channels/1", "", "maya@lumen.example").result_int(), 404);
}

TEST_F(OutboxApi, AKeyResultGoingOffTrackAndGradingOpeningReachTheTeamsChannel) {
  ASSERT_EQ(add_growth_slack_channel().result_int(), 201);
  auto [id, secret] = add_webhook(R"(["cycle.state_changed", "key_result.status_changed"])");
  // Low confidence with a note: the key result turns off track.
  auto low = post("/api/v1/key-results/growth-activation/check-ins",
                  R"({"value": 31, "confidence": 0.1, "note": "the pricing test hurt"})",
                  "ana@lumen.example");
  ASSERT_EQ(low.result_int(), 201) << low.body();
  auto moved = post("/api/v1/cycles/" + cycle + "/state", R"({"state": "grading"})");
  ASSERT_EQ(moved.result_int(), 200) << moved.body();

  app::OutboxSender sender(app, post_outgoing, fast_sender());
  sender.start();
  ASSERT_TRUE(receiver.wait_for(5, 10s));  // check-in, off track, grading; two events
  sender.stop();
  std::vector<std::string> slack, events;
  for (const auto& r : receiver.received()) {
    auto body = json::parse(r.body);
    if (r.path == "/slack")
      slack.emplace_back(body.at("text").as_string());
    else
      events.emplace_back(body.at("type").as_string());
  }
  ASSERT_EQ(slack.size(), 3u);
  EXPECT_NE(slack[0].find("checked in on"), std::string::npos) << slack[0];
  EXPECT_NE(slack[1].find("is off track"), std::string::npos) << slack[1];
  EXPECT_NE(slack[2].find("Grading is open for " + cycle), std::string::npos) << slack[2];
  EXPECT_EQ(events, (std::vector<std::string>{"key_result.status_changed", "cycle.state_changed"}));
}

// A check-in corrected or withdrawn is an event too, with the status it leaves.
TEST_F(OutboxApi, ACorrectedOrWithdrawnCheckInIsAnEvent) {
  auto [id, secret] =
      add_webhook(R"(["check_in.updated", "check_in.deleted", "key_result.status_changed"])");
  auto made = check_in("growth-activation", 64);
  ASSERT_EQ(made.result_int(), 201) << made.body();
  const std::string check_in_id = std::to_string(json_of(made).at("id").to_number<Id>());
  const auto before = deliveries(id).size();  // not check_in.created: not subscribed
  auto fixed =
      send("PATCH", "/api/v1/check-ins/" + check_in_id, R"({"value": 31})", "ana@lumen.example");
  ASSERT_EQ(fixed.result_int(), 200) << fixed.body();
  auto gone = send("DELETE", "/api/v1/check-ins/" + check_in_id, "", "ana@lumen.example");
  ASSERT_EQ(gone.result_int(), 204) << gone.body();

  app::OutboxSender sender(app, post_outgoing, fast_sender());
  sender.start();
  ASSERT_TRUE(receiver.wait_for(before + 4, 10s));
  sender.stop();
  std::vector<std::string> types;
  for (const auto& r : receiver.received()) {
    EXPECT_TRUE(signature_valid(r, secret));
    auto body = json::parse(r.body);
    types.emplace_back(body.at("type").as_string());
    const auto& data = body.at("data");
    if (types.back() == "check_in.updated") {
      EXPECT_EQ(data.at("before").at("value").to_number<double>(), 64.0);
      EXPECT_EQ(data.at("check_in").at("value").to_number<double>(), 31.0);
      EXPECT_EQ(data.at("status"), "off-track");
    } else if (types.back() == "check_in.deleted") {
      EXPECT_EQ(std::to_string(data.at("check_in").at("id").to_number<Id>()), check_in_id);
      EXPECT_EQ(data.at("key_result").at("key"), "growth-activation");
    }
  }
  // 64 was on track, 31 off track; withdrawn, the earlier check-in counts again.
  ASSERT_GE(types.size(), 4u);
  EXPECT_EQ(std::vector<std::string>(types.end() - 4, types.end()),
            (std::vector<std::string>{"check_in.updated", "key_result.status_changed",
                                      "check_in.deleted", "key_result.status_changed"}));
}

// `okr import` tells of the objectives it creates and changes, once each.
TEST_F(OutboxApi, AnImportTellsOfTheObjectivesItCreatesAndChanges) {
  auto [id, secret] = add_webhook(R"(["objective.created", "objective.updated"])");
  auto file = app.export_okrs(cycle, std::string("growth"));
  ASSERT_TRUE(file.ok()) << file.error().message;
  ASSERT_FALSE(file->objectives.empty());
  const std::string changed = file->objectives.front().key;
  file->objectives.front().title += " for every new team";
  formats::FileObjective added = file->objectives.front();
  added.key = "growth-referrals-imported";
  added.title = "New teams invite their colleagues in their first week";
  added.aligns_to.clear();
  added.aligns_to_key_result.clear();
  for (auto& k : added.key_results) k.key += "-imported";
  file->objectives.push_back(added);
  auto imported = app.import_okrs(*file, app::Actor::local_operator());
  ASSERT_TRUE(imported.ok()) << imported.error().message;

  std::vector<std::pair<std::string, std::string>> told;  // type, objective key
  for (const auto& d : deliveries(id)) told.emplace_back(d.at("event").as_string(), "");
  ASSERT_EQ(told.size(), 2u);
  app::OutboxSender sender(app, post_outgoing, fast_sender());
  sender.start();
  ASSERT_TRUE(receiver.wait_for(2, 10s));
  sender.stop();
  std::set<std::pair<std::string, std::string>> got;
  for (const auto& r : receiver.received()) {
    auto body = json::parse(r.body);
    got.emplace(body.at("type").as_string(), body.at("data").at("objective").at("key").as_string());
  }
  EXPECT_EQ(got, (std::set<std::pair<std::string, std::string>>{
                     {"objective.created", "growth-referrals-imported"},
                     {"objective.updated", changed}}));
  // The same file again changes nothing and tells nothing.
  ASSERT_TRUE(app.import_okrs(*file, app::Actor::local_operator()).ok());
  EXPECT_EQ(deliveries(id).size(), 2u);
}

// Each team's chat gets a weekly digest on Monday morning, once.
TEST_F(OutboxApi, ATeamsChatGetsAWeeklyDigestOnMondayMorningOnce) {
  ASSERT_EQ(add_growth_slack_channel().result_int(), 201);
  // 2027-02-15 10:00 UTC is a Monday.
  const auto monday = okr::testing::fixed_now();
  EXPECT_EQ(*app::queue_chat_digests(app, monday - std::chrono::hours(3), false), 0);  // 07:00
  EXPECT_EQ(*app::queue_chat_digests(app, monday + std::chrono::days(1), false), 0);   // Tuesday
  EXPECT_EQ(*app::queue_chat_digests(app, monday, false), 1);
  EXPECT_EQ(*app::queue_chat_digests(app, monday + std::chrono::hours(2), false), 0);
  EXPECT_EQ(*app::queue_chat_digests(app, monday + std::chrono::hours(3), true), 0);  // once a week
  app::OutboxSender sender(app, post_outgoing, fast_sender());
  sender.start();
  ASSERT_TRUE(receiver.wait_for(1, 10s));
  sender.stop();
  auto got = receiver.received();
  ASSERT_EQ(got.size(), 1u);
  auto body = json::parse(got[0].body);
  EXPECT_NE(std::string(body.at("text").as_string()).find("Growth: the week in " + cycle),
            std::string::npos)
      << got[0].body;
  EXPECT_NE(got[0].body.find("On track"), std::string::npos) << got[0].body;
}

// The first look for reminders and digests comes when it is told (an operator's
// OKR_MAIL_FIRST_SCHEDULE_MS), not a fixed few seconds after start.
TEST_F(OutboxApi, TheFirstLookForDigestsComesWhenItIsTold) {
  ASSERT_EQ(add_growth_slack_channel().result_int(), 201);
  ::setenv("OKR_MAIL_FIRST_SCHEDULE_MS", "100", 1);
  auto options = app::sender_options_from_environment();
  ::unsetenv("OKR_MAIL_FIRST_SCHEDULE_MS");
  EXPECT_EQ(options.first_schedule, 100ms);
  EXPECT_EQ(app::sender_options_from_environment().first_schedule, 5s);
  options.poll = 20ms;
  const auto started = std::chrono::steady_clock::now();
  app::OutboxSender sender(app, post_outgoing, options);
  sender.start();
  ASSERT_TRUE(receiver.wait_for(1, 10s));
  EXPECT_LT(std::chrono::steady_clock::now() - started, 4s) << "the digest waited for the default";
  sender.stop();
}

// An event exists exactly when its change does: a refused check-in writes none.
TEST_F(OutboxApi, ARefusedChangeWritesNoEvent) {
  auto [id, secret] = add_webhook(R"(["check_in.created"])");
  auto refused = post("/api/v1/key-results/growth-activation/check-ins",
                      R"({"value": 31, "confidence": 0.1})", "ana@lumen.example");
  EXPECT_EQ(refused.result_int(), 422) << refused.body();
  auto viewer = post("/api/v1/key-results/growth-activation/check-ins", R"({"value": 31})",
                     "vera@lumen.example");
  EXPECT_EQ(viewer.result_int(), 403);
  EXPECT_TRUE(deliveries(id).empty());
  ASSERT_EQ(check_in("growth-activation", 31).result_int(), 201);
  EXPECT_EQ(deliveries(id).size(), 1u);
}

TEST_F(OutboxApi, TwoSendersOnOneDatabaseDeliverEachMessageOnce) {
  add_webhook(R"(["check_in.created"])");
  const int n = 12;
  for (int i = 0; i < n; ++i) ASSERT_EQ(check_in("growth-activation", 20 + i).result_int(), 201);
  // A second server: its own store on the same database.
  auto other_store = std::move(open_store(db.path())).value();
  app::App other{*other_store, okr::testing::fixed_now};
  auto options = fast_sender();
  options.poll = 5ms;
  options.batch = 2;
  app::OutboxSender a(app, post_outgoing, options);
  app::OutboxSender b(other, post_outgoing, options);
  a.start();
  b.start();
  ASSERT_TRUE(receiver.wait_for(n, 20s));
  std::this_thread::sleep_for(300ms);
  a.stop();
  b.stop();
  auto got = receiver.received();
  std::set<std::string> ids;
  for (const auto& r : got) ids.insert(r.headers.at("okr-delivery"));
  EXPECT_EQ(got.size(), static_cast<std::size_t>(n));
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(n));
}

}  // namespace
}  // namespace okr::http
