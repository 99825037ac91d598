// E-mail: the organisation's mail server (an administrator sets it; a server sends
// through it), the mail queue written inside the transaction of what caused it, what
// each person chose (time zone, quiet hours, the weekly digest), check-in reminders on
// each team's cadence, the weekly digest, and the one-click unsubscribe link.
//
// Nothing here touches the network: http/mail.h sends what render_mail() builds, from
// the sender thread of app/outbox_sender.h.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/app.h"
#include "core/mail.h"

namespace okr::app {

// How mail leaves: an SMTP server. Stored in the organisation's settings ("mail.*");
// the password may instead come from the environment of the server that sends
// (OKR_SMTP_PASSWORD, or the file named by OKR_SMTP_PASSWORD_FILE), and is never
// shown or logged.
enum class MailTls { required, opportunistic, none };
std::string_view to_string(MailTls v);
std::optional<MailTls> parse_mail_tls(std::string_view s);

struct MailConfig {
  std::string smtp_url;    // smtp://host[:port] (STARTTLS per `tls`) or smtps://host[:port]
  std::string from;        // the sender's address ("okr@example.com")
  std::string user;        // empty: no authentication
  std::string password;    // only with a user
  std::string public_url;  // where people open okr ("https://okr.example.com"): links in mail
  MailTls tls = MailTls::required;
  std::string ca_file;  // certificates to trust besides the system's (an internal CA)
};

// Why `c` cannot send, or nullopt.
std::optional<std::string> mail_config_problem(const MailConfig& c);

// The stored configuration (its password from the environment when set there), or
// none when mail is off.
Result<std::optional<MailConfig>> mail_config(App& app);
// Sets it (administrators; audited without the password). An absent password keeps
// the stored one.
Result<MailConfig> set_mail_config(App& app, MailConfig c, const Actor& actor);
// Turns mail off: nothing more is queued; what is queued stays until it is sent.
Result<Ok> turn_mail_off(App& app, const Actor& actor);

// What one e-mail says; the sender renders it with links to `public_url`.
struct MailContent {
  std::string subject;
  std::string intro;                // the first paragraph
  std::vector<std::string> items;   // a list under it (key results, changes…)
  std::string link_path;            // "/objectives/growth-q4": the button's target
  std::string link_label;           // "Open the objective"
  std::vector<std::string> footer;  // further paragraphs
};

// Queues `content` for `to` unless mail is off or `to` is disabled. `kind` names what
// the unsubscribe link turns off (a notification kind, or "digest"). The message waits
// until `to`'s quiet hours end. Inside the caller's transaction.
void queue_mail(Transaction& tx, Instant now, const User& to, std::string_view kind,
                const MailContent& content);

// A rendered message, as http/mail.h sends it.
struct RenderedMail {
  std::string from, to, subject;
  std::string message_id;  // "<…@host>"
  std::string text, html;  // the two alternatives
  // List-Unsubscribe (with its one-click POST, RFC 8058) when the mail is to a person.
  std::string unsubscribe_url;
};
RenderedMail render_mail(const MailConfig& config, const std::string& unsubscribe_key,
                         const MailMessage& m);
// The key the unsubscribe tokens are signed with (made with the configuration).
Result<std::string> unsubscribe_key(App& app);

// The mail queue, newest first (administrators).
Result<std::vector<MailMessage>> list_mail(App& app, int limit, const Actor& actor);

// A test message for `okr notify test --email`, not queued.
MailMessage test_mail(const std::string& address, Instant now);

// ---- unsubscribing (no sign-in: the token in the link is the proof)

// The token of the link that stops `kind` e-mails to `user_id`.
std::string unsubscribe_token(const std::string& key, Id user_id, std::string_view kind);
struct Unsubscription {
  std::string email;  // whose
  std::string kind;   // a notification kind, or "digest"
  bool done = false;  // true once applied
};
// What `token` would turn off (apply = false) or turns it off: the kind's e-mail
// ("email" becomes "none", "both" becomes "in_app"), or the weekly digest.
Result<Unsubscription> unsubscribe(App& app, const std::string& token, bool apply);

// ---- each person's settings

// Why `name` is not an IANA time zone this machine knows, or nullopt.
std::optional<std::string> time_zone_problem(const std::string& name);
// Local minute of the day (0–1439) and ISO weekday (1 = Monday) of `t` in `zone`
// (UTC when unknown).
struct LocalTime {
  int minute = 0;
  unsigned weekday = 1;
  Date date{};
};
LocalTime local_time(const std::string& zone, Instant t);

Result<PersonSettings> person_settings(App& app, const Actor& actor);
struct PersonSettingsChange {
  std::optional<std::string> time_zone;
  // Both or neither; nullopt inside: no quiet hours.
  std::optional<std::optional<std::pair<int, int>>> quiet_hours;
  std::optional<bool> weekly_digest;
};
Result<PersonSettings> set_person_settings(App& app, const Actor& actor,
                                           const PersonSettingsChange& change);

// ---- what the sender queues on its own

// Check-in reminders: each owner of key results silent for longer than their team's
// cadence gets one e-mail and one inbox notification per cadence period (a period
// counted from the cycle's start), listing the key results. How many people were
// reminded. `now` decides the period; with mail off only the inbox is told.
Result<int> queue_check_in_reminders(App& app, Instant now);
// The weekly digest, on Monday from 08:00 in each person's time zone (with `force`,
// now, whatever the day): their key results (what moved, what is off track, what is
// stale), what is asked of their teams, their unread inbox; a lead also gets their
// teams' scores. Once per person per ISO week. How many were queued.
Result<int> queue_digests(App& app, Instant now, bool force);

}  // namespace okr::app
