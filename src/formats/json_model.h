// JSON renderings of the domain, shared by the API, `--format json` and the
// audit trail, so a thing looks the same wherever it appears.
#pragma once

#include <boost/json/value.hpp>

#include "core/comments.h"
#include "core/model.h"
#include "core/report.h"

namespace okr::formats {

boost::json::value to_json(const Cycle& c);
boost::json::value to_json(const User& u);
boost::json::value to_json(const Team& t);
boost::json::value to_json(const Objective& o);
boost::json::value to_json(const KeyResult& k);
boost::json::value to_json(const CheckIn& c);
boost::json::value to_json(const Sprint& s);
boost::json::value to_json(const Initiative& i);
boost::json::value to_json(const Kpi& k);
boost::json::value to_json(const Dependency& d);
// A dependency with the keys of what it links, as the API and `okr dependency list
// --format json` show it.
struct DependencyNames {
  std::string key_result, objective, asking_team, team, cycle;
};
boost::json::object to_json(const Dependency& d, const DependencyNames& names);
// A comment as the audit trail records it: {id, subject, objective_id, key_result_id,
// check_in_id, parent_id, author_id, body, created_at, edited_at, deleted, version}.
boost::json::value to_json(const Comment& c);
boost::json::value to_json(const Review& r);
boost::json::value to_json(const Retrospective& r);
// {score, low, high}, or null when there is no forecast.
boost::json::value to_json(const Forecast& f);
boost::json::value to_json(const std::optional<Forecast>& f);

// The cycle status document of `okr status --format json` and `okr grade --format json`:
// {cycle, expected_progress, score, teams: [{key, name, score, objectives: [{key, title,
// score, band, flags, key_results: [{key, title, score, ...}]}]}]}.
boost::json::value to_json(const CycleStatus& s);
// The same with only the teams from `first` up to (not including) `last`; the cycle's
// own figures stay those of every team.
boost::json::value to_json(const CycleStatus& s, std::size_t first, std::size_t last);

// Compact JSON text of any JSON value, numbers written as people and jq expect: the
// shortest form that reads back exactly (55, 0.675, not 5.5E1 or 6.75E-1). Every JSON
// document okr writes goes through here.
std::string to_text(const boost::json::value& v);

}  // namespace okr::formats
