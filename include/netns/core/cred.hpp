// SPDX-License-Identifier: GPL-2.0-only
// Credentials and capability checks (struct cred, ns_capable).
//
// A cred names its ids as the kernel knows them (kuid/kgid), its capability
// sets, and the user namespace they apply in. ns_capable follows the
// kernel's cap_capable: a capability in a namespace comes from holding it in
// that namespace, from being the owner of it (or of an ancestor below the
// cred's namespace) with the cred's namespace its parent, or from holding it
// in an ancestor namespace.
//
// Example:
//   #include "netns/subsys/builtin.hpp"
//   auto k = boot();
//   cred root = cred::root(k->init_user_ns());
//   cred child = root;
//   if (auto r = create_user_ns(child); !r) return r;         // child: in a new user ns
//   bool b = ns_capable(root, *child.user_ns, CAP_SYS_ADMIN);  // true: ancestors reach down
//
// Cost: a walk up the user-namespace tree (its depth is at most 33).
#pragma once

#include <memory>
#include <vector>

#include "netns/core/capability.hpp"
#include "netns/core/ids.hpp"
#include "netns/core/user_namespace.hpp"

namespace netns {

struct cred {
  kuid uid{0}, euid{0}, suid{0}, fsuid{0};
  kgid gid{0}, egid{0}, sgid{0}, fsgid{0};
  cap_set cap_inheritable = cap_empty_set;
  cap_set cap_permitted = cap_empty_set;
  cap_set cap_effective = cap_empty_set;
  cap_set cap_bset = cap_full_set;
  cap_set cap_ambient = cap_empty_set;
  // SECBIT_* (<linux/securebits.h>): KEEP_CAPS, NOROOT, NO_SETUID_FIXUP,
  // NO_CAP_AMBIENT_RAISE and the rest, each with its lock bit.
  unsigned securebits = 0;
  // The supplementary groups (group_info, shared as the kernel's is;
  // sorted; null: none, as the initial credentials have).
  std::shared_ptr<const std::vector<kgid>> group_info;
  user_ns_ref user_ns;

  cred() = default;
  cred(const cred& o);
  cred& operator=(const cred& o);
  cred(cred&&) noexcept = default;
  cred& operator=(cred&&) noexcept = default;

  // uid 0 with every capability in `ns` (the init task's credentials).
  static cred root(user_namespace& ns);
};

// Does `c` have capability `cap` in namespace `target`? The common case,
// a target that is the cred's own namespace, is inline (setns asks twice).
bool ns_capable_walk(const cred& c, const user_namespace& target, int cap);
inline bool ns_capable(const cred& c, const user_namespace& target, int cap) {
  if (&target == c.user_ns.get()) return c.cap_effective.raised(cap);
  return ns_capable_walk(c, target, cap);
}

}  // namespace netns
