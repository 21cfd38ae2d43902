// SPDX-License-Identifier: GPL-2.0-only
// Order of pernet callbacks (net/core/net_namespace.c: pernet_list with
// first_device): every subsys runs before every device at init and after them
// at exit, whatever the registration order; exits are the exact reverse of the
// inits, in phases (all pre_exit, then per op its exits and one exit_batch).
// Registration runs init in every existing net, unregistration the exit
// phases in every net. All on a bare kernel, which has no built-ins.
#include <gtest/gtest.h>

#include <cerrno>
#include <initializer_list>
#include <string>

#include "netns/core/kernel.hpp"
#include "support/test_util.hpp"

namespace netns {
namespace {

using test::event_log;
using test::recorder;
using test::strings;

strings inits(std::initializer_list<const char*> names) {
  strings out;
  for (const char* n : names) out.push_back(std::string("init:") + n);
  return out;
}

// The teardown of one net (or one batch) for ops given in exit order:
// every pre_exit, then per op its exit and its exit_batch.
strings teardown(std::initializer_list<const char*> exit_order) {
  strings out;
  for (const char* n : exit_order) out.push_back(std::string("pre_exit:") + n);
  for (const char* n : exit_order) {
    out.push_back(std::string("exit:") + n);
    out.push_back(std::string("exit_batch:") + n);
  }
  return out;
}

class PernetOrderTest : public ::testing::Test {
 protected:
  // Creates a net, returns the names its setup logged, then drops it and
  // leaves what its cleanup logged in `teardown_log`.
  strings setup_and_teardown(strings* teardown_log) {
    log.clear();
    net_ref n = test::new_net(k);
    strings setup = log.names();
    log.clear();
    n.reset();
    k.settle();
    *teardown_log = log.names();
    log.clear();
    return setup;
  }

