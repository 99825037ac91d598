#include "app/dependencies.h"

#include <map>
#include <set>

#include "app/audit.h"
#include "app/cycle_lock.h"
#include "app/edit.h"
#include "app/lookup.h"
#include "app/notifications.h"
#include "app/okrs.h"
#include "app/permissions.h"
#include "app/run.h"
#include "core/validate.h"

namespace okr::app {
namespace {

Team must_find_team(Transaction& tx, const std::string& id_or_key, const char* field) {
  std::optional<Team> t;
  if (auto id = parse_id(id_or_key)) t = tx.find_team(*id);
  if (!t) t = tx.find_team_by_key(id_or_key);
  if (!t) fail(Error::not_found(field, "no team '" + id_or_key + "'"));
  return *t;
}

Dependency must_find_dependency(Transaction& tx, Id id) {
  auto d = tx.find_dependency(id);
  if (!d) fail(Error::not_found("id", "dependency " + std::to_string(id) + " does not exist"));
  return *d;
}

// A notification about dependency `v` for `user_id`.
Notification about(const DependencyView& v, NotificationKind kind, Id user_id, const Actor& actor,
                   Instant at, const std::string& words) {
  Notification n;
  n.user_id = user_id;
  n.kind = kind;
  n.actor_id = actor.user_id;
  n.objective_id = v.objective.id;
  n.key_result_id = v.key_result.id;
  n.dependency_id = v.dependency.id;
  n.excerpt = excerpt_of(words);
  n.at = at;
  return n;
}

std::string describe(const DependencyView& v) {
  return "the dependency of key result '" + v.key_result.key + "' on team '" + v.needed_team + "'";
}

}  // namespace

DependencyView view_of(Transaction& tx, Dependency d) {
  DependencyView v;
  v.key_result = *tx.find_key_result(d.key_result_id);
  v.objective = *tx.find_objective(v.key_result.objective_id);
  if (auto t = tx.find_team(v.objective.team_id)) v.asking_team = t->key;
  if (auto t = tx.find_team(d.team_id)) v.needed_team = t->key;
  if (auto c = tx.find_cycle(v.objective.cycle_id)) v.cycle = c->name;
  v.dependency = std::move(d);
  return v;
}

std::vector<DependencyView> views_of(Transaction& tx, std::vector<Dependency> list) {
  std::vector<DependencyView> out;
  if (list.empty()) return out;
  std::set<Id> key_result_ids, objective_ids, team_ids;
  for (const auto& d : list) {
    key_result_ids.insert(d.key_result_id);
    team_ids.insert(d.team_id);
  }
  std::map<Id, KeyResult> key_results;
  for (auto& k : tx.find_key_results({key_result_ids.begin(), key_result_ids.end()})) {
    objective_ids.insert(k.objective_id);
    key_results.emplace(k.id, std::move(k));
  }
  std::map<Id, Objective> objectives;
  for (auto& o : tx.find_objectives({objective_ids.begin(), objective_ids.end()})) {
    team_ids.insert(o.team_id);
    objectives.emplace(o.id, std::move(o));
  }
  std::map<Id, std::string> team_keys, cycle_names;
  for (const auto& t : tx.find_teams({team_ids.begin(), team_ids.end()})) team_keys[t.id] = t.key;
  for (const auto& c : tx.list_cycles()) cycle_names[c.id] = c.name;
  auto name = [](const std::map<Id, std::string>& names, Id id) {
    auto it = names.find(id);
    return it == names.end() ? std::string() : it->second;
  };
  for (auto& d : list) {
    DependencyView v;
    v.key_result = key_results.at(d.key_result_id);
    v.objective = objectives.at(v.key_result.objective_id);
    v.asking_team = name(team_keys, v.objective.team_id);
    v.needed_team = name(team_keys, d.team_id);
    v.cycle = name(cycle_names, v.objective.cycle_id);
    v.dependency = std::move(d);
    out.push_back(std::move(v));
  }
  return out;
}

Result<DependencyView> ask_dependency(App& app, const std::string& key_result,
                                      const std::string& team, const std::string& note,
                                      const Actor& actor) {
  return run(app.store(), Store::Mode::write, [&](Transaction& tx) {
    std::optional<KeyResult> kr = key_result_keyed(tx, key_result);
    const Team needed = must_find_team(tx, team, "team");
    const Objective objective = *tx.find_objective(kr->objective_id);
    require(tx, actor, Permission::edit_team_okrs, objective.team_id, kr->owner_id,
            "declare what key result '" + kr->key + "' needs from other teams");
    if (needed.id == objective.team_id)
      fail(Error::invalid("team", "key result '" + kr->key + "' belongs to team '" + needed.key +
                                      "'; a dependency is on another team"));
    require_open(tx, objective.cycle_id, "declare dependencies in it");
    for (const auto& d : tx.list_dependencies({.key_result_id = kr->id}))
      if (d.team_id == needed.id)
        fail(Error::conflict("team", "key result '" + kr->key + "' already depends on team '" +
                                         needed.key + "' (dependency " + std::to_string(d.id) +
                                         ")"));
    Dependency d;
    d.key_result_id = kr->id;
    d.team_id = needed.id;
    d.note = note;
    d.asked_by = actor.user_id;
    d.asked_at = app.now();
    if (auto e = validate(d)) fail(*e);
    d.id = tx.create_dependency(d);
    d.version = 1;
    audit<Dependency>(tx, actor, app.now(), "create", "dependency", d.id, std::nullopt, d);
    DependencyView v = view_of(tx, d);
    // The leads of the team asked hear of it.
    std::set<Id> leads;
    if (needed.lead_id) leads.insert(*needed.lead_id);
    for (const auto& m : tx.list_memberships(needed.id, std::nullopt))
      if (m.role == TeamRole::lead) leads.insert(m.user_id);
    for (Id lead : leads)
      notify(tx, about(v, NotificationKind::dependency_asked, lead, actor, app.now(), note));
    return v;
  });
}

Result<DependencyView> answer_dependency(App& app, Id id, std::optional<std::int64_t> version,
                                         DependencyState state, const std::string& answer,
                                         const Actor& actor) {
  return run(app.store(), Store::Mode::write, [&](Transaction& tx) {
    const Dependency before = must_find_dependency(tx, id);
    DependencyView v = view_of(tx, before);
    require(tx, actor, Permission::edit_team_okrs, before.team_id, std::nullopt,
            "answer for team '" + v.needed_team + "'");
    if (version) check_version(before.version, *version, describe(v));
    if (state == DependencyState::pending)
      fail(Error::invalid("state", "a team answers 'confirmed' or 'declined'"));
    require_open(tx, v.objective.cycle_id, "answer dependencies in it");
    Dependency d = before;
    d.state = state;
    d.answer = answer;
    d.answered_by = actor.user_id;
    d.answered_at = app.now();
    if (auto e = validate(d)) fail(*e);
    d.version = tx.update_dependency(d);
    audit<Dependency>(tx, actor, app.now(), "update", "dependency", d.id, before, d);
    v.dependency = d;
    if (d.asked_by)
      notify(tx, about(v, NotificationKind::dependency_answered, *d.asked_by, actor, app.now(),
                       answer.empty() ? std::string(to_string(state)) : answer));
    return v;
  });
}

Result<Ok> withdraw_dependency(App& app, Id id, std::optional<std::int64_t> version,
                               const Actor& actor) {
  return run(app.store(), Store::Mode::write, [&](Transaction& tx) {
    const Dependency before = must_find_dependency(tx, id);
    const DependencyView v = view_of(tx, before);
    require(tx, actor, Permission::edit_team_okrs, v.objective.team_id, v.key_result.owner_id,
            "withdraw " + describe(v));
    if (version) check_version(before.version, *version, describe(v));
    require_open(tx, v.objective.cycle_id, "withdraw dependencies in it");
    tx.delete_dependency(id);
    audit<Dependency>(tx, actor, app.now(), "delete", "dependency", id, before, std::nullopt);
    return Ok{};
  });
}

Result<DependencyView> get_dependency(App& app, Id id) {
  return run(app.store(), Store::Mode::read,
             [&](Transaction& tx) { return view_of(tx, must_find_dependency(tx, id)); });
}

Result<std::vector<DependencyView>> list_dependencies(App& app, const DependencyQuery& q) {
  auto cycle = app.resolve_cycle(q.cycle);
  if (!cycle) return cycle.error();
  return run(app.store(), Store::Mode::read, [&](Transaction& tx) {
    DependencyFilter f{.cycle_id = cycle->id};
    if (q.asked_of) f.team_id = must_find_team(tx, *q.asked_of, "asked_of").id;
    if (q.asked_by) f.asking_team_id = must_find_team(tx, *q.asked_by, "asked_by").id;
    auto list = tx.list_dependencies(f);
    std::erase_if(list, [&](const Dependency& d) { return q.state && d.state != *q.state; });
    std::vector<DependencyView> out = views_of(tx, std::move(list));
    return out;
  });
}

}  // namespace okr::app
