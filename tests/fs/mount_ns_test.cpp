// SPDX-License-Identifier: GPL-2.0-only
// Mount namespaces and propagation against the reference kernel (6.18):
// each row was probed there first (unshare -m, mount(2) from a small C
// program, /proc/self/mountinfo), and the conformance files
// 150_mnt_*.nss to 165_mnt_*.nss check the same on both backends. Here the
// model alone, through the system calls and its mountinfo text.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sched.h>
#include <sys/mount.h>

#include <cerrno>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "netns/base/rcu.hpp"
#include "netns/fs/mnt_namespace.hpp"
#include "netns/machine/machine.hpp"
#include "netns/task/syscalls.hpp"
#include "support/task_util.hpp"

namespace netns {
namespace {

using strings = std::vector<std::string>;
using test::become_nobody;
using test::spawn;

constexpr errc E(int e) { return errc{e}; }

// The task's mountinfo lines at and below `dir`, as `mounts` prints them:
// ids named mN and gK in order of appearance (within this call).
strings mounts(task& t, const std::string& dir) {
  const std::string all = test::cat(t, "/proc/self/mountinfo");
  std::map<std::string, int> ids, groups;
  auto name = [](std::map<std::string, int>& m, const std::string& v, const char* p) {
    auto [it, fresh] = m.emplace(v, static_cast<int>(m.size()) + 1);
    return p + std::to_string(it->second);
  };
  strings out;
  std::istringstream lines(all);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream in(line);
    strings w;
    for (std::string x; in >> x;) w.push_back(x);
    const std::string& at = w[4];
    if (at != dir && !at.starts_with(dir + "/")) continue;
    std::string l = name(ids, w[0], "m");
    l += " " + name(ids, w[1], "m") + " " + w[3] + " " + at;
    std::size_t i = 6;
    for (; w[i] != "-"; ++i) {
      const auto colon = w[i].find(':');
      l += " " + (colon == std::string::npos
                      ? w[i]
                      : w[i].substr(0, colon + 1) + name(groups, w[i].substr(colon + 1), "g"));
    }
    out.push_back(l + " " + w[i + 1]);
  }
  return out;
}

class MountNs : public ::testing::Test {
 protected:
  machine m;
  task& init = m.init_task();

  void mkdir(const char* p) { ASSERT_TRUE(sys_mkdir(init, p, 0755)); }
  void tmpfs(task& t, const char* name, const char* dst) {
    ASSERT_TRUE(sys_mount_fs(t, "tmpfs", name, dst));
  }
  // /run/a a shared tmpfs with the directories x and y.
  void shared_a() {
    mkdir("/run/a");
    tmpfs(init, "w", "/run/a");
    ASSERT_TRUE(sys_mount_change_type(init, "/run/a", MS_SHARED));
    mkdir("/run/a/x");
    mkdir("/run/a/y");
  }
  std::shared_ptr<task> unshared(unsigned long flags = CLONE_NEWNS) {
    auto t = spawn(m, init);
    EXPECT_TRUE(sys_unshare(*t, flags));
    return t;
  }
  // /run/a a shared tmpfs with a directory s; a task whose copy of it is
  // a slave, with a tmpfs of its own on /run/a/s holding the file "mine".
  std::shared_ptr<task> slave_with_own_mount_at_s() {
    mkdir("/run/a");
    tmpfs(init, "a", "/run/a");
    EXPECT_TRUE(sys_mount_change_type(init, "/run/a", MS_SHARED));
    mkdir("/run/a/s");
    auto t = unshared();
    EXPECT_TRUE(sys_mount_change_type(*t, "/run/a", MS_SLAVE));
    tmpfs(*t, "p", "/run/a/s");
    EXPECT_TRUE(sys_open(*t, "/run/a/s/mine", O_WRONLY | O_CREAT, 0644));
    return t;
  }
};

TEST_F(MountNs, RunIsAPrivateTmpfsOfItsOwnAtBoot) {
  EXPECT_EQ(mounts(init, "/run"), (strings{"m1 m2 / /run tmpfs"}));
  auto all = mounts(init, "");
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0], "m1 m1 / / tmpfs");  // the root mount is its own parent
}

