#include "app/queries.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "app/lookup.h"
#include "app/run.h"
#include "core/validate.h"

namespace okr::app {

Result<std::vector<Cycle>> list_cycles(App& app) {
  return run(app.store(), Store::Mode::read, [](Transaction& tx) { return tx.list_cycles(); });
}

Result<Cycle> get_cycle(App& app, const std::string& id_or_name) {
  // A statement (a few to name the cycles when none matches): no transaction around it.
  return run(app.store(), Store::Mode::glance, [&](Transaction& tx) {
    auto id = parse_id(id_or_name);
    auto c = id ? tx.find_cycle(*id) : std::nullopt;
    if (!c && id) fail(Error::not_found("cycle", "no cycle '" + id_or_name + "'"));
    return c ? *c : cycle_named(tx, id_or_name, app.today());
  });
}

Result<std::vector<Team>> list_teams(App& app) {
  return run(app.store(), Store::Mode::read, [](Transaction& tx) { return tx.list_teams(); });
}

Result<Team> get_team(App& app, const std::string& id_or_key) {
  return run(app.store(), Store::Mode::read, [&](Transaction& tx) {
    auto id = parse_id(id_or_key);
    if (id) {
      if (auto t = tx.find_team(*id)) return *t;
      fail(Error::not_found("team", "no team '" + id_or_key + "'"));
    }
    return team_keyed(tx, id_or_key);  // names the nearest keys when none matches
  });
}

Result<std::vector<Membership>> list_memberships(App& app, Id team_id) {
  return run(app.store(), Store::Mode::read,
             [&](Transaction& tx) { return tx.list_memberships(team_id, std::nullopt); });
}

Result<std::vector<User>> list_users(App& app) {
  return run(app.store(), Store::Mode::read, [](Transaction& tx) { return tx.list_users(); });
}

Result<User> get_user(App& app, const std::string& id_or_email) {
  return run(app.store(), Store::Mode::read, [&](Transaction& tx) {
    auto id = parse_id(id_or_email);
    auto u = id ? tx.find_user(*id) : tx.find_user_by_email(normalize_email(id_or_email));
    if (!u) fail(Error::not_found("user", "no user '" + id_or_email + "'"));
    return *u;
  });
}

Result<AuditPage> list_audit_events(App& app, const Actor& actor, std::optional<Id> before,
                                    int limit) {
  return run(app.store(), Store::Mode::read, [&](Transaction& tx) {
    if (!actor.admin) fail(Error::forbidden("", "only administrators may read the audit trail"));
    limit = std::clamp(limit, 1, 500);
    AuditPage out;
    auto& page = out.page;
    page.items = tx.list_audit_events(before, limit + 1);
    if (static_cast<int>(page.items.size()) > limit) {
      page.items.pop_back();
      page.next_after = page.items.back().id;
    }
    std::vector<Id> ids;
    for (const auto& e : page.items)
      if (e.actor_id) ids.push_back(*e.actor_id);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    for (auto& u : tx.find_users(ids)) out.actors.emplace(u.id, std::move(u));
    return out;
  });
}

Result<Alignment> alignment(App& app, const std::string& cycle_name) {
  auto cycle = get_cycle(app, cycle_name);
  if (!cycle) return cycle.error();
  auto status = app.cycle_status(cycle->name, std::nullopt);
  if (!status) return status.error();
  Alignment out;
  std::map<Id, const ObjectiveStatus*> by_id;
  std::map<Id, const Team*> team_of;
  for (const auto& t : status->teams)
    for (const auto& o : t.objectives) {
      by_id[o.objective.id] = &o;
      team_of[o.objective.id] = &t.team;
    }
  std::map<std::optional<Id>, std::vector<Id>> children;
  for (const auto& [id, o] : by_id) {
    auto parent = o->objective.parent_id;
    children[parent && by_id.count(*parent) ? parent : std::nullopt].push_back(id);
    if (!parent && team_of[id]->parent_id) ++out.unaligned;
  }
  auto build = [&](auto&& self, Id id) -> AlignmentNode {
    AlignmentNode n{by_id[id]->objective,
                    team_of[id]->key,
                    by_id[id]->score,
                    {},
                    team_of[id]->name,
                    !by_id[id]->objective.parent_id && team_of[id]->parent_id.has_value()};
    for (Id c : children[id]) n.children.push_back(self(self, c));
    return n;
  };
  for (Id root : children[std::nullopt]) out.roots.push_back(build(build, root));
  return out;
}

}  // namespace okr::app
