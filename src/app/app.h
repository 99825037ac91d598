// The use cases of okr. Each one validates its input, runs in one store
// transaction (all or nothing) and records what it changed in the audit trail.
// Knows the core and the Store, not HTTP or the terminal.
//
// Thread safety: an App may be shared by threads; each call uses its own transaction.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/model.h"
#include "core/report.h"
#include "core/result.h"
#include "formats/okr_file.h"
#include "storage/store.h"

namespace okr::app {

class SignInThrottle;
class FirstRun;

// Who is acting, with their role in each team they belong to. The command line
// runs as the local operator (no user, all rights).
struct Actor {
  std::optional<Id> user_id;
  bool admin = false;
  std::map<Id, TeamRole> roles;  // by team
  static Actor local_operator() { return Actor{std::nullopt, true, {}}; }
};

struct ImportSummary {
  int created = 0;
  int updated = 0;
  int unchanged = 0;
  std::string cycle;
  std::vector<std::string> kept_key_results;  // stored under the file's objectives but not in it
  // Changes to teams that existed before the import (name, function, lead, parent,
  // members), one sentence each: the organisation is shared, so these need consent.
  std::vector<std::string> organisation_changes;
  // Accounts the import created (by e-mail): they have no password yet.
  std::vector<std::string> new_accounts;
};

// Reports progress of long commands: (done, total, what).
using Progress = std::function<void(int, int, const std::string&)>;

struct ImportOptions {
  // Apply changes to existing teams and their people. Without it an import that would
  // make such changes fails with ErrorCode::conflict listing them, and writes nothing.
  bool change_existing_teams = false;
  // Called as objectives are imported (done, total, "objectives").
  Progress progress = nullptr;
};

struct CheckInRequest {
  std::string key_result;  // key, or id
  double value = 0;
  std::optional<double> confidence;
  std::string note;
  std::optional<Instant> at;  // default: now
};

// The demo organisation's administrator.
struct DemoSignIn {
  std::string_view email;
  std::string_view password;
};
inline constexpr DemoSignIn kDemoSignIn{"maya@lumen.example", "lumen-demo-2026"};

// The version an edit names when it may change whatever version is stored (HTTP's
// `If-Match: *`): it still needs the thing to exist.
inline constexpr std::int64_t kAnyVersion = -1;

// How far in the future a client's clock may run before its times are refused.
inline constexpr std::chrono::minutes kClockSkew{5};

class App {
 public:
  // `now` is the clock (injectable for tests).
  explicit App(Store& store, std::function<Instant()> now = nullptr);

  Store& store() { return store_; }
  Instant now() const;
  Date today() const { return date_of(now()); }

  // Imports a parsed OKR file; idempotent by stable keys. On any error nothing is
  // written, and the error carries the line and column of the offending element.
  Result<ImportSummary> import_okrs(const formats::OkrFile& file, const Actor& actor,
                                    const ImportOptions& options = {});

  // Exports a cycle (optionally one team and the teams below it) in the file format.
  Result<formats::OkrFile> export_okrs(const std::string& cycle,
                                       const std::optional<std::string>& team);

  // One check-in on a key result (by id or key), in one transaction.
  Result<CheckIn> check_in(const CheckInRequest& request, const Actor& actor);

  // Many check-ins, all or nothing, in one transaction. The error of a refused
  // batch names its first bad item ("check_ins[3]: …", field "check_ins[3].value").
  static constexpr std::size_t kMaxBatch = 5000;
  // A file of check-ins (`okr checkin --file`) may hold more, still in one transaction.
  static constexpr std::size_t kMaxFile = 200'000;
  Result<std::vector<CheckIn>> check_in_batch(const std::vector<CheckInRequest>& requests,
                                              const Actor& actor,
                                              std::size_t max_batch = kMaxBatch);

  // The cycle named `cycle`, or when empty the one containing today, else the latest.
  Result<Cycle> resolve_cycle(const std::optional<std::string>& cycle);

  // Scores, bands, pace and flags of a cycle (optionally one team's subtree).
  Result<CycleStatus> cycle_status(const std::optional<std::string>& cycle,
                                   const std::optional<std::string>& team);

  // Fills the store with a realistic organisation, its graded previous cycle and
  // its current cycle in progress, dated relative to today. Refuses a store that
  // already holds objectives.
  Result<ImportSummary> create_demo(const Progress& progress = nullptr);
  // The demo's sign-in when this database holds the demo and its password still works.
  std::optional<DemoSignIn> demo_sign_in();

  // Documents computed for one request and shared with the next ones while
  // nothing has changed (the company overview; see views.h). Thread-safe.
  struct SharedViews;
  SharedViews& shared_views() { return *shared_views_; }
  // Failed sign-ins, for throttling (see sign_in_throttle.h).
  SignInThrottle& sign_in_throttle() { return *sign_in_throttle_; }
  // The set-up address of a database without users (see first_run.h).
  FirstRun& first_run() { return *first_run_; }

 private:
  Store& store_;
  std::function<Instant()> now_;
  std::shared_ptr<SharedViews> shared_views_;
  std::shared_ptr<SignInThrottle> sign_in_throttle_;
  std::shared_ptr<FirstRun> first_run_;
};

}  // namespace okr::app
