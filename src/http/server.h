// Server: the HTTP/1.1 server (Boost.Beast on Asio, C++20 coroutines).
//
//   Metrics metrics;
//   Router router;
//   add_builtin_routes(router, metrics);
//   router.add(Method::get, "/api/v1/objectives/{id}", "objectives.get", handler);
//   Server server(options, std::move(router), metrics);
//   if (Status s = server.listen(); !s) { ... s.error().message ... }
//   server.stop_on_signals();  // SIGINT, SIGTERM → stop()
//   server.run();              // blocks until stopped and drained
//
// Each connection is a coroutine; I/O never blocks a thread, so a slow or idle
// client costs memory, not a thread, and is dropped at its deadline. Handlers
// are synchronous and run on a separate pool of worker threads, so a slow
// handler never holds up I/O; /healthz is answered on the I/O threads directly
// and stays prompt when every worker is busy. Reads (GET, HEAD, OPTIONS) and writes
// (every other method) have a pool each: writers waiting for the database's write
// lock occupy only the writers' threads, and reads stay prompt.
//
// Limits and their answers (each a problem document, then the connection closes):
//   header larger than header_limit            → 431
//   body larger than body_limit (also chunked) → 413
//   malformed request                          → 400
//   more than max_connections open             → 503 to the new connection
//   more than max_connections_per_client open
//     from one client address                  → 503 to its new connection, so one
//                                                client cannot take every connection
//   request not complete within read_timeout   → connection closed
//   no new request within idle_timeout         → connection closed
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "core/result.h"
#include "http/access_log.h"
#include "http/metrics.h"
#include "http/router.h"

namespace okr::http {

struct ServerOptions {
  std::string address = "127.0.0.1";  // an IPv4 or IPv6 literal; "0.0.0.0" for every interface
  std::uint16_t port = 8080;          // 0: an ephemeral port, see Server::port()
  unsigned threads = 0;               // I/O threads; 0: one per hardware thread
  std::size_t workers = 0;            // handler threads; 0: 4 per I/O thread, at least 8
  std::size_t writers = 0;            // threads for writes; 0: as many as workers
  std::size_t header_limit = 16 * 1024;
  std::uint64_t body_limit = 1024 * 1024;
  std::chrono::milliseconds read_timeout{30'000};      // to receive one whole request
  std::chrono::milliseconds idle_timeout{60'000};      // between requests on a connection
  std::chrono::milliseconds write_timeout{30'000};     // to send one whole response
  std::chrono::milliseconds shutdown_timeout{10'000};  // for in-flight requests on stop()
  std::size_t max_connections = 1024;
  // Open connections from one client address; 0: no limit. Behind a reverse proxy every
  // connection comes from the proxy's address: raise it, or set 0 and limit there.
  std::size_t max_connections_per_client = 64;
  bool trust_proxy = false;  // see Pipeline: X-Forwarded-For/-Proto, X-Request-Id
  LogSink log;               // empty: stderr_log_sink()
};

class Server {
 public:
  // `metrics` must outlive the server. The router's handlers are called from
  // the pool's threads concurrently.
  Server(ServerOptions options, Router router, Metrics& metrics);
  ~Server();

  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens. An error (ErrorCode::io) names the address and the
  // reason, e.g. that it is already in use. Call once, before run().
  Status listen();

  // The bound port (useful with port 0); 0 before a successful listen().
  std::uint16_t port() const;

  // Serves until stop() completes, on the calling thread plus threads - 1
  // others, then returns. Requires a successful listen(). Call once.
  void run();

  // Stops accepting connections, closes idle ones, lets requests in progress
  // finish (their responses carry Connection: close), and after
  // shutdown_timeout closes whatever remains. run() returns when every
  // connection is gone. Thread-safe, idempotent, does not block; may be called
  // before run() or from a handler.
  void stop();

  // Calls stop() on SIGINT or SIGTERM while the server runs.
  void stop_on_signals();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace okr::http
