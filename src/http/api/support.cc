#include "http/api/support.h"

#include <algorithm>
#include <charconv>

#include "app/okrs.h"
#include "app/queries.h"
#include "app/secrets.h"
#include "core/text.h"

namespace okr::http::api {

void reject(Response response) {
  throw Reject{std::move(response)};
}

void reject_field(std::string_view field, std::string detail) {
  reject(Response::problem(422, "invalid-field", "Invalid field", detail, field));
}

void reject_parameter(std::string_view name, std::string detail) {
  reject(Response::problem(400, "invalid-parameter", "Invalid parameter", detail, name));
}

void reject_error(const Error& error) {
  reject(write_error(error));
}

Response write_error(const Error& error) {
  if (error.code == ErrorCode::conflict && error.field == "version")
    return Response::problem(412, "precondition-failed", "Precondition failed", error.message,
                             "If-Match");
  return problem_from_error(error);
}

std::string csrf_token_for(std::string_view session_secret) {
  return app::secret_hash("csrf:" + std::string(session_secret));
}

std::optional<std::string> session_cookie(const Request& request) {
  for (const auto& [name, value] : request.headers) {
    if (!iequals(name, "cookie")) continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      auto semi = rest.find(';');
      std::string_view pair = rest.substr(0, semi);
      rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
      while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
      auto eq = pair.find('=');
      if (eq != std::string_view::npos && pair.substr(0, eq) == kSessionCookie)
        return std::string(pair.substr(eq + 1));
    }
  }
  return std::nullopt;
}

app::Actor authenticate(app::App& app, const Request& request) {
  app::Accounts accounts(app);
  if (auto auth = request.header("authorization")) {
    std::string_view v = *auth;
    if (v.size() > 7 && iequals(v.substr(0, 7), "bearer ")) {
      auto actor = accounts.authenticate_token(std::string(v.substr(7)));
      if (!actor) reject(problem_from_error(actor.error()));
      return *actor;
    }
    reject(Response::problem(401, "unauthenticated", "Authentication required",
                             "the Authorization header must be 'Bearer <token>'"));
  }
  if (auto secret = session_cookie(request)) {
    auto actor = accounts.authenticate_session(*secret);
    if (!actor) reject(problem_from_error(actor.error()));
    bool safe = request.method == Method::get || request.method == Method::head;
    if (!safe) {
      auto sent = request.header("x-csrf-token");
      if (!sent || !app::secrets_equal(*sent, csrf_token_for(*secret)))
        reject(Response::problem(403, "csrf", "Missing or wrong CSRF token",
                                 "a write with a session cookie needs the X-CSRF-Token header "
                                 "returned at sign-in"));
    }
    return *actor;
  }
  auto r = Response::problem(401, "unauthenticated", "Authentication required",
                             "sign in at POST /api/v1/session or send an API token");
  r.headers.set("WWW-Authenticate", "Bearer");
  reject(std::move(r));
}

Handler authed(app::App& app, Authed handler, std::initializer_list<std::string_view> query) {
  std::vector<std::string> allowed(query.begin(), query.end());
  return
      [&app, handler = std::move(handler), allowed = std::move(allowed)](const Request& request) {
        try {
          auto actor = authenticate(app, request);
          std::string unknown, first;
          for (std::size_t i = 0; i < request.query.size(); ++i) {
            // A filter given twice (?team=a&team=b) would silently keep the first.
            const std::string& name = request.query[i].first;
            for (std::size_t j = 0; j < i; ++j)
              if (request.query[j].first == name)
                reject(Response::problem(
                    400, "invalid-parameter", "Invalid parameter",
                    "query parameter '" + name + "' is given more than once; give it once", name));
          }
          for (const auto& [name, value] : request.query) {
            if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) continue;
            if (unknown.find("'" + name + "'") != std::string::npos) continue;
            if (first.empty()) first = name;
            unknown += (unknown.empty() ? "'" : ", '") + name + "'";
          }
          if (!unknown.empty()) {
            std::string detail = "unknown query parameter " + unknown + "; ";
            if (allowed.empty()) {
              detail += "this route takes none";
            } else {
              detail += "this route takes";
              for (std::size_t i = 0; i < allowed.size(); ++i)
                detail += (i ? ", " : " ") + allowed[i];
            }
            reject(Response::problem(400, "invalid-parameter", "Invalid parameter", detail, first));
          }
          return handler(request, actor);
        } catch (Reject& r) {
          return std::move(r.response);
        }
      };
}

Handler guarded(Handler handler) {
  return [handler = std::move(handler)](const Request& request) {
    try {
      return handler(request);
    } catch (Reject& r) {
      return std::move(r.response);
    }
  };
}

