#include "core/kpi_health.h"

namespace okr {
namespace {

bool within(double v, std::optional<double> low, std::optional<double> high) {
  return (!low || v >= *low) && (!high || v <= *high);
}

}  // namespace

std::string_view to_string(KpiHealth h) {
  switch (h) {
    case KpiHealth::healthy:
      return "healthy";
    case KpiHealth::warning:
      return "warning";
    case KpiHealth::critical:
      return "critical";
  }
  return "critical";
}

std::optional<KpiHealth> kpi_health(const Kpi& k, std::optional<double> latest) {
  if (!latest || (!k.healthy_low && !k.healthy_high)) return std::nullopt;
  if (within(*latest, k.healthy_low, k.healthy_high)) return KpiHealth::healthy;
  if ((k.warning_low || k.warning_high) && within(*latest, k.warning_low, k.warning_high))
    return KpiHealth::warning;
  return KpiHealth::critical;
}

std::optional<Direction> kpi_direction(const Kpi& k) {
  if (k.healthy_low && k.healthy_high) return Direction::within;
  if (k.healthy_low) return Direction::increase;
  if (k.healthy_high) return Direction::decrease;
  return std::nullopt;
}

}  // namespace okr
