// The storage interface. Callers (src/app) see only Store and Transaction;
// SQLite (src/storage/sqlite) and PostgreSQL (src/storage/postgres) implement them,
// sharing their SQL (src/storage/sql).
//
// Every use case runs in one Transaction: it commits explicitly, and a
// Transaction destroyed without commit() rolls back, so a failure part-way
// leaves the database exactly as it was.
//
// Errors: methods throw StoreError (a library boundary). The app layer catches
// it at the edge of each use case and returns it as an okr::Error value.
//
// Thread safety: a Store may be shared by threads; each Transaction belongs to
// one thread at a time.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/comments.h"
#include "core/mail.h"
#include "core/model.h"
#include "core/outbox.h"
#include "core/result.h"

namespace okr {

class StoreError : public std::runtime_error {
 public:
  // `message` may be shown to whoever made the request; `internal` (a driver's message,
  // the database's address) only to the log and the local operator.
  StoreError(ErrorCode code, const std::string& message, std::string field = {},
             std::string internal = {})
      : std::runtime_error(message),
        code_(code),
        field_(std::move(field)),
        internal_(std::move(internal)) {}
  ErrorCode code() const { return code_; }
  const std::string& field() const { return field_; }
  const std::string& internal() const { return internal_; }
  Error to_error() const { return Error{code_, field_, what(), 0, 0, internal_}; }

  // A transaction the database gave up (a serialization failure, a deadlock): running
  // the whole use case again is expected to succeed.
  static StoreError retry(const std::string& message) {
    StoreError e(ErrorCode::busy, message);
    e.retryable_ = true;
    return e;
  }
  bool retryable() const { return retryable_; }

 private:
  ErrorCode code_;
  std::string field_;
  std::string internal_;
  bool retryable_ = false;
};

// Filters for listing objectives; unset fields match everything. Listed by cycle,
// team and id; with `after` or `limit` (0: no limit) paged by id instead.
struct ObjectiveFilter {
  std::optional<Id> cycle_id;
  std::optional<Id> team_id;
  std::optional<Id> owner_id;
  std::optional<Id> parent_id;             // objectives aligned to this one
  std::optional<Id> parent_key_result_id;  // objectives aligned to this key result
  std::optional<Id> contributor_team_id;   // objectives this team contributes to
  std::optional<Id> after;
  int limit = 0;
};

// Filters for listing dependencies; unset fields match everything.
struct DependencyFilter {
  std::optional<Id> key_result_id;
  std::optional<Id> team_id;         // asked of this team
  std::optional<Id> cycle_id;        // of the key results of this cycle
  std::optional<Id> asking_team_id;  // of the key results of this team's objectives
};

struct Session {
  std::string token_hash;
  Id user_id = 0;
  Instant created_at{};
  Instant expires_at{};
};

// Failed sign-ins counted under one key (an account, a client address, or both).
struct SignInCount {
  int failures = 0;
  Instant last{};  // the latest failure
};

// What full-text search finds: a team (key, name), a person (e-mail, name), an
// objective or a key result (key, title).
struct SearchHit {
  enum class Kind { team, user, objective, key_result };
  Kind kind = Kind::team;
  Id id = 0;
  std::string key, title;
};

// A one-time sign-up link for a user without a password (app/invitations.h).
struct Invitation {
  std::string secret_hash;
  Id user_id = 0;
  Instant created_at{};
  Instant expires_at{};
  std::optional<Id> invited_by;
};

struct ApiToken {
  Id id = 0;
  Id user_id = 0;
  std::string name;
  std::string token_hash;
  Instant created_at{};
  std::optional<Instant> expires_at;
  std::optional<Instant> revoked_at;
};

// An OpenID Connect provider people sign in with (app/sso.h). The client secret is
// stored for every server on the database to use; it is never shown or logged.
struct SsoProvider {
  Id id = 0;
  std::string name;          // in URLs: /sso/{name}/start
  std::string display_name;  // on the sign-in button
  std::string issuer;
  std::string client_id;
  std::string client_secret;
  std::string allowed_domains;  // e-mail domains, space-separated; empty: any
  Instant created_at{};
};

// A sign-in started at a provider and not yet come back: only the hash of its `state`
// is stored, with the nonce and PKCE verifier the callback needs. Used once.
struct SsoLogin {
  std::string state_hash;
  Id provider_id = 0;
  std::string nonce;
  std::string code_verifier;
  std::string browser_hash;  // hash of the cookie that ties the sign-in to one browser
  std::string redirect_uri;
  std::string return_to;
  Instant created_at{};
  Instant expires_at{};
};

// A person at a provider (issuer, subject) and the user it signs in as.
struct SsoIdentity {
  std::string issuer;
  std::string subject;
  Id user_id = 0;
  Id provider_id = 0;
  Instant created_at{};
};

// A bearer token an identity provider provisions people with (app/scim.h): good on
// /scim/v2 only, never on the API. Only its hash is stored.
struct ScimToken {
  Id id = 0;
  std::string name;
  std::string token_hash;
  std::optional<Id> created_by;
  Instant created_at{};
  std::optional<Instant> revoked_at;
};

// What SCIM keeps of a user beside okr's own fields.
struct ScimUser {
  Id user_id = 0;
  std::string external_id;
  std::string given_name;
  std::string family_name;
  Instant created_at{};
  Instant updated_at{};
};

// A group an identity provider keeps in okr through SCIM; its members are stored apart.
struct ScimGroup {
  Id id = 0;
  std::string display_name;  // unique; what group mappings name
  std::string external_id;
  Instant created_at{};
  Instant updated_at{};
};

// Everyone in `group_name` gets `role` in the team; role "admin" (no team) gives the
// administrator right.
struct GroupMapping {
  Id id = 0;
  std::string group_name;
  std::optional<Id> team_id;
  std::string role;  // member, lead, viewer or admin
  Instant created_at{};
};

// A membership (team_id) or the administrator right (no team_id) that a mapping gave,
// with the groups that gave it (comma-separated). What is not recorded here was given
// by hand.
struct MappedGrant {
  std::optional<Id> team_id;
  Id user_id = 0;
  std::string groups;
};

// A tracker whose webhooks update initiatives (app/trackers.h). `secret` is the shared
// secret itself where the tracker signs deliveries with it (GitHub, Jira), else the
// hash of the token the tracker sends (GitLab); never shown or logged.
struct Tracker {
  Id id = 0;
  std::string name;    // unique: "github-web"
  std::string source;  // github, gitlab or jira
  std::string secret;
  std::optional<Id> team_id;  // the team its work belongs to; none: each key result's team
  Instant created_at{};
};

class Transaction {
 public:
  virtual ~Transaction() = default;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  // Makes every change durable. After commit() the transaction is finished.
  virtual void commit() = 0;

