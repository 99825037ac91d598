// /api/v1/kpis and their measurements
#include <charconv>

#include "app/kpi_board.h"
#include "app/queries.h"
#include "app/resources.h"
#include "formats/json_model.h"
#include "http/api/routes.h"
#include "http/api/support.h"

namespace okr::http::api {
namespace {

app::KpiFields kpi_fields(app::App& app, const Request& request) {
  Body b(request, {"key", "name", "unit", "team_id", "team", "healthy_low", "healthy_high",
                   "warning_low", "warning_high"});
  app::KpiFields f;
  f.key = b.text("key");
  f.name = b.text("name");
  f.unit = b.text("unit");
  f.team_id =
      nullable_id_or_key(b, "team", [&](const std::string& v) { return app::get_team(app, v); });
  f.healthy_low = b.nullable_number("healthy_low");
  f.healthy_high = b.nullable_number("healthy_high");
  f.warning_low = b.nullable_number("warning_low");
  f.warning_high = b.nullable_number("warning_high");
  return f;
}

json::value measurement_json(const Measurement& m) {
  return json::object{
      {"id", m.id}, {"kpi_id", m.kpi_id}, {"value", m.value}, {"at", format_instant(m.at)}};
}

// The KPI with what is computed from it: the latest measurement, the health, the
// direction its ranges imply, and the key results (of the current cycle) following it.
json::value kpi_json(const app::KpiState& s) {
  auto o = formats::to_json(s.kpi).as_object();
  o["latest"] = s.latest ? json::value(measurement_json(*s.latest)) : json::value(nullptr);
  o["health"] = s.health ? json::value(to_string(*s.health)) : json::value(nullptr);
  o["direction"] = s.direction ? json::value(to_string(*s.direction)) : json::value(nullptr);
  json::array krs;
  for (const auto& k : s.key_results) krs.push_back(json::value(k));
  o["key_results"] = std::move(krs);
  o["team"] = s.team_key.empty() ? json::value(nullptr) : json::value(s.team_key);
  o["team_name"] = s.team_name.empty() ? json::value(nullptr) : json::value(s.team_name);
  return o;
}

json::value kpi_json(app::App& app, const Kpi& k) {
  return kpi_json(value_or_reject(app::kpi_state(app, std::to_string(k.id))));
}

Kpi find(app::App& app, const Request& request) {
  return value_or_reject(app::get_kpi(app, std::string(request.param("kpi"))));
}

}  // namespace

void add_kpi_routes(Router& router, app::App& app) {
  router.add(
      Method::get, "/api/v1/kpis", "kpis.list",
      authed(
          app,
          [&app](const Request& request, const app::Actor&) {
            auto board = value_or_reject(app::kpi_board(app, std::nullopt));
            // Paged like every list: the cursor is the KPI's id.
            struct Row {
              Id id;
              const app::KpiState* state;
            };
            std::vector<Row> rows;
            for (const auto& k : board) rows.push_back({k.kpi.id, &k});
            auto page =
                paged_json<Row>(request, rows, [](const Row& r) { return kpi_json(*r.state); });
            // ?series=N: each KPI of the page with its latest N measurements, so a
            // board draws its small charts from this one request.
            if (auto series = request.query_param("series")) {
              int n = 0;
              auto [p, ec] = std::from_chars(series->data(), series->data() + series->size(), n);
              if (ec != std::errc() || p != series->data() + series->size() || n < 1 || n > 100)
                reject(Response::problem(400, "invalid-parameter", "Invalid parameter",
                                         "series must be a whole number from 1 to 100", "series"));
              std::vector<Id> ids;
              for (const auto& item : page["items"].as_array())
                ids.push_back(item.as_object().at("id").to_number<Id>());
              auto recent = value_or_reject(app::recent_series(app, ids, n));
              for (auto& item : page["items"].as_array()) {
                json::array points;
                for (const auto& m : recent[item.as_object().at("id").to_number<Id>()])
                  points.push_back(json::object{{"at", format_instant(m.at)}, {"value", m.value}});
                item.as_object()["series"] = std::move(points);
              }
            }
            return Response::json(200, page);
          },
          {"after", "limit", "series"}));
  router.add(Method::post, "/api/v1/kpis", "kpis.create",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               auto k = app::create_kpi(app, kpi_fields(app, request), actor);
               if (!k) return write_error(k.error());
               return created(kpi_json(app, *k), k->version,
                              "/api/v1/kpis/" + std::to_string(k->id));
             }));
  router.add(Method::get, "/api/v1/kpis/{kpi}", "kpis.get",
             authed(app, [&app](const Request& request, const app::Actor&) {
               auto k = find(app, request);
               return with_etag(200, kpi_json(app, k), k.version);
             }));
  router.add(Method::patch, "/api/v1/kpis/{kpi}", "kpis.update",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               auto id = find(app, request).id;
               auto version = required_version(request);
               auto k = app::update_kpi(app, id, version, kpi_fields(app, request), actor);
               if (!k) return write_error(k.error());
               return with_etag(200, kpi_json(app, *k), k->version);
             }));
  router.add(
      Method::get, "/api/v1/kpis/{kpi}/measurements", "measurements.list",
      authed(app,
             [&app](const Request& request, const app::Actor&) {
               auto list = value_or_reject(app::list_measurements(app, find(app, request).id));
               return Response::json(200, paged_json<Measurement>(request, list, measurement_json));
             },
             {"after", "limit"}));
  router.add(Method::post, "/api/v1/kpis/{kpi}/measurements", "measurements.create",
             authed(app, [&app](const Request& request, const app::Actor& actor) {
               auto kpi = find(app, request);
               Body b(request, {"value", "at"});
               auto value = b.number("value");
               if (!value) reject_field("value", "a measurement needs a value");
               auto m = app::add_measurement(app, kpi.id, *value, b.instant("at"), actor);
               if (!m) return write_error(m.error());
               return Response::json(201, measurement_json(*m));
             }));
}

}  // namespace okr::http::api
