// SPDX-License-Identifier: GPL-2.0-only
// Undo of a failed setup_net and of a failed registration, at every position
// (net_namespace.c: setup_net's out_undo, __register_pernet_operations'
// out_undo): exactly the ops (or nets) that succeeded are undone, in the
// kernel's phases and order; the failing one gets no exit; nothing leaks
// (generic data, the net, the ucount charge, the inode number, the generic id).
#include <gtest/gtest.h>

#include <atomic>
#include <cerrno>
#include <memory>
#include <string>
#include <vector>

#include "netns/core/kernel.hpp"
#include "netns/core/net_generic.hpp"
#include "netns/subsys/builtin.hpp"
#include "support/test_util.hpp"

namespace netns {
namespace {

using test::event_log;
using test::recorder;
using test::strings;

constexpr int kOps = 5;
constexpr int kErrnos[kOps] = {ENOMEM, EPERM, EINVAL, ENOSPC, EIO};

std::string op_name(int i) { return "op" + std::to_string(i); }

// What the kernel's counters and limits looked like at one moment.
struct snapshot {
  explicit snapshot(kernel& k, kuid uid = global_root_uid)
      : nets_allocated(k.stats().nets_allocated),
        nets_freed(k.stats().nets_freed),
        nets_cleaned_up(k.stats().nets_cleaned_up),
        data_allocated(k.stats().generic_data_allocated),
        data_freed(k.stats().generic_data_freed),
        arrays_live(k.stats().generic_arrays_allocated - k.stats().generic_arrays_freed),
        net_count(k.net_count()),
        charged(ucount_read(k.init_user_ns(), uid, ucount_type::net_namespaces)),
        inums(k.inums().in_use()),
        user_ns_refs(k.init_user_ns().refcount_read()) {}
  std::uint64_t nets_allocated, nets_freed, nets_cleaned_up, data_allocated, data_freed;
  std::uint64_t arrays_live;
  std::size_t net_count;
  long charged;
  std::size_t inums;
  int user_ns_refs;
};

// Everything a failed copy_net_ns must give back.
void expect_nothing_leaked(kernel& k, const snapshot& before, kuid uid = global_root_uid) {
  snapshot after(k, uid);
  EXPECT_EQ(after.data_allocated - before.data_allocated, after.data_freed - before.data_freed);
  EXPECT_EQ(after.nets_allocated - before.nets_allocated, after.nets_freed - before.nets_freed);
  EXPECT_EQ(after.nets_cleaned_up, before.nets_cleaned_up);
  EXPECT_EQ(after.arrays_live, before.arrays_live);
  EXPECT_EQ(after.net_count, before.net_count);
  EXPECT_EQ(after.charged, before.charged);
  EXPECT_EQ(after.inums, before.inums);
  EXPECT_EQ(after.user_ns_refs, before.user_ns_refs);
}

// kOps subsystems with generic data of different sizes, on a booted kernel
// (so the inode subsystem runs first and must be undone too).
class RollbackFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    for (int i = 0; i < kOps; ++i) {
      ops.push_back(std::make_unique<recorder>(log, op_name(i), 16 + 8 * i));
      recorder* r = ops.back().get();
      // Generic data is freed only after every exit ran.
      r->on_exit = [this, r](net& n) {
        if (!net_generic_ptr(n, r->id)) exit_without_data.fetch_add(1);
      };
      ASSERT_TRUE(register_pernet_subsys(*k, r->ops));
    }
    log.clear();
  }

  result<net_ref> try_new_net(kuid euid = global_root_uid) {
    return copy_net_ns(CLONE_NEWNET, k->init_user_ns(), k->init_net(), euid);
  }

  // init:op0..op<last>.
  static strings inits_upto(int last) {
    strings out;
    for (int i = 0; i <= last; ++i) out.push_back("init:" + op_name(i));
    return out;
  }
  // The undo of ops [0, n): pre_exit of each in reverse, then exit and
  // exit_batch of each in reverse.
  static strings undo_of(int n) {
    strings out;
    for (int j = n - 1; j >= 0; --j) out.push_back("pre_exit:" + op_name(j));
    for (int j = n - 1; j >= 0; --j) {
      out.push_back("exit:" + op_name(j));
      out.push_back("exit_batch:" + op_name(j));
    }
    return out;
  }

