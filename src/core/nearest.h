// What a person probably meant when a word they typed names nothing: the nearest of
// the words that do name something, as git suggests a command. Pure; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace okr {

// The Levenshtein distance between `a` and `b` (insertions, deletions, substitutions
// of one byte each).
std::size_t edit_distance(const std::string& a, const std::string& b);

// The candidate nearest to `typed`, when it is near enough to be a typo of it: at most
// two edits away, or a third of `typed`'s length for long words; a candidate that
// begins with `typed` (an abbreviation) counts as one edit away. Ties go to the earlier
// candidate. Case is ignored.
std::optional<std::string> nearest(const std::string& typed,
                                   const std::vector<std::string>& candidates);

}  // namespace okr
