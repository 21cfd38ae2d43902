// SPDX-License-Identifier: GPL-2.0-only
// A tmpfs's mount data against the reference kernel (6.18), probed there
// first (mount(2) with data from a small C program, /proc/self/mountinfo);
// conformance/625_tmpfs_data_options and 626_tmpfs_data_errors check the
// same on both backends (497_tmpfs_remount_options a remount's). Here the
// parser, the options text and shmem_reconfigure alone, and through
// mount(2) of the model: the root directory's mode and owner.
#include "fs/tmpfs_options.hpp"

#include <fcntl.h>
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

using fs::parse_tmpfs_data;
using fs::show_tmpfs_options;
using fs::tmpfs_params;

// The options text of `data` parsed by the kernel itself (no caller), or
// "EINVAL".
std::string shown(std::string_view data) {
  tmpfs_params p;
  if (auto r = parse_tmpfs_data(data, nullptr, p); !r)
    return r.code() == errc{EINVAL} ? "EINVAL" : "other error";
  return show_tmpfs_options(p);
}

TEST(TmpfsOptions, SizesRoundUpToPagesAndShowInKib) {
  EXPECT_EQ(shown("size=1m"), ",size=1024k");
  EXPECT_EQ(shown("size=1048576"), ",size=1024k");
  EXPECT_EQ(shown("size=1000"), ",size=4k");
  EXPECT_EQ(shown("size=4097"), ",size=8k");
  EXPECT_EQ(shown("size=0"), ",size=0k");
  EXPECT_EQ(shown("size=1g"), ",size=1048576k");
  EXPECT_EQ(shown("size=1T"), ",size=1073741824k");
  EXPECT_EQ(shown("size=0x1000"), ",size=4k");  // memparse: base from the prefix
  EXPECT_EQ(shown("nr_blocks=10"), ",size=40k");
  EXPECT_EQ(shown("nr_blocks=1k"), ",size=4096k");
  EXPECT_EQ(shown("size=1m,size=2m"), ",size=2048k");  // the last wins
  EXPECT_EQ(shown("nr_inodes=100"), ",nr_inodes=100");
  EXPECT_EQ(shown("nr_inodes=1k"), ",nr_inodes=1024");
  EXPECT_EQ(shown("nr_inodes=0"), ",nr_inodes=0");
}

TEST(TmpfsOptions, ModeIdsHugeAndTheKernelsOrder) {
  EXPECT_EQ(shown("mode=700"), ",mode=700");
  EXPECT_EQ(shown("mode=1777"), "");
  EXPECT_EQ(shown("mode=0"), ",mode=000");
  EXPECT_EQ(shown("mode=17777"), ",mode=7777");
  EXPECT_EQ(shown("uid=1000"), ",uid=1000");
  EXPECT_EQ(shown("gid=0x10"), ",gid=16");
  EXPECT_EQ(shown("huge=never"), "");
  EXPECT_EQ(shown("huge=always"), ",huge=always");
  EXPECT_EQ(shown("inode32"), "");
  EXPECT_EQ(shown("inode64"), ",inode64");
  EXPECT_EQ(shown("noswap"), ",noswap");
  EXPECT_EQ(shown("noswap,huge=advise,inode64,gid=6,uid=5,mode=700,nr_inodes=10,size=1m"),
            ",size=1024k,nr_inodes=10,mode=700,uid=5,gid=6,inode64,huge=advise,noswap");
  EXPECT_EQ(shown("size=1m,,mode=700"), ",size=1024k,mode=700");  // an empty word is skipped
}

TEST(TmpfsOptions, BadValuesAreEinval) {
  for (const char* bad :
       {"size=abc", "size=", "size=-1", "size=1x", "size", "mode", "nr_inodes=x", "nr_inodes=50%",
        "nr_blocks=1q", "mode=8", "mode=abc", "uid=-1", "uid=abc", "uid=4294967296",
        "gid=x", "huge=sometimes", "bogus", "bogus=1", "nosuid", "inode64=1", "noswap=1"})
    EXPECT_EQ(shown(bad), "EINVAL") << bad;
}

TEST(TmpfsOptions, GenericSuperblockWordsSetTheFlags) {
  tmpfs_params p;
  ASSERT_TRUE(parse_tmpfs_data("ro,sync", nullptr, p));
  EXPECT_EQ(p.sb_set, fs::sb_rdonly | fs::sb_synchronous);
  ASSERT_TRUE(parse_tmpfs_data("rw", nullptr, p));
  EXPECT_EQ(p.sb_set, fs::sb_synchronous);
  EXPECT_EQ(p.sb_clear, fs::sb_rdonly);
}

class TmpfsMount : public ::testing::Test {
 protected:
  machine m;
  task& init = m.init_task();
};

