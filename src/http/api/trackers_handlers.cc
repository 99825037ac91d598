// /api/v1/trackers: the trackers whose webhooks update initiatives (never their
// secrets, except a made one, once, in the answer that creates it). Administrators only.
#include "app/trackers.h"
#include "http/api/routes.h"
#include "http/api/support.h"

namespace okr::http::api {
namespace {

json::object tracker_json(const app::TrackerView& t) {
  return json::object{{"name", t.name},
                      {"source", std::string(formats::to_string(t.source))},
                      {"team", t.team ? json::value(*t.team) : json::value(nullptr)},
                      {"hook_path", "/api/v1/hooks/" + std::string(formats::to_string(t.source))},
                      {"created_at", format_instant(t.created_at)}};
}

}  // namespace

void add_tracker_routes(Router& router, app::App& app) {
  router.add(Method::get, "/api/v1/trackers", "trackers.list",
             authed(app, [&app](const Request&, const app::Actor& actor) {
               auto list = app::Trackers(app).list(actor);
               if (!list) return write_error(list.error());
               json::array items;
               for (const auto& t : *list) items.push_back(tracker_json(t));
               return Response::json(200, json::object{{"items", std::move(items)}});
             }));
  router.add(Method::post, "/api/v1/trackers", "trackers.create",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               Body b(request, {"name", "source", "team", "secret"});
               app::NewTracker t;
               t.name = b.text("name").value_or("");
               auto source = b.choice("source", formats::parse_tracker, "github, gitlab, jira");
               if (!source) reject_field("source", "source must be one of: github, gitlab, jira");
               t.source = *source;
               t.team = b.text("team");
               t.secret = b.text("secret").value_or("");
               auto added = app::Trackers(app).add(t, actor);
               if (!added) return write_error(added.error());
               json::object o = tracker_json(added->tracker);
               if (added->secret) o["secret"] = *added->secret;
               auto r = Response::json(201, o);
               r.headers.set("Location", "/api/v1/trackers/" + added->tracker.name);
               r.headers.set("Cache-Control", "no-store");
               return r;
             }));
  router.add(Method::del, "/api/v1/trackers/{name}", "trackers.delete",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               auto r = app::Trackers(app).remove(std::string(request.param("name")), actor);
               if (!r) return write_error(r.error());
               return Response::no_content();
             }));
}

}  // namespace okr::http::api
