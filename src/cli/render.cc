#include "cli/render.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace okr::cli {
namespace {

const char* band_colour(Band b) {
  switch (b) {
    case Band::red:
      return "\x1b[31m";
    case Band::yellow:
      return "\x1b[33m";
    case Band::green:
      return "\x1b[32m";
  }
  return "";
}

std::string paint(const Style& st, const char* code, const std::string& text) {
  if (!st.colour) return text;
  return std::string(code) + text + "\x1b[0m";
}

std::string bold(const Style& st, const std::string& text) {
  return paint(st, "\x1b[1m", text);
}
std::string dim(const Style& st, const std::string& text) {
  return paint(st, "\x1b[2m", text);
}

// Display width of UTF-8 text (code points; good enough for titles).
size_t width_of(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::string fit(const std::string& text, size_t width) {
  const std::string s = printable(text);
  if (width_of(s) <= width) return s + std::string(width - width_of(s), ' ');
  std::string out;
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) != 0x80) {
      if (n + 1 >= width) break;
      ++n;
    }
    out += s[i];
  }
  return out + "…" + std::string(width - n - 1, ' ');
}

std::string number(double v) {
  double a = std::abs(v);
  if (a >= 1e6) return fmt::format("{:.2f}M", v / 1e6);
  if (a >= 1e4) return fmt::format("{:.1f}k", v / 1e3);
  if (v == std::floor(v)) return fmt::format("{:.0f}", v);
  // At most two decimals, and no trailing zero that was never typed: 63.8, not 63.80.
  std::string out = fmt::format("{:.2f}", v);
  while (out.back() == '0') out.pop_back();
  if (out.back() == '.') out.pop_back();
  return out;
}

std::string value_text(const KeyResultStatus& k) {
  const auto& kr = k.key_result;
  std::string unit = kr.unit == "%" ? "%" : "";
  if (kr.metric == MetricKind::boolean)
    return k.latest && k.latest->value >= 0.5 ? "done" : "not done";
  if (kr.metric == MetricKind::milestone)
    return (k.latest ? number(k.latest->value) : "0") + "% done";
  std::string current = k.latest ? number(k.latest->value) + unit : "—";
  if (kr.metric == MetricKind::range)
    return current + " in " + number(kr.range_low) + "–" + number(kr.range_high) + unit;
  return number(kr.start) + unit + " → " + current + " / " + number(kr.target) + unit;
}

std::string score_cell(const Style& st, double score) {
  return paint(st, band_colour(band_of(score)), format_score(score));
}

}  // namespace

std::string bar(double score, int width) {
  int filled = static_cast<int>(std::lround(std::clamp(score, 0.0, 1.0) * width));
  std::string out;
  for (int i = 0; i < width; ++i) out += i < filled ? "█" : "░";
  return out;
}

