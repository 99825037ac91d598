#include "http/json_body.h"

#include <cmath>
#include <set>
#include <string>
#include <vector>

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/parser.hpp>

#include "http/headers.h"
#include "http/utf8.h"

namespace okr::http {
namespace {

Response invalid_json(const std::string& detail) {
  return Response::problem(400, "invalid-json", "Invalid JSON", detail);
}

bool is_json_media_type(std::string_view content_type) {
  std::string_view type = content_type.substr(0, content_type.find(';'));
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.remove_suffix(1);
  if (iequals(type, "application/json")) return true;
  constexpr std::string_view kPrefix = "application/";
  constexpr std::string_view kSuffix = "+json";
  return type.size() > kPrefix.size() + kSuffix.size() &&
         iequals(type.substr(0, kPrefix.size()), kPrefix) &&
         iequals(type.substr(type.size() - kSuffix.size()), kSuffix);
}

// Depth is bounded by kMaxJsonDepth, so the recursion is too.
bool all_numbers_finite(const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::double_:
      return std::isfinite(v.get_double());
    case boost::json::kind::array:
      for (const auto& e : v.get_array()) {
        if (!all_numbers_finite(e)) return false;
      }
      return true;
    case boost::json::kind::object:
      for (const auto& e : v.get_object()) {
        if (!all_numbers_finite(e.value())) return false;
      }
      return true;
    default:
      return true;
  }
}

// Finds the first key that appears twice in one object. A parser keeps the last of
// them, so `{"value": 1, "value": 2}` would silently mean 2; such a body is refused.
class DuplicateKeyFinder {
 public:
  static constexpr std::size_t max_object_size = std::size_t(-1);
  static constexpr std::size_t max_array_size = std::size_t(-1);
  static constexpr std::size_t max_key_size = std::size_t(-1);
  static constexpr std::size_t max_string_size = std::size_t(-1);

  std::optional<std::string> duplicate;

  bool on_document_begin(boost::system::error_code&) { return true; }
  bool on_document_end(boost::system::error_code&) { return true; }
  bool on_object_begin(boost::system::error_code&) {
    keys_.emplace_back();
    return true;
  }
  bool on_object_end(std::size_t, boost::system::error_code&) {
    keys_.pop_back();
    return true;
  }
  bool on_array_begin(boost::system::error_code&) { return true; }
  bool on_array_end(std::size_t, boost::system::error_code&) { return true; }
  bool on_key_part(boost::json::string_view s, std::size_t, boost::system::error_code&) {
    key_.append(s.data(), s.size());
    return true;
  }
  bool on_key(boost::json::string_view s, std::size_t, boost::system::error_code& ec) {
    key_.append(s.data(), s.size());
    bool fresh = keys_.back().insert(key_).second;
    if (!fresh) {
      duplicate = key_;
      ec = boost::json::error::syntax;  // stop: one is enough to refuse the body
    }
    key_.clear();
    return fresh;
  }
  bool on_string_part(boost::json::string_view, std::size_t, boost::system::error_code&) {
    return true;
  }
  bool on_string(boost::json::string_view, std::size_t, boost::system::error_code&) { return true; }
  bool on_number_part(boost::json::string_view, boost::system::error_code&) { return true; }
  bool on_int64(std::int64_t, boost::json::string_view, boost::system::error_code&) { return true; }
  bool on_uint64(std::uint64_t, boost::json::string_view, boost::system::error_code&) {
    return true;
  }
  bool on_double(double, boost::json::string_view, boost::system::error_code&) { return true; }
  bool on_bool(bool, boost::system::error_code&) { return true; }
  bool on_null(boost::system::error_code&) { return true; }
  bool on_comment_part(boost::json::string_view, boost::system::error_code&) { return true; }
  bool on_comment(boost::json::string_view, boost::system::error_code&) { return true; }

 private:
  std::vector<std::set<std::string>> keys_;
  std::string key_;
};

// The first duplicated key of a document already known to be valid JSON.
std::optional<std::string> find_duplicate_key(const std::string& body) {
  boost::json::parse_options options;
  options.max_depth = kMaxJsonDepth;
  boost::json::basic_parser<DuplicateKeyFinder> parser(options);
  boost::system::error_code ec;
  parser.write_some(false, body.data(), body.size(), ec);
  return parser.handler().duplicate;
}

}  // namespace

Parsed<boost::json::value> parse_json(const Request& request) {
  const auto content_type = request.header("Content-Type");
  if (!content_type || !is_json_media_type(*content_type)) {
    return {std::nullopt,
            Response::problem(415, "unsupported-media-type", "Unsupported media type",
                              "The request body must be sent as Content-Type: application/json.")};
  }
  const std::string& body = request.body;
  if (body.find_first_not_of(" \t\r\n") == std::string::npos) {
    return {std::nullopt, invalid_json("The request body is empty; a JSON document was expected.")};
  }
  if (const auto bad = find_invalid_utf8(body)) {
    return {std::nullopt, invalid_json("The request body is not valid UTF-8 (byte " +
                                       std::to_string(*bad) + ").")};
  }

  boost::json::parse_options options;
  options.max_depth = kMaxJsonDepth;
  boost::json::parser parser({}, options);
  boost::system::error_code ec;
  const std::size_t consumed = parser.write(body.data(), body.size(), ec);
  if (ec == boost::json::error::too_deep) {
    return {std::nullopt, invalid_json("The JSON document nests deeper than " +
                                       std::to_string(kMaxJsonDepth) + " levels.")};
  }
  if (ec) {
    return {std::nullopt, invalid_json("The request body is not valid JSON (" + ec.message() +
                                       " at byte " + std::to_string(consumed) + ").")};
  }
  if (auto key = find_duplicate_key(body)) {
    // Name the key as a field, as other refusals of one field do.
    return {std::nullopt, Response::problem(400, "invalid-json", "Invalid JSON",
                                            "The field '" + *key +
                                                "' appears twice in one object; send each "
                                                "field once.",
                                            *key)};
  }
  boost::json::value value = parser.release();
  if (!all_numbers_finite(value)) {
    return {std::nullopt, invalid_json("A number in the request body is too large to represent.")};
  }
  return {std::move(value), {}};
}

Parsed<boost::json::object> parse_json_object(const Request& request) {
  auto parsed = parse_json(request);
  if (!parsed.ok()) return {std::nullopt, std::move(parsed.problem)};
  if (!parsed.value->is_object()) {
    return {std::nullopt, Response::problem(400, "invalid-body", "Invalid request body",
                                            "The request body must be a JSON object.")};
  }
  return {std::move(parsed.value->as_object()), {}};
}

}  // namespace okr::http
