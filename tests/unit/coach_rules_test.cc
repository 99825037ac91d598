// Every lint rule: a weak case that fires (with the field, message, suggestion
// and evidence a user would read) and a strong case that does not.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "coach_test_drafts.h"
#include "core/coach/coach.h"

namespace okr::coach {
namespace {

using testing::draft_of;
using testing::findings_of;
using testing::strong_kr;
using testing::strong_objective;

std::vector<Finding> lint_one(const DraftObjective& o, bool has_parent_level = true) {
  return lint(draft_of({o}, has_parent_level));
}

TEST(CoachRules, StrongObjectiveHasNoFindings) {
  auto findings = lint_one(strong_objective());
  for (const auto& f : findings) ADD_FAILURE() << f.rule << ": " << f.evidence;
}

TEST(CoachRules, EveryRuleHasIdSeverityAndSummary) {
  std::set<std::string_view> ids;
  for (const auto& r : rules()) {
    EXPECT_FALSE(r.id.empty());
    EXPECT_FALSE(r.summary.empty()) << r.id;
    EXPECT_TRUE(ids.insert(r.id).second) << "duplicate rule id " << r.id;
  }
  for (std::string_view id :
       {"objective-has-number", "objective-is-activity", "objective-count", "kr-count",
        "kr-is-output", "kr-not-measurable", "kr-no-owner", "objective-no-owner",
        "objective-not-aligned", "kr-is-task-list", "vague-words", "objective-too-long",
        "kr-could-pass-without-objective", "kr-only-lagging", "kr-may-be-output"})
    EXPECT_TRUE(ids.count(id)) << "missing rule " << id;
}

TEST(CoachRules, SeverityNamesRoundTrip) {
  for (Severity s : {Severity::error, Severity::warning, Severity::info})
    EXPECT_EQ(parse_severity(to_string(s)), s);
  EXPECT_FALSE(parse_severity("fatal"));
}

TEST(CoachRules, TitleMissing) {
  auto o = strong_objective();
  o.title = "  ";
  o.key_results[1].title = "";
  auto f = findings_of(lint_one(o), "title-missing");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].severity, Severity::error);
  EXPECT_EQ(f[0].key_result, -1);
  EXPECT_EQ(f[1].key_result, 1);
  EXPECT_EQ(f[1].field, "title");
}

TEST(CoachRules, ObjectiveCountFiresPerTeamAboveTheLimit) {
  std::vector<DraftObjective> objectives(4, strong_objective("growth"));
  objectives.push_back(strong_objective("platform"));
  auto f = findings_of(lint(draft_of(objectives)), "objective-count");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].team, "growth");
  EXPECT_EQ(f[0].objective, -1);
  EXPECT_EQ(f[0].severity, Severity::warning);
  EXPECT_EQ(f[0].evidence, "4 objectives (limit 3)");
  EXPECT_NE(f[0].message.find("unclear priorities"), std::string::npos);

  std::vector<DraftObjective> three(3, strong_objective("growth"));
  EXPECT_TRUE(findings_of(lint(draft_of(three)), "objective-count").empty());
}

TEST(CoachRules, ObjectiveHasNumber) {
  auto o = strong_objective();
  o.title = "Grow revenue by 20% this quarter";
  auto f = findings_of(lint_one(o), "objective-has-number");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].evidence, "number '20%' in the objective");
  EXPECT_NE(f[0].suggestion.find("key result"), std::string::npos);

  o.title = "Double our reach in Europe";
  EXPECT_EQ(findings_of(lint_one(o), "objective-has-number").size(), 1u);

  // Placing an objective in time is not a metric.
  o.title = "Become the obvious choice for finance teams in Q3 2026";
  EXPECT_TRUE(findings_of(lint_one(o), "objective-has-number").empty());
}

