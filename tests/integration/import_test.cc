// Use cases on a real SQLite file: import/export round trips, errors that name
// the line and leave the database unchanged, check-ins, status and grading.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "test_db.h"

namespace okr {
namespace {

using testing::TempDb;

struct Fixture {
  TempDb db;
  std::unique_ptr<Store> store = std::move(open_store(db.path())).value();
  app::App app{*store, testing::fixed_now};
  app::Actor actor = app::Actor::local_operator();

  Result<app::ImportSummary> import_text(const std::string& yaml) {
    auto parsed = formats::parse_okr_yaml(yaml);
    if (!parsed) return parsed.error();
    return app.import_okrs(*parsed, actor);
  }
};

TEST(Import, ExampleImportsAndReimportChangesNothing) {
  Fixture f;
  auto text = testing::read_text(testing::example_path());
  auto first = f.import_text(text);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_GT(first->created, 20);
  auto after_first = testing::dump(f.db.path());

  auto second = f.import_text(text);
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->created, 0);
  EXPECT_EQ(second->updated, 0);
  EXPECT_EQ(testing::dump(f.db.path()), after_first);  // not even an audit event
}

// A file in the usual layout is parsed a team and an objective at a time; one that
// is not (here only because a key is quoted) is parsed whole. Both give the same
// file, every line and column included, so import errors name the same places.
TEST(Import, ParsingInPiecesGivesTheSameFileAsParsingWhole) {
  std::string text = testing::read_text(testing::example_path());
  text += "\n# a closing comment\n";
  // Enough teams that a large file's pieces are parsed on several threads.
  std::string more;
  for (int i = 0; i < 2500; ++i)
    more += "  - {key: extra-" + std::to_string(i) + ", name: Extra " + std::to_string(i) +
            ", parent: acme}\n" + (i % 100 == 0 ? "# every hundredth\n" : "");
  const auto teams = text.find("teams:\n");
  ASSERT_NE(teams, std::string::npos);
  text.insert(teams + 7, more);
  std::string whole_text = text;
  auto at = whole_text.find("cycle:");
  ASSERT_NE(at, std::string::npos);
  whole_text.replace(at, 6, "\"cycle\":");
  EXPECT_TRUE(formats::detail::parse_in_pieces(text)) << "the example is in the usual layout";
  EXPECT_FALSE(formats::detail::parse_in_pieces(whole_text)) << "a quoted key is not";
  auto pieces = formats::parse_okr_yaml(text);
  auto whole = formats::parse_okr_yaml(whole_text);
  ASSERT_TRUE(pieces.ok()) << pieces.error().message;
  ASSERT_TRUE(whole.ok()) << whole.error().message;
  auto same = [](const formats::Pos& a, const formats::Pos& b) {
    return a.line == b.line && a.column == b.column;
  };
  ASSERT_EQ(pieces->teams.size(), whole->teams.size());
  ASSERT_EQ(pieces->teams.size(), 2507u);
  for (std::size_t i = 0; i < pieces->teams.size(); ++i) {
    const auto &a = pieces->teams[i], &b = whole->teams[i];
    EXPECT_EQ(a.key, b.key);
    EXPECT_EQ(a.members, b.members);
    EXPECT_TRUE(same(a.pos, b.pos)) << a.key << " at line " << a.pos.line << ", not " << b.pos.line;
    ASSERT_EQ(a.fields.size(), b.fields.size());
    for (const auto& [name, p] : a.fields) EXPECT_TRUE(same(p, b.fields.at(name))) << name;
  }
  ASSERT_EQ(pieces->objectives.size(), whole->objectives.size());
  ASSERT_GT(pieces->objectives.size(), 3u);
  for (std::size_t i = 0; i < pieces->objectives.size(); ++i) {
    const auto &a = pieces->objectives[i], &b = whole->objectives[i];
    EXPECT_EQ(a.key, b.key);
    EXPECT_EQ(a.title, b.title);
    EXPECT_EQ(a.description, b.description);
    EXPECT_TRUE(same(a.pos, b.pos)) << a.key << " at line " << a.pos.line << ", not " << b.pos.line;
    for (const auto& [name, p] : a.fields) EXPECT_TRUE(same(p, b.fields.at(name))) << name;
    ASSERT_EQ(a.key_results.size(), b.key_results.size());
    for (std::size_t k = 0; k < a.key_results.size(); ++k) {
      EXPECT_EQ(a.key_results[k].key, b.key_results[k].key);
      EXPECT_EQ(a.key_results[k].target, b.key_results[k].target);
      EXPECT_TRUE(same(a.key_results[k].pos, b.key_results[k].pos)) << a.key_results[k].key;
      for (const auto& [name, p] : a.key_results[k].fields)
        EXPECT_TRUE(same(p, b.key_results[k].fields.at(name)))
            << a.key_results[k].key << "." << name;
    }
  }
  // An error found in one piece names its line in the whole file.
  std::string bad = text;
  const auto kr = bad.rfind("metric:");
  ASSERT_NE(kr, std::string::npos);
  bad.replace(kr, 7, "metrik:");
  const int line = 1 + static_cast<int>(std::count(bad.begin(), bad.begin() + kr, '\n'));
  auto refused = formats::parse_okr_yaml(bad);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().line, line) << refused.error().message;
  EXPECT_NE(refused.error().message.find("metrik"), std::string::npos);
}

