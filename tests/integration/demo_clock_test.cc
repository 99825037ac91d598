// The demo is dated relative to its clock: whatever the hour, none of its check-ins
// lies in the future, so a check-in made right after it is the current value.
#include <gtest/gtest.h>

#include "app/okrs.h"
#include "test_db.h"

namespace okr {
namespace {

TEST(DemoClock, NoCheckInIsDatedAfterNowEvenEarlyOnACheckInDay) {
  // 2026-12-02 is the 63rd day of 2026-Q4, a weekly check-in day of the demo.
  testing::TempDb db;
  auto store = std::move(open_store(db.path())).value();
  const Instant now = *parse_instant("2026-12-02T00:30:00Z");
  app::App app(*store, [now] { return now; });
  ASSERT_TRUE(app.create_demo().ok());
  auto tx = store->begin(Store::Mode::read);
  auto cycle = tx->find_cycle_by_name("2026-Q4");
  ASSERT_TRUE(cycle);
  int today = 0;
  for (const auto& [kr, c] : tx->latest_check_ins(cycle->id)) {
    EXPECT_LE(c.at, now) << "key result " << kr << " has a check-in at " << format_instant(c.at);
    if (date_of(c.at) == date_of(now)) ++today;
  }
  EXPECT_GT(today, 0);  // the day's check-ins are still there
}

}  // namespace
}  // namespace okr