  // ---- cycles. create_* return the new id; update_* check `version` (stale →
  // ErrorCode::conflict) and return the new version.
  virtual Id create_cycle(const Cycle& c) = 0;
  virtual std::int64_t update_cycle(const Cycle& c) = 0;
  virtual std::optional<Cycle> find_cycle(Id id) = 0;
  virtual std::optional<Cycle> find_cycle_by_name(const std::string& name) = 0;
  virtual std::vector<Cycle> list_cycles() = 0;  // by start date

  // ---- users
  virtual Id create_user(const User& u) = 0;
  // Many new users at once (an import of a whole organisation): their ids, in order.
  virtual std::vector<Id> create_users(const std::vector<User>& users) {
    std::vector<Id> ids;
    for (const auto& u : users) ids.push_back(create_user(u));
    return ids;
  }
  virtual std::int64_t update_user(const User& u) = 0;
  virtual std::optional<User> find_user(Id id) = 0;
  virtual std::optional<User> find_user_by_email(const std::string& email) = 0;
  virtual std::vector<User> list_users() = 0;
  // The users of `ids` that exist, in one statement on PostgreSQL.
  virtual std::vector<User> find_users(const std::vector<Id>& ids) {
    std::vector<User> out;
    for (Id id : ids)
      if (auto u = find_user(id)) out.push_back(std::move(*u));
    return out;
  }
  virtual void set_password_hash(Id user_id, const std::string& hash) = 0;
  virtual std::optional<std::string> password_hash(Id user_id) = 0;

  // ---- teams and memberships
  virtual Id create_team(const Team& t) = 0;
  // Many new teams at once (an import of a whole organisation): their ids, in order.
  // Teams given ids by reserve_ids("teams", …) are written with them (all or none), so
  // that one may name another of the same call, written before it, as its parent.
  virtual std::vector<Id> create_teams(const std::vector<Team>& teams) = 0;
  // Ids for `n` new rows of `table` ("teams" or "objectives"), increasing, that no other
  // row has or will be given: rows written with them by create_teams or
  // create_objectives may name each other before they are written.
  virtual std::vector<Id> reserve_ids(const std::string& table, std::size_t n) = 0;
  virtual std::int64_t update_team(const Team& t) = 0;
  // Moves each of `teams` under its `parent_id`, nothing else of it changing; each one's
  // version is checked as update_team checks it, and is one more after.
  virtual void update_team_parents(const std::vector<Team>& teams) {
    for (const auto& t : teams) update_team(t);
  }
  virtual std::optional<Team> find_team(Id id) = 0;
  virtual std::optional<Team> find_team_by_key(const std::string& key) = 0;
  virtual std::vector<Team> list_teams() = 0;  // parents before children
  // `root` and every team below it, parents before children.
  virtual std::vector<Team> list_teams_under(Id root) = 0;
  // What still refers to a team, by what it is ("objectives", "teams below", ...), with
  // how many; only the kinds with at least one. Memberships are not counted.
  virtual std::vector<std::pair<std::string, std::int64_t>> team_uses(Id id) = 0;
  // Deletes a team and its memberships (see team_uses for what must go first).
  virtual void delete_team(Id id) = 0;
  virtual void put_membership(const Membership& m) = 0;
  // put_membership of each, in order (a later one for the same team and person wins).
  virtual void put_memberships(const std::vector<Membership>& list) {
    for (const auto& m : list) put_membership(m);
  }
  virtual void remove_membership(Id team_id, Id user_id) = 0;
  virtual std::vector<Membership> list_memberships(std::optional<Id> team_id,
                                                   std::optional<Id> user_id) = 0;
  // The teams of `ids` that exist, by id: one statement.
  virtual std::vector<Team> find_teams(const std::vector<Id>& ids) = 0;
  // The teams above `team_id`, its parent first, up to the top of the tree: one statement.
  virtual std::vector<Team> list_teams_above(Id team_id) = 0;

