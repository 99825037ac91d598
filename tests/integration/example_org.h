// A test fixture: the example organisation (examples/acme-2027-q1.yaml) imported into a
// fresh database, with the clock half-way through its quarter.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "app/okrs.h"
#include "formats/okr_file.h"
#include "test_db.h"

namespace okr::testing {

struct ExampleOrg : ::testing::Test {
  TempDb db;
  std::unique_ptr<Store> store = std::move(open_store(db.path())).value();
  app::App app{*store, fixed_now};
  app::Actor root = app::Actor::local_operator();

  void SetUp() override {
    auto parsed = formats::parse_okr_yaml(read_text(example_path()));
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    auto imported = app.import_okrs(*parsed, root);
    ASSERT_TRUE(imported.ok()) << imported.error().message;
  }
  Objective objective(const std::string& key) { return *app::get_objective(app, key); }
  KeyResult key_result(const std::string& key) { return *app::get_key_result(app, key); }
};

}  // namespace okr::testing
