// SPDX-License-Identifier: GPL-2.0-only
// Inode numbers and NS ids (linux-behaviour.md sections 1 and 2): the initial
// namespaces have fixed numbers; new namespaces draw from one dynamic range
// shared by net and user namespaces, lowest free first, and a net gives its
// number back only when it is cleaned up; the 64-bit NS id comes from one
// counter across types and is never reused.
#include <gtest/gtest.h>

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "netns/core/cred.hpp"
#include "netns/core/kernel.hpp"
#include "netns/core/proc_inum.hpp"
#include "netns/subsys/builtin.hpp"
#include "support/test_util.hpp"

namespace netns {
namespace {

using test::event_log;
using test::gate;
using test::recorder;

TEST(Inum, InitialNamespacesHaveFixedNumbersAndIds) {
  auto k = boot();
  EXPECT_EQ(k->init_net().inum(), 4026531833u);
  EXPECT_EQ(k->init_net().inum(), PROC_NET_INIT_INO);
  EXPECT_EQ(k->init_user_ns().inum(), 4026531837u);
  EXPECT_EQ(k->init_user_ns().inum(), PROC_USER_INIT_INO);
  EXPECT_EQ(k->init_net().ns_id(), 3u);
  EXPECT_EQ(k->init_user_ns().ns_id(), 4099u);
  EXPECT_TRUE(k->init_net().is_init());
  EXPECT_EQ(k->init_net().ns().type, static_cast<unsigned long>(CLONE_NEWNET));
  // The fixed numbers are not taken from the dynamic range, and nothing
  // else is until someone looks at a /proc/net: init's entries ("stat",
  // "dev") take theirs at its first lookup.
  EXPECT_EQ(k->inums().in_use(), 0u);
  ASSERT_NE(k->init_net().proc_net(), nullptr);
  EXPECT_EQ(test::init_proc_inums(*k), 2u);
  EXPECT_EQ(k->inums().in_use(), test::init_proc_inums(*k));
}

// A new net takes one number; its /proc/net entries take the lowest free
// ones when its /proc/net is first looked at (on Linux they follow the
// net's number at once: 68 of them on the reference kernel).
TEST(Inum, ANetTakesOneNumberAndItsProcEntriesTheirsAtFirstLookup) {
  auto k = boot();
  net_ref a = test::new_net(*k);
  net_ref b = test::new_net(*k);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->inum(), test::first_free_inum(*k));
  EXPECT_EQ(b->inum(), a->inum() + 1);
  EXPECT_EQ(k->inums().in_use(), 2u);
  EXPECT_EQ(proc_net_peek(*a), nullptr);
  ASSERT_NE(a->proc_net(), nullptr);
  EXPECT_EQ(proc_net_peek(*a), a->proc_net());
  const std::uint32_t entries = static_cast<std::uint32_t>(test::count_proc_entries(*a->proc_net()));
  EXPECT_EQ(entries, 2u);  // stat, dev
  EXPECT_EQ(k->inums().in_use(), 2u + entries);
  EXPECT_EQ(a->proc_net_stat()->low_ino, b->inum() + 1);
  std::set<std::uint32_t> seen;
  for (const std::string& name : pde_readdir(*a->proc_net())) {
    pde_ptr e = pde_lookup(*a->proc_net(), name);
    ASSERT_TRUE(e);
    EXPECT_GT(e->low_ino, b->inum());
    EXPECT_LE(e->low_ino, b->inum() + entries);
    seen.insert(e->low_ino);
  }
  EXPECT_EQ(seen.size(), pde_readdir(*a->proc_net()).size());
  // The next net takes the lowest number still free.
  net_ref c = test::new_net(*k);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->inum(), b->inum() + 1 + entries);
}

TEST(Inum, NewNetsGetDynamicNumbersInOrder) {
  auto k = boot();
  const std::uint32_t base = test::first_free_inum(*k);
  const std::uint32_t stride = 1;  // no /proc/net looked at: one number each
  std::vector<net_ref> nets;
  for (std::uint32_t i = 0; i < 4; ++i) {
    nets.push_back(test::new_net(*k));
    ASSERT_TRUE(nets.back());
    EXPECT_EQ(nets.back()->inum(), base + i * stride);
    EXPECT_EQ(nets.back()->ns().type, static_cast<unsigned long>(CLONE_NEWNET));
  }
  EXPECT_EQ(k->inums().in_use(), test::init_proc_inums(*k) + 4 * stride);
  nets.clear();
  k->settle();
  EXPECT_EQ(k->inums().in_use(), test::init_proc_inums(*k));
}

// Freed numbers come back lowest first.
TEST(Inum, TheLowestFreeNumberIsReusedAfterCleanup) {
  auto k = boot();
  net_ref a = test::new_net(*k), b = test::new_net(*k), c = test::new_net(*k);
  ASSERT_TRUE(a && b && c);
  const auto ia = a->inum(), ib = b->inum(), ic = c->inum();
  b.reset();
  k->settle();
  net_ref d = test::new_net(*k);
  EXPECT_EQ(d->inum(), ib);
  c.reset();
  a.reset();
  k->settle();
  net_ref e = test::new_net(*k), f = test::new_net(*k), g = test::new_net(*k);
  EXPECT_EQ(e->inum(), ia);
  EXPECT_EQ(f->inum(), ic);
  const std::uint32_t stride = 1 + static_cast<std::uint32_t>(test::init_proc_inums(*k));
  EXPECT_EQ(g->inum(), test::first_free_inum(*k) + 3 * stride);
}

