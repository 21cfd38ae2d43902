// SPDX-License-Identifier: GPL-2.0-only
// The linux backend's requests: an operation (operations.hpp), resolved,
// as a frame of its wire (linux_wire.hpp), and back. The runner encodes,
// a task process (or P1, for `settle`) decodes and runs it.
//
//   send_frame(sock, encode_op(op));                  // op: resolved for the task
//   std::optional<operation> op = decode_op(frame);   // nullopt: not an operation
//
// A frame is the operation's index in `operation`, then its members in the
// order its `fields` lists them: a path as its resolved text, an fd as its
// number, a task as its pid (names never cross: the process knows
// numbers), a number in decimal, a flag as 0 or 1, an optional member as 0,
// or 1 and the member, a program's arguments as their count and the
// resolved words. Both ends are the same binary, so the index is the
// version. No locking: values.
#pragma once

#include <optional>

#include "linux_wire.hpp"
#include "netns/tools/operations.hpp"

namespace netns::tools {

linux_wire::frame encode_op(const operation& op);
std::optional<operation> decode_op(const linux_wire::frame& f);

}  // namespace netns::tools
