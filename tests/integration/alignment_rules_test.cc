// The one-parent alignment rules on a real database: a parent in another cycle or in a
// team below is refused clearly and changes nothing; status and alignment show the
// contributing teams, orphans by name and each function's share.
#include <gtest/gtest.h>

#include "app/cycle_alignment.h"
#include "app/okrs.h"
#include "example_org.h"
#include "formats/json_model.h"

namespace okr {
namespace {

using AlignmentRules = testing::ExampleOrg;

TEST_F(AlignmentRules, AParentInAnotherCycleIsRefusedAndNothingChanges) {
  Id other = 0;
  {
    auto tx = store->begin();
    Cycle c{0, "2026-Q4", *parse_date("2026-10-01"), *parse_date("2026-12-31"), CycleState::closed,
            0};
    c.id = tx->create_cycle(c);
    Objective o;
    o.key = "acme-2026q4-old";
    o.cycle_id = c.id;
    o.team_id = tx->find_team_by_key("acme")->id;
    o.title = "Be the booking tool salons trust";
    other = tx->create_objective(o);
    tx->commit();
  }
  auto child = objective("booking-2027q1-effortless-rebooking");
  std::string before = testing::dump(db.path());
  app::ObjectiveFields f;
  f.parent_id = std::optional<Id>(other);
  auto r = app::update_objective(app, child.id, child.version, f, root);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "parent_id");
  EXPECT_NE(r.error().message.find("is in cycle 2026-Q4, not 2027-Q1"), std::string::npos)
      << r.error().message;
  EXPECT_EQ(testing::dump(db.path()), before);
}

TEST_F(AlignmentRules, AParentOfATeamBelowIsRefused) {
  // The company objective may not align to a booking objective: booking is below acme.
  auto company = objective("acme-2027q1-no-empty-chairs");
  auto booking = objective("booking-2027q1-effortless-rebooking");
  app::ObjectiveFields f;
  f.parent_id = std::optional<Id>(booking.id);
  auto r = app::update_objective(app, company.id, company.version, f, root);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("belongs to a team below"), std::string::npos)
      << r.error().message;
}

TEST_F(AlignmentRules, AFileAligningToATeamBelowIsRefusedWhole) {
  std::string before = testing::dump(db.path());
  // A new company objective aligned to design's, a team below the company.
  auto parsed = formats::parse_okr_yaml(
      "cycle: 2027-Q1\nobjectives:\n  - key: acme-2027q1-extra\n    team: acme\n"
      "    title: Make every salon's first week with us effortless\n"
      "    aligns_to: design-2027q1-first-booking\n");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  auto r = app.import_okrs(*parsed, root);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "aligns_to");
  EXPECT_NE(r.error().message.find("belongs to a team below"), std::string::npos)
      << r.error().message;
  EXPECT_EQ(r.error().line, 6);
  EXPECT_EQ(testing::dump(db.path()), before);
}

TEST_F(AlignmentRules, ALoopIsRefused) {
  auto company = objective("acme-2027q1-no-empty-chairs");
  auto booking = objective("booking-2027q1-effortless-rebooking");
  ASSERT_EQ(booking.parent_id, company.id);
  // Booking's objective cannot become the parent of its own parent, whatever the teams.
  app::ObjectiveFields f;
  f.parent_id = std::optional<Id>(booking.id);
  EXPECT_FALSE(app::update_objective(app, company.id, company.version, f, root).ok());
}

TEST_F(AlignmentRules, TheCycleAlignmentNamesOrphansAndShares) {
  auto a = app::cycle_alignment(app, std::nullopt);
  ASSERT_TRUE(a.ok()) << a.error().message;
  EXPECT_EQ(a->cycle.name, "2027-Q1");
  ASSERT_FALSE(a->report.company_objectives.empty());
  EXPECT_EQ(a->report.company_objectives[0].key, "acme-2027q1-no-empty-chairs");
  // Every function of the example serves the company objective or is counted unaligned.
  for (const auto& f : a->report.functions) {
    int aligned = 0;
    for (const auto& [id, n] : f.aligned) aligned += n;
    EXPECT_EQ(aligned + f.unaligned, f.objectives) << f.function;
  }
  auto json = formats::to_json(app.cycle_status(std::nullopt, std::nullopt).value());
  for (const auto& t : json.at("teams").as_array())
    for (const auto& o : t.at("objectives").as_array())
      EXPECT_TRUE(o.as_object().contains("contributing_teams"));
}

}  // namespace
}  // namespace okr
