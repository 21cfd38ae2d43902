// SPDX-License-Identifier: GPL-2.0-only
// The linux backend's request/response protocol between the runner and its
// processes: a frame is a list of strings sent over a unix stream socket
// (u32 frame length, u32 count, then u32 length + bytes per string), with
// at most one fd passed alongside (SCM_RIGHTS; `spawn` hands the runner the
// new task's control socket).
//
//   send_frame(sock, {"open", "/proc/self/ns/net"});
//   frame reply; int fd = -1;
//   if (recv_frame(sock, reply, &fd, 10000) == wire_status::ok) ...
//
// No locking: one reader and one writer per socket.
#pragma once

#include <string>
#include <vector>

namespace netns::tools::linux_wire {

using frame = std::vector<std::string>;

enum class wire_status { ok, closed, timeout, error };

// Sends one frame, and `pass_fd` with it when it is not -1.
bool send_frame(int sock, const frame& f, int pass_fd = -1);

// Receives one frame, waiting at most `timeout_ms` (-1: without a bound).
// An fd passed with it lands in *got_fd (closed when got_fd is null).
wire_status recv_frame(int sock, frame& f, int* got_fd, int timeout_ms);

}  // namespace netns::tools::linux_wire
