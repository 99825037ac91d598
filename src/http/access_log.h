// The server's log: one JSON object per line.
//
// An access line per request:
//   {"time":"2026-10-01T09:30:00.123Z","level":"info","msg":"request","request_id":"…",
//    "method":"GET","path":"/api/v1/objectives/42","route":"objectives.get",
//    "status":200,"bytes":512,"duration_ms":1.234,"client":"127.0.0.1"}
//
// What is never logged: query strings (they may carry tokens), header values
// (Authorization, Cookie), and request or response bodies.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace okr::http {

// Receives one complete line, without the trailing newline. Called from server
// threads concurrently, so it must be thread-safe.
using LogSink = std::function<void(std::string_view line)>;

// Writes each line and a newline to stderr; lines never interleave.
LogSink stderr_log_sink();

struct AccessRecord {
  std::string_view request_id;
  std::string_view method;
  std::string_view path;   // the path only; never the query string
  std::string_view route;  // the route's name, or "none"
  std::string_view client;
  int status = 0;
  std::size_t bytes = 0;  // response body bytes sent
  double duration_ms = 0;
};

std::string format_access_line(const AccessRecord& record);

// An error or notice that is not about one response, e.g. a handler's exception.
// `request_id` may be empty.
std::string format_event_line(std::string_view level, std::string_view message,
                              std::string_view request_id = {}, std::string_view detail = {});

}  // namespace okr::http
