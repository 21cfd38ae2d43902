// SPDX-License-Identifier: GPL-2.0-only
// The errnos of the namespace system calls against the reference kernel
// (Linux 6.18): setns, unshare, opening and reading namespace files, the
// nsfs ioctls, max_net_namespaces and bind mounts of namespace files. Each
// test is one row of ../shared/reference/linux-behaviour.md sections 1 to 5
// (probes s1..s5), or a case probed the same way on the reference machine
// where the test says "probed".
//
// The probes ran as root (uid 0, every capability but CAP_SYS_RESOURCE), as
// uid 65534 after setuid (no capabilities) and inside new user namespaces
// with "0 0 1" (or "0 1000 1") written to uid_map. The model's tasks do the
// same with sys_setresuid, sys_unshare(CLONE_NEWUSER) and set_uid_map.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <linux/nsfs.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/stat.h>

#include <array>
#include <cerrno>
#include <climits>
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "netns/core/user_namespace.hpp"
#include "netns/machine/machine.hpp"
#include "netns/task/syscalls.hpp"
#include "support/task_util.hpp"
#include "support/test_util.hpp"

namespace netns {
namespace {

using test::link;
using test::spawn;

constexpr errc E(int e) { return errc{e}; }

// The reference kernel's nsfs ioctls that the installed (6.1) uapi header
// lacks: NS_GET_ID and NS_GET_MNTNS_ID.
constexpr unsigned long kNsGetId = _IOR(0xb7, 13, std::uint64_t);      // 0x8008b70d
constexpr unsigned long kNsGetMntnsId = _IOR(0xb7, 5, std::uint64_t);  // 0x8008b705
static_assert(kNsGetId == 0x8008b70dUL);
static_assert(NS_GET_USERNS == 0xb701 && NS_GET_PARENT == 0xb702 && NS_GET_NSTYPE == 0xb703 &&
              NS_GET_OWNER_UID == 0xb704);

constexpr std::uint64_t kInitNetIno = 4026531833u;
constexpr std::uint64_t kInitUserIno = 4026531837u;

// ---- helpers -----------------------------------------------------------------------------

int open_ro(task& t, std::string_view path) {
  auto r = sys_open(t, path, O_RDONLY);
  EXPECT_TRUE(r) << path << ": " << (r ? "" : errno_name(r.error().errnum()));
  return r ? *r : -1;
}

std::uint64_t fd_ino(task& t, int fd) {
  auto st = sys_fstat(t, fd);
  EXPECT_TRUE(st) << "fd " << fd;
  return st ? st->ino : 0;
}

std::uint64_t path_ino(task& t, std::string_view path) {
  auto st = sys_stat(t, path);
  EXPECT_TRUE(st) << path;
  return st ? st->ino : 0;
}

// The inode number of the task's current net / user namespace.
std::uint64_t cur_net(task& t) { return path_ino(t, "/proc/thread-self/ns/net"); }
std::uint64_t cur_user(task& t) { return path_ino(t, "/proc/self/ns/user"); }

// NS_GET_ID of an fd (0 on failure, which is never a valid id).
std::uint64_t ns_id(task& t, int fd) {
  std::uint64_t v = 0;
  auto r = sys_ioctl(t, fd, kNsGetId, &v);
  EXPECT_TRUE(r);
  return r ? v : 0;
}

// The value of an ioctl that takes no argument, or -errno.
long ioctl0(task& t, int fd, unsigned long request) {
  auto r = sys_ioctl(t, fd, request, nullptr);
  return r ? *r : -r.error().errnum();
}

// A new net made by t (unshare, open, setns back): an fd of it held by t.
int make_net(task& t) {
  const int home = open_ro(t, "/proc/self/ns/net");
  EXPECT_TRUE(sys_unshare(t, CLONE_NEWNET));
  const int fd = open_ro(t, "/proc/self/ns/net");
  EXPECT_TRUE(sys_setns(t, home, CLONE_NEWNET));
  EXPECT_TRUE(sys_close(t, home));
  return fd;
}

using test::become_nobody;

// setgid(1000); setuid(1000) as the probes do (the model has no setgid
// call: the gids are set in the credentials directly).
void become_uid1000(task& t) {
  cred c = t.creds();
  c.gid = c.egid = c.sgid = c.fsgid = kgid{1000};
  t.commit_creds(std::move(c));
  ASSERT_TRUE(sys_setresuid(t, 1000, 1000, 1000));
  ASSERT_TRUE(t.creds().cap_effective.empty());
}

// unshare(CLONE_NEWUSER) and write uid_map and gid_map "0 <lower> 1".
void enter_new_userns(task& t, std::uint32_t lower = 0) {
  ASSERT_TRUE(sys_unshare(t, CLONE_NEWUSER));
  const std::array<uid_gid_extent, 1> map{{{0, lower, 1}}};
  ASSERT_TRUE(t.creds().user_ns->set_uid_map(map));
  ASSERT_TRUE(t.creds().user_ns->set_gid_map(map));
}

class ErrnoTest : public ::testing::Test {
 protected:
  ErrnoTest() : init(m.init_task()) {}
  machine m;
  task& init;
};

// =========================================================================================
// setns (§3)
// =========================================================================================

using Setns = ErrnoTest;

TEST_F(Setns, FdMinusOneIsEbadf) {
  EXPECT_EQ(sys_setns(init, -1, CLONE_NEWNET).code(), E(EBADF));
  EXPECT_EQ(sys_setns(init, -1, 0).code(), E(EBADF));
}

TEST_F(Setns, FdNotOpenIsEbadf) {
  EXPECT_EQ(sys_setns(init, 9999, CLONE_NEWNET).code(), E(EBADF));
  EXPECT_EQ(sys_setns(init, 9999, 0).code(), E(EBADF));  // probed
}

TEST_F(Setns, OPathFdOfAnNsFileIsEbadf) {
  auto fd = sys_open(init, "/proc/self/ns/net", O_PATH);
  ASSERT_TRUE(fd);
  EXPECT_EQ(sys_setns(init, *fd, CLONE_NEWNET).code(), E(EBADF));
}

TEST_F(Setns, RegularFileFdIsEinval) {
  auto fd = sys_open(init, "/run/regular", O_RDWR | O_CREAT | O_EXCL, 0644);
  ASSERT_TRUE(fd);
  EXPECT_EQ(sys_setns(init, *fd, 0).code(), E(EINVAL));
  EXPECT_EQ(sys_setns(init, *fd, CLONE_NEWNET).code(), E(EINVAL));
}

TEST_F(Setns, DirectoryFdIsEinval) {
  auto fd = sys_open(init, "/run/netns", O_RDONLY | O_DIRECTORY);
  ASSERT_TRUE(fd);
  EXPECT_EQ(sys_setns(init, *fd, 0).code(), E(EINVAL));
}

TEST_F(Setns, NetFdWithAnotherNstypeIsEinvalAndTheTaskStays) {
  const int netfd = make_net(init);
  EXPECT_EQ(sys_setns(init, netfd, CLONE_NEWUTS).code(), E(EINVAL));
  EXPECT_EQ(sys_setns(init, netfd, CLONE_NEWUSER).code(), E(EINVAL));
  EXPECT_EQ(sys_setns(init, netfd, CLONE_NEWNET | CLONE_NEWUTS).code(), E(EINVAL));
  EXPECT_EQ(sys_setns(init, netfd, static_cast<int>(0xffffffffu)).code(), E(EINVAL));
  EXPECT_EQ(cur_net(init), kInitNetIno);
}

TEST_F(Setns, UserFdWithClonenewnetIsEinval) {
  const int userfd = open_ro(init, "/proc/self/ns/user");
  EXPECT_EQ(sys_setns(init, userfd, CLONE_NEWNET).code(), E(EINVAL));
  // probed: a user fd with NET|USER is no better
  EXPECT_EQ(sys_setns(init, userfd, CLONE_NEWNET | CLONE_NEWUSER).code(), E(EINVAL));
}

TEST_F(Setns, IntoTheCurrentUsernsIsEinval) {
  const int userfd = open_ro(init, "/proc/self/ns/user");
  EXPECT_EQ(sys_setns(init, userfd, CLONE_NEWUSER).code(), E(EINVAL));
  EXPECT_EQ(sys_setns(init, userfd, 0).code(), E(EINVAL));  // probed
  EXPECT_EQ(cur_user(init), kInitUserIno);
}

TEST_F(Setns, NstypeZeroMovesTheTaskToTheTarget) {
  const int netfd = make_net(init);
  ASSERT_EQ(cur_net(init), kInitNetIno);
  ASSERT_TRUE(sys_setns(init, netfd, 0));
  EXPECT_EQ(cur_net(init), fd_ino(init, netfd));
  EXPECT_EQ(link(init, "/proc/thread-self/ns/net"),
            "net:[" + std::to_string(fd_ino(init, netfd)) + "]");
}

TEST_F(Setns, ClonenewnetMovesTheTaskToTheTarget) {
  const int netfd = make_net(init);
  ASSERT_TRUE(sys_setns(init, netfd, CLONE_NEWNET));
  EXPECT_EQ(cur_net(init), fd_ino(init, netfd));
}

TEST_F(Setns, IntoTheCurrentNetIsOk) {
  const int net0 = open_ro(init, "/proc/self/ns/net");
  EXPECT_TRUE(sys_setns(init, net0, CLONE_NEWNET));
  EXPECT_TRUE(sys_setns(init, net0, CLONE_NEWNET));
  EXPECT_EQ(cur_net(init), kInitNetIno);
}

TEST_F(Setns, Uid65534WithoutCapsIsEperm) {
  const int netfd = make_net(init);
  auto t = spawn(m, init);
  become_nobody(*t);
  EXPECT_EQ(sys_setns(*t, netfd, CLONE_NEWNET).code(), E(EPERM));
  EXPECT_EQ(cur_net(*t), kInitNetIno);
}

TEST_F(Setns, Uid65534IntoItsOwnCurrentNetIsStillEperm) {
  const int net0 = open_ro(init, "/proc/self/ns/net");
  auto t = spawn(m, init);
  become_nobody(*t);
  EXPECT_EQ(sys_setns(*t, net0, CLONE_NEWNET).code(), E(EPERM));
}

TEST_F(Setns, FdAndTypeChecksComeBeforeThePermissionCheck) {
  const int netfd = make_net(init);
  auto t = spawn(m, init);
  become_nobody(*t);
  EXPECT_EQ(sys_setns(*t, -1, CLONE_NEWNET).code(), E(EBADF));
  EXPECT_EQ(sys_setns(*t, 9999, CLONE_NEWNET).code(), E(EBADF));  // probed
  EXPECT_EQ(sys_setns(*t, netfd, CLONE_NEWUTS).code(), E(EINVAL));
  // probed: the own-userns check of a user fd also comes first
  const int userfd = open_ro(*t, "/proc/self/ns/user");
  EXPECT_EQ(sys_setns(*t, userfd, CLONE_NEWUSER).code(), E(EINVAL));
}

// capset() dropping CAP_SYS_ADMIN as uid 0: setns and unshare are both EPERM.
TEST_F(Setns, Uid0WithoutCapSysAdminIsEpermAsIsUnshare) {
  const int netfd = make_net(init);
  auto t = spawn(m, init);
  cred c = t->creds();
  c.cap_effective.drop(CAP_SYS_ADMIN);
  c.cap_permitted.drop(CAP_SYS_ADMIN);
  t->commit_creds(c);
  EXPECT_EQ(sys_setns(*t, netfd, CLONE_NEWNET).code(), E(EPERM));
  EXPECT_EQ(sys_unshare(*t, CLONE_NEWNET).code(), E(EPERM));
  EXPECT_EQ(cur_net(*t), kInitNetIno);
}

TEST_F(Setns, FromAChildUsernsIntoAnInitOwnedNetIsEperm) {
  const int net0 = open_ro(init, "/proc/self/ns/net");
  const int netfd = make_net(init);
  auto t = spawn(m, init);
  enter_new_userns(*t);
  EXPECT_EQ(sys_setns(*t, netfd, CLONE_NEWNET).code(), E(EPERM));
  EXPECT_EQ(sys_setns(*t, net0, CLONE_NEWNET).code(), E(EPERM));
  EXPECT_EQ(sys_setns(*t, net0, 0).code(), E(EPERM));  // probed
  EXPECT_EQ(cur_net(*t), kInitNetIno);
}

TEST_F(Setns, FromAChildUsernsIntoTheInitUsernsIsEperm) {
  const int user0 = open_ro(init, "/proc/self/ns/user");
  auto t = spawn(m, init);
  enter_new_userns(*t);
  const std::uint64_t child = cur_user(*t);
  ASSERT_NE(child, kInitUserIno);
  EXPECT_EQ(sys_setns(*t, user0, CLONE_NEWUSER).code(), E(EPERM));
  EXPECT_EQ(sys_setns(*t, user0, 0).code(), E(EPERM));  // probed
  EXPECT_EQ(cur_user(*t), child);
}

// probed: setns into the user namespace the task is already in is EINVAL from a child too.
TEST_F(Setns, FromAChildUsernsIntoItselfIsEinval) {
  auto t = spawn(m, init);
  enter_new_userns(*t);
  const int own = open_ro(*t, "/proc/self/ns/user");
  EXPECT_EQ(sys_setns(*t, own, CLONE_NEWUSER).code(), E(EINVAL));
}

TEST_F(Setns, FromAChildUsernsBackIntoItsOwnEarlierNetIsOk) {
  const int net0 = open_ro(init, "/proc/self/ns/net");
  auto t = spawn(m, init);
  enter_new_userns(*t);
  ASSERT_TRUE(sys_unshare(*t, CLONE_NEWNET));
  const int own1 = open_ro(*t, "/proc/self/ns/net");
  // Still EPERM into the init-owned net after the unshare.
  EXPECT_EQ(sys_setns(*t, net0, CLONE_NEWNET).code(), E(EPERM));
  ASSERT_TRUE(sys_unshare(*t, CLONE_NEWNET));
  const int own2 = open_ro(*t, "/proc/self/ns/net");
  ASSERT_NE(fd_ino(*t, own1), fd_ino(*t, own2));
  EXPECT_TRUE(sys_setns(*t, own1, CLONE_NEWNET));
  EXPECT_EQ(cur_net(*t), fd_ino(*t, own1));
}

// uid 1000 -> unshare(CLONE_NEWUSER), map "0 1000 1": setns into an
// init-owned net is EPERM, unshare(CLONE_NEWNET) works.
TEST_F(Setns, Uid1000sUsernsCannotEnterAnInitOwnedNetButCanUnshareOne) {
  const int netfd = make_net(init);
  auto t = spawn(m, init);
  become_uid1000(*t);
  enter_new_userns(*t, 1000);
  EXPECT_EQ(sys_setns(*t, netfd, CLONE_NEWNET).code(), E(EPERM));
  EXPECT_TRUE(sys_unshare(*t, CLONE_NEWNET));
  EXPECT_NE(cur_net(*t), kInitNetIno);
  EXPECT_NE(cur_net(*t), fd_ino(init, netfd));
}

// =========================================================================================
// unshare (§4)
// =========================================================================================

using Unshare = ErrnoTest;

TEST_F(Unshare, MinusOneIsEinvalForRootAndForUid65534) {
  EXPECT_EQ(sys_unshare(init, static_cast<unsigned long>(-1)).code(), E(EINVAL));
  EXPECT_EQ(sys_unshare(init, 0xffffffffUL).code(), E(EINVAL));
  auto t = spawn(m, init);
  become_nobody(*t);
  EXPECT_EQ(sys_unshare(*t, static_cast<unsigned long>(-1)).code(), E(EINVAL));
  EXPECT_EQ(cur_net(init), kInitNetIno);
}

TEST_F(Unshare, CsignalBitIsEinvalAndTheNetIsUnchanged) {
  EXPECT_EQ(sys_unshare(init, 0x1).code(), E(EINVAL));
  EXPECT_EQ(cur_net(init), kInitNetIno);
}

TEST_F(Unshare, CloneIoIsEinvalAndTheNetIsUnchanged) {
  EXPECT_EQ(sys_unshare(init, 0x80000000UL).code(), E(EINVAL));
  EXPECT_EQ(cur_net(init), kInitNetIno);
}

TEST_F(Unshare, ClonenewnetWithTheCsignalBitIsEinvalAndNoNetIsMade) {
  const std::size_t before = m.k().net_count();
  EXPECT_EQ(sys_unshare(init, CLONE_NEWNET | 0x1).code(), E(EINVAL));
  EXPECT_EQ(cur_net(init), kInitNetIno);
  m.k().settle();
  EXPECT_EQ(m.k().net_count(), before);
}

TEST_F(Unshare, ZeroIsOk) {
  EXPECT_TRUE(sys_unshare(init, 0));
  EXPECT_EQ(cur_net(init), kInitNetIno);
}

TEST_F(Unshare, ZeroIsOkForUid65534) {  // probed
  auto t = spawn(m, init);
  become_nobody(*t);
  EXPECT_TRUE(sys_unshare(*t, 0));
}

TEST_F(Unshare, ClonenewnetTwiceGivesTwoNewNets) {
  ASSERT_TRUE(sys_unshare(init, CLONE_NEWNET));
  const std::uint64_t first = cur_net(init);
  ASSERT_TRUE(sys_unshare(init, CLONE_NEWNET));
  const std::uint64_t second = cur_net(init);
  EXPECT_NE(first, kInitNetIno);
  EXPECT_NE(second, kInitNetIno);
  EXPECT_NE(first, second);
}

TEST_F(Unshare, Uid65534ClonenewnetOrClonenewutsIsEperm) {
  auto t = spawn(m, init);
  become_nobody(*t);
  EXPECT_EQ(sys_unshare(*t, CLONE_NEWNET).code(), E(EPERM));
  EXPECT_EQ(sys_unshare(*t, CLONE_NEWUTS).code(), E(EPERM));
  EXPECT_EQ(cur_net(*t), kInitNetIno);
}

TEST_F(Unshare, Uid65534UserAndNetMakesANetOwnedByTheNewUserns) {
  auto t = spawn(m, init);
  become_nobody(*t);
  ASSERT_TRUE(sys_unshare(*t, CLONE_NEWUSER | CLONE_NEWNET));
  const std::uint64_t user = cur_user(*t);
  const std::uint64_t net = cur_net(*t);
  EXPECT_NE(user, kInitUserIno);
  EXPECT_NE(net, kInitNetIno);
  // §1: the user namespace's number is allocated first.
  EXPECT_LT(user, net);
  // NS_GET_USERNS on the new net gives the new user namespace.
  const int netfd = open_ro(*t, "/proc/self/ns/net");
  auto ufd = sys_ioctl(*t, netfd, NS_GET_USERNS, nullptr);
  ASSERT_TRUE(ufd);
  EXPECT_EQ(fd_ino(*t, static_cast<int>(*ufd)), user);
  // getuid() is still 65534 before uid_map is written; every capability.
  const cred c = t->creds();
  EXPECT_EQ(c.uid, kuid{65534});
  EXPECT_EQ(c.euid, kuid{65534});
  EXPECT_EQ(c.cap_effective, cap_full_set);
}

TEST_F(Unshare, Uid65534InItsOwnUsernsCanUnshareNetAgain) {
  auto t = spawn(m, init);
  become_nobody(*t);
  ASSERT_TRUE(sys_unshare(*t, CLONE_NEWUSER | CLONE_NEWNET));
  const std::uint64_t first = cur_net(*t);
  EXPECT_TRUE(sys_unshare(*t, CLONE_NEWNET));
  EXPECT_NE(cur_net(*t), first);
  EXPECT_NE(cur_net(*t), kInitNetIno);
}

// =========================================================================================
// max_net_namespaces (§5)
// =========================================================================================

using MaxNetNamespaces = ErrnoTest;

TEST_F(MaxNetNamespaces, InitUsernsLimitIsTheMachinesDefault) {
  const long limit = ucount_max_for_memory(host_memory_bytes());
  EXPECT_EQ(m.k().init_user_ns().ucount_max(ucount_type::net_namespaces), limit);
  EXPECT_EQ(m.k().init_user_ns().ucount_max(ucount_type::user_namespaces), limit);
}

// A machine modelled with another amount of memory reads its own limit
// through /proc, as a kernel booted there would show it.
TEST_F(MaxNetNamespaces, InitUsernsLimitFollowsTheModelledMemory) {
  const long limit = ucount_max_for_memory(std::uint64_t{4} << 30);  // 4 GiB: 32768 threads
  machine small(kernel_config{.max_net_namespaces = limit, .max_user_namespaces = limit});
  auto fd = sys_open(small.init_task(), "/proc/sys/user/max_net_namespaces", O_RDONLY);
  ASSERT_TRUE(fd);
  auto text = sys_read(small.init_task(), *fd, 100);
  ASSERT_TRUE(text);
  EXPECT_EQ(*text, "16384\n");
  ASSERT_TRUE(sys_close(small.init_task(), *fd));
}

TEST_F(MaxNetNamespaces, FreshChildUsernsReadsIntMaxAndTakesOnlyZeroToIntMax) {
  auto t = spawn(m, init);
  enter_new_userns(*t);
  user_namespace& ns = *t->creds().user_ns;
  EXPECT_EQ(ns.ucount_max(ucount_type::net_namespaces), 2147483647);
  EXPECT_EQ(ns.ucount_max(ucount_type::user_namespaces), 2147483647);
  EXPECT_EQ(ns.set_ucount_max(ucount_type::net_namespaces, -1).code(), E(EINVAL));
  EXPECT_EQ(ns.set_ucount_max(ucount_type::net_namespaces, 2147483648L).code(), E(EINVAL));
  EXPECT_EQ(ns.ucount_max(ucount_type::net_namespaces), 2147483647);
  EXPECT_TRUE(ns.set_ucount_max(ucount_type::net_namespaces, 3));
  EXPECT_EQ(ns.ucount_max(ucount_type::net_namespaces), 3);
}

TEST_F(MaxNetNamespaces, TheFourthNetPastALimitOfThreeIsEnospc) {
  auto t = spawn(m, init);
  enter_new_userns(*t);
  ASSERT_TRUE(t->creds().user_ns->set_ucount_max(ucount_type::net_namespaces, 3));
  std::set<std::uint64_t> seen;
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(sys_unshare(*t, CLONE_NEWNET)) << "#" << i + 1;
    (void)open_ro(*t, "/proc/self/ns/net");
    seen.insert(cur_net(*t));
  }
  EXPECT_EQ(seen.size(), 3u);
  const std::uint64_t before = cur_net(*t);
  EXPECT_EQ(sys_unshare(*t, CLONE_NEWNET).code(), E(ENOSPC));
  EXPECT_EQ(cur_net(*t), before);
}

TEST_F(MaxNetNamespaces, AtTheLimitUserAndNetTogetherIsEnospcAsAWhole) {
  auto t = spawn(m, init);
  enter_new_userns(*t);
  ASSERT_TRUE(t->creds().user_ns->set_ucount_max(ucount_type::net_namespaces, 3));
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(sys_unshare(*t, CLONE_NEWNET));
    (void)open_ro(*t, "/proc/self/ns/net");
  }
  const std::uint64_t user = cur_user(*t), net = cur_net(*t);
  EXPECT_EQ(sys_unshare(*t, CLONE_NEWUSER | CLONE_NEWNET).code(), E(ENOSPC));
  EXPECT_EQ(cur_user(*t), user);
  EXPECT_EQ(cur_net(*t), net);
}

