#include "core/coach/lexicon.h"

#include <algorithm>
#include <iterator>
#include <string>
#include <unordered_map>

namespace okr::coach {
namespace {

using C = TermClass;
using F = Family;

// One row per phrase; plural forms are matched through stem_word, so write the
// singular. When two phrases share a first word the longer one wins.
constexpr Term kTerms[] = {
    // The team's own delivery, however it is dressed.
    {"velocity", C::work_metric, F::work_item},
    {"sprint", C::work_metric, F::work_item},
    {"story point", C::work_metric, F::work_item},
    {"story", C::work_metric, F::work_item},
    {"user story", C::work_metric, F::work_item},
    {"jira ticket", C::work_metric, F::work_item},
    {"jira issue", C::work_metric, F::work_item},
    {"task", C::work_metric, F::work_item},
    {"epic", C::work_metric, F::work_item},
    {"pull request", C::work_metric, F::work_item},
    {"pr", C::work_metric, F::work_item},
    {"merge request", C::work_metric, F::work_item},
    {"commit", C::work_metric, F::work_item},
    {"line of code", C::work_metric, F::work_item},
    {"code coverage", C::work_metric, F::work_item},
    {"test coverage", C::work_metric, F::work_item},
    {"coverage", C::work_metric, F::work_item},
    {"maturity", C::work_metric, F::work_item},
    {"backlog", C::work_metric, F::work_item},
    {"open bug", C::work_metric, F::work_item},
    {"open ticket", C::work_metric, F::work_item},
    {"burndown", C::work_metric, F::work_item},
    {"technical debt", C::work_metric, F::work_item},
    {"tech debt", C::work_metric, F::work_item},

    // Things built.
    {"feature", C::artefact, F::feature},
    {"capability", C::artefact, F::feature},
    {"dark mode", C::artefact, F::feature},
    {"feature flag", C::artefact, F::feature},
    {"flag", C::artefact, F::feature},
    {"filter", C::artefact, F::feature},
    {"tooltip", C::artefact, F::feature},
    {"screen", C::artefact, F::feature},
    {"flow", C::artefact, F::feature},
    {"checklist", C::artefact, F::feature},
    {"widget", C::artefact, F::feature},
    {"page", C::artefact, F::feature},
    {"program", C::artefact, F::feature},
    {"programme", C::artefact, F::feature},
    {"payment method", C::artefact, F::feature},
    {"method", C::artefact, F::feature},
    {"option", C::artefact, F::feature},
    {"template", C::artefact, F::feature},
    {"button", C::artefact, F::feature},
    {"form", C::artefact, F::feature},
    {"wizard", C::artefact, F::feature},
    {"website", C::artefact, F::feature},
    {"portal", C::artefact, F::feature},
    {"forum", C::artefact, F::feature},
    {"chatbot", C::artefact, F::feature},
    {"engine", C::artefact, F::feature},
    {"tool", C::artefact, F::feature},
    {"module", C::artefact, F::feature},
    {"mvp", C::artefact, F::feature},
    {"integration", C::artefact, F::integration},
    {"api", C::artefact, F::integration},
    {"endpoint", C::artefact, F::integration},
    {"sdk", C::artefact, F::integration},
    {"connector", C::artefact, F::integration},
    {"plugin", C::artefact, F::integration},
    {"webhook", C::artefact, F::integration},
    {"release", C::artefact, F::release},
    {"deploy", C::artefact, F::release},
    {"deployment", C::artefact, F::release},
    {"version", C::artefact, F::release},
    {"launch", C::artefact, F::release},
    {"rollout", C::artefact, F::release},
    {"hotfix", C::artefact, F::release},
    {"patch", C::artefact, F::release},
    {"build", C::artefact, F::release},
    {"service", C::artefact, F::engineering},
    {"microservice", C::artefact, F::engineering},
    {"migration", C::artefact, F::engineering},
    {"table", C::artefact, F::engineering},
    {"cluster", C::artefact, F::engineering},
    {"job", C::artefact, F::engineering},
    {"cron job", C::artefact, F::engineering},
    {"data pipeline", C::artefact, F::engineering},
    {"deployment pipeline", C::artefact, F::engineering},
    {"ci pipeline", C::artefact, F::engineering},
    {"build pipeline", C::artefact, F::engineering},
    {"release pipeline", C::artefact, F::engineering},
    {"asset pipeline", C::artefact, F::engineering},
    {"model", C::artefact, F::engineering},
    {"script", C::artefact, F::engineering},
    {"database", C::artefact, F::engineering},
    {"server", C::artefact, F::engineering},
    {"unit test", C::artefact, F::quality},
    {"test suite", C::artefact, F::quality},
    {"integration test", C::artefact, F::quality},
    {"automation", C::artefact, F::engineering},
    {"step", C::artefact, F::engineering},
    {"library", C::artefact, F::engineering},
    {"protocol", C::artefact, F::engineering},
    {"improvement", C::artefact, F::feature},
    {"health check", C::artefact, F::engineering},
    {"usage example", C::artefact, F::docs},
    {"narrative", C::artefact, F::docs},
    {"dashboard", C::artefact, F::data},
    {"report", C::artefact, F::data},
    {"data model", C::artefact, F::data},

    // Things written, held or sent.
    {"blog post", C::artefact, F::content},
    {"blog", C::artefact, F::content},
    {"post", C::artefact, F::content},
    {"article", C::artefact, F::content},
    {"snippet", C::artefact, F::content},
    {"video", C::artefact, F::content},
    {"episode", C::artefact, F::content},
    {"podcast", C::artefact, F::content},
    {"newsletter", C::artefact, F::content},
    {"case study", C::artefact, F::content},
    {"customer story", C::artefact, F::content},
    {"whitepaper", C::artefact, F::content},
    {"ebook", C::artefact, F::content},
    {"tutorial", C::artefact, F::content},
    {"press release", C::artefact, F::content},
    {"landing page", C::artefact, F::content},
    {"campaign", C::artefact, F::outreach},
    {"email", C::artefact, F::outreach},
    {"ad", C::artefact, F::outreach},
    {"sequence", C::artefact, F::outreach},
    {"call", C::artefact, F::outreach},
    {"cold call", C::artefact, F::outreach},
    {"demo", C::artefact, F::outreach},
    {"outreach", C::artefact, F::outreach},
    {"touchpoint", C::artefact, F::outreach},
    {"partnership", C::artefact, F::outreach},
    {"intro", C::artefact, F::outreach},
    {"meeting", C::artefact, F::event},
    {"town hall", C::artefact, F::event},
    {"workshop", C::artefact, F::event},
    {"webinar", C::artefact, F::event},
    {"event", C::artefact, F::event},
    {"meetup", C::artefact, F::event},
    {"hackathon", C::artefact, F::event},
    {"conference", C::artefact, F::event},
    {"trade show", C::artefact, F::event},
    {"training", C::artefact, F::event},
    {"course", C::artefact, F::event},
    {"advisory board", C::artefact, F::event},
    {"qbr", C::artefact, F::event},
    {"office hour", C::artefact, F::event},
    {"business review", C::artefact, F::event},
    {"account review", C::artefact, F::event},
    {"boot camp", C::artefact, F::event},
    {"bootcamp", C::artefact, F::event},
    {"self review", C::artefact, F::event},
    {"routine", C::artefact, F::event},
    {"ama", C::artefact, F::event},
    {"conf", C::artefact, F::event},
    {"talk", C::artefact, F::event},
    {"presentation", C::artefact, F::event},
    {"interview", C::artefact, F::research},
    {"study", C::artefact, F::research},
    {"usability test", C::artefact, F::research},
    {"a/b test", C::artefact, F::research},
    {"survey", C::artefact, F::research},
    {"experiment", C::artefact, F::research},
    {"test", C::artefact, F::research},
    {"analysis", C::artefact, F::research},
    {"research", C::artefact, F::research},
    {"audit", C::artefact, F::research},
    {"spec", C::artefact, F::design},
    {"specification", C::artefact, F::design},
    {"design", C::artefact, F::design},
    {"mockup", C::artefact, F::design},
    {"wireframe", C::artefact, F::design},
    {"diagram", C::artefact, F::design},
    {"prototype", C::artefact, F::design},
    {"component", C::artefact, F::design},
    {"illustration", C::artefact, F::design},
    {"icon", C::artefact, F::design},
    {"style guide", C::artefact, F::design},
    {"design system", C::artefact, F::design},
    {"doc", C::artefact, F::docs},
    {"document", C::artefact, F::docs},
    {"documentation", C::artefact, F::docs},
    {"runbook", C::artefact, F::docs},
    {"playbook", C::artefact, F::docs},
    {"guide", C::artefact, F::docs},
    {"roadmap", C::artefact, F::docs},
    {"plan", C::artefact, F::docs},
    {"policy", C::artefact, F::docs},
    {"process", C::artefact, F::docs},
    {"hire", C::artefact, F::people},
    {"account executive", C::artefact, F::people},

    // Work that users send our way: fewer of it is a result.
    {"bug", C::load, F::quality},
    {"regression", C::load, F::quality},
    {"defect", C::load, F::quality},
    {"ticket", C::load, F::quality},
    {"support ticket", C::load, F::quality},
    {"support email", C::load, F::quality},
    {"support request", C::load, F::quality},
    {"support case", C::load, F::quality},
    {"incident", C::load, F::quality},
    {"outage", C::load, F::quality},
    {"escalation", C::load, F::quality},
    {"complaint", C::load, F::quality},
    {"contact", C::load, F::quality},
    {"issue", C::load, F::quality},
    {"on call page", C::load, F::quality},
    {"page to on call", C::load, F::quality},
    {"alert", C::load, F::quality},
    {"error", C::load, F::quality},

    // People and organisations.
    {"user", C::actor, F::behaviour},
    {"customer", C::actor, F::behaviour},
    {"account", C::actor, F::behaviour},
    {"team", C::actor, F::behaviour},
    {"workspace", C::actor, F::behaviour},
    {"seat", C::actor, F::behaviour},
    {"subscriber", C::actor, F::behaviour},
    {"member", C::actor, F::behaviour},
    {"seller", C::actor, F::behaviour},
    {"buyer", C::actor, F::behaviour},
    {"host", C::actor, F::behaviour},
    {"creator", C::actor, F::behaviour},
    {"listener", C::actor, F::behaviour},
    {"reader", C::actor, F::behaviour},
    {"reviewer", C::actor, F::behaviour},
    {"viewer", C::actor, F::behaviour},
    {"visitor", C::actor, F::behaviour},
    {"logo", C::actor, F::behaviour},
    {"partner", C::actor, F::behaviour},
    {"reseller", C::actor, F::behaviour},
    {"merchant", C::actor, F::behaviour},
    {"driver", C::actor, F::behaviour},
    {"rider", C::actor, F::behaviour},
    {"developer", C::actor, F::behaviour},
    {"engineer", C::actor, F::behaviour},
    {"client", C::actor, F::behaviour},
    {"shopper", C::actor, F::behaviour},
    {"guest", C::actor, F::behaviour},
    {"patient", C::actor, F::behaviour},
    {"student", C::actor, F::behaviour},
    {"learner", C::actor, F::behaviour},
    {"player", C::actor, F::behaviour},
    {"advertiser", C::actor, F::behaviour},
    {"company", C::actor, F::behaviour},
    {"organisation", C::actor, F::behaviour},
    {"organization", C::actor, F::behaviour},
    {"tenant", C::actor, F::behaviour},
    {"audience", C::actor, F::behaviour},
    {"follower", C::actor, F::behaviour},
    {"supplier", C::actor, F::behaviour},
    {"installed base", C::actor, F::behaviour},
    {"school", C::actor, F::behaviour},
    {"clinic", C::actor, F::behaviour},
    {"hospital", C::actor, F::behaviour},
    {"restaurant", C::actor, F::behaviour},
    {"shop", C::actor, F::behaviour},
    {"retailer", C::actor, F::behaviour},
    {"brand", C::actor, F::behaviour},
    {"agency", C::actor, F::behaviour},
    {"venue", C::actor, F::behaviour},
    {"firm", C::actor, F::behaviour},
    {"household", C::actor, F::behaviour},
    {"employer", C::actor, F::behaviour},
    {"employee", C::actor, F::behaviour},
    {"contributor", C::actor, F::behaviour},
    {"open source project", C::actor, F::behaviour},
    {"oss project", C::actor, F::behaviour},
    {"membership", C::actor, F::behaviour},
    {"owner", C::actor, F::behaviour},
    {"people", C::actor, F::behaviour},
    {"person", C::actor, F::behaviour},
    {"rep", C::actor, F::behaviour},
    {"community", C::actor, F::behaviour},
    {"influencer", C::actor, F::behaviour},
    {"ally", C::actor, F::behaviour},
    {"builder", C::actor, F::behaviour},
    {"publisher", C::actor, F::behaviour},
    {"curator", C::actor, F::behaviour},
    {"policymaker", C::actor, F::behaviour},
    {"dev", C::actor, F::behaviour},
    {"maintainer", C::actor, F::behaviour},
    {"bank", C::actor, F::behaviour},
    {"staff", C::actor, F::behaviour},
    {"trainee", C::actor, F::behaviour},
    {"newcomer", C::actor, F::behaviour},
    {"adopter", C::actor, F::behaviour},
    {"citizen", C::actor, F::behaviour},
    {"resident", C::actor, F::behaviour},
    {"volunteer", C::actor, F::behaviour},
    {"donor", C::actor, F::behaviour},
    {"attendee", C::actor, F::behaviour},
    {"participant", C::actor, F::behaviour},
    {"club", C::actor, F::behaviour},  // a group of people who meet: "40 chess clubs"
    // People public services, schools and clinics serve.
    {"teacher", C::actor, F::behaviour},
    {"parent", C::actor, F::behaviour},
    {"pupil", C::actor, F::behaviour},
    {"nurse", C::actor, F::behaviour},
    {"clinician", C::actor, F::behaviour},
    {"doctor", C::actor, F::behaviour},
    {"physician", C::actor, F::behaviour},
    {"caregiver", C::actor, F::behaviour},
    {"carer", C::actor, F::behaviour},
    {"applicant", C::actor, F::behaviour},
    {"claimant", C::actor, F::behaviour},
    {"beneficiary", C::actor, F::behaviour},
    {"veteran", C::actor, F::behaviour},
    {"passenger", C::actor, F::behaviour},
    {"traveller", C::actor, F::behaviour},
    {"traveler", C::actor, F::behaviour},
    {"commuter", C::actor, F::behaviour},
    {"voter", C::actor, F::behaviour},
    {"taxpayer", C::actor, F::behaviour},
    {"farmer", C::actor, F::behaviour},
    {"jobseeker", C::actor, F::behaviour},
    {"job seeker", C::actor, F::behaviour},
    {"mentee", C::actor, F::behaviour},
    {"alumnus", C::actor, F::behaviour},
    {"alumni", C::actor, F::behaviour},

    // What people do.
    {"conversion", C::metric, F::behaviour},
    {"retention", C::metric, F::behaviour},
    {"activation", C::metric, F::behaviour},
    {"adoption", C::metric, F::behaviour},
    {"uptake", C::metric, F::behaviour},
    {"usage", C::metric, F::behaviour},
    {"engagement", C::metric, F::behaviour},
    {"stickiness", C::metric, F::behaviour},
    {"click through", C::metric, F::behaviour},
    {"clickthrough", C::metric, F::behaviour},
    {"scroll depth", C::metric, F::behaviour},
    {"dwell time", C::metric, F::behaviour},
    {"turnout", C::metric, F::behaviour},
    {"enrolment", C::metric, F::behaviour},
    {"enrollment", C::metric, F::behaviour},
    {"readership", C::metric, F::behaviour},
    {"viewership", C::metric, F::behaviour},
    {"donation", C::metric, F::behaviour},
    {"ctr", C::metric, F::behaviour},
    {"cr", C::metric, F::behaviour},  // conversion rate ("a 10% CR from the pricing page")
    {"click", C::metric, F::behaviour},
    {"opt in", C::metric, F::behaviour},
    {"drop off", C::metric, F::behaviour},
    {"abandonment", C::metric, F::behaviour},
    {"churn", C::metric, F::behaviour},
    {"signup", C::metric, F::behaviour},
    {"sign up", C::metric, F::behaviour},
    {"registration", C::metric, F::behaviour},
    {"trial", C::metric, F::behaviour},
    {"download", C::metric, F::behaviour},
    {"install", C::metric, F::behaviour},
    {"uninstall", C::metric, F::behaviour},
    {"visit", C::metric, F::behaviour},
    {"traffic", C::metric, F::behaviour},
    {"view", C::metric, F::behaviour},
    {"page view", C::metric, F::behaviour},
    {"upvote", C::metric, F::behaviour},
    {"retweet", C::metric, F::behaviour},
    {"repost", C::metric, F::behaviour},
    {"citation", C::metric, F::behaviour},
    {"contribution", C::metric, F::behaviour},
    {"feedback", C::metric, F::behaviour},
    {"unsubscribe", C::metric, F::behaviour},
    {"demand", C::metric, F::behaviour},
    {"session", C::metric, F::behaviour},
    {"dau", C::metric, F::behaviour},
    {"wau", C::metric, F::behaviour},
    {"mau", C::metric, F::behaviour},
    {"completion", C::metric, F::behaviour},
    {"onboarding completion", C::metric, F::behaviour},
    {"purchase", C::metric, F::behaviour},
    {"repeat purchase", C::metric, F::behaviour},
    {"order", C::metric, F::behaviour},
    {"invite", C::metric, F::behaviour},
    {"invitation", C::metric, F::behaviour},
    {"renewal", C::metric, F::behaviour},
    {"lead", C::metric, F::behaviour},
    {"mql", C::metric, F::behaviour},
    {"sql", C::metric, F::behaviour},
    {"request", C::metric, F::behaviour},
    {"api call", C::metric, F::behaviour},
    {"api request", C::metric, F::behaviour},
    {"open rate", C::metric, F::behaviour},
    {"reply rate", C::metric, F::behaviour},
    {"referral", C::metric, F::behaviour},
    {"liquidity", C::metric, F::behaviour},
    {"self service", C::metric, F::behaviour},
    {"deflection", C::metric, F::behaviour},

    // Money.
    {"revenue", C::metric, F::money},
    {"grant", C::metric, F::money},  // money a funder awards: "Secure a foundation grant"
    {"arr", C::metric, F::money},
    {"mrr", C::metric, F::money},
    {"gmv", C::metric, F::money},
    {"booking", C::metric, F::money},
    {"pipeline", C::metric, F::money},
    {"margin", C::metric, F::money},
    {"cac", C::metric, F::money},
    {"ltv", C::metric, F::money},
    {"cost", C::metric, F::money},
    {"spend", C::metric, F::money},
    {"order value", C::metric, F::money},
    {"aov", C::metric, F::money},
    {"contract value", C::metric, F::money},
    {"acv", C::metric, F::money},
    {"deal", C::metric, F::money},
    {"iacv", C::metric, F::money},
    {"opportunity", C::metric, F::money},
    {"sao", C::metric, F::money},
    {"sqo", C::metric, F::money},
    {"sclau", C::metric, F::money},
    {"mql", C::metric, F::money},
    {"quota", C::metric, F::money},
    {"renewal", C::metric, F::money},
    {"sales efficiency", C::metric, F::money},
    {"roi", C::metric, F::money},
    {"win rate", C::metric, F::money},
    {"nrr", C::metric, F::money},
    {"ndr", C::metric, F::money},
    {"grr", C::metric, F::money},
    {"payback", C::metric, F::money},
    {"profit", C::metric, F::money},
    {"burn", C::metric, F::money},
    {"sales cycle", C::metric, F::money},
    {"refund", C::metric, F::money},
    {"chargeback", C::metric, F::money},
    {"dispute", C::metric, F::money},
    {"failed payment", C::metric, F::money},
    {"contract", C::metric, F::money},
    {"expansion", C::metric, F::money},

    // What people experience.
    {"latency", C::metric, F::experience},
    {"p50", C::metric, F::experience},
    {"p90", C::metric, F::experience},
    {"p95", C::metric, F::experience},
    {"p99", C::metric, F::experience},
    {"uptime", C::metric, F::experience},
    {"availability", C::metric, F::experience},
    {"error rate", C::metric, F::experience},
    {"crash", C::metric, F::experience},
    {"crash rate", C::metric, F::experience},
    {"load time", C::metric, F::experience},
    {"page load", C::metric, F::experience},  // "p95 page load": a wait users feel, not a page
    {"page loads", C::metric, F::experience},
    {"response time", C::metric, F::experience},
    {"resolution", C::metric, F::experience},
    {"time", C::metric, F::experience},
    {"duration", C::metric, F::experience},
    {"length", C::metric, F::experience},
    {"lag", C::metric, F::experience},
    {"freshness", C::metric, F::experience},
    {"turnaround", C::metric, F::experience},
    {"mttr", C::metric, F::experience},
    {"mttd", C::metric, F::experience},
    {"downtime", C::metric, F::experience},
    {"wait", C::metric, F::experience},
    {"lead time", C::metric, F::experience},
    {"cycle time", C::metric, F::experience},
    {"failure rate", C::metric, F::experience},
    {"success rate", C::metric, F::experience},
    {"task success", C::metric, F::experience},
    {"task completion", C::metric, F::experience},
    {"reliability", C::metric, F::experience},
    {"rate", C::metric, F::experience},
    {"ratio", C::metric, F::experience},

    // What people think.
    {"nps", C::metric, F::opinion},
    {"happiness", C::metric, F::opinion},
    {"net promoter score", C::metric, F::opinion},
    {"csat", C::metric, F::opinion},
    {"ces", C::metric, F::opinion},
    {"satisfaction", C::metric, F::opinion},
    {"rating", C::metric, F::opinion},
    {"score", C::metric, F::opinion},
    {"review", C::metric, F::opinion},
    {"sentiment", C::metric, F::opinion},
    {"awareness", C::metric, F::opinion},
    {"confidence", C::metric, F::opinion},
    {"health", C::metric, F::opinion},
};

struct Entry {
  std::vector<std::string> stems;
  const Term* term;
};

std::vector<std::string> stems_of(std::string_view phrase) {
  std::vector<std::string> out;
  for (const Token& t : tokenize(phrase))
    if (t.is_word()) out.push_back(t.stem);
  return out;
}

// First stem -> entries starting with it, longest first. Built once.
const std::unordered_map<std::string, std::vector<Entry>>& term_index() {
  static const auto* index = [] {
    auto* m = new std::unordered_map<std::string, std::vector<Entry>>();
    for (const Term& term : kTerms) {
      Entry e{stems_of(term.phrase), &term};
      (*m)[e.stems.front()].push_back(std::move(e));
    }
    for (auto& [first, entries] : *m)
      std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
        return a.stems.size() > b.stems.size();
      });
    return m;
  }();
  return *index;
}