std::string render_status(const CycleStatus& s, const Style& st) {
  std::string out;
  int total = days_between(s.cycle.start, s.cycle.end) + 1;
  int day = std::clamp(days_between(s.cycle.start, s.today) + 1, 0, total);
  // Pace compares progress with the time elapsed; once a cycle is over it says nothing.
  const bool over = s.cycle.state == CycleState::grading || s.cycle.state == CycleState::closed;
  if (over)
    out += fmt::format("{}  {} → {}  {}  score {}\n", bold(st, s.cycle.name),
                       format_date(s.cycle.start), format_date(s.cycle.end),
                       to_string(s.cycle.state), score_cell(st, s.score));
  else
    out += fmt::format("{}  {} → {}  {}  day {} of {}  expected {:.2f}  score {}\n",
                       bold(st, s.cycle.name), format_date(s.cycle.start), format_date(s.cycle.end),
                       to_string(s.cycle.state), day, total, s.expected_progress,
                       score_cell(st, s.score));
  if (s.teams.empty()) out += "  no objectives in this cycle yet\n";
  const size_t title_width = static_cast<size_t>(std::max(30, st.width - 52));
  // The columns' names, over the columns: the scores and bars of objectives and of key
  // results line up under theirs; the cells after them follow in the order named.
  if (!s.teams.empty())
    out += "\n" +
           dim(st, fmt::format("    {}{:>5} {:<10}  {}  {}",
                               fit("objective / key result", title_width - 1), "score", "progress",
                               over ? "kind / final" : "kind / status",
                               over ? "start → value / target · confidence · key"
                                    : "start → value / target · confidence · "
                                      "→ forecast (range) · key")) +
           "\n";
  for (const auto& t : s.teams) {
    std::string indent(static_cast<size_t>(t.depth) * 2, ' ');
    std::string head = indent + printable(t.team.name) + dim(st, " [" + t.team.key + "]");
    out += "\n" + bold(st, head);
    if (t.score) out += "  " + score_cell(st, *t.score);
    out += "\n";
    for (const auto& k : t.kpis) {
      std::string health =
          k.health ? std::string(to_string(*k.health)) : (k.latest ? "no range" : "not measured");
      const char* colour = !k.health                         ? "\x1b[2m"
                           : *k.health == KpiHealth::healthy ? "\x1b[32m"
                           : *k.health == KpiHealth::warning ? "\x1b[33m"
                                                             : "\x1b[31m";
      std::string value = k.latest ? fmt::format("{:g}{}{}", k.latest->value,
                                                 k.kpi.unit.empty() ? "" : " ", k.kpi.unit)
                                   : "–";
      out += fmt::format("{}  ▪ KPI {}  {}  {}{}\n", indent, printable(k.kpi.name), value,
                         paint(st, colour, health), dim(st, "  " + k.kpi.key));
    }
    for (const auto& o : t.objectives) {
      std::string with;
      for (Id c : o.objective.contributing_team_ids)
        if (auto it = s.team_keys.find(c); it != s.team_keys.end())
          with += (with.empty() ? "  with " : ", ") + it->second;
      if (o.objective.parent_key_result_id)
        if (auto it = s.key_result_keys.find(*o.objective.parent_key_result_id);
            it != s.key_result_keys.end())
          with += "  → " + it->second;
      out +=
          fmt::format("{}  ◆ {} {} {}  {}{}{}\n", indent,
                      fit(o.objective.title, title_width - indent.size()), score_cell(st, o.score),
                      paint(st, band_colour(o.band), bar(o.score, 10)), to_string(o.objective.kind),
                      dim(st, "  " + o.objective.key), with.empty() ? "" : dim(st, with));
      for (const auto& k : o.key_results) {
        std::string pace(over ? "final" : to_string(k.pace));
        const char* pc = over                       ? "\x1b[2m"
                         : k.pace == Pace::on_track ? "\x1b[32m"
                         : k.pace == Pace::at_risk  ? "\x1b[33m"
                                                    : "\x1b[31m";
        std::string conf = k.latest && k.latest->confidence
                               ? fmt::format("  conf {:.1f}", *k.latest->confidence)
                               : "";
        std::string extra;
        if (k.forecast) {
          // A range that reads as one number ("0.7–0.7") says nothing: the score alone then.
          const auto low = format_score(k.forecast->low), high = format_score(k.forecast->high);
          extra += low == high
                       ? fmt::format("  → {}", format_score(k.forecast->value))
                       : fmt::format("  → {} ({}–{})", format_score(k.forecast->value), low, high);
        }
        if (k.stale) extra += "  " + paint(st, "\x1b[33m", "stale");
        if (k.source == ScoreSource::kpi || k.key_result.kpi_id) {
          auto it = k.key_result.kpi_id ? s.kpi_keys.find(*k.key_result.kpi_id) : s.kpi_keys.end();
          extra +=
              dim(st, it == s.kpi_keys.end() ? "  follows a KPI" : "  follows KPI " + it->second);
        }
        if (k.key_result.driven_by_aligned)
          extra += dim(st, fmt::format("  driven by {} aligned objective{}", k.aligned_objectives,
                                       k.aligned_objectives == 1 ? "" : "s"));
        if (k.key_result.indicator != Indicator::unset)
          extra += dim(st, "  " + std::string(to_string(k.key_result.indicator)));
        for (const auto& d : k.dependencies) {
          auto team = s.team_keys.find(d.team_id);
          const std::string who = team == s.team_keys.end() ? "another team" : team->second;
          if (d.state == DependencyState::confirmed)
            extra += dim(st, "  needs " + who + " (confirmed)");
          else
            extra +=
                "  " + paint(st, "\x1b[33m",
                             "risk: needs " + who + " (" + std::string(to_string(d.state)) + ")");
        }
        out += fmt::format("{}      {} {} {}  {}  {}{}{}{}\n", indent,
                           fit(k.key_result.title, title_width - indent.size() - 2),
                           score_cell(st, k.score), bar(k.score, 10), paint(st, pc, pace),
                           value_text(k), conf, extra, dim(st, "  " + k.key_result.key));
      }
    }
  }
  return out;
}