TEST_F(MaxNetNamespaces, LoweringBelowUsageIsAllowedAndKeepsExistingNetsUsable) {
  auto t = spawn(m, init);
  enter_new_userns(*t);
  user_namespace& ns = *t->creds().user_ns;
  ASSERT_TRUE(ns.set_ucount_max(ucount_type::net_namespaces, 3));
  std::vector<int> fds;
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(sys_unshare(*t, CLONE_NEWNET));
    fds.push_back(open_ro(*t, "/proc/self/ns/net"));
  }
  EXPECT_TRUE(ns.set_ucount_max(ucount_type::net_namespaces, 0));
  EXPECT_EQ(sys_unshare(*t, CLONE_NEWNET).code(), E(ENOSPC));
  EXPECT_TRUE(ns.set_ucount_max(ucount_type::net_namespaces, 1));
  EXPECT_EQ(sys_unshare(*t, CLONE_NEWNET).code(), E(ENOSPC));
  EXPECT_TRUE(sys_setns(*t, fds[1], CLONE_NEWNET));
  EXPECT_EQ(cur_net(*t), fd_ino(*t, fds[1]));
}

// Release is asynchronous on Linux (38 to 44 ms there); once the freed nets
// are cleaned up, their charge is gone and unshare succeeds again.
TEST_F(MaxNetNamespaces, ReleasedNetsGiveTheirChargeBack) {
  auto t = spawn(m, init);
  enter_new_userns(*t);
  user_namespace& ns = *t->creds().user_ns;
  ASSERT_TRUE(ns.set_ucount_max(ucount_type::net_namespaces, 3));
  std::vector<int> fds;
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(sys_unshare(*t, CLONE_NEWNET));
    fds.push_back(open_ro(*t, "/proc/self/ns/net"));
  }
  ASSERT_EQ(sys_unshare(*t, CLONE_NEWNET).code(), E(ENOSPC));
  ASSERT_TRUE(sys_setns(*t, fds[0], CLONE_NEWNET));
  ASSERT_TRUE(sys_close(*t, fds[1]));
  ASSERT_TRUE(sys_close(*t, fds[2]));
  m.k().settle();
  EXPECT_TRUE(sys_unshare(*t, CLONE_NEWNET));
}

