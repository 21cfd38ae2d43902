// SPDX-License-Identifier: GPL-2.0-only
// User namespaces (kernel/user_namespace.c, kernel/ucount.c,
// security/commoncap.c): creation and ownership, limits charged per
// (namespace, uid) at every level up to the root, nesting depth, id maps and
// their extent rules, id translation, and cap_capable's rules.
#include <gtest/gtest.h>

#include <cerrno>
#include <climits>
#include <set>
#include <vector>

#include "netns/core/cred.hpp"
#include "netns/core/kernel.hpp"
#include "netns/core/user_namespace.hpp"
#include "support/test_util.hpp"

namespace netns {
namespace {

using extents = std::vector<uid_gid_extent>;

// The credentials of a task of kuid/kgid `id` in ns, with the given caps
// (setuid-like: every uid and gid field set).
cred as_user(user_namespace& ns, std::uint32_t id, cap_set caps = cap_empty_set) {
  cred c = cred::root(ns);
  c.uid = c.euid = c.suid = c.fsuid = kuid{id};
  c.gid = c.egid = c.sgid = c.fsgid = kgid{id};
  c.cap_permitted = c.cap_effective = caps;
  return c;
}

result<net_ref> net_in(kernel& k, user_namespace& ns, kuid euid) {
  return copy_net_ns(CLONE_NEWNET, ns, k.init_net(), euid);
}

long nets_charged(user_namespace& ns, std::uint32_t uid) {
  return ucount_read(ns, kuid{uid}, ucount_type::net_namespaces);
}
long userns_charged(user_namespace& ns, std::uint32_t uid) {
  return ucount_read(ns, kuid{uid}, ucount_type::user_namespaces);
}

class UserNsTest : public ::testing::Test {
 protected:
  // A child of init_user_ns created by kuid/kgid 1000, with 1000 mapped as
  // its root; the returned cred is inside it.
  cred make_child(std::uint32_t creator = 1000, bool map = true) {
    cred c = as_user(k.init_user_ns(), creator);
    auto r = create_user_ns(c);
    EXPECT_TRUE(r) << errno_name(r.error().errnum());
    if (map && r) {
      const extents e{{0, creator, 1}};
      EXPECT_TRUE(c.user_ns->set_uid_map(e));
      EXPECT_TRUE(c.user_ns->set_gid_map(e));
    }
    return c;
  }

