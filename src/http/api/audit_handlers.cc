// /api/v1/audit-events (read-only, administrators)
#include "app/queries.h"
#include "http/api/routes.h"
#include "http/api/support.h"

namespace okr::http::api {

void add_audit_routes(Router& router, app::App& app) {
  router.add(
      Method::get, "/api/v1/audit-events", "audit_events.list",
      authed(app, [&app](const Request& request, const app::Actor& actor) {
        auto page = value_or_reject(
            app::list_audit_events(app, actor, id_param(request, "after"), limit_param(request)));
        auto parse = [](const std::string& text) -> json::value {
          if (text.empty()) return nullptr;
          boost::system::error_code ec;
          auto v = json::parse(text, ec);
          return ec ? json::value(text) : v;
        };
        return Response::json(
            200, page_json<AuditEvent>(page.items, page.next_after, [&](const AuditEvent& e) {
              return json::value(json::object{
                  {"id", e.id},
                  {"at", format_instant(e.at)},
                  {"actor_id", e.actor_id ? json::value(*e.actor_id) : json::value(nullptr)},
                  {"action", e.action},
                  {"entity_type", e.entity_type},
                  {"entity_id", e.entity_id ? json::value(*e.entity_id) : json::value(nullptr)},
                  {"before", parse(e.before)},
                  {"after", parse(e.after)}});
            }));
      },
      {"after", "limit"}));
}

}  // namespace okr::http::api
