#include "core/pace.h"

#include <algorithm>
#include <cmath>

#include "core/scoring.h"

namespace okr {

double expected_progress(const Cycle& cycle, Date today) {
  int total = days_between(cycle.start, cycle.end) + 1;
  if (total <= 0) return 1;
  int elapsed = days_between(cycle.start, today) + 1;
  return std::clamp(static_cast<double>(elapsed) / total, 0.0, 1.0);
}

std::string_view to_string(Pace p) {
  switch (p) {
    case Pace::on_track:
      return "on-track";
    case Pace::at_risk:
      return "at-risk";
    case Pace::off_track:
      return "off-track";
  }
  return "";
}

std::optional<Pace> parse_pace(std::string_view s) {
  for (Pace p : {Pace::on_track, Pace::at_risk, Pace::off_track})
    if (to_string(p) == s) return p;
  return std::nullopt;
}

Pace pace_of(double score, double expected, std::optional<double> confidence,
             const StatusRule& rule) {
  double behind = expected - score;
  if (behind > rule.off_track_beyond || (confidence && *confidence < rule.off_track_confidence))
    return Pace::off_track;
  if (behind <= rule.on_track_within && (!confidence || *confidence >= rule.on_track_confidence))
    return Pace::on_track;
  return Pace::at_risk;
}

Pace key_result_pace(double score, double expected, const std::optional<CheckIn>& latest,
                     const StatusRule& rule) {
  Pace p = pace_of(score, expected, latest ? latest->confidence : std::nullopt, rule);
  // Silence is not progress: once a tenth of the cycle has gone, nobody having
  // checked in is itself a risk.
  if (!latest && p == Pace::on_track && expected >= rule.unchecked_after) return Pace::at_risk;
  return p;
}

double aim_of(ObjectiveKind kind, const StatusRule& rule) {
  return kind == ObjectiveKind::committed ? 1.0 : rule.aspirational_aim;
}

std::string_view to_string(PaceReason r) {
  switch (r) {
    case PaceReason::none:
      return "";
    case PaceReason::behind:
      return "behind";
    case PaceReason::low_confidence:
      return "low-confidence";
    case PaceReason::no_check_in:
      return "no-check-in";
  }
  return "";
}

PaceReason pace_reason(double score, double expected, const std::optional<CheckIn>& latest,
                       const StatusRule& rule) {
  if (key_result_pace(score, expected, latest, rule) == Pace::on_track) return PaceReason::none;
  const std::optional<double> confidence = latest ? latest->confidence : std::nullopt;
  const double behind = expected - score;
  // Silence first (nothing else is known), then far behind, doubt, slightly behind.
  if (!latest) return PaceReason::no_check_in;
  if (behind > rule.off_track_beyond) return PaceReason::behind;
  if (confidence && *confidence < rule.on_track_confidence) return PaceReason::low_confidence;
  return PaceReason::behind;
}

Pace worse(Pace a, Pace b) {
  return static_cast<int>(a) >= static_cast<int>(b) ? a : b;
}

std::string_view to_string(ConfidenceBand b) {
  switch (b) {
    case ConfidenceBand::low:
      return "low";
    case ConfidenceBand::medium:
      return "medium";
    case ConfidenceBand::high:
      return "high";
  }
  return "";
}

ConfidenceBand confidence_band(double confidence) {
  if (confidence >= 0.7) return ConfidenceBand::high;
  if (confidence < 0.4) return ConfidenceBand::low;
  return ConfidenceBand::medium;
}

bool is_stale(const Cycle& cycle, Date today, const std::optional<CheckIn>& latest,
              int cadence_days) {
  if (cycle.state != CycleState::active) return false;
  if (days_between(cycle.start, today) < 0 || days_between(today, cycle.end) < 0) return false;
  const Date since = latest ? date_of(latest->at) : cycle.start;
  return days_between(since, today) > cadence_days;
}

std::optional<Forecast> forecast(std::span<const CheckIn> check_ins, Instant cycle_end) {
  if (check_ins.size() < 2) return std::nullopt;
  // x in days since the first check-in keeps the numbers well conditioned.
  const Instant origin = check_ins.front().at;
  auto x_of = [&](Instant t) { return std::chrono::duration<double>(t - origin).count() / 86400; };
  double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (const auto& c : check_ins) {
    double x = x_of(c.at);
    n += 1;
    sx += x;
    sy += c.value;
    sxx += x * x;
    sxy += x * c.value;
  }
  double denom = n * sxx - sx * sx;
  if (std::abs(denom) < 1e-12) return std::nullopt;
  double slope = (n * sxy - sx * sy) / denom;
  double intercept = (sy - slope * sx) / n;
  double residuals = 0;
  for (const auto& c : check_ins) {
    double e = c.value - (intercept + slope * x_of(c.at));
    residuals += e * e;
  }
  double se = n > 2 ? std::sqrt(residuals / (n - 2)) : 0;
  double value = intercept + slope * x_of(cycle_end);
  // Values stored before numbers were bounded can overflow the sums: no forecast then,
  // rather than an infinite or NaN one.
  if (!std::isfinite(value) || !std::isfinite(se) || !std::isfinite(value - se) ||
      !std::isfinite(value + se))
    return std::nullopt;
  return Forecast{value, value - se, value + se};
}

std::optional<Forecast> forecast_score(const KeyResult& kr, std::span<const CheckIn> check_ins,
                                       Instant cycle_end) {
  auto f = forecast(check_ins, cycle_end);
  if (!f) return std::nullopt;
  // Scores are monotonic in the value only per direction, so the range's ends may swap.
  const double a = score_key_result(kr, f->low), b = score_key_result(kr, f->high);
  Forecast out{score_key_result(kr, f->value), std::min(a, b), std::max(a, b)};
  // A range metric peaks inside its band: a value range straddling it scores 1 at best.
  if (kr.metric == MetricKind::range && f->low <= kr.range_high && f->high >= kr.range_low)
    out.high = 1;
  out.low = std::min(out.low, out.value);
  out.high = std::max(out.high, out.value);
  return out;
}

std::optional<Forecast> roll_up(std::span<const WeightedForecast> parts) {
  if (parts.empty()) return std::nullopt;
  std::vector<WeightedScore> value, low, high;
  for (const auto& p : parts) {
    if (!p.forecast) return std::nullopt;
    value.push_back({p.forecast->value, p.weight});
    low.push_back({p.forecast->low, p.weight});
    high.push_back({p.forecast->high, p.weight});
  }
  return Forecast{score_objective(value), score_objective(low), score_objective(high)};
}

std::vector<StatusPoint> status_history(const KeyResult& kr, std::span<const CheckIn> check_ins,
                                        const Cycle& cycle, std::span<const Date> dates,
                                        const StatusRule& rule, double aim) {
  std::vector<StatusPoint> out;
  out.reserve(dates.size());
  std::size_t next = 0;
  std::optional<CheckIn> latest;
  for (Date d : dates) {
    const Instant end_of_day = start_of_day(add_days(d, 1));
    while (next < check_ins.size() && check_ins[next].at < end_of_day) latest = check_ins[next++];
    StatusPoint p;
    p.date = d;
    p.score = score_key_result(kr, latest ? std::optional(latest->value) : std::nullopt);
    p.expected = expected_progress(cycle, d) * aim;
    p.pace = key_result_pace(p.score, p.expected, latest, rule);
    out.push_back(p);
  }
  return out;
}

std::vector<Date> history_dates(const Cycle& cycle, Date today, int step) {
  std::vector<Date> out;
  const Date last = days_between(today, cycle.end) < 0 ? cycle.end : today;
  if (days_between(cycle.start, last) < 0 || step <= 0) return out;
  for (Date d = cycle.start; days_between(d, last) > 0; d = add_days(d, step)) out.push_back(d);
  out.push_back(last);
  return out;
}

}  // namespace okr
