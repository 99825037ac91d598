#include "http/message.h"

#include <array>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "formats/json_model.h"

namespace okr::http {
namespace {

constexpr std::array<std::pair<Method, std::string_view>, 7> kMethods{{
    {Method::get, "GET"},
    {Method::head, "HEAD"},
    {Method::post, "POST"},
    {Method::put, "PUT"},
    {Method::patch, "PATCH"},
    {Method::del, "DELETE"},
    {Method::options, "OPTIONS"},
}};

}  // namespace

std::string_view to_string(Method method) {
  for (const auto& [m, name] : kMethods) {
    if (m == method) return name;
  }
  return "GET";
}

std::optional<Method> parse_method(std::string_view token) {
  for (const auto& [m, name] : kMethods) {
    if (name == token) return m;
  }
  return std::nullopt;
}

std::optional<std::string_view> Request::query_param(std::string_view name) const {
  for (const Pair& p : query) {
    if (p.first == name) return std::string_view(p.second);
  }
  return std::nullopt;
}

std::string_view Request::param(std::string_view name) const {
  for (const Pair& p : params) {
    if (p.first == name) return p.second;
  }
  return {};
}

Response Response::json(int status, const boost::json::value& body) {
  Response r;
  r.status = status;
  r.headers.set("Content-Type", "application/json");
  r.body = formats::to_text(body);
  return r;
}

Response Response::text(int status, std::string body, std::string_view content_type) {
  Response r;
  r.status = status;
  r.headers.set("Content-Type", std::string(content_type));
  r.body = std::move(body);
  return r;
}

Response Response::no_content() {
  Response r;
  r.status = 204;
  return r;
}

Response Response::problem(int status, std::string_view type, std::string_view title,
                           std::string_view detail, std::string_view field) {
  boost::json::object doc;
  doc["type"] = std::string("/problems/").append(type);
  doc["title"] = title;
  doc["status"] = status;
  if (!detail.empty()) doc["detail"] = detail;
  if (!field.empty()) doc["field"] = field;
  Response r;
  r.status = status;
  r.headers.set("Content-Type", "application/problem+json");
  r.body = formats::to_text(doc);
  return r;
}

namespace {

Response problem_for(const Error& error) {
  switch (error.code) {
    case ErrorCode::invalid:
      return Response::problem(422, "invalid-field", "Invalid field", error.message, error.field);
    case ErrorCode::not_found:
      return Response::problem(404, "not-found", "Not found", error.message, error.field);
    case ErrorCode::conflict:
      return Response::problem(409, "conflict", "Conflict", error.message, error.field);
    case ErrorCode::forbidden:
      return Response::problem(403, "forbidden", "Forbidden", error.message);
    case ErrorCode::unauthenticated:
      return Response::problem(401, "unauthenticated", "Authentication required", error.message);
    case ErrorCode::busy: {
      auto r = Response::problem(503, "busy", "Service busy", error.message);
      r.headers.set("Retry-After", "1");
      return r;
    }
    case ErrorCode::unavailable: {
      auto r = Response::problem(503, "unavailable", "Service unavailable", error.message);
      r.headers.set("Retry-After", "30");
      return r;
    }
    case ErrorCode::io:
    case ErrorCode::internal:
      break;
  }
  return Response::problem(500, "internal-error", "Internal server error",
                           "The server could not complete the request.");
}

}  // namespace

Response problem_from_error(const Error& error) {
  Response r = problem_for(error);
  r.log_detail = error.internal;
  if (r.status == 500 && r.log_detail.empty()) r.log_detail = error.message;
  return r;
}

}  // namespace okr::http
