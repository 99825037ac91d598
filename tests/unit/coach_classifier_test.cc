// The output/outcome classifier on the hard cases: outputs dressed as metrics,
// outcomes that start with a verb, and counts of activities versus counts of
// people or money. Each verdict must say which words decided it.
#include <gtest/gtest.h>

#include <string>

#include "core/coach/coach.h"
#include "core/coach/text.h"

namespace okr::coach {
namespace {

void expect_output(const char* title, const char* evidence_part) {
  auto c = classify_key_result(title);
  EXPECT_TRUE(c.is_output) << title << " -> " << c.evidence;
  EXPECT_NE(c.evidence.find(evidence_part), std::string::npos) << title << " -> " << c.evidence;
  // The rewrite is outcome-shaped: "... from X to Y" ("from $X to $Y", "from X days to").
  size_t from = c.rewrite.find("from ");
  EXPECT_NE(from, std::string::npos) << title << " -> " << c.rewrite;
  EXPECT_NE(c.rewrite.find(" to ", from), std::string::npos) << title << " -> " << c.rewrite;
}

void expect_outcome(const char* title, const char* evidence_part) {
  auto c = classify_key_result(title);
  EXPECT_FALSE(c.is_output) << title << " -> " << c.evidence;
  EXPECT_NE(c.evidence.find(evidence_part), std::string::npos) << title << " -> " << c.evidence;
  EXPECT_TRUE(c.rewrite.empty()) << title;
}

TEST(CoachClassifier, OutputsDressedAsMetrics) {
  expect_output("Increase sprint velocity from 30 to 40 points",
                "'sprint velocity' measures the team's output");
  expect_output("Raise story points completed per sprint from 40 to 55", "'story points'");
  expect_output("Close 120 Jira tickets", "'Jira tickets'");
  expect_output("Increase the number of features shipped per quarter from 6 to 10",
                "'number of features' shipped counts the team's output");
  expect_output("Raise code coverage from 55% to 80%", "'code coverage'");
}

TEST(CoachClassifier, OutcomesThatStartWithAVerb) {
  expect_outcome("Add 30 enterprise customers", "count of 'enterprise customers'");
  expect_outcome("Grow weekly active teams from 1,200 to 1,800",
                 "'from 1,200 to 1,800' on 'weekly active teams'");
  expect_outcome("Cut p95 checkout latency from 900ms to 400ms",
                 "'from 900ms to 400ms' on 'p95 checkout latency' (what users experience)");
  expect_outcome("Raise activation rate from 42% to 65%", "'from 42% to 65%' on 'activation rate'");
}

TEST(CoachClassifier, CountsOfActivitiesVersusPeopleAndMoney) {
  expect_output("Hold 4 advisory board meetings",
                "verb 'hold' + object 'advisory board meetings' (an activity)");
  expect_output("Publish 15 blog posts", "verb 'publish' + object 'blog posts' (content produced)");
  expect_output("Run 12 user interviews", "'user interviews'");
  expect_output("Make 500 cold calls", "count of activities 'cold calls'");
  expect_outcome("Sign 12 new paying customers", "count of 'paying customers' (a business result)");
  expect_outcome("Reach $2M ARR", "'$2M ARR' (a business result)");
  expect_outcome("Win 15 deals over $50k", "'deals'");
}

TEST(CoachClassifier, BugsFixedAreOutputsBugsReportedAreOutcomes) {
  expect_output("Fix 50 bugs", "verb 'fix' + object 'bugs'");
  expect_outcome("Reduce bugs reported by customers from 40 to 10 per month",
                 "reported or felt by users");
  expect_outcome("Reduce Sev-1 incidents from 6 to 1 per quarter", "fewer 'incidents'");
  expect_output("Reduce the bug backlog from 300 to 120 open bugs", "'bug backlog'");
}

TEST(CoachClassifier, AVerbOfWorkWinsOverTheWordCustomers) {
  expect_output("Interview 20 churned customers", "even though it names people");
  expect_outcome("Win back 50 churned customers", "count of 'churned customers'");
}

TEST(CoachClassifier, SharesAndServiceLevelsAreOutcomes) {
  expect_outcome("Raise the share of services on the standard deployment pipeline from 40% to 75%",
                 "is a share");
  expect_outcome("Resolve 80% of P1 incidents within 1 hour", "a service level users feel");
  expect_output("Resolve 200 tickets from the engineering backlog", "verb 'resolve'");
}

TEST(CoachClassifier, RewriteIsSpecificToWhatWasFound) {
  EXPECT_EQ(classify_key_result("Ship the new onboarding checklist").rewrite,
            "Name the change the onboarding checklist should cause: 'Ship the new onboarding "
            "checklist so that <who> <does what>', measured as 'Raise onboarding completion from "
            "X% to Y%'");
  EXPECT_EQ(classify_key_result("Increase sprint velocity from 30 to 40 points").rewrite,
            "Measure what faster delivery should change for users: 'Increase sprint velocity "
            "from 30 to 40 points so that <who> <does what>', measured as 'Cut lead time from "
            "request to customer value from X days to Y days'");
  EXPECT_EQ(classify_key_result("Fix 50 bugs").rewrite,
            "Measure the quality users experience: 'Fix 50 bugs so that <who> <does what>', "
            "measured as 'Reduce bugs reported by customers from X to Y per month'");
  EXPECT_EQ(classify_key_result("Publish 15 blog posts").rewrite,
            "Name the result the blog posts should bring: 'Publish 15 blog posts so that <who> "
            "<does what>', measured as 'Grow signups from content from X to Y per month'");
}

// The rewrite keeps the writer's words and fills in who the work is for when
// the title names them; only what the coach cannot know stays a placeholder.
TEST(CoachClassifier, RewriteKeepsTheWritersWords) {
  EXPECT_EQ(classify_key_result("Launch the saved-searches panel for account owners.").rewrite,
            "Name the change this work should cause for users or the business: 'Launch the "
            "saved-searches panel for account owners so that account owners <do what>', measured "
            "as 'Raise search click-through from X% to Y%'");
  // People the work is done to are who should change: "10 lapsed donors", not "10".
  auto c = classify_key_result("Call 40 lapsed donors");
  ASSERT_TRUE(c.is_output) << c.evidence;
  EXPECT_NE(c.rewrite.find("'Call 40 lapsed donors so that lapsed donors <do what>'"),
            std::string::npos)
      << c.rewrite;
  // The team itself is not who the work is for.
  c = classify_key_result("Four blog posts written by the platform team");
  ASSERT_TRUE(c.is_output) << c.evidence;
  EXPECT_NE(c.rewrite.find("so that <who> <does what>"), std::string::npos) << c.rewrite;
}

TEST(CoachClassifier, TitleWithNothingMeasuredReadsAsWork) {
  expect_output("Improve the onboarding experience", "with no measured change");
  expect_output("Sign the lease for the Berlin office", "a one-off task");
}

TEST(CoachClassifier, EmptyOrOddInputDoesNotCrash) {
  for (const char* title : {"", "   ", "%%%", "→", "$", "1,2,3", "from to", "€", "’s"})
    (void)classify_key_result(title);
}

TEST(CoachText, UnderstandsTheWaysOkrsWriteNumbers) {
  auto t = tokenize("Grow ARR from $1.2M to $2M, 1,200 teams, 42%, 30→40, 900ms, 5k, €38");
  std::vector<Token> numbers;
  for (const auto& tok : t)
    if (tok.is_number()) numbers.push_back(tok);
  ASSERT_EQ(numbers.size(), 9u);
  EXPECT_DOUBLE_EQ(numbers[0].value, 1.2e6);
  EXPECT_TRUE(numbers[0].money);
  EXPECT_DOUBLE_EQ(numbers[1].value, 2e6);
  EXPECT_DOUBLE_EQ(numbers[2].value, 1200);
  EXPECT_TRUE(numbers[3].percent);
  EXPECT_DOUBLE_EQ(numbers[3].value, 42);
  EXPECT_DOUBLE_EQ(numbers[4].value, 30);
  EXPECT_DOUBLE_EQ(numbers[5].value, 40);
  EXPECT_EQ(numbers[6].unit, "ms");
  EXPECT_DOUBLE_EQ(numbers[7].value, 5000);
  EXPECT_TRUE(numbers[8].money);
  EXPECT_DOUBLE_EQ(numbers[8].value, 38);
}

// Real key results are clauses, not "verb + metric": who acts decides.
TEST(CoachClassifier, PeopleActingAreOutcomesWithoutFromTo) {
  expect_outcome("2,000 teams publish a board every week", "'teams'");
  expect_outcome("Weekly active reviewers double year over year", "'Weekly active reviewers'");
  expect_outcome("12 hospitals cite our data in their reports", "'hospitals'");
  expect_outcome("The planner is used in every sprint review", "'The planner is used'");
  expect_outcome("At least 300 active maintainers, active meaning a merge a month",
                 "'active maintainers'");
  expect_outcome("There are at least 200 active publishers", "counts people outside the team");
  expect_outcome("Reps who attended the calls rate them 4 out of 5", "a rating people give");
  expect_outcome("It takes less than 48 hours to transfer a 1TB dataset",
                 "a wait people experience");
  expect_outcome("IACV doubles year over year", "'IACV'");
}

TEST(CoachClassifier, FinishedDeliverablesAreOutputs) {
  expect_output("Bulk edit is available to every workspace by default",
                "'Bulk edit is available' states a deliverable as finished");
  expect_output("Hosting costs are worked out and documented", "'Hosting costs are worked out'");
  expect_output("Usage examples and proper documentation exist for all the modules", "exist");
  expect_output("Billing support added for the EMEA region", "'Billing support added'");
  expect_output("There is a prototype implementation of the sync protocol",
                "says a deliverable exists");
  expect_output("Admins can force the refresh of permissions of individual users",
                "describes a capability the team builds");
  expect_output("New contributors are welcomed by an automated message",
                "says what the team did to people");
  expect_output("100% of monthly releases ship on time", "counts the team's own deliveries");
}

TEST(CoachClassifier, TheTeamItselfHiringContentAndRitualsAreOutputs) {
  expect_output("Hire two senior designers", "verb 'hire'");
  expect_output("Add one full-time data engineer", "'full-time' names a role to fill");
  expect_output("Four blog posts written by the platform team", "'the platform team' is the team");
  expect_output("Each team has documented KPIs in the handbook", "'Each team' is the team itself");
  expect_output("Run monthly account reviews for all enterprise customers",
                "verb 'run' + object 'monthly account reviews' (an activity)");
  expect_output("We gather, process and present metrics for the project",
                "names the team's own work");
  expect_output("Re-implement health check", "verb 're-implement'");
  // Teams of customers stay people: "weekly active teams" is an outcome.
  expect_outcome("Grow weekly active teams from 1,200 to 1,800", "'weekly active teams'");
}

TEST(CoachText, SplitsHyphensAndStemsPlurals) {
  auto t = tokenize("Trial-to-paid stories");
  ASSERT_EQ(t.size(), 4u);
  EXPECT_EQ(t[0].text, "trial");
  EXPECT_EQ(t[1].text, "to");
  EXPECT_EQ(t[3].stem, "story");
  EXPECT_EQ(stem_word("status"), "status");
  EXPECT_EQ(stem_word("bugs"), "bug");
}

TEST(CoachText, CountsWordsAndSentences) {
  EXPECT_EQ(count_words("  Delight  new teams "), 3);
  EXPECT_EQ(count_sentences("Delight new teams. Keep them!"), 2);
  EXPECT_EQ(count_sentences("Grow 2.5x, e.g. in Europe"), 1);
  EXPECT_EQ(count_sentences(""), 0);
}

}  // namespace
}  // namespace okr::coach
