// Validation of domain values before they are stored. Each function returns the
// first broken rule as an Error whose `field` names the field and whose message
// states the rule; an empty optional means the value is valid.
#pragma once

#include <optional>

#include "core/model.h"
#include "core/result.h"

namespace okr {

std::optional<Error> validate(const Cycle& cycle);
std::optional<Error> validate(const Team& team);
std::optional<Error> validate(const User& user);
std::optional<Error> validate(const Objective& objective);
std::optional<Error> validate(const KeyResult& kr);
std::optional<Error> validate(const CheckIn& check_in, const KeyResult& kr);
std::optional<Error> validate(const Sprint& sprint);
std::optional<Error> validate(const Initiative& initiative);
std::optional<Error> validate(const Kpi& kpi);
std::optional<Error> validate(const ScoreOverride& override_);

// E-mail addresses are stored and compared lower-cased.
std::string normalize_email(std::string_view email);

// A plausible e-mail address: one '@', something on each side, a dot in the domain.
bool is_plausible_email(std::string_view email);

}  // namespace okr
