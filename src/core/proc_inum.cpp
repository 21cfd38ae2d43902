// SPDX-License-Identifier: GPL-2.0-only
#include "netns/core/proc_inum.hpp"

#include <algorithm>
#include <bit>
#include <cerrno>

#include "netns/core/kernel.hpp"
#include "netns/core/net.hpp"

namespace netns {

namespace {
// The last offset handed out (0xFFFFFFFF - PROC_DYNAMIC_FIRST: inode 0xFFFFFFFF).
constexpr std::uint32_t max_offset = 0xFFFFFFFFU - PROC_DYNAMIC_FIRST;
}  // namespace

result<std::uint32_t> proc_inum_allocator::alloc() {
  spin_guard l(lock_);
  std::size_t w = hint_;
  while (w < used_.size() && used_[w] == ~std::uint64_t{0}) ++w;
  if (w == used_.size()) used_.push_back(0);
  hint_ = w;  // nothing free before w; w itself may have more
  const auto bit = static_cast<std::uint32_t>(std::countr_one(used_[w]));
  const std::uint64_t off = std::uint64_t{w} * 64 + bit;
  if (off > max_offset) return errc{ENOSPC};  // ida_alloc_max: the maximum is inclusive
  used_[w] |= std::uint64_t{1} << bit;
  ++in_use_;
  return PROC_DYNAMIC_FIRST + static_cast<std::uint32_t>(off);
}

void proc_inum_allocator::free(std::uint32_t inum) {
  if (inum < PROC_DYNAMIC_FIRST) return;  // a fixed number (initial namespaces)
  spin_guard l(lock_);
  const std::uint32_t off = inum - PROC_DYNAMIC_FIRST;
  const std::size_t w = off / 64;
  used_[w] &= ~(std::uint64_t{1} << (off % 64));
  --in_use_;
  hint_ = std::min(hint_, w);
}

std::size_t proc_inum_allocator::in_use() {
  spin_guard l(lock_);
  return in_use_;
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
