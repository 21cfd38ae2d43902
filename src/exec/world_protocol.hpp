// SPDX-License-Identifier: GPL-2.0-only
// What `netns exec --world` and `netns serve` say to each other over the
// world's socket (SOCK_SEQPACKET): one request, one reply.
#pragma once

#include <cstdint>
#include <string>

#include "netns/base/result.hpp"

namespace netns::exec_detail {

// Client to server, with SCM_RIGHTS: the filter's listener, a pidfd on the
// program's first process and, with want_trace, the fd to trace to.
struct world_request {
  std::uint32_t magic = world_magic;
  std::uint32_t want_trace = 0;
  static constexpr std::uint32_t world_magic = 0x6e65746e;  // "netn"
};

// Server to client: the program's model pid (> 0), or an errno, negated.
struct world_reply {
  std::int32_t value = 0;
};

// A connected socket to the world at path, or connect's errno.
result<int> connect_world(const std::string& path);

}  // namespace netns::exec_detail
