// A score week by week over a cycle, beside the score expected by then: of one team
// (its own objectives, as its page scores them) or of the whole company (every
// objective, as the overview scores it). Each week's score is what the status was at
// the end of that day: the check-ins and KPI measurements made by then.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/views.h"

namespace okr::app {

struct TrendPoint {
  Date date{};
  std::optional<double> score;  // none while there is no objective to score
  double expected = 0;          // mean of the objectives' expected scores by then
};
struct ScoreTrend {
  Cycle cycle;
  std::optional<Team> team;        // none for the company
  std::vector<TrendPoint> points;  // the cycle's start, every 7 days, and today (or its end)
  Instant as_of{};                 // every write before it is counted
  std::shared_ptr<Renderings> renderings = std::make_shared<Renderings>();
};

// Computes the trend in `tx`; `team` alone, or the company when none. Grading
// overrides count on the last point only, so it matches the score shown today.
ScoreTrend compute_trend(Transaction& tx, const Cycle& cycle, Date today, Instant now,
                         const std::optional<Team>& team);

// A team's trend (its key), computed when asked; the company's (no team) is computed
// in the background and shared like the company summary (see views.h), so after a
// change a large organisation's may come from the previous computation (`as_of`).
Result<std::shared_ptr<const ScoreTrend>> score_trend(App& app, const std::string& cycle,
                                                      const std::optional<std::string>& team);
// The company's, with the background machinery of views.cc.
Result<std::shared_ptr<const ScoreTrend>> company_trend(App& app, const std::string& cycle);

}  // namespace okr::app
