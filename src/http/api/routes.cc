#include "http/api/routes.h"

#include "http/api/api.h"
#include "http/api/support.h"
#include "http/hooks/hooks.h"

namespace okr::http {

void add_api_routes(Router& router, app::App& app) {
  api::add_session_routes(router, app);
  api::add_cycle_routes(router, app);
  api::add_team_routes(router, app);
  api::add_user_routes(router, app);
  api::add_invitation_routes(router, app);
  api::add_search_routes(router, app);
  api::add_sub_team_routes(router, app);
  api::add_objective_routes(router, app);
  api::add_key_result_routes(router, app);
  api::add_audit_routes(router, app);
  api::add_delivery_routes(router, app);
  api::add_work_import_routes(router, app);
  api::add_sprint_report_routes(router, app);
  api::add_kpi_routes(router, app);
  api::add_dependency_routes(router, app);
  api::add_comment_routes(router, app);
  api::add_notification_routes(router, app);
  api::add_review_routes(router, app);
  api::add_token_routes(router, app);
  api::add_sso_provider_routes(router, app);
  api::add_webhook_routes(router, app);
  api::add_lint_routes(router, app);
  api::add_view_routes(router, app);
  api::add_check_in_routes(router, app);
  api::add_grading_routes(router, app);
  api::add_tracker_routes(router, app);
  add_hook_routes(router, app);
  router.add(Method::get, "/api/v1/openapi.json", "openapi.get",
             [](const Request&) { return Response::json(200, openapi_document()); });
}

}  // namespace okr::http
