// People's e-mail settings, the mail queue, and what was done once per period.
#include "storage/sql/rows.h"
#include "storage/sql/sql_transaction.h"

namespace okr::sql {
namespace {

constexpr const char* kMailCols =
    "id, user_id, recipient, kind, message_id, body, created_at, next_attempt_ms, attempts, "
    "last_error, sent_at, given_up";

MailMessage read_mail(const Statement& s) {
  MailMessage m;
  m.id = s.i64(0);
  m.user_id = s.opt_i64(1);
  m.recipient = s.text(2);
  m.kind = s.text(3);
  m.message_id = s.text(4);
  m.body = s.text(5);
  m.created_at = to_instant(s.text(6));
  m.next_attempt_ms = s.i64(7);
  m.attempts = static_cast<int>(s.i64(8));
  m.last_error = s.text(9);
  m.sent_at = to_opt_instant(s, 10);
  m.given_up = s.i64(11) != 0;
  return m;
}

std::optional<std::string> sent_text(const std::optional<Instant>& t) {
  if (!t) return std::nullopt;
  return format_instant(*t);
}

std::optional<std::int64_t> minute_of(const std::optional<int>& m) {
  if (!m) return std::nullopt;
  return static_cast<std::int64_t>(*m);
}

}  // namespace

std::optional<PersonSettings> SqlTransaction::person_settings(Id user_id) {
  return one(
      "SELECT time_zone, quiet_start, quiet_end, weekly_digest FROM person_settings "
      "WHERE user_id = ?",
      [](const Statement& s) {
        PersonSettings p;
        p.time_zone = s.text(0);
        if (auto v = s.opt_i64(1)) p.quiet_start = static_cast<int>(*v);
        if (auto v = s.opt_i64(2)) p.quiet_end = static_cast<int>(*v);
        p.weekly_digest = s.i64(3) != 0;
        return p;
      },
      user_id);
}

void SqlTransaction::put_person_settings(Id user_id, const PersonSettings& p) {
  prepare(
      "INSERT INTO person_settings (user_id, time_zone, quiet_start, quiet_end, weekly_digest) "
      "VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET "
      "time_zone = excluded.time_zone, quiet_start = excluded.quiet_start, "
      "quiet_end = excluded.quiet_end, weekly_digest = excluded.weekly_digest")
      .bind_all(user_id, p.time_zone, minute_of(p.quiet_start), minute_of(p.quiet_end),
                p.weekly_digest)
      .run();
}

Id SqlTransaction::add_mail(const MailMessage& m) {
  return insert(
      "INSERT INTO mail_messages (user_id, recipient, kind, message_id, body, created_at, "
      "next_attempt_ms, attempts, last_error, sent_at, given_up) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      m.user_id, m.recipient, m.kind, m.message_id, m.body, format_instant(m.created_at),
      m.next_attempt_ms, static_cast<std::int64_t>(m.attempts), m.last_error, sent_text(m.sent_at),
      m.given_up);
}

std::optional<MailMessage> SqlTransaction::find_mail(Id id) {
  return one(cat({"SELECT ", kMailCols, " FROM mail_messages WHERE id = ?"}), read_mail, id);
}

std::vector<MailMessage> SqlTransaction::due_mail(std::int64_t now_ms, int limit) {
  return all(cat({"SELECT ", kMailCols,
                  " FROM mail_messages WHERE sent_at IS NULL AND given_up = 0 "
                  "AND next_attempt_ms <= ? ORDER BY next_attempt_ms, id LIMIT ?"}),
             read_mail, now_ms, static_cast<std::int64_t>(limit));
}

std::optional<std::int64_t> SqlTransaction::next_mail_due() {
  auto st = prepare(
      "SELECT MIN(next_attempt_ms) FROM mail_messages WHERE sent_at IS NULL AND given_up = 0");
  if (!st.step()) return std::nullopt;
  return st.opt_i64(0);
}

void SqlTransaction::update_mail(const MailMessage& m) {
  prepare(
      "UPDATE mail_messages SET next_attempt_ms = ?, attempts = ?, last_error = ?, sent_at = ?, "
      "given_up = ? WHERE id = ?")
      .bind_all(m.next_attempt_ms, static_cast<std::int64_t>(m.attempts), m.last_error,
                sent_text(m.sent_at), m.given_up, m.id)
      .run();
  require_changed("mail message", m.id);
}

std::vector<MailMessage> SqlTransaction::list_mail(std::optional<Id> user_id, int limit) {
  std::string q = cat({"SELECT ", kMailCols, " FROM mail_messages"});
  if (user_id) q += " WHERE user_id = ?";
  q += " ORDER BY id DESC LIMIT ?";
  auto st = prepare(q);
  if (user_id) st.bind(*user_id);
  st.bind(static_cast<std::int64_t>(limit));
  std::vector<MailMessage> out;
  while (st.step()) out.push_back(read_mail(st));
  return out;
}

void SqlTransaction::forget_mail(Instant before) {
  prepare(
      "DELETE FROM mail_messages WHERE (sent_at IS NOT NULL AND sent_at < ?) "
      "OR (given_up = 1 AND created_at < ?)")
      .bind_all(format_instant(before), format_instant(before))
      .run();
  prepare("DELETE FROM done_once WHERE at < ?").bind(format_instant(before)).run();
}

bool SqlTransaction::claim_once(const std::string& key, Instant at) {
  prepare("INSERT INTO done_once (key, at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING")
      .bind_all(key, format_instant(at))
      .run();
  return connection().changes() == 1;
}

bool SqlTransaction::advance_mark(const std::string& key, const std::string& at) {
  prepare(
      "INSERT INTO done_once (key, at) VALUES (?, ?) ON CONFLICT (key) DO UPDATE "
      "SET at = excluded.at WHERE done_once.at <= excluded.at")
      .bind_all(key, at)
      .run();
  return connection().changes() == 1;
}

}  // namespace okr::sql
