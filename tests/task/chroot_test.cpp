// SPDX-License-Identifier: GPL-2.0-only
// chroot(2) against the reference kernel (6.18), probed there first with a
// small C program; conformance/612_chroot_* to 617_chroot_* check the same
// on both backends. Here the model alone: where walks start, the errors in
// their order, what setns and unshare of a mount namespace do to the
// root, /proc/PID/root and the mountinfo of a chrooted task.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <linux/capability.h>
#include <sched.h>
#include <sys/mount.h>

#include <cerrno>
#include <string>

#include "netns/machine/machine.hpp"
#include "netns/task/syscalls.hpp"
#include "support/task_util.hpp"

namespace netns {
namespace {

using test::link;
using test::spawn;
using test::stat_error;

constexpr errc E(int e) { return errc{e}; }

bool is_dir(task& t, const char* p) {
  auto st = sys_stat(t, p);
  return st && S_ISDIR(st->mode);
}

class Chroot : public ::testing::Test {
 protected:
  machine m;
  task& init = m.init_task();

  void SetUp() override {
    ASSERT_TRUE(sys_mkdir(init, "/run/c", 0755));
    ASSERT_TRUE(sys_mkdir(init, "/run/c/d", 0755));
  }
};

TEST_F(Chroot, WalksStartAtTheNewRootAndDotDotStaysThere) {
  auto t = spawn(m, init);
  ASSERT_TRUE(sys_chroot(*t, "/run/c"));
  EXPECT_TRUE(is_dir(*t, "/d"));
  EXPECT_TRUE(is_dir(*t, "/../../d"));
  EXPECT_TRUE(is_dir(*t, "/d/../../d"));
  EXPECT_EQ(stat_error(*t, "/run"), E(ENOENT));
  ASSERT_TRUE(sys_mkdir(*t, "/x", 0755));
  EXPECT_TRUE(is_dir(init, "/run/c/x"));
  // A fork keeps the root; another task is not affected.
  auto u = spawn(m, *t);
  EXPECT_TRUE(is_dir(*u, "/d"));
  EXPECT_EQ(stat_error(init, "/d"), E(ENOENT));
  // A second chroot is relative to the first.
  ASSERT_TRUE(sys_chroot(*t, "/d"));
  EXPECT_EQ(stat_error(*t, "/d"), E(ENOENT));
  EXPECT_EQ(link(init, "/proc/" + std::to_string(t->pid()) + "/root"), "/run/c/d");
}

TEST_F(Chroot, ErrorsInTheKernelsOrder) {
  ASSERT_TRUE(sys_mkdir(init, "/run/c/closed", 0700));
  auto fd = sys_open(init, "/run/f", O_WRONLY | O_CREAT, 0644);
  ASSERT_TRUE(fd);
  auto t = spawn(m, init);
  EXPECT_EQ(sys_chroot(*t, "/run/none").code(), E(ENOENT));
  EXPECT_EQ(sys_chroot(*t, "/run/f").code(), E(ENOTDIR));
  auto u = spawn(m, init);
  ASSERT_TRUE(sys_setresuid(*u, 1000, 1000, 1000));
  EXPECT_EQ(sys_chroot(*u, "/run/c/closed").code(), E(EACCES));  // before EPERM
  EXPECT_EQ(sys_chroot(*u, "/run/c").code(), E(EPERM));
  EXPECT_TRUE(is_dir(*u, "/run/c"));  // nothing changed
}

TEST_F(Chroot, SetnsOfAMountNamespaceResetsTheRootUnshareKeepsIt) {
  auto t = spawn(m, init);
  auto mfd = sys_open(*t, "/proc/self/ns/mnt", O_RDONLY);
  ASSERT_TRUE(mfd);
  ASSERT_TRUE(sys_chroot(*t, "/run/c"));
  EXPECT_EQ(sys_unshare(*t, CLONE_NEWUSER).code(), E(EPERM));  // current_chrooted
  ASSERT_TRUE(sys_unshare(*t, CLONE_NEWNS));
  EXPECT_TRUE(is_dir(*t, "/d"));
  // The copy's place, not the original's: a mount made there later in the
  // first namespace is not seen.
  ASSERT_TRUE(sys_mount_fs(init, "tmpfs", "later", "/run/c/d"));
  ASSERT_TRUE(sys_mkdir(init, "/run/c/d/g", 0755));
  EXPECT_EQ(stat_error(*t, "/d/g"), E(ENOENT));
  ASSERT_TRUE(sys_setns(*t, *mfd, CLONE_NEWNS));
  EXPECT_TRUE(is_dir(*t, "/run/c/d/g"));
  // Back at the root also when the namespace is the task's own.
  ASSERT_TRUE(sys_chroot(*t, "/run/c"));
  ASSERT_TRUE(sys_setns(*t, *mfd, 0));
  EXPECT_TRUE(is_dir(*t, "/run"));
}

TEST_F(Chroot, MountinfoShowsOnlyWhatTheRootReaches) {
  ASSERT_TRUE(sys_mount_fs(init, "tmpfs", "q", "/run/c/d"));
  ASSERT_TRUE(sys_mkdir(init, "/run/c/proc", 0755));
  ASSERT_TRUE(sys_mount_fs(init, "proc", "p", "/run/c/proc"));
  const std::string all = m.vfs().mountinfo(nullptr, "/run/c");
  EXPECT_EQ(all.find(" /run"), std::string::npos) << all;
  EXPECT_NE(all.find(" / /d rw,relatime - tmpfs q rw\n"), std::string::npos) << all;
  EXPECT_NE(all.find(" / /proc rw,relatime - proc p rw\n"), std::string::npos) << all;
  EXPECT_EQ(m.vfs().mounts_table(nullptr, "/run/c").find("q /d tmpfs rw,relatime 0 0\n"), 0u);
  // The task's own file, through the proc inside its root.
  auto t = spawn(m, init);
  ASSERT_TRUE(sys_chroot(*t, "/run/c"));
  auto fd = sys_open(*t, "/proc/self/mountinfo", O_RDONLY);
  ASSERT_TRUE(fd);
  auto text = sys_read(*t, *fd, 4096);
  ASSERT_TRUE(text);
  EXPECT_EQ(text->find(" /run"), std::string::npos) << *text;
  EXPECT_NE(text->find(" / /d "), std::string::npos) << *text;
}

}  // namespace
}  // namespace netns
