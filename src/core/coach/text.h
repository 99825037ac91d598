// Tokens of an objective or key result title, as the coach reads them.
//
// The tokeniser understands the ways people write numbers in OKRs ("1,200",
// "$2M", "42%", "900ms", "€38", "5k", "30→40") and splits hyphenated words
// ("day-30", "trial-to-paid") into their parts, so lexicon phrases match
// whichever way a team spells them. Internal to the coach.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace okr::coach {

struct Token {
  enum class Kind {
    word,       // letters (and digits after a letter: "p95", "q3")
    number,     // a quantity: value, plus percent/money/unit flags
    separator,  // , ; & + : ( ) / – and a sentence end
  };
  Kind kind = Kind::word;
  std::string text;  // lower-case word as written, or the number as written
  std::string stem;  // words: lower-case singular ("stories" -> "story"); else empty
  double value = 0;  // numbers only
  bool percent = false;
  bool money = false;
  std::string unit;  // numbers only: "ms", "s", "h", "min", "d", "x", or empty
  size_t begin = 0;  // byte offsets of the token in the text, for quoting it as written
  size_t end = 0;
  bool is_word() const { return kind == Kind::word; }
  bool is_number() const { return kind == Kind::number; }
};

// Splits a title into tokens. Never fails; unknown bytes are skipped.
std::vector<Token> tokenize(std::string_view text);

// Lower-case singular form used to match lexicon entries. Deliberately naive
// ("bugs" -> "bug", "stories" -> "story", "status" stays): the lexicon is
// stemmed with the same function, so both sides agree.
std::string stem_word(std::string_view lower_word);

// Words separated by white space, the way a person counts them.
int count_words(std::string_view text);

// Sentences ended by '.', '!' or '?' (a trailing fragment counts as one).
// Decimal points and "e.g." style abbreviations do not end a sentence.
int count_sentences(std::string_view text);

// Words that carry no meaning for the coach: articles, pronouns, prepositions.
bool is_stopword(std::string_view lower_word);

// `s` in single quotes, as evidence quotes the words that decided.
std::string quote(std::string_view s);

// True when `w` is one of `words`.
bool one_of(std::string_view w, std::initializer_list<std::string_view> words);

// True when token `i` exists and is the word `w` (or one of `ws`).
bool word_at(const std::vector<Token>& tk, size_t i, std::string_view w);
bool word_in(const std::vector<Token>& tk, size_t i, std::initializer_list<std::string_view> ws);

}  // namespace okr::coach
