// The documents an App shares between requests while the store's generation stays
// the same: the company overview and summary, team pages and summaries, and who
// each credential belongs to.
// Private to the app layer.
#pragma once

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
  // Each keeps a line per key result of its cycle (a few MB at 100,000).
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

}  // namespace okr::app
