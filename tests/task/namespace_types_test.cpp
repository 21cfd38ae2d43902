// SPDX-License-Identifier: GPL-2.0-only
// Every namespace type behind /proc/PID/ns (uts, ipc, mnt, pid, cgroup,
// time, with net and user): their files, unshare and setns with each
// CLONE_NEW* flag and the kernel's permission rules, pidfds, pid numbers
// per pid namespace, and that a failed unshare leaves the task as it was.
// Facts are the reference kernel's (Linux 6.18), probed.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <linux/nsfs.h>
#include <sched.h>
#include <sys/ioctl.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "netns/core/fault_points.hpp"
#include "netns/core/kernel.hpp"
#include "netns/core/pid_namespace.hpp"
#include "netns/core/time_namespace.hpp"
#include "netns/core/uts_namespace.hpp"
#include "netns/machine/machine.hpp"
#include "netns/task/pidfd.hpp"
#include "netns/task/syscalls.hpp"
#include "support/task_util.hpp"

namespace netns {
namespace {

using test::link;

constexpr unsigned long NEWTIME = CLONE_NEWTIME_;
constexpr unsigned long OTHER_TYPES =
    CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWPID | CLONE_NEWCGROUP | NEWTIME;
constexpr unsigned long NS_GET_PID_FROM_PIDNS_ = 0x8004b706UL;
constexpr unsigned long NS_GET_PID_IN_PIDNS_ = 0x8004b708UL;

const char* const all_entries[] = {"cgroup", "ipc",  "mnt",  "net",  "pid", "pid_for_children",
                                   "time",   "time_for_children", "user", "uts"};

std::vector<std::string> links_of(task& t) {
  std::vector<std::string> out;
  for (const char* e : all_entries) out.push_back(link(t, std::string("/proc/self/ns/") + e));
  return out;
}

TEST(NamespaceTypes, ProcNsListsTenEntriesWithTheInitialNumbers) {
  machine m;
  task& init = m.init_task();
  auto names = sys_readdir(init, "/proc/self/ns");
  ASSERT_TRUE(names);
  EXPECT_EQ(*names, (std::vector<std::string>{"net", "uts", "ipc", "pid", "pid_for_children",
                                              "user", "mnt", "cgroup", "time",
                                              "time_for_children"}));
  EXPECT_EQ(link(init, "/proc/self/ns/mnt"), "mnt:[4026531832]");
  EXPECT_EQ(link(init, "/proc/self/ns/net"), "net:[4026531833]");
  EXPECT_EQ(link(init, "/proc/self/ns/time"), "time:[4026531834]");
  EXPECT_EQ(link(init, "/proc/self/ns/time_for_children"), "time:[4026531834]");
  EXPECT_EQ(link(init, "/proc/self/ns/cgroup"), "cgroup:[4026531835]");
  EXPECT_EQ(link(init, "/proc/self/ns/pid"), "pid:[4026531836]");
  EXPECT_EQ(link(init, "/proc/self/ns/pid_for_children"), "pid:[4026531836]");
  EXPECT_EQ(link(init, "/proc/self/ns/user"), "user:[4026531837]");
  EXPECT_EQ(link(init, "/proc/self/ns/uts"), "uts:[4026531838]");
  EXPECT_EQ(link(init, "/proc/self/ns/ipc"), "ipc:[4026531839]");
}

TEST(NamespaceTypes, NsGetIdOfTheInitialNamespaces) {
  machine m;
  task& init = m.init_task();
  const std::pair<const char*, std::uint64_t> ids[] = {
      {"uts", 1}, {"time", 2}, {"net", 3}, {"mnt", 4}, {"cgroup", 5}, {"pid", 6}, {"ipc", 4098},
      {"user", 4099}};
  for (auto [name, id] : ids) {
    int fd = *sys_open(init, std::string("/proc/self/ns/") + name, O_RDONLY);
    std::uint64_t got = 0;
    ASSERT_TRUE(sys_ioctl(init, fd, 0x8008b70dUL, &got)) << name;
    EXPECT_EQ(got, id) << name;
    ASSERT_TRUE(sys_close(init, fd));
  }
}

TEST(NamespaceTypes, UnshareEachTypeChangesOnlyItsLinks) {
  machine m;
  auto t = test::spawn(m, m.init_task());
  const std::pair<unsigned long, std::vector<const char*>> cases[] = {
      {CLONE_NEWUTS, {"uts"}},        {CLONE_NEWIPC, {"ipc"}},
      {CLONE_NEWNS, {"mnt"}},         {CLONE_NEWCGROUP, {"cgroup"}},
      {CLONE_NEWNET, {"net"}},        {NEWTIME, {"time_for_children"}},
      {CLONE_NEWUSER, {"user"}},
  };
  for (const auto& [flag, changed] : cases) {
    std::vector<std::string> before = links_of(*t);
    ASSERT_TRUE(sys_unshare(*t, flag)) << flag;
    std::vector<std::string> after = links_of(*t);
    for (std::size_t i = 0; i < std::size(all_entries); ++i) {
      bool expect_change = false;
      for (const char* c : changed) expect_change |= std::string(c) == all_entries[i];
      EXPECT_EQ(before[i] != after[i], expect_change) << flag << " " << all_entries[i];
    }
  }
}

TEST(NamespaceTypes, UnprivilegedUnshareOfEachTypeIsEperm) {
  machine m;
  auto t = test::spawn(m, m.init_task());
  test::become_nobody(*t);
  for (unsigned long flag : std::initializer_list<unsigned long>{CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWNS, CLONE_NEWPID,
                             CLONE_NEWCGROUP, NEWTIME, CLONE_NEWNET})
    EXPECT_EQ(sys_unshare(*t, flag).error().errnum(), EPERM) << flag;
  // With a new user namespace the task owns them all.
  ASSERT_TRUE(sys_unshare(*t, CLONE_NEWUSER | OTHER_TYPES | CLONE_NEWNET));
  const std::string user = link(*t, "/proc/self/ns/user");
  for (const char* e : {"uts", "ipc", "mnt", "cgroup", "net", "time_for_children"}) {
    int fd = *sys_open(*t, std::string("/proc/self/ns/") + e, O_RDONLY);
    auto owner = sys_ioctl(*t, fd, NS_GET_USERNS, nullptr);
    ASSERT_TRUE(owner) << e;
    EXPECT_EQ(link(*t, "/proc/self/fd/" + std::to_string(*owner)), user) << e;
  }
}

TEST(NamespaceTypes, LimitZeroIsEnospcAndLeavesEverythingAsItWas) {
  const std::pair<unsigned long, ucount_type> cases[] = {
      {CLONE_NEWUTS, ucount_type::uts_namespaces},   {CLONE_NEWIPC, ucount_type::ipc_namespaces},
      {CLONE_NEWNS, ucount_type::mnt_namespaces},    {CLONE_NEWPID, ucount_type::pid_namespaces},
      {CLONE_NEWCGROUP, ucount_type::cgroup_namespaces},
      {NEWTIME, ucount_type::time_namespaces},
  };
  for (const auto& [flag, type] : cases) {
    machine m;
    auto t = test::spawn(m, m.init_task());
    ASSERT_TRUE(m.k().init_user_ns().set_ucount_max(type, 0));
    std::vector<std::string> before = links_of(*t);
    // uts, ipc and the rest are made in order; the one over its limit fails
    // the whole call after the ones before it were made and dropped.
    EXPECT_EQ(sys_unshare(*t, OTHER_TYPES | CLONE_NEWNET).error().errnum(), ENOSPC) << flag;
    EXPECT_EQ(links_of(*t), before) << flag;
    EXPECT_EQ(sys_unshare(*t, flag).error().errnum(), ENOSPC) << flag;
    EXPECT_EQ(ucount_read(m.k().init_user_ns(), global_root_uid, type), 0) << flag;
  }
}

TEST(NamespaceTypes, PidForChildrenAndTheFirstChildIsPidOne) {
  machine m;
  auto t = test::spawn(m, m.init_task());
  const std::string pid_before = link(*t, "/proc/self/ns/pid");
  ASSERT_TRUE(sys_unshare(*t, CLONE_NEWPID));
  EXPECT_EQ(link(*t, "/proc/self/ns/pid"), pid_before);
  // No init yet: the link is not there.
  EXPECT_EQ(link(*t, "/proc/self/ns/pid_for_children"), "error ENOENT");
  // A second unshare before a fork: the children's namespace is not the task's.
  EXPECT_EQ(sys_unshare(*t, CLONE_NEWPID).error().errnum(), EINVAL);
  auto init1 = test::spawn(m, *t);
  auto second = test::spawn(m, *t);
  EXPECT_EQ(sys_getpid(*init1), 1);
  EXPECT_EQ(sys_getpid(*second), 2);
  EXPECT_EQ(sys_getpid(*t), t->pid());
  EXPECT_NE(link(*init1, "/proc/self/ns/pid"), pid_before);
  EXPECT_EQ(link(*t, "/proc/self/ns/pid_for_children"), link(*init1, "/proc/self/ns/pid"));
  // The namespace's init exits: it takes the namespace's other tasks with
  // it, and nothing more is forked into it.
  auto grandchild = test::spawn(m, *second);
  ASSERT_TRUE(sys_unshare(*second, CLONE_NEWPID));
  ASSERT_TRUE(m.exit(*init1));
  EXPECT_TRUE(second->exited());
  EXPECT_TRUE(grandchild->exited());
  EXPECT_FALSE(t->exited());
  EXPECT_EQ(m.spawn(*t).error().errnum(), ENOMEM);
  EXPECT_EQ(m.spawn(*second).error().errnum(), ESRCH);
}

TEST(NamespaceTypes, PidNamespacesNestThirtyTwoLevels) {
  machine m;
  std::shared_ptr<task> t = test::spawn(m, m.init_task());
  for (int level = 1; level <= MAX_PID_NS_LEVEL; ++level) {
    ASSERT_TRUE(sys_unshare(*t, CLONE_NEWPID)) << level;
    t = test::spawn(m, *t);
    ASSERT_TRUE(t);
    EXPECT_EQ(sys_getpid(*t), 1);
  }
  EXPECT_EQ(sys_unshare(*t, CLONE_NEWPID).error().errnum(), ENOSPC);
}

TEST(NamespaceTypes, TimeForChildrenIsEnteredByTheNextFork) {
  machine m;
  auto t = test::spawn(m, m.init_task());
  const std::string time_before = link(*t, "/proc/self/ns/time");
  ASSERT_TRUE(sys_unshare(*t, NEWTIME));
  EXPECT_EQ(link(*t, "/proc/self/ns/time"), time_before);
  const std::string fresh = link(*t, "/proc/self/ns/time_for_children");
  EXPECT_NE(fresh, time_before);
  // Writable before a task is in it.
  int fd = *sys_open(*t, "/proc/self/timens_offsets", O_WRONLY);
  EXPECT_TRUE(sys_write(*t, fd, "monotonic 10 0\n"));
  auto child = test::spawn(m, *t);
  EXPECT_EQ(link(*child, "/proc/self/ns/time"), fresh);
  EXPECT_EQ(link(*child, "/proc/self/ns/time_for_children"), fresh);
  int fd2 = *sys_open(*t, "/proc/self/timens_offsets", O_WRONLY);
  EXPECT_EQ(sys_write(*t, fd2, "monotonic 20 0\n").error().errnum(), EACCES);
  int r = *sys_open(*t, "/proc/self/timens_offsets", O_RDONLY);
  EXPECT_EQ(*sys_read(*t, r, 4096), "monotonic          10         0\nboottime            0         0\n");
}

TEST(NamespaceTypes, SetnsPidOnlyIntoTheOwnPidNamespaceOrBelow) {
  machine m;
  auto t = test::spawn(m, m.init_task());
  ASSERT_TRUE(sys_unshare(*t, CLONE_NEWPID));
  auto child = test::spawn(m, *t);
  int up = *sys_open(m.init_task(), "/proc/self/ns/pid", O_RDONLY);
  auto f = m.init_task().fd_get(up);
  ASSERT_TRUE(f);
  int in_child = *child->fd_install(std::move(*f));
  EXPECT_EQ(sys_setns(*child, in_child, CLONE_NEWPID).error().errnum(), EINVAL);
  int own = *sys_open(*child, "/proc/self/ns/pid", O_RDONLY);
  EXPECT_TRUE(sys_setns(*child, own, CLONE_NEWPID));
  int below = *sys_open(m.init_task(), "/proc/" + std::to_string(child->pid()) + "/ns/pid", O_RDONLY);
  EXPECT_TRUE(sys_setns(m.init_task(), below, CLONE_NEWPID));
  EXPECT_EQ(link(m.init_task(), "/proc/self/ns/pid_for_children"), link(*child, "/proc/self/ns/pid"));
}

TEST(NamespaceTypes, SetnsMntNeedsSysChroot) {
  machine m;
  auto t = test::spawn(m, m.init_task());
  int fd = *sys_open(*t, "/proc/self/ns/mnt", O_RDONLY);
  cred c = t->creds();
  c.cap_effective.drop(CAP_SYS_CHROOT);
  t->commit_creds(std::move(c));
  EXPECT_EQ(sys_setns(*t, fd, CLONE_NEWNS).error().errnum(), EPERM);
  int uts = *sys_open(*t, "/proc/self/ns/uts", O_RDONLY);
  EXPECT_TRUE(sys_setns(*t, uts, CLONE_NEWUTS));
}

// A task standing for a real process with other threads (netns exec):
// the threads share one user namespace and one fs_struct (probed with a
// pthread on Linux 6.18: tests/exec/ns_probe.cpp).
TEST(NamespaceTypes, AThreadedTaskKeepsItsUserAndMountNamespaces) {
  machine m;
  auto t = test::spawn(m, m.init_task());
  auto other = test::spawn(m, m.init_task());
  ASSERT_TRUE(sys_unshare(*other, CLONE_NEWUSER | CLONE_NEWNET));
  int child_user = *sys_open(m.init_task(), "/proc/" + std::to_string(other->pid()) + "/ns/user", O_RDONLY);
  auto f = m.init_task().fd_get(child_user);
  ASSERT_TRUE(f);
  const int user = *t->fd_install(std::move(*f));
  const int own_user = *sys_open(*t, "/proc/self/ns/user", O_RDONLY);
  const int mnt = *sys_open(*t, "/proc/self/ns/mnt", O_RDONLY);
  const int time = *sys_open(*t, "/proc/self/ns/time", O_RDONLY);
  const int net = *sys_open(*t, "/proc/self/ns/net", O_RDONLY);
  const std::string user_before = link(*t, "/proc/self/ns/user");
  t->set_other_threads(true);
  EXPECT_EQ(sys_unshare(*t, CLONE_NEWUSER).error().errnum(), EINVAL);
  EXPECT_EQ(sys_unshare(*t, CLONE_NEWUTS | CLONE_NEWUSER).error().errnum(), EINVAL);
  EXPECT_EQ(sys_unshare(*t, CLONE_VM).error().errnum(), EINVAL);
  // Re-entering one's own user namespace is EINVAL before the threads count.
  EXPECT_EQ(sys_setns(*t, own_user, CLONE_NEWUSER).error().errnum(), EINVAL);
  EXPECT_EQ(sys_setns(*t, user, CLONE_NEWUSER).error().errnum(), EINVAL);
  EXPECT_EQ(sys_setns(*t, mnt, CLONE_NEWNS).error().errnum(), EINVAL);
  EXPECT_EQ(sys_setns(*t, time, 0).error().errnum(), EUSERS);
  EXPECT_EQ(link(*t, "/proc/self/ns/user"), user_before);
  // Per thread: net, uts, a new mount namespace (the thread gets its own
  // fs_struct).
  EXPECT_TRUE(sys_setns(*t, net, CLONE_NEWNET));
  EXPECT_TRUE(sys_unshare(*t, CLONE_NEWNET | CLONE_NEWUTS | CLONE_NEWNS));
  // Alone again: the same calls go through.
  t->set_other_threads(false);
  EXPECT_TRUE(sys_unshare(*t, CLONE_VM));
  EXPECT_TRUE(sys_setns(*t, user, CLONE_NEWUSER));
  EXPECT_NE(link(*t, "/proc/self/ns/user"), user_before);
}

// A task that stands for a thread (netns exec: one that changed its
// namespaces apart from its process's): not a process, so /proc does not
// list it, but /proc/TID is there and shows the thread's namespaces.
TEST(NamespaceTypes, AThreadsTaskIsNotListedAsAProcess) {
  machine m;
  auto process = test::spawn(m, m.init_task());
  auto thread = test::spawn(m, *process);
  thread->set_thread_of(process->pid());
  ASSERT_TRUE(sys_unshare(*thread, CLONE_NEWNET));
  const std::string tid = std::to_string(thread->pid());
  auto listed = sys_readdir(m.init_task(), "/proc");
  ASSERT_TRUE(listed);
  EXPECT_EQ(std::count(listed->begin(), listed->end(), tid), 0);
  EXPECT_EQ(std::count(listed->begin(), listed->end(), std::to_string(process->pid())), 1);
  const auto pids = m.pids();
  EXPECT_EQ(std::count(pids.begin(), pids.end(), thread->pid()), 0);
  EXPECT_EQ(link(m.init_task(), "/proc/" + tid + "/ns/net"), link(*thread, "/proc/self/ns/net"));
  EXPECT_NE(link(*thread, "/proc/self/ns/net"), link(*process, "/proc/self/ns/net"));
}

TEST(NamespaceTypes, SetnsByPidfdIsAllOrNothing) {
  machine m;
  auto a = test::spawn(m, m.init_task());
  auto b = test::spawn(m, m.init_task());
  ASSERT_TRUE(sys_unshare(*b, CLONE_NEWNET | CLONE_NEWUTS | CLONE_NEWPID));
  auto b_child = test::spawn(m, *b);  // in b's new pid namespace
  int pfd = *sys_pidfd_open(*a, b->pid(), 0);
  EXPECT_EQ(sys_setns(*a, pfd, 0).error().errnum(), EINVAL);
  EXPECT_EQ(sys_setns(*a, pfd, CLONE_NEWNET | 0x1).error().errnum(), EINVAL);
  ASSERT_TRUE(sys_setns(*a, pfd, CLONE_NEWNET | CLONE_NEWUTS));
  EXPECT_EQ(link(*a, "/proc/self/ns/net"), link(*b, "/proc/self/ns/net"));
  EXPECT_EQ(link(*a, "/proc/self/ns/uts"), link(*b, "/proc/self/ns/uts"));
  // From inside b's pid namespace, its parent's cannot be entered: the net
  // asked for with it is not entered either.
  EXPECT_TRUE(sys_pidfd_open(*b_child, 1, 0));  // itself, as its namespace numbers it
  int init_pfd = *sys_pidfd_open(m.init_task(), m.init_task().pid(), 0);
  auto f = m.init_task().fd_get(init_pfd);
  int in_child = *b_child->fd_install(std::move(*f));
  const std::string net_before = link(*b_child, "/proc/self/ns/net");
  EXPECT_EQ(sys_setns(*b_child, in_child, CLONE_NEWNET | CLONE_NEWPID).error().errnum(), EINVAL);
  EXPECT_EQ(link(*b_child, "/proc/self/ns/net"), net_before);
  // A task that has exited: ESRCH.
  ASSERT_TRUE(m.exit(*b));
  EXPECT_EQ(sys_setns(*a, pfd, CLONE_NEWNET).error().errnum(), ESRCH);
}

TEST(NamespaceTypes, PidfdOpenLooksUpTheCallersPidNamespace) {
  machine m;
  auto t = test::spawn(m, m.init_task());
  ASSERT_TRUE(sys_unshare(*t, CLONE_NEWPID));
  auto c = test::spawn(m, *t);
  EXPECT_TRUE(sys_pidfd_open(*c, 1, 0));
  EXPECT_EQ(sys_pidfd_open(*c, 2, 0).error().errnum(), ESRCH);
  EXPECT_EQ(sys_pidfd_open(*c, 0, 0).error().errnum(), EINVAL);
  EXPECT_EQ(sys_pidfd_open(*c, 1, 1).error().errnum(), EINVAL);
}

TEST(NamespaceTypes, SethostnameAndUname) {
  machine m;
  auto t = test::spawn(m, m.init_task());
  EXPECT_EQ(sys_uname(*t)->nodename, "(none)");
  ASSERT_TRUE(sys_unshare(*t, CLONE_NEWUTS));
  EXPECT_EQ(sys_uname(*t)->nodename, "(none)");  // copied
  ASSERT_TRUE(sys_sethostname(*t, "red"));
  EXPECT_EQ(sys_uname(*t)->nodename, "red");
  EXPECT_EQ(sys_uname(m.init_task())->nodename, "(none)");
  EXPECT_EQ(sys_sethostname(*t, std::string(65, 'x')).error().errnum(), EINVAL);
  EXPECT_TRUE(sys_sethostname(*t, std::string(64, 'x')));
  test::become_nobody(*t);
  EXPECT_EQ(sys_sethostname(*t, std::string(65, 'x')).error().errnum(), EPERM);  // before EINVAL
}

TEST(NamespaceTypes, NsfsIoctlsOfEachType) {
  machine m;
  task& init = m.init_task();
  auto t = test::spawn(m, init);
  ASSERT_TRUE(sys_unshare(*t, CLONE_NEWPID));
  auto c = test::spawn(m, *t);
  const std::pair<const char*, long> types[] = {
      {"uts", CLONE_NEWUTS},       {"ipc", CLONE_NEWIPC}, {"mnt", CLONE_NEWNS},
      {"pid", CLONE_NEWPID},       {"cgroup", CLONE_NEWCGROUP}, {"time", long(NEWTIME)},
      {"user", CLONE_NEWUSER},     {"net", CLONE_NEWNET}};
  for (auto [name, type] : types) {
    int fd = *sys_open(*c, std::string("/proc/self/ns/") + name, O_RDONLY);
    EXPECT_EQ(*sys_ioctl(*c, fd, NS_GET_NSTYPE, nullptr), type) << name;
    std::uint32_t uid = 0;
    auto owner_uid = sys_ioctl(*c, fd, NS_GET_OWNER_UID, &uid);
    EXPECT_EQ(owner_uid.has_value(), type == CLONE_NEWUSER) << name;
    auto parent = sys_ioctl(*c, fd, NS_GET_PARENT, nullptr);
    // pid and user have parents, out of c's reach (EPERM); the rest none.
    const bool hierarchical = type == CLONE_NEWPID || type == CLONE_NEWUSER;
    EXPECT_EQ(parent.error().errnum(), hierarchical ? EPERM : EINVAL) << name;
    std::uint64_t mntns_id = 0;
    auto mnt_id = sys_ioctl(*c, fd, 0x8008b705UL, &mntns_id);
    EXPECT_EQ(mnt_id.has_value(), type == CLONE_NEWNS) << name;
  }
  // From inside the child pid namespace its parent is out of reach.
  int own = *sys_open(*c, "/proc/self/ns/pid", O_RDONLY);
  auto p1 = sys_ioctl(*c, own, NS_GET_PARENT, nullptr);
  EXPECT_EQ(p1.error().errnum(), EPERM);
  int from_above = *sys_open(init, "/proc/" + std::to_string(c->pid()) + "/ns/pid", O_RDONLY);
  auto p2 = sys_ioctl(init, from_above, NS_GET_PARENT, nullptr);
  ASSERT_TRUE(p2);
  EXPECT_EQ(link(init, "/proc/self/fd/" + std::to_string(*p2)), link(init, "/proc/self/ns/pid"));
  int top = *sys_open(init, "/proc/self/ns/pid", O_RDONLY);
  EXPECT_EQ(sys_ioctl(init, top, NS_GET_PARENT, nullptr).error().errnum(), EPERM);
  // The pid translations: c is 1 in its namespace and c->pid() at the top.
  int child_ns = *sys_open(init, "/proc/" + std::to_string(c->pid()) + "/ns/pid", O_RDONLY);
  void* one = reinterpret_cast<void*>(std::intptr_t{1});
  void* top_pid = reinterpret_cast<void*>(std::intptr_t{c->pid()});
  EXPECT_EQ(*sys_ioctl(init, child_ns, NS_GET_PID_FROM_PIDNS_, one), c->pid());
  EXPECT_EQ(*sys_ioctl(init, child_ns, NS_GET_PID_IN_PIDNS_, top_pid), 1);
  EXPECT_EQ(sys_ioctl(init, child_ns, NS_GET_PID_IN_PIDNS_,
                      reinterpret_cast<void*>(std::intptr_t{init.pid()}))
                .error()
                .errnum(),
            ESRCH);  // init has no number there
  int uts = *sys_open(init, "/proc/self/ns/uts", O_RDONLY);
  EXPECT_EQ(sys_ioctl(init, uts, NS_GET_PID_IN_PIDNS_, one).error().errnum(), EINVAL);
}

TEST(NamespaceTypes, EveryNamespaceIsFreedWithItsLastTask) {
  machine m;
  {
    auto t = test::spawn(m, m.init_task());
    ASSERT_TRUE(sys_unshare(*t, OTHER_TYPES | CLONE_NEWUSER | CLONE_NEWNET));
    auto c = test::spawn(m, *t);
    EXPECT_EQ(ucount_read(m.k().init_user_ns(), global_root_uid, ucount_type::user_namespaces), 1);
    ASSERT_TRUE(m.exit(*c));
    ASSERT_TRUE(m.exit(*t));
  }
  m.k().settle();
  // The user namespace goes only when every namespace it owns has gone.
  for (ucount_type type : {ucount_type::user_namespaces, ucount_type::net_namespaces})
    EXPECT_EQ(ucount_read(m.k().init_user_ns(), global_root_uid, type), 0);
}

}  // namespace
}  // namespace netns

