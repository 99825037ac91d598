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

// Runs `body(tx)` in a transaction; commits only when it returns normally.
template <class F>
auto run(Store& store, Store::Mode mode, F&& body)
    -> Result<decltype(body(std::declval<Transaction&>()))> {
  try {
    auto tx = store.begin(mode);
    auto value = body(*tx);
    tx->commit();
    return value;
  } catch (const Failure& f) {
    return f.error;
  } catch (const StoreError& e) {
    return e.to_error();
  }
}

}  // namespace okr::app
