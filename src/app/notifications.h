// Each person's inbox: what happened that concerns them (a mention, a reply, a comment
// on what they own, a dependency asked of their team or answered), newest first, read
// or not, and which kinds they want to receive.
//
// Use cases write notifications with notify() inside their own transaction, so a
// notification exists exactly when the change that caused it does.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "core/comments.h"

namespace okr::app {

struct MailContent;

// Where a kind of notification goes: the inbox, an e-mail (app/mail.h), both, or
// nowhere. E-mail goes out only while the organisation's mail is on.
enum class NotificationChannel { in_app, email, both, none };
std::string_view to_string(NotificationChannel v);
std::optional<NotificationChannel> parse_notification_channel(std::string_view s);
// Mentions, replies and check-ins due go to both; the rest to the inbox.
NotificationChannel default_channel(NotificationKind kind);
NotificationChannel notification_channel(Transaction& tx, Id user_id, NotificationKind kind);

// Tells `n`'s recipient, on the channel they chose for its kind, unless they caused it
// (`n.actor_id`), are disabled or gone, or turned its kind off. The e-mail says `mail`
// when given, else a sentence built from `n`. Inside the caller's transaction.
void notify(Transaction& tx, const Notification& n, const MailContent* mail = nullptr);

// A notification with the names a reader needs.
struct NotificationView {
  Notification notification;
  std::string actor_name;  // empty when unknown
  std::string objective_key, objective_title;
  std::string key_result_key;  // when it is about a key result
  std::string team_key;        // the team asked, for dependencies
};

struct NotificationPage {
  std::vector<NotificationView> items;
  std::optional<Id> next;  // the cursor of the next page (an id), when there is one
  std::int64_t unread = 0;
};

// The actor's own notifications, newest first: `limit` of them with ids below `before`.
// Needs a signed-in person (the local operator has no inbox).
Result<NotificationPage> list_notifications(App& app, const Actor& actor, bool unread_only,
                                            std::optional<Id> before, int limit);
Result<std::int64_t> unread_notifications(App& app, const Actor& actor);
// Marks one of the actor's notifications read (not found when it is someone else's),
// or with no id every unread one. How many changed.
Result<std::int64_t> mark_notifications_read(App& app, const Actor& actor, std::optional<Id> id);

// The channel of every kind for the actor, defaults included.
Result<std::map<NotificationKind, NotificationChannel>> notification_preferences(
    App& app, const Actor& actor);
Result<std::map<NotificationKind, NotificationChannel>> set_notification_preferences(
    App& app, const Actor& actor, const std::map<NotificationKind, NotificationChannel>& changes);

}  // namespace okr::app
