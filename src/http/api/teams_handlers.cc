// /api/v1/teams (the organisation tree) and /api/v1/users
#include <cmath>
#include <map>

#include "app/accounts.h"
#include "app/queries.h"
#include "app/resources.h"
#include "app/scim.h"
#include "formats/json_model.h"
#include "http/api/routes.h"
#include "http/api/support.h"

namespace okr::http::api {
namespace {

app::TeamFields team_fields(app::App& app, const Request& request) {
  Body b(request, {"key", "name", "function", "parent_id", "parent", "lead_id", "lead",
                   "check_in_cadence_days"});
  app::TeamFields f;
  f.key = b.text("key");
  f.name = b.text("name");
  f.function = b.text("function");
  f.parent_id =
      nullable_id_or_key(b, "parent", [&](const std::string& v) { return app::get_team(app, v); });
  f.lead_id =
      nullable_id_or_key(b, "lead", [&](const std::string& v) { return app::get_user(app, v); });
  if (auto days = b.number("check_in_cadence_days")) {
    if (*days != std::floor(*days) || *days < 1 || *days > 92)
      reject_field("check_in_cadence_days",
                   "check_in_cadence_days is a whole number of days from 1 to 92 (7: weekly)");
    f.check_in_cadence_days = static_cast<int>(*days);
  }
  return f;
}

}  // namespace

void add_team_routes(Router& router, app::App& app) {
  router.add(Method::post, "/api/v1/teams", "teams.create",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               auto t = app::create_team(app, team_fields(app, request), actor);
               if (!t) return write_error(t.error());
               return created(formats::to_json(*t), t->version,
                              "/api/v1/teams/" + std::to_string(t->id));
             }));
  router.add(Method::patch, "/api/v1/teams/{team}", "teams.update",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               auto id = value_or_reject(app::get_team(app, std::string(request.param("team")))).id;
               auto version = required_version(request);
               auto t = app::update_team(app, id, version, team_fields(app, request), actor);
               if (!t) return write_error(t.error());
               return with_etag(200, formats::to_json(*t), t->version);
             }));
  router.add(Method::del, "/api/v1/teams/{team}", "teams.delete",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               auto id = value_or_reject(app::get_team(app, std::string(request.param("team")))).id;
               auto r = app::delete_team(app, id, required_version(request), actor);
               if (!r) return write_error(r.error());
               return Response::no_content();
             }));
  router.add(Method::put, "/api/v1/teams/{team}/members/{user}", "memberships.put",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               auto team = value_or_reject(app::get_team(app, std::string(request.param("team"))));
               auto user = value_or_reject(app::get_user(app, std::string(request.param("user"))));
               Body b(request, {"role"});
               auto role = b.choice("role", parse_team_role, "lead, member, viewer");
               if (!role) reject_field("role", "a membership needs a role: lead, member or viewer");
               auto m = app::put_membership(app, {team.id, user.id, *role}, actor);
               if (!m) return write_error(m.error());
               return Response::json(200, json::object{{"team_id", m->team_id},
                                                       {"user_id", m->user_id},
                                                       {"role", std::string(to_string(m->role))}});
             }));
  router.add(Method::del, "/api/v1/teams/{team}/members/{user}", "memberships.delete",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               auto team = value_or_reject(app::get_team(app, std::string(request.param("team"))));
               auto user = value_or_reject(app::get_user(app, std::string(request.param("user"))));
               auto r = app::remove_membership(app, team.id, user.id, actor);
               if (!r) return write_error(r.error());
               return Response::no_content();
             }));
  router.add(Method::get, "/api/v1/teams", "teams.list",
             authed(app,
                    [&app](const Request& request, const app::Actor&) {
                      // Parents come before children, each with its depth in the whole tree.
                      auto teams = value_or_reject(app::list_teams(app));
                      std::map<Id, int> depth;
                      for (const auto& t : teams)
                        depth[t.id] = t.parent_id ? depth[*t.parent_id] + 1 : 0;
                      return Response::json(200,
                                            paged_json<Team>(request, teams, [&](const Team& t) {
                                              auto j = formats::to_json(t);
                                              j.as_object()["depth"] = depth[t.id];
                                              return j;
                                            }));
                    },
                    {"after", "limit"}));
  router.add(
      Method::get, "/api/v1/teams/{team}", "teams.get",
      authed(app, [&app](const Request& request, const app::Actor&) {
        auto t = value_or_reject(app::get_team(app, std::string(request.param("team"))));
        auto j = formats::to_json(t);
        json::array members;
        const auto mapped = value_or_reject(app::Provisioning(app).mapped_members(t.id));
        for (const auto& m : value_or_reject(app::list_memberships(app, t.id))) {
          json::object member{{"user_id", m.user_id}, {"role", std::string(to_string(m.role))}};
          // A membership a group mapping gave, apart from one given in okr (docs/sso.md).
          if (auto it = mapped.find(m.user_id); it != mapped.end())
            member["mapped_from"] = it->second;
          // Who they are, so a page lists people, not numbers.
          if (auto u = app::get_user(app, std::to_string(m.user_id))) {
            member["email"] = u->email;
            member["name"] = u->name;
          }
          members.push_back(std::move(member));
        }
        j.as_object()["members"] = std::move(members);
        return with_etag(200, j, t.version);
      }));
}

void add_user_routes(Router& router, app::App& app) {
  router.add(Method::get, "/api/v1/users", "users.list",
             authed(app,
                    [&app](const Request& request, const app::Actor&) {
                      return Response::json(
                          200, paged_json<User>(request, value_or_reject(app::list_users(app)),
                                                [](const User& u) { return formats::to_json(u); }));
                    },
                    {"after", "limit"}));
  router.add(Method::get, "/api/v1/users/{user}", "users.get",
             authed(app, [&app](const Request& request, const app::Actor&) {
               auto u = value_or_reject(app::get_user(app, std::string(request.param("user"))));
               return with_etag(200, formats::to_json(u), u.version);
             }));
  router.add(Method::patch, "/api/v1/users/{user}", "users.update",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               Body b(request, {"name", "admin", "disabled"});
               app::UserChanges changes{b.text("name"), b.boolean("admin"), b.boolean("disabled")};
               app::Accounts accounts(app);
               auto u = accounts.update_user(std::string(request.param("user")), changes, actor);
               if (!u) return write_error(u.error());
               return with_etag(200, formats::to_json(*u), u->version);
             }));
  router.add(Method::put, "/api/v1/users/{user}/password", "users.password",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               Body b(request, {"password"});
               auto password = b.text("password");
               if (!password) reject_field("password", "a new password is needed");
               app::Accounts accounts(app);
               auto done =
                   accounts.set_password(std::string(request.param("user")), *password, actor);
               if (!done) return write_error(done.error());
               return Response::no_content();
             }));
  router.add(Method::post, "/api/v1/users", "users.create",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               Body b(request, {"email", "name", "admin", "password"});
               auto email = b.text("email");
               if (!email) reject_field("email", "a new user needs an email");
               app::Accounts accounts(app);
               auto u = accounts.add_user({*email, b.text("name").value_or(""),
                                           b.boolean("admin").value_or(false), b.text("password")},
                                          actor);
               if (!u) return write_error(u.error());
               auto r = with_etag(201, formats::to_json(*u), u->version);
               r.headers.set("Location", "/api/v1/users/" + std::to_string(u->id));
               return r;
             }));
}

}  // namespace okr::http::api
