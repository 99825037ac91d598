// /scim/v2: each request bears a SCIM token; the wire format is read and written in
// scim_json.h, the work is app::Provisioning's.
#include <cctype>
#include <charconv>

#include "app/scim.h"
#include "http/json_body.h"
#include "http/scim/routes.h"
#include "http/scim/scim_json.h"

namespace okr::http {
namespace {

using scim::json::array;
using scim::json::object;

constexpr std::size_t kDefaultCount = 100;
constexpr std::size_t kMaxCount = 200;

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// The address of /scim/v2 as the client reached it, for meta.location; a path alone
// when the Host header is not an address.
std::string base_of(const Request& request) {
  auto host = request.header("host");
  if (!host || host->empty() || host->size() > 255) return "/scim/v2";
  for (char c : *host)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' ||
          c == '[' || c == ']'))
      return "/scim/v2";
  return std::string(request.secure ? "https://" : "http://") + std::string(*host) + "/scim/v2";
}

[[noreturn]] void refuse(int status, std::string type, std::string detail) {
  throw scim::Refusal{status, std::move(type), std::move(detail)};
}

template <class T>
T value_or_refuse(Result<T> r) {
  if (!r) throw r.error();
  return std::move(r).value();
}

// The body as a JSON object, or the SCIM error saying why not.
object body_of(const Request& request) {
  auto parsed = parse_json_object(request);
  if (parsed.ok()) return std::move(*parsed.value);
  std::string detail = "the body is not a JSON object";
  try {
    auto problem = scim::json::parse(parsed.problem.body);
    if (const auto* d = problem.as_object().if_contains("detail"); d && d->is_string())
      detail = std::string(d->as_string());
  } catch (const std::exception&) {
  }
  refuse(parsed.problem.status, parsed.problem.status == 400 ? "invalidSyntax" : "", detail);
}

std::size_t number_param(const Request& request, std::string_view name, std::size_t fallback) {
  auto v = request.query_param(name);
  if (!v) return fallback;
  long long n = 0;
  auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc() || end != v->data() + v->size())
    refuse(400, "invalidValue", std::string(name) + " must be a whole number");
  return n < 0 ? 0 : static_cast<std::size_t>(n);
}

using ScimHandler = std::function<Response(const Request&, const ScimToken&)>;

// Authenticates with a SCIM token and turns refusals and use-case errors into SCIM
// error documents.
Handler scim_route(app::App& app, ScimHandler handler) {
  return [&app, handler = std::move(handler)](const Request& request) -> Response {
    try {
      std::string secret;
      if (auto h = request.header("authorization");
          h && h->size() > 7 && iequals(h->substr(0, 7), "bearer "))
        secret = std::string(h->substr(7));
      auto token = app::Provisioning(app).authenticate(secret);
      if (!token) return scim::error_of(token.error());
      return handler(request, *token);
    } catch (const scim::Refusal& r) {
      return scim::error_response(r.status, r.scim_type, r.detail);
    } catch (const Error& e) {
      return scim::error_of(e);
    }
  };
}

struct Page {
  app::ScimFilter filter;
  std::size_t start = 1;
  std::size_t count = kDefaultCount;
};

Page page_of(const Request& request, std::initializer_list<std::string_view> filterable) {
  Page p;
  if (auto f = request.query_param("filter"); f && !f->empty())
    p.filter = scim::parse_filter(*f, filterable);
  p.start = std::max<std::size_t>(1, number_param(request, "startIndex", 1));
  p.count = std::min(kMaxCount, number_param(request, "count", kDefaultCount));
  return p;
}

bool without_members(const Request& request) {
  auto excluded = request.query_param("excludedAttributes");
  if (!excluded) return false;
  std::string lower(*excluded);
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower.find("members") != std::string::npos;
}

