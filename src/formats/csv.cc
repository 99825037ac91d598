#include "formats/csv.h"

#include <cctype>
#include <charconv>

namespace okr::formats::csv {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

std::string trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

// Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.
bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    int n = 0;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF)
      n = 1;
    else if (c >= 0xE0 && c <= 0xEF) {
      n = 2;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 3;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else
      return false;
    if (i + static_cast<std::size_t>(n) >= s.size()) return false;
    for (int k = 1; k <= n; ++k) {
      auto d = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
      unsigned min = k == 1 ? lo : 0x80, max = k == 1 ? hi : 0xBF;
      if (d < min || d > max) return false;
    }
    i += static_cast<std::size_t>(n) + 1;
  }
  return true;
}

Error fatal(int line, std::string message) {
  Error e = Error::invalid("file", "line " + std::to_string(line) + ": " + std::move(message));
  e.line = line;
  return e;
}

// Reads records one at a time from the text.
class Parser {
 public:
  Parser(std::string_view text, const ReadOptions& options) : s_(text), o_(options) {
    if (s_.starts_with("\xEF\xBB\xBF")) s_.remove_prefix(3);
  }

  bool done() const { return i_ >= s_.size(); }

  // The next record. `blank` is set for an empty line; `too_big` when a field exceeded
  // the limit (its text is then cut).
  struct Raw {
    Record record;
    bool blank = false;
    bool too_big = false;
  };

  Result<Raw> next() {
    Raw raw;
    raw.record.line = line_;
    std::size_t record_start = i_;
    for (;;) {
      std::string field;
      if (i_ < s_.size() && s_[i_] == '"') {
        int opened = line_;
        ++i_;
        bool closed = false;
        while (i_ < s_.size()) {
          char c = s_[i_];
          if (c == '"') {
            if (i_ + 1 < s_.size() && s_[i_ + 1] == '"') {
              append(field, '"', raw);
              i_ += 2;
              continue;
            }
            ++i_;
            closed = true;
            break;
          }
          if (c == '\n' || (c == '\r' && (i_ + 1 >= s_.size() || s_[i_ + 1] != '\n'))) ++line_;
          append(field, c, raw);
          ++i_;
        }
        if (!closed)
          return fatal(opened, "a quoted field opened here is never closed (a quote is missing)");
        if (i_ < s_.size() && s_[i_] != o_.delimiter && s_[i_] != '\r' && s_[i_] != '\n')
          return fatal(line_,
                       "text follows the closing quote of a field; a quote inside a quoted field "
                       "must be doubled (\"\")");
      } else {
        while (i_ < s_.size() && s_[i_] != o_.delimiter && s_[i_] != '\r' && s_[i_] != '\n')
          append(field, s_[i_++], raw);
      }
      raw.record.fields.push_back(std::move(field));
      if (i_ < s_.size() && s_[i_] == o_.delimiter) {
        ++i_;
        continue;
      }
      // End of the record: a line end or the end of the text.
      if (i_ < s_.size()) {
        if (s_[i_] == '\r' && i_ + 1 < s_.size() && s_[i_ + 1] == '\n') ++i_;
        ++i_;
        ++line_;
      }
      break;
    }
    raw.blank = raw.record.fields.size() == 1 && raw.record.fields[0].empty() &&
                (i_ - record_start) <= 2 && !s_.substr(record_start).starts_with("\"");
    return raw;
  }

 private:
  void append(std::string& field, char c, Raw& raw) {
    if (field.size() >= o_.max_field_bytes) {
      raw.too_big = true;
      return;
    }
    field.push_back(c);
  }

  std::string_view s_;
  const ReadOptions& o_;
  std::size_t i_ = 0;
  int line_ = 1;
};

bool plain_number(std::string_view s) {
  if (s.empty()) return false;
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return false;
  // Only digits, one sign, one point: "-1e5" or "-inf" stays escaped.
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '-' && c != '.') return false;
  return true;
}

}  // namespace

std::vector<std::size_t> Table::columns(std::string_view name) const {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < header.size(); ++i)
    if (iequals(header[i], name)) out.push_back(i);
  return out;
}

std::string Table::first(const Record& r, std::string_view name) const {
  for (auto i : columns(name))
    if (i < r.fields.size() && !trim(r.fields[i]).empty()) return r.fields[i];
  return {};
}

std::vector<std::string> Table::all(const Record& r, std::string_view name) const {
  std::vector<std::string> out;
  for (auto i : columns(name))
    if (i < r.fields.size() && !trim(r.fields[i]).empty()) out.push_back(r.fields[i]);
  return out;
}

Result<Table> read(std::string_view text, const ReadOptions& options) {
  Table table;
  Parser parser(text, options);
  bool have_header = false;
  while (!parser.done()) {
    auto raw = parser.next();
    if (!raw) return raw.error();
    if (raw->blank) continue;
    Record& r = raw->record;
    if (!have_header) {
      if (raw->too_big) return fatal(r.line, "the header has a column name over the size limit");
      for (const auto& f : r.fields) {
        if (!valid_utf8(f)) return fatal(r.line, "the header is not valid UTF-8");
        table.header.push_back(trim(f));
      }
      have_header = true;
      continue;
    }
    if (table.records.size() + table.rejected.size() >= options.max_records)
      return fatal(r.line, "the file has more than " + std::to_string(options.max_records) +
                               " records, the most one file may hold");
    if (raw->too_big) {
      table.rejected.push_back({r.line, "a field is longer than " +
                                            std::to_string(options.max_field_bytes) +
                                            " bytes, the most a field may hold"});
      continue;
    }
    bool utf8 = true;
    for (const auto& f : r.fields) utf8 = utf8 && valid_utf8(f);
    if (!utf8) {
      table.rejected.push_back({r.line, "the record is not valid UTF-8 text"});
      continue;
    }
    if (r.fields.size() != table.header.size()) {
      table.rejected.push_back({r.line, "the record has " + std::to_string(r.fields.size()) +
                                            " fields but the header has " +
                                            std::to_string(table.header.size())});
      continue;
    }
    table.records.push_back(std::move(r));
  }
  if (!have_header) return Error::invalid("file", "the file is empty: a header line is needed");
  return table;
}

char guess_delimiter(std::string_view text) {
  auto line = text.substr(0, text.find('\n'));
  if (line.find('\t') != std::string_view::npos && line.find(',') == std::string_view::npos)
    return '\t';
  return ',';
}

bool is_formula_like(std::string_view cell) {
  if (cell.empty()) return false;
  char c = cell[0];
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

std::string escape(std::string_view cell) {
  std::string text;
  if (is_formula_like(cell) && !plain_number(cell)) text = "'";
  text += cell;
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

void Writer::row(const std::vector<std::string>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) text_ += ',';
    text_ += escape(cells[i]);
  }
  text_ += "\r\n";
}

}  // namespace okr::formats::csv
