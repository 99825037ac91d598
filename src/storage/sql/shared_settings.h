// The settings a store keeps between transactions (see SharedSettings).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace okr::sql {

// The settings a store last read from its database, with the accounts generation (see
// Store::accounts_generation, which every write to the settings moves) its transaction
// began at. Settings change seldom and most requests read them: a transaction begun at
// the same accounts generation takes them from here instead of reading them again. A
// write to them moves that generation as it commits, so it is never missed by a
// transaction begun after it on this store, nor by one on another server once that server
// has seen the new generation (as for a signed-in actor kept between requests).
// Thread-safe.
class SharedSettings {
 public:
  using Values = std::map<std::string, std::string>;
  // The values read at `generation`, or nullptr.
  std::shared_ptr<const Values> at(std::uint64_t generation) const;
  // Keeps `values`, read by a transaction begun at `generation`, unless newer ones are kept.
  void keep(std::uint64_t generation, std::shared_ptr<const Values> values);

 private:
  mutable std::mutex mu_;
  std::uint64_t generation_ = 0;
  std::shared_ptr<const Values> values_;
};

}  // namespace okr::sql
