// Closing a cycle locks it: the scores, check-ins, key results and texts that
// make up its grades can no longer change, until an administrator reopens it.
#pragma once

#include <string>

#include "app/run.h"
#include "storage/store.h"

namespace okr::app {

// Fails with ErrorCode::conflict (field "cycle") naming the lock when `cycle` is
// closed; `what` says what was refused ("check in on key result 'x'").
inline void require_open(const Cycle& cycle, const std::string& what) {
  if (cycle.state != CycleState::closed) return;
  fail(Error::conflict("cycle", "cycle " + cycle.name + " is closed, so its OKRs are locked: " +
                                    "cannot " + what + "; an administrator may reopen it"));
}

inline void require_open(Transaction& tx, Id cycle_id, const std::string& what) {
  if (auto c = tx.find_cycle(cycle_id)) require_open(*c, what);
}

}  // namespace okr::app
