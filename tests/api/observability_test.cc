// What every response carries (security headers, request id, caching), the
// access log, and the metrics endpoint.
#include <set>
#include <string>

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "http/pipeline.h"
#include "test_support.h"

namespace okr::http::testing {
namespace {

namespace bhttp = boost::beast::http;

void expect_security_headers(const HttpResponse& res) {
  EXPECT_EQ(res["Content-Security-Policy"], kContentSecurityPolicy);
  EXPECT_EQ(res["X-Content-Type-Options"], "nosniff");
  EXPECT_EQ(res["Referrer-Policy"], "no-referrer");
  EXPECT_EQ(res["X-Frame-Options"], "DENY");
  EXPECT_FALSE(res["X-Request-Id"].empty());
}

TEST(Observability, SecurityHeadersOnSuccessErrorsAndProtocolErrors) {
  TestServer server(add_test_routes);
  for (std::string target : {"/api/v1/objectives/1", "/nowhere", "/api/v1/boom", "/healthz"}) {
    SCOPED_TRACE(target);
    auto res = fetch(server.port(), "GET", target);
    ASSERT_TRUE(res);
    expect_security_headers(*res);
  }
  auto too_big = fetch(server.port(), "GET", "/healthz", {}, {"X-Big: " + std::string(20000, 'b')});
  ASSERT_TRUE(too_big);
  EXPECT_EQ(too_big->result_int(), 431);
  expect_security_headers(*too_big);
}

TEST(Observability, ApiResponsesAreNeverCached) {
  TestServer server([](Router& router, Metrics&) {
    router.add(Method::get, "/api/v1/cached", "cached", [](const Request&) {
      Response r = Response::json(200, boost::json::object{});
      r.headers.set("Cache-Control", "public, max-age=3600");
      return r;
    });
  });
  for (std::string target : {"/api/v1/cached", "/api/v1/missing", "/%61pi/v1/cached"}) {
    SCOPED_TRACE(target);
    auto res = fetch(server.port(), "GET", target);
    ASSERT_TRUE(res);
    EXPECT_EQ((*res)[bhttp::field::cache_control], "no-store");
  }
}

TEST(Observability, EveryRequestGetsItsOwnId) {
  TestServer server(add_test_routes);
  std::set<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    auto res = fetch(server.port(), "GET", "/healthz");
    ASSERT_TRUE(res);
    ids.insert(std::string((*res)["X-Request-Id"]));
  }
  EXPECT_EQ(ids.size(), 5u);
  // A client cannot choose its id unless the proxy is trusted.
  auto res = fetch(server.port(), "GET", "/healthz", {}, {"X-Request-Id: chosen-by-client"});
  ASSERT_TRUE(res);
  EXPECT_NE((*res)["X-Request-Id"], "chosen-by-client");
}

TEST(Observability, TrustedProxyHeadersAreHonouredOnlyWhenTrusted) {
  auto seen = [](bool trust) {
    ServerOptions options;
    options.trust_proxy = trust;
    TestServer server(
        [](Router& router, Metrics&) {
          router.add(Method::get, "/whoami", "whoami", [](const Request& r) {
            return Response::json(
                200, {{"secure", r.secure}, {"client", r.client_address}, {"id", r.request_id}});
          });
        },
        options);
    auto res = fetch(server.port(), "GET", "/whoami", {},
                     {"X-Forwarded-Proto: https", "X-Forwarded-For: 203.0.113.9, 198.51.100.7",
                      "X-Request-Id: edge-123"});
    return res ? json_of(*res) : boost::json::value();
  };
  const auto untrusted = seen(false);
  EXPECT_EQ(untrusted.at("secure"), false);
  EXPECT_EQ(untrusted.at("client"), "127.0.0.1");
  EXPECT_NE(untrusted.at("id"), "edge-123");
  const auto trusted = seen(true);
  EXPECT_EQ(trusted.at("secure"), true);
  EXPECT_EQ(trusted.at("client"), "198.51.100.7");
  EXPECT_EQ(trusted.at("id"), "edge-123");
}

TEST(Observability, HttpsThroughATrustedProxyGetsStrictTransportSecurity) {
  auto hsts = [](bool trust, const char* proto) {
    ServerOptions options;
    options.trust_proxy = trust;
    TestServer server(add_test_routes, options);
    std::vector<std::string> extra;
    if (proto) extra.push_back(std::string("X-Forwarded-Proto: ") + proto);
    auto res = fetch(server.port(), "GET", "/api/v1/objectives/42", {}, extra);
    EXPECT_TRUE(res);
    return res ? std::string((*res)["Strict-Transport-Security"]) : std::string("none");
  };
  EXPECT_EQ(hsts(true, "https"), "max-age=31536000");
  // Plain HTTP, or a client claiming HTTPS without a trusted proxy: no promise to keep.
  EXPECT_EQ(hsts(true, "http"), "");
  EXPECT_EQ(hsts(true, nullptr), "");
  EXPECT_EQ(hsts(false, "https"), "");
}

TEST(Observability, AccessLogLineHasTheFactsAndNoSecrets) {
  TestServer server(add_test_routes);
  auto res =
      fetch(server.port(), "GET", "/api/v1/objectives/42?token=query-secret-789", {},
            {"Authorization: Bearer bearer-secret-123", "Cookie: okr_session=cookie-secret-456"});
  ASSERT_TRUE(res);
  const std::string id(res->at("X-Request-Id"));

  const auto lines = server.log().grep(id);
  ASSERT_EQ(lines.size(), 1u);
  const auto line = boost::json::parse(lines[0]);
  EXPECT_EQ(line.at("method"), "GET");
  EXPECT_EQ(line.at("path"), "/api/v1/objectives/42");
  EXPECT_EQ(line.at("route"), "objectives.get");
  EXPECT_EQ(line.at("status"), 200);
  EXPECT_EQ(line.at("bytes").to_number<std::uint64_t>(), res->body().size());
  EXPECT_TRUE(line.at("duration_ms").is_number());
  EXPECT_TRUE(line.at("time").is_string());
  for (const std::string& l : server.log().lines()) {
    EXPECT_EQ(l.find("bearer-secret-123"), std::string::npos) << l;
    EXPECT_EQ(l.find("cookie-secret-456"), std::string::npos) << l;
    EXPECT_EQ(l.find("query-secret-789"), std::string::npos) << l;
  }
}

TEST(Observability, MalformedRequestsAreLoggedToo) {
  TestServer server(add_test_routes);
  RawConnection c(server.port());
  c.send("NONSENSE\r\n\r\n");
  auto res = c.read_response();
  ASSERT_TRUE(res);
  const std::string id(res->at("X-Request-Id"));
  const auto lines = server.log().grep(id);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(boost::json::parse(lines[0]).at("status"), 400);
}

TEST(Observability, MetricsCountRequestsByRouteMethodAndStatus) {
  TestServer server(add_test_routes);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(fetch(server.port(), "GET", "/api/v1/objectives/7"));
  ASSERT_TRUE(fetch(server.port(), "GET", "/nowhere"));
  ASSERT_TRUE(fetch(server.port(), "GET", "/api/v1/boom"));
  server.metrics().record_db_query("objectives.get", 0.0004);

  auto res = fetch(server.port(), "GET", "/metrics");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 200);
  EXPECT_EQ((*res)[bhttp::field::content_type], "text/plain; version=0.0.4; charset=utf-8");
  const std::string& text = res->body();
  for (std::string expected : {
           "# TYPE okr_http_requests_total counter",
           "okr_http_requests_total{route=\"objectives.get\",method=\"GET\",status=\"200\"} 3\n",
           "okr_http_requests_total{route=\"none\",method=\"GET\",status=\"404\"} 1\n",
           "okr_http_requests_total{route=\"boom\",method=\"GET\",status=\"500\"} 1\n",
           "# TYPE okr_http_request_duration_seconds histogram",
           "okr_http_request_duration_seconds_bucket{route=\"objectives.get\",le=\"+Inf\"} 3\n",
           "okr_http_request_duration_seconds_count{route=\"objectives.get\"} 3\n",
           "okr_http_request_duration_seconds_sum{route=\"objectives.get\"} ",
           "# TYPE okr_http_requests_in_flight gauge",
           "okr_http_requests_in_flight 1\n",  // the /metrics request itself
           "okr_db_query_duration_seconds_bucket{operation=\"objectives.get\",le=\"0.0005\"} 1\n",
           "okr_db_query_duration_seconds_count{operation=\"objectives.get\"} 1\n",
       }) {
    EXPECT_NE(text.find(expected), std::string::npos) << "missing: " << expected << "\n" << text;
  }
  // The process's resident memory, as /proc tells it, in bytes.
  const auto rss = text.find("\nprocess_resident_memory_bytes ");
  ASSERT_NE(rss, std::string::npos) << text;
  const double bytes = std::stod(text.substr(rss + 31));
  EXPECT_GT(bytes, 1e6);
  EXPECT_LT(bytes, 4e9);
}

TEST(Observability, HealthzIsOk) {
  TestServer server(nullptr);
  auto res = fetch(server.port(), "GET", "/healthz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 200);
  EXPECT_EQ(json_of(*res), (boost::json::value{{"status", "ok"}}));
}

}  // namespace
}  // namespace okr::http::testing
