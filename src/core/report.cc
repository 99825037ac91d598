#include "core/report.h"

#include <algorithm>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace okr {
namespace {

Pace worse(Pace a, Pace b) {
  return static_cast<int>(a) >= static_cast<int>(b) ? a : b;
}

}  // namespace

CycleStatus build_cycle_status(const StatusInput& in) {
  CycleStatus out;
  out.cycle = in.cycle;
  out.today = in.today;
  out.expected_progress = expected_progress(in.cycle, in.today);
  for (const auto& u : in.users) out.user_emails[u.id] = u.email;
  for (const auto& t : in.teams) out.team_keys[t.id] = t.key;
  out.objective_keys = in.other_objective_keys;
  for (const auto& o : in.objectives) out.objective_keys[o.id] = o.key;

  // Hash tables for the lookups of a large cycle (100,000 key results): a tree
  // map's pointer chase per lookup costs more than all the scoring.
  std::unordered_map<Id, std::vector<const KeyResult*>> krs_by_objective;
  krs_by_objective.reserve(in.objectives.size());
  for (const auto& k : in.key_results) krs_by_objective[k.objective_id].push_back(&k);
  std::unordered_map<Id, const CheckIn*> latest;
  latest.reserve(in.latest.size());
  for (const auto& [id, c] : in.latest) latest.emplace(id, &c);

  std::unordered_map<Id, std::vector<ObjectiveStatus>> by_team;
  for (const auto& o : in.objectives) {
    if (o.cycle_id != in.cycle.id) continue;
    ObjectiveStatus os;
    os.objective = o;
    const Review* review = nullptr;
    if (!in.reviews.empty())
      if (auto it = in.reviews.find(o.id); it != in.reviews.end()) review = &it->second;
    os.reviewed = review != nullptr;
    std::vector<WeightedScore> weighted;
    const auto& krs = krs_by_objective[o.id];
    os.key_results.reserve(krs.size());
    weighted.reserve(krs.size());
    for (const KeyResult* k : krs) {
      KeyResultStatus ks;
      ks.key_result = *k;
      if (auto it = latest.find(k->id); it != latest.end()) ks.latest = *it->second;
      ks.computed_score =
          score_key_result(*k, ks.latest ? std::optional(ks.latest->value) : std::nullopt);
      ks.score = ks.computed_score;
      if (review)
        for (const auto& ov : review->overrides)
          if (ov.key_result_id == k->id) {
            ks.override_ = ov;
            ks.score = ov.score;
          }
      ks.pace = pace_of(ks.score, out.expected_progress,
                        ks.latest ? ks.latest->confidence : std::nullopt);
      os.pace = worse(os.pace, ks.pace);
      weighted.push_back({ks.score, k->weight});
      os.key_results.push_back(std::move(ks));
    }
    os.score = score_objective(weighted);
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
  for (const auto& t : in.teams) {
    if (!keep.count(t.id)) continue;
    TeamStatus ts;
    ts.team = t;
    ts.depth = depth[t.id];
    if (in.team_filter) ts.depth -= depth[*in.team_filter];
    if (auto it = by_team.find(t.id); it != by_team.end()) ts.objectives = std::move(it->second);
    if (!ts.objectives.empty()) {
      std::vector<double> scores;
      for (const auto& o : ts.objectives) scores.push_back(o.score);
      ts.score = mean_score(scores);
      all_scores.insert(all_scores.end(), scores.begin(), scores.end());
    }
    if (auto it = in.team_history.find(t.id); it != in.team_history.end())
      ts.pattern = team_flag(it->second);
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
  return out;
}

}  // namespace okr
