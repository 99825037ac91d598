// Calendar dates and instants, as the product speaks of them: ISO dates
// ("2026-10-01"), quarter names ("2026-Q4") and UTC instants ("2026-10-01T09:30:00Z").
// Pure functions: parsing and formatting only, no clock. Callers pass "today".
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace okr {

using Date = std::chrono::year_month_day;
using Instant = std::chrono::sys_seconds;

// "YYYY-MM-DD" → Date; nullopt unless it is a real calendar date.
std::optional<Date> parse_date(std::string_view text);
std::string format_date(Date d);

// "YYYY-MM-DDTHH:MM[:SS](Z|±HH:MM)" or a bare date (midnight UTC) → Instant; nullopt
// unless it is a real time within the years 0001–9999 once the offset is applied.
std::optional<Instant> parse_instant(std::string_view text);
std::string format_instant(Instant t);  // "YYYY-MM-DDTHH:MM:SSZ"

// A quarter name "YYYY-Qn" → its first and last day.
struct DateRange {
  Date start;
  Date end;  // inclusive
};
std::optional<DateRange> quarter_range(std::string_view name);
// The quarter containing `d`, e.g. "2026-Q4".
std::string quarter_name(Date d);

Date add_days(Date d, int days);
int days_between(Date from, Date to);  // to - from
Instant start_of_day(Date d);
Date date_of(Instant t);

}  // namespace okr
