// SPDX-License-Identifier: GPL-2.0-only
// The VFS against Linux: every errno a caller can see is the one the reference
// kernel (6.18) gives for the same call on a fresh tmpfs (probed with
// `unshare -m`, `mount -t tmpfs none /tmp/x` and small C programs; the
// unprivileged caller was uid/gid 65534 after setresuid, so with no
// capabilities). Where the model cannot follow Linux by design (no working
// directory), the test says so.
#include "netns/fs/vfs.hpp"

#include <gtest/gtest.h>
#include <linux/limits.h>
#include <sys/mount.h>
#include <sys/time.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "fs/test_inodes.hpp"
#include "netns/core/cred.hpp"
#include "netns/core/kernel.hpp"
#include "support/test_util.hpp"

namespace netns::fs {
namespace {

using strings = std::vector<std::string>;
using test::magic_link;
using test::test_symlink;
using test::tracked_file;

constexpr errc E(int e) { return errc{e}; }

class VfsTest : public ::testing::Test {
 protected:
  VfsTest() : root_cred(cred::root(k.init_user_ns())), nobody_cred(root_cred) {
    nobody_cred.uid = nobody_cred.euid = nobody_cred.suid = nobody_cred.fsuid = kuid{65534};
    nobody_cred.gid = nobody_cred.egid = nobody_cred.sgid = nobody_cred.fsgid = kgid{65534};
    nobody_cred.cap_effective = nobody_cred.cap_permitted = cap_empty_set;
  }

  // Tree building, as root.
  void md(std::string_view path, std::uint32_t mode = 0755) {
    ASSERT_TRUE(fs.mkdir(root, path, mode)) << path;
  }
  void touch(std::string_view path, std::uint32_t mode = 0644, std::string_view data = {}) {
    auto f = fs.open(root, path, O_WRONLY | O_CREAT | O_EXCL, mode);
    ASSERT_TRUE(f) << path;
    if (!data.empty()) {
      ASSERT_TRUE((*f)->write(root, data)) << path;
    }
  }
  void attach(std::string_view dir, std::string_view name, inode_ptr node) {
    auto d = fs.resolve(root, dir);
    ASSERT_TRUE(d) << dir;
    auto t = std::dynamic_pointer_cast<tmpfs_dir>(*d);
    ASSERT_NE(t, nullptr) << dir;
    ASSERT_TRUE(t->attach(name, std::move(node))) << name;
  }
  void symlink(std::string_view dir, std::string_view name, std::string target) {
    attach(dir, name, std::make_shared<test_symlink>(std::move(target)));
  }

  // Observations, as root.
  std::uint64_t ino(std::string_view path) {
    auto st = fs.stat(root, path);
    return st ? st->ino : 0;
  }
  strings ls(std::string_view path) {
    auto r = fs.readdir(root, path);
    if (!r) return {std::string("<") + errno_name(r.code().value) + ">"};
    return *r;
  }
  std::string contents(std::string_view path) {
    auto f = fs.open(root, path, O_RDONLY);
    if (!f) return std::string("<") + errno_name(f.code().value) + ">";
    auto data = (*f)->read(root, 1 << 20);
    return data ? *data : std::string("<read failed>");
  }
  bool exists(std::string_view path) { return bool(fs.lstat(root, path)); }

