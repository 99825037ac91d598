#include "core/report.h"

#include <algorithm>
#include <functional>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace okr {

std::string_view to_string(ScoreSource s) {
  switch (s) {
    case ScoreSource::baseline:
      return "baseline";
    case ScoreSource::check_ins:
      return "check-ins";
    case ScoreSource::kpi:
      return "kpi";
    case ScoreSource::override_:
      return "override";
    case ScoreSource::aligned:
      return "aligned";
  }
  return "";
}

bool is_final(const Cycle& cycle) {
  return cycle.state == CycleState::closed;
}

CycleStatus build_cycle_status(const StatusInput& in) {
  CycleStatus out;
  out.cycle = in.cycle;
  out.today = in.today;
  out.expected_progress = expected_progress(in.cycle, in.today);
  out.rule = in.rule;
  const bool final = is_final(in.cycle);
  const Instant cycle_end = start_of_day(add_days(in.cycle.end, 1));
  std::unordered_map<Id, int> cadence;
  for (const auto& t : in.teams) cadence.emplace(t.id, t.check_in_cadence_days);
  for (const auto& u : in.users) out.user_emails[u.id] = u.email;
  out.team_keys = in.other_team_keys;
  for (const auto& t : in.teams) out.team_keys[t.id] = t.key;
  out.objective_keys = in.other_objective_keys;
  for (const auto& o : in.objectives) out.objective_keys[o.id] = o.key;
  for (const auto& k : in.kpis) out.kpi_keys[k.id] = k.key;
  out.key_result_keys = in.other_key_result_keys;
  {
    std::unordered_set<Id> aligned_to_key_results;
    for (const auto& o : in.objectives)
      if (o.parent_key_result_id) aligned_to_key_results.insert(*o.parent_key_result_id);
    for (const auto& k : in.key_results)
      if (aligned_to_key_results.count(k.id)) out.key_result_keys[k.id] = k.key;
  }

  // Hash tables for the lookups of a large cycle (100,000 key results): a tree
  // map's pointer chase per lookup costs more than all the scoring.
  std::unordered_map<Id, std::vector<const KeyResult*>> krs_by_objective;
  krs_by_objective.reserve(in.objectives.size());
  for (const auto& k : in.key_results) krs_by_objective[k.objective_id].push_back(&k);
  std::unordered_map<Id, const CheckIn*> latest;
  latest.reserve(in.latest.size());
  for (const auto& [id, c] : in.latest) latest.emplace(id, &c);

  auto override_of = [&](Id objective, Id key_result) -> const ScoreOverride* {
    if (auto r = in.reviews.find(objective); r != in.reviews.end())
      for (const auto& ov : r->second.overrides)
        if (ov.key_result_id == key_result) return &ov;
    return nullptr;
  };
  // A driven key result scores the mean of the objectives aligned to it, whose own
  // key results may be driven in turn: scored depth first, each objective once.
  std::unordered_map<Id, std::vector<const Objective*>> aligned_to;
  for (const auto* list : {&in.objectives, &in.support_objectives})
    for (const auto& o : *list)
      if (o.parent_key_result_id && o.cycle_id == in.cycle.id)
        aligned_to[*o.parent_key_result_id].push_back(&o);
  std::unordered_map<Id, double> objective_scores;
  std::unordered_set<Id> scoring;  // guards against a loop the store should never hold
  std::function<double(const Objective&)> objective_score;
  auto computed_score = [&](const KeyResult& k) {
    if (k.driven_by_aligned) {
      std::vector<double> parts;
      if (auto it = aligned_to.find(k.id); it != aligned_to.end())
        for (const Objective* child : it->second) parts.push_back(objective_score(*child));
      return mean_score(parts);
    }
    auto it = latest.find(k.id);
    return score_key_result(k,
                            it != latest.end() ? std::optional(it->second->value) : std::nullopt);
  };
  objective_score = [&](const Objective& o) {
    if (auto it = objective_scores.find(o.id); it != objective_scores.end()) return it->second;
    if (!scoring.insert(o.id).second) return 0.0;
    std::vector<WeightedScore> weighted;
    for (const KeyResult* k : krs_by_objective[o.id]) {
      const ScoreOverride* ov = override_of(o.id, k->id);
      weighted.push_back({ov ? ov->score : computed_score(*k), k->weight});
    }
    const double score = score_objective(weighted);
    objective_scores.emplace(o.id, score);
    return score;
  };

  std::unordered_map<Id, std::vector<ObjectiveStatus>> by_team;
  for (const auto& o : in.objectives) {
    if (o.cycle_id != in.cycle.id) continue;
    ObjectiveStatus os;
    os.objective = o;
    const Review* review = nullptr;
    if (!in.reviews.empty())
      if (auto it = in.reviews.find(o.id); it != in.reviews.end()) review = &it->second;
    os.reviewed = review != nullptr;
    os.expected = out.expected_progress * aim_of(o.kind, in.rule);
    std::vector<WeightedScore> weighted;
    std::vector<WeightedForecast> forecasts;
    const auto& krs = krs_by_objective[o.id];
    os.key_results.reserve(krs.size());
    weighted.reserve(krs.size());
    const auto team_cadence = cadence.find(o.team_id);
    const int cadence_days =
        team_cadence == cadence.end() ? kDefaultCadenceDays : team_cadence->second;
    for (const KeyResult* k : krs) {
      KeyResultStatus ks;
      ks.key_result = *k;
      if (auto it = latest.find(k->id); it != latest.end()) ks.latest = *it->second;
      ks.computed_score = computed_score(*k);
      ks.score = ks.computed_score;
      ks.source = k->driven_by_aligned ? ScoreSource::aligned
                  : !ks.latest         ? ScoreSource::baseline
                  : k->kpi_id          ? ScoreSource::kpi
                                       : ScoreSource::check_ins;
      if (auto it = aligned_to.find(k->id); it != aligned_to.end())
        ks.aligned_objectives = static_cast<int>(it->second.size());
      if (review)
        if (const ScoreOverride* ov = override_of(o.id, k->id)) {
          ks.override_ = *ov;
          ks.overridden_by = ov->set_by;
          ks.score = ov->score;
          ks.source = ScoreSource::override_;
        }
      if (auto it = in.dependencies.find(k->id); it != in.dependencies.end()) {
        ks.dependencies = it->second;
        for (const auto& d : ks.dependencies)
          if (d.state != DependencyState::confirmed) ++ks.unconfirmed_dependencies;
        os.unconfirmed_dependencies += ks.unconfirmed_dependencies;
      }
      ks.expected = os.expected;
      if (k->driven_by_aligned) {
        // Moved by the objectives aligned to it: on track as long as they are.
        ks.pace = pace_of(ks.score, ks.expected, std::nullopt, in.rule);
        if (ks.pace != Pace::on_track) ks.pace_reason = PaceReason::behind;
      } else {
        ks.pace = key_result_pace(ks.score, ks.expected, ks.latest, in.rule);
        ks.pace_reason = pace_reason(ks.score, ks.expected, ks.latest, in.rule);
      }
      // A key result that follows a KPI or its aligned objectives is fed by them, not
      // by people checking in.
      ks.stale = !k->kpi_id && !k->driven_by_aligned &&
                 is_stale(in.cycle, in.today, ks.latest, cadence_days);
      if (in.with_history && !final && !ks.override_ && !k->driven_by_aligned) {
        if (auto h = in.history.find(k->id); h != in.history.end())
          ks.forecast = forecast_score(*k, h->second, cycle_end);
        else if (auto f = in.forecasts.find(k->id); f != in.forecasts.end())
          ks.forecast = f->second;
      }
      os.pace = worse(os.pace, ks.pace);
      weighted.push_back({ks.score, k->weight});
      forecasts.push_back({ks.forecast, k->weight});
      os.key_results.push_back(std::move(ks));
    }
    os.score = score_objective(weighted);
    os.forecast = roll_up(forecasts);
    os.band = band_of(os.score);
    os.flags = grading_flags(o.kind, os.score);
    by_team[o.team_id].push_back(std::move(os));
  }

  // Depth and the filter's subtree.
  std::unordered_map<Id, int> depth;
  std::unordered_map<Id, std::optional<Id>> parent;
  depth.reserve(in.teams.size());
  parent.reserve(in.teams.size());
  for (const auto& t : in.teams) {
    parent[t.id] = t.parent_id;
    depth[t.id] = t.parent_id && depth.count(*t.parent_id) ? depth[*t.parent_id] + 1 : 0;
  }
  auto in_subtree = [&](Id team) {
    if (!in.team_filter) return true;
    for (std::optional<Id> cur = team; cur; cur = parent[*cur])
      if (*cur == *in.team_filter) return true;
    return false;
  };
  // Keep a team when it or a descendant has objectives.
  std::unordered_set<Id> keep;
  for (const auto& [team, list] : by_team) {
    if (!in_subtree(team)) continue;
    for (std::optional<Id> cur = team; cur; cur = parent[*cur]) {
      keep.insert(*cur);
      if (in.team_filter && *cur == *in.team_filter) break;
    }
  }

  std::vector<double> all_scores;
  std::vector<WeightedForecast> all_forecasts;
  for (const auto& t : in.teams) {
    if (!keep.count(t.id)) continue;
    TeamStatus ts;
    ts.team = t;
    ts.depth = depth[t.id];
    if (in.team_filter) ts.depth -= depth[*in.team_filter];
    if (auto it = by_team.find(t.id); it != by_team.end()) ts.objectives = std::move(it->second);
    if (!ts.objectives.empty()) {
      std::vector<double> scores;
      std::vector<WeightedForecast> forecasts;
      for (const auto& o : ts.objectives) {
        scores.push_back(o.score);
        forecasts.push_back({o.forecast, 1});
      }
      ts.score = mean_score(scores);
      ts.forecast = roll_up(forecasts);
      all_forecasts.insert(all_forecasts.end(), forecasts.begin(), forecasts.end());
      all_scores.insert(all_scores.end(), scores.begin(), scores.end());
    }
    if (auto it = in.team_history.find(t.id); it != in.team_history.end())
      ts.pattern = team_flag(it->second);
    for (const auto& k : in.kpis) {
      bool company_wide = !k.team_id && !t.parent_id;
      if (k.team_id != t.id && !company_wide) continue;
      KpiStatus ks{k, std::nullopt, std::nullopt};
      if (auto m = in.kpi_latest.find(k.id); m != in.kpi_latest.end()) ks.latest = m->second;
      ks.health = kpi_health(k, ks.latest ? std::optional<double>(ks.latest->value) : std::nullopt);
      ts.kpis.push_back(std::move(ks));
    }
    std::sort(ts.kpis.begin(), ts.kpis.end(),
              [](const KpiStatus& a, const KpiStatus& b) { return a.kpi.key < b.kpi.key; });
    out.teams.push_back(std::move(ts));
  }
  // Parents before children, each subtree kept together (depth-first order).
  std::vector<TeamStatus> ordered;
  std::map<std::optional<Id>, std::vector<size_t>> children;
  std::unordered_set<Id> present;
  for (const auto& t : out.teams) present.insert(t.team.id);
  for (size_t i = 0; i < out.teams.size(); ++i) {
    auto p = out.teams[i].team.parent_id;
    children[p && present.count(*p) ? p : std::nullopt].push_back(i);
  }
  auto visit = [&](auto&& self, std::optional<Id> p) -> void {
    for (size_t i : children[p]) {
      Id id = out.teams[i].team.id;
      ordered.push_back(std::move(out.teams[i]));
      self(self, id);
    }
  };
  visit(visit, std::nullopt);
  out.teams = std::move(ordered);
  out.score = mean_score(all_scores);
  out.forecast = roll_up(all_forecasts);
  return out;
}

}  // namespace okr
