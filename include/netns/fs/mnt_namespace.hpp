// SPDX-License-Identifier: GPL-2.0-only
// Mount namespaces (fs/namespace.c: alloc_mnt_ns, copy_mnt_ns, mntns_*):
// the namespace object behind /proc/PID/ns/mnt, with its owner, ucount
// (max_mnt_namespaces), inode number, id and the kernel's setns rules.
//
// What the model does not do yet: a namespace does not have a mount tree
// of its own. Every mount namespace sees the vfs's one tree, so a mount
// made after unshare(CLONE_NEWNS) is seen in the namespace it was made
// from too (docs/architecture.md, conformance/README.md's differences).
//
// Example:
//   #include "netns/machine/machine.hpp"
//   machine m;
//   nsproxy_ref p = m.init_task().get_nsproxy();
//   fs::mnt_namespace& init = fs::to_mnt_ns(p->mnt_ns->ns());   // mnt:[4026531832]
//   cred root = m.init_task().creds();
//   auto ns = fs::copy_mnt_ns(init, *root.user_ns, root.euid);   // ENOSPC, ENOMEM
//
// Locking: none of its own (owned_namespace's count).
#pragma once

#include <cstdint>

#include "netns/base/refcount.hpp"
#include "netns/base/result.hpp"
#include "netns/core/owned_namespace.hpp"

namespace netns::fs {

inline constexpr std::uint32_t PROC_MNT_INIT_INO = 0xEFFFFFF8U;  // 4026531832
inline constexpr std::uint64_t INIT_MNT_NS_ID = 4;               // observed NS_GET_ID

extern const ns_operations mntns_operations;

class mnt_namespace final : public owned_namespace {
 public:
  static mnt_namespace* make_init(user_namespace& init_user_ns);
  // A new namespace's NS_GET_MNTNS_ID: its id (the kernel's mnt_ns->seq
  // is the same 64-bit namespace id since 6.x).
  std::uint64_t mntns_id() const { return ns().ns_id; }

 private:
  friend result<counted_ref<mnt_namespace, typed_ns_policy<mnt_namespace>>> copy_mnt_ns(
      mnt_namespace& old, user_namespace& owner, kuid euid);
  using owned_namespace::owned_namespace;
};

using mnt_ns_ref = counted_ref<mnt_namespace, typed_ns_policy<mnt_namespace>>;

// copy_mnt_ns with CLONE_NEWNS: ENOSPC at max_mnt_namespaces, ENOMEM.
result<mnt_ns_ref> copy_mnt_ns(mnt_namespace& old, user_namespace& owner, kuid euid);

inline mnt_namespace& to_mnt_ns(ns_common& ns) {
  return static_cast<mnt_namespace&>(to_owned_ns(ns));
}

}  // namespace netns::fs
