// Importing sprint work from tracker exports into the demo organisation: the three
// formats, bad rows reported by line, re-import idempotence, nothing half-written.
#include "app/work_import.h"

#include <gtest/gtest.h>

#include "app/accounts.h"
#include "app/okrs.h"
#include "app/resources.h"
#include "test_db.h"

namespace okr {
namespace {

std::string fixture(const std::string& name) {
  return testing::read_text(std::string(OKR_TEST_DATA_DIR) + "/work/" + name);
}

struct WorkImport : ::testing::Test {
  testing::TempDb db;
  std::unique_ptr<Store> store = std::move(open_store(db.path())).value();
  app::App app{*store};
  app::Actor root = app::Actor::local_operator();

  void SetUp() override { ASSERT_TRUE(app.create_demo().ok()); }

  app::WorkImportSummary import(const std::string& text, formats::Tracker tracker,
                                std::optional<std::string> team = "growth",
                                const std::string& link_column = "") {
    auto s = app::import_work(app, {text, tracker, team, link_column}, root);
    EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
    return s.ok() ? *s : app::WorkImportSummary{};
  }
  Initiative initiative(const std::string& key) {
    auto i = app::get_initiative(app, key);
    EXPECT_TRUE(i.ok()) << key;
    return i.ok() ? *i : Initiative{};
  }
  Id kr(const std::string& key) { return app::get_key_result(app, key)->id; }
  std::string sprint_name(std::optional<Id> id) {
    return id ? app::get_sprint(app, *id)->name : std::string("(none)");
  }
};

TEST_F(WorkImport, JiraExportBecomesLinkedInitiativesAndBadRowsAreReportedByLine) {
  auto s = import(fixture("jira.csv"), formats::Tracker::jira);
  EXPECT_EQ(s.created, 5);
  EXPECT_EQ(s.updated, 0);
  ASSERT_EQ(s.skipped.size(), 3u);
  // The first record spans lines 2–4 and the second 5–6 (quoted line breaks).
  EXPECT_EQ(s.skipped[0].line, 9);
  EXPECT_NE(s.skipped[0].message.find("no 'Issue key'"), std::string::npos);
  EXPECT_EQ(s.skipped[1].line, 10);
  EXPECT_NE(s.skipped[1].message.find("status 'Parked by legal'"), std::string::npos);
  EXPECT_EQ(s.skipped[2].line, 11);
  EXPECT_NE(s.skipped[2].message.find("key result 'growth-nonexistent' does not exist"),
            std::string::npos);
  EXPECT_TRUE(s.sprints_created.empty());

  auto a = initiative("GROW-142");
  EXPECT_EQ(a.title, "Checklist that shows the next step");
  EXPECT_EQ(a.status, InitiativeStatus::done);
  EXPECT_EQ(sprint_name(a.sprint_id), "Growth 4");  // the last of its Sprint columns
  EXPECT_EQ(a.key_result_ids, std::vector<Id>{kr("growth-activation")});

  auto b = initiative("GROW-143");
  EXPECT_EQ(b.status, InitiativeStatus::in_progress);
  EXPECT_EQ(b.key_result_ids.size(), 2u);  // two kr: labels in two Labels columns

  // A title that a spreadsheet would run is kept as plain text.
  EXPECT_EQ(initiative("GROW-144").title, "=HYPERLINK(\"http://evil.example\",\"click\")");
  EXPECT_TRUE(initiative("GROW-145").key_result_ids.empty());
  EXPECT_EQ(initiative("GROW-149").status, InitiativeStatus::dropped);
  EXPECT_FALSE(app::get_initiative(app, "GROW-147").ok());
  EXPECT_FALSE(app::get_initiative(app, "GROW-148").ok());
}

TEST_F(WorkImport, ReimportUpdatesByKeyAndNeverDuplicates) {
  import(fixture("jira.csv"), formats::Tracker::jira);
  int before = testing::count_rows(db.path(), "initiatives");
  auto again = import(fixture("jira.csv"), formats::Tracker::jira);
  EXPECT_EQ(again.created, 0);
  EXPECT_EQ(again.updated, 0);
  EXPECT_EQ(again.unchanged, 5);
  EXPECT_EQ(testing::count_rows(db.path(), "initiatives"), before);

  std::string text = fixture("jira.csv");
  auto at = text.find("In Progress");
  text.replace(at, 11, "Done");
  auto changed = import(text, formats::Tracker::jira);
  EXPECT_EQ(changed.updated, 1);
  EXPECT_EQ(changed.unchanged, 4);
  EXPECT_EQ(initiative("GROW-143").status, InitiativeStatus::done);
  EXPECT_EQ(testing::count_rows(db.path(), "initiatives"), before);
}

TEST_F(WorkImport, GitlabAndGithubExports) {
  auto gl = import(fixture("gitlab.csv"), formats::Tracker::gitlab);
  EXPECT_EQ(gl.created, 2);
  ASSERT_EQ(gl.skipped.size(), 1u);
  EXPECT_EQ(gl.skipped[0].line, 4);
  auto a = initiative("lumen/app#31");
  EXPECT_EQ(a.status, InitiativeStatus::done);  // "Closed"
  EXPECT_EQ(a.url, "https://gitlab.example.com/lumen/app/-/issues/31");
  EXPECT_EQ(sprint_name(a.sprint_id), "Growth 4");  // the milestone
  EXPECT_EQ(a.key_result_ids, std::vector<Id>{kr("growth-time-to-value")});
  EXPECT_EQ(initiative("lumen/app#32").key_result_ids, std::vector<Id>{kr("growth-invites")});

  auto gh = import(fixture("github.tsv"), formats::Tracker::github);
  EXPECT_EQ(gh.created, 2);
  ASSERT_EQ(gh.skipped.size(), 1u);
  EXPECT_EQ(gh.skipped[0].line, 4);
  auto w = initiative("lumen/web#42");
  EXPECT_EQ(w.status, InitiativeStatus::done);
  EXPECT_EQ(sprint_name(w.sprint_id), "Growth 4");  // the iteration
  EXPECT_EQ(initiative("lumen/web#43").title, "@SUM(1+1) in a title");
}

TEST_F(WorkImport, TheLinkColumnAndTheTeamOfTheKeyResult) {
  std::string text =
      "Issue key,Summary,Status,Key results\n"
      "GROW-300,Onboarding emails,Done,\"kr:growth-activation; growth-invites\"\n";
  // No team given: the work belongs to the team of the first key result.
  auto s = import(text, formats::Tracker::jira, std::nullopt, "Key results");
  EXPECT_EQ(s.created, 1);
  auto i = initiative("GROW-300");
  EXPECT_EQ(i.key_result_ids.size(), 2u);
  EXPECT_EQ(i.team_id, app::get_objective(app, "growth-first-week")->team_id);

  auto missing = app::import_work(app, {text, formats::Tracker::jira, "growth", "Nope"}, root);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().field, "link_column");
}

TEST_F(WorkImport, ANewSprintIsCreatedOnceAndARefusedRowWritesNothing) {
  std::string text =
      "Issue key,Summary,Status,Sprint,Labels\n"
      "GROW-400,One,To Do,Growth 9,kr:growth-activation\n"
      "GROW-401,Two,To Do,Growth 9,\n";
  auto s = import(text, formats::Tracker::jira);
  EXPECT_EQ(s.created, 2);
  EXPECT_EQ(s.sprints_created, std::vector<std::string>{"growth/Growth 9"});
  EXPECT_EQ(initiative("GROW-400").sprint_id, initiative("GROW-401").sprint_id);

  // A member may add work but not plan sprints: the row needing a new sprint is
  // skipped whole (no sprint, no initiative), the other row is imported.
  std::optional<Id> member;
  {
    auto tx = store->begin(Store::Mode::read);
    auto growth = tx->find_team_by_key("growth");
    for (const auto& m : tx->list_memberships(growth->id, std::nullopt))
      if (m.role == TeamRole::member) member = m.user_id;
  }
  ASSERT_TRUE(member);
  app::Actor actor = [&] {
    auto tx = store->begin(Store::Mode::read);
    return app::load_actor(*tx, *member);
  }();
  int sprints = testing::count_rows(db.path(), "sprints");
  std::string more =
      "Issue key,Summary,Status,Sprint,Labels\n"
      "GROW-402,Three,To Do,Growth 10,kr:growth-activation\n"
      "GROW-403,Four,To Do,Growth 9,kr:growth-activation\n";
  auto r = app::import_work(app, {more, formats::Tracker::jira, "growth", ""}, actor);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->created, 1);
  ASSERT_EQ(r->skipped.size(), 1u);
  EXPECT_EQ(r->skipped[0].line, 2);
  EXPECT_NE(r->skipped[0].message.find("only its lead"), std::string::npos);
  EXPECT_EQ(testing::count_rows(db.path(), "sprints"), sprints);
  EXPECT_FALSE(app::get_initiative(app, "GROW-402").ok());
}

