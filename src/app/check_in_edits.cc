#include "app/check_in_edits.h"

#include "app/audit.h"
#include "app/cycle_lock.h"
#include "app/outbox.h"
#include "app/run.h"
#include "core/pace.h"
#include "core/validate.h"

namespace okr::app {
namespace {

struct Editable {
  CheckIn check_in;
  KeyResult key_result;
};

// The check-in, when `actor` may change it now; fails naming why not.
Editable editable(App& app, Transaction& tx, Id id, const Actor& actor, const char* what) {
  auto c = tx.find_check_in(id);
  if (!c) fail(Error::not_found("id", "no check-in " + std::to_string(id)));
  auto kr = tx.find_key_result(c->key_result_id);
  auto objective = kr ? tx.find_objective(kr->objective_id) : std::nullopt;
  auto cycle = objective ? tx.find_cycle(objective->cycle_id) : std::nullopt;
  if (!kr || !objective || !cycle)
    fail(Error::not_found("id", "no check-in " + std::to_string(id)));
  const bool own = actor.user_id && c->author_id == actor.user_id;
  if (!own && !actor.admin)
    fail(Error::forbidden(
        "", std::string("only its author or an administrator may ") + what + " a check-in"));
  if (!actor.admin && app.now() - c->at > kCheckInEditWindow)
    fail(Error::conflict("at", std::string("a check-in may be ") +
                                   (std::string(what) == "correct" ? "corrected" : "withdrawn") +
                                   " within 7 days of being made; this one is from " +
                                   format_instant(c->at) + ": check in again instead"));
  require_open(*cycle, std::string(what) + " a check-in on key result '" + kr->key + "'");
  return {*c, *kr};
}

}  // namespace

Result<CheckIn> correct_check_in(App& app, Id id, const CheckInChanges& changes,
                                 const Actor& actor) {
  return run(app.store(), Store::Mode::write, [&](Transaction& tx) {
    auto [before, kr] = editable(app, tx, id, actor, "correct");
    CheckIn c = before;
    if (changes.value) c.value = *changes.value;
    if (changes.confidence) c.confidence = *changes.confidence;
    if (changes.note) c.note = *changes.note;
    if (auto e = validate(c, kr)) fail(*e);
    if (c.confidence && confidence_band(*c.confidence) == ConfidenceBand::low &&
        c.note.find_first_not_of(" \t\r\n") == std::string::npos)
      fail(Error::invalid("note",
                          "a low-confidence check-in (below 0.4) needs a note saying what blocks "
                          "key result '" +
                              kr.key + "'"));
    if (c == before) return c;
    const auto latest = tx.latest_check_in(kr.id);
    tx.update_check_in(c);
    audit<CheckIn>(tx, actor, app.now(), "correct", "check_in", c.id, before, c);
    tell_check_in_change(tx, app.now(), "check_in.updated", before, c, latest);
    return c;
  });
}

Result<Ok> withdraw_check_in(App& app, Id id, const Actor& actor) {
  return run(app.store(), Store::Mode::write, [&](Transaction& tx) {
    auto [before, kr] = editable(app, tx, id, actor, "withdraw");
    const auto latest = tx.latest_check_in(kr.id);
    tx.delete_check_in(id);
    audit<CheckIn>(tx, actor, app.now(), "withdraw", "check_in", id, before, std::nullopt);
    tell_check_in_change(tx, app.now(), "check_in.deleted", before, std::nullopt, latest);
    return Ok{};
  });
}

}  // namespace okr::app
