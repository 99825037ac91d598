// Cycles, teams and memberships.
#include "app/audit.h"
#include "app/edit.h"
#include "app/lookup.h"
#include "app/okrs.h"
#include "app/outbox.h"
#include "app/permissions.h"
#include "app/resources.h"
#include "app/run.h"
#include "core/validate.h"

namespace okr::app {
namespace {

void check_team_references(Transaction& tx, const Team& t) {
  if (auto other = tx.find_team_by_key(t.key); other && other->id != t.id)
    fail(Error::conflict("key", "team key '" + t.key + "' is already taken"));
  if (t.lead_id && !tx.find_user(*t.lead_id))
    fail(Error::invalid("lead_id", "user " + std::to_string(*t.lead_id) + " does not exist"));
  if (t.parent_id) {
    if (!tx.find_team(*t.parent_id))
      fail(Error::invalid("parent_id", "team " + std::to_string(*t.parent_id) + " does not exist"));
    for (std::optional<Id> cur = t.parent_id; cur; cur = tx.find_team(*cur)->parent_id)
      if (t.id != 0 && *cur == t.id)
        fail(Error::invalid("parent_id", "that would make a loop in the organisation tree"));
  }
}

}  // namespace

Result<Cycle> create_cycle(App& app, const CycleFields& f, const Actor& actor) {
  return run(app.store(), Store::Mode::write, [&](Transaction& tx) {
    require_admin(actor, "create cycles");
    if (!f.name) fail(Error::invalid("name", "a new cycle needs a name"));
    Cycle c;
    c.name = *f.name;
    auto quarter = quarter_range(c.name);
    if ((!f.start || !f.end) && !quarter)
      fail(Error::invalid(
          f.start ? "end" : "start",
          "'" + c.name + "' is not a quarter name like 2027-Q1; give start and end"));
    c.start = f.start.value_or(quarter ? quarter->start : Date{});
    c.end = f.end.value_or(quarter ? quarter->end : Date{});
    set(c.state, f.state);
    if (auto e = validate(c)) fail(*e);
    if (tx.find_cycle_by_name(c.name))
      fail(Error::conflict("name", "a cycle named '" + c.name + "' already exists"));
    c.id = tx.create_cycle(c);
    c.version = 1;
    audit<Cycle>(tx, actor, app.now(), "create", "cycle", c.id, std::nullopt, c);
    return c;
  });
}

Result<Cycle> update_cycle(App& app, Id id, std::int64_t version, const CycleFields& f,
                           const Actor& actor) {
  return run(app.store(), Store::Mode::write, [&](Transaction& tx) {
    require_admin(actor, "change cycles");
    auto before = tx.find_cycle(id);
    if (!before) fail(Error::not_found("id", "cycle " + std::to_string(id) + " does not exist"));
    check_version(before->version, version, "cycle '" + before->name + "'");
    Cycle c = *before;
    set(c.name, f.name);
    set(c.start, f.start);
    set(c.end, f.end);
    set(c.state, f.state);
    if (auto e = validate(c)) fail(*e);
    if (auto other = tx.find_cycle_by_name(c.name); other && other->id != c.id)
      fail(Error::conflict("name", "a cycle named '" + c.name + "' already exists"));
    if (c == *before) return c;
    c.version = tx.update_cycle(c);
    const bool reopened = before->state == CycleState::closed && c.state != CycleState::closed;
    audit<Cycle>(tx, actor, app.now(), reopened ? "reopen" : "update", "cycle", c.id, before, c);
    tell_cycle_state(tx, app.now(), *before, c);
    return c;
  });
}

Result<Cycle> move_cycle(App& app, const std::string& id_or_name, CycleState to,
                         const Actor& actor) {
  return run(app.store(), Store::Mode::write, [&](Transaction& tx) {
    std::optional<Cycle> before = cycle_named(tx, id_or_name, app.today());
    const int from_step = static_cast<int>(before->state), to_step = static_cast<int>(to);
    const std::string name = before->name;
    if (from_step == to_step)
      fail(Error::conflict("state", "cycle " + name + " is already " + std::string(to_string(to))));
    if (to_step > from_step) {
      if (!actor.admin && !leads_top_level_team(tx, actor))
        fail(Error::forbidden("state",
                              "only an administrator or the lead of a top-level team "
                              "may move cycle " +
                                  name + " on"));
      if (to_step != from_step + 1)
        fail(Error::invalid("state",
                            "cycle " + name + " is " + std::string(to_string(before->state)) +
                                "; it moves one step at a time (planning → active → grading → "
                                "closed), so next to " +
                                std::string(to_string(static_cast<CycleState>(from_step + 1)))));
    } else {
      // Going back undoes a lock or a decision others relied on: administrators only.
      require_admin(actor, "reopen cycle " + name);
    }
    Cycle c = *before;
    c.state = to;
    c.version = tx.update_cycle(c);
    const char* action = before->state == CycleState::closed ? "reopen"
                         : to == CycleState::closed          ? "close"
                                                             : "update";
    audit<Cycle>(tx, actor, app.now(), action, "cycle", c.id, before, c);
    tell_cycle_state(tx, app.now(), *before, c);
    return c;
  });
}

Result<Team> create_team(App& app, const TeamFields& f, const Actor& actor) {
  return run(app.store(), Store::Mode::write, [&](Transaction& tx) {
    require_admin(actor, "create teams");
    if (!f.key) fail(Error::invalid("key", "a new team needs a key"));
    Team t;
    set(t.key, f.key);
    t.name = f.name.value_or(t.key);
    set(t.function, f.function);
    set(t.parent_id, f.parent_id);
    set(t.lead_id, f.lead_id);
    set(t.check_in_cadence_days, f.check_in_cadence_days);
    if (auto e = validate(t)) fail(*e);
    check_team_references(tx, t);
    t.id = tx.create_team(t);
    t.version = 1;
    if (t.lead_id) tx.put_membership({t.id, *t.lead_id, TeamRole::lead});
    audit<Team>(tx, actor, app.now(), "create", "team", t.id, std::nullopt, t);
    return t;
  });
}

Result<Team> update_team(App& app, Id id, std::int64_t version, const TeamFields& f,
                         const Actor& actor) {
  return run(app.store(), Store::Mode::write, [&](Transaction& tx) {
    require_admin(actor, "change teams");
    auto before = tx.find_team(id);
    if (!before) fail(Error::not_found("id", "team " + std::to_string(id) + " does not exist"));
    check_version(before->version, version, "team '" + before->key + "'");
    Team t = *before;
    set(t.key, f.key);
    set(t.name, f.name);
    set(t.function, f.function);
    set(t.parent_id, f.parent_id);
    set(t.lead_id, f.lead_id);
    set(t.check_in_cadence_days, f.check_in_cadence_days);
    if (auto e = validate(t)) fail(*e);
    check_team_references(tx, t);
    if (t == *before) return t;
    t.version = tx.update_team(t);
    if (t.lead_id) tx.put_membership({t.id, *t.lead_id, TeamRole::lead});
    audit<Team>(tx, actor, app.now(), "update", "team", t.id, before, t);
    return t;
  });
}

Result<Ok> delete_team(App& app, Id id, std::int64_t version, const Actor& actor) {
  return run(app.store(), Store::Mode::write, [&](Transaction& tx) {
    require_admin(actor, "delete teams");
    auto before = tx.find_team(id);
    if (!before) fail(Error::not_found("id", "team " + std::to_string(id) + " does not exist"));
    check_version(before->version, version, "team '" + before->key + "'");
    // A team with a history is kept: its objectives, work and grades say what it did.
    if (auto uses = tx.team_uses(id); !uses.empty()) {
      std::string what;
      for (std::size_t i = 0; i < uses.size(); ++i)
        what += (i == 0                 ? ""
                 : i + 1 == uses.size() ? " and "
                                        : ", ") +
                std::to_string(uses[i].second) + " " + uses[i].first;
      fail(Error::conflict("team", "team '" + before->key + "' still has " + what +
                                       "; only a team with none of these can be deleted "
                                       "(rename or move it instead)"));
    }
    tx.delete_team(id);
    audit<Team>(tx, actor, app.now(), "delete", "team", id, before, std::nullopt);
    return Ok{};
  });
}

Result<Membership> put_membership(App& app, const Membership& m, const Actor& actor) {
  return run(app.store(), Store::Mode::write, [&](Transaction& tx) {
    if (!tx.find_team(m.team_id))
      fail(Error::not_found("team", "team " + std::to_string(m.team_id) + " does not exist"));
    if (!tx.find_user(m.user_id))
      fail(Error::invalid("user_id", "user " + std::to_string(m.user_id) + " does not exist"));
    require(tx, actor, Permission::manage_team, m.team_id, std::nullopt, "manage members");
    tx.put_membership(m);
    // Given by hand, it is manual from now on: a group mapping no longer changes it.
    tx.delete_mapped_grant(m.team_id, m.user_id);
    tx.add_audit_event({0, app.now(), actor.user_id, "put", "membership", m.team_id, "",
                        "{\"user_id\":" + std::to_string(m.user_id) + ",\"role\":\"" +
                            std::string(to_string(m.role)) + "\"}"});
    return m;
  });
}

Result<Ok> remove_membership(App& app, Id team_id, Id user_id, const Actor& actor) {
  return run(app.store(), Store::Mode::write, [&](Transaction& tx) {
    if (!tx.find_team(team_id))
      fail(Error::not_found("team", "team " + std::to_string(team_id) + " does not exist"));
    require(tx, actor, Permission::manage_team, team_id, std::nullopt, "manage members");
    tx.remove_membership(team_id, user_id);
    tx.add_audit_event({0, app.now(), actor.user_id, "remove", "membership", team_id,
                        "{\"user_id\":" + std::to_string(user_id) + "}", ""});
    return Ok{};
  });
}

}  // namespace okr::app
