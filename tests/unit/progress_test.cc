// The status rule, staleness, confidence bands, the forecast and the status history.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <string>

#include "core/pace.h"
#include "core/report.h"

namespace okr {
namespace {

const std::string kDir = std::string(OKR_TEST_DATA_DIR) + "/scoring/";

void check_cases(const YAML::Node& cases, const StatusRule& rule) {
  for (const auto& c : cases) {
    SCOPED_TRACE(c["name"].as<std::string>());
    std::optional<CheckIn> latest;
    if (c["checked_in"].as<bool>(true)) {
      latest = CheckIn{};
      if (c["confidence"]) latest->confidence = c["confidence"].as<double>();
    }
    Pace p = key_result_pace(c["score"].as<double>(), c["expected"].as<double>(), latest, rule);
    EXPECT_EQ(to_string(p), c["pace"].as<std::string>());
  }
}

TEST(StatusRule, CasesFromData) {
  auto doc = YAML::LoadFile(kDir + "status.yaml");
  ASSERT_GE(doc["cases"].size(), 10u);
  check_cases(doc["cases"], StatusRule{});
  const auto r = doc["strict"]["rule"];
  StatusRule strict{r["on_track_within"].as<double>(), r["on_track_confidence"].as<double>(),
                    r["off_track_beyond"].as<double>(), r["off_track_confidence"].as<double>(),
                    r["unchecked_after"].as<double>()};
  check_cases(doc["strict"]["cases"], strict);
}

TEST(ConfidenceBands, HighFromSevenTenthsLowBelowFourTenths) {
  EXPECT_EQ(confidence_band(0.7), ConfidenceBand::high);
  EXPECT_EQ(confidence_band(0.69), ConfidenceBand::medium);
  EXPECT_EQ(confidence_band(0.4), ConfidenceBand::medium);
  EXPECT_EQ(confidence_band(0.39), ConfidenceBand::low);
  EXPECT_EQ(confidence_band(0.0), ConfidenceBand::low);
}

Cycle quarter(CycleState state = CycleState::active) {
  return Cycle{1, "2026-Q4", *parse_date("2026-10-01"), *parse_date("2026-12-31"), state, 1};
}

CheckIn at(const char* when, double value, std::optional<double> confidence = std::nullopt) {
  CheckIn c;
  c.key_result_id = 1;
  c.at = *parse_instant(when);
  c.value = value;
  c.confidence = confidence;
  return c;
}

TEST(Staleness, PastTheCadenceSinceTheLastCheckIn) {
  const Cycle c = quarter();
  const auto latest = std::optional(at("2026-11-02T10:00:00Z", 5));
  EXPECT_FALSE(is_stale(c, *parse_date("2026-11-09"), latest, 7));   // exactly a week
  EXPECT_TRUE(is_stale(c, *parse_date("2026-11-10"), latest, 7));    // eight days
  EXPECT_FALSE(is_stale(c, *parse_date("2026-11-10"), latest, 14));  // a fortnightly team
}

TEST(Staleness, NeverCheckedInCountsFromTheCycleStart) {
  const Cycle c = quarter();
  EXPECT_FALSE(is_stale(c, *parse_date("2026-10-08"), std::nullopt, 7));
  EXPECT_TRUE(is_stale(c, *parse_date("2026-10-09"), std::nullopt, 7));
}

TEST(Staleness, OnlyWhileTheCycleIsActive) {
  for (auto state : {CycleState::planning, CycleState::grading, CycleState::closed})
    EXPECT_FALSE(is_stale(quarter(state), *parse_date("2026-12-20"), std::nullopt, 7));
}

KeyResult increasing(double start, double target) {
  KeyResult k;
  k.id = 1;
  k.metric = MetricKind::number;
  k.start = start;
  k.target = target;
  return k;
}

TEST(Forecast, AbsentWithFewerThanTwoCheckIns) {
  const Instant end = *parse_instant("2027-01-01T00:00:00Z");
  std::vector<CheckIn> one{at("2026-10-05T00:00:00Z", 10)};
  EXPECT_FALSE(forecast_score(increasing(0, 100), one, end));
  EXPECT_FALSE(forecast_score(increasing(0, 100), {}, end));
}

TEST(Forecast, AStraightLineProjectsExactlyWithNoRange) {
  // 10 on Oct 1, 20 on Oct 11: a point a day, so 30 Oct 21 … 92 days from Oct 1 to Jan 1 → 102.
  const Instant end = *parse_instant("2027-01-01T00:00:00Z");
  std::vector<CheckIn> line{at("2026-10-01T00:00:00Z", 10), at("2026-10-11T00:00:00Z", 20)};
  auto f = forecast(line, end);
  ASSERT_TRUE(f);
  EXPECT_NEAR(f->value, 102, 1e-9);
  EXPECT_NEAR(f->low, 102, 1e-9);
  auto s = forecast_score(increasing(0, 200), line, end);
  ASSERT_TRUE(s);
  EXPECT_NEAR(s->value, 0.51, 1e-9);
  EXPECT_NEAR(s->low, 0.51, 1e-9);
  EXPECT_NEAR(s->high, 0.51, 1e-9);
}

TEST(Forecast, NoisyCheckInsGiveARangeAroundTheLine) {
  // x = 0, 10, 20 days; y = 10, 30, 20. Least squares: slope (3·700 − 30·60) / (3·500 −
  // 30²) = 0.5, intercept (60 − 0.5·30) / 3 = 15; fitted 15, 20, 25, residuals −5, 10, −5,
  // SSE 150, se = sqrt(150 / (3 − 2)) = 12.25. At day 92: 15 + 46 = 61.
  const Instant end = *parse_instant("2027-01-01T00:00:00Z");
  std::vector<CheckIn> noisy{at("2026-10-01T00:00:00Z", 10), at("2026-10-11T00:00:00Z", 30),
                             at("2026-10-21T00:00:00Z", 20)};
  auto f = forecast(noisy, end);
  ASSERT_TRUE(f);
  EXPECT_NEAR(f->value, 61, 1e-9);
  EXPECT_NEAR(f->high - f->value, std::sqrt(150.0), 1e-9);
  auto s = forecast_score(increasing(0, 100), noisy, end);
  ASSERT_TRUE(s);
  EXPECT_NEAR(s->value, 0.61, 1e-9);
  EXPECT_LT(s->low, s->value);
  EXPECT_GT(s->high, s->value);
}

TEST(Forecast, ADecreasingMetricKeepsLowBelowHigh) {
  const Instant end = *parse_instant("2027-01-01T00:00:00Z");
  KeyResult k = increasing(900, 500);  // decrease
  std::vector<CheckIn> noisy{at("2026-10-01T00:00:00Z", 900), at("2026-10-11T00:00:00Z", 850),
                             at("2026-10-21T00:00:00Z", 880)};
  auto s = forecast_score(k, noisy, end);
  ASSERT_TRUE(s);
  EXPECT_LE(s->low, s->value);
  EXPECT_LE(s->value, s->high);
}

TEST(Forecast, RollUpIsAbsentWhenAnyPartIsUnknown) {
  std::vector<WeightedForecast> parts{{Forecast{0.5, 0.4, 0.6}, 1}, {std::nullopt, 1}};
  EXPECT_FALSE(roll_up(parts));
  parts[1].forecast = Forecast{0.9, 0.8, 1.0};
  parts[1].weight = 3;
  auto f = roll_up(parts);
  ASSERT_TRUE(f);
  EXPECT_NEAR(f->value, (0.5 + 3 * 0.9) / 4, 1e-12);
  EXPECT_NEAR(f->low, (0.4 + 3 * 0.8) / 4, 1e-12);
}

TEST(StatusHistory, EachDayAsTheCheckInsStoodThen) {
  const Cycle c = quarter();
  const KeyResult k = increasing(0, 100);
  std::vector<CheckIn> cis{at("2026-10-10T12:00:00Z", 20, 0.8), at("2026-11-20T09:00:00Z", 30)};
  const auto dates = history_dates(c, *parse_date("2026-11-20"));
  ASSERT_GE(dates.size(), 3u);
  EXPECT_EQ(format_date(dates.front()), "2026-10-01");
  EXPECT_EQ(format_date(dates.back()), "2026-11-20");
  auto h = status_history(k, cis, c, dates);
  // Oct 1: nothing yet, first day: on track. Oct 15: 0.2 against 15/92 = 0.163: on track.
  EXPECT_EQ(h[0].pace, Pace::on_track);
  EXPECT_EQ(format_date(h[2].date), "2026-10-15");
  EXPECT_NEAR(h[2].score, 0.2, 1e-12);
  EXPECT_EQ(h[2].pace, Pace::on_track);
  // Nov 20 (day 51 of 92, expected 0.554): 0.3 is 0.254 behind: at risk.
  EXPECT_NEAR(h.back().score, 0.3, 1e-12);
  EXPECT_EQ(h.back().pace, Pace::at_risk);
}

// Growth with one objective of one key result from 0 to 100, in the quarter.
StatusInput one_key_result(CycleState state, const char* today) {
  StatusInput in;
  in.cycle = quarter(state);
  in.today = *parse_date(today);
  in.teams = {Team{1, "growth", "Growth", "product", std::nullopt, std::nullopt, 1}};
  in.objectives = {Objective{.id = 1, .key = "o", .cycle_id = 1, .team_id = 1, .title = "O"}};
  KeyResult k = increasing(0, 100);
  k.objective_id = 1;
  in.key_results = {k};
  return in;
}

// A forecast made beforehand from the check-ins (so a whole cycle's need not be held)
// is the one a key result gets, under the same rules as one made from its history.
TEST(CycleStatus, AForecastMadeBeforehandIsUsedUnderTheSameRules) {
  StatusInput in = one_key_result(CycleState::active, "2026-12-20");
  const KeyResult& k = in.key_results.front();
  const std::vector<CheckIn> history = {at("2026-10-10T00:00:00Z", 20),
                                        at("2026-12-10T00:00:00Z", 70)};
  in.latest[1] = history.back();
  in.with_history = true;
  in.history[1] = history;
  const auto from_history = build_cycle_status(in).teams.front().objectives.front();
  ASSERT_TRUE(from_history.key_results.front().forecast);

  in.history.clear();
  in.forecasts[1] = forecast_score(k, history, start_of_day(add_days(in.cycle.end, 1)));
  auto s = build_cycle_status(in);
  const auto& made = s.teams.front().objectives.front();
  ASSERT_TRUE(made.key_results.front().forecast);
  EXPECT_EQ(made.key_results.front().forecast->value,
            from_history.key_results.front().forecast->value);
  EXPECT_EQ(made.forecast->value, from_history.forecast->value);

  in.cycle.state = CycleState::closed;
  EXPECT_FALSE(build_cycle_status(in).teams.front().objectives.front().key_results.front().forecast)
      << "a closed cycle forecasts nothing";
  in.cycle.state = CycleState::grading;
  in.reviews[1] = Review{.objective_id = 1, .overrides = {{.key_result_id = 1, .score = 0.5}}};
  EXPECT_FALSE(build_cycle_status(in).teams.front().objectives.front().key_results.front().forecast)
      << "an overridden score is final";
}

// Pace compares a key result with the line to its objective's aim: an aspirational
// objective aims for 0.7 (the organisation may change it), a committed one for 1.0.
// On the quarter's midpoint, 30 of 100 is on track for an aspirational objective and
// behind for a committed one; a key result not on track says why.
TEST(CycleStatus, PaceAimsForWhatTheObjectivesKindExpects) {
  StatusInput in = one_key_result(CycleState::active, "2026-11-15");
  in.latest[1] = at("2026-11-14T00:00:00Z", 30, 0.8);
  auto kr = [&] {
    return build_cycle_status(in).teams.front().objectives.front().key_results.front();
  };
  const double elapsed = expected_progress(in.cycle, in.today);
  ASSERT_NEAR(elapsed, 0.5, 0.02);

  in.objectives.front().kind = ObjectiveKind::aspirational;
  EXPECT_NEAR(kr().expected, elapsed * 0.7, 1e-12);
  EXPECT_EQ(kr().pace, Pace::on_track);
  EXPECT_EQ(kr().pace_reason, PaceReason::none);

  in.objectives.front().kind = ObjectiveKind::committed;
  EXPECT_NEAR(kr().expected, elapsed, 1e-12);
  EXPECT_EQ(kr().pace, Pace::at_risk);
  EXPECT_EQ(kr().pace_reason, PaceReason::behind);

  in.objectives.front().kind = ObjectiveKind::aspirational;
  in.rule.aspirational_aim = 1.0;
  EXPECT_EQ(kr().pace, Pace::at_risk) << "an organisation that aims aspirational objectives at 1.0";

  in.rule = StatusRule{};
  in.latest[1] = at("2026-11-14T00:00:00Z", 30, 0.35);
  EXPECT_EQ(kr().pace, Pace::at_risk);
  EXPECT_EQ(kr().pace_reason, PaceReason::low_confidence);
  in.latest.clear();
  in.key_results.front().start = 0;
  EXPECT_EQ(kr().pace_reason, PaceReason::no_check_in);
}

TEST(CycleStatus, AClosedCycleIsFinalAndForecastsNothing) {
  StatusInput in = one_key_result(CycleState::closed, "2027-01-10");
  in.with_history = true;
  in.history[1] = {at("2026-10-10T00:00:00Z", 20), at("2026-12-10T00:00:00Z", 70)};
  in.latest[1] = in.history[1].back();
  auto s = build_cycle_status(in);
  EXPECT_TRUE(is_final(s.cycle));
  const auto& ks = s.teams.front().objectives.front().key_results.front();
  EXPECT_FALSE(ks.forecast);
  EXPECT_FALSE(ks.stale);
  EXPECT_EQ(ks.source, ScoreSource::check_ins);
  EXPECT_NEAR(ks.score, 0.7, 1e-12);

  in.cycle.state = CycleState::active;
  in.today = *parse_date("2026-12-20");
  s = build_cycle_status(in);
  const auto& live = s.teams.front().objectives.front();
  ASSERT_TRUE(live.key_results.front().forecast);
  ASSERT_TRUE(live.forecast);
  EXPECT_NEAR(live.forecast->value, live.key_results.front().forecast->value, 1e-12);
  EXPECT_TRUE(live.key_results.front().stale);  // ten days silent, weekly cadence
  ASSERT_TRUE(s.teams.front().forecast);
  ASSERT_TRUE(s.forecast);
}

}  // namespace
}  // namespace okr
