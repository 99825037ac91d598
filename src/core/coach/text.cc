#include "core/coach/text.h"

#include <array>
#include <cctype>
#include <cstdlib>
#include <unordered_set>

namespace okr::coach {
namespace {

// Multi-byte UTF-8 symbols the coach gives a meaning to.
enum class Symbol { none, arrow, dash, euro, pound, apostrophe, at_least, at_most, quote };

struct SymbolBytes {
  std::string_view bytes;
  Symbol symbol;
};

constexpr std::array<SymbolBytes, 10> kSymbols{{
    {"\xE2\x86\x92", Symbol::arrow},       // →
    {"\xE2\x80\x93", Symbol::dash},        // –
    {"\xE2\x80\x94", Symbol::dash},        // —
    {"\xE2\x82\xAC", Symbol::euro},        // €
    {"\xC2\xA3", Symbol::pound},           // £
    {"\xE2\x80\x99", Symbol::apostrophe},  // ’
    {"\xE2\x89\xA5", Symbol::at_least},    // ≥
    {"\xE2\x89\xA4", Symbol::at_most},     // ≤
    {"\xE2\x80\x9C", Symbol::quote},       // “
    {"\xE2\x80\x9D", Symbol::quote},       // ”
}};

Symbol symbol_at(std::string_view s, size_t i, size_t* length) {
  for (const auto& sym : kSymbols) {
    if (s.substr(i, sym.bytes.size()) == sym.bytes) {
      *length = sym.bytes.size();
      return sym.symbol;
    }
  }
  *length = 0;
  return Symbol::none;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_high(char c) {
  return static_cast<unsigned char>(c) >= 0x80;
}
char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

Token make_word(std::string text) {
  Token t;
  t.kind = Token::Kind::word;
  t.stem = stem_word(text);
  t.text = std::move(text);
  return t;
}

Token make_separator(std::string text) {
  Token t;
  t.kind = Token::Kind::separator;
  t.text = std::move(text);
  return t;
}

// Reads a quantity starting at s[i] (a digit, or a currency sign before one).
Token read_number(std::string_view s, size_t& i) {
  Token t;
  t.kind = Token::Kind::number;
  size_t begin = i;
  if (s[i] == '$') {
    t.money = true;
    ++i;
  } else {
    size_t n = 0;
    Symbol sym = symbol_at(s, i, &n);
    if (sym == Symbol::euro || sym == Symbol::pound) {
      t.money = true;
      i += n;
    }
  }
  std::string digits;
  while (i < s.size()) {
    char c = s[i];
    if (is_digit(c)) {
      digits += c;
      ++i;
    } else if (c == ',' && i + 3 < s.size() && is_digit(s[i + 1]) && is_digit(s[i + 2]) &&
               is_digit(s[i + 3]) && (i + 4 >= s.size() || !is_digit(s[i + 4]))) {
      ++i;  // thousands separator: "1,200"
    } else if (c == '.' && i + 1 < s.size() && is_digit(s[i + 1])) {
      digits += '.';
      ++i;
    } else {
      break;
    }
  }
  t.value = std::strtod(digits.c_str(), nullptr);
  if (i < s.size() && s[i] == '%') {
    t.percent = true;
    ++i;
  } else {
    std::string suffix;
    size_t j = i;
    while (j < s.size() && is_alpha(s[j])) suffix += lower(s[j++]);
    if (suffix == "k") {
      t.value *= 1e3;
    } else if (suffix == "m" || suffix == "mm" || suffix == "mn") {
      t.value *= 1e6;
    } else if (suffix == "b" || suffix == "bn") {
      t.value *= 1e9;
    } else if (!suffix.empty()) {
      t.unit = suffix;  // "ms", "s", "h", "min", "x", "th", "p"...
    }
    i = j;
  }
  t.text = std::string(s.substr(begin, i - begin));
  return t;
}

bool is_abbreviation(std::string_view word) {
  static constexpr std::string_view kAbbrev[] = {"e.g",    "i.e", "vs", "etc", "inc",
                                                 "approx", "mr",  "dr", "no"};
  if (word.size() == 1) return true;
  for (auto a : kAbbrev)
    if (a == word) return true;
  return false;
}

}  // namespace

std::string stem_word(std::string_view w) {
  std::string s(w);
  if (s.size() > 4 && s.ends_with("ies")) return s.substr(0, s.size() - 3) + "y";
  if (s.size() > 4 &&
      (s.ends_with("sses") || s.ends_with("ches") || s.ends_with("shes") || s.ends_with("xes")))
    return s.substr(0, s.size() - 2);
  if (s.size() > 3 && s.back() == 's' && !s.ends_with("ss") && !s.ends_with("us") &&
      !s.ends_with("is"))
    return s.substr(0, s.size() - 1);
  return s;
}

std::vector<Token> tokenize(std::string_view s) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t start = i;
    size_t count = out.size();
    char c = s[i];
    size_t n = 0;
    Symbol sym = is_high(c) ? symbol_at(s, i, &n) : Symbol::none;
    bool currency_then_digit =
        (c == '$' && i + 1 < s.size() && is_digit(s[i + 1])) ||
        ((sym == Symbol::euro || sym == Symbol::pound) && i + n < s.size() && is_digit(s[i + n]));
    if (is_digit(c) || currency_then_digit) {
      out.push_back(read_number(s, i));
    } else if (sym == Symbol::arrow || (c == '-' && i + 1 < s.size() && s[i + 1] == '>')) {
      out.push_back(make_word("to"));
      i += sym == Symbol::arrow ? n : 2;
    } else if (sym == Symbol::at_least || sym == Symbol::at_most) {
      out.push_back(make_word("at"));
      out.push_back(make_word(sym == Symbol::at_least ? "least" : "most"));
      i += n;
    } else if (sym == Symbol::dash) {
      out.push_back(make_separator("-"));
      i += n;
    } else if (sym != Symbol::none) {
      i += n;  // quotes, a stray apostrophe or currency sign
    } else if (is_alpha(c) || is_high(c)) {
      std::string word;
      while (i < s.size()) {
        char d = s[i];
        size_t m = 0;
        Symbol inner = is_high(d) ? symbol_at(s, i, &m) : Symbol::none;
        bool apostrophe = d == '\'' || inner == Symbol::apostrophe;
        if (apostrophe) {
          size_t next = i + (d == '\'' ? 1 : m);
          if (next < s.size() && is_alpha(s[next])) {
            word += '\'';
            i = next;
            continue;
          }
          break;
        }
        if (inner != Symbol::none) break;
        if (!(is_alpha(d) || is_digit(d) || is_high(d))) break;
        word += lower(d);
        ++i;
      }
      if (word == "a" && i + 1 < s.size() && s[i] == '/' && (s[i + 1] == 'b' || s[i + 1] == 'B') &&
          (i + 2 >= s.size() || !is_alpha(s[i + 2]))) {
        word = "a/b";  // "A/B tests" is one word, not an article
        i += 2;
      }
      if (word.ends_with("'s")) word.resize(word.size() - 2);
      if (!word.empty()) out.push_back(make_word(std::move(word)));
    } else if (c == '#' && i + 3 < s.size() && s[i + 1] == ' ' && lower(s[i + 2]) == 'o' &&
               lower(s[i + 3]) == 'f') {
      out.push_back(make_word("number"));  // "# of committers": a count
      ++i;
    } else if (c == '%') {
      out.push_back(make_word("percent"));  // "Increase % of visitors who ...": a share
      ++i;
    } else if (c == '.' && i + 1 < s.size() && (is_alpha(s[i + 1]) || is_digit(s[i + 1]))) {
      ++i;  // ".gov", "Node.js", "example.com": a dot inside a name ends nothing
    } else if (c == '.' || c == '!' || c == '?') {
      out.push_back(make_separator("."));
      ++i;
    } else if (c == ',' || c == ';' || c == '&' || c == '+' || c == ':' || c == '(' || c == ')' ||
               c == '/') {
      out.push_back(make_separator(std::string(1, c)));
      ++i;
    } else {
      ++i;  // white space, hyphens inside words, other punctuation
    }
    for (size_t k = count; k < out.size(); ++k) {
      out[k].begin = start;
      out[k].end = i;
    }
  }
  return out;
}

