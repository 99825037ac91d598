// Single sign-on's use cases on a real database (SQLite, and PostgreSQL for the "pg."
// tests): providers, sign-ins that come back once, and accounts opened just in time and
// linked by the provider's subject.
#include <gtest/gtest.h>

#include "app/accounts.h"
#include "app/secrets.h"
#include "app/sso.h"
#include "test_db.h"

namespace okr {
namespace {

struct Sso : ::testing::Test {
  testing::TempDb db;
  std::unique_ptr<Store> store = std::move(open_store(db.path())).value();
  Instant clock = testing::fixed_now();
  app::App app{*store, [this] { return clock; }};
  app::SingleSignOn sso{app};
  app::Actor root = app::Actor::local_operator();

  SsoProvider add(const std::string& name = "corp", std::vector<std::string> domains = {}) {
    auto p = sso.add_provider(
        {name, "Corp ID", "https://id.corp.example", "okr", "the-secret", std::move(domains)},
        root);
    EXPECT_TRUE(p.ok()) << p.error().message;
    return sso.provider(name).value();
  }
  app::VerifiedIdentity person(std::string sub, std::string email, bool verified = true) {
    return {"https://id.corp.example", std::move(sub), std::move(email), verified, "Dana Real"};
  }
};

TEST_F(Sso, RefusedProvidersChangeNothing) {
  add();
  const auto before = testing::dump(db.path());
  auto refused = [&](app::NewSsoProvider p, const char* field) {
    auto r = sso.add_provider(p, root);
    ASSERT_FALSE(r.ok()) << field;
    EXPECT_EQ(r.error().field, field);
  };
  refused({"x", "", "http://id.corp.example", "okr", "s", {}}, "issuer");
  refused({"x", "", "ftp://id.corp.example", "okr", "s", {}}, "issuer");
  refused({"x", "", "https://id.corp.example?x=1", "okr", "s", {}}, "issuer");
  refused({"X Y", "", "https://id.corp.example", "okr", "s", {}}, "name");
  refused({"x", "", "https://id.corp.example", "", "s", {}}, "client_id");
  refused({"x", "", "https://id.corp.example", "okr", "", {}}, "client_secret");
  refused({"x", "", "https://id.corp.example", "okr", "s", {"corp"}}, "allowed_domains");
  refused({"corp", "", "https://id.corp.example", "okr", "s", {}}, "name");
  app::Actor person{1, false, {}};
  auto r = sso.add_provider({"y", "", "https://id.corp.example", "okr", "s", {}}, person);
  EXPECT_EQ(r.error().code, ErrorCode::forbidden);
  EXPECT_EQ(testing::dump(db.path()), before);
  // Loopback issuers may be plain http: a provider on the same machine.
  EXPECT_TRUE(sso.add_provider({"local", "", "http://127.0.0.1:9000", "okr", "s", {}}, root).ok());
  EXPECT_TRUE(
      sso.add_provider({"local6", "", "http://[::1]:9000/realms/x", "okr", "s", {}}, root).ok());
}

TEST_F(Sso, TheListNeverHoldsTheSecret) {
  add("corp", {"Corp.Example", "@sub.corp.example"});
  auto list = sso.list_providers().value();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].allowed_domains,
            (std::vector<std::string>{"corp.example", "sub.corp.example"}));
  auto tx = store->begin(Store::Mode::read);
  for (const auto& e : tx->list_audit_events(std::nullopt, 10))
    EXPECT_EQ(e.after.find("the-secret"), std::string::npos);
}

// Two servers on one database: a sign-in started on one comes back on the other, once.
TEST_F(Sso, AStartedSignInIsTakenOnceFromAnyServer) {
  auto p = add();
  auto started = sso.start(p, "https://okr.example/sso/corp/callback", "/teams").value();
  std::unique_ptr<Store> other = std::move(open_store(db.path())).value();
  app::App app2(*other, [this] { return clock; });
  app::SingleSignOn sso2(app2);
  // Another browser cannot finish it, and takes nothing from the one that started it.
  EXPECT_EQ(sso2.take(started.state, "another browser").error().field, "state");
  auto again = started;
  auto login = sso2.take(again.state, again.browser_secret);
  ASSERT_TRUE(login.ok()) << login.error().message;
  EXPECT_EQ(login->nonce, again.nonce);
  EXPECT_EQ(login->code_verifier, again.code_verifier);
  EXPECT_EQ(login->return_to, "/teams");
  EXPECT_FALSE(sso.take(again.state, again.browser_secret).ok());
  // Only hashes of state and browser cookie are stored.
  auto late = sso.start(p, "https://okr.example/sso/corp/callback", "/").value();
  const auto dumped = testing::dump(db.path());
  EXPECT_EQ(dumped.find(late.state), std::string::npos);
  EXPECT_EQ(dumped.find(late.browser_secret), std::string::npos);
  clock += app::SingleSignOn::kLoginLifetime + std::chrono::seconds(1);
  EXPECT_FALSE(sso.take(late.state, late.browser_secret).ok());
}

