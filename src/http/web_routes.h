// The web dashboard: its pages (each URL answers the same application page, which
// then reads the URL) and its content-hashed assets.
#pragma once

#include <span>
#include <string_view>

#include "http/router.h"

namespace okr::http {

// The URL patterns of the dashboard's pages. A deep link or a reload of any of
// them loads the application; any other path outside /api stays a 404.
std::span<const std::string_view> web_page_patterns();

// Adds GET routes for every page and for /assets/{file}.
void add_web_routes(Router& router);

}  // namespace okr::http
