// Comments on objectives, key results and check-ins, and each person's notifications.
#include "storage/sql/rows.h"
#include "storage/sql/sql_transaction.h"

namespace okr::sql {
namespace {

constexpr const char* kCommentCols =
    "id, objective_id, key_result_id, check_in_id, parent_id, author_id, body, created_at, "
    "edited_at, deleted, version";

Comment read_comment(const Statement& s) {
  Comment c;
  c.id = s.i64(0);
  c.objective_id = s.i64(1);
  c.key_result_id = s.opt_i64(2);
  c.check_in_id = s.opt_i64(3);
  c.parent_id = s.opt_i64(4);
  c.author_id = s.opt_i64(5);
  c.body = s.text(6);
  c.created_at = to_instant(s.text(7));
  c.edited_at = to_opt_instant(s, 8);
  c.deleted = s.i64(9) != 0;
  c.version = s.i64(10);
  return c;
}

constexpr const char* kNotificationCols =
    "id, user_id, kind, actor_id, objective_id, key_result_id, comment_id, dependency_id, "
    "excerpt, at, read_at, endpoint_id";

Notification read_notification(const Statement& s) {
  Notification n;
  n.id = s.i64(0);
  n.user_id = s.i64(1);
  n.kind = to_enum(parse_notification_kind(s.text(2)), s.text(2));
  n.actor_id = s.opt_i64(3);
  n.objective_id = s.opt_i64(4).value_or(0);
  n.key_result_id = s.opt_i64(5);
  n.comment_id = s.opt_i64(6);
  n.dependency_id = s.opt_i64(7);
  n.excerpt = s.text(8);
  n.at = to_instant(s.text(9));
  n.read_at = to_opt_instant(s, 10);
  n.endpoint_id = s.opt_i64(11);
  return n;
}

std::optional<std::string> instant_text(const std::optional<Instant>& t) {
  if (!t) return std::nullopt;
  return format_instant(*t);
}

}  // namespace

Id SqlTransaction::create_comment(const Comment& c) {
  return insert(
      "INSERT INTO comments (objective_id, key_result_id, check_in_id, parent_id, author_id, "
      "body, created_at, edited_at, deleted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      c.objective_id, c.key_result_id, c.check_in_id, c.parent_id, c.author_id, c.body,
      format_instant(c.created_at), instant_text(c.edited_at), c.deleted);
}

std::int64_t SqlTransaction::update_comment(const Comment& c) {
  prepare(
      "UPDATE comments SET body = ?, edited_at = ?, deleted = ?, version = version + 1 "
      "WHERE id = ? AND version = ?")
      .bind_all(c.body, instant_text(c.edited_at), c.deleted, c.id, c.version)
      .run();
  return after_update("comment", "comments", c.id, c.version);
}

std::optional<Comment> SqlTransaction::find_comment(Id id) {
  return one(cat({"SELECT ", kCommentCols, " FROM comments WHERE id = ?"}), read_comment, id);
}

std::vector<Comment> SqlTransaction::list_comments(Id objective_id) {
  return all(cat({"SELECT ", kCommentCols, " FROM comments WHERE objective_id = ? ORDER BY id"}),
             read_comment, objective_id);
}

Id SqlTransaction::add_notification(const Notification& n) {
  return insert(
      "INSERT INTO notifications (user_id, kind, actor_id, objective_id, key_result_id, "
      "comment_id, dependency_id, excerpt, at, read_at, endpoint_id) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      n.user_id, to_string(n.kind), n.actor_id,
      n.objective_id ? std::optional<Id>(n.objective_id) : std::nullopt, n.key_result_id,
      n.comment_id, n.dependency_id, n.excerpt, format_instant(n.at), instant_text(n.read_at),
      n.endpoint_id);
}

std::vector<Notification> SqlTransaction::list_notifications(Id user_id, bool unread_only,
                                                             std::optional<Id> before, int limit) {
  std::string q = cat({"SELECT ", kNotificationCols, " FROM notifications WHERE user_id = ?"});
  if (unread_only) q += " AND read_at IS NULL";
  if (before) q += " AND id < ?";
  q += " ORDER BY id DESC LIMIT ?";
  auto st = prepare(q);
  st.bind(user_id);
  if (before) st.bind(*before);
  st.bind(static_cast<std::int64_t>(limit));
  std::vector<Notification> out;
  while (st.step()) out.push_back(read_notification(st));
  return out;
}

std::optional<Notification> SqlTransaction::find_notification(Id id) {
  return one(cat({"SELECT ", kNotificationCols, " FROM notifications WHERE id = ?"}),
             read_notification, id);
}

void SqlTransaction::delete_notifications_of_comment(Id comment_id) {
  prepare("DELETE FROM notifications WHERE comment_id = ?").bind(comment_id).run();
}

std::int64_t SqlTransaction::count_unread_notifications(Id user_id) {
  auto st = prepare("SELECT COUNT(*) FROM notifications WHERE user_id = ? AND read_at IS NULL");
  st.bind(user_id);
  return st.step() ? st.i64(0) : 0;
}

std::int64_t SqlTransaction::mark_notifications_read(Id user_id, std::optional<Id> id, Instant at) {
  std::string q = "UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL";
  if (id) q += " AND id = ?";
  auto st = prepare(q);
  st.bind_all(format_instant(at), user_id);
  if (id) st.bind(*id);
  st.run();
  return connection().changes();
}

std::map<NotificationKind, std::string> SqlTransaction::notification_preferences(Id user_id) {
  auto st = prepare("SELECT kind, channel FROM notification_preferences WHERE user_id = ?");
  st.bind(user_id);
  std::map<NotificationKind, std::string> out;
  while (st.step())
    if (auto kind = parse_notification_kind(st.text(0))) out[*kind] = st.text(1);
  return out;
}

void SqlTransaction::put_notification_preference(Id user_id, NotificationKind kind,
                                                 const std::string& channel) {
  prepare(
      "INSERT INTO notification_preferences (user_id, kind, channel) VALUES (?, ?, ?) "
      "ON CONFLICT (user_id, kind) DO UPDATE SET channel = excluded.channel")
      .bind_all(user_id, to_string(kind), channel)
      .run();
}

}  // namespace okr::sql
