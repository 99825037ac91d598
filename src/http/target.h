// Request-target validation and decoding, before any routing.
//
// Only the origin form ("/path?query", RFC 9112 §3.2.1) is accepted. The path is
// split into segments and each one percent-decoded (Boost.URL); the query into
// decoded parameters, '+' meaning a space. Rejected, so that no later layer ever
// has to think about them:
//   - absolute-form and asterisk-form targets, and malformed percent-encoding;
//   - "." and ".." segments, whether written plainly or percent-encoded;
//   - NUL and other control characters, and invalid UTF-8, anywhere after decoding.
// Pure function; thread-safe.
#pragma once

#include <string_view>

#include "core/result.h"
#include "http/message.h"

namespace okr::http {

// Fills request.target, path, path_segments and query. On error, returns an
// Error whose message is a sentence suitable for a 400 problem's detail, and
// leaves `request` partly filled.
Status parse_target(std::string_view target, Request& request);

}  // namespace okr::http