std::string render_grade(const GradingDocument& d, const Style& st) {
  const CycleStatus& s = d.status;
  // Grades are final only once the cycle is closed.
  const char* stage = s.cycle.state == CycleState::closed    ? "closed: final grades"
                      : s.cycle.state == CycleState::grading ? "grading: grades may still change"
                      : s.cycle.state == CycleState::active  ? "active: provisional grades so far"
                                                             : "planning: nothing to grade yet";
  std::string out =
      fmt::format("{}  {}  score {}\n", bold(st, s.cycle.name), stage, score_cell(st, s.score));
  int bands[3] = {0, 0, 0};
  int flagged = 0, reflected = 0, objectives = 0;
  const size_t title_width = static_cast<size_t>(std::max(30, st.width - 50));
  // The columns' names, over the columns (a key result's last column says where its
  // score comes from: check-ins, a KPI, aligned objectives or an override).
  if (!s.teams.empty())
    out += "\n" +
           dim(st, fmt::format("  {}{:>5} {:<6} {}", fit("objective / key result", title_width - 1),
                               "score", "band", "kind · flags; key result: score from")) +
           "\n";
  auto user = [&](std::optional<Id> id) -> std::string {
    if (!id) return "";
    auto it = d.user_names.find(*id);
    return it == d.user_names.end() ? "" : it->second;
  };
  for (const auto& t : s.teams) {
    if (t.objectives.empty() && !t.pattern) continue;
    out += "\n" + bold(st, printable(t.team.name) + " [" + t.team.key + "]");
    if (t.score) out += "  " + score_cell(st, *t.score);
    if (auto c = d.calibration.find(t.team.id); c != d.calibration.end() && c->second.mean)
      out += dim(
          st, fmt::format("  aspirational {} over {} graded cycle{}", format_score(*c->second.mean),
                          c->second.cycles, c->second.cycles == 1 ? "" : "s"));
    if (t.pattern) out += "  " + paint(st, "\x1b[35m", std::string(to_string(*t.pattern)));
    out += "\n";
    for (const auto& o : t.objectives) {
      ++objectives;
      ++bands[static_cast<int>(o.band)];
      std::string flags;
      for (auto f : o.flags) flags += "  ⚑ " + std::string(to_string(f));
      if (!o.flags.empty()) ++flagged;
      out += fmt::format("  {} {} {:<6} {}{}\n", fit(o.objective.title, title_width),
                         score_cell(st, o.score), to_string(o.band), to_string(o.objective.kind),
                         paint(st, "\x1b[35m", flags));
      for (const auto& k : o.key_results) {
        out += fmt::format("      {} {}", fit(k.key_result.title, title_width - 4),
                           score_cell(st, k.score));
        if (k.override_) {
          out += fmt::format("  (computed {}; overridden", format_score(k.computed_score));
          if (auto by = user(k.overridden_by); !by.empty()) out += " by " + printable(by);
          out += ": " + printable(k.override_->reason) + ")";
        } else {
          out += dim(st, "  " + std::string(to_string(k.source)));
        }
        out += "\n";
      }
      auto r = d.reviews.find(o.objective.id);
      if (r != d.reviews.end() &&
          (!r->second.what_worked.empty() || !r->second.what_did_not.empty() ||
           !r->second.what_we_learned.empty())) {
        ++reflected;
        const Review& rv = r->second;
        if (!rv.what_worked.empty()) out += "      worked: " + printable(rv.what_worked) + "\n";
        if (!rv.what_did_not.empty()) out += "      did not: " + printable(rv.what_did_not) + "\n";
        if (!rv.what_we_learned.empty())
          out += "      learned: " + printable(rv.what_we_learned) + "\n";
      } else {
        out += dim(st, "      no reflection yet") + "\n";
      }
    }
  }
  out += fmt::format("\n{} objectives: {} green, {} yellow, {} red; {} flagged; {} reflected\n",
                     objectives, bands[2], bands[1], bands[0], flagged, reflected);
  const Calibration& c = d.company_calibration;
  if (c.mean)
    out += fmt::format(
        "calibration: aspirational objectives average {} over {} graded cycle{}, "
        "{:.0f} % in the healthy 0.6–0.7 band{}\n",
        format_score(*c.mean), c.cycles, c.cycles == 1 ? "" : "s", c.healthy_share * 100,
        c.flag ? " (" + std::string(to_string(*c.flag)) + ")" : "");
  out +=
      fmt::format("retrospective: {}\n",
                  d.retrospectives.empty() ? std::string("not written yet (okr grade retro)")
                                           : std::to_string(d.retrospectives.size()) + " written");
  return out;
}

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\t') {
      out += ' ';
    } else if (c == '\n') {
      out += "\\n";
    } else if (c < 0x20 || c == 0x7F) {
      out += fmt::format("\\x{:02x}", c);
    } else if (c == 0xC2 && i + 1 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
      // U+0080–U+009F, the C1 controls (CSI among them), in UTF-8.
      out += fmt::format("\\u{:04x}", static_cast<unsigned char>(text[++i]));
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string render_table(const std::vector<std::vector<std::string>>& in) {
  std::vector<std::vector<std::string>> rows;
  rows.reserve(in.size());
  for (const auto& row : in) {
    std::vector<std::string> shown;
    for (const auto& cell : row) shown.push_back(printable(cell));
    rows.push_back(std::move(shown));
  }
  std::vector<std::size_t> widths;
  auto cells = [](const std::string& text) {  // display width of UTF-8 text
    std::size_t n = 0;
    for (unsigned char c : text) n += (c & 0xC0) != 0x80;
    return n;
  };
  for (const auto& row : rows)
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (widths.size() <= i) widths.push_back(0);
      widths[i] = std::max(widths[i], cells(row[i]));
    }
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(widths[i] - cells(row[i]) + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

}  // namespace okr::cli
