// Full-text search: the one resource whose SQL is written for each database (FTS5 on
// SQLite, tsvector on PostgreSQL), over the same index rows (the migrations of version
// 8 keep them), so both find the same things.
#include <algorithm>
#include <cctype>

#include "storage/sql/rows.h"
#include "storage/sql/sql_transaction.h"

namespace okr::sql {
namespace {

// How many of a query's matches, the newest first, are ordered (see search()).
constexpr int kSearchWindow = 500;

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

std::vector<SearchHit> SqlTransaction::search(const std::string& text, int limit,
                                              std::optional<SearchHit::Kind> only) {
  const auto words = words_of(text);
  std::vector<SearchHit> out;
  if (words.empty() || limit <= 0) return out;
  const bool postgres = connection().dialect() == Dialect::postgres;
  // The words as typed so far: the last one, unless a space follows it, is a prefix of
  // some word of the row; the others are words of the row. When that finds fewer than
  // asked, every word is taken as a prefix ("act rate" finds "activation rate").
  const bool last_typed = !std::isspace(static_cast<unsigned char>(text.back()));
  auto match_of = [&](bool all_prefixes) {
    std::string match;
    for (std::size_t i = 0; i < words.size(); ++i) {
      const bool prefix = all_prefixes || (last_typed && i + 1 == words.size());
      if (!match.empty()) match += postgres ? " & " : " AND ";
      match +=
          postgres ? words[i] + (prefix ? ":*" : "") : "\"" + words[i] + (prefix ? "\"*" : "\"");
    }
    return match;
  };
  // A row's id is 4 × the thing's id + its kind (hit_of).
  const std::string kind = only ? std::string(postgres ? " AND id % 4 = " : " AND rowid % 4 = ") +
                                      std::to_string(static_cast<int>(*only))
                                : std::string();
  // The newest kSearchWindow matches are kept, and among them the shortest titles come
  // first (the fewer other words, the closer the match), the newer first among equals.
  // The same order on both databases, and cheap: ranking every match by relevance
  // (bm25, ts_rank) costs a pass over all of them, and a word most titles share
  // ("raise", or the "t" someone has typed so far) matches tens of thousands of rows at
  // company size. Newer rows (larger ids) are the current quarter's, which the caller
  // puts first anyway; a query with fewer matches than the window sees them all.
  const std::string window = std::to_string(kSearchWindow);
  const std::string sql =
      std::string("SELECT id, key, title FROM (SELECT ") +
      (postgres ? "id, key, title FROM search_index WHERE doc @@ to_tsquery('simple', ?)"
                : "rowid AS id, key, title FROM search_index WHERE search_index MATCH ?") +
      kind + " ORDER BY " + (postgres ? "id" : "rowid") + " DESC LIMIT " + window +
      ") w ORDER BY length(title), id DESC LIMIT ?";
  auto find = [&](const std::string& match) {
    auto st = prepare(sql);
    st.bind_all(match, static_cast<std::int64_t>(limit));
    while (st.step() && static_cast<int>(out.size()) < limit) {
      auto hit = hit_of(st.i64(0), st.text(1), st.text(2));
      if (std::none_of(out.begin(), out.end(),
                       [&](const SearchHit& h) { return h.kind == hit.kind && h.id == hit.id; }))
        out.push_back(std::move(hit));
    }
  };
  const std::string words_match = match_of(false), prefixes_match = match_of(true);
  find(words_match);
  if (static_cast<int>(out.size()) < limit && prefixes_match != words_match) find(prefixes_match);
  return out;
}

void SqlTransaction::defer_search_index() {
  if (search_deferred_) return;
  if (connection().dialect() == Dialect::postgres)
    prepare("SELECT set_config('okr.search_deferred', 'on', true)").run();
  else {
    prepare("INSERT OR IGNORE INTO search_deferred (one) VALUES (1)").run();
    // A write of many rows touches more pages than SQLite's 2 MB page cache holds,
    // which would then write them to the log again and again before the commit; 64 MB
    // for this connection (the store closes it afterwards rather than keep it).
    prepare("PRAGMA cache_size = -65536").run();
  }
  search_deferred_ = true;
}

void SqlTransaction::index_deferred_search() {
  if (!search_deferred_) return;
  const bool postgres = connection().dialect() == Dialect::postgres;
  // Rows that may be in the index go, then every noted row that still exists comes
  // back as it now is; a row deleted in between simply does not come back.
  prepare(postgres
              ? "DELETE FROM search_index WHERE id IN (SELECT id FROM search_pending WHERE indexed)"
              : "DELETE FROM search_index WHERE rowid IN "
                "(SELECT id FROM search_pending WHERE indexed = 1)")
      .run();
  struct Source {
    const char* table;
    const char* key;
    const char* title;
  };
  static constexpr Source kSources[] = {{"teams", "key", "name"},
                                        {"users", "email", "name"},
                                        {"objectives", "key", "title"},
                                        {"key_results", "key", "title"}};
  for (int kind = 0; kind < 4; ++kind) {
    const auto& s = kSources[kind];
    const std::string k = std::to_string(kind);
    prepare(std::string("INSERT INTO search_index (") + (postgres ? "id" : "rowid") +
            ", key, title) SELECT p.id, t." + s.key + ", t." + s.title +
            " FROM search_pending p JOIN " + s.table +
            " t ON t.id = p.id / 4 WHERE p.id % 4 = " + k)
        .run();
  }
  prepare("DELETE FROM search_pending").run();
  if (postgres)
    prepare("SELECT set_config('okr.search_deferred', 'off', true)").run();
  else
    prepare("DELETE FROM search_deferred").run();
  search_deferred_ = false;
}

}  // namespace okr::sql