TEST_F(Sso, TheFirstSignInCreatesTheAccountAndLaterOnesFindItBySubject) {
  auto p = add();
  auto first = sso.sign_in(p, person("sub-1", "Dana@Corp.example"));
  ASSERT_TRUE(first.ok()) << first.error().message;
  auto tx = store->begin(Store::Mode::read);
  auto user = tx->find_user_by_email("dana@corp.example");
  ASSERT_TRUE(user);
  EXPECT_EQ(user->name, "Dana Real");
  EXPECT_FALSE(user->admin);
  EXPECT_EQ(first->user_id, user->id);
  tx.reset();
  // The provider changed the e-mail: the same person, the same account.
  auto second = sso.sign_in(p, person("sub-1", "dana.real@corp.example"));
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->user_id, user->id);
  EXPECT_EQ(app::Accounts(app).authenticate_session(second->secret).value().user_id, user->id);
}

TEST_F(Sso, UnverifiedOrForeignEmailsGetNoAccount) {
  auto p = add("corp", {"corp.example"});
  const auto before = testing::dump(db.path());
  EXPECT_EQ(sso.sign_in(p, person("sub-2", "eve@corp.example", false)).error().code,
            ErrorCode::forbidden);
  EXPECT_EQ(sso.sign_in(p, person("sub-3", "eve@elsewhere.example")).error().code,
            ErrorCode::forbidden);
  EXPECT_EQ(
      sso.sign_in(p, {"https://id.corp.example", "sub-4", std::nullopt, true, ""}).error().code,
      ErrorCode::forbidden);
  EXPECT_EQ(testing::dump(db.path()), before);
}

TEST_F(Sso, AnExistingAccountIsLinkedByVerifiedEmailAndADisabledOneIsRefused) {
  auto p = add();
  app::Accounts accounts(app);
  auto ana = accounts.add_user({"ana@corp.example", "Ana", false, "a long password"}, root).value();
  // Unverified: never linked to the password account.
  EXPECT_FALSE(sso.sign_in(p, person("sub-ana", "ana@corp.example", false)).ok());
  auto linked = sso.sign_in(p, person("sub-ana", "ana@corp.example"));
  ASSERT_TRUE(linked.ok());
  EXPECT_EQ(linked->user_id, ana.id);
  ASSERT_TRUE(
      accounts.update_user("ana@corp.example", {std::nullopt, std::nullopt, true}, root).ok());
  auto refused = sso.sign_in(p, person("sub-ana", "ana@corp.example"));
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("disabled"), std::string::npos);
  EXPECT_FALSE(accounts.authenticate_session(linked->secret).ok());
}

TEST_F(Sso, ARemovedProviderLeavesItsPeopleLinked) {
  auto p = add();
  auto first = sso.sign_in(p, person("sub-1", "dana@corp.example")).value();
  ASSERT_TRUE(sso.remove_provider("corp", root).ok());
  EXPECT_FALSE(sso.provider("corp").ok());
  auto back = add();
  EXPECT_EQ(sso.sign_in(back, person("sub-1", "dana@corp.example")).value().user_id, first.user_id);
  EXPECT_EQ(sso.remove_provider("nobody", root).error().code, ErrorCode::not_found);
}

TEST_F(Sso, SingleSignOnOnlyKeepsOneBreakGlassAdministrator) {
  app::Accounts accounts(app);
  ASSERT_TRUE(accounts.add_user({"root@corp.example", "Root", true, "a long password"}, root).ok());
  ASSERT_TRUE(accounts.add_user({"ana@corp.example", "Ana", false, "a long password"}, root).ok());
  ASSERT_TRUE(accounts.add_user({"bo@corp.example", "Bo", true, std::nullopt}, root).ok());
  // Without a provider nobody could sign in: refused, and nothing changes.
  const auto before = testing::dump(db.path());
  EXPECT_EQ(sso.set_sso_only(true, "root@corp.example", root).error().code, ErrorCode::conflict);
  EXPECT_EQ(testing::dump(db.path()), before);
  auto p = add();
  EXPECT_EQ(sso.set_sso_only(true, "", root).error().field, "break_glass");
  EXPECT_EQ(sso.set_sso_only(true, "ana@corp.example", root).error().field, "break_glass");
  EXPECT_EQ(sso.set_sso_only(true, "bo@corp.example", root).error().field, "break_glass");
  EXPECT_EQ(sso.set_sso_only(true, "nobody@corp.example", root).error().code, ErrorCode::not_found);
  EXPECT_EQ(sso.set_sso_only(true, "root@corp.example", app::Actor{2, false, {}}).error().code,
            ErrorCode::forbidden);
  EXPECT_FALSE(sso.sso_only().value().on);

  ASSERT_TRUE(sso.set_sso_only(true, "ROOT@corp.example", root).ok());
  EXPECT_EQ(sso.sso_only().value().break_glass, "root@corp.example");
  auto refused = accounts.sign_in("ana@corp.example", "a long password");
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("single sign-on only"), std::string::npos);
  EXPECT_TRUE(accounts.sign_in("root@corp.example", "a long password").ok());
  EXPECT_TRUE(sso.sign_in(p, person("sub-ana", "ana@corp.example")).ok());

  ASSERT_TRUE(sso.set_sso_only(false, "", root).ok());
  EXPECT_TRUE(accounts.sign_in("ana@corp.example", "a long password").ok());
}

}  // namespace
}  // namespace okr
