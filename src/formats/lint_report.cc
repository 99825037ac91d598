#include "formats/lint_report.h"

#include <boost/json.hpp>

namespace okr::formats {
namespace json = boost::json;

TeamTree team_tree_of(const OkrFile& file) {
  TeamTree tree;
  for (const auto& t : file.teams) tree[t.key] = t.parent;
  return tree;
}

coach::Draft draft_of(const OkrFile& file, const TeamTree& tree) {
  coach::Draft d;
  d.cycle = file.cycle;
  bool tree_has_parents = false;
  for (const auto& [key, parent] : tree) tree_has_parents = tree_has_parents || !parent.empty();
  bool aligns = false;
  for (const auto& o : file.objectives)
    aligns = aligns || !o.aligns_to.empty() || !o.aligns_to_key_result.empty();
  d.has_parent_level = tree_has_parents || aligns;
  for (const auto& o : file.objectives) {
    auto it = tree.find(o.team);
    bool top_level = it != tree.end() ? it->second.empty() : !d.has_parent_level;
    coach::DraftObjective x{o.key,     o.team,
                            o.title,   o.kind,
                            o.owner,   o.aligns_to.empty() ? o.aligns_to_key_result : o.aligns_to,
                            top_level, {}};
    for (const auto& k : o.key_results) {
      coach::DraftKeyResult y;
      y.key = k.key;
      y.title = k.title;
      y.metric = k.metric;
      y.start = k.start;
      y.target = k.target;
      y.range_low = k.low;
      y.range_high = k.high;
      y.owner = k.owner;
      y.unit = k.unit;
      y.indicator = k.indicator;
      x.key_results.push_back(std::move(y));
    }
    d.objectives.push_back(std::move(x));
  }
  return d;
}

Pos position_of(const OkrFile& file, const coach::Finding& f) {
  auto in_range = [](int i, size_t n) { return i >= 0 && static_cast<size_t>(i) < n; };
  if (in_range(f.objective, file.objectives.size())) {
    const auto& o = file.objectives[static_cast<size_t>(f.objective)];
    if (in_range(f.key_result, o.key_results.size())) {
      const auto& k = o.key_results[static_cast<size_t>(f.key_result)];
      return f.field.empty() ? k.pos : pos_of(k, f.field);
    }
    return f.field.empty() ? o.pos : pos_of(o, f.field);
  }
  // A team-level finding points at the team's first objective.
  for (const auto& o : file.objectives)
    if (o.team == f.team) return o.pos;
  return file.pos;
}

namespace {

// "team growth \"Growth\" › objective … › key result …": where a finding is, by key and title.
std::string where_of(const OkrFile& file, const coach::Finding& f) {
  auto in_range = [](int i, size_t n) { return i >= 0 && static_cast<size_t>(i) < n; };
  auto team_text = [&](const std::string& key) {
    for (const auto& t : file.teams)
      if (t.key == key && !t.name.empty()) return "team " + key + " \"" + t.name + "\"";
    return "team " + key;
  };
  if (!in_range(f.objective, file.objectives.size()))
    return f.team.empty() ? std::string() : team_text(f.team);
  const auto& o = file.objectives[static_cast<size_t>(f.objective)];
  std::string out = team_text(o.team) + " › objective " + o.key + " \"" + o.title + "\"";
  if (in_range(f.key_result, o.key_results.size())) {
    const auto& k = o.key_results[static_cast<size_t>(f.key_result)];
    out += " › key result " + k.key + " \"" + k.title + "\"";
  }
  return out;
}

}  // namespace

std::string findings_to_text(const std::vector<coach::Finding>& findings, const OkrFile& file,
                             const std::string& file_name) {
  std::string out;
  for (const auto& f : findings) {
    Pos p = position_of(file, f);
    std::string at =
        p.line > 0 ? ":" + std::to_string(p.line) + ":" + std::to_string(p.column) : std::string();
    out += file_name + at + ": " + std::string(coach::to_string(f.severity)) + ": [" + f.rule +
           "] " + f.message + "\n";
    // Without a line to point at (OKRs read from the database), name the place instead.
    if (p.line <= 0)
      if (auto where = where_of(file, f); !where.empty()) out += "    in: " + where + "\n";
    if (!f.suggestion.empty()) out += "    suggestion: " + f.suggestion + "\n";
    if (!f.evidence.empty()) out += "    because: " + f.evidence + "\n";
  }
  return out;
}

void append_findings(json::value& document, const std::vector<coach::Finding>& findings,
                     const OkrFile& file, const std::string& file_name) {
  auto& list = document.as_object()["findings"].as_array();
  auto in_range = [](int i, size_t n) { return i >= 0 && static_cast<size_t>(i) < n; };
  for (const auto& f : findings) {
    json::value objective = nullptr, key_result = nullptr;
    json::value objective_key = nullptr, key_result_key = nullptr;
    if (in_range(f.objective, file.objectives.size())) {
      const auto& o = file.objectives[static_cast<size_t>(f.objective)];
      objective = json::string(o.title);
      objective_key = json::string(o.key);
      if (in_range(f.key_result, o.key_results.size())) {
        const auto& k = o.key_results[static_cast<size_t>(f.key_result)];
        key_result = json::string(k.title);
        key_result_key = json::string(k.key);
      }
    }
    Pos p = position_of(file, f);
    bool located = !file_name.empty() && p.line > 0;
    list.push_back(
        json::object{{"rule", f.rule},
                     {"severity", coach::to_string(f.severity)},
                     {"file", file_name.empty() ? json::value(nullptr) : json::value(file_name)},
                     {"line", located ? json::value(p.line) : json::value(nullptr)},
                     {"column", located ? json::value(p.column) : json::value(nullptr)},
                     {"objective", objective},
                     {"key_result", key_result},
                     {"objective_key", objective_key},
                     {"key_result_key", key_result_key},
                     {"team", f.team.empty() ? json::value(nullptr) : json::value(f.team)},
                     {"field", f.field.empty() ? json::value(nullptr) : json::value(f.field)},
                     {"message", f.message},
                     {"suggestion", f.suggestion},
                     {"evidence", f.evidence}});
  }
}

json::value findings_to_json(const std::vector<coach::Finding>& findings, const OkrFile& file,
                             const std::string& file_name) {
  json::value doc = json::object{{"findings", json::array()}};
  append_findings(doc, findings, file, file_name);
  return doc;
}

bool has_errors(const std::vector<coach::Finding>& findings) {
  for (const auto& f : findings)
    if (f.severity == coach::Severity::error) return true;
  return false;
}

}  // namespace okr::formats
