// One search box for the whole organisation: teams, people, objectives and key results
// found by words of their key or name, from the database's full-text index. What is
// found is ranked as a person expects: the exact key or name first, then those starting
// with the words, then the index's own ranking; objectives and key results of the
// current cycle before older ones.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/app.h"

namespace okr::app {

struct Found {
  std::string kind;  // "team", "user", "objective", "key_result"
  Id id = 0;
  std::string key;      // a team's or objective's key, a key result's, a person's e-mail
  std::string title;    // a team's or person's name, an objective's or key result's title
  std::string context;  // what it belongs to: "Growth · 2026-Q4", a person's first team
  // Where the dashboard shows it (a person: their first team's page); empty: nowhere.
  std::string path;
};

inline constexpr int kMaxSearchResults = 50;

// Words of `text` (at most 200 characters); `limit` 1–50; `kind` ("team", "user",
// "objective", "key_result"): only that kind, else invalid.
Result<std::vector<Found>> search(App& app, const std::string& text, int limit,
                                  const std::optional<std::string>& kind = std::nullopt);

}  // namespace okr::app
