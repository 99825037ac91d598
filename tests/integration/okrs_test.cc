// Editing objectives and key results one at a time: the permission matrix,
// optimistic concurrency and the audit trail, on a real SQLite file.
#include <gtest/gtest.h>

#include "app/accounts.h"
#include "app/okrs.h"
#include "test_db.h"

namespace okr {
namespace {

struct Okrs : ::testing::Test {
  testing::TempDb db;
  std::unique_ptr<Store> store = std::move(open_store(db.path())).value();
  app::App app{*store, testing::fixed_now};
  app::Actor root = app::Actor::local_operator();

  void SetUp() override {
    auto parsed = formats::parse_okr_yaml(testing::read_text(testing::example_path()));
    ASSERT_TRUE(app.import_okrs(*parsed, root).ok());
    // A viewer of the booking team.
    auto tx = store->begin();
    auto booking = tx->find_team_by_key("booking");
    Id viewer = tx->create_user({0, "vera@acme.example", "Vera", false, 1});
    tx->put_membership({booking->id, viewer, TeamRole::viewer});
    tx->commit();
  }

  app::Actor actor(const std::string& email) {
    auto tx = store->begin(Store::Mode::read);
    return app::load_actor(*tx, tx->find_user_by_email(email)->id);
  }
  Objective objective(const std::string& key) { return *app::get_objective(app, key); }
  KeyResult key_result(const std::string& key) { return *app::get_key_result(app, key); }
};

// Every role against every kind of write on the booking team's OKRs.
TEST_F(Okrs, PermissionMatrix) {
  struct Row {
    const char* who;
    bool edit_objective, add_key_result, edit_owned_kr, check_in, edit_other_team;
  };
  // ana leads booking; tomas leads product (above booking); ben is a member who owns
  // booking-2027q1-rebook-rate; chen is a member; vera a viewer; ivo leads marketing.
  const Row rows[] = {
      {"ana@acme.example", true, true, true, true, false},
      {"tomas@acme.example", true, true, true, true, false},
      {"ben@acme.example", false, false, true, true, false},
      {"chen@acme.example", false, false, false, true, false},
      {"vera@acme.example", false, false, false, false, false},
      {"ivo@acme.example", false, false, false, false, true},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.who);
    auto a = actor(row.who);
    auto before = testing::dump(db.path());
    auto o = objective("booking-2027q1-effortless-rebooking");
    app::ObjectiveFields title;
    title.title = std::string("Make rebooking effortless for ") + row.who;
    auto edit = app::update_objective(app, o.id, o.version, title, a);
    EXPECT_EQ(edit.ok(), row.edit_objective) << (edit.ok() ? "" : edit.error().message);
    if (!edit.ok()) {
      EXPECT_EQ(edit.error().code, ErrorCode::forbidden);
    }

    app::KeyResultFields kr;
    kr.key =
        std::string("extra-") + std::to_string(o.version) + "-" + std::string(row.who).substr(0, 3);
    kr.objective_id = o.id;
    kr.title = "Raise repeat visits from 2.1 to 2.6 per quarter";
    kr.start = 2.1;
    kr.target = 2.6;
    EXPECT_EQ(app::create_key_result(app, kr, a).ok(), row.add_key_result);

    auto owned = key_result("booking-2027q1-rebook-rate");
    app::KeyResultFields retitle;
    retitle.title = std::string("Raise 7-day rebooking from 18% to 30% (") + row.who + ")";
    EXPECT_EQ(app::update_key_result(app, owned.id, owned.version, retitle, a).ok(),
              row.edit_owned_kr);

    auto c = app.check_in({"booking-2027q1-no-show-rate", 10, 0.5, "", {}}, a);
    EXPECT_EQ(c.ok(), row.check_in);

    auto m = objective("marketing-2027q1-word-of-mouth");
    app::ObjectiveFields other;
    other.description = std::string("edited by ") + row.who;
    EXPECT_EQ(app::update_objective(app, m.id, m.version, other, a).ok(), row.edit_other_team);
    // A refused write changes nothing at all.
    if (!row.edit_objective && !row.add_key_result && !row.edit_owned_kr && !row.check_in &&
        !row.edit_other_team) {
      EXPECT_EQ(testing::dump(db.path()), before);
    }
  }
}

TEST_F(Okrs, StaleVersionIsRefusedAndNothingChanges) {
  auto o = objective("booking-2027q1-effortless-rebooking");
  app::ObjectiveFields first;
  first.title = "Make rebooking the habit after every visit";
  auto updated = app::update_objective(app, o.id, o.version, first, root);
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(updated->version, o.version + 1);
  auto before = testing::dump(db.path());
  app::ObjectiveFields second;
  second.title = "A title from a stale editor";
  auto stale = app::update_objective(app, o.id, o.version, second, root);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::conflict);
  EXPECT_EQ(testing::dump(db.path()), before);
  EXPECT_FALSE(app::delete_objective(app, o.id, o.version, root).ok());
}

