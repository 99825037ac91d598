// `okr comment list|add|reply|edit|delete` and `okr inbox`: the conversation on OKRs
// and each person's notifications, from the terminal.
#include <boost/json.hpp>
#include <iostream>

#include "app/comments.h"
#include "app/notifications.h"
#include "cli/commands.h"
#include "cli/render.h"
#include "formats/json_model.h"

namespace okr::cli {
namespace {

struct CommentOptions {
  std::optional<std::string> objective, key_result, check_in;
  std::string body, as;
  std::optional<Id> reply_to;
  Id id = 0;
  bool unread = false, all = false;
  int limit = 20;
  std::optional<Id> read_id;
};

CommentOptions options;
std::string* db_path = nullptr;
std::string* output_format = nullptr;
CLI::App* list_cmd = nullptr;
CLI::App* add_cmd = nullptr;
CLI::App* reply_cmd = nullptr;
CLI::App* edit_cmd = nullptr;
CLI::App* delete_cmd = nullptr;
CLI::App* viewers_cmd = nullptr;
std::string viewers_choice;
CLI::App* inbox_cmd = nullptr;
CLI::App* inbox_read_cmd = nullptr;

template <class F>
int with_app(F&& f) {
  auto store = open(*db_path);
  if (!store) return print_error(store.error(), ""), 1;
  app::App app(**store);
  auto actor = acting_as(app, options.as);
  if (!actor) return print_error(actor.error(), ""), 1;
  return f(app, *actor);
}

// The one of --objective, --key-result, --check-in that was given.
std::optional<app::CommentTarget> target() {
  int given = !!options.objective + !!options.key_result + !!options.check_in;
  if (given != 1) {
    std::cerr << "error: name what the comments are about with one of --objective, "
                 "--key-result or --check-in\n";
    return std::nullopt;
  }
  if (options.objective) return app::CommentTarget{CommentSubject::objective, *options.objective};
  if (options.key_result)
    return app::CommentTarget{CommentSubject::key_result, *options.key_result};
  return app::CommentTarget{CommentSubject::check_in, *options.check_in};
}

std::string author_of(const app::CommentView& v) {
  if (v.author_email.empty()) return "someone";
  return v.author_name.empty() ? v.author_email : v.author_name + " <" + v.author_email + ">";
}

std::string about(const app::CommentView& v) {
  switch (v.comment.subject()) {
    case CommentSubject::objective:
      return "objective " + v.objective_key;
    case CommentSubject::key_result:
      return "key result " + v.key_result_key;
    case CommentSubject::check_in:
      return "check-in " + std::to_string(*v.comment.check_in_id) + " of " + v.key_result_key;
  }
  return {};
}

boost::json::object comment_json(const app::CommentView& v) {
  auto o = formats::to_json(v.comment).as_object();
  o["author"] =
      v.author_email.empty() ? boost::json::value(nullptr) : boost::json::value(v.author_email);
  o["objective"] = v.objective_key;
  return o;
}

void print_comment(const app::CommentView& v, bool indent) {
  const std::string pad = indent ? "    " : "";
  std::cout << pad << "#" << v.comment.id << " " << author_of(v) << " on " << about(v) << ", "
            << format_instant(v.comment.created_at) << (v.comment.edited_at ? " (edited)" : "")
            << "\n";
  if (v.comment.deleted) {
    std::cout << pad << "  (deleted)\n";
    return;
  }
  std::string line;
  for (char c : v.comment.body) {
    if (c == '\n') {
      std::cout << pad << "  " << line << "\n";
      line.clear();
    } else {
      line += c;
    }
  }
  std::cout << pad << "  " << line << "\n";
}

int comment_list(const std::string& format) {
  auto on = target();
  if (!on) return 2;
  return with_app([&](app::App& app, const app::Actor& actor) {
    auto list = app::list_comments(app, *on, actor);
    if (!list) return print_error(list.error(), ""), 1;
    if (format == "json") {
      boost::json::array a;
      for (const auto& v : *list) a.push_back(comment_json(v));
      std::cout << formats::to_text(boost::json::object{{"comments", std::move(a)}}) << "\n";
      return 0;
    }
    if (list->empty()) {
      std::cout << "no comments\n";
      return 0;
    }
    // Each thread: its first comment, then its replies.
    for (const auto& top : *list) {
      if (top.comment.parent_id) continue;
      print_comment(top, false);
      for (const auto& reply : *list)
        if (reply.comment.parent_id == top.comment.id) print_comment(reply, true);
    }
    return 0;
  });
}

int comment_add() {
  auto on = target();
  if (!on) return 2;
  return with_app([&](app::App& app, const app::Actor& actor) {
    auto c = app::add_comment(app, *on, options.reply_to, options.body, actor);
    if (!c) return print_error(c.error(), ""), 1;
    std::cout << "comment " << c->comment.id << " on " << about(*c);
    if (!c->mentions.empty()) {
      std::cout << ", mentioning";
      for (const auto& u : c->mentions) std::cout << " " << u.email;
    }
    std::cout << "\n";
    return 0;
  });
}

int comment_reply() {
  return with_app([&](app::App& app, const app::Actor& actor) {
    auto parent = app::get_comment(app, options.id, actor);
    if (!parent) return print_error(parent.error(), ""), 1;
    const Comment& p = parent->comment;
    app::CommentTarget on{CommentSubject::objective, std::to_string(p.objective_id)};
    if (p.check_in_id)
      on = {CommentSubject::check_in, std::to_string(*p.check_in_id)};
    else if (p.key_result_id)
      on = {CommentSubject::key_result, std::to_string(*p.key_result_id)};
    auto c = app::add_comment(app, on, p.id, options.body, actor);
    if (!c) return print_error(c.error(), ""), 1;
    std::cout << "comment " << c->comment.id << " replies to comment " << p.id << "\n";
    return 0;
  });
}

int comment_edit() {
  return with_app([&](app::App& app, const app::Actor& actor) {
    auto c = app::edit_comment(app, options.id, std::nullopt, options.body, actor);
    if (!c) return print_error(c.error(), ""), 1;
    std::cout << "edited comment " << c->comment.id << "\n";
    return 0;
  });
}

int comment_delete() {
  return with_app([&](app::App& app, const app::Actor& actor) {
    auto done = app::delete_comment(app, options.id, std::nullopt, actor);
    if (!done) return print_error(done.error(), ""), 1;
    std::cout << "deleted comment " << options.id << "\n";
    return 0;
  });
}

int comment_viewers() {
  return with_app([&](app::App& app, const app::Actor& actor) {
    auto s = app::set_comment_settings(app, {viewers_choice == "allow"}, actor);
    if (!s) return print_error(s.error(), ""), 1;
    std::cout << (s->viewers_may_comment ? "viewers may comment on their teams' OKRs\n"
                                         : "only leads, members and owners may comment\n");
    return 0;
  });
}

std::string sentence(const app::NotificationView& v) {
  const Notification& n = v.notification;
  const std::string who = v.actor_name.empty() ? "someone" : v.actor_name;
  const std::string where =
      v.key_result_key.empty() ? "objective " + v.objective_key : "key result " + v.key_result_key;
  switch (n.kind) {
    case NotificationKind::mention:
      return who + " mentioned you on " + where;
    case NotificationKind::reply:
      return who + " replied to your comment on " + where;
    case NotificationKind::comment:
      return who + " commented on " + where + ", which you own";
    case NotificationKind::dependency_asked:
      return who + " asked team " + v.team_key + " for help with key result " + v.key_result_key;
    case NotificationKind::dependency_answered:
      return who + " answered your request to team " + v.team_key + " for key result " +
             v.key_result_key;
    case NotificationKind::endpoint_disabled:
      return n.excerpt;
    case NotificationKind::check_in_due:
      return "due a check-in: " + n.excerpt;
    case NotificationKind::off_track:
      return "key result " + v.key_result_key + " went off track";
    case NotificationKind::grading_opened:
      return n.excerpt;
  }
  return {};
}

int inbox_list(const std::string& format) {
  return with_app([&](app::App& app, const app::Actor& actor) {
    auto page = app::list_notifications(app, actor, options.unread, std::nullopt, options.limit);
    if (!page) return print_error(page.error(), ""), 1;
    if (format == "json") {
      boost::json::array a;
      for (const auto& v : page->items)
        a.push_back(boost::json::object{{"id", v.notification.id},
                                        {"kind", std::string(to_string(v.notification.kind))},
                                        {"read", v.notification.read_at.has_value()},
                                        {"at", format_instant(v.notification.at)},
                                        {"objective", v.objective_key},
                                        {"excerpt", v.notification.excerpt},
                                        {"text", sentence(v)}});
      std::cout << formats::to_text(boost::json::object{{"notifications", std::move(a)},
                                                        {"unread", page->unread}})
                << "\n";
      return 0;
    }
    std::cout << page->unread << " unread\n";
    for (const auto& v : page->items) {
      std::cout << (v.notification.read_at ? "  " : "* ") << "#" << v.notification.id << " "
                << format_instant(v.notification.at) << " " << sentence(v) << "\n";
      if (!v.notification.excerpt.empty()) std::cout << "    " << v.notification.excerpt << "\n";
    }
    return 0;
  });
}

int inbox_read() {
  if (!!options.read_id == options.all) {
    std::cerr << "error: name one notification, or give --all\n";
    return 2;
  }
  return with_app([&](app::App& app, const app::Actor& actor) {
    auto n = app::mark_notifications_read(app, actor, options.read_id);
    if (!n) return print_error(n.error(), ""), 1;
    std::cout << "marked " << *n << " read\n";
    return 0;
  });
}

void add_target_options(CLI::App* cmd) {
  cmd->add_option("--objective", options.objective, "an objective (key or id)");
  cmd->add_option("--key-result", options.key_result, "a key result (key or id)");
  cmd->add_option("--check-in", options.check_in, "a check-in (id)");
}

void add_as(CLI::App* cmd, const char* what) {
  cmd->add_option("--as", options.as, what)->envname("OKR_USER");
}

}  // namespace

void register_comment_commands(CLI::App& cli, std::string& db, std::string& format) {
  db_path = &db;
  output_format = &format;
  auto* comment = cli.add_subcommand(
      "comment", "talk about an objective, a key result or a check-in; @mention people");
  comment->require_subcommand(1);
  comment->footer(
      "Mention people by e-mail: \"@ana@lumen.example, can you look?\" tells Ana in her inbox.\n"
      "Bodies may use a little Markdown: **bold**, *italic*, `code`, [links](https://…),\n"
      "lists with '- ' (docs/comments.md).\n\n"
      "Examples:\n"
      "  okr comment add --objective growth-first-week \"Why did this drop?\" --as "
      "ben@lumen.example\n"
      "  okr comment list --objective growth-first-week\n"
      "  okr comment reply 1 \"@ben@lumen.example the pricing test\" --as ana@lumen.example");

  list_cmd = comment->add_subcommand("list", "the comments about one thing, threads together");
  add_target_options(list_cmd);
  list_cmd->add_option("--format", format, "output format")->check(CLI::IsMember({"text", "json"}));
  list_cmd->footer("Example:\n  okr comment list --key-result growth-activation --format json");

  add_cmd = comment->add_subcommand("add", "comment on an objective, a key result or a check-in");
  add_target_options(add_cmd);
  add_cmd->add_option("body", options.body, "what you want to say")->required();
  add_cmd->add_option("--reply-to", options.reply_to, "the comment this one answers");
  add_as(add_cmd, "comment as this user (a comment needs an author)");
  add_cmd->footer(
      "Example:\n  okr comment add --key-result growth-activation \"@ana@lumen.example up 3 "
      "points\" --as ben@lumen.example");

  reply_cmd = comment->add_subcommand("reply", "answer a comment, in its thread");
  reply_cmd->add_option("id", options.id, "the comment's number")->required();
  reply_cmd->add_option("body", options.body, "what you want to say")->required();
  add_as(reply_cmd, "reply as this user");
  reply_cmd->footer(
      "Examples:\n  okr comment add --key-result growth-activation \"Is the checklist live?\" --as "
      "ben@lumen.example\n"
      "  okr comment list --key-result growth-activation   # the comments' numbers\n"
      "  okr comment reply 1 \"Since Monday.\" --as ana@lumen.example");

  edit_cmd = comment->add_subcommand("edit", "change the words of your comment");
  edit_cmd->add_option("id", options.id, "the comment's number")->required();
  edit_cmd->add_option("body", options.body, "the new words")->required();
  add_as(edit_cmd, "edit as this user (only the author may)");
  edit_cmd->footer(
      "Examples:\n  okr comment add --objective growth-self-serve \"Pricing page first?\" --as "
      "ben@lumen.example\n"
      "  okr comment edit 1 \"Pricing page first, then checkout?\" --as ben@lumen.example");

  delete_cmd = comment->add_subcommand("delete", "delete your comment (its replies stay)");
  delete_cmd->add_option("id", options.id, "the comment's number")->required();
  add_as(delete_cmd, "delete as this user (the author, or an administrator)");
  delete_cmd->footer(
      "Examples:\n  okr comment add --objective growth-self-serve \"Wrong thread, sorry\" --as "
      "ben@lumen.example\n"
      "  okr comment delete 1 --as ben@lumen.example");

  viewers_cmd = comment->add_subcommand("viewers", "let teams' viewers comment, or not");
  viewers_cmd->add_option("choice", viewers_choice, "allow or deny")
      ->required()
      ->check(CLI::IsMember({"allow", "deny"}));
  add_as(viewers_cmd, "as this user (an administrator)");
  viewers_cmd->footer("Example:\n  okr comment viewers allow");

  inbox_cmd = cli.add_subcommand("inbox",
                                 "your notifications: mentions, replies, comments, "
                                 "dependencies; newest first");
  inbox_cmd->add_flag("--unread", options.unread, "only the unread ones");
  inbox_cmd->add_option("--limit", options.limit, "how many (default 20)")
      ->check(CLI::Range(1, 500));
  inbox_cmd->add_option("--format", format, "output format")
      ->check(CLI::IsMember({"text", "json"}));
  add_as(inbox_cmd, "whose inbox (a person's e-mail)");
  inbox_cmd->footer(
      "Examples:\n  okr inbox --unread --as ana@lumen.example\n"
      "  okr inbox read --all --as ana@lumen.example");
  inbox_read_cmd = inbox_cmd->add_subcommand("read", "mark notifications read");
  inbox_read_cmd->add_option("id", options.read_id, "one notification's number");
  inbox_read_cmd->add_flag("--all", options.all, "every unread notification");
  add_as(inbox_read_cmd, "whose inbox (a person's e-mail)");
  inbox_read_cmd->footer(
      "Examples:\n  okr comment add --key-result growth-invites \"@ana@lumen.example bounced "
      "again\" "
      "--as ben@lumen.example\n"
      "  okr inbox --limit 5 --as ana@lumen.example   # the notifications' numbers\n"
      "  okr inbox read 1 --as ana@lumen.example");
}

std::optional<int> run_comment_command() {
  if (list_cmd && list_cmd->parsed()) return comment_list(*output_format);
  if (add_cmd && add_cmd->parsed()) return comment_add();
  if (reply_cmd && reply_cmd->parsed()) return comment_reply();
  if (edit_cmd && edit_cmd->parsed()) return comment_edit();
  if (delete_cmd && delete_cmd->parsed()) return comment_delete();
  if (viewers_cmd && viewers_cmd->parsed()) return comment_viewers();
  if (inbox_read_cmd && inbox_read_cmd->parsed()) return inbox_read();
  if (inbox_cmd && inbox_cmd->parsed()) return inbox_list(*output_format);
  return std::nullopt;
}

}  // namespace okr::cli
