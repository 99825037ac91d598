// UTF-8 validation (RFC 3629): no overlong forms, no surrogates, nothing above
// U+10FFFF. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace okr::http {

// The byte offset of the first invalid sequence in `text`, or nullopt if all of
// `text` is valid UTF-8.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

inline bool is_valid_utf8(std::string_view text) {
  return !find_invalid_utf8(text);
}

}  // namespace okr::http
