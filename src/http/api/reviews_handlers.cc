// /api/v1/reviews: the grading of each objective, addressed by its objective
#include "app/okrs.h"
#include "app/resources.h"
#include "formats/json_model.h"
#include "http/api/routes.h"
#include "http/api/support.h"

namespace okr::http::api {
namespace {

app::ReviewFields review_fields(app::App& app, const Request& request) {
  Body b(request, {"what_worked", "what_did_not", "what_we_learned", "overrides"});
  app::ReviewFields f;
  f.what_worked = b.text("what_worked");
  f.what_did_not = b.text("what_did_not");
  f.what_we_learned = b.text("what_we_learned");
  if (b.has("overrides")) {
    const auto& v = b.object().at("overrides");
    if (!v.is_array()) reject_field("overrides", "overrides must be an array");
    std::vector<ScoreOverride> list;
    for (std::size_t i = 0; i < v.as_array().size(); ++i) {
      const auto& item = v.as_array()[i];
      const std::string at = "overrides[" + std::to_string(i) + "]";
      if (!item.is_object()) reject_field(at, at + " must be an object");
      // The key result by id (key_result_id) or by key (key_result).
      Body o(item.as_object(), {"key_result_id", "key_result", "score", "reason"}, at);
      auto id = id_or_key(o, "key_result",
                          [&](const std::string& v) { return app::get_key_result(app, v); });
      auto score = o.number("score");
      auto reason = o.text("reason");
      if (!id)
        reject_field(at + ".key_result_id",
                     at + ": an override needs a key_result (its key) or a key_result_id");
      if (!score)
        reject_field(at + ".score", at + ": an override needs a score, a number from 0.0 to 1.0");
      if (!reason) reject_field(at + ".reason", at + ": an override needs a reason");
      list.push_back({*id, *score, *reason});
    }
    f.overrides = std::move(list);
  }
  return f;
}

Objective find(app::App& app, const Request& request) {
  return value_or_reject(app::get_objective(app, std::string(request.param("objective"))));
}

}  // namespace

void add_review_routes(Router& router, app::App& app) {
  router.add(
      Method::get, "/api/v1/reviews", "reviews.list",
      authed(app,
             [&app](const Request& request, const app::Actor&) {
               auto cycle = cycle_param(app, request);
               if (!cycle)
                 reject(Response::problem(400, "invalid-parameter", "Invalid parameter",
                                          "give the cycle: ?cycle=2026-Q4 (or its id)", "cycle"));
               auto list = value_or_reject(app::list_reviews(app, *cycle));
               return Response::json(200, paged_json<Review>(request, list, [](const Review& r) {
                                       return formats::to_json(r);
                                     }));
             },
             {"cycle", "cycle_id", "after", "limit"}));
  router.add(Method::get, "/api/v1/reviews/{objective}", "reviews.get",
             authed(app, [&app](const Request& request, const app::Actor&) {
               auto r = value_or_reject(app::get_review(app, find(app, request).id));
               return with_etag(200, formats::to_json(r), r.version);
             }));
  router.add(Method::put, "/api/v1/reviews/{objective}", "reviews.put",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               auto objective = find(app, request);
               // Replacing a review needs If-Match; the first one does not.
               std::optional<std::int64_t> version;
               const bool exists = app::get_review(app, objective.id).ok();
               if (request.header("if-match") || exists) version = required_version(request);
               // "*" matches a review that exists, never one still to be written.
               if (version == app::kAnyVersion && !exists)
                 reject(Response::problem(412, "precondition-failed", "Precondition failed",
                                          "If-Match: * needs a review to replace, and this "
                                          "objective has none yet",
                                          "If-Match"));
               auto r =
                   app::put_review(app, objective.id, version, review_fields(app, request), actor);
               if (!r) return write_error(r.error());
               return with_etag(r->version == 1 ? 201 : 200, formats::to_json(*r), r->version);
             }));
}

}  // namespace okr::http::api
