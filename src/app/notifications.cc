#include "app/notifications.h"

#include "app/mail.h"
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
  for (auto kind : all_notification_kinds()) out[kind] = default_channel(kind);
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

// The e-mail that tells of `v`: a sentence, the words that were written, and a link to
// where it happened.
MailContent mail_of(const NotificationView& v) {
  const Notification& n = v.notification;
  const std::string who = v.actor_name.empty() ? "Someone" : v.actor_name;
  const std::string where = !v.key_result_key.empty() ? "key result " + v.key_result_key
                                                      : "\u201c" + v.objective_title + "\u201d";
  MailContent m;
  m.link_path = v.objective_key.empty() ? "/inbox" : "/objectives/" + v.objective_key;
  m.link_label = v.objective_key.empty() ? "Open my inbox" : "Open it";
  switch (n.kind) {
    case NotificationKind::mention:
      m.subject = who + " mentioned you on " + where;
      break;
    case NotificationKind::reply:
      m.subject = who + " replied to your comment on " + where;
      break;
    case NotificationKind::comment:
      m.subject = who + " commented on " + where + ", which you own";
      break;
    case NotificationKind::dependency_asked:
      m.subject = who + " asked " + (v.team_key.empty() ? "your team" : v.team_key) +
                  " for help with key result " + v.key_result_key;
      break;
    case NotificationKind::dependency_answered:
      m.subject = who + " answered your request to " +
                  (v.team_key.empty() ? "a team" : v.team_key) + " for key result " +
                  v.key_result_key;
      break;
    case NotificationKind::endpoint_disabled:
      m.subject = "A webhook or chat channel you set up stopped";
      m.link_path = "/admin/webhooks";
      m.link_label = "Open the webhooks";
      break;
    case NotificationKind::check_in_due:
      m.subject = "Key results due a check-in";
      m.link_path = "/";
      m.link_label = "Check in";
      break;
    case NotificationKind::off_track:
      m.subject = "Key result " + v.key_result_key + " went off track";
      break;
    case NotificationKind::grading_opened:
      m.subject = "Grading opened";
      m.link_path = "/";
      m.link_label = "Grade my objectives";
      break;
  }
  m.intro = m.subject + ".";
  if (!n.excerpt.empty()) m.items.push_back(n.excerpt);
  return m;
}

}  // namespace

std::string_view to_string(NotificationChannel v) {
  switch (v) {
    case NotificationChannel::email:
      return "email";
    case NotificationChannel::both:
      return "both";
    case NotificationChannel::none:
      return "none";
    default:
      return "in_app";
  }
}

std::optional<NotificationChannel> parse_notification_channel(std::string_view s) {
  if (s == "in_app") return NotificationChannel::in_app;
  if (s == "email") return NotificationChannel::email;
  if (s == "both") return NotificationChannel::both;
  if (s == "none") return NotificationChannel::none;
  return std::nullopt;
}

NotificationChannel default_channel(NotificationKind kind) {
  switch (kind) {
    case NotificationKind::mention:
    case NotificationKind::reply:
    case NotificationKind::check_in_due:
      return NotificationChannel::both;
    default:
      return NotificationChannel::in_app;
  }
}

NotificationChannel notification_channel(Transaction& tx, Id user_id, NotificationKind kind) {
  for (const auto& [k, text] : tx.notification_preferences(user_id))
    if (k == kind)
      if (auto c = parse_notification_channel(text)) return *c;
  return default_channel(kind);
}

void notify(Transaction& tx, const Notification& n, const MailContent* mail) {
  if (n.actor_id && *n.actor_id == n.user_id) return;
  auto user = tx.find_user(n.user_id);
  if (!user || user->disabled) return;
  const auto channel = notification_channel(tx, n.user_id, n.kind);
  if (channel == NotificationChannel::none) return;
  if (channel != NotificationChannel::email) tx.add_notification(n);
  if (channel == NotificationChannel::email || channel == NotificationChannel::both) {
    if (mail) {
      queue_mail(tx, n.at, *user, to_string(n.kind), *mail);
    } else {
      queue_mail(tx, n.at, *user, to_string(n.kind), mail_of(view_of(tx, n)));
    }
  }
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
