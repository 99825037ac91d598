#include "http/api/okr_fields.h"

#include "app/queries.h"
#include "app/resources.h"

namespace okr::http::api {
namespace {

// "leading" or "lagging"; "unset" is written as null, never as text.
std::optional<Indicator> parse_known_indicator(std::string_view s) {
  auto i = parse_indicator(s);
  if (i == Indicator::unset) return std::nullopt;
  return i;
}

}  // namespace

app::ObjectiveFields objective_fields(app::App& app, const Body& b) {
  app::ObjectiveFields f;
  f.key = b.text("key");
  f.title = b.text("title");
  f.description = b.text("description");
  f.cycle_id = id_or_key(b, "cycle", [&](const std::string& v) { return app::get_cycle(app, v); });
  f.team_id = id_or_key(b, "team", [&](const std::string& v) { return app::get_team(app, v); });
  f.kind = b.choice("kind", parse_objective_kind, "aspirational, committed");
  f.owner_id =
      nullable_id_or_key(b, "owner", [&](const std::string& v) { return app::get_user(app, v); });
  f.parent_id = nullable_id_or_key(
      b, "parent", [&](const std::string& v) { return app::get_objective(app, v); });
  f.parent_key_result_id = nullable_id_or_key(
      b, "parent_key_result", [&](const std::string& v) { return app::get_key_result(app, v); });
  f.contributing_team_ids =
      ids_or_keys(b, "contributing_teams", "contributing_team_ids",
                  [&](const std::string& v) { return app::get_team(app, v); });
  return f;
}

app::KeyResultFields key_result_fields(app::App& app, const Body& b) {
  app::KeyResultFields f;
  f.key = b.text("key");
  f.title = b.text("title");
  f.unit = b.text("unit");
  f.objective_id =
      id_or_key(b, "objective", [&](const std::string& v) { return app::get_objective(app, v); });
  f.metric =
      b.choice("metric", parse_metric_kind, "number, percent, currency, boolean, milestone, range");
  f.start = b.number("start");
  f.target = b.number("target");
  f.low = b.number("low");
  f.high = b.number("high");
  f.tolerance = b.number("tolerance");
  f.weight = b.number("weight");
  f.owner_id =
      nullable_id_or_key(b, "owner", [&](const std::string& v) { return app::get_user(app, v); });
  f.kpi_id =
      nullable_id_or_key(b, "kpi", [&](const std::string& v) { return app::get_kpi(app, v); });
  if (b.has("indicator") && b.object().at("indicator").is_null())
    f.indicator = Indicator::unset;
  else
    f.indicator = b.choice("indicator", parse_known_indicator, "leading, lagging (or null)");
  f.driven_by_aligned = b.boolean("driven_by_aligned");
  return f;
}

std::optional<std::vector<app::KeyResultDraft>> key_result_drafts(app::App& app, const Body& b) {
  if (!b.has("key_results")) return std::nullopt;
  const auto& v = b.object().at("key_results");
  if (!v.is_array()) reject_field("key_results", "key_results must be an array of key results");
  const auto& items = v.as_array();
  if (items.size() > 50)
    reject_field("key_results", "an objective takes at most 50 key results in one write");
  std::vector<app::KeyResultDraft> out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string where = "key_results[" + std::to_string(i) + "]";
    if (!items[i].is_object()) reject_field(where, where + " must be an object");
    Body item(items[i].as_object(),
              {"id",    "version", "key",       "objective_id", "objective",
               "title", "metric",  "unit",      "start",        "target",
               "low",   "high",    "tolerance", "weight",       "owner_id",
               "owner", "kpi_id",  "kpi",       "indicator",    "driven_by_aligned"},
              where);
    app::KeyResultDraft d;
    d.id = item.id("id");
    if (item.has("version")) {
      if (!d.id) reject_field(where + ".version", where + ": version goes with an id");
      d.version = item.id("version").value_or(app::kAnyVersion);
    }
    d.fields = key_result_fields(app, item);
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace okr::http::api
