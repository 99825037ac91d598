// Comments, replies and @mentions, and each person's inbox, over real HTTP on the demo
// organisation (SQLite, and PostgreSQL in the "pg." run): who is told what, who may
// write, edit and delete, and that refused writes change nothing.
#include <gtest/gtest.h>

#include "demo_fixture.h"

namespace okr::http {
namespace {

class CommentsApi : public DemoApi {
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
  std::string objective_url() {
    auto kr = get("/api/v1/key-results/growth-activation");
    return "/api/v1/objectives/" + std::to_string(kr.at("objective_id").to_number<Id>());
  }
  json::array thread(const std::string& email = "maya@lumen.example") {
    return get(objective_url() + "/comments?limit=500", email).at("items").as_array();
  }
  json::array inbox(const std::string& email, const std::string& query = "") {
    return get("/api/v1/notifications?limit=500" + query, email).at("items").as_array();
  }
  std::int64_t unread(const std::string& email) {
    return get("/api/v1/notifications/unread-count", email).at("unread").to_number<std::int64_t>();
  }
  Id id_of(const testing::HttpResponse& r) { return json_of(r).at("id").to_number<Id>(); }
};

TEST_F(CommentsApi, AMentionAReplyAndACommentOnWhatIOwnReachTheRightInboxes) {
  const std::string url = objective_url();
  EXPECT_EQ(unread("ben@lumen.example"), 0);
  EXPECT_EQ(unread("ana@lumen.example"), 0);

  // Maya asks Ben on Ana's objective: Ben is mentioned, Ana owns it.
  auto asked = post(url + "/comments",
                    R"({"body": "Why did activation dip in week 3, @ben@lumen.example?"})");
  ASSERT_EQ(asked.result_int(), 201) << asked.body();
  const Id question = id_of(asked);
  auto c = json_of(asked);
  EXPECT_EQ(c.at("subject").as_string(), "objective");
  EXPECT_EQ(c.at("author").at("email").as_string(), "maya@lumen.example");
  ASSERT_EQ(c.at("mentions").as_array().size(), 1u);
  EXPECT_EQ(c.at("mentions").at(0).at("email").as_string(), "ben@lumen.example");
  EXPECT_EQ(std::string(asked.at("Location")), "/api/v1/comments/" + std::to_string(question));

  EXPECT_EQ(unread("ben@lumen.example"), 1);
  auto ben = inbox("ben@lumen.example");
  ASSERT_EQ(ben.size(), 1u);
  EXPECT_EQ(ben.at(0).at("kind").as_string(), "mention");
  EXPECT_EQ(ben.at(0).at("actor").as_string(), "Maya");
  EXPECT_EQ(ben.at(0).at("excerpt").as_string(),
            "Why did activation dip in week 3, @ben@lumen.example?");
  EXPECT_EQ(ben.at(0).at("link").as_string(),
            url.substr(7) + "#comment-" + std::to_string(question));
  auto ana = inbox("ana@lumen.example");
  ASSERT_EQ(ana.size(), 1u);
  EXPECT_EQ(ana.at(0).at("kind").as_string(), "comment");
  EXPECT_EQ(unread("maya@lumen.example"), 0);  // nobody is told of their own words

  // Ben answers in the thread: Maya hears of the reply, Ana of a comment on her objective.
  auto answer = post(url + "/comments",
                     R"({"body": "The **pricing test** started that week.", "reply_to": )" +
                         std::to_string(question) + "}",
                     "ben@lumen.example");
  ASSERT_EQ(answer.result_int(), 201) << answer.body();
  EXPECT_EQ(json_of(answer).at("parent_id").to_number<Id>(), question);
  EXPECT_EQ(inbox("maya@lumen.example").at(0).at("kind").as_string(), "reply");
  EXPECT_EQ(unread("ana@lumen.example"), 2);

  // A reply to the reply joins the same thread; Ben, whose words it answers, is told.
  auto again = post(url + "/comments",
                    R"({"body": "Thanks.", "reply_to": )" + std::to_string(id_of(answer)) + "}");
  ASSERT_EQ(again.result_int(), 201) << again.body();
  EXPECT_EQ(json_of(again).at("parent_id").to_number<Id>(), question);

  // A comment on the key result tells its owner (Ben), and shows in the objective's thread.
  auto on_kr = post("/api/v1/key-results/growth-activation/comments",
                    R"({"body": "Can we check in on this weekly?"})", "ana@lumen.example");
  ASSERT_EQ(on_kr.result_int(), 201) << on_kr.body();
  EXPECT_EQ(json_of(on_kr).at("subject").as_string(), "key_result");
  EXPECT_EQ(json_of(on_kr).at("key_result").as_string(), "growth-activation");
  EXPECT_EQ(inbox("ben@lumen.example").at(0).at("kind").as_string(), "comment");
  EXPECT_EQ(thread().size(), 4u);
  EXPECT_EQ(get("/api/v1/key-results/growth-activation/comments").at("items").as_array().size(),
            1u);

  // Marking read: one, then all; someone else's notification is not found.
  const Id first = ben.at(0).at("id").to_number<Id>();
  auto other = post("/api/v1/notifications/read", R"({"id": )" + std::to_string(first) + "}",
                    "ana@lumen.example");
  EXPECT_EQ(other.result_int(), 404) << other.body();
  EXPECT_EQ(unread("ben@lumen.example"), 3);
  auto one = post("/api/v1/notifications/read", R"({"id": )" + std::to_string(first) + "}",
                  "ben@lumen.example");
  ASSERT_EQ(one.result_int(), 200) << one.body();
  EXPECT_EQ(json_of(one).at("unread").to_number<int>(), 2);
  EXPECT_EQ(inbox("ben@lumen.example", "&unread=true").size(), 2u);
  auto all = post("/api/v1/notifications/read", R"({"all": true})", "ben@lumen.example");
  ASSERT_EQ(all.result_int(), 200) << all.body();
  EXPECT_EQ(unread("ben@lumen.example"), 0);
  EXPECT_EQ(inbox("ben@lumen.example").size(), 3u);
  EXPECT_TRUE(inbox("ben@lumen.example").at(0).at("read").as_bool());
}

TEST_F(CommentsApi, ACommentOnACheckInReachesItsAuthorAndTheKeyResultsOwner) {
  auto checked = post("/api/v1/key-results/growth-activation/check-ins",
                      R"({"value": 64, "note": "new onboarding email"})", "ana@lumen.example");
  ASSERT_EQ(checked.result_int(), 201) << checked.body();
  const std::string url = "/api/v1/check-ins/" + std::to_string(id_of(checked)) + "/comments";
  auto c = post(url, R"({"body": "Which email?"})");
  ASSERT_EQ(c.result_int(), 201) << c.body();
  EXPECT_EQ(json_of(c).at("subject").as_string(), "check_in");
  EXPECT_EQ(json_of(c).at("check_in_id").to_number<Id>(), id_of(checked));
  EXPECT_EQ(inbox("ana@lumen.example").at(0).at("kind").as_string(), "comment");
  EXPECT_EQ(inbox("ben@lumen.example").at(0).at("kind").as_string(), "comment");
  EXPECT_EQ(get(url).at("items").as_array().size(), 1u);
  // The key result's conversation holds its check-ins' comments; the objective's too.
  EXPECT_EQ(get("/api/v1/key-results/growth-activation/comments").at("items").as_array().size(),
            1u);
  EXPECT_EQ(thread().size(), 1u);
}

TEST_F(CommentsApi, RefusedCommentsNameTheProblemAndWriteNothing) {
  const std::string url = objective_url() + "/comments";
  struct Case {
    std::string body;
    int status;
    std::string field;
  };
  for (const auto& [body, status, field] :
       {Case{R"({"body": "ask @nobody@lumen.example"})", 422, "body"},
        Case{R"({"body": "   \n "})", 422, "body"}, Case{R"({})", 422, "body"},
        Case{R"({"body": "x", "colour": "red"})", 422, "colour"},
        Case{R"({"body": "bell \u0007"})", 422, "body"},
        Case{R"({"body": "x", "reply_to": 999999})", 422, "reply_to"},
        Case{"{\"body\": \"" + std::string(10001, 'a') + "\"}", 422, "body"}}) {
    auto r = post(url, body, "ana@lumen.example");
    EXPECT_EQ(r.result_int(), status) << body << ": " << r.body();
    EXPECT_EQ(json_of(r).at("field").as_string(), field) << body;
  }
  EXPECT_EQ(thread().size(), 0u);
  EXPECT_EQ(unread("ben@lumen.example"), 0);
  EXPECT_EQ(post("/api/v1/objectives/no-such-objective/comments", R"({"body": "x"})").result_int(),
            404);
  EXPECT_EQ(post("/api/v1/check-ins/999999/comments", R"({"body": "x"})").result_int(), 404);

  // A reply must be about the same thing as the comment it answers.
  auto top = post(url, R"({"body": "On the objective"})", "ana@lumen.example");
  ASSERT_EQ(top.result_int(), 201);
  auto elsewhere = post("/api/v1/key-results/growth-activation/comments",
                        R"({"body": "x", "reply_to": )" + std::to_string(id_of(top)) + "}");
  EXPECT_EQ(elsewhere.result_int(), 422) << elsewhere.body();
  EXPECT_EQ(thread().size(), 1u);

  // Viewers comment only when the organisation allows it; only administrators decide.
  auto viewer = post(url, R"({"body": "Looks good"})", "vera@lumen.example");
  EXPECT_EQ(viewer.result_int(), 403) << viewer.body();
  auto lead = send("PUT", "/api/v1/settings/comments", R"({"viewers_may_comment": true})",
                   "ana@lumen.example");
  EXPECT_EQ(lead.result_int(), 403) << lead.body();
  EXPECT_FALSE(get("/api/v1/settings/comments").at("viewers_may_comment").as_bool());
  auto admin = send("PUT", "/api/v1/settings/comments", R"({"viewers_may_comment": true})",
                    "maya@lumen.example");
  ASSERT_EQ(admin.result_int(), 200) << admin.body();
  EXPECT_EQ(post(url, R"({"body": "Looks good"})", "vera@lumen.example").result_int(), 201);
  EXPECT_EQ(thread().size(), 2u);
}

TEST_F(CommentsApi, AuthorsEditAndDeleteTheirOwnAndEveryChangeIsAudited) {
  auto made =
      post(objective_url() + "/comments", R"({"body": "Draft thought"})", "ben@lumen.example");
  ASSERT_EQ(made.result_int(), 201) << made.body();
  const std::string url = "/api/v1/comments/" + std::to_string(id_of(made));
  EXPECT_TRUE(json_of(made).at("editable").as_bool());
  EXPECT_FALSE(get(url, "ana@lumen.example").at("editable").as_bool());

  EXPECT_EQ(send("PATCH", url, R"({"body": "x"})", "ben@lumen.example").result_int(), 428);
  auto not_mine = send("PATCH", url, R"({"body": "x"})", "ana@lumen.example", "\"v1\"");
  EXPECT_EQ(not_mine.result_int(), 403) << not_mine.body();
  auto admin_edit = send("PATCH", url, R"({"body": "x"})", "maya@lumen.example", "\"v1\"");
  EXPECT_EQ(admin_edit.result_int(), 403) << admin_edit.body();

  // An edit that mentions someone new tells them.
  auto edited = send("PATCH", url, R"({"body": "Better thought, @ana@lumen.example"})",
                     "ben@lumen.example", "\"v1\"");
  ASSERT_EQ(edited.result_int(), 200) << edited.body();
  EXPECT_EQ(std::string(edited.at("ETag")), "\"v2\"");
  EXPECT_FALSE(json_of(edited).at("edited_at").is_null());
  EXPECT_EQ(inbox("ana@lumen.example").at(0).at("kind").as_string(), "mention");
  auto stale = send("PATCH", url, R"({"body": "y"})", "ben@lumen.example", "\"v1\"");
  EXPECT_EQ(stale.result_int(), 412) << stale.body();
  EXPECT_EQ(get(url).at("body").as_string(), "Better thought, @ana@lumen.example");

  // Ana (a lead, not the author) may not delete it; the administrator may.
  EXPECT_EQ(send("DELETE", url, "", "ana@lumen.example", "\"v2\"").result_int(), 403);
  auto removed = send("DELETE", url, "", "maya@lumen.example", "\"v2\"");
  ASSERT_EQ(removed.result_int(), 204) << removed.body();
  auto gone = get(url);
  EXPECT_TRUE(gone.at("deleted").as_bool());
  EXPECT_EQ(gone.at("body").as_string(), "");
  // The words are gone from Ana's inbox too.
  for (const auto& n : inbox("ana@lumen.example"))
    EXPECT_NE(n.at("comment_id"), json::value(id_of(made)));
  EXPECT_EQ(send("DELETE", url, "", "maya@lumen.example", "*").result_int(), 404);

  std::vector<std::string> actions;
  const auto audit = get("/api/v1/audit-events?limit=50");
  for (const auto& e : audit.at("items").as_array())
    if (e.at("entity_type").as_string() == "comment")
      actions.push_back(std::string(e.at("action").as_string()));
  EXPECT_EQ(actions, (std::vector<std::string>{"delete", "update", "create"}));
}

TEST_F(CommentsApi, ADependencyAskedOfATeamAndItsAnswerReachTheirPeople) {
  auto token = app::Accounts(app).create_token({"grace@lumen.example", "tests", std::nullopt},
                                               app::Actor::local_operator());
  ASSERT_TRUE(token.ok()) << token.error().message;
  tokens["grace@lumen.example"] = token->secret;
  auto asked = post("/api/v1/dependencies",
                    R"({"key_result": "growth-activation", "team": "platform",
                        "note": "SSO sign-up by week 6"})",
                    "ana@lumen.example");
  ASSERT_EQ(asked.result_int(), 201) << asked.body();
  // Platform's lead is told.
  auto grace = inbox("grace@lumen.example");
  ASSERT_EQ(grace.size(), 1u);
  EXPECT_EQ(grace.at(0).at("kind").as_string(), "dependency_asked");
  EXPECT_EQ(grace.at(0).at("actor").as_string(), "Ana");
  EXPECT_EQ(grace.at(0).at("excerpt").as_string(), "SSO sign-up by week 6");
  auto answered =
      send("PATCH", "/api/v1/dependencies/" + std::to_string(id_of(asked)),
           R"({"state": "confirmed", "answer": "sprint 3"})", "maya@lumen.example", "\"v1\"");
  ASSERT_EQ(answered.result_int(), 200) << answered.body();
  auto ana = inbox("ana@lumen.example");
  ASSERT_EQ(ana.size(), 1u);
  EXPECT_EQ(ana.at(0).at("kind").as_string(), "dependency_answered");
  EXPECT_EQ(ana.at(0).at("team").as_string(), "platform");
  EXPECT_EQ(ana.at(0).at("excerpt").as_string(), "sprint 3");
  EXPECT_EQ(ana.at(0).at("key_result").as_string(), "growth-activation");
}

