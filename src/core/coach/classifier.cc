// Output-versus-outcome verdict for one key result title.
//
// An output is work the team delivers (features, tickets, posts, meetings); an
// outcome is a change in what users do or in business results (customers,
// conversion, revenue, latency they feel). The verdict comes from the leading
// verb and the head of the measured object, in this order:
//   0. "N% … within <time>" after a verb like "answer" or "resolve" is a
//      service level users feel: an outcome;
//   1. a verb that names work ("ship", "hold", "migrate") makes an output, even
//      when the object names people ("Interview 20 churned customers");
//   2. an object that measures the team's delivery (velocity, story points,
//      PRs, backlog) makes an output, however the verb dresses it;
//   3. a thing built or an activity held is an output, unless users are said to
//      use it ("dashboards viewed by customers") or it is a share ("share of
//      services on the pipeline");
//   4. work users send us (bugs, tickets, incidents) is an outcome when it
//      should fall or is reported by users, an output when it is worked off;
//   5. people, money, behaviour and experience are outcomes;
//   6. with no known object: a result verb with a number, money, or a
//      "from X to Y" change is an outcome; anything else reads as work to do.
#include <optional>
#include <string>

#include "core/coach/coach.h"
#include "core/coach/key_result_analysis.h"
#include "core/coach/own_words.h"
#include "core/coach/text.h"
#include "core/coach/who_acts.h"