TEST_F(Okrs, InvalidFieldsNameTheFieldAndChangeNothing) {
  auto before = testing::dump(db.path());
  auto k = key_result("booking-2027q1-rebook-rate");
  app::KeyResultFields same;
  same.target = k.start;
  auto r = app::update_key_result(app, k.id, k.version, same, root);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "target");
  app::KeyResultFields weight;
  weight.weight = -1;
  EXPECT_EQ(app::update_key_result(app, k.id, k.version, weight, root).error().field, "weight");
  app::ObjectiveFields bad_parent;
  bad_parent.parent_id = Id{99999};
  auto o = objective("booking-2027q1-effortless-rebooking");
  EXPECT_EQ(app::update_objective(app, o.id, o.version, bad_parent, root).error().field,
            "parent_id");
  app::ObjectiveFields missing;
  missing.title = "No key";
  EXPECT_EQ(app::create_objective(app, missing, root).error().field, "key");
  EXPECT_EQ(testing::dump(db.path()), before);
}

TEST_F(Okrs, WritesAreAuditedWithBeforeAndAfter) {
  auto o = objective("design-2027q1-first-booking");
  app::ObjectiveFields f;
  f.title = "Make a first booking feel effortless";
  ASSERT_TRUE(app::update_objective(app, o.id, o.version, f, actor("hana@acme.example")).ok());
  auto events = store->begin(Store::Mode::read)->list_audit_events(std::nullopt, 1);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].action, "update");
  EXPECT_EQ(events[0].entity_id, o.id);
  EXPECT_NE(events[0].before.find("feel like it took no effort"), std::string::npos);
  EXPECT_NE(events[0].after.find("feel effortless"), std::string::npos);
  EXPECT_TRUE(events[0].actor_id.has_value());
}

TEST_F(Okrs, ListsArePagedByCursor) {
  std::vector<Id> seen;
  std::optional<Id> after;
  int pages = 0;
  do {
    auto page = app::list_objectives(app, {}, after, 2);
    ASSERT_TRUE(page.ok());
    for (const auto& o : page->items) seen.push_back(o.id);
    after = page->next_after;
    ++pages;
  } while (after);
  EXPECT_EQ(seen.size(), 6u);
  EXPECT_EQ(pages, 3);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
}

// A key result that follows a KPI is graded on the KPI as it stood at the cycle's end.
TEST_F(Okrs, KpiLinkedKeyResultKeepsItsGradeAfterTheCycle) {
  auto tx = store->begin();
  Kpi kpi{0, "availability", "Availability", std::nullopt, "%", 99.9, 100, 99.5, 100, 1};
  kpi.id = tx->create_kpi(kpi);
  auto kr = *tx->find_key_result_by_key("platform-2027q1-availability");
  kr.kpi_id = kpi.id;
  tx->update_key_result(kr);
  tx->add_measurement({0, kpi.id, 99.97, *parse_instant("2027-03-30T00:00:00Z")});
  tx->add_measurement({0, kpi.id, 98.0, *parse_instant("2027-04-10T00:00:00Z")});
  tx->commit();
  auto status = app.cycle_status(std::string("2027-Q1"), std::string("acme-platform"));
  ASSERT_TRUE(status.ok());
  for (const auto& k : status->teams.at(0).objectives.at(0).key_results)
    if (k.key_result.key == "platform-2027q1-availability") {
      ASSERT_TRUE(k.latest);
      EXPECT_DOUBLE_EQ(k.latest->value, 99.97);
      EXPECT_DOUBLE_EQ(k.score, 1.0);
    }
}

}  // namespace
}  // namespace okr
