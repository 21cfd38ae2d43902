// SPDX-License-Identifier: GPL-2.0-only
// The ucounts table (kernel/ucount.c): one record per (user namespace,
// uid), shared while anyone holds it, found without a lock and unhashed by
// the last put; a get that races with that last put makes a new record.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "netns/base/rcu.hpp"
#include "netns/core/kernel.hpp"
#include "netns/core/user_namespace.hpp"

namespace netns {
namespace {

TEST(Ucounts, OneRecordPerNamespaceAndUid) {
  kernel k;
  user_namespace& init = k.init_user_ns();
  ucounts* a = k.ucounts().get(init, kuid{1000}, k.faults());
  ucounts* again = k.ucounts().get(init, kuid{1000}, k.faults());
  ucounts* other = k.ucounts().get(init, kuid{1001}, k.faults());
  ASSERT_TRUE(a && again && other);
  EXPECT_EQ(a, again);
  EXPECT_NE(a, other);
  EXPECT_EQ(a->count.read(), 2);
  EXPECT_EQ(a->uid, kuid{1000});
  EXPECT_EQ(a->ns, &init);
  k.ucounts().put(again);
  k.ucounts().put(a);
  k.ucounts().put(other);
}

// After the last put the record is gone: a charge made before does not
// show, and the next get starts a record with one reference.
TEST(Ucounts, TheLastPutUnhashesTheRecord) {
  kernel k;
  user_namespace& init = k.init_user_ns();
  ucounts* a = k.ucounts().get(init, kuid{7}, k.faults());
  ASSERT_TRUE(a);
  a->ucount[0].store(5);
  EXPECT_EQ(k.ucounts().read(init, kuid{7}, 0), 5);
  a->ucount[0].store(0);
  k.ucounts().put(a);
  EXPECT_EQ(k.ucounts().read(init, kuid{7}, 0), 0);
  ucounts* b = k.ucounts().get(init, kuid{7}, k.faults());
  ASSERT_TRUE(b);
  EXPECT_EQ(b->count.read(), 1);
  k.ucounts().put(b);
  rcu::barrier();  // the frees deferred past a grace period
}

TEST(Ucounts, AFailedAllocationLeavesNoRecord) {
  kernel k;
  k.faults().arm(fault_point::ucounts_alloc, 1);
  EXPECT_EQ(k.ucounts().get(k.init_user_ns(), kuid{3}, k.faults()), nullptr);
  ucounts* uc = k.ucounts().get(k.init_user_ns(), kuid{3}, k.faults());
  ASSERT_TRUE(uc);
  EXPECT_EQ(uc->count.read(), 1);
  k.ucounts().put(uc);
}

// Threads charging and uncharging the same uid: records come and go as
// the count touches zero (each thread's put may be the last while another
// thread's get is on its way), and every charge is given back.
TEST(Ucounts, RacingGetsAndLastPutsBalance) {
  kernel_config cfg;
  cfg.max_net_namespaces = 1 << 20;
  kernel k(cfg);
  user_namespace& init = k.init_user_ns();
  constexpr int threads = 4, rounds = 20'000;
  std::atomic<int> failures{0};
  std::vector<std::thread> ts;
  for (int t = 0; t < threads; ++t)
    ts.emplace_back([&] {
      for (int i = 0; i < rounds; ++i) {
        ucounts* uc = inc_ucount(init, kuid{42}, ucount_type::net_namespaces);
        if (!uc) {
          failures.fetch_add(1);
          continue;
        }
        dec_ucount(uc, ucount_type::net_namespaces);
      }
    });
  for (auto& t : ts) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(ucount_read(init, kuid{42}, ucount_type::net_namespaces), 0);
  rcu::barrier();
}

}  // namespace
}  // namespace netns
