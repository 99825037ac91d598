// Shared machinery of the API handlers: authentication, strict reading of JSON
// bodies, ETags, cursors, and turning use-case errors into problem documents.
#pragma once

#include <algorithm>
#include <boost/json.hpp>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/accounts.h"
#include "app/app.h"
#include "http/json_body.h"
#include "http/message.h"

namespace okr::http::api {

namespace json = boost::json;

// Thrown by the helpers below and turned into its response by `guarded`.
struct Reject {
  Response response;
};

[[noreturn]] void reject(Response response);
[[noreturn]] void reject_field(std::string_view field, std::string detail);
// Rejects a query parameter it cannot read: a 400 naming it.
[[noreturn]] void reject_parameter(std::string_view name, std::string detail);
// Rejects with the problem document for a use-case error.
[[noreturn]] void reject_error(const Error& error);

template <class T>
T value_or_reject(Result<T> r) {
  if (!r.ok()) reject_error(r.error());
  return std::move(r).value();
}

// The actor of the request, from "Authorization: Bearer <token>" or the session
// cookie. Cookie-authenticated writes must carry X-CSRF-Token. Rejects with 401/403.
app::Actor authenticate(app::App& app, const Request& request);

// The session cookie's name and the CSRF token that goes with a session secret.
inline constexpr std::string_view kSessionCookie = "okr_session";
std::string csrf_token_for(std::string_view session_secret);
std::optional<std::string> session_cookie(const Request& request);

// A handler given the authenticated actor.
using Authed = std::function<Response(const Request&, const app::Actor&)>;
// Wraps a handler: authenticates, refuses (400, naming them) query parameters not in
// `query` so a misspelt filter never silently returns everything, and turns Reject
// into its response.
Handler authed(app::App& app, Authed handler, std::initializer_list<std::string_view> query = {});
// Wraps a handler that needs no authentication.
Handler guarded(Handler handler);

// Reads a JSON object body field by field. Unknown fields are rejected, so a
// misspelt field is never silently ignored; wrong types name the field.
class Body {
 public:
  Body(const Request& request, std::initializer_list<std::string_view> allowed);
  // One object inside a body (an item of a batch); `prefix` ("check_ins[3]") is put
  // before the field in every error, so the client learns which item is wrong.
  Body(json::object object, std::initializer_list<std::string_view> allowed, std::string prefix);

  bool has(std::string_view name) const { return object_.contains(name); }
  std::optional<std::string> text(std::string_view name) const;
  std::optional<double> number(std::string_view name) const;
  std::optional<bool> boolean(std::string_view name) const;
  std::optional<Id> id(std::string_view name) const;
  // Present-and-null → optional holding nullopt.
  std::optional<std::optional<Id>> nullable_id(std::string_view name) const;
  std::optional<std::vector<Id>> ids(std::string_view name) const;
  std::optional<Date> date(std::string_view name) const;
  std::optional<Instant> instant(std::string_view name) const;
  // Present-and-null → optional holding nullopt.
  std::optional<std::optional<double>> nullable_number(std::string_view name) const;
  template <class E>
  std::optional<E> choice(std::string_view name, std::optional<E> (*parse)(std::string_view),
                          std::string_view allowed) const {
    auto t = text(name);
    if (!t) return std::nullopt;
    auto v = parse(*t);
    if (!v) bad(name, std::string(name) + " must be one of: " + std::string(allowed));
    return v;
  }
  const json::object& object() const { return object_; }
  // The field's name as errors give it, with the item's prefix ("check_ins[3].value").
  std::string field(std::string_view name) const;

 private:
  void check_fields(std::initializer_list<std::string_view> allowed) const;
  [[noreturn]] void bad(std::string_view name, std::string detail) const;

