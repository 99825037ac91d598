// What a typo probably meant (core/nearest.h).
#include "core/nearest.h"

#include <gtest/gtest.h>

namespace okr {
namespace {

TEST(Nearest, NamesTheCandidateATypoMeant) {
  const std::vector<std::string> keys{"growth", "growth-activation", "platform", "design"};
  EXPECT_EQ(nearest("grwoth", keys), "growth");
  EXPECT_EQ(nearest("growth-activaton", keys), "growth-activation");
  EXPECT_EQ(nearest("PLATFROM", keys), "platform");  // case is ignored
  EXPECT_EQ(nearest("--confidance", {"--confidence", "--note", "--at"}), "--confidence");
}

TEST(Nearest, NamesNothingWhenNothingIsNear) {
  EXPECT_EQ(nearest("zzzzzzzz", {"growth", "platform"}), std::nullopt);
  EXPECT_EQ(nearest("growth", {}), std::nullopt);
  // The typed word itself is no suggestion.
  EXPECT_EQ(nearest("growth", {"growth"}), std::nullopt);
}

TEST(Nearest, APrefixCountsAsOneEdit) {
  EXPECT_EQ(nearest("plat", {"design", "platform"}), "platform");
}

TEST(Nearest, EditDistanceCountsInsertionsDeletionsAndSubstitutions) {
  EXPECT_EQ(edit_distance("", ""), 0u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("abc", ""), 3u);
}

}  // namespace
}  // namespace okr
