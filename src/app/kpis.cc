// KPIs (constant health signals) and their measurements.
#include <cmath>

#include "app/audit.h"
#include "app/edit.h"
#include "app/permissions.h"
#include "app/resources.h"
#include "core/validate.h"

namespace okr::app {
namespace {

// Administrators manage company-wide KPIs; a team's leads manage the team's.
void require_kpi_editor(Transaction& tx, const Actor& actor, const Kpi& k) {
  if (k.team_id)
    require(tx, actor, Permission::manage_team, *k.team_id, std::nullopt, "manage KPIs");
  else
    require_admin(actor, "manage company-wide KPIs");
}

void check_references(Transaction& tx, const Kpi& k) {
  if (k.team_id && !tx.find_team(*k.team_id))
    fail(Error::invalid("team_id", "team " + std::to_string(*k.team_id) + " does not exist"));
  if (auto other = tx.find_kpi_by_key(k.key); other && other->id != k.id)
    fail(Error::conflict("key", "KPI key '" + k.key + "' is already taken"));
}

void apply(Kpi& k, const KpiFields& f) {
  set(k.key, f.key);
  set(k.name, f.name);
  set(k.unit, f.unit);
  set(k.team_id, f.team_id);
  set(k.healthy_low, f.healthy_low);
  set(k.healthy_high, f.healthy_high);
  set(k.warning_low, f.warning_low);
  set(k.warning_high, f.warning_high);
}

}  // namespace

std::optional<std::string> closed_cycle_conflict(Transaction& tx, const Kpi& kpi, Instant at) {
  for (const auto& cycle : tx.list_cycles()) {
    if (cycle.state != CycleState::closed) continue;
    // A key result's value is the latest measurement before the day after its cycle ends.
    const Instant cycle_over = start_of_day(add_days(cycle.end, 1));
    if (at >= cycle_over) continue;
    if (auto last = tx.latest_measurement(kpi.id, cycle_over); last && at < last->at) continue;
    for (const auto& kr : tx.list_key_results_in_cycle(cycle.id))
      if (kr.kpi_id == kpi.id)
        return "cycle " + cycle.name + " is closed and its key result '" + kr.key +
               "' follows KPI '" + kpi.key + "': a measurement dated " + format_instant(at) +
               " would change its final grade; reopen the cycle to grading first, or date the "
               "measurement after " +
               format_date(cycle.end);
  }
  return std::nullopt;
}

Result<Kpi> create_kpi(App& app, const KpiFields& f, const Actor& actor) {
  return run(app.store(), Store::Mode::write, [&](Transaction& tx) {
    if (!f.key) fail(Error::invalid("key", "a new KPI needs a 'key'"));
    if (!f.name) fail(Error::invalid("name", "a new KPI needs a 'name'"));
    Kpi k;
    apply(k, f);
    if (auto e = validate(k)) fail(*e);
    check_references(tx, k);
    require_kpi_editor(tx, actor, k);
    k.id = tx.create_kpi(k);
    k.version = 1;
    audit<Kpi>(tx, actor, app.now(), "create", "kpi", k.id, std::nullopt, k);
    return k;
  });
}

Result<Kpi> update_kpi(App& app, Id id, std::int64_t version, const KpiFields& f,
                       const Actor& actor) {
  return run(app.store(), Store::Mode::write, [&](Transaction& tx) {
    auto before = tx.find_kpi(id);
    if (!before) fail(Error::not_found("id", "KPI " + std::to_string(id) + " does not exist"));
    require_kpi_editor(tx, actor, *before);
    check_version(before->version, version, "KPI '" + before->key + "'");
    Kpi k = *before;
    apply(k, f);
    if (auto e = validate(k)) fail(*e);
    check_references(tx, k);
    if (k.team_id != before->team_id) require_kpi_editor(tx, actor, k);
    if (k == *before) return k;
    k.version = tx.update_kpi(k);
    audit<Kpi>(tx, actor, app.now(), "update", "kpi", k.id, before, k);
    return k;
  });
}

Result<Kpi> get_kpi(App& app, const std::string& id_or_key) {
  return run(app.store(), Store::Mode::read, [&](Transaction& tx) {
    auto id = parse_id(id_or_key);
    auto k = id ? tx.find_kpi(*id) : tx.find_kpi_by_key(id_or_key);
    if (!k) fail(Error::not_found("kpi", "no KPI '" + id_or_key + "'"));
    return *k;
  });
}

Result<std::vector<Kpi>> list_kpis(App& app) {
  return run(app.store(), Store::Mode::read, [](Transaction& tx) { return tx.list_kpis(); });
}

Result<Measurement> add_measurement(App& app, Id kpi_id, double value, std::optional<Instant> at,
                                    const Actor& actor) {
  return run(app.store(), Store::Mode::write, [&](Transaction& tx) {
    auto k = tx.find_kpi(kpi_id);
    if (!k) fail(Error::not_found("kpi", "KPI " + std::to_string(kpi_id) + " does not exist"));
    if (k->team_id)
      require(tx, actor, Permission::check_in, *k->team_id, std::nullopt, "measure KPIs");
    else
      require_admin(actor, "measure company-wide KPIs");
    Measurement m{0, kpi_id, value, at.value_or(app.now())};
    if (auto e = validate(m)) fail(*e);
    if (m.at > app.now() + kClockSkew)
      fail(Error::invalid("at", "a measurement cannot be dated in the future"));
    if (auto why = closed_cycle_conflict(tx, *k, m.at)) fail(Error::conflict("at", *why));
    m.id = tx.add_measurement(m);
    tx.add_audit_event({0, app.now(), actor.user_id, "measure", "kpi", kpi_id, "",
                        "{\"value\":" + std::to_string(value) + "}"});
    return m;
  });
}

Result<std::vector<Measurement>> list_measurements(App& app, Id kpi_id) {
  return run(app.store(), Store::Mode::read, [&](Transaction& tx) {
    if (!tx.find_kpi(kpi_id))
      fail(Error::not_found("kpi", "KPI " + std::to_string(kpi_id) + " does not exist"));
    return tx.list_measurements(kpi_id);
  });
}

}  // namespace okr::app