TEST_F(MountNs, ACopyIsolatesLaterMountsBothWays) {
  mkdir("/run/a");
  mkdir("/run/b");
  auto t = unshared();
  tmpfs(*t, "x", "/run/a");
  ASSERT_TRUE(sys_open(*t, "/run/a/f", O_WRONLY | O_CREAT, 0644));
  EXPECT_EQ(mounts(*t, "/run"), (strings{"m1 m2 / /run tmpfs", "m3 m1 / /run/a tmpfs"}));
  EXPECT_EQ(mounts(init, "/run"), (strings{"m1 m2 / /run tmpfs"}));
  EXPECT_EQ(*sys_readdir(init, "/run/a"), strings{});
  tmpfs(init, "y", "/run/b");
  EXPECT_EQ(mounts(*t, "/run/b"), strings{});
  // A mount of another namespace is not the caller's to take off.
  EXPECT_EQ(sys_umount_detach(init, "/run/a").code(), E(EINVAL));
  EXPECT_TRUE(sys_umount_detach(*t, "/run/a"));
}

TEST_F(MountNs, SharedCopiesArePeersAndPropagateBothWays) {
  shared_a();
  auto t = unshared();
  EXPECT_EQ(mounts(*t, "/run/a"), (strings{"m1 m2 / /run/a shared:g1 tmpfs"}));
  tmpfs(*t, "q", "/run/a/x");
  tmpfs(init, "r", "/run/a/y");
  const strings both{"m1 m2 / /run/a shared:g1 tmpfs", "m3 m1 / /run/a/x shared:g2 tmpfs",
                     "m4 m1 / /run/a/y shared:g3 tmpfs"};
  EXPECT_EQ(mounts(*t, "/run/a"), both);
  EXPECT_EQ(mounts(init, "/run/a"), both);
  // And the umounts.
  ASSERT_TRUE(sys_umount_detach(init, "/run/a/x"));
  ASSERT_TRUE(sys_umount_detach(*t, "/run/a/y"));
  EXPECT_EQ(mounts(init, "/run/a"), (strings{"m1 m2 / /run/a shared:g1 tmpfs"}));
  EXPECT_EQ(mounts(*t, "/run/a"), (strings{"m1 m2 / /run/a shared:g1 tmpfs"}));
}

TEST_F(MountNs, ASlaveReceivesButDoesNotSend) {
  shared_a();
  auto t = unshared();
  ASSERT_TRUE(sys_mount_change_type(*t, "/run/a", MS_SLAVE));
  tmpfs(*t, "q", "/run/a/x");
  EXPECT_EQ(mounts(init, "/run/a"), (strings{"m1 m2 / /run/a shared:g1 tmpfs"}));
  tmpfs(init, "r", "/run/a/y");
  EXPECT_EQ(mounts(*t, "/run/a"),
            (strings{"m1 m2 / /run/a master:g1 tmpfs", "m3 m1 / /run/a/x tmpfs",
                     "m4 m1 / /run/a/y master:g2 tmpfs"}));
}

TEST_F(MountNs, PrivateEndsPropagation) {
  shared_a();
  auto t = unshared();
  ASSERT_TRUE(sys_mount_change_type(*t, "/run/a", MS_PRIVATE));
  tmpfs(*t, "q", "/run/a/x");
  tmpfs(init, "r", "/run/a/y");
  EXPECT_EQ(mounts(init, "/run/a").size(), 2u);
  EXPECT_EQ(mounts(*t, "/run/a").size(), 2u);
}

TEST_F(MountNs, UnbindableIsNotBoundNorCopiedByRbind) {
  mkdir("/run/a");
  mkdir("/run/b");
  tmpfs(init, "w", "/run/a");
  mkdir("/run/a/u");
  mkdir("/run/a/v");
  tmpfs(init, "x", "/run/a/u");
  tmpfs(init, "y", "/run/a/v");
  ASSERT_TRUE(sys_mount_change_type(init, "/run/a/u", MS_UNBINDABLE));
  EXPECT_EQ(sys_mount_bind(init, "/run/a/u", "/run/b").code(), E(EINVAL));
  EXPECT_EQ(sys_mount_bind(init, "/run/a/u", "/run/b", true).code(), E(EINVAL));
  ASSERT_TRUE(sys_mount_bind(init, "/run/a", "/run/b", true));
  EXPECT_EQ(mounts(init, "/run/b"), (strings{"m1 m2 / /run/b tmpfs", "m3 m1 / /run/b/v tmpfs"}));
  // unshare copies unbindable mounts (CL_COPY_UNBINDABLE).
  auto t = unshared();
  EXPECT_EQ(mounts(*t, "/run/a/u"), (strings{"m1 m2 / /run/a/u unbindable tmpfs"}));
}

