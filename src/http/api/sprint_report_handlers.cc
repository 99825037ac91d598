// /api/v1/sprints/{sprint}/report: what a sprint finished, traced to outcomes
// /api/v1/teams/{team}/sprint-work: a team's sprints page (reports, newest first, paged)
#include "app/okrs.h"
#include "app/sprint_report.h"
#include "formats/json_model.h"
#include "formats/sprint_report.h"
#include "http/api/routes.h"
#include "http/api/support.h"

namespace okr::http::api {

void add_sprint_report_routes(Router& router, app::App& app) {
  router.add(Method::get, "/api/v1/sprints/{sprint}/report", "sprints.report",
             authed(app,
                    [&app](const Request& request, const app::Actor&) {
                      std::string format(request.query_param("format").value_or("json"));
                      if (format != "json" && format != "markdown" && format != "csv")
                        reject_field("format", "format must be one of: json, markdown, csv");
                      auto id = app::parse_id(std::string(request.param("sprint")));
                      if (!id)
                        reject(Response::problem(
                            404, "not-found", "Not found",
                            "sprint '" + std::string(request.param("sprint")) + "' is not an id"));
                      auto report = value_or_reject(app::sprint_report(app, *id));
                      if (format == "markdown")
                        return Response::text(200, formats::to_markdown(report),
                                              "text/markdown; charset=utf-8");
                      if (format == "csv") {
                        auto r =
                            Response::text(200, formats::to_csv(report), "text/csv; charset=utf-8");
                        r.headers.set("Content-Disposition", "attachment; filename=\"sprint-" +
                                                                 std::to_string(*id) + ".csv\"");
                        return r;
                      }
                      return Response::json(200, formats::to_json(report));
                    },
                    {"format"}));

  router.add(
      Method::get, "/api/v1/teams/{team}/sprint-work", "teams.sprint_work",
      authed(
          app,
          [&app](const Request& request, const app::Actor&) {
            int limit = 6;
            if (auto v = request.query_param("limit")) {
              limit = 0;
              for (char c : *v)
                limit = c >= '0' && c <= '9' && limit <= app::kMaxSprintsPage
                            ? limit * 10 + (c - '0')
                            : app::kMaxSprintsPage + 1;
              if (limit < 1 || limit > app::kMaxSprintsPage)
                reject_parameter("limit", "limit must be a whole number from 1 to " +
                                              std::to_string(app::kMaxSprintsPage));
            }
            auto found = app::team_sprints(app, std::string(request.param("team")),
                                           id_param(request, "before"), limit);
            if (!found && found.error().field == "before")
              reject_parameter("before", found.error().message);
            auto w = value_or_reject(std::move(found));
            json::array sprints, unplanned;
            for (const auto& r : w.reports) sprints.push_back(formats::to_json(r));
            for (const auto& i : w.unplanned) {
              json::object j = formats::to_json(i).as_object();
              json::array linked;
              for (Id k : i.key_result_ids)
                if (auto it = w.key_results.find(k); it != w.key_results.end())
                  linked.push_back(json::object{
                      {"id", it->second.id}, {"key", it->second.key}, {"title", it->second.title}});
              j["key_results"] = std::move(linked);
              unplanned.push_back(std::move(j));
            }
            return Response::json(
                200,
                json::object{
                    {"team",
                     json::object{{"id", w.team.id}, {"key", w.team.key}, {"name", w.team.name}}},
                    {"sprints", std::move(sprints)},
                    {"sprints_total", w.sprints_total},
                    {"next", w.next ? json::value(std::to_string(*w.next)) : json::value(nullptr)},
                    {"unplanned", std::move(unplanned)},
                    {"unplanned_total", w.unplanned_total}});
          },
          {"limit", "before"}));
}

}  // namespace okr::http::api
