// Alignment across teams and functions on a real database, with the example
// organisation: aligning to one key result, sideways alignment, key results scored by
// the objectives aligned to them, leading and lagging key results and the coach's
// warning, dependencies between teams, and a contributing team's own page.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "app/accounts.h"
#include "app/dependencies.h"
#include "app/grading.h"
#include "app/lint.h"
#include "app/okrs.h"
#include "app/resources.h"
#include "app/views.h"
#include "example_org.h"
#include "formats/okr_file.h"

namespace okr {
namespace {

struct CrossTeam : testing::ExampleOrg {
  app::Actor as(const std::string& email) {
    return app::Accounts(app).actor_for_email(email).value();
  }
  void check_in(const std::string& kr, double value) {
    auto c = app.check_in({kr, value, 0.7, "", std::nullopt}, root);
    ASSERT_TRUE(c.ok()) << c.error().message;
  }
  // The status of `key` as the whole cycle's status shows it.
  const ObjectiveStatus* status_of(const CycleStatus& s, const std::string& key) {
    for (const auto& t : s.teams)
      for (const auto& o : t.objectives)
        if (o.objective.key == key) return &o;
    return nullptr;
  }
  const KeyResultStatus* kr_status_of(const CycleStatus& s, const std::string& key) {
    for (const auto& t : s.teams)
      for (const auto& o : t.objectives)
        for (const auto& k : o.key_results)
          if (k.key_result.key == key) return &k;
    return nullptr;
  }
};

TEST_F(CrossTeam, AnObjectiveAlignsToOneKeyResultOfAnObjectiveAbove) {
  // The example's marketing objective serves the company's paying-locations key result.
  auto marketing = objective("marketing-2027q1-word-of-mouth");
  auto locations = key_result("acme-2027q1-paying-locations");
  EXPECT_EQ(marketing.parent_key_result_id, locations.id);
  EXPECT_EQ(marketing.parent_id, objective("acme-2027q1-no-empty-chairs").id);

  // Payments moves its objective under the company's retention key result: parent_id follows.
  auto payments = objective("payments-2027q1-get-paid-on-time");
  auto retention = key_result("acme-2027q1-net-revenue-retention");
  app::ObjectiveFields f;
  f.parent_key_result_id = std::optional<Id>(retention.id);
  auto moved = app::update_objective(app, payments.id, payments.version, f, root);
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  EXPECT_EQ(moved->parent_key_result_id, retention.id);
  EXPECT_EQ(moved->parent_id, retention.objective_id);
  auto status = app.cycle_status(std::nullopt, std::nullopt).value();
  EXPECT_EQ(status.key_result_keys.at(retention.id), retention.key);

  // Aligning to the whole objective again drops the key result.
  app::ObjectiveFields back;
  back.parent_id = std::optional<Id>(retention.objective_id);
  auto whole = app::update_objective(app, payments.id, moved->version, back, root);
  ASSERT_TRUE(whole.ok()) << whole.error().message;
  EXPECT_EQ(whole->parent_key_result_id, std::nullopt);
}

TEST_F(CrossTeam, AnObjectiveNamesOneParentNeverBoth) {
  auto payments = objective("payments-2027q1-get-paid-on-time");
  std::string before = testing::dump(db.path());
  app::ObjectiveFields f;
  f.parent_id = std::optional<Id>(objective("acme-2027q1-no-empty-chairs").id);
  f.parent_key_result_id = std::optional<Id>(key_result("acme-2027q1-paying-locations").id);
  auto r = app::update_objective(app, payments.id, payments.version, f, root);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "parent_key_result_id");
  EXPECT_NE(r.error().message.find("not both"), std::string::npos) << r.error().message;
  EXPECT_EQ(testing::dump(db.path()), before);