TEST_F(MountNs, MakeRsharedGivesLowestFreeGroupsInTreeOrder) {
  mkdir("/run/a");
  tmpfs(init, "w", "/run/a");
  mkdir("/run/a/x");
  mkdir("/run/a/y");
  tmpfs(init, "q", "/run/a/x");
  tmpfs(init, "r", "/run/a/y");
  ASSERT_TRUE(sys_mount_change_type(init, "/run/a/y", MS_SHARED));  // group 1
  ASSERT_TRUE(sys_mount_change_type(init, "/run/a", MS_SHARED | MS_REC));
  const std::string info = m.vfs().mountinfo(nullptr);
  EXPECT_NE(info.find("/run/a rw,relatime shared:2 "), std::string::npos) << info;
  EXPECT_NE(info.find("/run/a/x rw,relatime shared:3 "), std::string::npos) << info;
  EXPECT_NE(info.find("/run/a/y rw,relatime shared:1 "), std::string::npos) << info;
  ASSERT_TRUE(sys_mount_change_type(init, "/run/a/x", MS_PRIVATE));
  ASSERT_TRUE(sys_mount_change_type(init, "/run/a/x", MS_SHARED));  // 3 again: lowest free
  EXPECT_NE(m.vfs().mountinfo(nullptr).find("/run/a/x rw,relatime shared:3 "), std::string::npos);
}

TEST_F(MountNs, ChangeTypeErrors) {
  mkdir("/run/d");
  EXPECT_EQ(sys_mount_change_type(init, "/run/missing", MS_SHARED).code(), E(ENOENT));
  EXPECT_EQ(sys_mount_change_type(init, "/run/d", MS_SHARED).code(), E(EINVAL));
  EXPECT_EQ(sys_mount_change_type(init, "/run", MS_SHARED | MS_SLAVE).code(), E(EINVAL));
  EXPECT_EQ(sys_mount_change_type(init, "/run", MS_REC).code(), E(EINVAL));
  auto t = spawn(m, init);
  become_nobody(*t);
  EXPECT_EQ(sys_mount_change_type(*t, "/run", MS_SHARED).code(), E(EPERM));
  EXPECT_TRUE(sys_mount_change_type(init, "/", MS_SHARED));  // a namespace's root is a mount root
}

TEST_F(MountNs, MountFsErrors) {
  ASSERT_TRUE(sys_open(init, "/run/f", O_WRONLY | O_CREAT, 0644));
  EXPECT_EQ(sys_mount_fs(init, "tmpfs", "x", "/run/missing").code(), E(ENOENT));
  EXPECT_EQ(sys_mount_fs(init, "tmpfs", "x", "/run/f").code(), E(ENOTDIR));
  EXPECT_EQ(sys_mount_fs(init, "ext4", "x", "/run").code(), E(ENODEV));
  auto t = spawn(m, init);
  become_nobody(*t);
  EXPECT_EQ(sys_mount_fs(*t, "tmpfs", "x", "/run").code(), E(EPERM));
  EXPECT_EQ(m.vfs().mount_count(), 1u);
}

TEST_F(MountNs, ProcMountsStackAndNeedTheirPidNamespacesOwner) {
  mkdir("/run/p");
  ASSERT_TRUE(sys_mount_fs(init, "proc", "proc", "/run/p"));
  ASSERT_TRUE(sys_mount_fs(init, "proc", "proc", "/run/p"));  // a superblock each: no EBUSY
  EXPECT_EQ(*sys_readlink(init, "/run/p/self"), "1");
  EXPECT_EQ(mounts(init, "/run/p"),
            (strings{"m1 m2 / /run/p proc", "m3 m1 / /run/p proc"}));
  auto t = unshared(CLONE_NEWUSER | CLONE_NEWNS);
  EXPECT_EQ(sys_mount_fs(*t, "proc", "proc", "/run/p").code(), E(EPERM));
  EXPECT_TRUE(sys_mount_fs(*t, "tmpfs", "x", "/run/p"));
}

