// The Transaction of both stores: every resource's SQL, written once against
// sql::Connection. A backend derives from it, starts and ends the database
// transaction, and hands over its connection. One file per resource in this
// folder (cycles.cc, users.cc, teams.cc, objectives.cc, key_results.cc,
// check_ins.cc, dependencies.cc, comments.cc, work.cc, kpis.cc, reviews.cc, settings.cc, audit.cc,
// sessions.cc, sign_ins.cc, search.cc, copy.cc) holds that resource's methods.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "storage/sql/shared_settings.h"
#include "storage/sql/statement.h"
#include "storage/store.h"

namespace okr::sql {

class SqlTransaction : public Transaction {
 public:
  // ---- cycles
  Id create_cycle(const Cycle& c) override;
  std::int64_t update_cycle(const Cycle& c) override;
  std::optional<Cycle> find_cycle(Id id) override;
  std::optional<Cycle> find_cycle_by_name(const std::string& name) override;
  std::vector<Cycle> list_cycles() override;

  // ---- users
  Id create_user(const User& u) override;
  std::vector<Id> create_users(const std::vector<User>& users) override;
  std::int64_t update_user(const User& u) override;
  std::optional<User> find_user(Id id) override;
  std::optional<User> find_user_by_email(const std::string& email) override;
  std::vector<User> list_users() override;
  std::vector<User> find_users(const std::vector<Id>& ids) override;
  void set_password_hash(Id user_id, const std::string& hash) override;
  std::optional<std::string> password_hash(Id user_id) override;

  // ---- teams and memberships
  Id create_team(const Team& t) override;
  std::vector<Id> create_teams(const std::vector<Team>& teams) override;
  std::vector<Id> reserve_ids(const std::string& table, std::size_t n) override;
  void update_team_parents(const std::vector<Team>& teams) override;
  std::int64_t update_team(const Team& t) override;
  std::vector<std::pair<std::string, std::int64_t>> team_uses(Id id) override;
  void delete_team(Id id) override;
  std::optional<Team> find_team(Id id) override;
  std::optional<Team> find_team_by_key(const std::string& key) override;
  std::vector<Team> list_teams() override;
  std::vector<Team> list_teams_under(Id root) override;
  void put_membership(const Membership& m) override;
  void put_memberships(const std::vector<Membership>& list) override;
  void remove_membership(Id team_id, Id user_id) override;
  std::vector<Membership> list_memberships(std::optional<Id> team_id,
                                           std::optional<Id> user_id) override;
  std::vector<Team> find_teams(const std::vector<Id>& ids) override;
  std::vector<Team> list_teams_above(Id team_id) override;

  // ---- objectives
  Id create_objective(const Objective& o) override;
  std::vector<Id> create_objectives(const std::vector<Objective>& objectives) override;
  void update_objective_alignments(const std::vector<Objective>& objectives) override;
  std::int64_t update_objective(const Objective& o) override;
  void delete_objective(Id id) override;
  std::optional<Objective> find_objective(Id id) override;
  std::optional<Objective> find_objective_by_key(const std::string& key) override;
  std::vector<Objective> list_objectives(const ObjectiveFilter& f) override;
  std::vector<Objective> find_objectives(const std::vector<Id>& ids) override;
  std::vector<Objective> find_objectives_by_keys(const std::vector<std::string>& keys) override;

  // ---- dependencies
  Id create_dependency(const Dependency& d) override;
  std::int64_t update_dependency(const Dependency& d) override;
  void delete_dependency(Id id) override;
  std::optional<Dependency> find_dependency(Id id) override;
  std::vector<Dependency> list_dependencies(const DependencyFilter& f) override;