  kernel k;
  cred root_cred;
  cred nobody_cred;
  access_ctx root{&root_cred, 1};
  access_ctx nobody{&nobody_cred, 2};
  vfs fs;
};

using PathWalkTest = VfsTest;
using SymlinkTest = VfsTest;
using DirOpsTest = VfsTest;
using OpenTest = VfsTest;
using PermissionTest = VfsTest;
using MountTest = VfsTest;

// ---- path walk ---------------------------------------------------------------------------------

TEST_F(PathWalkTest, AbsolutePathReachesNestedEntries) {
  md("/a");
  md("/a/b");
  touch("/a/b/f");
  auto n = fs.resolve(root, "/a/b/f");
  ASSERT_TRUE(n);
  EXPECT_EQ((*n)->type(), std::uint32_t{S_IFREG});
  auto st = fs.stat(root, "/a/b");
  ASSERT_TRUE(st);
  EXPECT_EQ(st->mode & S_IFMT, std::uint32_t{S_IFDIR});
  EXPECT_EQ(fs.stat(root, "/a/b/g").code(), E(ENOENT));
  EXPECT_EQ(fs.stat(root, "/a/x/f").code(), E(ENOENT));
}

TEST_F(PathWalkTest, DotStaysAndDotDotGoesUp) {
  md("/a");
  md("/a/b");
  touch("/a/b/f");
  EXPECT_EQ(ino("/a/./b/../b/./f"), ino("/a/b/f"));
  EXPECT_EQ(ino("/a/b/.."), ino("/a"));
  EXPECT_EQ(ino("/a/."), ino("/a"));
  EXPECT_EQ(ino("/."), ino("/"));
}

TEST_F(PathWalkTest, DotDotAtRootStaysAtRoot) {
  md("/a");
  EXPECT_NE(ino("/"), 0u);
  EXPECT_EQ(ino("/.."), ino("/"));
  EXPECT_EQ(ino("/../../.."), ino("/"));
  EXPECT_EQ(ino("/a/../../.."), ino("/"));
  EXPECT_EQ(ino("/../../a"), ino("/a"));
  EXPECT_EQ(ls("/../.."), (strings{"a"}));
}

TEST_F(PathWalkTest, RepeatedSlashesAreOneSeparator) {
  md("/a");
  md("/a/b");
  touch("/a/b/f");
  EXPECT_EQ(ino("//a///b////f"), ino("/a/b/f"));
  EXPECT_EQ(ino("//"), ino("/"));
  EXPECT_EQ(ino("/a/b//"), ino("/a/b"));
}

TEST_F(PathWalkTest, TrailingSlashOnFileIsEnotdir) {
  touch("/f");
  md("/d");
  EXPECT_EQ(fs.stat(root, "/f/").code(), E(ENOTDIR));
  EXPECT_EQ(fs.lstat(root, "/f/").code(), E(ENOTDIR));
  EXPECT_EQ(fs.stat(root, "/f/.").code(), E(ENOTDIR));
  EXPECT_EQ(fs.stat(root, "/f/..").code(), E(ENOTDIR));
  EXPECT_EQ(fs.open(root, "/f/", O_RDONLY).code(), E(ENOTDIR));
  EXPECT_TRUE(fs.stat(root, "/d/"));
  EXPECT_EQ(fs.stat(root, "/missing/").code(), E(ENOENT));
}

// A relative path starts at the walker's working directory; a context
// with none (the kernel's own, a task at its namespace's root) starts at
// its root, so "a", "./a" and "../a" all name /a there.
TEST_F(PathWalkTest, RelativePathStartsAtTheWorkingDirectory) {
  md("/a");
  md("/a/b");
  EXPECT_TRUE(fs.stat(root, "a"));
  EXPECT_TRUE(fs.stat(root, "./a/b"));
  EXPECT_TRUE(fs.stat(root, "../a"));
  EXPECT_TRUE(fs.stat(root, "."));
  ASSERT_TRUE(fs.mkdir(root, "c", 0755));
  EXPECT_TRUE(exists("/c"));
  auto pwd = fs.lookup_root(root, "/a/b");
  ASSERT_TRUE(pwd);
  EXPECT_EQ(pwd->path, "/a/b");
  ASSERT_EQ(pwd->above.size(), 2u);  // "/" and "/a", with the names taken
  EXPECT_EQ(pwd->above[0].name, "a");
  EXPECT_EQ(pwd->above[1].name, "b");
  access_ctx in_b = root;
  in_b.fs_pwd = &*pwd;
  ASSERT_TRUE(fs.mkdir(in_b, "d", 0755));
  EXPECT_TRUE(exists("/a/b/d"));
  EXPECT_TRUE(fs.stat(in_b, "../../c"));        // ".." goes back along the chain
  EXPECT_TRUE(fs.stat(in_b, "../../../../c"));  // and stops at the root
  EXPECT_EQ(fs.stat(in_b, "c").code(), E(ENOENT));
}

TEST_F(PathWalkTest, EmptyPathIsEnoent) {
  EXPECT_EQ(fs.resolve(root, "").code(), E(ENOENT));
  EXPECT_EQ(fs.stat(root, "").code(), E(ENOENT));
  EXPECT_EQ(fs.lstat(root, "").code(), E(ENOENT));
  EXPECT_EQ(fs.open(root, "", O_RDONLY).code(), E(ENOENT));
  EXPECT_EQ(fs.open(root, "", O_RDWR | O_CREAT, 0644).code(), E(ENOENT));
  EXPECT_EQ(fs.mkdir(root, "", 0755).code(), E(ENOENT));
  EXPECT_EQ(fs.rmdir(root, "").code(), E(ENOENT));
  EXPECT_EQ(fs.unlink(root, "").code(), E(ENOENT));
  EXPECT_EQ(fs.readlink(root, "").code(), E(ENOENT));
  EXPECT_EQ(fs.readdir(root, "").code(), E(ENOENT));
}

TEST_F(PathWalkTest, ComponentThroughFileIsEnotdir) {
  touch("/f");
  EXPECT_EQ(fs.stat(root, "/f/g").code(), E(ENOTDIR));
  EXPECT_EQ(fs.stat(root, "/f/g/h").code(), E(ENOTDIR));
  EXPECT_EQ(fs.mkdir(root, "/f/g", 0755).code(), E(ENOTDIR));
  EXPECT_EQ(fs.open(root, "/f/g", O_CREAT | O_RDWR, 0644).code(), E(ENOTDIR));
  EXPECT_EQ(fs.unlink(root, "/f/g").code(), E(ENOTDIR));
}

TEST_F(PathWalkTest, ComponentLongerThanNameMaxIsEnametoolong) {
  const std::string n255(NAME_MAX, 'a'), n256(NAME_MAX + 1, 'a');
  touch("/f");
  EXPECT_EQ(fs.stat(root, "/" + n255).code(), E(ENOENT));
  md("/" + n255);
  EXPECT_TRUE(fs.stat(root, "/" + n255));
  EXPECT_EQ(fs.stat(root, "/" + n256).code(), E(ENAMETOOLONG));
  EXPECT_EQ(fs.mkdir(root, "/" + n256, 0755).code(), E(ENAMETOOLONG));
  EXPECT_EQ(fs.open(root, "/" + n256, O_CREAT | O_RDWR, 0644).code(), E(ENAMETOOLONG));
  EXPECT_EQ(fs.stat(root, "/" + n256 + "/x").code(), E(ENAMETOOLONG));
  // The earlier component decides first.
  EXPECT_EQ(fs.stat(root, "/f/" + n256).code(), E(ENOTDIR));
  EXPECT_EQ(fs.stat(root, "/missing/" + n256).code(), E(ENOENT));
}

TEST_F(PathWalkTest, PathOfPathMaxBytesIsEnametoolong) {
  std::string p(PATH_MAX - 1, '/');  // 4095 bytes: the longest path getname accepts
  EXPECT_EQ(ino(p), ino("/"));
  p += '/';  // 4096
  EXPECT_EQ(fs.stat(root, p).code(), E(ENAMETOOLONG));
  std::string missing;  // "/x/x/...": short components, none of them there
  while (missing.size() < PATH_MAX) missing += "/x";
  missing.resize(PATH_MAX);
  EXPECT_EQ(fs.stat(root, missing).code(), E(ENAMETOOLONG));  // before ENOENT
  EXPECT_EQ(fs.mkdir(root, missing, 0755).code(), E(ENAMETOOLONG));
}

// ---- symlinks ----------------------------------------------------------------------------------

TEST_F(SymlinkTest, SymlinkLoopIsEloop) {
  symlink("/", "loop1", "loop2");
  symlink("/", "loop2", "/loop1");
  symlink("/", "self", "self");
  EXPECT_EQ(fs.stat(root, "/loop1").code(), E(ELOOP));
  EXPECT_EQ(fs.stat(root, "/self").code(), E(ELOOP));
  EXPECT_EQ(fs.stat(root, "/loop1/a").code(), E(ELOOP));
  EXPECT_EQ(fs.open(root, "/loop2", O_RDONLY).code(), E(ELOOP));
  EXPECT_EQ(fs.open(root, "/loop1", O_RDONLY | O_NOFOLLOW).code(), E(ELOOP));
  auto st = fs.lstat(root, "/loop1");
  ASSERT_TRUE(st);
  EXPECT_EQ(st->mode & S_IFMT, std::uint32_t{S_IFLNK});
}

// MAXSYMLINKS is 40 per lookup: c2 -> ... -> c41 -> /f is 40 links, c1 is 41.
TEST_F(SymlinkTest, FortyLinksAreFollowedTheFortyFirstIsEloop) {
  touch("/f");
  for (int i = 1; i <= 41; ++i)
    symlink("/", "c" + std::to_string(i), i == 41 ? "/f" : "c" + std::to_string(i + 1));
  EXPECT_EQ(ino("/c2"), ino("/f"));
  EXPECT_EQ(fs.stat(root, "/c1").code(), E(ELOOP));
}

TEST_F(SymlinkTest, AbsoluteTargetIsWalkedFromRoot) {
  md("/a");
  md("/a/b");
  touch("/a/b/f");
  symlink("/a", "abs", "/a/b/f");
  symlink("/a", "absdir", "//a/./b/");
  EXPECT_EQ(ino("/a/abs"), ino("/a/b/f"));
  EXPECT_EQ(ino("/a/absdir/f"), ino("/a/b/f"));
}

TEST_F(SymlinkTest, RelativeTargetIsWalkedFromTheLinksDirectory) {
  md("/a");
  md("/a/b");
  touch("/a/b/f");
  touch("/a/x");
  symlink("/a/b", "rel", "f");
  symlink("/a/b", "up", "../x");
  symlink("/", "top", "a/b/f");
  EXPECT_EQ(ino("/a/b/rel"), ino("/a/b/f"));
  EXPECT_EQ(ino("/a/b/up"), ino("/a/x"));
  EXPECT_EQ(ino("/top"), ino("/a/b/f"));
  // Reached through "..", the link's directory is still /a/b.
  EXPECT_EQ(ino("/a/b/../b/up"), ino("/a/x"));
}

TEST_F(SymlinkTest, SymlinkInTheMiddleOfAPathIsFollowed) {
  md("/a");
  md("/a/b");
  touch("/a/b/f");
  symlink("/", "la", "/a");
  symlink("/a", "lb", "b");
  EXPECT_EQ(ino("/la/b/f"), ino("/a/b/f"));
  EXPECT_EQ(ino("/a/lb/f"), ino("/a/b/f"));
  EXPECT_EQ(ino("/la/lb/f"), ino("/a/b/f"));
  EXPECT_EQ(ino("/la/lb/.."), ino("/a"));
}

TEST_F(SymlinkTest, SymlinkToFileWithTrailingSlashIsEnotdir) {
  touch("/f");
  symlink("/", "lf", "/f");
  EXPECT_EQ(fs.stat(root, "/lf/").code(), E(ENOTDIR));
  EXPECT_EQ(fs.stat(root, "/lf/x").code(), E(ENOTDIR));
}

TEST_F(SymlinkTest, DanglingSymlinkIsEnoentToStatButNotToLstat) {
  symlink("/", "dangle", "nowhere");
  EXPECT_EQ(fs.stat(root, "/dangle").code(), E(ENOENT));
  EXPECT_EQ(fs.stat(root, "/dangle/").code(), E(ENOENT));
  EXPECT_EQ(fs.lstat(root, "/dangle/").code(), E(ENOENT));
  EXPECT_EQ(fs.stat(root, "/dangle/x").code(), E(ENOENT));
  EXPECT_TRUE(fs.lstat(root, "/dangle"));
}

TEST_F(SymlinkTest, StatFollowsTheLinkLstatDoesNot) {
  touch("/f", 0640);
  auto link = std::make_shared<test_symlink>("/f");
  const std::uint64_t link_ino = link->ino();
  attach("/", "l", link);
  auto st = fs.stat(root, "/l");
  ASSERT_TRUE(st);
  EXPECT_EQ(st->mode, std::uint32_t{S_IFREG | 0640});
  EXPECT_EQ(st->ino, ino("/f"));
  auto lst = fs.lstat(root, "/l");
  ASSERT_TRUE(lst);
  EXPECT_EQ(lst->mode & S_IFMT, std::uint32_t{S_IFLNK});
  EXPECT_EQ(lst->ino, link_ino);
  EXPECT_EQ(lst->size, 2u);
}

TEST_F(SymlinkTest, ReadlinkGivesTheTextOfALinkAndEinvalForAnythingElse) {
  md("/d");
  touch("/f");
  symlink("/", "ld", "d");
  EXPECT_EQ(*fs.readlink(root, "/ld"), "d");
  EXPECT_EQ(fs.readlink(root, "/f").code(), E(EINVAL));
  EXPECT_EQ(fs.readlink(root, "/d").code(), E(EINVAL));
  EXPECT_EQ(fs.readlink(root, "/").code(), E(EINVAL));
  EXPECT_EQ(fs.readlink(root, "/ld/").code(), E(EINVAL));  // the slash follows it
  EXPECT_EQ(fs.readlink(root, "/missing").code(), E(ENOENT));
}

// /proc/self/ns/net: readlink says net:[N], following lands on the nsfs file.
TEST_F(SymlinkTest, MagicLinkJumpsToItsInode) {
  auto released = std::make_shared<bool>(false);
  auto target = std::make_shared<tracked_file>(released, 4026531840);
  auto link = std::make_shared<magic_link>(target, "net:[4026531840]");
  target.reset();
  attach("/", "m", link);
  EXPECT_EQ(ino("/m"), 4026531840u);
  auto lst = fs.lstat(root, "/m");
  ASSERT_TRUE(lst);
  EXPECT_EQ(lst->mode & S_IFMT, std::uint32_t{S_IFLNK});
  EXPECT_EQ(lst->ino, link->ino());
  EXPECT_EQ(*fs.readlink(root, "/m"), "net:[4026531840]");
  EXPECT_EQ(fs.stat(root, "/m/").code(), E(ENOTDIR));
  EXPECT_EQ(fs.stat(root, "/m/x").code(), E(ENOTDIR));
  auto f = fs.open(root, "/m", O_RDONLY);
  ASSERT_TRUE(f);
  EXPECT_EQ((*f)->node()->getattr(root)->ino, 4026531840u);
  EXPECT_FALSE(*released);
}

TEST_F(SymlinkTest, MagicLinkToADirectoryContinuesTheWalkThere) {
  md("/a");
  md("/a/b");
  touch("/a/b/f");
  auto dir = fs.resolve(root, "/a/b");
  ASSERT_TRUE(dir);
  attach("/", "md", std::make_shared<magic_link>(*dir, "dir:[1]"));
  EXPECT_EQ(ino("/md/f"), ino("/a/b/f"));
  EXPECT_EQ(ino("/md/"), ino("/a/b"));
}

// Linux walks a link's text in place of the component, not as one string, so
// the expansion may be longer than PATH_MAX (probed: a 3827-byte path through a
// link whose expansion is 4819 bytes resolves).
TEST_F(SymlinkTest, SymlinkExpansionMayExceedPathMax) {
  const std::string name(200, 'n');
  std::string deep = "/T", rel;
  md(deep);
  for (int i = 0; i < 19; ++i) {
    deep += "/" + name;
    rel += "/" + name;
    md(deep);
  }
  std::string target = "/T";
  while (target.size() < 1000) target += "/.";
  symlink("/", "l", target);
  const std::string path = "/l" + rel;
  ASSERT_LT(path.size(), std::size_t{PATH_MAX});
  ASSERT_GT(target.size() + rel.size(), std::size_t{PATH_MAX});
  auto st = fs.stat(root, path);
  EXPECT_TRUE(st) << errno_name(st.code().value);
  if (st) {
    EXPECT_EQ(st->ino, ino(deep));
  }
}

// ---- mkdir, rmdir, unlink ----------------------------------------------------------------------

TEST_F(DirOpsTest, MkdirOfAnExistingNameIsEexist) {
  md("/d");
  touch("/f");
  symlink("/", "dangle", "nowhere");
  EXPECT_EQ(fs.mkdir(root, "/d", 0755).code(), E(EEXIST));
  EXPECT_EQ(fs.mkdir(root, "/f", 0755).code(), E(EEXIST));
  EXPECT_EQ(fs.mkdir(root, "/dangle", 0755).code(), E(EEXIST));
  EXPECT_EQ(fs.mkdir(root, "/", 0755).code(), E(EEXIST));
  EXPECT_EQ(fs.mkdir(root, "/d/.", 0755).code(), E(EEXIST));
  EXPECT_EQ(fs.mkdir(root, "/d/..", 0755).code(), E(EEXIST));
  EXPECT_FALSE(exists("/nowhere"));  // mkdir does not follow the last link
}

TEST_F(DirOpsTest, MkdirWithAMissingParentIsEnoent) {
  EXPECT_EQ(fs.mkdir(root, "/nope/a", 0755).code(), E(ENOENT));
  EXPECT_EQ(fs.mkdir(root, "/nope/a/b", 0755).code(), E(ENOENT));
  EXPECT_FALSE(exists("/nope"));
}

TEST_F(DirOpsTest, MkdirUnderAFileIsEnotdir) {
  touch("/f");
  EXPECT_EQ(fs.mkdir(root, "/f/a", 0755).code(), E(ENOTDIR));
}

TEST_F(DirOpsTest, MkdirAcceptsATrailingSlashAndMakesADirectory) {
  EXPECT_TRUE(fs.mkdir(root, "/newd/", 0750));
  auto st = fs.stat(root, "/newd");
  ASSERT_TRUE(st);
  EXPECT_EQ(st->mode, std::uint32_t{S_IFDIR | 0750});
  EXPECT_EQ(ls("/"), (strings{"newd"}));
}

// mkdir never follows the last component, even with a trailing slash: the link
// itself exists (probed: mkdir("dangle/") is EEXIST and creates nothing).
TEST_F(DirOpsTest, MkdirWithTrailingSlashOnADanglingSymlinkIsEexist) {
  symlink("/", "dangle", "nowhere");
  EXPECT_EQ(fs.mkdir(root, "/dangle/", 0755).code(), E(EEXIST));
  EXPECT_FALSE(exists("/nowhere"));
}

TEST_F(DirOpsTest, RmdirRemovesAnEmptyDirectory) {
  md("/d");
  md("/d/sub");
  EXPECT_TRUE(fs.rmdir(root, "/d/sub"));
  EXPECT_EQ(ls("/d"), strings{});
  EXPECT_TRUE(fs.rmdir(root, "/d/"));
  EXPECT_FALSE(exists("/d"));
}

TEST_F(DirOpsTest, RmdirOfANonEmptyDirectoryIsEnotempty) {
  md("/d");
  md("/e");
  md("/d/sub");
  touch("/e/f");
  EXPECT_EQ(fs.rmdir(root, "/d").code(), E(ENOTEMPTY));
  EXPECT_EQ(fs.rmdir(root, "/e").code(), E(ENOTEMPTY));
  EXPECT_TRUE(exists("/d/sub"));
}

TEST_F(DirOpsTest, RmdirOfAFileOrASymlinkIsEnotdir) {
  touch("/f");
  md("/d");
  symlink("/", "ld", "/d");
  EXPECT_EQ(fs.rmdir(root, "/f").code(), E(ENOTDIR));
  EXPECT_EQ(fs.rmdir(root, "/ld").code(), E(ENOTDIR));
  EXPECT_TRUE(exists("/f"));
  EXPECT_TRUE(exists("/d"));
}

TEST_F(DirOpsTest, RmdirOfAMissingNameIsEnoent) {
  EXPECT_EQ(fs.rmdir(root, "/missing").code(), E(ENOENT));
  EXPECT_EQ(fs.rmdir(root, "/missing/sub").code(), E(ENOENT));
}

TEST_F(DirOpsTest, RmdirOfRootIsEbusy) {
  EXPECT_EQ(fs.rmdir(root, "/").code(), E(EBUSY));
  EXPECT_EQ(fs.rmdir(root, "//").code(), E(EBUSY));
}

TEST_F(DirOpsTest, RmdirOfAMountPointIsEbusy) {
  md("/src");
  md("/p");
  ASSERT_TRUE(fs.mount_bind(root, "/src", "/p"));
  EXPECT_EQ(fs.rmdir(root, "/p").code(), E(EBUSY));
  // The source of a bind mount is no mount point: it may go.
  EXPECT_TRUE(fs.rmdir(root, "/src"));
  ASSERT_TRUE(fs.umount(root, "/p"));
  EXPECT_TRUE(fs.rmdir(root, "/p"));
}

TEST_F(DirOpsTest, RmdirOfAPathEndingInDotIsEinvalAndInDotDotEnotempty) {
  md("/d");
  md("/d/sub");
  EXPECT_EQ(fs.rmdir(root, "/d/sub/.").code(), E(EINVAL));
  EXPECT_EQ(fs.rmdir(root, "/d/sub/..").code(), E(ENOTEMPTY));
  EXPECT_EQ(fs.rmdir(root, "/.").code(), E(EINVAL));
  EXPECT_TRUE(exists("/d/sub"));
}

// rmdir does not follow the last link even with a trailing slash (probed:
// rmdir("ld/") with ld -> d is ENOTDIR and d stays).
TEST_F(DirOpsTest, RmdirWithTrailingSlashOnASymlinkIsEnotdir) {
  md("/d");
  symlink("/", "ld", "d");
  EXPECT_EQ(fs.rmdir(root, "/ld/").code(), E(ENOTDIR));
  EXPECT_TRUE(exists("/d"));
  EXPECT_TRUE(exists("/ld"));
}

TEST_F(DirOpsTest, UnlinkRemovesAFileOrALinkButNotItsTarget) {
  touch("/f");
  symlink("/", "lf", "/f");
  EXPECT_TRUE(fs.unlink(root, "/lf"));
  EXPECT_FALSE(exists("/lf"));
  EXPECT_TRUE(exists("/f"));
  EXPECT_TRUE(fs.unlink(root, "/f"));
  EXPECT_EQ(ls("/"), strings{});
}

TEST_F(DirOpsTest, UnlinkOfADirectoryIsEisdir) {
  md("/d");
  EXPECT_EQ(fs.unlink(root, "/d").code(), E(EISDIR));
  EXPECT_EQ(fs.unlink(root, "/d/.").code(), E(EISDIR));
  EXPECT_EQ(fs.unlink(root, "/").code(), E(EISDIR));
  EXPECT_TRUE(exists("/d"));
}

TEST_F(DirOpsTest, UnlinkOfAMissingNameIsEnoent) {
  EXPECT_EQ(fs.unlink(root, "/missing").code(), E(ENOENT));
  EXPECT_EQ(fs.unlink(root, "/missing/").code(), E(ENOENT));
  EXPECT_EQ(fs.unlink(root, "/nodir/x").code(), E(ENOENT));
}

TEST_F(DirOpsTest, UnlinkOfAMountPointIsEbusy) {
  touch("/src");
  touch("/dst");
  ASSERT_TRUE(fs.mount_bind(root, "/src", "/dst"));
  EXPECT_EQ(fs.unlink(root, "/dst").code(), E(EBUSY));
  ASSERT_TRUE(fs.umount(root, "/dst"));
  EXPECT_TRUE(fs.unlink(root, "/dst"));
}

TEST_F(DirOpsTest, UnlinkWithTrailingSlashOnAFileIsEnotdir) {
  touch("/f");
  EXPECT_EQ(fs.unlink(root, "/f/").code(), E(ENOTDIR));
  EXPECT_TRUE(exists("/f"));
}

// unlink("ld/") with ld -> a directory: Linux looks at the link itself, which
// is no directory: ENOTDIR (probed), not the target's EISDIR.
TEST_F(DirOpsTest, UnlinkWithTrailingSlashOnASymlinkToADirectoryIsEnotdir) {
  md("/d");
  symlink("/", "ld", "d");
  EXPECT_EQ(fs.unlink(root, "/ld/").code(), E(ENOTDIR));
  EXPECT_TRUE(exists("/ld"));
}

// tmpfs lists newest first, as `ls -f` of a tmpfs directory shows on the
// reference kernel (created c, a, b, d: listed d b a c; a removed and made
// again comes first).
TEST_F(DirOpsTest, ReaddirListsNamesNewestFirst) {
  md("/d");
  touch("/d/c");
  md("/d/a");
  symlink("/d", "b", "/nowhere");
  touch("/d/B");
  EXPECT_EQ(ls("/d"), (strings{"B", "b", "a", "c"}));
  EXPECT_EQ(ls("/d/a"), strings{});
  ASSERT_TRUE(fs.unlink(root, "/d/c"));
  touch("/d/c");
  EXPECT_EQ(ls("/d"), (strings{"c", "B", "b", "a"}));
}

TEST_F(DirOpsTest, ReaddirOfAFileIsEnotdir) {
  touch("/f");
  EXPECT_EQ(fs.readdir(root, "/f").code(), E(ENOTDIR));
  EXPECT_EQ(fs.readdir(root, "/missing").code(), E(ENOENT));
}

// ---- open, read, write -------------------------------------------------------------------------

TEST_F(OpenTest, CreatExclOfAnExistingNameIsEexist) {
  touch("/f");
  md("/d");
  symlink("/", "dangle", "nowhere");
  EXPECT_EQ(fs.open(root, "/f", O_CREAT | O_EXCL | O_RDWR, 0644).code(), E(EEXIST));
  EXPECT_EQ(fs.open(root, "/d", O_CREAT | O_EXCL | O_RDONLY, 0644).code(), E(EEXIST));
  // O_EXCL does not follow the last link: the link exists.
  EXPECT_EQ(fs.open(root, "/dangle", O_CREAT | O_EXCL | O_RDWR, 0644).code(), E(EEXIST));
  EXPECT_FALSE(exists("/nowhere"));
  // Without O_EXCL an existing file is opened.
  EXPECT_TRUE(fs.open(root, "/f", O_CREAT | O_RDWR, 0644));
}

TEST_F(OpenTest, CreatThroughADanglingSymlinkCreatesTheTarget) {
  symlink("/", "dangle", "nowhere");
  auto f = fs.open(root, "/dangle", O_CREAT | O_WRONLY, 0600);
  ASSERT_TRUE(f);
  auto st = fs.lstat(root, "/nowhere");
  ASSERT_TRUE(st);
  EXPECT_EQ(st->mode, std::uint32_t{S_IFREG | 0600});
}

TEST_F(OpenTest, CreatWithAMissingParentIsEnoent) {
  EXPECT_EQ(fs.open(root, "/nope/a", O_CREAT | O_RDWR, 0644).code(), E(ENOENT));
  EXPECT_EQ(fs.open(root, "/missing", O_RDONLY).code(), E(ENOENT));
}

TEST_F(OpenTest, CreatWithATrailingSlashIsEisdir) {
  EXPECT_EQ(fs.open(root, "/new/", O_CREAT | O_RDWR, 0644).code(), E(EISDIR));
  EXPECT_FALSE(exists("/new"));
}

TEST_F(OpenTest, CreatMakesAFileOwnedByTheCallerWithTheGivenMode) {
  auto f = fs.open(root, "/new", O_CREAT | O_RDONLY, 0400);
  ASSERT_TRUE(f);  // a file just made may be opened as asked, whatever its mode
  auto st = fs.stat(root, "/new");
  ASSERT_TRUE(st);
  EXPECT_EQ(st->mode, std::uint32_t{S_IFREG | 0400});
  EXPECT_EQ(st->uid, global_root_uid);
  EXPECT_EQ(st->size, 0u);
}

TEST_F(OpenTest, DirectoryFlagOnAFileIsEnotdir) {
  touch("/f");
  md("/d");
  EXPECT_EQ(fs.open(root, "/f", O_RDONLY | O_DIRECTORY).code(), E(ENOTDIR));
  EXPECT_TRUE(fs.open(root, "/d", O_RDONLY | O_DIRECTORY));
}

// Since Linux 6.4, O_CREAT | O_DIRECTORY is refused outright, and nothing is
// created (probed: EINVAL, the name stays absent).
TEST_F(OpenTest, CreatWithDirectoryFlagIsEinval) {
  EXPECT_EQ(fs.open(root, "/new", O_RDONLY | O_CREAT | O_DIRECTORY, 0644).code(), E(EINVAL));
  EXPECT_FALSE(exists("/new"));
}

TEST_F(OpenTest, OpeningADirectoryForWritingIsEisdir) {
  md("/d");
  EXPECT_EQ(fs.open(root, "/d", O_RDWR).code(), E(EISDIR));
  EXPECT_EQ(fs.open(root, "/d", O_WRONLY).code(), E(EISDIR));
  EXPECT_EQ(fs.open(root, "/d", O_RDONLY | O_CREAT, 0644).code(), E(EISDIR));
  EXPECT_EQ(fs.open(root, "/", O_RDWR).code(), E(EISDIR));
  EXPECT_TRUE(fs.open(root, "/d", O_RDONLY));
}

// O_TRUNC asks for write access (build_open_flags adds MAY_WRITE), so a
// directory refuses it even with O_RDONLY (probed: EISDIR).
TEST_F(OpenTest, ReadOnlyTruncOfADirectoryIsEisdir) {
  md("/d");
  EXPECT_EQ(fs.open(root, "/d", O_RDONLY | O_TRUNC).code(), E(EISDIR));
}

TEST_F(OpenTest, NoFollowOnASymlinkIsEloop) {
  touch("/f");
  md("/d");
  touch("/d/g");
  symlink("/", "lf", "/f");
  symlink("/", "ld", "/d");
  EXPECT_EQ(fs.open(root, "/lf", O_RDONLY | O_NOFOLLOW).code(), E(ELOOP));
  EXPECT_EQ(fs.open(root, "/ld", O_RDONLY | O_NOFOLLOW).code(), E(ELOOP));
  // Only the last component is concerned, and a trailing slash follows it.
  EXPECT_TRUE(fs.open(root, "/ld/g", O_RDONLY | O_NOFOLLOW));
  EXPECT_TRUE(fs.open(root, "/ld/", O_RDONLY | O_NOFOLLOW));
  EXPECT_TRUE(fs.open(root, "/f", O_RDONLY | O_NOFOLLOW));
}

TEST_F(OpenTest, PathNoFollowOnASymlinkOpensTheLinkItself) {
  touch("/f");
  auto link = std::make_shared<test_symlink>("/f");
  attach("/", "lf", link);
  auto f = fs.open(root, "/lf", O_PATH | O_NOFOLLOW);
  ASSERT_TRUE(f);
  EXPECT_EQ((*f)->node().get(), link.get());
  EXPECT_TRUE((*f)->is_path_only());
  EXPECT_EQ((*f)->read(root, 1).code(), E(EBADF));
  EXPECT_EQ((*f)->write(root, "x").code(), E(EBADF));
}

TEST_F(OpenTest, ReadingAnOpenPathFileIsEbadf) {
  touch("/f", 0644, "data");
  md("/d");
  auto f = fs.open(root, "/f", O_PATH | O_RDWR);
  ASSERT_TRUE(f);
  EXPECT_EQ((*f)->read(root, 4).code(), E(EBADF));
  EXPECT_EQ((*f)->write(root, "x").code(), E(EBADF));
  auto d = fs.open(root, "/d", O_PATH);
  ASSERT_TRUE(d);
  EXPECT_EQ((*d)->read(root, 4).code(), E(EBADF));
  EXPECT_EQ(contents("/f"), "data");
}

TEST_F(OpenTest, WriteOnAReadOnlyFileIsEbadfAndReadOnAWriteOnlyOne) {
  touch("/f", 0644, "data");
  auto r = fs.open(root, "/f", O_RDONLY);
  ASSERT_TRUE(r);
  EXPECT_EQ((*r)->write(root, "x").code(), E(EBADF));
  auto w = fs.open(root, "/f", O_WRONLY);
  ASSERT_TRUE(w);
  EXPECT_EQ((*w)->read(root, 1).code(), E(EBADF));
  EXPECT_EQ(contents("/f"), "data");
}

TEST_F(OpenTest, ReadingADirectoryIsEisdir) {
  md("/d");
  auto d = fs.open(root, "/d", O_RDONLY);
  ASSERT_TRUE(d);
  EXPECT_EQ((*d)->read(root, 5).code(), E(EISDIR));
}

TEST_F(OpenTest, TmpfsFileKeepsWhatIsWrittenAndReadsItBackInOrder) {
  auto w = fs.open(root, "/f", O_CREAT | O_WRONLY, 0644);
  ASSERT_TRUE(w);
  EXPECT_EQ(*(*w)->write(root, "hello, "), 7u);
  EXPECT_EQ(*(*w)->write(root, "world"), 5u);
  EXPECT_EQ(fs.stat(root, "/f")->size, 12u);
  auto r = fs.open(root, "/f", O_RDONLY);
  ASSERT_TRUE(r);
  EXPECT_EQ(*(*r)->read(root, 5), "hello");
  EXPECT_EQ(*(*r)->read(root, 100), ", world");
  EXPECT_EQ(*(*r)->read(root, 100), "");  // end of file
}

TEST_F(OpenTest, WritesOverwriteAtTheirPositionAndAppendGoesToTheEnd) {
  touch("/f", 0644, "hello");
  auto w = fs.open(root, "/f", O_WRONLY);
  ASSERT_TRUE(w);
  ASSERT_TRUE((*w)->write(root, "J"));
  EXPECT_EQ(contents("/f"), "Jello");
  auto a = fs.open(root, "/f", O_RDWR | O_APPEND);
  ASSERT_TRUE(a);
  ASSERT_TRUE((*a)->write(root, "!"));
  ASSERT_TRUE((*w)->write(root, "E"));  // the other description keeps its position
  ASSERT_TRUE((*a)->write(root, "?"));
  EXPECT_EQ(contents("/f"), "JEllo!?");
}

TEST_F(OpenTest, TruncEmptiesAWritableOpen) {
  touch("/f", 0644, "data");
  ASSERT_TRUE(fs.open(root, "/f", O_WRONLY | O_TRUNC));
  EXPECT_EQ(contents("/f"), "");
  EXPECT_EQ(fs.stat(root, "/f")->size, 0u);
}

// Linux truncates on O_RDONLY | O_TRUNC too (probed: size 0 afterwards), and
// so checks write permission for it (probed: EACCES for 65534 on a 0644 root file).
TEST_F(OpenTest, ReadOnlyWithTruncTruncatesAndNeedsWritePermission) {
  touch("/f", 0644, "data");
  EXPECT_EQ(fs.open(nobody, "/f", O_RDONLY | O_TRUNC).code(), E(EACCES));
  EXPECT_EQ(contents("/f"), "data");
  ASSERT_TRUE(fs.open(root, "/f", O_RDONLY | O_TRUNC));
  EXPECT_EQ(contents("/f"), "");
}

// ---- permissions -------------------------------------------------------------------------------

TEST_F(PermissionTest, UnprivilegedCreateInARootOwned0755DirectoryIsEacces) {
  md("/d");
  md("/d/sub");
  EXPECT_EQ(fs.open(nobody, "/d/new", O_CREAT | O_WRONLY, 0644).code(), E(EACCES));
  EXPECT_EQ(fs.mkdir(nobody, "/d/newdir", 0755).code(), E(EACCES));
  EXPECT_EQ(fs.mkdir(nobody, "/d/sub", 0755).code(), E(EEXIST));  // EEXIST comes first
  EXPECT_EQ(ls("/d"), strings{"sub"});
}

TEST_F(PermissionTest, CreateInAWorldWritableDirectoryIsOwnedByTheCaller) {
  md("/pub", 0777);
  auto f = fs.open(nobody, "/pub/mine", O_CREAT | O_WRONLY, 0600);
  ASSERT_TRUE(f);
  auto st = fs.stat(root, "/pub/mine");
  ASSERT_TRUE(st);
  EXPECT_EQ(st->uid, kuid{65534});
  EXPECT_EQ(st->gid, kgid{65534});
  EXPECT_TRUE(fs.open(nobody, "/pub/mine", O_RDWR));
}

TEST_F(PermissionTest, UnprivilegedOpenOfA0600RootFileIsEacces) {
  touch("/secret", 0600, "s");
  EXPECT_EQ(fs.open(nobody, "/secret", O_RDONLY).code(), E(EACCES));
  EXPECT_EQ(fs.open(nobody, "/secret", O_WRONLY).code(), E(EACCES));
  EXPECT_TRUE(fs.open(nobody, "/secret", O_PATH));  // O_PATH needs no access
  EXPECT_TRUE(fs.stat(nobody, "/secret"));
}

TEST_F(PermissionTest, UnprivilegedCanReadA0644FileButNotWriteIt) {
  touch("/f", 0644, "hi");
  auto f = fs.open(nobody, "/f", O_RDONLY);
  ASSERT_TRUE(f);
  EXPECT_EQ(*(*f)->read(nobody, 10), "hi");
  EXPECT_EQ(fs.open(nobody, "/f", O_WRONLY).code(), E(EACCES));
  EXPECT_EQ(fs.open(nobody, "/f", O_RDWR).code(), E(EACCES));
}

TEST_F(PermissionTest, RootWritesA0444FileWithDacOverride) {
  touch("/ro", 0444);
  auto f = fs.open(root, "/ro", O_WRONLY);
  ASSERT_TRUE(f);
  ASSERT_TRUE((*f)->write(root, "x"));
  EXPECT_EQ(contents("/ro"), "x");
  EXPECT_EQ(fs.open(nobody, "/ro", O_WRONLY).code(), E(EACCES));
}

TEST_F(PermissionTest, DirectoryWithoutSearchPermissionBlocksLookup) {
  md("/priv", 0700);
  touch("/priv/pf");
  md("/nox", 0666);
  touch("/nox/f");
  EXPECT_EQ(fs.stat(nobody, "/priv/pf").code(), E(EACCES));
  EXPECT_EQ(fs.stat(nobody, "/priv/missing").code(), E(EACCES));
  EXPECT_EQ(fs.stat(nobody, "/priv/.").code(), E(EACCES));
  EXPECT_EQ(fs.open(nobody, "/priv/pf", O_PATH).code(), E(EACCES));
  EXPECT_EQ(fs.stat(nobody, "/nox/f").code(), E(EACCES));
  EXPECT_TRUE(fs.stat(nobody, "/priv"));  // the directory itself is visible
  EXPECT_TRUE(fs.stat(root, "/priv/pf"));
}

TEST_F(PermissionTest, ReaddirNeedsReadPermission) {
  md("/priv", 0700);
  md("/pub", 0755);
  EXPECT_EQ(fs.readdir(nobody, "/priv").code(), E(EACCES));
  EXPECT_EQ(fs.open(nobody, "/priv", O_RDONLY | O_DIRECTORY).code(), E(EACCES));
  EXPECT_TRUE(fs.readdir(nobody, "/pub"));
}

// may_lookup runs before the name is hashed and looked up (probed: a 300-byte
// name under a 0700 root directory is EACCES for 65534).
TEST_F(PermissionTest, LookupPermissionIsCheckedBeforeNameLength) {
  md("/priv", 0700);
  EXPECT_EQ(fs.stat(nobody, "/priv/" + std::string(300, '0')).code(), E(EACCES));
}

// may_delete checks write and search on the directory before the kind of the
// victim (probed on 6.18 as 65534 in a root-owned 0755 directory).
TEST_F(PermissionTest, UnprivilegedUnlinkOfADirectoryIsEaccesNotEisdir) {
  md("/d");
  EXPECT_EQ(fs.unlink(nobody, "/d").code(), E(EACCES));
}

TEST_F(PermissionTest, UnprivilegedRmdirOfAFileIsEaccesNotEnotdir) {
  touch("/f");
  EXPECT_EQ(fs.rmdir(nobody, "/f").code(), E(EACCES));
}

TEST_F(PermissionTest, UnprivilegedRmdirOrUnlinkOfAMountPointIsEaccesNotEbusy) {
  md("/a");
  md("/p");
  touch("/f");
  touch("/g");
  ASSERT_TRUE(fs.mount_bind(root, "/a", "/p"));
  ASSERT_TRUE(fs.mount_bind(root, "/f", "/g"));
  EXPECT_EQ(fs.rmdir(nobody, "/p").code(), E(EACCES));
  EXPECT_EQ(fs.unlink(nobody, "/g").code(), E(EACCES));
}

TEST_F(PermissionTest, UnprivilegedDeleteOfAMissingNameIsEnoent) {
  EXPECT_EQ(fs.unlink(nobody, "/missing").code(), E(ENOENT));
  EXPECT_EQ(fs.rmdir(nobody, "/missing").code(), E(ENOENT));
}

TEST_F(PermissionTest, UnprivilegedNonEmptyRmdirIsEacces) {
  md("/a");
  touch("/a/f");
  EXPECT_EQ(fs.rmdir(nobody, "/a").code(), E(EACCES));
}

// ---- bind mounts -------------------------------------------------------------------------------

TEST_F(MountTest, BindFileOntoFile) {
  touch("/src", 0644, "source");
  touch("/dst", 0644, "covered");
  ASSERT_TRUE(fs.mount_bind(root, "/src", "/dst"));
  EXPECT_EQ(fs.mount_count(), 1u);
  EXPECT_EQ(ino("/dst"), ino("/src"));
  EXPECT_EQ(contents("/dst"), "source");
  ASSERT_TRUE(fs.umount(root, "/dst"));
  EXPECT_EQ(contents("/dst"), "covered");
  EXPECT_EQ(fs.mount_count(), 0u);
}

TEST_F(MountTest, BindDirectoryOntoDirectory) {
  md("/src");
  touch("/src/a");
  md("/dst");
  touch("/dst/hidden");
  ASSERT_TRUE(fs.mount_bind(root, "/src", "/dst"));
  EXPECT_EQ(ls("/dst"), strings{"a"});
  EXPECT_EQ(ino("/dst"), ino("/src"));
  touch("/dst/b");  // through the mount, into the source
  EXPECT_EQ(ls("/src"), (strings{"b", "a"}));  // newest first
  EXPECT_EQ(ino("/dst/.."), ino("/"));
  ASSERT_TRUE(fs.umount(root, "/dst"));
  EXPECT_EQ(ls("/dst"), strings{"hidden"});
}

TEST_F(MountTest, BindFileOntoDirectoryIsEnotdir) {
  touch("/f");
  md("/d");
  EXPECT_EQ(fs.mount_bind(root, "/f", "/d").code(), E(ENOTDIR));
  EXPECT_EQ(fs.mount_count(), 0u);
}

TEST_F(MountTest, BindDirectoryOntoFileIsEnotdir) {
  touch("/f");
  md("/d");
  EXPECT_EQ(fs.mount_bind(root, "/d", "/f").code(), E(ENOTDIR));
  EXPECT_EQ(fs.mount_count(), 0u);
}

TEST_F(MountTest, BindOfAMissingSourceOrTargetIsEnoent) {
  touch("/f");
  EXPECT_EQ(fs.mount_bind(root, "/missing", "/f").code(), E(ENOENT));
  EXPECT_EQ(fs.mount_bind(root, "/f", "/missing").code(), E(ENOENT));
  EXPECT_EQ(fs.mount_count(), 0u);
}

// do_mount looks the target up before anything else (probed:
// mount("/missing", "/f/x", MS_BIND) is ENOTDIR, the target's error).
TEST_F(MountTest, TargetIsLookedUpBeforeTheSource) {
  touch("/f");
  EXPECT_EQ(fs.mount_bind(root, "/missing", "/f/x").code(), E(ENOTDIR));
}

// How a bind mount pins a namespace: the mount holds the inode after its
// name is gone, and lets go of it at umount.
TEST_F(MountTest, BindMountPinsTheSourceAfterItsPathIsUnlinked) {
  auto released = std::make_shared<bool>(false);
  attach("/", "pin", std::make_shared<tracked_file>(released, 4026532000));
  touch("/dst");
  ASSERT_TRUE(fs.mount_bind(root, "/pin", "/dst"));
  ASSERT_TRUE(fs.unlink(root, "/pin"));
  EXPECT_FALSE(exists("/pin"));
  EXPECT_FALSE(*released);
  EXPECT_EQ(ino("/dst"), 4026532000u);
  ASSERT_TRUE(fs.umount(root, "/dst"));
  EXPECT_TRUE(*released);
  EXPECT_NE(ino("/dst"), 4026532000u);
}

// ip netns add: mount --bind /proc/self/ns/net /run/netns/X. The magic link
// goes away with its process; the mount keeps the nsfs inode.
TEST_F(MountTest, BindMountThroughAMagicLinkPinsItsTarget) {
  auto released = std::make_shared<bool>(false);
  auto target = std::make_shared<tracked_file>(released, 4026532001);
  attach("/", "m", std::make_shared<magic_link>(std::move(target), "net:[4026532001]"));
  md("/run");
  touch("/run/x");
  ASSERT_TRUE(fs.mount_bind(root, "/m", "/run/x"));
  ASSERT_TRUE(fs.unlink(root, "/m"));
  EXPECT_FALSE(*released);
  EXPECT_EQ(ino("/run/x"), 4026532001u);
  ASSERT_TRUE(fs.umount(root, "/run/x"));
  EXPECT_TRUE(*released);
}

TEST_F(MountTest, UmountReleasesThePinnedInodeWhenNothingElseHoldsIt) {
  auto released = std::make_shared<bool>(false);
  attach("/", "pin", std::make_shared<tracked_file>(released));
  touch("/dst");
  ASSERT_TRUE(fs.mount_bind(root, "/pin", "/dst"));
  ASSERT_TRUE(fs.umount(root, "/dst"));
  EXPECT_FALSE(*released);  // still named /pin
  ASSERT_TRUE(fs.unlink(root, "/pin"));
  EXPECT_TRUE(*released);
}

TEST_F(MountTest, AnOpenFileHoldsTheInodeAfterUmount) {
  auto released = std::make_shared<bool>(false);
  attach("/", "pin", std::make_shared<tracked_file>(released, 4026532002));
  touch("/dst");
  ASSERT_TRUE(fs.mount_bind(root, "/pin", "/dst"));
  ASSERT_TRUE(fs.unlink(root, "/pin"));
  auto f = fs.open(root, "/dst", O_RDONLY);
  ASSERT_TRUE(f);
  ASSERT_TRUE(fs.umount(root, "/dst"));
  EXPECT_FALSE(*released);
  EXPECT_EQ((*f)->node()->getattr(root)->ino, 4026532002u);
  f->reset();
  EXPECT_TRUE(*released);
}

TEST_F(MountTest, UmountOfANonMountPointIsEinval) {
  md("/d");
  touch("/f");
  EXPECT_EQ(fs.umount(root, "/d").code(), E(EINVAL));
  EXPECT_EQ(fs.umount(root, "/f").code(), E(EINVAL));
}

TEST_F(MountTest, UmountOfAMissingPathIsEnoent) {
  EXPECT_EQ(fs.umount(root, "/missing").code(), E(ENOENT));
  EXPECT_EQ(fs.umount(root, "/missing/x").code(), E(ENOENT));
}

TEST_F(MountTest, UmountOfAFileMountWithATrailingSlashIsEnotdir) {
  touch("/f");
  touch("/g");
  ASSERT_TRUE(fs.mount_bind(root, "/f", "/g"));
  EXPECT_EQ(fs.umount(root, "/g/").code(), E(ENOTDIR));
  EXPECT_TRUE(fs.umount(root, "/g"));
}

TEST_F(MountTest, StackedMountsComeOffInReverseOrder) {
  md("/a");
  touch("/a/fa");
  md("/b");
  touch("/b/fb");
  md("/p");
  touch("/p/fp");
  ASSERT_TRUE(fs.mount_bind(root, "/a", "/p"));
  EXPECT_EQ(ls("/p"), strings{"fa"});
  ASSERT_TRUE(fs.mount_bind(root, "/b", "/p"));
  EXPECT_EQ(ls("/p"), strings{"fb"});
  EXPECT_EQ(fs.mount_count(), 2u);
  ASSERT_TRUE(fs.umount(root, "/p"));
  EXPECT_EQ(ls("/p"), strings{"fa"});
  ASSERT_TRUE(fs.umount(root, "/p"));
  EXPECT_EQ(ls("/p"), strings{"fp"});
  EXPECT_EQ(fs.umount(root, "/p").code(), E(EINVAL));
  EXPECT_EQ(fs.mount_count(), 0u);
}

// A mount is on (mount, dentry), not on an inode: mounting on /p, where /a is
// visible, covers /p only (probed: /a still lists fa, and umount /a is EINVAL).
TEST_F(MountTest, MountOnTopOfABindMountDoesNotCoverItsSource) {
  md("/a");
  touch("/a/fa");
  md("/b");
  touch("/b/fb");
  md("/p");
  ASSERT_TRUE(fs.mount_bind(root, "/a", "/p"));
  ASSERT_TRUE(fs.mount_bind(root, "/b", "/p"));
  EXPECT_EQ(ls("/p"), strings{"fb"});
  EXPECT_EQ(ls("/a"), strings{"fa"});
  EXPECT_EQ(fs.umount(root, "/a").code(), E(EINVAL));
  EXPECT_EQ(ls("/p"), strings{"fb"});
}

// umount2 wants the root of a mount, however it is named (probed: "/p/." and
// "/p/sub/.." both unmount /p).
TEST_F(MountTest, UmountAcceptsTheMountRootNamedWithDotOrDotDot) {
  md("/a");
  md("/a/sub");
  md("/b");
  md("/p");
  ASSERT_TRUE(fs.mount_bind(root, "/a", "/p"));
  ASSERT_TRUE(fs.mount_bind(root, "/b", "/p"));
  EXPECT_TRUE(fs.umount(root, "/p/."));
  EXPECT_EQ(ls("/p"), strings{"sub"});
  EXPECT_TRUE(fs.umount(root, "/p/sub/.."));
  EXPECT_EQ(ls("/p"), strings{});
  EXPECT_EQ(fs.mount_count(), 0u);
}

TEST_F(MountTest, UnprivilegedMountAndUmountAreEperm) {
  md("/a");
  md("/b");
  md("/p");
  EXPECT_EQ(fs.mount_bind(nobody, "/a", "/p").code(), E(EPERM));
  EXPECT_EQ(fs.mount_count(), 0u);
  ASSERT_TRUE(fs.mount_bind(root, "/a", "/p"));
  EXPECT_EQ(fs.umount(nobody, "/p").code(), E(EPERM));
  EXPECT_EQ(fs.umount(nobody, "/b").code(), E(EPERM));  // before EINVAL
  // The source is looked up after may_mount (probed).
  EXPECT_EQ(fs.mount_bind(nobody, "/missing", "/p").code(), E(EPERM));
  EXPECT_EQ(fs.mount_count(), 1u);
}

// The target's lookup comes before may_mount, in mount(2) and umount2(2)
// alike (probed as 65534: ENOENT, not EPERM).
TEST_F(MountTest, UnprivilegedMountOrUmountOfAMissingTargetIsEnoent) {
  md("/a");
  EXPECT_EQ(fs.mount_bind(nobody, "/a", "/missing").code(), E(ENOENT));
  EXPECT_EQ(fs.umount(nobody, "/missing").code(), E(ENOENT));
}

TEST_F(MountTest, MountCountCountsMountsInUse) {
  md("/a");
  md("/p");
  md("/q");
  touch("/f");
  touch("/g");
  EXPECT_EQ(fs.mount_count(), 0u);
  ASSERT_TRUE(fs.mount_bind(root, "/a", "/p"));
  ASSERT_TRUE(fs.mount_bind(root, "/a", "/q"));
  ASSERT_TRUE(fs.mount_bind(root, "/f", "/g"));
  EXPECT_EQ(fs.mount_count(), 3u);
  ASSERT_TRUE(fs.umount(root, "/q"));
  EXPECT_EQ(fs.mount_count(), 2u);
  EXPECT_EQ(fs.umount(root, "/q").code(), E(EINVAL));
  EXPECT_EQ(fs.mount_count(), 2u);
}

// mount --make-shared (what ip netns add asks of /run/netns first): the
// target is looked up, then CAP_SYS_ADMIN, then it must be a mount point.
TEST_F(MountTest, MakeSharedNeedsAMountPoint) {
  md("/d");
  md("/e");
  EXPECT_EQ(fs.change_type(root, "/missing", MS_SHARED).code(), E(ENOENT));
  EXPECT_EQ(fs.change_type(nobody, "/missing", MS_SHARED).code(), E(ENOENT));
  EXPECT_EQ(fs.change_type(nobody, "/d", MS_SHARED).code(), E(EPERM));
  EXPECT_EQ(fs.change_type(root, "/d", MS_SHARED).code(), E(EINVAL));
  ASSERT_TRUE(fs.mount_bind(root, "/d", "/d"));
  EXPECT_TRUE(fs.change_type(root, "/d", MS_SHARED));
  EXPECT_TRUE(fs.change_type(root, "/d/", MS_SHARED));
  EXPECT_EQ(fs.change_type(nobody, "/d", MS_SHARED).code(), E(EPERM));
  ASSERT_TRUE(fs.mount_bind(root, "/d", "/e"));
  EXPECT_TRUE(fs.change_type(root, "/e", MS_SHARED));
  EXPECT_TRUE(fs.change_type(root, "/", MS_SHARED));  // a namespace's root mount is a mount root too
}

// MS_BIND | MS_REC: the mounts below the source come along, each at the
// same place below the target, nested ones too; a plain bind leaves them.
TEST_F(MountTest, RecursiveBindCopiesTheMountsBelowTheSource) {
  md("/src");
  md("/src/sub");
  touch("/src/f");
  md("/x");
  touch("/x/in_x");
  md("/y");
  touch("/y/in_y");
  touch("/other", 0644, "other");
  ASSERT_TRUE(fs.mount_bind(root, "/x", "/src/sub"));
  md("/x/deeper");
  ASSERT_TRUE(fs.mount_bind(root, "/y", "/src/sub/deeper"));
  ASSERT_TRUE(fs.mount_bind(root, "/other", "/src/f"));
  md("/plain");
  md("/deep");
  ASSERT_TRUE(fs.mount_bind(root, "/src", "/plain"));
  ASSERT_TRUE(fs.mount_bind(root, "/src", "/deep", true));
  EXPECT_EQ(contents("/plain/f"), "");
  EXPECT_EQ(ls("/plain/sub"), strings{});
  EXPECT_EQ(contents("/deep/f"), "other");
  EXPECT_EQ(ls("/deep/sub"), (strings{"deeper", "in_x"}));
  EXPECT_EQ(ls("/deep/sub/deeper"), strings{"in_y"});
  // The copies are mounts of their own: they come off there alone.
  ASSERT_TRUE(fs.umount(root, "/deep/sub/deeper"));
  EXPECT_EQ(ls("/deep/sub/deeper"), strings{});
  EXPECT_EQ(ls("/src/sub/deeper"), strings{"in_y"});
  // And go with the mount they hang from.
  ASSERT_TRUE(fs.umount(root, "/deep"));
  EXPECT_EQ(ls("/deep"), strings{});
  EXPECT_EQ(contents("/src/f"), "other");
}

// A directory bound recursively onto itself (ip netns add's first step):
// the names mounted in it before are copied into the new mount, and the
// originals stay below it, so their files are still mount points (EBUSY).
TEST_F(MountTest, RecursiveSelfBindHidesTheOriginalMountsBelowIt) {
  md("/run");
  touch("/run/red");
  touch("/pinned", 0644, "red ns");
  ASSERT_TRUE(fs.mount_bind(root, "/pinned", "/run/red"));
  ASSERT_TRUE(fs.mount_bind(root, "/run", "/run", true));
  EXPECT_TRUE(fs.change_type(root, "/run", MS_SHARED));
  EXPECT_EQ(contents("/run/red"), "red ns");
  ASSERT_TRUE(fs.umount(root, "/run/red"));  // the copy
  EXPECT_EQ(contents("/run/red"), "");
  EXPECT_EQ(fs.unlink(root, "/run/red").code(), E(EBUSY));  // the original sits on it
  ASSERT_TRUE(fs.umount(root, "/run"));
  EXPECT_EQ(contents("/run/red"), "red ns");
  ASSERT_TRUE(fs.umount(root, "/run/red"));
  EXPECT_TRUE(fs.unlink(root, "/run/red"));
}

// rmdir of a directory that a mount sits on, even one hidden by a later
// mount over its parent, is EBUSY (is_local_mountpoint).
TEST_F(DirOpsTest, RmdirOfAHiddenMountPointIsEbusy) {
  md("/p");
  md("/p/d");
  md("/src");
  ASSERT_TRUE(fs.mount_bind(root, "/src", "/p/d"));
  ASSERT_TRUE(fs.mount_bind(root, "/p", "/p"));  // not recursive: /p/d is plain in the new mount
  EXPECT_EQ(ls("/p/d"), strings{});
  EXPECT_EQ(fs.rmdir(root, "/p/d").code(), E(EBUSY));
  ASSERT_TRUE(fs.umount(root, "/p"));
  ASSERT_TRUE(fs.umount(root, "/p/d"));
  EXPECT_TRUE(fs.rmdir(root, "/p/d"));
}

// iproute2 binds /run/netns onto itself. Linux allows it (probed: the content
// stays visible and one umount takes it off). Run in a child with a timer, as
// a model that loops on this would otherwise hang the whole test binary.
TEST(VfsDeathTest, BindMountOfADirectoryOntoItself) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        itimerval t{};
        t.it_value.tv_usec = 300'000;
        setitimer(ITIMER_REAL, &t, nullptr);  // SIGALRM kills a hung child
        vfs fs;
        access_ctx kernel_ctx;  // no creds: the kernel itself
        bool good = fs.mkdir(kernel_ctx, "/a", 0755) &&
                    fs.open(kernel_ctx, "/a/fa", O_CREAT | O_WRONLY, 0644) &&
                    fs.mount_bind(kernel_ctx, "/a", "/a");
        auto names = fs.readdir(kernel_ctx, "/a");
        good = good && names && *names == strings{"fa"} && fs.umount(kernel_ctx, "/a") &&
               fs.umount(kernel_ctx, "/a").code() == E(EINVAL);
        std::_Exit(good ? 0 : 1);
      },
      ::testing::ExitedWithCode(0), "");
}

// ---- concurrency -------------------------------------------------------------------------------

TEST_F(VfsTest, ConcurrentCreateAndUnlinkInOneDirectoryStayConsistent) {
  md("/d", 0777);
  std::atomic<int> failures{0};
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(150);
  auto worker = [&](const std::string& prefix) {
    for (int i = 0; std::chrono::steady_clock::now() < deadline; ++i) {
      const std::string p = "/d/" + prefix + std::to_string(i % 8);
      if (!fs.open(root, p, O_CREAT | O_EXCL | O_WRONLY, 0644)) ++failures;
      if (!fs.readdir(root, "/d")) ++failures;
      if (!fs.unlink(root, p)) ++failures;
    }
    if (!fs.open(root, "/d/" + prefix + "final", O_CREAT | O_EXCL | O_WRONLY, 0644)) ++failures;
  };
  std::thread t1(worker, "t1_"), t2(worker, "t2_");
  t1.join();
  t2.join();
  EXPECT_EQ(failures.load(), 0);
  auto names = ls("/d");  // newest first: either thread may have finished last
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (strings{"t1_final", "t2_final"}));
}

}  // namespace
}  // namespace netns::fs