TEST(CoachRules, ObjectiveIsActivity) {
  for (const char* weak :
       {"Improve the onboarding experience for new users", "Implement single sign-on",
        "Work on the mobile app", "Launch the new dashboard", "Migrate to PostgreSQL",
        "Migration of billing to the new provider"}) {
    auto o = strong_objective();
    o.title = weak;
    auto f = findings_of(lint_one(o), "objective-is-activity");
    ASSERT_EQ(f.size(), 1u) << weak;
    EXPECT_EQ(f[0].field, "title");
    EXPECT_NE(f[0].evidence.find("starts with"), std::string::npos) << f[0].evidence;
  }
  auto o = strong_objective();
  o.title = "New teams succeed in their first week";
  EXPECT_TRUE(findings_of(lint_one(o), "objective-is-activity").empty());
}

// Real objectives name work in many more words than "Improve" or "Launch".
TEST(CoachRules, ObjectiveIsActivityWiderVocabulary) {
  for (const char* weak :
       {"Speak up on topics developers care about", "Set up a planning process",
        "Grow the support team", "Spread the word about the partner programme",
        "Refocus on tutorials", "Re-focus on technical & how-to content",
        "Open a channel to our self-hosted users", "Track and publish our impact metrics",
        "Host the first community summit", "faster experiment cycles in billing",
        "The Activate Portal is improved for mobilizers", "We understand what is missing",
        "All pieces are there. Ship peer routing"}) {
    auto o = strong_objective();
    o.title = weak;
    auto f = findings_of(lint_one(o), "objective-is-activity");
    ASSERT_EQ(f.size(), 1u) << weak;
    EXPECT_FALSE(f[0].evidence.empty()) << weak;
  }
}

// The suggestion turns the objective's own words into a destination: what was
// built is used, what was improved makes something easier for the people it
// names, and the team's own capacity gives people something.
TEST(CoachRules, ObjectiveIsActivitySuggestsItsOwnWordsAsADestination) {
  struct Case {
    const char* weak;
    const char* destination;
  };
  for (const Case& c : {
           Case{"Lead the rollout of the tenant portal",
                "'The tenant portal is used by <who> to <do what>' rather than 'Lead …'"},
           Case{"Improve the onboarding experience for new users",
                "'New users <do what> more easily with the onboarding experience' rather than "
                "'Improve …'"},
           Case{"Launch the repair-booking app for tenants.",
                "'The repair-booking app is used by tenants to <do what>'"},
           Case{"Grow the support team", "'<Who> get <what> from the support team'"},
           Case{"The Activate Portal is improved for volunteers",
                "'Volunteers <do what> more easily with Activate Portal'"},
           Case{"Migration of billing to the new provider",
                "'<Who> get <what> from billing to the new provider'"},
       }) {
    auto o = strong_objective();
    o.title = c.weak;
    auto f = findings_of(lint_one(o), "objective-is-activity");
    ASSERT_EQ(f.size(), 1u) << c.weak;
    EXPECT_NE(f[0].suggestion.find(c.destination), std::string::npos)
        << c.weak << " -> " << f[0].suggestion;
    EXPECT_TRUE(f[0].suggestion.starts_with("Say what will be true")) << f[0].suggestion;
  }
}

// The verb is not the test: a sentence that states a change for people is a
// destination, even when it starts with a verb of making.
TEST(CoachRules, InspiringObjectivesAreNotActivities) {
  for (const char* strong :
       {"Build a product developers love", "Shipping a plugin is simple and fun",
        "Grow the community", "Make search accessible to more users", "Be profitable",
        "Create value for all members", "Sourcegraph has world class reliability", "Net new ARR",
        "Become the obvious choice for finance teams",
        "Delight new teams. Win their trust. Keep them.",
        "Own the conversation about team decision-making",
        "Make deciding in Lumen faster than in a meeting",
        "Make rebooking the obvious next step after every visit",
        "Fill 40% of cancelled slots from the waitlist"}) {
    auto o = strong_objective();
    o.title = strong;
    EXPECT_TRUE(findings_of(lint_one(o), "objective-is-activity").empty()) << strong;
  }
}

