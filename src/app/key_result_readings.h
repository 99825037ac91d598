// What key results read as now, for the API's key-result answers: the current value,
// the score it gives, the status (on track, at risk, off track) and when it was last
// checked in, as the dashboard's pages compute them.
//
// Read in a fixed number of statements for a whole page (the latest check-ins of every
// key result, their objectives, the cycles and the status rule), not one per key
// result; only a key result that follows a KPI (its KPI's latest measurement) or whose
// score is driven by the objectives aligned to it reads more.
#pragma once

#include <map>
#include <optional>
#include <vector>

#include "app/app.h"
#include "app/okrs.h"
#include "core/pace.h"

namespace okr::app {

struct KeyResultReading {
  std::optional<double> current;  // the latest check-in's value; none: still at its baseline
  double score = 0;               // 0–1, from the current value (a review's override aside)
  Pace status = Pace::on_track;
  std::optional<Instant> last_check_in_at;  // a KPI's latest measurement for one following it
};

// Readings of `key_results`, by id.
std::map<Id, KeyResultReading> read_key_results(Transaction& tx,
                                                const std::vector<KeyResult>& key_results,
                                                Date today);

// A page of list_key_results with its readings, and one key result (id or key) with
// its reading, each in one transaction.
struct ReadKeyResults {
  Page<KeyResult> page;
  std::map<Id, KeyResultReading> readings;
};
Result<ReadKeyResults> list_read_key_results(App& app, std::optional<Id> objective_id,
                                             std::optional<Id> cycle_id, std::optional<Id> after,
                                             int limit, std::optional<Id> team_id);
struct ReadKeyResult {
  KeyResult key_result;
  KeyResultReading reading;
};
Result<ReadKeyResult> read_key_result(App& app, const std::string& id_or_key);

}  // namespace okr::app
