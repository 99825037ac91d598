// Outgoing webhooks (administrators) and teams' chat channels:
//   GET, POST   /api/v1/webhooks                      list; add (the secret is shown once)
//   GET, DELETE /api/v1/webhooks/{webhook}            one; remove
//   GET         /api/v1/webhooks/{webhook}/deliveries the delivery log, newest first
//   POST        /api/v1/webhooks/{webhook}/deliveries/{delivery}/redeliver
//   GET, POST   /api/v1/chat-channels                 list (?team=); add
//   DELETE      /api/v1/chat-channels/{channel}
#include "app/okrs.h"
#include "app/outbox.h"
#include "http/api/routes.h"
#include "http/api/support.h"

namespace okr::http::api {
namespace {

json::value opt_text(const std::optional<Instant>& t) {
  return t ? json::value(format_instant(*t)) : json::value(nullptr);
}

json::value webhook_json(const Endpoint& e) {
  json::array events;
  for (const auto& ev : e.events) events.push_back(json::value(ev));
  return json::object{
      {"id", e.id},
      {"url", e.url},
      {"events", std::move(events)},
      {"description", e.description},
      {"created_at", format_instant(e.created_at)},
      {"enabled", !e.disabled_at.has_value()},
      {"disabled_at", opt_text(e.disabled_at)},
      {"disabled_reason", e.disabled_at ? json::value(e.disabled_reason) : json::value(nullptr)},
      {"failures", e.failures}};
}

json::value delivery_json(const OutboxMessage& m) {
  return json::object{
      {"id", m.id},
      {"event_id", m.event_id},
      {"event", m.event},
      {"state", to_string(m.state())},
      {"attempts", m.attempts},
      {"response_code", m.response_code ? json::value(*m.response_code) : json::value(nullptr)},
      {"error", m.last_error.empty() ? json::value(nullptr) : json::value(m.last_error)},
      {"created_at", format_instant(m.created_at)},
      {"last_attempt_at", opt_text(m.last_attempt_at)},
      {"delivered_at", opt_text(m.delivered_at)},
      {"redelivery_of", m.redelivery_of ? json::value(*m.redelivery_of) : json::value(nullptr)},
      {"body", m.body}};
}

json::value channel_json(const app::ChatChannel& c) {
  const Endpoint& e = c.endpoint;
  return json::object{
      {"id", e.id},
      {"team", c.team},
      {"kind", to_string(e.kind)},
      {"url", e.url},
      {"created_at", format_instant(e.created_at)},
      {"enabled", !e.disabled_at.has_value()},
      {"disabled_reason", e.disabled_at ? json::value(e.disabled_reason) : json::value(nullptr)}};
}

Id path_id(const Request& request, std::string_view name, const std::string& what) {
  auto id = app::parse_id(std::string(request.param(name)));
  if (!id)
    reject_error(Error::not_found(
        std::string(name), "there is no " + what + " '" + std::string(request.param(name)) + "'"));
  return *id;
}

}  // namespace

void add_webhook_routes(Router& router, app::App& app) {
  router.add(Method::get, "/api/v1/webhooks", "webhooks.list",
             authed(app, [&app](const Request&, const app::Actor& actor) {
               auto list = value_or_reject(app::list_webhooks(app, actor));
               json::array items;
               for (const auto& e : list) items.push_back(webhook_json(e));
               return Response::json(200, json::object{{"items", std::move(items)}});
             }));
  router.add(Method::post, "/api/v1/webhooks", "webhooks.create",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               Body b(request, {"url", "events", "description"});
               app::NewWebhook w;
               w.url = b.text("url").value_or("");
               w.description = b.text("description").value_or("");
               if (auto it = b.object().find("events"); it != b.object().end()) {
                 if (!it->value().is_array())
                   reject_field("events", "events must be an array of event types");
                 for (const auto& ev : it->value().as_array()) {
                   if (!ev.is_string())
                     reject_field("events", "events must be an array of event types");
                   w.events.emplace_back(ev.as_string());
                 }
               }
               auto created = app::add_webhook(app, w, actor);
               if (!created) return write_error(created.error());
               auto body = webhook_json(created->endpoint).as_object();
               body["secret"] = created->secret;
               auto r = Response::json(201, body);
               r.headers.set("Location",
                             "/api/v1/webhooks/" + std::to_string(created->endpoint.id));
               return r;
             }));
  router.add(Method::get, "/api/v1/webhooks/{webhook}", "webhooks.get",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               auto e = value_or_reject(
                   app::find_webhook(app, path_id(request, "webhook", "webhook"), actor));
               return Response::json(200, webhook_json(e));
             }));
  router.add(Method::del, "/api/v1/webhooks/{webhook}", "webhooks.delete",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               auto r = app::remove_webhook(app, path_id(request, "webhook", "webhook"), actor);
               if (!r) return write_error(r.error());
               return Response::no_content();
             }));
  router.add(Method::get, "/api/v1/webhooks/{webhook}/deliveries", "webhooks.deliveries",
             authed(app,
                    [&app](const Request& request, const app::Actor& actor) {
                      auto page = value_or_reject(app::list_deliveries(
                          app, path_id(request, "webhook", "webhook"), id_param(request, "after"),
                          limit_param(request), actor));
                      return Response::json(
                          200, page_json<OutboxMessage>(page.items, page.next, delivery_json));
                    },
                    {"after", "limit"}));
  router.add(Method::post, "/api/v1/webhooks/{webhook}/deliveries/{delivery}/redeliver",
             "webhooks.redeliver",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               auto m = app::redeliver(app, path_id(request, "webhook", "webhook"),
                                       path_id(request, "delivery", "delivery"), actor);
               if (!m) return write_error(m.error());
               return Response::json(202, delivery_json(*m));
             }));

  router.add(Method::get, "/api/v1/chat-channels", "chat_channels.list",
             authed(app,
                    [&app](const Request& request, const app::Actor&) {
                      std::optional<std::string> team;
                      if (auto t = request.query_param("team")) team = std::string(*t);
                      auto list = value_or_reject(app::list_chat_channels(app, team));
                      json::array items;
                      for (const auto& c : list) items.push_back(channel_json(c));
                      return Response::json(200, json::object{{"items", std::move(items)}});
                    },
                    {"team"}));
  router.add(Method::post, "/api/v1/chat-channels", "chat_channels.create",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               Body b(request, {"team", "kind", "url"});
               app::NewChatChannel c;
               c.team = b.text("team").value_or("");
               if (c.team.empty()) reject_field("team", "a chat channel belongs to a team");
               auto kind =
                   b.choice<EndpointKind>("kind", parse_endpoint_kind, "slack, teams, mattermost");
               if (!kind || !is_chat(*kind))
                 reject_field("kind", "kind must be one of: slack, teams, mattermost");
               c.kind = *kind;
               c.url = b.text("url").value_or("");
               auto e = app::add_chat_channel(app, c, actor);
               if (!e) return write_error(e.error());
               auto r = Response::json(201, channel_json(*e));
               r.headers.set("Location", "/api/v1/chat-channels/" + std::to_string(e->endpoint.id));
               return r;
             }));
  router.add(Method::del, "/api/v1/chat-channels/{channel}", "chat_channels.delete",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               auto r = app::remove_chat_channel(app, path_id(request, "channel", "chat channel"),
                                                 actor);
               if (!r) return write_error(r.error());
               return Response::no_content();
             }));
}

}  // namespace okr::http::api
