// The one list of lint rules: ids, default severities and one-line summaries.
// Ids are stable: configuration files and CI scripts name them.
#include "core/coach/coach.h"

namespace okr::coach {

std::string_view to_string(Severity s) {
  switch (s) {
    case Severity::error:
      return "error";
    case Severity::warning:
      return "warning";
    case Severity::info:
      return "info";
  }
  return "warning";
}

std::optional<Severity> parse_severity(std::string_view s) {
  if (s == "error") return Severity::error;
  if (s == "warning") return Severity::warning;
  if (s == "info") return Severity::info;
  return std::nullopt;
}

const std::vector<RuleInfo>& rules() {
  static const std::vector<RuleInfo> kRules{
      {"title-missing", Severity::error, "An objective or key result has no title."},
      {"objective-count", Severity::warning,
       "A team has more objectives than max_objectives (or fewer than min_objectives)."},
      {"objective-has-number", Severity::warning,
       "An objective contains a number or metric; numbers belong in key results."},
      {"objective-is-activity", Severity::warning,
       "An objective describes work to do rather than a destination worth reaching."},
      {"objective-too-long", Severity::info,
       "An objective has more than max_objective_words words or more than two sentences."},
      {"objective-no-owner", Severity::warning, "An objective has no owner."},
      {"objective-not-aligned", Severity::warning,
       "An objective of a team below the top level aligns to no parent objective."},
      {"kr-count", Severity::warning,
       "An objective has fewer than min_key_results or more than max_key_results key results."},
      {"kr-not-measurable", Severity::error,
       "A numeric key result lacks a baseline or a target, or they are equal."},
      {"kr-is-binary", Severity::info, "A key result is a yes/no flag, so it shows no progress."},
      {"kr-is-output", Severity::warning,
       "A key result counts work delivered (an output) instead of a change it should cause."},
      {"kr-may-be-output", Severity::info,
       "A key result may count work delivered, but the evidence is weak: the coach asks "
       "whether users or the team act."},
      {"kr-is-task-list", Severity::warning,
       "A key result lists several pieces of work (\"design, build and launch\")."},
      {"vague-words", Severity::warning,
       "A key result promises change with vague words (\"better\", \"more\") and no number."},
      {"kr-no-owner", Severity::warning, "A key result has no owner."},
      {"kr-only-lagging", Severity::warning,
       "Every key result of an objective is lagging: nothing shows early whether the work is "
       "moving it."},
      {"kr-could-pass-without-objective", Severity::info,
       "A key result measures a theme the objective does not mention; the coach asks whether "
       "it could be met without achieving the objective."},
  };
  return kRules;
}

}  // namespace okr::coach
