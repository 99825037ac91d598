// The rules of comments that need no database: which addresses a body mentions, what a
// valid body is, and the excerpt an inbox shows.
#include <gtest/gtest.h>

#include "core/comments.h"

namespace okr {
namespace {

using Emails = std::vector<std::string>;

TEST(Mentions, AnAtSignBeforeAnAddressMentionsItOnce) {
  EXPECT_EQ(mentioned_emails("@ana@lumen.example, see this"), Emails{"ana@lumen.example"});
  EXPECT_EQ(mentioned_emails("Ask @Ana@Lumen.Example and @ben@lumen.example. @ana@lumen.example"),
            (Emails{"ana@lumen.example", "ben@lumen.example"}));
  // The full stop or hyphen ending a sentence is not part of the address.
  EXPECT_EQ(mentioned_emails("thanks @ben@lumen.example."), Emails{"ben@lumen.example"});
  EXPECT_EQ(mentioned_emails("(@ben@lumen.example)"), Emails{"ben@lumen.example"});
}

TEST(Mentions, AddressesWithoutALeadingAtSignOrInsideWordsAreNotMentions) {
  EXPECT_EQ(mentioned_emails("write to ana@lumen.example"), Emails{});
  EXPECT_EQ(mentioned_emails("me@ana@lumen.example"), Emails{});
  EXPECT_EQ(mentioned_emails("@@ana@lumen.example"), Emails{});
  EXPECT_EQ(mentioned_emails("@ana"), Emails{});
  EXPECT_EQ(mentioned_emails("@ana@"), Emails{});
  EXPECT_EQ(mentioned_emails("@ana@."), Emails{});
  EXPECT_EQ(mentioned_emails("@"), Emails{});
}

TEST(CommentBody, BlankOversizedOrControlCharactersAreRefusedNamingBody) {
  EXPECT_FALSE(validate_comment_body("Why did it drop?"));
  EXPECT_FALSE(validate_comment_body("line one\nline two\ttabbed"));
  for (std::string bad : {std::string(""), std::string(" \n\t "), std::string("bell \a"),
                          std::string(kMaxCommentBody + 1, 'a'), std::string("\xff")}) {
    auto e = validate_comment_body(bad);
    ASSERT_TRUE(e) << bad;
    EXPECT_EQ(e->field, "body");
  }
}

TEST(Excerpt, TheFirstLineCutAtAWordWithAnEllipsis) {
  EXPECT_EQ(excerpt_of("  Short one\nsecond line"), "Short one");
  EXPECT_EQ(excerpt_of("one two three four", 10), "one two…");
  // A cut never splits a character: "é" is two bytes.
  EXPECT_EQ(excerpt_of("ééééé", 5), "éé…");
  EXPECT_EQ(excerpt_of("\n\n"), "");
}

}  // namespace
}  // namespace okr
