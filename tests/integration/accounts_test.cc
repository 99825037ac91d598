// Accounts on a real SQLite file: Argon2id passwords, sessions, API tokens, throttling.
#include <gtest/gtest.h>

#include "app/accounts.h"
#include "app/secrets.h"
#include "app/sign_in_throttle.h"
#include "test_db.h"

namespace okr {
namespace {

struct Accounts : ::testing::Test {
  testing::TempDb db;
  std::unique_ptr<Store> store = std::move(open_store(db.path())).value();
  Instant clock = testing::fixed_now();
  app::App app{*store, [this] { return clock; }};
  app::Accounts accounts{app};
  app::Actor root = app::Actor::local_operator();
};

TEST_F(Accounts, PasswordsAreStoredAsArgon2idHashesOnly) {
  auto u = accounts.add_user({"Ana@Acme.example", "Ana", false, "correct horse battery"}, root);
  ASSERT_TRUE(u.ok()) << u.error().message;
  EXPECT_EQ(u->email, "ana@acme.example");
  auto hash = store->begin(Store::Mode::read)->password_hash(u->id);
  ASSERT_TRUE(hash);
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u) << *hash;
  EXPECT_EQ(testing::dump(db.path()).find("correct horse battery"), std::string::npos);
}

TEST_F(Accounts, ShortPasswordAndDuplicateEmailAreRefused) {
  auto short_pw = accounts.add_user({"ana@acme.example", "Ana", false, "short"}, root);
  ASSERT_FALSE(short_pw.ok());
  EXPECT_EQ(short_pw.error().field, "password");
  ASSERT_TRUE(accounts.add_user({"ana@acme.example", "Ana", false, std::nullopt}, root).ok());
  auto again = accounts.add_user({"ANA@acme.example", "Ana", false, std::nullopt}, root);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  auto bad = accounts.add_user({"not-an-email", "X", false, std::nullopt}, root);
  EXPECT_EQ(bad.error().field, "email");
}

TEST_F(Accounts, SignInOpensASessionThatExpires) {
  ASSERT_TRUE(
      accounts.add_user({"ana@acme.example", "Ana", true, "correct horse battery"}, root).ok());
  auto s = accounts.sign_in("ana@acme.example", "correct horse battery");
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(s->secret.size(), 6u + 43u);  // prefix + 256 bits in base64url
  EXPECT_EQ(testing::dump(db.path()).find(s->secret), std::string::npos);  // only the hash
  auto actor = accounts.authenticate_session(s->secret);
  ASSERT_TRUE(actor.ok());
  EXPECT_TRUE(actor->admin);
  clock += app::Accounts::kSessionLifetime + std::chrono::seconds(1);
  EXPECT_EQ(accounts.authenticate_session(s->secret).error().code, ErrorCode::unauthenticated);
}

TEST_F(Accounts, SignOutEndsTheSession) {
  ASSERT_TRUE(
      accounts.add_user({"ana@acme.example", "Ana", false, "correct horse battery"}, root).ok());
  auto s = accounts.sign_in("ana@acme.example", "correct horse battery");
  ASSERT_TRUE(s.ok());
  accounts.sign_out(s->secret);
  EXPECT_FALSE(accounts.authenticate_session(s->secret).ok());
}

TEST_F(Accounts, WrongPasswordAndUnknownEmailLookTheSame) {
  ASSERT_TRUE(
      accounts.add_user({"ana@acme.example", "Ana", false, "correct horse battery"}, root).ok());
  auto wrong = accounts.sign_in("ana@acme.example", "wrong password!");
  auto unknown = accounts.sign_in("nobody@acme.example", "wrong password!");
  ASSERT_FALSE(wrong.ok());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(wrong.error().message, unknown.error().message);
  EXPECT_EQ(wrong.error().code, ErrorCode::unauthenticated);
}

TEST_F(Accounts, RepeatedFailuresBackOffPerClientWithoutLockingTheOwnerOut) {
  ASSERT_TRUE(
      accounts.add_user({"ana@acme.example", "Ana", false, "correct horse battery"}, root).ok());
  const std::string stranger = "203.0.113.5", owner = "198.51.100.7";
  const int free = app::SignInThrottle::kPerAccountAndAddress.free_failures;
  for (int i = 0; i < free; ++i)
    ASSERT_EQ(
        accounts.sign_in("ana@acme.example", "guess " + std::to_string(i), stranger).error().code,
        ErrorCode::unauthenticated);
  // The stranger must wait, even with the right password...
  auto throttled = accounts.sign_in("ana@acme.example", "correct horse battery", stranger);
  ASSERT_FALSE(throttled.ok());
  EXPECT_EQ(throttled.error().code, ErrorCode::forbidden);
  EXPECT_EQ(accounts.sign_in_wait("ana@acme.example", stranger), std::chrono::seconds(1));
  // ...while the owner, from elsewhere, signs in as usual.
  EXPECT_TRUE(accounts.sign_in("ana@acme.example", "correct horse battery", owner).ok());
  // Each further failure doubles the wait: 1 s, 2 s, 4 s.
  for (int wait : {1, 2, 4}) {
    EXPECT_EQ(accounts.sign_in_wait("ana@acme.example", stranger), std::chrono::seconds(wait));
    clock += std::chrono::seconds(wait);
    ASSERT_EQ(accounts.sign_in("ana@acme.example", "another guess", stranger).error().code,
              ErrorCode::unauthenticated);
  }
  EXPECT_EQ(accounts.sign_in_wait("ana@acme.example", stranger), std::chrono::seconds(8));
  // An account that does not exist is throttled the same way, with the same message.
  for (int i = 0; i < free; ++i) (void)accounts.sign_in("nobody@acme.example", "guess", stranger);
  auto unknown = accounts.sign_in("nobody@acme.example", "guess", stranger);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::forbidden);
  // After the window the counts are forgotten.
  clock += app::SignInThrottle::kWindow;
  EXPECT_TRUE(accounts.sign_in("ana@acme.example", "correct horse battery", stranger).ok());
}

