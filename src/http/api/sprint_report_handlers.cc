// /api/v1/sprints/{sprint}/report: what a sprint finished, traced to outcomes
#include "app/okrs.h"
#include "app/sprint_report.h"
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
}

}  // namespace okr::http::api
