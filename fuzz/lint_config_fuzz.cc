// A coach settings file (.okr-lint.yaml): any bytes are parsed or refused.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "formats/lint_config.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)okr::formats::parse_lint_config(text, ".okr-lint.yaml");
  return 0;
}
