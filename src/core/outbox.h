// Work that leaves the building: the endpoints okr sends events to (an integrator's
// webhook, a team's Slack, Microsoft Teams or Mattermost channel), the events they may
// subscribe to, and the messages of the outbox waiting for (or done with) delivery.
// Pure values and rules; no I/O.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"

namespace okr {

// Where an endpoint's messages go, and so the shape of their bodies.
enum class EndpointKind { webhook, slack, teams, mattermost };
std::string_view to_string(EndpointKind v);
std::optional<EndpointKind> parse_endpoint_kind(std::string_view s);
inline bool is_chat(EndpointKind k) {
  return k != EndpointKind::webhook;
}

// The events a webhook may subscribe to, in the order documentation lists them.
const std::vector<std::string_view>& webhook_event_types();
bool is_webhook_event_type(std::string_view s);

// The events a team's chat channel receives.
inline constexpr std::string_view kChatCheckIn = "check_in.created";
inline constexpr std::string_view kChatOffTrack = "key_result.off_track";
inline constexpr std::string_view kChatGradingOpened = "cycle.grading_opened";
inline constexpr std::string_view kChatWeeklyDigest = "team.weekly_digest";

struct Endpoint {
  Id id = 0;
  EndpointKind kind = EndpointKind::webhook;
  std::string url;
  // The signing secret of a webhook (a chat URL carries its own); stored so that every
  // server may sign, never shown again after creation.
  std::string secret;
  std::vector<std::string> events;  // a webhook's subscriptions; empty for a chat channel
  std::optional<Id> team_id;        // a chat channel's team
  std::optional<Id> owner_id;       // who is told when it is disabled
  std::string description;
  Instant created_at{};
  std::optional<Instant> disabled_at;  // set after repeated failures; nothing is sent
  std::string disabled_reason;
  int failures = 0;  // consecutive failed attempts
};

// One event on its way to one endpoint. The outbox keeps it until it is delivered (or
// given up), and afterwards as the endpoint's delivery log.
struct OutboxMessage {
  Id id = 0;
  Id endpoint_id = 0;
  // The idempotency key: the same for every attempt and every redelivery of one event
  // to one endpoint ("Okr-Delivery" header, "id" in a webhook's body).
  std::string event_id;
  std::string event;  // "check_in.created", …
  std::string body;   // exactly what is sent
  Instant created_at{};
  std::int64_t next_attempt_ms = 0;  // Unix milliseconds; due when reached
  int attempts = 0;
  std::optional<Instant> last_attempt_at;
  std::optional<int> response_code;  // of the latest attempt; none: no answer
  std::string last_error;            // of the latest attempt, when it failed
  std::optional<Instant> delivered_at;
  bool given_up = false;  // retried for the whole retry window
  std::optional<Id> redelivery_of;

  enum class State { pending, delivered, failed };
  State state() const {
    if (delivered_at) return State::delivered;
    return given_up ? State::failed : State::pending;
  }
};
std::string_view to_string(OutboxMessage::State s);

// How the sender retries: after the n-th failed attempt (n ≥ 1) it waits base·2^(n−1),
// at most `max_delay`. A message is given up once `window` has passed since it was
// written; an endpoint is disabled when a message is given up or after
// `max_consecutive_failures` failures in a row.
struct RetryPolicy {
  std::chrono::milliseconds base{30'000};
  std::chrono::milliseconds max_delay{3'600'000};
  std::chrono::milliseconds window{24 * 3'600'000};
  int max_consecutive_failures = 100;
};
std::chrono::milliseconds retry_delay(const RetryPolicy& policy, int attempts);

// A success is any 2xx answer.
inline bool delivered_status(int code) {
  return code >= 200 && code < 300;
}

}  // namespace okr
