// The signed-in person's inbox:
//   GET  /api/v1/notifications?unread=true&after=&limit=   newest first, with the unread count
//   GET  /api/v1/notifications/unread-count                {unread}
//   POST /api/v1/notifications/read  {"id": 5} or {"all": true}
//   GET/PUT /api/v1/notifications/preferences
//           {preferences: {mention: "in_app"|"email"|"both"|"none", …}}
//   GET/PUT /api/v1/notifications/email  {available, time_zone, quiet_hours, weekly_digest}
//   GET/POST /api/v1/unsubscribe?token=  (no sign-in: the e-mail's link; POST is RFC 8058's
//           one-click unsubscribe)
#include "app/mail.h"
#include "app/notifications.h"
#include "http/api/routes.h"
#include "http/api/support.h"

namespace okr::http::api {
namespace {

json::value notification_json(const app::NotificationView& v) {
  const Notification& n = v.notification;
  auto opt = [](const std::optional<Id>& id) {
    return id ? json::value(*id) : json::value(nullptr);
  };
  auto text = [](const std::string& s) {
    return s.empty() ? json::value(nullptr) : json::value(s);
  };
  std::string link = "/objectives/" + std::to_string(n.objective_id);
  if (n.comment_id) link += "#comment-" + std::to_string(*n.comment_id);
  if (n.endpoint_id) link = "/admin/webhooks";
  if (!n.objective_id && !n.endpoint_id) link = "/";  // a reminder, grading opened: my home
  return json::object{
      {"id", n.id},
      {"kind", std::string(to_string(n.kind))},
      {"read", n.read_at.has_value()},
      {"at", format_instant(n.at)},
      {"actor", text(v.actor_name)},
      {"objective_id", n.objective_id ? json::value(n.objective_id) : json::value(nullptr)},
      {"objective", v.objective_key},
      {"objective_title", v.objective_title},
      {"key_result_id", opt(n.key_result_id)},
      {"key_result", text(v.key_result_key)},
      {"comment_id", opt(n.comment_id)},
      {"dependency_id", opt(n.dependency_id)},
      {"team", text(v.team_key)},
      {"endpoint_id", opt(n.endpoint_id)},
      {"excerpt", n.excerpt},
      {"link", link}};
}

json::object preferences_json(const std::map<NotificationKind, app::NotificationChannel>& p) {
  json::object o;
  for (const auto& [kind, channel] : p)
    o[std::string(to_string(kind))] = std::string(to_string(channel));
  return json::object{{"preferences", std::move(o)}};
}

json::object email_json(app::App& app, const PersonSettings& s) {
  auto config = value_or_reject(app::mail_config(app));
  json::value quiet = nullptr;
  if (s.quiet_start && s.quiet_end)
    quiet = json::object{{"from", format_minute_of_day(*s.quiet_start)},
                         {"to", format_minute_of_day(*s.quiet_end)}};
  return json::object{{"available", config.has_value()},
                      {"time_zone", s.time_zone},
                      {"quiet_hours", std::move(quiet)},
                      {"weekly_digest", s.weekly_digest}};
}

json::object unsubscription_json(const app::Unsubscription& u) {
  return json::object{{"email", u.email}, {"kind", u.kind}, {"done", u.done}};
}

std::string token_param(const Request& request) {
  auto t = request.query_param("token");
  if (!t || t->empty())
    reject(Response::problem(400, "invalid-parameter", "Invalid parameter",
                             "the link's token is missing: open the whole link from the e-mail",
                             "token"));
  return std::string(*t);
}

}  // namespace

void add_notification_routes(Router& router, app::App& app) {
  router.add(
      Method::get, "/api/v1/notifications", "notifications.list",
      authed(app,
             [&app](const Request& request, const app::Actor& actor) {
               bool unread_only = false;
               if (auto u = request.query_param("unread")) {
                 if (*u == "true")
                   unread_only = true;
                 else if (*u != "false")
                   reject(Response::problem(400, "invalid-parameter", "Invalid parameter",
                                            "unread must be true or false", "unread"));
               }
               auto page = value_or_reject(app::list_notifications(
                   app, actor, unread_only, id_param(request, "after"), limit_param(request)));
               auto body =
                   page_json<app::NotificationView>(page.items, page.next, notification_json);
               body["unread"] = page.unread;
               return Response::json(200, body);
             },
             {"unread", "after", "limit"}));
  router.add(Method::get, "/api/v1/notifications/unread-count", "notifications.unread",
             authed(app, [&app](const Request&, const app::Actor& actor) {
               auto n = value_or_reject(app::unread_notifications(app, actor));
               return Response::json(200, json::object{{"unread", n}});
             }));
  router.add(Method::post, "/api/v1/notifications/read", "notifications.read",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               Body b(request, {"id", "all"});
               auto id = b.id("id");
               const bool all = b.boolean("all").value_or(false);
               if (id && all) reject_field("all", "give either 'id' or 'all', not both");
               if (!id && !all)
                 reject_field("id", "name the notification in 'id', or say \"all\": true");
               auto marked = app::mark_notifications_read(app, actor, id);
               if (!marked) return write_error(marked.error());
               auto unread = value_or_reject(app::unread_notifications(app, actor));
               return Response::json(200, json::object{{"marked", *marked}, {"unread", unread}});
             }));
  router.add(Method::get, "/api/v1/notifications/preferences", "notifications.preferences",
             authed(app, [&app](const Request&, const app::Actor& actor) {
               auto p = value_or_reject(app::notification_preferences(app, actor));
               return Response::json(200, preferences_json(p));
             }));
  router.add(
      Method::put, "/api/v1/notifications/preferences", "notifications.set_preferences",
      authed(app, [&app](const Request& request, const app::Actor& actor) {
        Body b(request, {"preferences"});
        auto it = b.object().find("preferences");
        if (it == b.object().end() || !it->value().is_object())
          reject_field("preferences",
                       "give 'preferences': an object of kind → \"in_app\", \"email\", "
                       "\"both\" or \"none\"");
        std::map<NotificationKind, app::NotificationChannel> changes;
        for (const auto& [key, value] : it->value().as_object()) {
          const std::string field = "preferences." + std::string(key);
          auto kind = parse_notification_kind(key);
          if (!kind)
            reject_field(field, "'" + std::string(key) +
                                    "' is not a kind of notification: mention, reply, comment, "
                                    "dependency_asked, dependency_answered, endpoint_disabled, "
                                    "check_in_due, off_track, grading_opened");
          std::optional<app::NotificationChannel> channel;
          if (value.is_string()) channel = app::parse_notification_channel(value.as_string());
          if (!channel)
            reject_field(field, field + " must be \"in_app\", \"email\", \"both\" or \"none\"");
          changes[*kind] = *channel;
        }
        auto p = app::set_notification_preferences(app, actor, changes);
        if (!p) return write_error(p.error());
        return Response::json(200, preferences_json(*p));
      }));
  router.add(Method::get, "/api/v1/notifications/email", "notifications.email",
             authed(app, [&app](const Request&, const app::Actor& actor) {
               auto s = value_or_reject(app::person_settings(app, actor));
               return Response::json(200, email_json(app, s));
             }));
  router.add(Method::put, "/api/v1/notifications/email", "notifications.set_email",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               Body b(request, {"time_zone", "quiet_hours", "weekly_digest"});
               app::PersonSettingsChange change;
               change.time_zone = b.text("time_zone");
               change.weekly_digest = b.boolean("weekly_digest");
               if (auto it = b.object().find("quiet_hours"); it != b.object().end()) {
                 if (it->value().is_null()) {
                   change.quiet_hours = std::optional<std::pair<int, int>>{};
                 } else {
                   const auto* q = it->value().if_object();
                   auto minute = [&](const char* name) {
                     std::optional<int> m;
                     if (q)
                       if (auto f = q->find(name); f != q->end() && f->value().is_string())
                         m = parse_minute_of_day(f->value().as_string());
                     if (!m)
                       reject_field(
                           std::string("quiet_hours.") + name,
                           "quiet_hours is null or {\"from\": \"HH:MM\", \"to\": \"HH:MM\"}");
                     return *m;
                   };
                   const int from = minute("from");
                   const int to = minute("to");
                   change.quiet_hours = std::optional<std::pair<int, int>>{std::pair{from, to}};
                 }
               }
               auto s = app::set_person_settings(app, actor, change);
               if (!s) return write_error(s.error());
               return Response::json(200, email_json(app, *s));
             }));
  router.add(Method::get, "/api/v1/unsubscribe", "unsubscribe.show",
             guarded([&app](const Request& request) {
               auto u = value_or_reject(app::unsubscribe(app, token_param(request), false));
               return Response::json(200, unsubscription_json(u));
             }));
  // RFC 8058: a mail client POSTs "List-Unsubscribe=One-Click" (any body is accepted).
  router.add(Method::post, "/api/v1/unsubscribe", "unsubscribe.apply",
             guarded([&app](const Request& request) {
               auto u = app::unsubscribe(app, token_param(request), true);
               if (!u) return write_error(u.error());
               return Response::json(200, unsubscription_json(*u));
             }));
}

}  // namespace okr::http::api
