// POST /api/v1/check-ins: many check-ins at once, all or nothing.
//
//   {"check_ins": [{"key_result": "growth-activation", "value": 62.5,
//                   "confidence": 0.7, "note": "…", "at": "2026-11-30T09:00:00Z"}, …]}
//
// PATCH and DELETE /api/v1/check-ins/{id}: its author corrects or withdraws a recent one.
#include "app/check_in_edits.h"
#include "app/okrs.h"
#include "formats/json_model.h"
#include "http/api/routes.h"
#include "http/api/support.h"

namespace okr::http::api {

void add_check_in_routes(Router& router, app::App& app) {
  auto check_in_id = [](const Request& request) {
    auto id = app::parse_id(std::string(request.param("check_in")));
    if (!id)
      reject_error(
          Error::not_found("id", "no check-in '" + std::string(request.param("check_in")) + "'"));
    return *id;
  };
  router.add(Method::patch, "/api/v1/check-ins/{check_in}", "check_ins.correct",
             authed(app, [&app, check_in_id](const Request& request, const app::Actor& actor) {
               const Id id = check_in_id(request);
               Body b(request, {"value", "confidence", "note"});
               app::CheckInChanges changes{b.number("value"), b.nullable_number("confidence"),
                                           b.text("note")};
               auto c = app::correct_check_in(app, id, changes, actor);
               if (!c) return write_error(c.error());
               return Response::json(200, formats::to_json(*c));
             }));
  router.add(Method::del, "/api/v1/check-ins/{check_in}", "check_ins.withdraw",
             authed(app, [&app, check_in_id](const Request& request, const app::Actor& actor) {
               auto done = app::withdraw_check_in(app, check_in_id(request), actor);
               if (!done) return write_error(done.error());
               return Response::no_content();
             }));
  router.add(Method::post, "/api/v1/check-ins", "check_ins.batch",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               Body b(request, {"check_ins"});
               const auto it = b.object().find("check_ins");
               if (it == b.object().end() || !it->value().is_array())
                 reject_field("check_ins", "a batch needs check_ins: an array of check-ins");
               const auto& items = it->value().as_array();
               std::vector<app::CheckInRequest> requests;
               requests.reserve(items.size());
               for (std::size_t i = 0; i < items.size(); ++i) {
                 const std::string where = "check_ins[" + std::to_string(i) + "]";
                 if (!items[i].is_object()) reject_field(where, where + " must be an object");
                 Body item(items[i].as_object(),
                           {"key_result", "value", "confidence", "note", "at"}, where);
                 auto kr = item.text("key_result");
                 if (!kr)
                   reject_field(where + ".key_result", where + ": a check-in needs a key_result");
                 auto value = item.number("value");
                 if (!value) reject_field(where + ".value", where + ": a check-in needs a value");
                 requests.push_back({*kr, *value, item.number("confidence"),
                                     item.text("note").value_or(""), item.instant("at")});
               }
               auto done = app.check_in_batch(requests, actor);
               if (!done) return write_error(done.error());
               json::array created;
               for (const auto& c : *done) created.push_back(formats::to_json(c));
               return Response::json(201, json::object{{"items", std::move(created)}});
             }));
}

}  // namespace okr::http::api
