// Finding what a person typed (an id, a key, a cycle's name) inside a transaction.
// A miss is a not_found error whose message names the nearest existing key when one
// is near ("no team with key 'grwoth'; did you mean 'growth'?"), so that a typo gets
// its answer in the CLI, the API and the web alike.
#pragma once

#include <optional>
#include <string>

#include "core/model.h"
#include "storage/store.h"

namespace okr::app {

// The cycle with this id or name. Names match whatever their case ("2026-q4"). With
// `today`, "current" (unless a cycle has that name) is current_cycle's cycle.
Cycle cycle_named(Transaction& tx, const std::string& id_or_name,
                  std::optional<Date> today = std::nullopt);

// The cycle containing `today`, else the latest; not_found when there is none.
Cycle current_cycle(Transaction& tx, Date today);

// The team with this id or key.
Team team_keyed(Transaction& tx, const std::string& id_or_key);

// The key result with this id or key.
KeyResult key_result_keyed(Transaction& tx, const std::string& id_or_key);
// The same with its objective and cycle, read at once.
Transaction::KeyResultPlace key_result_placed(Transaction& tx, const std::string& id_or_key);
// The latest check-in of the key result with this id or key: none when it has none, or
// when there is no such key result.
std::optional<CheckIn> latest_check_in_keyed(Transaction& tx, const std::string& id_or_key);

// "; did you mean 'growth'?" for the existing key of `kind` nearest to `typed`, or ""
// when none is near. Reads at most a few hundred index rows.
std::string did_you_mean(Transaction& tx, SearchHit::Kind kind, const std::string& typed);

}  // namespace okr::app
