// The router on its own: matching, specificity, 404/405, HEAD, and the route list.
#include "http/router.h"

#include <stdexcept>

#include <gtest/gtest.h>

namespace okr::http {
namespace {

Handler named(std::string name) {
  return [name](const Request&) { return Response::text(200, name); };
}

std::string run(const RouteMatch& m) {
  Request request;
  return (*m.handler)(request).body;
}

TEST(Router, BindsPathParametersDecoded) {
  Router router;
  router.add(Method::get, "/api/v1/objectives/{id}/key-results/{kr}", "krs.get", named("kr"));
  const RouteMatch m =
      router.match(Method::get, {"api", "v1", "objectives", "a/b", "key-results", "7"});
  ASSERT_EQ(m.kind, RouteMatch::Kind::found);
  EXPECT_EQ(m.name, "krs.get");
  ASSERT_EQ(m.params.size(), 2u);
  EXPECT_EQ(m.params[0], (Request::Pair{"id", "a/b"}));
  EXPECT_EQ(m.params[1], (Request::Pair{"kr", "7"}));
}

TEST(Router, LiteralSegmentBeatsParameterWhateverTheOrderAdded) {
  Router router;
  router.add(Method::get, "/teams/{key}", "teams.get", named("param"));
  router.add(Method::get, "/teams/tree", "teams.tree", named("literal"));
  EXPECT_EQ(run(router.match(Method::get, {"teams", "tree"})), "literal");
  EXPECT_EQ(run(router.match(Method::get, {"teams", "growth"})), "param");
}

TEST(Router, UnknownPathIsNotFoundAndEmptySegmentNeverBindsAParameter) {
  Router router;
  router.add(Method::get, "/teams/{key}", "teams.get", named("x"));
  EXPECT_EQ(router.match(Method::get, {"nope"}).kind, RouteMatch::Kind::not_found);
  EXPECT_EQ(router.match(Method::get, {"teams", ""}).kind, RouteMatch::Kind::not_found);
  EXPECT_EQ(router.match(Method::get, {"teams", "a", "b"}).kind, RouteMatch::Kind::not_found);
}

TEST(Router, WrongMethodListsAllowedMethods) {
  Router router;
  router.add(Method::put, "/teams/{key}", "teams.update", named("put"));
  router.add(Method::get, "/teams/{key}", "teams.get", named("get"));
  router.add(Method::del, "/teams/{key}", "teams.delete", named("del"));
  const RouteMatch m = router.match(Method::post, {"teams", "x"});
  EXPECT_EQ(m.kind, RouteMatch::Kind::method_not_allowed);
  EXPECT_EQ(m.allow, "GET, HEAD, PUT, DELETE");
}

TEST(Router, HeadFallsBackToGet) {
  Router router;
  router.add(Method::get, "/healthz", "healthz", named("get"));
  const RouteMatch m = router.match(Method::head, {"healthz"});
  ASSERT_EQ(m.kind, RouteMatch::Kind::found);
  EXPECT_EQ(m.name, "healthz");
}

TEST(Router, RootAndTrailingSlashAreDistinctPaths) {
  Router router;
  router.add(Method::get, "/", "root", named("root"));
  router.add(Method::get, "/a/", "a.slash", named("a/"));
  EXPECT_EQ(run(router.match(Method::get, {})), "root");
  EXPECT_EQ(run(router.match(Method::get, {"a", ""})), "a/");
  EXPECT_EQ(router.match(Method::get, {"a"}).kind, RouteMatch::Kind::not_found);
}

TEST(Router, RejectsMalformedAndDuplicateRoutes) {
  Router router;
  router.add(Method::get, "/a/{id}", "a.get", named("x"));
  EXPECT_THROW(router.add(Method::get, "/a/{key}", "a.other", named("x")), std::invalid_argument);
  EXPECT_THROW(router.add(Method::post, "/b", "a.get", named("x")), std::invalid_argument);
  EXPECT_THROW(router.add(Method::get, "b", "b.get", named("x")), std::invalid_argument);
  EXPECT_THROW(router.add(Method::get, "/b/x{id}", "b.get", named("x")), std::invalid_argument);
  EXPECT_THROW(router.add(Method::get, "/b/{}", "b.get", named("x")), std::invalid_argument);
  EXPECT_THROW(router.add(Method::get, "/b/{id}/{id}", "b.get", named("x")), std::invalid_argument);
  EXPECT_THROW(router.add(Method::get, "/b", "", named("x")), std::invalid_argument);
  EXPECT_NO_THROW(router.add(Method::put, "/a/{id}", "a.update", named("x")));
}

TEST(Router, ListsRoutesInOrderForTheOpenApiDocument) {
  Router router;
  router.add(Method::get, "/api/v1/objectives", "objectives.list", named("x"));
  router.add(Method::post, "/api/v1/objectives", "objectives.create", named("x"));
  const auto routes = router.routes();
  ASSERT_EQ(routes.size(), 2u);
  EXPECT_EQ(routes[0].method, Method::get);
  EXPECT_EQ(routes[0].pattern, "/api/v1/objectives");
  EXPECT_EQ(routes[0].name, "objectives.list");
  EXPECT_EQ(routes[1].method, Method::post);
  EXPECT_EQ(routes[1].name, "objectives.create");
}

}  // namespace
}  // namespace okr::http
