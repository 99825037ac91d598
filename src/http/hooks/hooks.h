// Inbound webhooks from trackers: POST /api/v1/hooks/github, /api/v1/hooks/gitlab and
// /api/v1/hooks/jira, one handlers file per source. No session or token: a delivery
// is authenticated by its signature (or secret token), checked in constant time
// against every tracker of its source (app/trackers.h) before the payload is read.
//
// Answers: 401 when no tracker's secret matches (nothing changes); 400 when a signed
// body is not the JSON its event has; 200 with what happened otherwise, also for an
// event okr does not take ({"ignored": "why"}) and for work it cannot link (the
// summary's `skipped`), so that the tracker does not retry a delivery in vain.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "app/app.h"
#include "app/trackers.h"
#include "formats/tracker_events.h"
#include "http/message.h"
#include "http/router.h"

namespace okr::http {

void add_hook_routes(Router& router, app::App& app);

namespace hooks {

// "sha256=" and the lower-case hex HMAC-SHA256 of `body` under `secret`, as GitHub's
// X-Hub-Signature-256 and Jira's X-Hub-Signature carry it.
std::string sha256_signature(std::string_view secret, std::string_view body);

// Compares in constant time (for strings of the same length; lengths are not secret).
bool same(std::string_view a, std::string_view b);

// The shared answer of the three sources: finds the tracker of `source` that `matches`
// (401 when none does), reads the event with `read` (400 when it cannot), and applies
// its work item.
Response handle(app::App& app, formats::Tracker source,
                const std::function<bool(const Tracker&)>& matches,
                const std::function<Result<formats::TrackerEvent>()>& read);

void add_github_routes(Router& router, app::App& app);
void add_gitlab_routes(Router& router, app::App& app);
void add_jira_routes(Router& router, app::App& app);

}  // namespace hooks
}  // namespace okr::http
