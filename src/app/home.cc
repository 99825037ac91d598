#include "app/home.h"

#include <algorithm>
#include <chrono>
#include <set>

#include "app/okrs.h"
#include "app/run.h"
#include "app/views.h"
#include "core/pace.h"

namespace okr::app {
namespace {

// What home reads itself; the scores come from the teams' shared pages.
struct Owned {
  Cycle cycle;
  std::vector<Membership> memberships;
  std::vector<KeyResult> key_results;  // owned by the person
  std::vector<Objective> objectives;   // owned by the person
  std::map<Id, Team> teams;            // of all the above
};

Owned read_owned(App& app, const Cycle& c, Id user) {
  auto r = run(app.store(), Store::Mode::read, [&](Transaction& tx) {
    Owned o;
    o.cycle = c;
    o.memberships = tx.list_memberships(std::nullopt, user);
    o.key_results = tx.list_key_results_owned_by(user, o.cycle.id);
    o.objectives = tx.list_objectives({.cycle_id = o.cycle.id, .owner_id = user});
    std::set<Id> objective_ids;
    for (const auto& o2 : o.objectives) objective_ids.insert(o2.id);
    for (const auto& k : o.key_results)
      if (!objective_ids.count(k.objective_id))
        if (auto ob = tx.find_objective(k.objective_id)) {
          objective_ids.insert(ob->id);
          o.teams.emplace(ob->team_id, Team{});
        }
    for (const auto& ob : o.objectives) o.teams.emplace(ob.team_id, Team{});
    for (const auto& m : o.memberships) o.teams.emplace(m.team_id, Team{});
    for (auto& [tid, t] : o.teams)
      if (auto found = tx.find_team(tid)) t = *found;
    return o;
  });
  if (!r) fail(r.error());
  return std::move(r).value();
}

int urgency(const KeyResultStatus& k) {
  if (k.stale) return 0;
  switch (k.pace) {
    case Pace::off_track:
      return 1;
    case Pace::at_risk:
      return 2;
    case Pace::on_track:
      return 3;
  }
  return 3;
}

Home build(App& app, const std::string& cycle_name, const Actor& actor,
           std::optional<Instant> since) {
  Home h;
  auto c = app.resolve_cycle(cycle_name.empty() ? std::nullopt : std::optional(cycle_name));
  if (!c) fail(c.error());
  h.cycle = *c;
  h.today = app.today();
  h.expected_progress = expected_progress(h.cycle, h.today);
  if (!actor.user_id) return h;  // an operator owns nothing
  const Id me = *actor.user_id;
  Owned owned = read_owned(app, *c, me);
  h.cycle = owned.cycle;

  std::set<Id> my_objectives;
  for (const auto& o : owned.objectives) my_objectives.insert(o.id);
  std::set<Id> my_key_results;
  for (const auto& k : owned.key_results) my_key_results.insert(k.id);
  std::map<Id, TeamRole> roles;
  for (const auto& m : owned.memberships) roles[m.team_id] = m.role;

  // Each team's page once: its statuses are the ones every other page shows.
  std::vector<KeyResultStatus> followed;  // key results of my objectives, for changes
  for (const auto& [tid, team] : owned.teams) {
    // By name and key, as the team pages ask: the same shared page serves both.
    auto view = team_view(app, owned.cycle.name, team.key, actor);
    if (!view) continue;  // moved or deleted meanwhile
    const CycleStatus& s = view->page->status;
    for (const auto& [id, email] : s.user_emails) h.user_emails.emplace(id, email);
    for (const auto& [id, key] : s.team_keys) h.team_keys.emplace(id, key);
    const TeamStatus& ts = s.teams.front();
    if (auto role = roles.find(tid); role != roles.end()) {
      HomeTeam t{.team = team, .role = role->second, .score = ts.score};
      t.objectives = static_cast<int>(ts.objectives.size());
      t.can_grade = view->rights.grade;
      for (const auto& o : ts.objectives) {
        if (owned.cycle.state == CycleState::grading && t.can_grade && !o.reviewed) ++t.to_review;
        for (const auto& k : o.key_results) {
          if (k.stale) ++t.stale;
          (k.pace == Pace::on_track  ? t.on_track
           : k.pace == Pace::at_risk ? t.at_risk
                                     : t.off_track)++;
        }
      }
      h.teams.push_back(std::move(t));
      if (role->second == TeamRole::lead || actor.admin)
        for (const auto& d : view->page->asked_of)
          if (d.dependency.state == DependencyState::pending) h.asked.push_back(d);
    }
    for (const auto& o : ts.objectives) {
      if (my_objectives.count(o.objective.id)) {
        h.objectives.push_back({o, team});
        for (const auto& k : o.key_results) followed.push_back(k);
      }
      for (const auto& k : o.key_results)
        if (my_key_results.count(k.key_result.id)) {
          h.key_results.push_back(
              {k, o.objective, team, view->rights.check_in.count(k.key_result.id) > 0});
          if (!my_objectives.count(o.objective.id)) followed.push_back(k);
        }
    }
  }
  std::stable_sort(h.key_results.begin(), h.key_results.end(),
                   [](const HomeKeyResult& a, const HomeKeyResult& b) {
                     if (urgency(a.status) != urgency(b.status))
                       return urgency(a.status) < urgency(b.status);
                     return a.status.score < b.status.score;
                   });
  // The person's teams by name.
  std::sort(h.teams.begin(), h.teams.end(),
            [](const HomeTeam& a, const HomeTeam& b) { return a.team.name < b.team.name; });

  // Check-ins by others since `since` on what I own or follow.
  const Instant from = since.value_or(app.now() - std::chrono::days(7));
  auto changes = run(app.store(), Store::Mode::read, [&](Transaction& tx) {
    std::vector<HomeChange> out;
    std::map<Id, Objective> objectives;
    for (const auto& k : followed) {
      for (auto& c : tx.recent_check_ins(k.key_result.id, 5)) {
        if (c.at < from || c.author_id == me) continue;
        auto ob = objectives.find(k.key_result.objective_id);
        if (ob == objectives.end())
          if (auto found = tx.find_objective(k.key_result.objective_id))
            ob = objectives.emplace(found->id, *found).first;
        std::string author;
        if (c.author_id)
          if (auto u = tx.find_user(*c.author_id)) author = u->name.empty() ? u->email : u->name;
        out.push_back({std::move(c), k.key_result,
                       ob == objectives.end() ? Objective{} : ob->second, std::move(author)});
      }
    }
    return out;
  });
  if (changes) {
    h.changes = std::move(*changes);
    std::sort(h.changes.begin(), h.changes.end(), [](const HomeChange& a, const HomeChange& b) {
      return a.check_in.at > b.check_in.at;
    });
    if (h.changes.size() > static_cast<std::size_t>(kHomeChanges)) h.changes.resize(kHomeChanges);
  }
  return h;
}

}  // namespace

Result<Home> home(App& app, const std::string& cycle, const Actor& actor,
                  std::optional<Instant> since) {
  try {
    return build(app, cycle, actor, since);
  } catch (const Failure& f) {
    return f.error;
  }
}

}  // namespace okr::app
