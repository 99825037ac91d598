// The baseline for the check-in rate: one row like a check-in inserted in its own
// durable SQLite transaction (WAL, synchronous=FULL, as okr opens its database),
// on the disk where DB lives, for SECONDS seconds. Prints inserts per second.
//
//   sqlite_insert_baseline DB [SECONDS]
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

void must(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    std::fprintf(stderr, "sqlite_insert_baseline: %s: %s\n", what, sqlite3_errmsg(db));
    std::exit(1);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: sqlite_insert_baseline DB [SECONDS]\n");
    return 2;
  }
  const double seconds = argc > 2 ? std::atof(argv[2]) : 5;
  sqlite3* db = nullptr;
  must(sqlite3_open(argv[1], &db), db, "open");
  for (const char* sql :
       {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL",
        "CREATE TABLE IF NOT EXISTS check_ins (id INTEGER PRIMARY KEY, "
        "key_result_id INTEGER NOT NULL, value REAL NOT NULL, confidence REAL, "
        "note TEXT NOT NULL, author_id INTEGER, at TEXT NOT NULL)",
        "CREATE INDEX IF NOT EXISTS check_ins_kr ON check_ins(key_result_id, at, id)"})
    must(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), db, sql);
  sqlite3_stmt* insert = nullptr;
  must(sqlite3_prepare_v2(db,
                          "INSERT INTO check_ins (key_result_id, value, confidence, note, "
                          "author_id, at) VALUES (1, 62.5, 0.7, 'steady', 1, "
                          "'2026-12-01T10:00:00Z')",
                          -1, &insert, nullptr),
       db, "prepare");
  long n = 0;
  const auto start = std::chrono::steady_clock::now();
  double elapsed = 0;
  while (elapsed < seconds) {
    must(sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), db, "begin");
    must(sqlite3_step(insert), db, "insert");
    sqlite3_reset(insert);
    must(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
    ++n;
    elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  std::printf("%.0f\n", static_cast<double>(n) / elapsed);
  sqlite3_finalize(insert);
  sqlite3_close(db);
  return 0;
}
