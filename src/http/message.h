// Request and Response: what a route handler receives and returns.
//
// Handlers never see the wire format. The server parses and validates the
// request (size limits, target syntax, percent-decoding) before a handler runs,
// and adds the common response headers (security headers, X-Request-Id,
// Cache-Control) after it returns.
//
// Error responses are problem documents (RFC 9457, media type
// application/problem+json):
//
//   {"type": "/problems/invalid-field", "title": "Invalid field", "status": 422,
//    "detail": "target must differ from start", "field": "key_results[0].target"}
//
// `type` is a relative URI reference "/problems/<slug>", resolved against the
// server's own origin, so that a self-hosted server can document its problem
// types without depending on any outside domain. The slug is stable: clients may
// branch on it. `title` is the same for every occurrence of a type; `detail` is
// specific to this occurrence; `field` (an extension member, present only when
// the problem is about one field) is the dotted path of the offending field.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json/value.hpp>

#include "core/result.h"
#include "http/headers.h"

namespace okr::http {

// The request methods the router knows. `del` is DELETE.
enum class Method { get, head, post, put, patch, del, options };

// "GET", "HEAD", ...
std::string_view to_string(Method method);

// Parses an exact, upper-case method token; nullopt for any other method.
std::optional<Method> parse_method(std::string_view token);

// A parsed, validated request. The server owns it; a handler receives it by
// const reference and must not keep references to it after returning.
struct Request {
  using Pair = std::pair<std::string, std::string>;

  Method method = Method::get;
  std::string target;                      // as received: "/api/v1/objectives?cycle=2026-Q4"
  std::string path;                        // percent-decoded path: "/api/v1/objectives"
  std::vector<std::string> path_segments;  // decoded segments: {"api", "v1", "objectives"}
  std::vector<Pair> query;                 // decoded query parameters in order ('+' is a space)
  std::vector<Pair> params;                // path parameters bound by the router
  Headers headers;
  std::string body;
  std::string client_address;  // peer IP, or X-Forwarded-For when the proxy is trusted
  bool secure = false;         // the client used HTTPS (X-Forwarded-Proto when trusted)
  std::string request_id;      // also sent back as X-Request-Id
  std::string route;           // name of the matched route, e.g. "objectives.get"

  // The first query parameter named `name`, or nullopt.
  std::optional<std::string_view> query_param(std::string_view name) const;

  // The path parameter `name` (decoded), or "" if the route has none by that name.
  std::string_view param(std::string_view name) const;

  // The first header named `name` (case-insensitive), or nullopt.
  std::optional<std::string_view> header(std::string_view name) const { return headers.get(name); }
};

struct Response {
  int status = 200;
  Headers headers;
  std::string body;
  // What went wrong inside (Error::internal), written to the server's log with the
  // request's id; never sent.
  std::string log_detail;

  // `body` serialised, Content-Type: application/json.
  static Response json(int status, const boost::json::value& body);

  // A text body with the given Content-Type.
  static Response text(int status, std::string body,
                       std::string_view content_type = "text/plain; charset=utf-8");

  // 204 No Content.
  static Response no_content();

  // A problem document (see the top of this file). `type` is the slug, e.g.
  // "invalid-field", which becomes "/problems/invalid-field". `field` is omitted
  // from the document when empty.
  static Response problem(int status, std::string_view type, std::string_view title,
                          std::string_view detail, std::string_view field = {});
};

// A route handler. It runs synchronously on a server thread and may block (e.g.
// on the database). It must be safe to call from several threads at once. An
// exception escaping it becomes a 500 problem document.
using Handler = std::function<Response(const Request&)>;

// Maps a use-case error to a problem document:
//   invalid → 422 invalid-field, not_found → 404 not-found, conflict → 409 conflict,
//   forbidden → 403 forbidden, unauthenticated → 401 unauthenticated,
//   busy → 503 busy with Retry-After: 1 (the database is held by another writer),
//   unavailable → 503 unavailable with Retry-After: 30 (disk full, read-only file),
//   io and internal → 500 internal-error (the message is not shown to the client).
// Error::internal is never shown: it goes to Response::log_detail.
Response problem_from_error(const Error& error);

}  // namespace okr::http
