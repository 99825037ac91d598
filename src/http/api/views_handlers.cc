// The dashboard's page documents: each one answers exactly what one page shows.
//   GET /api/v1/cycles/{cycle}/overview          the company at a glance
//   GET /api/v1/cycles/{cycle}/teams/{team}      one team's objectives and key results
//   GET /api/v1/objectives/{objective}/detail    one objective with its history and links
#include <cctype>

#include "app/home.h"
#include "app/views.h"
#include "formats/json_model.h"
#include "formats/okr_file.h"
#include "http/api/routes.h"
#include "http/api/support.h"

namespace okr::http::api {
namespace {

json::value opt(const std::optional<double>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}
json::value opt_id(const std::optional<Id>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}
json::value name_in(const std::map<Id, std::string>& names, std::optional<Id> id) {
  if (!id) return nullptr;
  auto it = names.find(*id);
  return it == names.end() ? json::value(nullptr) : json::value(it->second);
}

// A whole number from 0 (at most nine digits), as ?offset= wants.
std::optional<std::size_t> parse_count(std::string_view v) {
  if (v.empty() || v.size() > 9) return std::nullopt;
  std::size_t n = 0;
  for (char c : v) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<std::size_t>(c - '0');
  }
  return n;
}

// The overview's ?status=, ?owner=, ?kind=, ?indicator= and ?dependencies=.
app::OverviewFilter overview_filter(const Request& request) {
  app::OverviewFilter f;
  if (auto v = request.query_param("status")) {
    auto s = app::parse_overview_status(*v);
    if (!s)
      reject_parameter("status",
                       "status must be attention, on-track, at-risk, off-track, stale or any");
    f.status = *s;
  }
  if (auto v = request.query_param("owner"))
    f.owner = *v == "none" ? std::string() : std::string(*v);
  if (auto v = request.query_param("kind")) {
    f.kind = parse_objective_kind(*v);
    if (!f.kind) reject_parameter("kind", "kind must be committed or aspirational");
  }
  if (auto v = request.query_param("indicator")) {
    f.indicator = *v == "unsaid" ? std::optional(Indicator::unset) : parse_indicator(*v);
    if (!f.indicator || (*v != "unsaid" && *f.indicator == Indicator::unset))
      reject_parameter("indicator", "indicator must be leading, lagging or unsaid");
  }
  if (auto v = request.query_param("dependencies")) {
    if (*v != "unconfirmed") reject_parameter("dependencies", "dependencies must be unconfirmed");
    f.unconfirmed = true;
  }
  return f;
}

json::object cycle_json(const Cycle& c) {
  return {{"id", c.id},
          {"name", c.name},
          {"start", format_date(c.start)},
          {"end", format_date(c.end)},
          {"state", to_string(c.state)}};
}

json::object team_json(const Team& t) {
  return {{"id", t.id},
          {"key", t.key},
          {"name", t.name},
          {"function", t.function},
          {"parent_id", opt_id(t.parent_id)}};
}

json::object key_result_json(const KeyResultStatus& k, const std::map<Id, std::string>& emails,
                             const std::map<Id, std::string>& team_keys,
                             const app::PageRights& rights) {
  json::object j = formats::to_json(k.key_result).as_object();
  j["owner"] = name_in(emails, k.key_result.owner_id);
  j["score"] = k.score;
  j["computed_score"] = k.computed_score;
  j["override"] = k.override_ ? json::value(json::object{{"score", k.override_->score},
                                                         {"reason", k.override_->reason}})
                              : json::value(nullptr);
  j["pace"] = to_string(k.pace);
  j["pace_reason"] = k.pace_reason == PaceReason::none ? json::value(nullptr)
                                                       : json::value(to_string(k.pace_reason));
  j["expected"] = k.expected;
  j["current"] = k.latest ? json::value(k.latest->value) : json::value(nullptr);
  j["confidence"] = k.latest ? opt(k.latest->confidence) : json::value(nullptr);
  j["last_check_in"] = k.latest ? json::value(format_instant(k.latest->at)) : json::value(nullptr);
  j["can_check_in"] = rights.check_in.count(k.key_result.id) > 0;
  j["source"] = to_string(k.source);
  j["stale"] = k.stale;
  j["forecast"] = formats::to_json(k.forecast);
  j["aligned_objectives"] = k.aligned_objectives;
  json::array dependencies;
  for (const auto& d : k.dependencies)
    dependencies.push_back(json::object{{"id", d.id},
                                        {"team", name_in(team_keys, d.team_id)},
                                        {"state", to_string(d.state)},
                                        {"note", d.note},
                                        {"answer", d.answer},
                                        {"version", d.version}});
  j["dependencies"] = std::move(dependencies);
  j["unconfirmed_dependencies"] = k.unconfirmed_dependencies;
  return j;
}

json::object objective_json(const ObjectiveStatus& o, const CycleStatus& s,
                            const std::map<Id, std::string>& emails,
                            const app::PageRights& rights) {
  json::object j = formats::to_json(o.objective).as_object();
  j["owner"] = name_in(emails, o.objective.owner_id);
  j["score"] = o.score;
  j["band"] = to_string(o.band);
  j["pace"] = to_string(o.pace);
  j["expected"] = o.expected;
  j["aim"] = aim_of(o.objective.kind, s.rule);
  json::array flags;
  for (auto f : o.flags) flags.push_back(json::string(to_string(f)));
  j["flags"] = std::move(flags);
  j["reviewed"] = o.reviewed;
  j["forecast"] = formats::to_json(o.forecast);
  j["aligns_to_key_result"] = name_in(s.key_result_keys, o.objective.parent_key_result_id);
  j["unconfirmed_dependencies"] = o.unconfirmed_dependencies;
  json::array krs;
  for (const auto& k : o.key_results)
    krs.push_back(key_result_json(k, emails, s.team_keys, rights));
  j["key_results"] = std::move(krs);
  return j;
}

json::array history_json(const std::vector<StatusPoint>& points) {
  json::array out;
  for (const auto& p : points)
    out.push_back(json::object{{"date", format_date(p.date)},
                               {"score", p.score},
                               {"expected", p.expected},
                               {"pace", to_string(p.pace)}});
  return out;
}

json::object aligned_json(const app::AlignedObjective& a) {
  return {{"id", a.objective.id},
          {"key", a.objective.key},
          {"title", a.objective.title},
          {"parent_key_result_id", opt_id(a.objective.parent_key_result_id)},
          {"team", a.team_key},
          {"team_name", a.team_name},
          {"score", a.score},
          {"band", to_string(band_of(a.score))}};
}

// What a page's JSON depends on of the reader: the same key, the same document.
std::string rights_key(const app::PageRights& r) {
  std::string key = r.edit ? "e" : "-";
  key += r.grade ? "g" : "-";
  for (Id k : r.check_in) key += "," + std::to_string(k);
  return key;
}

// The teams above a team, the top first: a breadcrumb's keys and names.
json::array path_json(const std::vector<Team>& path) {
  json::array out;
  for (const auto& t : path) out.push_back(json::object{{"key", t.key}, {"name", t.name}});
  return out;
}

json::object team_ref_json(const Team& t) {
  return {{"id", t.id}, {"key", t.key}, {"name", t.name}};
}

json::object home_json(const app::Home& h, const app::Actor& actor) {
  json::array krs;
  for (const auto& k : h.key_results) {
    app::PageRights rights;
    if (k.can_check_in) rights.check_in.insert(k.status.key_result.id);
    json::object j = key_result_json(k.status, h.user_emails, h.team_keys, rights);
    j["objective"] = json::object{
        {"id", k.objective.id}, {"key", k.objective.key}, {"title", k.objective.title}};
    j["team"] = team_ref_json(k.team);
    krs.push_back(std::move(j));
  }
  json::array objectives;
  for (const auto& o : h.objectives) {
    json::object j{{"id", o.status.objective.id},
                   {"key", o.status.objective.key},
                   {"title", o.status.objective.title},
                   {"kind", to_string(o.status.objective.kind)},
                   {"score", o.status.score},
                   {"band", to_string(o.status.band)},
                   {"pace", to_string(o.status.pace)},
                   {"key_results", static_cast<std::int64_t>(o.status.key_results.size())},
                   {"team", team_ref_json(o.team)}};
    objectives.push_back(std::move(j));
  }
  json::array teams;
  for (const auto& t : h.teams)
    teams.push_back(json::object{{"id", t.team.id},
                                 {"key", t.team.key},
                                 {"name", t.team.name},
                                 {"role", to_string(t.role)},
                                 {"score", opt(t.score)},
                                 {"objectives", t.objectives},
                                 {"on_track", t.on_track},
                                 {"at_risk", t.at_risk},
                                 {"off_track", t.off_track},
                                 {"stale", t.stale},
                                 {"can_grade", t.can_grade},
                                 {"to_review", t.to_review}});
  json::array asked;
  for (const auto& d : h.asked)
    asked.push_back(json::object{
        {"id", d.dependency.id},
        {"version", d.dependency.version},
        {"note", d.dependency.note},
        {"asking_team", d.asking_team},
        {"team", d.needed_team},
        {"key_result", json::object{{"key", d.key_result.key}, {"title", d.key_result.title}}},
        {"objective", json::object{{"id", d.objective.id}, {"title", d.objective.title}}}});
  json::array changes;
  for (const auto& c : h.changes)
    changes.push_back(json::object{
        {"key_result", json::object{{"key", c.key_result.key},
                                    {"title", c.key_result.title},
                                    {"unit", c.key_result.unit},
                                    {"metric", to_string(c.key_result.metric)}}},
        {"objective", json::object{{"id", c.objective.id}, {"title", c.objective.title}}},
        {"value", c.check_in.value},
        {"confidence", opt(c.check_in.confidence)},
        {"note", c.check_in.note},
        {"author", c.author},
        {"at", format_instant(c.check_in.at)}});
  return {{"cycle", cycle_json(h.cycle)},
          {"today", format_date(h.today)},
          {"expected_progress", h.expected_progress},
          {"admin", actor.admin},
          {"key_results", std::move(krs)},
          {"objectives", std::move(objectives)},
          {"teams", std::move(teams)},
          {"asked", std::move(asked)},
          {"changes", std::move(changes)}};
}

}  // namespace