  // ---- objectives (contributing teams are stored with the objective)
  virtual Id create_objective(const Objective& o) = 0;
  // Many new objectives at once, with their contributing teams: their ids, in order.
  // Ids reserved by reserve_ids("objectives", …) as for create_teams.
  virtual std::vector<Id> create_objectives(const std::vector<Objective>& objectives) = 0;
  virtual std::int64_t update_objective(const Objective& o) = 0;
  // Aligns each of `objectives` to its `parent_id` and `parent_key_result_id`, nothing
  // else of it changing; versions as update_team_parents.
  virtual void update_objective_alignments(const std::vector<Objective>& objectives) {
    for (const auto& o : objectives) update_objective(o);
  }
  virtual void delete_objective(Id id) = 0;
  virtual std::optional<Objective> find_objective(Id id) = 0;
  virtual std::optional<Objective> find_objective_by_key(const std::string& key) = 0;
  virtual std::vector<Objective> list_objectives(const ObjectiveFilter& f) = 0;
  // The objectives of `ids` that exist, by id: one statement on PostgreSQL (this
  // default asks one at a time).
  virtual std::vector<Objective> find_objectives(const std::vector<Id>& ids) {
    std::vector<Objective> out;
    for (Id id : ids)
      if (auto o = find_objective(id)) out.push_back(std::move(*o));
    return out;
  }

  // Those of `keys` that exist, in no particular order: one statement for a whole
  // organisation's file.
  virtual std::vector<Objective> find_objectives_by_keys(const std::vector<std::string>& keys) {
    std::vector<Objective> out;
    for (const auto& k : keys)
      if (auto o = find_objective_by_key(k)) out.push_back(std::move(*o));
    return out;
  }

  // ---- key results
  virtual Id create_key_result(const KeyResult& kr) = 0;
  // Many new key results at once: their ids, in order.
  virtual std::vector<Id> create_key_results(const std::vector<KeyResult>& key_results) {
    std::vector<Id> ids;
    for (const auto& k : key_results) ids.push_back(create_key_result(k));
    return ids;
  }
  virtual std::int64_t update_key_result(const KeyResult& kr) = 0;
  virtual void delete_key_result(Id id) = 0;
  virtual std::optional<KeyResult> find_key_result(Id id) = 0;
  virtual std::optional<KeyResult> find_key_result_by_key(const std::string& key) = 0;
  // Those of `keys` that exist, in no particular order.
  virtual std::vector<KeyResult> find_key_results_by_keys(const std::vector<std::string>& keys) {
    std::vector<KeyResult> out;
    for (const auto& k : keys)
      if (auto kr = find_key_result_by_key(k)) out.push_back(std::move(*kr));
    return out;
  }
  // A key result with its objective and that objective's cycle, read at once (a
  // check-in needs all three): by id, or by key when `id` is empty.
  struct KeyResultPlace {
    KeyResult key_result;
    Objective objective;
    Cycle cycle;
  };
  virtual std::optional<KeyResultPlace> find_key_result_place(std::optional<Id> id,
                                                              const std::string& key) {
    auto kr = id ? find_key_result(*id) : find_key_result_by_key(key);
    if (!kr) return std::nullopt;
    auto o = find_objective(kr->objective_id);
    if (!o) return std::nullopt;
    auto c = find_cycle(o->cycle_id);
    if (!c) return std::nullopt;
    return KeyResultPlace{std::move(*kr), std::move(*o), std::move(*c)};
  }
  virtual std::vector<KeyResult> list_key_results(Id objective_id) = 0;
  virtual std::vector<KeyResult> list_key_results_in_cycle(Id cycle_id) = 0;
  // The key results `owner_id` owns in a cycle, by objective then id.
  virtual std::vector<KeyResult> list_key_results_owned_by(Id owner_id, Id cycle_id) = 0;
  // Batched forms for pages that show many objectives at once, one statement each
  // however many ids are given; ids that match nothing are left out.
  // The key results of `ids` that exist, by id.
  virtual std::vector<KeyResult> find_key_results(const std::vector<Id>& ids) = 0;
  // The key results of the objectives `objective_ids`, by objective then id.
  virtual std::vector<KeyResult> list_key_results_of(const std::vector<Id>& objective_ids) = 0;
  // The objectives aligned to any of `key_result_ids`, by cycle, team and id (as
  // list_objectives orders them), with their contributing teams.
  virtual std::vector<Objective> list_objectives_aligned_to(
      const std::vector<Id>& key_result_ids) = 0;
  // The dependencies of any of `key_result_ids`, by id.
  virtual std::vector<Dependency> list_dependencies_of(const std::vector<Id>& key_result_ids) = 0;
  // The initiatives linked to any of `key_result_ids`, each once, by id.
  virtual std::vector<Initiative> list_initiatives_of(const std::vector<Id>& key_result_ids) = 0;

