#include "app/work_import.h"

#include <algorithm>
#include <map>

#include "app/audit.h"
#include "app/lookup.h"
#include "app/okrs.h"
#include "app/permissions.h"
#include "app/run.h"
#include "core/validate.h"

namespace okr::app {
namespace {

// A row refused for a reason of its own; the import goes on with the next one.
struct RowProblem {
  std::string message;
};

class WorkImporter {
 public:
  WorkImporter(App& app, Transaction& tx, const Actor& actor, std::string action)
      : app_(app), tx_(tx), actor_(actor), action_(std::move(action)) {}

  void import(const formats::WorkItem& item, std::optional<Id> team_id, WorkImportSummary& out) {
    // Everything the row needs is looked up and checked before anything is written.
    if (auto problem = formats::work_item_problem(item)) throw RowProblem{*problem};
    std::vector<Id> key_result_ids;
    std::optional<Id> first_team;
    for (const auto& k : item.key_result_keys) {
      auto kr = tx_.find_key_result_by_key(k);
      if (!kr) throw RowProblem{item.key + ": key result '" + k + "' does not exist"};
      key_result_ids.push_back(kr->id);
      if (!first_team) first_team = tx_.find_objective(kr->objective_id)->team_id;
    }
    auto before = tx_.find_initiative_by_key(item.key);
    if (!team_id) team_id = first_team;
    // Work whose last link was removed stays with the team it belongs to.
    if (!team_id && before) team_id = before->team_id;
    if (!team_id)
      throw RowProblem{item.key +
                       ": the row names no key result, so its team is unknown; give a team"};
    const Team& team = team_of(*team_id);
    if (!allowed(tx_, actor_, Permission::check_in, team.id))
      throw RowProblem{item.key + ": you may not add work to team '" + team.key + "'"};

    Initiative i = before.value_or(Initiative{});
    if (before && before->team_id != team.id &&
        !allowed(tx_, actor_, Permission::check_in, before->team_id))
      throw RowProblem{item.key + ": it belongs to another team, whose work you may not change"};
    i.key = item.key;
    i.title = item.title;
    i.url = item.url;
    i.status = item.status;
    i.team_id = team.id;
    std::sort(key_result_ids.begin(), key_result_ids.end());
    i.key_result_ids = key_result_ids;

    std::optional<Sprint> new_sprint;
    if (item.sprint_known) i.sprint_id.reset();
    if (item.sprint_known && !item.sprint.empty()) {
      if (auto s = sprint_named(team.id, item.sprint)) {
        i.sprint_id = s->id;
      } else {
        if (!allowed(tx_, actor_, Permission::manage_team, team.id))
          throw RowProblem{item.key + ": team '" + team.key + "' has no sprint '" + item.sprint +
                           "', and only its lead may create one"};
        Date end = app_.today();
        new_sprint = Sprint{0, team.id, item.sprint, add_days(end, -13), end, 1};
        if (auto e = validate(*new_sprint))
          throw RowProblem{item.key + ": sprint '" + item.sprint + "': " + e->message};
      }
    }
    if (auto e = validate(i)) throw RowProblem{item.key + ": " + e->field + ": " + e->message};

    // Now write the row: its sprint when new, then the initiative.
    if (new_sprint) {
      new_sprint->id = tx_.create_sprint(*new_sprint);
      audit<Sprint>(tx_, actor_, app_.now(), action_, "sprint", new_sprint->id, std::nullopt,
                    *new_sprint);
      sprints_[team.id].push_back(*new_sprint);
      out.sprints_created.push_back(team.key + "/" + new_sprint->name);
      i.sprint_id = new_sprint->id;
    }
    if (!before) {
      i.id = tx_.create_initiative(i);
      i.version = 1;
      audit<Initiative>(tx_, actor_, app_.now(), action_, "initiative", i.id, std::nullopt, i);
      ++out.created;
    } else if (i == *before) {
      ++out.unchanged;
    } else {
      i.version = tx_.update_initiative(i);
      audit<Initiative>(tx_, actor_, app_.now(), action_, "initiative", i.id, before, i);
      ++out.updated;
    }
  }

  const Team& team_of(Id id) {
    auto it = teams_.find(id);
    if (it == teams_.end()) it = teams_.emplace(id, *tx_.find_team(id)).first;
    return it->second;
  }

 private:
  std::optional<Sprint> sprint_named(Id team_id, const std::string& name) {
    auto it = sprints_.find(team_id);
    if (it == sprints_.end()) it = sprints_.emplace(team_id, tx_.list_sprints(team_id)).first;
    for (const auto& s : it->second)
      if (s.name == name) return s;
    return std::nullopt;
  }

  App& app_;
  Transaction& tx_;
  const Actor& actor_;
  std::string action_;
  std::map<Id, Team> teams_;
  std::map<Id, std::vector<Sprint>> sprints_;
};

}  // namespace

Result<WorkImportSummary> import_work(App& app, const WorkImportRequest& request,
                                      const Actor& actor) {
  auto file = formats::parse_work_items(request.text, {request.tracker, request.link_column});
  if (!file) return file.error();
  auto out = import_work_items(app, file->items, request.team, actor, "import");
  if (!out) return out;
  for (const auto& r : file->rejected) out->skipped.push_back({r.line, r.message});
  std::stable_sort(out->skipped.begin(), out->skipped.end(),
                   [](const auto& a, const auto& b) { return a.line < b.line; });
  return out;
}

Result<WorkImportSummary> import_work_items(
    App& app, const std::vector<formats::WorkItem>& items, const std::optional<std::string>& team,
    const Actor& actor, const std::string& action,
    const std::function<std::optional<std::string>(Transaction&, const WorkImportSummary&)>& last) {
  std::string ignored;
  auto result = run(app.store(), Store::Mode::write, [&](Transaction& tx) {
    WorkImportSummary out;
    std::optional<Id> team_id;
    if (team) {
      std::optional<Team> t = team_keyed(tx, *team);
      require(tx, actor, Permission::check_in, t->id, std::nullopt, "add work");
      team_id = t->id;
    }
    WorkImporter importer(app, tx, actor, action);
    std::map<std::string, int> seen;  // key → line of its first row
    for (const auto& item : items) {
      try {
        if (auto [it, fresh] = seen.emplace(item.key, item.line); !fresh)
          throw RowProblem{item.key + ": the file already has this key on line " +
                           std::to_string(it->second)};
        importer.import(item, team_id, out);
      } catch (const RowProblem& p) {
        out.skipped.push_back({item.line, p.message});
      }
    }
    std::stable_sort(out.skipped.begin(), out.skipped.end(),
                     [](const auto& a, const auto& b) { return a.line < b.line; });
    if (last)
      if (auto why = last(tx, out)) {
        ignored = *why;
        fail(Error::conflict("updated_at", *why));  // rolls every change back
      }
    return out;
  });
  if (!result && !ignored.empty()) {
    WorkImportSummary out;
    out.ignored = ignored;
    return out;
  }
  return result;
}

}  // namespace okr::app
