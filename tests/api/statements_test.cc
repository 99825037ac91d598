// What each kind of request costs on PostgreSQL, in statements sent to the server:
// the pages people open most, read just after a write (so nothing cached helps) and
// again (the cached copy), and the check-in. Each count is pinned as a ceiling; a
// change that makes a request talk to the database more fails here. The counts are the
// same for every size of organisation, where the ceilings say "bounded": the
// objective page is measured again after its key results gained many check-ins.
#include <cstdint>
#include <iostream>

#include "demo_fixture.h"
#include "formats/okr_file.h"
#include "storage/postgres/pg_store.h"

namespace okr::http {
namespace {

using Statements = DemoApi;

struct Cost {
  std::uint64_t after_write;  // the first request after a write
  std::uint64_t cached;       // the same request again
};

// Statements sent, less the checks whether another server wrote: those are made at
// most once a millisecond, so whether one falls within a request depends on the clock.
// Each request makes at most two (its actor, its cached document).
class Counter {
 public:
  explicit Counter(Store& store) : store_(dynamic_cast<postgres::PgStore&>(store)) {}
  std::uint64_t now() const { return store_.statements() - store_.generation_checks(); }

 private:
  postgres::PgStore& store_;
};

TEST_F(Statements, EachRequestKindStaysWithinItsStatements) {
  if (!okr::testing::on_postgres()) GTEST_SKIP() << "counts PostgreSQL statements";
  Counter counter(*store);
  const std::string as = "ana@lumen.example";
  auto cost_of = [&](const std::string& target) {
    // A write first, so that no cached document answers the first read.
    EXPECT_EQ(check_in_at_target("growth-invites").result_int(), 201);
    auto before = counter.now();
    get(target, as);
    auto first = counter.now() - before;
    before = counter.now();
    get(target, as);
    return Cost{first, counter.now() - before};
  };
  struct Kind {
    const char* name;
    std::string target;
    Cost ceiling;
  };
  const std::vector<Kind> kinds{
      // Each loads what it shows for all its objectives and key results at once (their
      // key results, reviews, latest check-ins, dependencies, initiatives, aligned
      // objectives, the teams and people named): the same count however many.
      {"objective page", "/api/v1/objectives/growth-first-week/detail", {29, 0}},
      {"team page", "/api/v1/cycles/" + cycle + "/teams/growth", {16, 0}},
      // The cycle is read without a transaction around it: cached, one statement.
      {"overview", "/api/v1/cycles/" + cycle + "/overview", {11, 1}},
      // The graded cycles before it are loaded too, a few statements each.
      {"company summary", "/api/v1/cycles/" + cycle + "/summary?limit=50", {23, 2}},
      // One statement, and no BEGIN or COMMIT around it.
      {"one objective", "/api/v1/objectives/growth-first-week", {1, 1}},
      // With what each key result reads as now (latest check-ins, objectives, cycles,
      // and the status rule from the settings kept between requests): four statements
      // for the whole page.
      {"key result list", "/api/v1/key-results?limit=50", {8, 8}},
  };
  for (const auto& k : kinds) {
    const Cost c = cost_of(k.target);
    std::cout << k.name << ": " << c.after_write << " after a write, " << c.cached << " cached\n";
    EXPECT_LE(c.after_write, k.ceiling.after_write) << k.name << " after a write";
    EXPECT_LE(c.cached, k.ceiling.cached) << k.name << " cached";
  }
  // A check-in, by someone whose token the server has already read.
  get("/api/v1/key-results/growth-activation", as);
  for (int i = 0; i < 2; ++i) {
    const auto before = counter.now();
    EXPECT_EQ(
        post("/api/v1/key-results/growth-activation/check-ins", R"({"value":61})", as).result_int(),
        201);
    const auto cost = counter.now() - before;
    std::cout << "check-in: " << cost << "\n";
    // 7: one reads the check-in it follows, by the key result's key, before the write
    // and outside any transaction (read inside it, concurrent check-ins would give each
    // other up as serialization failures); in the write, one reads the key result with
    // its objective and cycle, the settings (the status rule, so that the key result's
    // owner hears when it goes off track: a write reads them in its own snapshot, not
    // from the copy kept for reads) and whether any webhook or chat channel listens (the
    // outbox); then the two inserts (the check-in and its audit event), and BEGIN, COMMIT
    // and the generation. The signed-in actor is not read again: the check-in changes no
    // account.
    EXPECT_LE(cost, 7u) << "check-in";
  }
}

TEST_F(Statements, TheObjectivePageCostsTheSameHoweverManyCheckInsItShows) {
  if (!okr::testing::on_postgres()) GTEST_SKIP() << "counts PostgreSQL statements";
  Counter counter(*store);
  const std::string page = "/api/v1/objectives/growth-first-week/detail";
  get("/api/v1/key-results/growth-activation", "ana@lumen.example");  // the token read once
  auto cost = [&] {
    const auto before = counter.now();
    auto body = get(page, "ana@lumen.example");
    return counter.now() - before;
  };
  const auto few = cost();
  {
    // A check-in every day of the cycle so far on each of the objective's key results,
    // each by someone else: the page names the authors of those it shows.
    auto tx = store->begin();
    const auto objective = tx->find_objective_by_key("growth-first-week");
    const auto cycle_of = tx->find_cycle(objective->cycle_id);
    const auto people = tx->list_users();
    std::size_t n = 0;
    for (const auto& kr : tx->list_key_results(objective->id))
      for (Instant at = start_of_day(cycle_of->start); at < okr::testing::fixed_now();
           at += std::chrono::hours(24))
        tx->add_check_in(
            {0, kr.id, kr.start, std::nullopt, "", people[n++ % people.size()].id, at});
    tx->commit();
  }
  const auto many = cost();
  EXPECT_EQ(many, few) << "a week of history, or a check-in shown, is not a statement each";
}

// What an objective page and a team page cost after a write, with `n` more of each
// thing they show: key results (each checked in on, asking another team for help,
// with an initiative), objectives aligned to the objective, objectives of the team.
class Growing : public Statements {
 protected:
  // Adds `n` of each to growth-first-week and to the growth team.
  void grow(int n) {
    auto tx = store->begin();
    const auto objective = *tx->find_objective_by_key("growth-first-week");
    const auto teams = tx->list_teams();
    const auto ana = tx->find_user_by_email("ana@lumen.example")->id;
    std::vector<Id> others;
    for (const auto& t : teams)
      if (t.id != objective.team_id) others.push_back(t.id);
    for (int i = 0; i < n; ++i, ++added_) {
      const std::string tag = std::to_string(added_);
      KeyResult kr;
      kr.key = "growth-more-" + tag;
      kr.objective_id = objective.id;
      kr.title = "Weekly active teams from 10 to 20 (" + tag + ")";
      kr.start = 10;
      kr.target = 20;
      kr.owner_id = ana;
      kr.id = tx->create_key_result(kr);
      tx->add_check_in(
          {0, kr.id, 12, 0.6, "", ana, okr::testing::fixed_now() - std::chrono::hours(30)});
      Dependency d;
      d.key_result_id = kr.id;
      d.team_id = others[static_cast<std::size_t>(added_) % others.size()];
      d.note = "help " + tag;
      d.asked_by = ana;
      d.asked_at = okr::testing::fixed_now() - std::chrono::hours(48);
      tx->create_dependency(d);
      Initiative work;
      work.key = "MORE-" + tag;
      work.title = "More " + tag;
      work.team_id = objective.team_id;
      work.key_result_ids = {kr.id};
      tx->create_initiative(work);
      for (Id team :
           {others[static_cast<std::size_t>(added_) % others.size()], objective.team_id}) {
        Objective o;
        o.key = "more-" + tag + "-" + std::to_string(team);
        o.cycle_id = objective.cycle_id;
        o.team_id = team;
        o.title = "Teams find their way on their own (" + tag + ")";
        o.owner_id = ana;
        if (team != objective.team_id) o.parent_id = objective.id;
        o.id = tx->create_objective(o);
        KeyResult own = kr;
        own.key = o.key + "-kr";
        own.objective_id = o.id;
        own.id = tx->create_key_result(own);
        tx->add_check_in(
            {0, own.id, 15, 0.7, "", ana, okr::testing::fixed_now() - std::chrono::hours(20)});
      }
    }
    tx->commit();
  }
  int added_ = 0;
};

TEST_F(Growing, TheObjectiveAndTeamPagesCostTheSameHoweverMuchTheyShow) {
  if (!okr::testing::on_postgres()) GTEST_SKIP() << "counts PostgreSQL statements";
  Counter counter(*store);
  const std::string as = "ana@lumen.example";
  auto cost_after_write = [&](const std::string& target) {
    EXPECT_EQ(check_in_at_target("growth-invites").result_int(), 201);
    const auto before = counter.now();
    get(target, as);
    return counter.now() - before;
  };
  const std::string objective = "/api/v1/objectives/growth-first-week/detail";
  const std::string team = "/api/v1/cycles/" + cycle + "/teams/growth";
  // A list that comes out empty costs no statement, so the count may fall as the
  // page shows more (every team it names is then among those it scores); never rise.
  grow(1);
  const auto objective_few = cost_after_write(objective);
  const auto team_few = cost_after_write(team);
  grow(6);
  EXPECT_GE(get(objective, as).at("children").as_array().size(), 7u);
  EXPECT_LE(cost_after_write(objective), objective_few)
      << "key results, their check-ins, dependencies and initiatives, and aligned objectives "
         "are not a statement each";
  EXPECT_LE(cost_after_write(team), team_few) << "objectives are not a statement each";
}

TEST_F(Statements, AKeyResultPageCostsTheSameHoweverManyItHolds) {
  if (!okr::testing::on_postgres()) GTEST_SKIP() << "counts PostgreSQL statements";
  Counter counter(*store);
  auto cost = [&](const std::string& target) {
    get(target, "ana@lumen.example");  // the token and the page's first statements read once
    const auto before = counter.now();
    auto body = get(target, "ana@lumen.example");
    return counter.now() - before;
  };
  const auto two = cost("/api/v1/key-results?limit=2");
  const auto forty = cost("/api/v1/key-results?limit=40");
  EXPECT_EQ(forty, two) << "current, score and status are not a statement per key result";
}

}  // namespace

// A whole organisation's file: 120 new teams in a tree, each with a lead and two members,
// an objective aligned to its parent team's and three key results; about 2,300 rows with
// their audit events. Written many rows to a statement, not a statement each.
TEST_F(Statements, AnImportWritesItsRowsManyToAStatement) {
  if (!okr::testing::on_postgres()) GTEST_SKIP() << "counts PostgreSQL statements";
  constexpr int kTeams = 120;
  std::string yaml = "cycle: " + cycle + "\nteams:\n";
  for (int t = 0; t < kTeams; ++t) {
    const std::string n = std::to_string(t);
    yaml += "  - key: imported-" + n + "\n    name: Imported " + n + "\n    parent: " +
            (t == 0 ? std::string("growth") : "imported-" + std::to_string((t - 1) / 4)) +
            "\n    lead: lead" + n + "@lumen.example\n    members: [a" + n + "@lumen.example, b" +
            n + "@lumen.example]\n";
  }
  yaml += "objectives:\n";
  for (int t = 0; t < kTeams; ++t) {
    const std::string n = std::to_string(t);
    yaml += "  - key: imported-o" + n + "\n    team: imported-" + n +
            "\n    title: Teams find their way on their own " + n + "\n    owner: lead" + n +
            "@lumen.example\n";
    if (t > 0) yaml += "    aligns_to: imported-o" + std::to_string((t - 1) / 4) + "\n";
    yaml += "    key_results:\n";
    for (int k = 0; k < 3; ++k)
      yaml += "      - key: imported-o" + n + "-" + std::to_string(k) +
              "\n        title: Weekly active teams from 10 to 20 (" + n +
              ")\n        metric: number\n"
              "        start: 10\n        target: 20\n        owner: a" +
              n + "@lumen.example\n";
  }
  auto file = formats::parse_okr_yaml(yaml);
  ASSERT_TRUE(file.ok()) << file.error().message;
  Counter counter(*store);
  const auto before = counter.now();
  auto imported = app.import_okrs(*file, app::Actor::local_operator());
  ASSERT_TRUE(imported.ok()) << imported.error().message;
  const auto cost = counter.now() - before;
  std::cout << "import of " << kTeams << " teams: " << cost << " statements\n";
  EXPECT_EQ(imported->created, kTeams * (1 + 1 + 3) + kTeams * 3);  // and 360 people
  // 55 today. Before, each team, objective, key result, alignment and place in the tree
  // was a statement of its own (over 1,000 here).
  EXPECT_LE(cost, 80u);
  auto tx = store->begin();
  const auto deep = tx->find_objective_by_key("imported-o" + std::to_string(kTeams - 1));
  ASSERT_TRUE(deep);
  EXPECT_EQ(tx->find_objective(*deep->parent_id)->key,
            "imported-o" + std::to_string((kTeams - 2) / 4));
  EXPECT_EQ(tx->list_key_results(deep->id).size(), 3u);
  EXPECT_EQ(tx->list_memberships(deep->team_id, std::nullopt).size(), 3u);
}

}  // namespace okr::http
