#include "core/comments.h"

#include <algorithm>
#include <array>

#include "core/validate.h"

namespace okr {
namespace {

constexpr std::array<std::pair<CommentSubject, std::string_view>, 3> kSubjects{{
    {CommentSubject::objective, "objective"},
    {CommentSubject::key_result, "key_result"},
    {CommentSubject::check_in, "check_in"},
}};

constexpr std::array<std::pair<NotificationKind, std::string_view>, 9> kKinds{{
    {NotificationKind::mention, "mention"},
    {NotificationKind::reply, "reply"},
    {NotificationKind::comment, "comment"},
    {NotificationKind::dependency_asked, "dependency_asked"},
    {NotificationKind::dependency_answered, "dependency_answered"},
    {NotificationKind::endpoint_disabled, "endpoint_disabled"},
    {NotificationKind::check_in_due, "check_in_due"},
    {NotificationKind::off_track, "off_track"},
    {NotificationKind::grading_opened, "grading_opened"},
}};

bool ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool local_char(char c) {
  return ascii_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}
bool domain_char(char c) {
  return ascii_alnum(c) || c == '.' || c == '-';
}
char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace

std::string_view to_string(CommentSubject v) {
  for (auto [k, s] : kSubjects)
    if (k == v) return s;
  return "objective";
}

std::string_view to_string(NotificationKind v) {
  for (auto [k, s] : kKinds)
    if (k == v) return s;
  return "mention";
}

std::optional<CommentSubject> parse_comment_subject(std::string_view s) {
  for (auto [k, name] : kSubjects)
    if (name == s) return k;
  return std::nullopt;
}

std::optional<NotificationKind> parse_notification_kind(std::string_view s) {
  for (auto [k, name] : kKinds)
    if (name == s) return k;
  return std::nullopt;
}

const std::vector<NotificationKind>& all_notification_kinds() {
  static const std::vector<NotificationKind> kinds = [] {
    std::vector<NotificationKind> out;
    for (auto [k, s] : kKinds) out.push_back(k);
    return out;
  }();
  return kinds;
}

std::vector<std::string> mentioned_emails(std::string_view body) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] != '@') continue;
    if (i > 0 && (local_char(body[i - 1]) || body[i - 1] == '@')) continue;
    std::size_t p = i + 1;
    const std::size_t local_start = p;
    while (p < body.size() && local_char(body[p])) ++p;
    if (p == local_start || p >= body.size() || body[p] != '@') continue;
    const std::size_t at = p++;
    const std::size_t domain_start = p;
    while (p < body.size() && domain_char(body[p])) ++p;
    std::size_t end = p;
    while (end > domain_start && (body[end - 1] == '.' || body[end - 1] == '-')) --end;
    if (end == domain_start) continue;
    std::string email;
    for (std::size_t k = local_start; k < end; ++k) email += lower(body[k]);
    (void)at;
    if (std::find(out.begin(), out.end(), email) == out.end()) out.push_back(email);
    i = end - 1;
  }
  return out;
}

std::optional<Error> validate_comment_body(std::string_view body) {
  if (auto e = check_text(body, "body")) return e;
  if (std::all_of(body.begin(), body.end(),
                  [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }))
    return Error::invalid("body", "a comment needs some words in 'body'");
  if (body.size() > kMaxCommentBody)
    return Error::invalid(
        "body", "a comment's body must be at most " + std::to_string(kMaxCommentBody) + " bytes");
  return std::nullopt;
}

std::string excerpt_of(std::string_view text, std::size_t max_bytes) {
  auto start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return {};
  text.remove_prefix(start);
  text = text.substr(0, text.find('\n'));
  while (!text.empty() && (text.back() == '\r' || text.back() == ' ')) text.remove_suffix(1);
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t cut = max_bytes;
  // Back to the start of a UTF-8 character, then to a space when there is one.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  if (auto space = text.substr(0, cut).rfind(' '); space != std::string_view::npos && space > 0)
    cut = space;
  return std::string(text.substr(0, cut)) + "…";
}

}  // namespace okr