TEST_F(MountNs, ALessPrivilegedCopyHasLockedSlaves) {
  shared_a();
  mkdir("/run/b");
  tmpfs(init, "b", "/run/b");
  auto t = unshared(CLONE_NEWUSER | CLONE_NEWNS);
  EXPECT_EQ(mounts(*t, "/run"), (strings{"m1 m2 / /run tmpfs", "m3 m1 / /run/a master:g1 tmpfs",
                                         "m4 m1 / /run/b tmpfs"}));
  EXPECT_EQ(sys_umount_detach(*t, "/run/a").code(), E(EINVAL));
  EXPECT_EQ(sys_umount_detach(*t, "/run/b").code(), E(EINVAL));
  // A plain bind may not uncover what the locked mounts hide; --rbind may.
  mkdir("/run/c");
  EXPECT_EQ(sys_mount_bind(*t, "/run", "/run/c").code(), E(EINVAL));
  EXPECT_TRUE(sys_mount_bind(*t, "/run", "/run/c", true));
  // Its own mounts, and those its master sends, may go.
  tmpfs(*t, "k", "/run/a/x");
  EXPECT_TRUE(sys_umount_detach(*t, "/run/a/x"));
  tmpfs(init, "s", "/run/a/y");
  EXPECT_EQ(mounts(*t, "/run/a/y"), (strings{"m1 m2 / /run/a/y master:g1 tmpfs"}));
  EXPECT_TRUE(sys_umount_detach(*t, "/run/a/y"));
}

TEST_F(MountNs, MntNsLoopOnlyAnOlderNamespaceMayBindANewerOne) {
  ASSERT_TRUE(sys_open(init, "/run/f", O_WRONLY | O_CREAT, 0644));
  ASSERT_TRUE(sys_open(init, "/run/g", O_WRONLY | O_CREAT, 0644));
  EXPECT_EQ(sys_mount_bind(init, "/proc/self/ns/mnt", "/run/f").code(), E(EINVAL));
  auto t = unshared();
  EXPECT_EQ(sys_mount_bind(*t, "/proc/self/ns/mnt", "/run/f").code(), E(EINVAL));
  EXPECT_EQ(sys_mount_bind(*t, "/proc/1/ns/mnt", "/run/f").code(), E(EINVAL));
  const std::string newer = "/proc/" + std::to_string(t->pid()) + "/ns/mnt";
  EXPECT_TRUE(sys_mount_bind(init, newer, "/run/g"));
  EXPECT_EQ(sys_stat(init, "/run/g")->dev, fs::nsfs_dev);
}

TEST_F(MountNs, CopyTreeLeavesMountNamespaceFilesOut) {
  auto t = unshared();
  ASSERT_TRUE(sys_open(init, "/run/g", O_WRONLY | O_CREAT, 0644));
  const std::string newer = "/proc/" + std::to_string(t->pid()) + "/ns/mnt";
  ASSERT_TRUE(sys_mount_bind(init, newer, "/run/g"));
  auto u = unshared();
  EXPECT_EQ(mounts(*u, "/run/g"), strings{});
  EXPECT_EQ(mounts(init, "/run/g").size(), 1u);
}

TEST_F(MountNs, SetnsMovesTheTaskToTheNamespacesTree) {
  mkdir("/run/a");
  auto t = unshared();
  tmpfs(*t, "x", "/run/a");
  ASSERT_TRUE(sys_open(*t, "/run/a/only_in_t", O_WRONLY | O_CREAT, 0644));
  auto u = spawn(m, init);
  const int fd = *sys_open(*u, "/proc/" + std::to_string(t->pid()) + "/ns/mnt", O_RDONLY);
  EXPECT_EQ(*sys_readdir(*u, "/run/a"), strings{});
  ASSERT_TRUE(sys_setns(*u, fd, CLONE_NEWNS));
  EXPECT_EQ(*sys_readdir(*u, "/run/a"), strings{"only_in_t"});
  EXPECT_EQ(mounts(*u, "/run"), mounts(*t, "/run"));
}

