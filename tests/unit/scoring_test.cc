// One driver for the hand-computed scoring cases in tests/data/scoring/.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "core/scoring.h"

namespace okr {
namespace {

const std::string kDir = std::string(OKR_TEST_DATA_DIR) + "/scoring/";

TEST(Scoring, KeyResultCasesFromData) {
  auto doc = YAML::LoadFile(kDir + "key_results.yaml");
  ASSERT_GT(doc["cases"].size(), 20u);
  for (const auto& c : doc["cases"]) {
    SCOPED_TRACE(c["name"].as<std::string>());
    KeyResult kr;
    kr.metric = *parse_metric_kind(c["metric"].as<std::string>());
    kr.start = c["start"].as<double>(0);
    kr.target = c["target"].as<double>(0);
    kr.range_low = c["low"].as<double>(0);
    kr.range_high = c["high"].as<double>(0);
    kr.tolerance = c["tolerance"].as<double>(0);
    std::optional<double> current;
    if (c["current"]) current = c["current"].as<double>();
    EXPECT_NEAR(score_key_result(kr, current), c["score"].as<double>(), 1e-9);
  }
}

TEST(Scoring, ObjectiveCasesFromData) {
  auto doc = YAML::LoadFile(kDir + "objectives.yaml");
  ASSERT_GT(doc["cases"].size(), 10u);
  for (const auto& c : doc["cases"]) {
    SCOPED_TRACE(c["name"].as<std::string>());
    std::vector<WeightedScore> krs;
    for (const auto& k : c["krs"]) krs.push_back({k[0].as<double>(), k[1].as<double>()});
    double score = score_objective(krs);
    EXPECT_NEAR(score, c["score"].as<double>(), 1e-9);
    EXPECT_EQ(format_score(score), c["shown"].as<std::string>());
    EXPECT_EQ(to_string(band_of(score)), c["band"].as<std::string>());
    std::vector<std::string> flags;
    auto kind = *parse_objective_kind(c["kind"].as<std::string>());
    for (auto f : grading_flags(kind, score)) flags.emplace_back(to_string(f));
    EXPECT_EQ(flags, c["flags"].as<std::vector<std::string>>());
  }
}

TEST(Scoring, TeamCasesFromData) {
  auto doc = YAML::LoadFile(kDir + "objectives.yaml");
  for (const auto& c : doc["teams"]) {
    SCOPED_TRACE(c["name"].as<std::string>());
    auto scores = c["objectives"].as<std::vector<double>>();
    EXPECT_NEAR(mean_score(scores), c["score"].as<double>(), 1e-9);
  }
  for (const auto& c : doc["team_patterns"]) {
    SCOPED_TRACE(c["name"].as<std::string>());
    auto scores = c["cycles"].as<std::vector<double>>();
    auto flag = team_flag(scores);
    EXPECT_EQ(flag ? std::string(to_string(*flag)) : "none", c["flag"].as<std::string>());
  }
}

}  // namespace
}  // namespace okr
