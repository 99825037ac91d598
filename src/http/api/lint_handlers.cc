// POST /api/v1/lint: coach draft OKRs without saving them. The body is the OKR
// file format as JSON (JSON is YAML, so the file parser reads it as it is).
#include "app/lint.h"
#include "formats/lint_report.h"
#include "http/api/routes.h"
#include "http/api/support.h"

namespace okr::http::api {

void add_lint_routes(Router& router, app::App& app) {
  router.add(Method::post, "/api/v1/lint", "lint.run",
             authed(app, [&app](const Request& request, const app::Actor&) {
               auto body = parse_json_object(request);
               if (!body.ok()) return body.problem;
               // A body without objectives is not a draft; coaching it would answer
               // "no findings" to a client that sent the wrong document.
               auto objectives = body.value->if_contains("objectives");
               if (!objectives || !objectives->is_array())
                 return Response::problem(422, "invalid-field", "Invalid field",
                                          "a draft needs 'objectives': a list of objectives",
                                          "objectives");
               // A draft need not name its cycle yet.
               if (!body.value->contains("cycle")) (*body.value)["cycle"] = "draft";
               auto file = formats::parse_okr_yaml(json::serialize(*body.value));
               if (!file)
                 return Response::problem(422, "invalid-field", "Invalid field",
                                          file.error().message, file.error().field);
               auto findings = value_or_reject(app::lint_draft(app, *file, coach::Config{}));
               return Response::json(200, formats::findings_to_json(findings, *file, ""));
             }));
}

}  // namespace okr::http::api
