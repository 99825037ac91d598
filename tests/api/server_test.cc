// Routing and HTTP/1.1 behaviour over real loopback connections.
#include "http/server.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "test_support.h"

namespace okr::http::testing {
namespace {

class ServerTest : public ::testing::Test {
 protected:
  TestServer server_{add_test_routes};
};

TEST_F(ServerTest, RouteWithPathParameterAndQuery) {
  auto res = fetch(server_.port(), "GET", "/api/v1/objectives/42?q=grow+revenue%21");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 200);
  EXPECT_EQ((*res)[boost::beast::http::field::content_type], "application/json");
  EXPECT_EQ(json_of(*res), (boost::json::value{{"id", "42"}, {"q", "grow revenue!"}}));
}

TEST_F(ServerTest, PercentEncodedSlashStaysInsideTheParameter) {
  auto res = fetch(server_.port(), "GET", "/api/v1/objectives/a%2Fb");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 200);
  EXPECT_EQ(json_of(*res).at("id"), "a/b");
}

TEST_F(ServerTest, UnknownPathIsA404ProblemDocument) {
  auto res = fetch(server_.port(), "GET", "/api/v1/nothing-here");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 404);
  EXPECT_EQ((*res)[boost::beast::http::field::content_type], "application/problem+json");
  const auto doc = json_of(*res);
  EXPECT_EQ(doc.at("type"), "/problems/not-found");
  EXPECT_EQ(doc.at("status"), 404);
  EXPECT_TRUE(doc.at("title").is_string());
}

TEST_F(ServerTest, WrongMethodIs405WithAllow) {
  auto res = fetch(server_.port(), "PATCH", "/api/v1/objectives/42", "{}",
                   {"Content-Type: application/json"});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 405);
  EXPECT_EQ((*res)[boost::beast::http::field::allow], "GET, HEAD, PUT, DELETE");
  EXPECT_EQ(json_of(*res).at("type"), "/problems/method-not-allowed");
}

TEST_F(ServerTest, UnknownMethodIs501) {
  auto res = fetch(server_.port(), "BREW", "/api/v1/objectives/42");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 501);
}

TEST_F(ServerTest, HeadAnswersLikeGetWithoutABody) {
  auto get = fetch(server_.port(), "GET", "/api/v1/objectives/42");
  ASSERT_TRUE(get);
  RawConnection c(server_.port());
  ASSERT_TRUE(c.send(format_request("HEAD", "/api/v1/objectives/42")));
  auto head = c.read_response(5s, /*head=*/true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->result_int(), 200);
  EXPECT_EQ((*head)[boost::beast::http::field::content_length], std::to_string(get->body().size()));
  // No body bytes follow: the next response on the connection parses cleanly.
  ASSERT_TRUE(c.send(format_request("GET", "/healthz")));
  auto next = c.read_response();
  ASSERT_TRUE(next);
  EXPECT_EQ(next->result_int(), 200);
  EXPECT_EQ(json_of(*next), (boost::json::value{{"status", "ok"}}));
}

TEST_F(ServerTest, NoContentHasNoBodyAndNoContentLength) {
  RawConnection c(server_.port());
  ASSERT_TRUE(c.send(format_request("DELETE", "/api/v1/objectives/42")));
  auto res = c.read_response();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 204);
  EXPECT_EQ(res->count(boost::beast::http::field::content_length), 0u);
  EXPECT_TRUE(res->body().empty());
}

TEST_F(ServerTest, KeepAliveServesTwoRequestsOnOneConnection) {
  RawConnection c(server_.port());
  ASSERT_TRUE(c.send(format_request("GET", "/api/v1/objectives/1")));
  auto first = c.read_response();
  ASSERT_TRUE(first);
  EXPECT_EQ(json_of(*first).at("id"), "1");
  EXPECT_TRUE(first->keep_alive());
  ASSERT_TRUE(c.send(format_request("GET", "/api/v1/objectives/2")));
  auto second = c.read_response();
  ASSERT_TRUE(second);
  EXPECT_EQ(json_of(*second).at("id"), "2");
}

