// SPDX-License-Identifier: GPL-2.0-only
// Starting a program under the filter: the half of netns exec that runs in
// the process the program is a child of, whether this process serves it
// (run_supervised) or a world server does (netns exec --world).
#pragma once

#include <sys/types.h>

#include "netns/base/result.hpp"
#include "netns/exec/supervisor.hpp"

namespace netns::exec_detail {

// A forked child that has installed the filter and waits, before exec,
// for go(). Whatever is still set when it is destroyed is undone: the
// child killed and reaped, the fds closed.
struct launched_program {
  pid_t pid = 0;       // our child; 0 once reaped
  int pidfd = -1;      // on the child (for whoever serves it)
  int listener = -1;   // the filter's notification fd (for whoever serves it)
  int report = -1;     // our end of the socket the child reports on

  launched_program() = default;
  launched_program(launched_program&& o) noexcept;
  launched_program& operator=(launched_program&&) = delete;
  ~launched_program();

  // Lets the child exec. Its execve is a handled call: someone must be
  // serving the listener from now on.
  void go();
  // After the child has exited (reap first): the errno of its exec, 0 if
  // it exec'd.
  int exec_errno();
  // Waits for the child; its wait status.
  int reap();
  // Kills and reaps the child, closes what is still ours.
  void abandon();
};

// Forks the child of opt (argv, env, standard fds), which installs the
// filter and hands its listener up. The errno of what failed before that
// (ENOENT: no such program; ENOSYS: no seccomp user notification here).
// pid_ns_fd: a real pid namespace to fork the child into (this thread's
// pid_for_children for the fork's length), or -1: ours; new_pid_ns: a new
// one, of which the child is the init, instead.
result<launched_program> launch(const exec_options& opt, int pid_ns_fd = -1, bool new_pid_ns = false);

}  // namespace netns::exec_detail
