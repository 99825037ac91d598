// Conversation on OKRs and what it tells people: comments on objectives, key results
// and check-ins (with one level of replies and @mentions), and the notifications of
// each person's inbox. Pure values and rules; no I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/result.h"

namespace okr {

// What a comment is about. Every comment belongs to one objective: the subject itself,
// the objective of the key result, or the objective of the check-in's key result.
enum class CommentSubject { objective, key_result, check_in };

struct Comment {
  Id id = 0;
  Id objective_id = 0;
  std::optional<Id> key_result_id;  // set for comments on a key result or a check-in
  std::optional<Id> check_in_id;    // set for comments on a check-in
  std::optional<Id> parent_id;      // the comment this one replies to (a top-level one)
  std::optional<Id> author_id;
  std::string body;  // the markdown subset of docs/comments.md; empty once deleted
  Instant created_at{};
  std::optional<Instant> edited_at;
  bool deleted = false;  // deleted by its author: the body is gone, replies stay
  std::int64_t version = 0;

  CommentSubject subject() const {
    if (check_in_id) return CommentSubject::check_in;
    if (key_result_id) return CommentSubject::key_result;
    return CommentSubject::objective;
  }
  friend bool operator==(const Comment&, const Comment&) = default;
};

// Why a notification reached someone.
enum class NotificationKind {
  mention,              // someone @mentioned me
  reply,                // someone replied to my comment
  comment,              // someone commented on what I own
  dependency_asked,     // a team asked my team for something
  dependency_answered,  // a team answered what I asked of it
  endpoint_disabled,    // a webhook or chat channel I set up stopped after repeated failures
  check_in_due,         // key results I own are due a check-in, per their team's cadence
  off_track,            // a key result I own (or one of an objective I own) went off track
  grading_opened,       // a cycle in which I own objectives opened for grading
};

struct Notification {
  Id id = 0;
  Id user_id = 0;  // whose inbox
  NotificationKind kind = NotificationKind::mention;
  std::optional<Id> actor_id;  // who caused it
  Id objective_id = 0;         // where it happened (the page it links to); 0: about no objective
  std::optional<Id> key_result_id;
  std::optional<Id> comment_id;
  std::optional<Id> dependency_id;
  std::optional<Id> endpoint_id;  // a webhook or chat channel (core/outbox.h)
  std::string excerpt;            // the first words of the comment or note
  Instant at{};
  std::optional<Instant> read_at;

  friend bool operator==(const Notification&, const Notification&) = default;
};

std::string_view to_string(CommentSubject v);
std::string_view to_string(NotificationKind v);
std::optional<CommentSubject> parse_comment_subject(std::string_view s);
std::optional<NotificationKind> parse_notification_kind(std::string_view s);
// Every kind, in the order the inbox's settings list them.
const std::vector<NotificationKind>& all_notification_kinds();

// The most bytes a comment's body may hold.
inline constexpr std::size_t kMaxCommentBody = 10000;

// The e-mail addresses a body mentions, lower-cased, in order of first appearance,
// each once. A mention is "@" followed by an address ("@ana@lumen.example"), at the
// start of the body or after a character that cannot be part of an address; a full
// stop or hyphen ending the address ends the sentence, not the address.
std::vector<std::string> mentioned_emails(std::string_view body);

// The body of a new or edited comment: not blank, at most kMaxCommentBody bytes,
// storable text (core/text.h). The error names the field "body".
std::optional<Error> validate_comment_body(std::string_view body);

// The first line of `text`, cut at a word boundary to at most `max_bytes` (whole UTF-8
// characters) with "…" when cut: what an inbox shows of a comment.
std::string excerpt_of(std::string_view text, std::size_t max_bytes = 140);

}  // namespace okr
