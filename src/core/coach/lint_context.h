// Plumbing shared by the rule files: where findings go, and the checks each
// file contributes to `lint`. Internal to the coach.
#pragma once

#include <string_view>
#include <vector>

#include "core/coach/coach.h"
#include "core/coach/key_result_analysis.h"

namespace okr::coach {

// Collects findings, applying the configuration: findings of disabled rules are
// dropped and a configured severity replaces the rule's default.
class FindingSink {
 public:
  FindingSink(const Config& config, std::vector<Finding>* out) : config_(config), out_(out) {}
  FindingSink(const FindingSink&) = delete;
  FindingSink& operator=(const FindingSink&) = delete;

  // False when the configuration turns `rule` off; rules skip their work then.
  bool enabled(std::string_view rule) const;

  // Records `f` under `rule` (which must be an id from rules()).
  void add(std::string_view rule, Finding f);

 private:
  const Config& config_;
  std::vector<Finding>* out_;
};

// Position of `rule` in rules(), for ordering findings; rules().size() if unknown.
size_t rule_order(std::string_view rule);

// objective-count, per team key, in the order teams first appear.
void check_teams(const Draft& draft, const Config& config, FindingSink& sink);

// Rules about objective `index` itself, its owner, alignment and kr-count;
// `title` is its tokenised title.
void check_objective(const Draft& draft, int index, const std::vector<Token>& title,
                     const Config& config, FindingSink& sink);

// Rules about one key result; `kr` is the analysis of its title.
void check_key_result(const DraftObjective& objective, int objective_index, int kr_index,
                      const KeyResultAnalysis& kr, FindingSink& sink);

// kr-could-pass-without-objective; `objective_title` is the tokenised title.
void check_relevance(const std::vector<Token>& objective_title, int objective_index, int kr_index,
                     const KeyResultAnalysis& kr, FindingSink& sink);

// True when `s` has only white space.
bool is_blank(std::string_view s);

}  // namespace okr::coach
