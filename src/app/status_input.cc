#include "app/status_input.h"

#include <algorithm>
#include <charconv>
#include <set>
#include <unordered_set>

#include "app/lookup.h"
#include "app/run.h"

namespace okr::app {

StatusRule status_rule(Transaction& tx) {
  StatusRule r;
  double* fields[] = {&r.on_track_within,      &r.on_track_confidence, &r.off_track_beyond,
                      &r.off_track_confidence, &r.unchecked_after,     &r.aspirational_aim};
  for (std::size_t i = 0; i < std::size(fields); ++i)
    if (auto text = tx.setting(kStatusRuleSettings[i])) {
      double v = 0;
      auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
      if (ec == std::errc() && end == text->data() + text->size()) *fields[i] = v;
    }
  return r;
}

void load_history(Transaction& tx, StatusInput& in) {
  in.with_history = true;
  std::vector<Id> ids;
  for (const auto& k : in.key_results)
    if (!k.kpi_id) ids.push_back(k.id);
  auto recent = tx.recent_check_ins_of(ids, kForecastCheckIns);
  for (Id id : ids) in.history[id] = std::move(recent[id]);
}

void load_forecasts(Transaction& tx, StatusInput& in, const RecentCheckIns* recent) {
  in.with_history = true;
  const Instant cycle_end = start_of_day(add_days(in.cycle.end, 1));
  in.forecasts.reserve(in.key_results.size());
  // Those whose check-ins the caller read already (`recent`) are forecast from them.
  const bool kept = recent && recent->keep >= kForecastCheckIns;
  std::vector<const KeyResult*> forecast;
  for (const auto& k : in.key_results) {
    if (k.kpi_id || k.driven_by_aligned) continue;
    if (!kept || !recent->read.count(k.id)) {
      forecast.push_back(&k);
      continue;
    }
    std::vector<CheckIn> list;
    if (auto found = recent->of.find(k.id); found != recent->of.end()) {
      const auto& all = found->second;
      const auto most = static_cast<std::size_t>(kForecastCheckIns);
      const std::size_t from = all.size() > most ? all.size() - most : 0;
      list.assign(all.begin() + static_cast<std::ptrdiff_t>(from), all.end());
    }
    in.forecasts.emplace(k.id, forecast_score(k, list, cycle_end));
  }
  // The others a slice at a time: the check-ins a forecast reads are let go as soon as
  // it is made, so a company's hundred thousand key results never hold their
  // check-ins in memory all at once (about 150 MB at that size).
  constexpr std::size_t kSlice = 1024;
  for (std::size_t from = 0; from < forecast.size(); from += kSlice) {
    const std::size_t to = std::min(forecast.size(), from + kSlice);
    std::vector<Id> ids;
    for (std::size_t i = from; i < to; ++i) ids.push_back(forecast[i]->id);
    auto read = tx.recent_check_ins_of(ids, kForecastCheckIns);
    for (std::size_t i = from; i < to; ++i)
      in.forecasts.emplace(forecast[i]->id,
                           forecast_score(*forecast[i], read[forecast[i]->id], cycle_end));
  }
}

std::optional<CheckIn> kpi_value(Transaction& tx, const KeyResult& kr, const Cycle& cycle) {
  if (!kr.kpi_id) return std::nullopt;
  const Instant cycle_over = start_of_day(add_days(cycle.end, 1));
  const auto last = tx.latest_measurement(*kr.kpi_id, cycle_over);
  if (!last) return std::nullopt;
  return CheckIn{0, kr.id, last->value, std::nullopt, "", std::nullopt, last->at};
}

std::vector<Objective> objectives_of(Transaction& tx, const Cycle& cycle,
                                     const std::vector<Team>& teams) {
  std::vector<Objective> out;
  for (const auto& t : teams)
    for (auto& o : tx.list_objectives({.cycle_id = cycle.id, .team_id = t.id}))
      out.push_back(std::move(o));
  return out;
}

namespace {

void add_dependencies(std::vector<Dependency> list, StatusInput& in) {
  for (auto& d : list) in.dependencies[d.key_result_id].push_back(std::move(d));
}

// The key results of `objectives` with their current values and reviews, into `in`,
// objective by objective; the ids of those that are driven by the objectives aligned
// to them. A few statements however many objectives and key results.
std::vector<Id> load_key_results(Transaction& tx, const Cycle& cycle,
                                 const std::vector<Objective>& objectives, StatusInput& in,
                                 std::set<Id>& owners, RecentCheckIns* recent = nullptr) {
  std::vector<Id> driven;
  if (objectives.empty()) return driven;
  std::vector<Id> objective_ids;
  for (const auto& o : objectives) objective_ids.push_back(o.id);
  for (auto& [id, r] : tx.find_reviews(objective_ids)) in.reviews.emplace(id, std::move(r));
  std::map<Id, std::vector<KeyResult>> of;
  std::vector<Id> key_results, kpis;
  for (auto& k : tx.list_key_results_of(objective_ids)) {
    key_results.push_back(k.id);
    if (k.kpi_id) kpis.push_back(*k.kpi_id);
    of[k.objective_id].push_back(std::move(k));
  }
  // A key result that follows a KPI reads as the KPI's latest measurement by the
  // cycle's end (kpi_value), else as its own latest check-in.
  auto latest = tx.recent_check_ins_of(key_results, recent ? std::max(recent->keep, 1) : 1);
  const auto measured = tx.latest_measurements(kpis, start_of_day(add_days(cycle.end, 1)));
  for (const auto& o : objectives) {
    auto it = of.find(o.id);
    if (it == of.end()) continue;
    for (auto& k : it->second) {
      if (k.owner_id) owners.insert(*k.owner_id);
      if (k.driven_by_aligned) driven.push_back(k.id);
      const auto m = k.kpi_id ? measured.find(*k.kpi_id) : measured.end();
      if (m != measured.end()) {
        in.latest[k.id] =
            CheckIn{0, k.id, m->second.value, std::nullopt, "", std::nullopt, m->second.at};
      } else if (auto c = latest.find(k.id); c != latest.end() && !c->second.empty()) {
        in.latest[k.id] = c->second.back();
      }
      if (recent) {
        recent->read.insert(k.id);
        if (auto c = latest.find(k.id); c != latest.end()) recent->of[k.id] = std::move(c->second);
      }
      in.key_results.push_back(std::move(k));
    }
  }
  return driven;
}

}  // namespace

StatusInput load_status_input(Transaction& tx, const Cycle& cycle, Date today) {
  StatusInput in;
  in.cycle = cycle;
  in.today = today;
  in.rule = status_rule(tx);
  in.teams = tx.list_teams();
  in.objectives = tx.list_objectives({.cycle_id = cycle.id});
  in.key_results = tx.list_key_results_in_cycle(cycle.id);
  in.latest = tx.latest_check_ins(cycle.id);
  std::vector<Id> kpis;
  for (const auto& k : in.key_results)
    if (k.kpi_id) kpis.push_back(*k.kpi_id);
  const auto measured = tx.latest_measurements(kpis, start_of_day(add_days(cycle.end, 1)));
  for (const auto& k : in.key_results)
    if (auto m = k.kpi_id ? measured.find(*k.kpi_id) : measured.end(); m != measured.end())
      in.latest[k.id] =
          CheckIn{0, k.id, m->second.value, std::nullopt, "", std::nullopt, m->second.at};
  std::vector<Id> objective_ids;
  for (const auto& o : in.objectives) objective_ids.push_back(o.id);
  in.reviews = tx.find_reviews(objective_ids);
  add_dependencies(tx.list_dependencies({.cycle_id = cycle.id}), in);
  return in;
}

StatusInput load_objectives_input(Transaction& tx, const Cycle& cycle, Date today,
                                  std::vector<Team> teams, std::vector<Objective> objectives,
                                  RecentCheckIns* recent) {
  StatusInput in;
  in.cycle = cycle;
  in.today = today;
  in.rule = status_rule(tx);
  in.teams = std::move(teams);
  in.objectives = std::move(objectives);
  std::set<Id> owners;
  std::set<Id> loaded;
  for (const auto& o : in.objectives) {
    loaded.insert(o.id);
    if (o.owner_id) owners.insert(*o.owner_id);
  }
  std::vector<Id> driven = load_key_results(tx, cycle, in.objectives, in, owners, recent);
  in.users = tx.find_users({owners.begin(), owners.end()});
  // A driven key result needs the objectives aligned to it (and theirs, when driven
  // in turn), even where they are not shown: a few statements a level of alignment.
  std::set<Id> support_owners;
  while (!driven.empty()) {
    std::vector<Objective> added;
    for (auto& o : tx.list_objectives_aligned_to(driven))
      if (loaded.insert(o.id).second) added.push_back(std::move(o));
    driven = load_key_results(tx, cycle, added, in, support_owners);
    for (auto& o : added) in.support_objectives.push_back(std::move(o));
  }
  std::set<Id> shown_key_results;
  for (const auto& k : in.key_results) shown_key_results.insert(k.id);
  // The other objectives aligned to a shown key result, so each says how many serve it
  // as the whole cycle's status does, and each shown key result's dependencies: one
  // statement each for every key result shown, whatever the size of the cycle.
  const std::vector<Id> shown(shown_key_results.begin(), shown_key_results.end());
  for (auto& o : tx.list_objectives_aligned_to(shown))
    if (loaded.insert(o.id).second) in.support_objectives.push_back(std::move(o));
  add_dependencies(tx.list_dependencies_of(shown), in);
  std::set<Id> other_objectives, other_key_results;
  for (const auto& o : in.objectives) {
    if (o.parent_id && !loaded.count(*o.parent_id)) other_objectives.insert(*o.parent_id);
    if (o.parent_key_result_id && !shown_key_results.count(*o.parent_key_result_id))
      other_key_results.insert(*o.parent_key_result_id);
  }
  for (const auto& p : tx.find_objectives({other_objectives.begin(), other_objectives.end()}))
    in.other_objective_keys[p.id] = p.key;
  for (const auto& k : tx.find_key_results({other_key_results.begin(), other_key_results.end()}))
    in.other_key_result_keys[k.id] = k.key;
  // The teams named beside the objectives: those contributing and those depended on.
  std::set<Id> shown_teams, named_teams;
  for (const auto& t : in.teams) shown_teams.insert(t.id);
  for (const auto& o : in.objectives)
    for (Id c : o.contributing_team_ids)
      if (!shown_teams.count(c)) named_teams.insert(c);
  for (const auto& [kr, list] : in.dependencies)
    for (const auto& d : list)
      if (!shown_teams.count(d.team_id)) named_teams.insert(d.team_id);
  for (const auto& t : tx.find_teams({named_teams.begin(), named_teams.end()}))
    in.other_team_keys[t.id] = t.key;
  return in;
}

GradedCycles graded_cycles(Transaction& tx, const Cycle& cycle,
                           const std::optional<std::vector<Team>>& subtree,
                           std::optional<Id> exclude) {
  GradedCycles out;
  for (const auto& c : tx.list_cycles()) {
    if (c.state != CycleState::grading && c.state != CycleState::closed) continue;
    if (std::chrono::sys_days{c.start} > std::chrono::sys_days{cycle.start}) continue;
    if (exclude && c.id == *exclude) continue;
    StatusInput past =
        subtree ? load_objectives_input(tx, c, c.end, *subtree, objectives_of(tx, c, *subtree))
                : load_status_input(tx, c, c.end);
    const CycleStatus st = build_cycle_status(past);
    std::vector<GradedObjective> all;
    for (const auto& t : st.teams) {
      if (t.objectives.empty()) continue;
      std::vector<GradedObjective> mine;
      std::vector<double> aspirational;
      for (const auto& o : t.objectives) {
        mine.push_back({o.objective.kind, o.score});
        if (o.objective.kind == ObjectiveKind::aspirational) aspirational.push_back(o.score);
      }
      all.insert(all.end(), mine.begin(), mine.end());
      out.by_team[t.team.id].push_back(std::move(mine));
      if (t.score) out.team_scores[t.team.id].push_back(*t.score);
      if (!aspirational.empty())
        out.aspirational_means[t.team.id].push_back(mean_score(aspirational));
    }
    if (!all.empty()) {
      out.company.push_back(std::move(all));
      out.company_scores.push_back(st.score);
    }
  }
  return out;
}

CycleStatus load_cycle_status(Transaction& tx, const Cycle& cycle, Date today,
                              const std::optional<std::string>& team_key) {
  // With a team, only that team's subtree is read: its teams, their objectives
  // and key results, their owners; never the rest of the organisation.
  std::optional<std::vector<Team>> subtree;
  std::optional<Id> team_id;
  if (team_key) {
    const Team t = team_keyed(tx, *team_key);
    subtree = tx.list_teams_under(t.id);
    team_id = t.id;
  }
  // Team patterns: the mean of each team's aspirational objectives in this and
  // earlier graded cycles. Read first, so that the past cycles read for them are let
  // go before this one is read.
  auto team_history = graded_cycles(tx, cycle, subtree).aspirational_means;
  StatusInput in;
  if (subtree) {
    in = load_objectives_input(tx, cycle, today, *subtree, objectives_of(tx, cycle, *subtree));
    in.team_filter = team_id;
  } else {
    in = load_status_input(tx, cycle, today);
    // The people the summary names: owners, and reviewers who set a score.
    std::unordered_set<Id> named;
    for (const auto& o : in.objectives)
      if (o.owner_id) named.insert(*o.owner_id);
    for (const auto& k : in.key_results)
      if (k.owner_id) named.insert(*k.owner_id);
    for (const auto& [objective, review] : in.reviews)
      for (const auto& ov : review.overrides)
        if (ov.set_by) named.insert(*ov.set_by);
    in.users = tx.list_users();
    std::erase_if(in.users, [&](const User& u) { return !named.count(u.id); });
  }
  in.team_history = std::move(team_history);
  load_forecasts(tx, in);
  // KPIs beside the OKRs: each one's latest measurement by the cycle's end. With a
  // team, only the KPIs shown in its subtree: its teams' own, and the company-wide
  // ones when the subtree starts at a top-level team.
  const Instant cycle_over = start_of_day(add_days(cycle.end, 1));
  in.kpis = tx.list_kpis();
  if (subtree) {
    std::set<Id> mine;
    for (const auto& t : *subtree) mine.insert(t.id);
    const bool top = !subtree->empty() && !subtree->front().parent_id;
    std::erase_if(in.kpis,
                  [&](const Kpi& k) { return k.team_id ? !mine.count(*k.team_id) : !top; });
  }
  std::vector<Id> kpi_ids;
  for (const auto& k : in.kpis) kpi_ids.push_back(k.id);
  in.kpi_latest = tx.latest_measurements(kpi_ids, cycle_over);
  return build_cycle_status(in);
}

}  // namespace okr::app
