#include "app/demo_scale.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "app/run.h"
#include "app/secrets.h"

namespace okr::app {
namespace {

// splitmix64: the same numbers on every platform for the same seed.
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  double unit() { return static_cast<double>(next() >> 11) / 9007199254740992.0; }  // [0, 1)
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }

 private:
  std::uint64_t state_;
};

struct Sizes {
  long teams, users_per_team, objectives_per_cycle, key_results_per_cycle, check_ins_per_kr,
      initiatives, kpis, measurements_per_kpi;
};

Sizes sizes_of(DemoScale s) {
  switch (s) {
    case DemoScale::small:
      return {100, 10, 150, 500, 20, 500, 5, 365};
    case DemoScale::medium:
      return {1000, 10, 1500, 5000, 20, 5000, 50, 365};
    case DemoScale::large:
      break;
  }
  return {10000, 10, 15000, 50000, 20, 50000, 500, 365};
}

constexpr std::array<const char*, 5> kFunctions = {"engineering", "design", "product", "marketing",
                                                   "sales"};

// What each metric kind's key results look like.
struct KrShape {
  MetricKind metric;
  const char* unit;
  const char* title;
  double start, target;
};
constexpr std::array<KrShape, 8> kShapes = {{
    {MetricKind::percent, "%", "Raise weekly retention of new accounts from 40% to 55%", 40, 55},
    {MetricKind::number, "teams", "Grow weekly active teams from 1,200 to 1,800", 1200, 1800},
    {MetricKind::currency, "USD", "Grow net new revenue from $50k to $80k a month", 50000, 80000},
    {MetricKind::number, "ms", "Cut p95 page load from 1,400 ms to 600 ms", 1400, 600},
    {MetricKind::boolean, "", "Customers can pay by invoice in every region", 0, 1},
    {MetricKind::milestone, "%", "Migrate every customer to the new data centre", 0, 100},
    {MetricKind::range, "%", "Keep weekly churn between 1% and 2%", 0, 0},
    {MetricKind::percent, "%", "Lift trial-to-paid conversion from 8% to 12%", 8, 12},
}};

}  // namespace

std::optional<DemoScale> parse_demo_scale(std::string_view text) {
  if (text == "small") return DemoScale::small;
  if (text == "medium") return DemoScale::medium;
  if (text == "large") return DemoScale::large;
  return std::nullopt;
}