  // ---- key results
  Id create_key_result(const KeyResult& kr) override;
  std::vector<Id> create_key_results(const std::vector<KeyResult>& key_results) override;
  std::int64_t update_key_result(const KeyResult& kr) override;
  void delete_key_result(Id id) override;
  std::optional<KeyResult> find_key_result(Id id) override;
  std::optional<KeyResult> find_key_result_by_key(const std::string& key) override;
  std::vector<KeyResult> find_key_results_by_keys(const std::vector<std::string>& keys) override;
  std::optional<KeyResultPlace> find_key_result_place(std::optional<Id> id,
                                                      const std::string& key) override;
  std::vector<KeyResult> list_key_results(Id objective_id) override;
  std::vector<KeyResult> list_key_results_in_cycle(Id cycle_id) override;
  std::vector<KeyResult> list_key_results_owned_by(Id owner_id, Id cycle_id) override;
  std::vector<KeyResult> find_key_results(const std::vector<Id>& ids) override;
  std::vector<KeyResult> list_key_results_of(const std::vector<Id>& objective_ids) override;
  std::vector<Objective> list_objectives_aligned_to(const std::vector<Id>& key_result_ids) override;
  std::vector<Dependency> list_dependencies_of(const std::vector<Id>& key_result_ids) override;
  std::vector<Initiative> list_initiatives_of(const std::vector<Id>& key_result_ids) override;

  // ---- check-ins
  Id add_check_in(const CheckIn& c) override;
  std::optional<CheckIn> find_check_in(Id id) override;
  void update_check_in(const CheckIn& c) override;
  void delete_check_in(Id id) override;
  std::vector<CheckIn> list_check_ins(Id key_result_id) override;
  std::optional<CheckIn> latest_check_in(Id key_result_id) override;
  std::optional<CheckIn> latest_check_in_of(std::optional<Id> id, const std::string& key) override;
  std::vector<CheckIn> recent_check_ins(Id key_result_id, int limit) override;
  std::optional<CheckIn> latest_check_in_before(Id key_result_id, Instant before) override;
  std::map<Id, CheckIn> latest_check_ins(Id cycle_id) override;
  std::map<Id, std::vector<CheckIn>> recent_check_ins_of(const std::vector<Id>& key_results,
                                                         int limit) override;
  std::map<Id, std::vector<std::optional<CheckIn>>> latest_check_ins_before(
      const std::vector<Id>& key_results, const std::vector<Instant>& before) override;

  // ---- sprints and initiatives
  Id create_sprint(const Sprint& s) override;
  std::int64_t update_sprint(const Sprint& s) override;
  std::optional<Sprint> find_sprint(Id id) override;
  std::vector<Sprint> list_sprints(std::optional<Id> team_id) override;
  Id create_initiative(const Initiative& i) override;
  std::int64_t update_initiative(const Initiative& i) override;
  std::optional<Initiative> find_initiative(Id id) override;
  std::optional<Initiative> find_initiative_by_key(const std::string& key) override;
  std::vector<Initiative> list_initiatives(std::optional<Id> team_id,
                                           std::optional<Id> key_result_id) override;

  // ---- KPIs
  Id create_kpi(const Kpi& k) override;
  std::int64_t update_kpi(const Kpi& k) override;
  std::optional<Kpi> find_kpi(Id id) override;
  std::optional<Kpi> find_kpi_by_key(const std::string& key) override;
  std::vector<Kpi> list_kpis() override;
  Id add_measurement(const Measurement& m) override;
  std::vector<Measurement> list_measurements(Id kpi_id) override;
  std::vector<Measurement> recent_measurements(Id kpi_id, int limit) override;
  std::optional<Measurement> latest_measurement(Id kpi_id, Instant before) override;
  std::map<Id, Measurement> latest_measurements(const std::vector<Id>& kpi_ids,
                                                Instant before) override;

  // ---- reviews and retrospectives
  Id put_review(const Review& r) override;
  std::optional<Review> find_review(Id objective_id) override;
  std::map<Id, Review> find_reviews(const std::vector<Id>& objective_ids) override;
  Id put_retrospective(const Retrospective& r) override;
  std::optional<Retrospective> find_retrospective(Id cycle_id, std::optional<Id> team_id) override;
  std::vector<Retrospective> list_retrospectives(Id cycle_id) override;

  // ---- settings
  std::optional<std::string> setting(const std::string& name) override;
  void put_setting(const std::string& name, const std::string& value) override;

  // ---- audit
  void add_audit_event(const AuditEvent& e) override;
  std::vector<AuditEvent> list_audit_events(std::optional<Id> before_id, int limit) override;

