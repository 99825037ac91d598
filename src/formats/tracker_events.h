// A tracker's webhook delivery (GitHub, GitLab, Jira) read into the work item it is
// about, in the shape `okr import-work` reads from the tracker's export
// (formats/work_items.h): the same key, title, status and `kr:KEY` links.
//
//  - GitHub (X-GitHub-Event): `issues` and `pull_request`. Key "owner/repo#N" (issues
//    and pull requests share their numbers). An open issue is planned, an open pull
//    request in progress; a closed issue is done unless closed as not planned
//    (dropped); a merged pull request is done, one closed unmerged dropped; a deleted
//    issue is dropped. The sprint is the milestone, when there is one.
//  - GitLab (X-Gitlab-Event): `Issue Hook` (and `Confidential Issue Hook`) and `Merge
//    Request Hook`. Key "group/project#iid" for an issue, "group/project!iid" for a
//    merge request. opened → planned (a merge request: in progress), closed → done
//    (a merge request: dropped), merged → done. The payload names no sprint.
//  - Jira (`webhookEvent`): `jira:issue_created` and `jira:issue_updated`. Key is the
//    issue key, the status maps as in an export (else by its category: To Do, In
//    Progress, Done), the labels are `fields.labels`, the sprint the last of the
//    issue's sprints when the payload carries them.
//
// Any other event is not an error: it is reported as ignored, with the reason.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/result.h"
#include "formats/work_items.h"

namespace okr::formats {

struct TrackerEvent {
  std::optional<WorkItem> item;  // nullopt: nothing to do
  std::string ignored;           // why, when there is no item
  // When the tracker last changed the issue (its updated_at, Jira's fields.updated):
  // deliveries may arrive out of order, and an older one must not undo a newer one.
  std::optional<Instant> updated_at;
};

// A tracker's time: "2019-05-15T15:20:33Z", "2013-12-03 17:23:34 UTC",
// "2017-12-07T10:22:07.000+0000" (fractions dropped, offsets applied).
std::optional<Instant> parse_tracker_time(std::string_view text);

// Errors (ErrorCode::invalid, field "body") only for a body that is not a JSON object
// or an event of a known kind that lacks what it always has.
Result<TrackerEvent> read_github_event(std::string_view event, std::string_view body);
Result<TrackerEvent> read_gitlab_event(std::string_view event, std::string_view body);
Result<TrackerEvent> read_jira_event(std::string_view body);

}  // namespace okr::formats
