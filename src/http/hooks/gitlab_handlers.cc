// POST /api/v1/hooks/gitlab: GitLab's Issue Hook and Merge Request Hook, carrying the
// webhook's secret token in X-Gitlab-Token (only its hash is stored).
#include "http/hooks/hooks.h"

namespace okr::http::hooks {

void add_gitlab_routes(Router& router, app::App& app) {
  router.add(Method::post, "/api/v1/hooks/gitlab", "hooks.gitlab", [&app](const Request& request) {
    std::string token(request.header("X-Gitlab-Token").value_or(""));
    return handle(
        app, formats::Tracker::gitlab,
        [&](const Tracker& t) { return !token.empty() && app::tracker_token_matches(t, token); },
        [&] {
          return formats::read_gitlab_event(request.header("X-Gitlab-Event").value_or(""),
                                            request.body);
        });
  });
}

}  // namespace okr::http::hooks
