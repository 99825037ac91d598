// E-mail over real HTTP on the demo organisation (SQLite, and PostgreSQL in the "pg."
// run): what is queued for whom and when (channels, quiet hours, mail off), the e-mail
// settings a person keeps, the unsubscribe link, reminders and digests once per period,
// the off-track and grading-opened notifications, and a message whose headers no
// title can break. Sending over SMTP is tested in tests/cli/mail.sh.
#include <gtest/gtest.h>

#include "app/mail.h"
#include "app/notifications.h"
#include "demo_fixture.h"
#include "http/mail.h"

namespace okr::http {
namespace {

class MailApi : public DemoApi {
 public:
  testing::HttpResponse send(std::string_view method, const std::string& target,
                             std::string_view body, const std::string& email) {
    std::vector<std::string> headers{"Authorization: Bearer " + tokens.at(email)};
    if (!body.empty()) headers.push_back("Content-Type: application/json");
    auto r = fetch(server->port(), method, target, body, headers);
    EXPECT_TRUE(r.has_value());
    return r ? *r : testing::HttpResponse{};
  }
  testing::HttpResponse anonymous(std::string_view method, const std::string& target) {
    auto r = fetch(server->port(), method, target, "List-Unsubscribe=One-Click",
                   {"Content-Type: application/x-www-form-urlencoded"});
    EXPECT_TRUE(r.has_value());
    return r ? *r : testing::HttpResponse{};
  }
  void turn_mail_on() {
    app::MailConfig c;
    c.smtp_url = "smtp://127.0.0.1:2525";
    c.from = "okr@lumen.example";
    c.public_url = "https://okr.lumen.example/";
    c.tls = app::MailTls::none;
    auto set = app::set_mail_config(app, c, app::Actor::local_operator());
    ASSERT_TRUE(set.ok()) << set.error().message;
  }
  std::vector<MailMessage> mail_to(const std::string& email) {
    auto tx = store->begin();
    std::vector<MailMessage> out;
    for (auto& m : tx->list_mail(std::nullopt, 1000))
      if (m.recipient == email) out.push_back(std::move(m));
    return out;
  }
  Id user_id(const std::string& email) {
    auto tx = store->begin();
    return tx->find_user_by_email(email)->id;
  }
  std::string objective_url() {
    auto kr = get("/api/v1/key-results/growth-activation");
    return "/api/v1/objectives/" + std::to_string(kr.at("objective_id").to_number<Id>());
  }
  void mention_ben(const std::string& words = "Why the dip, @ben@lumen.example?") {
    auto r = post(objective_url() + "/comments", json::serialize(json::object{{"body", words}}));
    ASSERT_EQ(r.result_int(), 201) << r.body();
  }
  std::int64_t unread(const std::string& email) {
    return get("/api/v1/notifications/unread-count", email).at("unread").to_number<std::int64_t>();
  }
  json::array inbox(const std::string& email) {
    return get("/api/v1/notifications?limit=500", email).at("items").as_array();
  }
};

TEST_F(MailApi, NothingIsQueuedWhileMailIsOffAndAMentionIsQueuedOnceItIsOn) {
  mention_ben();
  EXPECT_TRUE(mail_to("ben@lumen.example").empty());
  EXPECT_EQ(unread("ben@lumen.example"), 1);
  EXPECT_FALSE(get("/api/v1/notifications/email", "ben@lumen.example").at("available").as_bool());

  turn_mail_on();
  EXPECT_TRUE(get("/api/v1/notifications/email", "ben@lumen.example").at("available").as_bool());
  mention_ben("Once more, <b>@ben@lumen.example</b>");
  auto mail = mail_to("ben@lumen.example");
  ASSERT_EQ(mail.size(), 1u);
  EXPECT_EQ(mail[0].kind, "mention");
  EXPECT_EQ(mail[0].user_id, user_id("ben@lumen.example"));
  EXPECT_EQ(unread("ben@lumen.example"), 2);  // and in the inbox: "both" by default

  auto config = app::mail_config(app);
  ASSERT_TRUE(config.ok() && *config);
  auto key = app::unsubscribe_key(app);
  ASSERT_TRUE(key.ok() && !key->empty());
  auto r = app::render_mail(**config, *key, mail[0]);
  EXPECT_EQ(r.to, "ben@lumen.example");
  EXPECT_EQ(r.from, "okr@lumen.example");
  EXPECT_NE(r.subject.find("Maya mentioned you on"), std::string::npos) << r.subject;
  EXPECT_NE(r.text.find("Once more, <b>@ben@lumen.example</b>"), std::string::npos) << r.text;
  EXPECT_EQ(r.html.find("<b>@ben"), std::string::npos) << r.html;
  EXPECT_NE(r.html.find("&lt;b&gt;@ben"), std::string::npos) << r.html;
  EXPECT_NE(r.text.find("https://okr.lumen.example/objectives/"), std::string::npos) << r.text;
  EXPECT_EQ(r.unsubscribe_url.rfind("https://okr.lumen.example/api/v1/unsubscribe?token=", 0), 0u)
      << r.unsubscribe_url;
}

TEST_F(MailApi, EachPersonChoosesInboxEmailBothOrNone) {
  turn_mail_on();
  auto set = [&](const char* channel) {
    auto r = send("PUT", "/api/v1/notifications/preferences",
                  std::string(R"({"preferences": {"mention": ")") + channel + "\"}}",
                  "ben@lumen.example");
    ASSERT_EQ(r.result_int(), 200) << r.body();
  };
  set("email");
  mention_ben();
  EXPECT_EQ(mail_to("ben@lumen.example").size(), 1u);
  EXPECT_EQ(unread("ben@lumen.example"), 0);  // e-mail only
  set("in_app");
  mention_ben();
  EXPECT_EQ(mail_to("ben@lumen.example").size(), 1u);
  EXPECT_EQ(unread("ben@lumen.example"), 1);
  set("none");
  mention_ben();
  EXPECT_EQ(mail_to("ben@lumen.example").size(), 1u);
  EXPECT_EQ(unread("ben@lumen.example"), 1);
  auto bad = send("PUT", "/api/v1/notifications/preferences",
                  R"({"preferences": {"mention": "pigeon"}})", "ben@lumen.example");
  EXPECT_EQ(bad.result_int(), 422) << bad.body();
  EXPECT_NE(bad.body().find("email"), std::string::npos) << bad.body();
}

TEST_F(MailApi, EmailSettingsAreCheckedAndKept) {
  auto e = get("/api/v1/notifications/email", "ben@lumen.example");
  EXPECT_EQ(e.at("time_zone").as_string(), "UTC");
  EXPECT_TRUE(e.at("quiet_hours").is_null());
  EXPECT_TRUE(e.at("weekly_digest").as_bool());

  auto ok = send("PUT", "/api/v1/notifications/email",
                 R"({"time_zone": "Europe/Berlin", "quiet_hours": {"from": "22:00", "to": "07:00"},
                     "weekly_digest": false})",
                 "ben@lumen.example");
  ASSERT_EQ(ok.result_int(), 200) << ok.body();
  for (const char* body :
       {R"({"time_zone": "Mars/Olympus"})", R"({"quiet_hours": {"from": "25:00", "to": "07:00"}})",
        R"({"quiet_hours": {"from": "07:00", "to": "07:00"}})", R"({"quiet_hours": "night"})",
        R"({"weekly_digest": "yes"})", R"({"colour": "blue"})"}) {
    auto bad = send("PUT", "/api/v1/notifications/email", body, "ben@lumen.example");
    EXPECT_EQ(bad.result_int(), 422) << body << ": " << bad.body();
  }
  auto mars = send("PUT", "/api/v1/notifications/email", R"({"time_zone": "Mars/Olympus"})",
                   "ben@lumen.example");
  EXPECT_NE(mars.body().find("Mars/Olympus"), std::string::npos) << mars.body();
  EXPECT_NE(mars.body().find("\"field\":\"time_zone\""), std::string::npos) << mars.body();
  e = get("/api/v1/notifications/email", "ben@lumen.example");
  EXPECT_EQ(e.at("time_zone").as_string(), "Europe/Berlin");
  EXPECT_EQ(e.at("quiet_hours").at("from").as_string(), "22:00");
  EXPECT_EQ(e.at("quiet_hours").at("to").as_string(), "07:00");
  EXPECT_FALSE(e.at("weekly_digest").as_bool());
  // Another person's settings are their own.
  EXPECT_EQ(get("/api/v1/notifications/email", "ana@lumen.example").at("time_zone").as_string(),
            "UTC");
  ASSERT_EQ(
      send("PUT", "/api/v1/notifications/email", R"({"quiet_hours": null})", "ben@lumen.example")
          .result_int(),
      200);
  EXPECT_TRUE(get("/api/v1/notifications/email", "ben@lumen.example").at("quiet_hours").is_null());
}

