// Reading the fields of an objective and of a key result from a JSON body, shared by
// the objective handlers (which take key results with their objective) and the key
// result handlers.
#pragma once

#include <vector>

#include "app/okrs.h"
#include "http/api/support.h"

namespace okr::http::api {

// Where a field takes an id (`team_id`) it also takes what the path of the thing takes
// under the name without `_id`: `team` and `cycle` (a key or name; "current"), `owner`
// (an e-mail), `parent` (an objective's key), `parent_key_result` and `objective`
// (keys). Giving both forms, or a key that names nothing, is refused naming the field.
app::ObjectiveFields objective_fields(app::App& app, const Body& b);
app::KeyResultFields key_result_fields(app::App& app, const Body& b);
// The "key_results" array of a body: each item a key result's fields, with "id" and
// "version" naming a stored one. Errors name the item ("key_results[2].target").
// Absent: nullopt.
std::optional<std::vector<app::KeyResultDraft>> key_result_drafts(app::App& app, const Body& b);

}  // namespace okr::http::api