TEST(CoachRules, ObjectiveTooLong) {
  auto o = strong_objective();
  o.title =
      "Make onboarding delightful for new teams so that every administrator who signs up can "
      "invite colleagues, connect their data and see a first report without help from anyone";
  auto f = findings_of(lint_one(o), "objective-too-long");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::info);
  EXPECT_EQ(f[0].evidence, "28 words (limit 25)");

  o.title = "Delight new teams. Win their trust. Keep them.";
  f = findings_of(lint_one(o), "objective-too-long");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].evidence, "3 sentences (limit 2)");

  o.title = "Delight new teams, e.g. admins. Keep them for 2.5 years.";
  EXPECT_TRUE(findings_of(lint_one(o), "objective-too-long").empty());
}

TEST(CoachRules, ObjectiveNoOwner) {
  auto o = strong_objective();
  o.owner = "";
  auto f = findings_of(lint_one(o), "objective-no-owner");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].field, "owner");
  EXPECT_EQ(f[0].severity, Severity::warning);
}

TEST(CoachRules, ObjectiveNotAligned) {
  auto o = strong_objective();
  o.aligns_to = "";
  auto f = findings_of(lint_one(o), "objective-not-aligned");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].field, "aligns_to");
  // No level above to align to, or the team is the top of the organisation.
  EXPECT_TRUE(findings_of(lint_one(o, false), "objective-not-aligned").empty());
  o.top_level = true;
  EXPECT_TRUE(findings_of(lint_one(o), "objective-not-aligned").empty());
}

TEST(CoachRules, KrCount) {
  auto o = strong_objective();
  o.key_results.resize(1);
  auto f = findings_of(lint_one(o), "kr-count");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].evidence, "1 key results (minimum 2)");
  EXPECT_EQ(f[0].key_result, -1);

  o = strong_objective();
  o.key_results.push_back(strong_kr("Raise NPS from 31 to 45", 31, 45));
  o.key_results.push_back(strong_kr("Lift trial-to-paid conversion from 8% to 12%", 8, 12));
  f = findings_of(lint_one(o), "kr-count");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].evidence, "5 key results (limit 4)");
}

TEST(CoachRules, KrNotMeasurable) {
  auto o = strong_objective();
  o.key_results[0].start.reset();
  o.key_results[1].target.reset();
  o.key_results[2].target = o.key_results[2].start;
  auto f = findings_of(lint_one(o), "kr-not-measurable");
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f[0].severity, Severity::error);
  EXPECT_EQ(f[0].field, "start");
  EXPECT_EQ(f[0].evidence, "no baseline (start)");
  // The title already states the numbers: the suggestion says so.
  EXPECT_EQ(f[0].suggestion, "The title says 'from 45% to 70%': record those as start and target.");
  EXPECT_EQ(f[1].field, "target");
  EXPECT_EQ(f[2].evidence, "the target equals the baseline (1200)");
}

TEST(CoachRules, KrNotMeasurableRangeAndBinaryKinds) {
  auto o = strong_objective();
  o.key_results[0].metric = MetricKind::range;
  o.key_results[0].range_low = 2;
  o.key_results[1].metric = MetricKind::boolean;
  o.key_results[1].start.reset();
  o.key_results[1].target.reset();
  o.key_results[2].metric = MetricKind::milestone;
  o.key_results[2].start.reset();
  auto f = findings_of(lint_one(o), "kr-not-measurable");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].key_result, 0);
  EXPECT_EQ(f[0].field, "range_high");

  o.key_results[0].range_high = 1;
  f = findings_of(lint_one(o), "kr-not-measurable");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].evidence, "range low 2 is above high 1");
}

TEST(CoachRules, KrIsBinary) {
  auto o = strong_objective();
  o.key_results[1].metric = MetricKind::boolean;
  auto f = findings_of(lint_one(o), "kr-is-binary");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::info);
  EXPECT_EQ(f[0].key_result, 1);
}

TEST(CoachRules, KrIsOutput) {
  auto o = strong_objective();
  o.key_results[0].title = "Ship the new onboarding checklist";
  auto f = findings_of(lint_one(o), "kr-is-output");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::warning);
  EXPECT_EQ(f[0].evidence, "verb 'ship' + object 'onboarding checklist' (work delivered)");
  EXPECT_EQ(f[0].suggestion,
            "Name the change the onboarding checklist should cause: 'Ship the new onboarding "
            "checklist so that <who> <does what>', measured as 'Raise onboarding completion from "
            "X% to Y%'");
}