  // A YAML file saying both is refused at the line that says it.
  auto parsed = formats::parse_okr_yaml(
      "cycle: 2027-Q1\nobjectives:\n  - key: payments-2027q1-get-paid-on-time\n"
      "    team: payments\n    title: Let every business get paid the day it serves a customer\n"
      "    aligns_to: acme-2027q1-no-empty-chairs\n"
      "    aligns_to_key_result: acme-2027q1-paying-locations\n");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().field, "aligns_to_key_result");
  EXPECT_EQ(parsed.error().line, 7);
}

TEST_F(CrossTeam, AKeyResultOfATeamBelowOrBesideIsRefused) {
  auto company = objective("acme-2027q1-no-empty-chairs");
  app::ObjectiveFields f;
  f.parent_key_result_id = std::optional<Id>(key_result("booking-2027q1-rebook-rate").id);
  auto r = app::update_objective(app, company.id, company.version, f, root);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "parent_key_result_id");
  EXPECT_NE(r.error().message.find("belongs to a team below"), std::string::npos)
      << r.error().message;

  // Platform and payments are not above one another: sideways is refused…
  auto platform = objective("platform-2027q1-always-bookable");
  app::ObjectiveFields sideways;
  sideways.parent_id = std::optional<Id>(objective("payments-2027q1-get-paid-on-time").id);
  auto s = app::update_objective(app, platform.id, platform.version, sideways, root);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("which is not above team 'acme-platform'"), std::string::npos)
      << s.error().message;
  // …and so is a sibling objective of the same team.
  auto booking = objective("booking-2027q1-effortless-rebooking");
  Objective sibling;
  sibling.key = "booking-2027q1-sibling";
  sibling.cycle_id = booking.cycle_id;
  sibling.team_id = booking.team_id;
  sibling.title = "Rebooking works for every kind of visit";
  {
    auto tx = store->begin();
    sibling.id = tx->create_objective(sibling);
    tx->commit();
  }
  app::ObjectiveFields same;
  same.parent_id = std::optional<Id>(booking.id);
  auto t = app::update_objective(app, sibling.id, 1, same, root);
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.error().message.find("same team"), std::string::npos) << t.error().message;

  // Design contributes to booking's shared objective, so it may align to it from beside.
  EXPECT_EQ(objective("design-2027q1-first-booking").parent_id, booking.id);
}

TEST_F(CrossTeam, AKeyResultDrivenByItsAlignedObjectivesScoresTheirMean) {
  // Paying locations is scored by the objectives aligned to it: marketing's, and now
  // platform's too.
  auto locations = key_result("acme-2027q1-paying-locations");
  app::KeyResultFields driven;
  driven.driven_by_aligned = true;
  ASSERT_TRUE(app::update_key_result(app, locations.id, locations.version, driven, root).ok());
  auto platform = objective("platform-2027q1-always-bookable");
  app::ObjectiveFields f;
  f.parent_key_result_id = std::optional<Id>(locations.id);
  ASSERT_TRUE(app::update_objective(app, platform.id, platform.version, f, root).ok());

  check_in("marketing-2027q1-referral-signups", 140);    // 0.5
  check_in("marketing-2027q1-referral-revenue", 10500);  // 0.5
  check_in("platform-2027q1-availability", 99.97);       // 1.0
  check_in("platform-2027q1-p95-search", 560);           // 0.5
  // marketing 0.5, platform (1.0 + 0.5) / 2 = 0.75: the key result scores 0.625.
  auto status = app.cycle_status(std::nullopt, std::nullopt).value();
  const KeyResultStatus* k = kr_status_of(status, locations.key);
  ASSERT_NE(k, nullptr);
  EXPECT_DOUBLE_EQ(k->score, 0.625);
  EXPECT_EQ(k->source, ScoreSource::aligned);
  EXPECT_EQ(k->aligned_objectives, 2);
  EXPECT_FALSE(k->stale);
  // The company objective: retention (no check-in: 0) and 0.625, equal weights.
  EXPECT_DOUBLE_EQ(status_of(status, "acme-2027q1-no-empty-chairs")->score, 0.3125);

  // The company's own page reads only its rows and the objectives aligned to the key
  // result, and scores it the same.
  auto page = app::team_view(app, "2027-Q1", "acme", root);
  ASSERT_TRUE(page.ok()) << page.error().message;
  EXPECT_DOUBLE_EQ(kr_status_of((*page)->status, locations.key)->score, 0.625);
  // Marketing's own summary still names the key result it serves.
  auto marketing = app.cycle_status(std::nullopt, std::string("acme-marketing")).value();
  EXPECT_EQ(marketing.key_result_keys.at(locations.id), locations.key);

  // Nobody checks in on it: its aligned objectives move it.
  auto refused = app.check_in({locations.key, 4500, std::nullopt, "", std::nullopt}, root);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("scored by the objectives aligned to it"),
            std::string::npos)
      << refused.error().message;
  // A key result follows a KPI or its aligned objectives, not both.
  auto availability = key_result("platform-2027q1-availability");
  app::KeyResultFields both;
  both.driven_by_aligned = true;
  both.kpi_id = std::optional<Id>(std::nullopt);
  {
    auto tx = store->begin();
    Kpi kpi{0, "uptime", "Uptime", std::nullopt, "%", 99.9, 100, 99.5, 100, 0};
    both.kpi_id = std::optional<Id>(tx->create_kpi(kpi));
    tx->commit();
  }
  auto r = app::update_key_result(app, availability.id, availability.version, both, root);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "driven_by_aligned");
}

