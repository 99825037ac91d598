#include "app/okrs.h"

#include <algorithm>
#include <charconv>

#include "app/alignment_rules.h"
#include "app/audit.h"
#include "app/cycle_lock.h"
#include "app/edit.h"
#include "app/lookup.h"
#include "app/outbox.h"
#include "app/permissions.h"
#include "app/run.h"
#include "core/validate.h"

namespace okr::app {
namespace {

// `before` is the stored objective an update starts from (none for a new one): the
// rules of alignment apply to a new or changed alignment, so an alignment made under
// older rules stays editable.
void check_references(Transaction& tx, Objective& o, const Objective* before = nullptr) {
  auto cycle = tx.find_cycle(o.cycle_id);
  if (!cycle)
    fail(Error::invalid("cycle_id", "cycle " + std::to_string(o.cycle_id) + " does not exist"));
  if (!tx.find_team(o.team_id))
    fail(Error::invalid("team_id", "team " + std::to_string(o.team_id) + " does not exist"));
  if (o.owner_id && !tx.find_user(*o.owner_id))
    fail(Error::invalid("owner_id", "user " + std::to_string(*o.owner_id) + " does not exist"));
  for (Id t : o.contributing_team_ids)
    if (!tx.find_team(t))
      fail(
          Error::invalid("contributing_team_ids", "team " + std::to_string(t) + " does not exist"));
  const char* field = "parent_id";
  if (o.parent_key_result_id) {
    field = "parent_key_result_id";
    auto kr = tx.find_key_result(*o.parent_key_result_id);
    if (!kr)
      fail(Error::invalid(
          field, "key result " + std::to_string(*o.parent_key_result_id) + " does not exist"));
    o.parent_id = kr->objective_id;
  }
  const bool realigned = !before || before->parent_id != o.parent_id ||
                         before->parent_key_result_id != o.parent_key_result_id ||
                         before->team_id != o.team_id || before->cycle_id != o.cycle_id;
  if (o.parent_id && realigned) {
    auto parent = tx.find_objective(*o.parent_id);
    if (!parent)
      fail(Error::invalid(field, "objective " + std::to_string(*o.parent_id) + " does not exist"));
    if (auto e = alignment_refusal(tx, o, *parent)) fail(Error::invalid(field, *e));
  }
  if (auto existing = tx.find_objective_by_key(o.key); existing && existing->id != o.id)
    fail(Error::conflict("key", "objective key '" + o.key + "' is already taken"));
}

void check_references(Transaction& tx, const KeyResult& k) {
  if (!tx.find_objective(k.objective_id))
    fail(Error::invalid("objective_id",
                        "objective " + std::to_string(k.objective_id) + " does not exist"));
  if (k.owner_id && !tx.find_user(*k.owner_id))
    fail(Error::invalid("owner_id", "user " + std::to_string(*k.owner_id) + " does not exist"));
  if (k.kpi_id && !tx.find_kpi(*k.kpi_id))
    fail(Error::invalid("kpi_id", "KPI " + std::to_string(*k.kpi_id) + " does not exist"));
  if (auto existing = tx.find_key_result_by_key(k.key); existing && existing->id != k.id)
    fail(Error::conflict("key", "key result key '" + k.key + "' is already taken"));
}

void apply(Objective& o, const ObjectiveFields& f) {
  set(o.key, f.key);
  set(o.title, f.title);
  set(o.description, f.description);
  set(o.cycle_id, f.cycle_id);
  set(o.team_id, f.team_id);
  set(o.kind, f.kind);
  set(o.owner_id, f.owner_id);
  if (f.parent_id && *f.parent_id && f.parent_key_result_id && *f.parent_key_result_id)
    fail(Error::invalid("parent_key_result_id",
                        "an objective aligns to one objective or to one key result, not both; "
                        "give parent_id or parent_key_result_id"));
  if (f.parent_id) {
    o.parent_id = *f.parent_id;
    o.parent_key_result_id.reset();
  }
  set(o.parent_key_result_id, f.parent_key_result_id);
  set(o.contributing_team_ids, f.contributing_team_ids);
  std::sort(o.contributing_team_ids.begin(), o.contributing_team_ids.end());
  o.contributing_team_ids.erase(
      std::unique(o.contributing_team_ids.begin(), o.contributing_team_ids.end()),
      o.contributing_team_ids.end());
}

void apply(KeyResult& k, const KeyResultFields& f) {
  set(k.key, f.key);
  set(k.title, f.title);
  set(k.unit, f.unit);
  set(k.objective_id, f.objective_id);
  set(k.metric, f.metric);
  set(k.start, f.start);
  set(k.target, f.target);
  set(k.range_low, f.low);
  set(k.range_high, f.high);
  set(k.tolerance, f.tolerance);
  set(k.weight, f.weight);
  set(k.owner_id, f.owner_id);
  set(k.kpi_id, f.kpi_id);
  set(k.indicator, f.indicator);
  set(k.driven_by_aligned, f.driven_by_aligned);
}

Objective must_find_objective(Transaction& tx, Id id) {
  auto o = tx.find_objective(id);
  if (!o) fail(Error::not_found("id", "objective " + std::to_string(id) + " does not exist"));
  return *o;
}

KeyResult must_find_key_result(Transaction& tx, Id id) {
  auto k = tx.find_key_result(id);
  if (!k) fail(Error::not_found("id", "key result " + std::to_string(id) + " does not exist"));
  return *k;
}

template <class T>
Page<T> paginate(std::vector<T> all, std::optional<Id> after, int limit) {
  std::sort(all.begin(), all.end(), [](const T& a, const T& b) { return a.id < b.id; });
  Page<T> page;
  limit = std::clamp(limit, 1, 500);
  for (auto& item : all) {
    if (after && item.id <= *after) continue;
    if (static_cast<int>(page.items.size()) == limit) {
      page.next_after = page.items.back().id;
      break;
    }
    page.items.push_back(std::move(item));
  }
  return page;
}

Objective create_objective_in(App& app, Transaction& tx, const ObjectiveFields& f,
                              const Actor& actor) {
  for (auto [present, name] :
       {std::pair{f.key.has_value(), "key"}, std::pair{f.cycle_id.has_value(), "cycle_id"},
        std::pair{f.team_id.has_value(), "team_id"}, std::pair{f.title.has_value(), "title"}})
    if (!present) fail(Error::invalid(name, std::string("a new objective needs '") + name + "'"));
  Objective o;
  apply(o, f);
  if (auto e = validate(o)) fail(*e);
  check_references(tx, o);
  require(tx, actor, Permission::edit_team_okrs, o.team_id, std::nullopt, "create objectives");
  require_open(tx, o.cycle_id, "create objectives in it");
  o.id = tx.create_objective(o);
  o.version = 1;
  audit<Objective>(tx, actor, app.now(), "create", "objective", o.id, std::nullopt, o);
  tell_objective(tx, app.now(), "objective.created", o);
  return o;
}

Objective update_objective_in(App& app, Transaction& tx, Id id, std::int64_t version,
                              const ObjectiveFields& f, const Actor& actor) {
  Objective before = must_find_objective(tx, id);
  require(tx, actor, Permission::edit_team_okrs, before.team_id, before.owner_id,
          "edit objective '" + before.key + "'");
  check_version(before.version, version, "objective '" + before.key + "'");
  require_open(tx, before.cycle_id, "edit objective '" + before.key + "'");
  Objective o = before;
  apply(o, f);
  if (auto e = validate(o)) fail(*e);
  check_references(tx, o, &before);
  if (o.team_id != before.team_id)
    require(tx, actor, Permission::edit_team_okrs, o.team_id, std::nullopt, "move objectives");
  if (o.cycle_id != before.cycle_id)
    require_open(tx, o.cycle_id, "move objective '" + before.key + "' into it");
  if (o.owner_id != before.owner_id)
    require(tx, actor, Permission::edit_team_okrs, o.team_id, std::nullopt,
            "hand objectives to another owner");
  if (o == before) return o;
  o.version = tx.update_objective(o);
  audit<Objective>(tx, actor, app.now(), "update", "objective", o.id, before, o);
  tell_objective(tx, app.now(), "objective.updated", o);
  return o;
}

KeyResult create_key_result_in(App& app, Transaction& tx, const KeyResultFields& f,
                               const Actor& actor) {
  for (auto [present, name] :
       {std::pair{f.key.has_value(), "key"}, std::pair{f.objective_id.has_value(), "objective_id"},
        std::pair{f.title.has_value(), "title"}})
    if (!present) fail(Error::invalid(name, std::string("a new key result needs '") + name + "'"));
  KeyResult k;
  auto metric = f.metric.value_or(MetricKind::number);
  if (metric == MetricKind::boolean) k.target = 1;
  if (metric == MetricKind::milestone) k.target = 100;
  bool numeric = metric == MetricKind::number || metric == MetricKind::percent ||
                 metric == MetricKind::currency;
  if (numeric && (!f.start || !f.target))
    fail(Error::invalid(f.start ? "target" : "start",
                        "a numeric key result needs a start (baseline) and a target"));
  apply(k, f);
  if (auto e = validate(k)) fail(*e);
  check_references(tx, k);
  auto objective = must_find_objective(tx, k.objective_id);
  require(tx, actor, Permission::edit_team_okrs, objective.team_id, objective.owner_id,
          "add key results to objective '" + objective.key + "'");
  require_open(tx, objective.cycle_id, "add key results to objective '" + objective.key + "'");
  k.id = tx.create_key_result(k);
  k.version = 1;
  audit<KeyResult>(tx, actor, app.now(), "create", "key_result", k.id, std::nullopt, k);
  return k;
}

KeyResult update_key_result_in(App& app, Transaction& tx, Id id, std::int64_t version,
                               const KeyResultFields& f, const Actor& actor) {
  KeyResult before = must_find_key_result(tx, id);
  auto objective = must_find_objective(tx, before.objective_id);
  require(tx, actor, Permission::edit_team_okrs, objective.team_id, before.owner_id,
          "edit key result '" + before.key + "'");
  check_version(before.version, version, "key result '" + before.key + "'");
  require_open(tx, objective.cycle_id, "edit key result '" + before.key + "'");
  KeyResult k = before;
  apply(k, f);
  if (auto e = validate(k)) fail(*e);
  check_references(tx, k);
  if (k.owner_id != before.owner_id)
    require(tx, actor, Permission::edit_team_okrs, objective.team_id, std::nullopt,
            "hand key results to another owner");
  if (auto e = key_result_move_refusal(tx, before, k)) fail(Error::invalid("objective_id", *e));
  if (k.objective_id != before.objective_id) {
    auto target = must_find_objective(tx, k.objective_id);
    require(tx, actor, Permission::edit_team_okrs, target.team_id, std::nullopt,
            "move key results");
    require_open(tx, target.cycle_id, "move key result '" + before.key + "' into it");
  }
  if (k == before) return k;
  k.version = tx.update_key_result(k);
  audit<KeyResult>(tx, actor, app.now(), "update", "key_result", k.id, before, k);
  return k;
}

void delete_key_result_in(App& app, Transaction& tx, Id id, std::int64_t version,
                          const Actor& actor) {
  KeyResult before = must_find_key_result(tx, id);
  auto objective = must_find_objective(tx, before.objective_id);
  require(tx, actor, Permission::edit_team_okrs, objective.team_id, std::nullopt,
          "delete key result '" + before.key + "'");
  check_version(before.version, version, "key result '" + before.key + "'");
  require_open(tx, objective.cycle_id, "delete key result '" + before.key + "'");
  tx.delete_key_result(id);
  audit<KeyResult>(tx, actor, app.now(), "delete", "key_result", id, before, std::nullopt);
}

// Runs one key result's part of a whole-objective write; its errors name the item.
template <class F>
auto for_item(std::size_t i, F&& write) {
  try {
    return write();
  } catch (Failure& f) {
    const std::string item = "key_results[" + std::to_string(i) + "]";
    f.error.field = f.error.field.empty() ? item : item + "." + f.error.field;
    f.error.message = item + ": " + f.error.message;
    throw;
  }
}

// A key for a new key result of `objective` that no key result has yet.
std::string free_key_result_key(Transaction& tx, const std::string& objective,
                                std::vector<std::string>& taken) {
  for (int n = 1;; ++n) {
    std::string key = objective + "-kr" + std::to_string(n);
    if (std::find(taken.begin(), taken.end(), key) != taken.end()) continue;
    if (tx.find_key_result_by_key(key)) continue;
    taken.push_back(key);
    return key;
  }
}

// Writes `drafts` as the key results of `objective`; with `replace`, stored ones not
// listed are deleted first (so their keys may be reused by new ones).
std::vector<KeyResult> write_key_results(App& app, Transaction& tx, const Objective& objective,
                                         const std::vector<KeyResultDraft>& drafts, bool replace,
                                         const Actor& actor) {
  std::vector<std::string> taken;
  for (const auto& d : drafts)
    if (d.fields.key) taken.push_back(*d.fields.key);
  if (replace) {
    for (const auto& stored : tx.list_key_results(objective.id)) {
      bool listed = std::any_of(drafts.begin(), drafts.end(),
                                [&](const KeyResultDraft& d) { return d.id == stored.id; });
      if (!listed) delete_key_result_in(app, tx, stored.id, kAnyVersion, actor);
    }
  }
  std::vector<KeyResult> out;
  for (std::size_t i = 0; i < drafts.size(); ++i) {
    const auto& d = drafts[i];
    out.push_back(for_item(i, [&] {
      KeyResultFields f = d.fields;
      if (f.objective_id && *f.objective_id != objective.id)
        fail(Error::invalid("objective_id",
                            "a key result written with its objective belongs to it; move it "
                            "with PATCH /key-results/{id} instead"));
      f.objective_id = objective.id;
      if (d.id) {
        auto stored = tx.find_key_result(*d.id);
        if (!stored || stored->objective_id != objective.id)
          fail(Error::invalid("id", "key result " + std::to_string(*d.id) +
                                        " is not one of objective '" + objective.key + "'"));
        for (std::size_t j = 0; j < i; ++j)
          if (drafts[j].id == d.id)
            fail(Error::invalid("id", "key result " + std::to_string(*d.id) + " is listed twice"));
        return update_key_result_in(app, tx, *d.id, d.version, f, actor);
      }
      if (!f.key) f.key = free_key_result_key(tx, objective.key, taken);
      return create_key_result_in(app, tx, f, actor);
    }));
  }
  return out;
}

}  // namespace

Result<ObjectiveWithKeyResults> create_objective_with_key_results(
    App& app, const ObjectiveFields& f, const std::vector<KeyResultDraft>& key_results,
    const Actor& actor) {
  return run(app.store(), Store::Mode::write, [&](Transaction& tx) {
    ObjectiveWithKeyResults out;
    out.objective = create_objective_in(app, tx, f, actor);
    for (std::size_t i = 0; i < key_results.size(); ++i)
      if (key_results[i].id)
        for_item(i, [] {
          fail(Error::invalid("id", "a new objective's key results are new: give no id"));
          return 0;
        });
    out.key_results = write_key_results(app, tx, out.objective, key_results, false, actor);
    return out;
  });
}

Result<ObjectiveWithKeyResults> replace_objective(App& app, Id id, std::int64_t version,
                                                  const ObjectiveFields& f,
                                                  const std::vector<KeyResultDraft>& key_results,
                                                  const Actor& actor) {
  return run(app.store(), Store::Mode::write, [&](Transaction& tx) {
    ObjectiveWithKeyResults out;
    out.objective = update_objective_in(app, tx, id, version, f, actor);
    out.key_results = write_key_results(app, tx, out.objective, key_results, true, actor);
    return out;
  });
}

std::optional<Id> parse_id(const std::string& text) {
  Id id = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || p != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

Result<Objective> create_objective(App& app, const ObjectiveFields& f, const Actor& actor) {
  return run(app.store(), Store::Mode::write,
             [&](Transaction& tx) { return create_objective_in(app, tx, f, actor); });
}

Result<Objective> update_objective(App& app, Id id, std::int64_t version, const ObjectiveFields& f,
                                   const Actor& actor) {
  return run(app.store(), Store::Mode::write,
             [&](Transaction& tx) { return update_objective_in(app, tx, id, version, f, actor); });
}

Result<Ok> delete_objective(App& app, Id id, std::int64_t version, const Actor& actor) {
  return run(app.store(), Store::Mode::write, [&](Transaction& tx) {
    Objective before = must_find_objective(tx, id);
    require(tx, actor, Permission::edit_team_okrs, before.team_id, std::nullopt,
            "delete objective '" + before.key + "'");
    check_version(before.version, version, "objective '" + before.key + "'");
    require_open(tx, before.cycle_id, "delete objective '" + before.key + "'");
    tx.delete_objective(id);
    audit<Objective>(tx, actor, app.now(), "delete", "objective", id, before, std::nullopt);
    tell_objective(tx, app.now(), "objective.deleted", before);
    return Ok{};
  });
}

// One statement (a second only to suggest a key when none matches): no transaction
// around it (Store::Mode::glance).
Result<Objective> get_objective(App& app, const std::string& id_or_key) {
  return run(app.store(), Store::Mode::glance, [&](Transaction& tx) {
    auto id = parse_id(id_or_key);
    auto o = id ? tx.find_objective(*id) : tx.find_objective_by_key(id_or_key);
    if (!o)
      fail(Error::not_found("id", "no objective '" + id_or_key + "'" +
                                      did_you_mean(tx, SearchHit::Kind::objective, id_or_key)));
    return *o;
  });
}

Result<Page<Objective>> list_objectives(App& app, const ObjectiveFilter& filter,
                                        std::optional<Id> after, int limit) {
  return run(app.store(), Store::Mode::read, [&](Transaction& tx) {
    // The page is cut in SQL by id; one row more tells whether another page follows.
    ObjectiveFilter f = filter;
    f.after = after;
    f.limit = std::clamp(limit, 1, 500) + 1;
    Page<Objective> page;
    page.items = tx.list_objectives(f);
    if (static_cast<int>(page.items.size()) == f.limit) {
      page.items.pop_back();
      page.next_after = page.items.back().id;
    }
    return page;
  });
}

Result<KeyResult> create_key_result(App& app, const KeyResultFields& f, const Actor& actor) {
  return run(app.store(), Store::Mode::write,
             [&](Transaction& tx) { return create_key_result_in(app, tx, f, actor); });
}

Result<KeyResult> update_key_result(App& app, Id id, std::int64_t version, const KeyResultFields& f,
                                    const Actor& actor) {
  return run(app.store(), Store::Mode::write,
             [&](Transaction& tx) { return update_key_result_in(app, tx, id, version, f, actor); });
}

Result<Ok> delete_key_result(App& app, Id id, std::int64_t version, const Actor& actor) {
  return run(app.store(), Store::Mode::write, [&](Transaction& tx) {
    delete_key_result_in(app, tx, id, version, actor);
    return Ok{};
  });
}

Result<KeyResult> get_key_result(App& app, const std::string& id_or_key) {
  return run(app.store(), Store::Mode::glance, [&](Transaction& tx) {
    auto id = parse_id(id_or_key);
    auto k = id ? tx.find_key_result(*id) : tx.find_key_result_by_key(id_or_key);
    if (!k) fail(Error::not_found("id", "no key result '" + id_or_key + "'"));
    return *k;
  });
}

Result<Page<KeyResult>> list_key_results(App& app, std::optional<Id> objective_id,
                                         std::optional<Id> cycle_id, std::optional<Id> after,
                                         int limit, std::optional<Id> team_id) {
  return run(app.store(), Store::Mode::read, [&](Transaction& tx) {
    return list_key_results_in(tx, objective_id, cycle_id, after, limit, team_id);
  });
}

Page<KeyResult> list_key_results_in(Transaction& tx, std::optional<Id> objective_id,
                                    std::optional<Id> cycle_id, std::optional<Id> after, int limit,
                                    std::optional<Id> team_id) {
  {
    std::vector<KeyResult> all;
    if (team_id) {
      // The team's objectives (in the cycle), then their key results: a statement each.
      auto objectives = tx.list_objectives({.cycle_id = cycle_id, .team_id = team_id});
      if (objective_id)
        std::erase_if(objectives, [&](const Objective& o) { return o.id != *objective_id; });
      for (const auto& o : objectives) {
        auto part = tx.list_key_results(o.id);
        all.insert(all.end(), part.begin(), part.end());
      }
    } else if (objective_id)
      all = tx.list_key_results(*objective_id);
    else if (cycle_id)
      all = tx.list_key_results_in_cycle(*cycle_id);
    else
      for (const auto& c : tx.list_cycles()) {
        auto part = tx.list_key_results_in_cycle(c.id);
        all.insert(all.end(), part.begin(), part.end());
      }
    return paginate(std::move(all), after, limit);
  }
}

Result<std::vector<CheckIn>> list_check_ins(App& app, Id key_result_id) {
  return run(app.store(), Store::Mode::read, [&](Transaction& tx) {
    must_find_key_result(tx, key_result_id);
    return tx.list_check_ins(key_result_id);
  });
}

}  // namespace okr::app
