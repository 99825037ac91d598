// /api/v1/cycles, with each cycle's summary (rolled-up scores) and alignment tree
#include "app/alignment_level.h"
#include "app/cycle_alignment.h"
#include "app/queries.h"
#include "app/resources.h"
#include "app/trends.h"
#include "app/views.h"
#include "formats/alignment_report.h"
#include "formats/json_model.h"
#include "http/api/routes.h"
#include "http/api/support.h"

namespace okr::http::api {
namespace {

json::value alignment_json(const app::AlignmentNode& n, const app::CycleAlignment& a) {
  json::array children, with;
  for (const auto& c : n.children) children.push_back(alignment_json(c, a));
  const auto& contributors = a.contributors;
  json::value key_result = nullptr;
  if (n.objective.parent_key_result_id)
    if (auto it = a.key_result_keys.find(*n.objective.parent_key_result_id);
        it != a.key_result_keys.end())
      key_result = it->second;
  if (auto it = contributors.find(n.objective.id); it != contributors.end())
    for (const auto& k : it->second) with.push_back(json::value(k));
  return json::object{{"id", n.objective.id},
                      {"key", n.objective.key},
                      {"title", n.objective.title},
                      {"team", n.team_key},
                      {"score", n.score},
                      {"band", to_string(band_of(n.score))},
                      {"team_name", n.team_name},
                      {"orphan", n.orphan},
                      {"contributing_teams", std::move(with)},
                      {"aligns_to_key_result", std::move(key_result)},
                      {"children", std::move(children)}};
}

app::CycleFields cycle_fields(const Request& request) {
  Body b(request, {"name", "start", "end", "state"});
  return {b.text("name"), b.date("start"), b.date("end"),
          b.choice("state", parse_cycle_state, "planning, active, grading, closed")};
}

}  // namespace

void add_cycle_routes(Router& router, app::App& app) {
  router.add(Method::post, "/api/v1/cycles", "cycles.create",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               auto c = app::create_cycle(app, cycle_fields(request), actor);
               if (!c) return write_error(c.error());
               return created(formats::to_json(*c), c->version,
                              "/api/v1/cycles/" + std::to_string(c->id));
             }));
  router.add(Method::patch, "/api/v1/cycles/{cycle}", "cycles.update",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               auto id =
                   value_or_reject(app::get_cycle(app, std::string(request.param("cycle")))).id;
               auto version = required_version(request);
               auto c = app::update_cycle(app, id, version, cycle_fields(request), actor);
               if (!c) return write_error(c.error());
               return with_etag(200, formats::to_json(*c), c->version);
             }));
  router.add(Method::get, "/api/v1/cycles", "cycles.list",
             authed(app,
                    [&app](const Request& request, const app::Actor&) {
                      return Response::json(
                          200,
                          paged_json<Cycle>(request, value_or_reject(app::list_cycles(app)),
                                            [](const Cycle& c) { return formats::to_json(c); }));
                    },
                    {"after", "limit"}));
  router.add(Method::get, "/api/v1/cycles/{cycle}", "cycles.get",
             authed(app, [&app](const Request& request, const app::Actor&) {
               auto c = value_or_reject(app::get_cycle(app, std::string(request.param("cycle"))));
               return with_etag(200, formats::to_json(c), c.version);
             }));
  router.add(
      Method::get, "/api/v1/cycles/{cycle}/summary", "cycles.summary",
      authed(app,
             [&app](const Request& request, const app::Actor&) {
               auto c = value_or_reject(app::get_cycle(app, std::string(request.param("cycle"))));
               auto t = request.query_param("team");
               const int limit = limit_param(request);  // checked before any work
               const auto after = id_param(request, "after");
               // Shared while nothing changes: the company's computed in the background,
               // a team's when asked; each page's JSON is kept with it.
               auto shared = value_or_reject(t ? app::team_summary(app, c.name, std::string(*t))
                                               : app::company_summary(app, c.name));
               const auto& status = shared->status;
               std::vector<Id> ids;
               ids.reserve(status.teams.size());
               for (const auto& team : status.teams) ids.push_back(team.team.id);
               const std::size_t first = page_start(ids, after);
               const std::string page = std::to_string(first) + "," + std::to_string(limit);
               if (auto kept = shared->renderings->find(page))
                 return Response::text(200, *kept, "application/json");
               const std::size_t last =
                   std::min(ids.size(), first + static_cast<std::size_t>(limit));
               json::value document = formats::to_json(status, first, last);
               auto& body = document.as_object();
               body["teams_total"] = ids.size();
               body["next"] = last < ids.size() ? json::value(std::to_string(ids[last - 1]))
                                                : json::value(nullptr);
               body["as_of"] = format_instant(shared->as_of);
               auto r = Response::json(200, document);
               shared->renderings->keep(page, r.body);
               return r;
             },
             {"team", "after", "limit"}));
  router.add(
      Method::get, "/api/v1/cycles/{cycle}/trend", "cycles.trend",
      authed(app,
             [&app](const Request& request, const app::Actor&) {
               auto c = value_or_reject(app::get_cycle(app, std::string(request.param("cycle"))));
               auto t = request.query_param("team");
               auto trend = value_or_reject(app::score_trend(
                   app, c.name, t ? std::optional<std::string>(*t) : std::nullopt));
               if (auto kept = trend->renderings->find(""))
                 return Response::text(200, *kept, "application/json");
               json::array points;
               for (const auto& p : trend->points)
                 points.push_back(
                     json::object{{"date", format_date(p.date)},
                                  {"score", p.score ? json::value(*p.score) : json::value(nullptr)},
                                  {"expected", p.expected}});
               json::value team = nullptr;
               if (trend->team)
                 team = json::object{{"key", trend->team->key}, {"name", trend->team->name}};
               auto r = Response::json(200, json::object{{"cycle", trend->cycle.name},
                                                         {"team", std::move(team)},
                                                         {"as_of", format_instant(trend->as_of)},
                                                         {"points", std::move(points)}});
               trend->renderings->keep("", r.body);
               return r;
             },
             {"team"}));
  router.add(
      Method::get, "/api/v1/cycles/{cycle}/alignment/level", "cycles.alignment_level",
      authed(app,
             [&app](const Request& request, const app::Actor&) {
               auto c = value_or_reject(app::get_cycle(app, std::string(request.param("cycle"))));
               const auto parent = id_param(request, "parent");
               const auto of = request.query_param("of");
               if (of && *of != "top" && *of != "orphans")
                 reject_field("of", "of is top (the default) or orphans; or give parent");
               if (parent && of) reject_field("of", "give parent or of, not both");
               const int limit = limit_param(request);
               const auto after = id_param(request, "after");
               const app::LevelOf level = parent                   ? app::LevelOf::children
                                          : of && *of == "orphans" ? app::LevelOf::orphans
                                                                   : app::LevelOf::top;
               auto tree = value_or_reject(app::alignment_level(app, c.name, level, parent));
               std::vector<Id> ids;
               for (const auto& i : tree.items) ids.push_back(i.objective.id);
               const std::size_t first = page_start(ids, after);
               const std::size_t last =
                   std::min(ids.size(), first + static_cast<std::size_t>(limit));
               json::array items;
               for (std::size_t n = first; n < last; ++n) {
                 const auto& i = tree.items[n];
                 items.push_back(json::object{{"id", i.objective.id},
                                              {"key", i.objective.key},
                                              {"title", i.objective.title},
                                              {"team", i.team_key},
                                              {"team_name", i.team_name},
                                              {"score", i.score},
                                              {"band", to_string(band_of(i.score))},
                                              {"orphan", i.orphan},
                                              {"children", i.children}});
               }
               return Response::json(
                   200, json::object{
                            {"items", std::move(items)},
                            {"total", ids.size()},
                            {"next", last < ids.size() ? json::value(std::to_string(ids[last - 1]))
                                                       : json::value(nullptr)},
                            {"unaligned", tree.unaligned},
                            {"as_of", format_instant(tree.as_of)}});
             },
             {"parent", "of", "after", "limit"}));
  router.add(Method::get, "/api/v1/cycles/{cycle}/alignment", "cycles.alignment",
             authed(app, [&app](const Request& request, const app::Actor&) {
               auto tree =
                   value_or_reject(app::alignment(app, std::string(request.param("cycle"))));
               auto analysis =
                   value_or_reject(app::cycle_alignment(app, std::string(request.param("cycle"))));
               json::array roots;
               for (const auto& r : tree.roots) roots.push_back(alignment_json(r, analysis));
               auto more = formats::to_json(analysis.report, analysis.team_keys,
                                            analysis.contributors, analysis.key_result_keys);
               return Response::json(200, json::object{{"roots", std::move(roots)},
                                                       {"unaligned", tree.unaligned},
                                                       {"orphans", more["orphans"]},
                                                       {"level_skips", more["level_skips"]},
                                                       {"functions", more["functions"]}});
             }));
}

}  // namespace okr::http::api