TEST_F(CrossTeam, AKeyResultWithObjectivesAlignedToItCannotMoveAway) {
  auto locations = key_result("acme-2027q1-paying-locations");
  app::KeyResultFields f;
  f.objective_id = objective("booking-2027q1-effortless-rebooking").id;
  auto r = app::update_key_result(app, locations.id, locations.version, f, root);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("marketing-2027q1-word-of-mouth"), std::string::npos)
      << r.error().message;
}

TEST_F(CrossTeam, TheCoachWarnsWhenEveryKeyResultIsLagging) {
  auto draft = [&](const std::string& second) {
    return formats::parse_okr_yaml(
               "cycle: draft\nobjectives:\n  - key: o\n    team: booking\n"
               "    title: Customers come back without being asked\n    owner: ana@acme.example\n"
               "    aligns_to: acme-2027q1-no-empty-chairs\n    key_results:\n"
               "      - {key: a, title: Raise renewals from 80% to 88%, metric: percent, start: "
               "80, "
               "target: 88, owner: ana@acme.example, indicator: lagging}\n"
               "      - {key: b, title: Raise weekly active accounts from 1200 to 1500, start: "
               "1200, target: 1500, owner: ana@acme.example, indicator: " +
               second + "}\n")
        .value();
  };
  auto rules_of = [&](const formats::OkrFile& f) {
    std::vector<std::string> out;
    auto findings = app::lint_draft(app, f, coach::Config{});
    EXPECT_TRUE(findings.ok());
    if (findings.ok())
      for (const auto& finding : *findings) out.push_back(finding.rule);
    return out;
  };
  auto lagging = rules_of(draft("lagging"));
  EXPECT_NE(std::find(lagging.begin(), lagging.end(), "kr-only-lagging"), lagging.end());
  auto leading = rules_of(draft("leading"));
  EXPECT_EQ(std::find(leading.begin(), leading.end(), "kr-only-lagging"), leading.end());
  // Tags round-trip through the store and the file format.
  EXPECT_EQ(key_result("booking-2027q1-rebook-rate").indicator, Indicator::leading);
  auto exported = app.export_okrs("2027-Q1", std::nullopt).value();
  std::string yaml = formats::write_okr_yaml(exported);
  EXPECT_NE(yaml.find("indicator: leading"), std::string::npos);
  EXPECT_NE(yaml.find("aligns_to_key_result: acme-2027q1-paying-locations"), std::string::npos);
  auto again = app.import_okrs(formats::parse_okr_yaml(yaml).value(), root);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->created + again->updated, 0);
}