  // ---- check-ins (a record; its author may correct or withdraw a recent one)
  virtual Id add_check_in(const CheckIn& c) = 0;
  virtual std::optional<CheckIn> find_check_in(Id id) = 0;
  // Changes the value, confidence and note of a stored check-in (its time and author stay).
  virtual void update_check_in(const CheckIn& c) = 0;
  virtual void delete_check_in(Id id) = 0;
  virtual std::vector<CheckIn> list_check_ins(Id key_result_id) = 0;  // oldest first
  // The latest check-in of one key result, if it has any.
  virtual std::optional<CheckIn> latest_check_in(Id key_result_id) = 0;
  // The same for the key result with `id`, or with `key` when `id` is empty: none when
  // there is no such key result.
  virtual std::optional<CheckIn> latest_check_in_of(std::optional<Id> id, const std::string& key) {
    if (id) return latest_check_in(*id);
    auto kr = find_key_result_by_key(key);
    return kr ? latest_check_in(kr->id) : std::nullopt;
  }
  // The latest `limit` check-ins of one key result, oldest first.
  virtual std::vector<CheckIn> recent_check_ins(Id key_result_id, int limit) = 0;
  // The latest check-in dated before `before`, if any (one index seek).
  virtual std::optional<CheckIn> latest_check_in_before(Id key_result_id, Instant before) = 0;
  // Batched forms for pages that show many key results at once: one statement on
  // PostgreSQL however many key results and dates (these defaults ask one at a time).
  // The latest `limit` check-ins of each key result, oldest first; none: no entry.
  virtual std::map<Id, std::vector<CheckIn>> recent_check_ins_of(const std::vector<Id>& key_results,
                                                                 int limit) {
    std::map<Id, std::vector<CheckIn>> out;
    for (Id k : key_results)
      if (auto list = recent_check_ins(k, limit); !list.empty()) out[k] = std::move(list);
    return out;
  }
  // For each key result, latest_check_in_before each of `before`, in that order.
  virtual std::map<Id, std::vector<std::optional<CheckIn>>> latest_check_ins_before(
      const std::vector<Id>& key_results, const std::vector<Instant>& before) {
    std::map<Id, std::vector<std::optional<CheckIn>>> out;
    for (Id k : key_results)
      for (Instant at : before) out[k].push_back(latest_check_in_before(k, at));
    return out;
  }
  // The latest check-in of every key result in the cycle that has one.
  virtual std::map<Id, CheckIn> latest_check_ins(Id cycle_id) = 0;

  // ---- sprints and initiatives
  virtual Id create_sprint(const Sprint& s) = 0;
  virtual std::int64_t update_sprint(const Sprint& s) = 0;
  virtual std::optional<Sprint> find_sprint(Id id) = 0;
  virtual std::vector<Sprint> list_sprints(std::optional<Id> team_id) = 0;
  virtual Id create_initiative(const Initiative& i) = 0;
  virtual std::int64_t update_initiative(const Initiative& i) = 0;
  virtual std::optional<Initiative> find_initiative(Id id) = 0;
  virtual std::optional<Initiative> find_initiative_by_key(const std::string& key) = 0;
  virtual std::vector<Initiative> list_initiatives(std::optional<Id> team_id,
                                                   std::optional<Id> key_result_id) = 0;

  // ---- dependencies between teams
  virtual Id create_dependency(const Dependency& d) = 0;
  virtual std::int64_t update_dependency(const Dependency& d) = 0;
  virtual void delete_dependency(Id id) = 0;
  virtual std::optional<Dependency> find_dependency(Id id) = 0;
  // Of one key result, or asked of one team, or of every key result in a cycle;
  // by id. At least one filter is given.
  virtual std::vector<Dependency> list_dependencies(const DependencyFilter& f) = 0;

