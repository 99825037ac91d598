#include "app/comments.h"

#include <algorithm>
#include <set>

#include "app/audit.h"
#include "app/edit.h"
#include "app/lookup.h"
#include "app/notifications.h"
#include "app/okrs.h"
#include "app/outbox.h"
#include "app/permissions.h"
#include "app/run.h"

namespace okr::app {
namespace {

constexpr const char* kViewersMayComment = "comments.viewers_may_comment";

// What a target names, resolved.
struct Subject {
  Objective objective;
  std::optional<KeyResult> key_result;
  std::optional<CheckIn> check_in;

  std::string describe() const {
    if (check_in) return "check-in " + std::to_string(check_in->id);
    if (key_result) return "key result '" + key_result->key + "'";
    return "objective '" + objective.key + "'";
  }
};

Subject resolve(Transaction& tx, const CommentTarget& t) {
  Subject s;
  switch (t.subject) {
    case CommentSubject::objective: {
      std::optional<Objective> o;
      if (auto id = parse_id(t.id)) o = tx.find_objective(*id);
      if (!o) o = tx.find_objective_by_key(t.id);
      if (!o)
        fail(Error::not_found("objective", "no objective '" + t.id + "'" +
                                               did_you_mean(tx, SearchHit::Kind::objective, t.id)));
      s.objective = *o;
      return s;
    }
    case CommentSubject::key_result: {
      std::optional<KeyResult> k;
      if (auto id = parse_id(t.id)) k = tx.find_key_result(*id);
      if (!k) k = tx.find_key_result_by_key(t.id);
      if (!k) fail(Error::not_found("key_result", "no key result '" + t.id + "'"));
      s.key_result = *k;
      break;
    }
    case CommentSubject::check_in: {
      std::optional<CheckIn> c;
      if (auto id = parse_id(t.id)) c = tx.find_check_in(*id);
      if (!c) fail(Error::not_found("check_in", "no check-in '" + t.id + "'"));
      s.check_in = *c;
      s.key_result = *tx.find_key_result(c->key_result_id);
      break;
    }
  }
  s.objective = *tx.find_objective(s.key_result->objective_id);
  return s;
}

bool viewers_may_comment(Transaction& tx) {
  return tx.setting(kViewersMayComment).value_or("false") == "true";
}

bool may_comment(Transaction& tx, const Actor& actor, const Subject& s) {
  if (actor.admin) return true;
  if (!actor.user_id) return false;
  const Id me = *actor.user_id;
  if (s.objective.owner_id == me) return true;
  if (s.key_result && s.key_result->owner_id == me) return true;
  std::vector<Id> teams{s.objective.team_id};
  teams.insert(teams.end(), s.objective.contributing_team_ids.begin(),
               s.objective.contributing_team_ids.end());
  const bool viewers = viewers_may_comment(tx);
  for (Id team : teams) {
    if (allowed(tx, actor, Permission::check_in, team)) return true;
    if (viewers)
      if (auto it = actor.roles.find(team); it != actor.roles.end()) return true;
  }
  return false;
}

Comment must_find_comment(Transaction& tx, Id id) {
  auto c = tx.find_comment(id);
  if (!c) fail(Error::not_found("id", "comment " + std::to_string(id) + " does not exist"));
  return *c;
}

// The people a body mentions; refuses an address that names no one who can be told.
std::vector<User> mentioned_people(Transaction& tx, const std::string& body) {
  std::vector<User> out;
  for (const auto& email : mentioned_emails(body)) {
    auto u = tx.find_user_by_email(email);
    if (!u)
      fail(Error::invalid("body", "@" + email +
                                      " names no one: mention people by their e-mail address "
                                      "(search for them to find it)"));
    if (u->disabled)
      fail(Error::invalid("body", "@" + email + " cannot be mentioned: the account is disabled"));
    out.push_back(*u);
  }
  return out;
}

CommentView view_of(Transaction& tx, Comment c, const Actor& actor) {
  CommentView v;
  if (c.author_id)
    if (auto u = tx.find_user(*c.author_id)) {
      v.author_name = u->name;
      v.author_email = u->email;
    }
  if (auto o = tx.find_objective(c.objective_id)) v.objective_key = o->key;
  if (c.key_result_id)
    if (auto k = tx.find_key_result(*c.key_result_id)) v.key_result_key = k->key;
  if (!c.deleted)
    for (const auto& email : mentioned_emails(c.body))
      if (auto u = tx.find_user_by_email(email)) v.mentions.push_back(*u);
  v.editable = !c.deleted && actor.user_id && c.author_id == actor.user_id;
  v.comment = std::move(c);
  return v;
}

Notification notification_for(const Comment& c, NotificationKind kind, Id user_id, Instant at) {
  Notification n;
  n.at = at;
  n.user_id = user_id;
  n.kind = kind;
  n.actor_id = c.author_id;
  n.objective_id = c.objective_id;
  n.key_result_id = c.key_result_id;
  n.comment_id = c.id;
  n.excerpt = excerpt_of(c.body);
  return n;
}

void check_body(const std::string& body) {
  if (auto e = validate_comment_body(body)) fail(*e);
}

}  // namespace

Result<CommentView> add_comment(App& app, const CommentTarget& on, std::optional<Id> reply_to,
                                const std::string& body, const Actor& actor) {
  return run(app.store(), Store::Mode::write, [&](Transaction& tx) {
    if (!actor.user_id)
      fail(Error::invalid("as", "a comment needs an author: act as a person (--as EMAIL)"));
    const Subject s = resolve(tx, on);
    if (!may_comment(tx, actor, s))
      fail(Error::forbidden("", "your role does not allow you to comment on " + s.describe()));
    check_body(body);
    Comment c;
    c.objective_id = s.objective.id;
    if (s.key_result) c.key_result_id = s.key_result->id;
    if (s.check_in) c.check_in_id = s.check_in->id;
    std::optional<Comment> parent;
    if (reply_to) {
      parent = tx.find_comment(*reply_to);
      if (!parent)
        fail(Error::invalid(
            "reply_to", "comment " + std::to_string(*reply_to) + " does not exist to reply to"));
      if (parent->objective_id != c.objective_id || parent->key_result_id != c.key_result_id ||
          parent->check_in_id != c.check_in_id)
        fail(Error::invalid(
            "reply_to", "comment " + std::to_string(*reply_to) + " is not about " + s.describe()));
      if (parent->deleted)
        fail(Error::invalid("reply_to",
                            "comment " + std::to_string(*reply_to) + " was deleted; comment anew"));
      // One level of threads: a reply to a reply joins its thread.
      c.parent_id = parent->parent_id ? *parent->parent_id : parent->id;
    }
    const auto mentions = mentioned_people(tx, body);
    c.author_id = actor.user_id;
    c.body = body;
    c.created_at = app.now();
    c.id = tx.create_comment(c);
    c.version = 1;
    audit<Comment>(tx, actor, app.now(), "create", "comment", c.id, std::nullopt, c);
    tell_comment(tx, app.now(), c);

    // Each person is told once, for the closest reason.
    std::set<Id> told;
    auto tell = [&](std::optional<Id> user, NotificationKind kind) {
      if (!user || !told.insert(*user).second) return;
      notify(tx, notification_for(c, kind, *user, c.created_at));
    };
    for (const auto& u : mentions) tell(u.id, NotificationKind::mention);
    if (parent) tell(parent->author_id, NotificationKind::reply);
    if (s.check_in) tell(s.check_in->author_id, NotificationKind::comment);
    if (s.key_result)
      tell(s.key_result->owner_id, NotificationKind::comment);
    else
      tell(s.objective.owner_id, NotificationKind::comment);
    return view_of(tx, c, actor);
  });
}

Result<CommentView> edit_comment(App& app, Id id, std::optional<std::int64_t> version,
                                 const std::string& body, const Actor& actor) {
  return run(app.store(), Store::Mode::write, [&](Transaction& tx) {
    const Comment before = must_find_comment(tx, id);
    if (!actor.user_id || before.author_id != actor.user_id)
      fail(Error::forbidden("", "only its author may edit comment " + std::to_string(id)));
    if (before.deleted)
      fail(Error::conflict("id", "comment " + std::to_string(id) + " was deleted"));
    if (version) check_version(before.version, *version, "comment " + std::to_string(id));
    check_body(body);
    const auto mentions = mentioned_people(tx, body);
    const auto earlier = mentioned_emails(before.body);
    Comment c = before;
    c.body = body;
    c.edited_at = app.now();
    c.version = tx.update_comment(c);
    audit<Comment>(tx, actor, app.now(), "update", "comment", c.id, before, c);
    for (const auto& u : mentions)
      if (std::find(earlier.begin(), earlier.end(), u.email) == earlier.end())
        notify(tx, notification_for(c, NotificationKind::mention, u.id, *c.edited_at));
    return view_of(tx, c, actor);
  });
}

Result<Ok> delete_comment(App& app, Id id, std::optional<std::int64_t> version,
                          const Actor& actor) {
  return run(app.store(), Store::Mode::write, [&](Transaction& tx) {
    const Comment before = must_find_comment(tx, id);
    const bool own = actor.user_id && before.author_id == actor.user_id;
    if (!own && !actor.admin)
      fail(Error::forbidden(
          "", "only its author or an administrator may delete comment " + std::to_string(id)));
    if (before.deleted)
      fail(Error::not_found("id", "comment " + std::to_string(id) + " was deleted already"));
    if (version) check_version(before.version, *version, "comment " + std::to_string(id));
    Comment c = before;
    c.body.clear();
    c.deleted = true;
    c.version = tx.update_comment(c);
    tx.delete_notifications_of_comment(id);
    audit<Comment>(tx, actor, app.now(), "delete", "comment", c.id, before, c);
    return Ok{};
  });
}

Result<CommentView> get_comment(App& app, Id id, const Actor& actor) {
  return run(app.store(), Store::Mode::read,
             [&](Transaction& tx) { return view_of(tx, must_find_comment(tx, id), actor); });
}

Result<std::vector<CommentView>> list_comments(App& app, const CommentTarget& of,
                                               const Actor& actor) {
  return run(app.store(), Store::Mode::read, [&](Transaction& tx) {
    const Subject s = resolve(tx, of);
    std::vector<CommentView> out;
    for (auto& c : tx.list_comments(s.objective.id)) {
      if (s.check_in && c.check_in_id != s.check_in->id) continue;
      if (s.key_result && c.key_result_id != s.key_result->id) continue;
      out.push_back(view_of(tx, std::move(c), actor));
    }
    return out;
  });
}

Result<CommentSettings> comment_settings(App& app) {
  return run(app.store(), Store::Mode::read,
             [&](Transaction& tx) { return CommentSettings{viewers_may_comment(tx)}; });
}

Result<CommentSettings> set_comment_settings(App& app, const CommentSettings& s,
                                             const Actor& actor) {
  return run(app.store(), Store::Mode::write, [&](Transaction& tx) {
    require_admin(actor, "change who may comment");
    const bool before = viewers_may_comment(tx);
    tx.put_setting(kViewersMayComment, s.viewers_may_comment ? "true" : "false");
    tx.add_audit_event(
        {0, app.now(), actor.user_id, "update", "setting", std::nullopt,
         std::string("{\"viewers_may_comment\":") + (before ? "true" : "false") + "}",
         std::string("{\"viewers_may_comment\":") + (s.viewers_may_comment ? "true" : "false") +
             "}"});
    return s;
  });
}

}  // namespace okr::app
