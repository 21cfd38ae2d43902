// SPDX-License-Identifier: GPL-2.0-only
// The kernel as a world: several live side by side without sharing state,
// and destroying one drains it completely.
#include <gtest/gtest.h>

#include <climits>
#include <thread>
#include <vector>

#include "netns/core/kernel.hpp"
#include "netns/subsys/builtin.hpp"
#include "support/test_util.hpp"

namespace netns {
namespace {

using test::new_net;

TEST(Kernel, TwoKernelsHaveIndependentNamespacesAndNumbers) {
  auto a = boot();
  auto b = boot();
  EXPECT_NE(&a->init_net(), &b->init_net());
  EXPECT_EQ(a->init_net().inum(), PROC_NET_INIT_INO);
  EXPECT_EQ(b->init_net().inum(), PROC_NET_INIT_INO);
  net_ref na = new_net(*a);
  net_ref nb = new_net(*b);
  // Each world has its own inode allocator and id counter.
  EXPECT_EQ(na->inum(), test::first_free_inum(*a));
  EXPECT_EQ(nb->inum(), test::first_free_inum(*b));
  EXPECT_EQ(na->inum(), nb->inum());
  EXPECT_EQ(na->ns_id(), nb->ns_id());
  EXPECT_EQ(a->net_count(), 2u);
  EXPECT_EQ(b->net_count(), 2u);
  na.reset();
  a->settle();
  EXPECT_EQ(a->net_count(), 1u);
  EXPECT_EQ(b->net_count(), 2u);  // untouched
}

TEST(Kernel, KernelsInParallelThreads) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([] {
      for (int round = 0; round < 5; ++round) {
        auto k = boot();
        std::vector<net_ref> held;
        for (int i = 0; i < 50; ++i) held.push_back(new_net(*k));
        held.clear();
        k->settle();
        EXPECT_EQ(k->net_count(), 1u);
      }
    });
  }
  for (auto& t : threads) t.join();
}

TEST(Kernel, DestructionCleansUpInitNetWithEveryExit) {
  int exits = 0;
  pernet_operations ops{.name = "count_exits", .exit = [&](net&) { ++exits; }};
  {
    auto k = boot();
    ASSERT_TRUE(register_pernet_subsys(*k, ops));
    net_ref n = new_net(*k);
    n.reset();
    k->settle();
    EXPECT_EQ(exits, 1);
    k->settle();
    k.reset();  // the initial net goes through cleanup too
  }
  EXPECT_EQ(exits, 2);
}

TEST(Kernel, StatsBalanceAfterDrain) {
  kernel_config cfg;
  cfg.max_net_namespaces = INT_MAX;
  auto k = boot(cfg);
  std::vector<net_ref> held;
  for (int i = 0; i < 100; ++i) held.push_back(new_net(*k));
  EXPECT_EQ(k->stats().nets_allocated.load(), 101u);
  held.clear();
  k->settle();
  EXPECT_EQ(k->stats().nets_freed.load(), 100u);
  EXPECT_EQ(k->stats().nets_cleaned_up.load(), 100u);
  // Every dynamic inode number returned but those of init's /proc/net.
  EXPECT_EQ(k->inums().in_use(), test::init_proc_inums(*k));
}

}  // namespace
}  // namespace netns
