// SPDX-License-Identifier: GPL-2.0-only
// Which paths netns exec serves from the model.
#include "proc_paths.hpp"

#include <gtest/gtest.h>

#include <string>

using netns::exec_detail::classify_path;
using netns::exec_detail::model_path;

namespace {

// Host pid 100 is the program's (model pid 7); every other pid is the host's.
int model_pid(int host) { return host == 100 ? 7 : 0; }

}  // namespace

TEST(ProcPaths, SelfNetAndUserAreTheModels) {
  auto p = classify_path("/proc/self/ns/net", model_pid);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->what, model_path::kind::path);
  EXPECT_EQ(p->path, "/proc/self/ns/net");
  EXPECT_EQ(classify_path("//proc///self/./ns/user", model_pid)->path, "/proc/self/ns/user");
}

TEST(ProcPaths, EveryTypeIsTheModels) {
  // pid's too: its real namespaces below the sandbox's mirror the model's.
  for (const char* type : {"uts", "mnt", "ipc", "cgroup", "time", "time_for_children", "pid",
                           "pid_for_children"})
    EXPECT_EQ(classify_path(std::string("/proc/self/ns/") + type, model_pid)->path,
              std::string("/proc/self/ns/") + type);
  EXPECT_EQ(classify_path("/proc/100/ns/pid_for_children", model_pid)->path,
            "/proc/7/ns/pid_for_children");
  EXPECT_FALSE(classify_path("/proc/self/ns/pidx", model_pid));
  // The files of the cgroup and time namespaces: made when read.
  EXPECT_EQ(classify_path("/proc/self/cgroup", model_pid)->path, "/proc/self/cgroup");
  EXPECT_TRUE(classify_path("/proc/100/timens_offsets", model_pid)->generated);
  EXPECT_EQ(classify_path("/proc/100/timens_offsets", model_pid)->path, "/proc/7/timens_offsets");
  EXPECT_FALSE(classify_path("/proc/self/ns", model_pid));
  EXPECT_FALSE(classify_path("/proc/self/ns/", model_pid));
}

TEST(ProcPaths, AProgramsPidIsTranslatedAHostPidIsNot) {
  EXPECT_EQ(classify_path("/proc/100/ns/net", model_pid)->path, "/proc/7/ns/net");
  EXPECT_FALSE(classify_path("/proc/1/ns/net", model_pid));
  EXPECT_FALSE(classify_path("/proc/0/ns/net", model_pid));
  EXPECT_FALSE(classify_path("/proc/0100/ns/net", model_pid));  // not how the kernel names pids
}

TEST(ProcPaths, FdLinksAreCandidates) {
  auto p = classify_path("/proc/self/fd/3", model_pid);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->what, model_path::kind::fd_link);
  EXPECT_EQ(p->fd, 3);
  EXPECT_EQ(p->host_pid, 0);
  EXPECT_EQ(classify_path("/proc/55/fd/4", model_pid)->host_pid, 55);
  EXPECT_FALSE(classify_path("/proc/self/fd/x", model_pid));
}

TEST(ProcPaths, RelativeDotDotAndOtherPathsAreTheHosts) {
  EXPECT_FALSE(classify_path("proc/self/ns/net", model_pid));
  EXPECT_FALSE(classify_path("/proc/self/ns/../ns/net", model_pid));
  EXPECT_FALSE(classify_path("/proc/self/ns/net/x", model_pid));
  EXPECT_FALSE(classify_path("/etc/passwd", model_pid));
  EXPECT_FALSE(classify_path("", model_pid));
}

