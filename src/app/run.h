// Running a use case in one transaction and turning failures into values.
#pragma once

#include <utility>

#include "core/result.h"
#include "storage/store.h"

namespace okr::app {

// Thrown inside a use case to abandon it; `run` returns it as an Error and the
// transaction rolls back.
struct Failure {
  Error error;
};

[[noreturn]] inline void fail(Error e) {
  throw Failure{std::move(e)};
}

// How many times a use case runs when the database gives its transaction up
// (PostgreSQL: a serialization failure or a deadlock) before the error is returned.
inline constexpr int kMaxAttempts = 5;

// Runs `body(tx)` in a transaction; commits only when it returns normally. A
// transaction the database gave up is run again from the start, so the caller
// never sees it.
template <class F>
auto run(Store& store, Store::Mode mode, F&& body)
    -> Result<decltype(body(std::declval<Transaction&>()))> {
  for (int attempt = 1;; ++attempt) {
    try {
      auto tx = store.begin(mode);
      auto value = body(*tx);
      tx->commit();
      return value;
    } catch (const Failure& f) {
      return f.error;
    } catch (const StoreError& e) {
      if (e.retryable() && attempt < kMaxAttempts) continue;
      return e.to_error();
    }
  }
}

}  // namespace okr::app
