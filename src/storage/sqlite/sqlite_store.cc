#include "storage/sqlite/sqlite_store.h"

#include <algorithm>

#include <string>

#include "storage/sqlite/migrations.h"

namespace okr::sqlite {
namespace {

Date to_date(const std::string& s) {
  auto d = parse_date(s);
  if (!d) throw StoreError(ErrorCode::internal, "stored date '" + s + "' is not a date");
  return *d;
}

Instant to_instant(const std::string& s) {
  auto t = parse_instant(s);
  if (!t) throw StoreError(ErrorCode::internal, "stored time '" + s + "' is not a time");
  return *t;
}

std::optional<Instant> to_opt_instant(const Statement& st, int col) {
  if (st.is_null(col)) return std::nullopt;
  return to_instant(st.text(col));
}

template <class E>
E to_enum(std::optional<E> v, const std::string& s) {
  if (!v) throw StoreError(ErrorCode::internal, "stored value '" + s + "' is not recognised");
  return *v;
}

std::string now_text() {
  return format_instant(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
}

// ---- row readers; the column lists below must match.

constexpr const char* kCycleCols = "id, name, start_date, end_date, state, version";
Cycle read_cycle(const Statement& s) {
  Cycle c;
  c.id = s.i64(0);
  c.name = s.text(1);
  c.start = to_date(s.text(2));
  c.end = to_date(s.text(3));
  c.state = to_enum(parse_cycle_state(s.text(4)), s.text(4));
  c.version = s.i64(5);
  return c;
}

constexpr const char* kUserCols = "id, email, name, admin, version, disabled";
User read_user(const Statement& s) {
  return User{s.i64(0), s.text(1), s.text(2), s.i64(3) != 0, s.i64(4), s.i64(5) != 0};
}

constexpr const char* kTeamCols =
    "id, key, name, function, parent_id, lead_id, version, check_in_cadence_days";
Team read_team(const Statement& s) {
  return Team{s.i64(0),     s.text(1),    s.text(2), s.text(3),
              s.opt_i64(4), s.opt_i64(5), s.i64(6),  static_cast<int>(s.i64(7))};
}

constexpr const char* kObjectiveCols =
    "id, key, cycle_id, team_id, title, description, kind, owner_id, parent_id, version";
Objective read_objective(const Statement& s) {
  Objective o;
  o.id = s.i64(0);
  o.key = s.text(1);
  o.cycle_id = s.i64(2);
  o.team_id = s.i64(3);
  o.title = s.text(4);
  o.description = s.text(5);
  o.kind = to_enum(parse_objective_kind(s.text(6)), s.text(6));
  o.owner_id = s.opt_i64(7);
  o.parent_id = s.opt_i64(8);
  o.version = s.i64(9);
  return o;
}

constexpr const char* kKeyResultCols =
    "id, key, objective_id, title, metric, unit, start_value, target_value, range_low, "
    "range_high, tolerance, weight, owner_id, kpi_id, version";
KeyResult read_key_result(const Statement& s) {
  KeyResult k;
  k.id = s.i64(0);
  k.key = s.text(1);
  k.objective_id = s.i64(2);
  k.title = s.text(3);
  k.metric = to_enum(parse_metric_kind(s.text(4)), s.text(4));
  k.unit = s.text(5);
  k.start = s.f64(6);
  k.target = s.f64(7);
  k.range_low = s.f64(8);
  k.range_high = s.f64(9);
  k.tolerance = s.f64(10);
  k.weight = s.f64(11);
  k.owner_id = s.opt_i64(12);
  k.kpi_id = s.opt_i64(13);
  k.version = s.i64(14);
  return k;
}

constexpr const char* kCheckInCols = "id, key_result_id, value, confidence, note, author_id, at";
constexpr const char* kCheckInColsOf =
    "c.id, c.key_result_id, c.value, c.confidence, c.note, c.author_id, c.at";
CheckIn read_check_in(const Statement& s) {
  return CheckIn{
      s.i64(0), s.i64(1), s.f64(2), s.opt_f64(3), s.text(4), s.opt_i64(5), to_instant(s.text(6))};
}

constexpr const char* kRetrospectiveCols =
    "id, cycle_id, team_id, problem, inputs, friction, evidence, author_id, at, version";
Retrospective read_retrospective(const Statement& s) {
  return Retrospective{
      s.i64(0),  s.i64(1),     s.opt_i64(2),          s.text(3), s.text(4), s.text(5),
      s.text(6), s.opt_i64(7), to_instant(s.text(8)), s.i64(9)};
}

constexpr const char* kSprintCols = "id, team_id, name, start_date, end_date, version";
Sprint read_sprint(const Statement& s) {
  return Sprint{s.i64(0), s.i64(1), s.text(2), to_date(s.text(3)), to_date(s.text(4)), s.i64(5)};
}

constexpr const char* kInitiativeCols = "id, key, title, team_id, sprint_id, url, status, version";
Initiative read_initiative(const Statement& s) {
  Initiative i;
  i.id = s.i64(0);
  i.key = s.text(1);
  i.title = s.text(2);
  i.team_id = s.i64(3);
  i.sprint_id = s.opt_i64(4);
  i.url = s.text(5);
  i.status = to_enum(parse_initiative_status(s.text(6)), s.text(6));
  i.version = s.i64(7);
  return i;
}

constexpr const char* kKpiCols =
    "id, key, name, team_id, unit, healthy_low, healthy_high, warning_low, warning_high, version";
Kpi read_kpi(const Statement& s) {
  return Kpi{s.i64(0),     s.text(1),    s.text(2),    s.opt_i64(3), s.text(4),
             s.opt_f64(5), s.opt_f64(6), s.opt_f64(7), s.opt_f64(8), s.i64(9)};
}

constexpr const char* kAuditCols =
    "id, at, actor_id, action, entity_type, entity_id, before_json, after_json";
AuditEvent read_audit(const Statement& s) {
  return AuditEvent{s.i64(0),  to_instant(s.text(1)), s.opt_i64(2), s.text(3),
                    s.text(4), s.opt_i64(5),          s.text(6),    s.text(7)};
}

std::string sql(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (auto p : parts) out += p;
  return out;
}

class SqliteTransaction : public Transaction {
 public:
  SqliteTransaction(SqliteStore& store, std::unique_ptr<Connection> c, Store::Mode mode)
      : store_(store), c_(std::move(c)), mode_(mode), started_(std::chrono::steady_clock::now()) {
    if (mode == Store::Mode::write) {
      // Writers of this process queue here, in turn, rather than in SQLite's busy
      // handler, which sleeps and retries: that cost throughput and made a tail of
      // slow check-ins under load. Other processes still meet SQLite's lock.
      write_lock_ = std::unique_lock(store_.write_mutex(), std::defer_lock);
      if (!write_lock_.try_lock_for(std::chrono::seconds(5)))
        throw StoreError(ErrorCode::busy,
                         "the database is busy; try again (writers queued too long)");
    }
    c_->exec(mode == Store::Mode::write ? "BEGIN IMMEDIATE" : "BEGIN");
  }

  ~SqliteTransaction() override {
    if (const auto& observe = store_.observer())
      observe(mode_ == Store::Mode::write ? "write" : "read",
              std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count());
    if (!done_) {
      try {
        c_->exec("ROLLBACK");
      } catch (const StoreError&) {
        // The connection may be unusable; it is dropped rather than pooled.
        c_.reset();
      }
    }
    if (c_) store_.release(std::move(c_));
  }

  void commit() override {
    c_->exec("COMMIT");
    done_ = true;
    if (mode_ == Store::Mode::write) {
      store_.committed_write();
      write_lock_.unlock();
    }
  }

  // ---- cycles
  Id create_cycle(const Cycle& c) override {
    c_->prepare("INSERT INTO cycles (name, start_date, end_date, state) VALUES (?, ?, ?, ?)")
        .bind_all(c.name, format_date(c.start), format_date(c.end), to_string(c.state))
        .run();
    return c_->last_insert_id();
  }
  std::int64_t update_cycle(const Cycle& c) override {
    c_->prepare(
          "UPDATE cycles SET name = ?, start_date = ?, end_date = ?, state = ?, "
          "version = version + 1 WHERE id = ? AND version = ?")
        .bind_all(c.name, format_date(c.start), format_date(c.end), to_string(c.state), c.id,
                  c.version)
        .run();
    return after_update("cycle", "cycles", c.id, c.version);
  }
  std::optional<Cycle> find_cycle(Id id) override {
    return one(sql({"SELECT ", kCycleCols, " FROM cycles WHERE id = ?"}), read_cycle, id);
  }
  std::optional<Cycle> find_cycle_by_name(const std::string& name) override {
    return one(sql({"SELECT ", kCycleCols, " FROM cycles WHERE name = ?"}), read_cycle, name);
  }
  std::vector<Cycle> list_cycles() override {
    return all(sql({"SELECT ", kCycleCols, " FROM cycles ORDER BY start_date, id"}), read_cycle);
  }

  // ---- users
  Id create_user(const User& u) override {
    c_->prepare("INSERT INTO users (email, name, admin, created_at) VALUES (?, ?, ?, ?)")
        .bind_all(u.email, u.name, u.admin, now_text())
        .run();
    return c_->last_insert_id();
  }
  std::int64_t update_user(const User& u) override {
    c_->prepare(
          "UPDATE users SET email = ?, name = ?, admin = ?, disabled = ?, version = version + 1 "
          "WHERE id = ? AND version = ?")
        .bind_all(u.email, u.name, u.admin, u.disabled, u.id, u.version)
        .run();
    return after_update("user", "users", u.id, u.version);
  }
  std::optional<User> find_user(Id id) override {
    return one(sql({"SELECT ", kUserCols, " FROM users WHERE id = ?"}), read_user, id);
  }
  std::optional<User> find_user_by_email(const std::string& email) override {
    return one(sql({"SELECT ", kUserCols, " FROM users WHERE email = ?"}), read_user, email);
  }
  std::vector<User> list_users() override {
    return all(sql({"SELECT ", kUserCols, " FROM users ORDER BY email"}), read_user);
  }
  void set_password_hash(Id user_id, const std::string& hash) override {
    c_->prepare("UPDATE users SET password_hash = ? WHERE id = ?").bind_all(hash, user_id).run();
    require_changed("user", user_id);
  }
  std::optional<std::string> password_hash(Id user_id) override {
    auto st = c_->prepare("SELECT password_hash FROM users WHERE id = ?");
    st.bind(user_id);
    if (!st.step() || st.is_null(0)) return std::nullopt;
    return st.text(0);
  }

  // ---- teams
  Id create_team(const Team& t) override {
    c_->prepare(
          "INSERT INTO teams (key, name, function, parent_id, lead_id, check_in_cadence_days) "
          "VALUES (?, ?, ?, ?, ?, ?)")
        .bind_all(t.key, t.name, t.function, t.parent_id, t.lead_id,
                  static_cast<std::int64_t>(t.check_in_cadence_days))
        .run();
    return c_->last_insert_id();
  }
  std::int64_t update_team(const Team& t) override {
    c_->prepare(
          "UPDATE teams SET key = ?, name = ?, function = ?, parent_id = ?, lead_id = ?, "
          "check_in_cadence_days = ?, version = version + 1 WHERE id = ? AND version = ?")
        .bind_all(t.key, t.name, t.function, t.parent_id, t.lead_id,
                  static_cast<std::int64_t>(t.check_in_cadence_days), t.id, t.version)
        .run();
    return after_update("team", "teams", t.id, t.version);
  }
  std::optional<Team> find_team(Id id) override {
    return one(sql({"SELECT ", kTeamCols, " FROM teams WHERE id = ?"}), read_team, id);
  }
  std::optional<Team> find_team_by_key(const std::string& key) override {
    return one(sql({"SELECT ", kTeamCols, " FROM teams WHERE key = ?"}), read_team, key);
  }
  std::vector<Team> list_teams() override {
    // Parents before children: walk the tree from the roots.
    return all(sql({"WITH RECURSIVE tree(id, depth) AS ("
                    " SELECT id, 0 FROM teams WHERE parent_id IS NULL"
                    " UNION ALL SELECT t.id, tree.depth + 1 FROM teams t"
                    " JOIN tree ON t.parent_id = tree.id)"
                    " SELECT ",
                    kTeamCols, " FROM teams JOIN tree USING (id) ORDER BY tree.depth, teams.key"}),
               read_team);
  }
  std::vector<Team> list_teams_under(Id root) override {
    return all(sql({"WITH RECURSIVE tree(id, depth) AS ("
                    " SELECT id, 0 FROM teams WHERE id = ?"
                    " UNION ALL SELECT t.id, tree.depth + 1 FROM teams t"
                    " JOIN tree ON t.parent_id = tree.id)"
                    " SELECT ",
                    kTeamCols, " FROM teams JOIN tree USING (id) ORDER BY tree.depth, teams.key"}),
               read_team, root);
  }
  void put_membership(const Membership& m) override {
    c_->prepare(
          "INSERT INTO memberships (team_id, user_id, role) VALUES (?, ?, ?) "
          "ON CONFLICT (team_id, user_id) DO UPDATE SET role = excluded.role")
        .bind_all(m.team_id, m.user_id, to_string(m.role))
        .run();
  }
  void remove_membership(Id team_id, Id user_id) override {
    c_->prepare("DELETE FROM memberships WHERE team_id = ? AND user_id = ?")
        .bind_all(team_id, user_id)
        .run();
  }
  std::vector<Membership> list_memberships(std::optional<Id> team_id,
                                           std::optional<Id> user_id) override {
    // One statement per filter shape, so each uses its index (the primary key for a
    // team, memberships_user for a user) instead of scanning the table.
    std::string q = "SELECT team_id, user_id, role FROM memberships";
    if (team_id && user_id)
      q += " WHERE team_id = ? AND user_id = ?";
    else if (team_id)
      q += " WHERE team_id = ?";
    else if (user_id)
      q += " WHERE user_id = ?";
    q += " ORDER BY team_id, user_id";
    auto st = c_->prepare(q);
    if (team_id) st.bind(*team_id);
    if (user_id) st.bind(*user_id);
    std::vector<Membership> out;
    while (st.step())
      out.push_back({st.i64(0), st.i64(1), to_enum(parse_team_role(st.text(2)), st.text(2))});
    return out;
  }

  // ---- objectives
  Id create_objective(const Objective& o) override {
    c_->prepare(
          "INSERT INTO objectives (key, cycle_id, team_id, title, description, kind, owner_id, "
          "parent_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .bind_all(o.key, o.cycle_id, o.team_id, o.title, o.description, to_string(o.kind),
                  o.owner_id, o.parent_id)
        .run();
    Id id = c_->last_insert_id();
    write_contributors(id, o.contributing_team_ids);
    return id;
  }
  std::int64_t update_objective(const Objective& o) override {
    c_->prepare(
          "UPDATE objectives SET key = ?, cycle_id = ?, team_id = ?, title = ?, description = ?, "
          "kind = ?, owner_id = ?, parent_id = ?, version = version + 1 "
          "WHERE id = ? AND version = ?")
        .bind_all(o.key, o.cycle_id, o.team_id, o.title, o.description, to_string(o.kind),
                  o.owner_id, o.parent_id, o.id, o.version)
        .run();
    auto v = after_update("objective", "objectives", o.id, o.version);
    c_->prepare("DELETE FROM objective_contributors WHERE objective_id = ?").bind(o.id).run();
    write_contributors(o.id, o.contributing_team_ids);
    return v;
  }
  void delete_objective(Id id) override {
    c_->prepare("DELETE FROM objectives WHERE id = ?").bind(id).run();
    require_changed("objective", id);
  }
  std::optional<Objective> find_objective(Id id) override {
    return with_contributors(
        one(sql({"SELECT ", kObjectiveCols, " FROM objectives WHERE id = ?"}), read_objective, id));
  }
  std::optional<Objective> find_objective_by_key(const std::string& key) override {
    return with_contributors(one(sql({"SELECT ", kObjectiveCols, " FROM objectives WHERE key = ?"}),
                                 read_objective, key));
  }
  std::vector<Objective> list_objectives(const ObjectiveFilter& f) override {
    // Only the filters that are set reach the SQL, so each shape of query uses
    // its index (objectives_cycle_team, objectives_team, objectives_owner).
    std::string where;
    auto add = [&where](const char* condition) {
      where += where.empty() ? " WHERE " : " AND ";
      where += condition;
    };
    if (f.cycle_id) add("o.cycle_id = ?");
    if (f.team_id) add("o.team_id = ?");
    if (f.owner_id) add("o.owner_id = ?");
    if (f.parent_id) add("o.parent_id = ?");
    if (f.after) add("o.id > ?");
    auto bind = [&f](Statement& st) {
      if (f.cycle_id) st.bind(*f.cycle_id);
      if (f.team_id) st.bind(*f.team_id);
      if (f.owner_id) st.bind(*f.owner_id);
      if (f.parent_id) st.bind(*f.parent_id);
      if (f.after) st.bind(*f.after);
    };
    // A page is ordered by id; a whole list keeps the organisation's order.
    const bool paged = f.after || f.limit > 0;
    std::string q = sql({"SELECT ", kObjectiveCols, " FROM objectives o", where,
                         paged ? " ORDER BY o.id" : " ORDER BY o.cycle_id, o.team_id, o.id"});
    if (f.limit > 0) q += " LIMIT " + std::to_string(f.limit);
    std::vector<Objective> list;
    {
      auto st = c_->prepare(q);
      bind(st);
      while (st.step()) list.push_back(read_objective(st));
    }
    if (list.empty()) return list;
    // Contributors of every listed objective in one query.
    std::map<Id, Objective*> by_id;
    for (auto& o : list) by_id[o.id] = &o;
    auto st =
        c_->prepare(sql({"SELECT oc.objective_id, oc.team_id FROM objective_contributors oc "
                         "WHERE oc.objective_id BETWEEN ? AND ? AND oc.objective_id IN "
                         "(SELECT o.id FROM objectives o",
                         where, ") ORDER BY oc.objective_id, oc.team_id"}));
    // The list is in organisation order unless paged: bound the ids by their extremes.
    const auto [lowest, highest] =
        std::minmax_element(list.begin(), list.end(),
                            [](const Objective& a, const Objective& b) { return a.id < b.id; });
    st.bind(lowest->id).bind(highest->id);
    bind(st);
    while (st.step())
      if (auto it = by_id.find(st.i64(0)); it != by_id.end())
        it->second->contributing_team_ids.push_back(st.i64(1));
    return list;
  }

  // ---- key results
  Id create_key_result(const KeyResult& k) override {
    c_->prepare(
          "INSERT INTO key_results (key, objective_id, title, metric, unit, start_value, "
          "target_value, range_low, range_high, tolerance, weight, owner_id, kpi_id) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind_all(k.key, k.objective_id, k.title, to_string(k.metric), k.unit, k.start, k.target,
                  k.range_low, k.range_high, k.tolerance, k.weight, k.owner_id, k.kpi_id)
        .run();
    return c_->last_insert_id();
  }
  std::int64_t update_key_result(const KeyResult& k) override {
    c_->prepare(
          "UPDATE key_results SET key = ?, objective_id = ?, title = ?, metric = ?, unit = ?, "
          "start_value = ?, target_value = ?, range_low = ?, range_high = ?, tolerance = ?, "
          "weight = ?, owner_id = ?, kpi_id = ?, version = version + 1 "
          "WHERE id = ? AND version = ?")
        .bind_all(k.key, k.objective_id, k.title, to_string(k.metric), k.unit, k.start, k.target,
                  k.range_low, k.range_high, k.tolerance, k.weight, k.owner_id, k.kpi_id, k.id,
                  k.version)
        .run();
    return after_update("key result", "key_results", k.id, k.version);
  }
  void delete_key_result(Id id) override {
    c_->prepare("DELETE FROM key_results WHERE id = ?").bind(id).run();
    require_changed("key result", id);
  }
  std::optional<KeyResult> find_key_result(Id id) override {
    return one(sql({"SELECT ", kKeyResultCols, " FROM key_results WHERE id = ?"}), read_key_result,
               id);
  }
  std::optional<KeyResult> find_key_result_by_key(const std::string& key) override {
    return one(sql({"SELECT ", kKeyResultCols, " FROM key_results WHERE key = ?"}), read_key_result,
               key);
  }
  std::vector<KeyResult> list_key_results(Id objective_id) override {
    return all(
        sql({"SELECT ", kKeyResultCols, " FROM key_results WHERE objective_id = ? ORDER BY id"}),
        read_key_result, objective_id);
  }
  std::vector<KeyResult> list_key_results_in_cycle(Id cycle_id) override {
    return all(sql({"SELECT ", kKeyResultCols,
                    " FROM key_results WHERE objective_id IN "
                    "(SELECT id FROM objectives WHERE cycle_id = ?) ORDER BY objective_id, id"}),
               read_key_result, cycle_id);
  }

  // ---- check-ins
  Id add_check_in(const CheckIn& c) override {
    c_->prepare(
          "INSERT INTO check_ins (key_result_id, value, confidence, note, author_id, at) "
          "VALUES (?, ?, ?, ?, ?, ?)")
        .bind_all(c.key_result_id, c.value, c.confidence, c.note, c.author_id, format_instant(c.at))
        .run();
    return c_->last_insert_id();
  }
  std::vector<CheckIn> list_check_ins(Id key_result_id) override {
    return all(
        sql({"SELECT ", kCheckInCols, " FROM check_ins WHERE key_result_id = ? ORDER BY at, id"}),
        read_check_in, key_result_id);
  }
  std::optional<CheckIn> latest_check_in(Id key_result_id) override {
    return one(sql({"SELECT ", kCheckInCols,
                    " FROM check_ins WHERE key_result_id = ? ORDER BY at DESC, id DESC LIMIT 1"}),
               read_check_in, key_result_id);
  }
  std::map<Id, CheckIn> latest_check_ins(Id cycle_id) override {
    // One index seek per key result of the cycle (check_ins_key_result_at), rather
    // than a correlated lookup for every check-in the cycle holds.
    auto st =
        c_->prepare(sql({"SELECT ", kCheckInColsOf,
                         " FROM objectives o JOIN key_results kr ON kr.objective_id = o.id "
                         "JOIN check_ins c ON c.id = (SELECT c2.id FROM check_ins c2 "
                         "WHERE c2.key_result_id = kr.id ORDER BY c2.at DESC, c2.id DESC LIMIT 1) "
                         "WHERE o.cycle_id = ?"}));
    st.bind(cycle_id);
    std::map<Id, CheckIn> out;
    while (st.step()) {
      auto c = read_check_in(st);
      out.emplace(c.key_result_id, c);
    }
    return out;
  }

  // ---- sprints
  Id create_sprint(const Sprint& s) override {
    c_->prepare("INSERT INTO sprints (team_id, name, start_date, end_date) VALUES (?, ?, ?, ?)")
        .bind_all(s.team_id, s.name, format_date(s.start), format_date(s.end))
        .run();
    return c_->last_insert_id();
  }
  std::int64_t update_sprint(const Sprint& s) override {
    c_->prepare(
          "UPDATE sprints SET team_id = ?, name = ?, start_date = ?, end_date = ?, "
          "version = version + 1 WHERE id = ? AND version = ?")
        .bind_all(s.team_id, s.name, format_date(s.start), format_date(s.end), s.id, s.version)
        .run();
    return after_update("sprint", "sprints", s.id, s.version);
  }
  std::optional<Sprint> find_sprint(Id id) override {
    return one(sql({"SELECT ", kSprintCols, " FROM sprints WHERE id = ?"}), read_sprint, id);
  }
  std::vector<Sprint> list_sprints(std::optional<Id> team_id) override {
    return all(sql({"SELECT ", kSprintCols,
                    " FROM sprints WHERE (?1 IS NULL OR team_id = ?1) ORDER BY start_date, id"}),
               read_sprint, team_id);
  }

  // ---- initiatives
  Id create_initiative(const Initiative& i) override {
    c_->prepare(
          "INSERT INTO initiatives (key, title, team_id, sprint_id, url, status) "
          "VALUES (NULLIF(?, ''), ?, ?, ?, ?, ?)")
        .bind_all(i.key, i.title, i.team_id, i.sprint_id, i.url, to_string(i.status))
        .run();
    Id id = c_->last_insert_id();
    write_initiative_links(id, i.key_result_ids);
    return id;
  }
  std::int64_t update_initiative(const Initiative& i) override {
    c_->prepare(
          "UPDATE initiatives SET key = NULLIF(?, ''), title = ?, team_id = ?, sprint_id = ?, "
          "url = ?, status = ?, version = version + 1 WHERE id = ? AND version = ?")
        .bind_all(i.key, i.title, i.team_id, i.sprint_id, i.url, to_string(i.status), i.id,
                  i.version)
        .run();
    auto v = after_update("initiative", "initiatives", i.id, i.version);
    c_->prepare("DELETE FROM initiative_key_results WHERE initiative_id = ?").bind(i.id).run();
    write_initiative_links(i.id, i.key_result_ids);
    return v;
  }
  std::optional<Initiative> find_initiative(Id id) override {
    auto i = one(sql({"SELECT ", kInitiativeCols, " FROM initiatives WHERE id = ?"}),
                 read_initiative, id);
    if (i) i->key_result_ids = initiative_links(i->id);
    return i;
  }
  std::optional<Initiative> find_initiative_by_key(const std::string& key) override {
    auto i = one(sql({"SELECT ", kInitiativeCols, " FROM initiatives WHERE key = ?"}),
                 read_initiative, key);
    if (i) i->key_result_ids = initiative_links(i->id);
    return i;
  }
  std::vector<Initiative> list_initiatives(std::optional<Id> team_id,
                                           std::optional<Id> key_result_id) override {
    auto list = all(sql({"SELECT ", kInitiativeCols,
                         " FROM initiatives WHERE (?1 IS NULL OR team_id = ?1) AND (?2 IS NULL OR "
                         "id IN (SELECT initiative_id FROM initiative_key_results "
                         "WHERE key_result_id = ?2)) ORDER BY id"}),
                    read_initiative, team_id, key_result_id);
    for (auto& i : list) i.key_result_ids = initiative_links(i.id);
    return list;
  }

  // ---- KPIs
  Id create_kpi(const Kpi& k) override {
    c_->prepare(
          "INSERT INTO kpis (key, name, team_id, unit, healthy_low, healthy_high, warning_low, "
          "warning_high) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .bind_all(k.key, k.name, k.team_id, k.unit, k.healthy_low, k.healthy_high, k.warning_low,
                  k.warning_high)
        .run();
    return c_->last_insert_id();
  }
  std::int64_t update_kpi(const Kpi& k) override {
    c_->prepare(
          "UPDATE kpis SET key = ?, name = ?, team_id = ?, unit = ?, healthy_low = ?, "
          "healthy_high = ?, warning_low = ?, warning_high = ?, version = version + 1 "
          "WHERE id = ? AND version = ?")
        .bind_all(k.key, k.name, k.team_id, k.unit, k.healthy_low, k.healthy_high, k.warning_low,
                  k.warning_high, k.id, k.version)
        .run();
    return after_update("KPI", "kpis", k.id, k.version);
  }
  std::optional<Kpi> find_kpi(Id id) override {
    return one(sql({"SELECT ", kKpiCols, " FROM kpis WHERE id = ?"}), read_kpi, id);
  }
  std::optional<Kpi> find_kpi_by_key(const std::string& key) override {
    return one(sql({"SELECT ", kKpiCols, " FROM kpis WHERE key = ?"}), read_kpi, key);
  }
  std::vector<Kpi> list_kpis() override {
    return all(sql({"SELECT ", kKpiCols, " FROM kpis ORDER BY key"}), read_kpi);
  }
  Id add_measurement(const Measurement& m) override {
    c_->prepare("INSERT INTO measurements (kpi_id, value, at) VALUES (?, ?, ?)")
        .bind_all(m.kpi_id, m.value, format_instant(m.at))
        .run();
    return c_->last_insert_id();
  }
  std::vector<Measurement> list_measurements(Id kpi_id) override {
    auto st = c_->prepare(
        "SELECT id, kpi_id, value, at FROM measurements WHERE kpi_id = ? ORDER BY at, id");
    st.bind(kpi_id);
    std::vector<Measurement> out;
    while (st.step()) out.push_back({st.i64(0), st.i64(1), st.f64(2), to_instant(st.text(3))});
    return out;
  }

  // ---- reviews
  Id put_review(const Review& r) override {
    c_->prepare(
          "INSERT INTO reviews (objective_id, what_worked, what_did_not, what_we_learned, "
          "reviewer_id, at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (objective_id) DO UPDATE SET "
          "what_worked = excluded.what_worked, what_did_not = excluded.what_did_not, "
          "what_we_learned = excluded.what_we_learned, reviewer_id = excluded.reviewer_id, "
          "at = excluded.at, version = reviews.version + 1")
        .bind_all(r.objective_id, r.what_worked, r.what_did_not, r.what_we_learned, r.reviewer_id,
                  format_instant(r.at))
        .run();
    auto st = c_->prepare("SELECT id FROM reviews WHERE objective_id = ?");
    st.bind(r.objective_id);
    st.step();
    Id id = st.i64(0);
    c_->prepare("DELETE FROM score_overrides WHERE review_id = ?").bind(id).run();
    for (const auto& o : r.overrides)
      c_->prepare(
            "INSERT INTO score_overrides (review_id, key_result_id, score, reason, set_by) "
            "VALUES (?, ?, ?, ?, ?)")
          .bind_all(id, o.key_result_id, o.score, o.reason, o.set_by)
          .run();
    return id;
  }
  std::optional<Review> find_review(Id objective_id) override {
    auto st = c_->prepare(
        "SELECT id, objective_id, what_worked, what_did_not, what_we_learned, reviewer_id, at, "
        "version FROM reviews WHERE objective_id = ?");
    st.bind(objective_id);
    if (!st.step()) return std::nullopt;
    Review r;
    r.id = st.i64(0);
    r.objective_id = st.i64(1);
    r.what_worked = st.text(2);
    r.what_did_not = st.text(3);
    r.what_we_learned = st.text(4);
    r.reviewer_id = st.opt_i64(5);
    r.at = to_instant(st.text(6));
    r.version = st.i64(7);
    auto os = c_->prepare(
        "SELECT key_result_id, score, reason, set_by FROM score_overrides WHERE review_id = ? "
        "ORDER BY key_result_id");
    os.bind(r.id);
    while (os.step()) r.overrides.push_back({os.i64(0), os.f64(1), os.text(2), os.opt_i64(3)});
    return r;
  }

  // ---- retrospectives
  Id put_retrospective(const Retrospective& r) override {
    c_->prepare(
          "INSERT INTO retrospectives (cycle_id, team_id, problem, inputs, friction, evidence, "
          "author_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
          "ON CONFLICT (cycle_id, ifnull(team_id, 0)) DO UPDATE SET problem = excluded.problem, "
          "inputs = excluded.inputs, friction = excluded.friction, evidence = excluded.evidence, "
          "author_id = excluded.author_id, at = excluded.at, version = retrospectives.version + 1")
        .bind_all(r.cycle_id, r.team_id, r.problem, r.inputs, r.friction, r.evidence, r.author_id,
                  format_instant(r.at))
        .run();
    auto found = find_retrospective(r.cycle_id, r.team_id);
    return found->id;
  }
  std::optional<Retrospective> find_retrospective(Id cycle_id, std::optional<Id> team_id) override {
    return one(sql({"SELECT ", kRetrospectiveCols,
                    " FROM retrospectives WHERE cycle_id = ? AND ifnull(team_id, 0) = ?"}),
               read_retrospective, cycle_id, team_id.value_or(0));
  }
  std::vector<Retrospective> list_retrospectives(Id cycle_id) override {
    return all(sql({"SELECT ", kRetrospectiveCols,
                    " FROM retrospectives WHERE cycle_id = ? ORDER BY ifnull(team_id, 0)"}),
               read_retrospective, cycle_id);
  }

  // ---- settings
  std::optional<std::string> setting(const std::string& name) override {
    auto st = c_->prepare("SELECT value FROM settings WHERE key = ?");
    st.bind(name);
    if (!st.step()) return std::nullopt;
    return st.text(0);
  }
  void put_setting(const std::string& name, const std::string& value) override {
    c_->prepare(
          "INSERT INTO settings (key, value) VALUES (?, ?) "
          "ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        .bind_all(name, value)
        .run();
  }

  // ---- audit
  Id add_audit_event(const AuditEvent& e) override {
    c_->prepare(
          "INSERT INTO audit_events (at, actor_id, action, entity_type, entity_id, before_json, "
          "after_json) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .bind_all(format_instant(e.at), e.actor_id, e.action, e.entity_type, e.entity_id, e.before,
                  e.after)
        .run();
    return c_->last_insert_id();
  }
  std::vector<AuditEvent> list_audit_events(std::optional<Id> before_id, int limit) override {
    return all(sql({"SELECT ", kAuditCols,
                    " FROM audit_events WHERE (?1 IS NULL OR id < ?1) ORDER BY id DESC LIMIT ?2"}),
               read_audit, before_id, limit);
  }

  // ---- sessions and tokens
  void create_session(const Session& s) override {
    c_->prepare(
          "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)")
        .bind_all(s.token_hash, s.user_id, format_instant(s.created_at),
                  format_instant(s.expires_at))
        .run();
  }
  std::optional<Session> find_session(const std::string& token_hash) override {
    auto st = c_->prepare(
        "SELECT token_hash, user_id, created_at, expires_at FROM sessions WHERE token_hash = ?");
    st.bind(token_hash);
    if (!st.step()) return std::nullopt;
    return Session{st.text(0), st.i64(1), to_instant(st.text(2)), to_instant(st.text(3))};
  }
  void delete_session(const std::string& token_hash) override {
    c_->prepare("DELETE FROM sessions WHERE token_hash = ?").bind(token_hash).run();
  }
  void delete_sessions_of(Id user_id) override {
    c_->prepare("DELETE FROM sessions WHERE user_id = ?").bind(user_id).run();
  }
  Id create_api_token(const ApiToken& t) override {
    c_->prepare(
          "INSERT INTO api_tokens (user_id, name, token_hash, created_at, expires_at) "
          "VALUES (?, ?, ?, ?, ?)")
        .bind_all(
            t.user_id, t.name, t.token_hash, format_instant(t.created_at),
            t.expires_at ? std::optional<std::string>(format_instant(*t.expires_at)) : std::nullopt)
        .run();
    return c_->last_insert_id();
  }
  std::optional<ApiToken> find_api_token(const std::string& token_hash) override {
    return one(std::string(kTokenSelect) + " WHERE token_hash = ?", read_token, token_hash);
  }
  std::optional<ApiToken> find_api_token_by_id(Id id) override {
    return one(std::string(kTokenSelect) + " WHERE id = ?", read_token, id);
  }
  std::vector<ApiToken> list_api_tokens(Id user_id) override {
    return all(std::string(kTokenSelect) + " WHERE user_id = ? ORDER BY id", read_token, user_id);
  }
  void revoke_api_token(Id id, Instant at) override {
    c_->prepare("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
        .bind_all(format_instant(at), id)
        .run();
  }

 private:
  static constexpr const char* kTokenSelect =
      "SELECT id, user_id, name, token_hash, created_at, expires_at, revoked_at FROM api_tokens";
  static ApiToken read_token(const Statement& s) {
    return ApiToken{s.i64(0),
                    s.i64(1),
                    s.text(2),
                    s.text(3),
                    to_instant(s.text(4)),
                    to_opt_instant(s, 5),
                    to_opt_instant(s, 6)};
  }

  template <class Reader, class... Args>
  auto one(const std::string& q, Reader read, const Args&... args)
      -> std::optional<decltype(read(std::declval<const Statement&>()))> {
    auto st = c_->prepare(q);
    st.bind_all(args...);
    if (!st.step()) return std::nullopt;
    return read(st);
  }

  template <class Reader, class... Args>
  auto all(const std::string& q, Reader read, const Args&... args)
      -> std::vector<decltype(read(std::declval<const Statement&>()))> {
    auto st = c_->prepare(q);
    st.bind_all(args...);
    std::vector<decltype(read(std::declval<const Statement&>()))> out;
    while (st.step()) out.push_back(read(st));
    return out;
  }

  // After an optimistic update: no row changed means gone or stale.
  std::int64_t after_update(const char* what, const char* table, Id id, std::int64_t version) {
    if (c_->changes() > 0) return version + 1;
    auto st = c_->prepare(std::string("SELECT version FROM ") + table + " WHERE id = ?");
    st.bind(id);
    if (!st.step())
      throw StoreError(ErrorCode::not_found,
                       std::string(what) + " " + std::to_string(id) + " does not exist");
    throw StoreError(ErrorCode::conflict,
                     std::string(what) + " " + std::to_string(id) +
                         " was changed by someone else " + "(version " + std::to_string(st.i64(0)) +
                         ", not " + std::to_string(version) + "); reload and try again",
                     "version");
  }

  void require_changed(const char* what, Id id) {
    if (c_->changes() == 0)
      throw StoreError(ErrorCode::not_found,
                       std::string(what) + " " + std::to_string(id) + " does not exist");
  }

  void write_contributors(Id objective_id, const std::vector<Id>& teams) {
    for (Id t : teams)
      c_->prepare(
            "INSERT OR IGNORE INTO objective_contributors (objective_id, team_id) VALUES (?, ?)")
          .bind_all(objective_id, t)
          .run();
  }

  std::optional<Objective> with_contributors(std::optional<Objective> o) {
    if (!o) return o;
    auto st = c_->prepare(
        "SELECT team_id FROM objective_contributors WHERE objective_id = ? ORDER BY team_id");
    st.bind(o->id);
    while (st.step()) o->contributing_team_ids.push_back(st.i64(0));
    return o;
  }

  void write_initiative_links(Id initiative_id, const std::vector<Id>& krs) {
    for (Id k : krs)
      c_->prepare(
            "INSERT OR IGNORE INTO initiative_key_results (initiative_id, key_result_id) "
            "VALUES (?, ?)")
          .bind_all(initiative_id, k)
          .run();
  }

  std::vector<Id> initiative_links(Id initiative_id) {
    auto st = c_->prepare(
        "SELECT key_result_id FROM initiative_key_results WHERE initiative_id = ? "
        "ORDER BY key_result_id");
    st.bind(initiative_id);
    std::vector<Id> out;
    while (st.step()) out.push_back(st.i64(0));
    return out;
  }

  SqliteStore& store_;
  std::unique_ptr<Connection> c_;
  Store::Mode mode_;
  std::chrono::steady_clock::time_point started_;
  bool done_ = false;
  std::unique_lock<std::timed_mutex> write_lock_;  // held by a write transaction until it ends
};

}  // namespace

SqliteStore::SqliteStore(std::string path) : path_(std::move(path)) {
  auto c = std::make_unique<Connection>(path_);
  read_only_ = sqlite3_db_readonly(c->handle(), "main") == 1;
  migrate(*c);
  release(std::move(c));
}

SqliteStore::~SqliteStore() = default;

std::unique_ptr<Connection> SqliteStore::acquire() {
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      return c;
    }
  }
  return std::make_unique<Connection>(path_);
}

void SqliteStore::release(std::unique_ptr<Connection> c) {
  // A connection opened while the file was read-only is dropped once it is writable.
  if (!read_only_ && sqlite3_db_readonly(c->handle(), "main") == 1) return;
  std::lock_guard lock(mu_);
  idle_.push_back(std::move(c));
}

std::unique_ptr<Transaction> SqliteStore::begin(Mode mode) {
  if (mode == Mode::write && read_only_) {
    // Connections opened while the file was read-only stay so: once a fresh one can
    // write, the pool is replaced and writes work again without a restart.
    auto fresh = std::make_unique<Connection>(path_);
    if (sqlite3_db_readonly(fresh->handle(), "main") != 1) {
      std::vector<std::unique_ptr<Connection>> stale;
      {
        std::lock_guard lock(mu_);
        stale.swap(idle_);
      }
      read_only_ = false;
    }
    return std::make_unique<SqliteTransaction>(*this, std::move(fresh), mode);
  }
  return std::make_unique<SqliteTransaction>(*this, acquire(), mode);
}

int SqliteStore::schema_version() {
  auto c = acquire();
  int v;
  {
    auto st = c->prepare("PRAGMA user_version");
    v = st.step() ? static_cast<int>(st.i64(0)) : 0;
  }
  release(std::move(c));
  return v;
}

void SqliteStore::migrate(Connection& c) {
  c.exec("BEGIN IMMEDIATE");
  try {
    int current;
    {
      auto st = c.prepare("PRAGMA user_version");
      current = st.step() ? static_cast<int>(st.i64(0)) : 0;
    }
    auto list = migrations();
    int latest = list.empty() ? 0 : list.back().version;
    if (current > latest)
      throw StoreError(ErrorCode::io, "database '" + path_ + "' has schema version " +
                                          std::to_string(current) +
                                          ", newer than this okr understands (" +
                                          std::to_string(latest) + "); upgrade okr to open it");
    for (const auto& m : list) {
      if (m.version <= current) continue;
      c.exec(m.sql);
      c.exec(("PRAGMA user_version = " + std::to_string(m.version)).c_str());
    }
    c.exec("COMMIT");
  } catch (...) {
    try {
      c.exec("ROLLBACK");
    } catch (const StoreError&) {
    }
    throw;
  }
}

}  // namespace okr::sqlite
