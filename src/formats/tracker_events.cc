#include "formats/tracker_events.h"

#include <regex>

#include <boost/json.hpp>

namespace okr::formats {
namespace {

namespace json = boost::json;

Error bad(std::string message) {
  return Error::invalid("body", std::move(message));
}

Result<json::object> parse_object(std::string_view body) {
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec) return bad("the body is not JSON: " + ec.message());
  if (!v.is_object()) return bad("the body is not a JSON object");
  return std::move(v.as_object());
}

const json::object* object_at(const json::object& o, std::string_view name) {
  auto it = o.find(name);
  return it != o.end() && it->value().is_object() ? &it->value().as_object() : nullptr;
}

std::string text_at(const json::object* o, std::string_view name) {
  if (!o) return {};
  auto it = o->find(name);
  return it != o->end() && it->value().is_string() ? std::string(it->value().as_string())
                                                   : std::string();
}

std::optional<std::int64_t> number_at(const json::object* o, std::string_view name) {
  if (!o) return std::nullopt;
  auto it = o->find(name);
  if (it == o->end()) return std::nullopt;
  if (it->value().is_int64()) return it->value().as_int64();
  if (it->value().is_uint64() && it->value().as_uint64() < (1ULL << 62))
    return static_cast<std::int64_t>(it->value().as_uint64());
  return std::nullopt;
}

bool true_at(const json::object* o, std::string_view name) {
  if (!o) return false;
  auto it = o->find(name);
  return it != o->end() && it->value().is_bool() && it->value().as_bool();
}

// Label names from an array of strings or of objects with `field` ("name", "title").
std::vector<std::string> labels_at(const json::object* o, std::string_view name,
                                   std::string_view field) {
  std::vector<std::string> out;
  if (!o) return out;
  auto it = o->find(name);
  if (it == o->end() || !it->value().is_array()) return out;
  for (const auto& l : it->value().as_array()) {
    if (l.is_string()) out.emplace_back(l.as_string());
    if (l.is_object()) {
      auto t = text_at(&l.as_object(), field);
      if (!t.empty()) out.push_back(std::move(t));
    }
  }
  return out;
}

TrackerEvent ignored(std::string why) {
  return TrackerEvent{std::nullopt, std::move(why)};
}

}  // namespace

Result<TrackerEvent> read_github_event(std::string_view event, std::string_view body) {
  auto payload = parse_object(body);
  if (!payload) return payload.error();
  const json::object& p = *payload;
  const bool pull = event == "pull_request";
  if (event != "issues" && !pull)
    return ignored("okr takes GitHub's issues and pull_request events, not '" + std::string(event) +
                   "'");
  const json::object* thing = object_at(p, pull ? "pull_request" : "issue");
  const json::object* repository = object_at(p, "repository");
  auto number = number_at(thing, "number");
  std::string repo = text_at(repository, "full_name");
  if (!thing || !number || repo.empty())
    return bad(std::string("a GitHub ") + (pull ? "pull_request" : "issues") + " event has '" +
               (pull ? "pull_request" : "issue") + ".number' and 'repository.full_name'");
  std::string action = text_at(&p, "action");
  if (action == "transferred") return ignored("the issue moved to another repository");

  WorkItem item;
  item.key = repo + "#" + std::to_string(*number);
  item.title = text_at(thing, "title");
  item.url = text_at(thing, "html_url");
  std::string state = text_at(thing, "state");
  if (action == "deleted") {
    item.status = InitiativeStatus::dropped;
  } else if (state == "open") {
    item.status = pull ? InitiativeStatus::in_progress : InitiativeStatus::planned;
  } else if (state == "closed") {
    bool done = pull ? true_at(thing, "merged") || !text_at(thing, "merged_at").empty()
                     : text_at(thing, "state_reason") != "not_planned";
    item.status = done ? InitiativeStatus::done : InitiativeStatus::dropped;
  } else {
    return bad("state '" + state + "' is neither open nor closed");
  }
  item.key_result_keys = key_results_in_labels(labels_at(thing, "labels", "name"));
  // The milestone is the sprint when there is one; without one the sprint stays as
  // it is (an import may have set it from the project's iteration).
  if (auto milestone = text_at(object_at(*thing, "milestone"), "title"); !milestone.empty())
    item.sprint = milestone;
  else
    item.sprint_known = false;
  return TrackerEvent{std::move(item), {}, parse_tracker_time(text_at(thing, "updated_at"))};
}

