// SPDX-License-Identifier: GPL-2.0-only
// The pernet subsystems every kernel boots with, in the kernel's order:
//
//   subsys  netns_inum       the namespace's inode number (net:[N])
//   subsys  proc_net         its /proc/net tree: the root and "stat"
//   subsys  net_defaults     core sysctls: somaxconn 4096, txrehash on
//   subsys  dev_proc         /proc/net/dev
//   device  loopback         `lo`: ifindex 1, LOOPBACK, down, mtu 65536
//   device  default_device   at exit, unregisters the devices left (lo last)
//
// The tables hold no per-kernel state, so every kernel registers the same
// immutable objects (the kernel's static pernet_operations).
//
// Example:
//   std::unique_ptr<kernel> k = boot();    // a kernel with all of these registered
//   kernel bare;
//   if (auto r = register_builtin_subsystems(bare); !r) return r;   // the same, by hand
#pragma once

#include <memory>

#include "netns/core/kernel.hpp"
#include "netns/core/pernet.hpp"

namespace netns {

// The kernel's SOMAXCONN (4096 since Linux 5.4) and SOCK_TXREHASH_ENABLED.
inline constexpr int DEFAULT_SOMAXCONN = 4096;
// (Named apart from the UAPI macro SOCK_TXREHASH_ENABLED, which <linux/socket.h> defines.)
inline constexpr std::uint8_t TXREHASH_ENABLED = 1;
// Loopback's mtu: 64 KiB, as the reference kernel shows for `lo`.
inline constexpr unsigned LOOPBACK_MTU = 65536;

pernet_operations& netns_inum_ops();
pernet_operations& proc_net_ops();
pernet_operations& net_defaults_ops();
pernet_operations& dev_proc_ops();
pernet_operations& loopback_net_ops();
pernet_operations& default_device_ops();

// Registers the built-ins in order; aborts the boot (returns the error) if
// one fails, after unregistering those already registered.
result<void> register_builtin_subsystems(kernel& k);

// A kernel with the built-in subsystems (what every caller but an ordering
// test wants). Aborts if the built-ins cannot be registered.
std::unique_ptr<kernel> boot(const kernel_config& cfg = {});

}  // namespace netns
