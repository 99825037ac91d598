// The documents of the end of a cycle: the grading document as JSON (the API and
// `okr grade --format json`), the quarter's grading report as Markdown, as one
// self-contained HTML file and as CSV (one row per key result), the practice's
// health, and the reminders of stale key results.
#pragma once

#include <boost/json/value.hpp>
#include <string>

#include "core/grading.h"

namespace okr::formats {

boost::json::value to_json(const Calibration& c);
boost::json::value to_json(const PracticeHealth& h);
// {company: {...}, teams: [{key, name, ...health}]} in the status's team order.
boost::json::value health_json(const HealthReport& h, const CycleStatus& status);
boost::json::value to_json(const GradingDocument& d);
boost::json::value to_json(const Reminders& r);

// Markdown: headings, pipe tables and lists; every cell escaped.
std::string grading_markdown(const GradingDocument& d);
// One HTML file with its styles and SVG charts inline: no scripts, no external
// styles, fonts or images, so it can be mailed as it is.
std::string grading_html(const GradingDocument& d);
// One row per key result with stable columns (see kGradingCsvColumns); cells that a
// spreadsheet would run as a formula are escaped.
inline constexpr const char* kGradingCsvColumns[] = {
    "cycle",           "team",   "objective",       "objective_title", "kind",
    "objective_score", "band",   "flags",           "key_result",      "key_result_title",
    "metric",          "start",  "target",          "current",         "computed_score",
    "score",           "source", "override_reason", "override_by"};
std::string grading_csv(const GradingDocument& d);

}  // namespace okr::formats
