#include "app/notifications.h"

#include "app/run.h"

namespace okr::app {
namespace {

Id require_person(const Actor& actor) {
  if (!actor.user_id)
    fail(Error::invalid("as", "an inbox belongs to a person: act as one (--as EMAIL)"));
  return *actor.user_id;
}

std::map<NotificationKind, NotificationChannel> channels_of(Transaction& tx, Id user_id) {
  std::map<NotificationKind, NotificationChannel> out;
  for (auto kind : all_notification_kinds()) out[kind] = NotificationChannel::in_app;
  for (const auto& [kind, text] : tx.notification_preferences(user_id))
    if (auto c = parse_notification_channel(text)) out[kind] = *c;
  return out;
}

NotificationView view_of(Transaction& tx, Notification n) {
  NotificationView v;
  if (n.actor_id)
    if (auto u = tx.find_user(*n.actor_id)) v.actor_name = u->name.empty() ? u->email : u->name;
  if (auto o = tx.find_objective(n.objective_id)) {
    v.objective_key = o->key;
    v.objective_title = o->title;
  }
  if (n.key_result_id)
    if (auto k = tx.find_key_result(*n.key_result_id)) v.key_result_key = k->key;
  if (n.dependency_id)
    if (auto d = tx.find_dependency(*n.dependency_id))
      if (auto t = tx.find_team(d->team_id)) v.team_key = t->key;
  v.notification = std::move(n);
  return v;
}

}  // namespace

std::string_view to_string(NotificationChannel v) {
  return v == NotificationChannel::none ? "none" : "in_app";
}

std::optional<NotificationChannel> parse_notification_channel(std::string_view s) {
  if (s == "in_app") return NotificationChannel::in_app;
  if (s == "none") return NotificationChannel::none;
  return std::nullopt;
}

void notify(Transaction& tx, const Notification& n) {
  if (n.actor_id && *n.actor_id == n.user_id) return;
  auto user = tx.find_user(n.user_id);
  if (!user || user->disabled) return;
  if (channels_of(tx, n.user_id)[n.kind] == NotificationChannel::none) return;
  tx.add_notification(n);
}

Result<NotificationPage> list_notifications(App& app, const Actor& actor, bool unread_only,
                                            std::optional<Id> before, int limit) {
  return run(app.store(), Store::Mode::read, [&](Transaction& tx) {
    const Id me = require_person(actor);
    NotificationPage page;
    auto rows = tx.list_notifications(me, unread_only, before, limit + 1);
    if (static_cast<int>(rows.size()) > limit) {
      rows.resize(limit);
      page.next = rows.back().id;
    }
    for (auto& n : rows) page.items.push_back(view_of(tx, std::move(n)));
    page.unread = tx.count_unread_notifications(me);
    return page;
  });
}

Result<std::int64_t> unread_notifications(App& app, const Actor& actor) {
  return run(app.store(), Store::Mode::read,
             [&](Transaction& tx) { return tx.count_unread_notifications(require_person(actor)); });
}

Result<std::int64_t> mark_notifications_read(App& app, const Actor& actor, std::optional<Id> id) {
  return run(app.store(), Store::Mode::write, [&](Transaction& tx) -> std::int64_t {
    const Id me = require_person(actor);
    if (id) {
      auto n = tx.find_notification(*id);
      if (!n || n->user_id != me)
        fail(Error::not_found("id", "you have no notification " + std::to_string(*id)));
    }
    return tx.mark_notifications_read(me, id, app.now());
  });
}

Result<std::map<NotificationKind, NotificationChannel>> notification_preferences(
    App& app, const Actor& actor) {
  return run(app.store(), Store::Mode::read,
             [&](Transaction& tx) { return channels_of(tx, require_person(actor)); });
}

Result<std::map<NotificationKind, NotificationChannel>> set_notification_preferences(
    App& app, const Actor& actor, const std::map<NotificationKind, NotificationChannel>& changes) {
  return run(app.store(), Store::Mode::write, [&](Transaction& tx) {
    const Id me = require_person(actor);
    for (const auto& [kind, channel] : changes)
      tx.put_notification_preference(me, kind, std::string(to_string(channel)));
    return channels_of(tx, me);
  });
}

}  // namespace okr::app
