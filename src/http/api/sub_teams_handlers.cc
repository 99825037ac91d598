// GET /api/v1/cycles/{cycle}/teams/{team}/sub-teams?sort=name|score|off-track&limit=&after=
// The teams right below a team with their scores and key results by status, a page at a
// time: the drill-down of the organisation tree.
#include <charconv>

#include "app/sub_teams.h"
#include "http/api/routes.h"
#include "http/api/support.h"

namespace okr::http::api {

void add_sub_team_routes(Router& router, app::App& app) {
  router.add(
      Method::get, "/api/v1/cycles/{cycle}/teams/{team}/sub-teams", "teams.sub_teams",
      authed(app,
             [&app](const Request& request, const app::Actor& actor) {
               auto order = app::SubTeamOrder::name;
               if (auto s = request.query_param("sort")) {
                 if (*s == "score")
                   order = app::SubTeamOrder::score;
                 else if (*s == "off-track")
                   order = app::SubTeamOrder::off_track;
                 else if (*s != "name")
                   reject(Response::problem(400, "invalid-parameter", "Invalid parameter",
                                            "sort must be one of: name, score, off-track", "sort"));
               }
               int offset = 0;
               if (auto a = request.query_param("after")) {
                 auto [p, ec] = std::from_chars(a->data(), a->data() + a->size(), offset);
                 if (ec != std::errc() || p != a->data() + a->size() || offset < 0)
                   reject(Response::problem(400, "invalid-parameter", "Invalid parameter",
                                            "after must be the next of a previous page", "after"));
               }
               int limit = request.query_param("limit") ? limit_param(request) : 25;
               auto page = value_or_reject(app::sub_teams(app, std::string(request.param("cycle")),
                                                          std::string(request.param("team")), order,
                                                          offset, std::min(limit, 100), actor));
               json::array items;
               for (const auto& s : page.items)
                 items.push_back(
                     json::object{{"id", s.team.id},
                                  {"key", s.team.key},
                                  {"name", s.team.name},
                                  {"function", s.team.function},
                                  {"score", s.score ? json::value(*s.score) : json::value(nullptr)},
                                  {"objectives", s.objectives},
                                  {"on_track", s.on_track},
                                  {"at_risk", s.at_risk},
                                  {"off_track", s.off_track},
                                  {"sub_teams", s.sub_teams}});
               return Response::json(
                   200, json::object{{"items", std::move(items)},
                                     {"total", page.total},
                                     {"next", page.next ? json::value(std::to_string(*page.next))
                                                        : json::value(nullptr)}});
             },
             {"sort", "limit", "after"}));
}

}  // namespace okr::http::api