Body::Body(const Request& request, std::initializer_list<std::string_view> allowed) {
  auto parsed = parse_json_object(request);
  if (!parsed.ok()) reject(parsed.problem);
  object_ = std::move(*parsed.value);
  check_fields(allowed);
}

Body::Body(json::object object, std::initializer_list<std::string_view> allowed, std::string prefix)
    : object_(std::move(object)), prefix_(std::move(prefix)) {
  check_fields(allowed);
}

void Body::check_fields(std::initializer_list<std::string_view> allowed) const {
  for (const auto& kv : object_) {
    bool known = false;
    for (auto a : allowed) known = known || kv.key() == a;
    if (!known) {
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      bad(kv.key(), "unknown field '" + std::string(kv.key()) + "'; expected one of: " + list);
    }
  }
}

std::string Body::field(std::string_view name) const {
  return prefix_.empty() ? std::string(name) : prefix_ + "." + std::string(name);
}

void Body::bad(std::string_view name, std::string detail) const {
  if (prefix_.empty()) reject_field(name, std::move(detail));
  reject_field(prefix_ + "." + std::string(name), prefix_ + ": " + detail);
}

std::optional<std::string> Body::text(std::string_view name) const {
  auto it = object_.find(name);
  if (it == object_.end()) return std::nullopt;
  if (!it->value().is_string()) bad(name, std::string(name) + " must be a string");
  std::string value(it->value().as_string());
  // The body is valid UTF-8, but "\u0000" escapes a NUL into a string.
  if (auto problem = text_problem(value)) bad(name, std::string(name) + " " + *problem);
  return value;
}

std::optional<double> Body::number(std::string_view name) const {
  auto it = object_.find(name);
  if (it == object_.end()) return std::nullopt;
  const auto& v = it->value();
  if (v.is_double()) return v.as_double();
  if (v.is_int64()) return static_cast<double>(v.as_int64());
  if (v.is_uint64()) return static_cast<double>(v.as_uint64());
  bad(name, std::string(name) + " must be a number");
}

std::optional<bool> Body::boolean(std::string_view name) const {
  auto it = object_.find(name);
  if (it == object_.end()) return std::nullopt;
  if (!it->value().is_bool()) bad(name, std::string(name) + " must be true or false");
  return it->value().as_bool();
}

namespace {
std::optional<Id> to_optional_id(const json::value& v) {
  if (v.is_int64() && v.as_int64() > 0) return v.as_int64();
  if (v.is_uint64() && v.as_uint64() <= static_cast<std::uint64_t>(INT64_MAX) && v.as_uint64() > 0)
    return static_cast<Id>(v.as_uint64());
  return std::nullopt;
}

Id to_id(const json::value& v, std::string_view name) {
  if (v.is_int64() && v.as_int64() > 0) return v.as_int64();
  if (v.is_uint64() && v.as_uint64() <= static_cast<std::uint64_t>(INT64_MAX) && v.as_uint64() > 0)
    return static_cast<Id>(v.as_uint64());
  reject_field(name, std::string(name) + " must be a positive integer id");
}
}  // namespace

std::optional<Id> Body::id(std::string_view name) const {
  auto it = object_.find(name);
  if (it == object_.end()) return std::nullopt;
  if (!prefix_.empty() && !to_optional_id(it->value()))
    bad(name, std::string(name) + " must be a positive integer id");
  return to_id(it->value(), name);
}

std::optional<std::optional<Id>> Body::nullable_id(std::string_view name) const {
  auto it = object_.find(name);
  if (it == object_.end()) return std::nullopt;
  if (it->value().is_null()) return std::optional<Id>{};
  return std::optional<Id>{to_id(it->value(), name)};
}

std::optional<std::vector<Id>> Body::ids(std::string_view name) const {
  auto it = object_.find(name);
  if (it == object_.end()) return std::nullopt;
  if (!it->value().is_array()) bad(name, std::string(name) + " must be an array of ids");
  std::vector<Id> out;
  for (const auto& v : it->value().as_array()) out.push_back(to_id(v, name));
  return out;
}

std::optional<Date> Body::date(std::string_view name) const {
  auto t = text(name);
  if (!t) return std::nullopt;
  auto d = parse_date(*t);
  if (!d) bad(name, std::string(name) + " must be a date (YYYY-MM-DD)");
  return d;
}

std::optional<Instant> Body::instant(std::string_view name) const {
  auto t = text(name);
  if (!t) return std::nullopt;
  auto i = parse_instant(*t);
  if (!i) bad(name, std::string(name) + " must be an ISO 8601 time");
  return i;
}

std::optional<std::optional<double>> Body::nullable_number(std::string_view name) const {
  auto it = object_.find(name);
  if (it == object_.end()) return std::nullopt;
  if (it->value().is_null()) return std::optional<double>{};
  return std::optional<double>{number(name)};
}

