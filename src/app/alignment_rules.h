// The rules of alignment, kept in one place for every door (the API, the web editor,
// YAML import): an objective aligns to one objective of a team above its own, or to
// one key result of such an objective, in its own cycle, without a loop. A team that
// contributes to a shared objective may align to it from beside.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "storage/store.h"

namespace okr::app {

// A team or objective by id, as the caller knows them (an import reads each once, and
// knows what it is about to write).
using TeamById = std::function<std::optional<Team>(Id)>;
using ObjectiveById = std::function<std::optional<Objective>(Id)>;

// Why `o` may not align to `parent` (its objective, already found), or nullopt when
// it may. `o.id` is 0 for an objective not yet stored. Teams and objectives are read
// with `team` and `objective` when given, else from `tx`.
std::optional<std::string> alignment_refusal(Transaction& tx, const Objective& o,
                                             const Objective& parent, const TeamById& team = {},
                                             const ObjectiveById& objective = {});

// Whether moving key result `kr` to another objective would strand the objectives
// aligned to it; the reason when it would.
std::optional<std::string> key_result_move_refusal(Transaction& tx, const KeyResult& before,
                                                   const KeyResult& after);

}  // namespace okr::app
