#include "storage/sql/rows.h"

#include "storage/sql/sql_transaction.h"

namespace okr::sql {

Date to_date(const std::string& s) {
  auto d = parse_date(s);
  if (!d) throw StoreError(ErrorCode::internal, "stored date '" + s + "' is not a date");
  return *d;
}

Instant to_instant(const std::string& s) {
  auto t = parse_instant(s);
  if (!t) throw StoreError(ErrorCode::internal, "stored time '" + s + "' is not a time");
  return *t;
}

std::optional<Instant> to_opt_instant(const Statement& st, int col) {
  if (st.is_null(col)) return std::nullopt;
  return to_instant(st.text(col));
}

std::string now_text() {
  return format_instant(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
}

std::string cat(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (auto p : parts) out += p;
  return out;
}

std::string columns_of(std::string_view alias, std::string_view cols) {
  std::string out;
  while (!cols.empty()) {
    const auto comma = cols.find(',');
    auto col = cols.substr(0, comma);
    while (!col.empty() && col.front() == ' ') col.remove_prefix(1);
    if (!out.empty()) out += ", ";
    out.append(alias).append(".").append(col);
    cols = comma == std::string_view::npos ? std::string_view() : cols.substr(comma + 1);
  }
  return out;
}

Cycle read_cycle(const Statement& s) {
  Cycle c;
  c.id = s.i64(0);
  c.name = s.text(1);
  c.start = to_date(s.text(2));
  c.end = to_date(s.text(3));
  c.state = to_enum(parse_cycle_state(s.text(4)), s.text(4));
  c.version = s.i64(5);
  return c;
}

User read_user(const Statement& s) {
  return User{s.i64(0), s.text(1), s.text(2), s.i64(3) != 0, s.i64(4), s.i64(5) != 0};
}

Team read_team(const Statement& s) {
  return Team{s.i64(0),     s.text(1),    s.text(2), s.text(3),
              s.opt_i64(4), s.opt_i64(5), s.i64(6),  static_cast<int>(s.i64(7))};
}

Objective read_objective(const Statement& s) {
  Objective o;
  o.id = s.i64(0);
  o.key = s.text(1);
  o.cycle_id = s.i64(2);
  o.team_id = s.i64(3);
  o.title = s.text(4);
  o.description = s.text(5);
  o.kind = to_enum(parse_objective_kind(s.text(6)), s.text(6));
  o.owner_id = s.opt_i64(7);
  o.parent_id = s.opt_i64(8);
  o.version = s.i64(9);
  o.parent_key_result_id = s.opt_i64(10);
  return o;
}

KeyResult read_key_result(const Statement& s) {
  KeyResult k;
  k.id = s.i64(0);
  k.key = s.text(1);
  k.objective_id = s.i64(2);
  k.title = s.text(3);
  k.metric = to_enum(parse_metric_kind(s.text(4)), s.text(4));
  k.unit = s.text(5);
  k.start = s.f64(6);
  k.target = s.f64(7);
  k.range_low = s.f64(8);
  k.range_high = s.f64(9);
  k.tolerance = s.f64(10);
  k.weight = s.f64(11);
  k.owner_id = s.opt_i64(12);
  k.kpi_id = s.opt_i64(13);
  k.version = s.i64(14);
  k.indicator = to_enum(parse_indicator(s.text(15)), s.text(15));
  k.driven_by_aligned = s.i64(16) != 0;
  return k;
}

Dependency read_dependency(const Statement& s) {
  Dependency d;
  d.id = s.i64(0);
  d.key_result_id = s.i64(1);
  d.team_id = s.i64(2);
  d.note = s.text(3);
  d.state = to_enum(parse_dependency_state(s.text(4)), s.text(4));
  d.answer = s.text(5);
  d.asked_by = s.opt_i64(6);
  d.asked_at = to_instant(s.text(7));
  d.answered_by = s.opt_i64(8);
  d.answered_at = to_opt_instant(s, 9);
  d.version = s.i64(10);
  return d;
}

std::string SqlTransaction::in_ids(std::string_view column) {
  if (connection().dialect() == Dialect::postgres) return cat({column, " = ANY(?::bigint[])"});
  return cat({column, " IN (SELECT value FROM json_each(?))"});
}

std::string SqlTransaction::ids_table() {
  if (connection().dialect() == Dialect::postgres) return "unnest(?::bigint[]) AS k(id)";
  return "(SELECT value AS id FROM json_each(?)) AS k";
}

std::string SqlTransaction::ids(const std::vector<Id>& list) {
  if (connection().dialect() == Dialect::postgres) return id_array(list);
  std::string out = "[";
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (i) out += ',';
    out += std::to_string(list[i]);
  }
  return out + "]";
}

std::string SqlTransaction::in_texts(std::string_view column) {
  if (connection().dialect() == Dialect::postgres) return cat({column, " = ANY(?::text[])"});
  return cat({column, " IN (SELECT value FROM json_each(?))"});
}

std::string SqlTransaction::texts(const std::vector<std::string>& list) {
  const bool pg = connection().dialect() == Dialect::postgres;
  // PostgreSQL's array literal {"a","b"} and SQLite's JSON array ["a","b"]: each element
  // quoted, with quotes and backslashes escaped (and, for JSON, control characters).
  std::string out(1, pg ? '{' : '[');
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (i) out += ',';
    out += '"';
    for (unsigned char ch : list[i]) {
      if (ch == '"' || ch == '\\') {
        out += '\\';
        out += static_cast<char>(ch);
      } else if (!pg && ch < 0x20) {
        static const char* hex = "0123456789abcdef";
        out += "\\u00";
        out += hex[ch >> 4];
        out += hex[ch & 15];
      } else {
        out += static_cast<char>(ch);
      }
    }
    out += '"';
  }
  return out + (pg ? '}' : ']');
}