TEST(Import, ExportRoundTrips) {
  Fixture f;
  ASSERT_TRUE(f.import_text(testing::read_text(testing::example_path())).ok());
  auto exported = f.app.export_okrs("2027-Q1", std::nullopt);
  ASSERT_TRUE(exported.ok()) << exported.error().message;
  std::string text = formats::write_okr_yaml(*exported);
  auto before = testing::dump(f.db.path());

  // Importing the export changes nothing, and exporting again gives the same text.
  auto again = f.import_text(text);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->created + again->updated, 0);
  EXPECT_EQ(testing::dump(f.db.path()), before);
  EXPECT_EQ(formats::write_okr_yaml(*f.app.export_okrs("2027-Q1", std::nullopt)), text);

  // And into an empty database it recreates the same OKRs.
  TempDb other;
  auto store2 = std::move(open_store(other.path())).value();
  app::App app2(*store2, testing::fixed_now);
  ASSERT_TRUE(app2.import_okrs(*formats::parse_okr_yaml(text), f.actor).ok());
  EXPECT_EQ(formats::write_okr_yaml(*app2.export_okrs("2027-Q1", std::nullopt)), text);
}

TEST(Import, ExportOfOneTeamHoldsItsSubtree) {
  Fixture f;
  ASSERT_TRUE(f.import_text(testing::read_text(testing::example_path())).ok());
  auto file = f.app.export_okrs("2027-Q1", std::string("acme-product"));
  ASSERT_TRUE(file.ok());
  std::set<std::string> teams;
  for (const auto& o : file->objectives) teams.insert(o.team);
  EXPECT_EQ(teams, (std::set<std::string>{"acme-design", "booking", "payments"}));
}

TEST(Import, ChangingTeamsItDidNotCreateNeedsConsent) {
  Fixture f;
  ASSERT_TRUE(f.import_text("cycle: 2027-Q1\nteams:\n  - {key: lumen, name: Lumen}\n"
                            "  - {key: marketing, name: Marketing, parent: lumen, "
                            "lead: lea@lumen.example}\n")
                  .ok());
  const std::string moves =
      "cycle: 2027-Q1\nteams:\n  - {key: acme, name: Acme}\n"
      "  - {key: marketing, name: Marketing, parent: acme, lead: ivo@acme.example}\n";
  auto before = testing::dump(f.db.path());
  auto refused = f.import_text(moves);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);
  EXPECT_NE(
      refused.error().message.find("team 'marketing': lead lea@lumen.example → ivo@acme.example"),
      std::string::npos)
      << refused.error().message;
  EXPECT_NE(refused.error().message.find("moves from under 'lumen' to under 'acme'"),
            std::string::npos);
  EXPECT_EQ(testing::dump(f.db.path()), before);
  auto parsed = formats::parse_okr_yaml(moves);
  auto applied = f.app.import_okrs(*parsed, f.actor, {true});
  ASSERT_TRUE(applied.ok()) << applied.error().message;
  EXPECT_EQ(applied->organisation_changes.size(), 3u);
  // Teams the import itself creates are its own to shape.
  EXPECT_TRUE(
      f.import_text("cycle: 2027-Q1\nteams:\n  - {key: fresh, name: Fresh, parent: acme}\n").ok());
}

