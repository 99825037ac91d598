// Pipeline: everything between "a complete HTTP request has been read" and
// "this response is to be written" — target validation, routing, the handler
// (with its exceptions contained), the common response headers, metrics and the
// access log. It does no I/O of its own; Server drives it.
//
// Common response headers, added to every response including errors:
//   Content-Security-Policy, X-Content-Type-Options: nosniff,
//   Referrer-Policy: no-referrer, X-Frame-Options: DENY  (unless the handler set them)
//   X-Request-Id                                          (always)
//   Cache-Control: no-store    (always under /api; elsewhere unless the handler set one)
//
// Thread-safe: handle() and reject() may run on many threads at once. The
// router and metrics must outlive the pipeline.
#pragma once

#include <string>
#include <string_view>

#include "http/access_log.h"
#include "http/headers.h"
#include "http/message.h"
#include "http/metrics.h"
#include "http/router.h"

namespace okr::http {

inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

// A request as read from the wire, before validation.
struct IncomingRequest {
  std::string_view method;  // the method token as received
  std::string_view target;  // the request-target as received
  Headers headers;
  std::string body;
  std::string peer_address;  // the TCP peer
};

class Pipeline {
 public:
  // `log` may be empty (then nothing is logged). With `trust_proxy`, the
  // rightmost X-Forwarded-For entry is the client address, X-Forwarded-Proto:
  // https marks the request secure, and a well-formed incoming X-Request-Id is
  // kept; without it, those headers are ignored.
  Pipeline(const Router& router, Metrics& metrics, LogSink log, bool trust_proxy);

  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;

  // Answers one request. Never throws. A HEAD response keeps its body (so the
  // caller can send its Content-Length); the caller must not send the body.
  Response handle(IncomingRequest incoming);

  // Answers a request that could not be read (malformed, too large, or refused)
  // with a problem document, logged and counted like any response under the
  // route "none". `method` and `target` may be empty when unknown.
  Response reject(int status, std::string_view type, std::string_view title,
                  std::string_view detail, std::string_view method, std::string_view target,
                  std::string_view peer_address);

  // Writes a line to the log, if there is one.
  void log(std::string_view line) const;

 private:
  void finish(Response& response, std::string_view method, std::string_view raw_target,
              std::string_view decoded_path, std::string_view route, std::string_view request_id,
              std::string_view client, double seconds, bool head);
  std::string request_id_for(const Headers& headers) const;

  const Router& router_;
  Metrics& metrics_;
  LogSink log_;
  bool trust_proxy_;
};

}  // namespace okr::http
