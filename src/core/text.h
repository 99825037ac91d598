// Text that may be stored: valid UTF-8 (RFC 3629: no overlong forms, no surrogates,
// nothing above U+10FFFF) without control characters (C0, DEL, C1; NUL among them) other
// than tab and line breaks ("\n", "\r\n"), which could forge a line or drive a terminal. Every text
// entering by any door (the API, an OKR file, a command-line argument) is checked against this, so
// every page, document and export can be sent as UTF-8. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace okr {

// The byte offset of the first invalid UTF-8 sequence in `text`, or nullopt if all of
// `text` is valid UTF-8.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

inline bool is_valid_utf8(std::string_view text) {
  return !find_invalid_utf8(text);
}

// Why `text` may not be stored ("is not valid UTF-8 (byte 3)", "contains a NUL
// character (byte 0)", "contains the control character U+001B (byte 4); …"), or
// nullopt when it may. The byte offset is the first bad one.
std::optional<std::string> text_problem(std::string_view text);

// `text` safe inside HTML text and attribute values: & < > " ' as entities.
std::string html_escape(std::string_view text);

}  // namespace okr
