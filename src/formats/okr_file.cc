#include "formats/okr_file.h"

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <initializer_list>
#include <iterator>
#include <set>
#include <sstream>
#include <thread>

#include "core/text.h"

namespace okr::formats {
namespace {

// Thrown inside the parser and turned into an Error at its edge.
struct ParseError {
  Error error;
};

// Lines of the file before the piece being parsed (see pieces_of).
thread_local int line_offset = 0;

Pos pos_of_node(const YAML::Node& n) {
  auto m = n.Mark();
  if (m.is_null()) return {};
  return {m.line + 1 + line_offset, m.column + 1};
}

[[noreturn]] void fail(const YAML::Node& n, std::string field, std::string message) {
  Pos p = pos_of_node(n);
  throw ParseError{
      Error{ErrorCode::invalid, std::move(field), std::move(message), p.line, p.column}};
}

std::string describe(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Null:
      return "nothing";
    default:
      return "'" + n.Scalar() + "'";
  }
}

void require_map(const YAML::Node& n, const std::string& what) {
  if (!n.IsMap()) fail(n, what, what + " must be a mapping of fields, not " + describe(n));
}

// Rejects fields the format does not define: a typo must not be silently ignored.
void check_fields(const YAML::Node& n, const std::string& what,
                  std::initializer_list<std::string_view> allowed) {
  for (const auto& kv : n) {
    const auto& k = kv.first;
    std::string name = k.IsScalar() ? k.Scalar() : "";
    if (auto problem = text_problem(name)) fail(k, "", "a field name in " + what + " " + *problem);
    bool known = false;
    for (auto a : allowed) known = known || a == name;
    if (!known) {
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      fail(k, name, "unknown field '" + name + "' in " + what + "; expected one of: " + list);
    }
  }
}

template <class Fields>
void remember(Fields& fields, const YAML::Node& parent, std::string_view field) {
  for (const auto& kv : parent)
    if (kv.first.IsScalar() && kv.first.Scalar() == field) {
      fields[std::string(field)] = pos_of_node(kv.second);
      return;
    }
}

std::string text(const YAML::Node& parent, const std::string& field, const std::string& what,
                 bool required = false) {
  auto n = parent[field];
  if (!n || n.IsNull()) {
    if (required) fail(parent, field, what + " needs a '" + field + "'");
    return {};
  }
  if (!n.IsScalar()) fail(n, field, field + " must be text, not " + describe(n));
  if (auto problem = text_problem(n.Scalar())) fail(n, field, field + " " + *problem);
  return n.Scalar();
}

std::optional<double> number(const YAML::Node& parent, const std::string& field) {
  auto n = parent[field];
  if (!n || n.IsNull()) return std::nullopt;
  if (!n.IsScalar()) fail(n, field, field + " must be a number, not " + describe(n));
  std::string s = n.Scalar();
  std::string_view v = s;
  if (!v.empty() && v[0] == '+') v.remove_prefix(1);
  double d = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
  if (ec != std::errc() || p != v.data() + v.size() || v.empty() || !std::isfinite(d))
    fail(n, field, field + " must be a finite number, not '" + s + "'");
  return d;
}

bool flag(const YAML::Node& parent, const std::string& field) {
  auto n = parent[field];
  if (!n || n.IsNull()) return false;
  if (n.IsScalar()) {
    if (n.Scalar() == "true") return true;
    if (n.Scalar() == "false") return false;
  }
  fail(n, field, field + " must be true or false, not " + describe(n));
}

std::vector<std::string> text_list(const YAML::Node& parent, const std::string& field) {
  auto n = parent[field];
  std::vector<std::string> out;
  if (!n || n.IsNull()) return out;
  if (!n.IsSequence()) fail(n, field, field + " must be a list, not " + describe(n));
  for (const auto& item : n) {
    if (!item.IsScalar()) fail(item, field, "each entry of " + field + " must be text");
    if (auto problem = text_problem(item.Scalar()))
      fail(item, field, "an entry of " + field + " " + *problem);
    out.push_back(item.Scalar());
  }
  return out;
}

std::string key_of(const YAML::Node& parent, const std::string& what) {
  std::string k = text(parent, "key", what, true);
  if (!is_valid_key(k))
    fail(parent["key"], "key",
         "key '" + k +
             "' must be 1–64 characters of a–z, 0–9, '-', '_' or '.', starting with a letter "
             "or digit and not only digits");
  return k;
}

FileTeam parse_team(const YAML::Node& n) {
  require_map(n, "team");
  check_fields(n, "team", {"key", "name", "function", "parent", "lead", "members"});
  FileTeam t;
  t.pos = pos_of_node(n);
  t.key = key_of(n, "a team");
  t.name = text(n, "name", "a team");
  if (t.name.empty()) t.name = t.key;
  t.function = text(n, "function", "a team");
  t.parent = text(n, "parent", "a team");
  t.lead = text(n, "lead", "a team");
  t.members = text_list(n, "members");
  for (auto f : {"key", "name", "function", "parent", "lead", "members"}) remember(t.fields, n, f);
  return t;
}

FileKeyResult parse_key_result(const YAML::Node& n) {
  require_map(n, "key result");
  check_fields(n, "key result",
               {"key", "title", "metric", "unit", "start", "target", "low", "high", "tolerance",
                "weight", "owner", "kpi", "indicator", "driven_by_aligned"});
  FileKeyResult k;
  k.pos = pos_of_node(n);
  k.key = key_of(n, "a key result");
  k.title = text(n, "title", "a key result", true);
  std::string metric = text(n, "metric", "a key result");
  if (!metric.empty()) {
    auto m = parse_metric_kind(metric);
    if (!m)
      fail(n["metric"], "metric",
           "metric '" + metric +
               "' is not one of: number, percent, currency, boolean, milestone, range");
    k.metric = *m;
  }
  k.unit = text(n, "unit", "a key result");
  k.start = number(n, "start");
  k.target = number(n, "target");
  k.low = number(n, "low");
  k.high = number(n, "high");
  k.tolerance = number(n, "tolerance");
  k.weight = number(n, "weight");
  k.owner = text(n, "owner", "a key result");
  k.kpi = text(n, "kpi", "a key result");
  std::string indicator = text(n, "indicator", "a key result");
  if (!indicator.empty()) {
    auto i = parse_indicator(indicator);
    if (!i)
      fail(n["indicator"], "indicator",
           "indicator '" + indicator + "' is not one of: leading, lagging");
    k.indicator = *i;
  }
  k.driven_by_aligned = flag(n, "driven_by_aligned");
  if (k.driven_by_aligned && !k.kpi.empty())
    fail(n["driven_by_aligned"], "driven_by_aligned",
         "a key result follows a KPI or is driven by the objectives aligned to it, not both");
  for (auto f : {"key", "title", "metric", "unit", "start", "target", "low", "high", "tolerance",
                 "weight", "owner", "kpi", "indicator", "driven_by_aligned"})
    remember(k.fields, n, f);
  return k;
}

FileObjective parse_objective(const YAML::Node& n) {
  require_map(n, "objective");
  check_fields(n, "objective",
               {"key", "team", "title", "description", "kind", "owner", "aligns_to",
                "aligns_to_key_result", "contributors", "key_results"});
  FileObjective o;
  o.pos = pos_of_node(n);
  o.key = key_of(n, "an objective");
  o.team = text(n, "team", "an objective", true);
  o.title = text(n, "title", "an objective", true);
  o.description = text(n, "description", "an objective");
  std::string kind = text(n, "kind", "an objective");
  if (!kind.empty()) {
    auto k = parse_objective_kind(kind);
    if (!k) fail(n["kind"], "kind", "kind '" + kind + "' is not one of: aspirational, committed");
    o.kind = *k;
  }
  o.owner = text(n, "owner", "an objective");
  o.aligns_to = text(n, "aligns_to", "an objective");
  o.aligns_to_key_result = text(n, "aligns_to_key_result", "an objective");
  if (!o.aligns_to.empty() && !o.aligns_to_key_result.empty())
    fail(n["aligns_to_key_result"], "aligns_to_key_result",
         "an objective aligns to one objective or to one key result, not both; give aligns_to "
         "or aligns_to_key_result");
  o.contributors = text_list(n, "contributors");
  for (auto f : {"key", "team", "title", "description", "kind", "owner", "aligns_to",
                 "aligns_to_key_result", "contributors", "key_results"})
    remember(o.fields, n, f);
  auto krs = n["key_results"];
  if (krs && !krs.IsNull()) {
    if (!krs.IsSequence())
      fail(krs, "key_results", "key_results must be a list, not " + describe(krs));
    for (const auto& k : krs) o.key_results.push_back(parse_key_result(k));
  }
  return o;
}

void check_unique_keys(const OkrFile& f);

OkrFile parse_root(const YAML::Node& root) {
  if (!root.IsMap()) fail(root, "", "the file must be a mapping with 'cycle' and 'objectives'");
  check_fields(root, "the file", {"cycle", "start", "end", "teams", "objectives"});
  OkrFile f;
  f.pos = pos_of_node(root);
  f.cycle = text(root, "cycle", "the file", true);
  for (auto [field, out] : {std::pair{"start", &f.start}, std::pair{"end", &f.end}}) {
    std::string s = text(root, field, "the file");
    if (s.empty()) continue;
    auto d = parse_date(s);
    if (!d)
      fail(root[field], field, std::string(field) + " '" + s + "' is not a date (YYYY-MM-DD)");
    *out = *d;
  }
  if (f.start && f.end && std::chrono::sys_days{*f.end} < std::chrono::sys_days{*f.start})
    fail(root["end"], "end", "a cycle's end must not be before its start");
  auto teams = root["teams"];
  if (teams && !teams.IsNull()) {
    if (!teams.IsSequence()) fail(teams, "teams", "teams must be a list, not " + describe(teams));
    for (const auto& t : teams) f.teams.push_back(parse_team(t));
  }
  auto objectives = root["objectives"];
  if (objectives && !objectives.IsNull()) {
    if (!objectives.IsSequence())
      fail(objectives, "objectives", "objectives must be a list, not " + describe(objectives));
    for (const auto& o : objectives) f.objectives.push_back(parse_objective(o));
  }
  check_unique_keys(f);
  return f;
}

// Keys are unique within a file.
void check_unique_keys(const OkrFile& f) {
  std::set<std::string> seen;
  for (const auto& t : f.teams)
    if (!seen.insert("team:" + t.key).second)
      throw ParseError{Error{ErrorCode::invalid, "key", "team key '" + t.key + "' appears twice",
                             t.pos.line, t.pos.column}};
  for (const auto& o : f.objectives) {
    if (!seen.insert("objective:" + o.key).second)
      throw ParseError{Error{ErrorCode::invalid, "key",
                             "objective key '" + o.key + "' appears twice", o.pos.line,
                             o.pos.column}};
    for (const auto& k : o.key_results)
      if (!seen.insert("kr:" + k.key).second)
        throw ParseError{Error{ErrorCode::invalid, "key",
                               "key result key '" + k.key + "' appears twice", k.pos.line,
                               k.pos.column}};
  }
}

// The usual layout of a large file, parsed one team and one objective at a time so
// that only one of them is ever held as a YAML document: a block mapping whose keys
// (cycle, start, end, teams, objectives) start their lines, each once, with the teams
// and objectives as block lists. The rest of the file (its header) is parsed with the
// lists' items blanked out, so every line keeps its number. Anything else, and any
// error, gives nullopt: the whole document is then parsed at once, which also words
// every error.
std::optional<OkrFile> pieces_of(std::string_view text) {
  struct Line {
    std::string_view text;
    std::size_t begin;
  };
  std::vector<Line> lines;
  for (std::size_t at = 0; at < text.size();) {
    auto end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back({text.substr(at, end - at), at});
    at = end + 1;
  }
  auto blank = [](std::string_view l) {
    auto first = l.find_first_not_of(" \t\r");
    return first == std::string_view::npos || l[first] == '#';
  };
  // Per line: 0 header, 1 a team's, 2 an objective's.
  std::vector<char> owner(lines.size(), 0);
  struct Piece {
    std::size_t first, last;  // lines
    char list;
  };
  std::vector<Piece> pieces;
  std::set<std::string_view> seen;
  for (std::size_t i = 0; i < lines.size();) {
    const auto l = lines[i].text;
    if (blank(l)) {
      ++i;
      continue;
    }
    if (l[0] == ' ' || l[0] == '\t') return std::nullopt;  // not at a top-level key
    const auto colon = l.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    const auto key = l.substr(0, colon);
    if (key != "cycle" && key != "start" && key != "end" && key != "teams" && key != "objectives")
      return std::nullopt;
    if (!seen.insert(key).second) return std::nullopt;
    const auto rest = l.substr(colon + 1);
    const bool list = (key == "teams" || key == "objectives") && blank(rest);
    if (!rest.empty() && rest[0] != ' ' && rest[0] != '\r') return std::nullopt;
    std::size_t j = i + 1;
    // The section runs to the next line starting with anything but a space or a comment.
    while (j < lines.size() && (blank(lines[j].text) || lines[j].text[0] == ' ')) ++j;
    if (list) {
      const char kind = key == "teams" ? 1 : 2;
      std::size_t indent = std::string_view::npos;
      for (std::size_t k = i + 1; k < j; ++k) {
        const auto item = lines[k].text;
        if (blank(item)) {
          if (!pieces.empty() && pieces.back().list == kind && indent != std::string_view::npos)
            owner[k] = kind, pieces.back().last = k;
          continue;
        }
        const auto first = item.find_first_not_of(' ');
        if (indent == std::string_view::npos) indent = first;
        const bool starts =
            first == indent && item[first] == '-' &&
            (first + 1 == item.size() || item[first + 1] == ' ' || item[first + 1] == '\r');
        if (starts) {
          pieces.push_back({k, k, kind});
        } else if (first <= indent) {
          return std::nullopt;
        }
        owner[k] = kind;
        pieces.back().last = k;
      }
    }
    i = j;
  }
  std::string header;
  header.reserve(text.size() / 64);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!owner[i]) header.append(lines[i].text);
    header += '\n';
  }
  try {
    YAML::Node root = YAML::Load(header);
    if (!root || root.IsNull()) return std::nullopt;
    OkrFile f = parse_root(root);
    // The pieces are independent documents: a large file's are parsed on the machine's
    // cores side by side, each part in order, and the parts joined in order.
    struct Part {
      std::vector<FileTeam> teams;
      std::vector<FileObjective> objectives;
      bool ok = true;
    };
    const std::size_t cores = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 4);
    const std::size_t parts = pieces.size() < 2000 ? 1 : cores;
    std::vector<Part> out(parts);
    auto parse_part = [&](std::size_t n) {
      struct Reset {
        ~Reset() { line_offset = 0; }
      } reset;
      Part& part = out[n];
      const std::size_t from = pieces.size() * n / parts, to = pieces.size() * (n + 1) / parts;
      try {
        for (std::size_t i = from; i < to; ++i) {
          const auto& p = pieces[i];
          const auto begin = lines[p.first].begin;
          const auto end = lines[p.last].begin + lines[p.last].text.size();
          line_offset = static_cast<int>(p.first);
          YAML::Node item = YAML::Load(std::string(text.substr(begin, end - begin)));
          if (!item.IsSequence() || item.size() != 1) {
            part.ok = false;
            return;
          }
          if (p.list == 1)
            part.teams.push_back(parse_team(item[0]));
          else
            part.objectives.push_back(parse_objective(item[0]));
        }
      } catch (...) {
        part.ok = false;
      }
    };
    std::vector<std::thread> helpers;
    for (std::size_t n = 1; n < parts; ++n) helpers.emplace_back(parse_part, n);
    parse_part(0);
    for (auto& h : helpers) h.join();
    for (auto& part : out) {
      if (!part.ok) return std::nullopt;
      std::move(part.teams.begin(), part.teams.end(), std::back_inserter(f.teams));
      std::move(part.objectives.begin(), part.objectives.end(), std::back_inserter(f.objectives));
    }
    check_unique_keys(f);
    return f;
  } catch (const ParseError&) {
    return std::nullopt;
  } catch (const YAML::Exception&) {
    return std::nullopt;
  }
}

