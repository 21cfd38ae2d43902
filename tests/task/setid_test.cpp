// SPDX-License-Identifier: GPL-2.0-only
// The set*id family, setgroups, capset and the capability prctls
// (kernel/sys.c, security/commoncap.c): who may become whom, what the
// saved and filesystem ids follow, which capabilities survive.
#include <sys/prctl.h>

#include <gtest/gtest.h>

#include <array>

#include "netns/machine/machine.hpp"
#include "netns/task/syscalls.hpp"
#include "support/task_util.hpp"

namespace netns {
namespace {

using test::spawn;

constexpr std::uint32_t keep = invalid_id;

class SetId : public ::testing::Test {
 protected:
  SetId() : init(m.init_task()) {}
  machine m;
  task& init;
};

std::array<std::uint32_t, 3> uids(const task& t) {
  auto ids = task_ids(t);
  return {ids.uid[0], ids.uid[1], ids.uid[2]};
}

TEST_F(SetId, RootBecomesAnyoneAndLosesItsCapabilitiesWithRoot) {
  auto t = spawn(m, init);
  ASSERT_TRUE(sys_setuid(*t, 1000));
  EXPECT_EQ(uids(*t), (std::array<std::uint32_t, 3>{1000, 1000, 1000}));
  const cred c = t->creds();
  EXPECT_EQ(c.cap_permitted, cap_empty_set);
  EXPECT_EQ(c.cap_effective, cap_empty_set);
  // Without CAP_SETUID only the real and saved ids are reachable.
  EXPECT_EQ(sys_setuid(*t, 0).error().code.value, EPERM);
  EXPECT_EQ(sys_setresuid(*t, keep, 0, keep).error().code.value, EPERM);
  // An id the task's user namespace does not map is EINVAL.
  auto u = spawn(m, init);
  ASSERT_TRUE(sys_unshare(*u, CLONE_NEWUSER));
  EXPECT_EQ(sys_setuid(*u, 0).error().code.value, EINVAL);
}

TEST_F(SetId, KeepCapsKeepsThePermittedSetAcrossLeavingRoot) {
  auto t = spawn(m, init);
  ASSERT_TRUE(sys_prctl_caps(*t, PR_SET_KEEPCAPS, 1, 0, 0, 0));
  EXPECT_EQ(*sys_prctl_caps(*t, PR_GET_KEEPCAPS, 0, 0, 0, 0), 1);
  ASSERT_TRUE(sys_setresuid(*t, 1000, 1000, 1000));
  const cred c = t->creds();
  EXPECT_EQ(c.cap_permitted, cap_full_set);
  EXPECT_EQ(c.cap_effective, cap_empty_set);  // the effective set goes with the euid
  // capset may raise what is permitted into the effective set.
  ASSERT_TRUE(sys_capset(*t, c.cap_permitted, c.cap_permitted, cap_empty_set));
  EXPECT_EQ(t->creds().cap_effective, cap_full_set);
  // An exec drops KEEP_CAPS, and a non-root exec the capabilities.
  exec_program_creds(*t);
  EXPECT_EQ(*sys_prctl_caps(*t, PR_GET_KEEPCAPS, 0, 0, 0, 0), 0);
  EXPECT_EQ(t->creds().cap_permitted, cap_empty_set);
  EXPECT_EQ(sys_prctl_caps(*t, PR_SET_KEEPCAPS, 2, 0, 0, 0).error().code.value, EINVAL);
}

TEST_F(SetId, SetreuidMovesTheSavedIdWithANewEffectiveOne) {
  auto t = spawn(m, init);
  ASSERT_TRUE(sys_setresuid(*t, 1000, 2000, 3000));
  // Unprivileged now: the euid may become the real or saved id.
  ASSERT_TRUE(sys_setreuid(*t, keep, 3000));
  EXPECT_EQ(uids(*t), (std::array<std::uint32_t, 3>{1000, 3000, 3000}));
  EXPECT_EQ(sys_setreuid(*t, 4000, keep).error().code.value, EPERM);
  // setfsuid answers the old fsuid and ignores what it may not set.
  EXPECT_EQ(sys_setfsuid(*t, 1000), 3000u);
  EXPECT_EQ(sys_setfsuid(*t, 5000), 1000u);
  EXPECT_EQ(sys_setfsuid(*t, keep), 1000u);
}

TEST_F(SetId, CapsetNeverGrantsWhatIsNotPermitted) {
  auto t = spawn(m, init);
  cap_set less = cap_full_set;
  less.drop(CAP_SYS_ADMIN);
  ASSERT_TRUE(sys_capset(*t, less, less, cap_empty_set));
  EXPECT_EQ(sys_capset(*t, less, cap_full_set, cap_empty_set).error().code.value, EPERM);
  cap_set more_effective = less;
  more_effective.bits |= std::uint64_t{1} << CAP_SYS_ADMIN;
  EXPECT_EQ(sys_capset(*t, more_effective, less, cap_empty_set).error().code.value, EPERM);
  // Inheritable: within the bounding set, and (without CAP_SETPCAP) within
  // the permitted set.
  ASSERT_TRUE(sys_prctl_caps(*t, PR_CAPBSET_DROP, CAP_NET_RAW, 0, 0, 0));
  EXPECT_EQ(*sys_prctl_caps(*t, PR_CAPBSET_READ, CAP_NET_RAW, 0, 0, 0), 0);
  cap_set raw{std::uint64_t{1} << CAP_NET_RAW};
  EXPECT_EQ(sys_capset(*t, less, less, raw).error().code.value, EPERM);
  EXPECT_EQ(sys_prctl_caps(*t, PR_CAPBSET_READ, CAP_LAST_CAP + 1, 0, 0, 0).error().code.value, EINVAL);
}

TEST_F(SetId, AmbientCapabilitiesMustBePermittedAndInheritable) {
  auto t = spawn(m, init);
  EXPECT_EQ(sys_prctl_caps(*t, PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_NET_ADMIN, 0, 0).error().code.value,
            EPERM);
  cap_set net_admin{std::uint64_t{1} << CAP_NET_ADMIN};
  ASSERT_TRUE(sys_capset(*t, cap_full_set, cap_full_set, net_admin));
  ASSERT_TRUE(sys_prctl_caps(*t, PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_NET_ADMIN, 0, 0));
  EXPECT_EQ(*sys_prctl_caps(*t, PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_NET_ADMIN, 0, 0), 1);
  // Dropping the inheritable bit drops the ambient one.
  ASSERT_TRUE(sys_capset(*t, cap_full_set, cap_full_set, cap_empty_set));
  EXPECT_EQ(*sys_prctl_caps(*t, PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_NET_ADMIN, 0, 0), 0);
  EXPECT_EQ(sys_prctl_caps(*t, PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 1, 0, 0).error().code.value, EINVAL);
}

TEST_F(SetId, SecurebitsLocksHold) {
  auto t = spawn(m, init);
  constexpr unsigned long keep_caps = 0x10, keep_caps_locked = 0x20;
  ASSERT_TRUE(sys_prctl_caps(*t, PR_SET_SECUREBITS, keep_caps | keep_caps_locked, 0, 0, 0));
  EXPECT_EQ(*sys_prctl_caps(*t, PR_GET_SECUREBITS, 0, 0, 0, 0), long(keep_caps | keep_caps_locked));
  EXPECT_EQ(sys_prctl_caps(*t, PR_SET_KEEPCAPS, 0, 0, 0, 0).error().code.value, EPERM);
  EXPECT_EQ(sys_prctl_caps(*t, PR_SET_SECUREBITS, keep_caps_locked, 0, 0, 0).error().code.value, EPERM);
  EXPECT_EQ(sys_prctl_caps(*t, PR_SET_SECUREBITS, 0x1000, 0, 0, 0).error().code.value, EPERM);
}

TEST_F(SetId, SetgroupsNeedsANamespaceThatAllowsIt) {
  auto t = spawn(m, init);
  const std::array<std::uint32_t, 3> gids{7, 5, 5};
  ASSERT_TRUE(sys_setgroups(*t, gids));
  EXPECT_EQ(task_groups(*t), (std::vector<std::uint32_t>{5, 5, 7}));  // sorted
  // Seen from a child user namespace with no gid map: the overflow gid.
  auto u = spawn(m, *t);
  ASSERT_TRUE(sys_unshare(*u, CLONE_NEWUSER));
  EXPECT_EQ(task_groups(*u), (std::vector<std::uint32_t>{65534, 65534, 65534}));
  // No gid map yet: EPERM, root of the namespace or not.
  EXPECT_EQ(sys_setgroups(*u, std::array<std::uint32_t, 0>{}).error().code.value, EPERM);
  ASSERT_TRUE(sys_setgroups(*t, std::array<std::uint32_t, 0>{}));
  EXPECT_TRUE(task_groups(*t).empty());
  EXPECT_EQ(sys_setgroups(*t, std::array<std::uint32_t, 1>{invalid_id}).error().code.value, EINVAL);
}

}  // namespace
}  // namespace netns