// A file naming hundreds of people (a whole organisation's) reads and creates them
// together; what it creates is what one person at a time would: each new address once,
// in the order the file names it, a lead listed among the members too stays lead, and a
// person who exists (whatever the case of the address) keeps their account.
TEST(Import, AFileOfHundredsOfPeopleCreatesEachOnceInTheOrderNamed) {
  Fixture f;
  {
    auto tx = f.store->begin();
    tx->create_user({0, "old.timer@acme.example", "Olivia Timer", false, 1});
    tx->commit();
  }
  std::string yaml = "cycle: 2027-Q1\nteams:\n";
  for (int t = 0; t < 30; ++t) {
    const std::string lead = "lead" + std::to_string(t) + "@acme.example";
    yaml += "  - key: team-" + std::to_string(t) + "\n    name: Team " + std::to_string(t) +
            "\n    lead: " + lead + "\n    members: [" + lead;
    for (int m = 0; m < 9; ++m)
      yaml += ", m" + std::to_string(t) + "_" + std::to_string(m) + "@acme.example";
    yaml += ", m" + std::to_string(t) + "_0@acme.example, Old.Timer@ACME.example]\n";
  }
  yaml +=
      "objectives:\n  - key: o1\n    team: team-0\n    title: Newcomers find their way\n"
      "    owner: ana.lopez@acme.example\n    key_results:\n"
      "      - {key: kr1, title: Activation rate, start: 10, target: 40, unit: '%', "
      "owner: kr_owner@acme.example}\n";
  auto r = f.import_text(yaml);
  ASSERT_TRUE(r.ok()) << r.error().message;
  // 30 leads, 270 members, the objective's and the key result's owners.
  ASSERT_EQ(r->new_accounts.size(), 302u);
  EXPECT_EQ(r->new_accounts[0], "lead0@acme.example");
  EXPECT_EQ(r->new_accounts[1], "m0_0@acme.example");
  EXPECT_EQ(r->new_accounts[300], "ana.lopez@acme.example");
  EXPECT_EQ(r->new_accounts[301], "kr_owner@acme.example");
  EXPECT_EQ(testing::count_rows(f.db.path(), "users"), 303);
  EXPECT_EQ(testing::count_rows(f.db.path(), "memberships"), 30 * 11);
  auto tx = f.store->begin(Store::Mode::read);
  EXPECT_EQ(tx->find_user_by_email("old.timer@acme.example")->name, "Olivia Timer");
  EXPECT_EQ(tx->find_user_by_email("ana.lopez@acme.example")->name, "Ana Lopez");
  const auto team = tx->find_team_by_key("team-7");
  int leads = 0, members = 0;
  for (const auto& m : tx->list_memberships(team->id, std::nullopt))
    (m.role == TeamRole::lead ? leads : members)++;
  EXPECT_EQ(leads, 1);
  EXPECT_EQ(members, 10);  // nine, and the person who already had an account
  EXPECT_EQ(
      tx->list_memberships(team->id, tx->find_user_by_email("lead7@acme.example")->id).at(0).role,
      TeamRole::lead);
  // Each created person has the audit event one at a time gave them.
  int user_events = 0;
  for (const auto& e : tx->list_audit_events(std::nullopt, 10000))
    user_events += e.entity_type == "user" ? 1 : 0;
  EXPECT_EQ(user_events, 302);
  // And the same file again changes nothing.
  auto before = testing::dump(f.db.path());
  auto again = f.import_text(yaml);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->created, 0);
  EXPECT_EQ(testing::dump(f.db.path()), before);
}

