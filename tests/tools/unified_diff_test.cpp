// SPDX-License-Identifier: GPL-2.0-only
// `netns diff`'s unified diff: the same hunks and ranges as GNU diff -u
// (each expected text below is what `diff -u --label L --label R` printed).
#include "netns/tools/unified_diff.hpp"

#include <gtest/gtest.h>

namespace netns::tools {
namespace {

using lines = std::vector<std::string>;

TEST(UnifiedDiff, EqualTextsGiveNothing) {
  EXPECT_EQ(unified_diff({"a", "b"}, {"a", "b"}, "L", "R"), "");
  EXPECT_EQ(unified_diff({}, {}, "L", "R"), "");
}

TEST(UnifiedDiff, DistantChangesMakeTwoHunksWithThreeLinesOfContext) {
  lines a{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n"};
  lines b{"a", "b", "X", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "Z"};
  EXPECT_EQ(unified_diff(a, b, "L", "R"),
            "--- L\n+++ R\n"
            "@@ -1,6 +1,6 @@\n a\n b\n-c\n+X\n d\n e\n f\n"
            "@@ -12,3 +12,4 @@\n l\n m\n n\n+Z\n");
}

TEST(UnifiedDiff, EmptySidesUseTheZeroRange) {
  EXPECT_EQ(unified_diff({"x"}, {}, "L", "R"), "--- L\n+++ R\n@@ -1 +0,0 @@\n-x\n");
  EXPECT_EQ(unified_diff({}, {"x"}, "L", "R"), "--- L\n+++ R\n@@ -0,0 +1 @@\n+x\n");
}

TEST(UnifiedDiff, InsertionAtTheStart) {
  EXPECT_EQ(unified_diff({"a", "b"}, {"q", "a", "b"}, "L", "R"), "--- L\n+++ R\n@@ -1,2 +1,3 @@\n+q\n a\n b\n");
}

TEST(UnifiedDiff, NearChangesShareOneHunk) {
  lines a{"1", "2", "3", "4", "5", "6", "7", "8"};
  lines b{"1", "X", "3", "4", "5", "6", "Y", "8"};
  EXPECT_EQ(unified_diff(a, b, "L", "R"),
            "--- L\n+++ R\n@@ -1,8 +1,8 @@\n 1\n-2\n+X\n 3\n 4\n 5\n 6\n-7\n+Y\n 8\n");
}

}  // namespace
}  // namespace netns::tools
