// The sprint-to-outcome report on a small fixture whose numbers are checked by hand.
#include "app/sprint_report.h"

#include <gtest/gtest.h>

#include "formats/csv.h"
#include "formats/sprint_report.h"
#include "test_db.h"

namespace okr {
namespace {

struct SprintReportTest : ::testing::Test {
  testing::TempDb db;
  std::unique_ptr<Store> store = std::move(open_store(db.path())).value();
  app::App app{*store, testing::fixed_now};
  Id sprint_id = 0;

  void SetUp() override {
    auto parsed = formats::parse_okr_yaml(testing::read_text(testing::example_path()));
    ASSERT_TRUE(app.import_okrs(*parsed, app::Actor::local_operator()).ok());
    auto tx = store->begin();
    Id booking = tx->find_team_by_key("booking")->id;
    auto kr = [&](const char* key) { return tx->find_key_result_by_key(key)->id; };
    Id rebook = kr("booking-2027q1-rebook-rate");    // 18 → 30
    Id no_show = kr("booking-2027q1-no-show-rate");  // 11 → 7
    Id payout = kr("payments-2027q1-payout-days");   // 3 → 1, another team's
    auto at = [](const char* t) { return *parse_instant(t); };
    for (auto [k, v, t] : {std::tuple{rebook, 21.0, "2027-01-20T10:00:00Z"},
                           {rebook, 22.0, "2027-01-31T23:00:00Z"},  // the value at the start
                           {rebook, 25.0, "2027-02-10T10:00:00Z"},
                           {rebook, 27.0, "2027-02-14T23:59:00Z"},  // the value at the end
                           {rebook, 29.0, "2027-02-15T08:00:00Z"},  // after the sprint
                           {no_show, 10.0, "2027-02-05T10:00:00Z"},
                           {payout, 2.5, "2027-01-15T10:00:00Z"}})
      tx->add_check_in({0, k, v, 0.7, "", std::nullopt, at(t)});
    sprint_id = tx->create_sprint(
        {0, booking, "Booking 3", *parse_date("2027-02-01"), *parse_date("2027-02-14"), 0});
    Id other = tx->create_sprint(
        {0, booking, "Booking 4", *parse_date("2027-02-15"), *parse_date("2027-02-28"), 0});
    using S = InitiativeStatus;
    auto add = [&](const char* key, const char* title, Id sprint, S status, std::vector<Id> krs) {
      Initiative i;
      i.key = key;
      i.title = title;
      i.team_id = booking;
      i.sprint_id = sprint;
      i.status = status;
      i.key_result_ids = std::move(krs);
      tx->create_initiative(i);
    };
    add("BOOK-1", "One-tap rebooking from the reminder", sprint_id, S::done, {rebook, no_show});
    add("BOOK-2", "Rebook suggestions", sprint_id, S::done, {rebook});
    add("BOOK-3", "Card on file at booking", sprint_id, S::done, {payout});
    add("BOOK-4", "Upgrade the date library", sprint_id, S::done, {});
    add("BOOK-5", "Waitlist notifications", sprint_id, S::in_progress, {rebook});
    add("BOOK-6", "=1+1 shipped", sprint_id, S::done, {});
    add("BOOK-7", "Next sprint's work", other, S::done, {rebook});
    tx->commit();
  }
};

TEST_F(SprintReportTest, NumbersCheckedByHand) {
  auto r = app::sprint_report(app, sprint_id);
  ASSERT_TRUE(r.ok()) << r.error().message;
  // Done: BOOK-1, 2, 3, 4, 6; linked: 1, 2, 3 → 3 of 5 = 0.6.
  EXPECT_EQ(r->done, 5);
  EXPECT_EQ(r->linked_done, 3);
  EXPECT_DOUBLE_EQ(r->linked_share, 0.6);
  ASSERT_EQ(r->objectives.size(), 2u);

  const auto& booking = r->objectives[0];
  EXPECT_EQ(booking.objective.key, "booking-2027q1-effortless-rebooking");
  EXPECT_EQ(booking.team_key, "booking");
  ASSERT_EQ(booking.key_results.size(), 2u);
  const auto& no_show = booking.key_results[0];
  EXPECT_EQ(no_show.key_result.key, "booking-2027q1-no-show-rate");
  EXPECT_FALSE(no_show.value_at_start);  // nothing before 1 February: the baseline, 11
  EXPECT_DOUBLE_EQ(no_show.score_at_start, 0);
  EXPECT_DOUBLE_EQ(*no_show.value_at_end, 10);
  EXPECT_DOUBLE_EQ(no_show.score_at_end, 0.25);  // (10 − 11) / (7 − 11)
  ASSERT_EQ(no_show.done.size(), 1u);
  EXPECT_EQ(no_show.done[0].key, "BOOK-1");

  const auto& rebook = booking.key_results[1];
  EXPECT_EQ(rebook.key_result.key, "booking-2027q1-rebook-rate");
  EXPECT_DOUBLE_EQ(*rebook.value_at_start, 22);       // 31 January 23:00
  EXPECT_DOUBLE_EQ(rebook.score_at_start, 4.0 / 12);  // (22 − 18) / (30 − 18)
  EXPECT_DOUBLE_EQ(*rebook.value_at_end, 27);         // 14 February 23:59, not the 15th
  EXPECT_DOUBLE_EQ(rebook.score_at_end, 0.75);        // (27 − 18) / 12
  ASSERT_EQ(rebook.done.size(), 2u);                  // BOOK-5 is not done, BOOK-7 elsewhere
  EXPECT_EQ(rebook.done[1].key, "BOOK-2");

  const auto& payments = r->objectives[1];
  EXPECT_EQ(payments.team_key, "payments");  // work serving another team's outcome
  ASSERT_EQ(payments.key_results.size(), 1u);
  EXPECT_DOUBLE_EQ(payments.key_results[0].score_at_start, 0.25);  // (2.5 − 3) / (1 − 3)
  EXPECT_DOUBLE_EQ(payments.key_results[0].score_at_end, 0.25);

  ASSERT_EQ(r->unlinked_done.size(), 2u);
  EXPECT_EQ(r->unlinked_done[0].key, "BOOK-4");
  EXPECT_EQ(r->unlinked_done[1].key, "BOOK-6");
  ASSERT_EQ(r->not_done.size(), 1u);
  EXPECT_EQ(r->not_done[0].key, "BOOK-5");
}

TEST_F(SprintReportTest, DocumentsSayTheSameAndCsvEscapesFormulas) {
  auto r = app::sprint_report(app, sprint_id);
  ASSERT_TRUE(r.ok());
  auto md = formats::to_markdown(*r);
  EXPECT_NE(md.find("3 of 5 finished work items (60 %) serve a key result"), std::string::npos);
  EXPECT_NE(md.find("Moved from 22% to 27% over the sprint (score 0.3 → 0.8)"), std::string::npos);
  EXPECT_NE(md.find("Moved from 11% (baseline) to 10%"), std::string::npos);

  auto csv = formats::to_csv(*r);
  auto table = formats::csv::read(csv);
  ASSERT_TRUE(table.ok());
  // One row per finished item and key result it serves (4), and per unlinked item (2).
  EXPECT_EQ(table->records.size(), 6u);
  EXPECT_NE(csv.find("'=1+1 shipped"), std::string::npos);
  EXPECT_EQ(csv.find(",=1+1"), std::string::npos);

  auto json = formats::to_json(*r);
  EXPECT_EQ(json.at("done").to_number<double>(), 5);
  EXPECT_DOUBLE_EQ(json.at("linked_share").to_number<double>(), 0.6);
}

TEST_F(SprintReportTest, SprintsAreFoundByNameOrId) {
  EXPECT_EQ(app::find_sprint(app, "Booking 3", std::nullopt)->id, sprint_id);
  EXPECT_EQ(app::find_sprint(app, std::to_string(sprint_id), "booking")->id, sprint_id);
  EXPECT_EQ(app::find_sprint(app, "Booking 9", "booking").error().code, ErrorCode::not_found);
  EXPECT_EQ(app::find_sprint(app, "Booking 3", "payments").error().code, ErrorCode::not_found);
  EXPECT_EQ(app::sprint_report(app, 999).error().code, ErrorCode::not_found);
}

}  // namespace
}  // namespace okr
