// SPDX-License-Identifier: GPL-2.0-only
// /proc/sys/kernel/pid_max per pid namespace (Linux 6.14), against the
// reference kernel (6.18), probed there first with unshare -p and a
// shell; conformance/627_pid_max_per_pidns checks the same on both
// backends. Here the model alone: the reader's namespace answers, a new
// namespace starts at PID_MAX_LIMIT, the bounds, the file mode as the only
// gate, and numbers in the namespace stay below its pid_max.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sched.h>

#include <cerrno>
#include <string>

#include "netns/core/pid_namespace.hpp"
#include "netns/machine/machine.hpp"
#include "netns/task/syscalls.hpp"
#include "support/task_util.hpp"

namespace netns {
namespace {

constexpr const char* pid_max_path = "/proc/sys/kernel/pid_max";

std::string read_pid_max(task& t) {
  auto fd = sys_open(t, pid_max_path, O_RDONLY);
  if (!fd) return "open error";
  auto text = sys_read(t, *fd, 64);
  (void)sys_close(t, *fd);
  return text ? *text : "read error";
}
errc write_pid_max(task& t, const std::string& v) {
  auto fd = sys_open(t, pid_max_path, O_WRONLY);
  if (!fd) return fd.code();
  auto r = sys_write(t, *fd, v + "\n");
  (void)sys_close(t, *fd);
  return r ? errc{0} : r.code();
}

class PidMax : public ::testing::Test {
 protected:
  machine m;
  task& init = m.init_task();
  std::shared_ptr<task> in_child_ns() {
    auto t = test::spawn(m, init);
    EXPECT_TRUE(sys_unshare(*t, CLONE_NEWPID));
    return test::spawn(m, *t);
  }
};

TEST_F(PidMax, EachNamespaceHasItsOwnStartingAtTheLimit) {
  EXPECT_EQ(read_pid_max(init), "32768\n");  // the initial namespace's boot value
  auto u = in_child_ns();
  EXPECT_EQ(read_pid_max(*u), "4194304\n");
  ASSERT_EQ(write_pid_max(*u, "5000"), errc{0});
  EXPECT_EQ(read_pid_max(*u), "5000\n");
  EXPECT_EQ(read_pid_max(init), "32768\n");
  // A namespace made below starts at the limit again, not at 5000.
  ASSERT_TRUE(sys_unshare(*u, CLONE_NEWPID));
  auto v = test::spawn(m, *u);
  EXPECT_EQ(read_pid_max(*v), "4194304\n");
  EXPECT_EQ(read_pid_max(*u), "5000\n");
}

TEST_F(PidMax, BoundsAndTheModeAsTheOnlyGate) {
  auto u = in_child_ns();
  EXPECT_EQ(write_pid_max(*u, "300"), errc{EINVAL});
  EXPECT_EQ(write_pid_max(*u, "4194305"), errc{EINVAL});
  EXPECT_EQ(write_pid_max(*u, "-1"), errc{EINVAL});
  EXPECT_EQ(write_pid_max(*u, "301"), errc{0});
  EXPECT_EQ(write_pid_max(*u, "4194304"), errc{0});
  auto x = test::spawn(m, *u);
  ASSERT_TRUE(sys_setresuid(*x, 1000, 1000, 1000));
  EXPECT_EQ(write_pid_max(*x, "7000"), errc{EACCES});
  // Root in a new user namespace is still global root: the owner's bits.
  auto y = test::spawn(m, *u);
  ASSERT_TRUE(sys_unshare(*y, CLONE_NEWUSER));
  EXPECT_EQ(write_pid_max(*y, "7000"), errc{0});
  EXPECT_EQ(read_pid_max(*u), "7000\n");
}

TEST(PidMaxAlloc, NumbersStayBelowTheNamespacesPidMax) {
  machine m;
  auto t = test::spawn(m, m.init_task());
  ASSERT_TRUE(sys_unshare(*t, CLONE_NEWPID));
  pid_ns_ref ns = pid_ns_ref::acquire(t->get_nsproxy()->pid_ns_for_children);
  ns->set_pid_max(RESERVED_PIDS + 1);
  for (int want = 1; want <= RESERVED_PIDS; ++want) {
    auto nr = ns->alloc_nr();
    ASSERT_TRUE(nr);
    EXPECT_EQ(*nr, want);
  }
  EXPECT_EQ(ns->alloc_nr().code(), errc{EAGAIN});
  for (int nr = 1; nr <= RESERVED_PIDS; ++nr) ns->free_nr(nr);
}

}  // namespace
}  // namespace netns
