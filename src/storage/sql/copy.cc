// Copying a whole database between stores, table by table, ids and all.
#include <algorithm>
#include <array>

#include "storage/sql/rows.h"
#include "storage/sql/sql_transaction.h"

namespace okr::sql {
namespace {

struct Table {
  const char* name;
  const char* columns;
  const char* order;
  // Columns referring to rows that may come later (of the same table, or of a table
  // copied after it), set once every table is in; separated by ", ".
  const char* late_links;
  bool has_id;  // an id column whose sequence continues past the copied rows
};

// Every table of the schema, each after the tables it refers to.
constexpr std::array<Table, 43> kTables{{
    {"users", "id, email, name, admin, password_hash, created_at, version, disabled", "id", nullptr,
     true},
    {"teams", "id, key, name, function, parent_id, lead_id, version, check_in_cadence_days", "id",
     "parent_id", true},
    {"memberships", "team_id, user_id, role", "team_id, user_id", nullptr, false},
    {"cycles", "id, name, start_date, end_date, state, version", "id", nullptr, true},
    {"kpis",
     "id, key, name, team_id, unit, healthy_low, healthy_high, warning_low, warning_high, version",
     "id", nullptr, true},
    {"measurements", "id, kpi_id, value, at", "id", nullptr, true},
    {"objectives",
     "id, key, cycle_id, team_id, title, description, kind, owner_id, parent_id, version, "
     "parent_key_result_id",
     "id", "parent_id, parent_key_result_id", true},
    {"objective_contributors", "objective_id, team_id", "objective_id, team_id", nullptr, false},
    {"key_results",
     "id, key, objective_id, title, metric, unit, start_value, target_value, range_low, "
     "range_high, tolerance, weight, owner_id, kpi_id, version, indicator, driven_by_aligned",
     "id", nullptr, true},
    {"dependencies",
     "id, key_result_id, team_id, note, state, answer, asked_by, asked_at, answered_by, "
     "answered_at, version",
     "id", nullptr, true},
    {"check_ins", "id, key_result_id, value, confidence, note, author_id, at", "id", nullptr, true},
    {"sprints", "id, team_id, name, start_date, end_date, version", "id", nullptr, true},
    {"initiatives", "id, key, title, team_id, sprint_id, url, status, version", "id", nullptr,
     true},
    {"initiative_key_results", "initiative_id, key_result_id", "initiative_id, key_result_id",
     nullptr, false},
    {"reviews",
     "id, objective_id, what_worked, what_did_not, what_we_learned, reviewer_id, at, version", "id",
     nullptr, true},
    {"score_overrides", "review_id, key_result_id, score, reason, set_by",
     "review_id, key_result_id", nullptr, false},
    {"retrospectives",
     "id, cycle_id, team_id, problem, inputs, friction, evidence, author_id, at, version", "id",
     nullptr, true},
    {"settings", "key, value", "key", nullptr, false},
    {"audit_events", "id, at, actor_id, action, entity_type, entity_id, before_json, after_json",
     "id", nullptr, true},
    {"sessions", "token_hash, user_id, created_at, expires_at", "token_hash", nullptr, false},
    {"api_tokens", "id, user_id, name, token_hash, created_at, expires_at, revoked_at", "id",
     nullptr, true},
    {"sign_in_counts", "key, failures, last_failure", "key", nullptr, false},
    {"invitations", "secret_hash, user_id, created_at, expires_at, invited_by", "secret_hash",
     nullptr, false},
    {"comments",
     "id, objective_id, key_result_id, check_in_id, parent_id, author_id, body, created_at, "
     "edited_at, deleted, version",
     "id", "parent_id", true},
    {"endpoints",
     "id, kind, url, secret, events, team_id, owner_id, description, created_at, disabled_at, "
     "disabled_reason, failures",
     "id", nullptr, true},
    {"outbox_messages",
     "id, endpoint_id, event_id, event, body, created_at, next_attempt_ms, attempts, "
     "last_attempt_at, response_code, last_error, delivered_at, given_up, redelivery_of",
     "id", nullptr, true},
    {"notifications",
     "id, user_id, kind, actor_id, objective_id, key_result_id, comment_id, dependency_id, "
     "excerpt, at, read_at, endpoint_id",
     "id", nullptr, true},
    {"notification_preferences", "user_id, kind, channel", "user_id, kind", nullptr, false},
    {"sso_providers",
     "id, name, display_name, issuer, client_id, client_secret, allowed_domains, created_at", "id",
     nullptr, true},
    {"sso_logins",
     "state_hash, provider_id, nonce, code_verifier, browser_hash, redirect_uri, return_to, "
     "created_at, expires_at",
     "state_hash", nullptr, false},
    {"sso_identities", "issuer, subject, user_id, provider_id, created_at", "issuer, subject",
     nullptr, false},
    {"trackers", "id, name, source, secret, team_id, created_at", "id", nullptr, true},
    {"person_settings", "user_id, time_zone, quiet_start, quiet_end, weekly_digest", "user_id",
     nullptr, false},
    {"mail_messages",
     "id, user_id, recipient, kind, message_id, body, created_at, next_attempt_ms, attempts, "
     "last_error, sent_at, given_up",
     "id", nullptr, true},
    {"done_once", "key, at", "key", nullptr, false},
    {"scim_tokens", "id, name, token_hash, created_by, created_at, revoked_at", "id", nullptr,
     true},
    {"scim_users", "user_id, external_id, given_name, family_name, created_at, updated_at",
     "user_id", nullptr, false},
    {"scim_groups", "id, display_name, external_id, created_at, updated_at", "id", nullptr, true},
    {"scim_group_members", "group_id, user_id", "group_id, user_id", nullptr, false},
    {"sso_person_groups", "user_id, source, group_name", "user_id, source, group_name", nullptr,
     false},
    {"group_mappings", "id, group_name, team_id, role, created_at", "id", nullptr, true},
    {"mapped_memberships", "team_id, user_id, from_groups", "team_id, user_id", nullptr, false},
    {"mapped_admins", "user_id, from_groups", "user_id", nullptr, false},
}};

const Table& table_named(const std::string& name) {
  for (const auto& t : kTables)
    if (name == t.name) return t;
  throw StoreError(ErrorCode::invalid, "there is no table '" + name + "' to copy");
}

std::vector<std::string> split_columns(const char* columns) {
  std::vector<std::string> out;
  std::string current;
  for (const char* p = columns; *p; ++p) {
    if (*p == ',') {
      out.push_back(current);
      current.clear();
    } else if (*p != ' ') {
      current += *p;
    }
  }
  out.push_back(current);
  return out;
}

}  // namespace

std::vector<std::string> SqlTransaction::copy_tables() {
  std::vector<std::string> out;
  for (const auto& t : kTables) out.emplace_back(t.name);
  return out;
}

void SqlTransaction::read_rows(const std::string& table, const RowSink& sink) {
  write_audit_events();
  const Table& t = table_named(table);
  auto st = prepare(cat({"SELECT ", t.columns, " FROM ", t.name, " ORDER BY ", t.order}));
  Row row;
  while (st.step()) {
    row.clear();
    for (int i = 0; i < st.columns(); ++i) {
      switch (st.kind(i)) {
        case ValueKind::null:
          row.emplace_back(std::monostate{});
          break;
        case ValueKind::integer:
          row.emplace_back(st.i64(i));
          break;
        case ValueKind::real:
          row.emplace_back(st.f64(i));
          break;
        case ValueKind::text:
          row.emplace_back(st.text(i));
          break;
      }
    }
    sink(row);
  }
}

void SqlTransaction::write_row(const std::string& table, const Row& row) {
  settings_.reset();
  const Table& t = table_named(table);
  const auto columns = split_columns(t.columns);
  const auto late = t.late_links ? split_columns(t.late_links) : std::vector<std::string>{};
  if (row.size() != columns.size())
    throw StoreError(ErrorCode::invalid, "a row of '" + table + "' has " +
                                             std::to_string(row.size()) + " values, not " +
                                             std::to_string(columns.size()));
  std::string marks;
  for (std::size_t i = 0; i < columns.size(); ++i) marks += i ? ", ?" : "?";
  auto st = prepare(cat({"INSERT INTO ", t.name, " (", t.columns, ") VALUES (", marks, ")"}));
  for (std::size_t i = 0; i < row.size(); ++i) {
    const Value& v = row[i];
    if (std::holds_alternative<std::int64_t>(v) &&
        std::find(late.begin(), late.end(), columns[i]) != late.end()) {
      // Set once every row is in: the row it names may come later.
      pending_links_.push_back(
          {t.name, columns[i], std::get<std::int64_t>(row[0]), std::get<std::int64_t>(v)});
      st.bind(nullptr);
      continue;
    }
    if (std::holds_alternative<std::monostate>(v))
      st.bind(nullptr);
    else if (auto* n = std::get_if<std::int64_t>(&v))
      st.bind(*n);
    else if (auto* d = std::get_if<double>(&v))
      st.bind(*d);
    else
      st.bind(std::get<std::string>(v));
  }
  st.run();
}

void SqlTransaction::finish_copy() {
  for (const auto& link : pending_links_)
    prepare(cat({"UPDATE ", link.table, " SET ", link.column, " = ? WHERE id = ?"}))
        .bind_all(link.target, link.id)
        .run();
  pending_links_.clear();
  for (const auto& t : kTables)
    if (t.has_id) reset_id_sequence(t.name);
}

void SqlTransaction::delete_everything() {
  write_audit_events();
  settings_.reset();
  // Links within a table first, then every table after the tables that refer to it.
  for (const auto& t : kTables)
    if (t.late_links)
      for (const auto& column : split_columns(t.late_links))
        prepare(cat({"UPDATE ", t.name, " SET ", column, " = NULL"})).run();
  for (auto it = kTables.rbegin(); it != kTables.rend(); ++it)
    prepare(cat({"DELETE FROM ", it->name})).run();
}

}  // namespace okr::sql
