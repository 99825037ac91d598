// The demo organisation: Lumen, a B2B collaboration product. Its previous
// quarter is closed and graded; the current quarter is in progress, with weekly
// check-ins up to today. Everything is dated relative to today and generated
// deterministically, so two demos made on the same day are identical.
#include <algorithm>
#include <cmath>
#include <cstdint>

#include "app/app.h"
#include "app/audit.h"
#include "app/importer.h"
#include "app/run.h"
#include "app/secrets.h"

namespace okr::app {
namespace {

// A small deterministic generator (the same numbers on every platform).
class Noise {
 public:
  explicit Noise(std::uint64_t seed) : state_(seed) {}
  double next() {  // in [0, 1)
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state_ >> 11) / 9007199254740992.0;
  }
  double around(double centre, double spread) { return centre + (next() * 2 - 1) * spread; }

 private:
  std::uint64_t state_;
};

struct DemoKr {
  const char* key;
  const char* title;
  MetricKind metric;
  const char* unit;
  double start, target;
  const char* owner;
  double reach;  // how far along it ends (previous cycle) or is heading (current cycle)
};

struct DemoObjective {
  const char* key;
  const char* team;
  const char* title;
  ObjectiveKind kind;
  const char* owner;
  const char* aligns_to;  // an objective's key, or "kr:" and a key result's
  std::vector<DemoKr> krs;
};

const std::vector<formats::FileTeam> kTeams = {
    {"lumen", "Lumen", "company", "", "maya@lumen.example", {}, {}, {}},
    {"product", "Product", "product", "lumen", "oscar@lumen.example", {}, {}, {}},
    {"growth",
     "Growth",
     "product",
     "product",
     "ana@lumen.example",
     {"ben@lumen.example", "chloe@lumen.example"},
     {},
     {}},
    {"collaboration",
     "Collaboration",
     "product",
     "product",
     "dev@lumen.example",
     {"emma@lumen.example", "farid@lumen.example"},
     {},
     {}},
    {"platform",
     "Platform",
     "engineering",
     "lumen",
     "grace@lumen.example",
     {"hiro@lumen.example", "ines@lumen.example"},
     {},
     {}},
    {"design", "Design", "design", "product", "jonas@lumen.example", {"kim@lumen.example"}, {}, {}},
    {"marketing",
     "Marketing",
     "marketing",
     "lumen",
     "lea@lumen.example",
     {"mateo@lumen.example"},
     {},
     {}},
};

using M = MetricKind;
constexpr auto kAsp = ObjectiveKind::aspirational;
constexpr auto kCom = ObjectiveKind::committed;

std::vector<DemoObjective> current_objectives() {
  return {
      {"lumen-teams-love",
       "lumen",
       "Become the place where product teams decide together",
       kAsp,
       "maya@lumen.example",
       "",
       {{"lumen-arr", "Grow annual recurring revenue from $4.2M to $5.5M", M::currency, "USD",
         4.2e6, 5.5e6, "maya@lumen.example", 0.65},
        {"lumen-nps", "Raise NPS from 31 to 45", M::number, "", 31, 45, "oscar@lumen.example", 0.5},
        {"lumen-logo-churn", "Cut monthly logo churn from 2.4% to 1.5%", M::percent, "%", 2.4, 1.5,
         "lea@lumen.example", 0.4}}},
      {"growth-first-week",
       "growth",
       "Make every new team successful in its first week",
       kAsp,
       "ana@lumen.example",
       "lumen-teams-love",
       {{"growth-activation", "Raise 7-day activation from 55% to 70%", M::percent, "%", 55, 70,
         "ben@lumen.example", 0.75},
        {"growth-time-to-value", "Cut median time to first shared decision from 3.5 days to 1 day",
         M::number, "days", 3.5, 1, "chloe@lumen.example", 0.55},
        {"growth-invites", "Increase teams inviting 3+ colleagues in week one from 22% to 35%",
         M::percent, "%", 22, 35, "ben@lumen.example", 0.3}}},
      {"growth-self-serve",
       "growth",
       "Let teams buy Lumen without talking to us",
       kAsp,
       "ana@lumen.example",
       "lumen-teams-love",
       {{"growth-trial-conversion", "Lift trial-to-paid conversion from 8% to 12%", M::percent, "%",
         8, 12, "chloe@lumen.example", 0.6},
        {"growth-self-serve-revenue", "Grow self-serve new MRR from $40k to $65k per month",
         M::currency, "USD", 40000, 65000, "ana@lumen.example", 0.45}}},
      {"collab-async-decisions",
       "collaboration",
       "Make async decisions feel effortless",
       kAsp,
       "dev@lumen.example",
       "lumen-teams-love",
       {{"collab-weekly-deciders", "Grow weekly active deciding teams from 1,200 to 1,800",
         M::number, "teams", 1200, 1800, "emma@lumen.example", 0.7},
        {"collab-decision-time", "Reduce median decision cycle time from 6 days to 3 days",
         M::number, "days", 6, 3, "farid@lumen.example", 0.5},
        {"collab-retention", "Raise week-8 team retention from 61% to 70%", M::percent, "%", 61, 70,
         "dev@lumen.example", 0.35}}},
      {"platform-trust",
       "platform",
       "Be the most dependable tool our customers use",
       kCom,
       "grace@lumen.example",
       "lumen-teams-love",
       {{"platform-p95", "Cut p95 page load for boards from 1,400 ms to 600 ms", M::number, "ms",
         1400, 600, "hiro@lumen.example", 0.8},
        {"platform-incidents", "Reduce customer-facing incidents from 9 to 3 per quarter",
         M::number, "incidents", 9, 3, "ines@lumen.example", 0.6},
        {"platform-sso", "Enterprise SSO available to every customer", M::boolean, "", 0, 1,
         "grace@lumen.example", 1.0}}},
      {"design-clarity",
       "design",
       "Make Lumen obvious to a first-time user",
       kAsp,
       "jonas@lumen.example",
       "kr:growth-activation",
       {{"design-task-success",
         "Raise first-session task success in usability tests from 64% to 85%", M::percent, "%", 64,
         85, "kim@lumen.example", 0.65},
        {"design-support-howto", "Cut 'how do I' support tickets from 320 to 180 per month",
         M::number, "tickets", 320, 180, "jonas@lumen.example", 0.5}}},
      {"marketing-pipeline",
       "marketing",
       "Own the conversation about team decision-making",
       kAsp,
       "lea@lumen.example",
       "lumen-teams-love",
       {{"marketing-sqls", "Grow sales-qualified leads from 140 to 220 per month", M::number,
         "leads", 140, 220, "mateo@lumen.example", 0.55},
        {"marketing-organic", "Increase organic sign-ups from 900 to 1,400 per month", M::number,
         "sign-ups", 900, 1400, "lea@lumen.example", 0.7}}},
  };
}

std::vector<DemoObjective> previous_objectives() {
  return {
      {"lumen-foundations",
       "lumen",
       "Prove teams will pay for better decisions",
       kAsp,
       "maya@lumen.example",
       "",
       {{"lumen-arr", "Grow annual recurring revenue from $3.4M to $4.2M", M::currency, "USD",
         3.4e6, 4.2e6, "maya@lumen.example", 0.9},
        {"lumen-nps", "Raise NPS from 24 to 35", M::number, "", 24, 35, "oscar@lumen.example",
         0.65}}},
      {"growth-onboarding",
       "growth",
       "Turn sign-ups into teams that stay",
       kAsp,
       "ana@lumen.example",
       "lumen-foundations",
       {{"growth-activation", "Raise 7-day activation from 48% to 58%", M::percent, "%", 48, 58,
         "ben@lumen.example", 0.7},
        {"growth-checklist", "Onboarding checklist completion from 30% to 50%", M::percent, "%", 30,
         50, "chloe@lumen.example", 0.6}}},
      {"collab-core-loop",
       "collaboration",
       "Make deciding in Lumen faster than in a meeting",
       kAsp,
       "dev@lumen.example",
       "lumen-foundations",
       {{"collab-weekly-deciders", "Grow weekly active deciding teams from 800 to 1,200", M::number,
         "teams", 800, 1200, "emma@lumen.example", 1.0},
        {"collab-comments", "Raise decisions with 2+ contributors from 35% to 50%", M::percent, "%",
         35, 50, "farid@lumen.example", 1.0}}},
      {"platform-stability",
       "platform",
       "Keep Lumen up when customers need it",
       kCom,
       "grace@lumen.example",
       "lumen-foundations",
       {{"platform-availability", "Keep monthly availability from 99.5% to 99.9%", M::percent, "%",
         99.5, 99.9, "hiro@lumen.example", 1.0},
        {"platform-mttr", "Cut mean time to restore from 90 to 30 minutes", M::number, "min", 90,
         30, "ines@lumen.example", 0.75}}},
      {"design-system",
       "design",
       "Give every team a consistent, accessible Lumen",
       kAsp,
       "jonas@lumen.example",
       "lumen-foundations",
       {{"design-accessibility", "Raise accessibility audit score from 71 to 90", M::number,
         "points", 71, 90, "kim@lumen.example", 0.55},
        {"design-csat", "Lift in-app CSAT from 4.1 to 4.5", M::number, "", 4.1, 4.5,
         "jonas@lumen.example", 0.5}}},
      {"marketing-awareness",
       "marketing",
       "Make Lumen known to product leaders",
       kAsp,
       "lea@lumen.example",
       "lumen-foundations",
       {{"marketing-sqls", "Grow sales-qualified leads from 90 to 140 per month", M::number,
         "leads", 90, 140, "mateo@lumen.example", 0.2},
        {"marketing-organic", "Increase organic sign-ups from 600 to 900 per month", M::number,
         "sign-ups", 600, 900, "lea@lumen.example", 0.25}}},
  };
}

// Which key results are early signals the team can act on, and which are the outcome
// itself, known late.
Indicator indicator_of(std::string_view key) {
  for (auto k : {"growth-activation", "growth-invites", "collab-weekly-deciders", "marketing-sqls",
                 "platform-p95"})
    if (key == k) return Indicator::leading;
  for (auto k : {"lumen-arr", "lumen-logo-churn", "collab-retention", "growth-self-serve-revenue"})
    if (key == k) return Indicator::lagging;
  return Indicator::unset;
}

formats::OkrFile file_of(const Cycle& cycle, const std::vector<DemoObjective>& objectives,
                         const std::string& suffix) {
  formats::OkrFile f;
  f.cycle = cycle.name;
  f.start = cycle.start;
  f.end = cycle.end;
  f.teams = kTeams;
  for (const auto& d : objectives) {
    formats::FileObjective o;
    o.key = d.key + suffix;
    o.team = d.team;
    o.title = d.title;
    o.kind = d.kind;
    o.owner = d.owner;
    const std::string aligns_to = d.aligns_to;
    if (aligns_to.starts_with("kr:"))
      o.aligns_to_key_result = aligns_to.substr(3) + suffix;
    else if (!aligns_to.empty())
      o.aligns_to = aligns_to + suffix;
    if (std::string(d.key) == "lumen-teams-love") o.contributors = {"product", "platform"};
    // Design shares the first-week objective, and its own objective serves activation.
    if (std::string(d.key) == "growth-first-week") o.contributors = {"design"};
    for (const auto& k : d.krs) {
      formats::FileKeyResult fk;
      fk.key = k.key + suffix;
      fk.title = k.title;
      fk.metric = k.metric;
      fk.unit = k.unit;
      fk.start = k.start;
      fk.target = k.target;
      fk.owner = k.owner;
      fk.indicator = indicator_of(k.key);
      o.key_results.push_back(std::move(fk));
    }
    f.objectives.push_back(std::move(o));
  }
  return f;
}

// Weekly check-ins from the cycle's start to `until`, heading for `reach` of the target, at
// 10:00 on their day but never after `now` (early on `until` itself, 10:00 is still ahead,
// and a check-in from the future would outrank every real one made today).
int add_history(Transaction& tx, const KeyResult& kr, double reach, const Cycle& cycle, Date until,
                Instant now, Noise& noise, const std::map<std::string, Id>& users,
                const std::string& owner) {
  int total_days = days_between(cycle.start, cycle.end) + 1;
  int n = 0;
  std::optional<Id> author;
  if (auto it = users.find(owner); it != users.end()) author = it->second;
  for (int day = 7; day <= total_days; day += 7) {
    Date d = add_days(cycle.start, day - 1);
    if (std::chrono::sys_days{d} > std::chrono::sys_days{until}) break;
    double p = static_cast<double>(day) / total_days;
    double fraction = reach * std::pow(p, 0.8) + noise.around(0, 0.04);
    if (day + 7 > total_days) fraction = reach;  // the last check-in lands where it ends
    CheckIn c;
    c.key_result_id = kr.id;
    if (kr.metric == MetricKind::boolean) {
      c.value = (fraction >= 0.95 && p > 0.6) ? 1 : 0;
    } else {
      c.value = kr.start + (kr.target - kr.start) * fraction;
      // Whole numbers on a wide range, else one decimal, as a person would enter them:
      // round(x * 10) / 10 is the double nearest to that decimal (22.7), where
      // round(x / 0.1) * 0.1 is not (22.700000000000003).
      c.value = std::abs(kr.target - kr.start) >= 50 ? std::round(c.value)
                                                     : std::round(c.value * 10) / 10;
    }
    double conf = reach >= 0.7 ? 0.8 : reach >= 0.45 ? 0.6 : 0.35;
    c.confidence = std::round(std::clamp(noise.around(conf, 0.08), 0.05, 0.95) * 100) / 100;
    static const char* notes[] = {"", "Steady week.", "Experiment shipped; watching the numbers.",
                                  "Slower than hoped; adjusting the plan.",
                                  "Good signal from the new cohort."};
    c.note = notes[static_cast<int>(noise.next() * 5) % 5];
    c.author_id = author;
    c.at = std::min(start_of_day(d) + std::chrono::hours(10), now);
    tx.add_check_in(c);
    ++n;
  }
  return n;
}

}  // namespace

