#include "formats/sprint_report.h"

#include <boost/json.hpp>
#include <charconv>
#include <cmath>

#include "core/scoring.h"
#include "formats/csv.h"
#include "formats/json_model.h"

namespace okr::formats {
namespace json = boost::json;
namespace {

json::value opt_number(std::optional<double> v) {
  return v ? json::value(*v) : json::value(nullptr);
}

json::array initiatives(const std::vector<Initiative>& list) {
  json::array a;
  for (const auto& i : list) a.push_back(to_json(i));
  return a;
}

std::string value_text(const KeyResult& kr, std::optional<double> v) {
  std::string text = display_number(v.value_or(kr.start));
  if (!kr.unit.empty()) text += kr.unit == "%" ? "%" : " " + kr.unit;
  return v ? text : text + " (baseline)";
}

std::string percent(double share) {
  return number_text(std::round(share * 1000) / 10) + " %";
}

// Markdown cell text: no line breaks, no table pipes.
std::string cell(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n' || c == '\r')
      out += ' ';
    else
      out += c;
  }
  return out;
}

std::string work_line(const Initiative& i) {
  std::string key = cell(i.key);
  if (!i.url.empty()) key = "[" + key + "](" + cell(i.url) + ")";
  return "- " + key + " " + cell(i.title) + "\n";
}

}  // namespace

std::string number_text(double v) {
  if (v == 0) v = 0;  // no "-0"
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
  if (ec != std::errc()) return std::to_string(v);
  // Shortest fixed form that reads back exactly.
  return std::string(buf, end);
}

std::string display_number(double v) {
  return number_text(std::round(v * 100) / 100);
}

json::value to_json(const SprintReport& r) {
  json::array objectives;
  for (const auto& o : r.objectives) {
    json::array krs;
    for (const auto& m : o.key_results)
      krs.push_back(json::object{{"key", m.key_result.key},
                                 {"title", m.key_result.title},
                                 {"metric", std::string(to_string(m.key_result.metric))},
                                 {"unit", m.key_result.unit},
                                 {"start", m.key_result.start},
                                 {"target", m.key_result.target},
                                 {"follows_kpi", m.key_result.kpi_id.has_value()},
                                 {"value_at_start", opt_number(m.value_at_start)},
                                 {"value_at_end", opt_number(m.value_at_end)},
                                 {"score_at_start", m.score_at_start},
                                 {"score_at_end", m.score_at_end},
                                 {"score_change", m.score_at_end - m.score_at_start},
                                 {"done", initiatives(m.done)}});
    objectives.push_back(json::object{{"key", o.objective.key},
                                      {"title", o.objective.title},
                                      {"team", o.team_key},
                                      {"key_results", std::move(krs)}});
  }
  return json::object{{"sprint", to_json(r.sprint)},
                      {"team", json::object{{"key", r.team.key}, {"name", r.team.name}}},
                      {"done", r.done},
                      {"linked_done", r.linked_done},
                      {"linked_share", r.linked_share},
                      {"objectives", std::move(objectives)},
                      {"unlinked_done", initiatives(r.unlinked_done)},
                      {"not_done", initiatives(r.not_done)}};
}

std::string to_markdown(const SprintReport& r) {
  std::string out = "# " + cell(r.sprint.name) + " · " + cell(r.team.name) + "\n\n";
  out += format_date(r.sprint.start) + " to " + format_date(r.sprint.end) + "\n\n";
  if (r.done == 0)
    out += "No work was finished in this sprint.\n";
  else
    out += std::to_string(r.linked_done) + " of " + std::to_string(r.done) +
           " finished work items (" + percent(r.linked_share) + ") serve a key result.\n";
  for (const auto& o : r.objectives) {
    out += "\n## " + cell(o.objective.title) + " (" + cell(o.objective.key) + ", " +
           cell(o.team_key) + ")\n";
    for (const auto& m : o.key_results) {
      out += "\n### " + cell(m.key_result.title) + "\n\n";
      out += "Moved from " + value_text(m.key_result, m.value_at_start) + " to " +
             value_text(m.key_result, m.value_at_end) + " over the sprint (score " +
             format_score(m.score_at_start) + " → " + format_score(m.score_at_end) + ").\n\n";
      for (const auto& i : m.done) out += work_line(i);
    }
  }
  if (!r.unlinked_done.empty()) {
    out += "\n## Finished work serving no key result\n\n";
    for (const auto& i : r.unlinked_done) out += work_line(i);
  }
  if (!r.not_done.empty()) {
    out += "\n## Not finished\n\n";
    for (const auto& i : r.not_done)
      out += "- " + cell(i.key) + " " + cell(i.title) + " (" + std::string(to_string(i.status)) +
             ")\n";
  }
  return out;
}

std::string to_csv(const SprintReport& r) {
  csv::Writer w;
  w.row({"sprint", "team", "objective", "objective_title", "key_result", "key_result_title",
         "value_at_start", "value_at_end", "score_at_start", "score_at_end", "work_key",
         "work_title", "work_url"});
  auto opt = [](std::optional<double> v) { return v ? number_text(*v) : std::string(); };
  for (const auto& o : r.objectives)
    for (const auto& m : o.key_results)
      for (const auto& i : m.done)
        w.row({r.sprint.name, r.team.key, o.objective.key, o.objective.title, m.key_result.key,
               m.key_result.title, opt(m.value_at_start), opt(m.value_at_end),
               number_text(m.score_at_start), number_text(m.score_at_end), i.key, i.title, i.url});
  for (const auto& i : r.unlinked_done)
    w.row({r.sprint.name, r.team.key, "", "", "", "", "", "", "", "", i.key, i.title, i.url});
  return w.text();
}

}  // namespace okr::formats