namespace okr::coach {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool is_activity_family(Family f) {
  return f == Family::content || f == Family::outreach || f == Family::event ||
         f == Family::research || f == Family::people;
}

// Why a thing made or done is an output, in a few words.
std::string_view what_it_is(Family f) {
  switch (f) {
    case Family::content:
      return "content produced";
    case Family::outreach:
    case Family::event:
    case Family::research:
    case Family::people:
      return "an activity";
    case Family::work_item:
      return "work items";
    case Family::quality:
      return "work items worked off";
    default:
      return "work delivered";
  }
}

std::string_view counted_as(Family f) {
  switch (f) {
    case Family::content:
    case Family::outreach:
    case Family::event:
    case Family::research:
    case Family::people:
      return "activities";
    case Family::quality:
    case Family::work_item:
      return "work items";
    default:
      return "things built";
  }
}

std::string_view outcome_kind(Family f) {
  switch (f) {
    case Family::money:
      return "a business result";
    case Family::experience:
      return "what users experience";
    case Family::opinion:
      return "what users think";
    default:
      return "a user behaviour";
  }
}

// ---- rewrite patterns -----------------------------------------------------

// An outcome pattern suggested by words of the title. More specific rows first.
struct Hint {
  std::string_view words[7];
  std::string_view pattern;
};

constexpr Hint kHints[] = {
    {{"churn", "churned", "renewal", "renew", "expiring", "cancellation", "retention"},
     "Cut monthly logo churn from X% to Y%"},
    {{"onboarding", "activation", "setup", "welcome"}, "Raise onboarding completion from X% to Y%"},
    {{"checkout", "cart", "payment", "pricing", "billing", "subscription"},
     "Raise checkout conversion from X% to Y%"},
    {{"signup", "registration", "trial", "landing", "homepage", "website"},
     "Raise visitor-to-signup conversion from X% to Y%"},
    {{"search", "recommendation", "feed", "ranking"}, "Raise search click-through from X% to Y%"},
    {{"help", "support", "chatbot", "faq", "agent", "self", "ticket"},
     "Reduce support tickets per 100 customers from X to Y"},
    {{"integration", "api", "endpoint", "sdk", "webhook", "connector"},
     "Raise the share of accounts using an integration from X% to Y%"},
    {{"incident", "runbook", "logging", "monitoring", "alert", "secret", "outage"},
     "Cut mean time to recovery from X minutes to Y minutes"},
    {{"dashboard", "report", "data", "warehouse", "metric", "analytics", "bi"},
     "Raise the share of managers who use the data weekly from X% to Y%"},
    {{"mobile", "ios", "android", "app", "desktop"},
     "Grow weekly active users of the app from X to Y"},
    {{"blog", "post", "article", "video", "podcast", "episode", "seo"},
     "Grow signups from content from X to Y per month"},
    {{"webinar", "newsletter", "campaign", "ad", "content", "linkedin"},
     "Grow marketing qualified leads from X to Y per month"},
    {{"call", "demo", "outbound", "email", "playbook", "sales", "prospect"},
     "Grow qualified pipeline from $X to $Y"},
    {{"interview", "study", "research", "usability", "survey", "workshop", "discovery"},
     "Raise task success on the flow you are learning about from X% to Y%"},
    {{"experiment", "a/b", "variant", "hypothesis"},
     "Lift conversion on the tested step from X% to Y%"},
    {{"migration", "database", "kubernete", "cluster", "microservice", "infrastructure"},
     "Cut p95 latency from X ms to Y ms"},
    {{"country", "market", "language", "localisation", "localization", "region"},
     "Grow active customers in the new markets from X to Y"},
    {{"partner", "referral", "reseller", "affiliate", "channel"},
     "Grow partner-sourced revenue from $X to $Y"},
    {{"design", "redesign", "spec", "mockup", "wireframe", "screen", "flow"},
     "Raise task success on the redesigned flow from X% to Y%"},
};

std::string_view hint_in(const KeyResultAnalysis& a, size_t begin, size_t end) {
  for (const Hint& h : kHints)
    for (size_t i = begin; i < end && i < a.tokens.size(); ++i) {
      const Token& t = a.tokens[i];
      if (!t.is_word()) continue;
      for (auto w : h.words)
        if (!w.empty() && (t.stem == w || t.text == w)) return h.pattern;
    }
  return {};
}

// The outcome most work of a family exists to move, when the title says no more.
std::string_view family_pattern(Family f) {
  switch (f) {
    case Family::integration:
      return "Raise the share of accounts using an integration from X% to Y%";
    case Family::content:
      return "Grow signups from content from X to Y per month";
    case Family::outreach:
      return "Grow qualified pipeline from $X to $Y";
    case Family::event:
      return "Raise the share of attendees who take the next step (trial, renewal, referral) "
             "from X% to Y%";
    case Family::research:
      return "Raise task success on the flow you are learning about from X% to Y%";
    case Family::design:
      return "Raise task success on the redesigned flow from X% to Y%";
    case Family::docs:
      return "Reduce support questions on the topic from X to Y per month";
    case Family::release:
      return "Cut lead time from request to customer value from X days to Y days";
    case Family::engineering:
      return "Cut p95 latency from X ms to Y ms";
    case Family::data:
      return "Raise the share of managers who use the data weekly from X% to Y%";
    default:
      return {};
  }
}

// Verbs that put something in users' hands: its use is the first outcome to ask for.
bool is_building_verb(std::string_view verb) {
  static constexpr std::string_view kVerbs[] = {"ship",      "launch",  "build",    "add",
                                                "implement", "release", "roll out", "enable",
                                                "deliver",   "develop", "create",   "introduce"};
  for (auto v : kVerbs)
    if (v == verb) return true;
  return false;
}

std::string pattern_for(const KeyResultAnalysis& a, std::optional<Family> family,
                        std::string_view verb) {
  std::string_view p = hint_in(a, a.noun_begin, a.object_end);
  if (p.empty() && family) p = family_pattern(*family);
  if (p.empty()) p = hint_in(a, 0, a.tokens.size());
  if (p.empty() && (family == Family::feature || is_building_verb(verb)))
    p = "Raise the share of active users who use it weekly from X% to Y%";
  if (p.empty()) p = "Raise <the user or business measure this work should move> from X to Y";
  return std::string(p);
}

// The key result kept as written, with the change it should cause after "so
// that", and a measure of that change: the writer keeps their words and sees
// what is missing.
std::string rewrite(const KeyResultAnalysis& a, std::optional<Family> family,
                    std::string_view verb) {
  std::string own = key_result_with_change(a.title, a.tokens);
  auto shaped = [&](std::string_view lead, std::string_view pattern) {
    return std::string(lead) + ": '" + own + "', measured as '" + std::string(pattern) + "'";
  };
  if (family == Family::work_item)
    return shaped("Measure what faster delivery should change for users",
                  "Cut lead time from request to customer value from X days to Y days");
  if (family == Family::quality)
    return shaped("Measure the quality users experience",
                  "Reduce bugs reported by customers from X to Y per month");
  std::string pattern = pattern_for(a, family, verb);
  std::string noun = a.noun_text();
  bool names_a_thing = !noun.empty() && a.head && a.head->term->cls == TermClass::artefact;
  if (names_a_thing && family && is_activity_family(*family))
    return shaped("Name the result the " + noun + " should bring", pattern);
  if (names_a_thing) return shaped("Name the change the " + noun + " should cause", pattern);
  return shaped("Name the change this work should cause for users or the business", pattern);
}

// ---- verdicts -------------------------------------------------------------

Classification output(const KeyResultAnalysis& a, std::string evidence,
                      std::optional<Family> family) {
  std::string verb = a.verb ? lower(a.verb_text()) : std::string();
  Classification c;
  c.is_output = true;
  c.evidence = std::move(evidence);
  c.rewrite = rewrite(a, family, verb);
  return c;
}

// An output reading on weak evidence: the coach asks instead of warning.
Classification tentative(const KeyResultAnalysis& a, std::string evidence,
                         std::optional<Family> family) {
  Classification c = output(a, std::move(evidence), family);
  c.certain = false;
  return c;
}

Classification outcome(std::string evidence) {
  Classification c;
  c.evidence = std::move(evidence);
  return c;
}

// Verbs that, with "N% within <time>", state a service level rather than work.
bool is_service_verb(std::string_view verb) {
  static constexpr std::string_view kVerbs[] = {"answer",  "respond", "reply", "resolve", "handle",
                                                "process", "close",   "fix",   "deliver"};
  for (auto v : kVerbs)
    if (v == verb) return true;
  return false;
}

Classification by_activity_verb(const KeyResultAnalysis& a, const std::string& verb) {
  const std::string object = a.noun_text();
  std::string ev = "verb " + quote(verb);
  if (!object.empty()) ev += " + object " + quote(object);
  if (!a.head) return output(a, ev + " (work to do, not a result)", std::nullopt);
  const Term& t = *a.head->term;
  if (t.cls == TermClass::actor)
    return output(a, ev + " (an activity, even though it names people)", std::nullopt);
  if (t.cls == TermClass::metric)  // "Post on LinkedIn 60 times": the verb says it all
    return output(a, "verb " + quote(verb) + " (work to do, not a result)", std::nullopt);
  if (t.cls == TermClass::load && !is_service_verb(verb))  // "Document the incident process"
    return output(a, ev + " (work to do, not a result)", std::nullopt);
  return output(a, ev + " (" + std::string(what_it_is(t.family)) + ")", t.family);
}

// "authored by members of the eng team": the people named are the team itself.
bool by_own_team(const KeyResultAnalysis& a) {
  for (size_t i = 0; i < a.tokens.size(); ++i)
    if (auto m = match_term(a.tokens, i); m && is_internal_team(a, m->begin, m->end)) return true;
  return false;
}

Classification by_artefact(const KeyResultAnalysis& a, const Term& t, const std::string& verb) {
  const std::string object = a.object_text();
  if (!a.rate_of_use.empty() && !by_own_team(a))
    return outcome(quote(a.noun_text() + " " + a.rate_of_use) +
                   " is a rate of what people do with it (a user behaviour)");
  if (a.user_qualified && !by_own_team(a))
    return outcome(quote(object) + " used or met by people (" +
                   std::string(outcome_kind(Family::behaviour)) + ")");
  // "100% of monthly releases ship on time": a share of the team's own deliveries.
  auto next = match_verb(a.tokens, a.object_end);
  bool delivered = next && next->cls == VerbClass::activity;
  if (a.rate_wrapper && delivered)
    return output(a,
                  quote(object) + " " + a.span_text(a.object_end, a.object_end + 1) +
                      " counts the team's own deliveries, not a change for users",
                  t.family);
  // "100% of the documentation reflects the new process": what the team's own
  // documents say is its work; only people reading or using them is a change.
  if (a.rate_wrapper && t.family == Family::docs)
    return output(
        a, quote(object) + " is a share of the team's own documents: what they say is its work",
        t.family);
  if (a.rate_wrapper) return outcome(quote(object) + " is a share (adoption, not a count of work)");
  bool directional =
      a.verb && (a.verb->cls == VerbClass::increase || a.verb->cls == VerbClass::decrease);
  if (directional && !a.count_wrapper && !a.has_number)
    return output(a,
                  "verb " + quote(verb) + " + object " + quote(object) +
                      " with no measure (work on a thing, not a measured change)",
                  t.family);
  if (directional)
    return output(a,
                  quote(object) + (a.participle.empty() ? "" : " " + a.participle) +
                      " counts the team's output, not a change for users",
                  t.family);
  return output(a, "count of " + std::string(counted_as(t.family)) + " " + quote(a.noun_text()),
                t.family);
}

// "core team members", "each member of the team": people who are the team
// itself, not people it serves.
bool names_own_people(const KeyResultAnalysis& a) {
  if (!a.head) return false;
  const auto& tk = a.tokens;
  size_t e = a.head->end;
  // "Add 5 members to the steering committee": people joining the team's own body.
  for (size_t k = e; k + 2 < tk.size() && k <= e + 1; ++k)
    if (word_at(tk, k, "to") && word_in(tk, k + 1, {"the", "our"}))
      for (size_t j = k + 2; j < tk.size() && j <= k + 4; ++j)
        if (tk[j].is_word() && one_of(tk[j].stem, {"committee", "board", "council"})) return true;
  // "co-hosts", "co-organisers": people who run the work with the team.
  if (e >= 2 && a.hyphen_joined(e - 1) && word_at(tk, e - 2, "co")) return true;
  if (!one_of(tk[e - 1].stem, {"member", "lead", "leader", "manager"})) return false;
  // "core team members": "team", with a modifier that makes it the team itself.
  if (e >= 2 && tk[e - 2].is_word() && tk[e - 2].stem == "team" &&
      is_internal_team(a, e - 2, e - 1))
    return true;
  // "each member of the team" (but not "members of the Analytics team": another team).
  return word_at(tk, e, "of") && word_in(tk, e + 1, {"the", "our"}) && e + 2 < tk.size() &&
         tk[e + 2].is_word() && tk[e + 2].stem == "team";
}

// "50% of our initiatives …": a share of the team's own things (not people,
// not a measure), so what follows is its own work. Returns the span's end, or 0.
size_t share_of_our_own(const KeyResultAnalysis& a) {
  const auto& tk = a.tokens;
  for (size_t i = 0; i + 3 < tk.size(); ++i) {
    if (!(tk[i].is_number() && tk[i].percent && word_at(tk, i + 1, "of") &&
          word_at(tk, i + 2, "our")))
      continue;
    auto m = match_term(tk, i + 3);
    if (m && (m->term->cls == TermClass::actor || m->term->cls == TermClass::metric)) return 0;
    return i + 4;
  }
  return 0;
}

// True when only punctuation follows the measured object.
bool nothing_after(const KeyResultAnalysis& a) {
  for (size_t i = a.object_end; i < a.tokens.size(); ++i)
    if (a.tokens[i].kind != Token::Kind::separator) return false;
  return true;
}

Classification by_head(const KeyResultAnalysis& a, const Term& t, const std::string& verb) {
  const std::string object = a.object_text();
  const std::string change = a.change_text;
  switch (t.cls) {
    case TermClass::work_metric:
      return output(a, quote(object) + " measures the team's output, not a change for users",
                    Family::work_item);
    case TermClass::artefact:
      return by_artefact(a, t, verb);
    case TermClass::load:
      if (a.user_qualified)
        return outcome(quote(object) + " (reported or felt by users: quality they experience)");
      if (a.verb && a.verb->cls == VerbClass::decrease)
        return outcome("fewer " + quote(object) + " (quality users experience)");
      return output(a, "count of work items " + quote(a.noun_text()), Family::quality);
    case TermClass::actor:
      if (names_own_people(a))
        return output(
            a,
            quote(object) + " names the team's own people: its staffing or its work is an output",
            Family::people);
      if (!change.empty())
        return outcome(quote(change) + " on " + quote(object) + " (people using the product)");
      if (a.rate_wrapper)
        return outcome(quote(object) + " (a share of people doing something: a user behaviour)");
      if (!a.verb && !a.has_number && !a.count_wrapper && nothing_after(a))
        return output(a,
                      quote(object) +
                          " names people but counts nothing and says nothing "
                          "they do (reads as work to do)",
                      std::nullopt);
      return outcome("count of " + quote(a.noun_text()) + " (a business result)");
    case TermClass::metric:
      // "process maturity assessment score": a measure of the team's own work.
      for (size_t k = a.noun_begin; k < a.head->begin; ++k)
        if (auto m = match_term(a.tokens, k); m && m->term->cls == TermClass::work_metric)
          return output(a,
                        quote(object) + " measures the team's own " + std::string(m->term->phrase) +
                            ", not a change for users",
                        Family::work_item);
      if (!change.empty())
        return outcome(quote(change) + " on " + quote(object) + " (" +
                       std::string(outcome_kind(t.family)) + ")");
      return outcome(quote(object) + " (" + std::string(outcome_kind(t.family)) + ")");
  }
  return outcome(quote(object));
}

// "Make sure each SAE has 10 SAOs", "Ensure the content team selects its own
// work": the clause after the lead-in decides. Returns its first token, or 0.
size_t after_lead_in(const KeyResultAnalysis& a) {
  const auto& tk = a.tokens;
  auto is = [&](size_t i, std::string_view w) {
    return i < tk.size() && tk[i].is_word() && tk[i].text == w;
  };
  size_t k = is(0, "make") && is(1, "sure") ? 2 : is(0, "ensure") ? 1 : 0;
  if (k && is(k, "that")) ++k;
  // "Twice a year, run a feedback session": how often leads, the clause after
  // the comma decides.
  if (!k)
    for (size_t c = 1; c < tk.size() && c < 5; ++c) {
      if (tk[c].kind == Token::Kind::separator && tk[c].text == ",") {
        bool often = false;
        for (size_t j = 0; j < c; ++j)
          often = often ||
                  (tk[j].is_word() &&
                   one_of(tk[j].stem, {"year", "quarter", "month", "week", "day", "twice", "once",
                                       "annually", "monthly", "weekly", "daily", "quarterly"}));
        if (often) k = c + 1;
        break;
      }
      if (!tk[c].is_word() && !tk[c].is_number()) break;
    }
  return k < tk.size() ? k : 0;
}

// A count or share of something ("number of …", "% of …", "the proportion
// of …") that the title says should rise or fall: the key result measures a
// change, whoever makes it. Returns the wrapper's first token, or npos.
size_t counted_change(const KeyResultAnalysis& a) {
  const auto& tk = a.tokens;
  bool leading_direction =
      a.verb && (a.verb->cls == VerbClass::increase || a.verb->cls == VerbClass::decrease);
  // The count is what the title is about: its subject ("Number of … rises")
  // or the object of a leading verb of change ("Decrease the share of …").
  size_t at = leading_direction ? 1 : 0;
  if (word_at(tk, at, "the")) ++at;
  // "Total number of …", "Raw count of …": a word that qualifies the count.
  if (word_in(tk, at, {"total", "raw", "overall", "net", "gross"}) &&
      word_in(tk, at + 1, {"number", "count", "percentage", "proportion", "share", "amount"}))
    ++at;
  size_t wrapper = std::string::npos;
  if (word_in(tk, at, {"number", "count", "percentage", "proportion", "share", "amount"}) &&
      word_at(tk, at + 1, "of"))
    wrapper = at;
  // "Increase % of …": the tokeniser keeps no bare percent sign.
  if (wrapper == std::string::npos && at < tk.size() && word_at(tk, at, "of")) {
    size_t pct = a.title.find('%');
    if (pct != std::string::npos && pct < tk[at].begin && (at == 0 || pct >= tk[at - 1].end))
      wrapper = at;
  }
  if (wrapper == std::string::npos) return std::string::npos;
  bool direction = leading_direction;
  for (const Token& t : tk)
    if (t.is_word() &&
        one_of(t.text, {"increase", "increases", "increased", "decrease", "decreases", "decreased",
                        "rise", "rises", "fall", "falls", "grow", "grows", "drop", "drops",
                        "doubles", "halves", "higher", "lower", "fewer"}))
      direction = true;
  return direction ? wrapper : std::string::npos;
}

// A comparison with before that a title states without "from X to Y": "twice
// as many …", "three times as many …", "… faster … by 20%", or a title that
// opens on the change itself ("Increased …", "Higher …"). Weaker than a
// counted change: it cannot turn an output into an outcome, only keep the
// coach from warning on it.
bool stated_comparison(const KeyResultAnalysis& a) {
  const auto& tk = a.tokens;
  if (word_in(tk, 0, {"increased", "decreased", "reduced", "higher", "lower", "fewer"}) &&
      !a.hyphen_joined(1))  // "Higher-level APIs" names a thing
    return true;
  for (size_t i = 0; i + 2 < tk.size(); ++i)
    if ((word_at(tk, i, "twice") || word_at(tk, i, "times")) && word_at(tk, i + 1, "as") &&
        word_in(tk, i + 2, {"many", "much"}))
      return true;
  bool comparative = false, by_amount = false;
  for (size_t i = 0; i < tk.size(); ++i) {
    if (word_in(tk, i, {"faster", "sooner", "quicker", "shorter"})) comparative = true;
    if (word_at(tk, i, "by") && i + 1 < tk.size() &&
        (tk[i + 1].is_number() || word_in(tk, i + 1, {"x", "half", "a"})))
      by_amount = true;
  }
  return comparative && by_amount;
}

// True when the measured object is something the team makes or works off
// (features, posts, PRs, tickets): a change in how many says nothing of users.
bool counts_work(const KeyResultAnalysis& a) {
  if (!a.head) return false;
  TermClass c = a.head->term->cls;
  return c == TermClass::work_metric || c == TermClass::artefact || c == TermClass::load;
}

// A verb of change inside the title ("… will increase attendance by 20%",
// "… to grow weekly active teams by a third") whose object is a metric or
// people outside the team, with an amount: the measured change is named, so
// the work before it is how, not what. A title that opens on a verb of work
// ("Host 4 meetups to raise attendance") stays an output: it names the work.
std::optional<std::string> changed_measure(const KeyResultAnalysis& a) {
  if (!a.has_number || (a.verb && a.verb->cls == VerbClass::activity)) return std::nullopt;
  const auto& tk = a.tokens;
  for (size_t i = 1; i + 1 < tk.size(); ++i) {
    if (!word_in(tk, i,
                 {"increase", "increases", "raise", "raises", "grow", "grows", "reduce", "reduces",
                  "cut", "cuts", "double", "doubles", "lower", "lowers", "halve", "halves"}))
      continue;
    if (!word_in(tk, i - 1, {"will", "to", "should", "must"})) continue;
    // "attendance", "turnout": how many people come, a measure of people.
    size_t o = word_in(tk, i + 1, {"the", "their", "its", "our"}) ? i + 2 : i + 1;
    if (word_in(tk, o, {"attendance", "turnout", "participation"}))
      return quote(a.span_text(i - 1, o + 1)) +
             ": the title names the change the work should cause, a measure of people (a "
             "measured change)";
    // The first term within a few words: "weekly active teams".
    std::optional<TermMatch> m;
    for (size_t k = i + 1; k < tk.size() && k <= i + 4 && tk[k].is_word() && !m; ++k)
      m = match_term(tk, k);
    if (!m) continue;
    bool people = m->term->cls == TermClass::actor && !is_internal_team(a, m->begin, m->end);
    if (m->term->cls != TermClass::metric && !people) continue;
    return quote(a.span_text(i - 1, m->end)) +
           ": the title names the change the work should cause, a measure of " +
           (people ? "people" : "what users do or the business") + " (a measured change)";
  }
  return std::nullopt;
}

Classification classify_reading(const KeyResultAnalysis& a);

}  // namespace

