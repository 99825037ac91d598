#include "app/app.h"

#include <set>

#include "app/audit.h"
#include "app/cycle_lock.h"
#include "app/first_run.h"
#include "app/lookup.h"
#include "app/okrs.h"
#include "app/outbox.h"
#include "app/permissions.h"
#include "app/run.h"
#include "app/sign_in_throttle.h"
#include "app/status_input.h"
#include "app/views.h"
#include "core/validate.h"

namespace okr::app {

App::App(Store& store, std::function<Instant()> now)
    : store_(store),
      now_(std::move(now)),
      shared_views_(make_shared_views()),
      sign_in_throttle_(std::make_shared<SignInThrottle>(store)),
      first_run_(std::make_shared<FirstRun>(*this)) {}

Instant App::now() const {
  if (now_) return now_();
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

Result<Cycle> App::resolve_cycle(const std::optional<std::string>& name) {
  // A statement (a few to name the cycles when none matches): no transaction around it.
  return run(store_, Store::Mode::glance, [&](Transaction& tx) {
    if (name && !name->empty()) return cycle_named(tx, *name, today());
    return current_cycle(tx, today());
  });
}

namespace {

// Records one check-in inside the caller's transaction: the key result by id or
// key, the actor's right to check in on it, an open cycle, a sane time and value.
// The latest check-in of each key result a request names (by the request's text),
// read in a read-only transaction before the write: read inside the writing
// transaction, it would make concurrent check-ins on PostgreSQL give each other up as
// serialization failures. At most `kLatestRead` key results (a large file tells
// webhooks as before, and its owners nothing).
using LatestByKey = std::map<std::string, std::optional<CheckIn>>;
constexpr std::size_t kLatestRead = 1000;

LatestByKey latest_check_ins(Store& store, const std::vector<const CheckInRequest*>& requests) {
  // Each key result's latest check-in need not be of one snapshot with the others':
  // the write reads nothing of it, and a check-in between is told as before.
  auto read = run(store, Store::Mode::glance, [&](Transaction& tx) {
    LatestByKey out;
    for (const auto* q : requests) {
      if (out.count(q->key_result)) continue;
      if (out.size() >= kLatestRead) break;
      // An unknown key result reads as none: the write names it.
      out[q->key_result] = latest_check_in_keyed(tx, q->key_result);
    }
    return out;
  });
  return read ? std::move(*read) : LatestByKey{};
}

CheckIn record_check_in(Transaction& tx, const CheckInRequest& req, const Actor& actor, Instant now,
                        LatestByKey& latest) {
  auto place = key_result_placed(tx, req.key_result);
  const KeyResult* kr = &place.key_result;
  const Objective* objective = &place.objective;
  const Cycle* cycle = &place.cycle;
  if (kr->kpi_id)
    fail(Error::invalid("key_result", "key result '" + kr->key +
                                          "' follows a KPI; record a KPI measurement instead"));
  if (kr->driven_by_aligned)
    fail(Error::invalid("key_result",
                        "key result '" + kr->key +
                            "' is scored by the objectives aligned to it; check in on their "
                            "key results instead"));
  require(tx, actor, Permission::check_in, objective->team_id, kr->owner_id,
          "check in on key result '" + kr->key + "'");
  require_open(*cycle, "check in on key result '" + kr->key + "'");
  CheckIn c;
  c.key_result_id = kr->id;
  c.value = req.value;
  c.confidence = req.confidence;
  c.note = req.note;
  c.author_id = actor.user_id;
  c.at = req.at.value_or(now);
  // The latest check-in is the current value: one dated in the future would pin it.
  if (c.at > now + kClockSkew)
    fail(Error::invalid("at",
                        "a check-in cannot be dated in the future (" + format_instant(c.at) + ")"));
  // A check-in counts toward its own cycle only: one dated outside it would move a
  // grade that is no longer being measured, or one not yet begun.
  const Instant opens = start_of_day(cycle->start);
  const Instant closes = start_of_day(add_days(cycle->end, 1));
  if (c.at < opens || c.at >= closes)
    fail(Error::invalid("at",
                        "a check-in on key result '" + kr->key + "' must be dated within cycle " +
                            cycle->name + " (" + format_date(cycle->start) + " to " +
                            format_date(cycle->end) + "); " + format_instant(c.at) + " is " +
                            (c.at < opens ? "before it starts" : "after it ends") +
                            (c.at >= closes && !req.at ? "; give the time it was measured" : "")));
  if (auto e = validate(c, *kr)) fail(*e);
  // A doubtful check-in is only useful with what stands in the way.
  if (c.confidence && confidence_band(*c.confidence) == ConfidenceBand::low &&
      c.note.find_first_not_of(" \t\r\n") == std::string::npos)
    fail(Error::invalid("note",
                        "a low-confidence check-in (below 0.4) needs a note saying what "
                        "blocks key result '" +
                            kr->key + "'"));
  // What was current before, for the status change it may tell of: its owner hears of
  // a key result going off track, and listening endpoints of every check-in. Read
  // beforehand (see latest_check_ins); here only when it was not and an endpoint listens.
  auto known = latest.find(req.key_result);
  const bool told = known != latest.end() || !tx.list_endpoints().empty();
  const std::optional<CheckIn> previous = known != latest.end() ? known->second
                                          : told                ? tx.latest_check_in(kr->id)
                                                                : std::nullopt;
  c.id = tx.add_check_in(c);
  audit<CheckIn>(tx, actor, now, "check-in", "key_result", kr->id, std::nullopt, c);
  if (told) tell_check_in(tx, now, c, *kr, *objective, *cycle, previous);
  // A later check-in of the same key result in a batch follows this one.
  if (known != latest.end() && (!previous || c.at >= previous->at)) known->second = c;
  return c;
}

}  // namespace

Result<CheckIn> App::check_in(const CheckInRequest& req, const Actor& actor) {
  const LatestByKey before = latest_check_ins(store_, {&req});
  return run(store_, Store::Mode::write, [&](Transaction& tx) {
    LatestByKey latest = before;  // afresh on each attempt
    return record_check_in(tx, req, actor, now(), latest);
  });
}

Result<std::vector<CheckIn>> App::check_in_batch(const std::vector<CheckInRequest>& requests,
                                                 const Actor& actor, std::size_t max_batch) {
  std::vector<const CheckInRequest*> named;
  for (const auto& r : requests)
    if (named.size() < kLatestRead) named.push_back(&r);
  const LatestByKey before =
      requests.size() <= max_batch ? latest_check_ins(store_, named) : LatestByKey{};
  return run(store_, Store::Mode::write, [&](Transaction& tx) {
    LatestByKey latest = before;
    if (requests.empty()) fail(Error::invalid("check_ins", "a batch needs at least one check-in"));
    if (requests.size() > max_batch)
      fail(Error::invalid("check_ins", "a batch holds at most " + std::to_string(max_batch) +
                                           " check-ins; send " + std::to_string(requests.size()) +
                                           " in several batches"));
    const Instant at = now();
    std::vector<CheckIn> out;
    out.reserve(requests.size());
    for (std::size_t i = 0; i < requests.size(); ++i) {
      try {
        out.push_back(record_check_in(tx, requests[i], actor, at, latest));
      } catch (Failure& f) {
        // Name the item, so the first bad one is found in a batch of thousands.
        const std::string where = "check_ins[" + std::to_string(i) + "]";
        f.error.message = where + ": " + f.error.message;
        f.error.field = f.error.field.empty() ? where : where + "." + f.error.field;
        throw;
      }
    }
    return out;
  });
}

Result<CycleStatus> App::cycle_status(const std::optional<std::string>& cycle_name,
                                      const std::optional<std::string>& team_key) {
  auto cycle = resolve_cycle(cycle_name);
  if (!cycle) return cycle.error();
  return run(store_, Store::Mode::read,
             [&](Transaction& tx) { return load_cycle_status(tx, *cycle, today(), team_key); });
}

}  // namespace okr::app
