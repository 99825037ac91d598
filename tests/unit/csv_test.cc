// The CSV reader and writer, on the quirks of real exports and on hostile input.
#include "formats/csv.h"

#include <gtest/gtest.h>

namespace okr::formats::csv {
namespace {

Table must_read(std::string_view text, const ReadOptions& o = {}) {
  auto t = read(text, o);
  EXPECT_TRUE(t.ok()) << (t.ok() ? "" : t.error().message);
  return t.ok() ? *t : Table{};
}

TEST(CsvRead, QuotedFieldsHoldCommasNewlinesAndDoubledQuotes) {
  auto t = must_read("a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\nthen\nleave\"\n2,z,w\n");
  ASSERT_EQ(t.records.size(), 2u);
  EXPECT_EQ(t.records[0].fields[1], "x, y");
  EXPECT_EQ(t.records[0].fields[2], "say \"hi\"\nthen\nleave");
  EXPECT_EQ(t.records[0].line, 2);
  // The record after a field spanning three lines starts on line 5.
  EXPECT_EQ(t.records[1].line, 5);
  EXPECT_EQ(t.records[1].fields[0], "2");
}

TEST(CsvRead, ByteOrderMarkAndCrlfAreHandled) {
  auto t = must_read("\xEF\xBB\xBFIssue key,Summary\r\nGROW-1,\"two\r\nlines\"\r\nGROW-2,b\r\n");
  ASSERT_EQ(t.header.size(), 2u);
  EXPECT_EQ(t.header[0], "Issue key");  // no BOM glued to the first name
  ASSERT_EQ(t.records.size(), 2u);
  EXPECT_EQ(t.records[0].fields[1], "two\r\nlines");
  EXPECT_EQ(t.records[1].line, 4);
  EXPECT_EQ(t.first(t.records[1], "issue KEY"), "GROW-2");
}

TEST(CsvRead, RepeatedColumnsKeepEveryValue) {
  auto t = must_read("Issue key,Labels,Labels,Labels,Sprint,Sprint\nG-1,kr:a,,ux,S1,S2\n");
  EXPECT_EQ(t.columns("Labels").size(), 3u);
  EXPECT_EQ(t.all(t.records[0], "labels"), (std::vector<std::string>{"kr:a", "ux"}));
  EXPECT_EQ(t.all(t.records[0], "Sprint"), (std::vector<std::string>{"S1", "S2"}));
  EXPECT_EQ(t.first(t.records[0], "Sprint"), "S1");
  EXPECT_TRUE(t.all(t.records[0], "Missing").empty());
}

TEST(CsvRead, BlankLinesAreSkippedAndALastLineWithoutNewlineCounts) {
  auto t = must_read("a,b\n\n1,2\r\n\r\n3,4");
  ASSERT_EQ(t.records.size(), 2u);
  EXPECT_EQ(t.records[0].line, 3);
  EXPECT_EQ(t.records[1].line, 5);
  EXPECT_EQ(t.records[1].fields[1], "4");
}

TEST(CsvRead, InvalidUtf8IsReportedByLineAndTheOtherRecordsStay) {
  auto t =
      must_read("k,v\n1,ok\n2,bad\xC3\x28\n3,\"over\xE0\x80\x80long\"\n4,\xED\xA0\x80\n5,fine\n");
  ASSERT_EQ(t.records.size(), 2u);
  EXPECT_EQ(t.records[1].fields[1], "fine");
  ASSERT_EQ(t.rejected.size(), 3u);
  EXPECT_EQ(t.rejected[0].line, 3);
  EXPECT_NE(t.rejected[0].message.find("UTF-8"), std::string::npos);
  EXPECT_EQ(t.rejected[1].line, 4);
  EXPECT_EQ(t.rejected[2].line, 5);
}

TEST(CsvRead, AFieldOverTheLimitRejectsItsRecordOnly) {
  std::string big(1'000'000, 'x');  // a 1 MB description
  std::string text = "k,description\n1,\"" + big + "\"\n2,short\n";
  auto t = must_read(text, {',', 64 * 1024, 1000});
  ASSERT_EQ(t.records.size(), 1u);
  EXPECT_EQ(t.records[0].fields[0], "2");
  ASSERT_EQ(t.rejected.size(), 1u);
  EXPECT_EQ(t.rejected[0].line, 2);
  EXPECT_NE(t.rejected[0].message.find("65536 bytes"), std::string::npos);
  // Under the default limit (1 MiB) the same field is read whole.
  auto whole = must_read(text);
  ASSERT_EQ(whole.records.size(), 2u);
  EXPECT_EQ(whole.records[0].fields[1].size(), big.size());
}

TEST(CsvRead, AWrongFieldCountIsReportedByLine) {
  auto t = must_read("a,b,c\n1,2,3\n1,2\n1,2,3,4\n");
  EXPECT_EQ(t.records.size(), 1u);
  ASSERT_EQ(t.rejected.size(), 2u);
  EXPECT_EQ(t.rejected[0].line, 3);
  EXPECT_NE(t.rejected[0].message.find("2 fields but the header has 3"), std::string::npos);
  EXPECT_EQ(t.rejected[1].line, 4);
}

TEST(CsvRead, AnUnclosedQuoteNamesTheLineWhereItOpened) {
  auto t = read("a,b\n1,2\n3,\"never\nclosed\n");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().line, 3);
  EXPECT_NE(t.error().message.find("never closed"), std::string::npos);
}

TEST(CsvRead, TextAfterAClosingQuoteIsAnError) {
  auto t = read("a,b\n1,\"x\"y\n");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().line, 2);
  EXPECT_NE(t.error().message.find("doubled"), std::string::npos);
}

