#include "storage/postgres/connection.h"

#include <charconv>
#include <cstdlib>

#include "storage/store.h"

namespace okr::postgres {
namespace {

// "Key (key)=(growth-1) already exists." → "key".
std::string field_of(const std::string& detail) {
  auto open = detail.find("Key (");
  if (open == std::string::npos) return {};
  auto close = detail.find(')', open);
  std::string field = detail.substr(open + 5, close - open - 5);
  if (auto comma = field.rfind(", "); comma != std::string::npos) field = field.substr(comma + 2);
  return field;
}

// libpq's words for a connection that failed ("FATAL:  password authentication failed
// for user \"okr\"\n"), as one line.
std::string one_line(std::string text) {
  for (auto& c : text)
    if (c == '\n') c = ' ';
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

// What an operator needs to hear when a connection could not be opened: the password,
// TLS, the database, the role, pg_hba.conf and an unreachable server are told apart.
// Nothing was written: no transaction had begun.
std::string connect_failure(const std::string& libpq) {
  auto says = [&](const char* words) { return libpq.find(words) != std::string::npos; };
  if (says("password authentication failed"))
    return "PostgreSQL refused the password for the user in the URL (from the URL, "
           "PGPASSWORD or the ~/.pgpass of the user okr runs as)";
  if (says("no password supplied"))
    return "PostgreSQL asks for a password and none was given: put it in the ~/.pgpass of "
           "the user okr runs as (or in PGPASSFILE)";
  if (says("SSL was required") || says("server does not support SSL"))
    return "the URL requires TLS (sslmode) but the PostgreSQL server does not offer it";
  if (says("no pg_hba.conf entry") && (says("no encryption") || says("SSL off")))
    return "the PostgreSQL server accepts this connection only over TLS: add "
           "sslmode=require (or verify-full) to the URL";
  if (says("no pg_hba.conf entry"))
    return "the PostgreSQL server does not accept connections from this host for this user "
           "and database (see its pg_hba.conf)";
  if (says("database \"") && says("does not exist"))
    return "the database named in the URL does not exist on the PostgreSQL server; create "
           "it first (createdb)";
  if (says("role \"") && says("does not exist"))
    return "the user named in the URL does not exist on the PostgreSQL server";
  return "the PostgreSQL server cannot be reached (is it running, and are the host and port "
         "in the URL right?)";
}

}  // namespace

void raise_current(std::string_view context, bool connection_lost) {
  // What libpq says names the server, its socket or port, the user and the database:
  // it goes to `internal`, never into the message a client may see.
  const std::string unreachable = "the PostgreSQL server cannot be reached; nothing was written";
  try {
    throw;
  } catch (const StoreError&) {
    throw;
  } catch (const pqxx::broken_connection& e) {
    throw StoreError(ErrorCode::unavailable, unreachable, {}, one_line(e.what()));
  } catch (const pqxx::transaction_rollback& e) {
    // A serialization failure or a deadlock (SQLSTATE class 40), even when the error
    // comes from COMMIT.
    throw StoreError::retry("the database gave the transaction up; try again (" +
                            std::string(e.what()) + ")");
  } catch (const pqxx::sql_error& e) {
    const std::string& state = e.sqlstate();
    std::string detail = e.what();
    while (!detail.empty() && (detail.back() == '\n' || detail.back() == ' ')) detail.pop_back();
    if (state == "40001" || state == "40P01")
      throw StoreError::retry("the database gave the transaction up; try again (" + detail + ")");
    if (state == "23505")
      throw StoreError(ErrorCode::conflict, "already exists (" + detail + ")", field_of(detail));
    if (state == "23503")
      throw StoreError(
          ErrorCode::invalid,
          "refers to something that does not exist, or is still referred to (" + detail + ")");
    if (state.starts_with("23"))
      throw StoreError(ErrorCode::invalid, "breaks a rule of the database (" + detail + ")");
    if (state == "55P03" || state == "57014")
      throw StoreError(ErrorCode::busy, "the database is busy; try again", {}, detail);
    if (state == "53100")
      throw StoreError(ErrorCode::unavailable,
                       "the disk holding the database is full; nothing was written", {}, detail);
    if (state == "25006")
      throw StoreError(ErrorCode::unavailable, "the database is read-only; nothing was written", {},
                       detail);
    if (state.starts_with("08") || state.starts_with("57P") || state.starts_with("53") ||
        connection_lost)
      throw StoreError(ErrorCode::unavailable,
                       "the PostgreSQL server is unavailable; nothing was written", {}, detail);
    throw StoreError(ErrorCode::io, "the database could not complete the request", {},
                     std::string(context) + ": " + detail);
  } catch (const pqxx::in_doubt_error& e) {
    throw StoreError(ErrorCode::unavailable,
                     "the connection to the PostgreSQL server broke while the write was being "
                     "committed; it may or may not have been saved: read it back before trying "
                     "again",
                     {}, e.what());
  } catch (const std::exception& e) {
    if (connection_lost)
      throw StoreError(ErrorCode::unavailable, unreachable, {}, one_line(e.what()));
    throw StoreError(ErrorCode::io, "the database could not complete the request", {},
                     std::string(context) + ": " + e.what());
  }
}

std::string numbered_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int next = 1;
  bool quoted = false;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    char ch = sql[i];
    if (ch == '\'') quoted = !quoted;
    if (quoted || ch != '?') {
      out += ch;
      continue;
    }
    out += '$';
    if (i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') continue;  // ?N
    out += std::to_string(next++);
  }
  return out;
}

bool changes_accounts(std::string_view sql) {
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  std::string text(sql.size(), ' ');
  for (std::size_t i = 0; i < sql.size(); ++i) text[i] = lower(sql[i]);
  auto word_at = [&](std::size_t at, std::size_t length) {
    auto part = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; };
    return (at == 0 || !part(text[at - 1])) &&
           (at + length >= text.size() || !part(text[at + length]));
  };
  auto has_word = [&](std::string_view w) {
    for (auto at = text.find(w); at != std::string::npos; at = text.find(w, at + 1))
      if (word_at(at, w.size())) return true;
    return false;
  };
  if (!has_word("insert") && !has_word("update") && !has_word("delete") && !has_word("truncate"))
    return false;
  for (std::string_view table :
       {"users", "memberships", "sessions", "api_tokens", "teams", "settings"})
    if (has_word(table)) return true;
  return false;
}

