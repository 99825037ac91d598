// The coach's vocabulary: which words name work delivered (outputs), which name
// people, money or behaviour (outcomes), and what the leading verb of a key
// result says about it. The tables live in lexicon.cc, built once, shared and
// read-only afterwards (safe to use from any thread). Internal to the coach.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "core/coach/text.h"

namespace okr::coach {

enum class TermClass {
  work_metric,  // measures the team's own delivery: velocity, story points, PRs, backlog
  artefact,     // a thing made or an activity held: feature, blog post, meeting
  load,         // work that arrives from users: bugs, tickets, incidents (fewer is an outcome)
  actor,        // people and organisations: users, customers, sellers, teams
  metric,       // behaviour, money or experience: conversion, revenue, latency, NPS
};

// What a term is about; picks the wording of evidence and the rewrite pattern.
enum class Family {
  work_item,
  feature,
  integration,
  content,
  outreach,
  event,
  research,
  design,
  docs,
  release,
  engineering,
  data,
  quality,
  people,
  behaviour,
  money,
  experience,
  opinion,
};

struct Term {
  std::string_view phrase;  // as written in the table, e.g. "story point"
  TermClass cls;
  Family family;
};

// A lexicon phrase found in a token list: tokens [begin, end) spell it.
struct TermMatch {
  const Term* term = nullptr;
  size_t begin = 0;
  size_t end = 0;
};

// The longest lexicon term starting at tokens[i], if any. Hyphenated spellings
// match too ("on-call page", "click-through").
std::optional<TermMatch> match_term(const std::vector<Token>& tokens, size_t i);

enum class VerbClass {
  activity,  // names work to do: ship, launch, write, hold, migrate
  result,    // names a result to obtain: sign, win, reach, keep
  increase,  // a direction, the object decides: increase, grow, raise
  decrease,  // a direction, the object decides: reduce, cut, lower
  neutral,   // the object decides: add, get, close, make
};

struct VerbMatch {
  std::string_view verb;  // as in the table, e.g. "roll out"
  VerbClass cls;
  size_t length = 1;  // tokens the verb spans
};

// The verb spelled by tokens starting at i (base form only), if any.
std::optional<VerbMatch> match_verb(const std::vector<Token>& tokens, size_t i);

// "number of", "share of", "percentage of", ...: words that wrap the measured
// object. Returns how many tokens the wrapper spans (0 when none) and whether it
// makes a rate (share, percentage) rather than a count.
size_t match_wrapper(const std::vector<Token>& tokens, size_t i, bool* is_rate);

// True when the words from tokens[i] on say that users met or reported the
// thing just named: "reported by customers", "viewed by users", "from customers".
bool user_qualifier_at(const std::vector<Token>& tokens, size_t i);

// Past participles that mark delivered work: "shipped", "completed", "merged".
bool is_output_participle(std::string_view lower_word);

// Words that promise change without saying how much: "better", "significantly".
bool is_vague_word(std::string_view lower_word);

}  // namespace okr::coach
