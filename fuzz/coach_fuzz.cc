// The writing coach on any text: the bytes, split at newlines, become objective and
// key result titles (and units) of a draft, which is classified and linted.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/coach/coach.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  okr::coach::Draft draft;
  std::size_t start = 0;
  int line = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string piece(text.substr(start, end - start));
    (void)okr::coach::classify_key_result(piece);
    if (line % 4 == 0 || draft.objectives.empty()) {
      okr::coach::DraftObjective o;
      o.key = "o" + std::to_string(line);
      o.team = "team";
      o.title = piece;
      draft.objectives.push_back(std::move(o));
    } else {
      okr::coach::DraftKeyResult k;
      k.key = "k" + std::to_string(line);
      k.title = piece;
      k.unit = piece.substr(0, 8);
      draft.objectives.back().key_results.push_back(std::move(k));
    }
    ++line;
    start = end + 1;
  }
  (void)okr::coach::lint(draft);
  return 0;
}