struct VerbRow {
  std::string_view verb;
  VerbClass cls;
};

using V = VerbClass;
constexpr VerbRow kVerbs[] = {
    {"ship", V::activity},        {"launch", V::activity},      {"release", V::activity},
    {"build", V::activity},       {"rebuild", V::activity},     {"develop", V::activity},
    {"deliver", V::activity},     {"complete", V::activity},    {"finish", V::activity},
    {"implement", V::activity},   {"create", V::activity},      {"write", V::activity},
    {"rewrite", V::activity},     {"publish", V::activity},     {"post", V::activity},
    {"design", V::activity},      {"redesign", V::activity},    {"migrate", V::activity},
    {"deploy", V::activity},      {"roll out", V::activity},    {"set up", V::activity},
    {"hold", V::activity},        {"host", V::activity},        {"run", V::activity},
    {"conduct", V::activity},     {"organise", V::activity},    {"organize", V::activity},
    {"formalise", V::activity},   {"formalize", V::activity},   {"relaunch", V::activity},
    {"perform", V::activity},     {"remediate", V::activity},   {"attend", V::activity},
    {"send", V::activity},        {"fix", V::activity},         {"merge", V::activity},
    {"refactor", V::activity},    {"upgrade", V::activity},     {"automate", V::activity},
    {"document", V::activity},    {"translate", V::activity},   {"train", V::activity},
    {"hire", V::activity},        {"record", V::activity},      {"produce", V::activity},
    {"draft", V::activity},       {"define", V::activity},      {"prototype", V::activity},
    {"test", V::activity},        {"audit", V::activity},       {"interview", V::activity},
    {"call", V::activity},        {"email", V::activity},       {"meet", V::activity},
    {"integrate", V::activity},   {"introduce", V::activity},   {"rebrand", V::activity},
    {"optimize", V::activity},    {"optimise", V::activity},    {"revamp", V::activity},
    {"modernize", V::activity},   {"modernise", V::activity},   {"replace", V::activity},
    {"consolidate", V::activity}, {"establish", V::activity},   {"research", V::activity},
    {"explore", V::activity},     {"investigate", V::activity}, {"analyze", V::activity},
    {"analyse", V::activity},     {"review", V::activity},      {"update", V::activity},
    {"work on", V::activity},     {"start", V::activity},       {"begin", V::activity},
    {"kick off", V::activity},    {"finalize", V::activity},    {"finalise", V::activity},
    {"prepare", V::activity},     {"plan", V::activity},        {"schedule", V::activity},
    {"present", V::activity},     {"clean up", V::activity},    {"install", V::activity},
    {"configure", V::activity},   {"resolve", V::activity},     {"answer", V::activity},
    {"map", V::activity},         {"support", V::activity},     {"continue", V::activity},
    {"deprecate", V::activity},   {"sunset", V::activity},      {"follow up", V::activity},
    {"pilot", V::activity},       {"negotiate", V::activity},   {"reply", V::activity},
    {"respond", V::activity},     {"open", V::activity},        {"submit", V::activity},
    {"apply", V::activity},       {"evaluate", V::activity},    {"assess", V::activity},
    {"benchmark", V::activity},   {"select", V::activity},      {"sponsor", V::activity},
    {"reach out", V::activity},   {"distribute", V::activity},  {"track", V::activity},
    {"identify", V::activity},    {"decide", V::activity},      {"refine", V::activity},
    {"evangelize", V::activity},  {"evangelise", V::activity},  {"know", V::activity},
    {"do", V::activity},          {"set", V::activity},         {"hiring", V::activity},
    {"streamline", V::activity},  {"standardize", V::activity}, {"standardise", V::activity},
    {"measure", V::activity},     {"promote", V::activity},     {"extend", V::activity},
    {"execute", V::activity},     {"foster", V::activity},      {"spread", V::activity},
    {"speak", V::activity},       {"speak up", V::activity},    {"refocus", V::activity},
    {"understand", V::activity},  {"demonstrate", V::activity}, {"gather", V::activity},
    {"amplify", V::activity},     {"celebrate", V::activity},   {"socialize", V::activity},
    {"socialise", V::activity},   {"consider", V::activity},    {"agree", V::activity},
    {"choose", V::activity},      {"nail", V::activity},        {"capture", V::activity},
    {"devise", V::activity},      {"reboot", V::activity},      {"recruit", V::activity},
    {"engage with", V::activity}, {"work with", V::activity},   {"facilitate", V::activity},
    {"coach", V::activity},       {"mentor", V::activity},      {"teach", V::activity},
    {"outsource", V::activity},   {"process", V::activity},     {"handle", V::activity},
    {"advise", V::activity},      {"educate", V::activity},     {"talk to", V::activity},
    {"associate", V::activity},   {"include", V::activity},     {"ratify", V::activity},
    {"sign", V::result},          {"sign up", V::result},       {"win", V::result},
    {"win back", V::result},      {"retain", V::result},        {"renew", V::result},
    {"convert", V::result},       {"earn", V::result},          {"sell", V::result},
    {"reach", V::result},         {"achieve", V::result},       {"hit", V::result},
    {"attain", V::result},        {"maintain", V::result},      {"keep", V::result},
    {"acquire", V::result},       {"attract", V::result},       {"secure", V::result},
    {"save", V::result},          {"recover", V::result},       {"sustain", V::result},
    {"own", V::result},           {"fill", V::result},          {"delight", V::result},
    {"land", V::result},          {"book", V::result},          {"exceed", V::result},
    {"surpass", V::result},       {"increase", V::increase},    {"grow", V::increase},
    {"raise", V::increase},       {"lift", V::increase},        {"boost", V::increase},
    {"improve", V::increase},     {"expand", V::increase},      {"double", V::increase},
    {"triple", V::increase},      {"quadruple", V::increase},   {"accelerate", V::increase},
    {"drive", V::increase},       {"scale", V::increase},       {"multiply", V::increase},
    {"enhance", V::increase},     {"maximize", V::increase},    {"maximise", V::increase},
    {"reduce", V::decrease},      {"cut", V::decrease},         {"decrease", V::decrease},
    {"lower", V::decrease},       {"shorten", V::decrease},     {"halve", V::decrease},
    {"minimize", V::decrease},    {"minimise", V::decrease},    {"eliminate", V::decrease},
    {"slash", V::decrease},       {"trim", V::decrease},        {"shrink", V::decrease},
    {"speed up", V::decrease},    {"add", V::neutral},          {"get", V::neutral},
    {"close", V::neutral},        {"make", V::neutral},         {"generate", V::neutral},
    {"bring", V::neutral},        {"have", V::neutral},         {"onboard", V::neutral},
    {"enable", V::neutral},       {"turn", V::neutral},         {"let", V::neutral},
    {"solve", V::neutral},        {"affect", V::neutral},       {"help", V::neutral},
    {"see", V::neutral},          {"move", V::neutral},
};

