#include "app/grading.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <set>

#include "app/audit.h"
#include "app/cycle_lock.h"
#include "app/edit.h"
#include "app/lookup.h"
#include "app/okrs.h"
#include "app/permissions.h"
#include "app/resources.h"
#include "app/run.h"
#include "app/status_input.h"
#include "core/validate.h"

namespace okr::app {
namespace {

// The status of a cycle with every check-in loaded, for one team's subtree or all.
struct Loaded {
  StatusInput input;
  std::optional<std::vector<Team>> subtree;
};
Loaded load(Transaction& tx, const Cycle& cycle, Date today,
            const std::optional<std::string>& team_key) {
  Loaded l;
  if (team_key) {
    const Team t = team_keyed(tx, *team_key);
    l.subtree = tx.list_teams_under(t.id);
    l.input =
        load_objectives_input(tx, cycle, today, *l.subtree, objectives_of(tx, cycle, *l.subtree));
    l.input.team_filter = t.id;
  } else {
    l.input = load_status_input(tx, cycle, today);
    l.input.users = tx.list_users();
  }
  load_history(tx, l.input);
  return l;
}

// The key results whose status turned from on track to off track in the last
// third of the cycle.
std::vector<Id> late_surprises(const StatusInput& in, const CycleStatus& st) {
  std::vector<Id> out;
  const int days = days_between(in.cycle.start, in.cycle.end);
  const Date two_thirds = add_days(in.cycle.start, days * 2 / 3);
  const Date last = days_between(in.today, in.cycle.end) < 0 ? in.cycle.end : in.today;
  if (days_between(two_thirds, last) <= 0) return out;
  const Date dates[] = {two_thirds, last};
  for (const auto& t : st.teams)
    for (const auto& o : t.objectives)
      for (const auto& k : o.key_results) {
        auto h = in.history.find(k.key_result.id);
        if (h == in.history.end()) continue;
        auto points = status_history(k.key_result, h->second, in.cycle, dates, in.rule,
                                     aim_of(o.objective.kind, in.rule));
        if (late_surprise(points[0].pace, points[1].pace)) out.push_back(k.key_result.id);
      }
  return out;
}

// Done sprint work per team during the cycle: (done, linked to a key result).
std::map<Id, std::pair<int, int>> work_done(Transaction& tx, const Cycle& cycle,
                                            const std::optional<std::vector<Team>>& subtree) {
  std::map<Id, Sprint> sprints;
  std::vector<Initiative> items;
  auto take = [&](std::optional<Id> team) {
    for (auto& s : tx.list_sprints(team)) sprints.emplace(s.id, s);
    for (auto& i : tx.list_initiatives(team, std::nullopt)) items.push_back(std::move(i));
  };
  if (subtree)
    for (const auto& t : *subtree) take(t.id);
  else
    take(std::nullopt);
  std::map<Id, std::pair<int, int>> out;
  for (const auto& i : items) {
    if (i.status != InitiativeStatus::done || !i.sprint_id) continue;
    auto s = sprints.find(*i.sprint_id);
    if (s == sprints.end()) continue;
    // A sprint belongs to the cycle its last day falls in.
    if (days_between(cycle.start, s->second.end) < 0 || days_between(s->second.end, cycle.end) < 0)
      continue;
    auto& [done, linked] = out[i.team_id];
    ++done;
    if (!i.key_result_ids.empty()) ++linked;
  }
  return out;
}

HealthReport health_of(Transaction& tx, const Loaded& l, const CycleStatus& st,
                       const GradedCycles& past) {
  HealthInput hi;
  hi.status = &st;
  hi.late_surprises = late_surprises(l.input, st);
  hi.work = work_done(tx, l.input.cycle, l.subtree);
  hi.team_trend = past.team_scores;
  hi.company_trend = past.company_scores;
  return practice_health(hi);
}

void check_text(const std::optional<std::string>& text, const char* field) {
  if (!text) return;
  if (auto e = okr::check_text(*text, field)) fail(*e);  // valid UTF-8, no NUL
  if (text->size() > 10000)
    fail(Error::invalid(field, std::string(field) + " is at most 10000 bytes"));
}

}  // namespace

Result<GradingDocument> grading_document(App& app, const std::optional<std::string>& cycle_name,
                                         const std::optional<std::string>& team) {
  auto cycle = app.resolve_cycle(cycle_name);
  if (!cycle) return cycle.error();
  return run(app.store(), Store::Mode::read, [&](Transaction& tx) {
    GradingDocument d;
    Loaded l = load(tx, *cycle, app.today(), team);
    // Calibration over the graded cycles up to this one, this one included once graded.
    const GradedCycles graded = graded_cycles(tx, *cycle, l.subtree);
    l.input.team_history = graded.aspirational_means;
    d.status = build_cycle_status(l.input);
    for (const auto& [team_id, cycles] : graded.by_team)
      d.calibration.emplace(team_id, calibrate(cycles));
    d.company_calibration = calibrate(graded.company);
    const GradedCycles earlier = graded_cycles(tx, *cycle, l.subtree, cycle->id);
    d.health = health_of(tx, l, d.status, earlier);
    for (const auto& t : d.status.teams) {
      d.team_names[t.team.id] = t.team.name;
      for (const auto& o : t.objectives)
        if (auto r = l.input.reviews.find(o.objective.id); r != l.input.reviews.end())
          d.reviews.emplace(o.objective.id, r->second);
    }
    std::set<Id> teams_shown;
    for (const auto& t : d.status.teams) teams_shown.insert(t.team.id);
    for (auto& r : tx.list_retrospectives(cycle->id)) {
      // The organisation's retrospective belongs to every view of the cycle; a team's
      // only to the views that show that team.
      if (r.team_id && !teams_shown.count(*r.team_id)) continue;
      if (r.team_id && !d.team_names.count(*r.team_id))
        if (auto t = tx.find_team(*r.team_id)) d.team_names[t->id] = t->name;
      d.retrospectives.push_back(std::move(r));
    }
    std::set<Id> people;
    for (const auto& [id, r] : d.reviews) {
      if (r.reviewer_id) people.insert(*r.reviewer_id);
      for (const auto& o : r.overrides)
        if (o.set_by) people.insert(*o.set_by);
    }
    for (const auto& r : d.retrospectives)
      if (r.author_id) people.insert(*r.author_id);
    for (Id id : people)
      if (auto u = tx.find_user(id)) {
        d.user_names[id] = u->name.empty() ? u->email : u->name;
        d.status.user_emails.emplace(id, u->email);
      }
    return d;
  });
}

Result<HealthDocument> health_document(App& app, const std::optional<std::string>& cycle_name,
                                       const std::optional<std::string>& team) {
  auto cycle = app.resolve_cycle(cycle_name);
  if (!cycle) return cycle.error();
  return run(app.store(), Store::Mode::read, [&](Transaction& tx) {
    HealthDocument d;
    d.cycle = *cycle;
    Loaded l = load(tx, *cycle, app.today(), team);
    d.status = build_cycle_status(l.input);
    d.health = health_of(tx, l, d.status, graded_cycles(tx, *cycle, l.subtree, cycle->id));
    return d;
  });
}

Result<Retrospective> put_retrospective(App& app, const std::string& cycle_name,
                                        const std::optional<std::string>& team,
                                        std::optional<std::int64_t> version,
                                        const RetrospectiveFields& f, const Actor& actor) {
  return run(app.store(), Store::Mode::write, [&](Transaction& tx) {
    const Cycle cycle = cycle_named(tx, cycle_name, app.today());
    std::optional<Team> t;
    if (team) {
      t = team_keyed(tx, *team);
      require(tx, actor, Permission::grade, t->id, std::nullopt,
              "write the retrospective of team '" + t->key + "'");
    } else if (!actor.admin && !leads_top_level_team(tx, actor)) {
      fail(Error::forbidden("team",
                            "only an administrator or the lead of a top-level team may "
                            "write the organisation's retrospective"));
    }
    require_open(cycle, "change its retrospective");
    check_text(f.problem, "problem");
    check_text(f.inputs, "inputs");
    check_text(f.friction, "friction");
    check_text(f.evidence, "evidence");
    auto before = tx.find_retrospective(cycle.id, t ? std::optional(t->id) : std::nullopt);
    if (!before && version == kAnyVersion)
      fail(Error::conflict("version",
                           "there is no retrospective to replace yet; send no "
                           "If-Match to write the first one"));
    if (before) {
      if (!version)
        fail(Error::conflict("version",
                             "this retrospective was already written; send the "
                             "version you read"));
      check_version(before->version, *version, "the retrospective");
    }
    Retrospective r = before.value_or(Retrospective{});
    r.cycle_id = cycle.id;
    r.team_id = t ? std::optional(t->id) : std::nullopt;
    set(r.problem, f.problem);
    set(r.inputs, f.inputs);
    set(r.friction, f.friction);
    set(r.evidence, f.evidence);
    r.author_id = actor.user_id;
    r.at = app.now();
    if (before && r.problem == before->problem && r.inputs == before->inputs &&
        r.friction == before->friction && r.evidence == before->evidence)
      return *before;
    r.id = tx.put_retrospective(r);
    r = *tx.find_retrospective(cycle.id, r.team_id);
    audit<Retrospective>(tx, actor, app.now(), before ? "update" : "create", "retrospective", r.id,
                         before, r);
    return r;
  });
}

namespace {

struct ReviewContext {
  KeyResult key_result;
  std::optional<Review> review;
};

Result<ReviewContext> review_of_key_result(App& app, const std::string& key_result) {
  return run(app.store(), Store::Mode::read, [&](Transaction& tx) {
    const KeyResult k = key_result_keyed(tx, key_result);
    return ReviewContext{k, tx.find_review(k.objective_id)};
  });
}

Result<Review> write_overrides(App& app, const ReviewContext& c,
                               std::vector<ScoreOverride> overrides, const Actor& actor) {
  ReviewFields f;
  f.overrides = std::move(overrides);
  return put_review(app, c.key_result.objective_id,
                    c.review ? std::optional(c.review->version) : std::nullopt, f, actor);
}

}  // namespace

Result<Review> override_score(App& app, const std::string& key_result, double score,
                              const std::string& reason, const Actor& actor) {
  auto c = review_of_key_result(app, key_result);
  if (!c) return c.error();
  std::vector<ScoreOverride> overrides;
  if (c->review)
    for (const auto& o : c->review->overrides)
      if (o.key_result_id != c->key_result.id) overrides.push_back(o);
  overrides.push_back({c->key_result.id, score, reason});
  return write_overrides(app, *c, std::move(overrides), actor);
}

Result<Review> clear_override(App& app, const std::string& key_result, const Actor& actor) {
  auto c = review_of_key_result(app, key_result);
  if (!c) return c.error();
  std::vector<ScoreOverride> overrides;
  bool found = false;
  if (c->review)
    for (const auto& o : c->review->overrides) {
      if (o.key_result_id == c->key_result.id)
        found = true;
      else
        overrides.push_back(o);
    }
  if (!found)
    return Error::not_found("key_result",
                            "key result '" + c->key_result.key + "' has no score override");
  return write_overrides(app, *c, std::move(overrides), actor);
}

Result<Review> reflect(App& app, const std::string& objective, const ReflectionFields& f,
                       const Actor& actor) {
  auto o = get_objective(app, objective);
  if (!o) return o.error();
  auto existing =
      run(app.store(), Store::Mode::read, [&](Transaction& tx) { return tx.find_review(o->id); });
  if (!existing) return existing.error();
  ReviewFields rf;
  rf.what_worked = f.what_worked;
  rf.what_did_not = f.what_did_not;
  rf.what_we_learned = f.what_we_learned;
  return put_review(app, o->id, *existing ? std::optional((*existing)->version) : std::nullopt, rf,
                    actor);
}

Result<Reminders> reminders(App& app, const std::optional<std::string>& cycle_name) {
  auto cycle = app.resolve_cycle(cycle_name);
  if (!cycle) return cycle.error();
  return run(app.store(), Store::Mode::read, [&](Transaction& tx) {
    Reminders out;
    out.cycle = *cycle;
    out.today = app.today();
    StatusInput in = load_status_input(tx, *cycle, out.today);
    const CycleStatus st = build_cycle_status(in);
    std::map<Id, User> users;
    for (auto& u : tx.list_users()) users.emplace(u.id, std::move(u));
    std::map<std::optional<Id>, std::vector<StaleKeyResult>> by_owner;
    for (const auto& t : st.teams)
      for (const auto& o : t.objectives)
        for (const auto& k : o.key_results) {
          if (!k.stale) continue;
          StaleKeyResult s{k.key_result, o.objective, t.team, std::nullopt, 0};
          if (k.latest) s.last_check_in = k.latest->at;
          s.days_silent = days_between(k.latest ? date_of(k.latest->at) : cycle->start, out.today);
          std::optional<Id> owner = k.key_result.owner_id;
          if (!owner) owner = o.objective.owner_id;
          if (!owner) owner = t.team.lead_id;
          if (owner && !users.count(*owner)) owner.reset();
          by_owner[owner].push_back(std::move(s));
          ++out.total;
        }
    for (auto& [owner, list] : by_owner) {
      std::sort(list.begin(), list.end(), [](const StaleKeyResult& a, const StaleKeyResult& b) {
        return a.days_silent != b.days_silent ? a.days_silent > b.days_silent
                                              : a.key_result.key < b.key_result.key;
      });
      Reminder r;
      if (owner) r.owner = users.at(*owner);
      r.key_results = std::move(list);
      out.owners.push_back(std::move(r));
    }
    std::sort(out.owners.begin(), out.owners.end(), [](const Reminder& a, const Reminder& b) {
      if (a.owner.has_value() != b.owner.has_value()) return a.owner.has_value();
      return a.owner && a.owner->email < b.owner->email;
    });
    return out;
  });
}

namespace {

// "growth-activation-2026q4" → "growth-activation-2027q1": a key ending with the old
// cycle's name (as "2026q4" or "2026-q4") has it replaced in the same style; any other
// key gets the new cycle's name appended ("growth-activation" → "growth-activation-2027q1").
std::string carried_key(const std::string& key, const Cycle& from, const Cycle& to) {
  auto lower = [](const std::string& s, bool dashes) {
    std::string out;
    for (char ch : s)
      if (dashes || ch != '-')
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return out;
  };
  for (bool dashes : {false, true}) {
    const std::string old_suffix = "-" + lower(from.name, dashes);
    if (key.size() > old_suffix.size() &&
        key.compare(key.size() - old_suffix.size(), old_suffix.size(), old_suffix) == 0)
      return key.substr(0, key.size() - old_suffix.size()) + "-" + lower(to.name, dashes);
  }
  return key + "-" + lower(to.name, false);
}

}  // namespace

Result<std::vector<CarriedObjective>> carry_over(App& app, const CarryOverRequest& request,
                                                 const Actor& actor) {
  return run(app.store(), Store::Mode::write, [&](Transaction& tx) {
    const Cycle from = cycle_named(tx, request.from, app.today());
    const Cycle to = cycle_named(tx, request.to, app.today());
    if (from.id == to.id)
      fail(Error::invalid("to", "objectives are carried into another cycle, not " + to.name));
    if (from.state != CycleState::grading && from.state != CycleState::closed)
      fail(Error::invalid("from", "cycle " + from.name + " is " +
                                      std::string(to_string(from.state)) +
                                      "; carry objectives over once it is being graded or closed"));
    require_open(to, "carry objectives into it");
    if (request.objectives.empty())
      fail(Error::invalid("objectives", "name the objectives to carry over"));
    std::vector<CarriedObjective> out;
    std::set<Id> seen;
    for (std::size_t i = 0; i < request.objectives.size(); ++i) {
      const std::string& name = request.objectives[i];
      const std::string field = "objectives[" + std::to_string(i) + "]";
      std::optional<Objective> o;
      if (auto id = parse_id(name)) o = tx.find_objective(*id);
      if (!o) o = tx.find_objective_by_key(name);
      if (!o)
        fail(Error::not_found(field, "no objective '" + name + "'" +
                                         did_you_mean(tx, SearchHit::Kind::objective, name)));
      if (o->cycle_id != from.id)
        fail(Error::invalid(field, "objective '" + o->key + "' is not in cycle " + from.name));
      if (!seen.insert(o->id).second)
        fail(Error::invalid(field, "objective '" + o->key + "' is named twice"));
      require(tx, actor, Permission::edit_team_okrs, o->team_id, std::nullopt,
              "carry objective '" + o->key + "' over");
      CarriedObjective c;
      c.from = *o;
      c.to = *o;
      c.to.id = 0;
      c.to.version = 0;
      c.to.cycle_id = to.id;
      c.to.key = carried_key(o->key, from, to);
      // Alignment does not cross cycles: the new objective aligns afresh.
      c.to.parent_id.reset();
      c.to.parent_key_result_id.reset();
      if (auto e = validate(c.to)) fail(Error::invalid(field, e->message));
      if (tx.find_objective_by_key(c.to.key))
        fail(Error::conflict(field, "objective '" + c.to.key + "' already exists in " + to.name +
                                        "; it was carried over before"));
      c.to.id = tx.create_objective(c.to);
      c.to.version = 1;
      audit<Objective>(tx, actor, app.now(), "carry-over", "objective", c.to.id, std::nullopt,
                       c.to);
      for (const auto& k : tx.list_key_results(o->id)) {
        KeyResult n = k;
        n.id = 0;
        n.version = 0;
        n.objective_id = c.to.id;
        n.key = carried_key(k.key, from, to);
        const bool numeric = k.metric == MetricKind::number || k.metric == MetricKind::percent ||
                             k.metric == MetricKind::currency;
        std::optional<CheckIn> final_value = k.kpi_id ? kpi_value(tx, k, from) : std::nullopt;
        if (!k.kpi_id) {
          const Instant end = start_of_day(add_days(from.end, 1));
          for (const auto& ci : tx.list_check_ins(k.id))
            if (ci.at < end) final_value = ci;
        }
        if (numeric && final_value) n.start = final_value->value;
        if (auto e = validate(n))
          fail(Error::invalid(field, "key result '" + k.key + "' cannot be carried over: " +
                                         e->message + "; its final value " + format_score(n.start) +
                                         " became the new baseline"));
        if (tx.find_key_result_by_key(n.key))
          fail(Error::conflict(field, "key result '" + n.key + "' already exists"));
        n.id = tx.create_key_result(n);
        n.version = 1;
        audit<KeyResult>(tx, actor, app.now(), "carry-over", "key_result", n.id, std::nullopt, n);
        c.key_results.push_back(std::move(n));
      }
      out.push_back(std::move(c));
    }
    return out;
  });
}

Result<StatusRule> get_status_rule(App& app) {
  return run(app.store(), Store::Mode::read, [&](Transaction& tx) { return status_rule(tx); });
}

Result<StatusRule> set_status_rule(App& app, const StatusRule& rule, const Actor& actor) {
  return run(app.store(), Store::Mode::write, [&](Transaction& tx) {
    require_admin(actor, "change the status rule");
    const double values[] = {rule.on_track_within,  rule.on_track_confidence,
                             rule.off_track_beyond, rule.off_track_confidence,
                             rule.unchecked_after,  rule.aspirational_aim};
    const char* fields[] = {"on_track_within",      "on_track_confidence", "off_track_beyond",
                            "off_track_confidence", "unchecked_after",     "aspirational_aim"};
    for (std::size_t i = 0; i < std::size(values); ++i)
      if (!std::isfinite(values[i]) || values[i] < 0 || values[i] > 1)
        fail(Error::invalid(fields[i], std::string(fields[i]) + " is a share from 0 to 1"));
    if (rule.on_track_within > rule.off_track_beyond)
      fail(Error::invalid("on_track_within",
                          "on_track_within cannot exceed off_track_beyond: a key result cannot be "
                          "on track and off track at once"));
    if (rule.aspirational_aim < 0.1)
      fail(Error::invalid("aspirational_aim",
                          "aspirational_aim is the score an aspirational objective aims for, "
                          "from 0.1 to 1 (0.7 by default)"));
    if (rule.off_track_confidence > rule.on_track_confidence)
      fail(Error::invalid("off_track_confidence",
                          "off_track_confidence cannot exceed on_track_confidence"));
    const StatusRule before = status_rule(tx);
    if (before == rule) return rule;
    for (std::size_t i = 0; i < std::size(values); ++i) {
      char buf[32];
      auto [end, ec] = std::to_chars(buf, buf + sizeof buf, values[i]);
      tx.put_setting(kStatusRuleSettings[i], std::string(buf, ec == std::errc() ? end : buf));
    }
    AuditEvent e;
    e.at = app.now();
    e.actor_id = actor.user_id;
    e.action = "update";
    e.entity_type = "status_rule";
    auto text = [&](const StatusRule& r) {
      return formats::to_text(boost::json::object{{"on_track_within", r.on_track_within},
                                                  {"on_track_confidence", r.on_track_confidence},
                                                  {"off_track_beyond", r.off_track_beyond},
                                                  {"off_track_confidence", r.off_track_confidence},
                                                  {"unchecked_after", r.unchecked_after},
                                                  {"aspirational_aim", r.aspirational_aim}});
    };
    e.before = text(before);
    e.after = text(rule);
    tx.add_audit_event(e);
    return rule;
  });
}

}  // namespace okr::app
