// SPDX-License-Identifier: GPL-2.0-only
// mount_too_revealing (fs/namespace.c mnt_already_visible) for proc, as
// probed on the reference kernel (conformance/637, 638): in a mount
// namespace of a user namespace other than the initial one, a new proc
// needs a proc there that is fully visible: no locked mount on a path
// below it, flags no stricter than the new mount's locked ones.
#include <gtest/gtest.h>
#include <sched.h>
#include <sys/mount.h>

#include <cerrno>
#include <string>

#include "netns/machine/machine.hpp"
#include "netns/task/syscalls.hpp"
#include "support/task_util.hpp"

namespace netns {
namespace {

using test::spawn;

class MountTooRevealing : public ::testing::Test {
 protected:
  MountTooRevealing() : init(m.init_task()) {
    EXPECT_TRUE(sys_mkdir(init, "/run/p", 0755));
    EXPECT_TRUE(sys_mkdir(init, "/run/q", 0755));
  }
  // A task in a user, mount and pid namespace of its own (copied from
  // init's as it is now), pid 1 of that pid namespace, which it owns.
  std::shared_ptr<task> unprivileged() {
    auto t = spawn(m, init);
    EXPECT_TRUE(sys_unshare(*t, CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID));
    return spawn(m, *t);
  }
  static int mount_proc(task& t, unsigned long flags = 0) {
    auto r = sys_mount_fs(t, "proc", "proc", "/run/p", flags);
    return r ? 0 : r.error().errnum();
  }
  machine m;
  task& init;
};

TEST_F(MountTooRevealing, TheWorldsProcIsFullyVisible) {
  auto a = unprivileged();
  EXPECT_EQ(mount_proc(*a), 0);
  EXPECT_EQ(mount_proc(*a, MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_RDONLY), 0);
}

TEST_F(MountTooRevealing, ALockedMountBelowProcHidesIt) {
  ASSERT_TRUE(sys_mount_fs(init, "tmpfs", "x", "/proc/sys"));
  auto a = unprivileged();
  EXPECT_EQ(mount_proc(*a), EPERM);
  EXPECT_EQ(mount_proc(*a, MS_RDONLY), EPERM);
  EXPECT_TRUE(sys_mount_fs(*a, "tmpfs", "x", "/run/p"));  // only proc (and sysfs) can reveal
  // The initial user namespace's mount namespace may mount proc anyway.
  EXPECT_TRUE(sys_mount_fs(init, "proc", "proc", "/run/q"));
}

TEST_F(MountTooRevealing, AnotherFullyVisibleProcWillDo) {
  ASSERT_TRUE(sys_mount_fs(init, "tmpfs", "x", "/proc/sys"));
  ASSERT_TRUE(sys_mount_fs(init, "proc", "proc", "/run/q"));
  auto a = unprivileged();
  EXPECT_EQ(mount_proc(*a), 0);
}

TEST_F(MountTooRevealing, ACoveredProcWithALockedMountBelowItDoesNot) {
  ASSERT_TRUE(sys_mount_fs(init, "tmpfs", "x", "/proc/sys"));
  ASSERT_TRUE(sys_mount_fs(init, "proc", "proc", "/run/q"));
  ASSERT_TRUE(sys_mount_fs(init, "tmpfs", "x", "/run/q/sys"));
  auto a = unprivileged();
  EXPECT_EQ(mount_proc(*a), EPERM);
}

TEST_F(MountTooRevealing, AMountOnProcItselfCoversItsRoot) {
  ASSERT_TRUE(sys_mount_fs(init, "tmpfs", "x", "/proc"));
  auto a = unprivileged();
  EXPECT_EQ(mount_proc(*a), EPERM);
}

TEST_F(MountTooRevealing, TheLockedAtimeMustBeKept) {
  auto a = unprivileged();
  EXPECT_EQ(mount_proc(*a, MS_NOATIME), EPERM);
  EXPECT_EQ(mount_proc(*a, MS_STRICTATIME), EPERM);
  EXPECT_EQ(mount_proc(*a, MS_NODIRATIME), EPERM);
}

TEST_F(MountTooRevealing, TheNewMountKeepsTheLocks) {
  auto a = unprivileged();
  ASSERT_EQ(mount_proc(*a), 0);
  // MNT_LOCK_ATIME came with it: a remount may not change its atime.
  auto r = sys_mount_remount(*a, "/run/p", MS_REMOUNT | MS_BIND | MS_NOATIME);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().errnum(), EPERM);
}

}  // namespace
}  // namespace netns