TEST_F(MountNs, MountIdsAreLowestFreeAndTheOrderIsCreationOrder) {
  mkdir("/run/a");
  mkdir("/run/b");
  tmpfs(init, "x", "/run/a");
  tmpfs(init, "y", "/run/b");
  const std::string before = m.vfs().mountinfo(nullptr);
  const std::string a_id = before.substr(before.find("\n", before.find("/run rw")) + 1, 1);
  ASSERT_TRUE(sys_umount_detach(init, "/run/a"));
  tmpfs(init, "z", "/run/a");
  const std::string after = m.vfs().mountinfo(nullptr);
  // The id comes back, and the new mount is listed last.
  EXPECT_EQ(after.substr(after.rfind('\n', after.size() - 2) + 1, 2), a_id + " ");
  EXPECT_LT(after.find("- tmpfs y"), after.find("- tmpfs z"));
}

TEST_F(MountNs, PropagatedUmountLeavesACopyThatHasMountsOfItsOwn) {
  shared_a();
  tmpfs(init, "q", "/run/a/x");
  mkdir("/run/a/x/k");
  auto t = unshared();
  ASSERT_TRUE(sys_mount_change_type(*t, "/run/a/x", MS_SLAVE));
  tmpfs(*t, "kk", "/run/a/x/k");
  ASSERT_TRUE(sys_umount_detach(init, "/run/a/x"));
  // The slave stays, private now: its master's group is gone.
  EXPECT_EQ(mounts(*t, "/run/a/x"), (strings{"m1 m2 / /run/a/x tmpfs", "m3 m1 / /run/a/x/k tmpfs"}));
}

TEST_F(MountNs, PeersInOneNamespaceGetCopiesInTheKernelsOrder) {
  shared_a();
  mkdir("/run/c");
  ASSERT_TRUE(sys_mount_bind(init, "/run/a", "/run/c"));
  tmpfs(init, "v", "/run/c/x");
  EXPECT_EQ(mounts(init, "/run"),
            (strings{"m1 m2 / /run tmpfs", "m3 m1 / /run/a shared:g1 tmpfs",
                     "m4 m1 / /run/c shared:g1 tmpfs", "m5 m4 / /run/c/x shared:g2 tmpfs",
                     "m6 m3 / /run/a/x shared:g2 tmpfs"}));
}

TEST_F(MountNs, TheLastReferenceTakesTheTreeDown) {
  mkdir("/run/a");
  const std::size_t before = m.vfs().mount_count();
  auto t = unshared();
  tmpfs(*t, "x", "/run/a");
  EXPECT_EQ(m.vfs().mount_count(), before + 2);  // /run's copy and /run/a
  ASSERT_TRUE(m.exit(*t));
  EXPECT_EQ(m.vfs().mount_count(), before);
}

// A namespace whose tree holds a newer namespace's file: its end frees
// the bind mount, which ends the newer namespace and its tree too (on the
// RCU callback thread; the vfs waits for such drops before it goes).
TEST_F(MountNs, ANamespacePinnedByAnOlderOnesTreeGoesWithIt) {
  const std::size_t before = m.vfs().mount_count();
  auto a = unshared();
  auto b = spawn(m, *a);
  ASSERT_TRUE(sys_unshare(*b, CLONE_NEWNS));
  ASSERT_TRUE(sys_open(*a, "/run/f", O_WRONLY | O_CREAT, 0644));
  ASSERT_TRUE(sys_mount_bind(*a, "/proc/" + std::to_string(b->pid()) + "/ns/mnt", "/run/f"));
  ASSERT_TRUE(m.exit(*b));
  // a's /run and its bind, and b's /run: b's namespace is pinned by the bind.
  EXPECT_EQ(m.vfs().mount_count(), before + 3);
  ASSERT_TRUE(m.exit(*a));
  for (int i = 0; i < 3; ++i) rcu::barrier();
  EXPECT_EQ(m.vfs().mount_count(), before);
}