TEST(CoachRules, KrIsTaskList) {
  for (const char* weak : {"Design, build and launch the partner portal",
                           "Build the importer and then migrate the first customers",
                           "Interview 10 admins & write up the findings"}) {
    auto o = strong_objective();
    o.key_results[2].title = weak;
    auto f = findings_of(lint_one(o), "kr-is-task-list");
    ASSERT_EQ(f.size(), 1u) << weak;
    EXPECT_EQ(f[0].key_result, 2);
  }
  auto o = strong_objective();
  o.key_results[2].title = "Design, build and launch the partner portal";
  EXPECT_EQ(findings_of(lint_one(o), "kr-is-task-list")[0].evidence,
            "several actions: 'Design', 'build', 'launch'");

  o.key_results[2].title = "Run 12 user interviews with admins and owners";
  EXPECT_TRUE(findings_of(lint_one(o), "kr-is-task-list").empty());
}

TEST(CoachRules, VagueWords) {
  auto o = strong_objective();
  o.key_results[0].title = "Make onboarding significantly better";
  auto f = findings_of(lint_one(o), "vague-words");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].evidence, "'significantly' with no number");

  o.key_results[0].title = "Improve onboarding completion from 45% to 70%";
  EXPECT_TRUE(findings_of(lint_one(o), "vague-words").empty());
}

TEST(CoachRules, KrNoOwner) {
  auto o = strong_objective();
  o.key_results[2].owner = " ";
  auto f = findings_of(lint_one(o), "kr-no-owner");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].key_result, 2);
  EXPECT_EQ(f[0].field, "owner");
}

TEST(CoachRules, KrCouldPassWithoutObjectiveAsksWhenThemesDiffer) {
  auto o = strong_objective();
  o.key_results[2] = strong_kr("Grow qualified pipeline from $1.2M to $2M", 1.2e6, 2e6);
  auto f = findings_of(lint_one(o), "kr-could-pass-without-objective");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::info);
  EXPECT_EQ(f[0].key_result, 2);
  EXPECT_NE(f[0].message.find("Could this key result be met without achieving the objective?"),
            std::string::npos);
  EXPECT_EQ(f[0].evidence, "the objective is about onboarding; the key result measures revenue");
}

TEST(CoachRules, KrCouldPassWithoutObjectiveStaysQuietWhenUnsure) {
  auto o = strong_objective();
  // Related themes: onboarding and retention.
  o.key_results[2] = strong_kr("Cut monthly churn of new accounts from 4% to 2%", 4, 2);
  EXPECT_TRUE(findings_of(lint_one(o), "kr-could-pass-without-objective").empty());
  // The objective names no theme the coach knows: it does not guess.
  o.title = "Be the team customers rave about";
  o.key_results[2] = strong_kr("Grow qualified pipeline from $1.2M to $2M", 1.2e6, 2e6);
  EXPECT_TRUE(findings_of(lint_one(o), "kr-could-pass-without-objective").empty());
}

TEST(CoachRules, FindingsAreOrderedByObjectiveKeyResultThenRule) {
  auto weak = strong_objective();
  weak.owner = "";
  weak.key_results[1].owner = "";
  weak.key_results[1].title = "Ship dark mode";
  std::vector<DraftObjective> objectives(3, strong_objective());
  objectives.push_back(weak);
  auto findings = lint(draft_of(objectives));
  std::vector<std::string> order;
  for (const auto& f : findings)
    order.push_back(f.rule + "@" + std::to_string(f.objective) + "." +
                    std::to_string(f.key_result));
  EXPECT_EQ(order, (std::vector<std::string>{"objective-count@-1.-1", "objective-no-owner@3.-1",
                                             "kr-is-output@3.1", "kr-no-owner@3.1"}));
}

}  // namespace
}  // namespace okr::coach
