#include "formats/json_model.h"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <charconv>
#include <cmath>

namespace okr::formats {
namespace json = boost::json;

namespace {

json::value opt(const std::optional<Id>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}
json::value opt(const std::optional<double>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}
json::value str(std::string_view s) {
  return json::value(json::string(s));
}

json::value indicator(Indicator i) {
  return i == Indicator::unset ? json::value(nullptr) : str(to_string(i));
}

json::array ids(const std::vector<Id>& v) {
  json::array a;
  for (Id i : v) a.push_back(i);
  return a;
}

}  // namespace

json::value to_json(const Cycle& c) {
  return json::object{{"id", c.id},
                      {"name", c.name},
                      {"start", format_date(c.start)},
                      {"end", format_date(c.end)},
                      {"state", str(to_string(c.state))},
                      {"version", c.version}};
}

json::value to_json(const User& u) {
  return json::object{{"id", u.id},       {"email", u.email},       {"name", u.name},
                      {"admin", u.admin}, {"disabled", u.disabled}, {"version", u.version}};
}

json::value to_json(const Team& t) {
  return json::object{{"id", t.id},
                      {"key", t.key},
                      {"name", t.name},
                      {"function", t.function},
                      {"parent_id", opt(t.parent_id)},
                      {"lead_id", opt(t.lead_id)},
                      {"check_in_cadence_days", t.check_in_cadence_days},
                      {"version", t.version}};
}

json::value to_json(const Objective& o) {
  return json::object{{"id", o.id},
                      {"key", o.key},
                      {"cycle_id", o.cycle_id},
                      {"team_id", o.team_id},
                      {"title", o.title},
                      {"description", o.description},
                      {"kind", str(to_string(o.kind))},
                      {"owner_id", opt(o.owner_id)},
                      {"parent_id", opt(o.parent_id)},
                      {"parent_key_result_id", opt(o.parent_key_result_id)},
                      {"contributing_team_ids", ids(o.contributing_team_ids)},
                      {"version", o.version}};
}

json::value to_json(const KeyResult& k) {
  json::object o{{"id", k.id},
                 {"key", k.key},
                 {"objective_id", k.objective_id},
                 {"title", k.title},
                 {"metric", str(to_string(k.metric))},
                 {"direction", str(to_string(direction_of(k)))},
                 {"unit", k.unit},
                 {"start", k.start},
                 {"target", k.target},
                 {"weight", k.weight},
                 {"owner_id", opt(k.owner_id)},
                 {"kpi_id", opt(k.kpi_id)},
                 {"indicator", indicator(k.indicator)},
                 {"driven_by_aligned", k.driven_by_aligned},
                 {"version", k.version}};
  if (k.metric == MetricKind::range) {
    o["low"] = k.range_low;
    o["high"] = k.range_high;
    o["tolerance"] = k.tolerance;
  }
  return o;
}

json::value to_json(const Dependency& d) {
  return json::object{
      {"id", d.id},
      {"key_result_id", d.key_result_id},
      {"team_id", d.team_id},
      {"note", d.note},
      {"state", str(to_string(d.state))},
      {"answer", d.answer},
      {"asked_by", opt(d.asked_by)},
      {"asked_at", format_instant(d.asked_at)},
      {"answered_by", opt(d.answered_by)},
      {"answered_at", d.answered_at ? json::value(format_instant(*d.answered_at)) : nullptr},
      {"version", d.version}};
}

json::object to_json(const Dependency& d, const DependencyNames& names) {
  auto o = to_json(d).as_object();
  o["key_result"] = names.key_result;
  o["objective"] = names.objective;
  o["asking_team"] = names.asking_team;
  o["team"] = names.team;
  o["cycle"] = names.cycle;
  return o;
}

json::value to_json(const Comment& c) {
  return json::object{
      {"id", c.id},
      {"subject", str(to_string(c.subject()))},
      {"objective_id", c.objective_id},
      {"key_result_id", opt(c.key_result_id)},
      {"check_in_id", opt(c.check_in_id)},
      {"parent_id", opt(c.parent_id)},
      {"author_id", opt(c.author_id)},
      {"body", c.body},
      {"created_at", format_instant(c.created_at)},
      {"edited_at", c.edited_at ? json::value(format_instant(*c.edited_at)) : nullptr},
      {"deleted", c.deleted},
      {"version", c.version}};
}

json::value to_json(const CheckIn& c) {
  return json::object{{"id", c.id},
                      {"key_result_id", c.key_result_id},
                      {"value", c.value},
                      {"confidence", opt(c.confidence)},
                      {"note", c.note},
                      {"author_id", opt(c.author_id)},
                      {"at", format_instant(c.at)}};
}

json::value to_json(const Sprint& s) {
  return json::object{{"id", s.id},
                      {"team_id", s.team_id},
                      {"name", s.name},
                      {"start", format_date(s.start)},
                      {"end", format_date(s.end)},
                      {"version", s.version}};
}

json::value to_json(const Initiative& i) {
  return json::object{{"id", i.id},
                      {"key", i.key},
                      {"title", i.title},
                      {"team_id", i.team_id},
                      {"sprint_id", opt(i.sprint_id)},
                      {"url", i.url},
                      {"status", str(to_string(i.status))},
                      {"key_result_ids", ids(i.key_result_ids)},
                      {"version", i.version}};
}

json::value to_json(const Kpi& k) {
  return json::object{{"id", k.id},
                      {"key", k.key},
                      {"name", k.name},
                      {"team_id", opt(k.team_id)},
                      {"unit", k.unit},
                      {"healthy_low", opt(k.healthy_low)},
                      {"healthy_high", opt(k.healthy_high)},
                      {"warning_low", opt(k.warning_low)},
                      {"warning_high", opt(k.warning_high)},
                      {"version", k.version}};
}

json::value to_json(const Review& r) {
  json::array overrides;
  for (const auto& o : r.overrides)
    overrides.push_back(json::object{{"key_result_id", o.key_result_id},
                                     {"score", o.score},
                                     {"reason", o.reason},
                                     {"set_by", opt(o.set_by)}});
  return json::object{{"id", r.id},
                      {"objective_id", r.objective_id},
                      {"overrides", std::move(overrides)},
                      {"what_worked", r.what_worked},
                      {"what_did_not", r.what_did_not},
                      {"what_we_learned", r.what_we_learned},
                      {"reviewer_id", opt(r.reviewer_id)},
                      {"at", format_instant(r.at)},
                      {"version", r.version}};
}

json::value to_json(const Retrospective& r) {
  return json::object{{"id", r.id},
                      {"cycle_id", r.cycle_id},
                      {"team_id", opt(r.team_id)},
                      {"problem", r.problem},
                      {"inputs", r.inputs},
                      {"friction", r.friction},
                      {"evidence", r.evidence},
                      {"author_id", opt(r.author_id)},
                      {"at", format_instant(r.at)},
                      {"version", r.version}};
}

json::value to_json(const Forecast& f) {
  return json::object{{"score", f.value}, {"low", f.low}, {"high", f.high}};
}

json::value to_json(const std::optional<Forecast>& f) {
  return f ? to_json(*f) : json::value(nullptr);
}

json::value to_json(const CycleStatus& s) {
  return to_json(s, 0, s.teams.size());
}

json::value to_json(const CycleStatus& s, std::size_t first, std::size_t last) {
  const bool final = is_final(s.cycle);
  auto name_of = [](const std::map<Id, std::string>& m, std::optional<Id> id) -> json::value {
    if (!id) return nullptr;
    auto it = m.find(*id);
    return it == m.end() ? json::value(nullptr) : json::value(it->second);
  };
  json::array teams;
  last = std::min(last, s.teams.size());
  for (std::size_t i = first; i < last; ++i) {
    const TeamStatus& t = s.teams[i];
    json::array objectives;
    for (const auto& o : t.objectives) {
      json::array krs;
      for (const auto& k : o.key_results) {
        const auto& kr = k.key_result;
        json::object j{{"key", kr.key},
                       {"title", kr.title},
                       {"score", k.score},
                       {"metric", str(to_string(kr.metric))},
                       {"unit", kr.unit},
                       {"start", kr.start},
                       {"target", kr.target},
                       {"current", k.latest ? json::value(k.latest->value) : json::value(nullptr)},
                       {"confidence", k.latest ? opt(k.latest->confidence) : json::value(nullptr)},
                       {"weight", kr.weight},
                       {"owner", name_of(s.user_emails, kr.owner_id)},
                       {"source", str(to_string(k.source))},
                       {"stale", k.stale},
                       {"last_check_in", k.latest && k.source != ScoreSource::kpi
                                             ? json::value(format_instant(k.latest->at))
                                             : json::value(nullptr)},
                       {"forecast", to_json(k.forecast)},
                       {"kpi", name_of(s.kpi_keys, kr.kpi_id)},
                       {"indicator", indicator(kr.indicator)},
                       {"driven_by_aligned", kr.driven_by_aligned},
                       {"aligned_objectives", k.aligned_objectives},
                       {"unconfirmed_dependencies", k.unconfirmed_dependencies}};
        json::array dependencies;
        for (const auto& d : k.dependencies)
          dependencies.push_back(json::object{{"id", d.id},
                                              {"team", name_of(s.team_keys, d.team_id)},
                                              {"state", str(to_string(d.state))},
                                              {"note", d.note},
                                              {"answer", d.answer}});
        j["dependencies"] = std::move(dependencies);
        // A closed cycle's grades are final: it shows bands, not a pace.
        if (!final) j["pace"] = str(to_string(k.pace));
        if (k.latest && k.latest->confidence)
          j["confidence_band"] = str(to_string(confidence_band(*k.latest->confidence)));
        if (k.override_)
          j["override"] = json::object{{"score", k.override_->score},
                                       {"computed_score", k.computed_score},
                                       {"reason", k.override_->reason},
                                       {"by", name_of(s.user_emails, k.overridden_by)}};
        krs.push_back(std::move(j));
      }
      json::array flags;
      for (auto f : o.flags) flags.push_back(str(to_string(f)));
      json::array contributors;
      for (Id c : o.objective.contributing_team_ids)
        contributors.push_back(name_of(s.team_keys, c));
      json::object oj{
          {"key", o.objective.key},
          {"title", o.objective.title},
          {"kind", str(to_string(o.objective.kind))},
          {"owner", name_of(s.user_emails, o.objective.owner_id)},
          {"aligns_to", name_of(s.objective_keys, o.objective.parent_id)},
          {"aligns_to_key_result", name_of(s.key_result_keys, o.objective.parent_key_result_id)},
          {"unconfirmed_dependencies", o.unconfirmed_dependencies},
          {"score", o.score},
          {"band", str(to_string(o.band))},
          {"flags", std::move(flags)},
          {"forecast", to_json(o.forecast)},
          {"contributing_teams", std::move(contributors)},
          {"key_results", std::move(krs)}};
      if (!final) oj["pace"] = str(to_string(o.pace));
      objectives.push_back(std::move(oj));
    }
    json::object team{{"key", t.team.key},
                      {"name", t.team.name},
                      {"function", t.team.function},
                      {"parent", name_of(s.team_keys, t.team.parent_id)},
                      {"depth", t.depth},
                      {"score", t.score ? json::value(*t.score) : json::value(nullptr)},
                      {"pattern", t.pattern ? str(to_string(*t.pattern)) : json::value(nullptr)},
                      {"check_in_cadence_days", t.team.check_in_cadence_days},
                      {"forecast", to_json(t.forecast)},
                      {"objectives", std::move(objectives)}};
    json::array kpis;
    for (const auto& k : t.kpis)
      kpis.push_back(json::object{
          {"key", k.kpi.key},
          {"name", k.kpi.name},
          {"unit", k.kpi.unit},
          {"value", k.latest ? json::value(k.latest->value) : json::value(nullptr)},
          {"at", k.latest ? json::value(format_instant(k.latest->at)) : json::value(nullptr)},
          {"health", k.health ? str(to_string(*k.health)) : json::value(nullptr)}});
    team["kpis"] = std::move(kpis);
    teams.push_back(std::move(team));
  }
  return json::object{{"cycle", json::object{{"name", s.cycle.name},
                                             {"start", format_date(s.cycle.start)},
                                             {"end", format_date(s.cycle.end)},
                                             {"state", str(to_string(s.cycle.state))}}},
                      {"today", format_date(s.today)},
                      {"expected_progress", s.expected_progress},
                      {"score", s.score},
                      {"forecast", to_json(s.forecast)},
                      {"teams", std::move(teams)}};
}

namespace {

void write_number(std::string& out, double d) {
  if (!std::isfinite(d)) {
    out += "null";  // JSON has no infinity or NaN
    return;
  }
  if (d == 0) d = 0;  // no "-0"
  char buf[32];
  // The shortest text that reads back as the same double: 55, 0.6739130434782609, 1e-07.
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
  out.append(buf, ec == std::errc() ? end : buf);
}

void write(std::string& out, const json::value& v) {
  switch (v.kind()) {
    case json::kind::null:
      out += "null";
      return;
    case json::kind::bool_:
      out += v.get_bool() ? "true" : "false";
      return;
    case json::kind::int64:
      out += std::to_string(v.get_int64());
      return;
    case json::kind::uint64:
      out += std::to_string(v.get_uint64());
      return;
    case json::kind::double_:
      write_number(out, v.get_double());
      return;
    case json::kind::string:
      out += json::serialize(v.get_string());
      return;
    case json::kind::array: {
      out += '[';
      bool first = true;
      for (const auto& e : v.get_array()) {
        if (!first) out += ',';
        first = false;
        write(out, e);
      }
      out += ']';
      return;
    }
    case json::kind::object: {
      out += '{';
      bool first = true;
      for (const auto& [key, e] : v.get_object()) {
        if (!first) out += ',';
        first = false;
        out += json::serialize(key);
        out += ':';
        write(out, e);
      }
      out += '}';
      return;
    }
  }
}

}  // namespace

std::string to_text(const json::value& v) {
  std::string out;
  write(out, v);
  return out;
}

}  // namespace okr::formats