// A grandchild user namespace with its own limit of 100 under a child limit
// of 3 with 2 nets in use at the child level: one more net, then ENOSPC.
TEST_F(MaxNetNamespaces, TheLimitIsHierarchical) {
  auto t = spawn(m, init);
  enter_new_userns(*t);
  ASSERT_TRUE(t->creds().user_ns->set_ucount_max(ucount_type::net_namespaces, 3));
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(sys_unshare(*t, CLONE_NEWNET));
    (void)open_ro(*t, "/proc/self/ns/net");
  }
  auto g = spawn(m, *t);
  enter_new_userns(*g);
  user_namespace& gns = *g->creds().user_ns;
  EXPECT_EQ(gns.ucount_max(ucount_type::net_namespaces), 2147483647);
  ASSERT_TRUE(gns.set_ucount_max(ucount_type::net_namespaces, 100));
  EXPECT_TRUE(sys_unshare(*g, CLONE_NEWNET));
  (void)open_ro(*g, "/proc/self/ns/net");
  EXPECT_EQ(sys_unshare(*g, CLONE_NEWNET).code(), E(ENOSPC));
}

// =========================================================================================
// ns files: open, read, write, stat, readlink (§1)
// =========================================================================================

using NsFile = ErrnoTest;

TEST_F(NsFile, ONofollowIsEloop) {
  EXPECT_EQ(sys_open(init, "/proc/self/ns/net", O_RDONLY | O_NOFOLLOW).code(), E(ELOOP));
  EXPECT_EQ(sys_open(init, "/proc/self/ns/user", O_RDONLY | O_NOFOLLOW).code(), E(ELOOP));
}

