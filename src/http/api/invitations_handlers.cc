// /api/v1/invitations: one-time sign-up links. An administrator invites (POST); the
// person who opens the link reads whom it is for (lookup) and sets a password (accept).
// The secret travels in request bodies and after '#' in the link, never in a path a log
// could keep.
#include "app/invitations.h"
#include "formats/json_model.h"
#include "http/api/routes.h"
#include "http/api/support.h"

namespace okr::http::api {

void add_invitation_routes(Router& router, app::App& app) {
  router.add(Method::post, "/api/v1/invitations", "invitations.create",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               Body b(request, {"email", "name", "admin"});
               auto email = b.text("email");
               if (!email) reject_field("email", "an invitation needs an e-mail");
               auto issued = app::invite(
                   app, {*email, b.text("name").value_or(""), b.boolean("admin").value_or(false)},
                   actor);
               if (!issued) return write_error(issued.error());
               return Response::json(
                   201, json::object{{"user", formats::to_json(issued->user)},
                                     {"secret", issued->secret},
                                     {"link", "/join#" + issued->secret},
                                     {"expires_at", format_instant(issued->expires_at)}});
             }));
  router.add(Method::post, "/api/v1/invitations/lookup", "invitations.lookup",
             guarded([&app](const Request& request) {
               Body b(request, {"secret"});
               auto secret = b.text("secret");
               if (!secret) reject_field("secret", "the link's secret is needed");
               auto user = value_or_reject(app::invitation_for(app, *secret));
               return Response::json(200, json::object{{"email", user.email}, {"name", user.name}});
             }));
  router.add(Method::post, "/api/v1/invitations/accept", "invitations.accept",
             guarded([&app](const Request& request) {
               Body b(request, {"secret", "name", "password"});
               auto secret = b.text("secret");
               auto password = b.text("password");
               if (!secret) reject_field("secret", "the link's secret is needed");
               if (!password) reject_field("password", "a password is needed");
               auto user =
                   app::accept_invitation(app, *secret, b.text("name").value_or(""), *password);
               if (!user) return write_error(user.error());
               return Response::json(201, formats::to_json(*user));
             }));
}

}  // namespace okr::http::api
