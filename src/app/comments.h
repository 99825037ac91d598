// Conversation on OKRs: comments on an objective, a key result or a check-in, one level
// of replies, and @mentions of people by e-mail ("@ana@lumen.example"). Writing a
// comment tells, in the same transaction, whoever it mentions, the author of the
// comment it replies to and the owner of what it is about (app/notifications.h).
//
// Who may comment: administrators; leads and members of the objective's team, of a team
// above it or of a team contributing to it; the owner of the objective or of the key
// result; and, when the organisation allows it (comment_settings), the viewers of those
// teams. Authors edit and delete their own comments; administrators may delete any.
// Every change is audited.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "core/comments.h"

namespace okr::app {

// What a comment is about: an objective or key result by id or key, a check-in by id.
struct CommentTarget {
  CommentSubject subject = CommentSubject::objective;
  std::string id;
};

// A comment with the names a reader needs.
struct CommentView {
  Comment comment;
  std::string author_name, author_email;  // empty when the author is gone
  std::string objective_key;
  std::string key_result_key;  // for comments on a key result or a check-in
  std::vector<User> mentions;  // the people its body mentions, in order
  bool editable = false;       // by the person who asked (their own, not deleted)
};

// A new comment on `on`, or with `reply_to` a reply to that comment (about what it is
// about; a reply to a reply joins the same thread). Every mention must name a person.
Result<CommentView> add_comment(App& app, const CommentTarget& on, std::optional<Id> reply_to,
                                const std::string& body, const Actor& actor);

// The author changes the body; `version` (when given) must be the stored one. New
// mentions are told; people mentioned before are not told again.
Result<CommentView> edit_comment(App& app, Id id, std::optional<std::int64_t> version,
                                 const std::string& body, const Actor& actor);

// The author (or an administrator) deletes a comment: its words are gone, its replies
// stay under "deleted".
Result<Ok> delete_comment(App& app, Id id, std::optional<std::int64_t> version, const Actor& actor);

Result<CommentView> get_comment(App& app, Id id, const Actor& actor);

// The comments about `of`, oldest first: for an objective every comment of it (on it,
// its key results and their check-ins); for a key result those on it and its check-ins;
// for a check-in those on it.
Result<std::vector<CommentView>> list_comments(App& app, const CommentTarget& of,
                                               const Actor& actor);

// The organisation's comment settings.
struct CommentSettings {
  bool viewers_may_comment = false;
};
Result<CommentSettings> comment_settings(App& app);
// Administrators only.
Result<CommentSettings> set_comment_settings(App& app, const CommentSettings& s,
                                             const Actor& actor);

}  // namespace okr::app