// Teams and objectives named before the ones they sit under or align to: each is written
// in place at once (one audit event, version 1), numbered in the order of the file.
TEST(Import, ATreeListedChildrenFirstIsWrittenInPlaceInTheOrderOfTheFile) {
  Fixture f;
  auto kr = [](const std::string& key) {
    return "    key_results:\n      - {key: " + key +
           ", title: Weekly active teams, start: 10, target: 40, owner: ana@acme.example}\n";
  };
  auto r = f.import_text(
      "cycle: 2027-Q1\nteams:\n"
      "  - {key: squad-b, name: Squad B, parent: tribe}\n"
      "  - {key: squad-a, name: Squad A, parent: tribe}\n"
      "  - {key: tribe, name: Tribe}\n"
      "objectives:\n"
      "  - key: squad-b-o\n    team: squad-b\n    title: Teams settle in alone\n"
      "    aligns_to: tribe-o\n" +
      kr("squad-b-kr") +
      "  - key: squad-a-o\n    team: squad-a\n    title: Teams find help fast\n"
      "    aligns_to: tribe-o\n" +
      kr("squad-a-kr") + "  - key: tribe-o\n    team: tribe\n    title: Teams thrive\n" +
      kr("tribe-kr"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  auto tx = f.store->begin(Store::Mode::read);
  const auto b = *tx->find_team_by_key("squad-b"), a = *tx->find_team_by_key("squad-a"),
             tribe = *tx->find_team_by_key("tribe");
  EXPECT_LT(b.id, a.id);
  EXPECT_LT(a.id, tribe.id);
  EXPECT_EQ(b.parent_id, tribe.id);
  EXPECT_EQ(a.parent_id, tribe.id);
  const auto bo = *tx->find_objective_by_key("squad-b-o"),
             ao = *tx->find_objective_by_key("squad-a-o"),
             to = *tx->find_objective_by_key("tribe-o");
  EXPECT_LT(bo.id, ao.id);
  EXPECT_LT(ao.id, to.id);
  EXPECT_EQ(bo.parent_id, to.id);
  EXPECT_EQ(ao.parent_id, to.id);
  for (const auto& v : {b.version, a.version, tribe.version, bo.version, ao.version, to.version})
    EXPECT_EQ(v, 1);
  std::map<std::pair<std::string, Id>, int> events;
  for (const auto& e : tx->list_audit_events(std::nullopt, 1000)) {
    EXPECT_TRUE(e.before.empty()) << e.entity_type << " " << e.after;
    events[{e.entity_type, e.entity_id.value_or(0)}]++;
  }
  for (Id id : {b.id, a.id, tribe.id}) EXPECT_EQ((events[{"team", id}]), 1);
  for (Id id : {bo.id, ao.id, to.id}) EXPECT_EQ((events[{"objective", id}]), 1);
  // The tree the rules check: the tribe's objective lists both squads' as aligned.
  EXPECT_EQ(tx->list_objectives({.parent_id = to.id}).size(), 2u);
}

TEST(Import, NewTeamsThatWouldLoopAreRefusedAndNothingIsWritten) {
  Fixture f;
  auto before = testing::dump(f.db.path());
  auto r = f.import_text(
      "cycle: 2027-Q1\nteams:\n"
      "  - {key: one, name: One, parent: two}\n"
      "  - {key: two, name: Two, parent: one}\n"
      "  - {key: three, name: Three, parent: two}\n"
      "objectives: []\n");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("loop in the organisation tree"), std::string::npos)
      << r.error().message;
  EXPECT_EQ(testing::dump(f.db.path()), before);
}

TEST(Import, ReimportingAOneTeamExportKeepsTheTeamWhereItIs) {
  Fixture f;
  ASSERT_TRUE(f.import_text(testing::read_text(testing::example_path())).ok());
  auto exported = f.app.export_okrs("2027-Q1", std::string("booking"));
  ASSERT_TRUE(exported.ok());
  auto again = f.import_text(formats::write_okr_yaml(*exported));
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->updated, 0);
  auto tx = f.store->begin(Store::Mode::read);
  EXPECT_EQ(tx->find_team_by_key("booking")->parent_id, tx->find_team_by_key("acme-product")->id);
}

TEST(Import, ChangedTitleUpdatesInPlace) {
  Fixture f;
  std::string text = testing::read_text(testing::example_path());
  ASSERT_TRUE(f.import_text(text).ok());
  auto before = f.store->begin(Store::Mode::read)
                    ->find_objective_by_key("booking-2027q1-effortless-rebooking");
  std::string changed = text;
  const std::string old_title = "Make rebooking the obvious next step after every visit";
  changed.replace(changed.find(old_title), old_title.size(),
                  "Make rebooking the natural next step after every visit");
  auto result = f.import_text(changed);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->updated, 1);
  EXPECT_EQ(result->created, 0);
  auto after = f.store->begin(Store::Mode::read)
                   ->find_objective_by_key("booking-2027q1-effortless-rebooking");
  EXPECT_EQ(after->id, before->id);
  EXPECT_EQ(after->version, before->version + 1);
  EXPECT_EQ(after->title, "Make rebooking the natural next step after every visit");
}

