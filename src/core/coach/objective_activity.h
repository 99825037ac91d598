// Whether an objective names work to do rather than a destination. Weak:
// "Improve the onboarding experience", "Spread the word about the partner
// programme", "Grow the support team", "The Activate Portal is improved",
// "faster experiment cycles in billing" (a verbless name of work). Strong:
// "Build a product developers love", "Shipping a plugin is simple and fun",
// "Grow the community", "Make search accessible to more users" — the verb is
// not the test; whether the sentence states a change for users or the
// business is. Internal to the coach.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/coach/own_words.h"
#include "core/coach/text.h"

namespace okr::coach {

struct ActivityReading {
  std::string lead;      // the words that open the work, as written ("Spread", "Grow")
  std::string evidence;  // the words that decided, and why
  std::string thing;     // what the work is done to, as written ("the support team")
  WorkKind kind = WorkKind::other;
};

// nullopt when the objective states a destination (or cannot be read as work).
std::optional<ActivityReading> read_objective_activity(std::string_view title,
                                                       const std::vector<Token>& tokens);

}  // namespace okr::coach