TEST_F(ServerTest, PipelinedRequestsAreAnsweredInOrder) {
  RawConnection c(server_.port());
  ASSERT_TRUE(c.send(format_request("GET", "/api/v1/objectives/1") +
                     format_request("GET", "/api/v1/objectives/2")));
  auto first = c.read_response();
  auto second = c.read_response();
  ASSERT_TRUE(first && second);
  EXPECT_EQ(json_of(*first).at("id"), "1");
  EXPECT_EQ(json_of(*second).at("id"), "2");
}

TEST_F(ServerTest, ConnectionCloseIsHonoured) {
  RawConnection c(server_.port());
  ASSERT_TRUE(c.send(format_request("GET", "/healthz", {}, {"Connection: close"})));
  auto res = c.read_response();
  ASSERT_TRUE(res);
  EXPECT_FALSE(res->keep_alive());
  EXPECT_TRUE(c.wait_closed(2s));
}

TEST_F(ServerTest, ExpectContinueGetsAnInterimResponse) {
  RawConnection c(server_.port());
  const std::string body = R"({"title":"Delight new users"})";
  ASSERT_TRUE(
      c.send("PUT /api/v1/objectives/7 HTTP/1.1\r\nHost: x\r\n"
             "Content-Type: application/json\r\nExpect: 100-continue\r\n"
             "Content-Length: " +
             std::to_string(body.size()) + "\r\n\r\n"));
  auto interim = c.read_response();
  ASSERT_TRUE(interim);
  EXPECT_EQ(interim->result_int(), 100);
  ASSERT_TRUE(c.send(body));
  auto res = c.read_response();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 200);
  EXPECT_EQ(json_of(*res).at("title"), "Delight new users");
}

TEST_F(ServerTest, HandlerExceptionIsA500ProblemAndTheServerKeepsServing) {
  auto res = fetch(server_.port(), "GET", "/api/v1/boom");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 500);
  EXPECT_EQ(json_of(*res).at("type"), "/problems/internal-error");
  // The exception's message is for the log, not for the client.
  EXPECT_EQ(res->body().find("on purpose"), std::string::npos);
  EXPECT_EQ(server_.log().grep("the handler failed on purpose").size(), 1u);

  auto after = fetch(server_.port(), "GET", "/healthz");
  ASSERT_TRUE(after);
  EXPECT_EQ(after->result_int(), 200);
}

TEST(ServerListen, AddressInUseIsAnErrorValue) {
  TestServer first(nullptr);
  Metrics metrics;
  ServerOptions options;
  options.address = "127.0.0.1";
  options.port = first.port();
  Server second(options, Router(), metrics);
  const Status status = second.listen();
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::io);
  EXPECT_NE(status.error().message.find(std::to_string(first.port())), std::string::npos);
}

}  // namespace
}  // namespace okr::http::testing

namespace okr::http::testing {
namespace {

// Handlers run on workers, so slow ones (a password hash, a database waiting for
// its lock) never hold up the I/O threads: /healthz answers while every I/O thread
// has slow requests in flight, and before any of them finishes.
TEST(ServerWorkers, HealthStaysPromptWhileSlowHandlersRun) {
  std::mutex mu;
  std::condition_variable released_cv;
  bool released = false;
  std::atomic<int> started{0}, finished{0};
  ServerOptions options;
  options.threads = 2;
  options.workers = 8;
  TestServer server(
      [&](Router& router, Metrics&) {
        router.add(Method::get, "/slow", "slow", [&](const Request&) {
          ++started;
          std::unique_lock lock(mu);
          released_cv.wait_for(lock, std::chrono::seconds(20), [&] { return released; });
          ++finished;
          return Response::text(200, "done");
        });
      },
      options);
  std::vector<std::thread> clients;
  for (int i = 0; i < 6; ++i)
    clients.emplace_back([&] { (void)fetch(server.port(), "GET", "/slow"); });
  for (int i = 0; i < 200 && started < 6; ++i) std::this_thread::sleep_for(10ms);
  ASSERT_EQ(started, 6) << "six slow handlers run at once on the workers";
  auto health = fetch(server.port(), "GET", "/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->result_int(), 200);
  EXPECT_EQ(finished, 0) << "/healthz answered while every slow request was still running";
  {
    std::lock_guard lock(mu);
    released = true;
  }
  released_cv.notify_all();
  for (auto& t : clients) t.join();
  EXPECT_EQ(finished, 6);
}

}  // namespace
}  // namespace okr::http::testing
