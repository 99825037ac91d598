// Each store on a real database (a SQLite file; PostgreSQL for the "pg." tests):
// migrations, round trips, versions, rollback, copying between stores.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "storage/sqlite/connection.h"
#include "storage/sqlite/migrations.h"
#include "test_db.h"

namespace okr {
namespace {

using testing::TempDb;

std::unique_ptr<Store> must_open(const std::string& path) {
  auto s = open_store(path);
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
  return std::move(s).value();
}

TEST(Store, MigratesAnEmptyFileToTheLatestSchema) {
  TempDb db;
  auto store = must_open(db.path());
  EXPECT_EQ(store->schema_version(), sqlite::migrations().back().version);
  for (auto table : {"users", "teams", "memberships", "cycles", "objectives", "key_results",
                     "check_ins", "initiatives", "sprints", "kpis", "measurements", "reviews",
                     "audit_events", "sessions", "api_tokens"})
    EXPECT_EQ(testing::count_rows(db.path(), table), 0) << table;
  // Opening again applies nothing and keeps the version.
  store.reset();
  EXPECT_EQ(must_open(db.path())->schema_version(), sqlite::migrations().back().version);
}

TEST(Store, UpgradesAVersionOneDatabaseKeepingItsData) {
  if (testing::on_postgres()) GTEST_SKIP() << "SQLite's own migration history";
  TempDb db;
  sqlite3* raw = nullptr;
  sqlite3_open(db.path().c_str(), &raw);
  ASSERT_EQ(sqlite3_exec(raw, sqlite::migrations()[0].sql, nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_exec(raw,
               "PRAGMA user_version = 1;"
               "INSERT INTO users (id, email, created_at) VALUES (1, 'a@acme.example', 'x');"
               "INSERT INTO api_tokens (user_id, name, token_hash, created_at, revoked_at) "
               "VALUES (1, 'ci', 'h1', '2027-01-01T00:00:00Z', '2027-01-02T00:00:00Z');",
               nullptr, nullptr, nullptr);
  sqlite3_close(raw);
  auto store = must_open(db.path());
  EXPECT_EQ(store->schema_version(), sqlite::migrations().back().version);
  auto tx = store->begin();
  EXPECT_EQ(tx->find_api_token("h1")->name, "ci");
  // Version 2: a revoked token's name is free again.
  tx->create_api_token(
      {0, 1, "ci", "h2", *parse_instant("2027-01-03T00:00:00Z"), std::nullopt, std::nullopt});
  EXPECT_EQ(tx->list_api_tokens(1).size(), 2u);
}

TEST(Store, RefusesADatabaseFromANewerOkr) {
  TempDb db;
  must_open(db.path()).reset();
  if (testing::on_postgres()) {
    pqxx::connection raw(db.path());
    pqxx::nontransaction(raw).exec("UPDATE okr_schema SET version = 999");
  } else {
    sqlite3* raw = nullptr;
    sqlite3_open(db.path().c_str(), &raw);
    sqlite3_exec(raw, "PRAGMA user_version = 999", nullptr, nullptr, nullptr);
    sqlite3_close(raw);
  }
  auto s = open_store(db.path());
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("newer"), std::string::npos) << s.error().message;
  EXPECT_NE(s.error().message.find("999"), std::string::npos) << s.error().message;
}

TEST(Store, RefusesAFileThatIsNotADatabase) {
  if (testing::on_postgres()) GTEST_SKIP() << "a file, not a server";
  TempDb db;
  { std::ofstream(db.path()) << "this is a text file, not a database, and it is long enough\n"; }
  auto s = open_store(db.path());
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("not"), std::string::npos) << s.error().message;
}

// OKR_SQLITE_CACHE_KB sets each connection's page cache; a value out of range is refused
// naming the variable, and nothing is opened.
TEST(Store, TheSqlitePageCacheIsTheOperatorsOrRefusedNamingItsVariable) {
  if (testing::on_postgres()) GTEST_SKIP() << "SQLite's page cache";
  TempDb db;
  const auto cache_size = [&] {
    sqlite::Connection c(db.path());
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(c.handle(), "PRAGMA cache_size", -1, &st, nullptr);
    sqlite3_step(st);
    const int kib = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return kib;
  };
  for (const char* bad : {"12abc", "0", "-5", "63", "2000000", "1e3"}) {
    ::setenv("OKR_SQLITE_CACHE_KB", bad, 1);
    auto s = open_store(db.path());
    ASSERT_FALSE(s.ok()) << bad;
    EXPECT_NE(s.error().message.find("OKR_SQLITE_CACHE_KB"), std::string::npos)
        << s.error().message;
    EXPECT_NE(s.error().message.find(bad), std::string::npos) << s.error().message;
  }
  ::setenv("OKR_SQLITE_CACHE_KB", "128", 1);
  ASSERT_TRUE(open_store(db.path()).ok());
  EXPECT_EQ(cache_size(), -128);  // negative: KiB
  ::unsetenv("OKR_SQLITE_CACHE_KB");
  EXPECT_EQ(cache_size(), -2000);  // SQLite's own
}

// Two servers starting together on a new database both open it; the schema is
// applied once.
TEST(Store, StoresOpeningTogetherMigrateOnce) {
  TempDb db;
  std::vector<std::thread> threads;
  std::atomic<int> opened{0};
  std::mutex failures_mu;
  std::vector<std::string> failures;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&] {
      auto s = open_store(db.path());
      if (!s.ok()) {
        std::lock_guard lock(failures_mu);
        failures.push_back(s.error().message);
      } else if ((*s)->schema_version() == sqlite::migrations().back().version) {
        ++opened;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(opened, 4);
  for (const auto& f : failures) ADD_FAILURE() << f;
  EXPECT_EQ(testing::count_rows(db.path(), "users"), 0);
}

// okr does not take over a PostgreSQL database that holds someone else's tables.
TEST(Store, RefusesAPostgresDatabaseWithOtherTables) {
  if (!testing::on_postgres()) GTEST_SKIP() << "PostgreSQL only";
  TempDb db;
  {
    pqxx::connection raw(db.path());
    pqxx::nontransaction(raw).exec("CREATE TABLE users (id INTEGER)");
  }
  auto s = open_store(db.path());
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("did not create"), std::string::npos) << s.error().message;
}

// Without permission to create, a database okr never set up is "not found".
TEST(Store, MustExistRefusesAnEmptyPostgresDatabase) {
  if (!testing::on_postgres()) GTEST_SKIP() << "PostgreSQL only";
  TempDb db;
  auto s = open_store(db.path(), OpenMode::must_exist);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::not_found);
  EXPECT_NE(s.error().message.find("okr init"), std::string::npos) << s.error().message;
}

// When the server closes every connection (a restart, a failover), the next
// transaction works on a new one: the pool's stale connections are not an error.
TEST(Store, APostgresStoreReconnectsAfterTheServerClosedItsConnections) {
  if (!testing::on_postgres()) GTEST_SKIP() << "PostgreSQL only";
  TempDb db;
  auto store = must_open(db.path());
  {
    auto tx = store->begin();
    tx->create_user({0, "before@acme.example", "Before", false, 1});
    tx->commit();
  }
  (void)store->begin(Store::Mode::read)->list_users();  // a second pooled connection
  {
    pqxx::connection admin(db.path());
    pqxx::nontransaction(admin).exec(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE datname = current_database() AND pid <> pg_backend_pid()");
  }
  auto tx = store->begin();
  tx->create_user({0, "after@acme.example", "After", false, 1});
  tx->commit();
  EXPECT_EQ(store->begin(Store::Mode::read)->list_users().size(), 2u);
}

TEST(Store, RoundTripsEveryEntity) {
  TempDb db;
  auto store = must_open(db.path());
  auto tx = store->begin();
  Cycle cycle{
      0, "2027-Q1", *parse_date("2027-01-01"), *parse_date("2027-03-31"), CycleState::active, 1};
  cycle.id = tx->create_cycle(cycle);
  User ana{0, "ana@acme.example", "Ana", false, 1};
  ana.id = tx->create_user(ana);
  tx->set_password_hash(ana.id, "$argon2id$hash");
  Team parent{0, "acme", "Acme", "company", std::nullopt, ana.id, 1};
  parent.id = tx->create_team(parent);
  Team team{0, "booking", "Booking", "product", parent.id, ana.id, 1};
  team.id = tx->create_team(team);
  tx->put_membership({team.id, ana.id, TeamRole::lead});
  Kpi kpi{0, "availability", "Availability", team.id, "%", 99.9, 100, 99.5, 100, 1};
  kpi.id = tx->create_kpi(kpi);
  Measurement m{0, kpi.id, 99.95, *parse_instant("2027-01-08T00:00:00Z")};
  m.id = tx->add_measurement(m);
  Objective company{
      0,      "acme-o",     cycle.id, parent.id, "Fill every chair", "", ObjectiveKind::committed,
      ana.id, std::nullopt, {},       1};
  company.id = tx->create_objective(company);
  Objective o{0,
              "booking-o",
              cycle.id,
              team.id,
              "Make rebooking obvious",
              "why",
              ObjectiveKind::aspirational,
              ana.id,
              company.id,
              {parent.id},
              1};
  o.id = tx->create_objective(o);
  KeyResult kr{0,
               "rebook",
               o.id,
               "Raise rebook rate from 18% to 30%",
               MetricKind::percent,
               "%",
               18,
               30,
               0,
               0,
               0,
               2,
               ana.id,
               kpi.id,
               1};
  kr.id = tx->create_key_result(kr);
  CheckIn c{0, kr.id, 21.5, 0.7, "first week", ana.id, *parse_instant("2027-01-08T09:00:00Z")};
  c.id = tx->add_check_in(c);
  Sprint sp{0, team.id, "Sprint 1", *parse_date("2027-01-04"), *parse_date("2027-01-17"), 1};
  sp.id = tx->create_sprint(sp);
  Initiative in{0,
                "BOOK-12",
                "Rebook button on receipt",
                team.id,
                sp.id,
                "https://x.example/12",
                InitiativeStatus::in_progress,
                {kr.id},
                1};
  in.id = tx->create_initiative(in);
  Review r{0,   o.id,   {{kr.id, 0.6, "survey changed"}},       "a", "b",
           "c", ana.id, *parse_instant("2027-04-03T10:00:00Z"), 1};
  r.id = tx->put_review(r);
  AuditEvent e{0,   *parse_instant("2027-01-08T09:00:00Z"), ana.id, "create", "objective", o.id, "",
               "{}"};
  tx->add_audit_event(e);
  tx->create_session({"hash1", ana.id, *parse_instant("2027-01-01T00:00:00Z"),
                      *parse_instant("2027-01-15T00:00:00Z")});
  ApiToken token{
      0, ana.id, "ci", "thash", *parse_instant("2027-01-01T00:00:00Z"), std::nullopt, std::nullopt};
  token.id = tx->create_api_token(token);
  tx->commit();

  // Read everything back through a new transaction.
  auto rx = store->begin(Store::Mode::read);
  EXPECT_EQ(*rx->find_cycle(cycle.id), cycle);
  EXPECT_EQ(*rx->find_cycle_by_name("2027-Q1"), cycle);
  EXPECT_EQ(*rx->find_user_by_email("ana@acme.example"), ana);
  EXPECT_EQ(*rx->password_hash(ana.id), "$argon2id$hash");
  EXPECT_EQ(*rx->find_team_by_key("booking"), team);
  auto teams = rx->list_teams();
  ASSERT_EQ(teams.size(), 2u);
  EXPECT_EQ(teams[0].key, "acme");  // parents first
  EXPECT_EQ(rx->list_memberships(team.id, std::nullopt).at(0).role, TeamRole::lead);
  EXPECT_EQ(*rx->find_objective_by_key("booking-o"), o);
  EXPECT_EQ(rx->list_objectives({.cycle_id = cycle.id}).size(), 2u);
  EXPECT_EQ(rx->list_objectives({.team_id = team.id}).at(0), o);
  EXPECT_EQ(*rx->find_key_result_by_key("rebook"), kr);
  EXPECT_EQ(rx->list_key_results_in_cycle(cycle.id).at(0), kr);
  EXPECT_EQ(rx->list_check_ins(kr.id).at(0), c);
  EXPECT_EQ(rx->latest_check_ins(cycle.id).at(kr.id), c);
  EXPECT_EQ(*rx->find_sprint(sp.id), sp);
  EXPECT_EQ(*rx->find_initiative(in.id), in);
  EXPECT_EQ(rx->list_initiatives(std::nullopt, kr.id).at(0), in);
  EXPECT_EQ(*rx->find_kpi_by_key("availability"), kpi);
  EXPECT_EQ(rx->list_measurements(kpi.id).at(0), m);
  EXPECT_EQ(*rx->find_review(o.id), r);
  const AuditEvent read = rx->list_audit_events(std::nullopt, 10).at(0);
  EXPECT_GT(read.id, 0);
  e.id = read.id;
  EXPECT_EQ(read, e);
  EXPECT_EQ(rx->find_session("hash1")->user_id, ana.id);
  EXPECT_EQ(rx->find_api_token("thash")->name, "ci");
}

// What a search finds for `text`, as "kind:title" lines.
std::vector<std::string> found(Store& store, const std::string& text) {
  auto tx = store.begin(Store::Mode::read);
  std::vector<std::string> out;
  for (const auto& h : tx->search(text, 10, std::nullopt))
    out.push_back(std::to_string(static_cast<int>(h.kind)) + ":" + h.title);
  return out;
}

TEST(Store, AWriteOfManyRowsIsFoundBySearchOnceItCommits) {
  TempDb db;
  auto store = must_open(db.path());
  Objective kept, gone;
  Team acme;
  {
    auto tx = store->begin();
    Cycle cycle{
        0, "2027-Q1", *parse_date("2027-01-01"), *parse_date("2027-03-31"), CycleState::active, 1};
    cycle.id = tx->create_cycle(cycle);
    User ana{0, "ana@acme.example", "Ana", false, 1};
    ana.id = tx->create_user(ana);
    acme = {0, "acme", "Acme", "company", std::nullopt, ana.id, 1};
    acme.id = tx->create_team(acme);
    kept = {
        0,      "kept",       cycle.id, acme.id, "Fill every chair", "", ObjectiveKind::committed,
        ana.id, std::nullopt, {},       1};
    kept.id = tx->create_objective(kept);
    gone = kept;
    gone.key = "gone";
    gone.title = "Retire the fax line";
    gone.id = tx->create_objective(gone);
    tx->commit();
  }
  // A deferred write that is rolled back leaves the index as it was, and the next
  // write is indexed at once.
  {
    auto tx = store->begin();
    tx->defer_search_index();
    tx->create_user({0, "zoe@acme.example", "Zoe Quill", false, 1});
  }
  {
    auto tx = store->begin();
    tx->create_user({0, "yan@acme.example", "Yan Ostrowski", false, 1});
    tx->commit();
  }
  EXPECT_TRUE(found(*store, "quill").empty());
  EXPECT_EQ(found(*store, "ostrowski"), std::vector<std::string>{"1:Yan Ostrowski"});

  // A deferred write: new rows, a renamed team, a retitled and a deleted objective.
  {
    auto tx = store->begin();
    tx->defer_search_index();
    tx->create_team({0, "harbour", "Harbour Logistics", "team", acme.id, std::nullopt, 1});
    tx->create_user({0, "pia@acme.example", "Pia Marlowe", false, 1});
    acme.name = "Acme Worldwide";
    acme.version = tx->update_team(acme);
    kept.title = "Fill every seat";
    kept.version = tx->update_objective(kept);
    tx->delete_objective(gone.id);
    tx->commit();
  }
  EXPECT_EQ(found(*store, "harbour"), std::vector<std::string>{"0:Harbour Logistics"});
  EXPECT_EQ(found(*store, "marlowe"), std::vector<std::string>{"1:Pia Marlowe"});
  EXPECT_EQ(found(*store, "worldwide"), std::vector<std::string>{"0:Acme Worldwide"});
  EXPECT_EQ(found(*store, "seat"), std::vector<std::string>{"2:Fill every seat"});
  EXPECT_TRUE(found(*store, "chair").empty());
  EXPECT_TRUE(found(*store, "fax").empty());
  EXPECT_EQ(testing::count_rows(db.path(), "search_pending"), 0);

  // Writes after it are indexed at once again.
  {
    auto tx = store->begin();
    tx->create_user({0, "lou@acme.example", "Lou Brandt", false, 1});
    tx->commit();
  }
  EXPECT_EQ(found(*store, "brandt"), std::vector<std::string>{"1:Lou Brandt"});
}

// The search's order: the shortest names first, the newer first among equals; a word
// more than five hundred names share is answered from the newest five hundred, so this
// quarter's objectives, not the oldest, fill the first page.
TEST(Store, SearchPutsShortNamesFirstAndAnswersABroadWordFromTheNewest) {
  TempDb db;
  auto store = must_open(db.path());
  {
    auto tx = store->begin();
    Cycle cycle{
        0, "2027-Q1", *parse_date("2027-01-01"), *parse_date("2027-03-31"), CycleState::active, 1};
    cycle.id = tx->create_cycle(cycle);
    User ana{0, "ana@acme.example", "Ana", false, 1};
    ana.id = tx->create_user(ana);
    Team acme{0, "acme", "Acme", "company", std::nullopt, ana.id, 1};
    acme.id = tx->create_team(acme);
    Objective o{0,      "",           cycle.id, acme.id, "", "", ObjectiveKind::committed,
                ana.id, std::nullopt, {},       1};
    tx->defer_search_index();
    for (int i = 0; i < 1200; ++i) {
      o.key = "old-" + std::to_string(i);
      o.title = "Raise the old numbers " + std::to_string(i);
      tx->create_objective(o);
    }
    // Older than the window's thousand, yet the shortest name of all.
    o.key = "short";
    o.title = "Raise trust";
    tx->create_objective(o);
    for (int i = 0; i < 1000; ++i) {
      o.key = "new-" + std::to_string(i);
      o.title = "Raise new numbers " + std::to_string(1000 + i);
      tx->create_objective(o);
    }
    o.key = "shortest-new";
    o.title = "Raise sales";
    tx->create_objective(o);
    tx->commit();
  }
  auto tx = store->begin(Store::Mode::read);
  auto hits = tx->search("raise", 3, std::nullopt);
  ASSERT_EQ(hits.size(), 3u);
  EXPECT_EQ(hits[0].title, "Raise sales");
  EXPECT_EQ(hits[1].title, "Raise new numbers 1999") << "the newer first among equals";
  EXPECT_EQ(hits[2].title, "Raise new numbers 1998");
  // A narrower query reaches beyond the window.
  auto trust = tx->search("raise tru", 3, std::nullopt);
  ASSERT_EQ(trust.size(), 1u);
  EXPECT_EQ(trust[0].title, "Raise trust");
  // The words before the last are whole words, the last one as typed so far; when
  // that finds nothing, each word is a beginning.
  auto typed = tx->search("raise new numbers 199", 20, std::nullopt);
  ASSERT_EQ(typed.size(), 11u) << "1990 to 1999, and 1199 whose key is new-199";
  for (const auto& h : typed)
    EXPECT_TRUE(h.title.rfind("Raise new numbers 199", 0) == 0 || h.key == "new-199") << h.title;
  auto beginnings = tx->search("rai num 1999", 5, std::nullopt);
  ASSERT_EQ(beginnings.size(), 1u);
  EXPECT_EQ(beginnings[0].title, "Raise new numbers 1999");
}

// Audit events may be written many to a statement: whatever their number, each is kept,
// in the order it was added, and the transaction that adds them reads them back.
TEST(Store, AuditEventsKeepTheirOrderWhateverTheirNumber) {
  TempDb db;
  auto store = must_open(db.path());
  const Instant at = *parse_instant("2027-01-08T09:00:00Z");
  auto event = [&](int i) {
    return AuditEvent{0,      at, std::nullopt, "import",
                      "team", i,  "",           "{\"n\":" + std::to_string(i) + "}"};
  };
  {
    auto tx = store->begin();
    for (int i = 1; i <= 150; ++i) tx->add_audit_event(event(i));
    const auto mine = tx->list_audit_events(std::nullopt, 200);
    ASSERT_EQ(mine.size(), 150u) << "the transaction reads its own events";
    EXPECT_EQ(mine.front().entity_id, 150);
    for (int i = 151; i <= 201; ++i) tx->add_audit_event(event(i));
    tx->commit();
  }
  {
    auto tx = store->begin();
    tx->add_audit_event(event(999));  // refused: never committed
  }
  auto rx = store->begin(Store::Mode::read);
  const auto all = rx->list_audit_events(std::nullopt, 500);
  ASSERT_EQ(all.size(), 201u);
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].entity_id, 201 - static_cast<Id>(i)) << "newest first, in the order added";
    EXPECT_EQ(all[i].after, "{\"n\":" + std::to_string(201 - i) + "}");
    if (i) {
      EXPECT_LT(all[i].id, all[i - 1].id);
    }
  }
}

