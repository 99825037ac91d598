// The documents an App shares between requests while the store's generation stays
// the same: the company overview, summary and trend, team pages and summaries,
// objective pages, and who each credential belongs to. Private to the app layer.
//
// The contract, for every document kept here:
// - **Current.** A document is kept with the store's generation read *before* it was
//   computed, and the date. A reader is given a kept copy only when that generation
//   is at least the one the reader read when it asked, and the date is today: so a
//   reader sees every write acknowledged before its request began. (A write while a
//   copy is computed leaves it marked with the older generation, never newer.)
// - **Computed once.** Readers asking at once for the same document share one
//   computation: the others wait for it rather than compute it again. A failed
//   computation is not kept; its error goes to those waiting, and the next reader
//   tries again.
// - **Bounded.** Each kind keeps at most its kMax documents; room is made by dropping
//   a copy of an older generation first, else the one used longest ago.
// - **Whole-cycle documents** (Background) are computed on one background thread, one
//   at a time, so a busy dashboard never ties up more than one thread on them. After a
//   write a reader waits for the new copy only briefly (kOverviewFreshWait, or
//   kQuickWaitLimit when the last computation was quick); past that it is given the
//   day's previous copy, whose `as_of` says when it was computed. A reader with no
//   copy at all waits for the first.
// - **Stopping.** stop() drops the jobs not started and waits for the running one;
//   after it, readers needing a new whole-cycle document get `unavailable`.
#pragma once

#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <utility>

#include "app/app.h"
#include "app/trends.h"
#include "app/views.h"

namespace okr::app {

struct App::SharedViews {
  ~SharedViews();

  std::mutex mu;
  std::condition_variable done;  // a background computation finished

  // A document with the store's generation and the date it was computed at: current
  // while both stay the same.
  template <class Document>
  struct Kept {
    std::uint64_t generation = 0;
    Date today{};
    std::chrono::steady_clock::time_point used;
    std::shared_ptr<const Document> document;
  };

  // A document of a whole cycle computed on the background thread, at most one
  // computation per cycle at a time, and kept per cycle with the generation and the
  // date it was computed at, for at most kMax cycles.
  template <class Document, std::size_t kMax>
  struct Background {
    std::map<Id, Kept<Document>> kept;  // by cycle; guarded by mu, like all below
    std::set<Id> computing;             // cycles being computed
    std::map<Id, Error> failures;       // by cycle, the last computation's error
    std::map<Id, std::chrono::steady_clock::duration> took;  // by cycle, the last computation
  };
  // Each keeps a line per key result of its cycle, titles included (about 20 MB at
  // 100,000 key results), so at most four cycles are kept.
  Background<Overview, 4> overviews;
  // Each holds every team, objective and key result of a cycle: a few are plenty.
  Background<SharedStatus, 2> company_summaries;
  Background<ScoreTrend, 2> company_trends;

  // Runs `job` on the background thread (started on first use), after those before it;
  // false (nothing queued) once stopping. Called with mu held.
  bool submit(std::function<void()> job);
  // Drops the jobs not started, waits for the running one, and runs no more.
  void stop();

  // Documents computed by the request that first asks and kept for those that name
  // the same cycle and team, at most kMax of them. While one request computes a
  // document, the others asking for it wait for it rather than compute it again.
  using ByCycleAndTeam = std::pair<std::string, std::string>;
  template <class Document, std::size_t kMax>
  struct ByTeam {
    std::map<ByCycleAndTeam, Kept<Document>> kept;  // guarded by mu, like computing
    std::set<ByCycleAndTeam> computing;
  };
  ByTeam<TeamPage, 512> team_pages;
  ByTeam<SharedStatus, 256> team_summaries;
  // Objective pages, under ("objective", the id or key asked for); rights left empty.
  ByTeam<ObjectiveView, 256> objective_pages;

  // The actor behind a session or token, by the kind and hash of its secret; guarded
  // by mu. Expiry is checked on every use; revoking, disabling and changing roles are
  // writes, which move the generation.
  struct ActorEntry {
    std::uint64_t generation = 0;
    std::optional<Instant> expires_at;
    Actor actor;
  };
  static constexpr std::size_t kMaxActors = 10'000;
  std::map<std::string, ActorEntry> actors;

