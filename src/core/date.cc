#include "core/date.h"

#include <charconv>
#include <cstdio>

namespace okr {
namespace {

bool parse_int(std::string_view s, int& out) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

}  // namespace

std::optional<Date> parse_date(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  int y, m, d;
  if (!parse_int(t.substr(0, 4), y) || !parse_int(t.substr(5, 2), m) ||
      !parse_int(t.substr(8, 2), d))
    return std::nullopt;
  Date date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
            std::chrono::day{static_cast<unsigned>(d)}};
  if (!date.ok() || y < 1) return std::nullopt;
  return date;
}

std::string format_date(Date d) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}

std::optional<Instant> parse_instant(std::string_view t) {
  if (t.size() < 10) return std::nullopt;
  auto date = parse_date(t.substr(0, 10));
  if (!date) return std::nullopt;
  Instant base = start_of_day(*date);
  if (t.size() == 10) return base;
  if (t[10] != 'T' && t[10] != ' ') return std::nullopt;
  std::string_view rest = t.substr(11);
  int hh, mm, ss = 0;
  if (rest.size() < 5 || rest[2] != ':' || !parse_int(rest.substr(0, 2), hh) ||
      !parse_int(rest.substr(3, 2), mm))
    return std::nullopt;
  rest = rest.substr(5);
  if (!rest.empty() && rest[0] == ':') {
    if (rest.size() < 3 || !parse_int(rest.substr(1, 2), ss)) return std::nullopt;
    rest = rest.substr(3);
    if (!rest.empty() && rest[0] == '.') {  // fractional seconds are accepted and dropped
      size_t i = 1;
      while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9') ++i;
      if (i == 1) return std::nullopt;
      rest = rest.substr(i);
    }
  }
  if (hh > 23 || mm > 59 || ss > 60) return std::nullopt;
  int offset_minutes = 0;
  if (rest == "Z" || rest == "z") {
  } else if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':') {
    int oh, om;
    if (!parse_int(rest.substr(1, 2), oh) || !parse_int(rest.substr(4, 2), om) || oh > 23 ||
        om > 59)
      return std::nullopt;
    offset_minutes = (oh * 60 + om) * (rest[0] == '+' ? 1 : -1);
  } else {
    return std::nullopt;
  }
  using namespace std::chrono;
  Instant at = base + hours{hh} + minutes{mm} + seconds{ss} - minutes{offset_minutes};
  // An offset must not carry the instant out of the years 0001–9999 we can write back.
  int year = static_cast<int>(date_of(at).year());
  if (year < 1 || year > 9999) return std::nullopt;
  return at;
}

std::string format_instant(Instant t) {
  using namespace std::chrono;
  auto day = floor<days>(t);
  Date d{day};
  hh_mm_ss hms{t - day};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02dZ", format_date(d).c_str(),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buf;
}

std::optional<DateRange> quarter_range(std::string_view name) {
  if (name.size() != 7 || name[4] != '-' || (name[5] != 'Q' && name[5] != 'q')) return std::nullopt;
  int y, q;
  if (!parse_int(name.substr(0, 4), y) || !parse_int(name.substr(6, 1), q) || q < 1 || q > 4)
    return std::nullopt;
  using namespace std::chrono;
  unsigned first = static_cast<unsigned>((q - 1) * 3 + 1);
  Date start{year{y}, month{first}, day{1}};
  Date end{year_month_day_last{year{y}, month_day_last{month{first + 2}}}};
  return DateRange{start, end};
}

std::string quarter_name(Date d) {
  unsigned q = (static_cast<unsigned>(d.month()) - 1) / 3 + 1;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-Q%u", static_cast<int>(d.year()), q);
  return buf;
}

Date add_days(Date d, int n) {
  return Date{std::chrono::sys_days{d} + std::chrono::days{n}};
}

int days_between(Date from, Date to) {
  return static_cast<int>((std::chrono::sys_days{to} - std::chrono::sys_days{from}).count());
}

Instant start_of_day(Date d) {
  return std::chrono::sys_seconds{std::chrono::sys_days{d}};
}

Date date_of(Instant t) {
  return Date{std::chrono::floor<std::chrono::days>(t)};
}

}  // namespace okr