// Looking many keys up at once finds those that exist, whatever the others hold
// (quotes, backslashes, commas, braces, control characters): never an error.
TEST(Store, FindsObjectivesAndKeyResultsByManyKeysAtOnce) {
  TempDb db;
  auto store = must_open(db.path());
  auto tx = store->begin();
  Cycle cycle{
      0, "2027-Q1", *parse_date("2027-01-01"), *parse_date("2027-03-31"), CycleState::active, 1};
  cycle.id = tx->create_cycle(cycle);
  const Id team = tx->create_team({0, "acme", "Acme", "team", std::nullopt, std::nullopt, 1});
  Objective o;
  o.key = "acme-o";
  o.cycle_id = cycle.id;
  o.team_id = team;
  o.title = "Fill every chair";
  o.id = tx->create_objective(o);
  KeyResult k;
  k.key = "acme-kr";
  k.objective_id = o.id;
  k.title = "Seats filled";
  k.target = 10;
  tx->create_key_result(k);
  const std::vector<std::string> odd{"a\"b", "c\\d", "x,y}", "{z", "tab\there", ""};
  auto keys = odd;
  keys.push_back("acme-o");
  keys.push_back("acme-kr");
  const auto objectives = tx->find_objectives_by_keys(keys);
  ASSERT_EQ(objectives.size(), 1u);
  EXPECT_EQ(objectives[0].key, "acme-o");
  const auto key_results = tx->find_key_results_by_keys(keys);
  ASSERT_EQ(key_results.size(), 1u);
  EXPECT_EQ(key_results[0].key, "acme-kr");
  EXPECT_TRUE(tx->find_objectives_by_keys(odd).empty());
  EXPECT_TRUE(tx->find_key_results_by_keys({}).empty());
}

