// /api/v1/audit-events (read-only, administrators)
#include "app/queries.h"
#include "http/api/routes.h"
#include "http/api/support.h"

namespace okr::http::api {

void add_audit_routes(Router& router, app::App& app) {
  router.add(
      Method::get, "/api/v1/audit-events", "audit_events.list",
      authed(app,
             [&app](const Request& request, const app::Actor& actor) {
               auto found = value_or_reject(app::list_audit_events(
                   app, actor, id_param(request, "after"), limit_param(request)));
               auto parse = [](const std::string& text) -> json::value {
                 if (text.empty()) return nullptr;
                 boost::system::error_code ec;
                 auto v = json::parse(text, ec);
                 return ec ? json::value(text) : v;
               };
               // What a person reads for the thing changed: its title, name, e-mail or key,
               // as it was after the change (or before, for a removal).
               auto label = [](const json::value& after, const json::value& before) -> json::value {
                 for (const auto* v : {&after, &before})
                   if (v->is_object())
                     for (const char* field : {"title", "name", "email", "key"})
                       if (const auto* f = v->as_object().if_contains(field);
                           f && f->is_string() && !f->as_string().empty())
                         return *f;
                 return nullptr;
               };
               return Response::json(
                   200,
                   page_json<AuditEvent>(
                       found.page.items, found.page.next_after, [&](const AuditEvent& e) {
                         json::value who = nullptr;
                         if (e.actor_id)
                           if (auto it = found.actors.find(*e.actor_id); it != found.actors.end())
                             who = json::object{{"id", it->second.id},
                                                {"name", it->second.name.empty() ? it->second.email
                                                                                 : it->second.name},
                                                {"email", it->second.email}};
                         auto before = parse(e.before);
                         auto after = parse(e.after);
                         auto entity = label(after, before);
                         return json::value(json::object{
                             {"id", e.id},
                             {"at", format_instant(e.at)},
                             {"actor_id",
                              e.actor_id ? json::value(*e.actor_id) : json::value(nullptr)},
                             {"actor", std::move(who)},
                             {"action", e.action},
                             {"entity_type", e.entity_type},
                             {"entity_id",
                              e.entity_id ? json::value(*e.entity_id) : json::value(nullptr)},
                             {"entity_label", std::move(entity)},
                             {"before", std::move(before)},
                             {"after", std::move(after)}});
                       }));
             },
             {"after", "limit"}));
}

}  // namespace okr::http::api
