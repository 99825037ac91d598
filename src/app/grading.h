// The end-of-quarter ritual and what surrounds it: the grading document, the
// retrospective of the practice, the health of the practice, stale key results
// to remind their owners of, carrying objectives into the next cycle, and the
// organisation's status rule. Each use case runs in one transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "core/grading.h"

namespace okr::app {

// Final scores, bands, flags, overrides with reasons and who set them, reflections,
// retrospectives, calibration over graded cycles and the practice's health, for a
// cycle (default: the current one) and optionally one team's subtree.
Result<GradingDocument> grading_document(App& app, const std::optional<std::string>& cycle,
                                         const std::optional<std::string>& team);

// The health of the practice alone (the same figures as in the grading document).
struct HealthDocument {
  Cycle cycle;
  CycleStatus status;
  HealthReport health;
};
Result<HealthDocument> health_document(App& app, const std::optional<std::string>& cycle,
                                       const std::optional<std::string>& team);

// Writes the answers to the seeds' four retrospective questions for a cycle, for a
// team (its leads) or, without a team, for the organisation (administrators and
// leads of top-level teams). An absent field keeps its answer. Replacing an
// existing retrospective needs the version read, as every edit does.
struct RetrospectiveFields {
  std::optional<std::string> problem, inputs, friction, evidence;
};
Result<Retrospective> put_retrospective(App& app, const std::string& cycle,
                                        const std::optional<std::string>& team,
                                        std::optional<std::int64_t> version,
                                        const RetrospectiveFields& f, const Actor& actor);

// Overrides the score of one key result (by key or id) with a reason, in its
// objective's review; a review is created when there is none.
Result<Review> override_score(App& app, const std::string& key_result, double score,
                              const std::string& reason, const Actor& actor);
// Removes an override, so the computed score counts again.
Result<Review> clear_override(App& app, const std::string& key_result, const Actor& actor);
// Writes an objective's reflection; absent fields keep their text.
struct ReflectionFields {
  std::optional<std::string> what_worked, what_did_not, what_we_learned;
};
Result<Review> reflect(App& app, const std::string& objective, const ReflectionFields& f,
                       const Actor& actor);

// Key results nobody has checked in on within their team's cadence, grouped by who
// should (see Reminders in core/grading.h).
Result<Reminders> reminders(App& app, const std::optional<std::string>& cycle);

// Copies objectives of a graded or closed cycle into the next one, with their key
// results; each numeric key result's new baseline is its final value. New keys end
// with the target cycle's name ("growth-activation-2026q4" → "growth-activation-2027q1",
// "growth-activation" → "growth-activation-2027q1").
struct CarryOverRequest {
  std::string from, to;                 // cycle names
  std::vector<std::string> objectives;  // keys or ids in `from`
};
struct CarriedObjective {
  Objective from;
  Objective to;
  std::vector<KeyResult> key_results;  // as created
};
Result<std::vector<CarriedObjective>> carry_over(App& app, const CarryOverRequest& request,
                                                 const Actor& actor);

// The organisation's status rule (administrators change it).
Result<StatusRule> get_status_rule(App& app);
Result<StatusRule> set_status_rule(App& app, const StatusRule& rule, const Actor& actor);

}  // namespace okr::app
