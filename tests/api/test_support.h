// Helpers for the API tests: an in-process server on an ephemeral loopback
// port, and a raw TCP client that can send anything (well-formed or not) and
// parses responses with Beast.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/json/value.hpp>

#include "http/metrics.h"
#include "http/router.h"
#include "http/server.h"

namespace okr::http::testing {

using namespace std::chrono_literals;
using HttpResponse = boost::beast::http::response<boost::beast::http::string_body>;

// Collects log lines; thread-safe.
class CapturedLog {
 public:
  LogSink sink();
  std::vector<std::string> lines() const;
  // Lines containing `needle`.
  std::vector<std::string> grep(std::string_view needle) const;

 private:
  mutable std::mutex mu_;
  std::vector<std::string> lines_;
};

// A server running on a background thread until destroyed (or stop_and_join()).
// The built-in routes are always registered; `routes` adds more.
class TestServer {
 public:
  using Setup = std::function<void(Router&, Metrics&)>;

  explicit TestServer(Setup routes, ServerOptions options = {});
  ~TestServer();
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  std::uint16_t port() const { return server_->port(); }
  Server& server() { return *server_; }
  Metrics& metrics() { return metrics_; }
  const CapturedLog& log() const { return *log_; }

  // Calls stop() and waits for run() to return.
  void stop_and_join();

 private:
  Metrics metrics_;
  std::shared_ptr<CapturedLog> log_ = std::make_shared<CapturedLog>();
  std::unique_ptr<Server> server_;
  std::thread thread_;
};

// A blocking loopback TCP connection with timeouts on every read.
class RawConnection {
 public:
  // `from`: the loopback address to connect from ("127.0.0.2"); default 127.0.0.1.
  explicit RawConnection(std::uint16_t port, const char* from = nullptr);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return fd_ >= 0; }

  // Sends all of `bytes`; false if the peer has closed or reset the connection.
  bool send(std::string_view bytes);

  // Reads one response. nullopt if the connection closes or `timeout` passes first.
  // `head`: the response to a HEAD request (a Content-Length but no body).
  std::optional<HttpResponse> read_response(std::chrono::milliseconds timeout = 5s,
                                            bool head = false);

  // Reads until the peer closes (EOF or reset). True if that happens within
  // `timeout`. Whatever arrives meanwhile is kept in received().
  bool wait_closed(std::chrono::milliseconds timeout);

  const std::string& received() const { return buffer_; }

  void shutdown_write();

 private:
  // Waits up to `timeout` for bytes; appends them. 1: data, 0: closed, -1: timeout.
  int receive(std::chrono::milliseconds timeout);

  int fd_ = -1;
  std::string buffer_;  // received and not yet consumed
};

// A complete request in HTTP/1.1 wire format, with Host and (when there is a
// body) Content-Length. `extra` is added as-is, "Name: value" each.
std::string format_request(std::string_view method, std::string_view target,
                           std::string_view body = {}, const std::vector<std::string>& extra = {});

// One request on a new connection.
std::optional<HttpResponse> fetch(std::uint16_t port, std::string_view method,
                                  std::string_view target, std::string_view body = {},
                                  const std::vector<std::string>& extra = {});

// The response body parsed as JSON (null on a parse error).
boost::json::value json_of(const HttpResponse& response);

// The routes most tests use:
//   GET    /api/v1/objectives/{id}  objectives.get     {"id": id, "q": ?q}
//   PUT    /api/v1/objectives/{id}  objectives.update  echoes the JSON object body
//   DELETE /api/v1/objectives/{id}  objectives.delete  204
//   POST   /api/v1/echo             echo               echoes any JSON body
//   GET    /api/v1/boom             boom               throws
//   GET    /static/{file}           static             "file:" + file (reads nothing)
void add_test_routes(Router& router, Metrics& metrics);

}  // namespace okr::http::testing
