// SPDX-License-Identifier: GPL-2.0-only
// Generic per-net storage (netns/generic.h, net_assign_generic): an op with
// an id and a size gets zeroed data of that size in every net, assigned
// before its init runs and freed after its exit; ids are the lowest free from
// MIN_PERNET_OPS_ID; registering past the array's length grows it in every
// existing net, keeping the data already there.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "netns/core/kernel.hpp"
#include "netns/core/net_generic.hpp"
#include "support/test_util.hpp"

namespace netns {
namespace {

using test::event_log;
using test::recorder;

struct big_state {
  std::array<std::uint64_t, 64> words;
};

// Every byte of p[0, size) is zero (ASan also checks that all of it exists).
bool all_zero(const void* p, std::size_t size) {
  const auto* b = static_cast<const unsigned char*>(p);
  for (std::size_t i = 0; i < size; ++i)
    if (b[i] != 0) return false;
  return true;
}

class GenericTest : public ::testing::Test {
 protected:
  event_log log;
  recorder big{log, "big", sizeof(big_state)};
  recorder small{log, "small", 1};
  recorder third{log, "third", 24};
  kernel k;
};

// The data is there, zeroed and of full size, when init runs, in every net:
// those that exist at registration and those made later.
TEST_F(GenericTest, InitSeesZeroedDataOfItsSizeInEveryNet) {
  std::map<std::uint64_t, void*> seen;
  int bad = 0;
  big.on_init = [&](net& n) -> result<void> {
    auto* s = net_generic<big_state>(n, big.id);
    if (!s || !all_zero(s, sizeof(big_state))) ++bad;
    if (s) std::memset(s, 0xab, sizeof(big_state));  // writable, all of it
    seen[n.ns_id()] = s;
    return ok();
  };
  net_ref before = test::new_net(k);
  ASSERT_TRUE(before);
  ASSERT_TRUE(register_pernet_subsys(k, big.ops));
  net_ref after = test::new_net(k);
  ASSERT_TRUE(after);
  EXPECT_EQ(bad, 0);
  ASSERT_EQ(seen.size(), 3u);
  for (net* n : {&k.init_net(), before.get(), after.get()}) {
    EXPECT_EQ(net_generic<big_state>(*n, big.id), seen[n->ns_id()]);
    EXPECT_EQ(net_generic<big_state>(*n, big.id)->words[63], 0xababababababababULL);
  }
  // One allocation per net, each its own.
  EXPECT_NE(seen[before->ns_id()], seen[after->ns_id()]);
  EXPECT_NE(seen[k.init_net().ns_id()], seen[after->ns_id()]);
  unregister_pernet_subsys(k, big.ops);
}

TEST_F(GenericTest, IdsStartAtMinPernetOpsIdAndAreDistinct) {
  ASSERT_TRUE(register_pernet_subsys(k, big.ops));
  ASSERT_TRUE(register_pernet_device(k, small.ops));
  ASSERT_TRUE(register_pernet_subsys(k, third.ops));
  EXPECT_EQ(big.id, MIN_PERNET_OPS_ID);
  EXPECT_EQ(small.id, MIN_PERNET_OPS_ID + 1);
  EXPECT_EQ(third.id, MIN_PERNET_OPS_ID + 2);
  net& n = k.init_net();
  EXPECT_NE(net_generic_ptr(n, big.id), net_generic_ptr(n, small.id));
  EXPECT_NE(net_generic_ptr(n, small.id), net_generic_ptr(n, third.id));

  // Freed ids are handed out again, lowest first.
  unregister_pernet_device(k, small.ops);
  unregister_pernet_subsys(k, big.ops);
  recorder again(log, "again", 4);
  ASSERT_TRUE(register_pernet_subsys(k, again.ops));
  EXPECT_EQ(again.id, MIN_PERNET_OPS_ID);
  ASSERT_TRUE(register_pernet_subsys(k, big.ops));
  EXPECT_EQ(big.id, MIN_PERNET_OPS_ID + 1);
  unregister_pernet_subsys(k, again.ops);
  unregister_pernet_subsys(k, big.ops);
  unregister_pernet_subsys(k, third.ops);
}

// An id without a size takes an id but gets no data.
TEST_F(GenericTest, AnIdWithoutSizeHasNoData) {
  recorder id_only(log, "id_only", 0, true);
  ASSERT_TRUE(register_pernet_subsys(k, id_only.ops));
  EXPECT_EQ(id_only.id, MIN_PERNET_OPS_ID);
  EXPECT_EQ(net_generic_ptr(k.init_net(), id_only.id), nullptr);
  ASSERT_TRUE(register_pernet_subsys(k, small.ops));
  EXPECT_EQ(small.id, MIN_PERNET_OPS_ID + 1);
  unregister_pernet_subsys(k, small.ops);
  unregister_pernet_subsys(k, id_only.ops);
}

// Data lives exactly as long as the op in the net: freed after the exit at
// unregistration and at the net's cleanup, and the slot reads nullptr after.
TEST_F(GenericTest, DataIsFreedAfterExitAtUnregisterAndAtCleanup) {
  int exits_without_data = 0;
  big.on_exit = [&](net& n) {
    if (!net_generic_ptr(n, big.id)) ++exits_without_data;
  };
  ASSERT_TRUE(register_pernet_subsys(k, big.ops));
  net_ref a = test::new_net(k), b = test::new_net(k);
  ASSERT_TRUE(a && b);
  const auto& st = k.stats();
  EXPECT_EQ(st.generic_data_allocated.load(), 3u);
  EXPECT_EQ(st.generic_data_freed.load(), 0u);

  a.reset();
  k.settle();
  EXPECT_EQ(st.generic_data_freed.load(), 1u);

  unregister_pernet_subsys(k, big.ops);
  EXPECT_EQ(st.generic_data_freed.load(), 3u);
  EXPECT_EQ(exits_without_data, 0);
  EXPECT_EQ(net_generic_ptr(*b, big.id), nullptr);
  EXPECT_EQ(net_generic_ptr(k.init_net(), big.id), nullptr);
}

// Registering more ops than a fresh array holds grows the array of every
// existing net; what earlier ops stored stays reachable and unchanged.
TEST_F(GenericTest, GrowingTheArrayKeepsEarlierData) {
  constexpr unsigned kMany = INITIAL_NET_GEN_PTRS + 5;  // ids 3..20
  std::vector<std::unique_ptr<recorder>> ops;
  // Where each op's data is in each net, and the value its init stored.
  std::map<std::pair<unsigned, std::uint64_t>, std::uint64_t*> where;
  auto unregister_all = scope_exit([&] {
    for (auto& r : ops) unregister_pernet_subsys(k, r->ops);
  });
  net_ref a = test::new_net(k), b = test::new_net(k);
  ASSERT_TRUE(a && b);
  const auto arrays0 = k.stats().generic_arrays_allocated.load();
  for (unsigned i = 0; i < kMany; ++i) {
    ops.push_back(std::make_unique<recorder>(log, "g" + std::to_string(i), sizeof(std::uint64_t)));
    recorder* r = ops.back().get();
    r->on_init = [&where, r](net& n) -> result<void> {
      auto* v = net_generic<std::uint64_t>(n, r->id);
      if (!v || *v != 0) return errc{EFAULT};
      *v = r->id * 1000000ULL + n.ns_id();
      where[{r->id, n.ns_id()}] = v;
      return ok();
    };
    ASSERT_TRUE(register_pernet_subsys(k, r->ops)) << i;
    ASSERT_EQ(r->id, MIN_PERNET_OPS_ID + i);
  }
  // Arrays were regrown in the three existing nets.
  EXPECT_GT(k.stats().generic_arrays_allocated.load(), arrays0);

  net_ref later = test::new_net(k);  // born with the larger array
  ASSERT_TRUE(later);
  for (net* n : {&k.init_net(), a.get(), b.get(), later.get()}) {
    for (auto& r : ops) {
      SCOPED_TRACE(r->name() + " in net " + std::to_string(n->ns_id()));
      auto* v = net_generic<std::uint64_t>(*n, r->id);
      ASSERT_NE(v, nullptr);
      EXPECT_EQ(v, (where[{r->id, n->ns_id()}])) << "data moved";
      EXPECT_EQ(*v, r->id * 1000000ULL + n->ns_id()) << "data changed";
    }
  }
  // Nothing at the first id past the last registered one, nor far beyond.
  EXPECT_EQ(net_generic_ptr(*later, MIN_PERNET_OPS_ID + kMany), nullptr);
  EXPECT_EQ(net_generic_ptr(*a, 100000), nullptr);
  unregister_all.release();
  for (auto& r : ops) unregister_pernet_subsys(k, r->ops);
  EXPECT_EQ(k.stats().generic_data_allocated.load(), k.stats().generic_data_freed.load());
}

TEST_F(GenericTest, AnIdBeyondTheArrayReadsNullptr) {
  net_ref n = test::new_net(k);
  ASSERT_TRUE(n);
  EXPECT_EQ(net_generic_ptr(*n, INITIAL_NET_GEN_PTRS), nullptr);
  EXPECT_EQ(net_generic_ptr(*n, 1u << 20), nullptr);
  // Inside the array but unused.
  EXPECT_EQ(net_generic_ptr(*n, MIN_PERNET_OPS_ID), nullptr);
  EXPECT_EQ(net_generic_ptr(*n, INITIAL_NET_GEN_PTRS - 1), nullptr);
}

// The arrays of dead nets are freed: allocated - freed = nets alive.
TEST_F(GenericTest, GenericArraysBalanceWithLiveNets) {
  std::vector<std::unique_ptr<recorder>> ops;
  for (unsigned i = 0; i < INITIAL_NET_GEN_PTRS; ++i) {  // forces a growth
    ops.push_back(std::make_unique<recorder>(log, "o" + std::to_string(i), 8));
  }
  auto unregister_all = scope_exit([&] {
    for (auto& r : ops) unregister_pernet_subsys(k, r->ops);
  });
  net_ref a = test::new_net(k);
  for (auto& r : ops) ASSERT_TRUE(register_pernet_subsys(k, r->ops));
  net_ref b = test::new_net(k);
  a.reset();
  b.reset();
  k.settle();
  rcu::barrier();  // old arrays are freed by RCU callbacks
  const auto& st = k.stats();
  EXPECT_EQ(st.generic_arrays_allocated - st.generic_arrays_freed, 1u);  // init_net's
  EXPECT_EQ(st.nets_allocated - st.nets_freed, 1u);
}

}  // namespace
}  // namespace netns
