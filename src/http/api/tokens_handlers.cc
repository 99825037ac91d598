// /api/v1/tokens: API tokens for scripts, created by their user, shown once
#include "app/accounts.h"
#include "app/okrs.h"
#include "app/queries.h"
#include "http/api/routes.h"
#include "http/api/support.h"

namespace okr::http::api {
namespace {

json::value token_json(const ApiToken& t) {
  auto when = [](const std::optional<Instant>& i) {
    return i ? json::value(format_instant(*i)) : json::value(nullptr);
  };
  return json::object{{"id", t.id},
                      {"user_id", t.user_id},
                      {"name", t.name},
                      {"created_at", format_instant(t.created_at)},
                      {"expires_at", when(t.expires_at)},
                      {"revoked_at", when(t.revoked_at)}};
}

Id self(const app::Actor& actor) {
  if (!actor.user_id) reject_error(Error::not_found("user_id", "no signed-in user"));
  return *actor.user_id;
}

}  // namespace

void add_token_routes(Router& router, app::App& app) {
  router.add(Method::get, "/api/v1/tokens", "tokens.list",
             authed(app,
                    [&app](const Request& request, const app::Actor& actor) {
                      auto given = user_param(app, request, "user");
                      Id user = given ? *given : self(actor);
                      auto list = value_or_reject(app::Accounts(app).list_tokens(user, actor));
                      return Response::json(200, paged_json<ApiToken>(request, list, token_json));
                    },
                    {"user", "user_id", "after", "limit"}));
  router.add(Method::post, "/api/v1/tokens", "tokens.create",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               Body b(request, {"name", "expires_at", "user_id", "user"});
               auto given = id_or_key(b, "user",
                                      [&](const std::string& v) { return app::get_user(app, v); });
               Id user_id = given ? *given : self(actor);
               auto user = value_or_reject(app::get_user(app, std::to_string(user_id)));
               auto issued = app::Accounts(app).create_token(
                   {user.email, b.text("name").value_or(""), b.instant("expires_at")}, actor);
               if (!issued) return write_error(issued.error());
               // The secret is in this response only; the store keeps its hash.
               json::object body{{"id", issued->token_id},
                                 {"token", issued->secret},
                                 {"user_id", issued->user_id},
                                 {"name", b.text("name").value_or("")}};
               return Response::json(201, body);
             }));
  router.add(Method::del, "/api/v1/tokens/{token}", "tokens.delete",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               auto id = app::parse_id(std::string(request.param("token")));
               if (!id)
                 reject_error(Error::not_found(
                     "id", "no token '" + std::string(request.param("token")) + "'"));
               auto r = app::Accounts(app).revoke_token(*id, actor);
               if (!r) return write_error(r.error());
               return Response::no_content();
             }));
}

}  // namespace okr::http::api
