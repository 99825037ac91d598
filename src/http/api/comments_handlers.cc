// Comments on objectives, key results and check-ins:
//   GET/POST /api/v1/{objectives|key-results|check-ins}/{id}/comments
//   GET/PATCH/DELETE /api/v1/comments/{comment}   (PATCH and DELETE need If-Match)
//   GET/PUT /api/v1/settings/comments              whether viewers may comment
#include "app/comments.h"
#include "app/okrs.h"
#include "http/api/routes.h"
#include "http/api/support.h"

namespace okr::http::api {
namespace {

json::value comment_json(const app::CommentView& v) {
  const Comment& c = v.comment;
  json::array mentions;
  for (const auto& u : v.mentions)
    mentions.push_back(json::object{{"id", u.id}, {"email", u.email}, {"name", u.name}});
  json::value author = nullptr;
  if (c.author_id && !v.author_email.empty())
    author = json::object{{"id", *c.author_id}, {"email", v.author_email}, {"name", v.author_name}};
  auto opt = [](const std::optional<Id>& id) {
    return id ? json::value(*id) : json::value(nullptr);
  };
  return json::object{
      {"id", c.id},
      {"subject", std::string(to_string(c.subject()))},
      {"objective_id", c.objective_id},
      {"objective", v.objective_key},
      {"key_result_id", opt(c.key_result_id)},
      {"key_result",
       v.key_result_key.empty() ? json::value(nullptr) : json::value(v.key_result_key)},
      {"check_in_id", opt(c.check_in_id)},
      {"parent_id", opt(c.parent_id)},
      {"author", std::move(author)},
      {"body", c.body},
      {"mentions", std::move(mentions)},
      {"created_at", format_instant(c.created_at)},
      {"edited_at", c.edited_at ? json::value(format_instant(*c.edited_at)) : nullptr},
      {"deleted", c.deleted},
      {"editable", v.editable},
      {"version", c.version}};
}

Id comment_id(const Request& request) {
  auto id = app::parse_id(std::string(request.param("comment")));
  if (!id)
    reject_error(
        Error::not_found("id", "no comment '" + std::string(request.param("comment")) + "'"));
  return *id;
}

void add_thread_routes(Router& router, app::App& app, const std::string& path,
                       const std::string& param, CommentSubject subject, const std::string& name) {
  auto target = [param, subject](const Request& request) {
    return app::CommentTarget{subject, std::string(request.param(param))};
  };
  router.add(Method::get, path, name + ".comments.list",
             authed(app,
                    [&app, target](const Request& request, const app::Actor& actor) {
                      auto list = value_or_reject(app::list_comments(app, target(request), actor));
                      struct Row {
                        Id id;
                        const app::CommentView* view;
                      };
                      std::vector<Row> rows;
                      for (const auto& v : list) rows.push_back({v.comment.id, &v});
                      return Response::json(200, paged_json<Row>(request, rows, [](const Row& r) {
                                              return comment_json(*r.view);
                                            }));
                    },
                    {"after", "limit"}));
  router.add(Method::post, path, name + ".comments.create",
             authed(app, [&app, target](const Request& request, const app::Actor& actor) {
               Body b(request, {"body", "reply_to"});
               auto body = b.text("body");
               if (!body) reject_field("body", "a comment needs 'body': what you want to say");
               auto c = app::add_comment(app, target(request), b.id("reply_to"), *body, actor);
               if (!c) return write_error(c.error());
               return created(comment_json(*c), c->comment.version,
                              "/api/v1/comments/" + std::to_string(c->comment.id));
             }));
}

}  // namespace

void add_comment_routes(Router& router, app::App& app) {
  add_thread_routes(router, app, "/api/v1/objectives/{objective}/comments", "objective",
                    CommentSubject::objective, "objectives");
  add_thread_routes(router, app, "/api/v1/key-results/{key_result}/comments", "key_result",
                    CommentSubject::key_result, "key_results");
  add_thread_routes(router, app, "/api/v1/check-ins/{check_in}/comments", "check_in",
                    CommentSubject::check_in, "check_ins");
  router.add(Method::get, "/api/v1/comments/{comment}", "comments.get",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               auto c = value_or_reject(app::get_comment(app, comment_id(request), actor));
               return with_etag(200, comment_json(c), c.comment.version);
             }));
  router.add(Method::patch, "/api/v1/comments/{comment}", "comments.update",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               const Id id = comment_id(request);
               value_or_reject(app::get_comment(app, id, actor));  // 404 before 428
               auto version = required_version(request);
               Body b(request, {"body"});
               auto body = b.text("body");
               if (!body) reject_field("body", "an edit needs 'body': the new words");
               auto c = app::edit_comment(app, id, version, *body, actor);
               if (!c) return write_error(c.error());
               return with_etag(200, comment_json(*c), c->comment.version);
             }));
  router.add(Method::del, "/api/v1/comments/{comment}", "comments.delete",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               const Id id = comment_id(request);
               value_or_reject(app::get_comment(app, id, actor));
               auto done = app::delete_comment(app, id, required_version(request), actor);
               if (!done) return write_error(done.error());
               return Response::no_content();
             }));
  router.add(
      Method::get, "/api/v1/settings/comments", "settings.comments",
      authed(app, [&app](const Request&, const app::Actor&) {
        auto s = value_or_reject(app::comment_settings(app));
        return Response::json(200, json::object{{"viewers_may_comment", s.viewers_may_comment}});
      }));
  router.add(
      Method::put, "/api/v1/settings/comments", "settings.set_comments",
      authed(app, [&app](const Request& request, const app::Actor& actor) {
        Body b(request, {"viewers_may_comment"});
        auto v = b.boolean("viewers_may_comment");
        if (!v) reject_field("viewers_may_comment", "say true or false in 'viewers_may_comment'");
        auto s = app::set_comment_settings(app, {*v}, actor);
        if (!s) return write_error(s.error());
        return Response::json(200, json::object{{"viewers_may_comment", s->viewers_may_comment}});
      }));
}

}  // namespace okr::http::api
