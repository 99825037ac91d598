#include "formats/lint_config.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <string>
#include <vector>

#include "formats/okr_file.h"

namespace okr::formats {
namespace {

// Thrown inside the parser and turned into an Error at its edge.
struct ConfigError {
  Error error;
};

class Parser {
 public:
  explicit Parser(std::string_view file_name) : file_(file_name) {}

  coach::Config parse(const YAML::Node& root) {
    coach::Config config;
    if (!root || root.IsNull()) return config;  // an empty file: all defaults
    if (!root.IsMap()) fail(root, "", "the file must be a mapping with 'limits' and 'rules'");
    for (const auto& kv : root) {
      std::string key = key_of(kv.first);
      if (key == "limits")
        parse_limits(kv.second, config);
      else if (key == "rules")
        parse_rules(kv.second, config);
      else
        fail(kv.first, key, "unknown key '" + key + "'; expected 'limits' or 'rules'");
    }
    return config;
  }

 private:
  [[noreturn]] void fail(const YAML::Node& n, std::string field, const std::string& what) {
    auto m = n.Mark();
    int line = m.is_null() ? 0 : m.line + 1;
    int column = m.is_null() ? 0 : m.column + 1;
    std::string where =
        std::string(file_) + ":" + std::to_string(line) + ":" + std::to_string(column) + ": ";
    throw ConfigError{Error{ErrorCode::invalid, std::move(field), where + what, line, column}};
  }

  std::string key_of(const YAML::Node& k) {
    if (!k.IsScalar()) fail(k, "", "keys must be plain names");
    return k.Scalar();
  }

  int integer(const YAML::Node& n, const std::string& field) {
    if (!n.IsScalar()) fail(n, field, field + " must be a whole number");
    const std::string& s = n.Scalar();
    int value = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc() || end != s.data() + s.size())
      fail(n, field, field + " must be a whole number, not '" + s + "'");
    if (value < 0 || value > 1000) fail(n, field, field + " must be between 0 and 1000");
    return value;
  }

  void parse_limits(const YAML::Node& limits, coach::Config& config) {
    if (limits.IsNull()) return;
    if (!limits.IsMap()) fail(limits, "limits", "'limits' must be a mapping of names to numbers");
    struct Limit {
      std::string_view name;
      int coach::Config::*member;
    };
    static constexpr Limit kLimits[] = {
        {"min_objectives", &coach::Config::min_objectives},
        {"max_objectives", &coach::Config::max_objectives},
        {"min_key_results", &coach::Config::min_key_results},
        {"max_key_results", &coach::Config::max_key_results},
        {"max_objective_words", &coach::Config::max_objective_words},
    };
    std::map<std::string, YAML::Node> written;  // key nodes, to point at the culprit
    for (const auto& kv : limits) {
      std::string key = key_of(kv.first);
      written[key] = kv.first;
      auto it = std::find_if(std::begin(kLimits), std::end(kLimits),
                             [&](const Limit& l) { return l.name == key; });
      if (it == std::end(kLimits)) {
        std::string names;
        for (const Limit& l : kLimits) names += (names.empty() ? "" : ", ") + std::string(l.name);
        fail(kv.first, "limits." + key, "unknown limit '" + key + "'; expected one of: " + names);
      }
      config.*(it->member) = integer(kv.second, "limits." + key);
    }
    auto where = [&](const std::string& a, const std::string& b) {
      if (written.count(a)) return written[a];
      return written.count(b) ? written[b] : limits;
    };
    if (config.min_objectives > config.max_objectives)
      fail(where("min_objectives", "max_objectives"), "limits.min_objectives",
           "min_objectives (" + std::to_string(config.min_objectives) +
               ") is above max_objectives (" + std::to_string(config.max_objectives) + ")");
    if (config.min_key_results > config.max_key_results)
      fail(where("min_key_results", "max_key_results"), "limits.min_key_results",
           "min_key_results (" + std::to_string(config.min_key_results) +
               ") is above max_key_results (" + std::to_string(config.max_key_results) + ")");
    for (std::string name : {"max_objectives", "max_key_results", "max_objective_words"}) {
      int value = name == "max_objectives"    ? config.max_objectives
                  : name == "max_key_results" ? config.max_key_results
                                              : config.max_objective_words;
      if (value < 1) fail(where(name, name), "limits." + name, name + " must be at least 1");
    }
  }

