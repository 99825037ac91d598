// /api/v1/session: sign in (a cookie session) and sign out
#include <algorithm>

#include "app/accounts.h"
#include "app/first_run.h"
#include "app/queries.h"
#include "formats/json_model.h"
#include "http/api/routes.h"
#include "http/api/support.h"

namespace okr::http::api {
namespace {

std::string cookie(const Request& request, std::string_view value, long max_age) {
  std::string c = std::string(kSessionCookie) + "=" + std::string(value) +
                  "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age);
  if (request.secure) c += "; Secure";
  return c;
}

}  // namespace

void add_session_routes(Router& router, app::App& app) {
  router.add(
      Method::post, "/api/v1/session", "session.create", guarded([&app](const Request& request) {
        Body b(request, {"email", "password"});
        auto email = b.text("email");
        auto password = b.text("password");
        if (!email) reject_field("email", "sign-in needs an email");
        if (!password) reject_field("password", "sign-in needs a password");
        app::Accounts accounts(app);
        auto session = accounts.sign_in(*email, *password, request.client_address);
        if (!session) {
          auto r = problem_from_error(session.error());
          if (session.error().code == ErrorCode::forbidden) {
            r = Response::problem(429, "too-many-attempts", "Too many attempts",
                                  session.error().message, "email");
            auto wait = accounts.sign_in_wait(*email, request.client_address).count();
            r.headers.set("Retry-After", std::to_string(std::max<long long>(1, wait)));
          }
          return r;
        }
        auto user = value_or_reject(app::get_user(app, std::to_string(session->user_id)));
        auto lifetime =
            std::chrono::duration_cast<std::chrono::seconds>(app::Accounts::kSessionLifetime)
                .count();
        auto r =
            Response::json(201, json::object{{"user", formats::to_json(user)},
                                             {"csrf_token", csrf_token_for(session->secret)},
                                             {"expires_at", format_instant(session->expires_at)}});
        r.headers.set("Set-Cookie", cookie(request, session->secret, lifetime));
        return r;
      }));
  router.add(Method::get, "/api/v1/session", "session.get",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               if (!actor.user_id) reject_error(Error::not_found("user", "no user"));
               auto user = value_or_reject(app::get_user(app, std::to_string(*actor.user_id)));
               json::array roles;
               for (const auto& [team, role] : actor.roles)
                 roles.push_back(json::object{{"team_id", team}, {"role", to_string(role)}});
               json::object body{{"user", formats::to_json(user)}, {"roles", std::move(roles)}};
               // A page reloaded in the browser needs the token again for its writes.
               if (auto secret = session_cookie(request))
                 body["csrf_token"] = csrf_token_for(*secret);
               return Response::json(200, body);
             }));
  // The first administrator of a database without users, from the address `okr serve`
  // prints (app/first_run.h). The web signs in with the new account afterwards.
  router.add(Method::get, "/api/v1/setup", "setup.get", guarded([&app](const Request&) {
               return Response::json(200, json::object{{"offered", app.first_run().offered()}});
             }));
  router.add(Method::post, "/api/v1/setup", "setup.create", guarded([&app](const Request& request) {
               Body b(request, {"secret", "email", "name", "password"});
               auto secret = b.text("secret");
               auto email = b.text("email");
               if (!secret) reject_field("secret", "set-up needs the secret of its address");
               if (!email) reject_field("email", "the first administrator needs an e-mail");
               auto user = app.first_run().create_admin(
                   *secret, {*email, b.text("name").value_or(""), true, b.text("password")});
               if (!user) return write_error(user.error());
               return Response::json(201, formats::to_json(*user));
             }));
  router.add(Method::del, "/api/v1/session", "session.delete",
             authed(app, [&app](const Request& request, const app::Actor&) {
               if (auto secret = session_cookie(request)) app::Accounts(app).sign_out(*secret);
               auto r = Response::no_content();
               r.headers.set("Set-Cookie", cookie(request, "", 0));
               return r;
             }));
}

}  // namespace okr::http::api
