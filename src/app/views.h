// What the web dashboard's pages show, each read in one transaction and limited
// to the rows that page needs: the company overview of a cycle, one team's page,
// one objective's page. Scores, bands, pace and permissions are computed here,
// never in the browser.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/app.h"
#include "app/dependencies.h"

namespace okr::app {

// What the actor may do on a page (the API refuses the rest anyway).
struct PageRights {
  bool edit = false;      // create and change objectives and key results of the team
  bool grade = false;     // write reviews and overrides
  std::set<Id> check_in;  // key results the actor may check in on
};

// An objective shown beside another: its team and its score as its own page scores it.
struct AlignedObjective {
  Objective objective;
  std::string team_key, team_name;
  double score = 0;
};

// One team's objectives in a cycle, with their key results and latest values.
// What an interface made of a shared document (its JSON for one set of rights or one
// query, say), kept while the document is shared so the next request asking the same
// reuses it. At most kMax renderings, kMaxBytes in all, are kept per document: the
// first ones made.
struct Renderings {
  static constexpr std::size_t kMax = 16;
  static constexpr std::size_t kMaxBytes = 4 << 20;
  std::shared_ptr<const std::string> find(const std::string& key) {
    std::lock_guard lock(mu);
    auto it = by_key.find(key);
    return it == by_key.end() ? nullptr : it->second;
  }
  void keep(const std::string& key, std::string text) {
    std::lock_guard lock(mu);
    if (by_key.size() >= kMax || bytes + text.size() > kMaxBytes || by_key.count(key)) return;
    bytes += text.size();
    by_key.emplace(key, std::make_shared<const std::string>(std::move(text)));
  }

