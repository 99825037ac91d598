// POST /api/v1/lint: coach draft OKRs without saving them. The body is the OKR
// file format as JSON (JSON is YAML, so the file parser reads it as it is).
#include <malloc.h>

#include "app/lint.h"
#include "formats/lint_report.h"
#include "http/api/routes.h"
#include "http/api/support.h"

namespace okr::http::api {
namespace {

// What the editor sends is one team's cycle: a few objectives, a few kilobytes. A
// bigger draft is a file for `okr lint`, which has no such limit.
constexpr std::size_t kMaxDraftBytes = 64 * 1024;
// The findings one answer holds at most; the rest are counted, not listed.
constexpr std::size_t kMaxFindings = 500;
// A draft this large leaves enough freed memory behind to be worth handing back.
constexpr std::size_t kTrimAfterBytes = 16 * 1024;

Response coach_draft(app::App& app, const Request& request) {
  auto body = parse_json_object(request);
  if (!body.ok()) return body.problem;
  // A body without objectives is not a draft; coaching it would answer
  // "no findings" to a client that sent the wrong document.
  auto objectives = body.value->if_contains("objectives");
  if (!objectives || !objectives->is_array())
    return Response::problem(422, "invalid-field", "Invalid field",
                             "a draft needs 'objectives': a list of objectives", "objectives");
  // A draft need not name its cycle yet.
  if (!body.value->contains("cycle")) (*body.value)["cycle"] = "draft";
  auto file = formats::parse_okr_yaml(json::serialize(*body.value));
  if (!file)
    return Response::problem(422, "invalid-field", "Invalid field", file.error().message,
                             file.error().field);
  auto findings = value_or_reject(app::lint_draft(app, *file, coach::Config{}));
  const std::size_t total = findings.size();
  if (total > kMaxFindings) findings.erase(findings.begin() + kMaxFindings, findings.end());
  auto doc = formats::findings_to_json(findings, *file, "");
  if (total > kMaxFindings) {
    doc.as_object()["truncated"] = true;
    doc.as_object()["total_findings"] = total;
  }
  return Response::json(200, doc);
}

}  // namespace

void add_lint_routes(Router& router, app::App& app) {
  router.add(Method::post, "/api/v1/lint", "lint.run",
             authed(app, [&app](const Request& request, const app::Actor&) {
               if (request.body.size() > kMaxDraftBytes)
                 return Response::problem(
                     413, "body-too-large", "Content too large",
                     "a draft to coach may have at most " + std::to_string(kMaxDraftBytes) +
                         " bytes (64 KiB, far more than one team's cycle); this one has " +
                         std::to_string(request.body.size()) +
                         ". Coach a whole file with 'okr lint FILE'.");
               Response response = coach_draft(app, request);
               // The draft's parsed forms are freed by now: give the memory back rather
               // than keep each worker thread's high-water mark while idle.
               if (request.body.size() > kTrimAfterBytes) malloc_trim(0);
               return response;
             }));
}

}  // namespace okr::http::api
