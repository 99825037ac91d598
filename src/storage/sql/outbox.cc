// Webhooks and chat channels, the outbox of messages to them, and the sender's lease.
#include <sstream>

#include "storage/sql/rows.h"
#include "storage/sql/sql_transaction.h"

namespace okr::sql {
namespace {

constexpr const char* kEndpointCols =
    "id, kind, url, secret, events, team_id, owner_id, description, created_at, disabled_at, "
    "disabled_reason, failures";

std::string join_events(const std::vector<std::string>& events) {
  std::string out;
  for (const auto& e : events) out += (out.empty() ? "" : " ") + e;
  return out;
}

Endpoint read_endpoint(const Statement& s) {
  Endpoint e;
  e.id = s.i64(0);
  e.kind = to_enum(parse_endpoint_kind(s.text(1)), s.text(1));
  e.url = s.text(2);
  e.secret = s.text(3);
  std::istringstream in(s.text(4));
  for (std::string word; in >> word;) e.events.push_back(word);
  e.team_id = s.opt_i64(5);
  e.owner_id = s.opt_i64(6);
  e.description = s.text(7);
  e.created_at = to_instant(s.text(8));
  e.disabled_at = to_opt_instant(s, 9);
  e.disabled_reason = s.text(10);
  e.failures = static_cast<int>(s.i64(11));
  return e;
}

constexpr const char* kMessageCols =
    "id, endpoint_id, event_id, event, body, created_at, next_attempt_ms, attempts, "
    "last_attempt_at, response_code, last_error, delivered_at, given_up, redelivery_of";

OutboxMessage read_message(const Statement& s) {
  OutboxMessage m;
  m.id = s.i64(0);
  m.endpoint_id = s.i64(1);
  m.event_id = s.text(2);
  m.event = s.text(3);
  m.body = s.text(4);
  m.created_at = to_instant(s.text(5));
  m.next_attempt_ms = s.i64(6);
  m.attempts = static_cast<int>(s.i64(7));
  m.last_attempt_at = to_opt_instant(s, 8);
  if (auto code = s.opt_i64(9)) m.response_code = static_cast<int>(*code);
  m.last_error = s.text(10);
  m.delivered_at = to_opt_instant(s, 11);
  m.given_up = s.i64(12) != 0;
  m.redelivery_of = s.opt_i64(13);
  return m;
}

std::optional<std::string> instant_text(const std::optional<Instant>& t) {
  if (!t) return std::nullopt;
  return format_instant(*t);
}

std::optional<std::int64_t> code_of(const std::optional<int>& c) {
  if (!c) return std::nullopt;
  return static_cast<std::int64_t>(*c);
}

}  // namespace

Id SqlTransaction::create_endpoint(const Endpoint& e) {
  no_endpoints_ = false;
  return insert(
      "INSERT INTO endpoints (kind, url, secret, events, team_id, owner_id, description, "
      "created_at, disabled_at, disabled_reason, failures) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      to_string(e.kind), e.url, e.secret, join_events(e.events), e.team_id, e.owner_id,
      e.description, format_instant(e.created_at), instant_text(e.disabled_at), e.disabled_reason,
      static_cast<std::int64_t>(e.failures));
}

std::optional<Endpoint> SqlTransaction::find_endpoint(Id id) {
  return one(cat({"SELECT ", kEndpointCols, " FROM endpoints WHERE id = ?"}), read_endpoint, id);
}

std::vector<Endpoint> SqlTransaction::list_endpoints() {
  if (no_endpoints_) return {};
  return all(cat({"SELECT ", kEndpointCols, " FROM endpoints ORDER BY id"}), read_endpoint);
}

void SqlTransaction::update_endpoint_health(const Endpoint& e) {
  prepare("UPDATE endpoints SET failures = ?, disabled_at = ?, disabled_reason = ? WHERE id = ?")
      .bind_all(static_cast<std::int64_t>(e.failures), instant_text(e.disabled_at),
                e.disabled_reason, e.id)
      .run();
  require_changed("endpoint", e.id);
}

void SqlTransaction::delete_endpoint(Id id) {
  prepare("DELETE FROM endpoints WHERE id = ?").bind(id).run();
  require_changed("endpoint", id);
}

Id SqlTransaction::add_outbox_message(const OutboxMessage& m) {
  return insert(
      "INSERT INTO outbox_messages (endpoint_id, event_id, event, body, created_at, "
      "next_attempt_ms, attempts, last_attempt_at, response_code, last_error, delivered_at, "
      "given_up, redelivery_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      m.endpoint_id, m.event_id, m.event, m.body, format_instant(m.created_at), m.next_attempt_ms,
      static_cast<std::int64_t>(m.attempts), instant_text(m.last_attempt_at),
      code_of(m.response_code), m.last_error, instant_text(m.delivered_at), m.given_up,
      m.redelivery_of);
}

std::optional<OutboxMessage> SqlTransaction::find_outbox_message(Id id) {
  return one(cat({"SELECT ", kMessageCols, " FROM outbox_messages WHERE id = ?"}), read_message,
             id);
}

std::vector<OutboxMessage> SqlTransaction::due_outbox_messages(std::int64_t now_ms, int limit) {
  return all(cat({"SELECT ", kMessageCols,
                  " FROM outbox_messages WHERE delivered_at IS NULL AND given_up = 0 "
                  "AND next_attempt_ms <= ? AND endpoint_id IN "
                  "(SELECT id FROM endpoints WHERE disabled_at IS NULL) "
                  "ORDER BY next_attempt_ms, id LIMIT ?"}),
             read_message, now_ms, static_cast<std::int64_t>(limit));
}

std::optional<std::int64_t> SqlTransaction::next_outbox_due() {
  auto st = prepare(
      "SELECT MIN(m.next_attempt_ms) FROM outbox_messages m JOIN endpoints e "
      "ON e.id = m.endpoint_id WHERE m.delivered_at IS NULL AND m.given_up = 0 "
      "AND e.disabled_at IS NULL");
  if (!st.step()) return std::nullopt;
  return st.opt_i64(0);
}

void SqlTransaction::update_outbox_message(const OutboxMessage& m) {
  prepare(
      "UPDATE outbox_messages SET next_attempt_ms = ?, attempts = ?, last_attempt_at = ?, "
      "response_code = ?, last_error = ?, delivered_at = ?, given_up = ? WHERE id = ?")
      .bind_all(m.next_attempt_ms, static_cast<std::int64_t>(m.attempts),
                instant_text(m.last_attempt_at), code_of(m.response_code), m.last_error,
                instant_text(m.delivered_at), m.given_up, m.id)
      .run();
  require_changed("outbox message", m.id);
}

std::vector<OutboxMessage> SqlTransaction::list_outbox_messages(Id endpoint_id,
                                                                std::optional<Id> before,
                                                                int limit) {
  std::string q = cat({"SELECT ", kMessageCols, " FROM outbox_messages WHERE endpoint_id = ?"});
  if (before) q += " AND id < ?";
  q += " ORDER BY id DESC LIMIT ?";
  auto st = prepare(q);
  st.bind(endpoint_id);
  if (before) st.bind(*before);
  st.bind(static_cast<std::int64_t>(limit));
  std::vector<OutboxMessage> out;
  while (st.step()) out.push_back(read_message(st));
  return out;
}

bool SqlTransaction::take_lease(const std::string& name, const std::string& holder,
                                std::int64_t now_ms, std::int64_t until_ms) {
  prepare(
      "UPDATE leases SET holder = ?, expires_ms = ? "
      "WHERE name = ? AND (holder = ? OR holder = '' OR expires_ms < ?)")
      .bind_all(holder, until_ms, name, holder, now_ms)
      .run();
  return connection().changes() == 1;
}

void SqlTransaction::release_lease(const std::string& name, const std::string& holder) {
  prepare("UPDATE leases SET holder = '', expires_ms = 0 WHERE name = ? AND holder = ?")
      .bind_all(name, holder)
      .run();
}

void SqlTransaction::forget_outbox_messages(Instant before) {
  prepare(
      "DELETE FROM outbox_messages WHERE (delivered_at IS NOT NULL AND delivered_at < ?) "
      "OR (given_up = 1 AND created_at < ?)")
      .bind_all(format_instant(before), format_instant(before))
      .run();
}

}  // namespace okr::sql
