#include "app/migrate_db.h"

#include <sstream>

#include "app/app.h"
#include "app/run.h"

namespace okr::app {
namespace {

std::string number(double v) {
  std::ostringstream out;
  out.precision(17);
  out << v;
  return out.str();
}

// Every score of `a` equals the same score of `b`; else the first difference.
std::optional<std::string> compare(const CycleStatus& a, const CycleStatus& b, int& checked) {
  const std::string cycle = "cycle " + a.cycle.name;
  auto differ = [&](const std::string& what, double x, double y) -> std::optional<std::string> {
    ++checked;
    if (x == y) return std::nullopt;
    return cycle + ", " + what + ": " + number(x) + " before, " + number(y) + " after";
  };
  if (auto d = differ("score", a.score, b.score)) return d;
  if (a.teams.size() != b.teams.size()) return cycle + ": the number of teams differs";
  for (std::size_t t = 0; t < a.teams.size(); ++t) {
    const auto& ta = a.teams[t];
    const auto& tb = b.teams[t];
    if (ta.team.key != tb.team.key || ta.objectives.size() != tb.objectives.size())
      return cycle + ", team " + ta.team.key + ": its objectives differ";
    if (auto d = differ("team " + ta.team.key, ta.score.value_or(-1), tb.score.value_or(-1)))
      return d;
    for (std::size_t o = 0; o < ta.objectives.size(); ++o) {
      const auto& oa = ta.objectives[o];
      const auto& ob = tb.objectives[o];
      if (oa.objective.key != ob.objective.key || oa.key_results.size() != ob.key_results.size())
        return cycle + ", objective " + oa.objective.key + ": its key results differ";
      if (auto d = differ("objective " + oa.objective.key, oa.score, ob.score)) return d;
      for (std::size_t k = 0; k < oa.key_results.size(); ++k) {
        const auto& ka = oa.key_results[k];
        const auto& kb = ob.key_results[k];
        if (ka.key_result.key != kb.key_result.key)
          return cycle + ", objective " + oa.objective.key + ": its key results differ";
        if (auto d = differ("key result " + ka.key_result.key, ka.score, kb.score)) return d;
      }
    }
  }
  return std::nullopt;
}

std::int64_t rows_of(Store& store, const std::string& table) {
  auto tx = store.begin(Store::Mode::read);
  std::int64_t n = 0;
  tx->read_rows(table, [&](const Transaction::Row&) { ++n; });
  tx->commit();
  return n;
}

}  // namespace

Result<MigrateReport> migrate_database(Store& from, Store& to, bool replace,
                                       const CopyProgress& progress) {
  MigrateReport report;
  try {
    if (!replace && holds_data(to))
      return Error::conflict("to",
                             "the target database holds data; migrating would replace all of "
                             "it. Give --force to replace it, or migrate into an empty database");
    report.rows = copy_store(from, to, replace, progress);
    for (const auto& [table, n] : report.rows)
      if (auto got = rows_of(to, table); got != n)
        return Error{ErrorCode::internal, "to",
                     "the copy is incomplete: table " + table + " has " + std::to_string(got) +
                         " rows, not " + std::to_string(n)};
  } catch (const StoreError& e) {
    return e.to_error();
  }
  // The same scores on both sides, on the same day.
  const Instant now = App(from).now();
  App before(from, [now] { return now; });
  App after(to, [now] { return now; });
  auto cycles = run(from, Store::Mode::read, [](Transaction& tx) { return tx.list_cycles(); });
  if (!cycles) return cycles.error();
  for (const auto& cycle : *cycles) {
    auto a = before.cycle_status(cycle.name, std::nullopt);
    if (!a) return a.error();
    auto b = after.cycle_status(cycle.name, std::nullopt);
    if (!b) return b.error();
    if (auto difference = compare(*a, *b, report.scores_checked))
      return Error{
          ErrorCode::internal, "to",
          "the copy's scores differ (was the source written during the move?): " + *difference};
    ++report.cycles_checked;
  }
  return report;
}

}  // namespace okr::app
