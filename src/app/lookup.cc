#include "app/lookup.h"

#include <cctype>
#include <vector>

#include "app/okrs.h"
#include "app/run.h"
#include "core/nearest.h"

namespace okr::app {
namespace {

// A search for the things a typo of `typed` may mean: every word of it cut to its
// first two characters, so that a slip after them still finds the word.
std::string loose_query(const std::string& typed) {
  std::string out, word;
  auto flush = [&] {
    if (!word.empty()) out += (out.empty() ? "" : " ") + word.substr(0, 2);
    word.clear();
  };
  for (unsigned char c : typed) {
    if (c >= 0x80 || std::isalnum(c))
      word += static_cast<char>(c);
    else
      flush();
  }
  flush();
  return out;
}

}  // namespace

std::string did_you_mean(Transaction& tx, SearchHit::Kind kind, const std::string& typed) {
  const std::string query = loose_query(typed);
  if (query.empty()) return "";
  std::vector<std::string> keys;
  for (const auto& hit : tx.search(query, 300, std::nullopt))
    if (hit.kind == kind) keys.push_back(hit.key);
  auto near = nearest(typed, keys);
  return near ? "; did you mean '" + *near + "'?" : "";
}

Cycle current_cycle(Transaction& tx, Date today) {
  auto cycles = tx.list_cycles();
  if (cycles.empty())
    fail(
        Error::not_found("cycle", "there are no cycles yet; import an OKR file or run 'okr demo'"));
  auto day = std::chrono::sys_days{today};
  for (const auto& c : cycles)
    if (std::chrono::sys_days{c.start} <= day && day <= std::chrono::sys_days{c.end}) return c;
  return cycles.back();
}

Cycle cycle_named(Transaction& tx, const std::string& id_or_name, std::optional<Date> today) {
  if (auto id = parse_id(id_or_name))
    if (auto c = tx.find_cycle(*id)) return *c;
  if (auto c = tx.find_cycle_by_name(id_or_name)) return *c;
  if (today && id_or_name.size() == 7) {
    std::string lowered = id_or_name;
    for (char& ch : lowered) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (lowered == "current") return current_cycle(tx, *today);
  }
  std::vector<std::string> names;
  for (const auto& c : tx.list_cycles()) {
    if (c.name.size() == id_or_name.size() &&
        std::equal(c.name.begin(), c.name.end(), id_or_name.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) ==
                 std::tolower(static_cast<unsigned char>(b));
        }))
      return c;
    names.push_back(c.name);
  }
  auto near = nearest(id_or_name, names);
  fail(Error::not_found("cycle", "no cycle named '" + id_or_name + "'" +
                                     (near ? "; did you mean '" + *near + "'?" : "")));
}

Team team_keyed(Transaction& tx, const std::string& id_or_key) {
  if (auto id = parse_id(id_or_key))
    if (auto t = tx.find_team(*id)) return *t;
  if (auto t = tx.find_team_by_key(id_or_key)) return *t;
  fail(Error::not_found("team", "no team with key '" + id_or_key + "'" +
                                    did_you_mean(tx, SearchHit::Kind::team, id_or_key)));
}

namespace {

[[noreturn]] void no_key_result(Transaction& tx, const std::string& id_or_key) {
  fail(
      Error::not_found("key_result", "no key result with key '" + id_or_key + "'" +
                                         did_you_mean(tx, SearchHit::Kind::key_result, id_or_key)));
}

}  // namespace

KeyResult key_result_keyed(Transaction& tx, const std::string& id_or_key) {
  if (auto id = parse_id(id_or_key))
    if (auto k = tx.find_key_result(*id)) return *k;
  if (auto k = tx.find_key_result_by_key(id_or_key)) return *k;
  no_key_result(tx, id_or_key);
}

Transaction::KeyResultPlace key_result_placed(Transaction& tx, const std::string& id_or_key) {
  // Keys are never digits only (core/validate.cc), so a number is an id or nothing.
  if (auto place = tx.find_key_result_place(parse_id(id_or_key), id_or_key)) return *place;
  no_key_result(tx, id_or_key);
}

std::optional<CheckIn> latest_check_in_keyed(Transaction& tx, const std::string& id_or_key) {
  return tx.latest_check_in_of(parse_id(id_or_key), id_or_key);
}

}  // namespace okr::app
