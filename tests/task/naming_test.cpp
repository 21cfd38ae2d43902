// SPDX-License-Identifier: GPL-2.0-only
// Naming a namespace the way `ip netns add` does, with model syscalls:
// create /run/netns/NAME, unshare, bind-mount /proc/self/ns/net onto it,
// setns back. The bind mount alone keeps the namespace; `ip netns del`
// (lazy umount + unlink) and the last fd free it.
#include <gtest/gtest.h>

#include "netns/machine/machine.hpp"
#include "netns/task/syscalls.hpp"
#include "support/task_util.hpp"

namespace netns {
namespace {


// iproute2 6.1's netns_add, step by step (s7c_strace.out).
void ip_netns_add(task& t, const std::string& name) {
  const std::string path = "/run/netns/" + name;
  auto saved = sys_open(t, "/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
  ASSERT_TRUE(saved);
  auto created = sys_open(t, path, O_RDONLY | O_CREAT | O_EXCL, 0);
  ASSERT_TRUE(created);
  ASSERT_TRUE(sys_close(t, *created));
  ASSERT_TRUE(sys_unshare(t, CLONE_NEWNET));
  ASSERT_TRUE(sys_mount_bind(t, "/proc/self/ns/net", path));
  ASSERT_TRUE(sys_setns(t, *saved, CLONE_NEWNET));
  ASSERT_TRUE(sys_close(t, *saved));
}

TEST(Naming, ABindMountKeepsTheNamespaceWithNoTaskInIt) {
  machine m;
  auto t = *m.spawn(m.init_task());
  const std::string home = test::link(*t, "/proc/self/ns/net");
  EXPECT_EQ(home, "net:[4026531833]");

  ip_netns_add(*t, "red");
  EXPECT_EQ(test::link(*t, "/proc/self/ns/net"), home);  // setns brought it back
  EXPECT_EQ(m.k().net_count(), 2u);

  // The task exits: nothing but the mount pins "red".
  ASSERT_TRUE(m.exit(*t));
  m.k().settle();
  EXPECT_EQ(m.k().net_count(), 2u);

  // stat through the mount shows the namespace file.
  task& init = m.init_task();
  auto st = sys_stat(init, "/run/netns/red");
  ASSERT_TRUE(st);
  EXPECT_EQ(st->dev, fs::nsfs_dev);
  EXPECT_EQ(st->mode, unsigned(S_IFREG | 0444));
  EXPECT_GE(st->ino, PROC_DYNAMIC_FIRST);

  // Open it, then `ip netns del`: umount + unlink. The fd still pins it.
  auto fd = sys_open(init, "/run/netns/red", O_RDONLY);
  ASSERT_TRUE(fd);
  ASSERT_TRUE(sys_umount_detach(init, "/run/netns/red"));
  ASSERT_TRUE(sys_unlink(init, "/run/netns/red"));
  m.k().settle();
  EXPECT_EQ(m.k().net_count(), 2u);
  auto fst = sys_fstat(init, *fd);
  ASSERT_TRUE(fst);
  EXPECT_EQ(fst->ino, st->ino);

  // The last close frees it.
  ASSERT_TRUE(sys_close(init, *fd));
  m.k().settle();
  EXPECT_EQ(m.k().net_count(), 1u);
}

TEST(Naming, SetnsIntoANamedNamespaceAndBack) {
  machine m;
  task& init = m.init_task();
  ip_netns_add(init, "blue");
  auto fd = sys_open(init, "/run/netns/blue", O_RDONLY);
  ASSERT_TRUE(fd);
  auto st = sys_fstat(init, *fd);
  ASSERT_TRUE(st);
  auto t = *m.spawn(init);
  ASSERT_TRUE(sys_setns(*t, *fd, 0));  // nstype 0 accepts any type
  EXPECT_EQ(test::link(*t, "/proc/self/ns/net"), "net:[" + std::to_string(st->ino) + "]");
  // Another reader sees t's namespace through /proc/<pid>.
  EXPECT_EQ(test::link(init, "/proc/" + std::to_string(t->pid()) + "/ns/net"),
            "net:[" + std::to_string(st->ino) + "]");
  EXPECT_EQ(test::link(init, "/proc/self/ns/net"), "net:[4026531833]");
}

}  // namespace
}  // namespace netns