  // ---- KPIs and their measurements
  virtual Id create_kpi(const Kpi& k) = 0;
  virtual std::int64_t update_kpi(const Kpi& k) = 0;
  virtual std::optional<Kpi> find_kpi(Id id) = 0;
  virtual std::optional<Kpi> find_kpi_by_key(const std::string& key) = 0;
  virtual std::vector<Kpi> list_kpis() = 0;
  virtual Id add_measurement(const Measurement& m) = 0;
  virtual std::vector<Measurement> list_measurements(Id kpi_id) = 0;  // oldest first
  // The latest `limit` measurements of a KPI, oldest first.
  virtual std::vector<Measurement> recent_measurements(Id kpi_id, int limit) = 0;
  // The latest measurement taken before `before`, if any (one index seek).
  virtual std::optional<Measurement> latest_measurement(Id kpi_id, Instant before) = 0;
  // latest_measurement of each of `kpi_ids` that has one, by KPI: one statement.
  virtual std::map<Id, Measurement> latest_measurements(const std::vector<Id>& kpi_ids,
                                                        Instant before) = 0;

  // ---- reviews (one per objective; overrides stored with it)
  virtual Id put_review(const Review& r) = 0;  // insert or replace by objective
  virtual std::optional<Review> find_review(Id objective_id) = 0;
  // The reviews of those of `objective_ids` that have one, by objective: two statements.
  virtual std::map<Id, Review> find_reviews(const std::vector<Id>& objective_ids) = 0;

  // ---- retrospectives (one per cycle and team; team empty: the organisation's)
  virtual Id put_retrospective(const Retrospective& r) = 0;  // insert or replace
  virtual std::optional<Retrospective> find_retrospective(Id cycle_id,
                                                          std::optional<Id> team_id) = 0;
  virtual std::vector<Retrospective> list_retrospectives(Id cycle_id) = 0;

  // ---- the organisation's settings, as text by name (absent: the default)
  virtual std::optional<std::string> setting(const std::string& name) = 0;
  virtual void put_setting(const std::string& name, const std::string& value) = 0;

  // ---- audit
  // Appended in order. The store may hold events back and write many in one statement:
  // they are written before the transaction commits and before it reads the audit log.
  virtual void add_audit_event(const AuditEvent& e) = 0;
  // Newest first, ids below `before_id` when given.
  virtual std::vector<AuditEvent> list_audit_events(std::optional<Id> before_id, int limit) = 0;

  // ---- sessions and API tokens (only hashes of secrets are stored)
  virtual void create_session(const Session& s) = 0;
  virtual std::optional<Session> find_session(const std::string& token_hash) = 0;
  virtual void delete_session(const std::string& token_hash) = 0;
  virtual void delete_sessions_of(Id user_id) = 0;
  virtual Id create_api_token(const ApiToken& t) = 0;
  virtual std::optional<ApiToken> find_api_token(const std::string& token_hash) = 0;
  virtual std::optional<ApiToken> find_api_token_by_id(Id id) = 0;
  virtual std::vector<ApiToken> list_api_tokens(Id user_id) = 0;
  virtual void revoke_api_token(Id id, Instant at) = 0;
  virtual void put_invitation(const Invitation& i) = 0;
  virtual std::optional<Invitation> find_invitation(const std::string& secret_hash) = 0;
  virtual void delete_invitations_of(Id user_id) = 0;

  // ---- comments (core/comments.h) and each person's notifications
  virtual Id create_comment(const Comment& c) = 0;
  // Stores the body, edited_at and deleted of `c`; checks `version` as update_* do.
  virtual std::int64_t update_comment(const Comment& c) = 0;
  virtual std::optional<Comment> find_comment(Id id) = 0;
  // Every comment of an objective (on it, on its key results and their check-ins), by id.
  virtual std::vector<Comment> list_comments(Id objective_id) = 0;
  virtual Id add_notification(const Notification& n) = 0;
  // `user_id`'s notifications (only the unread ones when `unread_only`), newest first,
  // with ids below `before` when given, at most `limit`.
  virtual std::vector<Notification> list_notifications(Id user_id, bool unread_only,
                                                       std::optional<Id> before, int limit) = 0;
  virtual std::optional<Notification> find_notification(Id id) = 0;
  // Deletes every notification about comment `comment_id` (its words are gone).
  virtual void delete_notifications_of_comment(Id comment_id) = 0;
  virtual std::int64_t count_unread_notifications(Id user_id) = 0;
  // Marks `user_id`'s notification `id` (or, without one, every unread one) read at `at`;
  // how many changed.
  virtual std::int64_t mark_notifications_read(Id user_id, std::optional<Id> id, Instant at) = 0;
  // The channel each kind goes to for `user_id`, for the kinds they changed (absent: the
  // default).
  virtual std::map<NotificationKind, std::string> notification_preferences(Id user_id) = 0;
  virtual void put_notification_preference(Id user_id, NotificationKind kind,
                                           const std::string& channel) = 0;

