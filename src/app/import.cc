// Importing and exporting "OKRs as code". Import is idempotent: things are
// matched by their stable keys, updated in place when they changed, and left
// untouched (no new version, no audit event) when they did not.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <type_traits>

#include "app/alignment_rules.h"
#include "app/app.h"
#include "app/audit.h"
#include "app/importer.h"
#include "app/lookup.h"
#include "app/outbox.h"
#include "app/run.h"
#include "core/validate.h"

namespace okr::app {
namespace {

using formats::Pos;
using formats::pos_of;

[[noreturn]] void fail_at(Pos p, ErrorCode code, std::string field, std::string message) {
  fail(Error{code, std::move(field), std::move(message), p.line, p.column});
}

// How far each of a forest's rows is from its top, given each one's parent (an index
// into the same list, or npos for one whose parent is not in it): 0 for a top. A row in
// a loop, or under one, gets -1. Iterative: a chain of thousands costs no stack.
std::vector<long> chain_depths(const std::vector<std::size_t>& parent) {
  constexpr long unknown = -2, walking = -3;
  const auto npos = std::string::npos;
  std::vector<long> depth(parent.size(), unknown);
  std::vector<std::size_t> path;
  for (std::size_t i = 0; i < parent.size(); ++i) {
    path.clear();
    std::size_t at = i;
    while (at != npos && depth[at] == unknown) {
      depth[at] = walking;
      path.push_back(at);
      at = parent[at];
    }
    long below = at == npos ? -1 : depth[at];  // the depth of the row above the path's top
    const bool loop = below == walking || (at != npos && below == -1);
    for (std::size_t k = path.size(); k-- > 0;) depth[path[k]] = loop ? -1 : ++below;
  }
  return depth;
}

// One kind of row (teams, objectives, key results) as an import has read or written it,
// by key (nullopt: known not to exist) and by id. The import is the only writer in its
// transaction and keeps these in step with what it writes.
template <class T>
struct Known {
  std::map<std::string, std::optional<T>> by_key;
  std::map<Id, std::string> key_of;  // by id: the key to look up in by_key
  bool all = false;                  // by_key holds every row: a key not in it does not exist

  void keep(const T& v) {
    by_key[v.key] = v;
    key_of[v.id] = v.key;
  }
  void absent(const std::string& key) { by_key[key] = std::nullopt; }
  // By key, else `find()` once.
  template <class Find>
  std::optional<T> keyed(const std::string& key, Find find) {
    if (auto it = by_key.find(key); it != by_key.end()) return it->second;
    if (all) return std::nullopt;
    auto v = find();
    if (v)
      keep(*v);
    else
      absent(key);
    return v;
  }
  // By id, else `find()` once.
  template <class Find>
  std::optional<T> with_id(Id id, Find find) {
    if (auto it = key_of.find(id); it != key_of.end())
      if (auto row = by_key.find(it->second); row != by_key.end() && row->second)
        return row->second;
    auto v = find();
    if (v) keep(*v);
    return v;
  }
};

// Carries the transaction, the actor and the tally through one import.
class Importer {
 public:
  Importer(Transaction& tx, const Actor& actor, Instant now, const Progress& progress)
      : tx_(tx), actor_(actor), now_(now), progress_(progress) {}

  ImportSummary run(const formats::OkrFile& f) {
    summary_.cycle = f.cycle;
    Cycle cycle = upsert_cycle(f);
    read_people_at_once(f);
    read_known_at_once(f);
    // What is new is written together, many rows a statement (create_teams,
    // create_objectives, the key results below), in place where what it names is known;
    // other moves in the tree and alignments after everything they may name exists, so
    // order in the file does not matter, also together (relink).
    for (const auto& t : f.teams) upsert_team(t);
    create_teams();
    for (const auto& t : f.teams) link_team_parent(t);
    relink(moved_teams_, [&](const auto& rows) { tx_.update_team_parents(rows); });
    std::vector<std::pair<const formats::FileObjective*, Objective>> stored;
    stored.reserve(f.objectives.size());
    const int total = static_cast<int>(f.objectives.size());
    for (const auto& o : f.objectives) {
      stored.emplace_back(&o, upsert_objective(o, cycle));
      if (progress_) progress_(static_cast<int>(stored.size()), total, "objectives");
    }
    create_objectives(stored);
    std::vector<KeyResult> key_results;  // the new ones, until written
    for (auto& [fo, o] : stored)
      for (const auto& k : fo->key_results)
        if (auto n = upsert_key_result(k, o, cycle)) key_results.push_back(std::move(*n));
    const auto ids = tx_.create_key_results(key_results);
    for (std::size_t i = 0; i < key_results.size(); ++i) {
      key_results[i].id = ids[i];
      key_results[i].version = 1;
      known(key_results[i]);
      created("key_result", ids[i], key_results[i]);
    }
    key_results.clear();
    for (auto& [fo, o] : stored) {
      if (created_objectives_.count(o.id)) continue;  // it has only the file's
      std::set<std::string> in_file;
      for (const auto& k : fo->key_results) in_file.insert(k.key);
      for (const auto& k : tx_.list_key_results(o.id))
        if (!in_file.count(k.key)) summary_.kept_key_results.push_back(k.key);
    }
    for (auto& [fo, o] : stored) link_objective_parent(*fo, o);
    relink(realigned_, [&](const auto& rows) { tx_.update_objective_alignments(rows); });
    tell_objectives();
    return summary_;
  }