  // A net made after a failure works: every op inited, its data zeroed,
  // and it got the lowest inode number (the failure did not keep one).
  void expect_next_net_is_whole() {
    log.clear();
    auto r = try_new_net();
    ASSERT_TRUE(r) << errno_name(r.error().errnum());
    net& n = **r;
    EXPECT_EQ(log.names(), inits_upto(kOps - 1));
    EXPECT_EQ(n.inum(), test::first_free_inum(*k));
    for (int i = 0; i < kOps; ++i) {
      auto* p = static_cast<unsigned char*>(net_generic_ptr(n, ops[i]->id));
      ASSERT_NE(p, nullptr) << op_name(i);
      for (std::size_t b = 0; b < ops[i]->ops.size; ++b) ASSERT_EQ(p[b], 0) << op_name(i);
    }
    r->reset();
    k->settle();
  }

  event_log log;
  std::atomic<int> exit_without_data{0};
  std::vector<std::unique_ptr<recorder>> ops;
  std::unique_ptr<kernel> k = boot();
};

class SetupRollbackTest : public RollbackFixture, public ::testing::WithParamInterface<int> {};

// Op k's init fails: copy_net_ns returns its errno, ops k-1..0 are undone
// (pre_exit all, then exit and exit_batch each, reverse), op k gets no exit.
TEST_P(SetupRollbackTest, FailureAtPositionUndoesExactlyTheOpsBefore) {
  const int fail = GetParam();
  const int err = kErrnos[fail];
  ops[fail]->on_init = [err](net&) -> result<void> { return errc{err}; };
  snapshot before(*k);

  auto r = try_new_net();
  ASSERT_FALSE(r);
  EXPECT_EQ(r.code(), errc{err});

  strings expected = inits_upto(fail);
  for (const std::string& s : undo_of(fail)) expected.push_back(s);
  EXPECT_EQ(log.names(), expected);
  EXPECT_EQ(log.count("exit:" + op_name(fail)), 0u);
  EXPECT_EQ(log.count("pre_exit:" + op_name(fail)), 0u);
  EXPECT_EQ(exit_without_data.load(), 0) << "generic data freed before an exit";

  // Counted exactly: ops 0..fail each allocated their data once, all freed.
  EXPECT_EQ(k->stats().generic_data_allocated - before.data_allocated, std::uint64_t(fail) + 1);
  EXPECT_EQ(k->stats().generic_data_freed - before.data_freed, std::uint64_t(fail) + 1);
  EXPECT_EQ(k->stats().nets_allocated - before.nets_allocated, 1u);
  EXPECT_EQ(k->stats().nets_freed - before.nets_freed, 1u);
  expect_nothing_leaked(*k, before);

  ops[fail]->on_init = nullptr;
  expect_next_net_is_whole();
}

INSTANTIATE_TEST_SUITE_P(EveryPosition, SetupRollbackTest, ::testing::Range(0, kOps),
                         [](const ::testing::TestParamInfo<int>& i) {
                           return "op" + std::to_string(i.param);
                         });

// The nth data allocation fails: ENOMEM, op n-1 is not even called.
TEST_F(RollbackFixture, PernetDataAllocFailureAtEveryPosition) {
  for (int nth = 1; nth <= kOps; ++nth) {
    SCOPED_TRACE("pernet_data_alloc #" + std::to_string(nth));
    log.clear();
    snapshot before(*k);
    k->faults().arm(fault_point::pernet_data_alloc, nth);
    auto r = try_new_net();
    ASSERT_FALSE(r);
    EXPECT_EQ(r.code(), errc{ENOMEM});
    strings expected = inits_upto(nth - 2);
    for (const std::string& s : undo_of(nth - 1)) expected.push_back(s);
    EXPECT_EQ(log.names(), expected);
    EXPECT_EQ(k->stats().generic_data_allocated - before.data_allocated, std::uint64_t(nth) - 1);
    expect_nothing_leaked(*k, before);
  }
  expect_next_net_is_whole();
}

TEST_F(RollbackFixture, NetAllocFailureIsENOMEMAndRunsNothing) {
  snapshot before(*k);
  k->faults().arm(fault_point::net_alloc, 1);
  auto r = try_new_net();
  ASSERT_FALSE(r);
  EXPECT_EQ(r.code(), errc{ENOMEM});
  EXPECT_TRUE(log.events().empty());
  EXPECT_EQ(k->stats().nets_allocated, before.nets_allocated);
  expect_nothing_leaked(*k, before);
  expect_next_net_is_whole();
}

