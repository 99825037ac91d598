// Configuration of the coach: disabling and re-grading rules, limits, and the
// `.okr-lint.yaml` parser with its errors (file, line, column).
#include <gtest/gtest.h>

#include <string>

#include "coach_test_drafts.h"
#include "core/coach/coach.h"
#include "formats/lint_config.h"

namespace okr::coach {
namespace {

using testing::draft_of;
using testing::findings_of;
using testing::strong_objective;

DraftObjective ownerless() {
  auto o = strong_objective();
  o.key_results[0].owner = "";
  return o;
}

TEST(CoachConfig, DisabledRuleProducesNoFindings) {
  Config config;
  config.rules["kr-no-owner"].enabled = false;
  EXPECT_EQ(findings_of(lint(draft_of({ownerless()})), "kr-no-owner").size(), 1u);
  EXPECT_TRUE(findings_of(lint(draft_of({ownerless()}), config), "kr-no-owner").empty());
}

TEST(CoachConfig, ConfiguredSeverityOverridesTheDefault) {
  Config config;
  config.rules["kr-no-owner"].severity = Severity::error;
  auto f = findings_of(lint(draft_of({ownerless()}), config), "kr-no-owner");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::error);
}

TEST(CoachConfig, LimitsAreConfigurable) {
  std::vector<DraftObjective> four(4, strong_objective());
  Config config;
  config.max_objectives = 4;
  EXPECT_TRUE(findings_of(lint(draft_of(four), config), "objective-count").empty());

  config.min_key_results = 4;
  auto f = findings_of(lint(draft_of({strong_objective()}), config), "kr-count");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].evidence, "3 key results (minimum 4)");

  Config words;
  words.max_objective_words = 5;
  auto o = strong_objective();  // six words
  EXPECT_EQ(findings_of(lint(draft_of({o}), words), "objective-too-long").size(), 1u);

  Config two;
  two.min_objectives = 2;
  f = findings_of(lint(draft_of({o}), two), "objective-count");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].evidence, "1 objectives (minimum 2)");
}

TEST(CoachLintConfig, ParsesLimitsAndRules) {
  auto r = formats::parse_lint_config(R"(
limits: {max_objectives: 4, min_objectives: 2, min_key_results: 3, max_key_results: 5,
         max_objective_words: 20}
rules:
  objective-not-aligned: off
  kr-no-owner: {severity: error}
  vague-words: info
  kr-is-binary: {enabled: false}
  kr-is-output: on
)",
                                      ".okr-lint.yaml");
  ASSERT_TRUE(r.ok()) << r.error().message;
  const Config& c = *r;
  EXPECT_EQ(c.max_objectives, 4);
  EXPECT_EQ(c.min_objectives, 2);
  EXPECT_EQ(c.min_key_results, 3);
  EXPECT_EQ(c.max_key_results, 5);
  EXPECT_EQ(c.max_objective_words, 20);
  EXPECT_FALSE(c.rules.at("objective-not-aligned").enabled);
  EXPECT_EQ(c.rules.at("kr-no-owner").severity, Severity::error);
  EXPECT_TRUE(c.rules.at("kr-no-owner").enabled);
  EXPECT_EQ(c.rules.at("vague-words").severity, Severity::info);
  EXPECT_FALSE(c.rules.at("kr-is-binary").enabled);
  EXPECT_TRUE(c.rules.at("kr-is-output").enabled);
}

TEST(CoachLintConfig, EmptyFileKeepsDefaults) {
  auto r = formats::parse_lint_config("", ".okr-lint.yaml");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->max_objectives, Config{}.max_objectives);
  EXPECT_TRUE(r->rules.empty());
}

void expect_error(const char* yaml, int line, int column, const char* field, const char* message) {
  auto r = formats::parse_lint_config(yaml, "team/.okr-lint.yaml");
  ASSERT_FALSE(r.ok()) << yaml;
  EXPECT_EQ(r.error().code, ErrorCode::invalid);
  EXPECT_EQ(r.error().line, line) << r.error().message;
  EXPECT_EQ(r.error().column, column) << r.error().message;
  EXPECT_EQ(r.error().field, field);
  EXPECT_EQ(r.error().message, message);
}

TEST(CoachLintConfig, UnknownRuleIdNamesFileLineAndColumnAndSuggests) {
  expect_error("rules:\n  kr-no-ownr: off\n", 2, 3, "rules.kr-no-ownr",
               "team/.okr-lint.yaml:2:3: unknown rule 'kr-no-ownr'; did you mean 'kr-no-owner'?");
}

TEST(CoachLintConfig, UnknownKeysAreErrors) {
  expect_error("limits:\n  max_objective: 4\n", 2, 3, "limits.max_objective",
               "team/.okr-lint.yaml:2:3: unknown limit 'max_objective'; expected one of: "
               "min_objectives, max_objectives, min_key_results, max_key_results, "
               "max_objective_words");
  expect_error("rule:\n  kr-no-owner: off\n", 1, 1, "rule",
               "team/.okr-lint.yaml:1:1: unknown key 'rule'; expected 'limits' or 'rules'");
  expect_error("rules:\n  kr-no-owner: {level: error}\n", 2, 17, "rules.kr-no-owner.level",
               "team/.okr-lint.yaml:2:17: unknown key 'level' in rules.kr-no-owner; expected "
               "'severity' or 'enabled'");
}

TEST(CoachLintConfig, WrongTypesAreErrors) {
  expect_error("limits:\n  max_objectives: three\n", 2, 19, "limits.max_objectives",
               "team/.okr-lint.yaml:2:19: limits.max_objectives must be a whole number, not "
               "'three'");
  expect_error("rules:\n  kr-no-owner: fatal\n", 2, 16, "rules.kr-no-owner",
               "team/.okr-lint.yaml:2:16: rules.kr-no-owner must be off, on, error, warning, "
               "info or {severity: ...}, not 'fatal'");
  expect_error("rules: [kr-no-owner]\n", 1, 8, "rules",
               "team/.okr-lint.yaml:1:8: 'rules' must be a mapping of rule ids to settings");
}

TEST(CoachLintConfig, ImpossibleLimitsAreErrors) {
  expect_error("limits:\n  min_key_results: 5\n", 2, 3, "limits.min_key_results",
               "team/.okr-lint.yaml:2:3: min_key_results (5) is above max_key_results (4)");
}

TEST(CoachLintConfig, InvalidYamlIsAnError) {
  auto r = formats::parse_lint_config("rules: {kr-no-owner: off\n", "x.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message.rfind("x.yaml:", 0), 0u) << r.error().message;
  EXPECT_NE(r.error().message.find("not valid YAML"), std::string::npos);
  EXPECT_GT(r.error().line, 0);
}

}  // namespace
}  // namespace okr::coach
