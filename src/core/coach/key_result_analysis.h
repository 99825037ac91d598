// What the coach reads in a key result title: the leading verb, the measured
// object and its head word, the "from X to Y" pattern and who the object
// belongs to. classify_key_result and several lint rules share this reading so
// they never disagree about a title. Internal to the coach.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/coach/coach.h"
#include "core/coach/lexicon.h"
#include "core/coach/text.h"

namespace okr::coach {

struct KeyResultAnalysis {
  std::string title;
  std::vector<Token> tokens;

  std::optional<VerbMatch> verb;  // the leading verb, when the title starts with one
  size_t verb_begin = 0;          // 1 for "Re-implement …": the verb after a "re-" prefix

  // The measured object: the first lexicon term after the verb, carried to the
  // last term of its compound ("integration adoption" -> "adoption").
  std::optional<TermMatch> head;
  size_t object_begin = 0;  // token span of the object, with its wrapper ("share of users")
  size_t noun_begin = 0;    // where the noun phrase starts, after any wrapper
  size_t object_end = 0;
  bool rate_wrapper = false;     // "share of", "% of" before the object
  bool count_wrapper = false;    // "number of" before the object
  bool user_qualified = false;   // "reported by customers", "customer-facing", ...
  bool share_of_people = false;  // "the share who abandon …": a share of people doing something
  std::string rate_of_use;       // "read per visit", "per user": a rate of what people do
  std::string participle;        // "shipped" in "features shipped", or empty
  std::string service_level;     // "within 4 hours" after a percentage, as written, or empty

  std::string from_text, to_text;  // "42%" and "65%" of "from 42% to 65%", as written
  std::string change_text;         // "from 9 days to 2 days", as written, or empty
  bool has_number = false;         // any quantity in the title
  bool has_money = false;
  bool has_percent = false;

  // The object quoted as written ("share of on-call pages"), or empty.
  std::string object_text() const;
  // The noun phrase without its wrapper ("on-call pages"), or empty.
  std::string noun_text() const;
  // The text of tokens [begin, end) as written, or empty.
  std::string span_text(size_t begin, size_t end) const;
  // True when token i is joined to the token before it by a hyphen ("trial-to").
  bool hyphen_joined(size_t i) const;
  // The leading verb as written ("Re-implement"), or empty.
  std::string verb_text() const;
};

KeyResultAnalysis analyze_key_result(std::string_view title);

// The output/outcome verdict for an analysed title; classify_key_result(title)
// is classify(analyze_key_result(title)).
Classification classify(const KeyResultAnalysis& analysis);

}  // namespace okr::coach
