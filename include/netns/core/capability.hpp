// SPDX-License-Identifier: GPL-2.0-only
// Capability sets over the numbers of <linux/capability.h>, as on the
// reference kernel (CAP_LAST_CAP = CAP_CHECKPOINT_RESTORE = 40, so a full set reads
// 000001ffffffffff in /proc/<pid>/status).
//
// Example:
//   cap_set s = cap_full_set;
//   s.drop(CAP_SYS_ADMIN);
//   bool b = s.raised(CAP_NET_ADMIN);   // true
//
// Cost: a 64-bit word.
#pragma once

#include <linux/capability.h>

#include <cstdint>

namespace netns {

// CAP_SYS_ADMIN, CAP_NET_ADMIN, ... and CAP_LAST_CAP come from <linux/capability.h>.
static_assert(CAP_LAST_CAP == 40, "the reference kernel's last capability is CAP_CHECKPOINT_RESTORE");

struct cap_set {
  std::uint64_t bits = 0;

  constexpr bool raised(int cap) const { return cap >= 0 && cap <= CAP_LAST_CAP && (bits >> cap) & 1; }
  constexpr void raise(int cap) { bits |= std::uint64_t{1} << cap; }
  constexpr void drop(int cap) { bits &= ~(std::uint64_t{1} << cap); }
  constexpr bool empty() const { return bits == 0; }
  friend constexpr bool operator==(cap_set, cap_set) = default;
};

inline constexpr cap_set cap_empty_set{0};
inline constexpr cap_set cap_full_set{(std::uint64_t{1} << (CAP_LAST_CAP + 1)) - 1};

}  // namespace netns
