// The OpenAPI document is src/http/api/openapi.json, kept by hand beside the
// handlers and embedded at build time; a test checks that it and the router agree.
#include <boost/json/parse.hpp>
#include <string_view>

#include "http/api/api.h"

namespace okr::embedded {
extern const std::string_view openapi_json;
}

namespace okr::http {

const boost::json::value& openapi_document() {
  static const boost::json::value doc = boost::json::parse(embedded::openapi_json);
  return doc;
}

}  // namespace okr::http
