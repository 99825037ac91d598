// /api/v1/objectives
#include "app/okrs.h"
#include "formats/json_model.h"
#include "http/api/okr_fields.h"
#include "http/api/routes.h"
#include "http/api/support.h"

namespace okr::http::api {
namespace {

app::ObjectiveFields read_fields(app::App& app, const Request& request) {
  return objective_fields(
      app,
      Body(request, {"key", "cycle_id", "cycle", "team_id", "team", "title", "description", "kind",
                     "owner_id", "owner", "parent_id", "parent", "parent_key_result_id",
                     "parent_key_result", "contributing_team_ids", "contributing_teams"}));
}

// An objective with the key results written with it.
Response with_key_results(int status, const app::ObjectiveWithKeyResults& w) {
  json::object o = formats::to_json(w.objective).as_object();
  json::array krs;
  for (const auto& k : w.key_results) krs.push_back(formats::to_json(k));
  o["key_results"] = std::move(krs);
  return with_etag(status, o, w.objective.version);
}

// A PUT replaces the objective whole: fields left out take their defaults (no
// description, no owner, no alignment, no contributing teams, aspirational); key,
// cycle and team stay as they are unless given.
app::ObjectiveFields replacement(app::ObjectiveFields f) {
  if (!f.title) reject_field("title", "a replaced objective needs its title");
  if (!f.description) f.description = "";
  if (!f.kind) f.kind = ObjectiveKind::aspirational;
  if (!f.owner_id) f.owner_id = std::optional<Id>{};
  if (!f.parent_key_result_id && !f.parent_id) f.parent_id = std::optional<Id>{};
  if (!f.contributing_team_ids) f.contributing_team_ids = std::vector<Id>{};
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
               filter.team_id = team_param(app, request);
               filter.cycle_id = cycle_param_or_current(app, request, filter.team_id.has_value());
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
               Body b(request, {"key", "cycle_id", "cycle", "team_id", "team", "title",
                                "description", "kind", "owner_id", "owner", "parent_id", "parent",
                                "parent_key_result_id", "parent_key_result",
                                "contributing_team_ids", "contributing_teams", "key_results"});
               if (auto drafts = key_result_drafts(app, b)) {
                 auto w = app::create_objective_with_key_results(app, objective_fields(app, b),
                                                                 *drafts, actor);
                 if (!w) return write_error(w.error());
                 auto r = with_key_results(201, *w);
                 r.headers.set("Location", "/api/v1/objectives/" + std::to_string(w->objective.id));
                 return r;
               }
               auto o = app::create_objective(app, objective_fields(app, b), actor);
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
               auto o = app::update_objective(app, id, version, read_fields(app, request), actor);
               if (!o) return write_error(o.error());
               return with_etag(200, formats::to_json(*o), o->version);
             }));
  router.add(Method::put, "/api/v1/objectives/{objective}", "objectives.replace",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               auto id = find(app, request).id;
               auto version = required_version(request);
               Body b(request, {"key", "cycle_id", "cycle", "team_id", "team", "title",
                                "description", "kind", "owner_id", "owner", "parent_id", "parent",
                                "parent_key_result_id", "parent_key_result",
                                "contributing_team_ids", "contributing_teams", "key_results"});
               auto drafts = key_result_drafts(app, b);
               if (!drafts)
                 reject_field("key_results",
                              "a replaced objective needs key_results: the whole list (an empty "
                              "list removes them all)");
               auto w = app::replace_objective(
                   app, id, version, replacement(objective_fields(app, b)), *drafts, actor);
               if (!w) return write_error(w.error());
               return with_key_results(200, *w);
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
