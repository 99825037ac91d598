// The coach on OKR files: turning a parsed file into a draft for the coach, and
// its findings into compiler-style text or the JSON findings document shared by
// `okr lint --format json` and POST /api/v1/lint.
#pragma once

#include <boost/json/value.hpp>
#include <map>
#include <string>
#include <vector>

#include "core/coach/coach.h"
#include "formats/okr_file.h"

namespace okr::formats {

// The organisation tree as far as it is known: team key → parent team key ("" for a root).
using TeamTree = std::map<std::string, std::string, std::less<>>;

// The teams the file itself declares.
TeamTree team_tree_of(const OkrFile& file);

// The draft the coach reads. The organisation has a level above a team when the
// tree gives the team a parent; a team the tree does not know counts as top-level
// only when no team in the tree has a parent and no objective aligns to anything.
coach::Draft draft_of(const OkrFile& file, const TeamTree& tree);

// Where a finding points in the file: the field's position when known.
Pos position_of(const OkrFile& file, const coach::Finding& finding);

// "file:line:col: severity: [rule] message" and an indented suggestion per finding. A
// finding with no position (OKRs read from the database) is "source: severity: …"
// followed by "in: team KEY "Name" › objective KEY "Title" › key result KEY "Title"".
std::string findings_to_text(const std::vector<coach::Finding>& findings, const OkrFile& file,
                             const std::string& file_name);

// {"findings": [{rule, severity, file, line, column, objective, key_result (their titles),
//   objective_key, key_result_key, team, field, message,
// suggestion, evidence}]}; `file_name` empty → file, line and column are null.
boost::json::value findings_to_json(const std::vector<coach::Finding>& findings,
                                    const OkrFile& file, const std::string& file_name);
// Appends the findings of one file to an existing findings document.
void append_findings(boost::json::value& document, const std::vector<coach::Finding>& findings,
                     const OkrFile& file, const std::string& file_name);

// True when any finding has error severity.
bool has_errors(const std::vector<coach::Finding>& findings);

}  // namespace okr::formats
