// Importing work items from a tracker's CSV export as initiatives linked to the key
// results they serve.
//
// Each good row becomes an initiative keyed by its external key (re-importing the same
// export updates those initiatives and never duplicates them). Its sprint is the team's
// sprint of that name, created when the team has none yet (dated to end today and last
// two weeks; its dates can be corrected later). A bad row (no key, an unknown status,
// an unknown key result, no team) is reported by its line and skipped; the good rows
// are still imported. A row is written whole or not at all.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "formats/work_items.h"

namespace okr::app {

struct WorkImportRequest {
  std::string text;  // the CSV (or tab-separated) export
  formats::Tracker tracker = formats::Tracker::jira;
  // The team the work belongs to (key or id). Without it, each row belongs to the team
  // of the first key result it links to.
  std::optional<std::string> team;
  std::string link_column;  // empty: `kr:KEY` labels
};

struct WorkImportProblem {
  int line = 0;
  std::string message;
};

struct WorkImportSummary {
  int created = 0;
  int updated = 0;
  int unchanged = 0;
  std::vector<std::string> sprints_created;  // "team-key/Sprint name"
  std::vector<WorkImportProblem> skipped;    // by line
  std::string ignored;  // why nothing was done at all (an older tracker event), or empty
};

// Fails as a whole (writing nothing) only when the file cannot be read as the
// tracker's export, the team does not exist, or the actor may not add work there.
Result<WorkImportSummary> import_work(App& app, const WorkImportRequest& request,
                                      const Actor& actor);

// Work items already read (a file's rows, or the issue a tracker's webhook names),
// imported as import_work imports a file's rows, in one transaction. `team`: as in
// WorkImportRequest. `action` names the change in the audit trail ("import").
// `last`, when given, runs at the end of that transaction with what was done: a reason
// it returns undoes all of it (the summary then holds only that reason, as `ignored`).
Result<WorkImportSummary> import_work_items(
    App& app, const std::vector<formats::WorkItem>& items, const std::optional<std::string>& team,
    const Actor& actor, const std::string& action,
    const std::function<std::optional<std::string>(Transaction&, const WorkImportSummary&)>& last =
        nullptr);

}  // namespace okr::app
