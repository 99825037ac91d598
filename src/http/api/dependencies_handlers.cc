// /api/v1/dependencies: what a key result needs from another team, and that team's answer
#include "app/dependencies.h"
#include "app/okrs.h"
#include "formats/json_model.h"
#include "http/api/routes.h"
#include "http/api/support.h"

namespace okr::http::api {

json::value dependency_json(const app::DependencyView& v) {
  return formats::to_json(v.dependency, v.names());
}

namespace {

Id find(app::App& app, const Request& request) {
  auto id = app::parse_id(std::string(request.param("dependency")));
  if (!id)
    reject(Response::problem(400, "invalid-parameter", "Invalid parameter",
                             "a dependency is named by its number", "dependency"));
  return value_or_reject(app::get_dependency(app, *id)).dependency.id;
}

}  // namespace

void add_dependency_routes(Router& router, app::App& app) {
  router.add(Method::get, "/api/v1/dependencies", "dependencies.list",
             authed(app,
                    [&app](const Request& request, const app::Actor&) {
                      app::DependencyQuery q;
                      auto text = [&](std::string_view name) -> std::optional<std::string> {
                        auto v = request.query_param(name);
                        if (!v) return std::nullopt;
                        return std::string(*v);
                      };
                      q.cycle = text("cycle");
                      q.asked_of = text("asked_of");
                      q.asked_by = text("asked_by");
                      if (auto s = text("state")) {
                        q.state = parse_dependency_state(*s);
                        if (!q.state)
                          reject(Response::problem(
                              400, "invalid-parameter", "Invalid parameter",
                              "state must be one of: pending, confirmed, declined", "state"));
                      }
                      const auto items = value_or_reject(app::list_dependencies(app, q));
                      struct Row {
                        Id id;
                        const app::DependencyView* view;
                      };
                      std::vector<Row> rows;
                      for (const auto& v : items) rows.push_back({v.dependency.id, &v});
                      return Response::json(200, paged_json<Row>(request, rows, [](const Row& r) {
                                              return dependency_json(*r.view);
                                            }));
                    },
                    {"cycle", "asked_of", "asked_by", "state", "after", "limit"}));
  router.add(Method::post, "/api/v1/dependencies", "dependencies.create",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               Body b(request, {"key_result", "team", "note"});
               auto kr = b.text("key_result");
               auto team = b.text("team");
               if (!kr) reject_field("key_result", "a dependency needs 'key_result' (id or key)");
               if (!team) reject_field("team", "a dependency needs 'team' (id or key)");
               auto d = app::ask_dependency(app, *kr, *team, b.text("note").value_or(""), actor);
               if (!d) return write_error(d.error());
               return created(dependency_json(*d), d->dependency.version,
                              "/api/v1/dependencies/" + std::to_string(d->dependency.id));
             }));
  router.add(Method::get, "/api/v1/dependencies/{dependency}", "dependencies.get",
             authed(app, [&app](const Request& request, const app::Actor&) {
               auto d = value_or_reject(app::get_dependency(app, find(app, request)));
               return with_etag(200, dependency_json(d), d.dependency.version);
             }));
  router.add(Method::patch, "/api/v1/dependencies/{dependency}", "dependencies.answer",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               auto id = find(app, request);
               auto version = required_version(request);
               Body b(request, {"state", "answer"});
               auto state = b.choice("state", parse_dependency_state, "confirmed, declined");
               if (!state) reject_field("state", "an answer needs 'state': confirmed or declined");
               auto d = app::answer_dependency(app, id, version, *state,
                                               b.text("answer").value_or(""), actor);
               if (!d) return write_error(d.error());
               return with_etag(200, dependency_json(*d), d->dependency.version);
             }));
  router.add(Method::del, "/api/v1/dependencies/{dependency}", "dependencies.delete",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               auto id = find(app, request);
               auto r = app::withdraw_dependency(app, id, required_version(request), actor);
               if (!r) return write_error(r.error());
               return Response::no_content();
             }));
}

}  // namespace okr::http::api
