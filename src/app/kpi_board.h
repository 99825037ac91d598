// KPIs beside the OKRs: each KPI with its latest measurement, its computed health
// (core/kpi_health.h) and the key results that follow it; recording measurements one
// at a time or from a CSV file.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "core/kpi_health.h"

namespace okr::app {

struct KpiState {
  Kpi kpi;
  std::string team_key;   // empty for a company-wide KPI
  std::string team_name;  // likewise
  std::optional<Measurement> latest;
  std::optional<KpiHealth> health;
  std::optional<Direction> direction;
  std::vector<std::string> key_results;  // keys of the key results following it
};

// Every KPI (or one team's), by key.
Result<std::vector<KpiState>> kpi_board(App& app, const std::optional<std::string>& team);
Result<KpiState> kpi_state(App& app, const std::string& id_or_key);
// The latest `limit` measurements of each KPI named, oldest first, read in one
// transaction (a board's small charts).
Result<std::map<Id, std::vector<Measurement>>> recent_series(App& app, const std::vector<Id>& kpis,
                                                             int limit);

// Records one measurement of the KPI named by key or id (see add_measurement).
Result<Measurement> record_measurement(App& app, const std::string& kpi, double value,
                                       std::optional<Instant> at, const Actor& actor);

struct MeasurementImportSummary {
  int recorded = 0;
  struct Skipped {
    int line = 0;
    std::string message;
  };
  std::vector<Skipped> skipped;  // by line
};

// Records measurements from CSV text with the columns `kpi` (key or id), `value` and,
// optionally, `at` (ISO date or time; default now). A bad row (unknown KPI, a value
// that is not a finite number, a time that does not parse or lies in the future, a
// KPI the actor may not measure) is reported by line and skipped; the good rows are
// recorded in one transaction. A file that is not CSV, or lacks `kpi` or `value`,
// records nothing.
Result<MeasurementImportSummary> import_measurements(App& app, const std::string& text,
                                                     const Actor& actor);

}  // namespace okr::app
