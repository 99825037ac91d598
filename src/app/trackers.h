// Trackers (GitHub, GitLab, Jira) whose webhooks keep initiatives current: the issue
// or merge request a delivery names is imported as `okr import-work` imports a row of
// the tracker's export (app/work_import.h).
//
// The network half (reading the delivery, checking its signature or token in constant
// time, reading the payload into a work item) lives in http/hooks/; this file is given
// only what was verified there.
//
// Secrets: where a tracker signs deliveries with an HMAC (GitHub, Jira) the server
// needs the shared secret itself, which is stored as SSO client secrets are (for every
// server on the database; never shown again, logged or audited). Where the tracker
// sends the token as it is (GitLab), only its hash is stored.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/work_import.h"
#include "formats/work_items.h"

namespace okr::app {

struct NewTracker {
  std::string name;  // 1–40 of a–z, 0–9 and '-'; unique
  formats::Tracker source = formats::Tracker::github;
  // The team the tracker's work belongs to (key or id); none: each issue belongs to
  // the team of the first key result it links to.
  std::optional<std::string> team;
  // The shared secret the tracker is set up with (16–256 printable ASCII characters);
  // empty: a new random one is made and returned once.
  std::string secret;
};

// A tracker as an administrator sees it: never its secret.
struct TrackerView {
  std::string name;
  formats::Tracker source = formats::Tracker::github;
  std::optional<std::string> team;  // the team's key
  Instant created_at{};
};

struct AddedTracker {
  TrackerView tracker;
  std::optional<std::string> secret;  // the secret made for it, shown this once
};

// True when `token` (GitLab's X-Gitlab-Token) is the one stored for `tracker`.
bool tracker_token_matches(const Tracker& tracker, const std::string& token);

class Trackers {
 public:
  explicit Trackers(App& app) : app_(app) {}

  // Administrators only.
  Result<AddedTracker> add(const NewTracker& tracker, const Actor& actor);
  Result<Ok> remove(const std::string& name, const Actor& actor);
  Result<std::vector<TrackerView>> list(const Actor& actor);

  // The stored trackers of `source`, with their secrets, for the network half only.
  Result<std::vector<Tracker>> of_source(formats::Tracker source);

  // Imports the work item a verified delivery of `tracker` names, as the tracker (an
  // import with every right, audited as "webhook <name>"). Applying the same delivery
  // twice changes nothing the second time. With the tracker's `updated_at`, a delivery
  // older than one already applied for the same item does nothing (its summary says so
  // in `ignored`): deliveries may arrive out of order.
  Result<WorkImportSummary> apply(const Tracker& tracker, const formats::WorkItem& item,
                                  std::optional<Instant> updated_at = std::nullopt);

 private:
  App& app_;
};

}  // namespace okr::app
