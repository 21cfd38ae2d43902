// SPDX-License-Identifier: GPL-2.0-only
// The allocations of the core that a test can make fail, each one the
// kernel's own (failslab's places): the points of kernel::faults().
//
// Example:
//   #include "netns/base/fault_injection.hpp"
//   fault_injector<fault_point> faults;
//   faults.arm(fault_point::ucounts_alloc, 1);             // the next ucounts allocation fails
//   bool fails = faults.should_fail(fault_point::ucounts_alloc);   // true
//
// No locking of its own: see fault_injection.hpp.
#pragma once

namespace netns {

// The places a test can make fail (each is an allocation in the kernel).
enum class fault_point {
  net_alloc,          // net_alloc(): struct net
  net_generic_alloc,  // net_alloc_generic(): a net's generic pointer array
  pernet_data_alloc,  // ops_init(): an op's zeroed generic data
  generic_id_alloc,   // register_pernet_operations(): ida_alloc of an id
  inum_alloc,         // proc_alloc_inum()
  ucounts_alloc,      // alloc_ucounts()
  user_ns_alloc,      // create_user_ns(): struct user_namespace
  ns_alloc,           // a uts, ipc, mnt, pid, cgroup or time namespace's struct
  count_
};

}  // namespace netns