TEST_F(NsFile, OpenForWritingIsEperm) {
  EXPECT_EQ(sys_open(init, "/proc/self/ns/net", O_RDWR).code(), E(EPERM));
  EXPECT_EQ(sys_open(init, "/proc/self/ns/net", O_WRONLY).code(), E(EPERM));  // probed
  EXPECT_EQ(sys_open(init, "/proc/self/ns/user", O_RDWR).code(), E(EPERM));   // probed
}

// probed: O_TRUNC asks for write access, and nsfs inodes are immutable.
TEST_F(NsFile, OpenReadOnlyWithOTruncIsEperm) {
  EXPECT_EQ(sys_open(init, "/proc/self/ns/net", O_RDONLY | O_TRUNC).code(), E(EPERM));
}

// probed: as uid 65534 too, opening its own ns file for writing is EPERM
// (the inode is immutable), not EACCES (mode 0444, owned by root).
TEST_F(NsFile, OpenForWritingAsUid65534IsEpermNotEacces) {
  auto t = spawn(m, init);
  become_nobody(*t);
  EXPECT_EQ(sys_open(*t, "/proc/self/ns/net", O_RDWR).code(), E(EPERM));
  EXPECT_EQ(sys_open(*t, "/proc/self/ns/net", O_WRONLY).code(), E(EPERM));
  EXPECT_EQ(sys_open(*t, "/proc/self/ns/user", O_RDWR).code(), E(EPERM));
}

TEST_F(NsFile, Uid65534OpensItsOwnNsFileReadOnly) {  // probed
  auto t = spawn(m, init);
  become_nobody(*t);
  EXPECT_TRUE(sys_open(*t, "/proc/self/ns/net", O_RDONLY));
}

// §3 (nsenter as 65534: "cannot open /proc/1/ns/net: Permission denied");
// probed: readlink and stat are EACCES too, O_PATH as well, lstat works.
TEST_F(NsFile, AnotherUsersNsFileIsEaccesToUid65534) {
  auto t = spawn(m, init);
  become_nobody(*t);
  EXPECT_EQ(sys_open(*t, "/proc/1/ns/net", O_RDONLY).code(), E(EACCES));
  EXPECT_EQ(sys_open(*t, "/proc/1/ns/net", O_RDWR).code(), E(EACCES));
  EXPECT_EQ(sys_open(*t, "/proc/1/ns/net", O_PATH).code(), E(EACCES));
  EXPECT_EQ(sys_readlink(*t, "/proc/1/ns/net").code(), E(EACCES));
  EXPECT_EQ(sys_stat(*t, "/proc/1/ns/net").code(), E(EACCES));
  EXPECT_TRUE(sys_lstat(*t, "/proc/1/ns/net"));
}

TEST_F(NsFile, ODirectoryIsEnotdir) {  // probed
  EXPECT_EQ(sys_open(init, "/proc/self/ns/net", O_RDONLY | O_DIRECTORY).code(), E(ENOTDIR));
}

TEST_F(NsFile, ReadIsEinval) {
  const int net = open_ro(init, "/proc/self/ns/net");
  const int user = open_ro(init, "/proc/self/ns/user");
  EXPECT_EQ(sys_read(init, net, 16).code(), E(EINVAL));
  EXPECT_EQ(sys_read(init, net, 0).code(), E(EINVAL));    // probed
  EXPECT_EQ(sys_read(init, user, 16).code(), E(EINVAL));  // probed
}

TEST_F(NsFile, WriteOnAReadOnlyFdIsEbadf) {
  const int net = open_ro(init, "/proc/self/ns/net");
  const int user = open_ro(init, "/proc/self/ns/user");
  EXPECT_EQ(sys_write(init, net, "x").code(), E(EBADF));
  EXPECT_EQ(sys_write(init, user, "x").code(), E(EBADF));  // probed
}

TEST_F(NsFile, ReadOrWriteOnAnOPathFdIsEbadf) {  // probed
  auto fd = sys_open(init, "/proc/self/ns/net", O_PATH);
  ASSERT_TRUE(fd);
  EXPECT_EQ(sys_read(init, *fd, 16).code(), E(EBADF));
  EXPECT_EQ(sys_write(init, *fd, "x").code(), E(EBADF));
}

TEST_F(NsFile, LseekIsEspipeAndEbadfOnOPath) {  // probed
  const int net = open_ro(init, "/proc/self/ns/net");
  EXPECT_EQ(sys_lseek(init, net, 1, SEEK_SET).code(), E(ESPIPE));
  auto path = sys_open(init, "/proc/self/ns/net", O_PATH);
  ASSERT_TRUE(path);
  EXPECT_EQ(sys_lseek(init, *path, 1, SEEK_SET).code(), E(EBADF));
  EXPECT_EQ(sys_lseek(init, 99, 0, SEEK_SET).code(), E(EBADF));
}

