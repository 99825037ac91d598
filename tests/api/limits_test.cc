// Hostile and broken clients: size limits, malformed requests, path tricks,
// slow clients and too many connections. The server must answer or hang up —
// and keep serving everyone else.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "test_support.h"

namespace okr::http::testing {
namespace {

void expect_problem(const std::optional<HttpResponse>& res, int status) {
  ASSERT_TRUE(res) << "no response";
  EXPECT_EQ(res->result_int(), status);
  EXPECT_EQ((*res)[boost::beast::http::field::content_type], "application/problem+json");
  EXPECT_EQ(json_of(*res).at("status"), status);
}

void expect_still_serving(std::uint16_t port) {
  auto res = fetch(port, "GET", "/healthz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 200);
}

TEST(Limits, BodyOverTheLimitIs413) {
  TestServer server(add_test_routes);
  RawConnection c(server.port());
  const std::string body(5 * 1024 * 1024, 'x');
  c.send(format_request("POST", "/api/v1/echo", body, {"Content-Type: application/json"}));
  auto res = c.read_response();
  expect_problem(res, 413);
  EXPECT_EQ(json_of(*res).at("type"), "/problems/body-too-large");
  EXPECT_FALSE(res->keep_alive());
  expect_still_serving(server.port());
}

TEST(Limits, ChunkedBodyOverTheLimitIs413) {
  ServerOptions options;
  options.body_limit = 64 * 1024;
  TestServer server(add_test_routes, options);
  RawConnection c(server.port());
  c.send(
      "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Transfer-Encoding: chunked\r\n\r\n");
  const std::string chunk = "4000\r\n" + std::string(0x4000, ' ') + "\r\n";  // 16 KiB
  for (int i = 0; i < 8 && c.send(chunk); ++i) {
  }
  c.send("0\r\n\r\n");
  expect_problem(c.read_response(), 413);
  expect_still_serving(server.port());
}

TEST(Limits, ChunkedBodyUnderTheLimitIsAccepted) {
  TestServer server(add_test_routes);
  RawConnection c(server.port());
  c.send(
      "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Transfer-Encoding: chunked\r\n\r\n5\r\n[1,2,\r\n2\r\n3]\r\n0\r\n\r\n");
  auto res = c.read_response();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 200);
  EXPECT_EQ(res->body(), "[1,2,3]");
}

TEST(Limits, OversizedHeaderIs431) {
  TestServer server(add_test_routes);
  auto res =
      fetch(server.port(), "GET", "/healthz", {}, {"X-Padding: " + std::string(32 * 1024, 'a')});
  expect_problem(res, 431);
  expect_still_serving(server.port());
}

TEST(Limits, MalformedRequestsAre400AndNeverCrashTheServer) {
  TestServer server(add_test_routes);
  const std::vector<std::string> garbage = {
      "GARBAGE\r\n\r\n",
      "GET /healthz HTTP/9.9\r\n\r\n",
      "GET /healthz HTTP/1.1\r\nHost x\r\n\r\n",
      "GET /healthz HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
      "POST /api/v1/echo HTTP/1.1\r\nContent-Length: -5\r\n\r\n",
      "POST /api/v1/echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n",
      std::string("GET /\0 HTTP/1.1\r\n\r\n", 20),
  };
  for (const std::string& bytes : garbage) {
    SCOPED_TRACE(bytes);
    RawConnection c(server.port());
    c.send(bytes);
    auto res = c.read_response();
    expect_problem(res, 400);
    EXPECT_TRUE(c.wait_closed(3s));
  }
  expect_still_serving(server.port());
}

TEST(Limits, PathTraversalNeverReachesAHandler) {
  TestServer server(add_test_routes);
  const std::vector<std::string> targets = {
      "/static/../../etc/passwd",
      "/static/%2e%2e/%2e%2e/etc/passwd",
      "/static/%2E%2E",
      "/static/.%2e/x",
      "/static/./x",
      "/static/a%00b",
      "/static/%zz",
      "/static/%c0%ae%c0%ae",
      "http://evil.example/static/x",
      "/static/%0d%0aSet-Cookie:%20x=y",
  };
  for (const std::string& target : targets) {
    SCOPED_TRACE(target);
    auto res = fetch(server.port(), "GET", target);
    ASSERT_TRUE(res);
    EXPECT_TRUE(res->result_int() == 400 || res->result_int() == 404) << res->result_int();
    EXPECT_EQ(res->body().find("file:"), std::string::npos);
    EXPECT_EQ(res->body().find("root:"), std::string::npos);
  }
  auto ok = fetch(server.port(), "GET", "/static/app.js");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->body(), "file:app.js");
}

TEST(Limits, SlowClientIsDroppedAfterTheReadTimeoutWhileOthersAreServed) {
  ServerOptions options;
  options.read_timeout = 300ms;
  TestServer server(add_test_routes, options);

  RawConnection slow(server.port());
  const auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(slow.send("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Half: "));

  // Meanwhile, other clients are served at once.
  for (int i = 0; i < 3; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    expect_still_serving(server.port());
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 250ms);
  }

