// What numbers may mean: measured quantities within ±10^15, weights in (0, 1000].
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/pace.h"
#include "core/validate.h"

namespace okr {
namespace {

KeyResult percent_kr() {
  KeyResult kr;
  kr.key = "growth-activation";
  kr.title = "Activation rate from 40% to 55%";
  kr.metric = MetricKind::percent;
  kr.start = 40;
  kr.target = 55;
  return kr;
}

TEST(NumberBounds, KeyResultNumbersNameTheFieldOutOfBounds) {
  const double inf = std::numeric_limits<double>::infinity();
  struct Case {
    double KeyResult::*member;
    const char* field;
  };
  for (auto [member, field] :
       {Case{&KeyResult::start, "start"}, Case{&KeyResult::target, "target"},
        Case{&KeyResult::range_low, "low"}, Case{&KeyResult::range_high, "high"},
        Case{&KeyResult::tolerance, "tolerance"}}) {
    for (double bad : {1e308, -1.7e308, 1.000001e15, inf, std::nan("")}) {
      KeyResult kr = percent_kr();
      kr.*member = bad;
      auto e = validate(kr);
      ASSERT_TRUE(e) << field << " = " << bad;
      EXPECT_EQ(e->field, field);
      EXPECT_NE(e->message.find("1e15"), std::string::npos) << e->message;
    }
  }
  KeyResult edge = percent_kr();
  edge.start = -1e15;
  edge.target = 1e15;
  EXPECT_FALSE(validate(edge));
}

TEST(NumberBounds, WeightIsPositiveAndAtMostAThousand) {
  for (double bad :
       {0.0, -1.0, 1000.5, 1e308, std::numeric_limits<double>::infinity(), std::nan("")}) {
    KeyResult kr = percent_kr();
    kr.weight = bad;
    auto e = validate(kr);
    ASSERT_TRUE(e) << bad;
    EXPECT_EQ(e->field, "weight");
  }
  for (double good : {0.001, 1.0, 1000.0}) {
    KeyResult kr = percent_kr();
    kr.weight = good;
    EXPECT_FALSE(validate(kr)) << good;
  }
}

TEST(NumberBounds, CheckInValueConfidenceAndMeasurement) {
  KeyResult kr = percent_kr();
  CheckIn c;
  c.value = 1.7e308;
  auto e = validate(c, kr);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field, "value");
  c.value = 50;
  c.confidence = std::nan("");
  e = validate(c, kr);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field, "confidence");
  c.confidence = 0.7;
  EXPECT_FALSE(validate(c, kr));

  Measurement m;
  m.value = -2e15;
  e = validate(m);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field, "value");
  m.value = 42;
  EXPECT_FALSE(validate(m));

  Kpi k;
  k.key = "uptime";
  k.name = "Uptime";
  k.warning_high = 1e300;
  e = validate(k);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field, "warning_high");
}

TEST(NumberBounds, ForecastOfHugeValuesIsAbsentNotInfinite) {
  std::vector<CheckIn> check_ins(3);
  const Instant t0 = std::chrono::sys_days{std::chrono::year{2026} / 10 / 1};
  for (int i = 0; i < 3; ++i) {
    check_ins[i].at = t0 + std::chrono::days{i};
    check_ins[i].value = i % 2 ? -1.7e308 : 1.7e308;
  }
  auto f = forecast(check_ins, t0 + std::chrono::days{90});
  if (f) {
    EXPECT_TRUE(std::isfinite(f->value));
    EXPECT_TRUE(std::isfinite(f->low));
    EXPECT_TRUE(std::isfinite(f->high));
  }
}

}  // namespace
}  // namespace okr
