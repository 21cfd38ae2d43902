// SPDX-License-Identifier: GPL-2.0-only
// The request loop of the linux backend's processes (each task, and P1 of
// linux_world.hpp): frames in on a control socket, replies out, and every
// child reaped as soon as it exits, so that an exited task is gone from
// /proc as it is in the model. SIGCHLD comes through a signalfd polled
// beside the socket.
//
//   const int sig = linux_serve::sigchld_fd();
//   linux_serve::serve(ctl, sig, [&](const frame& req) -> std::optional<frame> {
//     return frame{"L", "ok"};                    // nullopt: no reply
//   });
//
// The loop ends the process (_exit(0)) at the end of the socket, at a frame
// it cannot read, at an empty frame, and when a reply cannot be sent: the
// runner is gone. One thread per process.
#pragma once

#include <functional>
#include <optional>

#include "linux_wire.hpp"

namespace netns::tools::linux_serve {

// Blocks SIGCHLD, which then stays pending for a signalfd to read.
void block_sigchld();

// SIGCHLD blocked, and a signalfd for it (close-on-exec, non-blocking);
// -1 on failure (the loop then reaps nothing).
int sigchld_fd();

using handler = std::function<std::optional<linux_wire::frame>(const linux_wire::frame& request)>;

// Serves requests on `ctl`, read anew before each wait: a handler may move
// the loop to another socket (a forked child that serves its own).
[[noreturn]] void serve(const int& ctl, int sigchld, const handler& handle);

}  // namespace netns::tools::linux_serve
