// The sprint-to-outcome report as documents: JSON (the API and `--format json`),
// Markdown (to paste into a review) and CSV (one row per finished work item and key
// result it serves, for a spreadsheet; cells are escaped so none runs as a formula).
#pragma once

#include <boost/json/value.hpp>
#include <string>

#include "core/sprint_report.h"

namespace okr::formats {

// {sprint, team, done, linked_done, linked_share, objectives: [{key, title, team,
// key_results: [{key, title, unit, value_at_start, value_at_end, score_at_start,
// score_at_end, score_change, done: [Initiative]}]}], unlinked_done: [...], not_done: [...]}
boost::json::value to_json(const SprintReport& r);
std::string to_markdown(const SprintReport& r);
std::string to_csv(const SprintReport& r);

// A number in its shortest exact form: 55, 0.675.
std::string number_text(double v);
// A number as a reader wants it: at most two decimals (62.8, not 62.800000000000004).
std::string display_number(double v);

}  // namespace okr::formats
