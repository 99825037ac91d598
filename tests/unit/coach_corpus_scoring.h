// Scores the coach on the labelled corpora under tests/data/coach/: the
// classifier on key results (positive class: output) and the
// objective-is-activity rule on objectives (positive class: activity).
// Shared by the corpus tests and bench/coach_bench.cc, so the figures in
// docs/coach.md come from one place.
#pragma once

#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/coach/coach.h"

namespace okr::coach::testing {

// One labelled row of tests/data/coach/real-*.tsv
// (columns: set label organisation title source reason).
struct CorpusRow {
  std::string set, label, organisation, title, source, reason;
  int line = 0;
};

// Rows of a tab-separated corpus file; rows with the wrong number of cells are
// reported in `errors` with their line number.
inline std::vector<CorpusRow> read_real_corpus(const std::string& path,
                                               std::vector<std::string>* errors) {
  std::ifstream in(path);
  std::vector<CorpusRow> rows;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (n == 1 || line.empty()) continue;  // header
    std::vector<std::string> cells;
    std::string cell;
    std::istringstream s(line);
    while (std::getline(s, cell, '\t')) cells.push_back(cell);
    if (cells.size() != 6) {
      errors->push_back(path + ":" + std::to_string(n) + ": expected 6 cells, got " +
                        std::to_string(cells.size()));
      continue;
    }
    rows.push_back({cells[0], cells[1], cells[2], cells[3], cells[4], cells[5], n});
  }
  return rows;
}

// Confusion counts for one set; "positive" is the finding the coach raises
// (output for key results, activity for objectives).
struct Tally {
  int true_pos = 0, false_pos = 0, true_neg = 0, false_neg = 0;
  int total() const { return true_pos + false_pos + true_neg + false_neg; }
  static double ratio(int a, int b) { return b ? static_cast<double>(a) / b : 0; }
  double accuracy() const { return ratio(true_pos + true_neg, total()); }
  double precision() const { return ratio(true_pos, true_pos + false_pos); }  // of the finding
  double recall() const { return ratio(true_pos, true_pos + false_neg); }
  double negative_precision() const { return ratio(true_neg, true_neg + false_neg); }
  double negative_recall() const { return ratio(true_neg, true_neg + false_pos); }
  void add(bool predicted, bool actual) {
    if (predicted && actual) ++true_pos;
    if (predicted && !actual) ++false_pos;
    if (!predicted && !actual) ++true_neg;
    if (!predicted && actual) ++false_neg;
  }
};

// True when the coach flags the objective title as an activity.
inline bool flags_activity(const std::string& title, std::string* evidence = nullptr) {
  Draft draft;
  DraftObjective o;
  o.title = title;
  o.owner = "ana@example.com";
  draft.objectives = {o};
  for (const Finding& f : lint(draft))
    if (f.rule == "objective-is-activity") {
      if (evidence) *evidence = f.evidence;
      return true;
    }
  return false;
}

// Tallies per set ("tune", "holdout"). When `misses` is given, each wrong
// verdict is appended as one line with the coach's evidence.
inline std::map<std::string, Tally> score_key_results(const std::vector<CorpusRow>& rows,
                                                      std::vector<std::string>* misses) {
  std::map<std::string, Tally> tallies;
  for (const CorpusRow& r : rows) {
    Classification c = classify_key_result(r.title);
    bool output = r.label == "output";
    tallies[r.set].add(c.is_output, output);
    if (misses && c.is_output != output)
      misses->push_back("[" + r.set + "] " + r.label + ": \"" + r.title + "\" -> " +
                        (c.is_output ? "output" : "outcome") + " (" + c.evidence + ")");
  }
  return tallies;
}

inline std::map<std::string, Tally> score_objectives(const std::vector<CorpusRow>& rows,
                                                     std::vector<std::string>* misses) {
  std::map<std::string, Tally> tallies;
  for (const CorpusRow& r : rows) {
    std::string evidence;
    bool flagged = flags_activity(r.title, &evidence);
    bool activity = r.label == "activity";
    tallies[r.set].add(flagged, activity);
    if (misses && flagged != activity)
      misses->push_back("[" + r.set + "] " + r.label + ": \"" + r.title + "\" -> " +
                        (flagged ? "activity (" + evidence + ")" : "not flagged"));
  }
  return tallies;
}

}  // namespace okr::coach::testing