 private:
  // The rows `changed` holds (before, after: a new place in the tree or a new alignment)
  // written together by `update`; each counts as updated, with its new version.
  template <class T, class Update>
  void relink(std::vector<std::pair<T, T>>& changed, Update update) {
    if (changed.empty()) return;
    std::vector<T> after;
    after.reserve(changed.size());
    for (const auto& c : changed) after.push_back(c.second);
    update(after);
    for (auto& [before, a] : changed) {
      a.version = before.version + 1;
      known(a);
      updated(type_of(a), a.id, before, a);
    }
    changed.clear();
  }
  static const char* type_of(const Team&) { return "team"; }
  static const char* type_of(const Objective&) { return "objective"; }

  // Each thing counts once in the summary, however many steps of the import touch it.
  template <class T>
  void created(const char* type, Id id, const T& after) {
    ++summary_.created;
    touched_.insert({type, id});
    audit<T>(tx_, actor_, now_, "import", type, id, std::nullopt, after);
    if constexpr (std::is_same_v<T, Objective>) created_objectives_.insert(id);
  }
  template <class T>
  void updated(const char* type, Id id, const T& before, const T& after) {
    if (touched_.insert({type, id}).second) ++summary_.updated;
    audit<T>(tx_, actor_, now_, "import", type, id, before, after);
    if constexpr (std::is_same_v<T, Objective>) updated_objectives_.insert(id);
  }
  // Webhooks hear of each objective the import created or changed once, as it ends up
  // (one read when none listens, so a large import pays nothing without one).
  void tell_objectives() {
    if (created_objectives_.empty() && updated_objectives_.empty()) return;
    if (tx_.list_endpoints().empty()) return;
    for (Id id : created_objectives_)
      if (auto o = tx_.find_objective(id)) tell_objective(tx_, now_, "objective.created", *o);
    for (Id id : updated_objectives_)
      if (!created_objectives_.count(id))
        if (auto o = tx_.find_objective(id)) tell_objective(tx_, now_, "objective.updated", *o);
  }
  // A thing first seen unchanged and then changed by a later step counts as updated.
  void unchanged(const char* type, Id id) {
    ++summary_.unchanged;
    unchanged_.insert({type, id});
  }

  // A closed cycle is locked: its OKRs may not change, by a file either.
  void check_open(Id cycle_id, Pos pos, const std::string& what) {
    // Read once a cycle: an import changes no cycle's state after upsert_cycle.
    auto it = cycles_.find(cycle_id);
    if (it == cycles_.end()) it = cycles_.emplace(cycle_id, tx_.find_cycle(cycle_id)).first;
    const auto& c = it->second;
    if (!c || c->state != CycleState::closed) return;
    fail_at(pos, ErrorCode::conflict, "cycle",
            "cycle " + c->name + " is closed, so its OKRs are locked: cannot change " + what +
                "; an administrator may reopen it");
  }

  Cycle upsert_cycle(const formats::OkrFile& f) {
    auto existing = tx_.find_cycle_by_name(f.cycle);
    Cycle c = existing.value_or(Cycle{});
    c.name = f.cycle;
    if (!existing) {
      auto quarter = quarter_range(f.cycle);
      if (!(f.start && f.end) && !quarter)
        fail_at(f.pos, ErrorCode::invalid, "cycle",
                "cycle '" + f.cycle +
                    "' is not a quarter name like 2026-Q4; give its start: and end: dates");
      c.start = f.start.value_or(quarter ? quarter->start : Date{});
      c.end = f.end.value_or(quarter ? quarter->end : Date{});
      c.state = CycleState::planning;
      auto today = std::chrono::sys_days{date_of(now_)};
      if (std::chrono::sys_days{c.start} <= today) c.state = CycleState::active;
      if (std::chrono::sys_days{c.end} < today) c.state = CycleState::grading;
    } else {
      if (f.start) c.start = *f.start;
      if (f.end) c.end = *f.end;
    }
    if (auto e = validate(c)) fail_at(f.pos, ErrorCode::invalid, "cycle", e->message);
    if (!existing) {
      c.id = tx_.create_cycle(c);
      c.version = 1;
      created("cycle", c.id, c);
    } else if (!(c == *existing)) {
      c.version = tx_.update_cycle(c);
      updated("cycle", c.id, *existing, c);
    } else {
      unchanged("cycle", c.id);
    }
    return c;
  }