Response created(const json::value& body, std::int64_t version, const std::string& location) {
  auto r = with_etag(201, body, version);
  r.headers.set("Location", location);
  return r;
}

std::string etag(std::int64_t version) {
  return "\"v" + std::to_string(version) + "\"";
}

std::int64_t required_version(const Request& request) {
  auto h = request.header("if-match");
  if (!h)
    reject(Response::problem(428, "precondition-required", "Precondition required",
                             "send If-Match with the ETag you read, so concurrent edits are not "
                             "lost",
                             "If-Match"));
  std::string_view v = *h;
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
  // RFC 9110 §13.1.1: "*" matches any current representation; a weak tag never
  // matches, since If-Match uses the strong comparison.
  if (v == "*") return app::kAnyVersion;
  if (v.starts_with("W/"))
    reject(Response::problem(412, "precondition-failed", "Precondition failed",
                             "If-Match compares strongly and a weak ETag (W/...) never matches; "
                             "send the ETag as the server gave it, for example \"v3\"",
                             "If-Match"));
  std::int64_t version = 0;
  if (v.size() >= 4 && v.front() == '"' && v.back() == '"' && v[1] == 'v') {
    auto digits = v.substr(2, v.size() - 3);
    auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), version);
    if (ec == std::errc() && p == digits.data() + digits.size() && version > 0) return version;
  }
  reject(Response::problem(412, "precondition-failed", "Precondition failed",
                           "If-Match does not name a version of this resource", "If-Match"));
}

int limit_param(const Request& request) {
  auto v = request.query_param("limit");
  if (!v) return 50;
  int n = 0;
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc() || p != v->data() + v->size() || n < 1 || n > 500)
    reject(Response::problem(400, "invalid-parameter", "Invalid parameter",
                             "limit must be a whole number from 1 to 500", "limit"));
  return n;
}

std::optional<Id> id_param(const Request& request, std::string_view name) {
  auto v = request.query_param(name);
  if (!v) return std::nullopt;
  Id n = 0;
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc() || p != v->data() + v->size() || n <= 0)
    reject(Response::problem(400, "invalid-parameter", "Invalid parameter",
                             std::string(name) + " must be a positive integer", name));
  return n;
}

std::size_t page_start(const std::vector<Id>& ids, std::optional<Id> after) {
  if (!after) return 0;
  auto it = std::find(ids.begin(), ids.end(), *after);
  if (it == ids.end())
    reject(Response::problem(400, "invalid-parameter", "Invalid parameter",
                             "after must be the next cursor of a previous page of this list",
                             "after"));
  return static_cast<std::size_t>(it - ids.begin()) + 1;
}

namespace {

// ?name=<id, key or name> or ?name_id=<id>, resolved by `lookup`.
template <class Lookup>
std::optional<Id> named_param(const Request& request, std::string_view name, Lookup lookup) {
  const std::string id_name = std::string(name) + "_id";
  auto by_name = request.query_param(name);
  if (by_name && request.query_param(id_name))
    reject(Response::problem(400, "invalid-parameter", "Invalid parameter",
                             "give " + std::string(name) + " or " + id_name + ", not both", name));
  if (!by_name) return id_param(request, id_name);
  auto found = lookup(std::string(*by_name));
  if (!found)
    reject(Response::problem(400, "invalid-parameter", "Invalid parameter",
                             std::string(name) + ": " + found.error().message, name));
  return found->id;
}

}  // namespace

std::optional<Id> cycle_param(app::App& app, const Request& request) {
  return named_param(request, "cycle",
                     [&](const std::string& v) { return app::get_cycle(app, v); });
}

std::optional<Id> cycle_param_or_current(app::App& app, const Request& request,
                                         bool current_by_default) {
  auto cycle = cycle_param(app, request);
  if (cycle || !current_by_default) return cycle;
  // No cycles at all: nothing to filter by, and nothing the list could hold.
  auto current = app::get_cycle(app, "current");
  return current ? std::optional<Id>(current->id) : std::nullopt;
}

std::optional<Id> team_param(app::App& app, const Request& request) {
  return named_param(request, "team", [&](const std::string& v) { return app::get_team(app, v); });
}

std::optional<Id> objective_param(app::App& app, const Request& request) {
  return named_param(request, "objective",
                     [&](const std::string& v) { return app::get_objective(app, v); });
}

std::optional<Id> key_result_param(app::App& app, const Request& request) {
  return named_param(request, "key_result",
                     [&](const std::string& v) { return app::get_key_result(app, v); });
}

std::optional<Id> user_param(app::App& app, const Request& request, std::string_view name) {
  return named_param(request, name, [&](const std::string& v) { return app::get_user(app, v); });
}

Response with_etag(int status, const json::value& body, std::int64_t version) {
  auto r = Response::json(status, body);
  r.headers.set("ETag", etag(version));
  return r;
}

}  // namespace okr::http::api