  json::object object_;
  std::string prefix_;
};

// A reference in a body under `name`_id (an id) or under `name` (what the thing's path
// takes: a key, a name, an e-mail; a number is an id), found by `lookup` (a function of
// the text giving a Result of something with an `id`). Giving both forms is refused, and
// so is a key that names nothing, naming the field and what `lookup` said. Absent: nullopt.
template <class Lookup>
std::optional<Id> id_or_key(const Body& b, std::string_view name, Lookup lookup) {
  const std::string id_name = std::string(name) + "_id";
  if (b.has(name) && b.has(id_name))
    reject_field(b.field(name), "give " + std::string(name) + " or " + id_name + ", not both");
  if (!b.has(name)) return b.id(id_name);
  const auto& v = b.object().at(name);
  auto text = v.is_int64() ? std::optional(std::to_string(v.as_int64())) : b.text(name);
  auto found = lookup(*text);
  if (!found) reject_field(b.field(name), b.field(name) + ": " + found.error().message);
  return found->id;
}

// The same for a reference that null clears (present-and-null → optional holding nullopt).
template <class Lookup>
std::optional<std::optional<Id>> nullable_id_or_key(const Body& b, std::string_view name,
                                                    Lookup lookup) {
  if (b.has(name) && b.object().at(name).is_null()) {
    if (b.has(std::string(name) + "_id"))
      reject_field(b.field(name),
                   "give " + std::string(name) + " or " + std::string(name) + "_id, not both");
    return std::optional<Id>{};
  }
  if (!b.has(name)) return b.nullable_id(std::string(name) + "_id");
  return std::optional<Id>{id_or_key(b, name, lookup)};
}

// A list of references: `ids_name` (an array of ids) or `keys_name` (an array of keys,
// or ids), each key found by `lookup`; an unknown one is refused naming its place
// ("key_results[1]: no key result 'x'").
template <class Lookup>
std::optional<std::vector<Id>> ids_or_keys(const Body& b, std::string_view keys_name,
                                           std::string_view ids_name, Lookup lookup) {
  if (b.has(keys_name) && b.has(ids_name))
    reject_field(b.field(keys_name),
                 "give " + std::string(keys_name) + " or " + std::string(ids_name) + ", not both");
  if (!b.has(keys_name)) return b.ids(ids_name);
  const auto& v = b.object().at(keys_name);
  if (!v.is_array())
    reject_field(b.field(keys_name), b.field(keys_name) + " must be an array of keys or ids");
  std::vector<Id> out;
  const auto& items = v.as_array();
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string where = b.field(keys_name) + "[" + std::to_string(i) + "]";
    std::string text;
    if (items[i].is_int64())
      text = std::to_string(items[i].as_int64());
    else if (items[i].is_string())
      text = std::string(items[i].as_string());
    else
      reject_field(where, where + " must be a key or an id");
    auto found = lookup(text);
    if (!found) reject_field(where, where + ": " + found.error().message);
    out.push_back(found->id);
  }
  return out;
}

// ETag of a version ("\"v3\"") and the version required by If-Match (428 when absent,
// 412 when it does not parse or is a weak tag, W/"v3", which never matches since
// If-Match compares strongly). `If-Match: *` gives app::kAnyVersion: any stored version.
std::string etag(std::int64_t version);
std::int64_t required_version(const Request& request);

// Maps a stale-version conflict to 412 and everything else as problem_from_error does.
Response write_error(const Error& error);

// ?limit= (default 50, 1–500) and ?after= (a cursor from a previous page).
int limit_param(const Request& request);
std::optional<Id> id_param(const Request& request, std::string_view name);

// Filters that name a thing the way its path does: ?cycle=2026-Q4 or ?cycle=3, and the
// older ?cycle_id=3. A value that names nothing is 400 naming the parameter; giving
// both forms is 400 too.
std::optional<Id> cycle_param(app::App& app, const Request& request);
std::optional<Id> team_param(app::App& app, const Request& request);
// ?cycle= as cycle_param; without one, the current cycle when `current_by_default` (a
// list filtered by team reads the team's quarter, as `okr status --team` does), else
// every cycle.
std::optional<Id> cycle_param_or_current(app::App& app, const Request& request,
                                         bool current_by_default);
std::optional<Id> objective_param(app::App& app, const Request& request);
std::optional<Id> key_result_param(app::App& app, const Request& request);
// A user by id or e-mail under `name` (owner, user) or `name`_id.
std::optional<Id> user_param(app::App& app, const Request& request, std::string_view name);

// The position in `ids` (a list in its own order) where the page after the item whose
// id is `after` starts; 0 without `after`. Rejects (400 naming `after`) an id that is
// not in the list.
std::size_t page_start(const std::vector<Id>& ids, std::optional<Id> after);

// One page of a list read whole, in its own order (not by id), as
// {"items": [...], "next": "<cursor>"|null}: the items after the one named by ?after=,
// at most ?limit=; the cursor is the id of the page's last item when more follow. Items
// of these lists are never deleted, so a cursor stays valid.
template <class T>
json::object paged_json(const Request& request, const std::vector<T>& items,
                        const std::function<json::value(const T&)>& render) {
  const int limit = limit_param(request);
  std::vector<Id> ids;
  ids.reserve(items.size());
  for (const auto& i : items) ids.push_back(i.id);
  const std::size_t start = page_start(ids, id_param(request, "after"));
  const std::size_t end = std::min(items.size(), start + static_cast<std::size_t>(limit));
  json::array a;
  for (std::size_t i = start; i < end; ++i) a.push_back(render(items[i]));
  return {{"items", std::move(a)},
          {"next", end < items.size() ? json::value(std::to_string(items[end - 1].id))
                                      : json::value(nullptr)}};
}

// {"items": [...], "next": "<cursor>"|null}
template <class T>
json::object page_json(const std::vector<T>& items, std::optional<Id> next,
                       const std::function<json::value(const T&)>& render) {
  json::array a;
  for (const auto& i : items) a.push_back(render(i));
  return {{"items", std::move(a)},
          {"next", next ? json::value(std::to_string(*next)) : json::value(nullptr)}};
}

// 200 with the resource and its ETag.
Response with_etag(int status, const json::value& body, std::int64_t version);
// 201 with the resource, its ETag and its Location.
Response created(const json::value& body, std::int64_t version, const std::string& location);

}  // namespace okr::http::api
