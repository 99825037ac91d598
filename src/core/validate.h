// Validation of domain values before they are stored. Each function returns the
// first broken rule as an Error whose `field` names the field and whose message
// states the rule; an empty optional means the value is valid.
#pragma once

#include <optional>
#include <string_view>

#include "core/model.h"
#include "core/result.h"

namespace okr {

// What numbers may mean. A measured quantity (a baseline, target, range edge,
// tolerance, check-in value, KPI threshold or measurement) lies within ±10^15: more
// than any count, amount or rate a team tracks, and small enough that every
// difference and ratio scoring takes stays exact to well beyond one decimal. A weight
// is relative: greater than 0 and at most 1000.
inline constexpr double kMaxMagnitude = 1e15;
inline constexpr double kMaxWeight = 1000;

// The error for a text that may not be stored (invalid UTF-8 or a NUL character),
// naming `field`; see core/text.h.
std::optional<Error> check_text(std::string_view text, std::string_view field);

// The error for a measured number outside ±kMaxMagnitude or not finite, naming `field`.
std::optional<Error> check_magnitude(double value, std::string_view field);

std::optional<Error> validate(const Cycle& cycle);
std::optional<Error> validate(const Team& team);
std::optional<Error> validate(const User& user);
std::optional<Error> validate(const Objective& objective);
std::optional<Error> validate(const KeyResult& kr);
std::optional<Error> validate(const CheckIn& check_in, const KeyResult& kr);
std::optional<Error> validate(const Sprint& sprint);
std::optional<Error> validate(const Initiative& initiative);
std::optional<Error> validate(const Kpi& kpi);
std::optional<Error> validate(const Measurement& measurement);
std::optional<Error> validate(const ScoreOverride& override_);
std::optional<Error> validate(const Dependency& dependency);

// E-mail addresses are stored and compared lower-cased.
std::string normalize_email(std::string_view email);

// A plausible e-mail address: one '@', something on each side, a dot in the domain.
bool is_plausible_email(std::string_view email);

}  // namespace okr
