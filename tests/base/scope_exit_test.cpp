// SPDX-License-Identifier: GPL-2.0-only
// scope_exit: the undo step of a multi-step operation runs at scope end
// unless released, exactly once.
#include "netns/base/scope_exit.hpp"

#include <gtest/gtest.h>

#include <utility>

namespace netns {
namespace {

TEST(ScopeExit, RunsAtScopeEnd) {
  int runs = 0;
  {
    auto undo = scope_exit([&] { ++runs; });
    EXPECT_EQ(runs, 0);
  }
  EXPECT_EQ(runs, 1);
}

TEST(ScopeExit, ReleasedDoesNotRun) {
  int runs = 0;
  {
    auto undo = scope_exit([&] { ++runs; });
    undo.release();
  }
  EXPECT_EQ(runs, 0);
}

TEST(ScopeExit, MovedRunsOnce) {
  int runs = 0;
  {
    auto a = scope_exit([&] { ++runs; });
    auto b = std::move(a);
  }
  EXPECT_EQ(runs, 1);
}

// Undo steps run in reverse order of their creation.
TEST(ScopeExit, NestedUndoRunsInReverse) {
  std::string order;
  {
    auto first = scope_exit([&] { order += "1"; });
    auto second = scope_exit([&] { order += "2"; });
  }
  EXPECT_EQ(order, "21");
}

}  // namespace
}  // namespace netns
