// "OKRs as code": the YAML file format for one team's or a whole organisation's
// cycle (documented in docs/okr-file-format.md). Parsing checks shape and types
// and records where each element was written, so later errors (an unknown team,
// a key result the coach dislikes) can name the line and column. References
// between things (teams, parents, owners) are resolved by the importer.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/model.h"
#include "core/result.h"

namespace okr::formats {

// A 1-based source position; 0 when the element was not read from a file.
struct Pos {
  int line = 0;
  int column = 0;
};

struct FileTeam {
  std::string key;
  std::string name;
  std::string function;
  std::string parent;  // team key
  std::string lead;    // e-mail
  std::vector<std::string> members;
  Pos pos;
  std::map<std::string, Pos, std::less<>> fields;
};

struct FileKeyResult {
  std::string key;
  std::string title;
  MetricKind metric = MetricKind::number;
  std::string unit;
  std::optional<double> start, target;
  std::optional<double> low, high, tolerance;
  std::optional<double> weight;
  std::string owner;  // e-mail
  std::string kpi;    // KPI key
  Indicator indicator = Indicator::unset;
  bool driven_by_aligned = false;  // scored by the objectives aligned to it
  Pos pos;
  std::map<std::string, Pos, std::less<>> fields;
};

struct FileObjective {
  std::string key;
  std::string team;
  std::string title;
  std::string description;
  ObjectiveKind kind = ObjectiveKind::aspirational;
  std::string owner;                      // e-mail
  std::string aligns_to;                  // parent objective key
  std::string aligns_to_key_result;       // or the key of one key result it aligns to
  std::vector<std::string> contributors;  // team keys
  std::vector<FileKeyResult> key_results;
  Pos pos;
  std::map<std::string, Pos, std::less<>> fields;
};

struct OkrFile {
  std::string cycle;
  std::optional<Date> start, end;
  std::vector<FileTeam> teams;
  std::vector<FileObjective> objectives;
  Pos pos;
};

// Parses the YAML text. Errors carry the line and column of the offending node
// and a message naming the field and the rule.
Result<OkrFile> parse_okr_yaml(std::string_view text);

// A YAML alias (`*name`, `<<: *name`) lets a small file expand into a huge document
// (each alias repeats its anchor's whole node): OKR files and settings files refuse
// them. The error names the alias's line and column; nullopt when there is none (or
// the text is not YAML, which the parser then reports).
std::optional<Error> find_yaml_alias(std::string_view text);

namespace detail {
// The file as parse_okr_yaml reads a file of the usual layout, a team and an objective
// at a time; nullopt for any other layout and for any error (parse_okr_yaml then
// parses the whole document). Exposed for tests.
std::optional<OkrFile> parse_in_pieces(std::string_view text);
}  // namespace detail

// Writes the file in the canonical layout; parse_okr_yaml(write_okr_yaml(f))
// gives back the same content.
std::string write_okr_yaml(const OkrFile& file);

// Position of `field` of an element, or of the element itself when the field was
// not written.
template <class T>
Pos pos_of(const T& element, std::string_view field) {
  if (auto it = element.fields.find(field); it != element.fields.end()) return it->second;
  return element.pos;
}

}  // namespace okr::formats
