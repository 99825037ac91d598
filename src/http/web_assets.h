// The dashboard's files, built from web/ by web/build.mjs and compiled into the
// binary, so one okr binary serves the whole UI offline.
#pragma once

#include <span>
#include <string_view>

namespace okr::http {

struct WebAsset {
  std::string_view path;          // "/index.html", "/assets/main-3F2A.js"
  std::string_view content_type;  // with charset
  std::string_view body;
  std::string_view gzip;  // the same bytes, gzip-compressed
  std::string_view etag;  // a strong entity tag of the body
};

// Every asset; index.html first.
std::span<const WebAsset> web_assets();

}  // namespace okr::http
