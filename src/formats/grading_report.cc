#include "formats/grading_report.h"

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>
#include <cmath>
#include <sstream>

#include "core/text.h"
#include "formats/csv.h"
#include "formats/json_model.h"

namespace okr::formats {
namespace json = boost::json;

namespace {

json::value opt_number(std::optional<double> v) {
  return v ? json::value(*v) : json::value(nullptr);
}

json::string str(std::string_view s) {
  return json::string(s);
}

std::string name_in(const std::map<Id, std::string>& names, std::optional<Id> id) {
  if (!id) return "";
  auto it = names.find(*id);
  return it == names.end() ? "" : it->second;
}

// The shortest text that reads back as the same double, as the JSON documents write it.
std::string number(double d) {
  if (!std::isfinite(d)) return "";
  if (d == 0) d = 0;
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
  return std::string(buf, ec == std::errc() ? end : buf);
}

std::string percent(std::optional<double> share) {
  if (!share) return "–";
  return std::to_string(static_cast<int>(std::lround(*share * 100))) + " %";
}

// Objectives per displayed score 0.0 … 1.0.
std::vector<int> distribution(const CycleStatus& s) {
  std::vector<int> out(11, 0);
  for (const auto& t : s.teams)
    for (const auto& o : t.objectives)
      ++out[static_cast<std::size_t>(std::lround(std::clamp(o.score, 0.0, 1.0) * 10))];
  return out;
}

std::string flags_text(const ObjectiveStatus& o) {
  std::string out;
  for (auto f : o.flags) {
    if (!out.empty()) out += ", ";
    out += to_string(f);
  }
  return out;
}

const Review* review_of(const GradingDocument& d, Id objective) {
  auto it = d.reviews.find(objective);
  return it == d.reviews.end() ? nullptr : &it->second;
}

std::string team_label(const GradingDocument& d, std::optional<Id> team) {
  if (!team) return "the organisation";
  auto it = d.team_names.find(*team);
  return it == d.team_names.end() ? "team " + std::to_string(*team) : it->second;
}

struct Question {
  const char* text;
  std::string Retrospective::*answer;
};
const Question kQuestions[] = {
    {"What team problem is this framework supposed to solve?", &Retrospective::problem},
    {"What inputs and roles need to be clear for it to work?", &Retrospective::inputs},
    {"Where does the process still create friction or delay?", &Retrospective::friction},
    {"How will we know the framework is improving execution?", &Retrospective::evidence},
};

}  // namespace

// ---- JSON -----------------------------------------------------------------

json::value to_json(const Calibration& c) {
  return json::object{{"graded_cycles", c.cycles},
                      {"aspirational_objectives", c.aspirational},
                      {"aspirational_mean", opt_number(c.mean)},
                      {"healthy", c.healthy},
                      {"healthy_share", c.healthy_share},
                      {"flag", c.flag ? json::value(str(to_string(*c.flag))) : json::value()}};
}

json::value to_json(const PracticeHealth& h) {
  json::array trend;
  for (double s : h.score_trend) trend.push_back(s);
  return json::object{{"key_results", h.key_results},
                      {"owned", h.owned},
                      {"owned_share", opt_number(h.owned_share())},
                      {"on_cadence", h.on_cadence},
                      {"cadence_share", opt_number(h.cadence_share())},
                      {"objectives", h.objectives},
                      {"alignable", h.alignable},
                      {"aligned", h.aligned},
                      {"aligned_share", opt_number(h.aligned_share())},
                      {"done_work", h.done_work},
                      {"linked_work", h.linked_work},
                      {"linked_share", opt_number(h.linked_share())},
                      {"late_surprises", h.late_surprises},
                      {"teams_outside_guidance", h.teams_outside_guidance},
                      {"objectives_outside_guidance", h.objectives_outside_guidance},
                      {"score_trend", std::move(trend)}};
}

json::value health_json(const HealthReport& h, const CycleStatus& status) {
  json::array teams;
  for (const auto& t : status.teams) {
    auto it = h.teams.find(t.team.id);
    if (it == h.teams.end()) continue;
    json::object j = to_json(it->second).as_object();
    j.emplace("key", t.team.key);
    j.emplace("name", t.team.name);
    teams.push_back(std::move(j));
  }
  return json::object{{"company", to_json(h.company)}, {"teams", std::move(teams)}};
}

json::value to_json(const GradingDocument& d) {
  const CycleStatus& s = d.status;
  json::array teams;
  for (const auto& t : s.teams) {
    json::array objectives;
    for (const auto& o : t.objectives) {
      json::array krs;
      for (const auto& k : o.key_results) {
        json::object kj{{"key", k.key_result.key},
                        {"title", k.key_result.title},
                        {"metric", str(to_string(k.key_result.metric))},
                        {"start", k.key_result.start},
                        {"target", k.key_result.target},
                        {"current", k.latest ? json::value(k.latest->value) : json::value()},
                        {"computed_score", k.computed_score},
                        {"score", k.score},
                        {"band", str(to_string(band_of(k.score)))},
                        {"source", str(to_string(k.source))}};
        if (k.override_)
          kj["override"] = json::object{{"score", k.override_->score},
                                        {"reason", k.override_->reason},
                                        {"by", name_in(d.user_names, k.overridden_by)}};
        else
          kj["override"] = nullptr;
        krs.push_back(std::move(kj));
      }
      json::array flags;
      for (auto f : o.flags) flags.push_back(str(to_string(f)));
      json::value reflection;
      if (const Review* r = review_of(d, o.objective.id))
        reflection = json::object{{"what_worked", r->what_worked},
                                  {"what_did_not", r->what_did_not},
                                  {"what_we_learned", r->what_we_learned},
                                  {"by", name_in(d.user_names, r->reviewer_id)},
                                  {"at", format_instant(r->at)}};
      objectives.push_back(json::object{{"key", o.objective.key},
                                        {"title", o.objective.title},
                                        {"kind", str(to_string(o.objective.kind))},
                                        {"score", o.score},
                                        {"band", str(to_string(o.band))},
                                        {"flags", std::move(flags)},
                                        {"reviewed", o.reviewed},
                                        {"reflection", std::move(reflection)},
                                        {"key_results", std::move(krs)}});
    }
    json::object tj{
        {"key", t.team.key},
        {"name", t.team.name},
        {"depth", t.depth},
        {"score", opt_number(t.score)},
        {"pattern", t.pattern ? json::value(str(to_string(*t.pattern))) : json::value()},
        {"objectives", std::move(objectives)}};
    auto c = d.calibration.find(t.team.id);
    tj["calibration"] = c == d.calibration.end() ? to_json(Calibration{}) : to_json(c->second);
    teams.push_back(std::move(tj));
  }
  json::array retros;
  for (const auto& r : d.retrospectives) {
    json::value team;
    if (r.team_id)
      for (const auto& t : s.teams)
        if (t.team.id == *r.team_id) team = json::string(t.team.key);
    retros.push_back(json::object{{"team", std::move(team)},
                                  {"problem", r.problem},
                                  {"inputs", r.inputs},
                                  {"friction", r.friction},
                                  {"evidence", r.evidence},
                                  {"by", name_in(d.user_names, r.author_id)},
                                  {"at", format_instant(r.at)},
                                  {"version", r.version}});
  }
  json::array dist;
  for (int n : distribution(s)) dist.push_back(n);
  return json::object{{"cycle", json::object{{"name", s.cycle.name},
                                             {"start", format_date(s.cycle.start)},
                                             {"end", format_date(s.cycle.end)},
                                             {"state", str(to_string(s.cycle.state))}}},
                      {"final", is_final(s.cycle)},
                      {"score", s.score},
                      {"distribution", std::move(dist)},
                      {"calibration", to_json(d.company_calibration)},
                      {"health", health_json(d.health, s)},
                      {"retrospectives", std::move(retros)},
                      {"teams", std::move(teams)}};
}

json::value to_json(const Reminders& r) {
  json::array owners;
  for (const auto& o : r.owners) {
    json::array krs;
    for (const auto& k : o.key_results)
      krs.push_back(json::object{
          {"key", k.key_result.key},
          {"title", k.key_result.title},
          {"objective", k.objective.key},
          {"team", k.team.key},
          {"last_check_in",
           k.last_check_in ? json::value(format_instant(*k.last_check_in)) : json::value()},
          {"days_silent", k.days_silent},
          {"cadence_days", k.team.check_in_cadence_days}});
    owners.push_back(json::object{{"owner", o.owner ? json::value(o.owner->email) : json::value()},
                                  {"name", o.owner ? json::value(o.owner->name) : json::value()},
                                  {"key_results", std::move(krs)}});
  }
  return json::object{{"cycle", r.cycle.name},
                      {"today", format_date(r.today)},
                      {"stale", r.total},
                      {"owners", std::move(owners)}};
}

// ---- Markdown --------------------------------------------------------------

namespace {

std::string md(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|' || c == '\\' || c == '*' || c == '_' || c == '`' || c == '<' || c == '[')
      out += '\\';
    if (c == '\n' || c == '\r') {
      out += ' ';
      continue;
    }
    out += c;
  }
  return out;
}

void md_row(std::ostringstream& out, const std::vector<std::string>& cells) {
  out << '|';
  for (const auto& c : cells) out << ' ' << c << " |";
  out << '\n';
}

void md_table(std::ostringstream& out, const std::vector<std::string>& header,
              const std::vector<std::vector<std::string>>& rows) {
  md_row(out, header);
  out << '|';
  for (std::size_t i = 0; i < header.size(); ++i) out << " --- |";
  out << '\n';
  for (const auto& r : rows) md_row(out, r);
  out << '\n';
}

std::string band_word(double score) {
  return std::string(to_string(band_of(score)));
}

std::vector<std::pair<std::string, std::string>> health_rows(const PracticeHealth& h) {
  return {
      {"Key results with an owner", percent(h.owned_share())},
      {"Key results checked in on cadence", percent(h.cadence_share())},
      {"Objectives aligned (teams with a team above)", percent(h.aligned_share())},
      {"Done sprint work linked to a key result", percent(h.linked_share())},
      {"Late surprises (on track → off track in the last third)", std::to_string(h.late_surprises)},
      {"Teams outside 2–3 objectives", std::to_string(h.teams_outside_guidance)},
      {"Objectives outside 2–4 key results", std::to_string(h.objectives_outside_guidance)},
  };
}

std::string trend_text(const std::vector<double>& trend) {
  std::string out;
  for (double s : trend) {
    if (!out.empty()) out += " → ";
    out += format_score(s);
  }
  return out.empty() ? "–" : out;
}

}  // namespace

std::string grading_markdown(const GradingDocument& d) {
  const CycleStatus& s = d.status;
  std::ostringstream out;
  out << "# Grading report: " << md(s.cycle.name) << "\n\n";
  out << "Cycle " << md(s.cycle.name) << " (" << format_date(s.cycle.start) << " to "
      << format_date(s.cycle.end) << "), " << to_string(s.cycle.state)
      << (is_final(s.cycle) ? ": final grades" : ": grades not final yet") << ". Overall score "
      << format_score(s.score) << ".\n\n";

  out << "## Scores by team\n\n";
  std::vector<std::vector<std::string>> rows;
  for (const auto& t : s.teams) {
    if (t.objectives.empty()) continue;
    rows.push_back({md(t.team.name), t.score ? format_score(*t.score) : "–",
                    t.score ? band_word(*t.score) : "–", std::to_string(t.objectives.size()),
                    t.pattern ? std::string(to_string(*t.pattern)) : ""});
  }
  md_table(out, {"Team", "Score", "Band", "Objectives", "Pattern"}, rows);

  out << "## Score distribution\n\n";
  const auto dist = distribution(s);
  rows.clear();
  for (std::size_t i = 0; i < dist.size(); ++i)
    rows.push_back({format_score(static_cast<double>(i) / 10), std::to_string(dist[i])});
  md_table(out, {"Score", "Objectives"}, rows);

  for (const auto& t : s.teams) {
    if (t.objectives.empty()) continue;
    out << "## " << md(t.team.name) << "\n\n";
    rows.clear();
    for (const auto& o : t.objectives)
      rows.push_back({md(o.objective.key), md(o.objective.title),
                      std::string(to_string(o.objective.kind)), format_score(o.score),
                      band_word(o.score), md(flags_text(o))});
    md_table(out, {"Objective", "Title", "Kind", "Score", "Band", "Flags"}, rows);
    for (const auto& o : t.objectives) {
      out << "### " << md(o.objective.title) << "\n\n";
      rows.clear();
      for (const auto& k : o.key_results)
        rows.push_back({md(k.key_result.key), md(k.key_result.title),
                        k.latest ? number(k.latest->value) : "–", format_score(k.computed_score),
                        format_score(k.score), std::string(to_string(k.source)),
                        k.override_ ? md(k.override_->reason) : ""});
      md_table(out, {"Key result", "Title", "Final value", "Computed", "Score", "Source", "Reason"},
               rows);
      if (const Review* r = review_of(d, o.objective.id)) {
        out << "- **What worked:** " << md(r->what_worked) << "\n";
        out << "- **What did not:** " << md(r->what_did_not) << "\n";
        out << "- **What we learned:** " << md(r->what_we_learned) << "\n\n";
      } else {
        out << "No reflection yet.\n\n";
      }
    }
  }

  out << "## Calibration\n\n";
  rows.clear();
  auto calibration_row = [&](const std::string& who, const Calibration& c) {
    rows.push_back({md(who), std::to_string(c.cycles), c.mean ? format_score(*c.mean) : "–",
                    percent(c.aspirational ? std::optional(c.healthy_share) : std::nullopt),
                    c.flag ? std::string(to_string(*c.flag)) : ""});
  };
  calibration_row("Company", d.company_calibration);
  for (const auto& t : s.teams)
    if (auto c = d.calibration.find(t.team.id); c != d.calibration.end())
      calibration_row(t.team.name, c->second);
  md_table(out, {"Who", "Graded cycles", "Aspirational mean", "In 0.6–0.7", "Flag"}, rows);

  out << "## Is the framework working?\n\n";
  rows.clear();
  for (const auto& [label, value] : health_rows(d.health.company)) rows.push_back({label, value});
  rows.push_back({"Score trend over cycles", trend_text(d.health.company.score_trend)});
  md_table(out, {"Sign", "Company"}, rows);

  out << "## Retrospective\n\n";
  if (d.retrospectives.empty()) {
    // The questions are the point of a retrospective: show them, waiting for answers.
    out << "No retrospective written yet.\n\n";
    for (const auto& q : kQuestions) out << "- **" << md(q.text) << "** (not answered)\n";
    out << "\n";
  }
  for (const auto& r : d.retrospectives) {
    out << "### " << md(team_label(d, r.team_id)) << "\n\n";
    for (const auto& q : kQuestions) {
      const std::string& a = r.*q.answer;
      out << "- **" << md(q.text) << "** " << (a.empty() ? "(not answered)" : md(a)) << "\n";
    }
    out << "\n";
  }
  return out.str();
}

// ---- HTML ------------------------------------------------------------------

namespace {

const char* band_colour(double score) {
  switch (band_of(score)) {
    case Band::red:
      return "#c62828";
    case Band::yellow:
      return "#b8860b";
    case Band::green:
      return "#2e7d32";
  }
  return "#555";
}

std::string histogram_svg(const std::vector<int>& dist) {
  const int max = std::max(1, *std::max_element(dist.begin(), dist.end()));
  const int w = 440, h = 160, bar = 32, gap = 8, top = 10, bottom = 24;
  std::ostringstream out;
  out << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << w << "\" height=\"" << h
      << "\" role=\"img\" aria-label=\"Objectives by score\">";
  for (std::size_t i = 0; i < dist.size(); ++i) {
    const double score = static_cast<double>(i) / 10;
    const int height = dist[i] * (h - top - bottom) / max;
    const int x = static_cast<int>(i) * (bar + gap) + 4;
    out << "<rect x=\"" << x << "\" y=\"" << (h - bottom - height) << "\" width=\"" << bar
        << "\" height=\"" << height << "\" fill=\"" << band_colour(score) << "\"><title>"
        << format_score(score) << ": " << dist[i] << " objectives</title></rect>";
    out << "<text x=\"" << x + bar / 2 << "\" y=\"" << h - 8
        << "\" text-anchor=\"middle\" font-size=\"11\">" << format_score(score) << "</text>";
    if (dist[i] > 0)
      out << "<text x=\"" << x + bar / 2 << "\" y=\"" << (h - bottom - height - 2)
          << "\" text-anchor=\"middle\" font-size=\"10\">" << dist[i] << "</text>";
  }
  out << "</svg>";
  return out.str();
}

std::string team_bars_svg(const CycleStatus& s) {
  std::vector<const TeamStatus*> teams;
  for (const auto& t : s.teams)
    if (t.score) teams.push_back(&t);
  const int row = 22, label = 200, width = 300;
  std::ostringstream out;
  out << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << label + width + 50
      << "\" height=\"" << std::max<std::size_t>(1, teams.size()) * row + 4
      << "\" role=\"img\" aria-label=\"Score per team\">";
  for (std::size_t i = 0; i < teams.size(); ++i) {
    const double score = *teams[i]->score;
    const int y = static_cast<int>(i) * row + 2;
    out << "<text x=\"" << label - 6 << "\" y=\"" << y + 14
        << "\" text-anchor=\"end\" font-size=\"12\">" << html_escape(teams[i]->team.name)
        << "</text>";
    out << "<rect x=\"" << label << "\" y=\"" << y << "\" width=\"" << width << "\" height=\""
        << row - 6 << "\" fill=\"#eee\"/>";
    out << "<rect x=\"" << label << "\" y=\"" << y << "\" width=\""
        << static_cast<int>(std::lround(std::clamp(score, 0.0, 1.0) * width)) << "\" height=\""
        << row - 6 << "\" fill=\"" << band_colour(score) << "\"/>";
    out << "<text x=\"" << label + width + 6 << "\" y=\"" << y + 14 << "\" font-size=\"12\">"
        << format_score(score) << "</text>";
  }
  out << "</svg>";
  return out.str();
}

void html_table(std::ostringstream& out, const std::vector<std::string>& header,
                const std::vector<std::vector<std::string>>& rows) {
  out << "<table><thead><tr>";
  for (const auto& h : header) out << "<th>" << h << "</th>";
  out << "</tr></thead><tbody>";
  for (const auto& r : rows) {
    out << "<tr>";
    for (const auto& c : r) out << "<td>" << c << "</td>";
    out << "</tr>";
  }
  out << "</tbody></table>\n";
}

std::string band_cell(double score) {
  return "<span class=\"band " + band_word(score) + "\">" + format_score(score) + "</span>";
}

}  // namespace

std::string grading_html(const GradingDocument& d) {
  const CycleStatus& s = d.status;
  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"
      << "<title>Grading report: " << html_escape(s.cycle.name) << "</title><style>"
      << "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
         "color:#1a1a1a;line-height:1.45}"
      << "table{border-collapse:collapse;margin:.5rem 0 1rem;width:100%}"
      << "th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}"
      << "th{background:#f4f4f4}.band{font-weight:600}.band.red{color:#c62828}"
      << ".band.yellow{color:#8a6400}.band.green{color:#2e7d32}"
      << ".flag{background:#fff3cd;padding:0 .3rem;border-radius:3px}"
      << "dt{font-weight:600}dd{margin:0 0 .5rem 1rem}"
      << "</style></head><body>\n";
  out << "<h1>Grading report: " << html_escape(s.cycle.name) << "</h1>\n";
  out << "<p>Cycle " << html_escape(s.cycle.name) << " (" << format_date(s.cycle.start) << " to "
      << format_date(s.cycle.end) << "), " << to_string(s.cycle.state)
      << (is_final(s.cycle) ? ": final grades" : ": grades not final yet") << ". Overall score "
      << band_cell(s.score) << ".</p>\n";

  out << "<h2>Score distribution</h2>\n" << histogram_svg(distribution(s)) << "\n";
  out << "<h2>Scores by team</h2>\n" << team_bars_svg(s) << "\n";

  for (const auto& t : s.teams) {
    if (t.objectives.empty()) continue;
    out << "<h2>" << html_escape(t.team.name) << "</h2>\n";
    for (const auto& o : t.objectives) {
      out << "<h3>" << html_escape(o.objective.title) << " <small>(" << html_escape(o.objective.key)
          << ", " << to_string(o.objective.kind) << ")</small> " << band_cell(o.score);
      for (auto f : o.flags) out << " <span class=\"flag\">" << to_string(f) << "</span>";
      out << "</h3>\n";
      std::vector<std::vector<std::string>> rows;
      for (const auto& k : o.key_results)
        rows.push_back({html_escape(k.key_result.title), k.latest ? number(k.latest->value) : "–",
                        format_score(k.computed_score), band_cell(k.score),
                        std::string(to_string(k.source)),
                        k.override_ ? html_escape(k.override_->reason) + " (" +
                                          html_escape(name_in(d.user_names, k.overridden_by)) + ")"
                                    : ""});
      html_table(out, {"Key result", "Final value", "Computed", "Score", "Source", "Override"},
                 rows);
      if (const Review* r = review_of(d, o.objective.id))
        out << "<dl><dt>What worked</dt><dd>" << html_escape(r->what_worked)
            << "</dd><dt>What did not</dt><dd>" << html_escape(r->what_did_not)
            << "</dd><dt>What we learned</dt><dd>" << html_escape(r->what_we_learned)
            << "</dd></dl>\n";
      else
        out << "<p>No reflection yet.</p>\n";
    }
  }

  out << "<h2>Calibration</h2>\n";
  std::vector<std::vector<std::string>> rows;
  auto calibration_row = [&](const std::string& who, const Calibration& c) {
    rows.push_back({html_escape(who), std::to_string(c.cycles),
                    c.mean ? format_score(*c.mean) : "–",
                    percent(c.aspirational ? std::optional(c.healthy_share) : std::nullopt),
                    c.flag ? std::string(to_string(*c.flag)) : ""});
  };
  calibration_row("Company", d.company_calibration);
  for (const auto& t : s.teams)
    if (auto c = d.calibration.find(t.team.id); c != d.calibration.end())
      calibration_row(t.team.name, c->second);
  html_table(out, {"Who", "Graded cycles", "Aspirational mean", "In 0.6–0.7", "Flag"}, rows);

  out << "<h2>Is the framework working?</h2>\n";
  rows.clear();
  for (const auto& [label, value] : health_rows(d.health.company))
    rows.push_back({html_escape(label), value});
  rows.push_back({"Score trend over cycles", trend_text(d.health.company.score_trend)});
  html_table(out, {"Sign", "Company"}, rows);

  out << "<h2>Retrospective</h2>\n";
  if (d.retrospectives.empty()) {
    out << "<p>No retrospective written yet.</p><dl>";
    for (const auto& q : kQuestions)
      out << "<dt>" << html_escape(q.text) << "</dt><dd>(not answered)</dd>";
    out << "</dl>\n";
  }
  for (const auto& r : d.retrospectives) {
    out << "<h3>" << html_escape(team_label(d, r.team_id)) << "</h3><dl>";
    for (const auto& q : kQuestions) {
      const std::string& a = r.*q.answer;
      out << "<dt>" << html_escape(q.text) << "</dt><dd>"
          << (a.empty() ? "(not answered)" : html_escape(a)) << "</dd>";
    }
    out << "</dl>\n";
  }
  out << "</body></html>\n";
  return out.str();
}

// ---- CSV ---------------------------------------------------------------------

namespace {

// Through the one CSV writer: quoted when needed, formulas neutralised.
std::string csv_text(std::string_view text) {
  return csv::escape(text);
}

}  // namespace

std::string grading_csv(const GradingDocument& d) {
  const CycleStatus& s = d.status;
  std::string out;
  bool first = true;
  for (const char* c : kGradingCsvColumns) {
    if (!first) out += ',';
    first = false;
    out += c;
  }
  out += "\r\n";
  for (const auto& t : s.teams)
    for (const auto& o : t.objectives)
      for (const auto& k : o.key_results) {
        const std::vector<std::string> cells = {
            csv_text(s.cycle.name),
            csv_text(t.team.key),
            csv_text(o.objective.key),
            csv_text(o.objective.title),
            std::string(to_string(o.objective.kind)),
            number(o.score),
            std::string(to_string(o.band)),
            csv_text(flags_text(o)),
            csv_text(k.key_result.key),
            csv_text(k.key_result.title),
            std::string(to_string(k.key_result.metric)),
            number(k.key_result.start),
            number(k.key_result.target),
            k.latest ? number(k.latest->value) : "",
            number(k.computed_score),
            number(k.score),
            std::string(to_string(k.source)),
            k.override_ ? csv_text(k.override_->reason) : "",
            k.override_ ? csv_text(name_in(d.user_names, k.overridden_by)) : ""};
        for (std::size_t i = 0; i < cells.size(); ++i) {
          if (i) out += ',';
          out += cells[i];
        }
        out += "\r\n";
      }
  return out;
}

}  // namespace okr::formats