// default_llseek on a generated procfs file (size 0) and a tmpfs file of
// five bytes, as probed on the kernel.
TEST_F(NsFile, LseekPositionsAsDefaultLlseek) {
  const int ctl = open_ro(init, "/proc/sys/net/core/somaxconn");
  EXPECT_EQ(*sys_lseek(init, ctl, 3, SEEK_SET), 3);
  EXPECT_EQ(*sys_lseek(init, ctl, 0, SEEK_END), 0);
  EXPECT_EQ(sys_lseek(init, ctl, -1, SEEK_SET).code(), E(EINVAL));
  EXPECT_EQ(sys_lseek(init, ctl, 0, 7).code(), E(EINVAL));
  auto f = sys_open(init, "/run/lseek", O_RDWR | O_CREAT, 0600);
  ASSERT_TRUE(f);
  ASSERT_TRUE(sys_write(init, *f, "hello"));
  EXPECT_EQ(*sys_lseek(init, *f, -2, SEEK_END), 3);
  EXPECT_EQ(*sys_lseek(init, *f, 1, SEEK_CUR), 4);
  EXPECT_EQ(sys_lseek(init, *f, -10, SEEK_END).code(), E(EINVAL));
  EXPECT_EQ(sys_lseek(init, *f, 5, SEEK_DATA).code(), E(ENXIO));
  EXPECT_EQ(*sys_lseek(init, *f, 1, SEEK_HOLE), 5);
  // A write after the seek lands there and the file grows past its end.
  ASSERT_TRUE(sys_lseek(init, *f, 7, SEEK_SET));
  ASSERT_TRUE(sys_write(init, *f, "!"));
  EXPECT_EQ(*sys_lseek(init, *f, 0, SEEK_END), 8);
}

// seq_lseek on the files the kernel shows through a seq_file: SEEK_SET and
// SEEK_CUR move, SEEK_END, SEEK_DATA and SEEK_HOLE are EINVAL (probed on
// /proc/net/dev, /proc/self/status, mountinfo and uid_map); cmdline is not
// one and seeks from a size of 0.
TEST_F(NsFile, LseekOnSeqFilesHasNoEnd) {
  for (const char* path : {"/proc/net/dev", "/proc/self/status", "/proc/self/mountinfo",
                           "/proc/self/uid_map", "/proc/self/comm", "/proc/self/cgroup"}) {
    SCOPED_TRACE(path);
    const int fd = open_ro(init, path);
    EXPECT_EQ(*sys_lseek(init, fd, 3, SEEK_SET), 3);
    EXPECT_EQ(*sys_lseek(init, fd, 1, SEEK_CUR), 4);
    EXPECT_EQ(sys_lseek(init, fd, 0, SEEK_END).code(), E(EINVAL));
    EXPECT_EQ(sys_lseek(init, fd, 0, SEEK_DATA).code(), E(EINVAL));
    EXPECT_EQ(sys_lseek(init, fd, 0, SEEK_HOLE).code(), E(EINVAL));
    EXPECT_EQ(sys_lseek(init, fd, -1, SEEK_SET).code(), E(EINVAL));
  }
  const int cmdline = open_ro(init, "/proc/self/cmdline");
  EXPECT_EQ(*sys_lseek(init, cmdline, 2, SEEK_END), 2);
}

// FIOCLEX and FIONCLEX: the VFS's, on any fd, before nsfs's own ioctl;
// O_CLOEXEC, pidfds and the fds NS_GET_USERNS returns start with the bit.
TEST_F(NsFile, FioclexAndFionclexSetTheFdsCloseOnExecBit) {
  const int net = open_ro(init, "/proc/self/ns/net");
  EXPECT_FALSE(init.fd_close_on_exec(net));
  EXPECT_EQ(*sys_ioctl(init, net, FIOCLEX, nullptr), 0);
  EXPECT_TRUE(init.fd_close_on_exec(net));
  EXPECT_EQ(*sys_ioctl(init, net, FIONCLEX, nullptr), 0);
  EXPECT_FALSE(init.fd_close_on_exec(net));
  auto ce = sys_open(init, "/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
  ASSERT_TRUE(ce);
  EXPECT_TRUE(init.fd_close_on_exec(*ce));
  auto owner = sys_ioctl(init, net, NS_GET_USERNS, nullptr);
  ASSERT_TRUE(owner);
  EXPECT_TRUE(init.fd_close_on_exec(static_cast<int>(*owner)));
  EXPECT_EQ(sys_ioctl(init, 99, FIOCLEX, nullptr).code(), E(EBADF));
  // The other VFS requests read or write their argument first.
  int v = 1;
  EXPECT_EQ(sys_ioctl(init, net, FIONBIO, nullptr).code(), E(EFAULT));
  EXPECT_EQ(*sys_ioctl(init, net, FIONBIO, &v), 0);
  EXPECT_EQ(sys_ioctl(init, net, FIOASYNC, &v).code(), E(ENOTTY));  // nsfs has no fasync
  std::int64_t size = -1;
  EXPECT_EQ(*sys_ioctl(init, net, FIOQSIZE, &size), 0);
  EXPECT_EQ(size, 0);
}

TEST_F(NsFile, OPathFstatGivesTheNamespaceInode) {
  auto fd = sys_open(init, "/proc/self/ns/net", O_PATH);
  ASSERT_TRUE(fd);
  auto st = sys_fstat(init, *fd);
  ASSERT_TRUE(st);
  EXPECT_EQ(st->ino, kInitNetIno);
  EXPECT_EQ(st->dev, fs::nsfs_dev);
  EXPECT_EQ(st->mode, unsigned(S_IFREG | 0444));
}

// probed: O_PATH|O_NOFOLLOW opens the procfs link itself, which is no
// namespace file: setns and the ioctls see an O_PATH fd (EBADF).
TEST_F(NsFile, OPathNofollowOpensTheLinkItself) {
  auto fd = sys_open(init, "/proc/self/ns/net", O_PATH | O_NOFOLLOW);
  ASSERT_TRUE(fd);
  auto st = sys_fstat(init, *fd);
  ASSERT_TRUE(st);
  EXPECT_EQ(st->mode, unsigned(S_IFLNK | 0777));
  EXPECT_EQ(st->dev, fs::procfs_dev);
  EXPECT_EQ(sys_setns(init, *fd, CLONE_NEWNET).code(), E(EBADF));
  EXPECT_EQ(sys_ioctl(init, *fd, NS_GET_NSTYPE, nullptr).code(), E(EBADF));
}

TEST_F(NsFile, FstatOfAReadOnlyFdIsTheNamespaceInode) {
  const int fd = open_ro(init, "/proc/self/ns/net");
  auto st = sys_fstat(init, fd);
  ASSERT_TRUE(st);
  EXPECT_EQ(st->ino, kInitNetIno);
  EXPECT_EQ(st->dev, fs::nsfs_dev);
  EXPECT_EQ(st->mode, unsigned(S_IFREG | 0444));
}

TEST_F(NsFile, TwoOpensShowTheSameInode) {
  const int a = open_ro(init, "/proc/self/ns/net");
  const int b = open_ro(init, "/proc/self/ns/net");
  auto sa = sys_fstat(init, a), sb = sys_fstat(init, b);
  ASSERT_TRUE(sa);
  ASSERT_TRUE(sb);
  EXPECT_EQ(sa->ino, sb->ino);
  EXPECT_EQ(sa->dev, sb->dev);
  // user namespace files too
  EXPECT_EQ(fd_ino(init, open_ro(init, "/proc/self/ns/user")),
            fd_ino(init, open_ro(init, "/proc/self/ns/user")));
}

TEST_F(NsFile, StatFollowsTheLinkToAnNsfsRegularFile) {
  for (auto [path, ino] : {std::pair<const char*, std::uint64_t>{"/proc/self/ns/net", kInitNetIno},
                           {"/proc/self/ns/user", kInitUserIno}}) {
    auto st = sys_stat(init, path);
    ASSERT_TRUE(st) << path;
    EXPECT_EQ(st->mode, unsigned(S_IFREG | 0444)) << path;
    EXPECT_EQ(st->ino, ino) << path;
    EXPECT_EQ(st->dev, fs::nsfs_dev) << path;
    EXPECT_EQ(st->nlink, 1u) << path;
    EXPECT_EQ(st->uid, global_root_uid) << path;
    EXPECT_EQ(st->gid, global_root_gid) << path;
    EXPECT_EQ(st->size, 0u) << path;
    EXPECT_EQ(st->blksize, 4096u) << path;
  }
}

TEST_F(NsFile, LstatShowsAProcfsSymlink) {
  for (const char* path : {"/proc/self/ns/net", "/proc/self/ns/user"}) {
    auto st = sys_lstat(init, path);
    ASSERT_TRUE(st) << path;
    EXPECT_EQ(st->mode, unsigned(S_IFLNK | 0777)) << path;
    EXPECT_EQ(st->dev, fs::procfs_dev) << path;
    EXPECT_NE(st->ino, kInitNetIno) << path;
    EXPECT_NE(st->ino, kInitUserIno) << path;
    EXPECT_EQ(st->nlink, 1u) << path;
    EXPECT_EQ(st->uid, global_root_uid) << path;
    EXPECT_EQ(st->size, 0u) << path;
  }
}

TEST_F(NsFile, ReadlinkGivesTypeAndInodeNumber) {
  EXPECT_EQ(link(init, "/proc/self/ns/user"), "user:[4026531837]");
  EXPECT_EQ(link(init, "/proc/thread-self/ns/net"), "net:[4026531833]");
  EXPECT_EQ(link(init, "/proc/thread-self/ns/user"), "user:[4026531837]");  // probed
  ASSERT_TRUE(sys_unshare(init, CLONE_NEWNET));
  const int fd = open_ro(init, "/proc/self/ns/net");
  EXPECT_EQ(link(init, "/proc/self/ns/net"), "net:[" + std::to_string(fd_ino(init, fd)) + "]");
}

// =========================================================================================
// nsfs ioctls (§2)
// =========================================================================================

using NsIoctl = ErrnoTest;

TEST_F(NsIoctl, NstypeOfANetIsClonenewnet) {
  const int net0 = open_ro(init, "/proc/self/ns/net");
  const int net1 = make_net(init);
  EXPECT_EQ(ioctl0(init, net0, NS_GET_NSTYPE), long{CLONE_NEWNET});
  EXPECT_EQ(ioctl0(init, net1, NS_GET_NSTYPE), 0x40000000L);
}

TEST_F(NsIoctl, NstypeOfAUsernsIsClonenewuser) {
  const int user0 = open_ro(init, "/proc/self/ns/user");
  auto r = sys_ioctl(init, user0, NS_GET_NSTYPE, nullptr);
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, 0x10000000L);
}

