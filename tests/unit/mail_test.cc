// E-mail's pure rules: times of day, and when quiet hours hold a message back.
#include "core/mail.h"

#include <gtest/gtest.h>

namespace okr {
namespace {

TEST(Mail, TimesOfDayAreReadAndWrittenAsHoursAndMinutes) {
  EXPECT_EQ(parse_minute_of_day("00:00"), 0);
  EXPECT_EQ(parse_minute_of_day("22:30"), 22 * 60 + 30);
  EXPECT_EQ(parse_minute_of_day("23:59"), 1439);
  for (const char* bad : {"24:00", "7:00", "07:60", "07-00", "", "07:00 ", "ab:cd"})
    EXPECT_FALSE(parse_minute_of_day(bad)) << bad;
  EXPECT_EQ(format_minute_of_day(0), "00:00");
  EXPECT_EQ(format_minute_of_day(22 * 60 + 5), "22:05");
}

TEST(Mail, QuietHoursHoldAMessageUntilTheyEndEvenAcrossMidnight) {
  PersonSettings s;
  EXPECT_EQ(minutes_until_quiet_ends(s, 3 * 60), 0);  // none set
  s.quiet_start = 22 * 60;
  s.quiet_end = 7 * 60;
  EXPECT_EQ(minutes_until_quiet_ends(s, 23 * 60), 8 * 60);
  EXPECT_EQ(minutes_until_quiet_ends(s, 22 * 60), 9 * 60);  // from the first minute
  EXPECT_EQ(minutes_until_quiet_ends(s, 6 * 60 + 59), 1);
  EXPECT_EQ(minutes_until_quiet_ends(s, 7 * 60), 0);  // over at the last minute
  EXPECT_EQ(minutes_until_quiet_ends(s, 12 * 60), 0);
  s.quiet_start = 12 * 60;  // within one day
  s.quiet_end = 14 * 60;
  EXPECT_EQ(minutes_until_quiet_ends(s, 13 * 60), 60);
  EXPECT_EQ(minutes_until_quiet_ends(s, 23 * 60), 0);
  s.quiet_end = 12 * 60;  // an empty span holds nothing
  EXPECT_EQ(minutes_until_quiet_ends(s, 12 * 60), 0);
}

}  // namespace
}  // namespace okr
