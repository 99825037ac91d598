// The alignment analysis (core/alignment.h) as JSON, for `okr tree --format json` and
// the alignment API.
#pragma once

#include <boost/json/value.hpp>
#include <map>
#include <string>
#include <vector>

#include "core/alignment.h"

namespace okr::formats {

// {tree: [{key, title, team, function, score, contributing_teams, children}], orphans:
// [{key, title, team}], level_skips: [{key, team, aligns_to, skips_teams}], functions:
// [{function, objectives, unaligned, company_objectives: [{objective, aligned, share}]}]}
// `key_result_keys` names the key results objectives align to (as `aligns_to_key_result`).
boost::json::object to_json(const AlignmentReport& r, const std::map<Id, std::string>& team_keys,
                            const std::map<Id, std::vector<std::string>>& contributors,
                            const std::map<Id, std::string>& key_result_keys);

}  // namespace okr::formats
