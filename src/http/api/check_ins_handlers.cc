// POST /api/v1/check-ins: many check-ins at once, all or nothing.
//
//   {"check_ins": [{"key_result": "growth-activation", "value": 62.5,
//                   "confidence": 0.7, "note": "…", "at": "2026-11-30T09:00:00Z"}, …]}
#include "formats/json_model.h"
#include "http/api/routes.h"
#include "http/api/support.h"

namespace okr::http::api {

void add_check_in_routes(Router& router, app::App& app) {
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