  // Teams, objectives and key results as the import has read or written them (see
  // Known): each is read once however often the file names it, and a large file has them
  // read together (read_known_at_once).
  std::optional<Team> team_keyed(const std::string& key) {
    return teams_.keyed(key, [&] { return tx_.find_team_by_key(key); });
  }
  std::optional<Team> team_with_id(Id id) {
    return teams_.with_id(id, [&] { return tx_.find_team(id); });
  }
  std::optional<Objective> objective_keyed(const std::string& key) {
    return objectives_.keyed(key, [&] { return tx_.find_objective_by_key(key); });
  }
  std::optional<Objective> objective_with_id(Id id) {
    return objectives_.with_id(id, [&] { return tx_.find_objective(id); });
  }
  std::optional<KeyResult> key_result_keyed(const std::string& key) {
    return key_results_.keyed(key, [&] { return tx_.find_key_result_by_key(key); });
  }
  void known(const Team& t) { teams_.keep(t); }
  void known(const Objective& o) { objectives_.keep(o); }
  void known(const KeyResult& k) { key_results_.keep(k); }

  // A large file (a whole organisation's) has every team, and the objectives and key
  // results it names, read in three statements instead of one each.
  void read_known_at_once(const formats::OkrFile& f) {
    constexpr std::size_t kAtOnce = 256;
    std::size_t key_results = 0;
    for (const auto& o : f.objectives) key_results += o.key_results.size();
    if (f.teams.size() + f.objectives.size() + key_results < kAtOnce) return;
    for (const auto& t : tx_.list_teams()) known(t);
    teams_.all = true;
    std::vector<std::string> objective_keys, key_result_keys;
    for (const auto& o : f.objectives) {
      objective_keys.push_back(o.key);
      if (!o.aligns_to.empty()) objective_keys.push_back(o.aligns_to);
      if (!o.aligns_to_key_result.empty()) key_result_keys.push_back(o.aligns_to_key_result);
      for (const auto& k : o.key_results) key_result_keys.push_back(k.key);
    }
    for (const auto& key : objective_keys) objectives_.absent(key);
    for (const auto& o : tx_.find_objectives_by_keys(objective_keys)) known(o);
    for (const auto& key : key_result_keys) key_results_.absent(key);
    for (const auto& k : tx_.find_key_results_by_keys(key_result_keys)) known(k);
  }

  // A file naming many people (a whole organisation's) has them read in one statement,
  // and those who are new created together, a few statements in all; a few are looked up
  // one by one as they are met. Either way they are created in the order the import meets
  // them (teams' leads and members, then owners of objectives, then of key results).
  void read_people_at_once(const formats::OkrFile& f) {
    constexpr std::size_t kAtOnce = 256;
    std::vector<std::string> named;
    std::set<std::string> seen;
    auto add = [&](const std::string& email) {
      if (email.empty()) return;
      auto e = normalize_email(email);
      if (seen.insert(e).second) named.push_back(std::move(e));
    };
    for (const auto& t : f.teams) {
      add(t.lead);
      for (const auto& m : t.members) add(m);
    }
    for (const auto& o : f.objectives) add(o.owner);
    for (const auto& o : f.objectives)
      for (const auto& k : o.key_results) add(k.owner);
    if (named.size() < kAtOnce) return;
    for (const auto& u : tx_.list_users()) users_[normalize_email(u.email)] = u.id;
    all_users_read_ = true;
    std::vector<User> added;
    for (const auto& email : named)  // one not an address fails where it is met
      if (!users_.count(email) && is_plausible_email(email)) added.push_back(new_user(email));
    const auto ids = tx_.create_users(added);
    for (std::size_t i = 0; i < added.size(); ++i) {
      added[i].id = ids[i];
      created_user(added[i]);
    }
  }

  // A new user for an unknown address, named after it ("ana.lopez@" is "Ana Lopez").
  static User new_user(const std::string& email) {
    User n;
    n.email = email;
    std::string local = email.substr(0, email.find('@'));
    for (size_t i = 0; i < local.size(); ++i) {
      char ch = local[i] == '.' || local[i] == '_' ? ' ' : local[i];
      if (i == 0 || local[i - 1] == '.' || local[i - 1] == '_')
        ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      n.name += ch;
    }
    return n;
  }
  void created_user(User& n) {
    n.version = 1;
    created("user", n.id, n);
    summary_.new_accounts.push_back(n.email);
    users_[n.email] = n.id;
  }