TEST_F(MailApi, QuietHoursHoldAnEmailBackUntilTheyEndInThePersonsTimeZone) {
  turn_mail_on();
  // 10:00 UTC is 19:00 in Tokyo: inside 18:00–08:00 there, so it waits 13 hours.
  ASSERT_EQ(send("PUT", "/api/v1/notifications/email",
                 R"({"time_zone": "Asia/Tokyo", "quiet_hours": {"from": "18:00", "to": "08:00"}})",
                 "ben@lumen.example")
                .result_int(),
            200);
  mention_ben();
  auto mail = mail_to("ben@lumen.example");
  ASSERT_EQ(mail.size(), 1u);
  const auto created_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(mail[0].created_at.time_since_epoch())
          .count();
  EXPECT_EQ(mail[0].next_attempt_ms - created_ms, 13LL * 3600 * 1000);
  // In Berlin (11:00) the same quiet hours do not hold it.
  ASSERT_EQ(send("PUT", "/api/v1/notifications/email", R"({"time_zone": "Europe/Berlin"})",
                 "ben@lumen.example")
                .result_int(),
            200);
  mention_ben();
  mail = mail_to("ben@lumen.example");
  ASSERT_EQ(mail.size(), 2u);
  EXPECT_EQ(mail[0].next_attempt_ms, std::chrono::duration_cast<std::chrono::milliseconds>(
                                         mail[0].created_at.time_since_epoch())
                                         .count());
}