TEST(CsvRead, EmptyAndHeaderOnlyFiles) {
  EXPECT_FALSE(read("").ok());
  EXPECT_FALSE(read("\xEF\xBB\xBF").ok());
  EXPECT_FALSE(read("\n\n").ok());
  auto t = must_read("a,b\n");
  EXPECT_EQ(t.header.size(), 2u);
  EXPECT_TRUE(t.records.empty());
}

TEST(CsvRead, TooManyRecordsIsAnError) {
  auto t = read("a\n1\n2\n3\n", {',', 100, 2});
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().line, 4);
}

TEST(CsvRead, NulBytesAndBinaryGarbageNeverCrash) {
  std::string text("a,b\n1,\0x\n", 9);
  auto t = must_read(text);
  ASSERT_EQ(t.records.size(), 1u);
  EXPECT_EQ(t.records[0].fields[1].size(), 2u);
  std::string garbage;
  for (int i = 0; i < 4096; ++i) garbage.push_back(static_cast<char>((i * 7919) % 256));
  (void)read(garbage);  // an error or a table, never a crash
}

TEST(CsvRead, TabsWhenTheFileUsesThem) {
  EXPECT_EQ(guess_delimiter("Title\tURL\tStatus\nx\ty\tz\n"), '\t');
  EXPECT_EQ(guess_delimiter("Title,URL\tx\n"), ',');
  auto t = must_read("Title\tStatus\n\"a\tb\"\tDone\n", {'\t'});
  EXPECT_EQ(t.records[0].fields[0], "a\tb");
}

TEST(CsvWrite, FormulaLeadingCellsAreNeutralised) {
  EXPECT_EQ(escape("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(escape("+1+1"), "'+1+1");
  EXPECT_EQ(escape("-2+3"), "'-2+3");
  EXPECT_EQ(escape("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(escape("\tx"), "'\tx");
  EXPECT_EQ(escape("\rx"), "\"'\rx\"");
  // Plain numbers stay numbers.
  EXPECT_EQ(escape("-3.5"), "-3.5");
  EXPECT_EQ(escape("42"), "42");
  EXPECT_EQ(escape("-1e5"), "'-1e5");
  EXPECT_EQ(escape("plain"), "plain");
  EXPECT_EQ(escape(""), "");
}

TEST(CsvWrite, WrittenRowsReadBackExactly) {
  std::vector<std::string> cells{"a,b", "say \"hi\"", "two\nlines", "x", ""};
  Writer w;
  w.row({"1", "2", "3", "4", "5"});
  w.row(cells);
  EXPECT_NE(w.text().find("\r\n"), std::string::npos);
  auto t = must_read(w.text());
  ASSERT_EQ(t.records.size(), 1u);
  EXPECT_EQ(t.records[0].fields, cells);
}

}  // namespace
}  // namespace okr::formats::csv