  // Declared before the kernel: ~kernel runs their exits in init_net.
  event_log log;
  recorder s1{log, "S1"}, s2{log, "S2"}, s3{log, "S3"};
  recorder d1{log, "D1"}, d2{log, "D2"};
  kernel k;
};

// The brief's example: D1, S1, D2, S2 registered in that order run S1, S2, D1,
// D2 in a new net, and the reverse at its exit.
TEST_F(PernetOrderTest, SubsysBeforeDevicesWhateverTheRegistrationOrder) {
  ASSERT_TRUE(register_pernet_device(k, d1.ops));
  ASSERT_TRUE(register_pernet_subsys(k, s1.ops));
  ASSERT_TRUE(register_pernet_device(k, d2.ops));
  ASSERT_TRUE(register_pernet_subsys(k, s2.ops));
  // Registration itself runs each op's init in the existing net at once.
  EXPECT_EQ(log.names(), inits({"D1", "S1", "D2", "S2"}));

  strings down;
  EXPECT_EQ(setup_and_teardown(&down), inits({"S1", "S2", "D1", "D2"}));
  EXPECT_EQ(down, teardown({"D2", "D1", "S2", "S1"}));
}

TEST_F(PernetOrderTest, DevicesRegisteredBeforeAnySubsysStillRunAfterIt) {
  ASSERT_TRUE(register_pernet_device(k, d1.ops));
  ASSERT_TRUE(register_pernet_device(k, d2.ops));
  ASSERT_TRUE(register_pernet_subsys(k, s1.ops));
  strings down;
  EXPECT_EQ(setup_and_teardown(&down), inits({"S1", "D1", "D2"}));
  EXPECT_EQ(down, teardown({"D2", "D1", "S1"}));
}

// Subsystems keep their registration order among themselves, and so do devices.
TEST_F(PernetOrderTest, RegistrationOrderKeptWithinEachGroup) {
  ASSERT_TRUE(register_pernet_subsys(k, s3.ops));
  ASSERT_TRUE(register_pernet_device(k, d2.ops));
  ASSERT_TRUE(register_pernet_subsys(k, s1.ops));
  ASSERT_TRUE(register_pernet_device(k, d1.ops));
  ASSERT_TRUE(register_pernet_subsys(k, s2.ops));
  strings down;
  EXPECT_EQ(setup_and_teardown(&down), inits({"S3", "S1", "S2", "D2", "D1"}));
  EXPECT_EQ(down, teardown({"D1", "D2", "S2", "S1", "S3"}));
}

// Unregistering the first device moves first_device on: a subsys registered
// afterwards still goes before the remaining devices.
TEST_F(PernetOrderTest, UnregisteringTheFirstDeviceKeepsSubsysBeforeTheRest) {
  ASSERT_TRUE(register_pernet_subsys(k, s1.ops));
  ASSERT_TRUE(register_pernet_device(k, d1.ops));
  ASSERT_TRUE(register_pernet_device(k, d2.ops));
  unregister_pernet_device(k, d1.ops);
  ASSERT_TRUE(register_pernet_subsys(k, s2.ops));
  strings down;
  EXPECT_EQ(setup_and_teardown(&down), inits({"S1", "S2", "D2"}));
  EXPECT_EQ(down, teardown({"D2", "S2", "S1"}));
}

TEST_F(PernetOrderTest, UnregisteringTheOnlyFirstDeviceWithNoSubsys) {
  ASSERT_TRUE(register_pernet_device(k, d1.ops));
  ASSERT_TRUE(register_pernet_device(k, d2.ops));
  unregister_pernet_device(k, d1.ops);
  ASSERT_TRUE(register_pernet_subsys(k, s1.ops));
  strings down;
  EXPECT_EQ(setup_and_teardown(&down), inits({"S1", "D2"}));
  EXPECT_EQ(down, teardown({"D2", "S1"}));
}

TEST_F(PernetOrderTest, UnregisteringAllDevicesThenRegisteringSubsysAndDevice) {
  ASSERT_TRUE(register_pernet_device(k, d1.ops));
  unregister_pernet_device(k, d1.ops);
  ASSERT_TRUE(register_pernet_device(k, d2.ops));
  ASSERT_TRUE(register_pernet_subsys(k, s1.ops));
  strings down;
  EXPECT_EQ(setup_and_teardown(&down), inits({"S1", "D2"}));
  EXPECT_EQ(down, teardown({"D2", "S1"}));
}

// Unregistering a subsys shifts the boundary: the next subsys still lands
// before the first device.
TEST_F(PernetOrderTest, UnregisteringASubsysKeepsTheBoundary) {
  ASSERT_TRUE(register_pernet_subsys(k, s1.ops));
  ASSERT_TRUE(register_pernet_subsys(k, s2.ops));
  ASSERT_TRUE(register_pernet_device(k, d1.ops));
  unregister_pernet_subsys(k, s1.ops);
  ASSERT_TRUE(register_pernet_subsys(k, s3.ops));
  ASSERT_TRUE(register_pernet_device(k, d2.ops));
  strings down;
  EXPECT_EQ(setup_and_teardown(&down), inits({"S2", "S3", "D1", "D2"}));
  EXPECT_EQ(down, teardown({"D2", "D1", "S3", "S2"}));
}

// Registering runs init in every net on the list, in list order (init_net first).
TEST_F(PernetOrderTest, RegisteringRunsInitInEveryExistingNet) {
  net_ref a = test::new_net(k);
  net_ref b = test::new_net(k);
  ASSERT_TRUE(a && b);
  const auto in = k.init_net().ns_id(), ia = a->ns_id(), ib = b->ns_id();
  log.clear();
  ASSERT_TRUE(register_pernet_subsys(k, s1.ops));
  EXPECT_EQ(log.nets_of("init:S1"), (test::ids{in, ia, ib}));
  ASSERT_TRUE(register_pernet_device(k, d1.ops));
  EXPECT_EQ(log.nets_of("init:D1"), (test::ids{in, ia, ib}));
  EXPECT_EQ(log.events().size(), 6u);
}

// Unregistering runs pre_exit in every net, one grace period, exit in every
// net, then exit_batch once with all of them; other ops are not touched.
TEST_F(PernetOrderTest, UnregisteringRunsExitPhasesInEveryNet) {
  ASSERT_TRUE(register_pernet_subsys(k, s1.ops));
  ASSERT_TRUE(register_pernet_subsys(k, s2.ops));
  net_ref a = test::new_net(k);
  net_ref b = test::new_net(k);
  ASSERT_TRUE(a && b);
  const std::string in = std::to_string(k.init_net().ns_id());
  const std::string ia = std::to_string(a->ns_id()), ib = std::to_string(b->ns_id());
  log.clear();
  unregister_pernet_subsys(k, s1.ops);
  EXPECT_EQ(log.tagged(), (strings{"pre_exit:S1@" + in, "pre_exit:S1@" + ia, "pre_exit:S1@" + ib,
                                   "exit:S1@" + in, "exit:S1@" + ia, "exit:S1@" + ib,
                                   "exit_batch:S1@{" + in + "," + ia + "," + ib + "}"}));

  // Gone: neither a new net nor the death of the old ones runs it again.
  log.clear();
  strings down;
  EXPECT_EQ(setup_and_teardown(&down), inits({"S2"}));
  EXPECT_EQ(down, teardown({"S2"}));
  a.reset();
  b.reset();
  k.settle();
  EXPECT_EQ(log.count("exit:S1"), 0u);
  EXPECT_EQ(log.count("exit:S2"), 2u);
}

TEST_F(PernetOrderTest, UnregisteringADeviceRunsItsExitsEverywhere) {
  ASSERT_TRUE(register_pernet_device(k, d1.ops));
  net_ref a = test::new_net(k);
  ASSERT_TRUE(a);
  log.clear();
  unregister_pernet_device(k, d1.ops);
  EXPECT_EQ(log.nets_of("pre_exit:D1"), (test::ids{k.init_net().ns_id(), a->ns_id()}));
  EXPECT_EQ(log.nets_of("exit:D1"), (test::ids{k.init_net().ns_id(), a->ns_id()}));
  EXPECT_EQ(log.batches_of("D1"), (std::vector<test::ids>{{k.init_net().ns_id(), a->ns_id()}}));
}

TEST_F(PernetOrderTest, RegisteringTheSameOpsTwiceIsEEXIST) {
  ASSERT_TRUE(register_pernet_subsys(k, s1.ops));
  ASSERT_TRUE(register_pernet_device(k, d1.ops));
  log.clear();
  EXPECT_EQ(register_pernet_subsys(k, s1.ops).code(), errc{EEXIST});
  EXPECT_EQ(register_pernet_device(k, d1.ops).code(), errc{EEXIST});
  EXPECT_EQ(register_pernet_device(k, s1.ops).code(), errc{EEXIST});
  EXPECT_EQ(register_pernet_subsys(k, d1.ops).code(), errc{EEXIST});
  EXPECT_TRUE(log.events().empty()) << "a refused registration ran callbacks";
  // Still registered once, where it was first put.
  strings down;
  EXPECT_EQ(setup_and_teardown(&down), inits({"S1", "D1"}));
  EXPECT_EQ(down, teardown({"D1", "S1"}));
}

// ops_exit_list calls exit_batch unconditionally, so a registration that
// fails in the first net still calls exit_batch, with no nets.
TEST_F(PernetOrderTest, FailureInTheFirstNetStillCallsExitBatchWithNoNets) {
  s1.on_init = [](net&) -> result<void> { return errc{EIO}; };
  EXPECT_EQ(register_pernet_subsys(k, s1.ops).code(), errc{EIO});
  EXPECT_EQ(log.names(), (strings{"init:S1", "exit_batch:S1"}));
  EXPECT_EQ(log.batches_of("S1"), (std::vector<test::ids>{{}}));

  log.clear();
  d1.on_init = [](net&) -> result<void> { return errc{EBUSY}; };
  EXPECT_EQ(register_pernet_device(k, d1.ops).code(), errc{EBUSY});
  EXPECT_EQ(log.names(), (strings{"init:D1", "exit_batch:D1"}));

  // Neither is registered.
  strings down;
  EXPECT_EQ(setup_and_teardown(&down), strings{});
  EXPECT_EQ(down, strings{});
}

TEST_F(PernetOrderTest, UnregisteringOpsThatAreNotRegisteredIsANoop) {
  unregister_pernet_subsys(k, s1.ops);
  unregister_pernet_device(k, d1.ops);
  EXPECT_TRUE(log.events().empty());
  ASSERT_TRUE(register_pernet_subsys(k, s1.ops));
  unregister_pernet_subsys(k, s1.ops);
  log.clear();
  unregister_pernet_subsys(k, s1.ops);  // twice
  EXPECT_TRUE(log.events().empty());
}

// An op without init is not run at registration (nothing to init), but its
// exits still run in every net when it goes and when a net dies.
TEST_F(PernetOrderTest, OpsWithoutInitStillGetTheirExits) {
  s1.ops.init = nullptr;
  ASSERT_TRUE(register_pernet_subsys(k, s1.ops));
  EXPECT_TRUE(log.events().empty());
  strings down;
  EXPECT_EQ(setup_and_teardown(&down), strings{});
  EXPECT_EQ(down, teardown({"S1"}));
  unregister_pernet_subsys(k, s1.ops);
  EXPECT_EQ(log.names(), teardown({"S1"}));
}

// The same ordering holds at the destruction of the kernel, which cleans up
// init_net like any other namespace.
TEST(PernetOrderKernel, DestroyingTheKernelTearsDownInitNetInReverse) {
  event_log log;
  recorder s1(log, "S1"), s2(log, "S2"), d1(log, "D1");
  {
    kernel k;
    ASSERT_TRUE(register_pernet_device(k, d1.ops));
    ASSERT_TRUE(register_pernet_subsys(k, s1.ops));
    ASSERT_TRUE(register_pernet_subsys(k, s2.ops));
    log.clear();
  }
  EXPECT_EQ(log.names(), teardown({"D1", "S2", "S1"}));
  EXPECT_EQ(log.nets_of("exit:S1"), (test::ids{INIT_NET_NS_ID}));
}

// Two kernels are independent worlds: registering in one runs nothing in
// the other.
TEST(PernetOrderKernel, KernelsDoNotShareRegistrations) {
  event_log log;
  recorder s1(log, "S1");
  kernel a;
  kernel b;
  ASSERT_TRUE(register_pernet_subsys(a, s1.ops));
  EXPECT_EQ(log.count("init:S1"), 1u);
  log.clear();
  net_ref n = test::new_net(b);
  n.reset();
  b.settle();
  EXPECT_TRUE(log.events().empty());
  unregister_pernet_subsys(a, s1.ops);
}

}  // namespace
}  // namespace netns