// /run is the model's tmpfs, all of it (the world's /run): /run/netns and
// any file there, its regular files carrying their content.
TEST(ProcPaths, RunIsTheModels) {
  EXPECT_EQ(classify_path("/run/netns", model_pid)->path, "/run/netns");
  EXPECT_EQ(classify_path("/run/netns/", model_pid)->path, "/run/netns");
  EXPECT_EQ(classify_path("/run//netns/red", model_pid)->path, "/run/netns/red");
  EXPECT_EQ(classify_path("/var/run/netns/red", model_pid)->path, "/run/netns/red");
  EXPECT_EQ(classify_path("/run", model_pid)->path, "/run");
  EXPECT_EQ(classify_path("/var/run", model_pid)->path, "/run");
  EXPECT_EQ(classify_path("/run/batch", model_pid)->path, "/run/batch");
  EXPECT_TRUE(classify_path("/run/batch", model_pid)->generated);
  EXPECT_EQ(classify_path("/run/netnsx", model_pid)->path, "/run/netnsx");
  EXPECT_FALSE(classify_path("/run/netns/../x", model_pid));
  EXPECT_FALSE(classify_path("/runx", model_pid));
  EXPECT_FALSE(classify_path("/var/runx/a", model_pid));
  EXPECT_FALSE(classify_path("/var", model_pid));
}

// The ipc namespace's limits are the model's, the rest of /proc/sys/kernel
// the host's.
TEST(ProcPaths, TheIpcSysctlsAreTheModels) {
  EXPECT_EQ(classify_path("/proc/sys/kernel/msgmax", model_pid)->path, "/proc/sys/kernel/msgmax");
  EXPECT_TRUE(classify_path("/proc/sys/kernel/sem", model_pid)->generated);
  EXPECT_EQ(classify_path("/proc/sys/fs/mqueue/msg_max", model_pid)->path, "/proc/sys/fs/mqueue/msg_max");
  EXPECT_EQ(classify_path("/proc/sys/fs/mqueue", model_pid)->path, "/proc/sys/fs/mqueue");
  EXPECT_FALSE(classify_path("/proc/sys/kernel/panic", model_pid));
  EXPECT_FALSE(classify_path("/proc/sys/kernel", model_pid));
  EXPECT_FALSE(classify_path("/proc/sys/fs/file-max", model_pid));
}

TEST(ProcPaths, ProcNetAndTheNetAndUserSysctlsAreTheModels) {
  auto p = classify_path("/proc/net/dev", model_pid);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->path, "/proc/net/dev");
  EXPECT_TRUE(p->generated);
  EXPECT_EQ(classify_path("/proc/net", model_pid)->path, "/proc/net");
  EXPECT_EQ(classify_path("/proc/self/net/dev", model_pid)->path, "/proc/self/net/dev");
  EXPECT_EQ(classify_path("/proc/100/net/dev", model_pid)->path, "/proc/7/net/dev");
  EXPECT_FALSE(classify_path("/proc/1/net/dev", model_pid));  // a host process's
  EXPECT_EQ(classify_path("/proc/sys/net/core/somaxconn", model_pid)->path, "/proc/sys/net/core/somaxconn");
  EXPECT_EQ(classify_path("/proc/sys/user/max_net_namespaces", model_pid)->path,
            "/proc/sys/user/max_net_namespaces");
  EXPECT_TRUE(classify_path("/proc/sys/net", model_pid)->generated);
  // The uts namespace's names are the model's (the ipc limits too, above);
  // the other kernel sysctls are the host's, and so is /proc/sys itself.
  EXPECT_EQ(classify_path("/proc/sys/kernel/hostname", model_pid)->path, "/proc/sys/kernel/hostname");
  EXPECT_TRUE(classify_path("/proc/sys/kernel/domainname", model_pid)->generated);
  EXPECT_FALSE(classify_path("/proc/sys/kernel/threads-max", model_pid));
  EXPECT_FALSE(classify_path("/proc/sys/kernel", model_pid));
  EXPECT_FALSE(classify_path("/proc/sys", model_pid));
  EXPECT_FALSE(classify_path("/proc/self/ns/net", model_pid)->generated);
}

