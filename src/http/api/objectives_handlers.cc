// /api/v1/objectives
#include "app/okrs.h"
#include "formats/json_model.h"
#include "http/api/routes.h"
#include "http/api/support.h"

namespace okr::http::api {
namespace {

app::ObjectiveFields read_fields(const Request& request) {
  Body b(request, {"key", "cycle_id", "team_id", "title", "description", "kind", "owner_id",
                   "parent_id", "parent_key_result_id", "contributing_team_ids"});
  app::ObjectiveFields f;
  f.key = b.text("key");
  f.title = b.text("title");
  f.description = b.text("description");
  f.cycle_id = b.id("cycle_id");
  f.team_id = b.id("team_id");
  f.kind = b.choice("kind", parse_objective_kind, "aspirational, committed");
  f.owner_id = b.nullable_id("owner_id");
  f.parent_id = b.nullable_id("parent_id");
  f.parent_key_result_id = b.nullable_id("parent_key_result_id");
  f.contributing_team_ids = b.ids("contributing_team_ids");
  return f;
}

Objective find(app::App& app, const Request& request) {
  return value_or_reject(app::get_objective(app, std::string(request.param("objective"))));
}

}  // namespace

void add_objective_routes(Router& router, app::App& app) {
  router.add(
      Method::get, "/api/v1/objectives", "objectives.list",
      authed(app,
             [&app](const Request& request, const app::Actor&) {
               ObjectiveFilter filter;
               filter.cycle_id = cycle_param(app, request);
               filter.team_id = team_param(app, request);
               filter.owner_id = user_param(app, request, "owner");
               auto page = value_or_reject(app::list_objectives(
                   app, filter, id_param(request, "after"), limit_param(request)));
               return Response::json(
                   200, page_json<Objective>(page.items, page.next_after, [](const Objective& o) {
                     return formats::to_json(o);
                   }));
             },
             {"cycle", "cycle_id", "team", "team_id", "owner", "owner_id", "after", "limit"}));
  router.add(Method::post, "/api/v1/objectives", "objectives.create",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               auto o = app::create_objective(app, read_fields(request), actor);
               if (!o) return write_error(o.error());
               auto r = with_etag(201, formats::to_json(*o), o->version);
               r.headers.set("Location", "/api/v1/objectives/" + std::to_string(o->id));
               return r;
             }));
  router.add(Method::get, "/api/v1/objectives/{objective}", "objectives.get",
             authed(app, [&app](const Request& request, const app::Actor&) {
               auto o = find(app, request);
               return with_etag(200, formats::to_json(o), o.version);
             }));
  router.add(Method::patch, "/api/v1/objectives/{objective}", "objectives.update",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               auto id = find(app, request).id;
               auto version = required_version(request);
               auto o = app::update_objective(app, id, version, read_fields(request), actor);
               if (!o) return write_error(o.error());
               return with_etag(200, formats::to_json(*o), o->version);
             }));
  router.add(Method::del, "/api/v1/objectives/{objective}", "objectives.delete",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               auto id = find(app, request).id;
               auto r = app::delete_objective(app, id, required_version(request), actor);
               if (!r) return write_error(r.error());
               return Response::no_content();
             }));
}

}  // namespace okr::http::api