  // Users are named by e-mail in files; an unknown address becomes a new user.
  std::optional<Id> user(const std::string& email_in, Pos pos, const char* field) {
    if (email_in.empty()) return std::nullopt;
    std::string email = normalize_email(email_in);
    if (auto it = users_.find(email); it != users_.end()) return it->second;
    if (!is_plausible_email(email))
      fail_at(pos, ErrorCode::invalid, field,
              std::string(field) + " '" + email_in + "' is not an e-mail address");
    if (!all_users_read_)
      if (auto u = tx_.find_user_by_email(email)) {
        users_[email] = u->id;
        return u->id;
      }
    User n = new_user(email);
    n.id = tx_.create_user(n);
    created_user(n);
    return n.id;
  }

  std::string email_of(std::optional<Id> id) {
    if (!id) return "nobody";
    auto u = tx_.find_user(*id);
    return u ? u->email : "user " + std::to_string(*id);
  }
  std::string key_of_team(std::optional<Id> id) {
    if (!id) return "the top";
    auto t = team_with_id(*id);
    return t ? "'" + t->key + "'" : "team " + std::to_string(*id);
  }
  // Records a change to a team that existed before this import.
  void organisation_change(const Team& before, const Team& after) {
    if (created_teams_.count(before.id)) return;
    std::string what;
    auto add = [&](std::string part) { what += (what.empty() ? "" : ", ") + part; };
    if (before.name != after.name) add("name '" + before.name + "' → '" + after.name + "'");
    if (before.function != after.function)
      add("function " + before.function + " → " + after.function);
    if (before.lead_id != after.lead_id)
      add("lead " + email_of(before.lead_id) + " → " + email_of(after.lead_id));
    if (before.parent_id != after.parent_id)
      add("moves from under " + key_of_team(before.parent_id) + " to under " +
          key_of_team(after.parent_id));
    if (!what.empty()) summary_.organisation_changes.push_back("team '" + after.key + "': " + what);
  }
  void membership_change(const Team& t, Id user_id, TeamRole role) {
    if (created_teams_.count(t.id)) return;
    for (const auto& m : tx_.list_memberships(t.id, user_id))
      if (m.user_id == user_id && m.role == role) return;
    summary_.organisation_changes.push_back("team '" + t.key + "': " + email_of(user_id) +
                                            " becomes " + std::string(to_string(role)));
  }

  // A team new to the store is only noted (new_teams_), and written by create_teams.
  void upsert_team(const formats::FileTeam& ft) {
    auto existing = team_keyed(ft.key);
    Team t = existing.value_or(Team{});
    t.key = ft.key;
    t.name = ft.name;
    t.function = ft.function;
    t.lead_id = user(ft.lead, pos_of(ft, "lead"), "lead");
    if (auto e = validate(t))
      fail_at(pos_of(ft, e->field), ErrorCode::invalid, e->field, e->message);
    if (!existing) {
      // A team made by this import has only the memberships the file gives it: they are
      // written with every other new team's (create_teams).
      NewTeam n{t, &ft, {}};
      for (const auto& m : ft.members)
        n.members.push_back({0, *user(m, pos_of(ft, "members"), "member"), TeamRole::member});
      if (t.lead_id) n.members.push_back({0, *t.lead_id, TeamRole::lead});
      new_teams_.push_back(std::move(n));
      return;
    }
    if (!(t == *existing)) {
      organisation_change(*existing, t);
      t.version = tx_.update_team(t);
      known(t);
      updated("team", t.id, *existing, t);
    } else {
      unchanged("team", t.id);
    }
    for (const auto& m : ft.members) {
      auto uid = user(m, pos_of(ft, "members"), "member");
      bool present = false;
      for (const auto& mm : tx_.list_memberships(t.id, *uid))
        present = present || mm.user_id == *uid;
      if (!present) {
        membership_change(t, *uid, TeamRole::member);
        tx_.put_membership({t.id, *uid, TeamRole::member});
      }
    }
    if (t.lead_id) {
      membership_change(t, *t.lead_id, TeamRole::lead);
      tx_.put_membership({t.id, *t.lead_id, TeamRole::lead});
    }
  }

