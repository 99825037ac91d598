// Rewrites built from the writer's own words. A warning that only offers a
// pattern ("Raise <metric> from X to Y") asks the writer to start over; one that
// keeps their words and shows the missing piece ("Ship the onboarding checklist
// so that <who> <does what>") shows what to add. The placeholders in angle
// brackets are what the coach cannot know. Internal to the coach.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/coach/text.h"

namespace okr::coach {

// The people a title names, as written: the words after "for" when they name
// people ("for new users" -> "new users"), else the first phrase that names
// people, with up to two words before it ("10 churned customers" -> "churned
// customers"); empty when the title names nobody.
std::string people_named(std::string_view title, const std::vector<Token>& tokens);

// A key result that counts work, kept as written and given the change it
// should cause: "Ship the onboarding checklist" -> "Ship the onboarding
// checklist so that <who> <does what>" (the people it names fill <who>).
std::string key_result_with_change(std::string_view title, const std::vector<Token>& tokens);

// How an objective that names work goes about it; picks the shape of the
// destination sentence.
enum class WorkKind {
  puts_in_hands,  // launch, build, ship, roll out, lead the rollout of: the thing gets used
  improves,       // improve, optimise, redesign, fix: people do something more easily
  other,          // grow the team, migrate, a verbless name of work: people get something
};

// The destination an objective that names work could state instead, from its
// own words: "Lead the rollout of X" -> "X is used by <who> to <do what>";
// "Improve the onboarding experience for new users" -> "New users <do what>
// more easily with the onboarding experience". `thing` is what the work is
// done to, as written ("the rollout of X", "the onboarding experience for new
// users"); nouns of work before "of" ("the rollout of") are dropped. Empty when
// the words give no thing to build the sentence on ("to have …", "and maintain …").
std::string objective_as_destination(std::string_view thing, WorkKind kind);

}  // namespace okr::coach