void Cursor::bind(std::int64_t v) {
  values_.push_back(std::to_string(v));
  null_.push_back(false);
}

void Cursor::bind(double v) {
  char buf[64];
  // The shortest text that reads back as exactly `v`.
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  values_.emplace_back(buf, ec == std::errc() ? end : buf);
  null_.push_back(false);
}

void Cursor::bind(std::string_view v) {
  values_.emplace_back(v);
  null_.push_back(false);
}

void Cursor::bind(std::nullptr_t) {
  values_.emplace_back();
  null_.push_back(true);
}

bool Cursor::step() {
  if (!result_) {
    std::vector<const char*> params;
    params.reserve(values_.size());
    for (std::size_t i = 0; i < values_.size(); ++i)
      params.push_back(null_[i] ? nullptr : values_[i].c_str());
    result_ = c_.exec_prepared(name_, params);
    row_ = 0;
  } else {
    ++row_;
  }
  return row_ < result_->size();
}

void Cursor::reset() noexcept {
  values_.clear();
  null_.clear();
  result_.reset();
  row_ = 0;
}

sql::ValueKind Cursor::kind(int col) const {
  auto f = field(col);
  if (f.is_null()) return sql::ValueKind::null;
  switch (result_->column_type(static_cast<pqxx::row::size_type>(col))) {
    case 20:  // int8
    case 21:  // int2
    case 23:  // int4
      return sql::ValueKind::integer;
    case 700:  // float4
    case 701:  // float8
      return sql::ValueKind::real;
    default:
      return sql::ValueKind::text;
  }
}

std::int64_t Cursor::i64(int col) const {
  auto f = field(col);
  if (f.is_null()) return 0;
  return std::strtoll(f.c_str(), nullptr, 10);
}

double Cursor::f64(int col) const {
  auto f = field(col);
  if (f.is_null()) return 0;
  return std::strtod(f.c_str(), nullptr);
}

std::string Cursor::text(int col) const {
  auto f = field(col);
  if (f.is_null()) return {};
  return std::string(f.c_str(), f.size());
}

Connection::Connection(const std::string& url, std::atomic<std::uint64_t>* statements)
    : statements_(statements) {
  try {
    conn_ = std::make_unique<pqxx::connection>(url);
    work_ = std::make_unique<pqxx::nontransaction>(*conn_);
    // Times and dates are text in ISO-8601; numbers read back exactly. A writer waits
    // at most 5 s for a row another writer holds, then answers busy. (Behind a pooler
    // in transaction mode these do not follow the client: docs/deploy.md sets them on
    // the role.)
    work_->exec("SET extra_float_digits = 3; SET lock_timeout = '5s'");
  } catch (const pqxx::broken_connection& e) {
    work_.reset();
    conn_.reset();
    const std::string libpq = one_line(e.what());
    throw StoreError(ErrorCode::unavailable, connect_failure(libpq), {}, libpq);
  } catch (...) {
    work_.reset();
    conn_.reset();
    raise_current("cannot connect to the PostgreSQL database", true);
  }
}

Connection::~Connection() {
  cache_.clear();
  work_.reset();
  conn_.reset();
}

Statement Connection::prepare(std::string_view sql) {
  std::string key(sql);
  auto it = cache_.find(key);
  if (it == cache_.end()) {
    std::string name = "s" + std::to_string(cache_.size() + 1);
    try {
      conn_->prepare(name, numbered_placeholders(key));
    } catch (...) {
      fail("prepare");
    }
    const bool accounts = changes_accounts(key);
    it = cache_.emplace(std::move(key), std::make_unique<Cursor>(*this, std::move(name), accounts))
             .first;
  }
  if (it->second->changes_accounts()) accounts_written_ = true;
  return Statement(it->second.get());
}

pqxx::result Connection::exec(const std::string& sql, int count) {
  if (changes_accounts(sql)) accounts_written_ = true;
  if (statements_) statements_->fetch_add(static_cast<std::uint64_t>(count));
  try {
    auto r = work_->exec(sql);
    changes_ = static_cast<std::int64_t>(r.affected_rows());
    return r;
  } catch (...) {
    fail("query");
  }
}

pqxx::result Connection::exec_prepared(const std::string& name,
                                       const std::vector<const char*>& params) {
  if (statements_) statements_->fetch_add(1);
  try {
    auto r = work_->exec_prepared(name, pqxx::prepare::make_dynamic_params(params));
    changes_ = static_cast<std::int64_t>(r.affected_rows());
    return r;
  } catch (...) {
    fail("query");
  }
}

void Connection::fail(std::string_view context) {
  if (retry_when_lost_ && !is_open())
    throw StoreError::retry("the connection to the read replica broke; read again");
  raise_current(context, !is_open());
}

bool Connection::is_open() const {
  return conn_ && conn_->is_open();
}

}  // namespace okr::postgres
