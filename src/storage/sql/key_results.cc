// Key results.
#include <map>

#include "storage/sql/rows.h"
#include "storage/sql/sql_transaction.h"

namespace okr::sql {

Id SqlTransaction::create_key_result(const KeyResult& k) {
  return insert(
      "INSERT INTO key_results (key, objective_id, title, metric, unit, start_value, "
      "target_value, range_low, range_high, tolerance, weight, owner_id, kpi_id, indicator, "
      "driven_by_aligned) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      k.key, k.objective_id, k.title, to_string(k.metric), k.unit, k.start, k.target, k.range_low,
      k.range_high, k.tolerance, k.weight, k.owner_id, k.kpi_id, to_string(k.indicator),
      k.driven_by_aligned);
}

std::vector<Id> SqlTransaction::create_key_results(const std::vector<KeyResult>& key_results) {
  std::map<std::string, Id> by_key;  // keys are unique: the order rows come back in is free
  write_rows(
      "INSERT INTO key_results (key, objective_id, title, metric, unit, start_value, "
      "target_value, range_low, range_high, tolerance, weight, owner_id, kpi_id, indicator, "
      "driven_by_aligned) VALUES ",
      "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", " RETURNING id, key", key_results,
      [](Statement& st, const KeyResult& k) {
        st.bind_all(k.key, k.objective_id, k.title, to_string(k.metric), k.unit, k.start, k.target,
                    k.range_low, k.range_high, k.tolerance, k.weight, k.owner_id, k.kpi_id,
                    to_string(k.indicator), k.driven_by_aligned);
      },
      [&](Statement& st) { by_key[st.text(1)] = st.i64(0); });
  std::vector<Id> ids;
  ids.reserve(key_results.size());
  for (const auto& k : key_results) ids.push_back(by_key.at(k.key));
  return ids;
}

std::int64_t SqlTransaction::update_key_result(const KeyResult& k) {
  prepare(
      "UPDATE key_results SET key = ?, objective_id = ?, title = ?, metric = ?, unit = ?, "
      "start_value = ?, target_value = ?, range_low = ?, range_high = ?, tolerance = ?, "
      "weight = ?, owner_id = ?, kpi_id = ?, indicator = ?, driven_by_aligned = ?, "
      "version = version + 1 WHERE id = ? AND version = ?")
      .bind_all(k.key, k.objective_id, k.title, to_string(k.metric), k.unit, k.start, k.target,
                k.range_low, k.range_high, k.tolerance, k.weight, k.owner_id, k.kpi_id,
                to_string(k.indicator), k.driven_by_aligned, k.id, k.version)
      .run();
  return after_update("key result", "key_results", k.id, k.version);
}

void SqlTransaction::delete_key_result(Id id) {
  prepare("DELETE FROM key_results WHERE id = ?").bind(id).run();
  require_changed("key result", id);
}

std::optional<KeyResult> SqlTransaction::find_key_result(Id id) {
  return one(cat({"SELECT ", kKeyResultCols, " FROM key_results WHERE id = ?"}), read_key_result,
             id);
}

std::optional<KeyResult> SqlTransaction::find_key_result_by_key(const std::string& key) {
  return one(cat({"SELECT ", kKeyResultCols, " FROM key_results WHERE key = ?"}), read_key_result,
             key);
}

std::optional<Transaction::KeyResultPlace> SqlTransaction::find_key_result_place(
    std::optional<Id> id, const std::string& key) {
  static const std::string columns =
      cat({columns_of("k", kKeyResultCols), ", ", columns_of("o", kObjectiveCols)});
  static const std::string cycle_columns = columns_of("c", kCycleCols);
  constexpr int kKeyResultColumns = column_count(kKeyResultCols);
  constexpr int kObjectiveColumns = column_count(kObjectiveCols) + 1;  // and its contributors
  constexpr int kCycleColumns = column_count(kCycleCols);
  // What a write about a key result (a check-in) reads next comes along: the settings
  // (its status rule), unless this transaction has them, and whether any endpoint
  // listens (a webhook or chat channel to tell). Each is a statement less.
  const bool postgres = connection().dialect() == Dialect::postgres;
  const bool settings = settings_unread();
  const std::string q =
      cat({"SELECT ", columns, ", ", contributors_column(connection().dialect()), ", ",
           cycle_columns, ", CASE WHEN EXISTS (SELECT 1 FROM endpoints) THEN 1 ELSE 0 END",
           settings ? (postgres ? ", (SELECT json_object_agg(key, value) FROM settings)::text"
                                : ", (SELECT json_group_object(key, value) FROM settings)")
                    : "",
           " FROM key_results k JOIN objectives o ON o.id = k.objective_id "
           "JOIN cycles c ON c.id = o.cycle_id WHERE ",
           id ? "k.id = ?" : "k.key = ?"});
  auto st = prepare(q);
  if (id)
    st.bind(*id);
  else
    st.bind(key);
  if (!st.step()) return std::nullopt;
  constexpr int kAfter = kKeyResultColumns + kObjectiveColumns + kCycleColumns;
  if (st.i64(kAfter) == 0) no_endpoints_ = true;
  if (settings) keep_settings(st.is_null(kAfter + 1) ? std::string() : st.text(kAfter + 1));
  return KeyResultPlace{read_key_result(st),
                        read_with_contributors(st.columns_from(kKeyResultColumns)),
                        read_cycle(st.columns_from(kKeyResultColumns + kObjectiveColumns))};
}

std::vector<KeyResult> SqlTransaction::find_key_results_by_keys(
    const std::vector<std::string>& keys) {
  if (keys.empty()) return {};
  return all(cat({"SELECT ", kKeyResultCols, " FROM key_results WHERE ", in_texts("key")}),
             read_key_result, texts(keys));
}

std::vector<KeyResult> SqlTransaction::list_key_results(Id objective_id) {
  return all(
      cat({"SELECT ", kKeyResultCols, " FROM key_results WHERE objective_id = ? ORDER BY id"}),
      read_key_result, objective_id);
}

std::vector<KeyResult> SqlTransaction::list_key_results_in_cycle(Id cycle_id) {
  return all(cat({"SELECT ", kKeyResultCols,
                  " FROM key_results WHERE objective_id IN "
                  "(SELECT id FROM objectives WHERE cycle_id = ?) ORDER BY objective_id, id"}),
             read_key_result, cycle_id);
}

std::vector<KeyResult> SqlTransaction::list_key_results_owned_by(Id owner_id, Id cycle_id) {
  return all(cat({"SELECT ", kKeyResultCols,
                  " FROM key_results WHERE owner_id = ? AND objective_id IN "
                  "(SELECT id FROM objectives WHERE cycle_id = ?) ORDER BY objective_id, id"}),
             read_key_result, owner_id, cycle_id);
}

std::vector<KeyResult> SqlTransaction::find_key_results(const std::vector<Id>& ids) {
  if (ids.empty()) return {};
  return all(
      cat({"SELECT ", kKeyResultCols, " FROM key_results WHERE ", in_ids("id"), " ORDER BY id"}),
      read_key_result, this->ids(ids));
}

std::vector<KeyResult> SqlTransaction::list_key_results_of(const std::vector<Id>& objective_ids) {
  if (objective_ids.empty()) return {};
  return all(cat({"SELECT ", kKeyResultCols, " FROM key_results WHERE ", in_ids("objective_id"),
                  " ORDER BY objective_id, id"}),
             read_key_result, ids(objective_ids));
}

}  // namespace okr::sql