 private:
  std::mutex mu;
  std::map<std::string, std::shared_ptr<const std::string>> by_key;  // guarded by mu
  std::size_t bytes = 0;                                             // guarded by mu
};

// What a team's page shows, the same for every reader.
struct TeamPage {
  CycleStatus status;  // the cycle, with exactly this team
  Team team;
  std::vector<Id> above;   // the teams above it, parent first (for the reader's rights)
  std::vector<Team> path;  // the same teams, the top of the tree first (a breadcrumb)
  // Shared objectives of other teams that this team contributes to.
  std::vector<AlignedObjective> contributes_to;
  // What other teams' key results need from this team, with the team's answer.
  std::vector<DependencyView> asked_of;
  // Its JSON for each set of rights, made by the API (see Renderings).
  std::shared_ptr<Renderings> renderings = std::make_shared<Renderings>();
};
struct TeamView {
  std::shared_ptr<const TeamPage> page;
  PageRights rights;  // the reader's
  const TeamPage* operator->() const { return page.get(); }
};
// The page is computed once and shared by the requests that follow while the store's
// generation and the date stay the same (at most 512 pages are kept); the
// rights are the reader's own.
Result<TeamView> team_view(App& app, const std::string& cycle, const std::string& team,
                           const Actor& actor);

// The company at a glance: per team its score and the pace of its key results,
// the key results that need attention, and how objective scores are spread.
struct OverviewTeam {
  Team team;
  int depth = 0;
  std::optional<double> score;
  int objectives = 0;
  int on_track = 0, at_risk = 0, off_track = 0;  // key results by pace
};
struct AttentionItem {  // a key result the overview lists: by default at risk or off track
  KeyResult key_result;
  Objective objective;
  std::string team_key, team_name;
  std::string owner;       // e-mail, empty when none
  std::string owner_name;  // the owner's name, else their e-mail
  double score = 0;
  Pace pace = Pace::at_risk;
  bool stale = false;
  std::optional<double> confidence;
};
// Which of the cycle's key results the overview lists (the dashboard keeps it in the
// address: ?status=off-track&owner=…). By default those needing attention.
struct OverviewFilter {
  enum class Status { attention, on_track, at_risk, off_track, stale, any };
  Status status = Status::attention;
  std::optional<std::string> owner;  // an e-mail; "" for key results nobody owns
  std::optional<ObjectiveKind> kind;
  std::optional<Indicator> indicator;
  bool unconfirmed = false;  // only those with dependencies not yet confirmed
  bool is_default() const {
    return status == Status::attention && !owner && !kind && !indicator && !unconfirmed;
  }
};
// "attention", "on-track", "at-risk", "off-track", "stale", "any".
std::optional<OverviewFilter::Status> parse_overview_status(std::string_view s);
// One key result of the cycle as the overview's list filters it (the full copy keeps
// every one, most urgent first).
struct OverviewKeyResult {
  Id id = 0;
  std::string key, title;
  std::uint32_t objective = 0;  // into Overview::objective_refs
  std::uint32_t team = 0;       // into Overview::teams (every team, in the full copy)
  std::optional<Id> owner;
  double score = 0;
  std::optional<double> confidence;
  Pace pace = Pace::on_track;
  bool stale = false;
  bool unconfirmed = false;
  Indicator indicator = Indicator::unset;
};
struct OverviewObjectiveRef {
  Id id = 0;
  std::string key, title;
  ObjectiveKind kind = ObjectiveKind::committed;
};
struct Overview {
  Cycle cycle;
  Date today{};
  double expected_progress = 0;
  double score = 0;
  int objectives = 0;
  int key_results = 0;
  int on_track = 0, at_risk = 0, off_track = 0;  // every key result of the cycle, by pace
  std::vector<OverviewTeam> teams;  // tree order, parents first, down to the depth asked
  int teams_total = 0;              // at every depth
  std::vector<AttentionItem>
      attention;                  // those the filter keeps, most urgent first; at most `limit`
  int attention_total = 0;        // how many the filter keeps
  std::vector<int> distribution;  // objectives per score shown with one decimal: 0.0 … 1.0
  Instant as_of{};                // when it was computed: every write before it is counted
  // The full copy only: every key result, off track first, then at risk, then on
  // track, the lowest score first; their objectives; the owners of the most urgent.
  std::vector<OverviewKeyResult> rows;
  std::vector<OverviewObjectiveRef> objective_refs;
  std::map<Id, std::pair<std::string, std::string>> owners;  // e-mail and name
  // Shared by the copies made from one computed overview (see Renderings).
  std::shared_ptr<Renderings> renderings = std::make_shared<Renderings>();
  // The default view asked for (no filter, the first page) is kept written under
  // overview_rendering_key: only the cycle and `renderings` are filled.
  bool rendered = false;
};
// The key under which an interface keeps the default view of one limit and depth
// written, in the overview's `renderings`.
std::string overview_rendering_key(int attention_limit, int max_depth);
// Computed once, in the background, and shared by the requests that follow until the
// store changes. After a change a request waits for the new one, up to kQuickWaitLimit
// when the last took at most kQuickComputation, else up to kOverviewFreshWait; when it takes longer
// (a large organisation) the request gets the day's previous copy, which says when it was computed
// (`as_of`), and a later request the new one. One computation runs at a time, so a busy dashboard
// never ties up more than one thread on it.
inline constexpr std::chrono::milliseconds kOverviewFreshWait{40};
inline constexpr std::chrono::milliseconds kQuickComputation{100};
inline constexpr std::chrono::milliseconds kQuickWaitLimit{1000};  // behind other jobs, say
// The most key results an overview lists in one request; the owners of this many of the
// most urgent are read with the overview, any others when a filter lists them.
inline constexpr int kOverviewMaxAttention = 500;
// `max_depth` bounds the teams listed (0: the company alone; 2: company,
// departments and the level below), so the document stays small for 10,000 teams.
// The key results listed are those `filter` keeps, the most urgent first, from the
// `offset`th on, at most `attention_limit`; an owner the filter names who does not
// exist is refused.
Result<Overview> overview(App& app, const std::string& cycle, int attention_limit, int max_depth,
                          const OverviewFilter& filter = {}, std::size_t offset = 0);
// A cycle's summary (App::cycle_status), shared by the requests that follow while the
// store's generation and the date stay the same, with what an interface made of it.
struct SharedStatus {
  CycleStatus status;
  Instant as_of{};  // when it was computed: every write before it is counted
  std::shared_ptr<Renderings> renderings = std::make_shared<Renderings>();
};
// A team's summary: its subtree, computed when asked (at most 256 are kept).
Result<std::shared_ptr<const SharedStatus>> team_summary(App& app, const std::string& cycle,
                                                         const std::string& team);
// The whole organisation's summary, computed in the background like the overview: after
// a change, a large organisation's may come from the previous computation (`as_of`).
Result<std::shared_ptr<const SharedStatus>> company_summary(App& app, const std::string& cycle);

// Starts computing the current cycle's overview and then its company summary in the
// background, so that the first requests find them ready (the server calls it as it
// starts). Returns at once.
void prepare_company_views(App& app);

// Stops the background computations (waiting for the one running) before the server
// closes its store; requests needing one after that get `unavailable`.
void stop_background_work(App& app);

// The App's store of shared documents.
std::shared_ptr<App::SharedViews> make_shared_views();

// One objective with everything its page shows.
struct ObjectiveView {
  Cycle cycle;
  Team team;
  CycleStatus status;                            // this objective alone, scored
  std::map<Id, std::vector<CheckIn>> check_ins;  // by key result, the latest ones, oldest first
  std::set<Id> more_check_ins;                   // key results with earlier check-ins not listed
  std::vector<Initiative> initiatives;           // linked to any of its key results
  std::optional<AlignedObjective> parent;
  std::vector<AlignedObjective> children;  // objectives aligned to this one
  std::vector<Team> contributing_teams;
  std::map<Id, std::string> user_names;  // authors and owners, by id
  std::map<Id, std::string> user_emails;
  std::optional<Review> review;
  PageRights rights;
  // The status week by week over the cycle (to today), by key result and for the objective.
  std::map<Id, std::vector<StatusPoint>> history;
  std::vector<StatusPoint> objective_history;
  std::vector<Id> above;  // the teams above its team, parent first (for the reader's rights)
  // Its JSON for each set of rights, made by the API (see Renderings).
  std::shared_ptr<Renderings> renderings = std::make_shared<Renderings>();
};
// The shared page and the reader's rights on it.
struct ObjectivePage {
  std::shared_ptr<const ObjectiveView> page;  // its `rights` are nobody's
  PageRights rights;                          // the reader's
  const ObjectiveView* operator->() const { return page.get(); }
};
// The check-ins an objective page lists per key result (the API lists them all, paged).
inline constexpr int kShownCheckIns = 100;
// Computed once per generation of the store and shared by every reader (see
// shared_views.h); each reader gets a copy with their own rights.
Result<ObjectiveView> objective_view(App& app, const std::string& objective, const Actor& actor);
// The same without a copy: the page every reader shares, and this reader's rights.
Result<ObjectivePage> objective_page(App& app, const std::string& objective, const Actor& actor);

}  // namespace okr::app
