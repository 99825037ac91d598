#include "formats/work_items.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace okr::formats {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

std::vector<std::string> split_tokens(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ',' || c == ';' || std::isspace(static_cast<unsigned char>(c))) {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

// "https://github.com/lumen/web/issues/42" → "lumen/web#42"; GitLab's
// "https://gitlab.com/lumen/app/-/issues/7" → "lumen/app#7". Empty when the address
// is not an issue's.
std::string key_from_url(std::string_view url) {
  auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  auto path_start = url.find('/', scheme + 3);
  if (path_start == std::string_view::npos) return {};
  std::string_view path = url.substr(path_start + 1);
  if (auto q = path.find_first_of("?#"); q != std::string_view::npos) path = path.substr(0, q);
  while (path.ends_with('/')) path.remove_suffix(1);
  for (std::string_view marker : {"/-/issues/", "/issues/", "/-/work_items/", "/pull/"}) {
    auto at = path.rfind(marker);
    if (at == std::string_view::npos || at == 0) continue;
    std::string_view number = path.substr(at + marker.size());
    if (number.empty() ||
        !std::all_of(number.begin(), number.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return {};
    return std::string(path.substr(0, at)) + "#" + std::string(number);
  }
  return {};
}

struct Columns {
  std::string_view key, title, url;
  std::vector<std::string_view> status, sprint;
};

Columns columns_of(Tracker t) {
  switch (t) {
    case Tracker::jira:
      return {"Issue key", "Summary", "", {"Status"}, {"Sprint"}};
    case Tracker::github:
      return {"", "Title", "URL", {"Status", "State"}, {"Iteration", "Sprint", "Milestone"}};
    case Tracker::gitlab:
      return {"", "Title", "URL", {"State", "Status"}, {"Iteration", "Milestone"}};
  }
  return {};
}

// The first of `names` the table has, or "".
std::string_view pick(const csv::Table& t, const std::vector<std::string_view>& names) {
  for (auto n : names)
    if (t.has_column(n)) return n;
  return {};
}

}  // namespace

std::string_view to_string(Tracker t) {
  switch (t) {
    case Tracker::jira:
      return "jira";
    case Tracker::github:
      return "github";
    case Tracker::gitlab:
      return "gitlab";
  }
  return "jira";
}

std::optional<Tracker> parse_tracker(std::string_view s) {
  for (auto t : {Tracker::jira, Tracker::github, Tracker::gitlab})
    if (s == to_string(t)) return t;
  return std::nullopt;
}

std::optional<InitiativeStatus> map_tracker_status(std::string_view status) {
  static const std::array<std::pair<std::string_view, InitiativeStatus>, 34> kMap{{
      {"to do", InitiativeStatus::planned},
      {"todo", InitiativeStatus::planned},
      {"open", InitiativeStatus::planned},
      {"opened", InitiativeStatus::planned},
      {"reopened", InitiativeStatus::planned},
      {"backlog", InitiativeStatus::planned},
      {"selected for development", InitiativeStatus::planned},
      {"ready", InitiativeStatus::planned},
      {"new", InitiativeStatus::planned},
      {"planned", InitiativeStatus::planned},
      {"in progress", InitiativeStatus::in_progress},
      {"in_progress", InitiativeStatus::in_progress},
      {"in review", InitiativeStatus::in_progress},
      {"review", InitiativeStatus::in_progress},
      {"code review", InitiativeStatus::in_progress},
      {"in qa", InitiativeStatus::in_progress},
      {"in testing", InitiativeStatus::in_progress},
      {"blocked", InitiativeStatus::in_progress},
      {"done", InitiativeStatus::done},
      {"closed", InitiativeStatus::done},
      {"resolved", InitiativeStatus::done},
      {"complete", InitiativeStatus::done},
      {"completed", InitiativeStatus::done},
      {"released", InitiativeStatus::done},
      {"shipped", InitiativeStatus::done},
      {"won't do", InitiativeStatus::dropped},
      {"wont do", InitiativeStatus::dropped},
      {"won't fix", InitiativeStatus::dropped},
      {"cancelled", InitiativeStatus::dropped},
      {"canceled", InitiativeStatus::dropped},
      {"rejected", InitiativeStatus::dropped},
      {"duplicate", InitiativeStatus::dropped},
      {"obsolete", InitiativeStatus::dropped},
      {"dropped", InitiativeStatus::dropped},
  }};
  std::string s = lower(trim(status));
  for (const auto& [name, value] : kMap)
    if (s == name) return value;
  return std::nullopt;
}

std::vector<std::string> key_results_in_labels(const std::vector<std::string>& labels) {
  std::vector<std::string> keys;
  for (const auto& label : labels)
    for (auto& token : split_tokens(label)) {
      std::string k = lower(token);
      if (k.starts_with("kr:") && k.size() > 3 &&
          std::find(keys.begin(), keys.end(), k.substr(3)) == keys.end())
        keys.push_back(k.substr(3));
    }
  return keys;
}

std::optional<std::string> work_item_problem(const WorkItem& item) {
  if (item.key.empty()) return "the work item has no key";
  if (item.key.size() > 64)
    return "the key '" + item.key.substr(0, 64) + "…' is longer than 64 bytes";
  if (item.title.empty()) return item.key + ": the work item has no title";
  return std::nullopt;
}

Result<WorkItemFile> parse_work_items(std::string_view text, const WorkItemOptions& options) {
  csv::ReadOptions read_options;
  read_options.delimiter = csv::guess_delimiter(text);
  read_options.max_field_bytes = 256 * 1024;  // a long description, not a whole file
  auto table = csv::read(text, read_options);
  if (!table) return table.error();
  const csv::Table& t = *table;

  Columns c = columns_of(options.tracker);
  std::string_view status_column = pick(t, c.status);
  std::string_view sprint_column = pick(t, c.sprint);
  std::string tracker(to_string(options.tracker));
  auto need = [&](std::string_view name) -> std::optional<Error> {
    if (!name.empty() && !t.has_column(name))
      return Error::invalid("file", "a " + tracker + " export has a '" + std::string(name) +
                                        "' column; this file has none (is it a " + tracker +
                                        " export?)");
    return std::nullopt;
  };
  for (auto name : {c.key, c.title, c.url})
    if (auto e = need(name)) return *e;
  if (status_column.empty()) return *need(c.status.front());
  if (!options.link_column.empty() && !t.has_column(options.link_column))
    return Error::invalid("link_column",
                          "the file has no column named '" + options.link_column + "'");

  WorkItemFile out;
  out.rejected = t.rejected;
  for (const auto& r : t.records) {
    auto reject = [&](std::string message) {
      out.rejected.push_back({r.line, std::move(message)});
    };
    WorkItem item;
    item.line = r.line;
    item.title = trim(t.first(r, c.title));
    if (!c.url.empty()) item.url = trim(t.first(r, c.url));
    item.key = c.key.empty() ? key_from_url(item.url) : trim(t.first(r, c.key));
    if (item.key.empty()) {
      reject(c.key.empty() ? "the row has no issue address in '" + std::string(c.url) +
                                 "' to take its key from"
                           : "the row has no '" + std::string(c.key) + "'");
      continue;
    }
    if (item.key.size() > 64) {
      reject("the key '" + item.key.substr(0, 64) + "…' is longer than 64 bytes");
      continue;
    }
    if (item.title.empty()) {
      reject(item.key + ": the row has no '" + std::string(c.title) + "'");
      continue;
    }
    std::string status = trim(t.first(r, status_column));
    auto mapped = map_tracker_status(status);
    if (!mapped) {
      reject(item.key + ": status '" + status +
             "' is not one okr knows (To Do, In Progress, In Review, Done, Closed, Won't Do, "
             "…)");
      continue;
    }
    item.status = *mapped;
    if (!sprint_column.empty()) {
      auto sprints = t.all(r, sprint_column);
      if (!sprints.empty()) item.sprint = trim(sprints.back());
    }
    std::vector<std::string> keys;
    if (options.link_column.empty()) {
      keys = key_results_in_labels(t.all(r, "Labels"));
    } else {
      for (const auto& cell : t.all(r, options.link_column))
        for (auto& token : split_tokens(cell)) {
          std::string k = lower(token);
          if (k.starts_with("kr:")) k = k.substr(3);
          if (!k.empty()) keys.push_back(k);
        }
    }
    for (auto& k : keys)
      if (std::find(item.key_result_keys.begin(), item.key_result_keys.end(), k) ==
          item.key_result_keys.end())
        item.key_result_keys.push_back(k);
    out.items.push_back(std::move(item));
  }
  std::sort(out.rejected.begin(), out.rejected.end(),
            [](const csv::Rejected& a, const csv::Rejected& b) { return a.line < b.line; });
  return out;
}

}  // namespace okr::formats
