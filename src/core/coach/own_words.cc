#include "core/coach/own_words.h"

#include <optional>

#include "core/coach/lexicon.h"

namespace okr::coach {
namespace {

std::string span(std::string_view text, const std::vector<Token>& tk, size_t b, size_t e) {
  if (b >= e || e > tk.size()) return {};
  return std::string(text.substr(tk[b].begin, tk[e - 1].end - tk[b].begin));
}

// The people named by the actor term at tokens[i], if it names people outside
// the team: not the team itself ("the platform team"), and not an actor word
// that only describes the noun after it ("user testing", "customer instances").
std::optional<TermMatch> people_at(const std::vector<Token>& tk, size_t i, size_t e) {
  if (!tk[i].is_word()) return std::nullopt;
  auto m = match_term(tk, i);
  if (!m || m->term->cls != TermClass::actor) return std::nullopt;
  const Token& last = tk[m->end - 1];
  if (m->end < e && tk[m->end].is_word() && !is_stopword(tk[m->end].text) &&
      last.text == last.stem) {
    // "account owners": people named by two words.
    auto next = match_term(tk, m->end);
    if (!next || next->term->cls != TermClass::actor) return std::nullopt;
    m->end = next->end;
  }
  for (size_t k = m->begin; k < m->end; ++k)
    if (one_of(tk[k].stem, {"team", "staff", "employee", "teammate"})) return std::nullopt;
  return m;
}

bool names_people(const std::vector<Token>& tk, size_t b, size_t e) {
  for (size_t i = b; i < e; ++i)
    if (people_at(tk, i, e)) return true;
  return false;
}

// Where the people after "for" end: at a separator or a word that starts a
// new clause ("for residents to increase …", "for users who …").
size_t clause_end(const std::vector<Token>& tk, size_t b) {
  size_t e = b;
  while (e < tk.size() && tk[e].kind != Token::Kind::separator &&
         !(e > b && word_in(tk, e,
                            {"to", "so", "that", "which", "who", "by", "through", "with", "in",
                             "across", "via"})))
    ++e;
  return e;
}

// The first "for <people>" in tokens [b, e), as the index of "for".
std::optional<size_t> for_people(const std::vector<Token>& tk, size_t b, size_t e) {
  for (size_t i = b; i + 1 < e; ++i)
    if (word_at(tk, i, "for") && names_people(tk, i + 1, clause_end(tk, i + 1))) return i;
  return std::nullopt;
}

// "new users" is plural, "the admin" is not: the last word decides.
bool ends_plural(const std::vector<Token>& tk) {
  for (size_t i = tk.size(); i-- > 0;)
    if (tk[i].is_word()) return tk[i].text != tk[i].stem;
  return false;
}

std::string capitalised(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

// "The onboarding experience" -> "the onboarding experience" inside a sentence;
// names ("Electron's tooling", "FHIR") stay as written.
std::string in_sentence(std::string s) {
  for (std::string_view article : {"The ", "A ", "An ", "Our "})
    if (s.starts_with(article)) {
      s[0] = static_cast<char>(s[0] - 'A' + 'a');
      break;
    }
  return s;
}

std::string without_trailing_punctuation(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '.' || s.back() == ';' || s.back() == ':' ||
                        s.back() == ',' || s.back() == '!'))
    s.remove_suffix(1);
  return std::string(s);
}

// "the rollout of the partner portal" -> "the partner portal": the noun of
// work says how, the thing after "of" is what people will use.
size_t after_work_noun(const std::vector<Token>& tk) {
  size_t i = 0;
  if (word_in(tk, i, {"the", "a", "an", "our"})) ++i;
  if (word_in(tk, i,
              {"rollout", "launch", "migration", "implementation", "development", "delivery",
               "release", "introduction", "creation", "deployment", "build", "building", "redesign",
               "improvement", "upgrade"}) &&
      word_at(tk, i + 1, "of"))
    return i + 2;
  if (word_at(tk, i, "roll") && word_at(tk, i + 1, "out") && word_at(tk, i + 2, "of")) return i + 3;
  return 0;
}

}  // namespace

std::string people_named(std::string_view title, const std::vector<Token>& tk) {
  if (auto f = for_people(tk, 0, tk.size())) return span(title, tk, *f + 1, clause_end(tk, *f + 1));
  for (size_t i = 0; i < tk.size(); ++i) {
    auto m = people_at(tk, i, tk.size());
    if (!m) continue;
    size_t b = m->begin;
    // "10 churned customers": describing words before the people, not the count.
    for (int n = 0; n < 2 && b > 0; ++n) {
      const Token& t = tk[b - 1];
      if (!t.is_word() || is_stopword(t.text) || match_verb(tk, b - 1)) break;
      --b;
    }
    return span(title, tk, b, m->end);
  }
  return {};
}

std::string key_result_with_change(std::string_view title, const std::vector<Token>& tk) {
  std::string who = people_named(title, tk);
  std::string so_that;
  if (who.empty())
    so_that = "<who> <does what>";
  else
    so_that = who + (ends_plural(tokenize(who)) ? " <do what>" : " <does what>");
  return without_trailing_punctuation(title) + " so that " + so_that;
}

std::string objective_as_destination(std::string_view thing_as_written, WorkKind kind) {
  std::string thing_text = without_trailing_punctuation(thing_as_written);
  std::vector<Token> tk = tokenize(thing_text);
  std::string who, thing = thing_text;
  if (auto f = for_people(tk, 0, tk.size())) {
    who = span(thing_text, tk, *f + 1, clause_end(tk, *f + 1));
    thing = span(thing_text, tk, 0, *f);
    if (size_t rest = clause_end(tk, *f + 1); rest < tk.size())
      thing += " " + std::string(thing_text.substr(tk[rest].begin));
    tk = tokenize(thing);
  }
  if (size_t b = after_work_noun(tk); b > 0 && b < tk.size()) thing = thing.substr(tk[b].begin);
  tk = tokenize(thing);
  // "and maintain relationships …", "to have a unified approach", "Iterate the
  // function": no thing to build the sentence on.
  if (tk.empty() || !tk[0].is_word() || one_of(tk[0].text, {"and", "or", "to", "of"}) ||
      match_verb(tk, 0))
    return {};
  bool plural = !who.empty() && ends_plural(tokenize(who));
  std::string does = who.empty() || plural ? " <do what>" : " <does what>";
  switch (kind) {
    case WorkKind::puts_in_hands:
      return capitalised(thing) + " is used by " + (who.empty() ? "<who>" : who) + " to <do what>";
    case WorkKind::improves:
      return (who.empty() ? "<Who>" : capitalised(who)) + does + " more easily with " +
             in_sentence(thing);
    case WorkKind::other:
      break;
  }
  return (who.empty() ? "<Who>" : capitalised(who)) + (who.empty() || plural ? " get" : " gets") +
         " <what> from " + in_sentence(thing);
}

}  // namespace okr::coach
