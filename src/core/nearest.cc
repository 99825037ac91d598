#include "core/nearest.h"

#include <algorithm>
#include <cctype>

namespace okr {
namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::optional<std::string> nearest(const std::string& typed,
                                   const std::vector<std::string>& candidates) {
  const std::string t = lower(typed);
  std::optional<std::string> best;
  std::size_t best_distance = std::max<std::size_t>(2, t.size() / 3) + 1;
  for (const auto& candidate : candidates) {
    const std::string c = lower(candidate);
    if (c == t) continue;
    std::size_t d = edit_distance(t, c);
    // An abbreviation ("plat" for "platform") is near; a longer word that merely begins
    // with a candidate ("growth-activaton" and "growth") is not.
    if (!t.empty() && c.starts_with(t)) d = std::min<std::size_t>(d, 1);
    if (d < best_distance) best_distance = d, best = candidate;
  }
  return best;
}

}  // namespace okr