TEST_F(MailApi, AnUnsubscribeLinkStopsOneKindWithoutSigningIn) {
  turn_mail_on();
  const Id ben = user_id("ben@lumen.example");
  const std::string token = app::unsubscribe_token(*app::unsubscribe_key(app), ben, "mention");
  auto what = anonymous("GET", "/api/v1/unsubscribe?token=" + token);
  ASSERT_EQ(what.result_int(), 200) << what.body();
  EXPECT_EQ(json_of(what).at("email").as_string(), "ben@lumen.example");
  EXPECT_EQ(json_of(what).at("kind").as_string(), "mention");
  EXPECT_FALSE(json_of(what).at("done").as_bool());

  // A forged or cut token changes nothing.
  for (std::string forged : {token.substr(0, token.size() - 1) + (token.back() == '0' ? "1" : "0"),
                             std::to_string(ben) + ".mention", std::string("x")}) {
    auto bad = anonymous("POST", "/api/v1/unsubscribe?token=" + forged);
    EXPECT_EQ(bad.result_int(), 422) << forged << ": " << bad.body();
  }
  EXPECT_EQ(anonymous("POST", "/api/v1/unsubscribe").result_int(), 400);
  EXPECT_EQ(get("/api/v1/notifications/preferences", "ben@lumen.example")
                .at("preferences")
                .at("mention")
                .as_string(),
            "both");

  auto done = anonymous("POST", "/api/v1/unsubscribe?token=" + token);
  ASSERT_EQ(done.result_int(), 200) << done.body();
  EXPECT_TRUE(json_of(done).at("done").as_bool());
  EXPECT_EQ(get("/api/v1/notifications/preferences", "ben@lumen.example")
                .at("preferences")
                .at("mention")
                .as_string(),
            "in_app");
  mention_ben();
  EXPECT_TRUE(mail_to("ben@lumen.example").empty());
  EXPECT_EQ(unread("ben@lumen.example"), 1);

  // The digest's link turns the digest off.
  const std::string digest = app::unsubscribe_token(*app::unsubscribe_key(app), ben, "digest");
  ASSERT_EQ(anonymous("POST", "/api/v1/unsubscribe?token=" + digest).result_int(), 200);
  EXPECT_FALSE(
      get("/api/v1/notifications/email", "ben@lumen.example").at("weekly_digest").as_bool());
}