bool word_is(const std::vector<Token>& tokens, size_t i, std::string_view w) {
  return i < tokens.size() && tokens[i].is_word() && tokens[i].text == w;
}

bool stem_is(const std::vector<Token>& tokens, size_t i, std::string_view w) {
  return i < tokens.size() && tokens[i].is_word() && tokens[i].stem == w;
}

}  // namespace

std::optional<TermMatch> match_term(const std::vector<Token>& tokens, size_t i) {
  if (i >= tokens.size() || !tokens[i].is_word()) return std::nullopt;
  const auto& index = term_index();
  auto it = index.find(tokens[i].stem);
  if (it == index.end()) return std::nullopt;
  for (const Entry& e : it->second) {
    bool all = true;
    for (size_t k = 0; k < e.stems.size() && all; ++k) all = stem_is(tokens, i + k, e.stems[k]);
    if (all) return TermMatch{e.term, i, i + e.stems.size()};
  }
  return std::nullopt;
}

std::optional<VerbMatch> match_verb(const std::vector<Token>& tokens, size_t i) {
  if (i >= tokens.size() || !tokens[i].is_word()) return std::nullopt;
  // First word -> rows starting with it, two-word verbs first. Built once.
  static const auto* index = [] {
    auto* m = new std::unordered_map<std::string_view, std::vector<const VerbRow*>>();
    for (const VerbRow& row : kVerbs) {
      auto& rows = (*m)[row.verb.substr(0, row.verb.find(' '))];
      rows.push_back(&row);
      std::stable_sort(rows.begin(), rows.end(), [](const VerbRow* a, const VerbRow* b) {
        return a->verb.size() > b->verb.size();
      });
    }
    return m;
  }();
  auto it = index->find(tokens[i].text);
  if (it == index->end()) return std::nullopt;
  for (const VerbRow* row : it->second) {
    auto space = row->verb.find(' ');
    if (space == std::string_view::npos) return VerbMatch{row->verb, row->cls, 1};
    if (word_is(tokens, i + 1, row->verb.substr(space + 1)))
      return VerbMatch{row->verb, row->cls, 2};  // a two-word verb beats its first word
  }
  return std::nullopt;
}

