// KPIs and their measurements.
#include <algorithm>

#include "storage/sql/rows.h"
#include "storage/sql/sql_transaction.h"

namespace okr::sql {

Id SqlTransaction::create_kpi(const Kpi& k) {
  return insert(
      "INSERT INTO kpis (key, name, team_id, unit, healthy_low, healthy_high, warning_low, "
      "warning_high) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      k.key, k.name, k.team_id, k.unit, k.healthy_low, k.healthy_high, k.warning_low,
      k.warning_high);
}

std::int64_t SqlTransaction::update_kpi(const Kpi& k) {
  prepare(
      "UPDATE kpis SET key = ?, name = ?, team_id = ?, unit = ?, healthy_low = ?, "
      "healthy_high = ?, warning_low = ?, warning_high = ?, version = version + 1 "
      "WHERE id = ? AND version = ?")
      .bind_all(k.key, k.name, k.team_id, k.unit, k.healthy_low, k.healthy_high, k.warning_low,
                k.warning_high, k.id, k.version)
      .run();
  return after_update("KPI", "kpis", k.id, k.version);
}

std::optional<Kpi> SqlTransaction::find_kpi(Id id) {
  return one(cat({"SELECT ", kKpiCols, " FROM kpis WHERE id = ?"}), read_kpi, id);
}

std::optional<Kpi> SqlTransaction::find_kpi_by_key(const std::string& key) {
  return one(cat({"SELECT ", kKpiCols, " FROM kpis WHERE key = ?"}), read_kpi, key);
}

std::vector<Kpi> SqlTransaction::list_kpis() {
  return all(cat({"SELECT ", kKpiCols, " FROM kpis ORDER BY key"}), read_kpi);
}

Id SqlTransaction::add_measurement(const Measurement& m) {
  return insert("INSERT INTO measurements (kpi_id, value, at) VALUES (?, ?, ?) RETURNING id",
                m.kpi_id, m.value, format_instant(m.at));
}

std::vector<Measurement> SqlTransaction::recent_measurements(Id kpi_id, int limit) {
  auto st = prepare(
      "SELECT id, kpi_id, value, at FROM measurements WHERE kpi_id = ? "
      "ORDER BY at DESC, id DESC LIMIT ?");
  st.bind_all(kpi_id, static_cast<std::int64_t>(limit));
  std::vector<Measurement> out;
  while (st.step()) out.push_back({st.i64(0), st.i64(1), st.f64(2), to_instant(st.text(3))});
  std::reverse(out.begin(), out.end());
  return out;
}

std::vector<Measurement> SqlTransaction::list_measurements(Id kpi_id) {
  auto st =
      prepare("SELECT id, kpi_id, value, at FROM measurements WHERE kpi_id = ? ORDER BY at, id");
  st.bind(kpi_id);
  std::vector<Measurement> out;
  while (st.step()) out.push_back({st.i64(0), st.i64(1), st.f64(2), to_instant(st.text(3))});
  return out;
}

std::optional<Measurement> SqlTransaction::latest_measurement(Id kpi_id, Instant before) {
  return one(
      "SELECT id, kpi_id, value, at FROM measurements WHERE kpi_id = ? AND at < ? "
      "ORDER BY at DESC, id DESC LIMIT 1",
      [](const Statement& st) {
        return Measurement{st.i64(0), st.i64(1), st.f64(2), to_instant(st.text(3))};
      },
      kpi_id, format_instant(before));
}

std::map<Id, Measurement> SqlTransaction::latest_measurements(const std::vector<Id>& kpi_ids,
                                                              Instant before) {
  std::map<Id, Measurement> out;
  if (kpi_ids.empty()) return out;
  // One index seek per KPI, as latest_measurement.
  auto st =
      prepare(cat({"SELECT m.id, m.kpi_id, m.value, m.at FROM measurements m WHERE m.id IN "
                   "(SELECT (SELECT m2.id FROM measurements m2 WHERE m2.kpi_id = k.id "
                   "AND m2.at < ? ORDER BY m2.at DESC, m2.id DESC LIMIT 1) FROM ",
                   ids_table(), ")"}));
  st.bind(format_instant(before)).bind(ids(kpi_ids));
  while (st.step())
    out.emplace(st.i64(1), Measurement{st.i64(0), st.i64(1), st.f64(2), to_instant(st.text(3))});
  return out;
}

}  // namespace okr::sql
