// A KPI's health: where its latest measurement sits against its ranges.
//
//   healthy  — inside the healthy range;
//   warning  — outside it, but inside the warning range;
//   critical — outside both (or outside the healthy range of a KPI with no warning range).
//
// Bounds are inclusive, and a missing bound is open: a healthy range with only a low
// bound means "higher is better". A KPI with no healthy bound at all, or with no
// measurement yet, has no health. Pure.
#pragma once

#include <optional>
#include <string_view>

#include "core/model.h"

namespace okr {

enum class KpiHealth { healthy, warning, critical };
std::string_view to_string(KpiHealth h);

std::optional<KpiHealth> kpi_health(const Kpi& kpi, std::optional<double> latest);

// Which way is good, from the healthy range: only a low bound → increase, only a high
// bound → decrease, both → within; nullopt without bounds.
std::optional<Direction> kpi_direction(const Kpi& kpi);

}  // namespace okr
