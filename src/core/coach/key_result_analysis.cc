#include "core/coach/key_result_analysis.h"

namespace okr::coach {
namespace {

constexpr size_t kMaxCompoundGap = 3;  // unknown words allowed inside one compound
constexpr size_t kMaxWrapperGap = 4;   // words between "share of" and the object it wraps

bool is_plural(const Token& t) {
  return t.is_word() && t.text != t.stem;
}

bool word_is(const std::vector<Token>& tokens, size_t i, std::string_view w) {
  return i < tokens.size() && tokens[i].is_word() && tokens[i].text == w;
}

// Extends the head over a noun compound: "checkout latency", "pricing page to
// checkout conversion", "customer-reported defects". English puts the head of a
// compound last, and a plural noun ends it ("customers post": a verb follows).
size_t extend_compound(const KeyResultAnalysis& a, TermMatch* head) {
  const auto& tokens = a.tokens;
  size_t j = head->end;
  size_t gap = 0;
  while (j < tokens.size() && gap <= kMaxCompoundGap) {
    if (is_plural(tokens[head->end - 1])) break;
    const Token& t = tokens[j];
    if (!t.is_word()) break;
    if (auto m = match_term(tokens, j)) {
      // "time engineers wait": a metric is not the modifier of the people it measures.
      if (head->term->cls == TermClass::metric && m->term->cls == TermClass::actor) break;
      *head = *m;
      j = m->end;
      gap = 0;
      continue;
    }
    // "page to checkout conversion" joins two nouns; after a metric an unhyphenated
    // "to" starts its definition instead ("time to first deploy" is a time).
    bool connector = t.text == "to" && j + 1 < tokens.size() && tokens[j + 1].is_word() &&
                     !is_stopword(tokens[j + 1].text) &&
                     (head->term->cls != TermClass::metric || a.hyphen_joined(j));
    if (!connector && (is_stopword(t.text) || is_output_participle(t.text))) break;
    ++j;
    ++gap;
  }
  return head->end;
}

bool is_time_word(const Token& t) {
  static constexpr std::string_view kWords[] = {"second", "minute", "hour",    "day",
                                                "week",   "month",  "business"};
  if (!t.is_word()) return false;
  for (auto w : kWords)
    if (t.stem == w) return true;
  return false;
}

bool is_time_number(const Token& t) {
  return t.is_number() && (t.unit == "s" || t.unit == "min" || t.unit == "h" || t.unit == "d" ||
                           t.unit == "ms" || t.unit == "hr" || t.unit == "hrs");
}

// "within 4 hours", "within one day", "within 24h" after a percentage: a
// service level ("resolve 80% of P1 incidents within 1 hour").
void find_service_level(KeyResultAnalysis& a) {
  if (!a.has_percent) return;
  const auto& tk = a.tokens;
  for (size_t i = 0; i + 1 < tk.size(); ++i) {
    if (!word_is(tk, i, "within")) continue;
    size_t j = i + 1;
    if (is_time_number(tk[j])) {
      a.service_level = a.span_text(i, j + 1);
      return;
    }
    bool amount = tk[j].is_number() || word_is(tk, j, "one") || word_is(tk, j, "a") ||
                  word_is(tk, j, "an") || word_is(tk, j, "two") || word_is(tk, j, "the");
    if (amount && j + 1 < tk.size() && (is_time_word(tk[j + 1]) || word_is(tk, j + 1, "same"))) {
      size_t last = word_is(tk, j + 1, "same") && j + 2 < tk.size() ? j + 2 : j + 1;
      a.service_level = a.span_text(i, last + 1);
      return;
    }
  }
}

// Index just past a number and the unit word written after it ("2 days").
size_t past_unit(const std::vector<Token>& tk, size_t number) {
  size_t k = number + 1;
  if (k < tk.size() && tk[k].is_word() && !is_stopword(tk[k].text) && !match_term(tk, k)) ++k;
  return k;
}

// "from 42% to 65%", "from 9 days to 2 days", "30→40".
void find_from_to(KeyResultAnalysis& a) {
  const auto& tk = a.tokens;
  for (size_t i = 0; i + 1 < tk.size(); ++i) {
    if (word_is(tk, i, "from") && tk[i + 1].is_number()) {
      a.from_text = a.span_text(i + 1, i + 2);
      size_t end = past_unit(tk, i + 1);
      for (size_t k = i + 2; k + 1 < tk.size() && k <= i + 4; ++k)
        if (word_is(tk, k, "to") && tk[k + 1].is_number()) {
          a.to_text = a.span_text(k + 1, k + 2);
          end = past_unit(tk, k + 1);
          break;
        }
      a.change_text = a.span_text(i, end);
      return;
    }
    if (tk[i].is_number() && word_is(tk, i + 1, "to") && i + 2 < tk.size() &&
        tk[i + 2].is_number()) {
      a.from_text = a.span_text(i, i + 1);
      a.to_text = a.span_text(i + 2, i + 3);
      a.change_text = a.span_text(i, past_unit(tk, i + 2));
      return;
    }
  }
}

// A metric's definition, for quoting: "time to first value", "time from signup
// to first dashboard". Returns the end of the span to quote.
size_t extend_definition(const KeyResultAnalysis& a, const TermMatch& head, size_t end) {
  static constexpr std::string_view kTrend[] = {
      "fall",    "drop",     "rise",     "climb",  "grow", "reach", "go",  "stay",  "remain",
      "improve", "decrease", "increase", "shrink", "is",   "are",   "goe", "reache"};
  const auto& tk = a.tokens;
  if (!head.term->phrase.ends_with("time") && head.term->phrase != "turnaround") return end;
  size_t j = end;
  bool from_or_to =
      j + 1 < tk.size() && (word_is(tk, j, "to") || word_is(tk, j, "from")) && tk[j + 1].is_word();
  if (!from_or_to) return end;
  size_t last = end;
  for (++j; j < tk.size() && j < end + 6; ++j) {
    const Token& t = tk[j];
    if (!t.is_word() || word_is(tk, j, "from") || word_is(tk, j, "for") || word_is(tk, j, "in") ||
        word_is(tk, j, "on") || word_is(tk, j, "by") || word_is(tk, j, "per"))
      break;
    if (word_is(tk, j, "to") && (j + 1 >= tk.size() || tk[j + 1].is_number())) break;
    bool trend = false;  // "time to first deploy drops from ...": the sentence's verb
    for (auto w : kTrend) trend = trend || t.stem == w;
    if (trend) break;
    if (!is_stopword(t.text) || t.text == "to") last = j + 1;
  }
  return last;
}

// True when token i is a verb joined to the one before by "and" or a comma,
// as in "design, build and launch": not the measured object.
bool listed_verb(const std::vector<Token>& tk, size_t i) {
  if (i == 0) return false;
  const Token& before = tk[i - 1];
  bool joint = (before.kind == Token::Kind::separator && before.text != ".") ||
               (before.is_word() && (before.text == "and" || before.text == "then"));
  if (!joint) return false;
  auto v = match_verb(tk, i);
  return v && v->cls == VerbClass::activity;
}

// Sets the head and the object span from the first lexicon term after `i`.
void find_object(KeyResultAnalysis& a, size_t i) {
  const auto& tk = a.tokens;
  const size_t first = i;
  size_t wrapper_at = tk.size();
  for (; i < tk.size(); ++i) {
    bool rate = false;
    size_t w = match_wrapper(tk, i, &rate);
    // "to 0.6% of shipments" is a target over a denominator, not a wrapper.
    if (w && tk[i].is_number() && i > 0 && tk[i - 1].is_word()) {
      std::string_view before = tk[i - 1].text;
      bool target = before == "from" || before == "by" || before == "under" || before == "below" ||
                    before == "above" || before == "over";
      for (size_t k = i >= 4 ? i - 4 : 0; before == "to" && k + 1 < i; ++k)
        target = target || tk[k].is_number();  // "from 3% to 1% of orders"
      if (target) w = 0;
    }
    if (w) {
      if (wrapper_at == tk.size()) {
        wrapper_at = i;
        a.rate_wrapper = rate;
        a.count_wrapper = !rate;
      }
      i += w - 1;
      continue;
    }
    // "share of managers who ...": the wrapped object is a word the lexicon
    // does not know; terms in the relative clause belong to something else.
    if (wrapper_at < i && tk[i].is_word() &&
        (tk[i].text == "who" || tk[i].text == "that" || tk[i].text == "which")) {
      // "the share who abandon the basket", "the share of those who": people.
      bool only_people = true;
      for (size_t k = wrapper_at; k < i && only_people; ++k)
        only_people = !tk[k].is_word() || is_stopword(tk[k].text) ||
                      one_of(tk[k].text, {"share", "percentage", "proportion", "fraction",
                                          "percent", "those", "people", "in"});
      a.share_of_people = tk[i].text == "who" && only_people;
      break;
    }
    if (listed_verb(tk, i)) continue;
    auto m = match_term(tk, i);
    if (!m) continue;
    // "company-wide", "team-wide": a scope, not the people themselves.
    if (m->end < tk.size() && a.hyphen_joined(m->end) && tk[m->end].text == "wide") continue;
    // A wrapper counts only right before its object ("share of the accounts").
    bool wrapped = wrapper_at < i && i - wrapper_at <= kMaxWrapperGap;
    if (!wrapped) a.rate_wrapper = a.count_wrapper = false;
    TermMatch head = *m;
    size_t end = extend_compound(a, &head);
    a.head = head;
    a.object_end = head.term->cls == TermClass::metric ? extend_definition(a, head, end) : end;
    // Take in modifiers written before the first term: "photo filters",
    // "search-to-purchase conversion".
    size_t begin = m->begin;
    while (begin > first && tk[begin - 1].is_word() &&
           (!is_stopword(tk[begin - 1].text) || a.hyphen_joined(begin)))
      --begin;
    a.noun_begin = begin;
    // Quote an amount written right before the object with it: "$2M ARR".
    if (!wrapped && begin > first && tk[begin - 1].is_number() &&
        (tk[begin - 1].money || tk[begin - 1].percent))
      --begin;
    a.object_begin = wrapped ? wrapper_at : begin;
    if (end < tk.size() && tk[end].is_word() && is_output_participle(tk[end].text))
      a.participle = tk[end].text;
    // "articles read per visit", "plugins installed per user": a rate of what
    // people do with the thing, not a count of things made.
    size_t r = end;
    if (r < tk.size() && tk[r].is_word() &&
        one_of(tk[r].text,
               {"read", "viewed", "watched", "opened", "used", "downloaded", "installed", "clicked",
                "played", "visited", "shared", "starred", "liked", "saved", "bought", "purchased"}))
      ++r;
    if (word_at(tk, r, "per") || (word_at(tk, r, "a") && r > end)) {
      size_t u = r + 1;
      while (u < tk.size() && tk[u].is_word() && is_stopword(tk[u].text)) ++u;
      auto m = match_term(tk, u);
      if ((m && (m->term->cls == TermClass::actor || m->term->cls == TermClass::metric)) ||
          (r > end && u < tk.size()))
        a.rate_of_use = a.span_text(end, u + 1);
    }
    for (size_t k = m->begin; k < tk.size() && !a.user_qualified; ++k)
      a.user_qualified = user_qualifier_at(tk, k);
    return;
  }

  // No known object: quote the words after the verb up to the first break.
  size_t b = wrapper_at < tk.size() ? wrapper_at : first;
  while (b < tk.size() && tk[b].is_word() && is_stopword(tk[b].text)) ++b;
  bool rate = false;
  while (b < tk.size() && tk[b].is_number() && !match_wrapper(tk, b, &rate)) ++b;
  size_t e = b;
  if (size_t w = match_wrapper(tk, b, &rate)) {
    e += w;
    while (e < tk.size() && word_is(tk, e, "the")) ++e;
  }
  while (e < tk.size() && e - b < 6 && tk[e].is_word() &&
         (!is_stopword(tk[e].text) || a.hyphen_joined(e)))
    ++e;
  a.object_begin = a.noun_begin = b;
  a.object_end = e;
  for (size_t k = b; k < tk.size() && a.participle.empty(); ++k)
    if (tk[k].is_word() && is_output_participle(tk[k].text)) a.participle = tk[k].text;
}

}  // namespace

std::string KeyResultAnalysis::span_text(size_t begin, size_t end) const {
  if (begin >= end || end > tokens.size()) return {};
  size_t b = tokens[begin].begin;
  return title.substr(b, tokens[end - 1].end - b);
}

std::string KeyResultAnalysis::object_text() const {
  return span_text(object_begin, object_end);
}

std::string KeyResultAnalysis::noun_text() const {
  return span_text(noun_begin, object_end);
}

std::string KeyResultAnalysis::verb_text() const {
  if (!verb) return {};
  return span_text(0, verb_begin + verb->length);
}

bool KeyResultAnalysis::hyphen_joined(size_t i) const {
  return i > 0 && i < tokens.size() && tokens[i].begin > 0 &&
         tokens[i].begin == tokens[i - 1].end + 1 && title[tokens[i].begin - 1] == '-';
}

KeyResultAnalysis analyze_key_result(std::string_view title) {
  KeyResultAnalysis a;
  a.title = std::string(title);
  a.tokens = tokenize(title);
  for (const Token& t : a.tokens) {
    if (!t.is_number()) continue;
    a.has_number = true;
    a.has_money = a.has_money || t.money;
    a.has_percent = a.has_percent || t.percent;
  }
  find_from_to(a);
  find_service_level(a);
  size_t start = 0;
  // "Re-implement", "re-focus": the verb after the prefix.
  size_t at = word_is(a.tokens, 0, "re") && a.hyphen_joined(1) ? 1 : 0;
  // "Open source projects …" names a kind of project, not the verb "open".
  bool open_source = word_is(a.tokens, at, "open") && word_is(a.tokens, at + 1, "source");
  if (auto v = match_verb(a.tokens, at); v && !open_source) {
    a.verb = v;
    a.verb_begin = at;
    start = at + v->length;
  }
  find_object(a, start);
  // "the share who abandon the basket": a share of people, written without "of".
  for (size_t i = 0; i + 1 < a.tokens.size() && !a.share_of_people; ++i)
    a.share_of_people = word_in(a.tokens, i, {"share", "percentage", "proportion", "fraction"}) &&
                        word_at(a.tokens, i + 1, "who");
  return a;
}

}  // namespace okr::coach