TEST_F(NsIoctl, GetUsernsOfTheInitNetIsTheInitUserns) {
  const int net0 = open_ro(init, "/proc/self/ns/net");
  auto r = sys_ioctl(init, net0, NS_GET_USERNS, nullptr);
  ASSERT_TRUE(r);
  EXPECT_GE(*r, 0);
  EXPECT_EQ(fd_ino(init, static_cast<int>(*r)), kInitUserIno);
}

TEST_F(NsIoctl, GetUsernsOfANetMadeByRootIsTheInitUserns) {
  const int net1 = make_net(init);
  auto r = sys_ioctl(init, net1, NS_GET_USERNS, nullptr);
  ASSERT_TRUE(r);
  EXPECT_EQ(fd_ino(init, static_cast<int>(*r)), kInitUserIno);
}

TEST_F(NsIoctl, GetUsernsOfTheInitUsernsIsEperm) {
  const int user0 = open_ro(init, "/proc/self/ns/user");
  EXPECT_EQ(sys_ioctl(init, user0, NS_GET_USERNS, nullptr).code(), E(EPERM));
}

TEST_F(NsIoctl, GetUsernsOfTheInitNetFromAChildUsernsIsEperm) {
  const int net0 = open_ro(init, "/proc/self/ns/net");
  const int net1 = make_net(init);
  auto t = spawn(m, init);
  enter_new_userns(*t);
  EXPECT_EQ(sys_ioctl(*t, net0, NS_GET_USERNS, nullptr).code(), E(EPERM));
  EXPECT_EQ(sys_ioctl(*t, net1, NS_GET_USERNS, nullptr).code(), E(EPERM));
}

TEST_F(NsIoctl, GetUsernsOfANetMadeInTheChildUsernsIsTheChild) {
  auto t = spawn(m, init);
  enter_new_userns(*t);
  ASSERT_TRUE(sys_unshare(*t, CLONE_NEWNET));
  const int n2 = open_ro(*t, "/proc/self/ns/net");
  auto r = sys_ioctl(*t, n2, NS_GET_USERNS, nullptr);
  ASSERT_TRUE(r);
  EXPECT_EQ(fd_ino(*t, static_cast<int>(*r)), cur_user(*t));
  EXPECT_NE(cur_user(*t), kInitUserIno);
}

TEST_F(NsIoctl, GetUsernsFromAGrandchildOfANetOwnedByTheChildIsEperm) {
  auto t = spawn(m, init);
  enter_new_userns(*t);
  ASSERT_TRUE(sys_unshare(*t, CLONE_NEWNET));
  const int n2 = open_ro(*t, "/proc/self/ns/net");
  ASSERT_TRUE(sys_unshare(*t, CLONE_NEWUSER));  // grandchild, uid unmapped
  EXPECT_EQ(sys_ioctl(*t, n2, NS_GET_USERNS, nullptr).code(), E(EPERM));
}

// uid 1000 -> userns (map "0 1000 1") -> userns|netns: the level-2 objects,
// seen from the init userns.
struct level2 {
  std::shared_ptr<task> t;
  std::uint64_t user1 = 0, user2 = 0;
};
level2 make_level2(machine& m) {
  level2 l;
  l.t = spawn(m, m.init_task());
  become_uid1000(*l.t);
  enter_new_userns(*l.t, 1000);
  l.user1 = cur_user(*l.t);
  EXPECT_TRUE(sys_unshare(*l.t, CLONE_NEWUSER | CLONE_NEWNET));
  l.user2 = cur_user(*l.t);
  return l;
}

TEST_F(NsIoctl, GetUsernsOfALevel2NetFromInitIsTheLevel2Userns) {
  level2 l = make_level2(m);
  const std::string proc = "/proc/" + std::to_string(l.t->pid());
  const int n2 = open_ro(init, proc + "/ns/net");
  auto r = sys_ioctl(init, n2, NS_GET_USERNS, nullptr);
  ASSERT_TRUE(r);
  EXPECT_EQ(fd_ino(init, static_cast<int>(*r)), l.user2);
  EXPECT_EQ(sys_ioctl(init, n2, NS_GET_PARENT, nullptr).code(), E(EINVAL));
}

TEST_F(NsIoctl, GetUsernsAsUid65534Works) {
  const int net0 = open_ro(init, "/proc/self/ns/net");
  const int net1 = make_net(init);
  auto t = spawn(m, init);
  become_nobody(*t);
  auto r = sys_ioctl(*t, net0, NS_GET_USERNS, nullptr);
  ASSERT_TRUE(r);
  EXPECT_EQ(fd_ino(*t, static_cast<int>(*r)), kInitUserIno);
  auto r1 = sys_ioctl(*t, net1, NS_GET_USERNS, nullptr);
  ASSERT_TRUE(r1);
  EXPECT_EQ(fd_ino(*t, static_cast<int>(*r1)), kInitUserIno);
  EXPECT_EQ(ioctl0(*t, net0, NS_GET_NSTYPE), long{CLONE_NEWNET});
}

TEST_F(NsIoctl, GetParentOfANetIsEinval) {
  const int net0 = open_ro(init, "/proc/self/ns/net");
  const int net1 = make_net(init);
  EXPECT_EQ(sys_ioctl(init, net0, NS_GET_PARENT, nullptr).code(), E(EINVAL));
  EXPECT_EQ(sys_ioctl(init, net1, NS_GET_PARENT, nullptr).code(), E(EINVAL));
}

TEST_F(NsIoctl, GetParentOfTheInitUsernsIsEperm) {
  const int user0 = open_ro(init, "/proc/self/ns/user");
  EXPECT_EQ(sys_ioctl(init, user0, NS_GET_PARENT, nullptr).code(), E(EPERM));
}

TEST_F(NsIoctl, GetParentOfAChildUsernsFromInsideIsEperm) {
  const int user0 = open_ro(init, "/proc/self/ns/user");
  auto t = spawn(m, init);
  enter_new_userns(*t);
  const int u1 = open_ro(*t, "/proc/self/ns/user");
  EXPECT_EQ(sys_ioctl(*t, u1, NS_GET_PARENT, nullptr).code(), E(EPERM));
  EXPECT_EQ(sys_ioctl(*t, user0, NS_GET_PARENT, nullptr).code(), E(EPERM));
}