TEST_F(TmpfsMount, DataGivesTheRootItsModeAndOwnerAndShows) {
  ASSERT_TRUE(sys_mkdir(init, "/run/a", 0755));
  ASSERT_TRUE(sys_mount_fs(init, "tmpfs", "t", "/run/a", MS_NOSUID, "size=1m,mode=700,uid=5,gid=6"));
  auto st = sys_stat(init, "/run/a");
  ASSERT_TRUE(st);
  EXPECT_EQ(st->mode & 07777, 0700u);
  EXPECT_EQ(st->uid, kuid{5});
  EXPECT_EQ(st->gid, kgid{6});
  // A uid that is not 5 and not root cannot search it now.
  auto t = test::spawn(m, init);
  ASSERT_TRUE(sys_setresuid(*t, 1000, 1000, 1000));
  EXPECT_EQ(sys_stat(*t, "/run/a/x").code(), errc{EACCES});
  // Bad data mounts nothing.
  ASSERT_TRUE(sys_mkdir(init, "/run/b", 0755));
  EXPECT_EQ(sys_mount_fs(init, "tmpfs", "t", "/run/b", 0, "size=abc").code(), errc{EINVAL});
  EXPECT_EQ(sys_mount_fs(init, "proc", "p", "/run/b", 0, "size=1m").code(), errc{EINVAL});
  // An id with no mapping in the caller's new user namespace; noswap is
  // the initial user namespace's alone.
  auto u = test::spawn(m, init);
  ASSERT_TRUE(sys_unshare(*u, CLONE_NEWUSER | CLONE_NEWNS));
  EXPECT_EQ(sys_mount_fs(*u, "tmpfs", "t", "/run/b", 0, "uid=0").code(), errc{EINVAL});
  EXPECT_EQ(sys_mount_fs(*u, "tmpfs", "t", "/run/b", 0, "noswap").code(), errc{EINVAL});
  EXPECT_TRUE(sys_mount_fs(*u, "tmpfs", "t", "/run/b", 0, "size=1m"));
}

// shmem_reconfigure over the options `made` gave: the text after, or the
// errno's name.
std::string remounted(std::string_view made, std::string_view data) {
  tmpfs_params sb, given;
  if (!parse_tmpfs_data(made, nullptr, sb)) return "bad made";
  if (auto r = parse_tmpfs_data(data, nullptr, given); !r) return errno_name(r.error().errnum());
  if (auto r = fs::reconfigure_tmpfs(given, sb); !r) return errno_name(r.error().errnum());
  return show_tmpfs_options(sb);
}

TEST(TmpfsOptions, RemountChangesSizesAndHugeIgnoresModeAndIds) {
  EXPECT_EQ(remounted("size=1m,mode=700,uid=5", "size=2m"), ",size=2048k,mode=700,uid=5");
  EXPECT_EQ(remounted("size=1m,mode=700,uid=5", "mode=755,uid=7,gid=8"), ",size=1024k,mode=700,uid=5");
  EXPECT_EQ(remounted("size=1m", "nr_inodes=10,huge=always"), ",size=1024k,nr_inodes=10,huge=always");
  EXPECT_EQ(remounted("huge=always", "huge=never"), "");
  EXPECT_EQ(remounted("size=1m", "size=0,nr_inodes=0"), ",size=0k,nr_inodes=0");
  EXPECT_EQ(remounted("size=1m", ""), ",size=1024k");
  EXPECT_EQ(remounted("", "inode64"), ",inode64");
}

TEST(TmpfsOptions, RemountCannotLimitWhatWasUnlimitedNorTurnOnNoswap) {
  EXPECT_EQ(remounted("size=0", "size=1m"), "EINVAL");
  EXPECT_EQ(remounted("size=0", "size=0"), ",size=0k");
  EXPECT_EQ(remounted("nr_inodes=0", "nr_inodes=5"), "EINVAL");
  EXPECT_EQ(remounted("size=0", "huge=always,size=1m"), "EINVAL");  // nothing changes
  EXPECT_EQ(remounted("", "noswap"), "EINVAL");
  // Once on, noswap stays, said again or not (probed).
  EXPECT_EQ(remounted("noswap", "size=2m"), ",size=2048k,noswap");
  EXPECT_EQ(remounted("noswap", "noswap,inode32"), ",noswap");
}

TEST_F(TmpfsMount, RemountDataChangesTheSuperOptionsOrNothing) {
  ASSERT_TRUE(sys_mkdir(init, "/run/a", 0755));
  ASSERT_TRUE(sys_mount_fs(init, "tmpfs", "t", "/run/a", 0, "size=0,mode=700"));
  auto shows = [&](std::string_view what) {
    return test::cat(init, "/proc/self/mountinfo").find(what) != std::string::npos;
  };
  ASSERT_TRUE(sys_mount_remount(init, "/run/a", MS_REMOUNT, "nr_inodes=3,uid=9"));
  EXPECT_TRUE(shows("/run/a rw,relatime - tmpfs t rw,size=0k,nr_inodes=3,mode=700\n"));
  // shmem_reconfigure refuses after the switch to read-only: undone, and
  // the mount's flags are not touched.
  EXPECT_EQ(sys_mount_remount(init, "/run/a", MS_REMOUNT | MS_RDONLY, "size=1m").code(),
            errc{EINVAL});
  EXPECT_TRUE(shows("/run/a rw,relatime - tmpfs t rw,size=0k,nr_inodes=3,mode=700\n"));
  EXPECT_EQ(sys_mount_remount(init, "/run/a", MS_REMOUNT, "size=x").code(), errc{EINVAL});
  // With MS_BIND the data is not looked at.
  EXPECT_TRUE(sys_mount_remount(init, "/run/a", MS_REMOUNT | MS_BIND, "size=x"));
}

}  // namespace
}  // namespace netns