TEST_F(RollbackFixture, NetGenericAllocFailureIsENOMEMAndRunsNothing) {
  snapshot before(*k);
  k->faults().arm(fault_point::net_generic_alloc, 1);
  auto r = try_new_net();
  ASSERT_FALSE(r);
  EXPECT_EQ(r.code(), errc{ENOMEM});
  EXPECT_TRUE(log.events().empty());
  EXPECT_EQ(k->stats().nets_allocated, before.nets_allocated);
  expect_nothing_leaked(*k, before);
  expect_next_net_is_whole();
}

// The inode subsystem is the first subsys: its failure is ENOMEM and no
// later op runs.
TEST_F(RollbackFixture, InumAllocFailureIsENOMEMBeforeAnyOtherOp) {
  snapshot before(*k);
  k->faults().arm(fault_point::inum_alloc, 1);
  auto r = try_new_net();
  ASSERT_FALSE(r);
  EXPECT_EQ(r.code(), errc{ENOMEM});
  EXPECT_TRUE(log.events().empty());
  expect_nothing_leaked(*k, before);
  expect_next_net_is_whole();
}

// A uid with no ucounts yet needs a new entry; failing to allocate it is
// ENOSPC (inc_ucount returns NULL), before anything is allocated.
TEST_F(RollbackFixture, UcountsAllocFailureIsENOSPC) {
  const kuid uid{4242};
  snapshot before(*k, uid);
  k->faults().arm(fault_point::ucounts_alloc, 1);
  auto r = try_new_net(uid);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.code(), errc{ENOSPC});
  EXPECT_TRUE(log.events().empty());
  EXPECT_EQ(k->stats().nets_allocated, before.nets_allocated);
  expect_nothing_leaked(*k, before, uid);
  EXPECT_EQ(ucount_read(k->init_user_ns(), uid, ucount_type::net_namespaces), 0);
  expect_next_net_is_whole();
}

// A failing device op after the subsystems: the subsystems are undone, in
// reverse (devices come after subsys whatever the registration order).
TEST(SetupRollbackMixed, FailingDeviceUndoesTheSubsysRegisteredAfterIt) {
  event_log log;
  recorder s0(log, "S0"), d1(log, "D1"), s2(log, "S2");
  kernel k;
  ASSERT_TRUE(register_pernet_subsys(k, s0.ops));
  ASSERT_TRUE(register_pernet_device(k, d1.ops));
  ASSERT_TRUE(register_pernet_subsys(k, s2.ops));
  d1.on_init = [](net&) -> result<void> { return errc{EADDRINUSE}; };
  log.clear();
  auto r = copy_net_ns(CLONE_NEWNET, k.init_user_ns(), k.init_net(), global_root_uid);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.code(), errc{EADDRINUSE});
  EXPECT_EQ(log.names(), (strings{"init:S0", "init:S2", "init:D1", "pre_exit:S2", "pre_exit:S0",
                                  "exit:S2", "exit_batch:S2", "exit:S0", "exit_batch:S0"}));
  EXPECT_EQ(k.net_count(), 1u);
}

// ---- registration ------------------------------------------------------------

constexpr int kNets = 5;  // init_net and four more

// Registering an op whose init fails in the k-th net of the list.
class RegisterRollbackTest : public ::testing::TestWithParam<int> {
 protected:
  void SetUp() override {
    for (int i = 1; i < kNets; ++i) {
      nets.push_back(test::new_net(k));
      ASSERT_TRUE(nets.back());
    }
    list = test::listed_ids(k);
    ASSERT_EQ(list.size(), std::size_t(kNets));
    ASSERT_EQ(list.front(), k.init_net().ns_id());
  }

  event_log log;
  recorder op{log, "R", 32};
  recorder other{log, "Q", 8};
  std::atomic<int> exit_without_data{0};
  kernel k;
  std::vector<net_ref> nets;
  test::ids list;
};