  // ---- sessions and API tokens
  void create_session(const Session& s) override;
  std::optional<Session> find_session(const std::string& token_hash) override;
  void delete_session(const std::string& token_hash) override;
  void delete_sessions_of(Id user_id) override;
  Id create_api_token(const ApiToken& t) override;
  std::optional<ApiToken> find_api_token(const std::string& token_hash) override;
  std::optional<ApiToken> find_api_token_by_id(Id id) override;
  std::vector<ApiToken> list_api_tokens(Id user_id) override;
  void revoke_api_token(Id id, Instant at) override;
  std::vector<SearchHit> search(const std::string& text, int limit,
                                std::optional<SearchHit::Kind> only) override;
  void defer_search_index() override;
  void put_invitation(const Invitation& i) override;
  std::optional<Invitation> find_invitation(const std::string& secret_hash) override;
  void delete_invitations_of(Id user_id) override;

  // ---- comments and notifications (comments.cc)
  Id create_comment(const Comment& c) override;
  std::int64_t update_comment(const Comment& c) override;
  std::optional<Comment> find_comment(Id id) override;
  std::vector<Comment> list_comments(Id objective_id) override;
  Id add_notification(const Notification& n) override;
  std::vector<Notification> list_notifications(Id user_id, bool unread_only,
                                               std::optional<Id> before, int limit) override;
  std::optional<Notification> find_notification(Id id) override;
  void delete_notifications_of_comment(Id comment_id) override;
  std::int64_t count_unread_notifications(Id user_id) override;
  std::int64_t mark_notifications_read(Id user_id, std::optional<Id> id, Instant at) override;
  std::map<NotificationKind, std::string> notification_preferences(Id user_id) override;
  void put_notification_preference(Id user_id, NotificationKind kind,
                                   const std::string& channel) override;

  // ---- webhooks, chat channels and the outbox (outbox.cc)
  Id create_endpoint(const Endpoint& e) override;
  std::optional<Endpoint> find_endpoint(Id id) override;
  std::vector<Endpoint> list_endpoints() override;
  void update_endpoint_health(const Endpoint& e) override;
  void delete_endpoint(Id id) override;
  Id add_outbox_message(const OutboxMessage& m) override;
  std::optional<OutboxMessage> find_outbox_message(Id id) override;
  std::vector<OutboxMessage> due_outbox_messages(std::int64_t now_ms, int limit) override;
  std::optional<std::int64_t> next_outbox_due() override;
  void update_outbox_message(const OutboxMessage& m) override;
  std::vector<OutboxMessage> list_outbox_messages(Id endpoint_id, std::optional<Id> before,
                                                  int limit) override;
  bool take_lease(const std::string& name, const std::string& holder, std::int64_t now_ms,
                  std::int64_t until_ms) override;
  void release_lease(const std::string& name, const std::string& holder) override;
  void forget_outbox_messages(Instant before) override;

  // ---- e-mail (mail.cc)
  std::optional<PersonSettings> person_settings(Id user_id) override;
  void put_person_settings(Id user_id, const PersonSettings& s) override;
  Id add_mail(const MailMessage& m) override;
  std::optional<MailMessage> find_mail(Id id) override;
  std::vector<MailMessage> due_mail(std::int64_t now_ms, int limit) override;
  std::optional<std::int64_t> next_mail_due() override;
  void update_mail(const MailMessage& m) override;
  std::vector<MailMessage> list_mail(std::optional<Id> user_id, int limit) override;
  void forget_mail(Instant before) override;
  bool claim_once(const std::string& key, Instant at) override;
  bool advance_mark(const std::string& key, const std::string& at) override;

  // ---- failed sign-ins (sign_ins.cc)
  std::optional<SignInCount> sign_in_count(const std::string& key) override;
  void put_sign_in_count(const std::string& key, const SignInCount& count) override;
  void delete_sign_in_count(const std::string& key) override;
  void forget_sign_in_counts(Instant before) override;

  // ---- single sign-on (sso.cc)
  Id create_sso_provider(const SsoProvider& p) override;
  std::optional<SsoProvider> find_sso_provider(const std::string& name) override;
  std::optional<SsoProvider> find_sso_provider_by_id(Id id) override;
  std::vector<SsoProvider> list_sso_providers() override;
  void delete_sso_provider(Id id) override;
  void put_sso_login(const SsoLogin& l) override;
  std::optional<SsoLogin> take_sso_login(const std::string& state_hash) override;
  void forget_sso_logins(Instant before) override;
  void put_sso_identity(const SsoIdentity& i) override;
  std::optional<SsoIdentity> find_sso_identity(const std::string& issuer,
                                               const std::string& subject) override;
  std::vector<SsoIdentity> list_sso_identities(Id user_id) override;

