// Work items from a tracker's CSV export (Jira, GitHub, GitLab), read into one
// neutral shape that the app layer turns into initiatives.
//
// Columns read, by tracker (names compared without regard to case):
//  - jira:   "Issue key", "Summary", "Status", "Sprint" (one column per sprint the issue
//            was in; the last non-empty one counts), "Labels" (one column per label).
//            Jira's CSV has no link to the issue, so `url` stays empty.
//  - github: a project view's "Export view data" file (CSV or tab-separated): "Title",
//            "URL", "Status" (else "State"), "Labels", "Iteration" (else "Sprint", else
//            "Milestone"). The key is "owner/repo#number", taken from the URL.
//  - gitlab: the issue list's "Export as CSV": "Title", "URL", "State", "Labels",
//            "Iteration" (else "Milestone"). The key is "group/project#iid", from the URL.
// A row links to the key results named in its labels as `kr:KEY`, or, with a link
// column, to the keys in that column (separated by commas, semicolons or spaces; a
// `kr:` prefix is allowed there too).
//
// A row without a key or title, or with a status okr cannot map, is rejected by its
// line and the other rows are still read. Cell text is kept as written: a title
// starting with '=' is a title, never a formula.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/result.h"
#include "formats/csv.h"

namespace okr::formats {

enum class Tracker { jira, github, gitlab };
std::string_view to_string(Tracker t);
std::optional<Tracker> parse_tracker(std::string_view s);

// The initiative status a tracker's status (or state) stands for, compared without
// regard to case: "To Do", "Open", "Backlog" → planned; "In Progress", "In Review" →
// in_progress; "Done", "Closed", "Resolved" → done; "Won't Do", "Cancelled" → dropped.
std::optional<InitiativeStatus> map_tracker_status(std::string_view status);

struct WorkItem {
  int line = 0;     // where the row starts in the file
  std::string key;  // the external key: "GROW-142", "lumen/web#42"
  std::string title;
  InitiativeStatus status = InitiativeStatus::planned;
  std::string sprint;  // the sprint's name, or ""
  // False when the source does not say (a tracker's webhook without the sprint): the
  // initiative keeps the sprint it has.
  bool sprint_known = true;
  std::string url;
  std::vector<std::string> key_result_keys;  // lower-cased, without duplicates
};

// The key results that labels name as `kr:KEY` (labels may also hold several
// tokens separated by commas, semicolons or spaces), lower-cased, without duplicates.
std::vector<std::string> key_results_in_labels(const std::vector<std::string>& labels);

// Why a work item cannot be imported (no key, a key over 64 bytes, no title), or
// nullopt.
std::optional<std::string> work_item_problem(const WorkItem& item);

struct WorkItemFile {
  std::vector<WorkItem> items;
  std::vector<csv::Rejected> rejected;  // by line, in file order
};

struct WorkItemOptions {
  Tracker tracker = Tracker::jira;
  std::string link_column;  // empty: `kr:KEY` labels
};

// Reads a tracker export. A file that is not CSV, or lacks a column the tracker's
// export always has, is an Error naming it; bad rows are in `rejected`.
Result<WorkItemFile> parse_work_items(std::string_view text, const WorkItemOptions& options);

}  // namespace okr::formats
