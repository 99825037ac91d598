#include "app/search.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "app/run.h"

namespace okr::app {
namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string trimmed(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

std::string encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

// 0: the key or name is the query; 1: it starts with it; 2: it contains the words.
int exactness(const SearchHit& h, const std::string& query) {
  const std::string key = lower(h.key), title = lower(h.title);
  std::string slug;  // "team 12" is the key team-12
  for (char c : query) slug += std::isalnum(static_cast<unsigned char>(c)) ? c : '-';
  if (key == query || title == query || key == slug) return 0;
  if (key.rfind(query, 0) == 0 || title.rfind(query, 0) == 0) return 1;
  return 2;
}

}  // namespace

Result<std::vector<Found>> search(App& app, const std::string& text, int limit,
                                  const std::optional<std::string>& kind) {
  if (text.size() > 200) return Error::invalid("q", "a search is at most 200 characters long");
  std::optional<SearchHit::Kind> only;
  if (kind) {
    static const std::pair<const char*, SearchHit::Kind> kinds[] = {
        {"team", SearchHit::Kind::team},
        {"user", SearchHit::Kind::user},
        {"objective", SearchHit::Kind::objective},
        {"key_result", SearchHit::Kind::key_result}};
    for (const auto& [name, k] : kinds)
      if (*kind == name) only = k;
    if (!only) return Error::invalid("kind", "kind is team, user, objective or key_result");
  }
  limit = std::clamp(limit, 1, kMaxSearchResults);
  const std::string query = lower(trimmed(text));
  auto current = app.resolve_cycle(std::nullopt);
  const std::optional<Id> current_cycle = current ? std::optional<Id>(current->id) : std::nullopt;
  return run(app.store(), Store::Mode::read, [&](Transaction& tx) {
    // The thing whose key is the query, looked up directly: among thousands of "Team 1…",
    // "team 12" is team-12 whatever the index ranks first.
    std::vector<SearchHit> hits;
    std::string slug;
    for (char c : query)
      slug +=
          std::isalnum(static_cast<unsigned char>(c)) || c == '@' || c == '.' || c == '_' ? c : '-';
    auto wanted = [&](SearchHit::Kind k) { return !only || *only == k; };
    if (!slug.empty()) {
      if (auto t = tx.find_team_by_key(slug))
        hits.push_back({SearchHit::Kind::team, t->id, t->key, t->name});
      if (auto u = tx.find_user_by_email(query))
        hits.push_back({SearchHit::Kind::user, u->id, u->email, u->name});
      if (auto o = tx.find_objective_by_key(slug))
        hits.push_back({SearchHit::Kind::objective, o->id, o->key, o->title});
      if (auto k = tx.find_key_result_by_key(slug))
        hits.push_back({SearchHit::Kind::key_result, k->id, k->key, k->title});
    }
    // Enough candidates that the exact and current ones are among them.
    std::erase_if(hits, [&](const SearchHit& h) { return !wanted(h.kind); });
    for (auto& h : tx.search(text, std::max(limit * 4, 40), only))
      if (std::none_of(hits.begin(), hits.end(),
                       [&](const SearchHit& e) { return e.kind == h.kind && e.id == h.id; }))
        hits.push_back(std::move(h));
    struct Ranked {
      Found found;
      int exactness = 2;
      bool older = false;  // an objective or key result of another cycle
      std::size_t order = 0;
    };
    std::vector<Ranked> ranked;
    std::map<Id, std::optional<Cycle>> cycles;
    auto cycle_of = [&](Id id) -> const std::optional<Cycle>& {
      auto it = cycles.find(id);
      if (it == cycles.end()) it = cycles.emplace(id, tx.find_cycle(id)).first;
      return it->second;
    };
    for (std::size_t i = 0; i < hits.size(); ++i) {
      const auto& h = hits[i];
      Ranked r{{}, exactness(h, query), false, i};
      Found& f = r.found;
      f.id = h.id;
      f.key = h.key;
      f.title = h.title;
      // Each hit is read again: a row deleted meanwhile is not offered.
      switch (h.kind) {
        case SearchHit::Kind::team: {
          auto t = tx.find_team(h.id);
          if (!t) continue;
          f.kind = "team";
          f.context = t->function;
          if (current) f.path = "/cycles/" + encode(current->name) + "/teams/" + encode(t->key);
          break;
        }
        case SearchHit::Kind::user: {
          auto u = tx.find_user(h.id);
          if (!u || u->disabled) continue;
          f.kind = "user";
          auto m = tx.list_memberships(std::nullopt, u->id);
          if (!m.empty())
            if (auto t = tx.find_team(m.front().team_id)) {
              f.context = t->name + " · " + std::string(to_string(m.front().role));
              if (current) f.path = "/cycles/" + encode(current->name) + "/teams/" + encode(t->key);
            }
          break;
        }
        case SearchHit::Kind::objective: {
          auto o = tx.find_objective(h.id);
          if (!o) continue;
          f.kind = "objective";
          auto t = tx.find_team(o->team_id);
          const auto& c = cycle_of(o->cycle_id);
          f.context = (t ? t->name : std::string()) + (c ? " · " + c->name : std::string());
          f.path = "/objectives/" + std::to_string(o->id);
          r.older = current_cycle != o->cycle_id;
          break;
        }
        case SearchHit::Kind::key_result: {
          auto k = tx.find_key_result(h.id);
          auto o = k ? tx.find_objective(k->objective_id) : std::nullopt;
          if (!o) continue;
          f.kind = "key_result";
          const auto& c = cycle_of(o->cycle_id);
          f.context = o->title + (c ? " · " + c->name : std::string());
          f.path = "/objectives/" + std::to_string(o->id);
          r.older = current_cycle != o->cycle_id;
          break;
        }
      }
      ranked.push_back(std::move(r));
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
      if (a.exactness != b.exactness) return a.exactness < b.exactness;
      if (a.older != b.older) return !a.older;
      return a.order < b.order;
    });
    std::vector<Found> out;
    for (auto& r : ranked) {
      if (static_cast<int>(out.size()) == limit) break;
      out.push_back(std::move(r.found));
    }
    return out;
  });
}

}  // namespace okr::app
