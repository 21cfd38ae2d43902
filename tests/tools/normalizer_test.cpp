// SPDX-License-Identifier: GPL-2.0-only
// What a transcript shows of a program's words: namespace links and
// namespace inode numbers standing alone become nsN, in order of first
// appearance; other numbers stay.
#include <gtest/gtest.h>

#include "netns/tools/backend.hpp"

namespace netns::tools {
namespace {

TEST(Normalizer, ProgramWordsNameNamespaceNumbersStandingAlone) {
  normalizer n;
  EXPECT_EQ(n.program_words("net:[4026532000]"), "net:[ns1]");
  // lsns's columns and its JSON: the same number is the same name.
  EXPECT_EQ(n.program_words("4026532000 net 2 1 root"), "ns1 net 2 1 root");
  EXPECT_EQ(n.program_words("\"ns\": 4026531837,"), "\"ns\": ns2,");
  // The initial namespaces' fixed numbers (from 4026531832) too.
  EXPECT_EQ(n.program_words("4026531832"), "ns3");
  // Not below them, not inside words or longer numbers, not pids.
  EXPECT_EQ(n.program_words("4026531831 40265320001 x4026532000 4026532000x 1234 -1"),
            "4026531831 40265320001 x4026532000 4026532000x 1234 -1");
  EXPECT_EQ(n.program_words("(4026532000)"), "(ns1)");
}

}  // namespace
}  // namespace netns::tools
