// Comma-separated values: a reader for the files people bring (tracker exports,
// spreadsheets) and a writer for every CSV okr produces.
//
// Reader (RFC 4180, with the quirks of real exports):
//  - fields may be quoted; a quoted field may hold commas, line breaks and doubled
//    quotes ("" stands for one ");
//  - records end with CRLF, LF or a lone CR; a UTF-8 byte-order mark is skipped;
//  - the first record is the header; repeated column names are kept (Jira writes one
//    `Labels` column per label and one `Sprint` column per sprint);
//  - every record remembers the line it starts on, so errors can name it;
//  - a problem confined to one record (invalid UTF-8, a field over the size limit, a
//    field count that differs from the header's) is reported by line in `rejected` and
//    reading goes on; a problem that makes the rest of the file unreadable (a quote
//    that never closes, text after a closing quote) is an Error naming the line.
//
// Writer: quotes a field when it must, and neutralises cells a spreadsheet would run
// as a formula (those starting with '=', '+', '-', '@', a tab or a carriage return)
// by prefixing a single quote, unless the whole cell is a plain number such as -3.5.
// Output uses CRLF line ends, as RFC 4180 asks.
//
// Pure functions over strings: no I/O. Thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace okr::formats::csv {

struct ReadOptions {
  char delimiter = ',';
  // A record with a longer field is rejected (reading continues after it).
  std::size_t max_field_bytes = 1 << 20;
  // More records than this is an Error: the file is not what it claims to be.
  std::size_t max_records = 200'000;
};

struct Record {
  int line = 0;  // 1-based line of the record's first character
  std::vector<std::string> fields;
};

// A record that was skipped, and why (one sentence naming the rule).
struct Rejected {
  int line = 0;
  std::string message;
};

struct Table {
  std::vector<std::string> header;  // as written, minus surrounding spaces
  std::vector<Record> records;      // data records only, in file order
  std::vector<Rejected> rejected;   // in file order

  // The indexes of the columns named `name` (compared without regard to ASCII case),
  // in file order; empty when there is none.
  std::vector<std::size_t> columns(std::string_view name) const;
  bool has_column(std::string_view name) const { return !columns(name).empty(); }
  // The first non-empty value among the columns named `name`, or "".
  std::string first(const Record& r, std::string_view name) const;
  // The non-empty values of every column named `name`, in file order.
  std::vector<std::string> all(const Record& r, std::string_view name) const;
};

// Reads `text`. Empty lines between records are skipped. A file with no header is an
// Error (field "file").
Result<Table> read(std::string_view text, const ReadOptions& options = {});

// The delimiter a file most likely uses: a tab when its first line has tabs and no
// commas (GitHub's project exports), else a comma.
char guess_delimiter(std::string_view text);

// True when `cell` would be taken as a formula by a spreadsheet.
bool is_formula_like(std::string_view cell);

// One field as it must appear in a CSV file: neutralised, then quoted when needed.
std::string escape(std::string_view cell);

// Builds a CSV document row by row.
class Writer {
 public:
  void row(const std::vector<std::string>& cells);
  const std::string& text() const { return text_; }

 private:
  std::string text_;
};

}  // namespace okr::formats::csv
