#include "core/mail.h"

#include <cstdio>

namespace okr {

std::optional<int> parse_minute_of_day(std::string_view s) {
  if (s.size() != 5 || s[2] != ':') return std::nullopt;
  for (int i : {0, 1, 3, 4})
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  const int h = (s[0] - '0') * 10 + (s[1] - '0');
  const int m = (s[3] - '0') * 10 + (s[4] - '0');
  if (h > 23 || m > 59) return std::nullopt;
  return h * 60 + m;
}

std::string format_minute_of_day(int minute) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", (minute / 60) % 24, minute % 60);
  return buf;
}

int minutes_until_quiet_ends(const PersonSettings& s, int now) {
  if (!s.quiet_start || !s.quiet_end || *s.quiet_start == *s.quiet_end) return 0;
  const int start = *s.quiet_start, end = *s.quiet_end;
  const bool quiet = start < end ? (now >= start && now < end) : (now >= start || now < end);
  if (!quiet) return 0;
  return ((end - now) % 1440 + 1440) % 1440;
}

}  // namespace okr