TEST_F(NsIoctl, GetParentFromInitWalksUpTheLevels) {
  level2 l = make_level2(m);
  const std::string proc = "/proc/" + std::to_string(l.t->pid());
  const int u2 = open_ro(init, proc + "/ns/user");
  ASSERT_EQ(fd_ino(init, u2), l.user2);
  auto p1 = sys_ioctl(init, u2, NS_GET_PARENT, nullptr);
  ASSERT_TRUE(p1);
  EXPECT_EQ(fd_ino(init, static_cast<int>(*p1)), l.user1);
  auto p0 = sys_ioctl(init, static_cast<int>(*p1), NS_GET_PARENT, nullptr);
  ASSERT_TRUE(p0);
  EXPECT_EQ(fd_ino(init, static_cast<int>(*p0)), kInitUserIno);
}

TEST_F(NsIoctl, GetOwnerUidOfANetIsEinval) {
  const int net0 = open_ro(init, "/proc/self/ns/net");
  std::uint32_t uid = 0xdeadbeef;
  EXPECT_EQ(sys_ioctl(init, net0, NS_GET_OWNER_UID, &uid).code(), E(EINVAL));
}

TEST_F(NsIoctl, GetOwnerUidOfTheInitUsernsIsZero) {
  const int user0 = open_ro(init, "/proc/self/ns/user");
  std::uint32_t uid = 0xdeadbeef;
  auto r = sys_ioctl(init, user0, NS_GET_OWNER_UID, &uid);
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, 0);
  EXPECT_EQ(uid, 0u);
}

TEST_F(NsIoctl, GetOwnerUidOfUid1000sUsernsesIs1000FromInit) {
  level2 l = make_level2(m);
  const std::string proc = "/proc/" + std::to_string(l.t->pid());
  const int u2 = open_ro(init, proc + "/ns/user");
  std::uint32_t uid = 0xdeadbeef;
  ASSERT_TRUE(sys_ioctl(init, u2, NS_GET_OWNER_UID, &uid));
  EXPECT_EQ(uid, 1000u);
  auto p1 = sys_ioctl(init, u2, NS_GET_PARENT, nullptr);
  ASSERT_TRUE(p1);
  uid = 0xdeadbeef;
  ASSERT_TRUE(sys_ioctl(init, static_cast<int>(*p1), NS_GET_OWNER_UID, &uid));
  EXPECT_EQ(uid, 1000u);
}

TEST_F(NsIoctl, GetOwnerUidFromAGrandchildWithItsUidUnmappedIsOverflowuid) {
  auto t = spawn(m, init);
  enter_new_userns(*t);
  const int u1 = open_ro(*t, "/proc/self/ns/user");
  ASSERT_TRUE(sys_unshare(*t, CLONE_NEWUSER));  // no uid_map written
  const int u2 = open_ro(*t, "/proc/self/ns/user");
  std::uint32_t uid = 0xdeadbeef;
  ASSERT_TRUE(sys_ioctl(*t, u2, NS_GET_OWNER_UID, &uid));
  EXPECT_EQ(uid, 65534u);
  uid = 0xdeadbeef;
  ASSERT_TRUE(sys_ioctl(*t, u1, NS_GET_OWNER_UID, &uid));
  EXPECT_EQ(uid, 65534u);
}

// probed: from a child userns mapped "0 0 1", the init userns's owner and
// the child's own are both uid 0.
TEST_F(NsIoctl, GetOwnerUidFromAChildMappedZeroToZeroIsZero) {
  const int user0 = open_ro(init, "/proc/self/ns/user");
  auto t = spawn(m, init);
  enter_new_userns(*t);
  const int u1 = open_ro(*t, "/proc/self/ns/user");
  std::uint32_t uid = 7;
  ASSERT_TRUE(sys_ioctl(*t, user0, NS_GET_OWNER_UID, &uid));
  EXPECT_EQ(uid, 0u);
  uid = 7;
  ASSERT_TRUE(sys_ioctl(*t, u1, NS_GET_OWNER_UID, &uid));
  EXPECT_EQ(uid, 0u);
}

TEST_F(NsIoctl, GetIdOfTheInitNamespaces) {
  std::uint64_t v = 0xdeadbeef;
  auto r = sys_ioctl(init, open_ro(init, "/proc/self/ns/net"), kNsGetId, &v);
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, 0);
  EXPECT_EQ(v, 3u);
  EXPECT_EQ(ns_id(init, open_ro(init, "/proc/self/ns/user")), 4099u);
}

TEST_F(NsIoctl, GetIdOfNewNamespacesIsOneIncreasingCounterNeverReused) {
  auto t = spawn(m, init);  // before the fds below, so that it holds none of them
  const int a = make_net(init);
  const int b = make_net(init);
  const int c = make_net(init);
  const std::uint64_t ia = ns_id(init, a), ib = ns_id(init, b), ic = ns_id(init, c);
  EXPECT_GT(ia, 4099u);
  EXPECT_LT(ia, ib);
  EXPECT_LT(ib, ic);
  // A child user namespace and its net continue the same counter.
  ASSERT_TRUE(sys_unshare(*t, CLONE_NEWUSER | CLONE_NEWNET));
  const std::uint64_t iu = ns_id(*t, open_ro(*t, "/proc/self/ns/user"));
  const std::uint64_t in = ns_id(*t, open_ro(*t, "/proc/self/ns/net"));
  EXPECT_LT(ic, iu);
  EXPECT_LT(iu, in);
  // Freed ids are not handed out again (inode numbers are; ids are not).
  const std::uint64_t ino_c = fd_ino(init, c);
  ASSERT_TRUE(sys_close(init, c));
  m.k().settle();
  const int d = make_net(init);
  EXPECT_GT(ns_id(init, d), in);
  EXPECT_EQ(fd_ino(init, d), ino_c);  // §1: lowest free inode number first
}

TEST_F(NsIoctl, GetIdAsUid65534GivesTheSameValue) {
  const int net1 = make_net(init);
  const std::uint64_t id = ns_id(init, net1);
  auto t = spawn(m, init);
  become_nobody(*t);
  EXPECT_EQ(ns_id(*t, net1), id);
}

TEST_F(NsIoctl, GetMntnsIdOfANetIsEinval) {
  const int net0 = open_ro(init, "/proc/self/ns/net");
  std::uint64_t v = 0;
  EXPECT_EQ(sys_ioctl(init, net0, kNsGetMntnsId, &v).code(), E(EINVAL));
}

TEST_F(NsIoctl, UnknownNsfsNumbersAreEnotty) {
  const int net1 = make_net(init);
  std::uint64_t v = 0;
  EXPECT_EQ(sys_ioctl(init, net1, _IO(0xb7, 0), nullptr).code(), E(ENOTTY));
  for (unsigned nr = 5; nr <= 16; ++nr)
    EXPECT_EQ(sys_ioctl(init, net1, _IO(0xb7, nr), nullptr).code(), E(ENOTTY)) << "_IO " << nr;
  for (unsigned nr = 0; nr <= 16; ++nr) {
    if (nr == 5 || nr == 13) continue;
    EXPECT_EQ(sys_ioctl(init, net1, _IOR(0xb7, nr, std::uint64_t), &v).code(), E(ENOTTY))
        << "_IOR " << nr;
  }
}

TEST_F(NsIoctl, IorFormsOfTheFirstFourAreEnotty) {
  const int net0 = open_ro(init, "/proc/self/ns/net");
  const int user0 = open_ro(init, "/proc/self/ns/user");
  std::uint64_t v = 0;
  for (unsigned nr = 1; nr <= 4; ++nr) {
    EXPECT_EQ(sys_ioctl(init, net0, _IOR(0xb7, nr, std::uint64_t), &v).code(), E(ENOTTY)) << nr;
    EXPECT_EQ(sys_ioctl(init, user0, _IOR(0xb7, nr, std::uint64_t), &v).code(), E(ENOTTY)) << nr;
  }
}

TEST_F(NsIoctl, FionreadWithANullArgIsEfault) {
  const int net1 = make_net(init);
  EXPECT_EQ(sys_ioctl(init, net1, FIONREAD, nullptr).code(), E(EFAULT));
  const int user0 = open_ro(init, "/proc/self/ns/user");
  EXPECT_EQ(sys_ioctl(init, user0, FIONREAD, nullptr).code(), E(EFAULT));  // probed
}

TEST_F(NsIoctl, FionreadWithAnArgGivesZero) {  // probed
  const int net0 = open_ro(init, "/proc/self/ns/net");
  int n = 7;
  auto r = sys_ioctl(init, net0, FIONREAD, &n);
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, 0);
  EXPECT_EQ(n, 0);
}

