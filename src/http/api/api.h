// The REST API under /api/v1: resources over the app layer's use cases, JSON in
// and out, problem documents for errors, ETag/If-Match for concurrency, cursor
// pagination, bearer tokens and cookie sessions.
#pragma once

#include <boost/json/value.hpp>

#include "app/app.h"
#include "http/router.h"

namespace okr::http {

// Registers every /api/v1 route. `app` must outlive the router.
void add_api_routes(Router& router, app::App& app);

// The OpenAPI 3.1 document describing those routes (served at /api/v1/openapi.json).
const boost::json::value& openapi_document();

}  // namespace okr::http
