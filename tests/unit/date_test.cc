// Dates, instants and keys as users write them.
#include <gtest/gtest.h>

#include "core/date.h"
#include "core/model.h"

namespace okr {
namespace {

TEST(Dates, InstantsRoundTripThroughText) {
  auto t = parse_instant("2026-11-23T10:30:00+02:00");
  ASSERT_TRUE(t);
  EXPECT_EQ(format_instant(*t), "2026-11-23T08:30:00Z");
  EXPECT_EQ(parse_instant(format_instant(*t)), t);
  EXPECT_EQ(format_instant(*parse_instant("2026-11-23")), "2026-11-23T00:00:00Z");
}

// An offset that carries the time out of years 0001–9999 could be stored but never read back.
TEST(Dates, InstantsOutsideTheWritableYearsAreRefused) {
  EXPECT_FALSE(parse_instant("9999-12-31T23:30:00-01:00"));
  EXPECT_FALSE(parse_instant("0000-01-01T00:30:00+01:00"));
  EXPECT_FALSE(parse_instant("0001-01-01T00:30:00+01:00"));
  EXPECT_FALSE(parse_date("0000-01-01"));
  EXPECT_TRUE(parse_instant("9999-12-31T22:30:00-01:00"));
}

TEST(Dates, NonsenseIsRefused) {
  for (auto text : {"2026-02-30", "2026-13-01", "26-01-01", "2026-01-01T25:00:00Z",
                    "2026-01-01T10:00:00+24:00", "2026-01-01T10:00", "yesterday", ""})
    EXPECT_FALSE(parse_instant(text)) << text;
}

TEST(Dates, QuarterNames) {
  auto q = quarter_range("2026-Q4");
  ASSERT_TRUE(q);
  EXPECT_EQ(format_date(q->start), "2026-10-01");
  EXPECT_EQ(format_date(q->end), "2026-12-31");
  EXPECT_EQ(format_date(quarter_range("2028-Q1")->end), "2028-03-31");
  EXPECT_FALSE(quarter_range("2026-Q5"));
  EXPECT_EQ(quarter_name(*parse_date("2026-11-23")), "2026-Q4");
}

// A key of digits only would be read as an id in URLs such as /objectives/2026.
TEST(Keys, DigitsOnlyAreNotKeys) {
  EXPECT_FALSE(is_valid_key("2026"));
  EXPECT_TRUE(is_valid_key("2026-q1"));
  EXPECT_TRUE(is_valid_key("growth-activation"));
  EXPECT_FALSE(is_valid_key("Growth"));
  EXPECT_FALSE(is_valid_key("-growth"));
  EXPECT_FALSE(is_valid_key(""));
}

}  // namespace
}  // namespace okr
