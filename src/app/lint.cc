#include "app/lint.h"

#include "app/run.h"

namespace okr::app {

Result<formats::TeamTree> team_tree(App& app, const formats::OkrFile& file) {
  return run(app.store(), Store::Mode::read, [&](Transaction& tx) {
    formats::TeamTree tree;
    std::map<Id, std::string> keys;
    auto teams = tx.list_teams();
    for (const auto& t : teams) keys[t.id] = t.key;
    for (const auto& t : teams) tree[t.key] = t.parent_id ? keys[*t.parent_id] : "";
    for (const auto& [key, parent] : formats::team_tree_of(file)) tree.emplace(key, parent);
    return tree;
  });
}

Result<std::vector<coach::Finding>> lint_draft(App& app, const formats::OkrFile& draft,
                                               const coach::Config& config) {
  auto tree = team_tree(app, draft);
  if (!tree) return tree.error();
  return coach::lint(formats::draft_of(draft, *tree), config);
}

Result<StoredLint> lint_stored(App& app, const std::string& cycle,
                               const std::optional<std::string>& team,
                               const coach::Config& config) {
  auto file = app.export_okrs(cycle, team);
  if (!file) return file.error();
  auto findings = lint_draft(app, *file, config);
  if (!findings) return findings.error();
  return StoredLint{std::move(*file), std::move(*findings)};
}

}  // namespace okr::app