TEST_F(WorkImport, AFileThatIsNotTheTrackersExportChangesNothing) {
  std::string before = testing::dump(db.path());
  auto wrong =
      app::import_work(app, {fixture("gitlab.csv"), formats::Tracker::jira, "growth", ""}, root);
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(wrong.error().message.find("'Issue key'"), std::string::npos);
  auto broken = app::import_work(
      app,
      {"Issue key,Summary,Status\nG-1,\"never closed,Done\n", formats::Tracker::jira, "growth", ""},
      root);
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.error().line, 2);
  auto team =
      app::import_work(app, {fixture("jira.csv"), formats::Tracker::jira, "nobody", ""}, root);
  ASSERT_FALSE(team.ok());
  EXPECT_EQ(team.error().code, ErrorCode::not_found);
  EXPECT_EQ(testing::dump(db.path()), before);
}

TEST_F(WorkImport, HostileRowsAreSkippedByLine) {
  std::string big(300 * 1024, 'x');
  std::string text = "Issue key,Summary,Status\nGROW-500,\"" + big +
                     "\",Done\nGROW-501,bad \xC3\x28 text,Done\nGROW-502,Fine,Done\n";
  auto s = import(text, formats::Tracker::jira);
  EXPECT_EQ(s.created, 1);
  ASSERT_EQ(s.skipped.size(), 2u);
  EXPECT_EQ(s.skipped[0].line, 2);
  EXPECT_EQ(s.skipped[1].line, 3);
  EXPECT_NE(s.skipped[1].message.find("UTF-8"), std::string::npos);
}

}  // namespace
}  // namespace okr