  // ---- SCIM provisioning and group mappings (scim.cc)
  Id create_scim_token(const ScimToken& t) override;
  std::optional<ScimToken> find_scim_token(const std::string& token_hash) override;
  std::vector<ScimToken> list_scim_tokens() override;
  void revoke_scim_token(Id id, Instant at) override;
  void put_scim_user(const ScimUser& u) override;
  std::optional<ScimUser> find_scim_user(Id user_id) override;
  std::vector<ScimUser> list_scim_users() override;
  Id create_scim_group(const ScimGroup& g) override;
  void update_scim_group(const ScimGroup& g) override;
  std::optional<ScimGroup> find_scim_group(Id id) override;
  std::optional<ScimGroup> find_scim_group_by_name(const std::string& display_name) override;
  std::vector<ScimGroup> list_scim_groups() override;
  void delete_scim_group(Id id) override;
  std::vector<Id> scim_group_members(Id group_id) override;
  void add_scim_group_member(Id group_id, Id user_id) override;
  void remove_scim_group_member(Id group_id, Id user_id) override;
  std::vector<std::string> groups_of(Id user_id) override;
  std::vector<Id> users_in_group(const std::string& group_name) override;
  void set_provider_groups(Id user_id, const std::string& source,
                           const std::vector<std::string>& groups) override;
  Id create_group_mapping(const GroupMapping& m) override;
  std::vector<GroupMapping> list_group_mappings() override;
  void delete_group_mapping(Id id) override;
  std::vector<MappedGrant> mapped_grants(Id user_id) override;
  void put_mapped_grant(const MappedGrant& g) override;
  void delete_mapped_grant(std::optional<Id> team_id, Id user_id) override;

  // ---- trackers (trackers.cc)
  Id create_tracker(const Tracker& t) override;
  std::optional<Tracker> find_tracker(const std::string& name) override;
  std::vector<Tracker> list_trackers() override;
  void delete_tracker(Id id) override;

  // ---- copying whole databases (copy.cc)
  std::vector<std::string> copy_tables() override;
  void read_rows(const std::string& table, const RowSink& sink) override;
  void write_row(const std::string& table, const Row& row) override;
  void finish_copy() override;
  void delete_everything() override;

 protected:
  SqlTransaction() = default;
  // Settings are kept in `shared` for a transaction begun at the accounts generation
  // `generation`, and taken from there when `take`. A write does not take them: it reads
  // them in its own snapshot, so that a write made meanwhile to the settings is one it
  // either sees or conflicts with.
  void share_settings(SharedSettings& shared, std::uint64_t generation, bool take) {
    shared_settings_ = &shared;
    generation_ = generation;
    take_settings_ = take;
  }
  // The connection this transaction runs on.
  virtual Connection& connection() = 0;
  // After rows were copied in with their ids: make new ids start past them.
  virtual void reset_id_sequence(const std::string& table) { (void)table; }

  // A statement for `q`.
  Statement prepare(std::string_view q) { return connection().prepare(q); }

  // A list of ids as one parameter, for set-based reads in one statement on either
  // store: in_ids("column") is the condition "column is one of them", ids_table() the
  // list as a table k(id); bind ids(list) to the parameter either holds.
  std::string in_ids(std::string_view column);
  std::string ids_table();
  std::string ids(const std::vector<Id>& list);
  // The same for a list of text: in_texts("column") and texts(list).
  std::string in_texts(std::string_view column);
  std::string texts(const std::vector<std::string>& list);

  // Runs `q` with `args` and reads the first row (if any) with `read`.
  template <class Reader, class... Args>
  auto one(const std::string& q, Reader read, const Args&... args)
      -> std::optional<decltype(read(std::declval<const Statement&>()))> {
    auto st = prepare(q);
    st.bind_all(args...);
    if (!st.step()) return std::nullopt;
    return read(st);
  }

  // Runs `q` with `args` and reads every row with `read`.
  template <class Reader, class... Args>
  auto all(const std::string& q, Reader read, const Args&... args)
      -> std::vector<decltype(read(std::declval<const Statement&>()))> {
    auto st = prepare(q);
    st.bind_all(args...);
    std::vector<decltype(read(std::declval<const Statement&>()))> out;
    while (st.step()) out.push_back(read(st));
    return out;
  }

