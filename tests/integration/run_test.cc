// Running a use case: a transaction the database gives up (a serialization failure,
// a deadlock) is run again from the start, so a caller never sees it; anything else
// is returned at once. On PostgreSQL, a real serialization failure is recognised.
#include <gtest/gtest.h>

#include "app/run.h"
#include "storage/postgres/connection.h"
#include "test_db.h"

namespace okr {
namespace {

std::vector<std::string> emails(Store& store) {
  std::vector<std::string> out;
  for (const auto& u : store.begin(Store::Mode::read)->list_users()) out.push_back(u.email);
  return out;
}

TEST(Run, RunsAGivenUpTransactionAgainAndKeepsOnlyTheLastAttempt) {
  testing::TempDb db;
  auto store = std::move(open_store(db.path())).value();
  int attempts = 0;
  auto result = app::run(*store, Store::Mode::write, [&](Transaction& tx) {
    ++attempts;
    tx.create_user({0, "try" + std::to_string(attempts) + "@acme.example", "Try", false, 1});
    if (attempts < 3) throw StoreError::retry("could not serialize access");
    return 42;
  });
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(*result, 42);
  EXPECT_EQ(attempts, 3);
  EXPECT_EQ(emails(*store), std::vector<std::string>{"try3@acme.example"});
}

TEST(Run, GivesUpAfterItsAttemptsWithABusyErrorAndWritesNothing) {
  testing::TempDb db;
  auto store = std::move(open_store(db.path())).value();
  int attempts = 0;
  auto result = app::run(*store, Store::Mode::write, [&](Transaction& tx) -> int {
    ++attempts;
    tx.create_user({0, "never@acme.example", "Never", false, 1});
    throw StoreError::retry("deadlock detected");
  });
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::busy);
  EXPECT_EQ(attempts, app::kMaxAttempts);
  EXPECT_TRUE(emails(*store).empty());
}

TEST(Run, ReturnsOtherStoreErrorsAtOnce) {
  testing::TempDb db;
  auto store = std::move(open_store(db.path())).value();
  int attempts = 0;
  auto result = app::run(*store, Store::Mode::write, [&](Transaction&) -> int {
    ++attempts;
    throw StoreError(ErrorCode::conflict, "stale", "version");
  });
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::conflict);
  EXPECT_EQ(attempts, 1);
}

// Two serializable transactions that each read what the other writes: PostgreSQL
// gives one up (SQLSTATE 40001), and the store reports it as one to run again.
TEST(Run, APostgresSerializationFailureIsOneToRunAgain) {
  if (!testing::on_postgres()) GTEST_SKIP() << "PostgreSQL only";
  testing::TempDb db;
  std::move(open_store(db.path())).value().reset();
  {
    pqxx::connection setup(db.path());
    pqxx::nontransaction(setup).exec("CREATE TABLE pair (k INTEGER PRIMARY KEY, v INTEGER)");
    pqxx::nontransaction(setup).exec("INSERT INTO pair VALUES (1, 0), (2, 0)");
  }
  postgres::Connection one(db.path()), two(db.path());
  one.exec("BEGIN ISOLATION LEVEL SERIALIZABLE");
  two.exec("BEGIN ISOLATION LEVEL SERIALIZABLE");
  one.exec("SELECT sum(v) FROM pair");
  two.exec("SELECT sum(v) FROM pair");
  one.exec("UPDATE pair SET v = 1 WHERE k = 1");
  two.exec("UPDATE pair SET v = 1 WHERE k = 2");
  one.exec("COMMIT");
  try {
    two.exec("COMMIT");
    FAIL() << "PostgreSQL committed both";
  } catch (const StoreError& e) {
    EXPECT_TRUE(e.retryable()) << e.what();
    EXPECT_EQ(e.code(), ErrorCode::busy);
  }
}

}  // namespace
}  // namespace okr
