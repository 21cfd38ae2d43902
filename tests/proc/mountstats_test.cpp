// SPDX-License-Identifier: GPL-2.0-only
// /proc/PID/mountstats against the reference kernel (6.18), probed there
// first; conformance/628_proc_mountstats checks the same on both backends.
// Here the model alone: a line per mount as the task's root sees it, the
// escaping of mounts, mode 0400, no entry under task/TID.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/mount.h>

#include <cerrno>
#include <string>

#include "netns/machine/machine.hpp"
#include "netns/task/syscalls.hpp"
#include "support/task_util.hpp"

namespace netns {
namespace {

std::string read_all(task& t, const std::string& path) { return test::cat(t, path); }

TEST(Mountstats, ALinePerMountSeenFromTheRoot) {
  machine m;
  task& init = m.init_task();
  for (const char* d : {"/run/x", "/run/x/proc", "/run/x/a"}) ASSERT_TRUE(sys_mkdir(init, d, 0755));
  ASSERT_TRUE(sys_mount_fs(init, "proc", "p", "/run/x/proc"));
  ASSERT_TRUE(sys_mount_fs(init, "tmpfs", "a b", "/run/x/a", MS_NOSUID, "size=1m"));
  auto t = test::spawn(m, init);
  ASSERT_TRUE(sys_chroot(*t, "/run/x"));
  EXPECT_EQ(read_all(*t, "/proc/self/mountstats"),
            "device p mounted on /proc with fstype proc\n"
            "device a\\040b mounted on /a with fstype tmpfs\n");
  auto st = sys_stat(*t, "/proc/self/mountstats");
  ASSERT_TRUE(st);
  EXPECT_EQ(st->mode, S_IFREG | 0400u);
  const std::string tid = std::to_string(t->pid());
  EXPECT_EQ(sys_stat(*t, "/proc/self/task/" + tid + "/mountstats").code(), errc{ENOENT});
  EXPECT_TRUE(sys_stat(*t, "/proc/self/task/" + tid + "/mounts"));
  // The whole table for init: /run/x/a among them, named from "/".
  EXPECT_NE(read_all(init, "/proc/self/mountstats")
                .find("device a\\040b mounted on /run/x/a with fstype tmpfs\n"),
            std::string::npos);
}

}  // namespace
}  // namespace netns
