// Sprints and initiatives: the sprint work (outputs) linked to key results (outcomes).
#include <algorithm>

#include "app/audit.h"
#include "app/edit.h"
#include "app/permissions.h"
#include "app/resources.h"
#include "core/validate.h"

namespace okr::app {
namespace {

void check_team(Transaction& tx, Id team_id) {
  if (!tx.find_team(team_id))
    fail(Error::invalid("team_id", "team " + std::to_string(team_id) + " does not exist"));
}

void check_references(Transaction& tx, const Initiative& i) {
  check_team(tx, i.team_id);
  if (i.sprint_id && !tx.find_sprint(*i.sprint_id))
    fail(Error::invalid("sprint_id", "sprint " + std::to_string(*i.sprint_id) + " does not exist"));
  for (Id k : i.key_result_ids)
    if (!tx.find_key_result(k))
      fail(Error::invalid("key_result_ids", "key result " + std::to_string(k) + " does not exist"));
  // A taken key is refused by the store's unique index (a conflict on "key").
}

void apply(Initiative& i, const InitiativeFields& f) {
  set(i.key, f.key);
  set(i.title, f.title);
  set(i.url, f.url);
  set(i.team_id, f.team_id);
  set(i.sprint_id, f.sprint_id);
  set(i.status, f.status);
  set(i.key_result_ids, f.key_result_ids);
  std::sort(i.key_result_ids.begin(), i.key_result_ids.end());
  i.key_result_ids.erase(std::unique(i.key_result_ids.begin(), i.key_result_ids.end()),
                         i.key_result_ids.end());
}

}  // namespace

Result<Sprint> create_sprint(App& app, const SprintFields& f, const Actor& actor) {
  return run(app.store(), Store::Mode::write, [&](Transaction& tx) {
    for (auto [present, name] :
         {std::pair{f.team_id.has_value(), "team_id"}, std::pair{f.name.has_value(), "name"},
          std::pair{f.start.has_value(), "start"}, std::pair{f.end.has_value(), "end"}})
      if (!present) fail(Error::invalid(name, std::string("a new sprint needs '") + name + "'"));
    Sprint s{0, *f.team_id, *f.name, *f.start, *f.end, 1};
    if (auto e = validate(s)) fail(*e);
    check_team(tx, s.team_id);
    require(tx, actor, Permission::manage_team, s.team_id, std::nullopt, "plan sprints");
    s.id = tx.create_sprint(s);
    audit<Sprint>(tx, actor, app.now(), "create", "sprint", s.id, std::nullopt, s);
    return s;
  });
}

Result<Sprint> update_sprint(App& app, Id id, std::int64_t version, const SprintFields& f,
                             const Actor& actor) {
  return run(app.store(), Store::Mode::write, [&](Transaction& tx) {
    auto before = tx.find_sprint(id);
    if (!before) fail(Error::not_found("id", "sprint " + std::to_string(id) + " does not exist"));
    require(tx, actor, Permission::manage_team, before->team_id, std::nullopt, "plan sprints");
    check_version(before->version, version, "sprint '" + before->name + "'");
    Sprint s = *before;
    set(s.team_id, f.team_id);
    set(s.name, f.name);
    set(s.start, f.start);
    set(s.end, f.end);
    if (auto e = validate(s)) fail(*e);
    check_team(tx, s.team_id);
    if (s.team_id != before->team_id)
      require(tx, actor, Permission::manage_team, s.team_id, std::nullopt, "plan sprints");
    if (s == *before) return s;
    s.version = tx.update_sprint(s);
    audit<Sprint>(tx, actor, app.now(), "update", "sprint", s.id, before, s);
    return s;
  });
}

Result<Sprint> get_sprint(App& app, Id id) {
  return run(app.store(), Store::Mode::read, [&](Transaction& tx) {
    auto s = tx.find_sprint(id);
    if (!s) fail(Error::not_found("id", "sprint " + std::to_string(id) + " does not exist"));
    return *s;
  });
}

Result<std::vector<Sprint>> list_sprints(App& app, std::optional<Id> team_id) {
  return run(app.store(), Store::Mode::read,
             [&](Transaction& tx) { return tx.list_sprints(team_id); });
}

Result<Initiative> create_initiative(App& app, const InitiativeFields& f, const Actor& actor) {
  return run(app.store(), Store::Mode::write, [&](Transaction& tx) {
    if (!f.title) fail(Error::invalid("title", "a new initiative needs a 'title'"));
    if (!f.team_id) fail(Error::invalid("team_id", "a new initiative needs a 'team_id'"));
    Initiative i;
    apply(i, f);
    if (auto e = validate(i)) fail(*e);
    check_references(tx, i);
    require(tx, actor, Permission::check_in, i.team_id, std::nullopt, "add initiatives");
    i.id = tx.create_initiative(i);
    i.version = 1;
    audit<Initiative>(tx, actor, app.now(), "create", "initiative", i.id, std::nullopt, i);
    return i;
  });
}

Result<Initiative> update_initiative(App& app, Id id, std::int64_t version,
                                     const InitiativeFields& f, const Actor& actor) {
  return run(app.store(), Store::Mode::write, [&](Transaction& tx) {
    auto before = tx.find_initiative(id);
    if (!before)
      fail(Error::not_found("id", "initiative " + std::to_string(id) + " does not exist"));
    require(tx, actor, Permission::check_in, before->team_id, std::nullopt, "change initiatives");
    check_version(before->version, version, "initiative '" + before->title + "'");
    Initiative i = *before;
    apply(i, f);
    if (auto e = validate(i)) fail(*e);
    check_references(tx, i);
    if (i.team_id != before->team_id)
      require(tx, actor, Permission::check_in, i.team_id, std::nullopt, "move initiatives");
    if (i == *before) return i;
    i.version = tx.update_initiative(i);
    audit<Initiative>(tx, actor, app.now(), "update", "initiative", i.id, before, i);
    return i;
  });
}

Result<Initiative> get_initiative(App& app, const std::string& id_or_key) {
  return run(app.store(), Store::Mode::read, [&](Transaction& tx) {
    auto id = parse_id(id_or_key);
    auto i = id ? tx.find_initiative(*id) : tx.find_initiative_by_key(id_or_key);
    if (!i) fail(Error::not_found("id", "no initiative '" + id_or_key + "'"));
    return *i;
  });
}

Result<std::vector<Initiative>> list_initiatives(App& app, std::optional<Id> team_id,
                                                 std::optional<Id> key_result_id) {
  return run(app.store(), Store::Mode::read,
             [&](Transaction& tx) { return tx.list_initiatives(team_id, key_result_id); });
}

}  // namespace okr::app