TEST_F(CommentsApi, APersonTurnsAKindOff) {
  auto prefs = get("/api/v1/notifications/preferences", "ben@lumen.example");
  // Mentions go to the inbox and by e-mail unless a person chooses otherwise.
  EXPECT_EQ(prefs.at("preferences").at("mention").as_string(), "both");
  EXPECT_EQ(prefs.at("preferences").at("comment").as_string(), "in_app");
  auto off = send("PUT", "/api/v1/notifications/preferences",
                  R"({"preferences": {"mention": "none"}})", "ben@lumen.example");
  ASSERT_EQ(off.result_int(), 200) << off.body();
  EXPECT_EQ(json_of(off).at("preferences").at("mention").as_string(), "none");
  EXPECT_EQ(json_of(off).at("preferences").at("reply").as_string(), "both");
  ASSERT_EQ(post(objective_url() + "/comments", R"({"body": "@ben@lumen.example see this"})")
                .result_int(),
            201);
  EXPECT_EQ(unread("ben@lumen.example"), 0);
  // A comment on what he owns still reaches him.
  ASSERT_EQ(post("/api/v1/key-results/growth-activation/comments", R"({"body": "Nice work"})")
                .result_int(),
            201);
  EXPECT_EQ(unread("ben@lumen.example"), 1);

  for (const char* body : {R"({"preferences": {"mention": "pigeon"}})",
                           R"({"preferences": {"shouting": "none"}})", R"({"preferences": 3})"}) {
    auto bad = send("PUT", "/api/v1/notifications/preferences", body, "ben@lumen.example");
    EXPECT_EQ(bad.result_int(), 422) << body << ": " << bad.body();
  }
  EXPECT_EQ(get("/api/v1/notifications/preferences", "ben@lumen.example")
                .at("preferences")
                .at("mention")
                .as_string(),
            "none");
  EXPECT_EQ(get("/api/v1/notifications?unread=maybe", "ben@lumen.example", 400).is_object(), true);
}

}  // namespace
}  // namespace okr::http