  // ---- webhooks, chat channels and the outbox (core/outbox.h, app/outbox.h)
  virtual Id create_endpoint(const Endpoint& e) = 0;
  virtual std::optional<Endpoint> find_endpoint(Id id) = 0;
  virtual std::vector<Endpoint> list_endpoints() = 0;  // by id
  // Stores the failures, disabled_at and disabled_reason of `e`.
  virtual void update_endpoint_health(const Endpoint& e) = 0;
  // Deletes an endpoint with its messages.
  virtual void delete_endpoint(Id id) = 0;
  virtual Id add_outbox_message(const OutboxMessage& m) = 0;
  virtual std::optional<OutboxMessage> find_outbox_message(Id id) = 0;
  // Pending messages of enabled endpoints due at `now_ms`, soonest first, at most `limit`.
  virtual std::vector<OutboxMessage> due_outbox_messages(std::int64_t now_ms, int limit) = 0;
  // When the next pending message of an enabled endpoint is due, if there is one.
  virtual std::optional<std::int64_t> next_outbox_due() = 0;
  // Stores what an attempt changed: next_attempt_ms, attempts, last_attempt_at,
  // response_code, last_error, delivered_at, given_up.
  virtual void update_outbox_message(const OutboxMessage& m) = 0;
  // An endpoint's messages, newest first, with ids below `before` when given.
  virtual std::vector<OutboxMessage> list_outbox_messages(Id endpoint_id, std::optional<Id> before,
                                                          int limit) = 0;
  // Takes or renews the lease `name` for `holder` until `until_ms`: true when it was
  // free, expired at `now_ms`, or already held by `holder`. One statement, so two
  // servers never both hold it.
  virtual bool take_lease(const std::string& name, const std::string& holder, std::int64_t now_ms,
                          std::int64_t until_ms) = 0;
  // Gives the lease up if `holder` holds it.
  virtual void release_lease(const std::string& name, const std::string& holder) = 0;
  // Forgets messages delivered or given up before `before`.
  virtual void forget_outbox_messages(Instant before) = 0;

  // ---- e-mail (core/mail.h, app/mail.h)
  virtual std::optional<PersonSettings> person_settings(Id user_id) = 0;  // none: defaults
  virtual void put_person_settings(Id user_id, const PersonSettings& s) = 0;
  virtual Id add_mail(const MailMessage& m) = 0;
  virtual std::optional<MailMessage> find_mail(Id id) = 0;
  // Unsent, not given-up mail due at `now_ms`, soonest first, at most `limit`.
  virtual std::vector<MailMessage> due_mail(std::int64_t now_ms, int limit) = 0;
  virtual std::optional<std::int64_t> next_mail_due() = 0;
  // Stores what an attempt changed: next_attempt_ms, attempts, last_error, sent_at, given_up.
  virtual void update_mail(const MailMessage& m) = 0;
  // Mail to `user_id` (every person's without one), newest first, at most `limit`.
  virtual std::vector<MailMessage> list_mail(std::optional<Id> user_id, int limit) = 0;
  // Forgets mail sent or given up before `before`.
  virtual void forget_mail(Instant before) = 0;
  // Records `key` as done at `at`: true the first time, false when it was already (a
  // reminder or digest sent once per period, by whichever server comes first).
  virtual bool claim_once(const std::string& key, Instant at) = 0;
  // Records `at` (an instant as format_instant writes it) under `key` unless a later
  // one is recorded: true when it was recorded (none was, or an earlier or equal one).
  virtual bool advance_mark(const std::string& key, const std::string& at) = 0;

  // ---- single sign-on (app/sso.h)
  virtual Id create_sso_provider(const SsoProvider& p) = 0;
  virtual std::optional<SsoProvider> find_sso_provider(const std::string& name) = 0;
  virtual std::optional<SsoProvider> find_sso_provider_by_id(Id id) = 0;
  virtual std::vector<SsoProvider> list_sso_providers() = 0;  // by name
  // Removes a provider and its pending sign-ins; identities stay (they name the issuer).
  virtual void delete_sso_provider(Id id) = 0;
  virtual void put_sso_login(const SsoLogin& l) = 0;
  // Finds and deletes a pending sign-in in one step, so a state is used at most once
  // even when two servers receive the same callback.
  virtual std::optional<SsoLogin> take_sso_login(const std::string& state_hash) = 0;
  // Forgets pending sign-ins that expired before `before`.
  virtual void forget_sso_logins(Instant before) = 0;
  virtual void put_sso_identity(const SsoIdentity& i) = 0;
  virtual std::optional<SsoIdentity> find_sso_identity(const std::string& issuer,
                                                       const std::string& subject) = 0;
  virtual std::vector<SsoIdentity> list_sso_identities(Id user_id) = 0;

