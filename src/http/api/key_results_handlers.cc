// /api/v1/key-results and their check-ins
#include "app/okrs.h"
#include "formats/json_model.h"
#include "http/api/okr_fields.h"
#include "http/api/routes.h"
#include "http/api/support.h"

namespace okr::http::api {
namespace {

app::KeyResultFields read_fields(const Request& request) {
  return key_result_fields(Body(
      request, {"key", "objective_id", "title", "metric", "unit", "start", "target", "low", "high",
                "tolerance", "weight", "owner_id", "kpi_id", "indicator", "driven_by_aligned"}));
}

KeyResult find(app::App& app, const Request& request) {
  return value_or_reject(app::get_key_result(app, std::string(request.param("key_result"))));
}

}  // namespace

void add_key_result_routes(Router& router, app::App& app) {
  router.add(Method::get, "/api/v1/key-results", "key_results.list",
             authed(app,
                    [&app](const Request& request, const app::Actor&) {
                      auto page = value_or_reject(app::list_key_results(
                          app, objective_param(app, request), cycle_param(app, request),
                          id_param(request, "after"), limit_param(request)));
                      return Response::json(200, page_json<KeyResult>(page.items, page.next_after,
                                                                      [](const KeyResult& k) {
                                                                        return formats::to_json(k);
                                                                      }));
                    },
                    {"objective", "objective_id", "cycle", "cycle_id", "after", "limit"}));
  router.add(Method::post, "/api/v1/key-results", "key_results.create",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               auto k = app::create_key_result(app, read_fields(request), actor);
               if (!k) return write_error(k.error());
               auto r = with_etag(201, formats::to_json(*k), k->version);
               r.headers.set("Location", "/api/v1/key-results/" + std::to_string(k->id));
               return r;
             }));
  router.add(Method::get, "/api/v1/key-results/{key_result}", "key_results.get",
             authed(app, [&app](const Request& request, const app::Actor&) {
               auto k = find(app, request);
               return with_etag(200, formats::to_json(k), k.version);
             }));
  router.add(Method::patch, "/api/v1/key-results/{key_result}", "key_results.update",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               auto id = find(app, request).id;
               auto version = required_version(request);
               auto k = app::update_key_result(app, id, version, read_fields(request), actor);
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
  router.add(Method::get, "/api/v1/key-results/{key_result}/check-ins", "check_ins.list",
             authed(app,
                    [&app](const Request& request, const app::Actor&) {
                      auto list = value_or_reject(app::list_check_ins(app, find(app, request).id));
                      return Response::json(
                          200, paged_json<CheckIn>(request, list, [](const CheckIn& c) {
                            return formats::to_json(c);
                          }));
                    },
                    {"after", "limit"}));
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
