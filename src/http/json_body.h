// Reading a request body as JSON, defensively.
//
// A body is accepted only if:
//   - its Content-Type is application/json or application/<something>+json
//     (415 otherwise — this also keeps cross-site HTML forms from posting to the
//     API, since a browser cannot send such a type cross-origin without a CORS
//     preflight);
//   - it is valid UTF-8 and valid JSON (RFC 8259: no comments, no trailing
//     commas, no NaN or Infinity literals);
//   - arrays and objects nest at most kMaxJsonDepth deep, so a hostile document
//     cannot exhaust the stack;
//   - every number is finite (1e999 would otherwise parse as infinity);
//   - no object has the same key twice (a parser would silently keep the last);
//     the problem document's `field` names the key.
// Each rejection is a 400 problem document of type "invalid-json" whose detail
// names the problem. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <optional>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "http/message.h"

namespace okr::http {

inline constexpr std::size_t kMaxJsonDepth = 64;

// Either a parsed value or the problem document to answer with.
//
//   auto body = parse_json_object(request);
//   if (!body.ok()) return body.problem;
template <class T>
struct Parsed {
  std::optional<T> value;
  Response problem;  // meaningful only when !ok()

  bool ok() const { return value.has_value(); }
};

// The body as any JSON value.
Parsed<boost::json::value> parse_json(const Request& request);

// The body as a JSON object; any other kind of value is a 400 "invalid-body".
Parsed<boost::json::object> parse_json_object(const Request& request);

}  // namespace okr::http