// Nets 0..k-1 get pre_exit (list order), then exit (list order) and one
// exit_batch with exactly them; the op is forgotten; its data and id are
// given back.
TEST_P(RegisterRollbackTest, FailureInTheKthNetUndoesTheNetsBefore) {
  const int fail = GetParam();
  const std::uint64_t fail_id = list[fail];
  op.on_init = [fail_id](net& n) -> result<void> {
    return n.ns_id() == fail_id ? result<void>(errc{EBUSY}) : ok();
  };
  op.on_exit = [this](net& n) {
    if (!net_generic_ptr(n, op.id)) exit_without_data.fetch_add(1);
  };
  const auto alloc0 = k.stats().generic_data_allocated.load();
  const auto freed0 = k.stats().generic_data_freed.load();

  EXPECT_EQ(register_pernet_subsys(k, op.ops).code(), errc{EBUSY});

  test::ids done(list.begin(), list.begin() + fail);
  test::ids inited(list.begin(), list.begin() + fail + 1);
  EXPECT_EQ(log.nets_of("init:R"), inited);
  EXPECT_EQ(log.nets_of("pre_exit:R"), done);
  EXPECT_EQ(log.nets_of("exit:R"), done);
  EXPECT_EQ(log.batches_of("R"), (std::vector<test::ids>{done}));
  // Phases: every pre_exit before any exit, exit_batch last.
  strings expected;
  for (auto id : inited) expected.push_back("init:R@" + std::to_string(id));
  for (auto id : done) expected.push_back("pre_exit:R@" + std::to_string(id));
  for (auto id : done) expected.push_back("exit:R@" + std::to_string(id));
  std::string batch = "exit_batch:R@{";
  for (std::size_t i = 0; i < done.size(); ++i) batch += (i ? "," : "") + std::to_string(done[i]);
  expected.push_back(batch + "}");
  EXPECT_EQ(log.tagged(), expected);
  EXPECT_EQ(exit_without_data.load(), 0);

  EXPECT_EQ(k.stats().generic_data_allocated - alloc0, std::uint64_t(fail) + 1);
  EXPECT_EQ(k.stats().generic_data_freed - freed0, std::uint64_t(fail) + 1);

  // Not on the list: a new net does not run it, nor does a death.
  log.clear();
  net_ref n = test::new_net(k);
  n.reset();
  nets.clear();
  k.settle();
  EXPECT_TRUE(log.events().empty());

  // Its generic id was freed: the next registration gets the lowest one back.
  ASSERT_TRUE(register_pernet_subsys(k, other.ops));
  EXPECT_EQ(other.id, MIN_PERNET_OPS_ID);
  unregister_pernet_subsys(k, other.ops);

  // And it can be registered again once its init works.
  op.on_init = nullptr;
  ASSERT_TRUE(register_pernet_subsys(k, op.ops));
  EXPECT_EQ(op.id, MIN_PERNET_OPS_ID);
  unregister_pernet_subsys(k, op.ops);
}

INSTANTIATE_TEST_SUITE_P(EveryNet, RegisterRollbackTest, ::testing::Range(0, kNets),
                         [](const ::testing::TestParamInfo<int>& i) {
                           return "net" + std::to_string(i.param);
                         });

// Growing a net's generic array at registration can fail: ENOMEM, the nets
// already done are undone, the id is released.
TEST(RegisterRollback, GenericArrayGrowthFailureUndoesAndFreesTheId) {
  event_log log;
  std::vector<std::unique_ptr<recorder>> fillers;
  recorder grow(log, "G", 8), after(log, "H", 8);
  kernel k;
  // Ids 3..12 fit in a fresh array (INITIAL_NET_GEN_PTRS = 13).
  for (unsigned id = MIN_PERNET_OPS_ID; id < INITIAL_NET_GEN_PTRS; ++id) {
    fillers.push_back(std::make_unique<recorder>(log, "F" + std::to_string(id), 0, true));
    ASSERT_TRUE(register_pernet_subsys(k, fillers.back()->ops));
    ASSERT_EQ(fillers.back()->id, id);
  }
  net_ref a = test::new_net(k), b = test::new_net(k);
  ASSERT_TRUE(a && b);
  log.clear();
  const auto alloc0 = k.stats().generic_data_allocated.load();
  const auto freed0 = k.stats().generic_data_freed.load();

  k.faults().arm(fault_point::net_generic_alloc, 2);  // the second net's growth
  EXPECT_EQ(register_pernet_subsys(k, grow.ops).code(), errc{ENOMEM});
  EXPECT_EQ(grow.id, INITIAL_NET_GEN_PTRS);
  EXPECT_EQ(log.nets_of("init:G"), (test::ids{k.init_net().ns_id()}));
  EXPECT_EQ(log.nets_of("exit:G"), (test::ids{k.init_net().ns_id()}));
  EXPECT_EQ(k.stats().generic_data_allocated - alloc0, 2u);
  EXPECT_EQ(k.stats().generic_data_freed - freed0, 2u);

  ASSERT_TRUE(register_pernet_subsys(k, after.ops));
  EXPECT_EQ(after.id, INITIAL_NET_GEN_PTRS) << "the failed registration kept its id";
  for (net* n : {&k.init_net(), a.get(), b.get()})
    EXPECT_NE(net_generic_ptr(*n, after.id), nullptr);
  unregister_pernet_subsys(k, after.ops);
  for (auto& f : fillers) unregister_pernet_subsys(k, f->ops);
}

