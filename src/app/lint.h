// The coach on stored OKRs and on drafts, with the organisation tree from the store.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "core/coach/coach.h"
#include "formats/lint_report.h"

namespace okr::app {

// The stored organisation tree, with the teams only the file declares added to it.
Result<formats::TeamTree> team_tree(App& app, const formats::OkrFile& file);

// Lints a draft (e.g. from the web editor) against the stored organisation.
Result<std::vector<coach::Finding>> lint_draft(App& app, const formats::OkrFile& draft,
                                               const coach::Config& config);

// Lints what is stored for a cycle (optionally one team's subtree); also returns the
// exported file so findings can be located and rendered.
struct StoredLint {
  formats::OkrFile file;
  std::vector<coach::Finding> findings;
};
Result<StoredLint> lint_stored(App& app, const std::string& cycle,
                               const std::optional<std::string>& team, const coach::Config& config);

}  // namespace okr::app