Result<TrackerEvent> read_gitlab_event(std::string_view event, std::string_view body) {
  auto payload = parse_object(body);
  if (!payload) return payload.error();
  const json::object& p = *payload;
  const bool merge = event == "Merge Request Hook";
  if (event != "Issue Hook" && event != "Confidential Issue Hook" && !merge)
    return ignored("okr takes GitLab's Issue Hook and Merge Request Hook events, not '" +
                   std::string(event) + "'");
  const json::object* attributes = object_at(p, "object_attributes");
  auto iid = number_at(attributes, "iid");
  std::string project = text_at(object_at(p, "project"), "path_with_namespace");
  if (!attributes || !iid || project.empty())
    return bad("a GitLab " + std::string(event) +
               " has 'object_attributes.iid' and 'project.path_with_namespace'");

  WorkItem item;
  item.key = project + (merge ? "!" : "#") + std::to_string(*iid);
  item.title = text_at(attributes, "title");
  item.url = text_at(attributes, "url");
  std::string state = text_at(attributes, "state");
  if (state == "opened" || state == "reopened" || state == "locked") {
    item.status = merge ? InitiativeStatus::in_progress : InitiativeStatus::planned;
  } else if (state == "closed") {
    item.status = merge ? InitiativeStatus::dropped : InitiativeStatus::done;
  } else if (state == "merged") {
    item.status = InitiativeStatus::done;
  } else {
    return bad("state '" + state + "' is not opened, closed or merged");
  }
  // The labels are at the top of the payload (and, in older versions, in the object).
  auto labels = labels_at(&p, "labels", "title");
  if (!p.contains("labels")) labels = labels_at(attributes, "labels", "title");
  item.key_result_keys = key_results_in_labels(labels);
  item.sprint_known = false;
  return TrackerEvent{std::move(item), {}, parse_tracker_time(text_at(attributes, "updated_at"))};
}

Result<TrackerEvent> read_jira_event(std::string_view body) {
  auto payload = parse_object(body);
  if (!payload) return payload.error();
  const json::object& p = *payload;
  std::string event = text_at(&p, "webhookEvent");
  if (event != "jira:issue_created" && event != "jira:issue_updated")
    return ignored("okr takes Jira's jira:issue_created and jira:issue_updated events, not '" +
                   event + "'");
  const json::object* issue = object_at(p, "issue");
  const json::object* fields = issue ? object_at(*issue, "fields") : nullptr;
  std::string key = text_at(issue, "key");
  if (key.empty() || !fields)
    return bad("a Jira " + event + " event has 'issue.key' and 'issue.fields'");

  WorkItem item;
  item.key = key;
  item.title = text_at(fields, "summary");
  // "https://x.atlassian.net/rest/api/2/issue/10001" → "https://x.atlassian.net/browse/KEY"
  std::string self = text_at(issue, "self");
  if (auto at = self.find("/rest/api/"); at != std::string::npos)
    item.url = self.substr(0, at) + "/browse/" + key;
  const json::object* status = object_at(*fields, "status");
  std::string status_name = text_at(status, "name");
  if (auto mapped = map_tracker_status(status_name)) {
    item.status = *mapped;
  } else {
    std::string category = text_at(status ? object_at(*status, "statusCategory") : nullptr, "key");
    if (category == "new")
      item.status = InitiativeStatus::planned;
    else if (category == "indeterminate")
      item.status = InitiativeStatus::in_progress;
    else if (category == "done")
      item.status = InitiativeStatus::done;
    else
      return bad("status '" + status_name + "' is not one okr knows, and it has no category");
  }
  item.key_result_keys = key_results_in_labels(labels_at(fields, "labels", "name"));
  // Sprints are a custom field whose id differs between sites: an array of objects with a
  // name, a state and a board.
  item.sprint_known = false;
  for (const auto& [name, value] : *fields) {
    if (!name.starts_with("customfield_") || !value.is_array() || value.as_array().empty())
      continue;
    const auto& last = value.as_array().back();
    if (!last.is_object() || !last.as_object().contains("boardId")) continue;
    item.sprint = text_at(&last.as_object(), "name");
    item.sprint_known = !item.sprint.empty();
    break;
  }
  auto updated = parse_tracker_time(text_at(fields, "updated"));
  if (!updated)
    if (auto it = p.find("timestamp"); it != p.end() && it->value().is_int64())
      updated = Instant{std::chrono::seconds{it->value().as_int64() / 1000}};
  return TrackerEvent{std::move(item), {}, updated};
}

std::optional<Instant> parse_tracker_time(std::string_view text) {
  static const std::regex shape(
      R"(^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(\.\d+)?\s*(Z|UTC|[+-]\d{2}:?\d{2})?$)");
  std::match_results<std::string_view::const_iterator> m;
  if (text.size() > 64 || !std::regex_match(text.begin(), text.end(), m, shape))
    return std::nullopt;
  auto t = parse_instant(m[1].str() + "T" + m[2].str() + "Z");
  if (!t) return std::nullopt;
  const std::string zone = m[4].str();
  if (!zone.empty() && (zone[0] == '+' || zone[0] == '-')) {
    const int hours = std::stoi(zone.substr(1, 2));
    const int minutes = std::stoi(zone.substr(zone.size() - 2));
    const auto offset = std::chrono::hours{hours} + std::chrono::minutes{minutes};
    *t = zone[0] == '+' ? *t - offset : *t + offset;
  }
  return t;
}

}  // namespace okr::formats