// ---- writing

void emit_number(YAML::Emitter& out, const char* name, std::optional<double> v) {
  if (!v) return;
  // The shortest text that reads back as the same double.
  out << YAML::Key << name << YAML::Value << fmt::format("{}", *v);
}

void emit_text(YAML::Emitter& out, const char* name, const std::string& v) {
  if (v.empty()) return;
  out << YAML::Key << name << YAML::Value << v;
}

}  // namespace

std::optional<Error> find_yaml_alias(std::string_view text) {
  // An alias needs an anchor: without both characters there is nothing to find, and
  // most files are read without a second pass.
  if (text.find('&') == std::string_view::npos || text.find('*') == std::string_view::npos)
    return std::nullopt;
  struct Found {
    YAML::Mark mark;
  };
  struct Handler final : YAML::EventHandler {
    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
    void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { throw Found{mark}; }
    void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  const std::string&) override {}
    void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                         YAML::EmitterStyle::value) override {}
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                    YAML::EmitterStyle::value) override {}
    void OnMapEnd() override {}
  } handler;
  try {
    std::istringstream in{std::string(text)};
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(handler)) {
    }
  } catch (const Found& found) {
    return Error{ErrorCode::invalid, "",
                 "YAML aliases (*name) are not allowed: write the value out where it is needed",
                 found.mark.line + 1, found.mark.column + 1};
  } catch (const YAML::Exception&) {
    // Not YAML: the parser that follows says where.
  }
  return std::nullopt;
}

