// Check-ins: records read oldest first or latest only; a recent one may be corrected
// or withdrawn by its author (the use case decides who and when).
#include <algorithm>

#include "storage/sql/rows.h"
#include "storage/sql/sql_transaction.h"

namespace okr::sql {

Id SqlTransaction::add_check_in(const CheckIn& c) {
  return insert(
      "INSERT INTO check_ins (key_result_id, value, confidence, note, author_id, at) "
      "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
      c.key_result_id, c.value, c.confidence, c.note, c.author_id, format_instant(c.at));
}

std::optional<CheckIn> SqlTransaction::find_check_in(Id id) {
  return one(cat({"SELECT ", kCheckInCols, " FROM check_ins WHERE id = ?"}), read_check_in, id);
}

void SqlTransaction::update_check_in(const CheckIn& c) {
  prepare("UPDATE check_ins SET value = ?, confidence = ?, note = ? WHERE id = ?")
      .bind_all(c.value, c.confidence, c.note, c.id)
      .run();
  require_changed("check-in", c.id);
}

void SqlTransaction::delete_check_in(Id id) {
  prepare("DELETE FROM check_ins WHERE id = ?").bind(id).run();
  require_changed("check-in", id);
}

std::vector<CheckIn> SqlTransaction::list_check_ins(Id key_result_id) {
  return all(
      cat({"SELECT ", kCheckInCols, " FROM check_ins WHERE key_result_id = ? ORDER BY at, id"}),
      read_check_in, key_result_id);
}

std::vector<CheckIn> SqlTransaction::recent_check_ins(Id key_result_id, int limit) {
  auto list =
      all(cat({"SELECT ", kCheckInCols,
               " FROM check_ins WHERE key_result_id = ? ORDER BY at DESC, id DESC LIMIT ?"}),
          read_check_in, key_result_id, static_cast<std::int64_t>(limit));
  std::reverse(list.begin(), list.end());
  return list;
}

std::optional<CheckIn> SqlTransaction::latest_check_in_before(Id key_result_id, Instant before) {
  return one(cat({"SELECT ", kCheckInCols,
                  " FROM check_ins WHERE key_result_id = ? AND at < ? "
                  "ORDER BY at DESC, id DESC LIMIT 1"}),
             read_check_in, key_result_id, format_instant(before));
}

std::optional<CheckIn> SqlTransaction::latest_check_in(Id key_result_id) {
  return one(cat({"SELECT ", kCheckInCols,
                  " FROM check_ins WHERE key_result_id = ? ORDER BY at DESC, id DESC LIMIT 1"}),
             read_check_in, key_result_id);
}

std::optional<CheckIn> SqlTransaction::latest_check_in_of(std::optional<Id> id,
                                                          const std::string& key) {
  if (id) return latest_check_in(*id);
  return one(cat({"SELECT ", kCheckInCols,
                  " FROM check_ins WHERE key_result_id = (SELECT id FROM key_results WHERE key = "
                  "?) ORDER BY at DESC, id DESC LIMIT 1"}),
             read_check_in, key);
}

std::map<Id, std::vector<CheckIn>> SqlTransaction::recent_check_ins_of(
    const std::vector<Id>& key_results, int limit) {
  if (connection().dialect() != Dialect::postgres)
    return Transaction::recent_check_ins_of(key_results, limit);
  std::map<Id, std::vector<CheckIn>> out;
  if (key_results.empty()) return out;
  auto st =
      prepare(cat({"SELECT ", kCheckInColsOf,
                   " FROM unnest(?::bigint[]) AS k(id) CROSS JOIN LATERAL (SELECT ", kCheckInCols,
                   " FROM check_ins WHERE key_result_id = k.id "
                   "ORDER BY at DESC, id DESC LIMIT ?) c"}));
  st.bind_all(id_array(key_results), static_cast<std::int64_t>(limit));
  while (st.step()) {
    auto c = read_check_in(st);
    out[c.key_result_id].push_back(std::move(c));
  }
  for (auto& [k, list] : out) std::reverse(list.begin(), list.end());
  return out;
}

std::map<Id, std::vector<std::optional<CheckIn>>> SqlTransaction::latest_check_ins_before(
    const std::vector<Id>& key_results, const std::vector<Instant>& before) {
  if (connection().dialect() != Dialect::postgres)
    return Transaction::latest_check_ins_before(key_results, before);
  std::map<Id, std::vector<std::optional<CheckIn>>> out;
  for (Id k : key_results) out[k].assign(before.size(), std::nullopt);
  if (key_results.empty() || before.empty()) return out;
  // One index seek per key result and date, as latest_check_in_before, in one statement.
  auto st = prepare(cat({"SELECT ", kCheckInColsOf,
                         ", d.n FROM unnest(?::bigint[]) AS k(id) "
                         "CROSS JOIN unnest(?::text[]) WITH ORDINALITY AS d(at, n) "
                         "CROSS JOIN LATERAL (SELECT ",
                         kCheckInCols,
                         " FROM check_ins WHERE key_result_id = k.id AND at < d.at COLLATE \"C\" "
                         "ORDER BY at DESC, id DESC LIMIT 1) c"}));
  st.bind_all(id_array(key_results), instant_array(before));
  while (st.step()) {
    auto c = read_check_in(st);
    const auto n = static_cast<std::size_t>(st.i64(7)) - 1;
    auto& list = out[c.key_result_id];
    if (n < list.size()) list[n] = std::move(c);
  }
  return out;
}

std::map<Id, CheckIn> SqlTransaction::latest_check_ins(Id cycle_id) {
  // One index seek per key result of the cycle (check_ins_key_result_at), rather
  // than a correlated lookup for every check-in the cycle holds.
  auto st = prepare(cat({"SELECT ", kCheckInColsOf,
                         " FROM objectives o JOIN key_results kr ON kr.objective_id = o.id "
                         "JOIN check_ins c ON c.id = (SELECT c2.id FROM check_ins c2 "
                         "WHERE c2.key_result_id = kr.id ORDER BY c2.at DESC, c2.id DESC LIMIT 1) "
                         "WHERE o.cycle_id = ?"}));
  st.bind(cycle_id);
  std::map<Id, CheckIn> out;
  while (st.step()) {
    auto c = read_check_in(st);
    out.emplace(c.key_result_id, c);
  }
  return out;
}

}  // namespace okr::sql
