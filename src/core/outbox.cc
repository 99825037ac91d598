#include "core/outbox.h"

#include <algorithm>
#include <array>

namespace okr {
namespace {

constexpr std::array<std::pair<EndpointKind, std::string_view>, 4> kKinds{{
    {EndpointKind::webhook, "webhook"},
    {EndpointKind::slack, "slack"},
    {EndpointKind::teams, "teams"},
    {EndpointKind::mattermost, "mattermost"},
}};

}  // namespace

std::string_view to_string(EndpointKind v) {
  for (auto [k, s] : kKinds)
    if (k == v) return s;
  return "webhook";
}

std::optional<EndpointKind> parse_endpoint_kind(std::string_view s) {
  for (auto [k, name] : kKinds)
    if (name == s) return k;
  return std::nullopt;
}

const std::vector<std::string_view>& webhook_event_types() {
  static const std::vector<std::string_view> types{
      "check_in.created",          "check_in.updated",    "check_in.deleted",
      "key_result.status_changed", "objective.created",   "objective.updated",
      "objective.deleted",         "cycle.state_changed", "comment.created"};
  return types;
}

bool is_webhook_event_type(std::string_view s) {
  const auto& t = webhook_event_types();
  return std::find(t.begin(), t.end(), s) != t.end();
}

std::string_view to_string(OutboxMessage::State s) {
  switch (s) {
    case OutboxMessage::State::delivered:
      return "delivered";
    case OutboxMessage::State::failed:
      return "failed";
    default:
      return "pending";
  }
}

std::chrono::milliseconds retry_delay(const RetryPolicy& policy, int attempts) {
  auto delay = policy.base;
  for (int i = 1; i < attempts && delay < policy.max_delay; ++i) delay *= 2;
  return std::min(delay, policy.max_delay);
}

}  // namespace okr