  // Writes the teams upsert_team found new, with ids in the file's order, then all their
  // memberships. Each is written under the parent the file names when that parent
  // exists or is new too (parents first), so link_team_parent finds it in place; one
  // whose parent is missing, or whose new parents loop, is written at the top, and
  // link_team_parent says what is wrong.
  void create_teams() {
    if (new_teams_.empty()) return;
    const auto ids = tx_.reserve_ids("teams", new_teams_.size());
    std::map<std::string, std::size_t> fresh;
    for (std::size_t i = 0; i < new_teams_.size(); ++i) {
      new_teams_[i].team.id = ids[i];
      fresh[new_teams_[i].team.key] = i;
    }
    const std::size_t n = new_teams_.size();
    std::vector<std::size_t> parent(n, std::string::npos);
    for (std::size_t i = 0; i < n; ++i)
      if (auto at = fresh.find(new_teams_[i].file->parent); at != fresh.end())
        parent[i] = at->second;
    const auto depth = chain_depths(parent);
    for (std::size_t i = 0; i < n; ++i) {
      const auto& key = new_teams_[i].file->parent;
      if (key.empty() || depth[i] < 0) continue;  // at the top; a loop is refused later
      if (parent[i] != std::string::npos)
        new_teams_[i].team.parent_id = ids[parent[i]];
      else if (auto p = team_keyed(key))
        new_teams_[i].team.parent_id = p->id;
    }
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return std::max(depth[a], 0L) < std::max(depth[b], 0L);
    });
    std::vector<Team> rows;
    rows.reserve(n);
    for (std::size_t i : order) rows.push_back(new_teams_[i].team);
    tx_.create_teams(rows);
    std::vector<Membership> given;
    for (auto& nt : new_teams_) {
      nt.team.version = 1;
      known(nt.team);
      created_teams_.insert(nt.team.id);
      created("team", nt.team.id, nt.team);
      for (auto m : nt.members) {
        m.team_id = nt.team.id;
        given.push_back(m);
      }
    }
    tx_.put_memberships(given);
    new_teams_.clear();
  }

