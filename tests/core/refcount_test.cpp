// SPDX-License-Identifier: GPL-2.0-only
// The two counts of a net (get_net/put_net, maybe_get_net, net_passive):
// handles take and drop exactly one reference; maybe_get_net fails once the
// active count reached zero; the last active put queues the cleanup (exits
// run on the worker), while the memory lives until the last passive put.
#include <gtest/gtest.h>

#include <cerrno>
#include <utility>

#include "netns/core/kernel.hpp"
#include "netns/subsys/builtin.hpp"
#include "support/test_util.hpp"

namespace netns {
namespace {

using test::event_log;
using test::gate;
using test::recorder;

class RefcountTest : public ::testing::Test {
 protected:
  event_log log;
  recorder op{log, "R"};
  gate hold;
  kernel k;
};

TEST_F(RefcountTest, ANewNetHasOneActiveAndOnePassiveReference) {
  net_ref n = test::new_net(k);
  ASSERT_TRUE(n);
  EXPECT_EQ(n->count(), 1);
  EXPECT_EQ(n->passive_count(), 1);
  EXPECT_TRUE(n->alive());
  EXPECT_EQ(k.init_net().count(), 1);
}

TEST_F(RefcountTest, CloneAndResetTakeAndDropOneReference) {
  net_ref n = test::new_net(k);
  ASSERT_TRUE(n);
  net_ref c = n.clone();
  EXPECT_EQ(c.get(), n.get());
  EXPECT_EQ(n->count(), 2);
  EXPECT_TRUE(c == n);
  c.reset();
  EXPECT_FALSE(c);
  EXPECT_EQ(n->count(), 1);
  c.reset();  // resetting an empty handle does nothing
  EXPECT_EQ(n->count(), 1);
  net_ref empty;
  EXPECT_FALSE(empty.clone());
}

TEST_F(RefcountTest, MovesTransferTheReferenceWithoutCounting) {
  net_ref n = test::new_net(k);
  net_ref other = test::new_net(k);
  ASSERT_TRUE(n && other);
  net* raw = n.get();
  net* other_raw = other.get();
  auto other_passive = other_raw->get_passive();

  net_ref moved(std::move(n));
  EXPECT_FALSE(n);  // NOLINT(bugprone-use-after-move): moved-from is empty
  EXPECT_EQ(moved.get(), raw);
  EXPECT_EQ(raw->count(), 1);

  // Move-assigning over a handle drops what it held: here the last active
  // reference of `other`, which is then cleaned up.
  other = std::move(moved);
  EXPECT_EQ(other.get(), raw);
  EXPECT_EQ(raw->count(), 1);
  EXPECT_EQ(other_raw->count(), 0);
  k.settle();
  EXPECT_FALSE(other_raw->alive());
  EXPECT_EQ(k.net_count(), 2u);

  net_ref& alias = other;
  other = std::move(alias);  // self-move keeps the reference
  EXPECT_EQ(other.get(), raw);
  EXPECT_EQ(raw->count(), 1);
}

TEST_F(RefcountTest, ReleaseAndAdoptHandOverOneReference) {
  net_ref n = test::new_net(k);
  ASSERT_TRUE(n);
  net* raw = n.release();
  EXPECT_FALSE(n);
  EXPECT_EQ(raw->count(), 1);
  net_ref back = net_ref::adopt(raw);
  EXPECT_EQ(raw->count(), 1);
  net_ref more = net_ref::acquire(raw);
  EXPECT_EQ(raw->count(), 2);
}

TEST_F(RefcountTest, GetNetAndMaybeGetNetOnAnAliveNet) {
  net_ref n = test::new_net(k);
  ASSERT_TRUE(n);
  net_ref g = get_net(*n);
  EXPECT_EQ(g.get(), n.get());
  EXPECT_EQ(n->count(), 2);
  net_ref m = maybe_get_net(*n);
  ASSERT_TRUE(m);
  EXPECT_EQ(m.get(), n.get());
  EXPECT_EQ(n->count(), 3);
  EXPECT_TRUE(net_eq(*m, *n));
  EXPECT_FALSE(net_eq(*m, k.init_net()));
}

// Without CLONE_NEWNET, copy_net_ns is get_net(old): nothing is created or
// charged, whatever the user namespace and uid.
TEST_F(RefcountTest, CopyNetNsWithoutCloneNewnetReturnsOldNet) {
  net_ref n = test::new_net(k);
  ASSERT_TRUE(n);
  const auto allocated = k.stats().nets_allocated.load();
  const long charged = ucount_read(k.init_user_ns(), global_root_uid, ucount_type::net_namespaces);
  for (unsigned long flags : {0UL, static_cast<unsigned long>(CLONE_NEWUSER)}) {
    auto r = copy_net_ns(flags, k.init_user_ns(), *n, kuid{1234});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->get(), n.get());
    EXPECT_EQ(n->count(), 2);
  }
  EXPECT_EQ(n->count(), 1);
  auto i = copy_net_ns(0, k.init_user_ns(), k.init_net(), global_root_uid);
  ASSERT_TRUE(i);
  EXPECT_EQ(i->get(), &k.init_net());
  EXPECT_EQ(k.init_net().count(), 2);
  EXPECT_EQ(k.stats().nets_allocated.load(), allocated);
  EXPECT_EQ(k.net_count(), 2u);
  EXPECT_EQ(ucount_read(k.init_user_ns(), global_root_uid, ucount_type::net_namespaces), charged);
  EXPECT_EQ(ucount_read(k.init_user_ns(), kuid{1234}, ucount_type::net_namespaces), 0);
}

// The last put only queues the cleanup; while it runs (held in an exit) the
// net is dying: its count is 0 and maybe_get_net fails.
TEST_F(RefcountTest, MaybeGetNetFailsWhileTheNetIsDying) {
  op.on_exit = [this](net&) { hold.pass(); };
  ASSERT_TRUE(register_pernet_subsys(k, op.ops));
  auto opener = scope_exit([this] { hold.open(); });
  net_ref n = test::new_net(k);
  ASSERT_TRUE(n);
  net_passive_ref keep = n->get_passive();
  EXPECT_EQ(keep->passive_count(), 2);
  net* raw = n.get();

  n.reset();  // returns at once: the exits run on the worker
  ASSERT_TRUE(hold.wait_entered());
  EXPECT_EQ(raw->count(), 0);
  EXPECT_FALSE(raw->alive());
  EXPECT_FALSE(raw->try_get());
  EXPECT_FALSE(maybe_get_net(*raw));
  EXPECT_EQ(raw->count(), 0) << "a failed maybe_get_net must not leave a reference";
  hold.open();
  k.settle();
  EXPECT_FALSE(raw->try_get());
  unregister_pernet_subsys(k, op.ops);
}

// Passive outlives active: after the last active put and the cleanup, the
// exits ran and the net is cleaned up but not freed; the last passive put
// frees it.
TEST_F(RefcountTest, PassiveReferenceOutlivesTheActiveOnes) {
  ASSERT_TRUE(register_pernet_subsys(k, op.ops));
  net_ref n = test::new_net(k);
  ASSERT_TRUE(n);
  const auto cleaned0 = k.stats().nets_cleaned_up.load();
  const auto freed0 = k.stats().nets_freed.load();
  const int user_refs = k.init_user_ns().refcount_read();
  net_passive_ref keep = n->get_passive();
  net_passive_ref keep2 = keep.clone();
  EXPECT_EQ(keep->passive_count(), 3);
  const auto id = n->ns_id();

  n.reset();
  k.settle();
  EXPECT_EQ(log.nets_of("exit:R"), (test::ids{id}));
  EXPECT_EQ(k.stats().nets_cleaned_up - cleaned0, 1u);
  EXPECT_EQ(k.stats().nets_freed.load(), freed0);
  EXPECT_EQ(k.net_count(), 1u);
  // The memory is still there: readable, count 0, passive 2 (the worker's
  // own passive reference was dropped).
  EXPECT_EQ(keep->ns_id(), id);
  EXPECT_EQ(keep->count(), 0);
  EXPECT_EQ(keep->passive_count(), 2);
  // The cleanup released what the net held besides its memory.
  EXPECT_EQ(k.init_user_ns().refcount_read(), user_refs - 1);
  EXPECT_EQ(ucount_read(k.init_user_ns(), global_root_uid, ucount_type::net_namespaces), 0);

  keep.reset();
  EXPECT_EQ(k.stats().nets_freed.load(), freed0);
  keep2.reset();
  EXPECT_EQ(k.stats().nets_freed - freed0, 1u);
  unregister_pernet_subsys(k, op.ops);
}

// Without passive references the net is freed by the cleanup itself.
TEST_F(RefcountTest, LastActivePutWithoutPassiveFreesAfterCleanup) {
  const auto freed0 = k.stats().nets_freed.load();
  const auto cleaned0 = k.stats().nets_cleaned_up.load();
  net_ref n = test::new_net(k);
  ASSERT_TRUE(n);
  net_ref c = n.clone();
  n.reset();
  k.settle();
  EXPECT_EQ(k.stats().nets_cleaned_up.load(), cleaned0) << "cleaned up with a reference left";
  EXPECT_EQ(c->count(), 1);
  c.reset();
  k.settle();
  EXPECT_EQ(k.stats().nets_cleaned_up - cleaned0, 1u);
  EXPECT_EQ(k.stats().nets_freed - freed0, 1u);
  EXPECT_EQ(k.stats().nets_allocated - k.stats().nets_freed, 1u);  // init_net
}

// A net holds a reference on its owning user namespace until its cleanup.
TEST_F(RefcountTest, ANetPinsItsUserNamespaceUntilCleanup) {
  const int before = k.init_user_ns().refcount_read();
  net_ref n = test::new_net(k);
  ASSERT_TRUE(n);
  EXPECT_EQ(&n->user_ns(), &k.init_user_ns());
  EXPECT_EQ(k.init_user_ns().refcount_read(), before + 1);
  n.reset();
  k.settle();
  EXPECT_EQ(k.init_user_ns().refcount_read(), before);
}

// The passive count keeps the net's inode number readable after cleanup,
// though the number may already be handed out again.
TEST(RefcountBoot, PassiveRefKeepsTheInumReadable) {
  auto k = boot();
  net_ref n = test::new_net(*k);
  ASSERT_TRUE(n);
  const auto inum = n->inum();
  net_passive_ref keep = n->get_passive();
  n.reset();
  k->settle();
  EXPECT_EQ(keep->inum(), inum);
  net_ref again = test::new_net(*k);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->inum(), inum);
  EXPECT_NE(again->ns_id(), keep->ns_id());
}

}  // namespace
}  // namespace netns
