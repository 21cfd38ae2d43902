// SPDX-License-Identifier: GPL-2.0-only
// The proc inode-number allocator (proc_alloc_inum / proc_free_inum).
//
// Namespaces and procfs entries draw their inode numbers from one range that
// starts at PROC_DYNAMIC_FIRST; the lowest free number is handed out first,
// so a number is reused once its owner has been cleaned up (not before: a net
// frees its number in the inode subsystem's exit, as the reference kernel
// shows in linux-behaviour.md section 1).
//
// Example:
//   proc_inum_allocator inums;                     // a kernel's: k.inums()
//   result<std::uint32_t> ino = inums.alloc();     // 4026531840, ...
//   if (!ino) return ino.error();                  // ENOSPC
//   inums.free(*ino);
//
// Locking: one spinlock. Cost: a bitmap of the numbers in use with a hint
// below which every number is taken; the lowest free number is found from
// the hint, so making and destroying namespaces one after another is O(1)
// (a heap of freed numbers was 7% of a create+destroy).
#pragma once

#include <cstdint>
#include <vector>

#include "netns/base/result.hpp"
#include "netns/base/thread_annotations.hpp"

namespace netns {

class net;

class proc_inum_allocator {
 public:
  // ENOSPC when the range is exhausted.
  result<std::uint32_t> alloc();
  void free(std::uint32_t inum);
  // Numbers currently handed out.
  std::size_t in_use();

 private:
  spinlock lock_;
  std::vector<std::uint64_t> used_ NETNS_GUARDED_BY(lock_);  // bit per offset: taken
  std::size_t hint_ NETNS_GUARDED_BY(lock_) = 0;  // every word before it is full
  std::size_t in_use_ NETNS_GUARDED_BY(lock_) = 0;
};

// A net's inode number (the netns-inum pernet subsystem). The initial net
// keeps its fixed number PROC_NET_INIT_INO.
result<void> ns_alloc_inum(net& n);
void ns_free_inum(net& n);

}  // namespace netns