TEST_F(MailApi, RemindersGoOncePerCadencePeriodToTheInboxAndByEmail) {
  turn_mail_on();
  // The demo checked in on cadence: nobody is due today.
  EXPECT_EQ(*app::queue_check_in_reminders(app, okr::testing::fixed_now()), 0);
  // Twelve days later, with no check-in since, every owner is.
  auto at = [](int days, int hours = 0) {
    return okr::testing::fixed_now() + std::chrono::days(days) + std::chrono::hours(hours);
  };
  app::App later(*store, [&] { return at(12); });
  auto first = app::queue_check_in_reminders(later, at(12));
  ASSERT_TRUE(first.ok()) << first.error().message;
  ASSERT_GT(*first, 0);
  EXPECT_EQ(*app::queue_check_in_reminders(later, at(12, 1)), 0);  // once a period
  bool told = false;
  for (const auto& n : inbox("ana@lumen.example"))
    if (n.at("kind").as_string() == "check_in_due") {
      told = true;
      EXPECT_EQ(n.at("link").as_string(), "/");
    }
  EXPECT_TRUE(told);

  auto tx = store->begin();
  auto mail = tx->list_mail(std::nullopt, 1000);
  tx.reset();
  int reminders = 0;
  for (const auto& m : mail)
    if (m.kind == "check_in_due") {
      ++reminders;
      auto config = app::mail_config(app);
      auto r = app::render_mail(**config, *app::unsubscribe_key(app), m);
      EXPECT_NE(r.text.find("Check in: https://okr.lumen.example/"), std::string::npos) << r.text;
      EXPECT_NE(r.text.find("  - "), std::string::npos) << r.text;
      EXPECT_NE(r.text.find("Stop check-in reminders"), std::string::npos) << r.text;
    }
  EXPECT_EQ(reminders, *first);
  // A week later is the next period: whoever is still silent hears again.
  app::App week_later(*store, [&] { return at(19); });
  auto next = app::queue_check_in_reminders(week_later, at(19));
  ASSERT_TRUE(next.ok());
  EXPECT_GT(*next, 0);
}

TEST_F(MailApi, TheWeeklyDigestGoesOnMondayMorningOnceAndOnlyToWhoWantsIt) {
  turn_mail_on();
  ASSERT_EQ(
      send("PUT", "/api/v1/notifications/email", R"({"weekly_digest": false})", "ben@lumen.example")
          .result_int(),
      200);
  // 2027-02-15 10:00 UTC is a Monday; in Los Angeles it is still 02:00.
  ASSERT_EQ(send("PUT", "/api/v1/notifications/email", R"({"time_zone": "America/Los_Angeles"})",
                 "vera@lumen.example")
                .result_int(),
            200);
  auto n = app::queue_digests(app, okr::testing::fixed_now(), false);
  ASSERT_TRUE(n.ok()) << n.error().message;
  EXPECT_GT(*n, 0);
  EXPECT_TRUE(mail_to("ben@lumen.example").empty());
  EXPECT_TRUE(mail_to("vera@lumen.example").empty());
  auto ana = mail_to("ana@lumen.example");
  ASSERT_EQ(ana.size(), 1u);
  EXPECT_EQ(ana[0].kind, "digest");
  auto r = app::render_mail(**app::mail_config(app), *app::unsubscribe_key(app), ana[0]);
  EXPECT_NE(r.subject.find("Your week in"), std::string::npos) << r.subject;
  EXPECT_NE(r.text.find("Stop the weekly digest"), std::string::npos) << r.text;
  EXPECT_EQ(*app::queue_digests(app, okr::testing::fixed_now() + std::chrono::hours(2), false), 0);
  // On Tuesday nobody new is due.
  EXPECT_EQ(*app::queue_digests(app, okr::testing::fixed_now() + std::chrono::days(1), false), 0);
}

