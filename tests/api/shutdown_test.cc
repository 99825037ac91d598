// Graceful shutdown: in-flight requests finish, idle connections close, run()
// returns.
#include <atomic>
#include <condition_variable>
#include <csignal>
#include <future>
#include <mutex>

#include <gtest/gtest.h>

#include "test_support.h"

namespace okr::http::testing {
namespace {

// Lets a test hold a handler in place and know when it has started.
class Gate {
 public:
  void arrive() {
    std::unique_lock lock(mu_);
    arrived_ = true;
    cv_.notify_all();
    cv_.wait(lock, [&] { return open_; });
  }
  bool wait_arrived(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, timeout, [&] { return arrived_; });
  }
  void open() {
    std::lock_guard lock(mu_);
    open_ = true;
    cv_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool arrived_ = false;
  bool open_ = false;
};

TEST(Shutdown, InFlightRequestCompletesWith200) {
  Gate gate;
  TestServer server([&gate](Router& router, Metrics&) {
    router.add(Method::get, "/api/v1/slow", "slow", [&gate](const Request&) {
      gate.arrive();
      return Response::json(200, {{"done", true}});
    });
  });

  RawConnection idle(server.port());  // connected, never sends
  RawConnection busy(server.port());
  ASSERT_TRUE(busy.send(format_request("GET", "/api/v1/slow")));
  ASSERT_TRUE(gate.wait_arrived(5s));

  server.server().stop();
  EXPECT_TRUE(idle.wait_closed(2s));  // idle connections go at once

  std::this_thread::sleep_for(50ms);  // the handler is still running
  gate.open();
  auto res = busy.read_response();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 200);
  EXPECT_EQ(json_of(*res).at("done"), true);
  EXPECT_FALSE(res->keep_alive());

  server.stop_and_join();  // run() has returned
  RawConnection late(server.port());
  EXPECT_FALSE(late.connected() && late.send(format_request("GET", "/healthz")) &&
               late.read_response(500ms));
}

TEST(Shutdown, DeadlineClosesWhatIsLeft) {
  ServerOptions options;
  options.shutdown_timeout = 100ms;
  TestServer server(add_test_routes, options);
  RawConnection slow(server.port());
  ASSERT_TRUE(slow.send("GET /healthz HTTP/1.1\r\nHost: x\r\n"));  // a request half sent
  std::this_thread::sleep_for(50ms);

  const auto start = std::chrono::steady_clock::now();
  server.stop_and_join();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
  EXPECT_TRUE(slow.wait_closed(1s));
  EXPECT_EQ(server.log().grep("shutdown deadline").size(), 1u);
}

TEST(Shutdown, StopBeforeRunReturnsPromptly) {
  Metrics metrics;
  ServerOptions options;
  options.port = 0;
  options.log = [](std::string_view) {};
  Server server(options, Router(), metrics);
  ASSERT_TRUE(server.listen());
  server.stop();
  auto done = std::async(std::launch::async, [&] { server.run(); });
  EXPECT_EQ(done.wait_for(2s), std::future_status::ready);
}

TEST(Shutdown, SigtermStopsTheServer) {
  Metrics metrics;
  ServerOptions options;
  options.port = 0;
  options.log = [](std::string_view) {};
  Server server(options, Router(), metrics);
  ASSERT_TRUE(server.listen());
  server.stop_on_signals();
  auto done = std::async(std::launch::async, [&] { server.run(); });
  std::this_thread::sleep_for(20ms);
  std::raise(SIGTERM);
  EXPECT_EQ(done.wait_for(2s), std::future_status::ready);
}

}  // namespace
}  // namespace okr::http::testing