TEST_F(CrossTeam, ADependencyIsARiskUntilTheOtherTeamConfirmsIt) {
  const auto dara = as("dara@acme.example");  // leads payments
  const auto femi = as("femi@acme.example");  // leads platform
  const auto card = key_result("payments-2027q1-card-on-file");
  // Platform cannot declare what payments' key result needs.
  auto refused = app::ask_dependency(app, card.key, "acme-platform", "", femi);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::forbidden);
  // A team does not depend on itself.
  auto self = app::ask_dependency(app, card.key, "payments", "", dara);
  ASSERT_FALSE(self.ok());
  EXPECT_EQ(self.error().field, "team");

  auto asked = app::ask_dependency(app, card.key, "acme-platform", "card vault API by March", dara);
  ASSERT_TRUE(asked.ok()) << asked.error().message;
  EXPECT_EQ(asked->dependency.state, DependencyState::pending);
  auto twice = app::ask_dependency(app, card.key, "acme-platform", "", dara);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::conflict);

  // The same on the team's summary (its rows only) and the whole cycle's.
  auto risk = [&] {
    auto team = app.cycle_status(std::nullopt, std::string("payments")).value();
    auto all = app.cycle_status(std::nullopt, std::nullopt).value();
    EXPECT_EQ(kr_status_of(team, card.key)->unconfirmed_dependencies,
              kr_status_of(all, card.key)->unconfirmed_dependencies);
    EXPECT_EQ(kr_status_of(all, card.key)->dependencies.size(), 1u);
    return kr_status_of(team, card.key)->unconfirmed_dependencies;
  };
  EXPECT_EQ(risk(), 1);
  // Platform's page lists what is asked of it; payments cannot answer for platform.
  auto page = app::team_view(app, "2027-Q1", "acme-platform", femi).value();
  ASSERT_EQ(page->asked_of.size(), 1u);
  EXPECT_EQ(page->asked_of[0].asking_team, "payments");
  const Id id = asked->dependency.id;
  auto wrong = app::answer_dependency(app, id, std::nullopt, DependencyState::confirmed, "", dara);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, ErrorCode::forbidden);

  auto declined = app::answer_dependency(app, id, std::nullopt, DependencyState::declined,
                                         "not this quarter", femi);
  ASSERT_TRUE(declined.ok()) << declined.error().message;
  EXPECT_EQ(risk(), 1);  // declined is still a risk
  auto stale = app::answer_dependency(app, id, 1, DependencyState::confirmed, "", femi);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::conflict);
  auto confirmed =
      app::answer_dependency(app, id, 2, DependencyState::confirmed, "sprint 14", femi);
  ASSERT_TRUE(confirmed.ok()) << confirmed.error().message;
  EXPECT_EQ(risk(), 0);
  auto listed = app::list_dependencies(
      app, {std::nullopt, std::string("acme-platform"), std::nullopt, DependencyState::confirmed});
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].dependency.answer, "sprint 14");

  // Withdrawn by the asking team only.
  EXPECT_FALSE(app::withdraw_dependency(app, id, std::nullopt, femi).ok());
  ASSERT_TRUE(app::withdraw_dependency(app, id, std::nullopt, dara).ok());
  EXPECT_TRUE(app::list_dependencies(app, {}).value().empty());
}

TEST_F(CrossTeam, AContributingTeamSeesTheSharedObjectiveOnItsOwnPage) {
  // Design contributes to booking's objective; the company's is shared by product and marketing.
  auto design = app::team_view(app, "2027-Q1", "acme-design", root).value();
  ASSERT_EQ(design->contributes_to.size(), 1u);
  EXPECT_EQ(design->contributes_to[0].objective.key, "booking-2027q1-effortless-rebooking");
  EXPECT_EQ(design->contributes_to[0].team_key, "booking");
  check_in("booking-2027q1-rebook-rate", 24);  // 0.5 of the first key result
  auto again = app::team_view(app, "2027-Q1", "acme-design", root).value();
  auto booking = app::team_view(app, "2027-Q1", "booking", root).value();
  EXPECT_DOUBLE_EQ(again->contributes_to[0].score,
                   booking->status.teams.front().objectives.front().score);
  EXPECT_GT(again->contributes_to[0].score, 0);
  auto marketing = app::team_view(app, "2027-Q1", "acme-marketing", root).value();
  ASSERT_EQ(marketing->contributes_to.size(), 1u);
  EXPECT_EQ(marketing->contributes_to[0].objective.key, "acme-2027q1-no-empty-chairs");
  // A team's summary names every contributing team, also those outside its subtree.
  auto s = app.cycle_status(std::nullopt, std::string("booking")).value();
  EXPECT_EQ(s.team_keys.at(design->team.id), "acme-design");
}

