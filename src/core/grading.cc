#include "core/grading.h"

#include <set>

namespace okr {

Calibration calibrate(std::span<const std::vector<GradedObjective>> cycles) {
  Calibration c;
  std::vector<double> means;
  for (const auto& cycle : cycles) {
    std::vector<double> scores;
    for (const auto& o : cycle) {
      if (o.kind != ObjectiveKind::aspirational) continue;
      scores.push_back(o.score);
      ++c.aspirational;
      const double shown = round_score(o.score);
      if (shown >= 0.6 - 1e-9 && shown <= 0.7 + 1e-9) ++c.healthy;
    }
    if (scores.empty()) continue;
    ++c.cycles;
    means.push_back(mean_score(scores));
  }
  if (!means.empty()) c.mean = mean_score(means);
  if (c.aspirational > 0) c.healthy_share = static_cast<double>(c.healthy) / c.aspirational;
  c.flag = team_flag(means);
  return c;
}

namespace {

std::optional<double> share(int part, int whole) {
  if (whole <= 0) return std::nullopt;
  return static_cast<double>(part) / whole;
}

void add(PracticeHealth& to, const PracticeHealth& from) {
  to.key_results += from.key_results;
  to.owned += from.owned;
  to.on_cadence += from.on_cadence;
  to.objectives += from.objectives;
  to.alignable += from.alignable;
  to.aligned += from.aligned;
  to.done_work += from.done_work;
  to.linked_work += from.linked_work;
  to.late_surprises += from.late_surprises;
  to.teams_outside_guidance += from.teams_outside_guidance;
  to.objectives_outside_guidance += from.objectives_outside_guidance;
}

}  // namespace

std::optional<double> PracticeHealth::owned_share() const {
  return share(owned, key_results);
}
std::optional<double> PracticeHealth::cadence_share() const {
  return share(on_cadence, key_results);
}
std::optional<double> PracticeHealth::aligned_share() const {
  return share(aligned, alignable);
}
std::optional<double> PracticeHealth::linked_share() const {
  return share(linked_work, done_work);
}

bool late_surprise(Pace at_two_thirds, Pace at_end) {
  return at_two_thirds == Pace::on_track && at_end == Pace::off_track;
}

HealthReport practice_health(const HealthInput& in) {
  HealthReport out;
  if (!in.status) return out;
  const std::set<Id> surprises(in.late_surprises.begin(), in.late_surprises.end());
  for (const auto& t : in.status->teams) {
    if (t.objectives.empty()) continue;
    PracticeHealth h;
    const bool alignable = t.team.parent_id.has_value();
    h.objectives = static_cast<int>(t.objectives.size());
    if (h.objectives < kObjectivesMin || h.objectives > kObjectivesMax)
      h.teams_outside_guidance = 1;
    for (const auto& o : t.objectives) {
      if (alignable) {
        ++h.alignable;
        if (o.objective.parent_id) ++h.aligned;
      }
      const int krs = static_cast<int>(o.key_results.size());
      if (krs < kKeyResultsMin || krs > kKeyResultsMax) ++h.objectives_outside_guidance;
      for (const auto& k : o.key_results) {
        ++h.key_results;
        if (k.key_result.owner_id) ++h.owned;
        if (!k.stale) ++h.on_cadence;
        if (surprises.count(k.key_result.id)) ++h.late_surprises;
      }
    }
    if (auto w = in.work.find(t.team.id); w != in.work.end()) {
      h.done_work = w->second.first;
      h.linked_work = w->second.second;
    }
    if (auto tr = in.team_trend.find(t.team.id); tr != in.team_trend.end())
      h.score_trend = tr->second;
    if (t.score) h.score_trend.push_back(*t.score);
    add(out.company, h);
    out.teams.emplace(t.team.id, std::move(h));
  }
  // Work done by teams without objectives this cycle counts for the company too.
  for (const auto& [team, w] : in.work)
    if (!out.teams.count(team)) {
      out.company.done_work += w.first;
      out.company.linked_work += w.second;
    }
  out.company.score_trend = in.company_trend;
  out.company.score_trend.push_back(in.status->score);
  return out;
}

}  // namespace okr