TEST(Store, StaleVersionIsAConflictAndChangesNothing) {
  TempDb db;
  auto store = must_open(db.path());
  Cycle c{0, "2027-Q1", *parse_date("2027-01-01"), *parse_date("2027-03-31"), CycleState::planning,
          1};
  {
    auto tx = store->begin();
    c.id = tx->create_cycle(c);
    tx->commit();
  }
  {
    auto tx = store->begin();
    Cycle first = c;
    first.state = CycleState::active;
    EXPECT_EQ(tx->update_cycle(first), 2);
    tx->commit();
  }
  auto before = testing::dump(db.path());
  auto tx = store->begin();
  Cycle stale = c;  // still version 1
  stale.state = CycleState::closed;
  try {
    tx->update_cycle(stale);
    FAIL() << "a stale version was accepted";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.code(), ErrorCode::conflict);
  }
  tx.reset();
  EXPECT_EQ(testing::dump(db.path()), before);
}

TEST(Store, TransactionWithoutCommitLeavesNoTrace) {
  TempDb db;
  auto store = must_open(db.path());
  auto before = testing::dump(db.path());
  {
    auto tx = store->begin();
    tx->create_user({0, "x@acme.example", "X", false, 1});
    tx->create_cycle({0, "2027-Q1", *parse_date("2027-01-01"), *parse_date("2027-03-31"),
                      CycleState::planning, 1});
  }
  EXPECT_EQ(testing::dump(db.path()), before);
}

