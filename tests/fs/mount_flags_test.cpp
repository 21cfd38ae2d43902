// SPDX-License-Identifier: GPL-2.0-only
// Mount flags against the reference kernel (6.18): each rule was probed
// there first (unshare -m, mount(2) from a small C program,
// /proc/self/mountinfo), and conformance/600_mnt_* to 608_mnt_* check
// the same on both backends. Here the model alone: mount(2)'s flags on a
// new mount and a bind, MS_REMOUNT with and without MS_BIND, the locks of
// a copy into a less privileged user namespace, the EROFS rules and the
// options text of mountinfo and /proc/self/mounts.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sched.h>
#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>
#include <sstream>
#include <string>

#include "netns/machine/machine.hpp"
#include "netns/task/syscalls.hpp"
#include "support/task_util.hpp"

namespace netns {
namespace {

using test::spawn;

constexpr errc E(int e) { return errc{e}; }

std::string read_file(task& t, const char* path) { return test::cat(t, path); }

// The options of the mountinfo line of the mount at `at`: "OPTS - SUPER"
// (the per-mount options, then the super options).
std::string options_at(task& t, const std::string& at) {
  std::istringstream lines(read_file(t, "/proc/self/mountinfo"));
  std::string found;
  for (std::string line; std::getline(lines, line);) {
    std::istringstream in(line);
    std::vector<std::string> w;
    for (std::string x; in >> x;) w.push_back(x);
    if (w[4] != at) continue;
    found = w[5] + " - " + w.back();  // the last mount there wins
  }
  return found;
}

// The options of /proc/self/mounts's line for `at`.
std::string mtab_options_at(task& t, const std::string& at) {
  std::istringstream lines(read_file(t, "/proc/self/mounts"));
  std::string found;
  for (std::string line; std::getline(lines, line);) {
    std::istringstream in(line);
    std::string src, where, type, opts;
    in >> src >> where >> type >> opts;
    if (where == at) found = opts;
  }
  return found;
}

class MountFlags : public ::testing::Test {
 protected:
  machine m;
  task& init = m.init_task();

