// GET /api/v1/search?q=words&limit=8: the search box of every page.
#include "app/search.h"
#include "http/api/routes.h"
#include "http/api/support.h"

namespace okr::http::api {

void add_search_routes(Router& router, app::App& app) {
  router.add(Method::get, "/api/v1/search", "search",
             authed(app,
                    [&app](const Request& request, const app::Actor&) {
                      auto q = request.query_param("q");
                      if (!q)
                        reject(Response::problem(400, "invalid-parameter", "Invalid parameter",
                                                 "search needs q: the words to look for", "q"));
                      int limit = 8;
                      if (request.query_param("limit")) limit = limit_param(request);
                      auto kind = request.query_param("kind");
                      auto found = value_or_reject(
                          app::search(app, std::string(*q), limit,
                                      kind ? std::optional<std::string>(*kind) : std::nullopt));
                      json::array items;
                      for (const auto& f : found)
                        items.push_back(json::object{
                            {"kind", f.kind},
                            {"id", f.id},
                            {"key", f.key},
                            {"title", f.title},
                            {"context", f.context},
                            {"path", f.path.empty() ? json::value(nullptr) : json::value(f.path)}});
                      return Response::json(200, json::object{{"items", std::move(items)}});
                    },
                    {"q", "limit", "kind"}));
}

}  // namespace okr::http::api