TEST(Store, DuplicateKeyIsAConflict) {
  TempDb db;
  auto store = must_open(db.path());
  auto tx = store->begin();
  tx->create_team({0, "growth", "Growth", "product", std::nullopt, std::nullopt, 1});
  try {
    tx->create_team({0, "growth", "Growth 2", "product", std::nullopt, std::nullopt, 1});
    FAIL() << "a duplicate key was accepted";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.code(), ErrorCode::conflict);
    EXPECT_EQ(e.field(), "key");
  }
}

TEST(Store, ObserverSeesEveryTransactionWithItsKind) {
  TempDb db;
  auto store = must_open(db.path());
  std::vector<std::string> kinds;
  store->set_observer([&](std::string_view kind, double seconds) {
    kinds.emplace_back(kind);
    EXPECT_GE(seconds, 0);
  });
  store->begin(Store::Mode::read)->list_cycles();
  {
    auto tx = store->begin();
    tx->create_user({0, "x@acme.example", "X", false, 1});
    tx->commit();
  }
  EXPECT_EQ(kinds, (std::vector<std::string>{"read", "write"}));
}

TEST(Store, CommittedWritesSurviveReopening) {
  TempDb db;
  {
    auto store = must_open(db.path());
    auto tx = store->begin();
    tx->create_user({0, "kept@acme.example", "Kept", false, 1});
    tx->commit();
  }
  auto store = must_open(db.path());
  EXPECT_TRUE(store->begin(Store::Mode::read)->find_user_by_email("kept@acme.example"));
}

