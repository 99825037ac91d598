// Who acts in a key result written as a sentence: the team (an output) or the
// people the team serves (an outcome). Real key results are often clauses
// rather than "verb + metric": "Interactive search is available to all users"
// (a finished deliverable), "Admins can force a refresh" (a capability built),
// "Each team has documented KPIs" (the team's own work), "There are at least
// 200 active publishers" (people acting), "It takes less than 48 hours to
// transfer 1TB" (a wait users feel). Internal to the coach.
#pragma once

#include <optional>
#include <string>

#include "core/coach/key_result_analysis.h"
#include "core/coach/lexicon.h"

namespace okr::coach {

struct ClauseReading {
  bool is_output = false;
  std::string evidence;          // the words that decided, and why
  std::optional<Family> family;  // for outputs: what kind of work, to pick a rewrite
  bool certain = true;           // for outputs: false when the shape is weak evidence
};

// The verdict the sentence's shape decides on its own, or nullopt when the
// leading verb and the measured object should decide instead.
std::optional<ClauseReading> read_clause(const KeyResultAnalysis& a);

// When tokens[verb] is "has", "have", "keeps" or "maintains" and a plan,
// backlog or document follows within a few words ("Every nurse has a written
// escalation plan"), the index just past that word; otherwise 0. Everyone
// having one is what the team's work produces, not something people did.
size_t practice_in_place_end(const std::vector<Token>& tokens, size_t verb);

// True when the words around tokens[head_begin] name the team itself rather
// than teams of customers: "the product team", "each team", "our teammates".
bool is_internal_team(const KeyResultAnalysis& a, size_t head_begin, size_t head_end);

}  // namespace okr::coach
