#include "app/views.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <mutex>

#include "app/lookup.h"
#include "app/permissions.h"
#include "app/queries.h"
#include "app/run.h"
#include "app/shared_views.h"
#include "app/status_input.h"
#include "app/trends.h"
#include "core/validate.h"

namespace okr::app {
namespace {

PageRights rights_for(const Actor& actor, const Cycle& cycle, Id team, const std::vector<Id>& above,
                      const std::vector<ObjectiveStatus>& objectives) {
  PageRights r;
  const bool frozen = cycle.state == CycleState::closed;
  r.edit = !frozen && allowed(actor, Permission::edit_team_okrs, team, above);
  r.grade = !frozen && allowed(actor, Permission::grade, team, above);
  // Asked once per owner, not once per key result: the answer depends on the
  // team and the owner only.
  std::map<std::optional<Id>, bool> may_check_in;
  for (const auto& o : objectives)
    for (const auto& k : o.key_results) {
      // Key results fed by a KPI or by their aligned objectives take no check-ins.
      if (frozen || k.key_result.kpi_id || k.key_result.driven_by_aligned) continue;
      auto [it, fresh] = may_check_in.try_emplace(k.key_result.owner_id, false);
      if (fresh)
        it->second = allowed(actor, Permission::check_in, team, above, k.key_result.owner_id);
      if (it->second) r.check_in.insert(k.key_result.id);
    }
  return r;
}

PageRights rights_for(const Actor& actor, const TeamPage& page) {
  return rights_for(actor, page.status.cycle, page.team.id, page.above,
                    page.status.teams.front().objectives);
}

Result<TeamPage> compute_team_page(App& app, const std::string& cycle_name,
                                   const std::string& team_key) {
  return run(app.store(), Store::Mode::read, [&](Transaction& tx) {
    TeamPage v;
    const Cycle cycle = cycle_named(tx, cycle_name, app.today());
    v.team = team_keyed(tx, team_key);
    v.path = tx.list_teams_above(v.team.id);
    for (const auto& t : v.path) v.above.push_back(t.id);
    std::reverse(v.path.begin(), v.path.end());
    auto objectives = tx.list_objectives({.cycle_id = cycle.id, .team_id = v.team.id});
    RecentCheckIns recent{.keep = kForecastCheckIns};
    StatusInput in =
        load_objectives_input(tx, cycle, app.today(), {v.team}, std::move(objectives), &recent);
    load_forecasts(tx, in, &recent);
    v.status = build_cycle_status(in);
    if (v.status.teams.empty()) v.status.teams.push_back(TeamStatus{.team = v.team});

    // The shared objectives it contributes to, scored as their own pages score them.
    auto shared = tx.list_objectives({.cycle_id = cycle.id, .contributor_team_id = v.team.id});
    if (!shared.empty()) {
      std::set<Id> owners;
      for (const auto& o : shared) owners.insert(o.team_id);
      std::vector<Team> teams = tx.find_teams({owners.begin(), owners.end()});
      const CycleStatus st =
          build_cycle_status(load_objectives_input(tx, cycle, app.today(), teams, shared));
      for (const auto& ts : st.teams)
        for (const auto& os : ts.objectives)
          v.contributes_to.push_back({os.objective, ts.team.key, ts.team.name, os.score});
    }
    v.asked_of = views_of(tx, tx.list_dependencies({.team_id = v.team.id, .cycle_id = cycle.id}));
    return v;
  });
}

}  // namespace

Result<TeamView> team_view(App& app, const std::string& cycle_name, const std::string& team_key,
                           const Actor& actor) {
  auto page = shared_document(app, app.shared_views().team_pages, cycle_name, team_key,
                              [&] { return compute_team_page(app, cycle_name, team_key); });
  if (!page) return page.error();
  return TeamView{*page, rights_for(actor, **page)};
}

Result<std::shared_ptr<const SharedStatus>> team_summary(App& app, const std::string& cycle,
                                                         const std::string& team) {
  return shared_document(app, app.shared_views().team_summaries, cycle, team,
                         [&]() -> Result<SharedStatus> {
                           SharedStatus s;
                           s.as_of = app.now();  // every write before it is read
                           auto status = app.cycle_status(cycle, team);
                           if (!status) return status.error();
                           s.status = std::move(*status);
                           return s;
                         });
}

namespace {

// The whole overview, every item needing attention included.
Result<Overview> compute_overview(Store& store, const Cycle& cycle, Date today, Instant now) {
  return run(store, Store::Mode::read, [&](Transaction& tx) {
    StatusInput in = load_status_input(tx, cycle, today);
    CycleStatus s = build_cycle_status(in);
    Overview o;
    o.as_of = now;
    o.cycle = cycle;
    o.today = s.today;
    o.expected_progress = s.expected_progress;
    o.score = s.score;
    o.distribution.assign(11, 0);
    for (const auto& t : s.teams) {
      OverviewTeam ot{.team = t.team, .depth = t.depth, .score = t.score};
      ot.objectives = static_cast<int>(t.objectives.size());
      const auto team = static_cast<std::uint32_t>(o.teams.size());
      for (const auto& os : t.objectives) {
        ++o.objectives;
        const int bucket = static_cast<int>(std::lround(std::clamp(os.score, 0.0, 1.0) * 10));
        ++o.distribution[bucket];
        const auto objective = static_cast<std::uint32_t>(o.objective_refs.size());
        o.objective_refs.push_back({.id = os.objective.id,
                                    .key = os.objective.key,
                                    .title = os.objective.title,
                                    .kind = os.objective.kind});
        for (const auto& k : os.key_results) {
          ++o.key_results;
          switch (k.pace) {
            case Pace::on_track:
              ++ot.on_track;
              ++o.on_track;
              break;
            case Pace::at_risk:
              ++ot.at_risk;
              ++o.at_risk;
              break;
            case Pace::off_track:
              ++ot.off_track;
              ++o.off_track;
              break;
          }
          o.rows.push_back({.id = k.key_result.id,
                            .key = k.key_result.key,
                            .title = k.key_result.title,
                            .objective = objective,
                            .team = team,
                            .owner = k.key_result.owner_id,
                            .score = k.score,
                            .confidence = k.latest ? k.latest->confidence : std::nullopt,
                            .pace = k.pace,
                            .stale = k.stale,
                            .unconfirmed = k.unconfirmed_dependencies > 0,
                            .indicator = k.key_result.indicator});
        }
      }
      o.teams.push_back(std::move(ot));
    }
    // Most urgent first: off track, at risk, on track; the lowest score first.
    auto urgency = [](Pace p) { return p == Pace::off_track ? 0 : p == Pace::at_risk ? 1 : 2; };
    std::stable_sort(o.rows.begin(), o.rows.end(),
                     [&](const OverviewKeyResult& a, const OverviewKeyResult& b) {
                       if (a.pace != b.pace) return urgency(a.pace) < urgency(b.pace);
                       return a.score < b.score;
                     });
    o.attention_total = o.at_risk + o.off_track;
    // The owners of the most urgent, which the unfiltered list shows.
    std::vector<Id> owners;
    for (std::size_t i = 0; i < o.rows.size() && i < kOverviewMaxAttention; ++i)
      if (o.rows[i].owner) owners.push_back(*o.rows[i].owner);
    std::sort(owners.begin(), owners.end());
    owners.erase(std::unique(owners.begin(), owners.end()), owners.end());
    for (auto& u : tx.find_users(owners))
      o.owners.emplace(u.id, std::pair{u.email, u.name.empty() ? u.email : u.name});
    return o;
  });
}

auto overview_of(Store& store) {
  return [&store](const Cycle& c, Date today, Instant now) {
    return compute_overview(store, c, today, now);
  };
}

auto company_summary_of(Store& store) {
  return [&store](const Cycle& c, Date today, Instant now) {
    return run(store, Store::Mode::read, [&](Transaction& tx) {
      SharedStatus s;
      s.status = load_cycle_status(tx, c, today, std::nullopt);
      s.as_of = now;
      return s;
    });
  };
}

auto company_trend_of(Store& store) {
  return [&store](const Cycle& c, Date today, Instant now) {
    return run(store, Store::Mode::read,
               [&](Transaction& tx) { return compute_trend(tx, c, today, now, std::nullopt); });
  };
}

}  // namespace

Result<std::shared_ptr<const ScoreTrend>> company_trend(App& app, const std::string& cycle_name) {
  const std::uint64_t generation = app.store().generation();  // before the cycle, as below
  auto cycle = run(app.store(), Store::Mode::glance,
                   [&](Transaction& tx) { return cycle_named(tx, cycle_name); });
  if (!cycle) return cycle.error();
  return background_document(app, app.shared_views().company_trends, *cycle, generation,
                             "the company's trend", company_trend_of(app.store()));
}

void prepare_company_views(App& app) {
  const std::uint64_t generation = app.store().generation();
  auto cycle = app.resolve_cycle(std::nullopt);
  if (!cycle) return;  // no cycle yet: nothing to show
  App::SharedViews& shared = app.shared_views();
  std::lock_guard lock(shared.mu);
  start_background(app, shared.overviews, *cycle, generation, app.today(), "the overview",
                   overview_of(app.store()));
  start_background(app, shared.company_summaries, *cycle, generation, app.today(),
                   "the company summary", company_summary_of(app.store()));
}

Result<std::shared_ptr<const SharedStatus>> company_summary(App& app,
                                                            const std::string& cycle_name) {
  // Read before the cycle, so that a copy of this generation has the cycle as it is.
  const std::uint64_t generation = app.store().generation();
  auto cycle = run(app.store(), Store::Mode::glance,
                   [&](Transaction& tx) { return cycle_named(tx, cycle_name, app.today()); });
  if (!cycle) return cycle.error();
  return background_document(app, app.shared_views().company_summaries, *cycle, generation,
                             "the company summary", company_summary_of(app.store()));
}

std::optional<OverviewFilter::Status> parse_overview_status(std::string_view s) {
  using S = OverviewFilter::Status;
  if (s == "attention") return S::attention;
  if (s == "on-track") return S::on_track;
  if (s == "at-risk") return S::at_risk;
  if (s == "off-track") return S::off_track;
  if (s == "stale") return S::stale;
  if (s == "any") return S::any;
  return std::nullopt;
}

namespace {

bool keeps(const OverviewFilter& f, const Overview& full, const OverviewKeyResult& r,
           const std::optional<Id>& owner) {
  using S = OverviewFilter::Status;
  switch (f.status) {
    case S::attention:
      if (r.pace == Pace::on_track) return false;
      break;
    case S::on_track:
      if (r.pace != Pace::on_track) return false;
      break;
    case S::at_risk:
      if (r.pace != Pace::at_risk) return false;
      break;
    case S::off_track:
      if (r.pace != Pace::off_track) return false;
      break;
    case S::stale:
      if (!r.stale) return false;
      break;
    case S::any:
      break;
  }
  if (f.owner && r.owner != owner) return false;
  if (f.kind && full.objective_refs[r.objective].kind != *f.kind) return false;
  if (f.indicator && r.indicator != *f.indicator) return false;
  if (f.unconfirmed && !r.unconfirmed) return false;
  return true;
}

}  // namespace

std::string overview_rendering_key(int attention_limit, int max_depth) {
  return std::to_string(attention_limit) + "," + std::to_string(max_depth);
}

Result<Overview> overview(App& app, const std::string& cycle_name, int attention_limit,
                          int max_depth, const OverviewFilter& filter, std::size_t offset) {
  const std::uint64_t generation = app.store().generation();  // before the cycle, as above
  auto cycle = run(app.store(), Store::Mode::glance,
                   [&](Transaction& tx) { return cycle_named(tx, cycle_name, app.today()); });
  if (!cycle) return cycle.error();
  // The owner a filter names, by e-mail; none for "nobody owns it".
  std::optional<Id> owner;
  if (filter.owner && !filter.owner->empty()) {
    auto user = run(app.store(), Store::Mode::glance, [&](Transaction& tx) {
      return tx.find_user_by_email(normalize_email(*filter.owner));
    });
    if (!user) return user.error();
    if (!*user)
      return Error{ErrorCode::invalid, "owner", "nobody has the e-mail '" + *filter.owner + "'"};
    owner = (*user)->id;
  }
  auto shared = background_document(app, app.shared_views().overviews, *cycle, generation,
                                    "the overview", overview_of(app.store()));
  if (!shared) return shared.error();
  const Overview* full = shared->get();
  if (filter.is_default() && offset == 0 &&
      full->renderings->find(overview_rendering_key(attention_limit, max_depth))) {
    // Written already: nothing to copy (the teams alone are 10,000 at company size).
    Overview o;
    o.cycle = full->cycle;
    o.renderings = full->renderings;
    o.rendered = true;
    return o;
  }
  // A copy of what this request shows: the teams down to max_depth, the most
  // urgent key results the filter keeps.
  Overview o;
  o.cycle = full->cycle;
  o.today = full->today;
  o.expected_progress = full->expected_progress;
  o.score = full->score;
  o.objectives = full->objectives;
  o.key_results = full->key_results;
  o.on_track = full->on_track;
  o.at_risk = full->at_risk;
  o.off_track = full->off_track;
  o.distribution = full->distribution;
  o.as_of = full->as_of;
  o.renderings = full->renderings;
  o.teams_total = static_cast<int>(full->teams.size());
  for (const auto& t : full->teams)
    if (t.depth <= max_depth) o.teams.push_back(t);
  const auto limit =
      static_cast<std::size_t>(std::clamp(attention_limit, 0, kOverviewMaxAttention));
  std::vector<const OverviewKeyResult*> shown;
  int matching = 0;
  // The rows are off track, then at risk, then on track: a filter by pace alone is a
  // slice of them, found without a pass over every key result (the dashboard asks
  // for the default, those needing attention, on every visit).
  std::optional<std::pair<std::size_t, std::size_t>> slice;
  if (!filter.owner && !filter.kind && !filter.indicator && !filter.unconfirmed) {
    using S = OverviewFilter::Status;
    const auto off = static_cast<std::size_t>(full->off_track);
    const auto risk = static_cast<std::size_t>(full->at_risk);
    const std::size_t all = full->rows.size();
    switch (filter.status) {
      case S::attention:
        slice = {0, off + risk};
        break;
      case S::off_track:
        slice = {0, off};
        break;
      case S::at_risk:
        slice = {off, off + risk};
        break;
      case S::on_track:
        slice = {off + risk, all};
        break;
      case S::any:
        slice = {0, all};
        break;
      case S::stale:
        break;
    }
  }
  if (slice) {
    matching = static_cast<int>(slice->second - slice->first);
    for (std::size_t i = slice->first + offset; i < slice->second && shown.size() < limit; ++i)
      shown.push_back(&full->rows[i]);
  } else {
    for (const auto& r : full->rows)
      if (keeps(filter, *full, r, owner)) {
        if (static_cast<std::size_t>(matching) >= offset && shown.size() < limit)
          shown.push_back(&r);
        ++matching;
      }
  }
  o.attention_total = matching;
  // Owners the overview did not read with it (those of less urgent key results).
  std::map<Id, std::pair<std::string, std::string>> more_owners;
  std::vector<Id> missing;
  for (const auto* r : shown)
    if (r->owner && !full->owners.count(*r->owner)) missing.push_back(*r->owner);
  if (!missing.empty()) {
    std::sort(missing.begin(), missing.end());
    missing.erase(std::unique(missing.begin(), missing.end()), missing.end());
    auto users = run(app.store(), Store::Mode::read,
                     [&](Transaction& tx) { return tx.find_users(missing); });
    if (!users) return users.error();
    for (auto& u : *users)
      more_owners.emplace(u.id, std::pair{u.email, u.name.empty() ? u.email : u.name});
  }
  for (const auto* r : shown) {
    const auto& ref = full->objective_refs[r->objective];
    const auto& team = full->teams[r->team].team;
    AttentionItem item{.team_key = team.key,
                       .team_name = team.name,
                       .score = r->score,
                       .pace = r->pace,
                       .stale = r->stale,
                       .confidence = r->confidence};
    item.key_result.id = r->id;
    item.key_result.key = r->key;
    item.key_result.title = r->title;
    item.key_result.objective_id = ref.id;
    item.key_result.owner_id = r->owner;
    item.key_result.indicator = r->indicator;
    item.objective.id = ref.id;
    item.objective.key = ref.key;
    item.objective.title = ref.title;
    item.objective.kind = ref.kind;
    if (r->owner) {
      const std::pair<std::string, std::string>* who = nullptr;
      if (auto it = full->owners.find(*r->owner); it != full->owners.end())
        who = &it->second;
      else if (auto more = more_owners.find(*r->owner); more != more_owners.end())
        who = &more->second;
      if (who) {
        item.owner = who->first;
        item.owner_name = who->second;
      }
    }
    o.attention.push_back(std::move(item));
  }
  return o;
}

namespace {

// An objective's page, the same for every reader (rights are left to objective_view).
Result<ObjectiveView> compute_objective_page(App& app, const std::string& id_or_key) {
  return run(app.store(), Store::Mode::read, [&](Transaction& tx) {
    ObjectiveView v;
    std::optional<Objective> objective;
    if (auto id = parse_id(id_or_key)) objective = tx.find_objective(*id);
    if (!objective) objective = tx.find_objective_by_key(id_or_key);
    if (!objective)
      fail(Error::not_found("objective",
                            "no objective '" + id_or_key + "'" +
                                did_you_mean(tx, SearchHit::Kind::objective, id_or_key)));
    v.cycle = *tx.find_cycle(objective->cycle_id);
    v.team = *tx.find_team(objective->team_id);
    // Each key result's latest check-ins, read once: its current value, its forecast
    // and the history the page lists.
    RecentCheckIns recent{.keep = std::max(kShownCheckIns + 1, kForecastCheckIns)};
    StatusInput in =
        load_objectives_input(tx, v.cycle, app.today(), {v.team}, {*objective}, &recent);
    load_forecasts(tx, in, &recent);
    v.status = build_cycle_status(in);
    const auto& os = v.status.teams.front().objectives.front();

    // Status over the cycle, week by week: each key result's from its check-ins, the
    // objective's as the weighted mean of theirs and the worst of their statuses.
    const auto dates = history_dates(v.cycle, app.today());
    // A driven key result's history is the mean of its aligned objectives' histories,
    // each the weighted mean of its key results' (driven in turn where they are).
    std::map<Id, std::vector<Id>> aligned_to;  // key result → objectives aligned to it
    for (const auto* list : {&in.objectives, &in.support_objectives})
      for (const auto& o : *list)
        if (o.parent_key_result_id) aligned_to[*o.parent_key_result_id].push_back(o.id);
    std::map<Id, std::vector<const KeyResult*>> krs_of;
    for (const auto& k : in.key_results) krs_of[k.objective_id].push_back(&k);
    // Each objective's aim: pace is measured against the score its kind aims for.
    std::map<Id, double> aim;
    for (const auto* list : {&in.objectives, &in.support_objectives})
      for (const auto& o : *list) aim[o.id] = aim_of(o.kind, in.rule);
    auto aim_for = [&](Id objective) {
      auto it = aim.find(objective);
      return it == aim.end() ? 1.0 : it->second;
    };
    // The value of each key result on each date: the latest check-in before its end,
    // for every key result at once.
    std::vector<Instant> date_ends;
    for (Date d : dates) date_ends.push_back(start_of_day(add_days(d, 1)));
    std::vector<Id> measured;
    for (const auto& k : in.key_results)
      if (!k.kpi_id && !k.driven_by_aligned) measured.push_back(k.id);
    auto values_at = tx.latest_check_ins_before(measured, date_ends);
    std::function<std::vector<StatusPoint>(const KeyResult&, int)> kr_history;
    auto objective_points = [&](Id objective, int depth) {
      std::vector<std::pair<std::vector<StatusPoint>, double>> parts;
      for (const KeyResult* k : krs_of[objective])
        parts.emplace_back(kr_history(*k, depth), k->weight);
      std::vector<StatusPoint> out;
      for (std::size_t i = 0; i < dates.size(); ++i) {
        StatusPoint p{dates[i], 0, expected_progress(v.cycle, dates[i]) * aim_for(objective),
                      Pace::on_track};
        std::vector<WeightedScore> scores;
        for (const auto& [points, weight] : parts) {
          scores.push_back({points[i].score, weight});
          p.pace = worse(p.pace, points[i].pace);
        }
        p.score = score_objective(scores);
        out.push_back(p);
      }
      return out;
    };
    kr_history = [&](const KeyResult& k, int depth) {
      if (k.driven_by_aligned && depth < 32) {
        std::vector<std::vector<StatusPoint>> parts;
        for (Id o : aligned_to[k.id]) parts.push_back(objective_points(o, depth + 1));
        std::vector<StatusPoint> out;
        for (std::size_t i = 0; i < dates.size(); ++i) {
          std::vector<double> scores;
          for (const auto& points : parts) scores.push_back(points[i].score);
          StatusPoint p{dates[i], mean_score(scores),
                        expected_progress(v.cycle, dates[i]) * aim_for(k.objective_id),
                        Pace::on_track};
          p.pace = pace_of(p.score, p.expected, std::nullopt, in.rule);
          out.push_back(p);
        }
        return out;
      }
      std::vector<CheckIn> values;
      if (auto latest = in.latest.find(k.id); k.kpi_id) {
        if (latest != in.latest.end()) values = {latest->second};
      } else {
        for (const auto& c : values_at[k.id])
          if (c && (values.empty() || values.back().id != c->id)) values.push_back(*c);
      }
      return status_history(k, values, v.cycle, dates, in.rule, aim_for(k.objective_id));
    };
    for (const auto& k : os.key_results) v.history[k.key_result.id] = kr_history(k.key_result, 0);
    v.objective_history = objective_points(objective->id, 0);

    // The people named on the page, looked up together once all are known.
    std::set<Id> named;
    auto remember = [&](std::optional<Id> user) {
      if (user) named.insert(*user);
    };
    remember(objective->owner_id);
    std::vector<Id> shown;
    for (const auto& k : os.key_results) shown.push_back(k.key_result.id);
    // Each key result's initiatives in turn, each initiative once.
    const auto linked = tx.list_initiatives_of(shown);
    std::set<Id> seen_initiatives;
    for (const auto& k : os.key_results) {
      remember(k.key_result.owner_id);
      auto& list = v.check_ins[k.key_result.id];
      list = std::move(recent.of[k.key_result.id]);
      if (static_cast<int>(list.size()) > kShownCheckIns) {
        list.erase(list.begin(), list.end() - kShownCheckIns);
        v.more_check_ins.insert(k.key_result.id);
      }
      for (const auto& c : list) remember(c.author_id);
      for (const auto& i : linked)
        if (std::find(i.key_result_ids.begin(), i.key_result_ids.end(), k.key_result.id) !=
                i.key_result_ids.end() &&
            seen_initiatives.insert(i.id).second)
          v.initiatives.push_back(i);
    }
    for (const auto& u : tx.find_users({named.begin(), named.end()})) {
      v.user_names[u.id] = u.name.empty() ? u.email : u.name;
      v.user_emails[u.id] = u.email;
    }

    // The objectives aligned to it and the one it aligns to, each scored exactly as its
    // own page scores it (overrides included): all of a cycle's loaded together.
    std::vector<Objective> aligned;
    if (objective->parent_id)
      for (auto& p : tx.find_objectives({*objective->parent_id})) aligned.push_back(std::move(p));
    const std::size_t parents = aligned.size();  // the one it aligns to, if any, first
    for (auto& o : tx.list_objectives({.parent_id = objective->id}))
      aligned.push_back(std::move(o));
    std::set<Id> team_ids(objective->contributing_team_ids.begin(),
                          objective->contributing_team_ids.end());
    for (const auto& o : aligned) team_ids.insert(o.team_id);
    std::map<Id, Team> teams;
    for (auto& t : tx.find_teams({team_ids.begin(), team_ids.end()})) teams.emplace(t.id, t);
    std::map<Id, std::vector<Objective>> by_cycle;
    for (const auto& o : aligned) by_cycle[o.cycle_id].push_back(o);
    std::map<Id, double> scores;
    for (auto& [cycle_id, list] : by_cycle) {
      const auto cycle = cycle_id == v.cycle.id ? std::optional(v.cycle) : tx.find_cycle(cycle_id);
      if (!cycle) continue;
      std::vector<Team> of_list;
      for (const auto& [id, t] : teams)
        if (std::any_of(list.begin(), list.end(),
                        [&](const Objective& o) { return o.team_id == id; }))
          of_list.push_back(t);
      const auto s =
          build_cycle_status(load_objectives_input(tx, *cycle, app.today(), of_list, list));
      for (const auto& ts : s.teams)
        for (const auto& o : ts.objectives) scores[o.objective.id] = o.score;
    }
    auto scored = [&](const Objective& o) {
      AlignedObjective a{.objective = o};
      if (auto t = teams.find(o.team_id); t != teams.end()) {
        a.team_key = t->second.key;
        a.team_name = t->second.name;
      }
      if (auto s = scores.find(o.id); s != scores.end()) a.score = s->second;
      return a;
    };
    for (std::size_t i = 0; i < aligned.size(); ++i) {
      if (i < parents)
        v.parent = scored(aligned[i]);
      else
        v.children.push_back(scored(aligned[i]));
    }
    for (Id t : objective->contributing_team_ids)
      if (auto team = teams.find(t); team != teams.end())
        v.contributing_teams.push_back(team->second);
    if (auto r = in.reviews.find(objective->id); r != in.reviews.end()) v.review = r->second;
    v.above.clear();
    for (const auto& t : tx.list_teams_above(v.team.id)) v.above.push_back(t.id);
    return v;
  });
}

}  // namespace

Result<ObjectivePage> objective_page(App& app, const std::string& id_or_key, const Actor& actor) {
  auto page = shared_document(app, app.shared_views().objective_pages, "objective", id_or_key,
                              [&] { return compute_objective_page(app, id_or_key); });
  if (!page) return page.error();
  const ObjectiveView& v = **page;
  return ObjectivePage{
      *page, rights_for(actor, v.cycle, v.team.id, v.above, v.status.teams.front().objectives)};
}

Result<ObjectiveView> objective_view(App& app, const std::string& id_or_key, const Actor& actor) {
  auto page = objective_page(app, id_or_key, actor);
  if (!page) return page.error();
  ObjectiveView v = *page->page;
  v.rights = page->rights;
  return v;
}

}  // namespace okr::app
