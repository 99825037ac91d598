// What each kind of request costs on PostgreSQL, in statements sent to the server:
// the pages people open most, read just after a write (so nothing cached helps) and
// again (the cached copy), and the check-in. Each count is pinned as a ceiling; a
// change that makes a request talk to the database more fails here. The counts are the
// same for every size of organisation, where the ceilings say "bounded": the
// objective page is measured again after its key results gained many check-ins.
#include <cstdint>
#include <iostream>

#include "demo_fixture.h"
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
      {"objective page", "/api/v1/objectives/growth-first-week/detail", {78, 0}},
      {"team page", "/api/v1/cycles/" + cycle + "/teams/growth", {43, 0}},
      {"overview", "/api/v1/cycles/" + cycle + "/overview", {30, 3}},
      {"company summary", "/api/v1/cycles/" + cycle + "/summary?limit=50", {51, 6}},
      // With what each key result reads as now (latest check-ins, objectives, cycles,
      // the status rule): five statements for the whole page.
      {"key result list", "/api/v1/key-results?limit=50", {15, 10}},
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
    // 20: one of them asks whether any webhook or chat channel listens (the outbox);
    // five read the check-in it follows, in a read-only transaction of its own before
    // the write (read inside it, concurrent check-ins would give each other up as
    // serialization failures), and the status rule, so that the key result's owner hears
    // when it goes off track.
    EXPECT_LE(cost, 20u) << "check-in";
  }
}

TEST_F(Statements, TheObjectivePageCostsTheSameHoweverManyCheckInsItShows) {
  if (!okr::testing::on_postgres()) GTEST_SKIP() << "counts PostgreSQL statements";
  Counter counter(*store);
  const std::string page = "/api/v1/objectives/growth-first-week/detail";
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
}  // namespace okr::http
