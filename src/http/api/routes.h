// Route registration, one function per resource file.
#pragma once

#include <boost/json/value.hpp>

#include "app/app.h"
#include "app/dependencies.h"
#include "http/router.h"

namespace okr::http::api {

void add_session_routes(Router& router, app::App& app);
void add_cycle_routes(Router& router, app::App& app);
void add_team_routes(Router& router, app::App& app);
void add_user_routes(Router& router, app::App& app);
// The teams right below a team, scored, a page at a time.
void add_sub_team_routes(Router& router, app::App& app);
// The search box: teams, people, objectives and key results.
void add_search_routes(Router& router, app::App& app);
// One-time sign-up links.
void add_invitation_routes(Router& router, app::App& app);
void add_objective_routes(Router& router, app::App& app);
void add_key_result_routes(Router& router, app::App& app);
void add_audit_routes(Router& router, app::App& app);
void add_lint_routes(Router& router, app::App& app);
void add_delivery_routes(Router& router, app::App& app);
void add_kpi_routes(Router& router, app::App& app);
void add_dependency_routes(Router& router, app::App& app);
// A dependency as the API shows it, with the names of what it links.
boost::json::value dependency_json(const app::DependencyView& v);
// Comments on objectives, key results and check-ins, and who may comment.
void add_comment_routes(Router& router, app::App& app);
// The signed-in person's inbox and which kinds of notification they receive.
void add_notification_routes(Router& router, app::App& app);
void add_review_routes(Router& router, app::App& app);
void add_token_routes(Router& router, app::App& app);
// The single sign-on providers (the browser's flow itself is http/sso/routes.h).
void add_sso_provider_routes(Router& router, app::App& app);
void add_webhook_routes(Router& router, app::App& app);
// The dashboard's page documents: overview, team page, objective page.
void add_view_routes(Router& router, app::App& app);
// The trackers whose webhooks update initiatives (the webhooks: http/hooks/hooks.h).
void add_tracker_routes(Router& router, app::App& app);
// Sprint work imported from a tracker's CSV export.
void add_work_import_routes(Router& router, app::App& app);
// The sprint-to-outcome report.
void add_sprint_report_routes(Router& router, app::App& app);
// Check-ins in bulk.
void add_check_in_routes(Router& router, app::App& app);
// Cycle states, grading, retrospectives, carry-over, health, reminders, reports,
// and the status rule.
void add_grading_routes(Router& router, app::App& app);

}  // namespace okr::http::api