struct BadCase {
  const char* name;
  const char* yaml;
  int line;
  const char* words;  // expected in the message
};

void PrintTo(const BadCase& c, std::ostream* os) {
  *os << c.name;
}

class BadYaml : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadYaml, NamesTheLineAndLeavesTheDatabaseUnchanged) {
  Fixture f;
  ASSERT_TRUE(f.import_text(testing::read_text(testing::example_path())).ok());
  auto before = testing::dump(f.db.path());
  auto r = f.import_text(GetParam().yaml);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().line, GetParam().line) << r.error().message;
  EXPECT_GT(r.error().column, 0);
  EXPECT_NE(r.error().message.find(GetParam().words), std::string::npos) << r.error().message;
  EXPECT_EQ(testing::dump(f.db.path()), before);
}

INSTANTIATE_TEST_SUITE_P(
    Errors, BadYaml,
    ::testing::Values(
        BadCase{"syntax", "cycle: 2027-Q1\nobjectives:\n  - key: a\n    title: [unclosed\n", 5,
                "YAML syntax"},
        BadCase{"wrong_type",
                "cycle: 2027-Q1\nobjectives:\n  - key: x\n    team: booking\n    title: T\n"
                "    key_results:\n      - key: y\n        title: Y\n        start: lots\n"
                "        target: 3\n",
                9, "start must be a finite number"},
        BadCase{"unknown_team",
                "cycle: 2027-Q1\nobjectives:\n  - key: x\n    team: nowhere\n    title: T\n", 4,
                "team 'nowhere' does not exist"},
        BadCase{"unknown_parent",
                "cycle: 2027-Q1\nobjectives:\n  - key: x\n    team: booking\n    title: T\n"
                "    aligns_to: missing-objective\n",
                6, "'missing-objective'"},
        BadCase{"unknown_field",
                "cycle: 2027-Q1\nobjectives:\n  - key: x\n    team: booking\n    titel: T\n", 5,
                "unknown field 'titel'"},
        BadCase{"target_equals_start",
                "cycle: 2027-Q1\nobjectives:\n  - key: x\n    team: booking\n    title: T\n"
                "    key_results:\n      - key: y\n        title: Y\n        start: 5\n"
                "        target: 5\n",
                10, "target must differ from start"},
        BadCase{"zero_weight",
                "cycle: 2027-Q1\nobjectives:\n  - key: x\n    team: booking\n    title: T\n"
                "    key_results:\n      - key: y\n        title: Y\n        start: 1\n"
                "        target: 5\n        weight: 0\n",
                11, "weight must be greater than 0"},
        BadCase{"end_before_start", "cycle: launch\nstart: 2027-03-01\nend: 2027-02-01\n", 3,
                "end must not be before its start"},
        // The first objective is fine; the second fails: nothing of the first may remain.
        BadCase{"fails_late",
                "cycle: 2027-Q2\nobjectives:\n  - key: fine\n    team: booking\n    title: Fine\n"
                "  - key: broken\n    team: booking\n    title: Broken\n    owner: not-an-email\n",
                9, "not an e-mail address"},
        BadCase{"key_from_other_cycle",
                "cycle: 2027-Q2\nobjectives:\n  - key: booking-2027q1-effortless-rebooking\n"
                "    team: booking\n    title: Again\n",
                3, "already used in cycle 2027-Q1"},
        // Two teams sharing each other's objectives may align sideways, but not in a circle.
        BadCase{"alignment_loop",
                "cycle: 2027-Q1\nobjectives:\n  - key: design-2027q1-first-booking\n"
                "    team: acme-design\n"
                "    title: Make a first booking feel like it took no effort at all\n"
                "    contributors: [booking]\n"
                "    aligns_to: booking-2027q1-effortless-rebooking\n"
                "  - key: booking-2027q1-effortless-rebooking\n    team: booking\n"
                "    title: Make rebooking the obvious next step after every visit\n"
                "    contributors: [acme-design]\n"
                "    aligns_to: design-2027q1-first-booking\n",
                12, "loop"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(CheckIn, RecordsValueAndMovesTheScore) {
  Fixture f;
  ASSERT_TRUE(f.import_text(testing::read_text(testing::example_path())).ok());
  auto c =
      f.app.check_in({"booking-2027q1-rebook-rate", 24, 0.6, "receipt button live", {}}, f.actor);
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->at, testing::fixed_now());
  auto status = f.app.cycle_status(std::string("2027-Q1"), std::string("booking"));
  ASSERT_TRUE(status.ok());
  ASSERT_EQ(status->teams.size(), 1u);
  const auto& o = status->teams[0].objectives.at(0);
  // rebook (18→30) at 24 scores 0.5 with weight 1; the two others score 0 (weights 1 and 2).
  EXPECT_NEAR(o.key_results[0].score, 0.5, 1e-9);
  EXPECT_NEAR(o.score, 0.5 / 4, 1e-9);
  EXPECT_EQ(o.band, Band::red);
  EXPECT_EQ(testing::count_rows(f.db.path(), "audit_events") > 0, true);
}

TEST(CheckIn, BadInputIsRefusedAndNothingIsStored) {
  Fixture f;
  ASSERT_TRUE(f.import_text(testing::read_text(testing::example_path())).ok());
  auto before = testing::dump(f.db.path());
  auto bad_confidence = f.app.check_in({"booking-2027q1-rebook-rate", 24, 1.5, "", {}}, f.actor);
  ASSERT_FALSE(bad_confidence.ok());
  EXPECT_EQ(bad_confidence.error().field, "confidence");
  auto unknown = f.app.check_in({"no-such-kr", 1, std::nullopt, "", {}}, f.actor);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::not_found);
  auto boolean = f.app.check_in({"payments-2027q1-eu-sca", 0.5, std::nullopt, "", {}}, f.actor);
  ASSERT_FALSE(boolean.ok());
  EXPECT_EQ(boolean.error().field, "value");
  EXPECT_EQ(testing::dump(f.db.path()), before);
}

TEST(Status, DefaultCycleIsTheOneContainingToday) {
  Fixture f;
  ASSERT_TRUE(f.import_text("cycle: 2026-Q4\nteams:\n  - {key: solo, name: Solo}\n").ok());
  ASSERT_TRUE(f.import_text(testing::read_text(testing::example_path())).ok());
  ASSERT_TRUE(f.import_text("cycle: 2027-Q2\n").ok());
  auto c = f.app.resolve_cycle(std::nullopt);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->name, "2027-Q1");  // the fixed clock is 2027-02-15
}