  void mkdir(const char* p) { ASSERT_TRUE(sys_mkdir(init, p, 0755)); }
  // A file made and closed again (an open writer would keep its mount
  // from turning read-only).
  void touch(const char* p) {
    auto fd = sys_open(init, p, O_WRONLY | O_CREAT, 0644);
    ASSERT_TRUE(fd);
    ASSERT_TRUE(sys_close(init, *fd));
  }
  void tmpfs(const char* dst, unsigned long flags = 0) {
    ASSERT_TRUE(sys_mount_fs(init, "tmpfs", "t", dst, flags));
  }
};

TEST_F(MountFlags, RunIsNosuidNodevMode755) {
  EXPECT_EQ(options_at(init, "/run"), "rw,nosuid,nodev,relatime - rw,mode=755");
}

TEST_F(MountFlags, NewMountTakesFlagsRelatimeByDefault) {
  mkdir("/run/a");
  mkdir("/run/b");
  mkdir("/run/c");
  tmpfs("/run/a", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_NOATIME);
  tmpfs("/run/b", MS_STRICTATIME | MS_NODIRATIME | MS_SYNCHRONOUS | MS_DIRSYNC | MS_LAZYTIME);
  tmpfs("/run/c");
  EXPECT_EQ(options_at(init, "/run/a"), "ro,nosuid,nodev,noexec,noatime - ro");
  EXPECT_EQ(options_at(init, "/run/b"), "rw,nodiratime - rw,sync,dirsync,lazytime");
  EXPECT_EQ(options_at(init, "/run/c"), "rw,relatime - rw");
  // /proc/self/mounts: ro when either is, the file system's flags first.
  EXPECT_EQ(mtab_options_at(init, "/run/a"), "ro,nosuid,nodev,noexec,noatime");
  EXPECT_EQ(mtab_options_at(init, "/run/b"), "rw,sync,dirsync,lazytime,nodiratime");
}

TEST_F(MountFlags, BindCopiesTheSourceMountsFlagsNotItsOwn) {
  mkdir("/run/a");
  tmpfs("/run/a", MS_NOSUID | MS_NOEXEC);
  mkdir("/run/a/d");
  mkdir("/run/b");
  ASSERT_TRUE(sys_mount_bind(init, "/run/a/d", "/run/b"));
  EXPECT_EQ(options_at(init, "/run/b"), "rw,nosuid,noexec,relatime - rw");
  touch("/run/n");
  ASSERT_TRUE(sys_mount_bind(init, "/proc/self/ns/net", "/run/n"));
  EXPECT_EQ(options_at(init, "/run/n"), "rw - rw");  // nsfs's internal mount: no flags
  // The copies of a new mount namespace keep them.
  auto t = spawn(m, init);
  ASSERT_TRUE(sys_unshare(*t, CLONE_NEWNS));
  EXPECT_EQ(options_at(*t, "/run/b"), "rw,nosuid,noexec,relatime - rw");
}

TEST_F(MountFlags, RemountBindSetsExactlyTheFlagsOfOneMountKeepingAtime) {
  mkdir("/run/a");
  tmpfs("/run/a", MS_NOSUID | MS_NODEV | MS_NOATIME);
  mkdir("/run/b");
  ASSERT_TRUE(sys_mount_bind(init, "/run/a", "/run/b"));
  ASSERT_TRUE(sys_mount_remount(init, "/run/b", MS_REMOUNT | MS_BIND | MS_RDONLY));
  EXPECT_EQ(options_at(init, "/run/b"), "ro,noatime - rw");  // nosuid, nodev gone
  EXPECT_EQ(options_at(init, "/run/a"), "rw,nosuid,nodev,noatime - rw");
  ASSERT_TRUE(sys_mount_remount(init, "/run/b", MS_REMOUNT | MS_BIND | MS_STRICTATIME));
  EXPECT_EQ(options_at(init, "/run/b"), "rw - rw");
  ASSERT_TRUE(sys_mount_remount(init, "/run/b", MS_REMOUNT | MS_BIND | MS_NODIRATIME));
  EXPECT_EQ(options_at(init, "/run/b"), "rw,nodiratime,relatime - rw");
}

TEST_F(MountFlags, RemountWithoutBindChangesTheFileSystemForEveryMount) {
  mkdir("/run/a");
  tmpfs("/run/a", MS_DIRSYNC);
  mkdir("/run/a/d");
  mkdir("/run/b");
  ASSERT_TRUE(sys_mount_bind(init, "/run/a/d", "/run/b"));
  ASSERT_TRUE(sys_mount_remount(init, "/run/a", MS_REMOUNT | MS_RDONLY | MS_SYNCHRONOUS));
  EXPECT_EQ(options_at(init, "/run/a"), "ro,relatime - ro,sync,dirsync");
  EXPECT_EQ(options_at(init, "/run/b"), "rw,relatime - ro,sync,dirsync");
  EXPECT_EQ(mtab_options_at(init, "/run/b"), "ro,sync,dirsync,relatime");
  EXPECT_EQ(sys_mkdir(init, "/run/b/x", 0755).code(), E(EROFS));
  // dirsync is not a remount's to change (MS_RMT_MASK); sync and ro are.
  ASSERT_TRUE(sys_mount_remount(init, "/run/b", MS_REMOUNT));
  EXPECT_EQ(options_at(init, "/run/a"), "ro,relatime - rw,dirsync");
  EXPECT_TRUE(sys_mkdir(init, "/run/b/x", 0755));
  EXPECT_EQ(sys_mkdir(init, "/run/a/y", 0755).code(), E(EROFS));  // /run/a's own ro stays
}

TEST_F(MountFlags, RemountErrors) {
  mkdir("/run/a");
  tmpfs("/run/a");
  mkdir("/run/a/d");
  EXPECT_EQ(sys_mount_remount(init, "/run/none", MS_REMOUNT | MS_BIND).code(), E(ENOENT));
  EXPECT_EQ(sys_mount_remount(init, "/run/a/d", MS_REMOUNT | MS_BIND).code(), E(EINVAL));
  EXPECT_EQ(sys_mount_remount(init, "/run/a/d", MS_REMOUNT).code(), E(EINVAL));
  EXPECT_EQ(sys_mount_remount(init, "/run/a", MS_RDONLY).code(), E(EINVAL));
  auto u = spawn(m, init);
  ASSERT_TRUE(sys_setresuid(*u, 1000, 1000, 1000));
  EXPECT_EQ(sys_mount_remount(*u, "/run/a", MS_REMOUNT | MS_BIND).code(), E(EPERM));
  EXPECT_EQ(sys_mount_remount(*u, "/run/none", MS_REMOUNT | MS_BIND).code(), E(ENOENT));
}

TEST_F(MountFlags, ReadOnlyMountRefusesWritesInTheKernelsOrder) {
  mkdir("/run/a");
  tmpfs("/run/a");
  mkdir("/run/a/d");
  touch("/run/a/f");
  ASSERT_TRUE(sys_mount_remount(init, "/run/a", MS_REMOUNT | MS_BIND | MS_RDONLY));
  EXPECT_EQ(sys_mkdir(init, "/run/a/d", 0755).code(), E(EEXIST));
  EXPECT_EQ(sys_mkdir(init, "/run/a/n", 0755).code(), E(EROFS));
  EXPECT_EQ(sys_unlink(init, "/run/a/none").code(), E(EROFS));  // before ENOENT
  EXPECT_EQ(sys_rmdir(init, "/run/a/none").code(), E(EROFS));
  EXPECT_EQ(sys_rmdir(init, "/run/a/.").code(), E(EINVAL));     // before EROFS
  EXPECT_EQ(sys_unlink(init, "/run/a/f").code(), E(EROFS));
  EXPECT_TRUE(sys_open(init, "/run/a/f", O_RDONLY | O_CREAT, 0644));
  EXPECT_EQ(sys_open(init, "/run/a/f", O_RDONLY | O_CREAT | O_EXCL, 0644).code(), E(EEXIST));
  EXPECT_EQ(sys_open(init, "/run/a/g", O_RDONLY | O_CREAT, 0644).code(), E(EROFS));
  EXPECT_EQ(sys_open(init, "/run/a/f", O_WRONLY).code(), E(EROFS));
  EXPECT_EQ(sys_open(init, "/run/a/f", O_RDONLY | O_TRUNC).code(), E(EROFS));
  EXPECT_EQ(sys_open(init, "/run/a/d", O_WRONLY).code(), E(EISDIR));
  EXPECT_TRUE(sys_open(init, "/run/a/f", O_RDONLY));
  // A mount on a read-only mount is allowed and has flags of its own.
  ASSERT_TRUE(sys_mount_fs(init, "tmpfs", "u", "/run/a/d"));
  EXPECT_TRUE(sys_mkdir(init, "/run/a/d/x", 0755));
}

TEST_F(MountFlags, ReadOnlyMountAsksAfterPermissionReadOnlyFileSystemBefore) {
  mkdir("/run/a");
  tmpfs("/run/a");
  touch("/run/a/f");
  ASSERT_TRUE(sys_mount_remount(init, "/run/a", MS_REMOUNT | MS_BIND | MS_RDONLY));
  auto u = spawn(m, init);
  ASSERT_TRUE(sys_setresuid(*u, 1000, 1000, 1000));
  EXPECT_EQ(sys_mkdir(*u, "/run/a/x", 0755).code(), E(EROFS));
  EXPECT_EQ(sys_open(*u, "/run/a/f", O_WRONLY).code(), E(EACCES));
  EXPECT_EQ(sys_open(*u, "/run/a/f", O_RDONLY | O_TRUNC).code(), E(EROFS));
  ASSERT_TRUE(sys_mount_remount(init, "/run/a", MS_REMOUNT | MS_RDONLY));
  EXPECT_EQ(sys_open(*u, "/run/a/f", O_WRONLY).code(), E(EROFS));
}

TEST_F(MountFlags, ACopyIntoAChildUserNamespaceLocksTheFlags) {
  mkdir("/run/a");
  tmpfs("/run/a", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_NOATIME);
  mkdir("/run/b");
  tmpfs("/run/b", MS_NOSUID);
  mkdir("/run/b/d");
  auto t = spawn(m, init);
  ASSERT_TRUE(sys_unshare(*t, CLONE_NEWUSER | CLONE_NEWNS));
  const unsigned long keep = MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC;
  EXPECT_EQ(sys_mount_remount(*t, "/run/a", keep & ~MS_RDONLY).code(), E(EPERM));
  EXPECT_EQ(sys_mount_remount(*t, "/run/a", keep & ~MS_NOEXEC).code(), E(EPERM));
  EXPECT_EQ(sys_mount_remount(*t, "/run/a", keep | MS_RELATIME).code(), E(EPERM));  // atime
  EXPECT_TRUE(sys_mount_remount(*t, "/run/a", keep));  // atime kept: no atime flag named
  EXPECT_EQ(sys_mount_remount(*t, "/run/b", MS_REMOUNT | MS_BIND).code(), E(EPERM));
  // ro was not there when the tree was copied: it may go again.
  EXPECT_TRUE(sys_mount_remount(*t, "/run/b", MS_REMOUNT | MS_BIND | MS_NOSUID | MS_RDONLY));
  EXPECT_TRUE(sys_mount_remount(*t, "/run/b", MS_REMOUNT | MS_BIND | MS_NOSUID));
  // A bind copies the locks.
  ASSERT_TRUE(sys_mount_bind(*t, "/run/b/d", "/run/b/d"));
  EXPECT_EQ(sys_mount_remount(*t, "/run/b/d", MS_REMOUNT | MS_BIND).code(), E(EPERM));
  // The file system belongs to the initial user namespace.
  EXPECT_EQ(sys_mount_remount(*t, "/run/b", MS_REMOUNT | MS_NOSUID).code(), E(EPERM));
  // The root is locked too.
  EXPECT_TRUE(sys_mount_remount(*t, "/run", MS_REMOUNT | MS_BIND | MS_NOSUID | MS_NODEV));
  EXPECT_EQ(sys_mount_remount(*t, "/run", MS_REMOUNT | MS_BIND | MS_NOSUID).code(), E(EPERM));
  // Not so in a namespace of the same user namespace.
  auto s = spawn(m, init);
  ASSERT_TRUE(sys_unshare(*s, CLONE_NEWNS));
  EXPECT_TRUE(sys_mount_remount(*s, "/run/b", MS_REMOUNT | MS_BIND));
}

TEST_F(MountFlags, AFileSystemOfAChildUserNamespaceIsItsToRemount) {
  mkdir("/run/a");
  auto t = spawn(m, init);
  ASSERT_TRUE(sys_unshare(*t, CLONE_NEWUSER | CLONE_NEWNS));
  ASSERT_TRUE(sys_mount_fs(*t, "tmpfs", "v", "/run/a", MS_NOSUID));
  ASSERT_TRUE(sys_mount_remount(*t, "/run/a", MS_REMOUNT | MS_RDONLY));
  EXPECT_EQ(options_at(*t, "/run/a"), "ro,relatime - ro");
  EXPECT_TRUE(sys_mount_remount(*t, "/run/a", MS_REMOUNT));
  // Without a uid map t's ids have no name in the file system's user
  // namespace: nothing new can be owned by them there.
  EXPECT_EQ(sys_mkdir(*t, "/run/a/x", 0755).code(), E(EOVERFLOW));
  EXPECT_EQ(sys_open(*t, "/run/a/f", O_WRONLY | O_CREAT, 0644).code(), E(EOVERFLOW));
}

TEST_F(MountFlags, AFileOpenForWritingKeepsItsMountAndFileSystemWritable) {
  mkdir("/run/a");
  tmpfs("/run/a");
  mkdir("/run/a/d");
  ASSERT_TRUE(sys_mount_bind(init, "/run/a", "/run/a/d"));
  auto fd = sys_open(init, "/run/a/f", O_WRONLY | O_CREAT, 0644);
  ASSERT_TRUE(fd);
  EXPECT_EQ(sys_mount_remount(init, "/run/a", MS_REMOUNT | MS_BIND | MS_RDONLY).code(), E(EBUSY));
  EXPECT_EQ(sys_mount_remount(init, "/run/a/d", MS_REMOUNT | MS_RDONLY).code(), E(EBUSY));
  EXPECT_TRUE(sys_mount_remount(init, "/run/a/d", MS_REMOUNT | MS_BIND | MS_RDONLY));  // another mount
  EXPECT_EQ(options_at(init, "/run/a"), "rw,relatime - rw");  // nothing half-done
  ASSERT_TRUE(sys_close(init, *fd));
  EXPECT_TRUE(sys_mount_remount(init, "/run/a", MS_REMOUNT | MS_BIND | MS_RDONLY));
  // A file opened for reading is no writer.
  ASSERT_TRUE(sys_mount_remount(init, "/run/a", MS_REMOUNT | MS_BIND));
  ASSERT_TRUE(sys_open(init, "/run/a/f", O_RDONLY));
  EXPECT_TRUE(sys_mount_remount(init, "/run/a", MS_REMOUNT | MS_RDONLY));
}

// sb_prepare_remount_readonly looks at every mount of the file system,
// those a lazy umount detached too (s_mounts keeps them).
TEST_F(MountFlags, AWriterThroughADetachedMountStillKeepsTheFileSystemWritable) {
  mkdir("/run/a");
  tmpfs("/run/a");
  mkdir("/run/b");
  ASSERT_TRUE(sys_mount_bind(init, "/run/a", "/run/b"));
  auto fd = sys_open(init, "/run/b/f", O_WRONLY | O_CREAT, 0644);
  ASSERT_TRUE(fd);
  ASSERT_TRUE(sys_umount_detach(init, "/run/b"));
  EXPECT_EQ(sys_mount_remount(init, "/run/a", MS_REMOUNT | MS_RDONLY).code(), E(EBUSY));
  ASSERT_TRUE(sys_close(init, *fd));
  EXPECT_TRUE(sys_mount_remount(init, "/run/a", MS_REMOUNT | MS_RDONLY));
}

// s_remove_count: an unlinked inode still in use (here open for reading
// alone) keeps the file system writable; a remount of the mount alone
// (bind) is not held back by it. The world's own tmpfs (/run) counts too.
TEST_F(MountFlags, ARemovedInodeStillInUseKeepsTheFileSystemWritable) {
  for (const char* dir : {"/run/a", ""}) {
    const std::string top = *dir ? std::string(dir) : std::string("/run");
    if (*dir) {
      mkdir(dir);
      tmpfs(dir);
    }
    const std::string f = top + "/f";
    touch(f.c_str());
    auto fd = sys_open(init, f, O_RDONLY);
    ASSERT_TRUE(fd);
    ASSERT_TRUE(sys_unlink(init, f));
    EXPECT_EQ(sys_mount_remount(init, top, MS_REMOUNT | MS_RDONLY).code(), E(EBUSY)) << top;
    EXPECT_TRUE(sys_mount_remount(init, top, MS_REMOUNT | MS_BIND | MS_RDONLY)) << top;
    ASSERT_TRUE(sys_mount_remount(init, top, MS_REMOUNT | MS_BIND));
    ASSERT_TRUE(sys_close(init, *fd));
    EXPECT_TRUE(sys_mount_remount(init, top, MS_REMOUNT | MS_RDONLY)) << top;
    ASSERT_TRUE(sys_mount_remount(init, top, MS_REMOUNT));
  }
}

TEST_F(MountFlags, ACopyPropagatedIntoAChildUserNamespaceHasLockedFlags) {
  mkdir("/run/a");
  tmpfs("/run/a");
  ASSERT_TRUE(sys_mount_change_type(init, "/run/a", MS_SHARED));
  mkdir("/run/a/x");
  auto t = spawn(m, init);
  ASSERT_TRUE(sys_unshare(*t, CLONE_NEWUSER | CLONE_NEWNS));
  tmpfs("/run/a/x", MS_NOSUID | MS_NOATIME);
  EXPECT_EQ(options_at(*t, "/run/a/x"), "rw,nosuid,noatime - rw");
  EXPECT_EQ(sys_mount_remount(*t, "/run/a/x", MS_REMOUNT | MS_BIND).code(), E(EPERM));
  EXPECT_TRUE(sys_mount_remount(*t, "/run/a/x", MS_REMOUNT | MS_BIND | MS_NOSUID));
  EXPECT_TRUE(sys_umount_detach(*t, "/run/a/x"));  // its place is not locked
}

// MS_NOSYMFOLLOW (probed, conformance/624): no symlink on the mount is
// followed, magic links included (ELOOP); readlink and the walk to a
// directory still work; the flag shows after relatime, a bind copies it
// and a remount,bind sets or clears it on that mount alone.
TEST_F(MountFlags, NosymfollowRefusesEveryLinkOnTheMount) {
  mkdir("/run/p");
  mkdir("/run/q");
  ASSERT_TRUE(sys_mount_fs(init, "proc", "p", "/run/p", MS_NOSYMFOLLOW));
  EXPECT_EQ(options_at(init, "/run/p"), "rw,relatime,nosymfollow - rw");
  EXPECT_EQ(mtab_options_at(init, "/run/p"), "rw,relatime,nosymfollow");
  const std::string me = "/run/p/" + std::to_string(init.pid());
  EXPECT_EQ(sys_stat(init, "/run/p/self").code(), E(ELOOP));
  EXPECT_EQ(sys_stat(init, "/run/p/self/ns").code(), E(ELOOP));
  EXPECT_EQ(sys_stat(init, me + "/ns/net").code(), E(ELOOP));
  EXPECT_EQ(sys_open(init, me + "/ns/net", O_RDONLY).code(), E(ELOOP));
  EXPECT_TRUE(sys_stat(init, me + "/ns"));
  EXPECT_TRUE(sys_readlink(init, "/run/p/self"));
  EXPECT_TRUE(sys_lstat(init, "/run/p/self"));
  EXPECT_TRUE(sys_stat(init, "/proc/self/ns/net"));  // the other mount is not affected
  ASSERT_TRUE(sys_mount_bind(init, "/run/p", "/run/q"));
  EXPECT_EQ(options_at(init, "/run/q"), "rw,relatime,nosymfollow - rw");
  ASSERT_TRUE(sys_mount_remount(init, "/run/q", MS_REMOUNT | MS_BIND));
  EXPECT_EQ(options_at(init, "/run/q"), "rw,relatime - rw");
  EXPECT_TRUE(sys_stat(init, "/run/q/self/ns/net"));
  EXPECT_EQ(sys_stat(init, "/run/p/self").code(), E(ELOOP));
  ASSERT_TRUE(sys_mount_remount(init, "/run/q", MS_REMOUNT | MS_BIND | MS_NOSYMFOLLOW));
  EXPECT_EQ(sys_stat(init, "/run/q/self").code(), E(ELOOP));
}

}  // namespace
}  // namespace netns