TEST(ProcPaths, IdMapsAreTheModels) {
  auto p = classify_path("/proc/self/uid_map", model_pid);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->path, "/proc/self/uid_map");
  EXPECT_TRUE(p->generated);
  EXPECT_EQ(classify_path("/proc/100/gid_map", model_pid)->path, "/proc/7/gid_map");
  EXPECT_EQ(classify_path("/proc/self/setgroups", model_pid)->path, "/proc/self/setgroups");
  EXPECT_FALSE(classify_path("/proc/1/uid_map", model_pid));
  EXPECT_FALSE(classify_path("/proc/self/uid_map/x", model_pid));
  // The mount tables are the model's mount namespace's.
  EXPECT_EQ(classify_path("/proc/self/mountinfo", model_pid)->path, "/proc/self/mountinfo");
  EXPECT_TRUE(classify_path("/proc/self/mountinfo", model_pid)->generated);
  EXPECT_EQ(classify_path("/proc/self/mounts", model_pid)->path, "/proc/self/mounts");
  EXPECT_EQ(classify_path("/proc/mounts", model_pid)->path, "/proc/mounts");
  // status is the model's (merged with the host's by the supervisor), stat the host's.
  EXPECT_TRUE(classify_path("/proc/self/status", model_pid)->generated);
  EXPECT_FALSE(classify_path("/proc/self/stat", model_pid));
}

TEST(ProcPaths, AModelTasksWholePidDirectoryIsTheModels) {
  // Model pids 2 and 3 are tasks of the model that no program runs as.
  auto model_task = [](int pid) { return pid == 2 || pid == 3; };
  auto dir = classify_path("/proc/2", model_pid, model_task);
  ASSERT_TRUE(dir);
  EXPECT_EQ(dir->path, "/proc/2");
  EXPECT_FALSE(dir->generated);  // a directory: opened, not carried
  auto stat = classify_path("/proc/3/stat", model_pid, model_task);
  ASSERT_TRUE(stat);
  EXPECT_EQ(stat->path, "/proc/3/stat");
  EXPECT_TRUE(stat->generated);
  EXPECT_EQ(classify_path("/proc/3/cmdline", model_pid, model_task)->path, "/proc/3/cmdline");
  EXPECT_EQ(classify_path("/proc/2/ns/mnt", model_pid, model_task)->path, "/proc/2/ns/mnt");
  // The program's own process by its host pid, self and host processes
  // keep their host files.
  EXPECT_FALSE(classify_path("/proc/100", model_pid, model_task));
  EXPECT_FALSE(classify_path("/proc/100/stat", model_pid, model_task));
  EXPECT_FALSE(classify_path("/proc/self/stat", model_pid, model_task));
  EXPECT_FALSE(classify_path("/proc/4/stat", model_pid, model_task));
  EXPECT_FALSE(classify_path("/proc/self", model_pid, model_task));
}

TEST(ProcPaths, AThreadsFilesAreItsProcesss) {
  // The threads of a program's process share its model task: thread-self
  // is self, and /proc/WHO/task/TID names WHO's files, TID to be checked.
  auto ts = classify_path("/proc/thread-self/ns/net", model_pid);
  ASSERT_TRUE(ts);
  EXPECT_EQ(ts->path, "/proc/self/ns/net");
  EXPECT_EQ(ts->thread, 0);
  auto of_self = classify_path("/proc/self/task/123/ns/user", model_pid);
  ASSERT_TRUE(of_self);
  EXPECT_EQ(of_self->path, "/proc/self/ns/user");
  EXPECT_EQ(of_self->thread, 123);
  EXPECT_EQ(of_self->thread_group, 0);
  auto of_100 = classify_path("/proc/100/task/101/net/dev", model_pid);
  ASSERT_TRUE(of_100);
  EXPECT_EQ(of_100->path, "/proc/7/net/dev");
  EXPECT_TRUE(of_100->generated);
  EXPECT_EQ(of_100->thread, 101);
  EXPECT_EQ(of_100->thread_group, 100);
  auto fd = classify_path("/proc/thread-self/fd/4", model_pid);
  ASSERT_TRUE(fd);
  EXPECT_EQ(fd->what, model_path::kind::fd_link);
  EXPECT_EQ(fd->fd, 4);
  // A host process's threads, a bad tid, and what the model does not
  // serve stay the host's.
  EXPECT_FALSE(classify_path("/proc/4/task/5/ns/net", model_pid));
  EXPECT_FALSE(classify_path("/proc/self/task/x/ns/net", model_pid));
  EXPECT_FALSE(classify_path("/proc/self/task/123/stat", model_pid));
  EXPECT_FALSE(classify_path("/proc/thread-self/comm", model_pid));
}