// Writers that queue together share one commit; each is acknowledged only once it is
// durable, and one that fails takes nothing of the others with it.
TEST(Store, WritersQueuedTogetherCommitTogetherAndFailAlone) {
  TempDb db;
  auto store = must_open(db.path());
  {
    auto tx = store->begin();
    tx->create_user({0, "taken@acme.example", "Taken", false, 1});
    tx->commit();
  }
  constexpr int kThreads = 8, kWrites = 40;
  std::atomic<int> acknowledged{0}, refused{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kWrites; ++i) {
        const std::string email =
            "w" + std::to_string(t) + "-" + std::to_string(i) + "@acme.example";
        try {
          auto tx = store->begin();
          tx->create_user({0, email, "Writer", false, 1});
          // Every fifth write also takes an e-mail that is taken: it fails as a whole.
          if (i % 5 == 0) tx->create_user({0, "taken@acme.example", "Again", false, 1});
          tx->commit();
          ++acknowledged;
        } catch (const StoreError& e) {
          EXPECT_EQ(e.code(), ErrorCode::conflict) << e.what();
          ++refused;
        }
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(acknowledged, kThreads * kWrites * 4 / 5);
  EXPECT_EQ(refused, kThreads * kWrites / 5);
  // Every acknowledged write is there after reopening, and nothing of a refused one.
  store.reset();
  auto reopened = must_open(db.path());
  auto tx = reopened->begin(Store::Mode::read);
  for (int t = 0; t < kThreads; ++t)
    for (int i = 0; i < kWrites; ++i) {
      const std::string email = "w" + std::to_string(t) + "-" + std::to_string(i) + "@acme.example";
      EXPECT_EQ(tx->find_user_by_email(email).has_value(), i % 5 != 0) << email;
    }
  EXPECT_EQ(testing::count_rows(db.path(), "users"), 1 + kThreads * kWrites * 4 / 5);
}

// Documents cached at one generation (team pages, the overview, who a token belongs
// to) must go stale when anyone writes: this store, or another one on the same
// database, as `okr checkin` run beside `okr serve` is.
TEST(Store, GenerationMovesWithTheWritesOfEveryStoreOnTheDatabase) {
  TempDb db;
  auto mine = must_open(db.path());
  auto other = must_open(db.path());
  const auto before = mine->generation();
  EXPECT_EQ(mine->generation(), before) << "nothing was written";
  {
    auto tx = other->begin();
    tx->create_user({0, "elsewhere@acme.example", "Elsewhere", false, 1});
    tx->commit();
  }
  // Another store's writes are looked for at most once a millisecond.
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  const auto after_other = mine->generation();
  EXPECT_NE(after_other, before);
  {
    auto tx = mine->begin();
    tx->create_user({0, "here@acme.example", "Here", false, 1});
    tx->commit();
  }
  EXPECT_NE(mine->generation(), after_other);
  { mine->begin(Store::Mode::read)->find_user_by_email("here@acme.example"); }
  const auto settled = mine->generation();
  EXPECT_EQ(mine->generation(), settled) << "a read is not a write";
}

// The very first write to accounts in a new database moves their generation, as every
// later one does: a server that kept a signed-in actor reads it again.
TEST(Store, TheFirstWriteToAccountsMovesTheirGeneration) {
  TempDb db;
  auto store = must_open(db.path());
  const auto before = store->accounts_generation();
  {
    auto tx = store->begin();
    tx->create_user({0, "first@acme.example", "First", false, 1});
    tx->commit();
  }
  EXPECT_GT(store->accounts_generation(), before);
}

// Settings are kept between transactions while nothing writes them: a change is read by
// the next transaction of the store that made it, and by another store (another server,
// or the command line) once it has looked for other writes, never later.
TEST(Store, ASettingChangedAnywhereIsReadByTheNextTransaction) {
  TempDb db;
  auto mine = must_open(db.path());
  auto other = must_open(db.path());
  auto read = [](Store& s) {
    auto tx = s.begin(Store::Mode::read);
    return tx->setting("comments_by_viewers").value_or("unset");
  };
  auto write = [](Store& s, const std::string& value) {
    auto tx = s.begin();
    tx->put_setting("comments_by_viewers", value);
    EXPECT_EQ(tx->setting("comments_by_viewers"), value) << "a transaction reads its own write";
    tx->commit();
  };
  EXPECT_EQ(read(*mine), "unset");
  EXPECT_EQ(read(*mine), "unset");  // kept
  write(*mine, "true");
  EXPECT_EQ(read(*mine), "true") << "the store that wrote";
  write(*other, "false");
  // Another store's writes are looked for at most once a millisecond.
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_EQ(read(*mine), "false") << "another store's write";
  {
    // A write of something else keeps them; a refused write of a setting leaves no trace.
    auto tx = mine->begin();
    tx->create_user({0, "x@acme.example", "X", false, 1});
    tx->commit();
  }
  {
    auto tx = mine->begin();
    tx->put_setting("comments_by_viewers", "never");
  }
  EXPECT_EQ(read(*mine), "false");
  EXPECT_EQ(read(*other), "false");
}

}  // namespace
}  // namespace okr

