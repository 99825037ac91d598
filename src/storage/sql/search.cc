// Full-text search: the one resource whose SQL is written for each database (FTS5 on
// SQLite, tsvector on PostgreSQL), over the same index rows (the migrations of version
// 8 keep them), so both find the same things.
#include <algorithm>
#include <cctype>

#include "storage/sql/rows.h"
#include "storage/sql/sql_transaction.h"

namespace okr::sql {
namespace {

// The words of a query as both indexes split them: runs of letters and digits (any
// byte of a UTF-8 sequence counts as a letter), ASCII lower-cased; at most 8.
std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> out;
  std::string word;
  auto flush = [&] {
    if (!word.empty() && out.size() < 8) out.push_back(word);
    word.clear();
  };
  for (unsigned char c : text) {
    if (c >= 0x80 || std::isalnum(c))
      word += static_cast<char>(std::tolower(c));
    else
      flush();
  }
  flush();
  return out;
}

SearchHit hit_of(std::int64_t search_id, std::string key, std::string title) {
  return {static_cast<SearchHit::Kind>(search_id % 4), search_id / 4, std::move(key),
          std::move(title)};
}

}  // namespace

std::vector<SearchHit> SqlTransaction::search(const std::string& text, int limit) {
  const auto words = words_of(text);
  std::vector<SearchHit> out;
  if (words.empty() || limit <= 0) return out;
  // Every word a prefix of some word of the row.
  std::string match;
  const bool postgres = connection().dialect() == Dialect::postgres;
  for (const auto& w : words) {
    if (!match.empty()) match += postgres ? " & " : " AND ";
    match += postgres ? w + ":*" : "\"" + w + "\"*";
  }
  auto st =
      prepare(postgres ? "SELECT id, key, title FROM search_index, to_tsquery('simple', ?) q "
                         "WHERE doc @@ q ORDER BY ts_rank(doc, q) DESC, id LIMIT ?"
                       : "SELECT rowid, key, title FROM search_index WHERE search_index MATCH ? "
                         "ORDER BY bm25(search_index), rowid LIMIT ?");
  st.bind_all(match, static_cast<std::int64_t>(limit));
  while (st.step()) out.push_back(hit_of(st.i64(0), st.text(1), st.text(2)));
  return out;
}

}  // namespace okr::sql