// A stranger guessing one account from many addresses, one guess a second, must not
// keep its owner out: the owner signs in from a new address every 5 s and gets in each
// time, while every address that has guessed must wait.
TEST_F(Accounts, StrangersWithManyAddressesCannotKeepTheOwnerOut) {
  ASSERT_TRUE(
      accounts.add_user({"ana@acme.example", "Ana", false, "correct horse battery"}, root).ok());
  app::SignInThrottle& throttle = app.sign_in_throttle();
  auto guesser = [](int i) { return "203.0.113." + std::to_string(i % 20); };
  // Past the count from anywhere: 100 failures from 20 addresses.
  for (int i = 0; i < app::SignInThrottle::kPerAccount.free_failures + 5; ++i)
    throttle.failed("ana@acme.example", guesser(i), clock);
  int owner_in = 0, tries = 0;
  for (int second = 1; second <= 60; ++second) {
    clock += std::chrono::seconds(1);
    throttle.failed("ana@acme.example", "192.0.2." + std::to_string(second), clock);
    if (second % 5) continue;
    ++tries;
    auto s = accounts.sign_in("ana@acme.example", "correct horse battery",
                              "198.51.100." + std::to_string(second));
    if (s.ok()) ++owner_in;
  }
  EXPECT_EQ(owner_in, tries);
  // The guesser is still stopped: each address that guessed waits, even with the right
  // password, and a fresh address that guesses wrong joins them.
  EXPECT_GT(accounts.sign_in_wait("ana@acme.example", guesser(3)), std::chrono::seconds(0));
  EXPECT_EQ(accounts.sign_in("ana@acme.example", "correct horse battery", "192.0.2.7").error().code,
            ErrorCode::forbidden);
  EXPECT_EQ(accounts.sign_in("ana@acme.example", "a guess", "192.0.2.200").error().code,
            ErrorCode::unauthenticated);
  EXPECT_GT(accounts.sign_in_wait("ana@acme.example", "192.0.2.200"), std::chrono::seconds(0));
}

// An IPv6 host holds its whole /64: a new address in it is not a new client.
TEST_F(Accounts, AnIpv6ClientIsCountedByItsSlash64) {
  ASSERT_TRUE(
      accounts.add_user({"ana@acme.example", "Ana", false, "correct horse battery"}, root).ok());
  for (int i = 0; i < app::SignInThrottle::kPerAccountAndAddress.free_failures; ++i)
    (void)accounts.sign_in("ana@acme.example", "guess", "2001:db8:1:2::" + std::to_string(i + 1));
  EXPECT_GT(accounts.sign_in_wait("ana@acme.example", "2001:db8:1:2:ffff::9"),
            std::chrono::seconds(0));
  EXPECT_EQ(accounts.sign_in_wait("ana@acme.example", "2001:db8:1:3::1"), std::chrono::seconds(0));
}

