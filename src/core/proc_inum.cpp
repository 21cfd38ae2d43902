// SPDX-License-Identifier: GPL-2.0-only
#include "netns/core/proc_inum.hpp"

#include <algorithm>
#include <cerrno>
#include <functional>

#include "netns/core/kernel.hpp"
#include "netns/core/net.hpp"

namespace netns {

namespace {
// The last offset handed out (0xFFFFFFFF - PROC_DYNAMIC_FIRST: inode 0xFFFFFFFF).
constexpr std::uint32_t max_offset = 0xFFFFFFFFU - PROC_DYNAMIC_FIRST;
}  // namespace

result<std::uint32_t> proc_inum_allocator::alloc() {
  spin_guard l(lock_);
  std::uint32_t off;
  if (!freed_.empty()) {
    std::pop_heap(freed_.begin(), freed_.end(), std::greater<>());
    off = freed_.back();
    freed_.pop_back();
  } else {
    if (next_ > max_offset) return errc{ENOSPC};  // ida_alloc_max: the maximum is inclusive
    off = next_++;
  }
  return PROC_DYNAMIC_FIRST + off;
}

void proc_inum_allocator::free(std::uint32_t inum) {
  if (inum < PROC_DYNAMIC_FIRST) return;  // a fixed number (initial namespaces)
  spin_guard l(lock_);
  std::uint32_t off = inum - PROC_DYNAMIC_FIRST;
  freed_.push_back(off);
  std::push_heap(freed_.begin(), freed_.end(), std::greater<>());
}

std::size_t proc_inum_allocator::in_use() {
  spin_guard l(lock_);
  return next_ - freed_.size();
}

result<void> ns_alloc_inum(net& n) {
  if (n.is_init()) return ok();  // PROC_NET_INIT_INO, fixed
  kernel& k = n.owner_kernel();
  if (k.faults().should_fail(fault_point::inum_alloc)) return errc{ENOMEM};
  auto r = k.inums().alloc();
  if (!r) return r.error();
  n.ns_.inum = *r;
  return ok();
}

void ns_free_inum(net& n) {
  if (n.is_init()) return;
  // The number stays readable through passive references; it is only
  // handed out again.
  n.owner_kernel().inums().free(n.ns_.inum);
}

}  // namespace netns
