#include "http/builtin_routes.h"

#include <boost/json/object.hpp>

namespace okr::http {

void add_builtin_routes(Router& router, Metrics& metrics) {
  router.add(Method::get, "/healthz", "healthz", [](const Request&) {
    return Response::json(200, boost::json::object{{"status", "ok"}});
  });
  router.add(Method::get, "/metrics", "metrics", [&metrics](const Request&) {
    return Response::text(200, metrics.render(), "text/plain; version=0.0.4; charset=utf-8");
  });
}

}  // namespace okr::http
