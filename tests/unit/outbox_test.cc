// The outbox's pure rules: how long the sender waits before each retry, and the names
// of endpoint kinds and webhook events.
#include "core/outbox.h"

#include <gtest/gtest.h>

namespace okr {
namespace {

using std::chrono::milliseconds;

TEST(Outbox, RetriesWaitTwiceAsLongEachTimeUpToTheLongestWait) {
  RetryPolicy p;
  p.base = milliseconds(30'000);
  p.max_delay = milliseconds(3'600'000);
  EXPECT_EQ(retry_delay(p, 1), milliseconds(30'000));
  EXPECT_EQ(retry_delay(p, 2), milliseconds(60'000));
  EXPECT_EQ(retry_delay(p, 3), milliseconds(120'000));
  EXPECT_EQ(retry_delay(p, 8), milliseconds(3'600'000));    // 64 min, capped at an hour
  EXPECT_EQ(retry_delay(p, 500), milliseconds(3'600'000));  // never overflows
  // A day of retries at the defaults is a few dozen attempts, not thousands.
  long long waited = 0;
  int attempts = 0;
  while (waited < 24LL * 3'600'000) waited += retry_delay(p, ++attempts).count();
  EXPECT_LT(attempts, 40);
}

TEST(Outbox, EndpointKindsAndEventTypesAreKnownByName) {
  for (auto kind :
       {EndpointKind::webhook, EndpointKind::slack, EndpointKind::teams, EndpointKind::mattermost})
    EXPECT_EQ(parse_endpoint_kind(to_string(kind)), kind);
  EXPECT_FALSE(parse_endpoint_kind("irc"));
  EXPECT_FALSE(is_chat(EndpointKind::webhook));
  EXPECT_TRUE(is_chat(EndpointKind::teams));
  EXPECT_EQ(webhook_event_types().size(), 9u);
  EXPECT_TRUE(is_webhook_event_type("check_in.updated"));
  EXPECT_TRUE(is_webhook_event_type("check_in.deleted"));
  EXPECT_TRUE(is_webhook_event_type("check_in.created"));
  EXPECT_TRUE(is_webhook_event_type("cycle.state_changed"));
  EXPECT_FALSE(is_webhook_event_type("check_in"));
  EXPECT_FALSE(is_webhook_event_type(""));
}

TEST(Outbox, AMessageIsPendingUntilDeliveredOrGivenUp) {
  OutboxMessage m;
  EXPECT_EQ(m.state(), OutboxMessage::State::pending);
  m.given_up = true;
  EXPECT_EQ(m.state(), OutboxMessage::State::failed);
  m.delivered_at = Instant{};
  EXPECT_EQ(m.state(), OutboxMessage::State::delivered);
  EXPECT_TRUE(delivered_status(204));
  EXPECT_FALSE(delivered_status(301));
  EXPECT_FALSE(delivered_status(0));
}

}  // namespace
}  // namespace okr