TEST(Demo, CreatesAGradedAndACurrentCycle) {
  TempDb db;
  auto store = std::move(open_store(db.path())).value();
  app::App app(*store, testing::fixed_now);
  int steps = 0;
  auto demo = app.create_demo([&](int, int, const std::string&) { ++steps; });
  ASSERT_TRUE(demo.ok()) << demo.error().message;
  EXPECT_GT(steps, 3);
  auto current = app.cycle_status(std::nullopt, std::nullopt);
  ASSERT_TRUE(current.ok());
  EXPECT_EQ(current->cycle.name, "2027-Q1");
  EXPECT_EQ(current->cycle.state, CycleState::active);
  EXPECT_GE(current->teams.size(), 6u);
  EXPECT_GT(current->score, 0.05);
  auto previous = app.cycle_status(std::string("2026-Q4"), std::nullopt);
  ASSERT_TRUE(previous.ok());
  EXPECT_EQ(previous->cycle.state, CycleState::closed);
  int flagged = 0, reviewed = 0;
  for (const auto& t : previous->teams)
    for (const auto& o : t.objectives) {
      flagged += !o.flags.empty();
      reviewed += o.reviewed;
    }
  EXPECT_GT(flagged, 0);
  EXPECT_EQ(reviewed, 6);
  // A second demo into the same database is refused and changes nothing.
  auto before = testing::dump(db.path());
  EXPECT_FALSE(app.create_demo().ok());
  EXPECT_EQ(testing::dump(db.path()), before);
}

}  // namespace
}  // namespace okr