std::string id_array(const std::vector<Id>& ids) {
  std::string out = "{";
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i) out += ',';
    out += std::to_string(ids[i]);
  }
  return out + "}";
}

std::string instant_array(const std::vector<Instant>& instants) {
  std::string out = "{";
  for (std::size_t i = 0; i < instants.size(); ++i) {
    if (i) out += ',';
    out += '"' + format_instant(instants[i]) + '"';
  }
  return out + "}";
}

CheckIn read_check_in(const Statement& s) {
  return CheckIn{
      s.i64(0), s.i64(1), s.f64(2), s.opt_f64(3), s.text(4), s.opt_i64(5), to_instant(s.text(6))};
}

Retrospective read_retrospective(const Statement& s) {
  return Retrospective{
      s.i64(0),  s.i64(1),     s.opt_i64(2),          s.text(3), s.text(4), s.text(5),
      s.text(6), s.opt_i64(7), to_instant(s.text(8)), s.i64(9)};
}

Sprint read_sprint(const Statement& s) {
  return Sprint{s.i64(0), s.i64(1), s.text(2), to_date(s.text(3)), to_date(s.text(4)), s.i64(5)};
}

Initiative read_initiative(const Statement& s) {
  Initiative i;
  i.id = s.i64(0);
  i.key = s.text(1);
  i.title = s.text(2);
  i.team_id = s.i64(3);
  i.sprint_id = s.opt_i64(4);
  i.url = s.text(5);
  i.status = to_enum(parse_initiative_status(s.text(6)), s.text(6));
  i.version = s.i64(7);
  return i;
}

Kpi read_kpi(const Statement& s) {
  return Kpi{s.i64(0),     s.text(1),    s.text(2),    s.opt_i64(3), s.text(4),
             s.opt_f64(5), s.opt_f64(6), s.opt_f64(7), s.opt_f64(8), s.i64(9)};
}

AuditEvent read_audit(const Statement& s) {
  return AuditEvent{s.i64(0),  to_instant(s.text(1)), s.opt_i64(2), s.text(3),
                    s.text(4), s.opt_i64(5),          s.text(6),    s.text(7)};
}

ApiToken read_token(const Statement& s) {
  return ApiToken{s.i64(0),
                  s.i64(1),
                  s.text(2),
                  s.text(3),
                  to_instant(s.text(4)),
                  to_opt_instant(s, 5),
                  to_opt_instant(s, 6)};
}

}  // namespace okr::sql
