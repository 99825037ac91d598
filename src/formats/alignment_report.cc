#include "formats/alignment_report.h"

#include <boost/json.hpp>

namespace okr::formats {
namespace json = boost::json;
namespace {

struct Names {
  const std::map<Id, std::string>& teams;
  const std::map<Id, std::vector<std::string>>& contributors;
  const std::map<Id, std::string>& key_results;

  std::string team(Id id) const {
    auto it = teams.find(id);
    return it == teams.end() ? std::string() : it->second;
  }
  json::value key_result(std::optional<Id> id) const {
    if (!id) return nullptr;
    auto it = key_results.find(*id);
    return it == key_results.end() ? json::value(nullptr) : json::value(it->second);
  }
  json::array contributing(Id objective) const {
    json::array a;
    if (auto it = contributors.find(objective); it != contributors.end())
      for (const auto& k : it->second) a.push_back(json::value(k));
    return a;
  }
};

json::value node_json(const Names& names, const AlignedObjective& n) {
  json::array children;
  for (const auto& c : n.children) children.push_back(node_json(names, c));
  return json::object{{"key", n.objective.key},
                      {"title", n.objective.title},
                      {"team", n.team_key},
                      {"function", n.function},
                      {"score", n.score},
                      {"contributing_teams", names.contributing(n.objective.id)},
                      {"aligns_to_key_result", names.key_result(n.objective.parent_key_result_id)},
                      {"children", std::move(children)}};
}

}  // namespace

json::object to_json(const AlignmentReport& r, const std::map<Id, std::string>& team_keys,
                     const std::map<Id, std::vector<std::string>>& contributors,
                     const std::map<Id, std::string>& key_result_keys) {
  Names names{team_keys, contributors, key_result_keys};
  json::array roots, orphans, skips, functions;
  for (const auto& n : r.roots) roots.push_back(node_json(names, n));
  for (const auto& o : r.orphans)
    orphans.push_back(
        json::object{{"key", o.key}, {"title", o.title}, {"team", names.team(o.team_id)}});
  for (const auto& s : r.level_skips) {
    json::array between;
    for (Id t : s.teams_between) between.push_back(json::value(names.team(t)));
    skips.push_back(json::object{{"key", s.objective.key},
                                 {"team", names.team(s.objective.team_id)},
                                 {"aligns_to", s.parent.key},
                                 {"skips_teams", std::move(between)}});
  }
  for (const auto& f : r.functions) {
    json::array shares;
    for (const auto& c : r.company_objectives) {
      auto it = f.aligned.find(c.id);
      shares.push_back(json::object{{"objective", c.key},
                                    {"aligned", it == f.aligned.end() ? 0 : it->second},
                                    {"share", f.share(c.id)}});
    }
    functions.push_back(json::object{{"function", f.function},
                                     {"objectives", f.objectives},
                                     {"unaligned", f.unaligned},
                                     {"company_objectives", std::move(shares)}});
  }
  return json::object{{"tree", std::move(roots)},
                      {"orphans", std::move(orphans)},
                      {"level_skips", std::move(skips)},
                      {"functions", std::move(functions)}};
}

}  // namespace okr::formats