TEST_F(Accounts, OneClientTryingManyAccountsIsThrottled) {
  const std::string client = "203.0.113.9";
  for (int i = 0; i < app::SignInThrottle::kPerAddress.free_failures; ++i)
    ASSERT_EQ(accounts.sign_in("user" + std::to_string(i) + "@acme.example", "guess", client)
                  .error()
                  .code,
              ErrorCode::unauthenticated);
  EXPECT_EQ(accounts.sign_in("fresh@acme.example", "guess", client).error().code,
            ErrorCode::forbidden);
  EXPECT_EQ(accounts.sign_in("fresh@acme.example", "guess", "198.51.100.1").error().code,
            ErrorCode::unauthenticated);
}

TEST_F(Accounts, ApiTokensAreShownOnceAndCanExpireOrBeRevoked) {
  auto u = accounts.add_user({"ci@acme.example", "CI", false, std::nullopt}, root);
  ASSERT_TRUE(u.ok());
  auto t =
      accounts.create_token({"ci@acme.example", "deploy", clock + std::chrono::hours(1)}, root);
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(testing::dump(db.path()).find(t->secret), std::string::npos);
  auto actor = accounts.authenticate_token(t->secret);
  ASSERT_TRUE(actor.ok());
  EXPECT_EQ(actor->user_id, u->id);
  EXPECT_FALSE(accounts.authenticate_token(t->secret + "x").ok());
  // Same name twice is refused.
  EXPECT_EQ(accounts.create_token({"ci@acme.example", "deploy", std::nullopt}, root).error().code,
            ErrorCode::conflict);
  clock += std::chrono::hours(2);
  EXPECT_FALSE(accounts.authenticate_token(t->secret).ok());

  auto forever = accounts.create_token({"ci@acme.example", "nightly", std::nullopt}, root);
  ASSERT_TRUE(accounts.authenticate_token(forever->secret).ok());
  auto id = store->begin(Store::Mode::read)->list_api_tokens(u->id).back().id;
  ASSERT_TRUE(accounts.revoke_token(id, root).ok());
  EXPECT_FALSE(accounts.authenticate_token(forever->secret).ok());
}

TEST_F(Accounts, OnlyAdminsAddUsers) {
  app::Actor member{1, false, {}};
  auto r = accounts.add_user({"x@acme.example", "X", false, std::nullopt}, member);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::forbidden);
}

TEST_F(Accounts, DisablingAUserEndsTheirSessionsAndTokensForGood) {
  ASSERT_TRUE(accounts.add_user({"root@acme.example", "Root", true, std::nullopt}, root).ok());
  ASSERT_TRUE(
      accounts.add_user({"ana@acme.example", "Ana", false, "correct horse battery"}, root).ok());
  auto token = accounts.create_token({"ana@acme.example", "ci", std::nullopt}, root);
  auto session = accounts.sign_in("ana@acme.example", "correct horse battery");
  ASSERT_TRUE(token.ok() && session.ok());
  auto off = accounts.update_user("ANA@acme.example", {std::nullopt, std::nullopt, true}, root);
  ASSERT_TRUE(off.ok()) << off.error().message;
  EXPECT_TRUE(off->disabled);
  EXPECT_FALSE(accounts.sign_in("ana@acme.example", "correct horse battery").ok());
  EXPECT_FALSE(accounts.authenticate_token(token->secret).ok());
  EXPECT_FALSE(accounts.authenticate_session(session->secret).ok());
  // Enabled again, Ana signs in anew: what she (or whoever copied them) held stays dead.
  ASSERT_TRUE(
      accounts.update_user("ana@acme.example", {std::nullopt, std::nullopt, false}, root).ok());
  EXPECT_FALSE(accounts.authenticate_token(token->secret).ok());
  EXPECT_FALSE(accounts.authenticate_session(session->secret).ok());
  EXPECT_TRUE(accounts.sign_in("ana@acme.example", "correct horse battery").ok());
}

TEST_F(Accounts, TheLastAdministratorStaysOne) {
  ASSERT_TRUE(accounts.add_user({"root@acme.example", "Root", true, std::nullopt}, root).ok());
  auto demote =
      accounts.update_user("root@acme.example", {std::nullopt, false, std::nullopt}, root);
  ASSERT_FALSE(demote.ok());
  EXPECT_EQ(demote.error().code, ErrorCode::conflict);
  EXPECT_FALSE(
      accounts.update_user("root@acme.example", {std::nullopt, std::nullopt, true}, root).ok());
  ASSERT_TRUE(accounts.add_user({"ops@acme.example", "Ops", true, std::nullopt}, root).ok());
  EXPECT_TRUE(accounts.update_user("root@acme.example", {"R", false, std::nullopt}, root).ok());
}