std::optional<OkrFile> detail::parse_in_pieces(std::string_view text) {
  return pieces_of(text);
}

Result<OkrFile> parse_okr_yaml(std::string_view text) {
  if (auto alias = find_yaml_alias(text)) return *alias;
  try {
    std::optional<OkrFile> pieces = pieces_of(text);
    OkrFile file;
    if (pieces) {
      file = std::move(*pieces);
    } else {
      YAML::Node root = YAML::Load(std::string(text));
      if (!root || root.IsNull())
        return Error{ErrorCode::invalid, "", "the file is empty; it needs 'cycle' and 'objectives'",
                     1, 1};
      file = parse_root(root);
    }
    // Anything the fields above did not cover (a comment, say): the file must be UTF-8.
    if (auto bad = find_invalid_utf8(text)) {
      auto before = text.substr(0, *bad);
      auto line_start = before.rfind('\n');
      auto line_text =
          line_start == std::string_view::npos ? before : before.substr(line_start + 1);
      int column = 1;
      for (unsigned char c : line_text) column += (c & 0xC0) != 0x80;
      int line = 1;
      for (char c : before) line += c == '\n';
      return Error{ErrorCode::invalid, "", "the file is not valid UTF-8 here", line, column};
    }
    if (auto nul = text.find('\0'); nul != std::string_view::npos) {
      int line = 1;
      for (char c : text.substr(0, nul)) line += c == '\n';
      return Error{ErrorCode::invalid, "", "the file contains a NUL character on this line", line,
                   1};
    }
    return file;
  } catch (const ParseError& e) {
    return e.error;
  } catch (const YAML::Exception& e) {
    return Error{ErrorCode::invalid, "", "YAML syntax: " + e.msg, e.mark.line + 1,
                 e.mark.column + 1};
  }
}

