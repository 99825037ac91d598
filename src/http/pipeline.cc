#include "http/pipeline.h"

#include <chrono>
#include <exception>
#include <random>

#include <fmt/format.h>

#include "http/target.h"
#include "storage/store.h"

namespace okr::http {
namespace {

constexpr std::string_view kNoRoute = "none";
constexpr std::string_view kHsts = "max-age=31536000";

std::string new_request_id() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return fmt::format("{:016x}{:016x}", rng(), rng());
}

bool is_valid_request_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The last element of a comma-separated header value: the one our own proxy added.
std::string_view last_element(std::string_view value) {
  const std::size_t comma = value.rfind(',');
  return trim(comma == std::string_view::npos ? value : value.substr(comma + 1));
}

std::string_view path_of(std::string_view target) {
  return target.substr(0, target.find('?'));
}

bool under_api(std::string_view path) {
  return path == "/api" || path.substr(0, 5) == "/api/";
}

// Methods outside the known set share one label, so clients cannot add series.
std::string_view method_label(std::string_view method) {
  return parse_method(method) ? method : std::string_view("OTHER");
}

}  // namespace

Pipeline::Pipeline(const Router& router, Metrics& metrics, LogSink log, bool trust_proxy)
    : router_(router), metrics_(metrics), log_(std::move(log)), trust_proxy_(trust_proxy) {}

void Pipeline::log(std::string_view line) const {
  if (log_) log_(line);
}

std::string Pipeline::request_id_for(const Headers& headers) const {
  if (trust_proxy_) {
    const auto id = headers.get("X-Request-Id");
    if (id && is_valid_request_id(*id)) return std::string(*id);
  }
  return new_request_id();
}

Response Pipeline::handle(IncomingRequest incoming) {
  const auto start = std::chrono::steady_clock::now();
  metrics_.request_started();

  Request request;
  request.request_id = request_id_for(incoming.headers);
  request.client_address = incoming.peer_address;
  if (trust_proxy_) {
    if (const auto forwarded = incoming.headers.get("X-Forwarded-For")) {
      const std::string_view client = last_element(*forwarded);
      if (!client.empty()) request.client_address = std::string(client);
    }
    if (const auto proto = incoming.headers.get("X-Forwarded-Proto")) {
      request.secure = iequals(last_element(*proto), "https");
    }
  }

  Response response;
  std::string route(kNoRoute);
  const auto method = parse_method(incoming.method);
  Status target = Ok{};
  if (!method) {
    response = Response::problem(501, "method-not-implemented", "Method not implemented",
                                 "The server does not support this request method.");
  } else if (!(target = parse_target(incoming.target, request))) {
    response = Response::problem(400, "invalid-path", "Invalid path", target.error().message);
  } else {
    request.method = *method;
    RouteMatch match = router_.match(*method, request.path_segments);
    switch (match.kind) {
      case RouteMatch::Kind::not_found:
        if (const Handler* fallback = router_.not_found();
            fallback && (*method == Method::get || *method == Method::head)) {
          request.headers = std::move(incoming.headers);
          response = (*fallback)(request);
          break;
        }
        response =
            Response::problem(404, "not-found", "Not found", "No resource exists at this path.");
        break;
      case RouteMatch::Kind::method_not_allowed:
        response = Response::problem(405, "method-not-allowed", "Method not allowed",
                                     "This resource does not support the request method.");
        response.headers.set("Allow", std::move(match.allow));
        break;
      case RouteMatch::Kind::found:
        route = std::string(match.name);
        request.route = route;
        request.params = std::move(match.params);
        request.headers = std::move(incoming.headers);
        request.body = std::move(incoming.body);
        try {
          response = (*match.handler)(request);
        } catch (const StoreError& e) {
          // The database failed outside a use case's own handling (reading whether
          // anything changed, say): a database that is down is 503, as anywhere else.
          response = problem_from_error(e.to_error());
          if (response.log_detail.empty()) response.log_detail = e.what();
        } catch (const std::exception& e) {
          log(format_event_line("error", "handler failed", request.request_id,
                                route + ": " + e.what()));
          response = Response::problem(500, "internal-error", "Internal server error",
                                       "The server could not complete the request.");
        } catch (...) {
          log(format_event_line("error", "handler failed", request.request_id, route));
          response = Response::problem(500, "internal-error", "Internal server error",
                                       "The server could not complete the request.");
        }
        break;
    }
  }

  if (!response.log_detail.empty()) {
    log(format_event_line(response.status >= 500 ? "error" : "warn", "request failed",
                          request.request_id, route + ": " + response.log_detail));
    response.log_detail.clear();
  }

  // Reached over HTTPS through a trusted proxy: browsers should never try plain HTTP
  // again. Not includeSubDomains: the server cannot know its neighbours' needs.
  if (request.secure) response.headers.set_default("Strict-Transport-Security", std::string(kHsts));

  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  finish(response, incoming.method, incoming.target, request.path, route, request.request_id,
         request.client_address, elapsed.count(), method == Method::head);
  metrics_.request_finished();
  return response;
}

Response Pipeline::reject(int status, std::string_view type, std::string_view title,
                          std::string_view detail, std::string_view method, std::string_view target,
                          std::string_view peer_address) {
  Response response = Response::problem(status, type, title, detail);
  finish(response, method.empty() ? "-" : method, target, {}, kNoRoute, new_request_id(),
         peer_address, 0, false);
  return response;
}

void Pipeline::finish(Response& response, std::string_view method, std::string_view raw_target,
                      std::string_view decoded_path, std::string_view route,
                      std::string_view request_id, std::string_view client, double seconds,
                      bool head) {
  Headers& h = response.headers;
  h.set_default("Content-Security-Policy", std::string(kContentSecurityPolicy));
  h.set_default("X-Content-Type-Options", "nosniff");
  h.set_default("Referrer-Policy", "no-referrer");
  h.set_default("X-Frame-Options", "DENY");
  h.set("X-Request-Id", std::string(request_id));
  const std::string_view raw_path = path_of(raw_target);
  if (under_api(decoded_path) || under_api(raw_path)) {
    h.set("Cache-Control", "no-store");
  } else {
    h.set_default("Cache-Control", "no-store");
  }
  if (!response.body.empty()) h.set_default("Content-Type", "application/octet-stream");

  metrics_.record_request(route, method_label(method), response.status, seconds);
  if (log_) {
    AccessRecord record;
    record.request_id = request_id;
    record.method = method;
    record.path = raw_path.empty() ? std::string_view("-") : raw_path;
    record.route = route;
    record.client = client;
    record.status = response.status;
    record.bytes = head ? 0 : response.body.size();
    record.duration_ms = seconds * 1000;
    log_(format_access_line(record));
  }
}

}  // namespace okr::http
