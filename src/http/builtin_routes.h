// The routes every server has, outside the versioned API:
//   GET /healthz  "healthz"  200 {"status":"ok"} while the process serves requests
//   GET /metrics  "metrics"  the Prometheus text exposition of `metrics`
// `metrics` must outlive the router.
#pragma once

#include "http/metrics.h"
#include "http/router.h"

namespace okr::http {

void add_builtin_routes(Router& router, Metrics& metrics);

}  // namespace okr::http