  void parse_rules(const YAML::Node& rules, coach::Config& config) {
    if (rules.IsNull()) return;
    if (!rules.IsMap()) fail(rules, "rules", "'rules' must be a mapping of rule ids to settings");
    for (const auto& kv : rules) {
      std::string id = key_of(kv.first);
      std::string field = "rules." + id;
      if (!known_rule(id)) fail(kv.first, field, unknown_rule_message(id));
      config.rules[id] = setting(kv.second, field);
    }
  }

  coach::RuleSetting setting(const YAML::Node& n, const std::string& field) {
    coach::RuleSetting s;
    if (n.IsScalar()) {
      const std::string& v = n.Scalar();
      if (v == "off" || v == "false" || v == "no") {
        s.enabled = false;
      } else if (v == "on" || v == "true" || v == "yes") {
        s.enabled = true;
      } else if (auto sev = coach::parse_severity(v)) {
        s.severity = sev;
      } else {
        fail(n, field,
             field + " must be off, on, error, warning, info or {severity: ...}, not '" + v + "'");
      }
      return s;
    }
    if (!n.IsMap())
      fail(n, field, field + " must be off, on, a severity, or a mapping with 'severity'");
    for (const auto& kv : n) {
      std::string key = key_of(kv.first);
      const YAML::Node& v = kv.second;
      if (key == "severity") {
        auto sev = v.IsScalar() ? coach::parse_severity(v.Scalar()) : std::nullopt;
        if (!sev) fail(v, field + ".severity", "severity must be error, warning or info");
        s.severity = sev;
      } else if (key == "enabled") {
        std::string b = v.IsScalar() ? v.Scalar() : "";
        if (b == "true" || b == "on" || b == "yes")
          s.enabled = true;
        else if (b == "false" || b == "off" || b == "no")
          s.enabled = false;
        else
          fail(v, field + ".enabled", "enabled must be true or false");
      } else {
        fail(kv.first, field + "." + key,
             "unknown key '" + key + "' in " + field + "; expected 'severity' or 'enabled'");
      }
    }
    return s;
  }

  static bool known_rule(std::string_view id) {
    for (const auto& r : coach::rules())
      if (r.id == id) return true;
    return false;
  }

  // Edit distance, to suggest the rule id a typo meant.
  static size_t distance(std::string_view a, std::string_view b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
      size_t diagonal = row[0];
      row[0] = i;
      for (size_t j = 1; j <= b.size(); ++j) {
        size_t up = row[j];
        row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
        diagonal = up;
      }
    }
    return row[b.size()];
  }

  static std::string unknown_rule_message(const std::string& id) {
    std::string_view best;
    size_t best_distance = 4;  // suggest only close matches
    for (const auto& r : coach::rules()) {
      size_t d = distance(id, r.id);
      if (d < best_distance) {
        best = r.id;
        best_distance = d;
      }
    }
    std::string msg = "unknown rule '" + id + "'";
    if (!best.empty()) return msg + "; did you mean '" + std::string(best) + "'?";
    std::string ids;
    for (const auto& r : coach::rules()) ids += (ids.empty() ? "" : ", ") + std::string(r.id);
    return msg + "; known rules: " + ids;
  }

  std::string_view file_;
};

}  // namespace

Result<coach::Config> parse_lint_config(std::string_view yaml_text, std::string_view file_name) {
  Parser parser(file_name);
  if (auto alias = find_yaml_alias(yaml_text)) {
    alias->message = std::string(file_name) + ":" + std::to_string(alias->line) + ":" +
                     std::to_string(alias->column) + ": " + alias->message;
    return *alias;
  }
  try {
    YAML::Node root = YAML::Load(std::string(yaml_text));
    return parser.parse(root);
  } catch (const ConfigError& e) {
    return e.error;
  } catch (const YAML::Exception& e) {
    int line = e.mark.is_null() ? 0 : e.mark.line + 1;
    int column = e.mark.is_null() ? 0 : e.mark.column + 1;
    std::string where =
        std::string(file_name) + ":" + std::to_string(line) + ":" + std::to_string(column) + ": ";
    return Error{ErrorCode::invalid, "", where + "not valid YAML: " + e.msg, line, column};
  }
}

}  // namespace okr::formats
