// The OKR writing coach: deterministic, explainable rules that say why an
// objective or key result is weak and how to make it strong.
//
// Pure functions over drafts (no I/O). The CLI runs them on YAML files, the API
// on JSON drafts, the web editor on every keystroke, so `lint` must stay well
// under a millisecond per objective.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"

namespace okr::coach {

enum class Severity { error, warning, info };
std::string_view to_string(Severity s);
std::optional<Severity> parse_severity(std::string_view s);

// A key result as written, before it is stored: optional fields stay optional so
// the coach can tell "no baseline" from "baseline 0".
struct DraftKeyResult {
  std::string key;
  std::string title;
  MetricKind metric = MetricKind::number;
  std::optional<double> start;
  std::optional<double> target;
  std::optional<double> range_low, range_high;
  std::string owner;  // email or empty
  std::string unit;
  Indicator indicator = Indicator::unset;
};

struct DraftObjective {
  std::string key;
  std::string team;  // team key
  std::string title;
  ObjectiveKind kind = ObjectiveKind::aspirational;
  std::string owner;       // email or empty
  std::string aligns_to;   // parent objective (or key result) key, or empty
  bool top_level = false;  // the team is the root of the organisation: no parent expected
  std::vector<DraftKeyResult> key_results;
};

struct Draft {
  std::string cycle;
  std::vector<DraftObjective> objectives;
  // True when the organisation has a level above the teams whose objectives
  // are linted (a company objective exists to align to).
  bool has_parent_level = false;
};

struct Finding {
  std::string rule;  // stable id, e.g. "kr-is-output"
  Severity severity = Severity::warning;
  int objective = -1;   // index into Draft::objectives, or -1 for team-level findings
  int key_result = -1;  // index into DraftObjective::key_results, or -1
  std::string team;     // set for team-level findings (objective-count)
  std::string field;    // "title", "start", "owner", ... or empty
  std::string message;  // why, in one sentence
  std::string suggestion;
  std::string evidence;  // which words or patterns decided
};

struct RuleSetting {
  bool enabled = true;
  std::optional<Severity> severity;  // overrides the rule's default
};

// Limits and per-rule settings, as read from `.okr-lint.yaml`.
struct Config {
  int min_objectives = 1;
  int max_objectives = 3;
  int min_key_results = 2;
  int max_key_results = 4;
  int max_objective_words = 25;
  std::map<std::string, RuleSetting, std::less<>> rules;
};

struct RuleInfo {
  std::string_view id;
  Severity default_severity;
  std::string_view summary;
};
// Every rule the coach knows, in a stable order. The one list of rules.
const std::vector<RuleInfo>& rules();

// Output-versus-outcome verdict for one key result title, with the reason.
struct Classification {
  bool is_output = false;
  // False when the output reading rests on weak evidence (nothing measured,
  // an unknown subject, a count that others may have made): the coach then asks
  // whether it is an output (kr-may-be-output, info) instead of warning, since
  // a false warning costs more than a missed one.
  bool certain = true;
  std::string evidence;  // e.g. "verb 'ship' + object 'feature'"
  std::string rewrite;   // an outcome-shaped pattern for this key result
};
Classification classify_key_result(std::string_view title);

// Runs every enabled rule over the draft. Findings are ordered by objective,
// then key result, then rule order.
std::vector<Finding> lint(const Draft& draft, const Config& config = {});

}  // namespace okr::coach
