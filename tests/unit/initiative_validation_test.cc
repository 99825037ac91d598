// An initiative's link is shown on pages, so only web addresses are accepted.
#include <gtest/gtest.h>

#include "core/validate.h"

namespace okr {
namespace {

Initiative with_url(std::string url) {
  Initiative i;
  i.key = "GROW-1";
  i.title = "Guided first board";
  i.url = std::move(url);
  return i;
}

TEST(InitiativeValidation, TakesWebAddressesOnly) {
  EXPECT_FALSE(validate(with_url("")));
  EXPECT_FALSE(validate(with_url("https://tracker.example/GROW-1")));
  EXPECT_FALSE(validate(with_url("http://tracker.local/GROW-1")));
  for (const char* bad : {"javascript:alert(1)", "data:text/html,hi", "JAVASCRIPT:x", "ftp://x",
                          "tracker.example/GROW-1"}) {
    auto e = validate(with_url(bad));
    ASSERT_TRUE(e) << bad;
    EXPECT_EQ(e->field, "url");
  }
}

}  // namespace
}  // namespace okr
