// SPDX-License-Identifier: GPL-2.0-only
// procfs: /proc as the reader sees it.
//
//   /proc/self        -> "<pid>" of the reader
//   /proc/thread-self -> "<pid>/task/<tid>"
//   /proc/net         -> "self/net"
//   /proc/<pid>/      a live task: ns/, task/<tid>/
//   /proc/<pid>/ns/net, ns/user   magic links: readlink gives "net:[N]",
//                     following them opens the namespace file (nsfs); both
//                     need ptrace read access to the task (else EACCES)
//
// Directory entries are computed at each lookup from the task table, so the
// same path shows different things to different readers and changes when a
// task calls setns or exits.
//
// Example:
//   #include "netns/machine/machine.hpp"
//   #include "netns/task/syscalls.hpp"
//   machine m;                                             // attaches procfs at /proc
//   task& t = m.init_task();
//   result<std::string> self = sys_readlink(t, "/proc/self");         // "1"
//   result<std::string> net = sys_readlink(t, "/proc/self/ns/net");   // "net:[4026531833]"
#pragma once

#include "netns/fs/vfs.hpp"

namespace netns {
class pid_table;
class task;
}  // namespace netns

namespace netns::fs {

// Attaches procfs at /proc of `fs`, for its life: /proc/<pid> for the tasks of `m`.
void attach_procfs(pid_table& m, vfs& fs);

// ptrace_may_access(PTRACE_MODE_READ_FSCREDS) of `target` by the caller.
bool ptrace_may_read(const access_ctx& ctx, task& target);

}  // namespace netns::fs
