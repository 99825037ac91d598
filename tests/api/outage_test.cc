// The database going away under a running server (a PostgreSQL restart, a failover):
// every request is answered 503 /problems/unavailable with Retry-After, never 500, and
// no answer shows what only the operator should see (the database's address, its user,
// libpq's message). The log keeps those. PostgreSQL only: a SQLite file cannot be
// taken away this way (tests/cli/disk_full.sh and readonly.sh cover its refusals).
#include <gtest/gtest.h>

#include "demo_fixture.h"

namespace okr::http {
namespace {

class Outage : public DemoApi {
 public:
  // The test database's name, from its URL (postgresql://postgres@/NAME?host=DIR).
  std::string database() const {
    const std::string url = db.path();
    const auto from = url.find("@/") + 2;
    return url.substr(from, url.find('?') - from);
  }
  void allow_connections(bool allow) {
    okr::testing::pg_admin("ALTER DATABASE " + database() + " ALLOW_CONNECTIONS " +
                           (allow ? "true" : "false"));
    if (!allow)
      okr::testing::pg_admin(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database() +
          "' AND pid <> pg_backend_pid()");
  }
  void TearDown() override {
    if (okr::testing::on_postgres()) allow_connections(true);
  }
};

TEST_F(Outage, ADatabaseThatIsDownIsUnavailableAndItsAddressStaysInTheLog) {
  if (!okr::testing::on_postgres()) GTEST_SKIP() << "PostgreSQL only";
  ASSERT_EQ(get("/api/v1/objectives?team=growth").at("items").as_array().empty(), false);
  allow_connections(false);

  std::vector<testing::HttpResponse> answers;
  for (const char* target : {"/api/v1/objectives?team=growth", "/api/v1/cycles",
                             "/api/v1/key-results/growth-activation"}) {
    auto r = fetch(server->port(), "GET", target, {},
                   {"Authorization: Bearer " + tokens.at("maya@lumen.example")});
    ASSERT_TRUE(r);
    answers.push_back(*r);
  }
  answers.push_back(post("/api/v1/key-results/growth-activation/check-ins", R"({"value": 50})"));
  // Signing in needs no credentials: anyone may learn only that the service is down.
  auto session = fetch(server->port(), "POST", "/api/v1/session",
                       R"({"email":"maya@lumen.example","password":"not the password"})",
                       {"Content-Type: application/json"});
  ASSERT_TRUE(session);
  answers.push_back(*session);

  for (const auto& r : answers) {
    EXPECT_EQ(r.result_int(), 503) << r.body();
    EXPECT_EQ(json_of(r).at("type"), "/problems/unavailable") << r.body();
    EXPECT_FALSE(r["Retry-After"].empty()) << r.body();
    for (const std::string& secret :
         {database(), okr::testing::pg_socket_dir(), std::string("postgres@"), std::string("FATAL"),
          std::string("accepting connections")})
      EXPECT_EQ(r.body().find(secret), std::string::npos) << secret << " in " << r.body();
  }
  // The operator learns what happened from the log.
  bool logged = false;
  for (const auto& line : server->log().grep("request failed"))
    logged = logged || line.find(database()) != std::string::npos;
  EXPECT_TRUE(logged) << "the log does not name the database";

  allow_connections(true);
  EXPECT_EQ(get("/api/v1/objectives?team=growth").at("items").as_array().empty(), false);
}

}  // namespace
}  // namespace okr::http
