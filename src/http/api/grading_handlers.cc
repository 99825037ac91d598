// The end of a cycle and the practice around it:
//   POST /api/v1/cycles/{cycle}/state                 move the cycle on (or reopen it)
//   GET  /api/v1/cycles/{cycle}/grading               the grading document
//   PUT  /api/v1/cycles/{cycle}/retrospective         the four retrospective answers
//   POST /api/v1/cycles/{cycle}/carry-over            copy objectives into this cycle
//   GET  /api/v1/cycles/{cycle}/health                is the framework working?
//   GET  /api/v1/cycles/{cycle}/reminders             stale key results by owner
//   GET  /api/v1/cycles/{cycle}/reports/grading       the report as Markdown, HTML or CSV
//   GET  /api/v1/settings/status-rule, PUT …          the organisation's status rule
#include "app/grading.h"
#include "app/queries.h"
#include "app/resources.h"
#include "formats/grading_report.h"
#include "formats/json_model.h"
#include "http/api/routes.h"
#include "http/api/support.h"

namespace okr::http::api {
namespace {

std::optional<std::string> team_query(const Request& request) {
  if (auto t = request.query_param("team")) return std::string(*t);
  return std::nullopt;
}

std::string cycle_name(app::App& app, const Request& request) {
  return value_or_reject(app::get_cycle(app, std::string(request.param("cycle")))).name;
}

json::value rule_json(const StatusRule& r) {
  return json::object{
      {"on_track_within", r.on_track_within},   {"on_track_confidence", r.on_track_confidence},
      {"off_track_beyond", r.off_track_beyond}, {"off_track_confidence", r.off_track_confidence},
      {"unchecked_after", r.unchecked_after},   {"aspirational_aim", r.aspirational_aim}};
}

}  // namespace

void add_grading_routes(Router& router, app::App& app) {
  router.add(Method::post, "/api/v1/cycles/{cycle}/state", "cycles.state",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               Body b(request, {"state"});
               auto state =
                   b.choice("state", parse_cycle_state, "planning, active, grading, closed");
               if (!state) reject_field("state", "give the state to move the cycle to");
               auto c = app::move_cycle(app, std::string(request.param("cycle")), *state, actor);
               if (!c) return write_error(c.error());
               return with_etag(200, formats::to_json(*c), c->version);
             }));
  router.add(Method::get, "/api/v1/cycles/{cycle}/grading", "cycles.grading",
             authed(app,
                    [&app](const Request& request, const app::Actor&) {
                      auto d = value_or_reject(app::grading_document(app, cycle_name(app, request),
                                                                     team_query(request)));
                      return Response::json(200, formats::to_json(d));
                    },
                    {"team"}));
  router.add(Method::put, "/api/v1/cycles/{cycle}/retrospective", "cycles.retrospective",
             authed(app,
                    [&app](const Request& request, const app::Actor& actor) {
                      Body b(request, {"problem", "inputs", "friction", "evidence"});
                      app::RetrospectiveFields f{b.text("problem"), b.text("inputs"),
                                                 b.text("friction"), b.text("evidence")};
                      std::optional<std::int64_t> version;
                      if (request.header("if-match")) version = required_version(request);
                      auto r = app::put_retrospective(app, cycle_name(app, request),
                                                      team_query(request), version, f, actor);
                      if (!r && !version && r.error().field == "version")
                        return Response::problem(428, "precondition-required",
                                                 "Precondition required", r.error().message,
                                                 "If-Match");
                      if (!r) return write_error(r.error());
                      return with_etag(200, formats::to_json(*r), r->version);
                    },
                    {"team"}));
  router.add(Method::post, "/api/v1/cycles/{cycle}/carry-over", "cycles.carry_over",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               Body b(request, {"from", "objectives"});
               app::CarryOverRequest req;
               auto from = b.text("from");
               if (!from) reject_field("from", "name the cycle to carry objectives over from");
               req.from = *from;
               req.to = cycle_name(app, request);
               if (!b.has("objectives") || !b.object().at("objectives").is_array())
                 reject_field("objectives", "objectives must be an array of objective keys");
               for (const auto& v : b.object().at("objectives").as_array()) {
                 if (!v.is_string())
                   reject_field("objectives", "objectives must be an array of objective keys");
                 req.objectives.emplace_back(v.as_string());
               }
               auto carried = app::carry_over(app, req, actor);
               if (!carried) return write_error(carried.error());
               json::array items;
               for (const auto& c : *carried) {
                 json::array krs;
                 for (const auto& k : c.key_results) krs.push_back(formats::to_json(k));
                 items.push_back(json::object{{"from", c.from.key},
                                              {"objective", formats::to_json(c.to)},
                                              {"key_results", std::move(krs)}});
               }
               return Response::json(201, json::object{{"items", std::move(items)}});
             }));
  router.add(Method::get, "/api/v1/cycles/{cycle}/health", "cycles.health",
             authed(app,
                    [&app](const Request& request, const app::Actor&) {
                      auto d = value_or_reject(
                          app::health_document(app, cycle_name(app, request), team_query(request)));
                      json::object j = formats::health_json(d.health, d.status).as_object();
                      j.emplace("cycle", d.cycle.name);
                      return Response::json(200, j);
                    },
                    {"team"}));
  router.add(Method::get, "/api/v1/cycles/{cycle}/reminders", "cycles.reminders",
             authed(app, [&app](const Request& request, const app::Actor&) {
               auto r = value_or_reject(app::reminders(app, cycle_name(app, request)));
               return Response::json(200, formats::to_json(r));
             }));
  router.add(
      Method::get, "/api/v1/cycles/{cycle}/reports/grading", "cycles.grading_report",
      authed(app,
             [&app](const Request& request, const app::Actor&) {
               const std::string format(request.query_param("format").value_or("md"));
               if (format != "md" && format != "html" && format != "csv")
                 reject_field("format", "format must be one of: md, html, csv");
               auto d = value_or_reject(
                   app::grading_document(app, cycle_name(app, request), team_query(request)));
               Response r =
                   format == "html"
                       ? Response::text(200, formats::grading_html(d), "text/html; charset=utf-8")
                   : format == "csv"
                       ? Response::text(200, formats::grading_csv(d), "text/csv; charset=utf-8")
                       : Response::text(200, formats::grading_markdown(d),
                                        "text/markdown; charset=utf-8");
               r.headers.set("Content-Disposition", "attachment; filename=\"grading-" +
                                                        d.status.cycle.name + "." + format + "\"");
               return r;
             },
             {"team", "format"}));
  router.add(Method::get, "/api/v1/settings/status-rule", "settings.status_rule",
             authed(app, [&app](const Request&, const app::Actor&) {
               return Response::json(200, rule_json(value_or_reject(app::get_status_rule(app))));
             }));
  router.add(Method::put, "/api/v1/settings/status-rule", "settings.set_status_rule",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               Body b(request, {"on_track_within", "on_track_confidence", "off_track_beyond",
                                "off_track_confidence", "unchecked_after", "aspirational_aim"});
               StatusRule rule = value_or_reject(app::get_status_rule(app));
               auto take = [&](const char* name, double& to) {
                 if (auto v = b.number(name)) to = *v;
               };
               take("on_track_within", rule.on_track_within);
               take("on_track_confidence", rule.on_track_confidence);
               take("off_track_beyond", rule.off_track_beyond);
               take("off_track_confidence", rule.off_track_confidence);
               take("unchecked_after", rule.unchecked_after);
               take("aspirational_aim", rule.aspirational_aim);
               auto saved = app::set_status_rule(app, rule, actor);
               if (!saved) return write_error(saved.error());
               return Response::json(200, rule_json(*saved));
             }));
}

}  // namespace okr::http::api
