#include "core/coach/objective_activity.h"

#include <initializer_list>

#include "core/coach/key_result_analysis.h"
#include "core/coach/lexicon.h"
#include "core/coach/text.h"
#include "core/coach/who_acts.h"

namespace okr::coach {
namespace {

// Words that open an objective with work, beyond the verbs key results use:
// nouns of work ("Migration of …") and gerunds ("Implementing …").
bool is_work_word(std::string_view w) {
  return one_of(
      w,
      {"implement",    "launch",      "migrate",     "build",        "ship",           "improve",
       "develop",      "deliver",     "complete",    "finish",       "refactor",       "redesign",
       "update",       "upgrade",     "rewrite",     "release",      "deploy",         "integrate",
       "introduce",    "optimize",    "optimise",    "enhance",      "revamp",         "rebuild",
       "replace",      "document",    "hire",        "research",     "investigate",    "explore",
       "analyze",      "analyse",     "review",      "audit",        "automate",       "support",
       "maintain",     "fix",         "write",       "run",          "provide",        "test",
       "add",          "consolidate", "prepare",     "design",       "implementation", "migration",
       "rollout",      "redesigning", "refactoring", "upgrading",    "development",    "delivery",
       "completion",   "integration", "improvement", "optimization", "optimisation",   "launching",
       "implementing", "building",    "improving",   "improved",     "delivered",      "level",
       "setup",        "continuity",  "enable",      "detect",       "verify",         "calibrate",
       "onboard",      "onboarding"});
}

// Feelings and choices of people: "a product developers love".
bool is_feeling(std::string_view w) {
  return one_of(w, {"love", "loves", "trust", "trusts", "rely", "relies", "choose", "chooses",
                    "recommend", "recommends", "enjoy", "enjoys", "rave", "rave", "want", "wants",
                    "adore", "prefer", "prefers"});
}

// A predicate that states work done or under way: "is improved", "is figured
// out and solved", "are shipping …", "keeps supporting", "continues to grow".
bool is_work_state(std::string_view w) {
  return one_of(
      w, {"implemented", "completed",  "complete",   "finished",     "published", "documented",
          "released",    "launched",   "deployed",   "enabled",      "supported", "updated",
          "created",     "built",      "defined",    "established",  "merged",    "shipped",
          "improved",    "figured",    "solved",     "delivered",    "developed", "designed",
          "migrated",    "integrated", "introduced", "redesigned",   "rebuilt",   "automated",
          "broadcast",   "prepared",   "done",       "ready",        "shipping",  "building",
          "supporting",  "developing", "delivering", "implementing", "improving", "launching",
          "remediated",  "patched"});
}

bool is_aux(std::string_view w) {
  return one_of(w, {"is", "are", "was", "were", "be", "been", "gets", "get", "got"});
}

// Verbs that make a sentence of a subject: "Sourcegraph has world class
// reliability", "Reps feel more involved", "Browser extensions work reliably".
bool is_finite_verb(std::string_view w) {
  return one_of(
      w, {"is",         "are",        "was",         "were",     "has",     "have",     "becomes",
          "become",     "feel",       "feels",       "work",     "works",   "scale",    "scales",
          "handle",     "handles",    "advance",     "advances", "reach",   "reaches",  "identify",
          "identifies", "understand", "understands", "see",      "sees",    "know",     "knows",
          "use",        "uses",       "love",        "loves",    "trust",   "trusts",   "adopt",
          "adopts",     "choose",     "chooses",     "rely",     "relies",  "share",    "shares",
          "engage",     "engages",    "gets",        "get",      "keeps",   "keep",     "continues",
          "continue",   "thrive",     "thrives",     "grow",     "grows",   "'ve",      "ve",
          "learn",      "learns",     "find",        "finds",    "can",     "pay",      "pays",
          "buy",        "buys",       "say",         "says",     "succeed", "succeeds", "return",
          "returns",    "stay",       "stays",       "spend",    "spends",  "do",       "does",
          "make",       "makes",      "meet",        "meets",    "affect",  "affects"});
}

// People outside the team say how they feel about it ("that devs love") or
// get something of worth ("value for all members").
bool names_feeling_of_people(const std::vector<Token>& tk, size_t b, size_t e) {
  for (size_t i = b; i + 2 < e; ++i)
    if (word_at(tk, i, "value") && (word_at(tk, i + 1, "for") || word_at(tk, i + 1, "to")))
      for (size_t j = i + 2; j < e && j < i + 5; ++j)
        if (auto m = match_term(tk, j); m && m->term->cls == TermClass::actor) return true;
  for (size_t i = b; i < e; ++i) {
    auto m = match_term(tk, i);
    if (!m || m->term->cls != TermClass::actor) continue;
    for (size_t j = m->end; j < e && j <= m->end + 1; ++j)
      if (tk[j].is_word() && is_feeling(tk[j].text)) return true;
  }
  return false;
}

// What the measured object of "Grow …", "Make …", "Increase …" is: a change
// for people or the business (true), or the team's own capacity (false).
bool object_is_a_change(std::string_view text) {
  KeyResultAnalysis a = analyze_key_result(text);
  if (!a.head) return false;
  const Term& t = *a.head->term;
  if (t.cls == TermClass::actor) return !is_internal_team(a, a.head->begin, a.head->end);
  return t.cls == TermClass::metric;
}

// "… faster than …", "… the obvious next step", "… effortless": how something
// is for the people who use it.
bool has_evaluative_complement(const std::vector<Token>& tk, size_t b, size_t e) {
  for (size_t i = b; i < e; ++i) {
    if (!tk[i].is_word()) continue;
    if (word_at(tk, i + 1, "than")) return true;  // "faster than", "easier than"
    if (one_of(tk[i].text,
               {"easy",       "easier",   "effortless", "obvious", "known",      "successful",
                "accessible", "valuable", "simple",     "simpler", "delightful", "aware",
                "fast",       "faster",   "safe",       "safer",   "reliable",   "clear",
                "visible",    "possible", "painless",   "fun",     "feel",       "indispensable"}))
      return true;
  }
  return false;
}

// A verbless objective states a destination only when it names a measure of
// people or money ("Net new ARR"); otherwise it names work ("Continuity of
// process", "faster experiment cycles in billing").
bool noun_phrase_is_a_change(std::string_view text) {
  KeyResultAnalysis a = analyze_key_result(text);
  if (!a.head) return false;
  const Term& t = *a.head->term;
  if (t.cls == TermClass::metric) return true;
  if (t.cls != TermClass::actor) return false;
  // "developer relations": a singular actor only modifies the noun after it;
  // "New teams succeed …": a plural one is the subject of the verb after it.
  size_t e = a.head->end;
  const Token& last = a.tokens[e - 1];
  return e >= a.tokens.size() || !a.tokens[e].is_word() || is_stopword(a.tokens[e].text) ||
         last.text != last.stem;
}

// True when the noun phrase at tokens[i] starts like a thing ("the …",
// "faster experiment cycles", "Migration of …"), not with a word that may be
// a verb the coach does not know ("Ratify …", "Iterate …").
bool names_a_thing(const std::vector<Token>& tk, size_t i) {
  if (i >= tk.size() || !tk[i].is_word()) return false;
  if (word_in(tk, i, {"the", "a", "an", "our", "more", "better", "new"})) return true;
  std::string_view w = tk[i].text;
  if (w.size() > 4 && (w.ends_with("er") || w.ends_with("tion") || w.ends_with("ment")))
    return true;
  return match_term(tk, i).has_value();
}

// How the work named by `verb` reaches people: built things get used,
// improved things make something easier; anything else gives people something.
WorkKind kind_of_work(std::string_view verb) {
  if (one_of(verb, {"launch",     "build",    "ship",        "release",  "deploy",    "roll",
                    "introduce",  "create",   "develop",     "deliver",  "implement", "enable",
                    "publish",    "lead",     "coordinate",  "manage",   "oversee",   "steer",
                    "champion",   "drive",    "implemented", "launched", "released",  "deployed",
                    "enabled",    "created",  "built",       "shipped",  "delivered", "developed",
                    "introduced", "published"}))
    return WorkKind::puts_in_hands;
  if (one_of(verb, {"improve",  "optimize",   "optimise",  "enhance",  "revamp",     "redesign",
                    "fix",      "modernize",  "modernise", "upgrade",  "refactor",   "rebuild",
                    "simplify", "streamline", "update",    "improved", "redesigned", "rebuilt",
                    "updated",  "upgraded",   "fixed"}))
    return WorkKind::improves;
  return WorkKind::other;
}

std::optional<ActivityReading> read_sentence(std::string_view title, const std::vector<Token>& tk,
                                             size_t b, size_t e) {
  auto text_of = [&](size_t from, size_t to) -> std::string {
    if (from >= to) return {};
    return std::string(title.substr(tk[from].begin, tk[to - 1].end - tk[from].begin));
  };
  size_t i = b;
  // "Data: The programme keeps …": a short theme label before a colon; the
  // sentence after it decides.
  for (size_t k = b; k < e && k < b + 5; ++k) {
    if (tk[k].kind == Token::Kind::separator && tk[k].text == ":" && k > b && k + 1 < e) {
      i = k + 1;
      break;
    }
    if (!tk[k].is_word()) break;
  }
  while (i < e && word_at(tk, i, "the")) ++i;
  // "100% of critical vulnerabilities are remediated": the quantity leads, the
  // sentence after it decides.
  bool quantity = i + 1 < e && tk[i].is_number() && word_at(tk, i + 1, "of");
  if (quantity) i += 2;
  if (i >= e || !tk[i].is_word()) return std::nullopt;
  // "Make sure enterprise buyers see the value", "Ensure that search scales":
  // the clause after the lead-in decides.
  if (word_at(tk, i, "make") && word_at(tk, i + 1, "sure"))
    i += 2;
  else if (word_at(tk, i, "ensure"))
    i += 1;
  if (word_at(tk, i, "that")) ++i;
  if (i >= e || !tk[i].is_word()) return std::nullopt;
  const std::string rest = text_of(i, e);

  // "Re-focus on …", "Re-implement …": the verb after the prefix.
  size_t v = i;
  if (word_at(tk, v, "re") && v + 1 < e && tk[v + 1].begin == tk[v].end + 1) ++v;
  std::string_view w = tk[v].text;
  bool two_words =
      one_of(w, {"work", "focus", "continue", "start", "level", "roll"}) && v + 1 < e &&
      (word_at(tk, v + 1, "on") || word_at(tk, v + 1, "to") || word_at(tk, v + 1, "up"));
  auto verb = match_verb(tk, v);
  auto lead = [&](size_t n) { return text_of(i, v + n); };

  auto work = [&](size_t n, std::string why,
                  std::string_view verb_word = {}) -> std::optional<ActivityReading> {
    if (names_feeling_of_people(tk, v, e)) return std::nullopt;   // "a product developers love"
    size_t thing = word_at(tk, v + n, "of") ? v + n + 1 : v + n;  // "Migration of …"
    return ActivityReading{lead(n), "starts with " + quote(lead(n)) + " (" + why + ")",
                           text_of(thing, e), kind_of_work(verb_word.empty() ? w : verb_word)};
  };
  if (two_words) return work(2, "an activity");
  // "Run the most reliable bus network in the state": what the work should
  // make of the thing, the most or best of its kind, is the destination.
  if (verb && verb->cls == VerbClass::activity && word_at(tk, v + verb->length, "the") &&
      word_in(tk, v + verb->length + 1, {"most", "best"}))
    return std::nullopt;
  // "Establish the clinic as the region's most trusted …": a place in the
  // market or in people's minds is a destination, whatever verb reaches it.
  if (one_of(w, {"establish", "position", "cement"}))
    for (size_t k = v + 1; k + 1 < e; ++k)
      if (word_at(tk, k, "as"))
        for (size_t m = k + 1; m < e && m < k + 5; ++m)
          if (word_in(tk, m,
                      {"top", "leading", "best", "obvious", "default", "preferred", "trusted",
                       "premier", "standard", "go"}))
            return std::nullopt;
  // "Measuring how our tooling helps developers": the gerund of a verb of work.
  // Not when the gerund is the subject of a sentence: "Shipping a plugin is simple".
  bool gerund_is_subject = false;
  for (size_t k = v + 1; k < e && !gerund_is_subject; ++k)
    gerund_is_subject = tk[k].is_word() && is_finite_verb(tk[k].text);
  if (w.size() > 5 && w.ends_with("ing") && !verb && !gerund_is_subject) {
    std::string_view base = w.substr(0, w.size() - 3);
    for (std::string candidate : {std::string(base), std::string(base) + "e",
                                  std::string(base.substr(0, base.size() - 1))}) {
      auto g = tokenize(candidate);
      if (auto m = match_verb(g, 0); m && m->cls == VerbClass::activity && m->length == 1)
        return work(1, "the gerund of " + quote(m->verb) + ", an activity", m->verb);
    }
  }
  // "Lead the rollout of programme X": leading a piece of work is the work.
  if (one_of(w, {"lead", "coordinate", "manage", "oversee", "steer", "champion", "drive"}) &&
      !object_is_a_change(text_of(v + 1, e))) {
    KeyResultAnalysis obj = analyze_key_result(text_of(v + 1, e));
    if (obj.head && obj.head->term->cls == TermClass::artefact)
      return ActivityReading{lead(1),
                             "starts with " + quote(lead(1)) + " + " + quote(obj.noun_text()) +
                                 " (running a piece of work)",
                             text_of(v + 1, e), WorkKind::puts_in_hands};
  }
  // "Relaunch the programme", "Redeploy …": a verb of work done again.
  if (!verb && w.size() > 5 && w.starts_with("re")) {
    auto again = tokenize(w.substr(2));
    if (auto m = match_verb(again, 0); m && m->cls == VerbClass::activity && m->length == 1)
      return work(1, quote(m->verb) + " again, an activity", m->verb);
  }
  if (verb && verb->cls == VerbClass::activity) {
    // "Grow, enhance, and support collaboration": a list of verbs is a task list.
    return work(verb->length, "an activity", verb->verb);
  }
  if (is_work_word(w)) return work(1, "an activity");
  // "Sustain the weekly meetup": keeping the team's own event or programme
  // going is its work; "Sustain growth" or "Win their trust" is a destination.
  if (verb && verb->cls == VerbClass::result && one_of(verb->verb, {"sustain", "keep"}) &&
      !has_evaluative_complement(tk, v + verb->length, e)) {
    KeyResultAnalysis obj = analyze_key_result(text_of(v + verb->length, e));
    if (obj.head && obj.head->term->cls == TermClass::artefact)
      return work(verb->length, "keeping the team's own " + obj.noun_text() + " going", verb->verb);
  }
  if (verb && verb->cls == VerbClass::result) return std::nullopt;  // "Win their trust"
  if (one_of(w, {"be", "become"})) return std::nullopt;             // "Be profitable"
  if (verb) {
    // "Grow", "Increase", "Make", "Get": the object decides.
    size_t after = v + verb->length;
    // "Grow, enhance, and support …": another verb in the list names work.
    for (size_t k = after; k < e && k < after + 6; ++k)
      if (auto other = match_verb(tk, k);
          other && other->cls == VerbClass::activity && k > after && !tk[k - 1].is_number())
        if (!tk[k - 1].is_word() || tk[k - 1].text == "and")
          return ActivityReading{
              lead(verb->length),
              "starts with " + quote(text_of(i, k + 1)) + " (a list of activities)",
              text_of(k + 1, e), kind_of_work(other->verb)};
    for (size_t k = after; k < e; ++k)
      if (word_at(tk, k, "ready"))
        return ActivityReading{lead(verb->length),
                               quote(text_of(i, k + 1)) + " prepares the team's own work",
                               text_of(after, e)};
    if (object_is_a_change(text_of(after, e))) return std::nullopt;
    // "Raise uptake of the new service", "Reduce the number of people who
    // wait": more or less use, access or people is a change for others.
    if (verb->cls == VerbClass::increase || verb->cls == VerbClass::decrease) {
      size_t o = word_at(tk, after, "the") ? after + 1 : after;
      if (word_in(tk, o,
                  {"use", "usage", "uptake", "adoption", "access", "engagement", "trust",
                   "participation", "awareness", "enrolment", "enrollment"}))
        return std::nullopt;
      if (!classify_key_result(text_of(i, e)).is_output) return std::nullopt;
    }
    // "Make deciding faster than in a meeting", "Make rebooking the obvious
    // next step": what it is made into is a destination for the people using it.
    if (verb->verb == "make" && has_evaluative_complement(tk, after, e)) return std::nullopt;
    return ActivityReading{lead(verb->length),
                           "starts with " + quote(lead(verb->length)) + " + " +
                               quote(text_of(after, e < after + 4 ? e : after + 4)) +
                               " (the team's own work or capacity, not a change for users)",
                           text_of(after, e)};
  }

  // A sentence with its own subject: "We understand …", "The Activate Portal is
  // improved", "Sourcegraph has world class reliability".
  if (w == "we") {
    for (size_t k = i; k < e; ++k)
      if (word_at(tk, k, "value")) return std::nullopt;  // "We've brought value to …"
    return ActivityReading{text_of(i, i + 2 < e ? i + 2 : e),
                           quote(text_of(i, i + 2 < e ? i + 2 : e)) + " names the team's own work",
                           text_of(i + 2, e)};
  }
  // "The programme maintains an accurate register": the organisation itself
  // as the subject of a verb of work does its own work.
  if (i > b && word_in(tk, i - 1, {"our", "the"}) &&
      word_in(tk, i, {"team", "program", "programme", "department", "office", "unit"}) &&
      i + 1 < e && tk[i + 1].is_word() && tk[i + 1].text != tk[i + 1].stem) {
    auto g = tokenize(tk[i + 1].stem);
    auto m = match_verb(g, 0);
    bool work_verb =
        (m && m->cls == VerbClass::activity && m->length == 1) || is_work_word(tk[i + 1].stem);
    if (work_verb && !object_is_a_change(text_of(i + 2, e)))
      return ActivityReading{text_of(i - 1, i + 2),
                             quote(text_of(i - 1, i + 2)) + " names the organisation's own work",
                             text_of(i + 2, e)};
  }
  for (size_t k = i + 1; k < e; ++k) {
    if (!tk[k].is_word()) continue;
    std::string_view t = tk[k].text;
    size_t j = k;
    if (is_aux(t)) {
      j = k + 1;
      while (j < e && tk[j].is_word() && one_of(tk[j].text, {"fully", "further", "now"})) ++j;
    } else if (one_of(t, {"keeps", "keep", "continues", "continue"})) {
      return ActivityReading{text_of(i, k + 1),
                             quote(text_of(i, k + 2 < e ? k + 2 : e)) +
                                 " describes work carried on, not a change for users",
                             text_of(i, k)};
    }
    bool state = j < e && tk[j].is_word() && is_work_state(tk[j].text);
    // "Tenants finish the renewal in one visit": people outside the team as the
    // subject of a verb do something; only "… are finished" is work done.
    bool people_act = false;
    if (state && j == k)
      for (size_t m = i; m < k && !people_act; ++m)
        if (auto term = match_term(tk, m)) people_act = term->term->cls == TermClass::actor;
    if (people_act) return std::nullopt;
    if (state && (j > k || !is_finite_verb(t)))
      return ActivityReading{
          text_of(i, j + 1), quote(text_of(i, j + 1)) + " states work done, not a change for users",
          // "The portal is improved for mobilizers": the thing, and who it is for.
          text_of(i, k) + (word_at(tk, j + 1, "for") ? " " + text_of(j + 1, e) : std::string()),
          kind_of_work(tk[j].text)};
    if (t == "gets" || t == "get") {  // "The IPFS Org gets a dedicated Working Group"
      bool measure = false;
      for (size_t m = k + 1; m < e && !measure; ++m)
        if (auto term = match_term(tk, m)) measure = term->term->cls == TermClass::metric;
      // "Attendees get value from every session": people outside the team
      // getting something of worth is a destination, not work to do.
      bool people = false;
      for (size_t m = i; m < k && !people; ++m)
        if (auto term = match_term(tk, m))
          people = term->term->cls == TermClass::actor && term->term->phrase != "team";
      if (people && word_in(tk, k + 1, {"value", "help", "access", "answers", "benefit"}))
        return std::nullopt;
      if (!measure)
        return ActivityReading{text_of(i, k + 1),
                               quote(text_of(i, k + 1)) + " + a thing it is given (work to do)",
                               text_of(k + 1, e)};
    }
    // "Every ranger has a written patrol plan": a plan everyone has is the
    // team's own work in place, not a change for the people it serves.
    if (size_t end = practice_in_place_end(tk, k); end && end <= e)
      return ActivityReading{text_of(i, end),
                             quote(text_of(i, end)) +
                                 " states a plan or document in place (the team's own work), not "
                                 "a change for users",
                             text_of(i, k)};
    if (is_finite_verb(t)) return std::nullopt;  // a subject does something: a destination
  }
  // "Steady growth in the number of registered clinics": a noun phrase of
  // change reads as the key result "Increase …" would.
  for (size_t n = i; n < e && n <= i + 1; ++n) {
    if (!word_in(tk, n, {"growth", "increase", "rise", "decline", "reduction", "decrease"}) ||
        !word_in(tk, n + 1, {"in", "of"}) || n + 2 >= e)
      continue;
    bool down = word_in(tk, n, {"decline", "reduction", "decrease"});
    if (!classify_key_result((down ? "Decrease " : "Increase ") + text_of(n + 2, e)).is_output)
      return std::nullopt;
    break;
  }
  // No verb at all: a noun phrase. A share of it ("80% of permits decided in a
  // week") is a measure, not the name of a piece of work.
  if (quantity || noun_phrase_is_a_change(rest)) return std::nullopt;
  return ActivityReading{
      rest, "a verbless name of work " + quote(rest) + " with no change for users or the business",
      // "faster experiment cycles in billing" is a thing people can get something
      // from; "Ratify the proposal" (a verb the coach does not know) is not.
      names_a_thing(tk, i) ? rest : std::string()};
}

}  // namespace

std::optional<ActivityReading> read_objective_activity(std::string_view title,
                                                       const std::vector<Token>& tokens) {
  // Every sentence counts: "All pieces are there. Ship Peer & Content Routing".
  size_t b = 0;
  std::optional<ActivityReading> first;
  for (size_t k = 0; k <= tokens.size(); ++k) {
    bool end =
        k == tokens.size() || (tokens[k].kind == Token::Kind::separator && tokens[k].text == ".");
    if (!end) continue;
    if (k > b) {
      auto r = read_sentence(title, tokens, b, k);
      if (r && !first) first = r;
    }
    b = k + 1;
  }
  return first;
}

}  // namespace okr::coach
