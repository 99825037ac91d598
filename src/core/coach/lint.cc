#include <algorithm>
#include <tuple>

#include "core/coach/coach.h"
#include "core/coach/lint_context.h"

namespace okr::coach {

size_t rule_order(std::string_view rule) {
  const auto& all = rules();
  for (size_t i = 0; i < all.size(); ++i)
    if (all[i].id == rule) return i;
  return all.size();
}

bool is_blank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

bool FindingSink::enabled(std::string_view rule) const {
  auto it = config_.rules.find(rule);
  return it == config_.rules.end() || it->second.enabled;
}

void FindingSink::add(std::string_view rule, Finding f) {
  if (!enabled(rule)) return;
  size_t order = rule_order(rule);
  f.rule = std::string(rule);
  f.severity = order < rules().size() ? rules()[order].default_severity : Severity::warning;
  if (auto it = config_.rules.find(rule); it != config_.rules.end() && it->second.severity)
    f.severity = *it->second.severity;
  out_->push_back(std::move(f));
}

std::vector<Finding> lint(const Draft& draft, const Config& config) {
  std::vector<Finding> out;
  FindingSink sink(config, &out);
  check_teams(draft, config, sink);
  for (size_t oi = 0; oi < draft.objectives.size(); ++oi) {
    const DraftObjective& o = draft.objectives[oi];
    const std::vector<Token> title = tokenize(o.title);
    check_objective(draft, static_cast<int>(oi), title, config, sink);
    for (size_t ki = 0; ki < o.key_results.size(); ++ki) {
      KeyResultAnalysis kr = analyze_key_result(o.key_results[ki].title);
      check_key_result(o, static_cast<int>(oi), static_cast<int>(ki), kr, sink);
      check_relevance(title, static_cast<int>(oi), static_cast<int>(ki), kr, sink);
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) {
    return std::make_tuple(a.objective, a.key_result, rule_order(a.rule)) <
           std::make_tuple(b.objective, b.key_result, rule_order(b.rule));
  });
  return out;
}

}  // namespace okr::coach
