// SPDX-License-Identifier: GPL-2.0-only
// ptrace_may_access (kernel/ptrace.c with commoncap's hook): may a caller
// inspect a task? /proc/PID/ns and friends ask with the caller's
// file-system ids (PTRACE_MODE_READ_FSCREDS), setns on a pidfd with its
// real ids (PTRACE_MODE_READ_REALCREDS).
//
// Example:
//   #include "netns/machine/machine.hpp"
//   machine m;
//   task& init = m.init_task();
//   cred c = init.creds();
//   bool ok = ptrace_may_access(c, init.pid(), init, ptrace_mode::read_realcreds);   // true
//
// Locking: reads the target's credentials under its task lock.
#pragma once

#include "netns/core/cred.hpp"
#include "netns/task/task.hpp"

namespace netns {

enum class ptrace_mode { read_fscreds, read_realcreds };

// `caller_tgid` is the caller's thread group (the same group may always).
bool ptrace_may_access(const cred& caller, int caller_tgid, task& target, ptrace_mode mode);

}  // namespace netns
