// /api/v1/initiatives/import: sprint work from a tracker's CSV export
#include "app/work_import.h"
#include "http/api/routes.h"
#include "http/api/support.h"

namespace okr::http::api {
namespace {

// The body must be the export itself. Requiring a CSV type (not text/plain) also keeps
// a cross-site HTML form from posting one.
void require_csv(const Request& request) {
  std::string type(request.header("Content-Type").value_or(""));
  for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  type = type.substr(0, type.find(';'));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  if (type != "text/csv" && type != "text/tab-separated-values")
    reject(Response::problem(415, "unsupported-media-type", "Unsupported media type",
                             "send the tracker's export as text/csv (or "
                             "text/tab-separated-values)"));
}

json::value summary_json(const app::WorkImportSummary& s) {
  json::array skipped, sprints;
  for (const auto& p : s.skipped)
    skipped.push_back(json::object{{"line", p.line}, {"message", p.message}});
  for (const auto& name : s.sprints_created) sprints.push_back(json::value(name));
  return json::object{{"created", s.created},
                      {"updated", s.updated},
                      {"unchanged", s.unchanged},
                      {"sprints_created", std::move(sprints)},
                      {"skipped", std::move(skipped)}};
}

}  // namespace

void add_work_import_routes(Router& router, app::App& app) {
  router.add(Method::post, "/api/v1/initiatives/import", "initiatives.import",
             authed(app,
                    [&app](const Request& request, const app::Actor& actor) {
                      auto format = request.query_param("format");
                      if (!format)
                        reject_field(
                            "format",
                            "say which tracker wrote the file: ?format=jira, github or gitlab");
                      auto tracker = formats::parse_tracker(*format);
                      if (!tracker)
                        reject_field("format", "format must be one of: jira, github, gitlab");
                      require_csv(request);
                      app::WorkImportRequest r;
                      r.text = request.body;
                      r.tracker = *tracker;
                      if (auto team = request.query_param("team")) r.team = std::string(*team);
                      if (auto column = request.query_param("link_column"))
                        r.link_column = std::string(*column);
                      auto summary = app::import_work(app, r, actor);
                      if (!summary) return write_error(summary.error());
                      return Response::json(200, summary_json(*summary));
                    },
                    {"format", "team", "link_column"}));
}

}  // namespace okr::http::api
