// An OKR file (okr import, okr lint, the API's import): any bytes are parsed into a
// file or refused with an error; a parsed file is written back and parsed again.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "formats/okr_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = okr::formats::parse_okr_yaml(text);
  if (parsed) (void)okr::formats::parse_okr_yaml(okr::formats::write_okr_yaml(*parsed));
  return 0;
}
