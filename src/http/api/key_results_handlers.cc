// /api/v1/key-results and their check-ins
#include "app/key_result_readings.h"
#include "app/okrs.h"
#include "formats/json_model.h"
#include "http/api/okr_fields.h"
#include "http/api/routes.h"
#include "http/api/support.h"

namespace okr::http::api {
namespace {

app::KeyResultFields read_fields(app::App& app, const Request& request) {
  return key_result_fields(
      app, Body(request, {"key", "objective_id", "objective", "title", "metric", "unit", "start",
                          "target", "low", "high", "tolerance", "weight", "owner_id", "owner",
                          "kpi_id", "kpi", "indicator", "driven_by_aligned"}));
}

KeyResult find(app::App& app, const Request& request) {
  return value_or_reject(app::get_key_result(app, std::string(request.param("key_result"))));
}

// A key result with what it reads as now: current, score, status, last_check_in_at.
json::value read_json(const KeyResult& k, const app::KeyResultReading& r) {
  json::value v = formats::to_json(k);
  auto& o = v.as_object();
  {
    o["current"] = r.current ? json::value(*r.current) : json::value(nullptr);
    o["score"] = r.score;
    o["status"] = std::string(to_string(r.status));
    o["last_check_in_at"] = r.last_check_in_at ? json::value(format_instant(*r.last_check_in_at))
                                               : json::value(nullptr);
  }
  return v;
}

// ?order=asc|desc and ?latest=1 on a list of check-ins (oldest first as stored).
std::vector<CheckIn> ordered(const Request& request, std::vector<CheckIn> list) {
  bool desc = false;
  if (auto order = request.query_param("order")) {
    if (*order == "desc")
      desc = true;
    else if (*order != "asc")
      reject(Response::problem(400, "invalid-parameter", "Invalid parameter",
                               "order must be asc (oldest first, the default) or desc", "order"));
  }
  if (auto latest = request.query_param("latest")) {
    if (*latest == "1" || *latest == "true") {
      if (list.size() > 1) list.erase(list.begin(), list.end() - 1);
    } else if (*latest != "0" && *latest != "false") {
      reject(Response::problem(400, "invalid-parameter", "Invalid parameter",
                               "latest must be 1 (only the latest check-in) or 0", "latest"));
    }
  }
  if (desc) std::reverse(list.begin(), list.end());
  return list;
}

}  // namespace

void add_key_result_routes(Router& router, app::App& app) {
  router.add(
      Method::get, "/api/v1/key-results", "key_results.list",
      authed(
          app,
          [&app](const Request& request, const app::Actor&) {
            const auto objective = objective_param(app, request);
            const auto team = team_param(app, request);
            const auto cycle = cycle_param_or_current(app, request, team && !objective);
            auto read = value_or_reject(app::list_read_key_results(
                app, objective, cycle, id_param(request, "after"), limit_param(request), team));
            return Response::json(
                200, page_json<KeyResult>(
                         read.page.items, read.page.next_after,
                         [&](const KeyResult& k) { return read_json(k, read.readings[k.id]); }));
          },
          {"objective", "objective_id", "cycle", "cycle_id", "team", "team_id", "after", "limit"}));
  router.add(Method::post, "/api/v1/key-results", "key_results.create",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               auto k = app::create_key_result(app, read_fields(app, request), actor);
               if (!k) return write_error(k.error());
               auto r = with_etag(201, formats::to_json(*k), k->version);
               r.headers.set("Location", "/api/v1/key-results/" + std::to_string(k->id));
               return r;
             }));
  router.add(Method::get, "/api/v1/key-results/{key_result}", "key_results.get",
             authed(app, [&app](const Request& request, const app::Actor&) {
               auto k = value_or_reject(
                   app::read_key_result(app, std::string(request.param("key_result"))));
               return with_etag(200, read_json(k.key_result, k.reading), k.key_result.version);
             }));
  router.add(Method::patch, "/api/v1/key-results/{key_result}", "key_results.update",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               auto id = find(app, request).id;
               auto version = required_version(request);
               auto k = app::update_key_result(app, id, version, read_fields(app, request), actor);
               if (!k) return write_error(k.error());
               return with_etag(200, formats::to_json(*k), k->version);
             }));
  router.add(Method::del, "/api/v1/key-results/{key_result}", "key_results.delete",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               auto id = find(app, request).id;
               auto r = app::delete_key_result(app, id, required_version(request), actor);
               if (!r) return write_error(r.error());
               return Response::no_content();
             }));
  router.add(
      Method::get, "/api/v1/key-results/{key_result}/check-ins", "check_ins.list",
      authed(app,
             [&app](const Request& request, const app::Actor&) {
               auto list = ordered(
                   request, value_or_reject(app::list_check_ins(app, find(app, request).id)));
               return Response::json(200, paged_json<CheckIn>(request, list, [](const CheckIn& c) {
                                       return formats::to_json(c);
                                     }));
             },
             {"after", "limit", "order", "latest"}));
  router.add(Method::post, "/api/v1/key-results/{key_result}/check-ins", "check_ins.create",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               Body b(request, {"value", "confidence", "note", "at"});
               auto value = b.number("value");
               if (!value) reject_field("value", "a check-in needs a value");
               // Found, authorised and written in the use case's one transaction.
               app::CheckInRequest req{std::string(request.param("key_result")), *value,
                                       b.number("confidence"), b.text("note").value_or(""),
                                       std::nullopt};
               if (auto at = b.text("at")) {
                 req.at = parse_instant(*at);
                 if (!req.at) reject_field("at", "at must be an ISO 8601 time");
               }
               auto c = app.check_in(req, actor);
               if (!c) return write_error(c.error());
               return Response::json(201, formats::to_json(*c));
             }));
}

}  // namespace okr::http::api
