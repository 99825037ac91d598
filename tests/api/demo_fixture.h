// A fixture for API tests on the demo organisation (dated by fixed_now), served
// over real HTTP on loopback with the API and the dashboard's routes. Tokens:
// maya (administrator), ana (lead of growth), ben (member of growth), vera (viewer
// of growth).
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "../integration/test_db.h"
#include "app/accounts.h"
#include "http/api/api.h"
#include "http/web_routes.h"
#include "test_support.h"

namespace okr::http {

namespace json = boost::json;
using testing::fetch;
using testing::json_of;

class DemoApi : public ::testing::Test {
 public:
  okr::testing::TempDb db;
  std::unique_ptr<Store> store = std::move(open_store(db.path())).value();
  app::App app{*store, okr::testing::fixed_now};
  std::unique_ptr<testing::TestServer> server;
  std::map<std::string, std::string> tokens;  // by e-mail
  std::string cycle;

  void SetUp() override {
    ASSERT_TRUE(app.create_demo().ok());
    cycle = app.resolve_cycle(std::nullopt)->name;
    app::Accounts accounts(app);
    auto root = app::Actor::local_operator();
    {
      auto tx = store->begin();
      Id vera = tx->create_user({0, "vera@lumen.example", "Vera", false, 1});
      tx->put_membership({tx->find_team_by_key("growth")->id, vera, TeamRole::viewer});
      tx->commit();
    }
    // maya: administrator; ana: lead of growth; ben: member of growth; vera: viewer.
    for (const char* email :
         {"maya@lumen.example", "ana@lumen.example", "ben@lumen.example", "vera@lumen.example"}) {
      auto t = accounts.create_token({email, "tests", std::nullopt}, root);
      ASSERT_TRUE(t.ok()) << t.error().message;
      tokens[email] = t->secret;
    }
    server = std::make_unique<testing::TestServer>([this](Router& router, Metrics&) {
      add_api_routes(router, app);
      add_web_routes(router);
    });
  }

  // GET as `email`, expecting `status`; the body as JSON.
  json::value get(const std::string& target, const std::string& email = "maya@lumen.example",
                  int status = 200) {
    auto r =
        fetch(server->port(), "GET", target, {}, {"Authorization: Bearer " + tokens.at(email)});
    EXPECT_TRUE(r.has_value());
    if (!r) return nullptr;
    EXPECT_EQ(r->result_int(), status) << target << ": " << r->body();
    return json_of(*r);
  }

  // A check-in by ana (growth's lead) at the key result's target; the whole response.
  testing::HttpResponse check_in_at_target(const std::string& key_result) {
    auto kr = get("/api/v1/key-results/" + key_result);
    return post("/api/v1/key-results/" + key_result + "/check-ins",
                R"({"value":)" + std::to_string(kr.at("target").to_number<double>()) + "}",
                "ana@lumen.example");
  }

  // POST a JSON body as `email`; the whole response.
  testing::HttpResponse post(const std::string& target, std::string_view body,
                             const std::string& email = "maya@lumen.example") {
    auto r = fetch(server->port(), "POST", target, body,
                   {"Authorization: Bearer " + tokens.at(email), "Content-Type: application/json"});
    EXPECT_TRUE(r.has_value());
    return r ? *r : testing::HttpResponse{};
  }
};

}  // namespace okr::http
