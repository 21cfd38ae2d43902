// SPDX-License-Identifier: GPL-2.0-only
// statfs(2) and fstatfs(2) of the model's file systems, as the reference
// kernel (6.18) answers them (probed with a C program over statfs(2) on
// a size=8k,nr_inodes=3 tmpfs, /proc, /proc/self/ns/net and a bind mount
// of it, and under netns exec: tests/exec/ns_probe.cpp):
// - tmpfs: TMPFS_MAGIC, page-sized blocks, the limits and what is free of
//   them (0 everywhere when unlimited);
// - procfs and nsfs: their magic, page size, NAME_MAX, no counts;
// - f_flags: ST_VALID and the mount's flags (a namespace file through a
//   magic link is on nsfs's internal mount: ST_VALID alone);
// - ENOENT for a missing path, EBADF for a closed fd; an O_PATH fd will do.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/mount.h>

#include <cerrno>

#include "netns/fs/statfs.hpp"
#include "netns/machine/machine.hpp"
#include "netns/task/syscalls.hpp"

namespace netns {
namespace {

using fs::statfs_info;

TEST(Statfs, ALimitedTmpfsCountsWhatIsFree) {
  machine m;
  task& init = m.init_task();
  ASSERT_TRUE(sys_mkdir(init, "/run/t", 0755));
  ASSERT_TRUE(sys_mount_fs(init, "tmpfs", "t", "/run/t", MS_NOSUID | MS_NODEV, "size=8k,nr_inodes=3"));
  auto s = sys_statfs(init, "/run/t");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->type, fs::tmpfs_magic);
  EXPECT_EQ(s->bsize, 4096);
  EXPECT_EQ(s->frsize, 4096);
  EXPECT_EQ(s->namelen, 255);
  EXPECT_EQ(s->blocks, 2u);
  EXPECT_EQ(s->bfree, 2u);
  EXPECT_EQ(s->bavail, 2u);
  EXPECT_EQ(s->files, 3u);
  EXPECT_EQ(s->ffree, 2u);  // the root is the first inode
  EXPECT_EQ(s->flags, fs::st_valid | fs::st_relatime | fs::st_nosuid | fs::st_nodev);
  // A file and a page of data are taken from what is free.
  int fd = *sys_open(init, "/run/t/a", O_CREAT | O_WRONLY, 0644);
  ASSERT_TRUE(sys_write(init, fd, "x"));
  s = sys_fstatfs(init, fd);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->bfree, 1u);
  EXPECT_EQ(s->ffree, 1u);
  // A read-only remount shows in f_flags.
  ASSERT_TRUE(sys_close(init, fd));
  auto ro = sys_mount_remount(init, "/run/t", MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV);
  ASSERT_TRUE(ro) << ro.error().errnum();
  EXPECT_TRUE(sys_statfs(init, "/run/t/a")->flags & fs::st_rdonly);
}

TEST(Statfs, AnUnlimitedTmpfsHasNoCounts) {
  machine m;
  auto s = sys_statfs(m.init_task(), "/run");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->type, fs::tmpfs_magic);
  EXPECT_EQ(s->blocks, 0u);
  EXPECT_EQ(s->files, 0u);
}

TEST(Statfs, NamespaceFilesAreOnNsfsWhateverLedThere) {
  machine m;
  task& init = m.init_task();
  auto through_link = sys_statfs(init, "/proc/self/ns/net");
  ASSERT_TRUE(through_link);
  EXPECT_EQ(through_link->type, fs::nsfs_magic);
  EXPECT_EQ(through_link->flags, fs::st_valid);  // nsfs's internal mount has no flags
  EXPECT_EQ(through_link->blocks, 0u);
  EXPECT_EQ(through_link->namelen, 255);
  int path_fd = *sys_open(init, "/proc/self/ns/uts", O_PATH);
  auto by_fd = sys_fstatfs(init, path_fd);
  ASSERT_TRUE(by_fd);
  EXPECT_EQ(by_fd->type, fs::nsfs_magic);
  // Bound to a name, as ip netns add does: on nsfs, with that mount's flags.
  (void)sys_mkdir(init, "/run/netns", 0755);  // there already in a fresh world
  int f = *sys_open(init, "/run/netns/red", O_CREAT | O_RDONLY, 0);
  ASSERT_TRUE(sys_close(init, f));
  ASSERT_TRUE(sys_mount_bind(init, "/proc/self/ns/net", "/run/netns/red", false));
  auto bound = sys_statfs(init, "/run/netns/red");
  ASSERT_TRUE(bound);
  EXPECT_EQ(bound->type, fs::nsfs_magic);
  EXPECT_EQ(bound->flags, fs::st_valid);
}

TEST(Statfs, ProcfsFilesAreOnProc) {
  machine m;
  task& init = m.init_task();
  for (const char* path : {"/proc", "/proc/self/net/dev", "/proc/sys/net/core/somaxconn"}) {
    auto s = sys_statfs(init, path);
    ASSERT_TRUE(s) << path;
    EXPECT_EQ(s->type, fs::proc_super_magic) << path;
    EXPECT_EQ(s->bsize, 4096) << path;
    EXPECT_EQ(s->files, 0u) << path;
    EXPECT_TRUE(s->flags & fs::st_valid) << path;
  }
}

TEST(Statfs, ErrorsAreTheKernels) {
  machine m;
  task& init = m.init_task();
  EXPECT_EQ(sys_statfs(init, "/run/nosuch").code(), errc{ENOENT});
  EXPECT_EQ(sys_statfs(init, "/proc/self/ns/nosuch").code(), errc{ENOENT});
  EXPECT_EQ(sys_fstatfs(init, 77).code(), errc{EBADF});
}

}  // namespace
}  // namespace netns