TEST_F(MailApi, AKeyResultGoingOffTrackAndGradingOpeningTellTheirOwners) {
  // Maya checks in a value at the baseline on a key result Ana owns: off track.
  auto kr = get("/api/v1/key-results/growth-activation");
  std::string owner;
  {
    auto tx = store->begin();
    auto k = tx->find_key_result_by_key("growth-activation");
    auto o = tx->find_objective(k->objective_id);
    auto who = k->owner_id ? k->owner_id : o->owner_id;
    ASSERT_TRUE(who);
    owner = tx->find_user(*who)->email;
  }
  ASSERT_NE(owner, "maya@lumen.example");
  if (!tokens.count(owner)) {
    auto t = app::Accounts(app).create_token({owner, "tests", std::nullopt},
                                             app::Actor::local_operator());
    ASSERT_TRUE(t.ok());
    tokens[owner] = t->secret;
  }
  auto c = post("/api/v1/key-results/growth-activation/check-ins",
                json::serialize(json::object{{"value", kr.at("start")}, {"note", "flat"}}));
  ASSERT_EQ(c.result_int(), 201) << c.body();
  EXPECT_EQ(get("/api/v1/key-results/growth-activation").at("status").as_string(), "off-track");
  bool told = false;
  for (const auto& n : inbox(owner))
    if (n.at("kind").as_string() == "off_track" &&
        n.at("key_result").as_string() == "growth-activation")
      told = true;
  EXPECT_TRUE(told);

  auto cyc = fetch(server->port(), "GET", "/api/v1/cycles/" + cycle, {},
                   {"Authorization: Bearer " + tokens.at("maya@lumen.example")});
  ASSERT_TRUE(cyc);
  auto grading =
      fetch(server->port(), "PATCH", "/api/v1/cycles/" + cycle, R"({"state": "grading"})",
            {"Authorization: Bearer " + tokens.at("maya@lumen.example"),
             "Content-Type: application/json", "If-Match: " + std::string(cyc->at("ETag"))});
  ASSERT_TRUE(grading);
  ASSERT_EQ(grading->result_int(), 200) << grading->body();
  // The growth objective's owner is asked to grade it.
  std::string objective_owner;
  {
    auto tx = store->begin();
    auto k = tx->find_key_result_by_key("growth-activation");
    auto o = tx->find_objective(k->objective_id);
    ASSERT_TRUE(o->owner_id);
    objective_owner = tx->find_user(*o->owner_id)->email;
  }
  if (!tokens.count(objective_owner)) {
    auto t = app::Accounts(app).create_token({objective_owner, "tests", std::nullopt},
                                             app::Actor::local_operator());
    ASSERT_TRUE(t.ok());
    tokens[objective_owner] = t->secret;
  }
  bool opened = false;
  for (const auto& n : inbox(objective_owner))
    if (n.at("kind").as_string() == "grading_opened") {
      opened = true;
      EXPECT_EQ(n.at("link").as_string(), "/");
    }
  EXPECT_TRUE(opened);
}

TEST(MailHeaders, NoTitleBreaksAHeaderAndOthersAreEncoded) {
  app::RenderedMail m;
  m.from = "okr@lumen.example";
  m.to = "ben@lumen.example";
  m.message_id = "<x@okr>";
  m.subject = "Ship it\r\nBcc: everyone@example.com";
  m.unsubscribe_url = "https://okr.example/api/v1/unsubscribe?token=1.mention.ab";
  auto headers = mail_headers(m, *parse_instant("2027-02-15T10:00:00Z"));
  bool subject = false;
  for (const auto& h : headers) {
    EXPECT_EQ(h.find('\n'), std::string::npos) << h;
    EXPECT_NE(h.rfind("Bcc:", 0), 0u) << h;
    if (h.rfind("Subject: ", 0) == 0) {
      subject = true;
      EXPECT_EQ(h, "Subject: Ship it  Bcc: everyone@example.com");
    }
  }
  EXPECT_TRUE(subject);
  EXPECT_NE(std::find(headers.begin(), headers.end(), "Date: Mon, 15 Feb 2027 10:00:00 +0000"),
            headers.end());
  EXPECT_NE(std::find(headers.begin(), headers.end(),
                      "List-Unsubscribe-Post: List-Unsubscribe=One-Click"),
            headers.end());
  m.subject = "Ana a commenté « Réduire le délai »";
  for (const auto& h : mail_headers(m, *parse_instant("2027-02-15T10:00:00Z")))
    if (h.rfind("Subject: ", 0) == 0) {
      EXPECT_EQ(h.rfind("Subject: =?UTF-8?B?", 0), 0u) << h;
      for (char ch : h) EXPECT_LT(static_cast<unsigned char>(ch), 0x80u) << h;
    }
}

}  // namespace
}  // namespace okr::http
