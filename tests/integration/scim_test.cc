// SCIM provisioning and groups mapped to teams and roles, on a real database (SQLite,
// and PostgreSQL for the "pg." tests): mappings applied at sign-in and by SCIM groups,
// manual roles kept apart, deactivation ending access at once, refusals changing nothing.
#include <gtest/gtest.h>

#include "app/accounts.h"
#include "app/resources.h"
#include "app/scim.h"
#include "app/sso.h"
#include "test_db.h"

namespace okr {
namespace {

struct Scim : ::testing::Test {
  testing::TempDb db;
  std::unique_ptr<Store> store = std::move(open_store(db.path())).value();
  Instant clock = testing::fixed_now();
  app::App app{*store, [this] { return clock; }};
  app::SingleSignOn sso{app};
  app::Provisioning scim{app};
  app::Accounts accounts{app};
  app::Actor root = app::Actor::local_operator();
  ScimToken token{1, "okta", "", std::nullopt, {}, std::nullopt};

  void SetUp() override {
    ASSERT_TRUE(
        accounts.add_user({"root@corp.example", "Root", true, "a long password"}, root).ok());
    for (const char* key : {"growth", "platform"}) {
      app::TeamFields f;
      f.key = key;
      ASSERT_TRUE(app::create_team(app, f, root).ok());
    }
  }
  SsoProvider provider() {
    EXPECT_TRUE(
        sso.add_provider({"corp", "Corp ID", "https://id.corp.example", "okr", "secret", {}}, root)
            .ok());
    return sso.provider("corp").value();
  }
  app::VerifiedIdentity dana(std::optional<std::vector<std::string>> groups) {
    return {"https://id.corp.example", "sub-dana", "dana@corp.example", true, "Dana Real",
            std::move(groups)};
  }
  Id team(const std::string& key) {
    return store->begin(Store::Mode::read)->find_team_by_key(key)->id;
  }
  // "team:role:manual|mapped" for each of a person's memberships; "admin:…" first.
  std::vector<std::string> access(const std::string& email) {
    std::vector<std::string> out;
    const auto all = scim.access_of(email).value();
    for (const auto& a : all)
      out.push_back((a.team.empty() ? "admin" : a.team + ":" + a.role) + ":" +
                    (a.mapped ? "mapped" : "manual"));
    return out;
  }
  app::ScimPersonFields person(std::string email) {
    app::ScimPersonFields f;
    f.user_name = std::move(email);
    f.given_name = "Bo";
    f.family_name = "Berg";
    f.external_id = "00u1";
    return f;
  }
};

using Access = std::vector<std::string>;

TEST_F(Scim, TheGroupsClaimMapsToTeamsAndRolesAtEachSignInAndManualRolesStay) {
  auto p = provider();
  ASSERT_TRUE(scim.add_mapping("okr-growth", "growth", "lead", root).ok());
  ASSERT_TRUE(scim.add_mapping("okr-platform", "platform", "member", root).ok());
  ASSERT_TRUE(scim.add_mapping("okr-admins", "", "admin", root).ok());
  // Dana is a viewer of platform by hand before her first sign-in.
  auto d = accounts.add_user({"dana@corp.example", "Dana", false, std::nullopt}, root).value();
  ASSERT_TRUE(app::put_membership(app, {team("platform"), d.id, TeamRole::viewer}, root).ok());

  ASSERT_TRUE(sso.sign_in(p, dana(std::vector<std::string>{"okr-growth", "okr-platform",
                                                           "okr-admins", "unmapped"}))
                  .ok());
  EXPECT_EQ(access("dana@corp.example"),
            (Access{"admin:mapped", "growth:lead:mapped", "platform:viewer:manual"}));
  // No groups claim at all: the provider says nothing of groups, so nothing changes.
  ASSERT_TRUE(sso.sign_in(p, dana(std::nullopt)).ok());
  EXPECT_EQ(access("dana@corp.example"),
            (Access{"admin:mapped", "growth:lead:mapped", "platform:viewer:manual"}));
  // The claim replaces the groups: mapped roles go, the manual one stays.
  auto later = sso.sign_in(p, dana(std::vector<std::string>{}));
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(access("dana@corp.example"), (Access{"platform:viewer:manual"}));
  EXPECT_FALSE(accounts.authenticate_session(later->secret).value().admin);
}

TEST_F(Scim, ScimGroupMembersGetTheMappedRoleAndLeavingTakesOnlyThat) {
  auto bo = scim.create_person(person("bo@corp.example"), token).value();
  auto cy = scim.create_person(person("cy@corp.example"), token).value();
  // Cy is a member of growth by hand.
  ASSERT_TRUE(app::put_membership(app, {team("growth"), cy.user.id, TeamRole::member}, root).ok());
  ASSERT_TRUE(scim.add_mapping("Growth Team", "growth", "viewer", root).ok());
  app::ScimGroupFields g;
  g.display_name = "Growth Team";
  g.members = std::vector<std::string>{std::to_string(bo.user.id), std::to_string(cy.user.id)};
  auto group = scim.create_group(g, token).value();
  EXPECT_EQ(access("bo@corp.example"), (Access{"growth:viewer:mapped"}));
  EXPECT_EQ(access("cy@corp.example"), (Access{"growth:member:manual"}));
  EXPECT_EQ(scim.person(std::to_string(bo.user.id)).value().groups.size(), 1u);

  app::ScimGroupFields leave;
  leave.remove = {std::to_string(bo.user.id), std::to_string(cy.user.id)};
  ASSERT_TRUE(scim.change_group(std::to_string(group.group.id), leave, false, token).ok());
  EXPECT_EQ(access("bo@corp.example"), Access{});
  EXPECT_EQ(access("cy@corp.example"), (Access{"growth:member:manual"}));

  // Renaming a group moves its people to the new name's mappings.
  app::ScimGroupFields back;
  back.add = {std::to_string(bo.user.id)};
  ASSERT_TRUE(scim.change_group(std::to_string(group.group.id), back, false, token).ok());
  ASSERT_TRUE(scim.add_mapping("Platform", "platform", "member", root).ok());
  app::ScimGroupFields rename;
  rename.display_name = "Platform";
  ASSERT_TRUE(scim.change_group(std::to_string(group.group.id), rename, false, token).ok());
  EXPECT_EQ(access("bo@corp.example"), (Access{"platform:member:mapped"}));
  // Removing the mapping takes back what it gave; deleting the group keeps its people.
  ASSERT_TRUE(scim.remove_mappings("Platform", "", root).ok());
  EXPECT_EQ(access("bo@corp.example"), Access{});
  ASSERT_TRUE(scim.delete_group(std::to_string(group.group.id), token).ok());
  EXPECT_TRUE(scim.person(std::to_string(bo.user.id)).ok());
}

TEST_F(Scim, DeactivationEndsSessionsAndTokensAtOnceAndDeletesNothing) {
  auto p = provider();
  auto created = scim.create_person(person("dana@corp.example"), token);
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ(created->user.name, "Bo Berg");
  auto session = sso.sign_in(p, dana(std::nullopt)).value();
  auto api = accounts.create_token({"dana@corp.example", "script", std::nullopt}, root).value();
  ASSERT_TRUE(accounts.authenticate_session(session.secret).ok());
  ASSERT_TRUE(accounts.authenticate_token(api.secret).ok());

  ASSERT_TRUE(scim.deactivate_person(std::to_string(created->user.id), token).ok());
  EXPECT_FALSE(accounts.authenticate_session(session.secret).ok());
  EXPECT_FALSE(accounts.authenticate_token(api.secret).ok());
  EXPECT_FALSE(sso.sign_in(p, dana(std::nullopt)).ok());
  auto kept = scim.person(std::to_string(created->user.id)).value();
  EXPECT_TRUE(kept.user.disabled);
  EXPECT_EQ(kept.scim.external_id, "00u1");
  // Active again: the person signs in anew; the old session and token stay ended.
  app::ScimPersonFields on;
  on.active = true;
  ASSERT_TRUE(scim.change_person(std::to_string(created->user.id), on, false, token).ok());
  EXPECT_FALSE(accounts.authenticate_session(session.secret).ok());
  EXPECT_TRUE(sso.sign_in(p, dana(std::nullopt)).ok());
}

TEST_F(Scim, FiltersAndPagesFindPeopleByUserNameAndExternalId) {
  for (const char* e : {"a@corp.example", "b@corp.example", "c@corp.example"})
    ASSERT_TRUE(scim.create_person(person(e), token).ok());
  auto by_name = scim.people({"username", "B@corp.example"}, 1, 100).value();
  ASSERT_EQ(by_name.total, 1u);
  EXPECT_EQ(by_name.items[0].user.email, "b@corp.example");
  EXPECT_EQ(scim.people({"externalid", "00u1"}, 1, 100).value().total, 3u);
  auto page = scim.people({}, 2, 2).value();
  EXPECT_EQ(page.total, 4u);  // root too
  ASSERT_EQ(page.items.size(), 2u);
  EXPECT_EQ(page.items[0].user.email, "a@corp.example");
  EXPECT_EQ(scim.people({"username", "nobody@corp.example"}, 1, 100).value().total, 0u);
}

TEST_F(Scim, TokensWorkOnlyForScimAndRevokedOnesNotAtAll) {
  auto issued = scim.create_token("okta", root).value();
  EXPECT_EQ(scim.authenticate(issued.secret).value().name, "okta");
  EXPECT_FALSE(accounts.authenticate_token(issued.secret).ok());
  auto api = accounts.create_token({"root@corp.example", "script", std::nullopt}, root).value();
  EXPECT_EQ(scim.authenticate(api.secret).error().code, ErrorCode::unauthenticated);
  EXPECT_EQ(scim.create_token("okta", root).error().code, ErrorCode::conflict);
  EXPECT_EQ(scim.create_token("x", app::Actor{2, false, {}}).error().code, ErrorCode::forbidden);
  ASSERT_TRUE(scim.revoke_token("okta", root).ok());
  EXPECT_FALSE(scim.authenticate(issued.secret).ok());
  EXPECT_EQ(testing::dump(db.path()).find(issued.secret), std::string::npos);
}

TEST_F(Scim, RefusedWritesChangeNothing) {
  auto bo = scim.create_person(person("bo@corp.example"), token).value();
  app::ScimGroupFields g;
  g.display_name = "Growth";
  auto group = scim.create_group(g, token).value();
  const auto before = testing::dump(db.path());
  auto refused = [&](auto r, ErrorCode code, const char* field) {
    ASSERT_FALSE(r.ok()) << field;
    EXPECT_EQ(r.error().code, code) << field;
    EXPECT_EQ(r.error().field, field);
  };
  refused(scim.create_person(person("bo@corp.example"), token), ErrorCode::conflict, "userName");
  refused(scim.create_person(person("not an address"), token), ErrorCode::invalid, "userName");
  auto control = person("x@corp.example");
  control.given_name = std::string("A\x01");
  refused(scim.create_person(control, token), ErrorCode::invalid, "name.givenName");
  refused(scim.change_person("999999", person("y@corp.example"), true, token), ErrorCode::not_found,
          "id");
  refused(scim.change_person("1 OR 1=1", person("y@corp.example"), true, token),
          ErrorCode::not_found, "id");
  // The last enabled administrator is not deactivated.
  app::ScimPersonFields off;
  off.active = false;
  refused(scim.change_person("1", off, false, token), ErrorCode::conflict, "active");
  app::ScimGroupFields bad;
  bad.add = {std::to_string(bo.user.id), "424242"};
  refused(scim.change_group(std::to_string(group.group.id), bad, false, token), ErrorCode::invalid,
          "members");
  app::ScimGroupFields dup;
  dup.display_name = "Growth";
  refused(scim.create_group(dup, token), ErrorCode::conflict, "displayName");
  app::ScimGroupFields empty;
  empty.display_name = "";
  refused(scim.create_group(empty, token), ErrorCode::invalid, "displayName");
  refused(scim.add_mapping("g", "no-such-team", "member", root), ErrorCode::not_found, "team");
  refused(scim.add_mapping("g", "growth", "owner", root), ErrorCode::invalid, "role");
  refused(scim.add_mapping("g", "growth", "admin", root), ErrorCode::invalid, "team");
  refused(scim.add_mapping("", "growth", "member", root), ErrorCode::invalid, "group");
  refused(scim.add_mapping("g", "growth", "member", app::Actor{2, false, {}}), ErrorCode::forbidden,
          "");
  refused(scim.remove_mappings("never-mapped", "", root), ErrorCode::not_found, "group");
  EXPECT_EQ(testing::dump(db.path()), before);
}

// okr migrate-db and backups of a PostgreSQL database copy table by table: SCIM's and
// the mappings' tables come along, with what the mappings gave.
TEST_F(Scim, ACopyOfTheDatabaseKeepsTokensGroupsMappingsAndWhatTheyGave) {
  auto bo = scim.create_person(person("bo@corp.example"), token).value();
  auto issued = scim.create_token("okta", root).value();
  ASSERT_TRUE(scim.add_mapping("Growth", "growth", "lead", root).ok());
  ASSERT_TRUE(scim.add_mapping("Admins", "", "admin", root).ok());
  for (const char* name : {"Growth", "Admins"}) {
    app::ScimGroupFields g;
    g.display_name = name;
    g.members = std::vector<std::string>{std::to_string(bo.user.id)};
    ASSERT_TRUE(scim.create_group(g, token).ok());
  }
  auto p = provider();
  ASSERT_TRUE(sso.sign_in(p, dana(std::vector<std::string>{"Growth"})).ok());
  const Access bo_access{"admin:mapped", "growth:lead:mapped"};
  const Access dana_access{"growth:lead:mapped"};
  ASSERT_EQ(access("bo@corp.example"), bo_access);

  testing::TempDb copy_db("-copy");
  std::unique_ptr<Store> copy = std::move(open_store(copy_db.path())).value();
  copy_store(*store, *copy, false);
  app::App copied(*copy, [this] { return clock; });
  app::Provisioning scim2(copied);
  auto access2 = [&](const std::string& email) {
    std::vector<std::string> out;
    const auto all = scim2.access_of(email).value();
    for (const auto& a : all)
      out.push_back((a.team.empty() ? "admin" : a.team + ":" + a.role) + ":" +
                    (a.mapped ? "mapped" : "manual"));
    return out;
  };
  EXPECT_EQ(access2("bo@corp.example"), bo_access);
  EXPECT_EQ(access2("dana@corp.example"), dana_access);
  EXPECT_EQ(scim2.list_mappings().value().size(), 2u);
  EXPECT_EQ(scim2.authenticate(issued.secret).value().name, "okta");
  auto groups = scim2.groups({}, 1, 100).value();
  ASSERT_EQ(groups.total, 2u);
  EXPECT_EQ(groups.items[0].members.size(), 1u);
  EXPECT_EQ(scim2.person(std::to_string(bo.user.id)).value().scim.external_id, "00u1");
  // Dana's groups from the provider came along: a mapping added on the copy reaches her.
  ASSERT_TRUE(scim2.add_mapping("Growth", "platform", "viewer", root).ok());
  EXPECT_EQ(access2("dana@corp.example"), (Access{"growth:lead:mapped", "platform:viewer:mapped"}));
}

}  // namespace
}  // namespace okr
