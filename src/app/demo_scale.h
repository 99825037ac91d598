// A synthetic organisation at company scale, for benchmarks and for trying the
// product on a large organisation: deterministic from its seed, dated relative
// to today (a closed and graded previous quarter, the current one in progress).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "app/app.h"

namespace okr::app {

// large: 10,000 teams in a company → department → group → team tree, 100,000
// users, 30,000 objectives aligned up the tree, 100,000 key results of every
// metric kind, 2,000,000 check-ins over two cycles, 50,000 initiatives in
// sprints, 500 KPIs with a year of daily measurements, reviews of the closed
// cycle. medium and small are 1/10 and 1/100 of that.
enum class DemoScale { small, medium, large };
std::optional<DemoScale> parse_demo_scale(std::string_view text);

struct ScaledDemo {
  std::string cycle;  // the current cycle
  long teams = 0, users = 0, objectives = 0, key_results = 0, check_ins = 0, initiatives = 0,
       sprints = 0, kpis = 0, measurements = 0, reviews = 0;
};

// Fills an empty store in one transaction; refuses a store that holds OKRs. The
// administrator signs in as kDemoSignIn. `progress` gets (rows done, rows in all, what).
Result<ScaledDemo> create_scaled_demo(App& app, DemoScale scale, std::uint64_t seed,
                                      const Progress& progress = nullptr);

}  // namespace okr::app