  EXPECT_TRUE(slow.wait_closed(3s));
  const auto held = std::chrono::steady_clock::now() - start;
  EXPECT_GE(held, 250ms);
  EXPECT_LT(held, 2s);
}

TEST(Limits, SilentNewConnectionIsDroppedAfterTheReadTimeout) {
  ServerOptions options;
  options.read_timeout = 200ms;
  TestServer server(add_test_routes, options);
  RawConnection silent(server.port());
  EXPECT_TRUE(silent.wait_closed(2s));
}

TEST(Limits, IdleKeepAliveConnectionIsClosedAfterTheIdleTimeout) {
  ServerOptions options;
  options.idle_timeout = 200ms;
  TestServer server(add_test_routes, options);
  RawConnection c(server.port());
  ASSERT_TRUE(c.send(format_request("GET", "/healthz")));
  ASSERT_TRUE(c.read_response());
  const auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(c.wait_closed(2s));
  EXPECT_GE(std::chrono::steady_clock::now() - start, 150ms);
}

TEST(Limits, ConnectionsOverTheCapAreRefusedWith503) {
  ServerOptions options;
  options.max_connections = 2;
  TestServer server(add_test_routes, options);

  std::vector<std::unique_ptr<RawConnection>> held;
  for (int i = 0; i < 2; ++i) {
    held.push_back(std::make_unique<RawConnection>(server.port()));
    ASSERT_TRUE(held.back()->send(format_request("GET", "/healthz")));
    ASSERT_TRUE(held.back()->read_response());
  }

  RawConnection third(server.port());
  third.send(format_request("GET", "/healthz"));
  auto refused = third.read_response(2s);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->result_int(), 503);
  EXPECT_EQ((*refused)[boost::beast::http::field::retry_after], "1");
  EXPECT_TRUE(third.wait_closed(3s));

  // Freeing a slot lets a new client in.
  held.pop_back();
  bool served = false;
  for (int attempt = 0; attempt < 100 && !served; ++attempt) {
    auto res = fetch(server.port(), "GET", "/healthz");
    served = res && res->result_int() == 200;
    if (!served) std::this_thread::sleep_for(10ms);
  }
  EXPECT_TRUE(served);
}

TEST(Limits, OneClientAddressCannotTakeEveryConnection) {
  ServerOptions options;
  options.max_connections = 100;
  options.max_connections_per_client = 3;
  TestServer server(add_test_routes, options);

  std::vector<std::unique_ptr<RawConnection>> held;
  for (int i = 0; i < 3; ++i) {
    held.push_back(std::make_unique<RawConnection>(server.port()));
    ASSERT_TRUE(held.back()->send(format_request("GET", "/healthz")));
    ASSERT_TRUE(held.back()->read_response());
  }
  RawConnection fourth(server.port());
  fourth.send(format_request("GET", "/healthz"));
  auto refused = fourth.read_response(2s);
  expect_problem(refused, 503);
  EXPECT_NE(json_of(*refused).at("detail").as_string().find("connections open"),
            boost::json::string::npos);
  EXPECT_TRUE(fourth.wait_closed(3s));

  // Everyone else is still served while that client holds its connections.
  RawConnection other(server.port(), "127.0.0.2");
  ASSERT_TRUE(other.connected());
  ASSERT_TRUE(other.send(format_request("GET", "/healthz")));
  auto served_other = other.read_response(2s);
  ASSERT_TRUE(served_other);
  EXPECT_EQ(served_other->result_int(), 200);

  // Closing one of its connections lets that client in again.
  held.pop_back();
  bool served = false;
  for (int attempt = 0; attempt < 100 && !served; ++attempt) {
    auto res = fetch(server.port(), "GET", "/healthz");
    served = res && res->result_int() == 200;
    if (!served) std::this_thread::sleep_for(10ms);
  }
  EXPECT_TRUE(served);
}

}  // namespace
}  // namespace okr::http::testing
