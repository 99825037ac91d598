#include "app/trackers.h"

#include <algorithm>

#include "app/edit.h"
#include "app/lookup.h"
#include "app/run.h"
#include "app/secrets.h"
#include "formats/json_model.h"

namespace okr::app {
namespace {

bool valid_name(const std::string& name) {
  return !name.empty() && name.size() <= 40 && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

// GitLab sends its token as it is, so a hash is enough to recognise it.
bool stores_hash(formats::Tracker source) {
  return source == formats::Tracker::gitlab;
}

std::optional<std::string> team_key(Transaction& tx, const std::optional<Id>& id) {
  if (!id) return std::nullopt;
  auto team = tx.find_team(*id);
  if (!team) return std::nullopt;
  return team->key;
}

TrackerView view_of(Transaction& tx, const Tracker& t) {
  return {t.name, formats::parse_tracker(t.source).value_or(formats::Tracker::github),
          team_key(tx, t.team_id), t.created_at};
}

// A tracker as the audit trail records it: never its secret.
std::string tracker_text(const TrackerView& t) {
  return formats::to_text(boost::json::object{
      {"name", t.name},
      {"source", std::string(formats::to_string(t.source))},
      {"team", t.team ? boost::json::value(*t.team) : boost::json::value(nullptr)}});
}

}  // namespace

bool tracker_token_matches(const Tracker& tracker, const std::string& token) {
  return secrets_equal(tracker.secret, secret_hash(token));
}

Result<AddedTracker> Trackers::add(const NewTracker& in, const Actor& actor) {
  return run(app_.store(), Store::Mode::write, [&](Transaction& tx) {
    require_admin(actor, "add trackers");
    if (!valid_name(in.name))
      fail(Error::invalid("name", "a tracker's name has 1–40 of a–z, 0–9 and '-'"));
    if (tx.find_tracker(in.name))
      fail(Error::conflict("name", "a tracker named '" + in.name + "' exists already"));
    AddedTracker out;
    std::string secret = in.secret;
    if (secret.empty()) {
      secret = new_secret("okr_wh_");
      out.secret = secret;
    } else if (secret.size() < 16 || secret.size() > 256 ||
               !std::all_of(secret.begin(), secret.end(),
                            [](char c) { return c > 0x20 && c < 0x7f; })) {
      fail(Error::invalid("secret",
                          "a tracker's secret has 16–256 printable ASCII characters, no spaces"));
    }
    Tracker t{0,
              in.name,
              std::string(formats::to_string(in.source)),
              stores_hash(in.source) ? secret_hash(secret) : secret,
              std::nullopt,
              app_.now()};
    if (in.team) t.team_id = team_keyed(tx, *in.team).id;
    t.id = tx.create_tracker(t);
    out.tracker = view_of(tx, t);
    tx.add_audit_event(
        {0, app_.now(), actor.user_id, "create", "tracker", t.id, "", tracker_text(out.tracker)});
    return out;
  });
}

Result<Ok> Trackers::remove(const std::string& name, const Actor& actor) {
  return run(app_.store(), Store::Mode::write, [&](Transaction& tx) {
    require_admin(actor, "remove trackers");
    auto t = tx.find_tracker(name);
    if (!t) fail(Error::not_found("name", "no tracker named '" + name + "'"));
    std::string before = tracker_text(view_of(tx, *t));
    tx.delete_tracker(t->id);
    tx.add_audit_event({0, app_.now(), actor.user_id, "delete", "tracker", t->id, before, ""});
    return Ok{};
  });
}

Result<std::vector<TrackerView>> Trackers::list(const Actor& actor) {
  return run(app_.store(), Store::Mode::read, [&](Transaction& tx) {
    require_admin(actor, "see the trackers");
    std::vector<TrackerView> out;
    for (const auto& t : tx.list_trackers()) out.push_back(view_of(tx, t));
    return out;
  });
}

Result<std::vector<Tracker>> Trackers::of_source(formats::Tracker source) {
  return run(app_.store(), Store::Mode::read, [&](Transaction& tx) {
    std::vector<Tracker> out;
    for (auto& t : tx.list_trackers())
      if (t.source == formats::to_string(source)) out.push_back(std::move(t));
    return out;
  });
}

Result<WorkImportSummary> Trackers::apply(const Tracker& tracker, const formats::WorkItem& item,
                                          std::optional<Instant> updated_at) {
  std::optional<std::string> team;
  if (tracker.team_id) team = std::to_string(*tracker.team_id);
  // Recorded only when the item was applied (a skipped one changes nothing).
  auto in_order = [&](Transaction& tx,
                      const WorkImportSummary& done) -> std::optional<std::string> {
    if (!updated_at || !done.skipped.empty()) return std::nullopt;
    if (tx.advance_mark("tracker:" + tracker.name + ":" + item.key, format_instant(*updated_at)))
      return std::nullopt;
    return "a newer change of " + item.key + " was already applied (this one is from " +
           format_instant(*updated_at) + ")";
  };
  return import_work_items(app_, {item}, team, Actor{std::nullopt, true, {}},
                           "webhook " + tracker.name, in_order);
}

}  // namespace okr::app
