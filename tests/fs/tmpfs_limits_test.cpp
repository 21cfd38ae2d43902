// SPDX-License-Identifier: GPL-2.0-only
// A tmpfs's size= and nr_inodes= are limits, as the reference kernel (6.18)
// keeps them (probed there with a size=8k,nr_inodes=3 tmpfs: writes,
// creates, mkdirs, unlinks of open files, statvfs):
// - the root directory is the first inode; every file and directory
//   another; an existing name is EEXIST before the file system is asked;
// - a page of file data is charged the first time a write touches it (a
//   hole costs nothing), all of a file's pages are freed by O_TRUNC;
// - a write that reaches a page the file system cannot give stops where
//   that page begins (a short write), or is ENOSPC when not a byte fits;
// - an unlinked file keeps its inode and pages until its last close.
// conformance/639_tmpfs_nr_inodes, 640_tmpfs_size_pages and 644 check the same on
// both backends.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/mount.h>

#include <cerrno>
#include <string>

#include "netns/machine/machine.hpp"
#include "netns/task/syscalls.hpp"

namespace netns {
namespace {

// What a write wrote, or 0 for an error.
std::size_t bytes(const result<std::size_t>& r) { return r ? *r : 0; }

class TmpfsLimits : public ::testing::Test {
 protected:
  void mount_at(const char* data) {
    ASSERT_TRUE(sys_mkdir(init, "/run/t", 0755));
    ASSERT_TRUE(sys_mount_fs(init, "tmpfs", "t", "/run/t", 0, data));
  }
  // A new file's fd, or the error.
  result<int> create(std::string_view path) { return sys_open(init, path, O_CREAT | O_WRONLY, 0644); }
  result<std::size_t> pwrite(int fd, std::string_view data, std::int64_t at) {
    if (auto r = sys_lseek(init, fd, at, SEEK_SET); !r) return r.error();
    return sys_write(init, fd, data);
  }
  machine m;
  task& init = m.init_task();
};

TEST_F(TmpfsLimits, TheRootAndEveryFileOrDirectoryTakeAnInode) {
  mount_at("nr_inodes=3");
  auto a = create("/run/t/a");
  ASSERT_TRUE(a);
  ASSERT_TRUE(sys_mkdir(init, "/run/t/d", 0755));
  EXPECT_EQ(create("/run/t/b").code(), errc{ENOSPC});
  EXPECT_EQ(sys_mkdir(init, "/run/t/e", 0755).code(), errc{ENOSPC});
  EXPECT_EQ(create("/run/t/d/x").code(), errc{ENOSPC}) << "a subdirectory shares the limit";
  // A name that exists is that, full or not.
  EXPECT_EQ(sys_mkdir(init, "/run/t/d", 0755).code(), errc{EEXIST});
  EXPECT_EQ(sys_open(init, "/run/t/a", O_CREAT | O_EXCL | O_WRONLY, 0644).code(), errc{EEXIST});
  // An unlinked file still open keeps its inode; the last close frees it.
  ASSERT_TRUE(sys_unlink(init, "/run/t/a"));
  EXPECT_EQ(create("/run/t/b").code(), errc{ENOSPC});
  ASSERT_TRUE(sys_close(init, *a));
  auto b = create("/run/t/b");
  ASSERT_TRUE(b);
  ASSERT_TRUE(sys_close(init, *b));
  // rmdir gives its inode back.
  ASSERT_TRUE(sys_rmdir(init, "/run/t/d"));
  EXPECT_TRUE(sys_mkdir(init, "/run/t/e", 0755));
}

TEST_F(TmpfsLimits, OnlyTheRootFitsInOneInode) {
  mount_at("nr_inodes=1");
  EXPECT_EQ(create("/run/t/a").code(), errc{ENOSPC});
  EXPECT_EQ(sys_mkdir(init, "/run/t/d", 0755).code(), errc{ENOSPC});
}

TEST_F(TmpfsLimits, PagesAreChargedWhenFirstWritten) {
  mount_at("size=8k");
  auto fd = create("/run/t/a");
  ASSERT_TRUE(fd);
  EXPECT_EQ(bytes(pwrite(*fd, "x", 0)), 1u);
  EXPECT_EQ(bytes(pwrite(*fd, "x", 100)), 1u) << "page 0 again costs nothing";
  EXPECT_EQ(bytes(pwrite(*fd, "x", 1 << 20)), 1u) << "a page far out: the hole is free";
  EXPECT_EQ(pwrite(*fd, "x", (1 << 20) + 4096).code(), errc{ENOSPC});
  EXPECT_EQ(bytes(pwrite(*fd, "x", 4000)), 1u);
  // Another file shares the limit.
  auto other = create("/run/t/b");
  ASSERT_TRUE(other);
  EXPECT_EQ(pwrite(*other, "x", 0).code(), errc{ENOSPC});
  // O_TRUNC frees the file's pages.
  auto again = sys_open(init, "/run/t/a", O_WRONLY | O_TRUNC);
  ASSERT_TRUE(again);
  EXPECT_EQ(bytes(pwrite(*other, "x", 0)), 1u);
  for (int f : {*fd, *other, *again}) ASSERT_TRUE(sys_close(init, f));
}

TEST_F(TmpfsLimits, AWriteStopsWhereTheFirstPageItCannotHaveBegins) {
  mount_at("size=8k");
  auto fd = create("/run/t/a");
  ASSERT_TRUE(fd);
  const std::string big(10000, 'x');
  EXPECT_EQ(bytes(pwrite(*fd, big, 100)), 8192u - 100);
  EXPECT_EQ(sys_fstat(init, *fd).value().size, 8192);
  EXPECT_EQ(pwrite(*fd, "y", 8192).code(), errc{ENOSPC});
  ASSERT_TRUE(sys_close(init, *fd));
}

TEST_F(TmpfsLimits, AnUnlinkedFileKeepsItsPagesUntilItsLastClose) {
  mount_at("size=4k");
  auto fd = create("/run/t/a");
  ASSERT_TRUE(fd);
  ASSERT_TRUE(pwrite(*fd, "x", 0));
  ASSERT_TRUE(sys_unlink(init, "/run/t/a"));
  auto b = create("/run/t/b");
  ASSERT_TRUE(b);
  EXPECT_EQ(pwrite(*b, "x", 0).code(), errc{ENOSPC});
  ASSERT_TRUE(sys_close(init, *fd));
  EXPECT_EQ(bytes(pwrite(*b, "x", 0)), 1u);
  ASSERT_TRUE(sys_close(init, *b));
}

TEST_F(TmpfsLimits, ZeroIsNoLimit) {
  mount_at("size=0,nr_inodes=0");
  for (int i = 0; i < 20; ++i) {
    auto fd = create("/run/t/f" + std::to_string(i));
    ASSERT_TRUE(fd);
    ASSERT_TRUE(pwrite(*fd, std::string(8192, 'x'), 0));
    ASSERT_TRUE(sys_close(init, *fd));
  }
}

// shmem_reconfigure: not below what is in use (EINVAL, nothing changes);
// otherwise the new limits hold from then on. (conformance 644)
TEST_F(TmpfsLimits, ARemountsLimitsAreCheckedAgainstWhatIsInUse) {
  mount_at("size=16k,nr_inodes=10");
  auto fd = create("/run/t/a");  // inodes: the root and a
  ASSERT_TRUE(fd);
  ASSERT_TRUE(pwrite(*fd, "x", 0));
  ASSERT_TRUE(pwrite(*fd, "x", 4096));  // two pages
  EXPECT_EQ(sys_mount_remount(init, "/run/t", MS_REMOUNT, "size=4k").code(), errc{EINVAL});
  EXPECT_EQ(sys_mount_remount(init, "/run/t", MS_REMOUNT, "nr_inodes=1").code(), errc{EINVAL});
  EXPECT_TRUE(pwrite(*fd, "x", 8192)) << "a refused remount changed the limit";
  ASSERT_TRUE(sys_mount_remount(init, "/run/t", MS_REMOUNT, "size=12k,nr_inodes=2"));
  EXPECT_EQ(pwrite(*fd, "x", 12288).code(), errc{ENOSPC});
  EXPECT_EQ(create("/run/t/b").code(), errc{ENOSPC});
  ASSERT_TRUE(sys_mount_remount(init, "/run/t", MS_REMOUNT, "size=0,nr_inodes=0"));
  EXPECT_TRUE(pwrite(*fd, "x", 12288));
  auto b = create("/run/t/b");
  ASSERT_TRUE(b);
  for (int f : {*fd, *b}) ASSERT_TRUE(sys_close(init, f));
}

}  // namespace
}  // namespace netns
