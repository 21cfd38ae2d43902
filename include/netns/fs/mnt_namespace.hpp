// SPDX-License-Identifier: GPL-2.0-only
// Mount namespaces (fs/namespace.c: alloc_mnt_ns, copy_mnt_ns, mntns_*):
// the namespace object behind /proc/PID/ns/mnt, with its owner, ucount
// (max_mnt_namespaces), inode number, id and the kernel's setns rules.
//
// Each namespace has a tree of mounts of its own: the initial one is the
// vfs's first tree (root_mount() nullptr: the vfs's own root mount); a new
// one is a copy of the tree it was made from (vfs::copy_tree_for_ns), whose
// shared mounts are peers of the originals, or their slaves, and locked,
// when the new namespace belongs to another user namespace. The last
// reference takes the tree down (vfs::drop_ns_tree).
//
// Example:
//   #include "netns/machine/machine.hpp"
//   machine m;
//   nsproxy_ref p = m.init_task().get_nsproxy();
//   fs::mnt_namespace& init = fs::to_mnt_ns(p->mnt_ns->ns());   // mnt:[4026531832]
//   cred root = m.init_task().creds();
//   auto ns = fs::copy_mnt_ns(init, *root.user_ns, root.euid, m.vfs());   // ENOSPC, ENOMEM
//
// Locking: none of its own (owned_namespace's count).
#pragma once

#include <cstdint>

#include "netns/base/refcount.hpp"
#include "netns/base/result.hpp"
#include "netns/core/owned_namespace.hpp"
#include "netns/fs/mount.hpp"

namespace netns::fs {

class vfs;

inline constexpr std::uint32_t PROC_MNT_INIT_INO = 0xEFFFFFF8U;  // 4026531832
inline constexpr std::uint64_t INIT_MNT_NS_ID = 4;               // observed NS_GET_ID

extern const ns_operations mntns_operations;

class mnt_namespace final : public owned_namespace {
 public:
  static mnt_namespace* make_init(user_namespace& init_user_ns);
  // A new namespace's NS_GET_MNTNS_ID: its id (the kernel's mnt_ns->seq
  // is the same 64-bit namespace id since 6.x).
  std::uint64_t mntns_id() const { return ns().ns_id; }
  // The root mount of its tree; nullptr for the initial namespace (the
  // vfs's own root mount). Fixed for the namespace's life: walks start
  // there (access_ctx::root).
  const vfsmount* root_mount() const { return root_.get(); }

 private:
  friend result<counted_ref<mnt_namespace, typed_ns_policy<mnt_namespace>>> copy_mnt_ns(
      mnt_namespace& old, user_namespace& owner, kuid euid, vfs& fs);
  using owned_namespace::owned_namespace;
  ~mnt_namespace() override;

  vfs* fs_ = nullptr;  // the tree's vfs (nullptr for the initial namespace)
  mount_ptr root_;
};

using mnt_ns_ref = counted_ref<mnt_namespace, typed_ns_policy<mnt_namespace>>;

// copy_mnt_ns with CLONE_NEWNS: ENOSPC at max_mnt_namespaces, ENOMEM. The
// new namespace's tree is a copy of old's in `fs`, which must outlive it.
result<mnt_ns_ref> copy_mnt_ns(mnt_namespace& old, user_namespace& owner, kuid euid, vfs& fs);

inline mnt_namespace& to_mnt_ns(ns_common& ns) {
  return static_cast<mnt_namespace&>(to_owned_ns(ns));
}

}  // namespace netns::fs