void add_view_routes(Router& router, app::App& app) {
  // A team's OKRs of one cycle as the YAML file `okr export --team` writes (and `okr
  // import` reads back): the team and the teams below it.
  router.add(Method::get, "/api/v1/cycles/{cycle}/teams/{team}/export", "teams.export",
             authed(app, [&app](const Request& request, const app::Actor&) {
               const std::string cycle(request.param("cycle"));
               const std::string team(request.param("team"));
               auto file = value_or_reject(app.export_okrs(cycle, team));
               Response r = Response::text(200, formats::write_okr_yaml(file),
                                           "application/yaml; charset=utf-8");
               std::string name;
               for (char ch : team + "-" + cycle)
                 name += std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' ? ch : '_';
               r.headers.set("Content-Disposition", "attachment; filename=\"" + name + ".yaml\"");
               return r;
             }));
  router.add(Method::get, "/api/v1/home", "home.get",
             authed(app,
                    [&app](const Request& request, const app::Actor& actor) {
                      std::string cycle(request.query_param("cycle").value_or(""));
                      if (cycle == "current") cycle.clear();
                      std::optional<Instant> since;
                      if (auto s = request.query_param("since")) {
                        since = parse_instant(*s);
                        if (!since)
                          reject(Response::problem(400, "invalid-parameter", "Invalid parameter",
                                                   "since must be an ISO 8601 time, such as "
                                                   "2026-12-01T09:00:00Z",
                                                   "since"));
                      }
                      auto h = value_or_reject(app::home(app, cycle, actor, since));
                      return Response::json(200, home_json(h, actor));
                    },
                    {"cycle", "since"}));
  router.add(
      Method::get, "/api/v1/cycles/{cycle}/overview", "cycles.overview",
      authed(app,
             [&app](const Request& request, const app::Actor&) {
               int depth = 2;
               if (auto d = request.query_param("depth")) {
                 if (d->size() != 1 || (*d)[0] < '0' || (*d)[0] > '9')
                   reject_parameter("depth", "depth must be a whole number from 0 to 9");
                 depth = (*d)[0] - '0';
               }
               const int limit = limit_param(request);
               const app::OverviewFilter filter = overview_filter(request);
               std::size_t offset = 0;
               if (auto v = request.query_param("offset")) {
                 const auto n = parse_count(*v);
                 if (!n) reject_parameter("offset", "offset must be a whole number from 0");
                 offset = *n;
               }
               auto found = app::overview(app, std::string(request.param("cycle")), limit, depth,
                                          filter, offset);
               if (!found && found.error().field == "owner")
                 reject_parameter("owner", found.error().message);
               auto o = value_or_reject(std::move(found));
               // The same document for every request of one limit and depth; a
               // filtered one, or a later page, is written each time (it lists at
               // most `limit`).
               const std::string query = app::overview_rendering_key(limit, depth);
               const bool shared = filter.is_default() && offset == 0;
               if (shared)
                 if (auto kept = o.renderings->find(query))
                   return Response::text(200, *kept, "application/json");
               json::array teams;
               for (const auto& t : o.teams) {
                 json::object j = team_json(t.team);
                 j["depth"] = t.depth;
                 j["score"] = opt(t.score);
                 j["band"] =
                     t.score ? json::value(to_string(band_of(*t.score))) : json::value(nullptr);
                 j["objectives"] = t.objectives;
                 j["on_track"] = t.on_track;
                 j["at_risk"] = t.at_risk;
                 j["off_track"] = t.off_track;
                 teams.push_back(std::move(j));
               }
               json::array attention;
               for (const auto& a : o.attention)
                 attention.push_back(json::object{
                     {"key_result", json::object{{"id", a.key_result.id},
                                                 {"key", a.key_result.key},
                                                 {"title", a.key_result.title}}},
                     {"objective", json::object{{"id", a.objective.id},
                                                {"key", a.objective.key},
                                                {"title", a.objective.title}}},
                     {"team", a.team_key},
                     {"team_name", a.team_name},
                     {"owner", a.owner.empty() ? json::value(nullptr) : json::value(a.owner)},
                     {"owner_name",
                      a.owner.empty() ? json::value(nullptr) : json::value(a.owner_name)},
                     {"score", a.score},
                     {"pace", to_string(a.pace)},
                     {"stale", a.stale},
                     {"kind", to_string(a.objective.kind)},
                     {"indicator", a.key_result.indicator == Indicator::unset
                                       ? json::value(nullptr)
                                       : json::value(to_string(a.key_result.indicator))},
                     {"confidence", opt(a.confidence)}});
               json::array distribution;
               for (int n : o.distribution) distribution.push_back(n);
               auto r = Response::json(200, json::object{{"cycle", cycle_json(o.cycle)},
                                                         {"today", format_date(o.today)},
                                                         {"expected_progress", o.expected_progress},
                                                         {"score", o.score},
                                                         {"band", to_string(band_of(o.score))},
                                                         {"objectives", o.objectives},
                                                         {"key_results", o.key_results},
                                                         {"on_track", o.on_track},
                                                         {"at_risk", o.at_risk},
                                                         {"off_track", o.off_track},
                                                         {"teams", std::move(teams)},
                                                         {"teams_total", o.teams_total},
                                                         {"attention", std::move(attention)},
                                                         {"attention_total", o.attention_total},
                                                         {"distribution", std::move(distribution)},
                                                         {"as_of", format_instant(o.as_of)}});
               if (shared) o.renderings->keep(query, r.body);
               return r;
             },
             {"limit", "depth", "offset", "status", "owner", "kind", "indicator", "dependencies"}));

  router.add(
      Method::get, "/api/v1/cycles/{cycle}/teams/{team}", "cycles.team",
      authed(app, [&app](const Request& request, const app::Actor& actor) {
        auto v = value_or_reject(app::team_view(app, std::string(request.param("cycle")),
                                                std::string(request.param("team")), actor));
        // Readers with the same rights get the same document: it is written
        // once per page and set of rights while the page is shared.
        const std::string rights = rights_key(v.rights);
        if (auto kept = v->renderings->find(rights))
          return Response::text(200, *kept, "application/json");
        const auto& ts = v->status.teams.front();
        json::array objectives;
        for (const auto& o : ts.objectives)
          objectives.push_back(objective_json(o, v->status, v->status.user_emails, v.rights));
        json::array contributes_to, asked_of;
        for (const auto& c : v->contributes_to) contributes_to.push_back(aligned_json(c));
        for (const auto& d : v->asked_of) asked_of.push_back(dependency_json(d));
        auto r =
            Response::json(200, json::object{{"cycle", cycle_json(v->status.cycle)},
                                             {"today", format_date(v->status.today)},
                                             {"expected_progress", v->status.expected_progress},
                                             {"team", team_json(v->team)},
                                             {"path", path_json(v->path)},
                                             {"score", opt(ts.score)},
                                             {"objectives", std::move(objectives)},
                                             {"contributes_to", std::move(contributes_to)},
                                             {"asked_of", std::move(asked_of)},
                                             {"can_edit", v.rights.edit},
                                             {"can_grade", v.rights.grade}});
        v->renderings->keep(rights, r.body);
        return r;
      }));

  router.add(
      Method::get, "/api/v1/objectives/{objective}/detail", "objectives.detail",
      authed(app, [&app](const Request& request, const app::Actor& actor) {
        auto p = value_or_reject(
            app::objective_page(app, std::string(request.param("objective")), actor));
        // Written once per page and set of rights while the page is shared.
        const std::string rights = rights_key(p.rights);
        if (auto kept = p->renderings->find(rights))
          return Response::text(200, *kept, "application/json");
        const app::ObjectiveView& v = *p.page;
        const auto& os = v.status.teams.front().objectives.front();
        json::object objective = objective_json(os, v.status, v.user_emails, p.rights);
        for (auto& kr : objective["key_results"].as_array()) {
          const Id id = kr.as_object()["id"].to_number<Id>();
          json::array history;
          if (auto shown = v.check_ins.find(id); shown != v.check_ins.end())
            for (const auto& c : shown->second)
              history.push_back(json::object{{"id", c.id},
                                             {"value", c.value},
                                             {"confidence", opt(c.confidence)},
                                             {"note", c.note},
                                             {"author", name_in(v.user_names, c.author_id)},
                                             {"author_id", opt_id(c.author_id)},
                                             {"at", format_instant(c.at)}});
          kr.as_object()["check_ins"] = std::move(history);
          kr.as_object()["more_check_ins"] = v.more_check_ins.count(id) > 0;
          const auto weeks = v.history.find(id);
          kr.as_object()["status_history"] =
              weeks == v.history.end() ? json::array{} : history_json(weeks->second);
        }
        objective["status_history"] = history_json(v.objective_history);
        json::array initiatives, children, contributing;
        for (const auto& i : v.initiatives) initiatives.push_back(formats::to_json(i));
        for (const auto& c : v.children) children.push_back(aligned_json(c));
        for (const auto& t : v.contributing_teams) contributing.push_back(team_json(t));
        auto r = Response::json(
            200,
            json::object{
                {"cycle", cycle_json(v.cycle)},
                {"today", format_date(v.status.today)},
                {"expected_progress", v.status.expected_progress},
                {"team", team_json(v.team)},
                {"objective", std::move(objective)},
                {"initiatives", std::move(initiatives)},
                {"parent", v.parent ? json::value(aligned_json(*v.parent)) : json::value(nullptr)},
                {"children", std::move(children)},
                {"contributing_teams", std::move(contributing)},
                {"review", v.review ? formats::to_json(*v.review) : json::value(nullptr)},
                {"can_edit", p.rights.edit},
                {"can_grade", p.rights.grade}});
        v.renderings->keep(rights, r.body);
        return r;
      }));
}

}  // namespace okr::http::api
