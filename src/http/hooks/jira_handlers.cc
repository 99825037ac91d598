// POST /api/v1/hooks/jira: Jira's jira:issue_created and jira:issue_updated. Jira Cloud
// signs a webhook that has a secret with HMAC-SHA256 of the body (X-Hub-Signature,
// "sha256=…"); a Jira that cannot sign (Data Center, an automation rule's "Send web
// request") puts the secret in the address instead: /api/v1/hooks/jira?secret=….
#include "http/hooks/hooks.h"

namespace okr::http::hooks {

void add_jira_routes(Router& router, app::App& app) {
  router.add(Method::post, "/api/v1/hooks/jira", "hooks.jira", [&app](const Request& request) {
    auto signature = request.header("X-Hub-Signature");
    std::string given(signature ? *signature : request.query_param("secret").value_or(""));
    return handle(
        app, formats::Tracker::jira,
        [&](const Tracker& t) {
          return signature ? same(sha256_signature(t.secret, request.body), given)
                           : same(t.secret, given);
        },
        [&] { return formats::read_jira_event(request.body); });
  });
}

}  // namespace okr::http::hooks