TEST_F(MountNs, SlaveOfASlaveShowsPropagateFromWhenTheMasterIsElsewhere) {
  shared_a();
  auto t = unshared();  // t's /run/a: a peer of init's
  ASSERT_TRUE(sys_mount_change_type(*t, "/run/a", MS_SLAVE));  // now init's slave
  ASSERT_TRUE(sys_mount_change_type(*t, "/run/a", MS_SHARED));  // shared and a slave
  auto u = spawn(m, *t);
  ASSERT_TRUE(sys_unshare(*u, CLONE_NEWNS));  // u's copy: a peer of t's
  ASSERT_TRUE(sys_mount_change_type(*u, "/run/a", MS_SLAVE));  // a slave of t's group
  // In u, the master group (t's) has no member; init's group, its master,
  // has none either: no propagate_from. In t, the master is init's.
  EXPECT_EQ(mounts(*u, "/run/a"), (strings{"m1 m2 / /run/a master:g1 tmpfs"}));
  EXPECT_EQ(mounts(*t, "/run/a"), (strings{"m1 m2 / /run/a shared:g1 master:g2 tmpfs"}));
}

TEST_F(MountNs, APropagatedCopyIsTuckedUnderASlavesOwnMount) {
  auto t = slave_with_own_mount_at_s();
  tmpfs(init, "q", "/run/a/s");
  // The copy goes where t's mount was; t's mount sits on the copy's root,
  // at the same path, and is still what a walk of t finds there.
  EXPECT_EQ(mounts(*t, "/run/a"),
            (strings{"m1 m2 / /run/a master:g1 tmpfs", "m3 m4 / /run/a/s tmpfs",
                     "m4 m1 / /run/a/s master:g2 tmpfs"}));
  EXPECT_EQ(*sys_readdir(*t, "/run/a/s"), strings{"mine"});
  // Its umount uncovers the copy.
  ASSERT_TRUE(sys_umount_detach(*t, "/run/a/s"));
  EXPECT_EQ(*sys_readdir(*t, "/run/a/s"), strings{});
  EXPECT_EQ(mounts(*t, "/run/a/s"), (strings{"m1 m2 / /run/a/s master:g1 tmpfs"}));
}

TEST_F(MountNs, TheOriginalsUmountPutsTheTuckedMountBack) {
  auto t = slave_with_own_mount_at_s();
  auto f = sys_open(*t, "/run/a/s/mine", O_RDONLY);
  ASSERT_TRUE(f);
  tmpfs(init, "q", "/run/a/s");
  ASSERT_TRUE(sys_umount_detach(init, "/run/a/s"));
  EXPECT_EQ(mounts(*t, "/run/a"),
            (strings{"m1 m2 / /run/a master:g1 tmpfs", "m3 m1 / /run/a/s tmpfs"}));
  EXPECT_EQ(*sys_readdir(*t, "/run/a/s"), strings{"mine"});
  // A file open in the tucked mount kept its path through both changes.
  EXPECT_EQ(*sys_readlink(*t, "/proc/self/fd/" + std::to_string(*f)), "/run/a/s/mine");
  ASSERT_TRUE(sys_umount_detach(*t, "/run/a/s"));
  EXPECT_EQ(mounts(*t, "/run/a/s"), strings{});
}

TEST_F(MountNs, MoveTakesTheTreeAlongAndKeepsIds) {
  mkdir("/run/a");
  mkdir("/run/b");
  tmpfs(init, "a", "/run/a");
  mkdir("/run/a/s");
  tmpfs(init, "s", "/run/a/s");
  ASSERT_TRUE(sys_mount_move(init, "/run/a", "/run/b"));
  EXPECT_EQ(mounts(init, "/run"), (strings{"m1 m2 / /run tmpfs", "m3 m1 / /run/b tmpfs",
                                           "m4 m3 / /run/b/s tmpfs"}));
  EXPECT_EQ(*sys_readdir(init, "/run/a"), strings{});
  EXPECT_EQ(*sys_readdir(init, "/run/b"), strings{"s"});
  ASSERT_TRUE(sys_umount_detach(init, "/run/b"));
  EXPECT_EQ(mounts(init, "/run"), (strings{"m1 m2 / /run tmpfs"}));
}

