// Rendering cycle status and grading for a terminal.
#pragma once

#include <string>
#include <vector>

#include "core/report.h"

namespace okr::cli {

struct Style {
  bool colour = false;
  int width = 100;
};

// `okr status`: the team tree with objectives, key results, scores, bars and pace.
std::string render_status(const CycleStatus& s, const Style& style);
// `okr grade`: scores, bands, flags, overrides and team patterns.
std::string render_grade(const CycleStatus& s, const Style& style);

// Rows as aligned columns; the first row is the header.
std::string render_table(const std::vector<std::vector<std::string>>& rows);

// A progress bar of `width` cells for a score in [0, 1].
std::string bar(double score, int width);

}  // namespace okr::cli