  // What a backend's commit() does before committing: writes the audit events held
  // back, and indexes for search the rows written since defer_search_index(), if it was
  // called.
  void before_commit();

  // Runs an INSERT … RETURNING id with `args`; the new id.
  template <class... Args>
  Id insert(const std::string& q, const Args&... args) {
    auto st = prepare(q);
    st.bind_all(args...);
    if (!st.step()) throw StoreError(ErrorCode::internal, "an insert returned no id");
    Id id = st.i64(0);
    st.run();
    return id;
  }

  // Writes `rows` with as few statements as the shapes allow: `head` followed by
  // `tuple` (one row's placeholders) repeated n times, then `tail`, where n is 256 or,
  // for the rows left, the largest power of two not above their count;
  // `bind(st, row)` binds one row's values. `read(st)` (when given) is called for every
  // row the statements return.
  template <class Row, class Bind, class Read = std::nullptr_t>
  void write_rows(std::string_view head, std::string_view tuple, std::string_view tail,
                  const std::vector<Row>& rows, Bind bind, Read read = nullptr) {
    constexpr std::size_t kMost = 256;
    for (std::size_t at = 0; at < rows.size();) {
      std::size_t n = kMost;
      while (n > rows.size() - at) n /= 2;
      std::string q(head);
      for (std::size_t i = 0; i < n; ++i) q.append(i ? ", " : "").append(tuple);
      q.append(tail);
      auto st = prepare(q);
      for (std::size_t i = at; i < at + n; ++i) bind(st, rows[i]);
      if constexpr (std::is_same_v<Read, std::nullptr_t>) {
        st.run();
      } else {
        while (st.step()) read(st);
      }
      at += n;
    }
  }

  // Runs `head` over `rows` as write_rows does (each row's `tuple` binds its id first, its
  // version last) and checks that every row was updated: `tail` returns the ids written.
  // A row not updated was deleted or changed meanwhile, as after_update says.
  template <class Row, class Bind>
  void update_rows(const char* what, const char* table, std::string_view head,
                   std::string_view tuple, std::string_view tail, const std::vector<Row>& rows,
                   Bind bind) {
    std::set<Id> written;
    write_rows(head, tuple, tail, rows, bind, [&](Statement& st) { written.insert(st.i64(0)); });
    for (const auto& r : rows)
      if (!written.count(r.id)) not_updated(what, table, r.id, r.version);
  }

  // After an optimistic update: no row changed means gone or stale.
  // Throws not_found or conflict for a row an update with `version` did not change.
  [[noreturn]] void not_updated(const char* what, const char* table, Id id, std::int64_t version);
  std::int64_t after_update(const char* what, const char* table, Id id, std::int64_t version);
  // Throws not_found when the last statement changed no row.
  void require_changed(const char* what, Id id);

 private:
  void index_deferred_search();
  // Writes the audit events held back by add_audit_event, many to a statement.
  void write_audit_events();
  std::vector<AuditEvent> audit_held_;

  void write_contributors(Id objective_id, const std::vector<Id>& teams);
  bool search_deferred_ = false;
  void write_initiative_links(Id initiative_id, const std::vector<Id>& krs);
  std::vector<Id> initiative_links(Id initiative_id);

  // Every setting, read once a transaction by the first setting() (a page reads the
  // status rule once for each objective it scores), or taken from the store's shared
  // copy; kept in step by put_setting.
  std::optional<std::map<std::string, std::string>> settings_;
  SharedSettings* shared_settings_ = nullptr;
  std::uint64_t generation_ = 0;
  bool take_settings_ = false;
  // Whether setting() would read the settings from the database.
  bool settings_unread() const {
    return !settings_ && !(shared_settings_ && take_settings_ && shared_settings_->at(generation_));
  }
  // Keeps the settings read along with another statement's row (as a JSON object).
  void keep_settings(const std::string& json);
  // Known in this transaction to have no endpoint (read along with another statement's
  // row): list_endpoints() answers at once, until create_endpoint().
  bool no_endpoints_ = false;

  // Links within a table met while copying, set by finish_copy.
  struct PendingLink {
    std::string table, column;
    Id id, target;
  };
  std::vector<PendingLink> pending_links_;
};

}  // namespace okr::sql