TEST_F(MountNs, AFileOpenedBeforeAMoveIsNamedWhereItIsNow) {
  mkdir("/run/a");
  mkdir("/run/b");
  mkdir("/run/c");
  tmpfs(init, "t", "/run/a");
  mkdir("/run/a/d");
  tmpfs(init, "u", "/run/a/d");
  auto f = sys_open(init, "/run/a/d/f", O_WRONLY | O_CREAT, 0644);
  ASSERT_TRUE(f);
  const std::string fd_link = "/proc/self/fd/" + std::to_string(*f);
  EXPECT_EQ(test::link(init, fd_link), "/run/a/d/f");
  ASSERT_TRUE(sys_mount_move(init, "/run/a", "/run/b"));  // a mount above the file's
  EXPECT_EQ(test::link(init, fd_link), "/run/b/d/f");
  ASSERT_TRUE(sys_mount_move(init, "/run/b/d", "/run/c"));  // the file's own
  EXPECT_EQ(test::link(init, fd_link), "/run/c/f");
  ASSERT_TRUE(sys_unlink(init, "/run/c/f"));
  EXPECT_EQ(test::link(init, fd_link), "/run/c/f (deleted)");
  // A walk on through a directory's link starts where it is now too.
  auto d = sys_open(init, "/run/c", O_RDONLY | O_DIRECTORY);
  ASSERT_TRUE(d);
  mkdir("/run/c/e");
  ASSERT_TRUE(sys_mount_move(init, "/run/c", "/run/a"));
  tmpfs(init, "z", ("/proc/self/fd/" + std::to_string(*d) + "/e").c_str());
  EXPECT_EQ(mounts(init, "/run/a/e"), (strings{"m1 m2 / /run/a/e tmpfs"}));
}

// ".." right at a directory's fd link goes to the directory's parent
// (d_parent), not back into /proc/PID/fd; across its mount's root to the
// mount point's directory, and after a move of the mount, from where it
// is now. What the walk opens is named so. (conformance 643)
TEST_F(MountNs, DotDotAtADirectorysFdLinkGoesToItsParent) {
  mkdir("/run/a");
  tmpfs(init, "t", "/run/a");
  mkdir("/run/a/b");
  mkdir("/run/a/b/c");
  auto c = sys_open(init, "/run/a/b/c", O_RDONLY | O_DIRECTORY);
  ASSERT_TRUE(c);
  const std::string link = "/proc/self/fd/" + std::to_string(*c);
  // The path of the directory a walk from `path` opens (its fd's link).
  auto opened = [&](const std::string& path) -> std::string {
    auto fd = sys_open(init, path, O_RDONLY | O_DIRECTORY);
    if (!fd) return "error";
    return test::link(init, "/proc/self/fd/" + std::to_string(*fd));
  };
  EXPECT_EQ(*sys_readdir(init, link + "/.."), strings{"c"});
  EXPECT_EQ(*sys_readdir(init, link + "/../.."), strings{"b"});
  EXPECT_EQ(opened(link + "/../../.."), "/run");
  EXPECT_EQ(opened(link + "/../../../../../.."), "/");
  mkdir("/run/m");
  ASSERT_TRUE(sys_mount_move(init, "/run/a", "/run/m"));
  EXPECT_EQ(opened(link + "/.."), "/run/m/b");
  EXPECT_EQ(opened(link + "/../../../m"), "/run/m");
}

TEST_F(MountNs, MoveErrors) {
  mkdir("/run/a");
  mkdir("/run/b");
  tmpfs(init, "a", "/run/a");
  mkdir("/run/a/d");
  EXPECT_EQ(sys_mount_move(init, "/run/a/d", "/run/b").code(), E(EINVAL));  // not a mount root
  EXPECT_EQ(sys_mount_move(init, "/run/a", "/run/a/d").code(), E(ELOOP));
  EXPECT_EQ(sys_mount_move(init, "/run/a", "/run/a").code(), E(ELOOP));
  EXPECT_EQ(sys_mount_move(init, "/run/none", "/run/b").code(), E(ENOENT));
  EXPECT_EQ(sys_mount_move(init, "/run/a", "/run/none").code(), E(ENOENT));
  EXPECT_EQ(sys_mount_move(init, "/", "/run/b").code(), E(EINVAL));  // the namespace's root
  ASSERT_TRUE(sys_open(init, "/run/f", O_WRONLY | O_CREAT, 0644));
  ASSERT_TRUE(sys_mount_bind(init, "/run/f", "/run/f"));
  EXPECT_EQ(sys_mount_move(init, "/run/f", "/run/b").code(), E(EINVAL));  // a file onto a dir
  // Under a shared parent the move would have to propagate: refused.
  ASSERT_TRUE(sys_mount_change_type(init, "/run/a", MS_SHARED));
  tmpfs(init, "s", "/run/a/d");
  EXPECT_EQ(sys_mount_move(init, "/run/a/d", "/run/b").code(), E(EINVAL));
  ASSERT_TRUE(sys_mount_change_type(init, "/run/a", MS_PRIVATE));
  EXPECT_TRUE(sys_mount_move(init, "/run/a/d", "/run/b"));
  auto u = spawn(m, init);
  become_nobody(*u);
  EXPECT_EQ(sys_mount_move(*u, "/run/b", "/run/a/d").code(), E(EPERM));
}