Classification classify(const KeyResultAnalysis& a) {
  Classification c = classify_reading(a);
  if (c.is_output && c.certain && !counts_work(a) && !by_own_team(a) && stated_comparison(a)) {
    c.certain = false;
    c.evidence +=
        "; but the title compares with before, so it may measure a change in what people do "
        "(weak evidence)";
  }
  return c;
}

namespace {

Classification classify_reading(const KeyResultAnalysis& a) {
  if (size_t k = after_lead_in(a)) {
    Classification inner = classify(analyze_key_result(a.title.substr(a.tokens[k].begin)));
    inner.evidence = quote(a.span_text(0, k)) + " + " + inner.evidence;
    return inner;
  }
  std::string verb;
  if (a.verb) verb = lower(a.verb_text());

  // "Provide and publish one package": a verb the coach does not know, joined
  // to a verb of work, is a list of things to do.
  if (!a.verb && word_at(a.tokens, 1, "and") && a.tokens[0].is_word() &&
      !is_stopword(a.tokens[0].text) && !match_term(a.tokens, 0))
    if (auto second = match_verb(a.tokens, 2); second && second->cls == VerbClass::activity)
      return output(a,
                    quote(a.span_text(0, 2 + second->length)) +
                        " (a list of things to do: the second is a verb of work)",
                    std::nullopt);

  if (!a.service_level.empty() && a.head && is_service_verb(verb) &&
      a.head->term->cls != TermClass::work_metric && a.head->term->cls != TermClass::artefact)
    return outcome(quote(a.object_text()) + " handled " + a.service_level +
                   " (a service level users feel)");

  // "Number of applications submitted increases by 10%", "Decrease the
  // proportion of orders returned": a count or share said to rise or fall is a
  // measured change, unless what is counted is the team's own work.
  if (size_t w = counted_change(a); w != std::string::npos && !counts_work(a) && !by_own_team(a))
    return outcome(quote(a.span_text(w, a.tokens.size())) +
                   " counts something the title says should rise or fall (a measured change)");

  // "Quarterly town halls will increase attendance by 20%": the title names
  // what the work should move, and it is a measure of people or the business.
  if (auto changed = changed_measure(a)) return outcome(*changed);

  if (size_t end = share_of_our_own(a))
    return output(a,
                  quote(a.span_text(0, end)) +
                      " is a share of the team's own things: its own work, not a change for users",
                  std::nullopt);

  if (auto clause = read_clause(a)) {
    if (!clause->is_output) return outcome(clause->evidence);
    if (!clause->certain) return tentative(a, clause->evidence, clause->family);
    return output(a, clause->evidence, clause->family);
  }

  if (a.verb && a.verb->cls == VerbClass::activity) {
    bool delivers_orders =
        a.head && (verb == "ship" || verb == "deliver") && a.head->term->phrase == "order";
    // "Build 3x pipeline for Q3": an amount of money is a result whatever the verb.
    bool amount_of_money = a.head && a.has_number &&
                           (a.has_money || a.head->term->phrase == "pipeline" ||
                            a.head->term->phrase == "revenue" || a.head->term->phrase == "iacv" ||
                            a.head->term->phrase == "arr" || a.head->term->phrase == "mrr");
    if (!delivers_orders && !amount_of_money) return by_activity_verb(a, verb);
  }

  // "Get feedback from three sister teams": asking others is the team's work.
  if (a.head && a.head->term->phrase == "feedback" && !a.has_percent &&
      one_of(verb, {"get", "gather", "collect", "request", "solicit", "seek", "obtain"}) &&
      word_at(a.tokens, a.object_end, "from"))
    return output(a,
                  "verb " + quote(verb) + " + " +
                      quote(a.span_text(a.noun_begin, a.tokens.size())) +
                      " (asking others for it is the team's activity)",
                  Family::research);

  // "Enable customer satisfaction reporting": the measure names what the
  // reporting, tracking or monitoring the team builds is about.
  if (a.head && (a.head->term->cls == TermClass::metric || a.head->term->cls == TermClass::actor) &&
      word_in(a.tokens, a.head->end,
              {"reporting", "tracking", "monitoring", "logging", "alerting"}))
    return output(a,
                  quote(a.span_text(a.noun_begin, a.head->end + 1)) +
                      " names a capability the team builds (" + a.tokens[a.head->end].text +
                      "), not the measure itself",
                  Family::data);

  if (a.head) return by_head(a, *a.head->term, verb);

  // "Keep the share who abandon the basket below a fifth": a share of people.
  if (a.share_of_people)
    return outcome(quote(a.object_text()) +
                   " is a share of people doing something (a user behaviour)");

  const std::string object = a.object_text();
  if (a.verb && a.verb->cls == VerbClass::result) {
    if (!a.has_number)
      return tentative(a, "verb " + quote(verb) + " with nothing measured (a one-off task?)",
                       std::nullopt);
    return outcome("verb " + quote(verb) + " names a result to obtain");
  }
  if (a.has_money) return outcome("an amount of money (a business result)");
  if (!a.participle.empty())
    return output(a, "participle " + quote(a.participle) + " (work delivered)", std::nullopt);
  if (a.has_percent || !a.to_text.empty()) {
    std::string what = quote(object.empty() ? a.title : object);
    if (a.change_text.empty()) return outcome(what + " (a share: a measured change)");
    return outcome(quote(a.change_text) + " on " + what + " (a measured change)");
  }
  std::string ev = a.verb ? "verb " + quote(verb) + " with no measured change"
                          : std::string("no measured change");
  if (!object.empty()) ev += " on " + quote(object);
  // A count of something unknown ("Two more banks use the format") or a rule
  // over every case ("Every login passes a second factor") may well be what
  // others do or what users meet: too weak to warn.
  bool quantified = a.has_number || word_at(a.tokens, 0, "every") || word_at(a.tokens, 0, "each") ||
                    word_at(a.tokens, 0, "all") || word_at(a.tokens, 0, "no") ||
                    word_at(a.tokens, 0, "most");
  // "Number of engaged projects", "# of committers": the name of a count, with
  // no verb, is a measure to watch; what it counts decides, and it is unknown.
  bool rate = false;
  if (match_wrapper(a.tokens, 0, &rate) > 0) quantified = true;
  if (quantified && !a.verb) return tentative(a, ev + " (reads as work to do)", std::nullopt);
  return output(a, ev + " (reads as work to do)", std::nullopt);
}

}  // namespace

Classification classify_key_result(std::string_view title) {
  return classify(analyze_key_result(title));
}

}  // namespace okr::coach
