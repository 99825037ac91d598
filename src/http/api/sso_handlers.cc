// /api/v1/sso/providers: the OpenID Connect providers (never their client secrets).
// Anyone may list their names and buttons; administrators add and remove them.
#include "app/sso.h"
#include "http/api/routes.h"
#include "http/api/support.h"

namespace okr::http::api {
namespace {

json::object provider_json(const app::SsoProviderView& p, bool full) {
  json::object o{{"name", p.name},
                 {"display_name", p.display_name},
                 {"start_url", "/sso/" + p.name + "/start"}};
  if (full) {
    json::array domains;
    for (const auto& d : p.allowed_domains) domains.push_back(json::value(d));
    o["issuer"] = p.issuer;
    o["client_id"] = p.client_id;
    o["allowed_domains"] = std::move(domains);
    o["redirect_path"] = "/sso/" + p.name + "/callback";
    o["created_at"] = format_instant(p.created_at);
  }
  return o;
}

}  // namespace

void add_sso_provider_routes(Router& router, app::App& app) {
  router.add(Method::get, "/api/v1/sso/providers", "sso_providers.list",
             guarded([&app](const Request& request) {
               // The sign-in page asks before anyone is signed in: names and buttons only,
               // unless an administrator asks.
               bool full = false;
               if (request.header("authorization") || session_cookie(request))
                 full = authenticate(app, request).admin;
               for (const auto& [k, v] : request.query)
                 reject_field(k, "unknown query parameter '" + k + "'");
               auto list = value_or_reject(app::SingleSignOn(app).list_providers());
               json::array items;
               for (const auto& p : list) items.push_back(provider_json(p, full));
               return Response::json(200, json::object{{"items", std::move(items)}});
             }));
  router.add(Method::post, "/api/v1/sso/providers", "sso_providers.create",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               Body b(request, {"name", "display_name", "issuer", "client_id", "client_secret",
                                "allowed_domains"});
               app::NewSsoProvider p;
               p.name = b.text("name").value_or("");
               p.display_name = b.text("display_name").value_or("");
               p.issuer = b.text("issuer").value_or("");
               p.client_id = b.text("client_id").value_or("");
               p.client_secret = b.text("client_secret").value_or("");
               if (auto it = b.object().find("allowed_domains"); it != b.object().end()) {
                 if (!it->value().is_array())
                   reject_field("allowed_domains", "allowed_domains must be an array of domains");
                 for (const auto& d : it->value().as_array()) {
                   if (!d.is_string())
                     reject_field("allowed_domains", "allowed_domains must be an array of domains");
                   p.allowed_domains.emplace_back(d.as_string());
                 }
               }
               auto view = app::SingleSignOn(app).add_provider(p, actor);
               if (!view) return write_error(view.error());
               auto r = Response::json(201, provider_json(*view, true));
               r.headers.set("Location", "/api/v1/sso/providers/" + view->name);
               return r;
             }));
  router.add(Method::del, "/api/v1/sso/providers/{name}", "sso_providers.delete",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               auto r = app::SingleSignOn(app).remove_provider(std::string(request.param("name")),
                                                               actor);
               if (!r) return write_error(r.error());
               return Response::no_content();
             }));
}

}  // namespace okr::http::api
