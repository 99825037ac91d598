#include "http/api/okr_fields.h"

namespace okr::http::api {
namespace {

// "leading" or "lagging"; "unset" is written as null, never as text.
std::optional<Indicator> parse_known_indicator(std::string_view s) {
  auto i = parse_indicator(s);
  if (i == Indicator::unset) return std::nullopt;
  return i;
}

}  // namespace

app::ObjectiveFields objective_fields(const Body& b) {
  app::ObjectiveFields f;
  f.key = b.text("key");
  f.title = b.text("title");
  f.description = b.text("description");
  f.cycle_id = b.id("cycle_id");
  f.team_id = b.id("team_id");
  f.kind = b.choice("kind", parse_objective_kind, "aspirational, committed");
  f.owner_id = b.nullable_id("owner_id");
  f.parent_id = b.nullable_id("parent_id");
  f.parent_key_result_id = b.nullable_id("parent_key_result_id");
  f.contributing_team_ids = b.ids("contributing_team_ids");
  return f;
}

app::KeyResultFields key_result_fields(const Body& b) {
  app::KeyResultFields f;
  f.key = b.text("key");
  f.title = b.text("title");
  f.unit = b.text("unit");
  f.objective_id = b.id("objective_id");
  f.metric =
      b.choice("metric", parse_metric_kind, "number, percent, currency, boolean, milestone, range");
  f.start = b.number("start");
  f.target = b.number("target");
  f.low = b.number("low");
  f.high = b.number("high");
  f.tolerance = b.number("tolerance");
  f.weight = b.number("weight");
  f.owner_id = b.nullable_id("owner_id");
  f.kpi_id = b.nullable_id("kpi_id");
  if (b.has("indicator") && b.object().at("indicator").is_null())
    f.indicator = Indicator::unset;
  else
    f.indicator = b.choice("indicator", parse_known_indicator, "leading, lagging (or null)");
  f.driven_by_aligned = b.boolean("driven_by_aligned");
  return f;
}

std::optional<std::vector<app::KeyResultDraft>> key_result_drafts(const Body& b) {
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
              {"id", "version", "key", "objective_id", "title", "metric", "unit", "start", "target",
               "low", "high", "tolerance", "weight", "owner_id", "kpi_id", "indicator",
               "driven_by_aligned"},
              where);
    app::KeyResultDraft d;
    d.id = item.id("id");
    if (item.has("version")) {
      if (!d.id) reject_field(where + ".version", where + ": version goes with an id");
      d.version = item.id("version").value_or(app::kAnyVersion);
    }
    d.fields = key_result_fields(item);
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace okr::http::api
