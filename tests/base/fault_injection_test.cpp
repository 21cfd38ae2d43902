// SPDX-License-Identifier: GPL-2.0-only
// fault_injector: the nth pass through an armed point fails, once; every
// other pass (and every unarmed point) succeeds.
#include "netns/base/fault_injection.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace netns {
namespace {

enum class point { a, b, c, count_ };

TEST(FaultInjection, UnarmedNeverFails) {
  fault_injector<point> f;
  for (int i = 0; i < 100; ++i) {
    EXPECT_FALSE(f.should_fail(point::a));
    EXPECT_FALSE(f.should_fail(point::b));
  }
  EXPECT_FALSE(f.armed(point::a));
}

TEST(FaultInjection, TheNthPassFailsOnce) {
  fault_injector<point> f;
  f.arm(point::a, 3);
  EXPECT_TRUE(f.armed(point::a));
  EXPECT_FALSE(f.should_fail(point::a));
  EXPECT_FALSE(f.should_fail(point::a));
  EXPECT_TRUE(f.armed(point::a));
  EXPECT_TRUE(f.should_fail(point::a));
  EXPECT_FALSE(f.armed(point::a));
  for (int i = 0; i < 10; ++i) EXPECT_FALSE(f.should_fail(point::a));
}

TEST(FaultInjection, FirstPass) {
  fault_injector<point> f;
  f.arm(point::b, 1);
  EXPECT_TRUE(f.should_fail(point::b));
  EXPECT_FALSE(f.should_fail(point::b));
}

TEST(FaultInjection, PointsAreIndependent) {
  fault_injector<point> f;
  f.arm(point::b, 2);
  EXPECT_FALSE(f.should_fail(point::a));
  EXPECT_FALSE(f.should_fail(point::c));
  EXPECT_FALSE(f.should_fail(point::a));
  EXPECT_FALSE(f.should_fail(point::b));
  EXPECT_TRUE(f.should_fail(point::b));
}

TEST(FaultInjection, ZeroAndDisarmAll) {
  fault_injector<point> f;
  f.arm(point::a, 1);
  f.arm(point::a, 0);
  EXPECT_FALSE(f.armed(point::a));
  EXPECT_FALSE(f.should_fail(point::a));
  f.arm(point::a, 1);
  f.arm(point::c, 2);
  f.disarm_all();
  EXPECT_FALSE(f.should_fail(point::a));
  EXPECT_FALSE(f.should_fail(point::c));
  EXPECT_FALSE(f.should_fail(point::c));
}

// Rearming replaces the countdown.
TEST(FaultInjection, RearmingRestartsTheCount) {
  fault_injector<point> f;
  f.arm(point::a, 2);
  EXPECT_FALSE(f.should_fail(point::a));
  f.arm(point::a, 2);
  EXPECT_FALSE(f.should_fail(point::a));
  EXPECT_TRUE(f.should_fail(point::a));
}

// Concurrent passes: exactly one of them fails.
TEST(FaultInjection, ExactlyOneFailureUnderConcurrency) {
  fault_injector<point> f;
  f.arm(point::a, 500);
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 1000; ++i)
        if (f.should_fail(point::a)) failures.fetch_add(1);
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 1);
}

}  // namespace
}  // namespace netns
