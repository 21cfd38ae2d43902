// SPDX-License-Identifier: GPL-2.0-only
// A real pid namespace made to mirror a model one that no real namespace
// mirrors yet (one a scenario's task made), so that a program's setns into
// the model's lands its children in a real namespace whose numbers the
// model's follow (served_calls_pid.cpp). The kernel's pid namespace has the
// state the model's has: no init yet (the program's next child becomes its
// pid 1), an init living (a real process stands for the model's, pid 1,
// and ns_last_pid is the model's last number, so the kernel hands out the
// number the model would), or an init gone (a real one that has exited:
// forks into it fail with ENOMEM, as the model's do).
//
// Example:
//   pid_ns_mirror m = make_pid_ns_mirror(-1, pid_ns_mirror::init_state::living, 4);
//   if (m.ns_fd >= 0) { /* setns(m.ns_fd, CLONE_NEWPID): the next child is pid 5 */ }
//   m.release();   // the standing init exits; the namespace dies with it
//
// Cost: two forks, a few ms. Made by a forked helper with async-signal-safe
// calls only (the supervisor has other threads).
#pragma once

#include <sys/types.h>

namespace netns::exec_detail {

struct pid_ns_mirror {
  enum class init_state { none, living, gone };
  int ns_fd = -1;       // the real pid namespace (an nsfs fd), -1: not made
  int keep_fd = -1;     // the write end the standing init waits on (its EOF ends it)
  // init_state::none: no namespace is made (a namespace without its init
  // cannot be opened: pidns_for_children_get), the fork that is to be its
  // init makes it (unshare(CLONE_NEWPID) just before, as root can).
  bool fresh = false;
  // Closes both: the standing init exits, and the namespace with it.
  void release();
};

// Makes the namespace as a child of the caller's pid namespace, owned by
// the user namespace `userns_fd` names (-1: ours), which must be one where
// the program that is to enter it has CAP_SYS_ADMIN. `last_nr`: the
// model's ns_last_pid there (for init_state::living).
pid_ns_mirror make_pid_ns_mirror(int userns_fd, pid_ns_mirror::init_state state, int last_nr);

}  // namespace netns::exec_detail