TEST_F(CrossTeam, PagesAgreeOnADrivenKeyResult) {
  auto locations = key_result("acme-2027q1-paying-locations");
  app::KeyResultFields driven;
  driven.driven_by_aligned = true;
  ASSERT_TRUE(app::update_key_result(app, locations.id, locations.version, driven, root).ok());
  check_in("marketing-2027q1-referral-signups", 140);  // marketing scores 0.25
  // The company's page counts the objectives aligned to each key result as the whole
  // cycle does, and offers no check-in on the driven one.
  auto all = app.cycle_status(std::nullopt, std::nullopt).value();
  auto page = app::team_view(app, "2027-Q1", "acme", root).value();
  EXPECT_EQ(kr_status_of(page->status, locations.key)->aligned_objectives, 1);
  EXPECT_EQ(kr_status_of(all, locations.key)->aligned_objectives, 1);
  EXPECT_EQ(page.rights.check_in.count(locations.id), 0u);
  EXPECT_EQ(page.rights.check_in.count(key_result("acme-2027q1-net-revenue-retention").id), 1u);
  // The objective page's history ends where the score is.
  auto view = app::objective_view(app, "acme-2027q1-no-empty-chairs", root).value();
  ASSERT_FALSE(view.history.at(locations.id).empty());
  EXPECT_DOUBLE_EQ(view.history.at(locations.id).back().score, 0.25);
  EXPECT_DOUBLE_EQ(view.objective_history.back().score,
                   view.status.teams.front().objectives.front().score);
}

TEST_F(CrossTeam, AnAlignmentMadeUnderOlderRulesStaysEditable) {
  // Platform's objective aligned sideways to payments', as older versions allowed.
  auto platform = objective("platform-2027q1-always-bookable");
  platform.parent_id = objective("payments-2027q1-get-paid-on-time").id;
  {
    auto tx = store->begin();
    platform.version = tx->update_objective(platform);
    tx->commit();
  }
  app::ObjectiveFields title;
  title.title = "Be there whenever a customer wants to book, day or night";
  auto r = app::update_objective(app, platform.id, platform.version, title, root);
  ASSERT_TRUE(r.ok()) << r.error().message;
  auto exported = app.export_okrs("2027-Q1", std::nullopt).value();
  auto again = app.import_okrs(exported, root);
  EXPECT_TRUE(again.ok()) << again.error().message;
  // Aligning it anew follows today's rules.
  app::ObjectiveFields sideways;
  sideways.parent_id = std::optional<Id>(objective("booking-2027q1-effortless-rebooking").id);
  EXPECT_FALSE(app::update_objective(app, platform.id, r->version, sideways, root).ok());
}

TEST_F(CrossTeam, AnImportDoesNotMoveAKeyResultObjectivesAlignTo) {
  std::string before = testing::dump(db.path());
  auto parsed = formats::parse_okr_yaml(
      "cycle: 2027-Q1\nobjectives:\n  - key: payments-2027q1-get-paid-on-time\n"
      "    team: payments\n    title: Let every business get paid the day it serves a customer\n"
      "    key_results:\n      - key: acme-2027q1-paying-locations\n"
      "        title: Grow paying locations from 4,100 to 5,000\n        start: 4100\n"
      "        target: 5000\n");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  auto r = app.import_okrs(*parsed, root);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("marketing-2027q1-word-of-mouth"), std::string::npos)
      << r.error().message;
  EXPECT_EQ(r.error().line, 7);
  EXPECT_EQ(testing::dump(db.path()), before);
}

