#include "http/router.h"

#include <stdexcept>

namespace okr::http {
namespace {

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// "/" → {}, "/a/b" → {"a", "b"}, "/a/" → {"a", ""}: the same split as Boost.URL's
// segments() of a request path.
std::vector<std::string_view> split_pattern(std::string_view pattern) {
  std::vector<std::string_view> out;
  std::string_view rest = pattern.substr(1);
  if (rest.empty()) return out;
  for (;;) {
    const std::size_t slash = rest.find('/');
    out.push_back(rest.substr(0, slash));
    if (slash == std::string_view::npos) break;
    rest = rest.substr(slash + 1);
  }
  return out;
}

constexpr std::size_t kMethodCount = 7;

// A segment's shape: literals as themselves, parameters as "{}".
std::string shape(std::string_view pattern_segment, bool parameter) {
  return parameter ? std::string("{}") : std::string(pattern_segment);
}

}  // namespace

void Router::add(Method method, std::string_view pattern, std::string_view name, Handler handler) {
  const std::string where = "route " + std::string(name) + " (" + std::string(pattern) + "): ";
  if (name.empty()) throw std::invalid_argument(where + "a route needs a name");
  if (pattern.empty() || pattern.front() != '/') {
    throw std::invalid_argument(where + "a pattern starts with '/'");
  }
  if (!handler) throw std::invalid_argument(where + "a route needs a handler");

  Route route{method, std::string(pattern), std::string(name), {}, std::move(handler)};
  for (std::string_view text : split_pattern(pattern)) {
    Segment segment;
    if (text.size() >= 2 && text.front() == '{' && text.back() == '}') {
      segment.parameter = true;
      segment.text = std::string(text.substr(1, text.size() - 2));
      if (segment.text.empty()) throw std::invalid_argument(where + "empty parameter name");
      for (char c : segment.text) {
        if (!is_name_char(c)) throw std::invalid_argument(where + "bad parameter name");
      }
      for (const Segment& s : route.segments) {
        if (s.parameter && s.text == segment.text) {
          throw std::invalid_argument(where + "parameter named twice");
        }
      }
    } else {
      if (text.find_first_of("{}") != std::string_view::npos) {
        throw std::invalid_argument(where + "a parameter must be a whole segment");
      }
      segment.text = std::string(text);
    }
    route.segments.push_back(std::move(segment));
  }

  for (const Route& other : routes_) {
    if (other.name == route.name) throw std::invalid_argument(where + "duplicate route name");
    if (other.method != route.method || other.segments.size() != route.segments.size()) continue;
    bool same_shape = true;
    for (std::size_t i = 0; i < route.segments.size() && same_shape; ++i) {
      same_shape = shape(other.segments[i].text, other.segments[i].parameter) ==
                   shape(route.segments[i].text, route.segments[i].parameter);
    }
    if (same_shape) throw std::invalid_argument(where + "same method and path as " + other.name);
  }
  routes_.push_back(std::move(route));
}

bool Router::matches(const Route& route, const std::vector<std::string>& segments) {
  if (route.segments.size() != segments.size()) return false;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const Segment& s = route.segments[i];
    if (s.parameter ? segments[i].empty() : s.text != segments[i]) return false;
  }
  return true;
}

bool Router::more_specific(const Route& a, const Route& b) {
  for (std::size_t i = 0; i < a.segments.size() && i < b.segments.size(); ++i) {
    if (a.segments[i].parameter != b.segments[i].parameter) return !a.segments[i].parameter;
  }
  return false;
}

RouteMatch Router::match(Method method, const std::vector<std::string>& segments) const {
  const Route* best = nullptr;
  const Route* best_get = nullptr;  // a HEAD request falls back to GET
  bool allowed[kMethodCount] = {};
  bool any = false;
  for (const Route& route : routes_) {
    if (!matches(route, segments)) continue;
    any = true;
    allowed[static_cast<int>(route.method)] = true;
    if (route.method == method && (!best || more_specific(route, *best))) best = &route;
    if (method == Method::head && route.method == Method::get &&
        (!best_get || more_specific(route, *best_get))) {
      best_get = &route;
    }
  }
  if (!best) best = best_get;

  RouteMatch result;
  if (best) {
    result.kind = RouteMatch::Kind::found;
    result.handler = &best->handler;
    result.name = best->name;
    for (std::size_t i = 0; i < segments.size(); ++i) {
      if (best->segments[i].parameter)
        result.params.emplace_back(best->segments[i].text, segments[i]);
    }
    return result;
  }
  if (!any) return result;

  allowed[static_cast<int>(Method::head)] |= allowed[static_cast<int>(Method::get)];
  result.kind = RouteMatch::Kind::method_not_allowed;
  for (Method m : {Method::get, Method::head, Method::post, Method::put, Method::patch, Method::del,
                   Method::options}) {
    if (!allowed[static_cast<int>(m)]) continue;
    if (!result.allow.empty()) result.allow += ", ";
    result.allow += to_string(m);
  }
  return result;
}

std::vector<RouteInfo> Router::routes() const {
  std::vector<RouteInfo> out;
  out.reserve(routes_.size());
  for (const Route& r : routes_) out.push_back({r.method, r.pattern, r.name});
  return out;
}

}  // namespace okr::http
