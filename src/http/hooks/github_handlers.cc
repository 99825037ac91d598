// POST /api/v1/hooks/github: GitHub's `issues` and `pull_request` events, signed with
// HMAC-SHA256 of the body under the webhook's secret (X-Hub-Signature-256).
#include "http/hooks/hooks.h"

namespace okr::http::hooks {

void add_github_routes(Router& router, app::App& app) {
  router.add(Method::post, "/api/v1/hooks/github", "hooks.github", [&app](const Request& request) {
    std::string given(request.header("X-Hub-Signature-256").value_or(""));
    return handle(
        app, formats::Tracker::github,
        [&](const Tracker& t) { return same(sha256_signature(t.secret, request.body), given); },
        [&] {
          return formats::read_github_event(request.header("X-GitHub-Event").value_or(""),
                                            request.body);
        });
  });
}

}  // namespace okr::http::hooks