std::optional<DemoSignIn> App::demo_sign_in() {
  auto hash = run(store_, Store::Mode::read, [](Transaction& tx) {
    auto u = tx.find_user_by_email(std::string(kDemoSignIn.email));
    return u ? tx.password_hash(u->id) : std::nullopt;
  });
  if (hash.ok() && *hash && verify_password(**hash, kDemoSignIn.password)) return kDemoSignIn;
  return std::nullopt;
}

Result<ImportSummary> App::create_demo(const Progress& progress) {
  auto report = [&](int done, int total, const std::string& what) {
    if (progress) progress(done, total, what);
  };
  Date today = this->today();
  std::string current_name = quarter_name(today);
  auto current_range = *quarter_range(current_name);
  Date previous_day = add_days(current_range.start, -1);
  std::string previous_name = quarter_name(previous_day);
  auto previous_range = *quarter_range(previous_name);
  std::string suffix = "-";
  for (char c : previous_name)
    if (c != '-') suffix += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));

  return run(store_, Store::Mode::write, [&](Transaction& tx) {
    tx.defer_search_index();
    if (!tx.list_objectives({.limit = 1}).empty())
      fail(Error::conflict("db", "the database already holds OKRs; the demo needs an empty one"));
    Actor actor = Actor::local_operator();
    const int steps = 6;
    report(0, steps, "cycles");
    // The previous cycle is filled while being graded, and closed (locked) at the end.
    Cycle previous{0, previous_name, previous_range.start, previous_range.end, CycleState::grading,
                   0};
    Cycle current{0, current_name, current_range.start, current_range.end, CycleState::active, 0};
    previous.id = tx.create_cycle(previous);
    current.id = tx.create_cycle(current);

    report(1, steps, "teams and objectives of " + previous_name);
    ImportSummary summary =
        import_into(tx, file_of(previous, previous_objectives(), suffix), actor, now());
    report(2, steps, "teams and objectives of " + current_name);
    ImportSummary now_summary =
        import_into(tx, file_of(current, current_objectives(), ""), actor, now());
    summary.created += now_summary.created;
    summary.cycle = current_name;

    std::map<std::string, Id> users;
    for (const auto& u : tx.list_users()) users[u.email] = u.id;
    // Everyone sees the company's OKRs; leads of departments are admins in the demo.
    for (const char* admin : {"maya@lumen.example", "oscar@lumen.example"}) {
      auto u = *tx.find_user_by_email(admin);
      u.admin = true;
      tx.update_user(u);
    }
    tx.set_password_hash(users.at(std::string(kDemoSignIn.email)),
                         hash_password(kDemoSignIn.password));

    report(3, steps, "check-in history");
    Noise noise(20261001);
    int check_ins = 0;
    for (auto [cycle, list, sfx, until] :
         {std::tuple{previous, previous_objectives(), suffix, previous.end},
          std::tuple{current, current_objectives(), std::string(), today}}) {
      for (const auto& o : list)
        for (const auto& k : o.krs) {
          auto kr = *tx.find_key_result_by_key(k.key + sfx);
          check_ins +=
              add_history(tx, kr, k.reach, cycle, until, this->now(), noise, users, k.owner);
        }
    }
    summary.created += check_ins;

    report(4, steps, "grading of " + previous_name);
    for (const auto& o : previous_objectives()) {
      auto obj = *tx.find_objective_by_key(o.key + suffix);
      Review r;
      r.objective_id = obj.id;
      r.reviewer_id = users[o.owner];
      r.at = start_of_day(add_days(previous.end, 5)) + std::chrono::hours(15);
      r.what_worked = "Weekly check-ins kept the team honest about where we stood.";
      r.what_did_not = "We committed to too many initiatives and spread ourselves thin.";
      r.what_we_learned = "Pick fewer bets and measure them from the first week.";
      if (std::string(o.key) == "design-system") {
        auto kr = *tx.find_key_result_by_key(std::string("design-csat") + suffix);
        r.overrides.push_back({kr.id, 0.6,
                               "The survey changed mid-quarter; the last two weeks under the new "
                               "survey show 4.36, which is 0.6 of the way.",
                               r.reviewer_id});
      }
      tx.put_review(r);
      ++summary.created;
    }

    previous = *tx.find_cycle(previous.id);
    previous.state = CycleState::closed;
    tx.update_cycle(previous);

    report(5, steps, "sprints, initiatives and KPIs");
    auto team = [&](const char* key) { return tx.find_team_by_key(key)->id; };
    auto kr_id = [&](const char* key) { return tx.find_key_result_by_key(key)->id; };
    std::vector<Id> sprints;
    for (int i = 0; i < 6; ++i) {
      Date s = add_days(current.start, i * 14);
      Sprint sp{0, team("growth"), "Growth " + std::to_string(i + 1), s, add_days(s, 13), 0};
      sprints.push_back(tx.create_sprint(sp));
    }
    struct DemoInitiative {
      const char* key;
      const char* title;
      const char* team;
      int sprint;
      InitiativeStatus status;
      std::vector<const char*> krs;
    };
    const std::vector<DemoInitiative> initiatives = {
        {"GROW-101",
         "Guided first board with a sample decision",
         "growth",
         0,
         InitiativeStatus::done,
         {"growth-activation", "growth-time-to-value"}},
        {"GROW-114",
         "Invite teammates from the first decision",
         "growth",
         1,
         InitiativeStatus::done,
         {"growth-invites"}},
        {"GROW-127",
         "Card-on-file trial with in-app upgrade",
         "growth",
         2,
         InitiativeStatus::in_progress,
         {"growth-trial-conversion", "growth-self-serve-revenue"}},
        {"GROW-131",
         "Pricing page experiment: annual toggle",
         "growth",
         3,
         InitiativeStatus::planned,
         {"growth-self-serve-revenue"}},
        {"PLAT-88",
         "Move board rendering to streamed server components",
         "platform",
         -1,
         InitiativeStatus::in_progress,
         {"platform-p95"}},
        {"PLAT-92",
         "SAML and OIDC single sign-on",
         "platform",
         -1,
         InitiativeStatus::done,
         {"platform-sso"}},
    };
    for (const auto& d : initiatives) {
      Initiative i;
      i.key = d.key;
      i.title = d.title;
      i.team_id = team(d.team);
      if (d.sprint >= 0) i.sprint_id = sprints[static_cast<size_t>(d.sprint)];
      i.status = d.status;
      for (const char* k : d.krs) i.key_result_ids.push_back(kr_id(k));
      tx.create_initiative(i);
    }
    // What some key results need from other teams: one confirmed, one still a risk.
    const Id dev = users.at("dev@lumen.example");
    const Id ana = users.at("ana@lumen.example");
    Dependency decisions{0,
                         kr_id("collab-decision-time"),
                         team("design"),
                         "Decision templates designed by the end of the second sprint",
                         DependencyState::confirmed,
                         "In sprint 2; Kim leads it",
                         dev,
                         start_of_day(current.start),
                         users.at("jonas@lumen.example"),
                         start_of_day(add_days(current.start, 1)),
                         0};
    Dependency invites{0,
                       kr_id("growth-invites"),
                       team("platform"),
                       "Invite e-mails must reach the inbox: a dedicated sending domain",
                       DependencyState::pending,
                       "",
                       ana,
                       start_of_day(add_days(current.start, 1)),
                       std::nullopt,
                       std::nullopt,
                       0};
    for (const Dependency& d : {decisions, invites}) tx.create_dependency(d);

    Kpi availability{
        0, "api-availability", "API availability", team("platform"), "%", 99.9, 100, 99.5, 100, 0};
    Kpi tickets{
        0, "support-backlog", "Open support tickets", std::nullopt, "tickets", 0, 120, 0, 200, 0};
    for (Kpi* k : {&availability, &tickets}) {
      k->id = tx.create_kpi(*k);
      Noise kn(static_cast<std::uint64_t>(k->id) * 7919);
      for (int day = -180; day <= 0; day += 7) {
        double v = k == &availability ? std::min(100.0, kn.around(99.93, 0.06))
                                      : std::round(kn.around(110, 35));
        tx.add_measurement({0, k->id, v, start_of_day(add_days(today, day))});
      }
    }
    report(6, steps, "done");
    return summary;
  });
}

}  // namespace okr::app