TEST_F(CrossTeam, CarryingOverDropsTheAlignmentToAKeyResult) {
  auto graded = app::move_cycle(app, "2027-Q1", CycleState::grading, root);  // from active
  ASSERT_TRUE(graded.ok()) << graded.error().message;
  {
    auto tx = store->begin();
    Cycle next{
        0, "2027-Q2", *parse_date("2027-04-01"), *parse_date("2027-06-30"), CycleState::planning,
        0};
    tx->create_cycle(next);
    tx->commit();
  }
  auto carried =
      app::carry_over(app, {"2027-Q1", "2027-Q2", {"marketing-2027q1-word-of-mouth"}}, root);
  ASSERT_TRUE(carried.ok()) << carried.error().message;
  EXPECT_EQ(carried->front().to.parent_id, std::nullopt);
  EXPECT_EQ(carried->front().to.parent_key_result_id, std::nullopt);
  auto stored = objective(carried->front().to.key);
  EXPECT_EQ(stored.parent_key_result_id, std::nullopt);
}

}  // namespace
}  // namespace okr

namespace okr {
namespace {

// A team's page is shared between readers until something is written, by this
// server or by another process on the same database (here a second store and App,
// as `okr checkin` beside `okr serve`); each reader keeps their own rights.
TEST_F(CrossTeam, ASharedTeamPageFollowsWritesFromAnotherProcess) {
  const auto kr = key_result("booking-2027q1-rebook-rate");
  auto first = app::team_view(app, "2027-Q1", "booking", root).value();
  auto second = app::team_view(app, "2027-Q1", "booking", root).value();
  EXPECT_EQ(first.page, second.page) << "nothing changed: the page is shared";
  EXPECT_FALSE(kr_status_of(first->status, kr.key)->latest);

  auto other_store = std::move(open_store(db.path())).value();
  app::App other{*other_store, testing::fixed_now};
  ASSERT_TRUE(other.check_in({kr.key, 24, 0.7, "", std::nullopt}, root).ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(5));  // seen within a millisecond
  auto after = app::team_view(app, "2027-Q1", "booking", root).value();
  EXPECT_NE(after.page, first.page);
  ASSERT_TRUE(kr_status_of(after->status, kr.key)->latest);
  EXPECT_DOUBLE_EQ(kr_status_of(after->status, kr.key)->latest->value, 24);

  // A viewer reading the same shared page gets no right to edit or check in.
  app::Actor viewer{std::optional<Id>(1), false, {}};
  auto read_only = app::team_view(app, "2027-Q1", "booking", viewer).value();
  EXPECT_EQ(read_only.page, after.page);
  EXPECT_FALSE(read_only.rights.edit);
  EXPECT_TRUE(read_only.rights.check_in.empty());
  EXPECT_TRUE(after.rights.edit);
  EXPECT_TRUE(after.rights.check_in.count(kr.id));
}

// Readers asking at once for a document nobody has computed yet share one
// computation: a department's summary asked by many at the same moment is made once,
// not once per reader.
TEST_F(CrossTeam, ReadersAskingAtOnceShareOneComputation) {
  // The fixture's writes seen (the store looks for other connections' commits at
  // most once a millisecond), so that nothing changes while the readers read.
  store->generation();
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  store->generation();
  constexpr int kReaders = 8;
  std::vector<std::shared_ptr<const app::SharedStatus>> got(kReaders);
  std::atomic<int> ready = 0;
  std::vector<std::thread> readers;
  for (int i = 0; i < kReaders; ++i)
    readers.emplace_back([&, i] {
      ++ready;
      while (ready < kReaders) std::this_thread::yield();
      got[i] = app::team_summary(app, "2027-Q1", "acme").value();
    });
  for (auto& r : readers) r.join();
  for (const auto& g : got) EXPECT_EQ(g, got.front()) << "one computation, shared";
  EXPECT_FALSE(got.front()->status.teams.empty());
}

}  // namespace
}  // namespace okr
