#include "app/kpi_board.h"

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>
#include <cmath>

#include "app/lookup.h"
#include "app/okrs.h"
#include "app/permissions.h"
#include "app/resources.h"
#include "app/run.h"
#include "formats/csv.h"
#include "formats/json_model.h"

namespace okr::app {
namespace {

KpiState state_of(Transaction& tx, const Kpi& k, const std::vector<KeyResult>& followers) {
  KpiState s;
  s.kpi = k;
  if (k.team_id)
    if (auto t = tx.find_team(*k.team_id)) {
      s.team_key = t->key;
      s.team_name = t->name;
    }
  // Measurements are never dated in the future (kClockSkew aside): the latest of all.
  static const Instant end_of_time = *parse_instant("9999-12-31T23:59:59Z");
  s.latest = tx.latest_measurement(k.id, end_of_time);
  s.health = kpi_health(k, s.latest ? std::optional<double>(s.latest->value) : std::nullopt);
  s.direction = kpi_direction(k);
  for (const auto& kr : followers)
    if (kr.kpi_id == k.id) s.key_results.push_back(kr.key);
  return s;
}

// Key results of the current cycle (the one containing today, else the latest) that
// follow a KPI.
std::vector<KeyResult> followers(Transaction& tx, Date today) {
  auto cycles = tx.list_cycles();
  std::optional<Cycle> current;
  for (const auto& c : cycles) {
    if (std::chrono::sys_days{c.start} <= std::chrono::sys_days{today} &&
        std::chrono::sys_days{today} <= std::chrono::sys_days{c.end})
      current = c;
  }
  if (!current && !cycles.empty()) current = cycles.back();
  std::vector<KeyResult> out;
  if (!current) return out;
  for (auto& k : tx.list_key_results_in_cycle(current->id))
    if (k.kpi_id) out.push_back(std::move(k));
  return out;
}

std::optional<double> parse_number(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v))
    return std::nullopt;
  return v;
}

}  // namespace

Result<std::vector<KpiState>> kpi_board(App& app, const std::optional<std::string>& team) {
  return run(app.store(), Store::Mode::read, [&](Transaction& tx) {
    std::optional<Id> team_id;
    if (team) {
      team_id = team_keyed(tx, *team).id;
    }
    auto follow = followers(tx, app.today());
    std::vector<KpiState> out;
    for (const auto& k : tx.list_kpis())
      if (!team_id || k.team_id == team_id) out.push_back(state_of(tx, k, follow));
    std::sort(out.begin(), out.end(),
              [](const KpiState& a, const KpiState& b) { return a.kpi.key < b.kpi.key; });
    return out;
  });
}

Result<KpiState> kpi_state(App& app, const std::string& id_or_key) {
  return run(app.store(), Store::Mode::read, [&](Transaction& tx) {
    auto id = parse_id(id_or_key);
    auto k = id ? tx.find_kpi(*id) : tx.find_kpi_by_key(id_or_key);
    if (!k) fail(Error::not_found("kpi", "no KPI '" + id_or_key + "'"));
    return state_of(tx, *k, followers(tx, app.today()));
  });
}

Result<Measurement> record_measurement(App& app, const std::string& kpi, double value,
                                       std::optional<Instant> at, const Actor& actor) {
  auto k = get_kpi(app, kpi);
  if (!k) return k.error();
  return add_measurement(app, k->id, value, at, actor);
}

Result<MeasurementImportSummary> import_measurements(App& app, const std::string& text,
                                                     const Actor& actor) {
  auto table = formats::csv::read(text, {',', 4096, 200'000});
  if (!table) return table.error();
  for (const char* column : {"kpi", "value"})
    if (!table->has_column(column))
      return Error::invalid("file", std::string("the file needs a '") + column +
                                        "' column (columns: kpi, value, at)");
  return run(app.store(), Store::Mode::write, [&](Transaction& tx) {
    MeasurementImportSummary out;
    for (const auto& r : table->rejected) out.skipped.push_back({r.line, r.message});
    const Instant now = app.now();
    for (const auto& r : table->records) {
      auto skip = [&](std::string message) { out.skipped.push_back({r.line, std::move(message)}); };
      std::string key = table->first(r, "kpi");
      auto id = parse_id(key);
      auto k = key.empty() ? std::nullopt : id ? tx.find_kpi(*id) : tx.find_kpi_by_key(key);
      if (!k) {
        skip(key.empty() ? "the row names no KPI" : "no KPI '" + key + "'");
        continue;
      }
      auto value = parse_number(table->first(r, "value"));
      if (!value) {
        skip(k->key + ": value '" + table->first(r, "value") + "' is not a number");
        continue;
      }
      Instant at = now;
      if (std::string t = table->first(r, "at"); !t.empty()) {
        auto parsed = parse_instant(t);
        if (!parsed) {
          skip(k->key + ": at '" + t + "' is not a time; use 2026-11-23 or 2026-11-23T10:30:00Z");
          continue;
        }
        at = *parsed;
      }
      if (at > now + kClockSkew) {
        skip(k->key + ": a measurement cannot be dated in the future");
        continue;
      }
      bool may = k->team_id ? allowed(tx, actor, Permission::check_in, *k->team_id) : actor.admin;
      if (!may) {
        skip(k->key + ": you may not measure this KPI");
        continue;
      }
      if (auto why = closed_cycle_conflict(tx, *k, at)) {
        skip(k->key + ": " + *why);
        continue;
      }
      tx.add_measurement({0, k->id, *value, at});
      tx.add_audit_event({0, now, actor.user_id, "import", "kpi", k->id, "",
                          formats::to_text(boost::json::object{{"value", *value}})});
      ++out.recorded;
    }
    std::stable_sort(out.skipped.begin(), out.skipped.end(),
                     [](const auto& a, const auto& b) { return a.line < b.line; });
    return out;
  });
}

Result<std::map<Id, std::vector<Measurement>>> recent_series(App& app, const std::vector<Id>& kpis,
                                                             int limit) {
  return run(app.store(), Store::Mode::read, [&](Transaction& tx) {
    std::map<Id, std::vector<Measurement>> out;
    for (Id k : kpis) out[k] = tx.recent_measurements(k, limit);
    return out;
  });
}

}  // namespace okr::app