  // Writes the objectives upsert_objective found new, with ids in the file's order. One
  // aligned in the file to an objective the rules allow (one that exists, or a new one)
  // is written aligned, those it aligns to first; link_objective_parent then finds it in
  // place, and refuses the others with the reason.
  void create_objectives(std::vector<std::pair<const formats::FileObjective*, Objective>>& stored) {
    std::vector<std::size_t> fresh;
    for (std::size_t i = 0; i < stored.size(); ++i)
      if (stored[i].second.id == 0) fresh.push_back(i);
    if (fresh.empty()) return;
    const auto ids = tx_.reserve_ids("objectives", fresh.size());
    for (std::size_t i = 0; i < fresh.size(); ++i) {
      auto& o = stored[fresh[i]].second;
      o.id = ids[i];
      o.version = 1;
      known(o);
    }
    for (std::size_t i : fresh) {
      const auto* fo = stored[i].first;
      auto& o = stored[i].second;
      if (fo->aligns_to.empty() || !fo->aligns_to_key_result.empty()) continue;
      auto p = objective_keyed(fo->aligns_to);
      if (!p || alignment_refusal(
                    tx_, o, *p, [&](Id id) { return team_with_id(id); },
                    [&](Id id) { return objective_with_id(id); }))
        continue;
      o.parent_id = p->id;
      known(o);  // the loop check of those after it sees it aligned
    }
    // Parents before the objectives aligned to them: a row may only name one written
    // before it or in the same statement.
    std::map<Id, std::size_t> index;  // by reserved id, into fresh
    for (std::size_t i = 0; i < fresh.size(); ++i) index[ids[i]] = i;
    std::vector<std::size_t> parent(fresh.size(), std::string::npos);
    for (std::size_t i = 0; i < fresh.size(); ++i)
      if (const auto& up = stored[fresh[i]].second.parent_id)
        if (auto at = index.find(*up); at != index.end()) parent[i] = at->second;
    const auto depth = chain_depths(parent);
    std::vector<std::size_t> order(fresh.size());
    for (std::size_t i = 0; i < fresh.size(); ++i) {
      order[i] = i;
      // The rules let no loop through; were one to, it is left to link_objective_parent.
      if (depth[i] < 0) stored[fresh[i]].second.parent_id.reset();
    }
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return std::max(depth[a], 0L) < std::max(depth[b], 0L);
    });
    std::vector<Objective> rows;
    rows.reserve(order.size());
    for (std::size_t i : order) rows.push_back(stored[fresh[i]].second);
    tx_.create_objectives(rows);
    for (std::size_t i : fresh) created("objective", stored[i].second.id, stored[i].second);
  }

  void link_team_parent(const formats::FileTeam& ft) {
    // No parent: field keeps the stored place in the tree. An export of one team leaves
    // out the parent outside the file, and importing it back must not move the team.
    if (ft.parent.empty() && !ft.fields.count("parent")) return;
    auto t = *team_keyed(ft.key);
    std::optional<Id> parent;
    if (!ft.parent.empty()) {
      auto p = team_keyed(ft.parent);
      if (!p)
        fail_at(pos_of(ft, "parent"), ErrorCode::not_found, "parent",
                "parent team '" + ft.parent + "' does not exist; add it under teams:");
      // Walking up from the parent must not reach this team.
      for (std::optional<Id> cur = p->id; cur; cur = team_with_id(*cur)->parent_id)
        if (*cur == t.id)
          fail_at(pos_of(ft, "parent"), ErrorCode::invalid, "parent",
                  "team '" + ft.key + "' cannot be placed under '" + ft.parent +
                      "': that would make a loop in the organisation tree");
      parent = p->id;
    }
    if (t.parent_id == parent) return;
    Team before = t;
    t.parent_id = parent;
    organisation_change(before, t);
    known(t);  // the walk up from a later team's parent sees it moved
    if (unchanged_.erase({"team", t.id})) --summary_.unchanged;
    moved_teams_.emplace_back(std::move(before), t);
  }

  Objective upsert_objective(const formats::FileObjective& fo, const Cycle& cycle) {
    auto team = team_keyed(fo.team);
    if (!team)
      fail_at(pos_of(fo, "team"), ErrorCode::not_found, "team",
              "team '" + fo.team + "' does not exist; add it under teams: or import it first");
    auto existing = objective_keyed(fo.key);
    if (existing && existing->cycle_id != cycle.id)
      fail_at(pos_of(fo, "key"), ErrorCode::conflict, "key",
              "objective key '" + fo.key + "' is already used in cycle " +
                  tx_.find_cycle(existing->cycle_id)->name +
                  "; keys are unique across cycles, so choose a new one");
    Objective o = existing.value_or(Objective{});
    o.key = fo.key;
    o.cycle_id = cycle.id;
    o.team_id = team->id;
    o.title = fo.title;
    o.description = fo.description;
    o.kind = fo.kind;
    o.owner_id = user(fo.owner, pos_of(fo, "owner"), "owner");
    o.contributing_team_ids.clear();
    for (const auto& c : fo.contributors) {
      auto ct = team_keyed(c);
      if (!ct)
        fail_at(pos_of(fo, "contributors"), ErrorCode::not_found, "contributors",
                "contributing team '" + c + "' does not exist");
      if (ct->id != team->id) o.contributing_team_ids.push_back(ct->id);
    }
    std::sort(o.contributing_team_ids.begin(), o.contributing_team_ids.end());
    o.contributing_team_ids.erase(
        std::unique(o.contributing_team_ids.begin(), o.contributing_team_ids.end()),
        o.contributing_team_ids.end());
    if (auto e = validate(o))
      fail_at(pos_of(fo, e->field), ErrorCode::invalid, e->field, e->message);
    if (!existing || !(o == *existing))
      check_open(o.cycle_id, fo.pos, "objective '" + fo.key + "'");
    if (!existing) {
      o.id = 0;  // written with the other new ones (create_new)
      return o;
    }
    if (!(o == *existing)) {
      o.version = tx_.update_objective(o);
      known(o);
      updated("objective", o.id, *existing, o);
    } else {
      unchanged("objective", o.id);
    }
    return o;
  }

  void link_objective_parent(const formats::FileObjective& fo, Objective& o) {
    std::optional<Id> parent, parent_key_result;
    const bool by_key_result = !fo.aligns_to_key_result.empty();
    const char* field = by_key_result ? "aligns_to_key_result" : "aligns_to";
    const std::string& target = by_key_result ? fo.aligns_to_key_result : fo.aligns_to;
    if (!target.empty()) {
      std::optional<Objective> p;
      if (by_key_result) {
        auto kr = key_result_keyed(target);
        if (!kr)
          fail_at(pos_of(fo, field), ErrorCode::not_found, field,
                  "key result '" + target + "' to align to does not exist");
        parent_key_result = kr->id;
        p = objective_with_id(kr->objective_id);
      } else {
        p = objective_keyed(target);
        if (!p)
          fail_at(pos_of(fo, field), ErrorCode::not_found, field,
                  "objective '" + target + "' to align to does not exist");
      }
      parent = p->id;
      // An alignment the file leaves as it is stays, even if made under older rules.
      const bool unchanged = o.parent_id == parent && o.parent_key_result_id == parent_key_result;
      if (auto why = unchanged ? std::nullopt
                               : alignment_refusal(
                                     tx_, o, *p, [&](Id id) { return team_with_id(id); },
                                     [&](Id id) { return objective_with_id(id); }))
        fail_at(pos_of(fo, field), ErrorCode::invalid, field,
                "objective '" + fo.key + "' cannot align to '" + target + "': " + *why);
    }
    if (o.parent_id == parent && o.parent_key_result_id == parent_key_result) return;
    check_open(o.cycle_id, pos_of(fo, "aligns_to"), "objective '" + fo.key + "'");
    Objective before = o;
    o.parent_id = parent;
    o.parent_key_result_id = parent_key_result;
    known(o);  // a later objective's walk for loops sees it aligned
    if (unchanged_.erase({"objective", o.id})) --summary_.unchanged;
    realigned_.emplace_back(std::move(before), o);
  }

  // A key result new to the store is returned, to be written with the others
  // (create_new); nullopt for one that exists.
  std::optional<KeyResult> upsert_key_result(const formats::FileKeyResult& fk, const Objective& o,
                                             const Cycle& cycle) {
    auto existing = key_result_keyed(fk.key);
    if (existing && existing->objective_id != o.id) {
      auto other = objective_with_id(existing->objective_id);
      if (other->cycle_id != cycle.id)
        fail_at(pos_of(fk, "key"), ErrorCode::conflict, "key",
                "key result key '" + fk.key + "' is already used in cycle " +
                    tx_.find_cycle(other->cycle_id)->name + "; choose a new one");
    }
    KeyResult k = existing.value_or(KeyResult{});
    k.key = fk.key;
    k.objective_id = o.id;
    if (existing)
      if (auto why = key_result_move_refusal(tx_, *existing, k))
        fail_at(pos_of(fk, "key"), ErrorCode::invalid, "key",
                "key result '" + fk.key + "': " + *why);
    k.title = fk.title;
    k.metric = fk.metric;
    k.unit = fk.unit;
    double default_target = fk.metric == MetricKind::milestone ? 100 : 1;
    bool numeric = fk.metric == MetricKind::number || fk.metric == MetricKind::percent ||
                   fk.metric == MetricKind::currency;
    if (numeric && !fk.start)
      fail_at(fk.pos, ErrorCode::invalid, "start",
              "key result '" + fk.key + "' needs a start (its baseline) to be measurable");
    if (numeric && !fk.target)
      fail_at(fk.pos, ErrorCode::invalid, "target",
              "key result '" + fk.key + "' needs a target to be measurable");
    if (fk.metric == MetricKind::range && (!fk.low || !fk.high))
      fail_at(fk.pos, ErrorCode::invalid, "low",
              "range key result '" + fk.key + "' needs low: and high: (the band to stay within)");
    k.start = fk.start.value_or(0);
    k.target = fk.target.value_or(fk.metric == MetricKind::range ? 0 : default_target);
    k.range_low = fk.low.value_or(0);
    k.range_high = fk.high.value_or(0);
    k.tolerance = fk.tolerance.value_or(0);
    k.weight = fk.weight.value_or(1);
    k.owner_id = user(fk.owner, pos_of(fk, "owner"), "owner");
    k.indicator = fk.indicator;
    k.driven_by_aligned = fk.driven_by_aligned;
    k.kpi_id.reset();
    if (!fk.kpi.empty()) {
      auto kpi = tx_.find_kpi_by_key(fk.kpi);
      if (!kpi)
        fail_at(pos_of(fk, "kpi"), ErrorCode::not_found, "kpi",
                "KPI '" + fk.kpi + "' does not exist");
      k.kpi_id = kpi->id;
    }
    if (auto e = validate(k))
      fail_at(pos_of(fk, e->field), ErrorCode::invalid, e->field, e->message);
    if (!existing || !(k == *existing))  // k.objective_id is o's
      check_open(o.cycle_id, fk.pos, "key result '" + fk.key + "'");
    if (!existing) return k;
    if (!(k == *existing)) {
      k.version = tx_.update_key_result(k);
      known(k);
      updated("key_result", k.id, *existing, k);
    } else {
      unchanged("key_result", k.id);
    }
    return std::nullopt;
  }

  Transaction& tx_;
  const Actor& actor_;
  Instant now_;
  ImportSummary summary_;
  std::map<std::string, Id> users_;
  bool all_users_read_ = false;  // users_ holds every user
  Known<Team> teams_;
  Known<Objective> objectives_;
  Known<KeyResult> key_results_;
  std::map<Id, std::optional<Cycle>> cycles_;
  std::set<std::pair<std::string, Id>> touched_, unchanged_;
  std::set<Id> created_teams_;
  // New teams (with the memberships the file gives them) until create_teams writes them.
  struct NewTeam {
    Team team;
    const formats::FileTeam* file;
    std::vector<Membership> members;  // team_id set when written
  };
  std::vector<NewTeam> new_teams_;
  // Moves in the tree and new alignments (before, after) until relink writes them.
  std::vector<std::pair<Team, Team>> moved_teams_;
  std::vector<std::pair<Objective, Objective>> realigned_;
  std::set<Id> created_objectives_, updated_objectives_;
  const Progress& progress_;  // by this import: changing them needs no consent
};

}  // namespace

