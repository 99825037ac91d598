// Runs the lint cases in tests/data/coach/lint-cases.yaml: each case is a
// draft plus the rules that must fire and must stay quiet. The file's header
// documents the format.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>

#include "core/coach/coach.h"
#include "formats/lint_config.h"

namespace okr::coach {
namespace {

std::string text(const YAML::Node& n, const char* key) {
  return n[key] ? n[key].as<std::string>() : std::string();
}

std::optional<double> number(const YAML::Node& n, const char* key) {
  if (!n[key]) return std::nullopt;
  return n[key].as<double>();
}

DraftKeyResult key_result_of(const YAML::Node& n) {
  DraftKeyResult kr;
  kr.title = text(n, "title");
  if (n["metric"]) kr.metric = parse_metric_kind(text(n, "metric")).value();
  kr.start = number(n, "start");
  kr.target = number(n, "target");
  kr.range_low = number(n, "low");
  kr.range_high = number(n, "high");
  kr.owner = text(n, "owner");
  kr.unit = text(n, "unit");
  if (n["indicator"]) kr.indicator = parse_indicator(text(n, "indicator")).value();
  return kr;
}

Draft draft_of(const YAML::Node& c) {
  Draft d;
  d.has_parent_level = c["has_parent_level"] && c["has_parent_level"].as<bool>();
  for (const auto& o : c["objectives"]) {
    DraftObjective obj;
    obj.title = text(o, "title");
    obj.team = text(o, "team");
    obj.owner = text(o, "owner");
    obj.aligns_to = text(o, "aligns_to");
    obj.top_level = o["top_level"] && o["top_level"].as<bool>();
    for (const auto& k : o["key_results"]) obj.key_results.push_back(key_result_of(k));
    d.objectives.push_back(std::move(obj));
  }
  return d;
}

// "rule", "rule@1", "rule@1.2", optionally followed by ":severity".
struct Expectation {
  std::string rule;
  std::optional<int> objective, key_result;
  std::optional<Severity> severity;
};

Expectation parse_expectation(std::string s) {
  Expectation e;
  if (auto colon = s.find(':'); colon != std::string::npos) {
    e.severity = parse_severity(s.substr(colon + 1));
    s.resize(colon);
  }
  auto at = s.find('@');
  e.rule = s.substr(0, at);
  if (at != std::string::npos) {
    std::string where = s.substr(at + 1);
    auto dot = where.find('.');
    e.objective = std::stoi(where.substr(0, dot));
    if (dot != std::string::npos) e.key_result = std::stoi(where.substr(dot + 1));
  }
  return e;
}

bool matches(const Finding& f, const Expectation& e) {
  if (f.rule != e.rule) return false;
  if (e.objective && f.objective != *e.objective) return false;
  if (e.key_result && f.key_result != *e.key_result) return false;
  if (!e.key_result && e.objective && f.key_result != -1) return false;
  return !e.severity || f.severity == *e.severity;
}

std::string describe(const std::vector<Finding>& findings) {
  std::string out;
  for (const auto& f : findings)
    out += "\n    " + f.rule + "@" + std::to_string(f.objective) + "." +
           std::to_string(f.key_result) + ":" + std::string(to_string(f.severity)) + " " +
           f.evidence;
  return out.empty() ? " (none)" : out;
}

TEST(CoachLintCases, EveryCaseFiresWhatItExpectsAndNothingItExcludes) {
  const std::string path = std::string(OKR_TEST_DATA_DIR) + "/coach/lint-cases.yaml";
  YAML::Node cases = YAML::LoadFile(path);
  ASSERT_TRUE(cases.IsSequence()) << path;
  ASSERT_GE(cases.size(), 10u);
  for (const auto& c : cases) {
    const std::string name = text(c, "name");
    Config config;
    if (c["config"]) {
      std::string yaml = c["config"].IsScalar() ? c["config"].Scalar() : YAML::Dump(c["config"]);
      auto parsed = formats::parse_lint_config(yaml, name);
      ASSERT_TRUE(parsed.ok()) << parsed.error().message;
      config = *parsed;
    }
    auto findings = lint(draft_of(c), config);
    for (const auto& item : c["expect"]) {
      Expectation e = parse_expectation(item.as<std::string>());
      bool found = false;
      for (const auto& f : findings) found = found || matches(f, e);
      EXPECT_TRUE(found) << "case '" << name << "': expected " << item.as<std::string>()
                         << "; findings:" << describe(findings);
    }
    for (const auto& item : c["expect_not"]) {
      Expectation e = parse_expectation(item.as<std::string>());
      for (const auto& f : findings)
        EXPECT_FALSE(matches(f, e) || (!e.objective && f.rule == e.rule))
            << "case '" << name << "': unexpected " << item.as<std::string>()
            << "; findings:" << describe(findings);
    }
  }
}

}  // namespace
}  // namespace okr::coach
