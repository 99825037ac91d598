// Runs the output/outcome classifier over the labelled corpus in
// tests/data/coach/key-results.tsv and reports precision and recall (positive
// class: output) and accuracy, separately for the rows used to tune the
// lexicon ("tune") and the rows kept aside ("holdout"). Fails below 90%
// accuracy on either set. Misclassified rows are printed with their evidence.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/coach/coach.h"

namespace {

struct Row {
  std::string set, label, title, reason;
  int line = 0;
};

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> out;
  std::string cell;
  std::istringstream in(line);
  while (std::getline(in, cell, '\t')) out.push_back(cell);
  return out;
}

std::vector<Row> read_corpus(const std::string& path) {
  std::ifstream in(path);
  std::vector<Row> rows;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (n == 1 || line.empty()) continue;  // header
    auto cells = split_tabs(line);
    if (cells.size() != 4) {
      ADD_FAILURE() << path << ":" << n << ": expected 4 tab-separated cells, got " << cells.size();
      continue;
    }
    rows.push_back({cells[0], cells[1], cells[2], cells[3], n});
  }
  return rows;
}

struct Tally {
  int true_output = 0, false_output = 0, true_outcome = 0, false_outcome = 0;
  int total() const { return true_output + false_output + true_outcome + false_outcome; }
  double precision() const {
    int flagged = true_output + false_output;
    return flagged ? static_cast<double>(true_output) / flagged : 0;
  }
  double recall() const {
    int outputs = true_output + false_outcome;
    return outputs ? static_cast<double>(true_output) / outputs : 0;
  }
  double accuracy() const {
    return total() ? static_cast<double>(true_output + true_outcome) / total() : 0;
  }
};

TEST(CoachCorpus, ClassifierIsAccurateOnTuneAndHoldout) {
  const std::string path = std::string(OKR_TEST_DATA_DIR) + "/coach/key-results.tsv";
  auto rows = read_corpus(path);
  ASSERT_GE(rows.size(), 220u) << "corpus missing or too small: " << path;

  std::map<std::string, Tally> tallies;
  for (const auto& row : rows) {
    ASSERT_TRUE(row.set == "tune" || row.set == "holdout") << path << ":" << row.line;
    ASSERT_TRUE(row.label == "output" || row.label == "outcome") << path << ":" << row.line;
    auto c = okr::coach::classify_key_result(row.title);
    bool labelled_output = row.label == "output";
    Tally& t = tallies[row.set];
    if (c.is_output && labelled_output) ++t.true_output;
    if (c.is_output && !labelled_output) ++t.false_output;
    if (!c.is_output && !labelled_output) ++t.true_outcome;
    if (!c.is_output && labelled_output) ++t.false_outcome;
    if (c.is_output != labelled_output)
      std::printf("  miss [%s] %s: \"%s\" -> %s (%s)\n", row.set.c_str(), row.label.c_str(),
                  row.title.c_str(), c.is_output ? "output" : "outcome", c.evidence.c_str());
  }

  for (const char* set : {"tune", "holdout"}) {
    const Tally& t = tallies[set];
    std::printf("%-8s n=%3d  precision %.3f  recall %.3f  accuracy %.3f\n", set, t.total(),
                t.precision(), t.recall(), t.accuracy());
    EXPECT_GT(t.total(), 0) << "no rows in the " << set << " set";
    EXPECT_GE(t.accuracy(), 0.90) << set << " accuracy below 90%";
  }
}

}  // namespace