void add_user_routes(Router& router, app::App& app) {
  router.add(
      Method::get, "/scim/v2/Users", "scim.users.list",
      scim_route(app, [&app](const Request& request, const ScimToken&) {
        const Page p = page_of(request, {"userName", "externalId", "emails", "emails.value", "id"});
        auto page = value_or_refuse(app::Provisioning(app).people(p.filter, p.start, p.count));
        array items;
        for (const auto& person : page.items)
          items.push_back(scim::person_json(person, base_of(request)));
        return scim::document(200, scim::list_json(std::move(items), page.total, page.start));
      }));
  router.add(Method::post, "/scim/v2/Users", "scim.users.create",
             scim_route(app, [&app](const Request& request, const ScimToken& token) {
               auto fields = scim::person_fields(body_of(request));
               auto person = value_or_refuse(app::Provisioning(app).create_person(fields, token));
               auto r = scim::document(201, scim::person_json(person, base_of(request)));
               r.headers.set("Location",
                             base_of(request) + "/Users/" + std::to_string(person.user.id));
               return r;
             }));
  router.add(Method::get, "/scim/v2/Users/{id}", "scim.users.get",
             scim_route(app, [&app](const Request& request, const ScimToken&) {
               auto person =
                   value_or_refuse(app::Provisioning(app).person(std::string(request.param("id"))));
               return scim::document(200, scim::person_json(person, base_of(request)));
             }));
  auto change = [&app](bool replace) {
    return scim_route(app, [&app, replace](const Request& request, const ScimToken& token) {
      const object body = body_of(request);
      auto fields = replace ? scim::person_fields(body) : scim::person_patch(body);
      auto person = value_or_refuse(app::Provisioning(app).change_person(
          std::string(request.param("id")), fields, replace, token));
      return scim::document(200, scim::person_json(person, base_of(request)));
    });
  };
  router.add(Method::put, "/scim/v2/Users/{id}", "scim.users.replace", change(true));
  router.add(Method::patch, "/scim/v2/Users/{id}", "scim.users.patch", change(false));
  router.add(Method::del, "/scim/v2/Users/{id}", "scim.users.deactivate",
             scim_route(app, [&app](const Request& request, const ScimToken& token) {
               value_or_refuse(app::Provisioning(app).deactivate_person(
                   std::string(request.param("id")), token));
               return Response::no_content();
             }));
}

void add_group_routes(Router& router, app::App& app) {
  router.add(
      Method::get, "/scim/v2/Groups", "scim.groups.list",
      scim_route(app, [&app](const Request& request, const ScimToken&) {
        const Page p = page_of(request, {"displayName", "externalId", "id"});
        auto page = value_or_refuse(app::Provisioning(app).groups(p.filter, p.start, p.count));
        array items;
        for (const auto& g : page.items)
          items.push_back(scim::group_json(g, base_of(request), !without_members(request)));
        return scim::document(200, scim::list_json(std::move(items), page.total, page.start));
      }));
  router.add(Method::post, "/scim/v2/Groups", "scim.groups.create",
             scim_route(app, [&app](const Request& request, const ScimToken& token) {
               auto fields = scim::group_fields(body_of(request));
               auto group = value_or_refuse(app::Provisioning(app).create_group(fields, token));
               auto r = scim::document(201, scim::group_json(group, base_of(request), true));
               r.headers.set("Location",
                             base_of(request) + "/Groups/" + std::to_string(group.group.id));
               return r;
             }));
  router.add(Method::get, "/scim/v2/Groups/{id}", "scim.groups.get",
             scim_route(app, [&app](const Request& request, const ScimToken&) {
               auto group =
                   value_or_refuse(app::Provisioning(app).group(std::string(request.param("id"))));
               return scim::document(
                   200, scim::group_json(group, base_of(request), !without_members(request)));
             }));
  router.add(Method::put, "/scim/v2/Groups/{id}", "scim.groups.replace",
             scim_route(app, [&app](const Request& request, const ScimToken& token) {
               auto fields = scim::group_fields(body_of(request));
               auto group = value_or_refuse(app::Provisioning(app).change_group(
                   std::string(request.param("id")), fields, true, token));
               return scim::document(200, scim::group_json(group, base_of(request), true));
             }));
  router.add(Method::patch, "/scim/v2/Groups/{id}", "scim.groups.patch",
             scim_route(app, [&app](const Request& request, const ScimToken& token) {
               auto fields = scim::group_patch(body_of(request));
               value_or_refuse(app::Provisioning(app).change_group(std::string(request.param("id")),
                                                                   fields, false, token));
               return Response::no_content();
             }));
  router.add(Method::del, "/scim/v2/Groups/{id}", "scim.groups.delete",
             scim_route(app, [&app](const Request& request, const ScimToken& token) {
               value_or_refuse(
                   app::Provisioning(app).delete_group(std::string(request.param("id")), token));
               return Response::no_content();
             }));
}