TEST_F(Accounts, ANewPasswordSignsOutTheOldSessions) {
  ASSERT_TRUE(
      accounts.add_user({"ana@acme.example", "Ana", false, "correct horse battery"}, root).ok());
  auto session = accounts.sign_in("ana@acme.example", "correct horse battery");
  ASSERT_TRUE(session.ok());
  EXPECT_FALSE(accounts.set_password("ana@acme.example", "short", root).ok());
  ASSERT_TRUE(accounts.set_password("ana@acme.example", "a different long one", root).ok());
  EXPECT_FALSE(accounts.authenticate_session(session->secret).ok());
  EXPECT_FALSE(accounts.sign_in("ana@acme.example", "correct horse battery").ok());
  EXPECT_TRUE(accounts.sign_in("ana@acme.example", "a different long one").ok());
}

TEST_F(Accounts, RevokingATokenIsAuditedWithBeforeAndAfter) {
  ASSERT_TRUE(accounts.add_user({"ana@acme.example", "Ana", true, std::nullopt}, root).ok());
  auto token = accounts.create_token({"ana@acme.example", "ci", std::nullopt}, root);
  ASSERT_TRUE(token.ok());
  auto id = accounts.list_tokens(token->user_id, root)->front().id;
  ASSERT_TRUE(accounts.revoke_token(id, root).ok());
  auto events = store->begin(Store::Mode::read)->list_audit_events(std::nullopt, 1);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].action, "revoke");
  EXPECT_NE(events[0].before.find("\"revoked_at\":null"), std::string::npos) << events[0].before;
  EXPECT_NE(events[0].after.find("\"revoked_at\":\"20"), std::string::npos) << events[0].after;
  EXPECT_EQ(events[0].after.find("hash"), std::string::npos);
}

}  // namespace
}  // namespace okr

namespace okr {
namespace {

TEST(SignInThrottle, AtMostFourPasswordChecksRunAtOnce) {
  testing::TempDb db;
  auto store = std::move(open_store(db.path())).value();
  app::SignInThrottle throttle(*store);
  for (int i = 0; i < app::SignInThrottle::kConcurrentChecks; ++i)
    EXPECT_TRUE(throttle.begin_check());
  EXPECT_FALSE(throttle.begin_check());
  throttle.end_check();
  EXPECT_TRUE(throttle.begin_check());
}

// Two servers on one database (here two stores open on it) throttle the same
// guesses: failures counted by one make the other wait, and a restart forgets nothing.
TEST(SignInThrottle, ServersOnOneDatabaseShareTheCounts) {
  testing::TempDb db;
  auto one = std::move(open_store(db.path())).value();
  auto two = std::move(open_store(db.path())).value();
  app::SignInThrottle first(*one), second(*two);
  const Instant now = testing::fixed_now();
  const std::string stranger = "203.0.113.5";
  for (int i = 0; i < app::SignInThrottle::kPerAccountAndAddress.free_failures; ++i)
    (i % 2 ? first : second).failed("ana@acme.example", stranger, now);
  EXPECT_EQ(first.wait("ana@acme.example", stranger, now), std::chrono::seconds(1));
  EXPECT_EQ(second.wait("ana@acme.example", stranger, now), std::chrono::seconds(1));
  second.failed("ana@acme.example", stranger, now);
  EXPECT_EQ(first.wait("ana@acme.example", stranger, now), std::chrono::seconds(2));
  app::SignInThrottle restarted(*one);
  EXPECT_EQ(restarted.wait("ana@acme.example", stranger, now), std::chrono::seconds(2));
  // A success clears that address's count for the account, on every server.
  first.succeeded("ana@acme.example", stranger);
  EXPECT_EQ(second.wait("ana@acme.example", stranger, now), std::chrono::seconds(0));
}

// Counts older than the window are deleted, so many addresses cannot grow the table
// without bound.
TEST(SignInThrottle, CountsOlderThanTheWindowAreDeleted) {
  testing::TempDb db;
  auto store = std::move(open_store(db.path())).value();
  app::SignInThrottle throttle(*store);
  const Instant now = testing::fixed_now();
  for (int i = 0; i < 50; ++i)
    throttle.failed("ana@acme.example", "10.0.0." + std::to_string(i), now);
  // 50 address pairs, 50 addresses, 1 account.
  EXPECT_EQ(testing::count_rows(db.path(), "sign_in_counts"), 101);
  throttle.failed("bo@acme.example", "192.0.2.1",
                  now + app::SignInThrottle::kWindow + std::chrono::seconds(1));
  EXPECT_EQ(testing::count_rows(db.path(), "sign_in_counts"), 3);
  EXPECT_EQ(throttle.wait("ana@acme.example", "10.0.0.1", now + app::SignInThrottle::kWindow),
            std::chrono::seconds(0));
}

}  // namespace
}  // namespace okr
