// The sprint-to-outcome report: what a sprint finished, grouped by the key results
// (outcomes) and objectives it serves, with how far each of those key results moved
// over the sprint's dates; the finished work that serves no key result; and the share
// of finished work that is linked. Pure: the caller loads the data.
//
// A key result's value at the sprint's start is its latest check-in dated before the
// sprint's first day; its value at the end, the latest dated on or before the last day
// (UTC). A key result that follows a KPI reads the KPI's measurements instead. With
// nothing recorded by then the key result stands at its baseline and scores 0.
#pragma once

#include <map>
#include <optional>
#include <vector>

#include "core/model.h"

namespace okr {

struct KeyResultMovement {
  KeyResult key_result;
  std::optional<double> value_at_start;  // nullopt: nothing recorded yet (the baseline)
  std::optional<double> value_at_end;
  double score_at_start = 0;
  double score_at_end = 0;
  std::vector<Initiative> done;  // the sprint's finished work linked to it, by key
};

struct ObjectiveWork {
  Objective objective;
  std::string team_key;                        // the objective's team
  std::vector<KeyResultMovement> key_results;  // by key
};

struct SprintReport {
  Sprint sprint;
  Team team;
  int done = 0;         // finished work items in the sprint
  int linked_done = 0;  // of those, linked to at least one key result
  // linked_done / done; 0 when nothing was finished.
  double linked_share = 0;
  std::vector<ObjectiveWork> objectives;  // by objective key
  std::vector<Initiative> unlinked_done;  // by key
  std::vector<Initiative> not_done;       // planned, in progress or dropped, by key
};

struct SprintReportInput {
  Sprint sprint;
  Team team;
  std::vector<Initiative> initiatives;                  // the sprint's work
  std::vector<KeyResult> key_results;                   // every key result that work links to
  std::vector<Objective> objectives;                    // their objectives
  std::map<Id, std::string> team_keys;                  // by team id
  std::map<Id, std::vector<CheckIn>> check_ins;         // by key result
  std::map<Id, std::vector<Measurement>> measurements;  // by KPI, for key results following one
};

SprintReport build_sprint_report(const SprintReportInput& in);

}  // namespace okr