size_t match_wrapper(const std::vector<Token>& tokens, size_t i, bool* is_rate) {
  static constexpr std::string_view kCount[] = {"number", "count", "amount", "volume", "total"};
  static constexpr std::string_view kRate[] = {"share",      "percentage", "percent",
                                               "proportion", "fraction",   "portion"};
  if (i >= tokens.size()) return 0;
  const Token& t = tokens[i];
  if (t.is_number() && t.percent && word_is(tokens, i + 1, "of")) {
    *is_rate = true;
    return 2;
  }
  // "one visitor in ten", "four in five trainees": a proportion of people.
  auto small_number = [&](size_t k) {
    static constexpr std::string_view kWords[] = {"one", "two",   "three", "four", "five",
                                                  "six", "seven", "eight", "nine", "ten"};
    if (k >= tokens.size()) return false;
    if (tokens[k].is_number()) return !tokens[k].percent && !tokens[k].money;
    for (auto w : kWords)
      if (word_is(tokens, k, w)) return true;
    return false;
  };
  if (small_number(i) && word_is(tokens, i + 1, "in") && small_number(i + 2)) {
    *is_rate = true;
    return 3;
  }
  if (!t.is_word() || !word_is(tokens, i + 1, "of")) return 0;
  for (auto w : kCount)
    if (t.text == w) {
      *is_rate = false;
      return 2;
    }
  for (auto w : kRate)
    if (t.text == w) {
      *is_rate = true;
      return 2;
    }
  return 0;
}