std::string write_okr_yaml(const OkrFile& f) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << "cycle" << YAML::Value << f.cycle;
  if (f.start) out << YAML::Key << "start" << YAML::Value << format_date(*f.start);
  if (f.end) out << YAML::Key << "end" << YAML::Value << format_date(*f.end);
  if (!f.teams.empty()) {
    out << YAML::Key << "teams" << YAML::Value << YAML::BeginSeq;
    for (const auto& t : f.teams) {
      out << YAML::Flow << YAML::BeginMap;
      emit_text(out, "key", t.key);
      emit_text(out, "name", t.name);
      emit_text(out, "function", t.function);
      emit_text(out, "parent", t.parent);
      emit_text(out, "lead", t.lead);
      if (!t.members.empty()) {
        out << YAML::Key << "members" << YAML::Value << YAML::Flow << YAML::BeginSeq;
        for (const auto& m : t.members) out << m;
        out << YAML::EndSeq;
      }
      out << YAML::EndMap;
    }
    out << YAML::EndSeq;
  }
  out << YAML::Key << "objectives" << YAML::Value << YAML::BeginSeq;
  for (const auto& o : f.objectives) {
    out << YAML::BeginMap;
    emit_text(out, "key", o.key);
    emit_text(out, "team", o.team);
    emit_text(out, "title", o.title);
    emit_text(out, "description", o.description);
    out << YAML::Key << "kind" << YAML::Value << std::string(to_string(o.kind));
    emit_text(out, "owner", o.owner);
    emit_text(out, "aligns_to", o.aligns_to);
    emit_text(out, "aligns_to_key_result", o.aligns_to_key_result);
    if (!o.contributors.empty()) {
      out << YAML::Key << "contributors" << YAML::Value << YAML::Flow << YAML::BeginSeq;
      for (const auto& c : o.contributors) out << c;
      out << YAML::EndSeq;
    }
    out << YAML::Key << "key_results" << YAML::Value << YAML::BeginSeq;
    for (const auto& k : o.key_results) {
      out << YAML::BeginMap;
      emit_text(out, "key", k.key);
      emit_text(out, "title", k.title);
      out << YAML::Key << "metric" << YAML::Value << std::string(to_string(k.metric));
      emit_text(out, "unit", k.unit);
      emit_number(out, "start", k.start);
      emit_number(out, "target", k.target);
      emit_number(out, "low", k.low);
      emit_number(out, "high", k.high);
      emit_number(out, "tolerance", k.tolerance);
      emit_number(out, "weight", k.weight);
      emit_text(out, "owner", k.owner);
      emit_text(out, "kpi", k.kpi);
      emit_text(out, "indicator", std::string(to_string(k.indicator)));
      if (k.driven_by_aligned) out << YAML::Key << "driven_by_aligned" << YAML::Value << true;
      out << YAML::EndMap;
    }
    out << YAML::EndSeq;
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
  out << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

}  // namespace okr::formats
