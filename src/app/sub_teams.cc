#include "app/sub_teams.h"

#include <algorithm>
#include <map>

#include "app/lookup.h"
#include "app/okrs.h"
#include "app/run.h"
#include "app/views.h"

namespace okr::app {

Result<SubTeamPage> sub_teams(App& app, const std::string& cycle, const std::string& team,
                              SubTeamOrder order, int offset, int limit, const Actor& actor) {
  limit = std::clamp(limit, 1, 100);
  // The children and how many teams each has below it, from one read of the tree.
  auto tree = run(app.store(), Store::Mode::read, [&](Transaction& tx) {
    std::optional<Team> t = team_keyed(tx, team);
    std::vector<Team> children;
    std::map<Id, int> below;
    for (auto& u : tx.list_teams_under(t->id)) {
      if (u.parent_id == t->id) children.push_back(u);
      if (u.parent_id && *u.parent_id != t->id) ++below[*u.parent_id];
    }
    return std::pair{std::move(children), std::move(below)};
  });
  if (!tree) return tree.error();
  auto& [children, below] = *tree;

  // Each child as its own page scores it: a shared document while nothing changes.
  SubTeamPage page;
  page.total = static_cast<int>(children.size());
  std::vector<SubTeam> all;
  all.reserve(children.size());
  for (const auto& c : children) {
    SubTeam s{.team = c, .sub_teams = below[c.id]};
    auto view = team_view(app, cycle, c.key, actor);
    if (!view) return view.error();
    const auto& ts = view->page->status.teams.front();
    s.score = ts.score;
    s.objectives = static_cast<int>(ts.objectives.size());
    for (const auto& o : ts.objectives)
      for (const auto& k : o.key_results)
        (k.pace == Pace::on_track  ? s.on_track
         : k.pace == Pace::at_risk ? s.at_risk
                                   : s.off_track)++;
    all.push_back(std::move(s));
  }
  auto by_name = [](const SubTeam& a, const SubTeam& b) { return a.team.name < b.team.name; };
  switch (order) {
    case SubTeamOrder::name:
      std::sort(all.begin(), all.end(), by_name);
      break;
    case SubTeamOrder::score:
      std::sort(all.begin(), all.end(), [&](const SubTeam& a, const SubTeam& b) {
        if (a.score.has_value() != b.score.has_value()) return a.score.has_value();
        if (a.score && b.score && *a.score != *b.score) return *a.score < *b.score;
        return by_name(a, b);
      });
      break;
    case SubTeamOrder::off_track:
      std::sort(all.begin(), all.end(), [&](const SubTeam& a, const SubTeam& b) {
        if (a.off_track != b.off_track) return a.off_track > b.off_track;
        return by_name(a, b);
      });
      break;
  }
  offset = std::clamp(offset, 0, page.total);
  const int end = std::min(page.total, offset + limit);
  page.items.assign(all.begin() + offset, all.begin() + end);
  if (end < page.total) page.next = end;
  return page;
}

}  // namespace okr::app
