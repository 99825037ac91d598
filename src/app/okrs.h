// Objectives and key results edited one at a time (the API and the web editor),
// with permissions, optimistic concurrency and the audit trail.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/app.h"

namespace okr::app {

// Fields of a create or a partial update: an absent field is left as it is;
// for the optional references, a present nullopt clears them.
struct ObjectiveFields {
  std::optional<std::string> key, title, description;
  std::optional<Id> cycle_id, team_id;
  std::optional<ObjectiveKind> kind;
  std::optional<std::optional<Id>> owner_id, parent_id;
  // Aligning to a key result sets parent_id to its objective; giving parent_id alone
  // aligns to the whole objective. Both at once is refused.
  std::optional<std::optional<Id>> parent_key_result_id;
  std::optional<std::vector<Id>> contributing_team_ids;
};

struct KeyResultFields {
  std::optional<std::string> key, title, unit;
  std::optional<Id> objective_id;
  std::optional<MetricKind> metric;
  std::optional<double> start, target, low, high, tolerance, weight;
  std::optional<std::optional<Id>> owner_id, kpi_id;
  std::optional<Indicator> indicator;
  std::optional<bool> driven_by_aligned;
};

// A key result written together with its objective. With `id` it names a stored key
// result of that objective to update (its `version` checked when given); without, it
// is created (a missing key is made from the objective's: "<objective>-kr<n>").
struct KeyResultDraft {
  std::optional<Id> id;
  std::int64_t version = kAnyVersion;
  KeyResultFields fields;
};

// An objective with its key results, in the order they were written.
struct ObjectiveWithKeyResults {
  Objective objective;
  std::vector<KeyResult> key_results;
};

template <class T>
struct Page {
  std::vector<T> items;
  std::optional<Id> next_after;  // pass as `after` for the next page; none at the end
};

// Objectives: create needs key, cycle_id, team_id and title.
Result<Objective> create_objective(App& app, const ObjectiveFields& f, const Actor& actor);
Result<Objective> update_objective(App& app, Id id, std::int64_t version, const ObjectiveFields& f,
                                   const Actor& actor);
Result<Ok> delete_objective(App& app, Id id, std::int64_t version, const Actor& actor);
// An objective and its key results written in one transaction: a refused key result
// leaves nothing behind. Errors about a key result name its field as
// "key_results[i].field" (i counts from 0 in the list given).
Result<ObjectiveWithKeyResults> create_objective_with_key_results(
    App& app, const ObjectiveFields& f, const std::vector<KeyResultDraft>& key_results,
    const Actor& actor);
// Replaces the objective's fields as given and its key results by `key_results`:
// listed ones with an id are updated, ones without are created, stored ones not
// listed are deleted (with their check-ins). All or nothing, as above.
Result<ObjectiveWithKeyResults> replace_objective(App& app, Id id, std::int64_t version,
                                                  const ObjectiveFields& f,
                                                  const std::vector<KeyResultDraft>& key_results,
                                                  const Actor& actor);
// By numeric id or by key.
Result<Objective> get_objective(App& app, const std::string& id_or_key);
Result<Page<Objective>> list_objectives(App& app, const ObjectiveFilter& filter,
                                        std::optional<Id> after, int limit);

// Key results: create needs key, objective_id, title, and start/target for numeric kinds.
Result<KeyResult> create_key_result(App& app, const KeyResultFields& f, const Actor& actor);
Result<KeyResult> update_key_result(App& app, Id id, std::int64_t version, const KeyResultFields& f,
                                    const Actor& actor);
Result<Ok> delete_key_result(App& app, Id id, std::int64_t version, const Actor& actor);
Result<KeyResult> get_key_result(App& app, const std::string& id_or_key);
// Filters: an objective, a cycle, a team (the key results of its own objectives).
Result<Page<KeyResult>> list_key_results(App& app, std::optional<Id> objective_id,
                                         std::optional<Id> cycle_id, std::optional<Id> after,
                                         int limit, std::optional<Id> team_id = std::nullopt);
// The same inside the caller's transaction.
Page<KeyResult> list_key_results_in(Transaction& tx, std::optional<Id> objective_id,
                                    std::optional<Id> cycle_id, std::optional<Id> after, int limit,
                                    std::optional<Id> team_id);
Result<std::vector<CheckIn>> list_check_ins(App& app, Id key_result_id);

// Parses "42" as an id; anything else is a key.
std::optional<Id> parse_id(const std::string& text);

}  // namespace okr::app
