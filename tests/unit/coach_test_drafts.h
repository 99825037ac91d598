// Drafts shared by the coach tests: a strong objective the coach has nothing
// to say about, which each test weakens in one way.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "core/coach/coach.h"

namespace okr::coach::testing {

inline DraftKeyResult strong_kr(std::string title, double start, double target) {
  DraftKeyResult kr;
  kr.title = std::move(title);
  kr.metric = MetricKind::number;
  kr.start = start;
  kr.target = target;
  kr.owner = "ana@example.com";
  return kr;
}

// "Make onboarding delightful for new teams" with three outcome key results.
inline DraftObjective strong_objective(std::string team = "growth") {
  DraftObjective o;
  o.key = "o1";
  o.team = std::move(team);
  o.title = "Make onboarding delightful for new teams";
  o.owner = "ana@example.com";
  o.aligns_to = "company-1";
  o.key_results = {
      strong_kr("Raise onboarding completion from 45% to 70%", 45, 70),
      strong_kr("Cut time to first value from 9 days to 2 days", 9, 2),
      strong_kr("Grow weekly active teams from 1,200 to 1,800", 1200, 1800),
  };
  o.key_results[0].metric = MetricKind::percent;
  return o;
}

inline Draft draft_of(std::vector<DraftObjective> objectives, bool has_parent_level = true) {
  Draft d;
  d.cycle = "2026-Q4";
  d.objectives = std::move(objectives);
  d.has_parent_level = has_parent_level;
  return d;
}

inline std::vector<Finding> findings_of(const std::vector<Finding>& all, std::string_view rule) {
  std::vector<Finding> out;
  std::copy_if(all.begin(), all.end(), std::back_inserter(out),
               [&](const Finding& f) { return f.rule == rule; });
  return out;
}

}  // namespace okr::coach::testing
