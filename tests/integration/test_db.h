// Helpers for integration tests: a fresh database per test, and a dump of every
// table so a test can check that a failed operation changed nothing.
//
// The database is a SQLite file, or, when $OKR_TEST_PG names the folder of a
// PostgreSQL server's socket (tests/pg/server.sh; ctest sets it for the "pg."
// tests), a new PostgreSQL database on that server, dropped afterwards.
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <pqxx/pqxx>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "app/app.h"
#include "formats/okr_file.h"
#include "storage/store.h"

namespace okr::testing {

// The PostgreSQL server the tests run against, or "" for SQLite.
inline std::string pg_socket_dir() {
  const char* dir = std::getenv("OKR_TEST_PG");
  return dir ? dir : "";
}
inline bool on_postgres() {
  return !pg_socket_dir().empty();
}
// The URL of database `name` on the test server.
inline std::string pg_url(const std::string& name) {
  return "postgresql://postgres@/" + name + "?host=" + pg_socket_dir();
}
inline bool is_pg_url(const std::string& location) {
  return location.starts_with("postgresql://");
}
// Runs SQL on the test server's maintenance database.
inline void pg_admin(const std::string& sql) {
  pqxx::connection c(pg_url("postgres"));
  pqxx::nontransaction w(c);
  w.exec(sql);
}

class TempDb {
 public:
  // `suffix` tells apart two databases of one test.
  explicit TempDb(const std::string& suffix = "") {
    auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::temp_directory_path() /
           ("okr-test-" + std::to_string(::getpid()) + "-" + info->test_suite_name() + "-" +
            info->name() + suffix);
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    if (on_postgres()) {
      static std::atomic<int> counter{0};
      pg_name_ = "okr_test_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
      pg_admin("DROP DATABASE IF EXISTS " + pg_name_);
      pg_admin("CREATE DATABASE " + pg_name_);
    }
  }
  ~TempDb() {
    std::filesystem::remove_all(dir_);
    if (!pg_name_.empty()) {
      try {
        pg_admin("DROP DATABASE IF EXISTS " + pg_name_ + " WITH (FORCE)");
      } catch (const std::exception&) {
      }
    }
  }
  // The location to open: a file path, or a PostgreSQL URL.
  std::string path() const {
    return pg_name_.empty() ? (dir_ / "okr.db").string() : pg_url(pg_name_);
  }
  std::filesystem::path dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
  std::string pg_name_;
};

// Every row of every table, as text: equal dumps mean an unchanged database.
inline std::string dump(const std::string& path) {
  if (is_pg_url(path)) {
    pqxx::connection c(path);
    pqxx::nontransaction w(c);
    std::string out;
    for (const auto& t : w.exec("SELECT table_name FROM information_schema.tables "
                                "WHERE table_schema = 'public' ORDER BY table_name")) {
      const std::string table = t[0].c_str();
      out += "[" + table + "]\n";
      for (const auto& row : w.exec("SELECT * FROM \"" + table + "\" ORDER BY 1")) {
        for (const auto& field : row) {
          out += field.is_null() ? "NULL" : field.c_str();
          out += "|";
        }
        out += "\n";
      }
    }
    return out;
  }
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  std::string out;
  auto each = [&](const std::string& sql, auto&& row) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << sqlite3_errmsg(db);
      return;
    }
    while (sqlite3_step(st) == SQLITE_ROW) row(st);
    sqlite3_finalize(st);
  };
  std::vector<std::string> tables;
  each("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", [&](sqlite3_stmt* st) {
    tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
  });
  for (const auto& t : tables) {
    out += "[" + t + "]\n";
    each("SELECT * FROM \"" + t + "\" ORDER BY 1", [&](sqlite3_stmt* st) {
      for (int i = 0; i < sqlite3_column_count(st); ++i) {
        auto p = sqlite3_column_text(st, i);
        out += p ? reinterpret_cast<const char*>(p) : "NULL";
        out += "|";
      }
      out += "\n";
    });
  }
  sqlite3_close(db);
  return out;
}

inline int count_rows(const std::string& path, const std::string& table) {
  if (is_pg_url(path)) {
    pqxx::connection c(path);
    pqxx::nontransaction w(c);
    return w.exec("SELECT count(*) FROM " + table)[0][0].as<int>();
  }
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, ("SELECT count(*) FROM " + table).c_str(), -1, &st, nullptr);
  int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
  sqlite3_finalize(st);
  sqlite3_close(db);
  return n;
}

// Holds the database's write lock from another connection, as another process
// writing would, until release() or the end of its scope. PostgreSQL has no one write
// lock: there another connection locks the audit log, which every write appends to, as
// a long maintenance job on it would.
class HeldWriteLock {
 public:
  explicit HeldWriteLock(const std::string& path) {
    if (is_pg_url(path)) {
      pg_ = std::make_unique<pqxx::connection>(path);
      pqxx::nontransaction(*pg_).exec("BEGIN; LOCK TABLE audit_events IN EXCLUSIVE MODE");
      return;
    }
    EXPECT_EQ(sqlite3_open(path.c_str(), &sqlite_), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(sqlite_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  }
  ~HeldWriteLock() { release(); }
  HeldWriteLock(const HeldWriteLock&) = delete;
  HeldWriteLock& operator=(const HeldWriteLock&) = delete;
  void release() {
    pg_.reset();
    if (sqlite_) {
      sqlite3_exec(sqlite_, "ROLLBACK", nullptr, nullptr, nullptr);
      sqlite3_close(sqlite_);
      sqlite_ = nullptr;
    }
  }

 private:
  std::unique_ptr<pqxx::connection> pg_;
  sqlite3* sqlite_ = nullptr;
};

inline std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::string example_path() {
  return std::string(OKR_SOURCE_DIR) + "/examples/acme-2027-q1.yaml";
}

// A fixed clock: 2027-02-15 10:00 UTC, half-way through 2027-Q1.
inline Instant fixed_now() {
  return *parse_instant("2027-02-15T10:00:00Z");
}

}  // namespace okr::testing
