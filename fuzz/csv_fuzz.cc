// CSV (okr checkin --file, tracker exports): any bytes are read into a table or
// refused; every cell of a table is escaped for writing back.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "formats/csv.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  okr::formats::csv::ReadOptions options;
  options.delimiter = okr::formats::csv::guess_delimiter(text);
  auto table = okr::formats::csv::read(text, options);
  if (table)
    for (const auto& record : table->records)
      for (const auto& cell : record.fields) (void)okr::formats::csv::escape(cell);
  return 0;
}
