// KPI health at each boundary of its ranges.
#include "core/kpi_health.h"

#include <gtest/gtest.h>

namespace okr {
namespace {

Kpi kpi(std::optional<double> hl, std::optional<double> hh, std::optional<double> wl,
        std::optional<double> wh) {
  Kpi k;
  k.key = "k";
  k.name = "K";
  k.healthy_low = hl;
  k.healthy_high = hh;
  k.warning_low = wl;
  k.warning_high = wh;
  return k;
}

TEST(KpiHealth, TwoSidedRangesAtEveryBoundary) {
  // API availability: healthy 99.9–100, warning 99.5–100.
  auto k = kpi(99.9, 100, 99.5, 100);
  EXPECT_EQ(kpi_health(k, 100), KpiHealth::healthy);   // healthy high, inclusive
  EXPECT_EQ(kpi_health(k, 99.9), KpiHealth::healthy);  // healthy low, inclusive
  EXPECT_EQ(kpi_health(k, 99.89), KpiHealth::warning);
  EXPECT_EQ(kpi_health(k, 99.5), KpiHealth::warning);  // warning low, inclusive
  EXPECT_EQ(kpi_health(k, 99.49), KpiHealth::critical);
  EXPECT_EQ(kpi_health(k, 100.01), KpiHealth::critical);  // above both
  EXPECT_EQ(kpi_direction(k), Direction::within);
}

TEST(KpiHealth, OneSidedRangesSayWhichWayIsGood) {
  // Open support tickets: healthy up to 120, warning up to 200 (lower is better).
  auto tickets = kpi(std::nullopt, 120, std::nullopt, 200);
  EXPECT_EQ(kpi_health(tickets, 0), KpiHealth::healthy);
  EXPECT_EQ(kpi_health(tickets, 120), KpiHealth::healthy);
  EXPECT_EQ(kpi_health(tickets, 120.5), KpiHealth::warning);
  EXPECT_EQ(kpi_health(tickets, 200), KpiHealth::warning);
  EXPECT_EQ(kpi_health(tickets, 201), KpiHealth::critical);
  EXPECT_EQ(kpi_direction(tickets), Direction::decrease);
  // NPS: healthy from 40, warning from 30 (higher is better).
  auto nps = kpi(40, std::nullopt, 30, std::nullopt);
  EXPECT_EQ(kpi_health(nps, 1000), KpiHealth::healthy);
  EXPECT_EQ(kpi_health(nps, 40), KpiHealth::healthy);
  EXPECT_EQ(kpi_health(nps, 39.99), KpiHealth::warning);
  EXPECT_EQ(kpi_health(nps, 30), KpiHealth::warning);
  EXPECT_EQ(kpi_health(nps, 29.99), KpiHealth::critical);
  EXPECT_EQ(kpi_direction(nps), Direction::increase);
}

TEST(KpiHealth, WithoutAWarningRangeOutsideHealthyIsCritical) {
  auto k = kpi(10, 20, std::nullopt, std::nullopt);
  EXPECT_EQ(kpi_health(k, 15), KpiHealth::healthy);
  EXPECT_EQ(kpi_health(k, 9.99), KpiHealth::critical);
  EXPECT_EQ(kpi_health(k, 20.01), KpiHealth::critical);
}

TEST(KpiHealth, NoMeasurementOrNoRangeMeansNoHealth) {
  EXPECT_EQ(kpi_health(kpi(1, 2, 0, 3), std::nullopt), std::nullopt);
  EXPECT_EQ(kpi_health(kpi(std::nullopt, std::nullopt, 0, 3), 1), std::nullopt);
  EXPECT_EQ(kpi_direction(kpi(std::nullopt, std::nullopt, 0, 3)), std::nullopt);
}

}  // namespace
}  // namespace okr
