// A write lock held on the database (another process, a backup, a long import) with
// many writers waiting for it: the writers must not hold the threads that reads need.
// SQLite only: the lock is held through a second connection to the file.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <thread>
#include <vector>

#include "demo_fixture.h"

namespace okr::http {
namespace {

using Clock = std::chrono::steady_clock;

class WriteLock : public DemoApi {};

TEST_F(WriteLock, WritersWaitingForTheLockDoNotStarveReads) {
  if (okr::testing::on_postgres()) GTEST_SKIP() << "holds a SQLite file's lock";
  sqlite3* holder = nullptr;
  ASSERT_EQ(sqlite3_open(db.path().c_str(), &holder), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(holder, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);

  // Twice as many writers as the server has threads for handlers (8 by default).
  std::vector<std::thread> writers;
  for (int i = 0; i < 16; ++i)
    writers.emplace_back([this] {
      (void)fetch(server->port(), "POST", "/api/v1/key-results/growth-activation/check-ins",
                  R"({"value": 55})",
                  {"Authorization: Bearer " + tokens.at("ana@lumen.example"),
                   "Content-Type: application/json"});
    });
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // all of them waiting

  Clock::duration slowest{};
  for (const char* target :
       {"/api/v1/objectives?team=growth", "/api/v1/key-results/growth-activation", "/api/v1/cycles",
        "/api/v1/session"}) {
    const auto start = Clock::now();
    auto r = fetch(server->port(), "GET", target, {},
                   {"Authorization: Bearer " + tokens.at("vera@lumen.example")});
    slowest = std::max(slowest, Clock::now() - start);
    ASSERT_TRUE(r) << target << ": no answer";
    EXPECT_EQ(r->result_int(), 200) << target << ": " << r->body();
  }
  EXPECT_LT(slowest, std::chrono::seconds(1))
      << "a read waited " << std::chrono::duration_cast<std::chrono::milliseconds>(slowest).count()
      << " ms behind writers waiting for the lock";

  ASSERT_EQ(sqlite3_exec(holder, "COMMIT", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(holder);
  for (auto& w : writers) w.join();
  // With the lock free again, writes go through.
  EXPECT_EQ(check_in_at_target("growth-activation").result_int(), 201);
}

}  // namespace
}  // namespace okr::http
