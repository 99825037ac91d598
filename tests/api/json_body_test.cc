// JSON request bodies: hostile documents are 400 problem documents that say
// what is wrong, never a crash.
#include <string>

#include <gtest/gtest.h>

#include "test_support.h"

namespace okr::http::testing {
namespace {

class JsonBodyTest : public ::testing::Test {
 protected:
  std::optional<HttpResponse> post(std::string_view body,
                                   std::string content_type = "application/json") {
    return fetch(server_.port(), "POST", "/api/v1/echo", body, {"Content-Type: " + content_type});
  }
  static std::string detail(const HttpResponse& res) {
    return std::string(json_of(res).at("detail").as_string());
  }

  TestServer server_{add_test_routes};
};

TEST_F(JsonBodyTest, ValidDocumentIsAccepted) {
  auto res = post(R"({"title":"Délight users ✓","weight":0.5,"tags":["a"]})",
                  "application/json; charset=utf-8");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 200);
  EXPECT_EQ(json_of(*res).at("title"), "Délight users ✓");
}

TEST_F(JsonBodyTest, DeeplyNestedArrayIs400NotAStackOverflow) {
  const std::string deep = std::string(10000, '[') + std::string(10000, ']');
  auto res = post(deep);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 400);
  EXPECT_EQ(json_of(*res).at("type"), "/problems/invalid-json");
  EXPECT_NE(detail(*res).find("deeper than 64"), std::string::npos) << detail(*res);
}

TEST_F(JsonBodyTest, NestingUpToTheLimitIsAccepted) {
  auto res = post(std::string(64, '[') + std::string(64, ']'));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 200);
}

TEST_F(JsonBodyTest, InvalidUtf8Is400) {
  auto res = post("{\"title\":\"caf\xC3\x28\"}");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 400);
  EXPECT_NE(detail(*res).find("UTF-8"), std::string::npos) << detail(*res);
}

TEST_F(JsonBodyTest, OverlongUtf8AndSurrogatesAre400) {
  for (std::string bad : {std::string("[\"\xC0\xAF\"]"), std::string("[\"\xED\xA0\x80\"]")}) {
    auto res = post(bad);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->result_int(), 400);
  }
}

TEST_F(JsonBodyTest, NanInfinityAndOutOfRangeNumbersAre400) {
  for (std::string_view bad : {"[NaN]", "[Infinity]", "[-Infinity]", "[1e999]", "{\"x\":-1e400}"}) {
    SCOPED_TRACE(bad);
    auto res = post(bad);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->result_int(), 400);
    EXPECT_EQ(json_of(*res).at("type"), "/problems/invalid-json");
  }
}

TEST_F(JsonBodyTest, SyntaxErrorsAre400WithAPosition) {
  for (std::string_view bad : {"{", "{\"a\":1,}", "[1,]", "// c\n{}", "{} {}", "'x'"}) {
    SCOPED_TRACE(bad);
    auto res = post(bad);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->result_int(), 400);
    EXPECT_NE(detail(*res).find("byte"), std::string::npos) << detail(*res);
  }
}

TEST_F(JsonBodyTest, EmptyBodyIs400) {
  auto res = post("");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 400);
  EXPECT_NE(detail(*res).find("empty"), std::string::npos);
}

TEST_F(JsonBodyTest, NonObjectWhereAnObjectIsRequiredIs400) {
  auto res = fetch(server_.port(), "PUT", "/api/v1/objectives/1", "[1,2]",
                   {"Content-Type: application/json"});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 400);
  EXPECT_EQ(json_of(*res).at("type"), "/problems/invalid-body");
}

TEST_F(JsonBodyTest, NonJsonContentTypeIs415) {
  for (std::string type :
       {"text/plain", "application/x-www-form-urlencoded", "application/jsonx"}) {
    SCOPED_TRACE(type);
    auto res = post("{}", type);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->result_int(), 415);
  }
  auto missing = fetch(server_.port(), "POST", "/api/v1/echo", "{}");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->result_int(), 415);
  auto merge_patch = post("{}", "application/merge-patch+json");
  ASSERT_TRUE(merge_patch);
  EXPECT_EQ(merge_patch->result_int(), 200);
}

}  // namespace
}  // namespace okr::http::testing
