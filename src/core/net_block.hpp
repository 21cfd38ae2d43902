// SPDX-License-Identifier: GPL-2.0-only
// A net and its first generic array are one allocation (net_namespace.cpp
// makes and frees it; pernet.cpp must not free that array when it replaces
// it). Most namespaces never outgrow the array they are made with
// (INITIAL_NET_GEN_PTRS ids), so this saves an allocation, a free and a
// cache line per namespace. Not a kernel structure: the kernel allocates
// net_generic separately; nothing observable depends on it.
#pragma once

#include <atomic>
#include <cstddef>

#include "netns/core/net.hpp"
#include "netns/core/net_generic.hpp"

namespace netns {

inline constexpr std::size_t net_embedded_gen_len = INITIAL_NET_GEN_PTRS;
inline constexpr std::size_t net_embedded_gen_bytes =
    sizeof(net_generic_array) + (net_embedded_gen_len - MIN_PERNET_OPS_ID) * sizeof(std::atomic<void*>);
// Whole cache lines: an aligned allocation of a size that is not a
// multiple of its alignment was given a larger size class.
inline constexpr std::size_t net_block_bytes =
    (sizeof(net) + net_embedded_gen_bytes + alignof(net) - 1) / alignof(net) * alignof(net);

// The array that follows the net in its block.
inline net_generic_array* net_embedded_gen(const net* n) {
  return reinterpret_cast<net_generic_array*>(reinterpret_cast<char*>(const_cast<net*>(n)) + sizeof(net));
}

}  // namespace netns