ImportSummary import_into(Transaction& tx, const formats::OkrFile& file, const Actor& actor,
                          Instant now, const Progress& progress) {
  return Importer(tx, actor, now, progress).run(file);
}

Result<ImportSummary> App::import_okrs(const formats::OkrFile& file, const Actor& actor,
                                       const ImportOptions& options) {
  return run(store_, Store::Mode::write, [&](Transaction& tx) {
    tx.defer_search_index();
    auto summary = import_into(tx, file, actor, now(), options.progress);
    if (!summary.organisation_changes.empty() && !options.change_existing_teams) {
      std::string message = "this import would change " +
                            std::to_string(summary.organisation_changes.size()) +
                            " thing(s) about teams it did not create:";
      for (const auto& c : summary.organisation_changes) message += "\n  " + c;
      message += "\nnothing was imported; to apply these changes, import again with --yes";
      fail(Error::conflict("teams", message));
    }
    return summary;
  });
}

Result<formats::OkrFile> App::export_okrs(const std::string& cycle_name,
                                          const std::optional<std::string>& team_key) {
  return run(store_, Store::Mode::read, [&](Transaction& tx) {
    std::optional<Cycle> cycle = cycle_named(tx, cycle_name, today());
    formats::OkrFile f;
    f.cycle = cycle->name;
    // Dates are written only when the name does not imply them.
    auto quarter = quarter_range(cycle->name);
    if (!quarter || !(quarter->start == cycle->start) || !(quarter->end == cycle->end)) {
      f.start = cycle->start;
      f.end = cycle->end;
    }
    const auto tree = tx.list_teams();  // parents before children
    std::map<Id, Team> teams;
    for (const auto& t : tree) teams[t.id] = t;
    std::map<Id, std::string> emails;
    for (const auto& u : tx.list_users()) emails[u.id] = u.email;
    auto email = [&](std::optional<Id> id) { return id ? emails[*id] : std::string(); };

    std::optional<Id> root;
    if (team_key) {
      root = team_keyed(tx, *team_key).id;
    }
    auto in_scope = [&](Id team) {
      if (!root) return true;
      for (std::optional<Id> cur = team; cur; cur = teams[*cur].parent_id)
        if (*cur == *root) return true;
      return false;
    };
    // Teams in tree order; the exported root keeps no parent outside the file.
    for (const auto& t : tree) {
      if (!in_scope(t.id)) continue;
      formats::FileTeam ft;
      ft.key = t.key;
      ft.name = t.name;
      ft.function = t.function;
      if (t.parent_id && (!root || t.id != *root)) ft.parent = teams[*t.parent_id].key;
      ft.lead = email(t.lead_id);
      for (const auto& m : tx.list_memberships(t.id, std::nullopt))
        if (m.role == TeamRole::member) ft.members.push_back(email(m.user_id));
      f.teams.push_back(std::move(ft));
    }
    std::map<Id, std::string> objective_keys;
    auto objectives = tx.list_objectives({.cycle_id = cycle->id});
    for (const auto& o : objectives) objective_keys[o.id] = o.key;
    std::map<Id, std::string> kpi_keys;
    for (const auto& k : tx.list_kpis()) kpi_keys[k.id] = k.key;
    // Objectives follow the team tree, then the order they were written in.
    std::map<Id, size_t> team_rank;
    for (const auto& t : tree) team_rank.emplace(t.id, team_rank.size());
    std::stable_sort(objectives.begin(), objectives.end(), [&](const auto& a, const auto& b) {
      return team_rank[a.team_id] < team_rank[b.team_id];
    });
    for (const auto& o : objectives) {
      if (!in_scope(o.team_id)) continue;
      formats::FileObjective fo;
      fo.key = o.key;
      fo.team = teams[o.team_id].key;
      fo.title = o.title;
      fo.description = o.description;
      fo.kind = o.kind;
      fo.owner = email(o.owner_id);
      if (o.parent_id) {
        auto it = objective_keys.find(*o.parent_id);
        fo.aligns_to =
            it != objective_keys.end() ? it->second : tx.find_objective(*o.parent_id)->key;
      }
      if (o.parent_key_result_id)
        if (auto kr = tx.find_key_result(*o.parent_key_result_id)) {
          fo.aligns_to_key_result = kr->key;
          fo.aligns_to.clear();
        }
      for (Id c : o.contributing_team_ids) fo.contributors.push_back(teams[c].key);
      std::sort(fo.contributors.begin(), fo.contributors.end());
      for (const auto& k : tx.list_key_results(o.id)) {
        formats::FileKeyResult fk;
        fk.key = k.key;
        fk.title = k.title;
        fk.metric = k.metric;
        fk.unit = k.unit;
        if (k.metric == MetricKind::range) {
          fk.low = k.range_low;
          fk.high = k.range_high;
          if (k.tolerance != 0) fk.tolerance = k.tolerance;
        } else {
          fk.start = k.start;
          fk.target = k.target;
        }
        if (k.weight != 1) fk.weight = k.weight;
        fk.owner = email(k.owner_id);
        if (k.kpi_id) fk.kpi = kpi_keys[*k.kpi_id];
        fk.indicator = k.indicator;
        fk.driven_by_aligned = k.driven_by_aligned;
        fo.key_results.push_back(std::move(fk));
      }
      f.objectives.push_back(std::move(fo));
    }
    return f;
  });
}

}  // namespace okr::app