TEST(RegisterRollback, GenericIdAllocFailureIsENOMEMAndRunsNothing) {
  event_log log;
  recorder op(log, "R", 8), other(log, "Q", 8);
  kernel k;
  k.faults().arm(fault_point::generic_id_alloc, 1);
  EXPECT_EQ(register_pernet_subsys(k, op.ops).code(), errc{ENOMEM});
  EXPECT_TRUE(log.events().empty());
  net_ref n = test::new_net(k);
  n.reset();
  k.settle();
  EXPECT_TRUE(log.events().empty());
  ASSERT_TRUE(register_pernet_subsys(k, other.ops));
  EXPECT_EQ(other.id, MIN_PERNET_OPS_ID);
  unregister_pernet_subsys(k, other.ops);
}

// A failed registration leaves first_device where it was: later subsystems
// still go before every device.
TEST(RegisterRollback, FailedRegistrationKeepsSubsysBeforeDevices) {
  event_log log;
  recorder d(log, "D"), bad_s(log, "BadS"), bad_d(log, "BadD"), s(log, "S");
  kernel k;
  ASSERT_TRUE(register_pernet_device(k, d.ops));
  bad_s.on_init = [](net&) -> result<void> { return errc{EIO}; };
  bad_d.on_init = [](net&) -> result<void> { return errc{EIO}; };
  EXPECT_FALSE(register_pernet_subsys(k, bad_s.ops));
  EXPECT_FALSE(register_pernet_device(k, bad_d.ops));
  ASSERT_TRUE(register_pernet_subsys(k, s.ops));
  log.clear();
  net_ref n = test::new_net(k);
  EXPECT_EQ(log.names(), (strings{"init:S", "init:D"}));
  n.reset();
  k.settle();
}

// setup_net's undo ends with rcu_barrier: callbacks queued by the undone
// exits have run before copy_net_ns frees the net and returns.
TEST(SetupRollbackRcu, CallbacksQueuedByUndoneExitsRunFirst) {
  event_log log;
  recorder good(log, "good"), bad(log, "bad");
  test::rcu_probe probe;
  kernel k;
  good.on_exit = [&](net& n) {
    if (!n.is_init()) probe.queue(k);
  };
  bad.on_init = [](net& n) -> result<void> { return n.is_init() ? ok() : result<void>(errc{EIO}); };
  ASSERT_TRUE(register_pernet_subsys(k, good.ops));
  ASSERT_TRUE(register_pernet_subsys(k, bad.ops));
  const auto freed0 = k.stats().nets_freed.load();
  auto r = copy_net_ns(CLONE_NEWNET, k.init_user_ns(), k.init_net(), global_root_uid);
  EXPECT_EQ(r.code(), errc{EIO});
  EXPECT_TRUE(probe.ran.load()) << "copy_net_ns returned before the undo's RCU callbacks ran";
  EXPECT_EQ(probe.nets_freed_then.load(), freed0) << "the net was freed before the callback ran";
  EXPECT_EQ(k.stats().nets_freed - freed0, 1u);
}

// register_pernet_operations' undo ends with rcu_barrier too.
TEST(SetupRollbackRcu, FailedRegistrationReturnsAfterCallbacksQueuedByExits) {
  event_log log;
  recorder op(log, "R", 8);
  test::rcu_probe probe;
  kernel k;
  net_ref n = test::new_net(k);
  ASSERT_TRUE(n);
  op.on_init = [](net& x) -> result<void> { return x.is_init() ? ok() : result<void>(errc{EIO}); };
  op.on_exit = [&](net& x) {
    if (x.is_init()) probe.queue(k);
  };
  EXPECT_EQ(register_pernet_subsys(k, op.ops).code(), errc{EIO});
  EXPECT_TRUE(probe.ran.load());
}

}  // namespace
}  // namespace netns