TEST_F(NsIoctl, TcgetsOnANetFdIsEnotty) {
  const int net1 = make_net(init);
  EXPECT_EQ(sys_ioctl(init, net1, 0x5401, nullptr).code(), E(ENOTTY));
}

// probed: the two ioctls that write through their argument check it.
TEST_F(NsIoctl, GetIdAndGetOwnerUidWithANullArgAreEfault) {
  const int net0 = open_ro(init, "/proc/self/ns/net");
  const int user0 = open_ro(init, "/proc/self/ns/user");
  EXPECT_EQ(sys_ioctl(init, net0, kNsGetId, nullptr).code(), E(EFAULT));
  EXPECT_EQ(sys_ioctl(init, user0, NS_GET_OWNER_UID, nullptr).code(), E(EFAULT));
}

TEST_F(NsIoctl, NsfsIoctlsOnARegularFileAreEnotty) {
  auto fd = sys_open(init, "/run/regular", O_RDWR | O_CREAT | O_EXCL, 0644);
  ASSERT_TRUE(fd);
  std::uint64_t v = 0;
  EXPECT_EQ(sys_ioctl(init, *fd, NS_GET_NSTYPE, nullptr).code(), E(ENOTTY));
  EXPECT_EQ(sys_ioctl(init, *fd, NS_GET_USERNS, nullptr).code(), E(ENOTTY));
  EXPECT_EQ(sys_ioctl(init, *fd, kNsGetId, &v).code(), E(ENOTTY));
}

TEST_F(NsIoctl, NstypeOnADirectoryFdIsEnotty) {
  auto fd = sys_open(init, "/proc/self/ns", O_RDONLY | O_DIRECTORY);
  ASSERT_TRUE(fd);
  EXPECT_EQ(sys_ioctl(init, *fd, NS_GET_NSTYPE, nullptr).code(), E(ENOTTY));
}

TEST_F(NsIoctl, NstypeOnAnOPathFdIsEbadf) {
  auto fd = sys_open(init, "/proc/self/ns/net", O_PATH);
  ASSERT_TRUE(fd);
  std::uint64_t v = 0;
  int n = 0;
  EXPECT_EQ(sys_ioctl(init, *fd, NS_GET_NSTYPE, nullptr).code(), E(EBADF));
  EXPECT_EQ(sys_ioctl(init, *fd, kNsGetId, &v).code(), E(EBADF));  // probed
  EXPECT_EQ(sys_ioctl(init, *fd, FIONREAD, &n).code(), E(EBADF));  // probed
}

TEST_F(NsIoctl, NstypeOnFdMinusOneIsEbadf) {
  EXPECT_EQ(sys_ioctl(init, -1, NS_GET_NSTYPE, nullptr).code(), E(EBADF));
}

// =========================================================================================
// bind mounts of ns files (§1, probed). The VFS's own mount errnos are in
// tests/fs/vfs_test.cpp; these are the ones a task meets with ns files and
// user namespaces.
// =========================================================================================

using NsMount = ErrnoTest;

// may_mount wants CAP_SYS_ADMIN over the mount namespace's owner (the init
// userns): full capabilities in a child userns are not enough. The target is
// still looked up first (ENOENT).
TEST_F(NsMount, FromAChildUsernsMountAndUmountAreEperm) {
  auto made = sys_open(init, "/run/netns/a", O_RDONLY | O_CREAT | O_EXCL, 0);
  ASSERT_TRUE(made);
  auto other = sys_open(init, "/run/netns/b", O_RDONLY | O_CREAT | O_EXCL, 0);
  ASSERT_TRUE(other);
  ASSERT_TRUE(sys_mount_bind(init, "/proc/self/ns/net", "/run/netns/b"));
  auto t = spawn(m, init);
  enter_new_userns(*t);
  EXPECT_EQ(sys_mount_bind(*t, "/proc/self/ns/net", "/run/netns/a").code(), E(EPERM));
  EXPECT_EQ(sys_umount_detach(*t, "/run/netns/b").code(), E(EPERM));
  EXPECT_EQ(sys_umount_detach(*t, "/run/netns/a").code(), E(EPERM));
  EXPECT_EQ(sys_mount_bind(*t, "/proc/self/ns/net", "/run/netns/missing").code(), E(ENOENT));
  EXPECT_EQ(m.vfs().mount_count(), 2u);  // /run's tmpfs and /run/netns/b
}

// `ip netns add` as uid 65534 cannot pin its namespace.
TEST_F(NsMount, AfterSetresuidTo65534MountIsEperm) {
  auto made = sys_open(init, "/run/netns/a", O_RDONLY | O_CREAT | O_EXCL, 0);
  ASSERT_TRUE(made);
  auto t = spawn(m, init);
  become_nobody(*t);
  EXPECT_EQ(sys_mount_bind(*t, "/proc/self/ns/net", "/run/netns/a").code(), E(EPERM));
  EXPECT_EQ(m.vfs().mount_count(), 1u);  // /run's tmpfs alone
}

TEST_F(NsMount, AnNsFileOntoADirectoryIsEnotdir) {
  ASSERT_TRUE(sys_mkdir(init, "/run/d", 0755));
  EXPECT_EQ(sys_mount_bind(init, "/proc/self/ns/net", "/run/d").code(), E(ENOTDIR));
  EXPECT_EQ(m.vfs().mount_count(), 1u);  // /run's tmpfs alone
}

TEST_F(NsMount, UmountOfAnNsFileThatIsNoMountPointIsEinval) {
  EXPECT_EQ(sys_umount_detach(init, "/proc/self/ns/net").code(), E(EINVAL));
  auto made = sys_open(init, "/run/netns/a", O_RDONLY | O_CREAT | O_EXCL, 0);
  ASSERT_TRUE(made);
  EXPECT_EQ(sys_umount_detach(init, "/run/netns/a").code(), E(EINVAL));
}

// =========================================================================================
// execve of a program without file capabilities (what the model's `ip` goes through)
// =========================================================================================

using Exec = ErrnoTest;

// cap_bprm_creds_from_file: root of the task's user namespace gets the
// bounding set; anyone else only the ambient set (probed with ip:
// conformance/99_ip_exec_capabilities.nss).
TEST_F(Exec, RootOfTheUserNamespaceKeepsCapabilitiesAndOthersLoseThem) {
  auto root = spawn(m, init);
  exec_program_creds(*root);
  EXPECT_EQ(root->creds().cap_effective, cap_full_set);
  EXPECT_EQ(root->creds().cap_permitted, cap_full_set);

  // A fresh user namespace without a uid map: the creator has every
  // capability in it, but its uid is not root there, so exec drops them.
  auto unmapped = spawn(m, init);
  ASSERT_TRUE(sys_unshare(*unmapped, CLONE_NEWUSER));
  EXPECT_EQ(unmapped->creds().cap_effective, cap_full_set);
  exec_program_creds(*unmapped);
  EXPECT_TRUE(unmapped->creds().cap_effective.empty());
  EXPECT_TRUE(unmapped->creds().cap_permitted.empty());
  EXPECT_EQ(sys_unshare(*unmapped, CLONE_NEWNET).code(), E(EPERM));

  // Mapped "0 0 1": root there keeps them through exec.
  auto mapped = spawn(m, init);
  enter_new_userns(*mapped, 0);
  exec_program_creds(*mapped);
  EXPECT_EQ(mapped->creds().cap_effective, cap_full_set);
  EXPECT_TRUE(sys_unshare(*mapped, CLONE_NEWNET));

  // Mapped "0 1000 1" while the task's uid is 0: its uid is not root there.
  auto elsewhere = spawn(m, init);
  enter_new_userns(*elsewhere, 1000);
  exec_program_creds(*elsewhere);
  EXPECT_TRUE(elsewhere->creds().cap_effective.empty());

  // An unprivileged uid has nothing to lose; exec makes it dumpable again.
  auto user = spawn(m, init);
  become_uid1000(*user);
  EXPECT_FALSE(user->dumpable());
  exec_program_creds(*user);
  EXPECT_TRUE(user->creds().cap_effective.empty());
  EXPECT_TRUE(user->dumpable());
}

}  // namespace
}  // namespace netns
