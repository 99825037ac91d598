// Webhooks for integrators and teams' chat channels: the endpoints administrators (and,
// for a team's channel, its leads) set up, the events written to the outbox in the same
// transaction as the change they tell of, the delivery log and redelivery.
//
// Nothing here touches the network: app/outbox_sender.h delivers what is written here.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/app.h"
#include "core/outbox.h"
#include "core/pace.h"

namespace okr::app {

// Why `url` cannot receive events, or nullopt: https, or http on a loopback address
// (127.0.0.0/8, [::1], localhost); no user name, spaces or fragment; at most 2000 bytes.
std::optional<std::string> endpoint_url_problem(const std::string& url);

// A chat URL as lists show it: its scheme and host, the rest (a credential) hidden.
std::string masked_url(const std::string& url);

// ---- events, written inside the caller's transaction. Each writes one outbox message
// per enabled endpoint that wants it; with no endpoint they cost one query.

// An integrator's event: {"id", "type", "created_at", "data"} to every webhook
// subscribed to `type` (a webhook_event_types() name).
void emit_webhook_event(Transaction& tx, Instant now, std::string_view type,
                        boost::json::object data);

// What a chat message says; each service gets it in its own format.
struct ChatMessage {
  std::string title;
  std::string text;
  std::vector<std::pair<std::string, std::string>> facts;  // label, value
};
// The message in the body `kind` expects: Slack Block Kit, a Microsoft Teams message
// with an Adaptive Card, or Mattermost's Slack-compatible attachments.
std::string chat_body(EndpointKind kind, const ChatMessage& m);
// To the chat channels of `team_id`.
void emit_chat(Transaction& tx, Instant now, Id team_id, std::string_view event,
               const ChatMessage& m);

// What a recorded check-in tells: check_in.created and, when the key result's status
// moved, key_result.status_changed to webhooks; the check-in, and a key result turning
// off track, to the team's chat. `before` is the latest check-in before this one.
void tell_check_in(Transaction& tx, Instant now, const CheckIn& c, const KeyResult& kr,
                   const Objective& objective, const Cycle& cycle,
                   const std::optional<CheckIn>& before);
// check_in.updated (a correction: the check-in after, with "before") or
// check_in.deleted (a withdrawal), and key_result.status_changed when the key result's
// latest check-in (`latest_before` before the change) now gives another status.
void tell_check_in_change(Transaction& tx, Instant now, std::string_view type,
                          const CheckIn& before, const std::optional<CheckIn>& after,
                          const std::optional<CheckIn>& latest_before);
// objective.created, objective.updated, objective.deleted.
void tell_objective(Transaction& tx, Instant now, std::string_view type, const Objective& o);
// The weekly digest to each team's chat channels: the team's score, its key results on
// track, at risk, off track and stale, and the ones that need attention. On Monday
// from 08:00 UTC (with `force`, now, whatever the day), once per team per week. How
// many teams were posted to.
Result<int> queue_chat_digests(App& app, Instant now, bool force);
// cycle.state_changed and, when grading opens, a message to every team's chat.
void tell_cycle_state(Transaction& tx, Instant now, const Cycle& before, const Cycle& after);
// comment.created.
void tell_comment(Transaction& tx, Instant now, const Comment& c);

// ---- webhooks (administrators only; every change audited)

struct NewWebhook {
  std::string url;
  std::vector<std::string> events;  // at least one of webhook_event_types()
  std::string description;
  // Who is told when it is disabled (an e-mail); default: whoever adds it.
  std::string owner;
};

// The new webhook and its signing secret, which is shown this once.
struct CreatedWebhook {
  Endpoint endpoint;
  std::string secret;
};

Result<CreatedWebhook> add_webhook(App& app, const NewWebhook& in, const Actor& actor);
// Webhooks as they are shown: never their secrets.
Result<std::vector<Endpoint>> list_webhooks(App& app, const Actor& actor);
Result<Endpoint> find_webhook(App& app, Id id, const Actor& actor);
Result<Ok> remove_webhook(App& app, Id id, const Actor& actor);

struct DeliveryPage {
  std::vector<OutboxMessage> items;  // newest first
  std::optional<Id> next;            // the cursor of the next page
};
// A webhook's delivery log.
Result<DeliveryPage> list_deliveries(App& app, Id webhook_id, std::optional<Id> before, int limit,
                                     const Actor& actor);
// Sends message `delivery_id` of webhook `webhook_id` again, as a new message with the same
// event id (receivers may recognise it). A disabled webhook is enabled again.
Result<OutboxMessage> redeliver(App& app, Id webhook_id, Id delivery_id, const Actor& actor);

// ---- teams' chat channels (administrators, and leads of the team or a team above it)

struct NewChatChannel {
  std::string team;  // key
  EndpointKind kind = EndpointKind::slack;
  std::string url;  // the incoming-webhook URL the service gave
};
// A channel as it is shown: its URL masked, with its team's key.
struct ChatChannel {
  Endpoint endpoint;
  std::string team;
};
Result<ChatChannel> add_chat_channel(App& app, const NewChatChannel& in, const Actor& actor);
// The channels of one team (by key), or of every team; anyone signed in may list them.
Result<std::vector<ChatChannel>> list_chat_channels(App& app,
                                                    const std::optional<std::string>& team);
Result<Ok> remove_chat_channel(App& app, Id id, const Actor& actor);

// ---- `okr notify test`: one signed test event, built as the sender builds it.
std::string test_event_body(const std::string& event_id, Instant now);

}  // namespace okr::app