namespace netns {
namespace {

// Every failure position of an unshare of every type at once (each
// allocation the kernel can fail, at its nth pass): the errno of that
// step, the task's namespaces unchanged, and every charge given back.
TEST(NamespaceTypes, UnshareUndoesEveryStepAtEachFailurePosition) {
  const std::pair<fault_point, int> points[] = {
      {fault_point::ns_alloc, ENOMEM}, {fault_point::inum_alloc, ENOMEM},
      {fault_point::ucounts_alloc, ENOSPC}, {fault_point::net_alloc, ENOMEM}};
  for (auto [point, err] : points) {
    for (int nth = 1; nth <= 8; ++nth) {
      machine m;
      auto t = test::spawn(m, m.init_task());
      const std::vector<std::string> before = links_of(*t);
      m.k().faults().arm(point, nth);
      auto r = sys_unshare(*t, OTHER_TYPES | CLONE_NEWNET);
      m.k().faults().disarm_all();
      if (r) {
        // Fewer passes than nth: the call succeeded, every link changed
        // but pid, pid_for_children (no init yet) and user.
        EXPECT_NE(links_of(*t), before);
        continue;
      }
      EXPECT_EQ(r.error().errnum(), err) << int(point) << " " << nth;
      EXPECT_EQ(links_of(*t), before) << int(point) << " " << nth;
      m.k().settle();
      for (ucount_type type :
           {ucount_type::uts_namespaces, ucount_type::ipc_namespaces, ucount_type::mnt_namespaces,
            ucount_type::pid_namespaces, ucount_type::cgroup_namespaces, ucount_type::net_namespaces,
            ucount_type::time_namespaces})
        EXPECT_EQ(ucount_read(m.k().init_user_ns(), global_root_uid, type), 0)
            << int(point) << " " << nth << " " << int(type);
    }
  }
}

}  // namespace
}  // namespace netns
