// Reading the fields of an objective and of a key result from a JSON body, shared by
// the objective handlers (which take key results with their objective) and the key
// result handlers.
#pragma once

#include <vector>

#include "app/okrs.h"
#include "http/api/support.h"

namespace okr::http::api {

app::ObjectiveFields objective_fields(const Body& b);
app::KeyResultFields key_result_fields(const Body& b);
// The "key_results" array of a body: each item a key result's fields, with "id" and
// "version" naming a stored one. Errors name the item ("key_results[2].target").
// Absent: nullopt.
std::optional<std::vector<app::KeyResultDraft>> key_result_drafts(const Body& b);

}  // namespace okr::http::api
