// The documents an App shares between requests while the store's generation stays
// the same: the company overview, team pages, and who each credential belongs to.
// Private to the app layer.
#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <utility>

#include "app/app.h"
#include "app/views.h"

namespace okr::app {

struct App::SharedViews {
  struct Entry {
    std::uint64_t generation = 0;
    Date today{};
    std::chrono::steady_clock::time_point at;
    std::shared_ptr<const Overview> overview;
  };
  std::mutex mu;
  std::condition_variable done;
  std::map<Id, Entry> overviews;  // by cycle; guarded by mu
  std::set<Id> computing;         // cycles being computed; guarded by mu

  // Team pages by the cycle and team as the request named them; guarded by mu.
  struct TeamEntry {
    std::uint64_t generation = 0;
    Date today{};
    std::chrono::steady_clock::time_point used;
    std::shared_ptr<const TeamPage> page;
  };
  static constexpr std::size_t kMaxTeamPages = 512;
  std::map<std::pair<std::string, std::string>, TeamEntry> team_pages;

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
};

}  // namespace okr::app
