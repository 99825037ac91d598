#include "http/web_routes.h"

#include <string>

#include "http/web_assets.h"

namespace okr::http {
namespace {

constexpr std::string_view kPages[] = {
    "/",
    "/signin",
    "/start",
    "/cycles/{cycle}",
    "/cycles/{cycle}/alignment",
    "/cycles/{cycle}/teams/{team}",
    "/cycles/{cycle}/teams/{team}/grading",
    "/cycles/{cycle}/teams/{team}/new",
    "/objectives/{objective}",
    "/objectives/{objective}/edit",
    "/kpis",
    "/sprints",
    "/teams/{team}/sprints",
    "/admin",
    "/admin/tokens",
    "/admin/audit",
};

bool accepts_gzip(const Request& request) {
  auto v = request.header("Accept-Encoding");
  return v && v->find("gzip") != std::string_view::npos;
}

Response serve(const Request& request, const WebAsset& asset, bool immutable) {
  Response r;
  r.status = 200;
  r.headers.set("Content-Type", std::string(asset.content_type));
  r.headers.set("ETag", std::string(asset.etag));
  r.headers.set("Vary", "Accept-Encoding");
  r.headers.set("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
  if (auto inm = request.header("If-None-Match"); inm && *inm == asset.etag) {
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
  router.add(Method::get, "/assets/{file}", "web.asset", [](const Request& request) {
    const std::string path = "/assets/" + std::string(request.param("file"));
    for (const auto& asset : web_assets())
      if (asset.path == path) return serve(request, asset, true);
    return Response::problem(404, "not-found", "Not found", "No such file: " + path);
  });
}

}  // namespace okr::http
