// A tracker's export (okr import-work): any bytes, read as each tracker's format.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "formats/work_items.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  using okr::formats::Tracker;
  for (Tracker t : {Tracker::jira, Tracker::github, Tracker::gitlab}) {
    (void)okr::formats::parse_work_items(text, {t, ""});
    (void)okr::formats::parse_work_items(text, {t, "Key result"});
  }
  return 0;
}
