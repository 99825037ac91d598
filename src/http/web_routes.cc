#include "http/web_routes.h"

#include <string>

#include "http/web_assets.h"

namespace okr::http {
namespace {

constexpr std::string_view kPages[] = {
    "/",
    "/signin",
    "/setup",
    "/join",
    "/unsubscribe",
    "/start",
    "/cycles/{cycle}",
    "/cycles/{cycle}/alignment",
    "/cycles/{cycle}/teams/{team}",
    "/cycles/{cycle}/teams/{team}/grading",
    "/cycles/{cycle}/teams/{team}/new",
    "/cycles/{cycle}/teams/{team}/present",
    "/objectives/{objective}",
    "/objectives/{objective}/edit",
    "/kpis",
    "/sprints",
    "/teams/{team}/sprints",
    "/admin",
    "/admin/tokens",
    "/admin/teams",
    "/admin/cycles",
    "/admin/audit",
    "/admin/sign-in",
    "/admin/webhooks",
};

bool accepts_gzip(const Request& request) {
  auto v = request.header("Accept-Encoding");
  return v && v->find("gzip") != std::string_view::npos;
}

Response serve(const Request& request, const WebAsset& asset, bool immutable,
               bool conditional = true) {
  Response r;
  r.status = 200;
  r.headers.set("Content-Type", std::string(asset.content_type));
  r.headers.set("ETag", std::string(asset.etag));
  r.headers.set("Vary", "Accept-Encoding");
  r.headers.set("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
  if (auto inm = request.header("If-None-Match"); conditional && inm && *inm == asset.etag) {
    r.status = 304;
    return r;
  }
  if (accepts_gzip(request)) {
    r.headers.set("Content-Encoding", "gzip");
    r.body = std::string(asset.gzip);
  } else {
    r.body = std::string(asset.body);
  }
  return r;
}

}  // namespace

std::span<const std::string_view> web_page_patterns() {
  return kPages;
}

void add_web_routes(Router& router) {
  const WebAsset& index = web_assets().front();
  for (std::string_view page : kPages) {
    std::string name = "web.page";
    name += page == "/" ? std::string_view("/index") : page;
    router.add(Method::get, page, name,
               [&index](const Request& request) { return serve(request, index, false); });
  }
  // A mistyped address in a browser gets the dashboard, which says "page not found";
  // the API and every other client keep the problem document.
  router.set_not_found([&index](const Request& request) {
    auto accept = request.header("Accept");
    const bool api = request.path.rfind("/api/", 0) == 0 || request.path.rfind("/assets/", 0) == 0;
    if (api || !accept || accept->find("text/html") == std::string_view::npos)
      return Response::problem(404, "not-found", "Not found", "No resource exists at this path.");
    Response r = serve(request, index, false, false);
    r.status = 404;
    r.headers.set("Cache-Control", "no-store");
    return r;
  });
  router.add(Method::get, "/assets/{file}", "web.asset", [](const Request& request) {
    const std::string path = "/assets/" + std::string(request.param("file"));
    for (const auto& asset : web_assets())
      if (asset.path == path) return serve(request, asset, true);
    return Response::problem(404, "not-found", "Not found", "No such file: " + path);
  });
}

}  // namespace okr::http