bool user_qualifier_at(const std::vector<Token>& tokens, size_t i) {
  static constexpr std::string_view kBy[] = {"reported", "raised", "viewed", "used", "experienced",
                                             "seen",     "filed",  "opened", "read"};
  static constexpr std::string_view kWho[] = {"customer", "user",      "client", "buyer",
                                              "seller",   "member",    "team",   "player",
                                              "visitor",  "subscriber"};
  auto is_who = [&](size_t k) {
    if (k < tokens.size() && tokens[k].is_word() && (tokens[k].text == "paying"))
      ++k;  // "from paying customers"
    for (auto w : kWho)
      if (stem_is(tokens, k, w)) return true;
    return false;
  };
  if (!(i < tokens.size() && tokens[i].is_word())) return false;
  // "customer-reported", "user-facing"
  if (is_who(i) && (word_is(tokens, i + 1, "reported") || word_is(tokens, i + 1, "facing")))
    return true;
  for (auto w : kBy)
    if (word_is(tokens, i, w) && word_is(tokens, i + 1, "by") && is_who(i + 2)) return true;
  if ((word_is(tokens, i, "by") || word_is(tokens, i, "from")) && is_who(i + 1)) return true;
  return false;
}

bool is_output_participle(std::string_view w) {
  static constexpr std::string_view kParticiples[] = {
      "shipped",  "delivered", "built",    "launched",    "released",  "completed",
      "closed",   "merged",    "fixed",    "written",     "published", "held",
      "run",      "conducted", "sent",     "made",        "created",   "deployed",
      "resolved", "done",      "finished", "implemented", "designed",  "produced",
      "migrated", "hosted",    "posted",   "answered",    "handled",   "processed"};
  return std::find(std::begin(kParticiples), std::end(kParticiples), w) != std::end(kParticiples);
}

bool is_vague_word(std::string_view w) {
  static constexpr std::string_view kVague[] = {
      "better",   "more",         "improve",      "improved",     "improving",     "optimize",
      "optimise", "optimized",    "enhance",      "enhanced",     "significantly", "substantially",
      "greatly",  "considerably", "dramatically", "meaningfully", "noticeably",    "faster",
      "easier",   "smoother",     "robust",       "seamless",     "various",       "several"};
  return std::find(std::begin(kVague), std::end(kVague), w) != std::end(kVague);
}

}  // namespace okr::coach