TEST_F(MountNs, MoveUnderASharedMountPropagates) {
  mkdir("/run/a");
  mkdir("/run/sh");
  mkdir("/run/c");
  tmpfs(init, "a", "/run/a");
  mkdir("/run/a/x");
  tmpfs(init, "x", "/run/a/x");
  tmpfs(init, "sh", "/run/sh");
  ASSERT_TRUE(sys_mount_change_type(init, "/run/sh", MS_SHARED));
  mkdir("/run/sh/d");
  ASSERT_TRUE(sys_mount_bind(init, "/run/sh", "/run/c"));
  ASSERT_TRUE(sys_mount_change_type(init, "/run/a/x", MS_UNBINDABLE));
  EXPECT_EQ(sys_mount_move(init, "/run/a", "/run/sh/d").code(), E(EINVAL));
  ASSERT_TRUE(sys_mount_change_type(init, "/run/a/x", MS_PRIVATE));
  ASSERT_TRUE(sys_mount_move(init, "/run/a", "/run/sh/d"));
  EXPECT_EQ(mounts(init, "/run"),
            (strings{"m1 m2 / /run tmpfs", "m3 m4 / /run/sh/d shared:g1 tmpfs",
                     "m5 m3 / /run/sh/d/x shared:g2 tmpfs", "m4 m1 / /run/sh shared:g3 tmpfs",
                     "m6 m1 / /run/c shared:g3 tmpfs", "m7 m6 / /run/c/d shared:g1 tmpfs",
                     "m8 m7 / /run/c/d/x shared:g2 tmpfs"}));
}

TEST_F(MountNs, ALockedMountDoesNotMove) {
  mkdir("/run/a");
  mkdir("/run/b");
  tmpfs(init, "a", "/run/a");
  mkdir("/run/a/d");
  auto t = unshared(CLONE_NEWUSER | CLONE_NEWNS);
  EXPECT_EQ(sys_mount_move(*t, "/run/a", "/run/b").code(), E(EINVAL));
  tmpfs(*t, "m", "/run/a/d");
  EXPECT_TRUE(sys_mount_move(*t, "/run/a/d", "/run/b"));
}

TEST_F(MountNs, AGraftsOwnMountsReceiveNothingFromIt) {
  shared_a();
  ASSERT_TRUE(sys_mount_bind(init, "/run/a", "/run/a/x"));
  EXPECT_EQ(mounts(init, "/run/a"), (strings{"m1 m2 / /run/a shared:g1 tmpfs",
                                             "m3 m1 / /run/a/x shared:g1 tmpfs"}));
}

TEST_F(MountNs, ProcMountsIsTheReadersTable) {
  EXPECT_EQ(*sys_readlink(init, "/proc/mounts"), "self/mounts");
  mkdir("/run/a");
  ASSERT_TRUE(sys_open(init, "/run/n", O_WRONLY | O_CREAT, 0644));
  tmpfs(init, "mine", "/run/a");
  ASSERT_TRUE(sys_mount_bind(init, "/proc/self/ns/net", "/run/n"));
  auto fd = sys_open(init, "/proc/mounts", O_RDONLY);
  ASSERT_TRUE(fd);
  auto text = sys_read(init, *fd, 65536);
  ASSERT_TRUE(text);
  EXPECT_NE(text->find("\nmine /run/a tmpfs rw,relatime 0 0\nnsfs /run/n nsfs rw 0 0\n"),
            std::string::npos)
      << *text;
  auto t = unshared();
  ASSERT_TRUE(sys_umount_detach(*t, "/run/a"));
  auto theirs = m.vfs().mounts_table(task::root_mount_of(*t->get_nsproxy()));
  EXPECT_EQ(theirs.find("/run/a "), std::string::npos);
}

}  // namespace
}  // namespace netns
