// Router: maps (method, decoded path) to a named handler.
//
//   router.add(Method::get, "/api/v1/objectives/{id}", "objectives.get", handler);
//
// A pattern is an absolute path of '/'-separated segments; a segment is either a
// literal or a parameter "{name}" (letters, digits, '_') that matches one whole
// non-empty segment. Literals are compared with the percent-decoded request
// segments, and a parameter binds the decoded segment, so "%2F" inside a segment
// never splits it. A trailing slash is significant.
//
// When several patterns match a path, the most specific one wins: comparing
// segment by segment from the left, a literal beats a parameter. A HEAD request
// is served by the GET route of the path unless a HEAD route exists.
//
// Every route has a unique name (the OpenAPI operationId, and the `route` label of
// the metrics). Routes are added during start-up; afterwards the router is only
// read, and concurrent calls to match() and routes() are safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "http/message.h"

namespace okr::http {

struct RouteInfo {
  Method method;
  std::string pattern;  // as given to add()
  std::string name;
};

struct RouteMatch {
  enum class Kind { found, not_found, method_not_allowed };
  Kind kind = Kind::not_found;
  const Handler* handler = nullptr;  // found: owned by the router
  std::string_view name;             // found: the route's name, owned by the router
  std::vector<Request::Pair> params;
  std::string allow;  // method_not_allowed: the Allow header value, e.g. "GET, HEAD, PUT"
};

class Router {
 public:
  Router() = default;
  Router(Router&&) = default;
  Router& operator=(Router&&) = default;
  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;

  // Adds a route. Throws std::invalid_argument (a programming error) if the
  // pattern is malformed, if the name is empty or already used, or if a route
  // with the same method and the same pattern shape already exists.
  void add(Method method, std::string_view pattern, std::string_view name, Handler handler);

  // Finds the route for a request. `segments` are the decoded path segments
  // ("/a/b" → {"a", "b"}; "/" → {}).
  RouteMatch match(Method method, const std::vector<std::string>& segments) const;

  // Every route, in the order added.
  std::vector<RouteInfo> routes() const;

  // What answers a GET that no route matches (the dashboard's "page not found" for a
  // browser); without one, such a request gets a 404 problem document.
  void set_not_found(Handler handler) { not_found_ = std::move(handler); }
  const Handler* not_found() const { return not_found_ ? &not_found_ : nullptr; }

 private:
  struct Segment {
    std::string text;  // literal text, or the parameter's name
    bool parameter = false;
  };
  struct Route {
    Method method;
    std::string pattern;
    std::string name;
    std::vector<Segment> segments;
    Handler handler;
  };

  static bool matches(const Route& route, const std::vector<std::string>& segments);
  static bool more_specific(const Route& a, const Route& b);

  std::vector<Route> routes_;
  Handler not_found_;
};

}  // namespace okr::http
