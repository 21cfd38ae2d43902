// SPDX-License-Identifier: GPL-2.0-only
// Capability sets over <linux/capability.h>: the full set is bits 0..40, as
// /proc/<pid>/status shows 000001ffffffffff on the reference kernel.
#include "netns/core/capability.hpp"

#include <gtest/gtest.h>

#include "netns/core/cred.hpp"
#include "netns/core/kernel.hpp"

namespace netns {
namespace {

TEST(Capability, FullSetIsBitsZeroToLastCap) {
  EXPECT_EQ(cap_full_set.bits, 0x000001ffffffffffULL);
  EXPECT_TRUE(cap_full_set.raised(0));
  EXPECT_TRUE(cap_full_set.raised(CAP_CHECKPOINT_RESTORE));
  EXPECT_FALSE(cap_full_set.raised(CAP_LAST_CAP + 1));
  EXPECT_FALSE(cap_full_set.raised(-1));
  EXPECT_TRUE(cap_empty_set.empty());
}

TEST(Capability, RaiseAndDrop) {
  cap_set s;
  EXPECT_TRUE(s.empty());
  s.raise(CAP_NET_ADMIN);
  EXPECT_TRUE(s.raised(CAP_NET_ADMIN));
  EXPECT_FALSE(s.raised(CAP_SYS_ADMIN));
  s.drop(CAP_NET_ADMIN);
  EXPECT_EQ(s, cap_empty_set);
  cap_set f = cap_full_set;
  f.drop(CAP_SYS_RESOURCE);  // the reference machine's root: 000001fffeffffff
  EXPECT_EQ(f.bits, 0x000001fffeffffffULL);
}

TEST(Capability, RootCredAndOutOfRangeCaps) {
  kernel k;
  cred root = cred::root(k.init_user_ns());
  EXPECT_EQ(root.euid, global_root_uid);
  EXPECT_EQ(root.egid, global_root_gid);
  EXPECT_EQ(root.cap_effective, cap_full_set);
  EXPECT_EQ(root.user_ns.get(), &k.init_user_ns());
  EXPECT_TRUE(ns_capable(root, k.init_user_ns(), CAP_LAST_CAP));
  EXPECT_FALSE(ns_capable(root, k.init_user_ns(), CAP_LAST_CAP + 1));
  EXPECT_FALSE(ns_capable(root, k.init_user_ns(), -1));
}

}  // namespace
}  // namespace netns