  // ---- SCIM provisioning and groups mapped to teams and roles (app/scim.h)
  virtual Id create_scim_token(const ScimToken& t) = 0;
  virtual std::optional<ScimToken> find_scim_token(const std::string& token_hash) = 0;
  virtual std::vector<ScimToken> list_scim_tokens() = 0;  // by id
  virtual void revoke_scim_token(Id id, Instant at) = 0;
  virtual void put_scim_user(const ScimUser& u) = 0;
  virtual std::optional<ScimUser> find_scim_user(Id user_id) = 0;
  virtual std::vector<ScimUser> list_scim_users() = 0;  // by user id
  virtual Id create_scim_group(const ScimGroup& g) = 0;
  // Stores display_name, external_id and updated_at.
  virtual void update_scim_group(const ScimGroup& g) = 0;
  virtual std::optional<ScimGroup> find_scim_group(Id id) = 0;
  virtual std::optional<ScimGroup> find_scim_group_by_name(const std::string& display_name) = 0;
  virtual std::vector<ScimGroup> list_scim_groups() = 0;  // by id
  // Deletes a group and its members (the users stay).
  virtual void delete_scim_group(Id id) = 0;
  virtual std::vector<Id> scim_group_members(Id group_id) = 0;  // by user id
  virtual void add_scim_group_member(Id group_id, Id user_id) = 0;
  virtual void remove_scim_group_member(Id group_id, Id user_id) = 0;
  // The names of every group `user_id` is in: their SCIM groups and the groups each
  // provider's claim gave at their latest sign-in; sorted, each once.
  virtual std::vector<std::string> groups_of(Id user_id) = 0;
  // Everyone in the group of that name, by either way; by id.
  virtual std::vector<Id> users_in_group(const std::string& group_name) = 0;
  // Replaces the groups provider `source` last said `user_id` is in.
  virtual void set_provider_groups(Id user_id, const std::string& source,
                                   const std::vector<std::string>& groups) = 0;
  virtual Id create_group_mapping(const GroupMapping& m) = 0;
  virtual std::vector<GroupMapping> list_group_mappings() = 0;  // by group name
  virtual void delete_group_mapping(Id id) = 0;
  // What mappings gave `user_id`: the administrator right first, then by team.
  virtual std::vector<MappedGrant> mapped_grants(Id user_id) = 0;
  // Records a membership (which must exist) or the administrator right as mapped.
  virtual void put_mapped_grant(const MappedGrant& g) = 0;
  // Records it as manual (the membership or right itself stays).
  virtual void delete_mapped_grant(std::optional<Id> team_id, Id user_id) = 0;

  // ---- trackers whose webhooks update initiatives (app/trackers.h)
  virtual Id create_tracker(const Tracker& t) = 0;
  virtual std::optional<Tracker> find_tracker(const std::string& name) = 0;
  virtual std::vector<Tracker> list_trackers() = 0;  // by name
  virtual void delete_tracker(Id id) = 0;

  // ---- copying a whole database between stores (okr migrate-db, and backups of a
  // PostgreSQL database). Both stores must be at the same schema version.
  using Value = std::variant<std::monostate, std::int64_t, double, std::string>;
  using Row = std::vector<Value>;
  using RowSink = std::function<void(const Row&)>;
  // Every table, in an order in which rows copied table by table keep their references.
  virtual std::vector<std::string> copy_tables() = 0;
  // Every row of `table`, all columns, in primary key order.
  virtual void read_rows(const std::string& table, const RowSink& sink) = 0;
  // Inserts a row that read_rows gave, ids and all.
  virtual void write_row(const std::string& table, const Row& row) = 0;
  // After the last write_row: links within a table (a team's parent, an objective's)
  // are set, and new ids start past the copied ones.
  virtual void finish_copy() = 0;
  // Deletes every row of every table (a restore that replaces the data).
  virtual void delete_everything() = 0;

  // ---- full-text search over teams, people, objectives and key results, kept by the
  // database itself as rows change. Every word of `text` must start a word of a thing's
  // key or name (case-insensitive); best matches first, at most `limit`.
  // `only`: hits of that kind alone.
  virtual std::vector<SearchHit> search(const std::string& text, int limit,
                                        std::optional<SearchHit::Kind> only) = 0;
  // For a write of many rows (an import, a demo, a copy): the rows this transaction
  // writes from now on are indexed all at once as it commits rather than one by one,
  // which would cost most of such a write's time. Searches later in the same
  // transaction do not find them; every other transaction sees the index whole, as
  // of the commit. Changes nothing else.
  virtual void defer_search_index() = 0;

