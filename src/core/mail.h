// E-mail to people: what each person chose (time zone, quiet hours, the weekly digest),
// the messages waiting in the mail queue, and the rules of when one may be sent.
// Pure values and rules; no I/O (app/mail.h writes and renders, http/mail.h sends).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/model.h"

namespace okr {

// A person's own settings for e-mail. Minutes are of the local day (0–1439).
struct PersonSettings {
  std::string time_zone = "UTC";  // an IANA name ("Europe/Berlin")
  // No e-mail is sent between quiet_start and quiet_end (it waits until quiet_end);
  // the span may cross midnight (22:00–07:00). None: any time.
  std::optional<int> quiet_start, quiet_end;
  bool weekly_digest = true;  // the Monday e-mail of what moved, what is off track, what is stale

  friend bool operator==(const PersonSettings&, const PersonSettings&) = default;
};

// "22:00" → 1320; nullopt unless HH:MM with HH < 24 and MM < 60.
std::optional<int> parse_minute_of_day(std::string_view s);
// 1320 → "22:00".
std::string format_minute_of_day(int minute);

// Minutes to wait from local minute `now` (0–1439) until quiet hours end; 0 outside them.
int minutes_until_quiet_ends(const PersonSettings& s, int now);

// One e-mail on its way to one person. The queue keeps it until it is sent (or given
// up after the retry window), then for a while as a record.
struct MailMessage {
  Id id = 0;
  std::optional<Id> user_id;  // none for `okr notify test --email`
  std::string recipient;      // the address
  // What it is: a notification kind ("mention", "check_in_due", …), "digest" or "test".
  std::string kind;
  std::string message_id;  // the Message-ID: the same for every attempt
  std::string body;        // JSON: subject, lines, link (app/mail.h renders it)
  Instant created_at{};
  std::int64_t next_attempt_ms = 0;  // Unix milliseconds; due when reached
  int attempts = 0;
  std::string last_error;  // of the latest attempt, when it failed
  std::optional<Instant> sent_at;
  bool given_up = false;
};

}  // namespace okr
