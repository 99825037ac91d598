// /api/v1/sprints and /api/v1/initiatives: sprint work linked to key results
#include "app/okrs.h"
#include "app/queries.h"
#include "app/resources.h"
#include "app/sprint_report.h"
#include "formats/json_model.h"
#include "http/api/routes.h"
#include "http/api/support.h"

namespace okr::http::api {
namespace {

app::SprintFields sprint_fields(app::App& app, const Request& request) {
  Body b(request, {"team_id", "team", "name", "start", "end"});
  return {id_or_key(b, "team", [&](const std::string& v) { return app::get_team(app, v); }),
          b.text("name"), b.date("start"), b.date("end")};
}

// The team, sprint and key results by id (team_id, sprint_id, key_result_ids) or as a
// script names them (team and key_results by key, sprint by name within the team).
app::InitiativeFields initiative_fields(app::App& app, const Request& request) {
  Body b(request, {"key", "title", "url", "team_id", "team", "sprint_id", "sprint", "status",
                   "key_result_ids", "key_results"});
  app::InitiativeFields f;
  f.key = b.text("key");
  f.title = b.text("title");
  f.url = b.text("url");
  f.team_id = id_or_key(b, "team", [&](const std::string& v) { return app::get_team(app, v); });
  f.sprint_id = nullable_id_or_key(b, "sprint", [&](const std::string& v) {
    return app::find_sprint(app, v,
                            f.team_id ? std::optional(std::to_string(*f.team_id)) : std::nullopt);
  });
  f.status = b.choice("status", parse_initiative_status, "planned, in_progress, done, dropped");
  f.key_result_ids = ids_or_keys(b, "key_results", "key_result_ids",
                                 [&](const std::string& v) { return app::get_key_result(app, v); });
  return f;
}

Id path_id(const Request& request, std::string_view name) {
  auto id = app::parse_id(std::string(request.param(name)));
  if (!id)
    reject(Response::problem(
        404, "not-found", "Not found",
        std::string(name) + " '" + std::string(request.param(name)) + "' is not an id"));
  return *id;
}

}  // namespace

void add_delivery_routes(Router& router, app::App& app) {
  router.add(Method::get, "/api/v1/sprints", "sprints.list",
             authed(app,
                    [&app](const Request& request, const app::Actor&) {
                      auto list = value_or_reject(app::list_sprints(app, team_param(app, request)));
                      return Response::json(200,
                                            paged_json<Sprint>(request, list, [](const Sprint& s) {
                                              return formats::to_json(s);
                                            }));
                    },
                    {"team", "team_id", "after", "limit"}));
  router.add(Method::post, "/api/v1/sprints", "sprints.create",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               auto s = app::create_sprint(app, sprint_fields(app, request), actor);
               if (!s) return write_error(s.error());
               return created(formats::to_json(*s), s->version,
                              "/api/v1/sprints/" + std::to_string(s->id));
             }));
  router.add(Method::get, "/api/v1/sprints/{sprint}", "sprints.get",
             authed(app, [&app](const Request& request, const app::Actor&) {
               auto s = value_or_reject(app::get_sprint(app, path_id(request, "sprint")));
               return with_etag(200, formats::to_json(s), s.version);
             }));
  router.add(Method::patch, "/api/v1/sprints/{sprint}", "sprints.update",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               auto id = path_id(request, "sprint");
               auto version = required_version(request);
               auto s = app::update_sprint(app, id, version, sprint_fields(app, request), actor);
               if (!s) return write_error(s.error());
               return with_etag(200, formats::to_json(*s), s->version);
             }));

  router.add(Method::get, "/api/v1/initiatives", "initiatives.list",
             authed(app,
                    [&app](const Request& request, const app::Actor&) {
                      auto list = value_or_reject(app::list_initiatives(
                          app, team_param(app, request), key_result_param(app, request)));
                      return Response::json(
                          200, paged_json<Initiative>(request, list, [](const Initiative& i) {
                            return formats::to_json(i);
                          }));
                    },
                    {"team", "team_id", "key_result", "key_result_id", "after", "limit"}));
  router.add(Method::post, "/api/v1/initiatives", "initiatives.create",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               auto i = app::create_initiative(app, initiative_fields(app, request), actor);
               if (!i) return write_error(i.error());
               return created(formats::to_json(*i), i->version,
                              "/api/v1/initiatives/" + std::to_string(i->id));
             }));
  router.add(Method::get, "/api/v1/initiatives/{initiative}", "initiatives.get",
             authed(app, [&app](const Request& request, const app::Actor&) {
               auto i = value_or_reject(
                   app::get_initiative(app, std::string(request.param("initiative"))));
               return with_etag(200, formats::to_json(i), i.version);
             }));
  router.add(
      Method::patch, "/api/v1/initiatives/{initiative}", "initiatives.update",
      authed(app, [&app](const Request& request, const app::Actor& actor) {
        auto id =
            value_or_reject(app::get_initiative(app, std::string(request.param("initiative")))).id;
        auto version = required_version(request);
        auto i = app::update_initiative(app, id, version, initiative_fields(app, request), actor);
        if (!i) return write_error(i.error());
        return with_etag(200, formats::to_json(*i), i->version);
      }));
}

}  // namespace okr::http::api