Result<ScaledDemo> create_scaled_demo(App& app, DemoScale scale, std::uint64_t seed,
                                      const Progress& progress) {
  const Sizes z = sizes_of(scale);
  const Date today = app.today();
  const std::string current_name = quarter_name(today);
  const auto current_range = *quarter_range(current_name);
  const std::string previous_name = quarter_name(add_days(current_range.start, -1));
  const auto previous_range = *quarter_range(previous_name);
  const std::string password_hash = hash_password(kDemoSignIn.password);

  // Rows to write, for the progress report.
  const long total = z.teams * (1 + z.users_per_team * 2) + 2 * z.objectives_per_cycle +
                     2 * z.key_results_per_cycle * (1 + z.check_ins_per_kr) + z.initiatives +
                     z.kpis * (1 + z.measurements_per_kpi) + z.objectives_per_cycle;
  long done = 0;
  long reported = -1;
  auto advance = [&](long rows, const std::string& what) {
    done += rows;
    if (!progress) return;
    const long step = std::max(1L, total / 200);
    if (done / step == reported && done < total) return;
    reported = done / step;
    progress(static_cast<int>(std::min(done, total) * 1000 / total), 1000, what);
  };

  return run(app.store(), Store::Mode::write, [&](Transaction& tx) {
    tx.defer_search_index();
    if (!tx.list_objectives({.limit = 1}).empty())
      fail(Error::conflict("db", "the database already holds OKRs; the demo needs an empty one"));
    Random rnd(seed);
    ScaledDemo out;
    out.cycle = current_name;

    // ---- the organisation: company → departments → groups → teams, ten people each.
    const long departments = std::max(2L, z.teams / 800);
    const long groups = std::max(departments * 2, z.teams / 80);
    struct Node {
      Id id;
      long parent;  // index, -1 for the company
      Id lead;
      std::vector<Id> members;
    };
    std::vector<Node> teams;
    teams.reserve(static_cast<std::size_t>(z.teams));
    User admin;
    admin.email = std::string(kDemoSignIn.email);
    admin.name = "Maya (administrator)";
    admin.admin = true;
    admin.id = tx.create_user(admin);
    tx.set_password_hash(admin.id, password_hash);
    ++out.users;
    for (long t = 0; t < z.teams; ++t) {
      Team team;
      long parent = -1;
      if (t == 0) {
        team.key = "company";
        team.name = "Company";
        team.function = "company";
      } else if (t <= departments) {
        parent = 0;
        team.key = "dept-" + std::to_string(t);
        team.name = "Department " + std::to_string(t);
      } else if (t <= departments + groups) {
        parent = 1 + (t - 1 - departments) % departments;
        team.key = "group-" + std::to_string(t);
        team.name = "Group " + std::to_string(t);
      } else {
        parent = 1 + departments + (t - 1 - departments - groups) % groups;
        team.key = "team-" + std::to_string(t);
        team.name = "Team " + std::to_string(t);
      }
      if (team.function.empty()) team.function = kFunctions[static_cast<std::size_t>(t) % 5];
      if (parent >= 0) team.parent_id = teams[static_cast<std::size_t>(parent)].id;
      Node node{0, parent, 0, {}};
      for (long m = 0; m < z.users_per_team; ++m) {
        User u;
        const long n = t * z.users_per_team + m + 1;
        u.email = "user" + std::to_string(n) + "@scale.example";
        u.name = "User " + std::to_string(n);
        node.members.push_back(tx.create_user(u));
        ++out.users;
      }
      node.lead = node.members.front();
      team.lead_id = node.lead;
      node.id = tx.create_team(team);
      for (std::size_t m = 0; m < node.members.size(); ++m)
        tx.put_membership({node.id, node.members[m], m == 0 ? TeamRole::lead : TeamRole::member});
      teams.push_back(std::move(node));
      ++out.teams;
      advance(1 + 2 * z.users_per_team, "teams and people");
    }

    // ---- two cycles of objectives, each aligned to one of its parent team's.
    Cycle previous{0, previous_name, previous_range.start, previous_range.end, CycleState::closed,
                   0};
    Cycle current{0, current_name, current_range.start, current_range.end, CycleState::active, 0};
    previous.id = tx.create_cycle(previous);
    current.id = tx.create_cycle(current);
    std::vector<Id> previous_objectives;
    for (const Cycle* cycle : {&previous, &current}) {
      const bool closed = cycle == &previous;
      const Date until = closed ? cycle->end : today;
      const double days = std::max(
          1.0, static_cast<double>(
                   (std::chrono::sys_days{until} - std::chrono::sys_days{cycle->start}).count()));
      const std::string tag = closed ? "p" : "c";
      // Objectives are spread over the teams in tree order, parents first, so
      // every objective can align to one already written for its parent team.
      std::vector<std::vector<Id>> by_team(teams.size());
      long krs_left = z.key_results_per_cycle;
      for (long i = 0; i < z.objectives_per_cycle; ++i) {
        const auto t = static_cast<std::size_t>(i % z.teams);
        const Node& team = teams[t];
        Objective o;
        o.key = "o" + tag + "-" + std::to_string(i + 1);
        o.cycle_id = cycle->id;
        o.team_id = team.id;
        o.title = "Make customers of team " + std::to_string(t) + " succeed faster (" +
                  std::to_string(i + 1) + ")";
        o.kind = i % 4 == 0 ? ObjectiveKind::committed : ObjectiveKind::aspirational;
        o.owner_id = team.lead;
        if (team.parent >= 0) {
          const auto& parents = by_team[static_cast<std::size_t>(team.parent)];
          if (!parents.empty()) o.parent_id = parents[static_cast<std::size_t>(i) % parents.size()];
        }
        o.id = tx.create_objective(o);
        by_team[t].push_back(o.id);
        if (closed) previous_objectives.push_back(o.id);
        ++out.objectives;
        advance(1, "objectives of " + cycle->name);

        // Key results: what is left spread evenly over the objectives still to come.
        const long objectives_left = z.objectives_per_cycle - i;
        const long krs = (krs_left + objectives_left - 1) / objectives_left;
        krs_left -= krs;
        for (long k = 0; k < krs; ++k) {
          const KrShape& shape = kShapes[static_cast<std::size_t>(rnd.below(kShapes.size()))];
          KeyResult kr;
          kr.key = o.key + "-kr" + std::to_string(k + 1);
          kr.objective_id = o.id;
          kr.title = shape.title;
          kr.metric = shape.metric;
          kr.unit = shape.unit;
          kr.start = shape.start;
          kr.target = shape.target;
          if (shape.metric == MetricKind::range) {
            kr.range_low = 1;
            kr.range_high = 2;
            kr.tolerance = 1;
          }
          kr.owner_id = team.members[static_cast<std::size_t>(k + 1) % team.members.size()];
          kr.id = tx.create_key_result(kr);
          ++out.key_results;
          // Check-ins spread over the days so far, heading for a reach of 0.1–1.1.
          const double reach = 0.1 + rnd.unit();
          for (long c = 0; c < z.check_ins_per_kr; ++c) {
            const double f = static_cast<double>(c + 1) / static_cast<double>(z.check_ins_per_kr);
            CheckIn ci;
            ci.key_result_id = kr.id;
            double v;
            switch (shape.metric) {
              case MetricKind::boolean:
                v = f * reach >= 0.9 ? 1 : 0;
                break;
              case MetricKind::range:
                v = 0.5 + 2.5 * rnd.unit();
                break;
              default:
                v = shape.start + (shape.target - shape.start) * std::min(1.2, f * reach);
                if (shape.metric == MetricKind::milestone)
                  v = std::clamp(std::round(v), 0.0, 100.0);
            }
            ci.value = std::round(v * 100) / 100;  // as entered: two decimals at most
            ci.confidence = std::round((0.3 + 0.6 * rnd.unit()) * 10) / 10;
            ci.author_id = kr.owner_id;
            ci.at = start_of_day(cycle->start) +
                    std::chrono::seconds(static_cast<long>(f * days * 86400) - 3600);
            tx.add_check_in(ci);
            ++out.check_ins;
          }
          advance(1 + z.check_ins_per_kr, "key results and check-ins of " + cycle->name);
        }
      }
    }

    // ---- the closed cycle is graded.
    for (std::size_t i = 0; i < previous_objectives.size(); ++i) {
      Review r;
      r.objective_id = previous_objectives[i];
      r.what_worked = "Weekly check-ins showed early where we stood.";
      r.what_did_not = "Too many initiatives at once.";
      r.what_we_learned = "Fewer bets, measured from the first week.";
      r.at = start_of_day(add_days(previous.end, 5));
      tx.put_review(r);
      ++out.reviews;
      advance(1, "reviews of " + previous.name);
    }

    // ---- sprints and initiatives of the current cycle, most linked to a key result.
    std::vector<Id> current_krs;
    for (const auto& kr : tx.list_key_results_in_cycle(current.id)) current_krs.push_back(kr.id);
    const long per_team = std::max(1L, z.initiatives / z.teams);
    constexpr std::array<InitiativeStatus, 4> kStatuses = {
        InitiativeStatus::done, InitiativeStatus::done, InitiativeStatus::in_progress,
        InitiativeStatus::planned};
    long made = 0;
    for (std::size_t t = 0; t < teams.size() && made < z.initiatives; ++t) {
      std::vector<Id> sprints;
      for (int s = 0; s < 3; ++s) {
        const Date from = add_days(current.start, s * 14);
        sprints.push_back(tx.create_sprint(
            {0, teams[t].id, "Sprint " + std::to_string(s + 1), from, add_days(from, 13), 0}));
        ++out.sprints;
      }
      for (long n = 0; n < per_team * 5 && made < z.initiatives; n += 1) {
        if (n >= per_team && t + 1 < teams.size()) break;
        Initiative in;
        in.key = "WORK-" + std::to_string(made + 1);
        in.title = "Deliver slice " + std::to_string(made + 1);
        in.team_id = teams[t].id;
        in.sprint_id = sprints[static_cast<std::size_t>(n) % sprints.size()];
        in.status = kStatuses[static_cast<std::size_t>(made) % kStatuses.size()];
        if (made % 5 != 4 && !current_krs.empty())
          in.key_result_ids.push_back(current_krs[static_cast<std::size_t>(
              rnd.below(static_cast<int>(current_krs.size())))]);
        tx.create_initiative(in);
        ++made;
        ++out.initiatives;
        advance(1, "sprints and initiatives");
      }
    }

    // ---- KPIs with a year of daily measurements.
    for (long k = 0; k < z.kpis; ++k) {
      Kpi kpi;
      kpi.key = "kpi-" + std::to_string(k + 1);
      kpi.name = "Health signal " + std::to_string(k + 1);
      kpi.team_id = teams[static_cast<std::size_t>(k * 7 % z.teams)].id;
      kpi.unit = "%";
      kpi.healthy_low = 95;
      kpi.healthy_high = 100;
      kpi.warning_low = 90;
      kpi.warning_high = 100;
      kpi.id = tx.create_kpi(kpi);
      ++out.kpis;
      const double level = 93 + 6 * rnd.unit();
      for (long d = z.measurements_per_kpi - 1; d >= 0; --d) {
        const double v = std::clamp(level + 2 * (rnd.unit() - 0.5), 0.0, 100.0);
        tx.add_measurement({0, kpi.id, std::round(v * 100) / 100,
                            start_of_day(add_days(today, static_cast<int>(-d)))});
        ++out.measurements;
      }
      advance(1 + z.measurements_per_kpi, "KPIs and measurements");
    }
    if (progress) progress(1000, 1000, "done");
    return out;
  });
}

}  // namespace okr::app
