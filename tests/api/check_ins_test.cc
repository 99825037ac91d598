// POST /api/v1/check-ins: a batch is written whole or not at all, and a refused
// batch names its first bad item.
#include <gtest/gtest.h>

#include "demo_fixture.h"

namespace okr::http {
namespace {

using CheckInBatch = DemoApi;

std::size_t count_check_ins(DemoApi& t, const std::string& kr) {
  return t.get("/api/v1/key-results/" + kr + "/check-ins?limit=500").at("items").as_array().size();
}

TEST_F(CheckInBatch, RecordsEveryCheckInInOrder) {
  const auto activation = count_check_ins(*this, "growth-activation");
  const auto invites = count_check_ins(*this, "growth-invites");
  auto kr = get("/api/v1/key-results/growth-invites");
  const std::string body =
      R"({"check_ins":[{"key_result":"growth-activation","value":63,"confidence":0.7},
          {"key_result":")" +
      std::to_string(kr.at("id").as_int64()) +
      R"(","value":25,"note":"by id"},
          {"key_result":"growth-activation","value":64,"at":"2027-02-14T09:00:00Z"}]})";
  auto r = post("/api/v1/check-ins", body, "ana@lumen.example");
  ASSERT_EQ(r.result_int(), 201) << r.body();
  const auto created = json_of(r);
  const auto& items = created.at("items").as_array();
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].at("value").to_number<double>(), 63);
  EXPECT_EQ(items[1].at("note").as_string(), "by id");
  EXPECT_EQ(items[2].at("at").as_string(), "2027-02-14T09:00:00Z");
  EXPECT_EQ(count_check_ins(*this, "growth-activation"), activation + 2);
  EXPECT_EQ(count_check_ins(*this, "growth-invites"), invites + 1);
}

TEST_F(CheckInBatch, ABadItemRefusesTheWholeBatchAndNamesIt) {
  const std::string before = okr::testing::dump(db.path());
  struct Case {
    std::string items;
    int status;
    std::string field;
  };
  for (
      const Case& c : std::vector<Case>{
          {R"({"key_result":"growth-activation","value":63},{"key_result":"growth-activation","value":64},
               {"key_result":"growth-activation","value":65,"confidence":1.5})",
           422, "check_ins[2].confidence"},
          {R"({"key_result":"growth-activation","value":63},{"key_result":"no-such-kr","value":1})",
           404, "check_ins[1].key_result"},
          {R"({"key_result":"growth-activation","value":63,"colour":"red"})", 422,
           "check_ins[0].colour"},
          {R"({"key_result":"growth-activation"})", 422, "check_ins[0].value"},
          {R"({"key_result":"growth-activation","value":"high"})", 422, "check_ins[0].value"},
          {R"(7)", 422, "check_ins[0]"},
          {R"({"key_result":"growth-activation","value":60,"at":"2099-01-01T00:00:00Z"})", 422,
           "check_ins[0].at"},
      }) {
    auto r = post("/api/v1/check-ins", R"({"check_ins":[)" + c.items + "]}", "ana@lumen.example");
    EXPECT_EQ(r.result_int(), c.status) << c.items << "\n" << r.body();
    auto problem = json_of(r);
    EXPECT_EQ(problem.at("field").as_string(), c.field) << r.body();
    EXPECT_NE(std::string(problem.at("detail").as_string()).find(c.field.substr(0, 12)),
              std::string::npos)
        << r.body();
  }
  auto empty = post("/api/v1/check-ins", R"({"check_ins":[]})", "ana@lumen.example");
  EXPECT_EQ(empty.result_int(), 422);
  EXPECT_EQ(okr::testing::dump(db.path()), before) << "a refused batch must write nothing";
}

TEST_F(CheckInBatch, EveryItemIsAuthorisedAsASingleCheckInWouldBe) {
  const std::string before = okr::testing::dump(db.path());
  // Ben is a member of growth, not of marketing.
  auto r = post("/api/v1/check-ins",
                R"({"check_ins":[{"key_result":"growth-activation","value":63},
                                 {"key_result":"marketing-sqls","value":150}]})",
                "ben@lumen.example");
  EXPECT_EQ(r.result_int(), 403) << r.body();
  EXPECT_NE(r.body().find("check_ins[1]"), std::string::npos) << r.body();
  auto viewer =
      post("/api/v1/check-ins", R"({"check_ins":[{"key_result":"growth-activation","value":63}]})",
           "vera@lumen.example");
  EXPECT_EQ(viewer.result_int(), 403);
  EXPECT_EQ(okr::testing::dump(db.path()), before);
}

}  // namespace
}  // namespace okr::http

namespace okr::http {
namespace {

// While another process holds the database's write lock, a check-in gets 503
// with Retry-After and writes nothing; once the lock is free, the same request works.
TEST_F(DemoApi, AHeldDatabaseAnswersBusyAndRetryingWorks) {
  okr::testing::HeldWriteLock other(db.path());
  const std::string body = R"({"value":63})";
  // The server waits for the lock a while before it answers: read with time to spare.
  testing::RawConnection connection(server->port());
  ASSERT_TRUE(connection.send(
      testing::format_request("POST", "/api/v1/key-results/growth-activation/check-ins", body,
                              {"Authorization: Bearer " + tokens.at("ana@lumen.example"),
                               "Content-Type: application/json"})));
  auto reply = connection.read_response(std::chrono::seconds(30));
  ASSERT_TRUE(reply);
  auto& busy = *reply;
  EXPECT_EQ(busy.result_int(), 503) << busy.body();
  EXPECT_EQ(busy["Retry-After"], "1");
  EXPECT_EQ(json_of(busy).at("type").as_string(), "/problems/busy");
  other.release();
  auto again = post("/api/v1/key-results/growth-activation/check-ins", body, "ana@lumen.example");
  EXPECT_EQ(again.result_int(), 201) << again.body();
}

}  // namespace
}  // namespace okr::http