void add_discovery_routes(Router& router, app::App& app) {
  router.add(Method::get, "/scim/v2/ServiceProviderConfig", "scim.service_provider_config",
             scim_route(app, [](const Request& request, const ScimToken&) {
               return scim::document(200, scim::service_provider_config(base_of(request)));
             }));
  router.add(Method::get, "/scim/v2/Schemas", "scim.schemas",
             scim_route(app, [](const Request&, const ScimToken&) {
               auto all = scim::schemas();
               const auto n = all.size();
               return scim::document(200, scim::list_json(std::move(all), n, 1));
             }));
  router.add(Method::get, "/scim/v2/Schemas/{id}", "scim.schemas.get",
             scim_route(app, [](const Request& request, const ScimToken&) {
               for (const auto& s : scim::schemas())
                 if (s.as_object().at("id").as_string() == request.param("id"))
                   return scim::document(200, s);
               return scim::error_response(404, "",
                                           "no schema " + std::string(request.param("id")));
             }));
  router.add(Method::get, "/scim/v2/ResourceTypes", "scim.resource_types",
             scim_route(app, [](const Request& request, const ScimToken&) {
               auto all = scim::resource_types(base_of(request));
               const auto n = all.size();
               return scim::document(200, scim::list_json(std::move(all), n, 1));
             }));
  router.add(Method::get, "/scim/v2/ResourceTypes/{id}", "scim.resource_types.get",
             scim_route(app, [](const Request& request, const ScimToken&) {
               for (const auto& t : scim::resource_types(base_of(request)))
                 if (t.as_object().at("id").as_string() == request.param("id"))
                   return scim::document(200, t);
               return scim::error_response(404, "",
                                           "no resource type " + std::string(request.param("id")));
             }));
}

// Whatever no route above answers under /scim/v2 still gets a SCIM error document: 405
// for a method a known resource does not take, 404 for anything else.
void add_fallback_routes(Router& router) {
  auto answer = [](bool with_id) {
    return [with_id](const Request& request) {
      const std::string_view resource = request.param("resource");
      const bool known = resource == "Users" || resource == "Groups" ||
                         (resource == "Schemas" || resource == "ResourceTypes" ||
                          (resource == "ServiceProviderConfig" && !with_id));
      if (!known) return scim::error_response(404, "", "no SCIM resource at " + request.path);
      auto r = scim::error_response(
          405, "", "this SCIM resource does not take " + std::string(to_string(request.method)));
      const bool writable = resource == "Users" || resource == "Groups";
      r.headers.set("Allow", !writable ? "GET, HEAD"
                             : with_id ? "GET, HEAD, PUT, PATCH, DELETE"
                                       : "GET, HEAD, POST");
      return r;
    };
  };
  for (auto [method, name] : {std::pair{Method::get, "get"}, std::pair{Method::post, "post"},
                              std::pair{Method::put, "put"}, std::pair{Method::patch, "patch"},
                              std::pair{Method::del, "delete"}}) {
    router.add(method, "/scim/v2/{resource}", std::string("scim.other.") + name, answer(false));
    router.add(method, "/scim/v2/{resource}/{id}", std::string("scim.other.") + name + ".id",
               answer(true));
  }
}

}  // namespace

void add_scim_routes(Router& router, app::App& app) {
  add_user_routes(router, app);
  add_group_routes(router, app);
  add_discovery_routes(router, app);
  add_fallback_routes(router);
}

}  // namespace okr::http
