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

// True when the coach warns that the key result is an output (kr-is-output);
// a weak reading is asked as a question instead and does not count.
inline bool warns_output(const Classification& c) {
  return c.is_output && c.certain;
}

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

// Tallies per organisation, for the leave-one-organisation-out figures: the
// coach's rules are fixed, so holding an organisation out means scoring its
// rows with nothing learned from them (see docs/coach.md for what was read
// while the rules were written). Key results count as flagged when the coach
// warns (kr-is-output); an info question (kr-may-be-output) is not a warning.
inline std::map<std::string, Tally> key_results_by_organisation(
    const std::vector<CorpusRow>& rows) {
  std::map<std::string, Tally> tallies;
  for (const CorpusRow& r : rows) {
    Classification c = classify_key_result(r.title);
    tallies[r.organisation].add(warns_output(c), r.label == "output");
  }
  return tallies;
}

inline std::map<std::string, Tally> objectives_by_organisation(const std::vector<CorpusRow>& rows) {
  std::map<std::string, Tally> tallies;
  for (const CorpusRow& r : rows)
    tallies[r.organisation].add(flags_activity(r.title), r.label == "activity");
  return tallies;
}

inline void add(Tally* to, const Tally& t) {
  to->true_pos += t.true_pos;
  to->false_pos += t.false_pos;
  to->true_neg += t.true_neg;
  to->false_neg += t.false_neg;
}

// Every organisation held out once and scored alone: the per-organisation
// tallies, their sums, and the worst organisation with at least 10 rows (one
// row moves a smaller one by more than 10 points: too few to name).
struct OrganisationFigures {
  std::map<std::string, std::pair<Tally, Tally>> by_organisation;  // key results, objectives
  std::map<std::string, std::string> set_of;  // organisation -> tune, holdout or unseen
  Tally key_results, objectives;
  double worst_accuracy = 1;
  std::string worst;
};

// The sums over the organisations of one set ("unseen": added after the rules
// were fixed and never read while changing them).
inline std::pair<Tally, Tally> organisations_in_set(const OrganisationFigures& f,
                                                    const std::string& set) {
  std::pair<Tally, Tally> sum;
  for (const auto& [org, pair] : f.by_organisation) {
    auto it = f.set_of.find(org);
    if (it == f.set_of.end() || it->second != set) continue;
    add(&sum.first, pair.first);
    add(&sum.second, pair.second);
  }
  return sum;
}

inline OrganisationFigures leave_one_organisation_out(const std::vector<CorpusRow>& key_results,
                                                      const std::vector<CorpusRow>& objectives) {
  OrganisationFigures f;
  for (const auto& [org, t] : key_results_by_organisation(key_results))
    f.by_organisation[org].first = t;
  for (const auto& [org, t] : objectives_by_organisation(objectives))
    f.by_organisation[org].second = t;
  for (const auto* rows : {&key_results, &objectives})
    for (const CorpusRow& r : *rows) f.set_of[r.organisation] = r.set;
  for (const auto& [org, pair] : f.by_organisation) {
    add(&f.key_results, pair.first);
    add(&f.objectives, pair.second);
    Tally both = pair.first;
    add(&both, pair.second);
    if (both.total() >= 10 && both.accuracy() < f.worst_accuracy) {
      f.worst_accuracy = both.accuracy();
      f.worst = org;
    }
  }
  return f;
}

inline void print_leave_one_organisation_out(const OrganisationFigures& f) {
  std::printf(
      "leave-one-organisation-out: key results %.3f (n=%d), objectives %.3f (n=%d); output "
      "warning precision %.3f (%d of %d); activity warning precision %.3f; worst organisation "
      "%s %.3f\n",
      f.key_results.accuracy(), f.key_results.total(), f.objectives.accuracy(),
      f.objectives.total(), f.key_results.precision(), f.key_results.true_pos,
      f.key_results.true_pos + f.key_results.false_pos, f.objectives.precision(), f.worst.c_str(),
      f.worst_accuracy);
}

// One line a set of organisations (tune, holdout, added-1, …): the batches
// added after the rules were written show how the coach does on OKRs it was
// not tuned on.
inline void print_sets(const OrganisationFigures& f) {
  std::set<std::string> sets;
  for (const auto& [org, set] : f.set_of) sets.insert(set);
  for (const auto& set : sets) {
    auto [k, o] = organisations_in_set(f, set);
    std::printf(
        "  set %-8s key results %.3f (n=%d), objectives %.3f (n=%d); output warning precision "
        "%.3f (%d of %d)\n",
        set.c_str(), k.accuracy(), k.total(), o.accuracy(), o.total(), k.precision(), k.true_pos,
        k.true_pos + k.false_pos);
  }
}

// The sets whose rows no one has read while a rule was changed: their figures
// are what the coach does on OKRs it has never read (docs/coach.md). A set
// leaves this list the day its misses are read to change a rule.
inline const std::vector<std::string>& never_read_sets() {
  static const std::vector<std::string> sets = {"added-2", "added-3", "added-6", "added-8"};
  return sets;
}

// The never-read sets summed, beside the 0.90 target the issue sets for them.
inline std::pair<Tally, Tally> print_never_read(const OrganisationFigures& f) {
  std::pair<Tally, Tally> sum;
  std::string names;
  for (const auto& set : never_read_sets()) {
    auto [k, o] = organisations_in_set(f, set);
    add(&sum.first, k);
    add(&sum.second, o);
    names += (names.empty() ? "" : ", ") + set;
  }
  const Tally& k = sum.first;
  const Tally& o = sum.second;
  std::printf(
      "  never read (%s): key results %.3f (%d of %d)%s, objectives %.3f (%d of %d)%s; output "
      "warning precision %.3f (%d of %d)\n",
      names.c_str(), k.accuracy(), k.true_pos + k.true_neg, k.total(),
      k.accuracy() < 0.90 ? " below the 0.90 target" : "", o.accuracy(), o.true_pos + o.true_neg,
      o.total(), o.accuracy() < 0.90 ? " below the 0.90 target" : "", k.precision(), k.true_pos,
      k.true_pos + k.false_pos);
  return sum;
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
