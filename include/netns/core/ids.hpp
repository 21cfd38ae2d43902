// SPDX-License-Identifier: GPL-2.0-only
// Kernel-side user and group ids (kuid_t, kgid_t) and namespace-side ids.
//
// A kuid is the id in the initial user namespace; a uid is what some user
// namespace calls it (see user_namespace.hpp: make_kuid, from_kuid). They
// are distinct types so one cannot be passed for the other.
//
// Example:
//   #include "netns/subsys/builtin.hpp"
//   auto k = boot();
//   user_namespace& ns = k->init_user_ns();
//   kuid u = make_kuid(ns, 1000);             // ns's uid 1000, as the kernel knows it
//   if (!uid_valid(u)) return errc{EINVAL};   // invalid_uid: 1000 is unmapped in ns
//   auto back = from_kuid(ns, u);             // 1000 again
//
// Cost: a 32-bit word.
#pragma once

#include <compare>
#include <cstdint>

namespace netns {

using uid_t = std::uint32_t;
using gid_t = std::uint32_t;

inline constexpr std::uint32_t invalid_id = static_cast<std::uint32_t>(-1);
// What an unmapped id reads as (/proc/sys/kernel/overflowuid, overflowgid).
inline constexpr uid_t overflowuid = 65534;
inline constexpr gid_t overflowgid = 65534;

struct kuid {
  std::uint32_t val = invalid_id;
  friend constexpr bool operator==(kuid, kuid) = default;
  friend constexpr auto operator<=>(kuid, kuid) = default;
};
struct kgid {
  std::uint32_t val = invalid_id;
  friend constexpr bool operator==(kgid, kgid) = default;
  friend constexpr auto operator<=>(kgid, kgid) = default;
};

inline constexpr kuid global_root_uid{0};
inline constexpr kgid global_root_gid{0};
inline constexpr kuid invalid_uid{invalid_id};
inline constexpr kgid invalid_gid{invalid_id};

constexpr bool uid_valid(kuid u) { return u.val != invalid_id; }
constexpr bool gid_valid(kgid g) { return g.val != invalid_id; }

}  // namespace netns