// A dying net keeps its number until its cleanup ran the inode subsystem's
// exit; a net made meanwhile gets another one.
TEST(Inum, ANumberIsNotReusedBeforeTheCleanup) {
  event_log log;
  recorder slow(log, "slow");
  gate hold;
  std::atomic<std::uint64_t> blocker{0};
  auto k = boot();
  auto opener = scope_exit([&] { hold.open(); });
  slow.on_exit = [&](net& n) {
    if (n.ns_id() == blocker.load()) hold.pass();
  };
  // After netns_inum, so its exit runs before netns_inum's.
  ASSERT_TRUE(register_pernet_subsys(*k, slow.ops));
  net_ref a = test::new_net(*k);
  ASSERT_TRUE(a);
  const auto ia = a->inum();
  blocker = a->ns_id();
  a.reset();
  ASSERT_TRUE(hold.wait_entered());
  net_ref b = test::new_net(*k);
  ASSERT_TRUE(b);
  EXPECT_NE(b->inum(), ia);
  EXPECT_EQ(b->inum(), ia + 1 + test::init_proc_inums(*k));
  hold.open();
  k->settle();
  net_ref c = test::new_net(*k);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->inum(), ia);
  b.reset();
  c.reset();
  k->settle();
  unregister_pernet_subsys(*k, slow.ops);
}

// One counter for every namespace type, never reused, even after cleanup.
TEST(Inum, NsIdsIncreaseAndAreNeverReused) {
  auto k = boot();
  net_ref a = test::new_net(*k);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->ns_id(), FIRST_DYNAMIC_NS_ID);
  const auto first = a->ns_id();
  a.reset();
  k->settle();
  net_ref b = test::new_net(*k);
  ASSERT_TRUE(b);
  EXPECT_EQ(b->ns_id(), first + 1);
  cred c = cred::root(k->init_user_ns());
  ASSERT_TRUE(create_user_ns(c));
  EXPECT_EQ(c.user_ns->ns_id(), first + 2);
  auto n = copy_net_ns(CLONE_NEWNET, *c.user_ns, k->init_net(), global_root_uid);
  ASSERT_TRUE(n);
  EXPECT_EQ((*n)->ns_id(), first + 3);
  EXPECT_NE((*n)->net_cookie(), b->net_cookie());
  std::uint64_t last = (*n)->ns_id();
  for (int i = 0; i < 20; ++i) {
    net_ref x = test::new_net(*k);
    ASSERT_TRUE(x);
    EXPECT_GT(x->ns_id(), last);
    last = x->ns_id();
    x.reset();
    k->settle();
  }
}

// Net and user namespaces share the allocator: a user namespace made first
// takes the first number (linux-behaviour.md: "the userns number is
// allocated first").
TEST(Inum, UserAndNetNamespacesShareTheAllocator) {
  auto k = boot();
  cred c = cred::root(k->init_user_ns());
  ASSERT_TRUE(create_user_ns(c));
  EXPECT_EQ(c.user_ns->inum(), test::first_free_inum(*k));
  auto n = copy_net_ns(CLONE_NEWNET, *c.user_ns, k->init_net(), global_root_uid);
  ASSERT_TRUE(n);
  EXPECT_EQ((*n)->inum(), test::first_free_inum(*k) + 1);
  EXPECT_EQ(k->inums().in_use(), test::init_proc_inums(*k) * 2 + 2);
  // A freed user-namespace number is reused by a net.
  cred d = cred::root(k->init_user_ns());
  ASSERT_TRUE(create_user_ns(d));
  const auto id = d.user_ns->inum();
  d = cred();
  net_ref m = test::new_net(*k);
  EXPECT_EQ(m->inum(), id);
}

// The allocator itself: lowest free first; fixed numbers are never freed
// into the range.
TEST(Inum, AllocatorHandsOutTheLowestFreeNumber) {
  proc_inum_allocator a;
  std::vector<std::uint32_t> got;
  for (int i = 0; i < 5; ++i) {
    auto r = a.alloc();
    ASSERT_TRUE(r);
    got.push_back(*r);
  }
  EXPECT_EQ(got.front(), PROC_DYNAMIC_FIRST);
  EXPECT_EQ(got.back(), PROC_DYNAMIC_FIRST + 4);
  a.free(got[3]);
  a.free(got[1]);
  EXPECT_EQ(a.in_use(), 3u);
  EXPECT_EQ(*a.alloc(), got[1]);
  EXPECT_EQ(*a.alloc(), got[3]);
  EXPECT_EQ(*a.alloc(), PROC_DYNAMIC_FIRST + 5);
  a.free(PROC_NET_INIT_INO);  // a fixed number: ignored
  EXPECT_EQ(a.in_use(), 6u);
  EXPECT_EQ(*a.alloc(), PROC_DYNAMIC_FIRST + 6);
}

// proc_alloc_inum is ida_alloc_max(..., UINT_MAX - PROC_DYNAMIC_FIRST): the
// maximum is inclusive, so 0xFFFFFFFF is the last number handed out and the
// next allocation is ENOSPC. Disabled by default: it allocates the whole
// range (2^28 numbers, several seconds); run with --gtest_also_run_disabled_tests.
TEST(Inum, DISABLED_TheRangeEndsAtUintMaxInclusive) {
  proc_inum_allocator a;
  std::uint32_t last = 0;
  for (std::uint64_t i = 0; i < 0x10000000ULL; ++i) {
    auto r = a.alloc();
    ASSERT_TRUE(r) << "ENOSPC after " << i << " numbers, last " << last;
    last = *r;
  }
  EXPECT_EQ(last, 0xFFFFFFFFu);
  EXPECT_EQ(a.alloc().code(), errc{ENOSPC});
}

}  // namespace
}  // namespace netns
