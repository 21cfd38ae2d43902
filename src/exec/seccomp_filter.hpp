// SPDX-License-Identifier: GPL-2.0-only
// The filter a supervised program runs under: the calls the model may
// have to answer go to the supervisor (SECCOMP_RET_USER_NOTIF), the rest
// are allowed. Built with libseccomp in the supervisor, installed in the
// child between fork and exec with raw syscalls only.
#pragma once

#include <linux/filter.h>

#include <vector>

#include "netns/base/result.hpp"

namespace netns::exec_detail {

// The system calls the supervisor is notified of.
const std::vector<int>& notified_syscalls();

// The BPF program for this architecture (libseccomp checks the arch and
// kills a task that calls in through another ABI, such as x32).
result<std::vector<sock_filter>> build_filter();

// In the child (async-signal-safe: no allocation): no_new_privs, then the
// filter with a new listener. Waits killably for the supervisor once it
// has received a call (SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV) where the
// kernel has it (5.19), so a signal cannot make a served call run twice.
// Returns the listener fd, or -errno.
int install_filter(const std::vector<sock_filter>& prog);

}  // namespace netns::exec_detail
