// Writers on PostgreSQL run side by side: two writes to different key results never
// wait for each other, and two writes to the same one still meet the version check.
#include <chrono>
#include <future>
#include <thread>
#include <vector>

#include "app/run.h"
#include "example_org.h"

namespace okr {
namespace {

using testing::ExampleOrg;
using PgWriters = ExampleOrg;

int advisory_locks(const std::string& url) {
  pqxx::connection c(url);
  pqxx::nontransaction w(c);
  // In this database only: the server's other databases belong to tests running beside.
  return w
      .exec(
          "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = "
          "(SELECT oid FROM pg_database WHERE datname = current_database())")[0][0]
      .as<int>();
}

// What a check-in does in its transaction: the key result, its objective and cycle,
// then the check-in and its audit event.
void check_in_on(Transaction& tx, Id key_result_id, double value) {
  auto kr = tx.find_key_result(key_result_id);
  ASSERT_TRUE(kr);
  auto objective = tx.find_objective(kr->objective_id);
  ASSERT_TRUE(objective);
  ASSERT_TRUE(tx.find_cycle(objective->cycle_id));
  CheckIn c;
  c.key_result_id = kr->id;
  c.value = value;
  c.at = testing::fixed_now();
  c.id = tx.add_check_in(c);
  tx.add_audit_event({0, c.at, std::nullopt, "check-in", "key_result", kr->id, "", "{}"});
}

TEST_F(PgWriters, TwoWritersOnDifferentKeyResultsBothProceedWithoutWaiting) {
  if (!testing::on_postgres()) GTEST_SKIP() << "PostgreSQL only";
  const auto rebook = key_result("booking-2027q1-rebook-rate");
  const auto card = key_result("payments-2027q1-card-on-file");
  const auto started = std::chrono::steady_clock::now();
  auto first = store->begin();
  check_in_on(*first, rebook.id, 41);
  // With one write lock for the whole database, this waited for `first` to end.
  auto second = store->begin();
  check_in_on(*second, card.id, 72);
  EXPECT_EQ(advisory_locks(db.path()), 0) << "no writer takes an advisory lock";
  second->commit();
  first->commit();
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
  EXPECT_EQ(app::list_check_ins(app, rebook.id)->back().value, 41);
  EXPECT_EQ(app::list_check_ins(app, card.id)->back().value, 72);
}

TEST_F(PgWriters, TwoWritersOnOneKeyResultStillMeetTheVersionCheck) {
  if (!testing::on_postgres()) GTEST_SKIP() << "PostgreSQL only";
  const auto stored = key_result("booking-2027q1-rebook-rate");
  auto first = store->begin();
  auto second = store->begin();
  auto mine = *first->find_key_result(stored.id);
  auto theirs = *second->find_key_result(stored.id);
  mine.title = "Rebook rate, as first written";
  first->update_key_result(mine);
  // The second writer changes the same row from the same version: it waits for the
  // first, and once the first commits it is given up, to run again from the start.
  auto second_update = std::async(std::launch::async, [&] {
    theirs.title = "Rebook rate, as second written";
    try {
      second->update_key_result(theirs);
      second->commit();
      return std::string("committed");
    } catch (const StoreError& e) {
      return std::string(e.retryable() ? "run again" : e.what());
    }
  });
  EXPECT_EQ(second_update.wait_for(std::chrono::milliseconds(200)), std::future_status::timeout)
      << "the second writer waits for the row the first holds";
  first->commit();
  EXPECT_EQ(second_update.get(), "run again");
  second.reset();
  // Run again, the stale version is refused as a conflict (HTTP 412), as when the two
  // writes came one after the other.
  auto again = app::run(*store, Store::Mode::write,
                        [&](Transaction& tx) { return tx.update_key_result(theirs); });
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  EXPECT_EQ(key_result(stored.key).title, "Rebook rate, as first written");
}

TEST_F(PgWriters, ManyWritersOnDifferentKeyResultsAllLand) {
  if (!testing::on_postgres()) GTEST_SKIP() << "PostgreSQL only";
  const std::vector<std::string> keys{"booking-2027q1-rebook-rate", "booking-2027q1-no-show-rate",
                                      "payments-2027q1-card-on-file",
                                      "payments-2027q1-payout-days"};
  const int before = testing::count_rows(db.path(), "check_ins");
  std::vector<std::future<int>> writers;
  for (const auto& key : keys)
    for (int w = 0; w < 2; ++w)
      writers.push_back(std::async(std::launch::async, [&, key] {
        int landed = 0;
        for (int i = 0; i < 10; ++i)
          if (app.check_in({key, 10.0 + i, std::nullopt, "", std::nullopt}, root).ok()) ++landed;
        return landed;
      }));
  int landed = 0;
  for (auto& w : writers) landed += w.get();
  EXPECT_EQ(landed, 80);
  EXPECT_EQ(testing::count_rows(db.path(), "check_ins"), before + 80);
}

}  // namespace
}  // namespace okr