int count_words(std::string_view text) {
  int words = 0;
  bool in_word = false;
  for (char c : text) {
    bool space = std::isspace(static_cast<unsigned char>(c)) != 0;
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

int count_sentences(std::string_view text) {
  int sentences = 0;
  bool pending = false;  // text seen since the last sentence end
  std::string last_word;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool end = c == '!' || c == '?' ||
               (c == '.' &&
                !(i > 0 && i + 1 < text.size() && is_digit(text[i - 1]) && is_digit(text[i + 1])));
    if (end) {
      bool followed_by_space =
          i + 1 >= text.size() || std::isspace(static_cast<unsigned char>(text[i + 1]));
      if (c == '.' && (!followed_by_space || is_abbreviation(last_word))) {
        last_word += '.';
        continue;
      }
      if (pending) ++sentences;
      pending = false;
      last_word.clear();
    } else if (std::isspace(static_cast<unsigned char>(c))) {
      last_word.clear();
    } else {
      pending = true;
      last_word += lower(c);
    }
  }
  return sentences + (pending ? 1 : 0);
}

bool is_stopword(std::string_view w) {
  static const auto* kStop = new std::unordered_set<std::string_view>{
      "a",      "an",      "the",   "and",   "or",   "of",   "for",   "to",      "in",    "on",
      "at",     "by",      "with",  "from",  "per",  "into", "onto",  "over",    "under", "within",
      "across", "about",   "above", "below", "than", "as",   "our",   "their",   "its",   "it",
      "we",     "us",      "my",    "your",  "this", "that", "these", "those",   "who",   "which",
      "whose",  "where",   "when",  "while", "so",   "each", "every", "all",     "any",   "no",
      "not",    "be",      "is",    "are",   "will", "new",  "via",   "through", "after", "before",
      "during", "between", "among", "then"};
  return kStop->count(w) > 0;
}

std::string quote(std::string_view s) {
  return "'" + std::string(s) + "'";
}

bool one_of(std::string_view w, std::initializer_list<std::string_view> words) {
  for (auto x : words)
    if (x == w) return true;
  return false;
}

bool word_at(const std::vector<Token>& tk, size_t i, std::string_view w) {
  return i < tk.size() && tk[i].is_word() && tk[i].text == w;
}

bool word_in(const std::vector<Token>& tk, size_t i, std::initializer_list<std::string_view> ws) {
  return i < tk.size() && tk[i].is_word() && one_of(tk[i].text, ws);
}

}  // namespace okr::coach
