// SPDX-License-Identifier: GPL-2.0-only
// A scenario task on the linux backend: a real process that performs the
// runner's requests with real system calls, one frame in, one frame out.
//
//   linux_task::serve(ctl);   // never returns: serves until exit_op or EOF
//
// Requests are operations (op_wire.hpp) with their names resolved by the
// runner (`@t` and `%fd` in paths, fd names and tasks as numbers); the
// loop is linux_serve.hpp's. Replies are {"L", line...} (final result
// lines) or {"V", value...} (raw values the runner normalizes: an fd
// number, a link target, an inode number, a file's content, ip's output).
// The control socket sits at a high fd number so that the scenario's own
// fds get the numbers the model gives them (0, 1, 2, ...).
//
// One thread per process; nothing is shared with the runner but the socket.
#pragma once

namespace netns::tools::linux_task {

// The lowest fd number a control socket is moved to.
constexpr int ctl_fd_min = 900;

// Moves `fd` to a free number >= ctl_fd_min, close-on-exec; -1 on failure.
int park_fd(int fd);

// Sends the hello frame ({"hello", PID} with a pidfd of this process, so
// the runner can wait for its exit and kill it), then serves requests.
[[noreturn]] void serve(int ctl);

}  // namespace netns::tools::linux_task
