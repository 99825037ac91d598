#include "core/coach/who_acts.h"

#include <initializer_list>
#include <string_view>
#include <vector>

#include "core/coach/text.h"

namespace okr::coach {
namespace {

// Words that say a piece of work is finished or in place: the team can reach
// this state on its own, whatever users then do.
bool is_state_word(std::string_view w) {
  return one_of(
      w, {"implemented", "completed",  "complete",    "finished",       "finalized",  "finalised",
          "published",   "documented", "released",    "launched",       "deployed",   "enabled",
          "supported",   "updated",    "created",     "built",          "defined",    "determined",
          "developed",   "deprecated", "established", "merged",         "shipped",    "listed",
          "scheduled",   "announced",  "tested",      "added",          "done",       "fixed",
          "migrated",    "integrated", "introduced",  "written",        "designed",   "delivered",
          "agreed",      "identified", "proposed",    "reviewed",       "automated",  "solidified",
          "augmented",   "executed",   "installed",   "configured",     "refactored", "rewritten",
          "upgraded",    "prepared",   "drafted",     "approved",       "hired",      "available",
          "ready",       "live",       "figured",     "solved",         "redesigned", "rebuilt",
          "worked",      "remediated", "patched",     "assessed",       "aligned",    "audited",
          "triaged",     "archived",   "retired",     "decommissioned", "catalogued", "cataloged",
          "inventoried", "inspected",  "verified",    "validated",      "labelled",   "labeled",
          "tagged",      "classified"});
}

// State words that can follow a noun without "is": "Billing support added for
// EMEA", "Network site launched by Q2". Adjectives ("available") need "is".
bool is_bare_state_word(std::string_view w) {
  return is_state_word(w) &&
         !one_of(w, {"available", "ready", "live", "figured", "supported", "worked"});
}

bool is_aux(std::string_view w) {
  return one_of(
      w, {"is", "are", "was", "were", "be", "been", "gets", "get", "got", "becomes", "become"});
}

bool is_adverb(std::string_view w) {
  return one_of(w, {"fully", "successfully", "correctly", "clearly", "now", "already", "all",
                    "properly", "finally", "then", "made", "widely", "actively", "regularly"});
}

ClauseReading output(std::string evidence, std::optional<Family> family = std::nullopt) {
  return {true, std::move(evidence), family};
}

ClauseReading outcome(std::string evidence) {
  return {false, std::move(evidence), std::nullopt};
}

// "It takes less than 48 hours to transfer 1TB": a wait people experience.
std::optional<ClauseReading> duration(const KeyResultAnalysis& a) {
  const auto& tk = a.tokens;
  if (!(word_at(tk, 0, "it") && word_in(tk, 1, {"takes", "take"}) && a.has_number))
    return std::nullopt;
  return outcome(quote(a.span_text(0, tk.size() < 6 ? tk.size() : 6)) +
                 " is a wait people experience");
}

// "There are at least 200 active publishers" (people acting) versus "There is
// a prototype implementation of GraphSync" (a deliverable that exists).
std::optional<ClauseReading> existential(const KeyResultAnalysis& a) {
  const auto& tk = a.tokens;
  if (!(word_at(tk, 0, "there") && word_in(tk, 1, {"is", "are"}))) return std::nullopt;
  for (size_t i = 2; i < tk.size(); ++i)
    if (auto m = match_term(tk, i)) {
      if (m->term->cls == TermClass::actor && !is_internal_team(a, m->begin, m->end))
        return outcome("'there are' + " + quote(a.span_text(2, m->end)) +
                       " counts people outside the team (what they do is the result)");
      break;
    }
  return output(quote(a.span_text(0, tk.size() < 5 ? tk.size() : 5)) +
                " says a deliverable exists (the team can make it so)");
}

// "Reps who attended rate them 4 out of 5": a rating people give.
std::optional<ClauseReading> rating(const KeyResultAnalysis& a) {
  const auto& tk = a.tokens;
  for (size_t i = 1; i + 2 < tk.size(); ++i)
    if (tk[i].is_number() && word_at(tk, i + 1, "out") && word_at(tk, i + 2, "of"))
      return outcome(quote(a.span_text(i, i + 4 < tk.size() ? i + 4 : tk.size())) +
                     " is a rating people give (what they think)");
  return std::nullopt;
}

// "Admins can force a refresh", "Users are able to query": a capability the
// team builds. Whether anyone uses it is not stated.
std::optional<ClauseReading> capability(const KeyResultAnalysis& a) {
  const auto& tk = a.tokens;
  for (size_t i = 1; i + 1 < tk.size(); ++i) {
    bool can = word_in(tk, i, {"can", "could"}) && tk[i + 1].is_word();
    bool able = word_in(tk, i, {"is", "are", "be"}) && word_at(tk, i + 1, "able") &&
                word_at(tk, i + 2, "to");
    bool receive = word_at(tk, i, "will") && word_at(tk, i + 1, "receive");
    if (can || able || receive)
      return output(quote(a.span_text(0, i + 2)) +
                        " describes a capability the team builds, not something people did",
                    Family::feature);
  }
  return std::nullopt;
}

// "Enable developers to simulate contract upgrades", "Allow admins to export
// reports": a capability the team builds for people; whether they use it is
// not stated. With an amount ("Enable 500 merchants to accept cards") the count
// of people may be the result, and the other rules decide.
std::optional<ClauseReading> enabling(const KeyResultAnalysis& a) {
  const auto& tk = a.tokens;
  if (!word_in(tk, 0, {"enable", "allow", "empower", "equip"}) || a.has_number || a.has_money)
    return std::nullopt;
  for (size_t i = 2; i + 1 < tk.size() && i < 10; ++i) {
    if (!word_at(tk, i, "to")) continue;
    if (!tk[i + 1].is_word() || is_stopword(tk[i + 1].text)) return std::nullopt;
    for (size_t b = 1; b < i; ++b)
      if (auto m = match_term(tk, b); m && m->term->cls == TermClass::actor && m->end <= i) {
        if (is_internal_team(a, m->begin, m->end)) return std::nullopt;  // the team itself
        return output(quote(a.span_text(0, i + 2)) +
                          " describes a capability the team builds for people, not something "
                          "they did",
                      Family::feature);
      }
    return std::nullopt;
  }
  return std::nullopt;
}

// "Median of 3 messages a day per club leader", "Average basket size for
// returning shoppers": a typical amount per person measures what people do.
std::optional<ClauseReading> typical_per_person(const KeyResultAnalysis& a) {
  const auto& tk = a.tokens;
  if (!word_in(tk, 0, {"median", "average", "mean"})) return std::nullopt;
  for (size_t i = 1; i < tk.size(); ++i)
    if (auto m = match_term(tk, i); m && m->term->cls == TermClass::actor) {
      if (is_internal_team(a, m->begin, m->end)) return std::nullopt;
      size_t end = m->end;  // "club leaders": the people, with the word that names them
      if (end < tk.size() && tk[end].is_word() && tk[end].text != tk[end].stem) ++end;
      return outcome(quote(a.span_text(0, end)) +
                     " is a typical amount per person (what people do)");
    }
  return std::nullopt;
}

// "The team will serve as consultants to the state agencies", "Act as the
// point of contact for partners": a role the team takes on is its work.
std::optional<ClauseReading> role_taken(const KeyResultAnalysis& a) {
  const auto& tk = a.tokens;
  for (size_t i = 0; i + 1 < tk.size(); ++i) {
    if (!(word_in(tk, i, {"serve", "serves", "act", "acts"}) && word_at(tk, i + 1, "as"))) continue;
    for (size_t b = 0; b < i; ++b)  // "Libraries serve as …": people outside the team act
      if (auto m = match_term(tk, b);
          m && m->term->cls == TermClass::actor && !is_internal_team(a, m->begin, m->end))
        return std::nullopt;
    size_t end = i + 3 < tk.size() ? i + 3 : tk.size();
    return output(quote(a.span_text(0, end)) +
                      " is a role the team takes on: its work, not a change for people",
                  std::nullopt);
  }
  return std::nullopt;
}

// Verbs of people outside the team acting on or judging what the team made:
// "Two more banks use the format", "most staff feel heard".
bool is_people_verb(std::string_view w) {
  return one_of(
      w, {"use",       "uses",       "adopt",       "adopts",   "rate",   "rates",     "feel",
          "feels",     "say",        "says",        "agree",    "agrees", "recommend", "recommends",
          "choose",    "chooses",    "pay",         "pays",     "buy",    "buys",      "return",
          "returns",   "contribute", "contributes", "trust",    "trusts", "prefer",    "prefers",
          "report",    "reports",    "switch",      "switches", "visit",  "visits",    "complete",
          "completes", "join",       "joins",       "attend",   "attends"});
}

// "Two more banks use the format in production", "The quarterly pulse shows
// most staff feel heard": people or organisations outside the team are the
// subject of what happens, so what they do is the result.
std::optional<ClauseReading> people_act(const KeyResultAnalysis& a) {
  const auto& tk = a.tokens;
  for (size_t i = 0; i + 1 < tk.size(); ++i) {
    if (!tk[i].is_word() || !is_people_verb(tk[i].text) || i == 0) continue;
    // The subject right before the verb: an actor term, or a counted plural
    // noun ("two more banks", "most staff").
    size_t s = i - 1;
    if (!tk[s].is_word()) continue;
    bool actor = false;
    for (size_t b = s + 1 > 3 ? s - 2 : 0; b <= s && !actor; ++b)
      if (auto m = match_term(tk, b); m && m->end == s + 1 && m->term->cls == TermClass::actor &&
                                      !is_internal_team(a, m->begin, m->end))
        actor = true;
    bool counted = false;
    for (size_t b = s >= 3 ? s - 3 : 0; b < s && !counted; ++b)
      counted = tk[b].is_number() ||
                (tk[b].is_word() && one_of(tk[b].text, {"most", "more", "two", "three", "four",
                                                        "five", "ten", "many", "half"}));
    bool plural = tk[s].text != tk[s].stem || one_of(tk[s].text, {"staff", "people"});
    if (word_at(tk, s, "we") || word_at(tk, s, "our") || is_stopword(tk[s].text)) continue;
    // "Two engineers join the platform team": people joining the team itself
    // are hires, its staffing, not people outside it acting.
    if (word_in(tk, i, {"join", "joins"})) {
      if (one_of(tk[s].stem, {"hire", "engineer", "employee", "teammate", "recruit", "intern"}) ||
          one_of(tk[s].text, {"staff"}) || word_in(tk, i + 1, {"us", "our"}))
        continue;
      size_t o = i + 1;
      while (o < tk.size() && tk[o].is_word() && !is_stopword(tk[o].text)) ++o;
      bool internal = false;
      for (size_t b = i + 1; b < tk.size() && b <= i + 5 && !internal; ++b)
        if (auto m = match_term(tk, b); m && is_internal_team(a, m->begin, m->end)) internal = true;
      if (internal) continue;
    }
    if (actor || (counted && plural))
      return outcome(quote(a.span_text(s >= 2 ? s - 2 : 0, i + 1)) +
                     ": people outside the team act or judge (what they do is the result)");
  }
  return std::nullopt;
}

// "Two engineers join the platform team", "3 new volunteers join our team":
// people joining the team itself are its staffing, not people outside it
// acting. ("Members join us" may be a community growing: other rules decide.)
std::optional<ClauseReading> joining_team(const KeyResultAnalysis& a) {
  const auto& tk = a.tokens;
  for (size_t i = 1; i + 1 < tk.size(); ++i) {
    if (!word_in(tk, i, {"join", "joins"}) || !tk[i - 1].is_word()) continue;
    for (size_t b = i + 1; b < tk.size() && b <= i + 5; ++b)
      if (auto m = match_term(tk, b); m && is_internal_team(a, m->begin, m->end))
        return output(quote(a.span_text(0, m->end)) + " names the team's own people: its staffing",
                      Family::people);
    return std::nullopt;
  }
  return std::nullopt;
}

// "The planner is used in every sprint review": people using it.
std::optional<ClauseReading> usage(const KeyResultAnalysis& a) {
  const auto& tk = a.tokens;
  for (size_t i = 1; i + 1 < tk.size(); ++i) {
    if (!word_in(tk, i, {"is", "are", "gets", "get"})) continue;
    size_t j = i + 1;
    while (j < tk.size() && tk[j].is_word() && is_adverb(tk[j].text)) ++j;
    if (word_in(tk, j, {"used", "adopted", "relied"}))
      return outcome(quote(a.span_text(0, j + 1)) + " (people using it: a user behaviour)");
  }
  return std::nullopt;
}

// "Add 3 full time blockchain developers", "1 full stack, generalist": a role
// to fill. Hiring grows the team; it is not a result for users.
std::optional<ClauseReading> hiring(const KeyResultAnalysis& a) {
  const auto& tk = a.tokens;
  for (size_t i = 0; i + 1 < tk.size(); ++i) {
    bool role = (word_in(tk, i, {"full", "part"}) && word_at(tk, i + 1, "time")) ||
                (word_at(tk, i, "full") && word_at(tk, i + 1, "stack"));
    if (role)
      return output(quote(a.span_text(i, i + 2)) +
                        " names a role to fill: hiring grows the team, it changes nothing "
                        "for users yet",
                    Family::people);
  }
  return std::nullopt;
}

// "We grow the Project WG", "We have mapped the user journey": the team's own work.
std::optional<ClauseReading> we(const KeyResultAnalysis& a) {
  const auto& tk = a.tokens;
  if (!word_at(tk, 0, "we")) return std::nullopt;
  if (word_at(tk, 1, "have") && word_in(tk, 2, {"less", "fewer", "more"})) return std::nullopt;
  // "We have shortened how long buyers wait for a refund": a change the team
  // caused in what people outside it experience, said in the first person.
  size_t v = word_in(tk, 1, {"have", "'ve", "ve"}) ? 2 : 1;
  if (word_in(tk, v,
              {"shortened", "reduced", "cut",     "halved", "lowered", "raised",   "increased",
               "grown",     "doubled", "tripled", "won",    "signed",  "retained", "kept",
               "shorten",   "reduce",  "halve",   "lower",  "raise",   "increase", "grow",
               "double",    "win",     "sign",    "retain", "keep"})) {
    for (size_t i = v + 1; i < tk.size(); ++i)
      if (auto m = match_term(tk, i);
          m && (m->term->cls == TermClass::metric ||
                (m->term->cls == TermClass::actor && m->term->phrase != "team" &&
                 !is_internal_team(a, m->begin, m->end))))
        return outcome(quote(a.span_text(0, v + 1)) + " + " + quote(a.span_text(m->begin, m->end)) +
                       ": a change the team caused for people outside it, said in the first "
                       "person");
  }
  for (const Token& t : tk)
    if (t.is_word() && one_of(t.text, {"translates", "resulting", "result"})) return std::nullopt;
  return output(quote(a.span_text(0, tk.size() < 3 ? tk.size() : 3)) +
                " names the team's own work, not a change for users");
}

// "Each team has documented KPIs", "Enable the product team to self-serve",
// "100% of teammates onboarded", "Sales leadership owns revenue targets".
std::optional<ClauseReading> own_team(const KeyResultAnalysis& a) {
  const auto& tk = a.tokens;
  for (size_t i = 0; i < tk.size(); ++i) {
    if (!tk[i].is_word()) continue;
    if (tk[i].stem == "teammate" || tk[i].text == "leadership")
      return output(quote(a.span_text(i, i + 1)) +
                    " is the team itself: its own work is an output");
    if (auto m = match_term(tk, i)) {
      // "the team channel": "team" modifies the noun after it.
      bool modifier = m->end < tk.size() && tk[m->end].is_word() &&
                      (match_term(tk, m->end) ||
                       one_of(tk[m->end].text, {"channel", "channels", "norms", "wide", "wiki",
                                                "calendar", "page", "size"}));
      if (m->term->phrase == "team" && !modifier && is_internal_team(a, m->begin, m->end)) {
        size_t b = m->begin;
        while (b > 0 && tk[b - 1].is_word() &&
               (!is_stopword(tk[b - 1].text) ||
                one_of(tk[b - 1].text, {"our", "the", "each", "every"})))
          --b;
        return output(quote(a.span_text(b, m->end)) +
                      " is the team itself, not teams of customers: its own work is an output");
      }
      if (m->term->cls == TermClass::actor) return std::nullopt;  // people outside come first
      i = m->end - 1;
    }
  }
  return std::nullopt;
}

// "Interactive search is available to all users", "Hosting costs are worked
// out and documented", "Usage examples exist", "Billing support added for EMEA".
std::optional<ClauseReading> finished_state(const KeyResultAnalysis& a) {
  const auto& tk = a.tokens;
  for (size_t i = 1; i < tk.size(); ++i) {
    if (!tk[i].is_word()) continue;
    if (one_of(tk[i].text, {"exist", "exists"}))
      return output(quote(a.span_text(0, i + 1)) +
                    " states a deliverable as finished: the team can complete it while "
                    "nothing changes for users");
    bool in_place =
        word_in(tk, i, {"is", "are"}) && word_at(tk, i + 1, "in") && word_at(tk, i + 2, "place");
    size_t j = i;
    if (is_aux(tk[i].text)) {
      j = i + 1;
      while (j < tk.size() && tk[j].is_word() && is_adverb(tk[j].text)) ++j;
    }
    bool after_aux = j > i && j < tk.size() && tk[j].is_word() && is_state_word(tk[j].text);
    // A bare participle right after a noun, in a title that does not start with a verb.
    bool bare = j == i && !a.verb && is_bare_state_word(tk[i].text) && tk[i - 1].is_word() &&
                !is_stopword(tk[i - 1].text);
    if (in_place || after_aux || bare) {
      size_t end = in_place ? i + 3 : j + 1;
      if (!in_place && (word_at(tk, end, "out") || word_at(tk, end, "up"))) ++end;  // "worked out"
      ClauseReading r = output(quote(a.span_text(0, end < tk.size() ? end : tk.size())) +
                               " states a deliverable as finished: the team can complete it "
                               "while nothing changes for users");
      // "5,000 plugins published to the marketplace": a large count with no
      // one named may be what others made; ask rather than warn.
      for (size_t k = 0; bare && k < i; ++k)
        if (tk[k].is_number() && tk[k].value >= 100) r.certain = false;
      return r;
    }
  }
  return std::nullopt;
}

// "Written down and shared team wide", "Identified 1 key measure": a
// participle of work leads the title.
std::optional<ClauseReading> leading_participle(const KeyResultAnalysis& a) {
  const auto& tk = a.tokens;
  if (a.verb || tk.empty() || !tk[0].is_word() ||
      !(is_output_participle(tk[0].text) || is_bare_state_word(tk[0].text)))
    return std::nullopt;
  return output("starts with " + quote(a.span_text(0, 1)) + " (work delivered)");
}

// "20 Reps have been trained", "External communities are informed about our
// plans": people on the receiving end of the team's work, not people acting.
std::optional<ClauseReading> done_to_people(const KeyResultAnalysis& a) {
  const auto& tk = a.tokens;
  for (size_t i = 1; i + 1 < tk.size(); ++i) {
    if (!(tk[i].is_word() && is_aux(tk[i].text))) continue;
    if (word_in(tk, i + 1,
                {"informed", "trained", "contacted", "interviewed", "emailed", "notified",
                 "invited", "surveyed", "called", "briefed", "welcomed", "greeted", "sent", "shown",
                 "prompted", "reminded", "visited", "advised", "educated"}))
      return output(quote(a.span_text(0, i + 2)) +
                    " says what the team did to people, not what they did");
  }
  return std::nullopt;
}

// "Every employee has an annual training plan", "All teams keep a ranked
// backlog": a plan, backlog or document that everyone has is what the team's
// work produces (its own practice), whoever holds it; nothing says anyone did
// anything with it.
std::optional<ClauseReading> practice_in_place(const KeyResultAnalysis& a) {
  for (size_t i = 1; i + 1 < a.tokens.size(); ++i)
    if (size_t end = practice_in_place_end(a.tokens, i))
      return output(quote(a.span_text(0, end)) +
                    ": a plan or document in place is what the team's work produces, not "
                    "something people did");
  return std::nullopt;
}

// "No regression should exist in production for more than one business day":
// the absence of defects users would meet.
std::optional<ClauseReading> no_defects(const KeyResultAnalysis& a) {
  const auto& tk = a.tokens;
  if (!word_in(tk, 0, {"no", "zero"})) return std::nullopt;
  for (size_t i = 1; i < tk.size(); ++i)
    if (auto m = match_term(tk, i); m && m->term->cls == TermClass::load)
      return outcome(quote(a.span_text(0, m->end)) + " (quality users experience)");
  return std::nullopt;
}

// "Achieve 110% of SAO plan": attaining a business target.
std::optional<ClauseReading> attainment(const KeyResultAnalysis& a) {
  if (!a.verb || a.verb->cls != VerbClass::result || !a.has_percent) return std::nullopt;
  for (const Token& t : a.tokens)
    if (t.is_word() && one_of(t.stem, {"plan", "target", "quota", "goal"}))
      return outcome(quote(a.title) + " attains a business target");
  return std::nullopt;
}

}  // namespace

size_t practice_in_place_end(const std::vector<Token>& tk, size_t verb) {
  if (!word_in(tk, verb, {"has", "have", "keep", "keeps", "maintain", "maintains"})) return 0;
  for (size_t j = verb + 1; j < tk.size() && j <= verb + 4; ++j) {
    if (!tk[j].is_word()) break;
    if (one_of(tk[j].stem, {"plan", "roadmap", "backlog", "runbook", "playbook", "checklist",
                            "charter", "procedure", "policy", "sipoc", "okr", "kpi", "dashboard",
                            "documentation", "guideline", "template"}))
      return j + 1;
  }
  return 0;
}

bool is_internal_team(const KeyResultAnalysis& a, size_t head_begin, size_t head_end) {
  const auto& tk = a.tokens;
  if (head_end == 0 || head_end > tk.size()) return false;
  const Token& head = tk[head_end - 1];
  if (head.stem == "teammate") return true;
  if (head.stem != "team") return false;
  // Walk back over the modifiers of "team": "the product team", "our eng team".
  for (size_t b = head_begin; b > 0;) {
    --b;
    const Token& t = tk[b];
    // "the Tier 2 team", "a level 1 team": a support tier is the organisation's own staff.
    if (t.is_number() && b > 0 && word_in(tk, b - 1, {"tier", "level", "line"})) return true;
    if (!t.is_word()) return false;
    if (one_of(t.text, {"our",      "the",       "each",        "every",    "product",   "sales",
                        "content",  "marketing", "support",     "design",   "executive", "project",
                        "internal", "dev",       "development", "wg",       "ww",        "core",
                        "platform", "ops",       "operations",  "security", "finance",   "people",
                        "whole",    "entire",    "leadership",  "own"}))
      return true;
    if (is_stopword(t.text)) return false;
  }
  return false;
}

std::optional<ClauseReading> read_clause(const KeyResultAnalysis& a) {
  using Rule = std::optional<ClauseReading> (*)(const KeyResultAnalysis&);
  static constexpr Rule kRules[] = {
      no_defects, duration, existential,  rating,         typical_per_person, capability,
      enabling,   usage,    joining_team, people_act,     practice_in_place,  hiring,
      role_taken, we,       own_team,     done_to_people, finished_state,     leading_participle,
      attainment};
  for (Rule r : kRules)
    if (auto reading = r(a)) return reading;
  return std::nullopt;
}

}  // namespace okr::coach