  // ---- failed sign-ins (app/sign_in_throttle.h), kept in the database so that every
  // server on it throttles the same guesses
  virtual std::optional<SignInCount> sign_in_count(const std::string& key) = 0;
  virtual void put_sign_in_count(const std::string& key, const SignInCount& count) = 0;
  virtual void delete_sign_in_count(const std::string& key) = 0;
  // Forgets every count whose latest failure is before `before`.
  virtual void forget_sign_in_counts(Instant before) = 0;

 protected:
  Transaction() = default;
};

class Store {
 public:
  virtual ~Store() = default;

  // `glance`: a read of a statement or two whose answers need not come from one
  // snapshot; where the store can, no transaction is opened around them (on PostgreSQL
  // each statement sees what was committed when it runs, and no BEGIN or COMMIT is sent).
  enum class Mode { read, write, glance };
  // Starts a transaction. Write transactions are serialised by the store.
  virtual std::unique_ptr<Transaction> begin(Mode mode = Mode::write) = 0;

  // The schema version of the open database.
  virtual int schema_version() = 0;

  // True when the database file could be opened for reading only (its permissions, an
  // immutable file, a read-only file system): reads work and every write fails with
  // ErrorCode::unavailable. Once the file can be written again, the next write reopens
  // the store's connections and works.
  virtual bool read_only() const = 0;

  // Grows with every write committed to the database, by this store or by any other
  // process: a document computed at one generation is current while the generation
  // stays the same. Read the generation before the transaction that computes the
  // document. Thread-safe.
  virtual std::uint64_t generation() const = 0;
  // Grows with every committed write that may change who someone is signed in as (a
  // user, a membership, a session, an API token, a team) or the organisation's settings,
  // by any process: an actor or the settings read at one accounts generation stay
  // current while it stays the same. Never grows less often than needed; a store that
  // cannot tell gives generation(). Thread-safe.
  virtual std::uint64_t accounts_generation() const { return generation(); }

  // Writes a copy of the whole database to `path`, consistent as of one moment, while
  // other threads and processes go on writing (SQLite's online backup API): every write
  // committed before the call is in the copy. The copy is built beside `path`, checked
  // with an integrity check and then renamed into place, so `path` never holds half a
  // backup; an existing `path` is replaced. Throws StoreError.
  virtual void backup_to(const std::string& path) = 0;

  // Called when each transaction ends with its kind ("read", "write") and how long it
  // was open in seconds, for metrics. Set before the store is shared between threads.
  using Observer = std::function<void(std::string_view kind, double seconds)>;
  virtual void set_observer(Observer observer) = 0;
};

// Whether opening a store may create it. Only the commands that set a database up
// (init, demo, import, serve --init) create one; every other command on a missing
// file must say so rather than silently start an empty database.
enum class OpenMode { create_if_missing, must_exist };

// Opens the store at `location`: a file path for SQLite, or a postgres:// (or
// postgresql://) URL as libpq reads it, TLS and password options included. With
// OpenMode::must_exist a missing file is ErrorCode::not_found and nothing is created. Applies
// pending migrations. Fails with a clear message if the database was written by a newer okr (its
// schema version is above what this binary knows).
Result<std::unique_ptr<Store>> open_store(const std::string& location,
                                          OpenMode mode = OpenMode::create_if_missing);

// Copies every row of `from` into `to`, ids and all: one read snapshot of `from`
// and one write transaction of `to`, so `to` gets all of it or none of it. Both must
// be at the same schema version (open_store migrates both to this okr's). With
// `replace`, `to`'s rows are deleted first in the same transaction; without it, `to`
// must hold nothing (a caller checks holds_data() first to say so clearly).
// `progress`, when set, is called after each table with its name and row count.
// Returns the rows copied per table. Throws StoreError.
using CopyProgress = std::function<void(const std::string& table, std::int64_t rows)>;
std::map<std::string, std::int64_t> copy_store(Store& from, Store& to, bool replace,
                                               const CopyProgress& progress = {});

// True when the store holds any user, team or cycle.
bool holds_data(Store& store);

// Replaces the database at `location` with the backup at `backup`. The backup must pass
// an integrity check and be an okr database this binary understands (an older one is
// migrated). Refuses, changing nothing:
//   - a `location` that is in use by another connection (okr serve): ErrorCode::busy;
//   - a `location` that holds data (any cycle, team, user or objective) unless
//     `replace_data`: ErrorCode::conflict.
// Returns the schema version of the restored database.
Result<int> restore_store(const std::string& backup, const std::string& location,
                          bool replace_data);

}  // namespace okr
