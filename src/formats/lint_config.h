// The `.okr-lint.yaml` file: limits and per-rule settings for the writing coach.
//
//   limits:
//     max_objectives: 3        # per team in one file
//     min_objectives: 1
//     min_key_results: 2       # per objective
//     max_key_results: 4
//     max_objective_words: 25
//   rules:
//     objective-not-aligned: off       # disable a rule ("on" enables it again)
//     kr-no-owner: error               # re-grade a rule (error, warning, info)
//     vague-words: {severity: info}    # the same, long form; also {enabled: false}
//
// Every key is optional; what is not written keeps the coach's default. A typo
// is an error, not silently ignored: unknown keys and rule ids, wrong types and
// impossible limits (min above max) are rejected.
#pragma once

#include <string_view>

#include "core/coach/coach.h"
#include "core/result.h"

namespace okr::formats {

// Parses `yaml_text`, read from `file_name` (used only in messages). On error
// the Error carries the 1-based line and column of the offending node, `field`
// names it ("rules.kr-no-ownr", "limits.max_objectives") and `message` starts
// with "<file_name>:<line>:<column>: ". Never throws.
Result<coach::Config> parse_lint_config(std::string_view yaml_text, std::string_view file_name);

}  // namespace okr::formats
