#include "http/target.h"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include "http/utf8.h"

namespace okr::http {
namespace {

bool has_control(std::string_view text) {
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) return true;
  }
  return false;
}

Status reject(std::string message) {
  return Error::invalid("target", std::move(message));
}

}  // namespace

Status parse_target(std::string_view target, Request& request) {
  request.target = std::string(target);
  request.path.clear();
  request.path_segments.clear();
  request.query.clear();

  auto url = boost::urls::parse_origin_form(target);
  if (!url) return reject("The request target is not a valid path.");

  for (auto segment : url->segments()) {
    std::string s(segment);
    if (s == "." || s == "..") return reject("The path must not contain '.' or '..' segments.");
    if (has_control(s)) return reject("The path must not contain control characters.");
    if (!is_valid_utf8(s)) return reject("The path is not valid UTF-8.");
    request.path += '/';
    request.path += s;
    request.path_segments.push_back(std::move(s));
  }
  if (request.path.empty()) request.path.push_back('/');

  for (auto param : url->params()) {
    std::string key(param.key);
    std::string value = param.has_value ? std::string(param.value) : std::string();
    if (key.find('\0') != std::string::npos || value.find('\0') != std::string::npos) {
      return reject("The query must not contain NUL characters.");
    }
    if (!is_valid_utf8(key) || !is_valid_utf8(value))
      return reject("The query is not valid UTF-8.");
    request.query.emplace_back(std::move(key), std::move(value));
  }
  return Ok{};
}

}  // namespace okr::http