namespace okr {
namespace {

// A whole cycle is listed in organisation order (by team), not by id; every
// objective still comes with its contributing teams, on pages and off them.
TEST(Store, ListsContributorsWhateverTheOrderOfTheObjectives) {
  testing::TempDb db;
  auto store = std::move(open_store(db.path())).value();
  auto tx = store->begin();
  Id cycle = tx->create_cycle(
      {0, "2027-Q1", *parse_date("2027-01-01"), *parse_date("2027-03-31"), CycleState::active, 0});
  Id first = tx->create_team({0, "alpha", "Alpha", "product", std::nullopt, std::nullopt, 0});
  Id second = tx->create_team({0, "beta", "Beta", "design", std::nullopt, std::nullopt, 0});
  Objective later_team;  // the lower id, in the later team
  later_team.key = "beta-one";
  later_team.cycle_id = cycle;
  later_team.team_id = second;
  later_team.title = "Beta's objective";
  later_team.contributing_team_ids = {first};
  later_team.id = tx->create_objective(later_team);
  Objective earlier_team = later_team;  // the higher id, in the earlier team
  earlier_team.key = "alpha-one";
  earlier_team.team_id = first;
  earlier_team.contributing_team_ids = {second};
  earlier_team.id = tx->create_objective(earlier_team);
  tx->commit();

  auto rx = store->begin(Store::Mode::read);
  auto whole = rx->list_objectives({.cycle_id = cycle});
  ASSERT_EQ(whole.size(), 2u);
  EXPECT_EQ(whole[0].id, earlier_team.id) << "organisation order: alpha's first";
  EXPECT_EQ(whole[0].contributing_team_ids, std::vector<Id>{second});
  EXPECT_EQ(whole[1].contributing_team_ids, std::vector<Id>{first});
  auto page = rx->list_objectives({.cycle_id = cycle, .limit = 1});
  ASSERT_EQ(page.size(), 1u);
  EXPECT_EQ(page[0].contributing_team_ids, std::vector<Id>{first});
}

}  // namespace
}  // namespace okr