  kernel k;
};

TEST_F(UserNsTest, TheInitialUserNamespace) {
  user_namespace& init = k.init_user_ns();
  EXPECT_TRUE(init.is_init());
  EXPECT_EQ(init.parent(), nullptr);
  EXPECT_EQ(init.level(), 0);
  EXPECT_EQ(init.owner(), global_root_uid);
  EXPECT_EQ(init.ns().type, static_cast<unsigned long>(CLONE_NEWUSER));
  EXPECT_EQ(&k.init_net().user_ns(), &init);
  // Identity maps over every id but (u32)-1.
  EXPECT_EQ(make_kuid(init, 0), kuid{0});
  EXPECT_EQ(make_kuid(init, 4294967294U), kuid{4294967294U});
  EXPECT_FALSE(uid_valid(make_kuid(init, 4294967295U)));
  EXPECT_EQ(from_kgid(init, kgid{77}), 77u);
}

TEST_F(UserNsTest, CreateMovesTheCredIntoAChildWithEveryCapability) {
  cred c = as_user(k.init_user_ns(), 1000);
  c.cap_inheritable.raise(CAP_NET_RAW);
  c.cap_ambient.raise(CAP_NET_RAW);
  c.cap_bset = cap_empty_set;
  const auto allocated = k.stats().user_ns_allocated.load();
  ASSERT_TRUE(create_user_ns(c));
  user_namespace& ns = *c.user_ns;
  EXPECT_EQ(ns.parent(), &k.init_user_ns());
  EXPECT_EQ(ns.level(), 1);
  EXPECT_FALSE(ns.is_init());
  EXPECT_EQ(ns.owner(), kuid{1000});
  EXPECT_EQ(ns.group(), kgid{1000});
  EXPECT_EQ(ns.ns().type, static_cast<unsigned long>(CLONE_NEWUSER));
  EXPECT_EQ(c.euid, kuid{1000});  // ids do not change
  EXPECT_EQ(c.cap_effective, cap_full_set);
  EXPECT_EQ(c.cap_permitted, cap_full_set);
  EXPECT_EQ(c.cap_bset, cap_full_set);
  EXPECT_EQ(c.cap_inheritable, cap_empty_set);
  EXPECT_EQ(c.cap_ambient, cap_empty_set);
  EXPECT_FALSE(ns.uid_map().written());
  EXPECT_EQ(k.stats().user_ns_allocated - allocated, 1u);
  // The creation is charged to the creator in the parent.
  EXPECT_EQ(userns_charged(k.init_user_ns(), 1000), 1);
  ASSERT_NE(ns.creator_ucounts(), nullptr);
  EXPECT_EQ(ns.creator_ucounts()->ns, &k.init_user_ns());
  EXPECT_EQ(ns.creator_ucounts()->uid, kuid{1000});
}

// Inode numbers come from the shared dynamic allocator, NS ids from the one
// 64-bit counter: distinct, ids increasing.
TEST_F(UserNsTest, InodeNumbersAndNsIdsAreUnique) {
  std::vector<cred> creds;
  std::set<std::uint32_t> inums;
  std::uint64_t last_id = 0;
  for (int i = 0; i < 4; ++i) {
    creds.push_back(make_child());
    const user_namespace& ns = *creds.back().user_ns;
    EXPECT_GE(ns.inum(), PROC_DYNAMIC_FIRST);
    EXPECT_TRUE(inums.insert(ns.inum()).second);
    EXPECT_GE(ns.ns_id(), FIRST_DYNAMIC_NS_ID);
    EXPECT_GT(ns.ns_id(), last_id);
    last_id = ns.ns_id();
  }
  EXPECT_EQ(*inums.begin(), PROC_DYNAMIC_FIRST);
  EXPECT_EQ(k.inums().in_use(), 4u);
}

TEST_F(UserNsTest, DefaultLimits) {
  EXPECT_EQ(k.init_user_ns().ucount_max(ucount_type::net_namespaces),
            kernel_config{}.max_net_namespaces);
  EXPECT_EQ(kernel_config{}.max_net_namespaces, ucount_max_for_memory(host_memory_bytes()));
  EXPECT_EQ(k.init_user_ns().ucount_max(ucount_type::user_namespaces),
            ucount_max_for_memory(host_memory_bytes()));
  cred c = make_child();
  EXPECT_EQ(c.user_ns->ucount_max(ucount_type::net_namespaces), 2147483647);
  EXPECT_EQ(c.user_ns->ucount_max(ucount_type::user_namespaces), 2147483647);

  kernel custom(kernel_config{.max_net_namespaces = 7, .max_user_namespaces = 9});
  EXPECT_EQ(custom.init_user_ns().ucount_max(ucount_type::net_namespaces), 7);
  EXPECT_EQ(custom.init_user_ns().ucount_max(ucount_type::user_namespaces), 9);
}

// set_max_threads: an 8th of the memory in 16 KiB stacks, clamped to
// [MIN_THREADS, FUTEX_TID_MASK]; fork_init gives init_user_ns half of it.
TEST(MaxThreads, DerivedFromMemoryAsLinuxDoes) {
  EXPECT_EQ(max_threads_for_memory(std::uint64_t{8} << 30), 65536u);  // 8 GiB
  EXPECT_EQ(ucount_max_for_memory(std::uint64_t{8} << 30), 32768);
  // A machine whose threads-max reads 192735 (24 GiB less what boot took).
  EXPECT_EQ(ucount_max_for_memory(std::uint64_t{192735} * 131072 + 131071), 96367);
  EXPECT_EQ(max_threads_for_memory(0), 20u);                            // MIN_THREADS
  EXPECT_EQ(max_threads_for_memory(std::uint64_t{1} << 20), 20u);       // 1 MiB: 8, clamped
  EXPECT_EQ(max_threads_for_memory(~std::uint64_t{0}), 0x3fffffffu);   // FUTEX_TID_MASK
  EXPECT_GT(host_memory_bytes(), 0u);
}

// inotify and fanotify: 128 instances and groups; watches and marks 1% of
// the memory at about 1.3 KB each, within [8192, 1048576] (the reference
// kernel on 24 GiB: 192543 and 205046). A child user namespace: INT_MAX.
TEST_F(UserNsTest, NotifyLimitsDerivedFromMemory) {
  const std::uint64_t ref = std::uint64_t{24683748} * 1024;
  EXPECT_NEAR(inotify_watches_for_memory(ref), 192543, 192543 / 200);
  EXPECT_NEAR(fanotify_marks_for_memory(ref), 205046, 205046 / 200);
  EXPECT_EQ(inotify_watches_for_memory(std::uint64_t{64} << 20), 8192);
  EXPECT_EQ(fanotify_marks_for_memory(std::uint64_t{1} << 50), 1048576);
  EXPECT_EQ(k.init_user_ns().ucount_max(ucount_type::inotify_instances), 128);
  EXPECT_EQ(k.init_user_ns().ucount_max(ucount_type::fanotify_groups), 128);
  EXPECT_EQ(k.init_user_ns().ucount_max(ucount_type::inotify_watches),
            inotify_watches_for_memory(host_memory_bytes()));
  cred c = make_child();
  EXPECT_EQ(c.user_ns->ucount_max(ucount_type::inotify_watches), 2147483647);
}

// The sysctl's range is 0..INT_MAX.
TEST_F(UserNsTest, SetUcountMaxAcceptsZeroToIntMax) {
  cred c = make_child();
  user_namespace& ns = *c.user_ns;
  for (auto t : {ucount_type::net_namespaces, ucount_type::user_namespaces}) {
    EXPECT_EQ(ns.set_ucount_max(t, -1).code(), errc{EINVAL});
    EXPECT_EQ(ns.set_ucount_max(t, 2147483648L).code(), errc{EINVAL});
    EXPECT_EQ(ns.set_ucount_max(t, LONG_MIN).code(), errc{EINVAL});
    EXPECT_EQ(ns.ucount_max(t), INT_MAX) << "a refused write changed the limit";
    EXPECT_TRUE(ns.set_ucount_max(t, 0));
    EXPECT_EQ(ns.ucount_max(t), 0);
    EXPECT_TRUE(ns.set_ucount_max(t, 3));
    EXPECT_EQ(ns.ucount_max(t), 3);
    EXPECT_TRUE(ns.set_ucount_max(t, INT_MAX));
  }
}

// linux-behaviour.md §5: with max=3 in a child, #4 is ENOSPC; a slot comes
// back once a net is cleaned up (not at the put: release is asynchronous).
TEST_F(UserNsTest, NetNamespaceLimitInAChild) {
  cred c = make_child();
  user_namespace& ns = *c.user_ns;
  ASSERT_TRUE(ns.set_ucount_max(ucount_type::net_namespaces, 3));
  std::vector<net_ref> nets;
  for (int i = 0; i < 3; ++i) {
    auto r = net_in(k, ns, kuid{1000});
    ASSERT_TRUE(r) << i;
    EXPECT_EQ(&(*r)->user_ns(), &ns);
    nets.push_back(std::move(*r));
  }
  const auto allocated = k.stats().nets_allocated.load();
  EXPECT_EQ(net_in(k, ns, kuid{1000}).code(), errc{ENOSPC});
  EXPECT_EQ(k.stats().nets_allocated.load(), allocated) << "ENOSPC comes before any allocation";
  EXPECT_EQ(nets_charged(ns, 1000), 3);
  // Charged at every level: the child's creator in init_user_ns too.
  EXPECT_EQ(nets_charged(k.init_user_ns(), 1000), 3);

  // Lowering below the usage is allowed; existing nets stay.
  ASSERT_TRUE(ns.set_ucount_max(ucount_type::net_namespaces, 1));
  EXPECT_EQ(net_in(k, ns, kuid{1000}).code(), errc{ENOSPC});
  ASSERT_TRUE(ns.set_ucount_max(ucount_type::net_namespaces, 3));

  nets.pop_back();
  k.settle();
  EXPECT_EQ(nets_charged(ns, 1000), 2);
  auto again = net_in(k, ns, kuid{1000});
  ASSERT_TRUE(again);
  EXPECT_EQ(net_in(k, ns, kuid{1000}).code(), errc{ENOSPC});
}

// A namespace's limit is per (namespace, uid): another uid has its own count.
TEST_F(UserNsTest, TheLimitCountsEachUidSeparately) {
  cred c = make_child();
  user_namespace& ns = *c.user_ns;
  ASSERT_TRUE(ns.set_ucount_max(ucount_type::net_namespaces, 1));
  auto a = net_in(k, ns, kuid{1000});
  ASSERT_TRUE(a);
  EXPECT_EQ(net_in(k, ns, kuid{1000}).code(), errc{ENOSPC});
  auto b = net_in(k, ns, kuid{1001});
  ASSERT_TRUE(b);
  EXPECT_EQ(nets_charged(ns, 1001), 1);
  // Both are charged to the namespace's creator one level up.
  EXPECT_EQ(nets_charged(k.init_user_ns(), 1000), 2);
}

// linux-behaviour.md §5: a grandchild (limit 100) under a child (limit 3)
// with 2 nets already at child level, same creator uid: one more, then
// ENOSPC. The failed attempt leaves no partial charge.
TEST_F(UserNsTest, TheLimitIsHierarchical) {
  cred c = make_child();
  user_namespace& child = *c.user_ns;
  ASSERT_TRUE(child.set_ucount_max(ucount_type::net_namespaces, 3));
  auto n1 = net_in(k, child, kuid{1000});
  auto n2 = net_in(k, child, kuid{1000});
  ASSERT_TRUE(n1 && n2);

  cred g = c;  // child's root (kuid 1000) creates the grandchild
  ASSERT_TRUE(create_user_ns(g));
  user_namespace& grand = *g.user_ns;
  EXPECT_EQ(grand.level(), 2);
  EXPECT_EQ(grand.owner(), kuid{1000});
  EXPECT_EQ(grand.ucount_max(ucount_type::net_namespaces), INT_MAX);
  ASSERT_TRUE(grand.set_ucount_max(ucount_type::net_namespaces, 100));

  auto g1 = net_in(k, grand, kuid{1000});
  ASSERT_TRUE(g1);
  EXPECT_EQ(net_in(k, grand, kuid{1000}).code(), errc{ENOSPC});
  EXPECT_EQ(nets_charged(grand, 1000), 1) << "the failed charge was not undone below the limit";
  EXPECT_EQ(nets_charged(child, 1000), 3);
  EXPECT_EQ(nets_charged(k.init_user_ns(), 1000), 3);

  n1->reset();
  k.settle();
  auto g2 = net_in(k, grand, kuid{1000});
  EXPECT_TRUE(g2);
}

// The initial namespace's limit is kernel_config's.
TEST(UserNsLimits, InitLimitComesFromTheConfig) {
  kernel k(kernel_config{.max_net_namespaces = 2});
  auto a = net_in(k, k.init_user_ns(), global_root_uid);
  auto b = net_in(k, k.init_user_ns(), global_root_uid);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(net_in(k, k.init_user_ns(), global_root_uid).code(), errc{ENOSPC});
  EXPECT_EQ(nets_charged(k.init_user_ns(), 0), 2);  // init_net is not charged
}

// create_user_ns refuses a parent whose level is above 32: 33 levels below
// init_user_ns, no more.
TEST_F(UserNsTest, NestingStopsBelowLevel33) {
  const auto freed0 = k.stats().user_ns_freed.load();
  cred c = cred::root(k.init_user_ns());
  const extents root_only{{0, 0, 1}};
  for (int level = 1; level <= 33; ++level) {
    ASSERT_TRUE(create_user_ns(c)) << "level " << level;
    ASSERT_EQ(c.user_ns->level(), level);
    ASSERT_TRUE(c.user_ns->set_uid_map(root_only));
    ASSERT_TRUE(c.user_ns->set_gid_map(root_only));
  }
  user_namespace* deepest = c.user_ns.get();
  EXPECT_EQ(create_user_ns(c).code(), errc{ENOSPC});
  EXPECT_EQ(c.user_ns.get(), deepest) << "a failed create changed the cred";
  EXPECT_EQ(userns_charged(*deepest, 0), 0);
  // Each level holds its parent: dropping the deepest frees all 33.
  c = cred();
  EXPECT_EQ(k.stats().user_ns_freed - freed0, 33u);
  EXPECT_EQ(userns_charged(k.init_user_ns(), 0), 0);
}

// max_user_namespaces is charged like nets: per uid, at every level.
TEST(UserNsLimits, MaxUserNamespaces) {
  kernel k(kernel_config{.max_user_namespaces = 2});
  cred a = as_user(k.init_user_ns(), 1000);
  ASSERT_TRUE(create_user_ns(a));
  const extents e{{0, 1000, 1}};
  ASSERT_TRUE(a.user_ns->set_uid_map(e));
  ASSERT_TRUE(a.user_ns->set_gid_map(e));
  // A grandchild by the same uid counts against init's limit for 1000 too.
  cred g = a;
  ASSERT_TRUE(create_user_ns(g));
  EXPECT_EQ(userns_charged(k.init_user_ns(), 1000), 2);
  EXPECT_EQ(userns_charged(*a.user_ns, 1000), 1);
  cred g2 = a;
  EXPECT_EQ(create_user_ns(g2).code(), errc{ENOSPC});
  EXPECT_EQ(g2.user_ns.get(), a.user_ns.get());
  EXPECT_EQ(userns_charged(*a.user_ns, 1000), 1);
  cred b = as_user(k.init_user_ns(), 1000);
  EXPECT_EQ(create_user_ns(b).code(), errc{ENOSPC});
  cred other = as_user(k.init_user_ns(), 2000);
  EXPECT_TRUE(create_user_ns(other));
  // A child's own limit applies to what is created in it.
  ASSERT_TRUE(a.user_ns->set_ucount_max(ucount_type::user_namespaces, 0));
  g = cred();
  cred g3 = a;
  EXPECT_EQ(create_user_ns(g3).code(), errc{ENOSPC});
}

// The creator must have a mapping in the parent (uid and gid), or EPERM;
// the charge taken first is given back.
TEST_F(UserNsTest, CreatorWithoutAMappingIsEPERM) {
  cred c = make_child(1000, /*map=*/false);
  user_namespace* child = c.user_ns.get();
  cred inner = c;
  EXPECT_EQ(create_user_ns(inner).code(), errc{EPERM});
  EXPECT_EQ(inner.user_ns.get(), child);
  EXPECT_EQ(userns_charged(*child, 1000), 0);

  const extents e{{0, 1000, 1}};
  ASSERT_TRUE(child->set_uid_map(e));  // uid mapped, gid not yet
  EXPECT_EQ(create_user_ns(inner).code(), errc{EPERM});
  ASSERT_TRUE(child->set_gid_map(e));
  EXPECT_TRUE(create_user_ns(inner));
}

TEST_F(UserNsTest, CreateFaultsLeakNothing) {
  for (auto [point, err] :
       {std::pair{fault_point::user_ns_alloc, ENOMEM}, std::pair{fault_point::inum_alloc, ENOMEM},
        std::pair{fault_point::ucounts_alloc, ENOSPC}}) {
    SCOPED_TRACE(static_cast<int>(point));
    const auto allocated = k.stats().user_ns_allocated.load();
    const auto inums = k.inums().in_use();
    cred c = as_user(k.init_user_ns(), 3000);
    const int refs = k.init_user_ns().refcount_read();
    k.faults().arm(point, 1);
    EXPECT_EQ(create_user_ns(c).code(), errc{err});
    EXPECT_EQ(c.user_ns.get(), &k.init_user_ns());
    EXPECT_EQ(k.stats().user_ns_allocated.load(), allocated);
    EXPECT_EQ(k.inums().in_use(), inums);
    EXPECT_EQ(userns_charged(k.init_user_ns(), 3000), 0);
    EXPECT_EQ(k.init_user_ns().refcount_read(), refs);
    k.faults().disarm_all();
  }
}

// ---- id maps -------------------------------------------------------------------

TEST_F(UserNsTest, AMapIsWrittenOnce) {
  cred c = make_child(1000, false);
  user_namespace& ns = *c.user_ns;
  const extents e{{0, 1000, 1}};
  ASSERT_TRUE(ns.set_uid_map(e));
  EXPECT_TRUE(ns.uid_map().written());
  EXPECT_EQ(ns.set_uid_map(e).code(), errc{EPERM});
  EXPECT_EQ(ns.set_uid_map(extents{}).code(), errc{EPERM}) << "EPERM comes before validation";
  // The gid map is separate.
  EXPECT_FALSE(ns.gid_map().written());
  ASSERT_TRUE(ns.set_gid_map(e));
  EXPECT_EQ(ns.set_gid_map(e).code(), errc{EPERM});
}

struct bad_map {
  const char* what;
  extents map;
};

// Each is EINVAL, and a refused write does not use up the one write.
TEST_F(UserNsTest, ExtentRules) {
  const std::uint32_t max = 4294967295U;
  std::vector<bad_map> bad = {
      {"empty", {}},
      {"count 0", {{0, 1000, 0}}},
      {"upper range wraps", {{max - 5, 1000, 10}}},
      {"lower range wraps", {{0, max - 5, 10}}},
      {"first is (u32)-1", {{max, 1000, 1}}},
      {"lower first is (u32)-1", {{0, max, 1}}},
      {"upper ranges overlap", {{0, 1000, 10}, {9, 2000, 5}}},
      {"upper range inside another", {{0, 1000, 10}, {3, 2000, 2}}},
      {"lower ranges overlap", {{0, 1000, 10}, {100, 1009, 5}}},
      {"lower range contains another", {{0, 1000, 2}, {100, 999, 10}}},
      {"same extent twice", {{0, 1000, 1}, {0, 1000, 1}}},
  };
  extents too_many;
  for (std::uint32_t i = 0; i <= UID_GID_MAP_MAX_EXTENTS; ++i) too_many.push_back({i, i, 1});
  bad.push_back({"341 extents", too_many});
  for (const bad_map& b : bad) {
    SCOPED_TRACE(b.what);
    cred c = make_child(1000, false);
    EXPECT_EQ(c.user_ns->set_uid_map(b.map).code(), errc{EINVAL});
    EXPECT_EQ(c.user_ns->set_gid_map(b.map).code(), errc{EINVAL});
    EXPECT_FALSE(c.user_ns->uid_map().written());
    EXPECT_TRUE(c.user_ns->set_uid_map(extents{{0, 1000, 1}}));
  }
}

TEST_F(UserNsTest, ExtentsThatAreValid) {
  const std::uint32_t max = 4294967295U;
  std::vector<extents> good = {
      {{0, 1000, 1}},
      {{0, 1000, 10}, {10, 1010, 10}},  // adjacent
      {{0, 0, max}},                    // everything but (u32)-1
      {{max - 1, 5, 1}},                // the last valid id
      {{5, 1000, 1}, {0, 2000, 5}},     // any order
  };
  extents most;
  for (std::uint32_t i = 0; i < UID_GID_MAP_MAX_EXTENTS; ++i) most.push_back({i, 5000 + i, 1});
  good.push_back(most);
  for (const extents& e : good) {
    cred c = make_child(1000, false);
    EXPECT_TRUE(c.user_ns->set_uid_map(e)) << e.size() << " extents";
    EXPECT_EQ(c.user_ns->uid_map().extents().size(), e.size());
  }
}

// Lower ids are the parent's; every one must be mapped there, or EPERM.
TEST_F(UserNsTest, LowerRangeMustBeMappedInTheParent) {
  cred c = make_child(1000, false);
  ASSERT_TRUE(c.user_ns->set_uid_map(extents{{0, 1000, 10}}));
  ASSERT_TRUE(c.user_ns->set_gid_map(extents{{0, 1000, 10}}));
  cred g = c;
  ASSERT_TRUE(create_user_ns(g));
  user_namespace& grand = *g.user_ns;
  EXPECT_EQ(grand.set_uid_map(extents{{0, 10, 1}}).code(), errc{EPERM});  // 10 unmapped
  EXPECT_EQ(grand.set_uid_map(extents{{0, 5, 6}}).code(), errc{EPERM});   // 10 unmapped
  EXPECT_EQ(grand.set_uid_map(extents{{0, 0, 1}, {1, 50, 1}}).code(), errc{EPERM});
  EXPECT_FALSE(grand.uid_map().written());
  // Stored as kernel ids: child's 5..9 are kernel 1005..1009.
  ASSERT_TRUE(grand.set_uid_map(extents{{100, 5, 5}}));
  ASSERT_EQ(grand.uid_map().extents().size(), 1u);
  EXPECT_EQ(grand.uid_map().extents()[0], (uid_gid_extent{100, 1005, 5}));
  EXPECT_EQ(make_kuid(grand, 101), kuid{1006});
  EXPECT_EQ(from_kuid(grand, kuid{1009}), 104u);
  EXPECT_EQ(from_kuid(grand, kuid{1004}), invalid_id);
}

TEST_F(UserNsTest, IdTranslation) {
  cred c = make_child(1000, false);
  user_namespace& ns = *c.user_ns;
  EXPECT_FALSE(uid_valid(make_kuid(ns, 0))) << "nothing is mapped before the map is written";
  ASSERT_TRUE(ns.set_uid_map(extents{{0, 1000, 10}, {100, 5000, 1}}));
  ASSERT_TRUE(ns.set_gid_map(extents{{0, 2000, 1}}));
  EXPECT_EQ(make_kuid(ns, 0), kuid{1000});
  EXPECT_EQ(make_kuid(ns, 9), kuid{1009});
  EXPECT_EQ(make_kuid(ns, 100), kuid{5000});
  EXPECT_FALSE(uid_valid(make_kuid(ns, 10)));
  EXPECT_FALSE(uid_valid(make_kuid(ns, 99)));
  EXPECT_EQ(from_kuid(ns, kuid{1005}), 5u);
  EXPECT_EQ(from_kuid(ns, kuid{5000}), 100u);
  EXPECT_EQ(from_kuid(ns, kuid{999}), invalid_id);
  EXPECT_EQ(from_kuid(ns, kuid{1010}), invalid_id);
  EXPECT_EQ(from_kuid_munged(ns, kuid{999}), 65534u);
  EXPECT_EQ(from_kuid_munged(ns, kuid{1001}), 1u);
  EXPECT_TRUE(kuid_has_mapping(ns, kuid{1000}));
  EXPECT_FALSE(kuid_has_mapping(ns, kuid{0}));
  EXPECT_EQ(make_kgid(ns, 0), kgid{2000});
  EXPECT_FALSE(gid_valid(make_kgid(ns, 1)));
  EXPECT_EQ(from_kgid(ns, kgid{2000}), 0u);
  EXPECT_EQ(from_kgid_munged(ns, kgid{1000}), 65534u);
  EXPECT_FALSE(kgid_has_mapping(ns, kgid{1000}));
  // Round trip through the init namespace's identity map.
  EXPECT_EQ(from_kuid(k.init_user_ns(), make_kuid(ns, 3)), 1003u);
}

TEST_F(UserNsTest, InUserns) {
  cred c = make_child();
  cred g = c;
  ASSERT_TRUE(create_user_ns(g));
  cred s = make_child(2000);
  user_namespace &init = k.init_user_ns(), &child = *c.user_ns, &grand = *g.user_ns;
  EXPECT_TRUE(in_userns(init, grand));
  EXPECT_TRUE(in_userns(child, grand));
  EXPECT_TRUE(in_userns(grand, grand));
  EXPECT_FALSE(in_userns(grand, child));
  EXPECT_FALSE(in_userns(*s.user_ns, grand));
  EXPECT_FALSE(in_userns(child, *s.user_ns));
}

// create_user_ns checks the limit before the creator's mapping: at the
// limit an unmapped creator gets ENOSPC, not EPERM.
TEST_F(UserNsTest, TheLimitIsCheckedBeforeTheMapping) {
  cred c = make_child(1000, /*map=*/false);
  ASSERT_TRUE(c.user_ns->set_ucount_max(ucount_type::user_namespaces, 0));
  cred inner = c;
  EXPECT_EQ(create_user_ns(inner).code(), errc{ENOSPC});
}

// map_id_range_down needs the whole range inside one extent of the parent:
// a range over two adjacent parent extents is EPERM even though every id
// in it is mapped.
TEST_F(UserNsTest, ALowerRangeAcrossTwoParentExtentsIsEPERM) {
  cred c = make_child(1000, false);
  ASSERT_TRUE(c.user_ns->set_uid_map(extents{{0, 1000, 5}, {5, 1005, 5}}));
  ASSERT_TRUE(c.user_ns->set_gid_map(extents{{0, 1000, 5}, {5, 1005, 5}}));
  cred g = c;
  ASSERT_TRUE(create_user_ns(g));
  EXPECT_EQ(g.user_ns->set_uid_map(extents{{0, 3, 4}}).code(), errc{EPERM});
  EXPECT_TRUE(g.user_ns->set_uid_map(extents{{0, 3, 2}, {2, 5, 2}}));
  EXPECT_EQ(make_kuid(*g.user_ns, 3), kuid{1006});
}

// ---- capabilities ----------------------------------------------------------------

TEST_F(UserNsTest, CapableInOwnNamespacePerEffectiveSet) {
  cred root = cred::root(k.init_user_ns());
  EXPECT_TRUE(ns_capable(root, k.init_user_ns(), CAP_SYS_ADMIN));
  EXPECT_TRUE(ns_capable(root, k.init_user_ns(), CAP_LAST_CAP));
  cred limited = root;
  limited.cap_effective.drop(CAP_SYS_ADMIN);
  EXPECT_FALSE(ns_capable(limited, k.init_user_ns(), CAP_SYS_ADMIN));
  EXPECT_TRUE(ns_capable(limited, k.init_user_ns(), CAP_NET_ADMIN));
  // Permitted but not effective does not count.
  limited.cap_permitted = cap_full_set;
  EXPECT_FALSE(ns_capable(limited, k.init_user_ns(), CAP_SYS_ADMIN));
  cred nobody = as_user(k.init_user_ns(), 65534);
  EXPECT_FALSE(ns_capable(nobody, k.init_user_ns(), CAP_NET_ADMIN));
}

TEST_F(UserNsTest, RootOfInitIsCapableInEveryDescendant) {
  cred c = make_child();
  cred g = c;
  ASSERT_TRUE(create_user_ns(g));
  cred root = cred::root(k.init_user_ns());
  EXPECT_TRUE(ns_capable(root, *c.user_ns, CAP_SYS_ADMIN));
  EXPECT_TRUE(ns_capable(root, *g.user_ns, CAP_NET_ADMIN));
  // An ancestor's capability must be effective there.
  root.cap_effective.drop(CAP_NET_ADMIN);
  EXPECT_FALSE(ns_capable(root, *g.user_ns, CAP_NET_ADMIN));
}

// The owner of a child namespace has every capability in it and below, even
// with none of its own.
TEST_F(UserNsTest, TheOwnerIsCapableInItsChildWithoutCapabilities) {
  cred c = make_child(1000);
  cred g = c;
  ASSERT_TRUE(create_user_ns(g));
  cred owner = as_user(k.init_user_ns(), 1000);  // no capabilities at all
  EXPECT_FALSE(ns_capable(owner, k.init_user_ns(), CAP_SYS_ADMIN));
  EXPECT_TRUE(ns_capable(owner, *c.user_ns, CAP_SYS_ADMIN));
  EXPECT_TRUE(ns_capable(owner, *g.user_ns, CAP_SYS_ADMIN));
  cred stranger = as_user(k.init_user_ns(), 2000);
  EXPECT_FALSE(ns_capable(stranger, *c.user_ns, CAP_SYS_ADMIN));
  EXPECT_FALSE(ns_capable(stranger, *g.user_ns, CAP_SYS_ADMIN));
}

// The owner rule applies only to a child of the cred's own namespace: being
// the owner of a grandchild whose parent someone else owns gives nothing.
TEST_F(UserNsTest, OwningAGrandchildGivesNoCapabilityFromAbove) {
  // A child owned by root that maps kuid 1000; inside it, 1000 creates a
  // grandchild, which kuid 1000 then owns.
  cred c = as_user(k.init_user_ns(), 0);
  ASSERT_TRUE(create_user_ns(c));
  const extents e{{0, 0, 1}, {1000, 1000, 1}};
  ASSERT_TRUE(c.user_ns->set_uid_map(e));
  ASSERT_TRUE(c.user_ns->set_gid_map(e));
  cred by_1000 = c;
  by_1000.euid = by_1000.uid = kuid{1000};
  by_1000.egid = by_1000.gid = kgid{1000};
  ASSERT_TRUE(create_user_ns(by_1000));
  user_namespace& grand = *by_1000.user_ns;
  EXPECT_EQ(grand.owner(), kuid{1000});

  // From init_user_ns, kuid 1000 without caps is not capable there: the
  // grandchild's parent is not the cred's namespace, and the child's owner
  // is root.
  cred outsider = as_user(k.init_user_ns(), 1000);
  EXPECT_FALSE(ns_capable(outsider, grand, CAP_SYS_ADMIN));
  // From inside the child, kuid 1000 owns a child of its namespace: capable.
  cred in_child = c;
  in_child.euid = kuid{1000};
  in_child.cap_effective = cap_empty_set;
  EXPECT_TRUE(ns_capable(in_child, grand, CAP_SYS_ADMIN));
  EXPECT_FALSE(ns_capable(in_child, *c.user_ns, CAP_SYS_ADMIN));
}

TEST_F(UserNsTest, ACredInAChildHasNoCapabilityInTheParentOrASibling) {
  cred c = make_child(1000);
  cred s = make_child(1000);  // sibling, same owner
  EXPECT_TRUE(ns_capable(c, *c.user_ns, CAP_SYS_ADMIN));
  EXPECT_FALSE(ns_capable(c, k.init_user_ns(), CAP_SYS_ADMIN));
  EXPECT_FALSE(ns_capable(c, k.init_user_ns(), CAP_NET_ADMIN));
  EXPECT_FALSE(ns_capable(c, *s.user_ns, CAP_SYS_ADMIN));
  cred lacking = c;
  lacking.cap_effective.drop(CAP_NET_ADMIN);
  EXPECT_FALSE(ns_capable(lacking, *c.user_ns, CAP_NET_ADMIN));
  EXPECT_TRUE(ns_capable(lacking, *c.user_ns, CAP_SYS_ADMIN));
}

// ---- lifetime --------------------------------------------------------------------

TEST_F(UserNsTest, CredCopiesHoldReferences) {
  cred c = make_child();
  user_namespace* ns = c.user_ns.get();
  EXPECT_EQ(ns->refcount_read(), 1);
  cred copy = c;
  EXPECT_EQ(ns->refcount_read(), 2);
  cred assigned;
  assigned = c;
  EXPECT_EQ(ns->refcount_read(), 3);
  cred moved = std::move(copy);
  EXPECT_EQ(ns->refcount_read(), 3);
}

// Freed at the last put; the charge in the parent and the inode number go
// back with it.
TEST_F(UserNsTest, FreedAtTheLastReferenceWithItsChargeAndInum) {
  const auto freed0 = k.stats().user_ns_freed.load();
  cred c = make_child(1000);
  const auto inum = c.user_ns->inum();
  EXPECT_EQ(userns_charged(k.init_user_ns(), 1000), 1);
  cred copy = c;
  c = cred();
  EXPECT_EQ(k.stats().user_ns_freed.load(), freed0);
  copy = cred();
  EXPECT_EQ(k.stats().user_ns_freed - freed0, 1u);
  EXPECT_EQ(userns_charged(k.init_user_ns(), 1000), 0);
  EXPECT_EQ(k.inums().in_use(), 0u);
  cred again = make_child(1000);
  EXPECT_EQ(again.user_ns->inum(), inum);
  EXPECT_EQ(k.stats().user_ns_allocated - k.stats().user_ns_freed, 2u);  // init + again
}

// A child holds its parent: the parent goes with the last child.
TEST_F(UserNsTest, AChildKeepsItsParentAlive) {
  const auto freed0 = k.stats().user_ns_freed.load();
  cred c = make_child(1000);
  cred g = c;
  ASSERT_TRUE(create_user_ns(g));
  EXPECT_EQ(userns_charged(*c.user_ns, 1000), 1);
  c = cred();
  EXPECT_EQ(k.stats().user_ns_freed.load(), freed0);
  EXPECT_EQ(g.user_ns->parent()->level(), 1);
  g = cred();
  EXPECT_EQ(k.stats().user_ns_freed - freed0, 2u);
  EXPECT_EQ(userns_charged(k.init_user_ns(), 1000), 0);
}

// A net pins its owning user namespace until the net is cleaned up.
TEST_F(UserNsTest, ANetKeepsItsUserNamespaceAlive) {
  const auto freed0 = k.stats().user_ns_freed.load();
  cred c = make_child(1000);
  auto n = net_in(k, *c.user_ns, kuid{1000});
  ASSERT_TRUE(n);
  c = cred();
  k.settle();
  EXPECT_EQ(k.stats().user_ns_freed.load(), freed0);
  n->reset();
  k.settle();
  EXPECT_EQ(k.stats().user_ns_freed - freed0, 1u);
  EXPECT_EQ(nets_charged(k.init_user_ns(), 1000), 0);
  EXPECT_EQ(userns_charged(k.init_user_ns(), 1000), 0);
}

}  // namespace
}  // namespace netns
