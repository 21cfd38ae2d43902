// SPDX-License-Identifier: GPL-2.0-only
#include <gtest/gtest.h>

#include "netns/core/kernel.hpp"
#include "netns/subsys/builtin.hpp"

namespace netns {
TEST(Smoke, BootCreateDestroy) {
  auto k = boot();
  auto r = copy_net_ns(CLONE_NEWNET, k->init_user_ns(), k->init_net(), global_root_uid);
  ASSERT_TRUE(r);
  EXPECT_EQ(k->net_count(), 2u);
  r->reset();
  k->settle();
  EXPECT_EQ(k->net_count(), 1u);
}
}  // namespace netns
