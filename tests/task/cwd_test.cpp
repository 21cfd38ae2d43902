// SPDX-License-Identifier: GPL-2.0-only
// The working directory (fs_struct's pwd) against the reference kernel
// (6.18), probed there first with a small C program; conformance/620_cwd_*
// to 623_cwd_* check the same on both backends. Here the model alone:
// chdir and relative walks, chroot leaving the working directory outside
// the root, getcwd's and /proc/PID/cwd's text, fork, and what unshare and
// setns of a mount namespace do to it.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sched.h>

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

std::string cwd(task& t) {
  auto r = sys_getcwd(t);
  return r ? *r : std::string("error ") + errno_name(r.code().value);
}
std::string cwd_link(task& reader, const task& t) {
  return link(reader, "/proc/" + std::to_string(t.pid()) + "/cwd");
}

class Cwd : public ::testing::Test {
 protected:
  machine m;
  task& init = m.init_task();

  void SetUp() override {
    for (const char* d : {"/run/x", "/run/x/a", "/run/y"}) ASSERT_TRUE(sys_mkdir(init, d, 0755));
    auto fd = sys_open(init, "/run/y/f", O_WRONLY | O_CREAT, 0644);
    ASSERT_TRUE(fd);
  }
};

TEST_F(Cwd, ChdirMovesRelativeWalksAndForkCopiesIt) {
  auto t = spawn(m, init);
  EXPECT_EQ(cwd(*t), "/");
  EXPECT_EQ(stat_error(*t, "./run/y/f"), errc{0});  // the namespace's root at first
  ASSERT_TRUE(sys_chdir(*t, "/run/y"));
  EXPECT_EQ(cwd(*t), "/run/y");
  EXPECT_EQ(cwd_link(init, *t), "/run/y");
  EXPECT_EQ(stat_error(*t, "./f"), errc{0});
  EXPECT_EQ(stat_error(*t, "../x/a"), errc{0});
  EXPECT_EQ(stat_error(*t, "../../../../run/y/f"), errc{0});  // ".." stops at the root
  ASSERT_TRUE(sys_mkdir(*t, "./g", 0755));
  EXPECT_EQ(stat_error(init, "/run/y/g"), errc{0});
  // Relative chdir, and ".." back along the way it came.
  ASSERT_TRUE(sys_chdir(*t, "../x/a"));
  EXPECT_EQ(cwd(*t), "/run/x/a");
  ASSERT_TRUE(sys_chdir(*t, ".."));
  EXPECT_EQ(cwd(*t), "/run/x");
  auto u = spawn(m, *t);
  EXPECT_EQ(cwd(*u), "/run/x");
  EXPECT_EQ(cwd(init), "/");  // another task is not moved
  // Errors change nothing.
  EXPECT_EQ(sys_chdir(*t, "/run/none").code(), E(ENOENT));
  EXPECT_EQ(sys_chdir(*t, "/run/y/f").code(), E(ENOTDIR));
  ASSERT_TRUE(sys_mkdir(init, "/run/closed", 0700));
  ASSERT_TRUE(sys_setresuid(*u, 1000, 1000, 1000));
  EXPECT_EQ(sys_chdir(*u, "/run/closed").code(), E(EACCES));
  EXPECT_EQ(cwd(*t), "/run/x");
  EXPECT_EQ(cwd(*u), "/run/x");
}

TEST_F(Cwd, ChrootLeavesItOutsideTheRoot) {
  auto t = spawn(m, init);
  ASSERT_TRUE(sys_chdir(*t, "/run/y"));
  ASSERT_TRUE(sys_chroot(*t, "/run/x"));
  EXPECT_EQ(cwd(*t), "(unreachable)/run/y");
  EXPECT_EQ(cwd_link(init, *t), "/run/y");
  EXPECT_EQ(stat_error(*t, "./f"), errc{0});
  EXPECT_EQ(stat_error(*t, "/run"), E(ENOENT));
  // ".." from outside never meets the root: up to the namespace's root.
  EXPECT_EQ(stat_error(*t, "../y/f"), errc{0});
  ASSERT_TRUE(sys_chdir(*t, "../../../.."));
  EXPECT_EQ(cwd(*t), "(unreachable)/");
  // Back below the root: named from it, and ".." stops at it.
  ASSERT_TRUE(sys_chdir(*t, "./run/x/a"));
  EXPECT_EQ(cwd(*t), "/a");
  EXPECT_EQ(cwd_link(init, *t), "/run/x/a");
  ASSERT_TRUE(sys_chdir(*t, "../../.."));
  EXPECT_EQ(cwd(*t), "/");
  EXPECT_EQ(stat_error(*t, "./a"), errc{0});
  // chroot to the namespace's root itself: "/" is reachable.
  auto u = spawn(m, init);
  ASSERT_TRUE(sys_chroot(*u, "/"));
  EXPECT_EQ(cwd(*u), "/");
}

TEST_F(Cwd, ProcCwdLinkIsNamedFromTheReadersRoot) {
  ASSERT_TRUE(sys_mkdir(init, "/run/x/proc", 0755));
  ASSERT_TRUE(sys_mount_fs(init, "proc", "proc", "/run/x/proc"));
  auto t = spawn(m, init);
  ASSERT_TRUE(sys_chdir(*t, "/run"));
  ASSERT_TRUE(sys_chroot(*t, "/run/x"));
  EXPECT_EQ(link(*t, "/proc/self/cwd"), "/run");  // unreachable: no mark
  EXPECT_EQ(link(*t, "/proc/self/root"), "/");
  ASSERT_TRUE(sys_chdir(*t, "/a"));
  EXPECT_EQ(link(*t, "/proc/self/cwd"), "/a");
  EXPECT_EQ(cwd_link(init, *t), "/run/x/a");
}

TEST_F(Cwd, UnshareMntMovesItToTheCopySetnsResetsIt) {
  auto t = spawn(m, init);
  auto mfd = sys_open(*t, "/proc/self/ns/mnt", O_RDONLY);
  ASSERT_TRUE(mfd);
  ASSERT_TRUE(sys_chdir(*t, "/run/y"));
  ASSERT_TRUE(sys_unshare(*t, CLONE_NEWNS));
  EXPECT_EQ(cwd(*t), "/run/y");
  // In the copy: a mount the first namespace makes on /run/y is not seen,
  // one of the new namespace covers the directory but does not move it.
  ASSERT_TRUE(sys_mount_fs(init, "tmpfs", "first", "/run/y"));
  EXPECT_EQ(stat_error(*t, "./f"), errc{0});
  ASSERT_TRUE(sys_mount_fs(*t, "tmpfs", "second", "/run/y"));
  EXPECT_EQ(stat_error(*t, "./f"), errc{0});
  EXPECT_EQ(stat_error(*t, "/run/y/f"), E(ENOENT));
  ASSERT_TRUE(sys_setns(*t, *mfd, CLONE_NEWNS));
  EXPECT_EQ(cwd(*t), "/");
  EXPECT_EQ(cwd_link(init, *t), "/");
  ASSERT_TRUE(sys_chdir(*t, "/run/x"));
  ASSERT_TRUE(sys_setns(*t, *mfd, 0));  // its own namespace again
  EXPECT_EQ(cwd(*t), "/");
}

TEST_F(Cwd, ExitDropsIt) {
  auto t = spawn(m, init);
  ASSERT_TRUE(sys_chdir(*t, "/run/y"));
  ASSERT_TRUE(t->fs_pwd());
  ASSERT_TRUE(m.tasks().exit(*t));  // exit_fs
  EXPECT_FALSE(t->fs_pwd());
}

}  // namespace
}  // namespace netns
