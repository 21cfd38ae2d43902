// SPDX-License-Identifier: GPL-2.0-only
// Pidfds (kernel/pid.c's pidfd_open, fs/pidfs.c): an fd that refers to a
// task, which setns accepts in place of a namespace file to join several of
// the task's namespaces at once.
//
// Example:
//   #include "netns/machine/machine.hpp"
//   #include "netns/task/syscalls.hpp"
//   machine m;
//   std::shared_ptr<task> t = *m.spawn(m.init_task());
//   int fd = *sys_pidfd_open(m.init_task(), t->pid(), 0);
//   if (auto r = sys_setns(m.init_task(), fd, CLONE_NEWNET | CLONE_NEWUTS); !r) return r;
//
// Locking: none; the file holds the task (which stays readable after it
// exits: exited() then says so).
#pragma once

#include <memory>

#include "netns/base/result.hpp"
#include "netns/fs/vfs.hpp"
#include "netns/task/task.hpp"

namespace netns {

// The task a pidfd refers to, or nullptr when `f` is not a pidfd.
std::shared_ptr<task> pidfd_task(const fs::file& f);

// pidfd_open(pid, flags): pid as the caller's pid namespace numbers it.
// EINVAL for flags other than PIDFD_NONBLOCK (O_NONBLOCK) and PIDFD_THREAD
// (O_EXCL) or a pid <= 0, ESRCH when no task has that pid there.
result<int> sys_pidfd_open(task& t, int pid, unsigned flags);

}  // namespace netns
