// SPDX-License-Identifier: GPL-2.0-only
// What every namespace has: its type, its inode number (the N in net:[N])
// and its 64-bit id (NS_GET_ID; for a net also the net cookie).
//
// Constants are the reference kernel's: the fixed inode
// numbers of the initial namespaces and their NS_GET_ID values, and the
// first number of the dynamic proc inode range.
//
// Example:
//   #include "netns/subsys/builtin.hpp"
//   auto k = boot();
//   const ns_common& ns = k->init_net().ns();
//   bool is_net = ns.type == CLONE_NEWNET;                                     // true
//   bool fixed = ns.inum == PROC_NET_INIT_INO && ns.ns_id == INIT_NET_NS_ID;   // true
#pragma once

#include <sched.h>

#include <cstdint>

namespace netns {

// CLONE_NEWNET, CLONE_NEWUSER, ... come from <sched.h>, with the kernel's values.

// include/linux/proc_ns.h
inline constexpr std::uint32_t PROC_USER_INIT_INO = 0xEFFFFFFDU;  // 4026531837
inline constexpr std::uint32_t PROC_NET_INIT_INO = 0xEFFFFFF9U;   // 4026531833
inline constexpr std::uint32_t PROC_DYNAMIC_FIRST = 0xF0000000U;  // 4026531840

// NS_GET_ID of the initial namespaces, as observed on the reference kernel
// (linux-behaviour.md section 2), and where ids of new namespaces start.
inline constexpr std::uint64_t INIT_NET_NS_ID = 3;
inline constexpr std::uint64_t INIT_USER_NS_ID = 4099;
inline constexpr std::uint64_t FIRST_DYNAMIC_NS_ID = 4100;

struct ns_common {
  unsigned long type = 0;    // CLONE_NEWNET, CLONE_NEWUSER
  std::uint32_t inum = 0;    // 0 until the inode subsystem assigned one
  std::uint64_t ns_id = 0;   // never 0 once created, never reused
};

}  // namespace netns
