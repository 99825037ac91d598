// Reviews: the end-of-cycle grading of an objective, with score overrides and a reflection.
#include <set>

#include "app/audit.h"
#include "app/cycle_lock.h"
#include "app/edit.h"
#include "app/permissions.h"
#include "app/resources.h"
#include "core/validate.h"

namespace okr::app {

Result<Review> put_review(App& app, Id objective_id, std::optional<std::int64_t> version,
                          const ReviewFields& f, const Actor& actor) {
  return run(app.store(), Store::Mode::write, [&](Transaction& tx) {
    auto objective = tx.find_objective(objective_id);
    if (!objective)
      fail(Error::not_found("objective",
                            "objective " + std::to_string(objective_id) + " does not exist"));
    require(tx, actor, Permission::grade, objective->team_id, std::nullopt,
            "grade objective '" + objective->key + "'");
    require_open(tx, objective->cycle_id,
                 "change the grading of objective '" + objective->key + "'");
    auto before = tx.find_review(objective_id);
    if (before) {
      if (!version)
        fail(Error::conflict("version", "objective '" + objective->key +
                                            "' already has a review; send the version you read"));
      check_version(before->version, *version, "the review of '" + objective->key + "'");
    }
    Review r = before.value_or(Review{});
    r.objective_id = objective_id;
    set(r.what_worked, f.what_worked);
    set(r.what_did_not, f.what_did_not);
    set(r.what_we_learned, f.what_we_learned);
    set(r.overrides, f.overrides);
    // Each override remembers who set it; one sent back unchanged keeps its author.
    for (auto& o : r.overrides) {
      o.set_by = actor.user_id;
      if (before)
        for (const auto& b : before->overrides)
          if (b.key_result_id == o.key_result_id && b.score == o.score && b.reason == o.reason)
            o.set_by = b.set_by;
    }
    r.reviewer_id = actor.user_id;
    r.at = app.now();
    std::set<Id> own;
    for (const auto& k : tx.list_key_results(objective_id)) own.insert(k.id);
    std::set<Id> seen;
    for (std::size_t i = 0; i < r.overrides.size(); ++i) {
      const auto& o = r.overrides[i];
      const std::string at = "overrides[" + std::to_string(i) + "]";
      if (auto e = validate(o)) fail(Error::invalid(at + "." + e->field, e->message));
      if (!own.count(o.key_result_id))
        fail(Error::invalid(at + ".key_result_id", "key result " + std::to_string(o.key_result_id) +
                                                       " is not one of this objective's"));
      if (!seen.insert(o.key_result_id).second)
        fail(Error::invalid(at + ".key_result_id", "a key result is overridden twice"));
    }
    for (auto [text, field] :
         {std::pair{&r.what_worked, "what_worked"}, std::pair{&r.what_did_not, "what_did_not"},
          std::pair{&r.what_we_learned, "what_we_learned"}}) {
      if (auto e = check_text(*text, field)) fail(*e);
      if (text->size() > 10000)
        fail(Error::invalid("reflection", "reflections are at most 10000 bytes"));
    }
    r.id = tx.put_review(r);
    r = *tx.find_review(objective_id);
    audit<Review>(tx, actor, app.now(), before ? "update" : "create", "review", r.id, before, r);
    return r;
  });
}

Result<Review> get_review(App& app, Id objective_id) {
  return run(app.store(), Store::Mode::read, [&](Transaction& tx) {
    auto r = tx.find_review(objective_id);
    if (!r)
      fail(Error::not_found("objective",
                            "objective " + std::to_string(objective_id) + " has no review yet"));
    return *r;
  });
}

Result<std::vector<Review>> list_reviews(App& app, Id cycle_id) {
  return run(app.store(), Store::Mode::read, [&](Transaction& tx) {
    if (!tx.find_cycle(cycle_id))
      fail(Error::not_found("cycle_id", "cycle " + std::to_string(cycle_id) + " does not exist"));
    std::vector<Review> out;
    for (const auto& o : tx.list_objectives({.cycle_id = cycle_id}))
      if (auto r = tx.find_review(o.id)) out.push_back(std::move(*r));
    return out;
  });
}

}  // namespace okr::app
