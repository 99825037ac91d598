// Rendering cycle status and grading for a terminal.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/grading.h"
#include "core/report.h"

namespace okr::cli {

struct Style {
  bool colour = false;
  int width = 100;
};

// `okr status`: the team tree with objectives, key results, scores, bars and pace.
std::string render_status(const CycleStatus& s, const Style& style);
// `okr grade`: final scores, bands, flags, overrides with reasons and who set them,
// reflections, team patterns and calibration.
std::string render_grade(const GradingDocument& d, const Style& style);

// Stored text made safe to show on one line of a terminal: control characters (C0 but
// tab, DEL, C1; a newline too) become visible escapes ("\x1b", "\n"), so text stored
// before they were refused cannot move the cursor, forge a line or set the title.
std::string printable(std::string_view text);

// Rows as aligned columns (each cell shown printable()); the first row is the header.
std::string render_table(const std::vector<std::vector<std::string>>& rows);

// A progress bar of `width` cells for a score in [0, 1].
std::string bar(double score, int width);

}  // namespace okr::cli