 private:
  void work();
  std::thread worker_;                      // guarded by mu
  std::deque<std::function<void()>> jobs_;  // guarded by mu
  std::condition_variable wake_;
  bool stopping_ = false;  // guarded by mu
};

// ---- the contract's implementation, for the documents of views.cc and trends ----

// Makes room in `cache` for `key` when it holds `max` documents: a stale one or else
// the one used longest ago goes. Called with the shared views' mutex held.
template <class Key, class Kept>
void make_room(std::map<Key, Kept>& cache, const Key& key, std::size_t max,
               std::uint64_t generation) {
  if (cache.size() < max || cache.count(key)) return;
  auto oldest = cache.begin();
  for (auto it = cache.begin(); it != cache.end(); ++it) {
    if (it->second.generation != generation) {
      oldest = it;
      break;
    }
    if (it->second.used < oldest->second.used) oldest = it;
  }
  cache.erase(oldest);
}

// The document kept under (cycle, team) when it is current, else one made by
// `compute` and kept (see make_room); made by one request at a time.
template <class Document, std::size_t kMax, class Compute>
Result<std::shared_ptr<const Document>> shared_document(
    App& app, App::SharedViews::ByTeam<Document, kMax>& documents, const std::string& cycle,
    const std::string& team, Compute compute) {
  App::SharedViews& shared = app.shared_views();
  const Date today = app.today();
  const auto key = std::make_pair(cycle, team);
  // Read before computing: a write while computing leaves the result stale. A copy
  // computed from this generation on counts every write this request may know of.
  const std::uint64_t generation = app.store().generation();
  {
    std::unique_lock lock(shared.mu);
    for (;;) {
      if (auto it = documents.kept.find(key); it != documents.kept.end() &&
                                              it->second.generation >= generation &&
                                              it->second.today == today) {
        it->second.used = std::chrono::steady_clock::now();
        return it->second.document;
      }
      if (documents.computing.insert(key).second) break;
      shared.done.wait(lock, [&] { return !documents.computing.count(key); });
    }
  }
  Result<Document> computed = Error{ErrorCode::unavailable, "", "not computed"};
  try {
    computed = compute();
  } catch (...) {
    std::lock_guard lock(shared.mu);
    documents.computing.erase(key);
    shared.done.notify_all();
    throw;
  }
  std::lock_guard lock(shared.mu);
  documents.computing.erase(key);
  shared.done.notify_all();
  if (!computed) return computed.error();
  auto document = std::make_shared<const Document>(std::move(*computed));
  make_room(documents.kept, key, kMax, generation);
  documents.kept[key] = {generation, today, std::chrono::steady_clock::now(), document};
  return document;
}

// Starts computing `what` of `cycle` at `generation` in the background with
// `compute(cycle, today, now)` unless it is being computed already. Called with
// shared.mu held.
template <class Document, std::size_t kMax, class Compute>
void start_background(App& app, App::SharedViews::Background<Document, kMax>& kept,
                      const Cycle& cycle, std::uint64_t generation, Date today, const char* what,
                      Compute compute) {
  App::SharedViews& shared = app.shared_views();
  if (kept.computing.count(cycle.id)) return;
  kept.computing.insert(cycle.id);
  kept.failures.erase(cycle.id);
  auto job = [&shared, &kept, c = cycle, generation, today, now = app.now(), what,
              compute = std::move(compute)] {
    Result<Document> computed = Error{ErrorCode::unavailable, "", "not computed yet"};
    const auto started = std::chrono::steady_clock::now();
    try {
      computed = compute(c, today, now);
    } catch (const std::exception& e) {
      computed = Error{ErrorCode::unavailable, "",
                       std::string(what) + " could not be computed: " + e.what()};
    }
    std::shared_ptr<const Document> replaced;  // freed once the lock is let go
    std::lock_guard done_lock(shared.mu);
    try {
      const auto took = std::chrono::steady_clock::now() - started;
      kept.took[c.id] = took;
      if (computed) {
        make_room(kept.kept, c.id, kMax, generation);
        auto& entry = kept.kept[c.id];
        replaced = std::move(entry.document);
        entry = {generation, today, std::chrono::steady_clock::now(),
                 std::make_shared<const Document>(std::move(*computed))};
      } else {
        kept.failures.insert_or_assign(c.id, computed.error());
      }
      // A long computation read much, freed by now: hand it back to the system
      // rather than keep the high-water mark of a whole cycle for good.
      if (took > kQuickComputation) shared.submit([] { malloc_trim(0); });
    } catch (...) {  // out of memory: nothing kept, the next request tries again
    }
    kept.computing.erase(c.id);
    shared.done.notify_all();
  };
  bool queued = false;
  try {
    queued = shared.submit(std::move(job));
  } catch (...) {
    if (!queued) kept.computing.erase(cycle.id);
    throw;
  }
  if (!queued) {
    kept.computing.erase(cycle.id);
    kept.failures.insert_or_assign(cycle.id,
                                   Error{ErrorCode::unavailable, "", "the server is stopping"});
  }
}

// `what` of `cycle`, computed in the background (see kOverviewFreshWait): one that
// counts every write made before `generation` when it is ready in time, else the
// day's previous one, else (none yet) the current one once computed.
template <class Document, std::size_t kMax, class Compute>
Result<std::shared_ptr<const Document>> background_document(
    App& app, App::SharedViews::Background<Document, kMax>& kept, const Cycle& cycle,
    std::uint64_t generation, const char* what, Compute compute) {
  App::SharedViews& shared = app.shared_views();
  const Date today = app.today();
  std::unique_lock lock(shared.mu);
  auto entry = [&]() -> App::SharedViews::Kept<Document>* {
    auto it = kept.kept.find(cycle.id);
    return it == kept.kept.end() || it->second.today != today ? nullptr : &it->second;
  };
  auto finished = [&] { return !kept.computing.count(cycle.id); };
  // How long the day's previous copy may keep a request waiting for the new one:
  // briefly, unless the last computation was quick.
  auto took = kept.took.find(cycle.id);
  const bool quick = took != kept.took.end() && took->second <= kQuickComputation;
  const auto deadline =
      std::chrono::steady_clock::now() + (quick ? kQuickWaitLimit : kOverviewFreshWait);
  for (bool asked = false;; asked = true) {
    auto* e = entry();
    if (e && e->generation >= generation) {
      e->used = std::chrono::steady_clock::now();
      return e->document;
    }
    // A computation this request waited for ended without a copy counting its writes.
    if (asked && finished())
      if (auto failed = kept.failures.find(cycle.id); failed != kept.failures.end()) {
        if (!e) return failed->second;
        break;
      }
    // Not current (or computed from before this request's generation): ask for it.
    start_background(app, kept, cycle, generation, today, what, compute);
    if (!e)
      shared.done.wait(lock, finished);
    else if (!shared.done.wait_until(lock, deadline, finished))
      break;
  }
  if (auto* e = entry()) {
    e->used = std::chrono::steady_clock::now();
    return e->document;
  }
  return Error{ErrorCode::unavailable, "", std::string(what) + " could not be computed; try again"};
}

}  // namespace okr::app
