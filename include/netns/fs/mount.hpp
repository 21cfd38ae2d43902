// SPDX-License-Identifier: GPL-2.0-only
// A mount (struct vfsmount with what the model needs of struct mount): a
// tree seen in place of a directory or file of its parent mount, in one
// mount namespace, with its propagation state (fs/pnode.h: shared in a peer
// group, a slave of one, unbindable). The vfs's mount table holds them
// (vfs::mount_bind, mount_fs, umount, change_type, the namespace copies);
// an open file holds the one it was opened in (file::mnt), which is how
// d_path knows that a lazy umount took the file's tree away.
//
// Example:
//   #include "netns/fs/vfs.hpp"
//   fs::vfs tree;                                 // "/" alone
//   fs::access_ctx kernel{};                      // no credentials: every check passes
//   if (auto r = tree.mkdir(kernel, "/a", 0755); !r) return r;
//   if (auto r = tree.mkdir(kernel, "/b", 0755); !r) return r;
//   if (auto r = tree.mount_bind(kernel, "/a", "/b"); !r) return r;
//   auto f = tree.open(kernel, "/b", O_RDONLY | O_DIRECTORY);
//   if (!f) return f.error();
//   const fs::vfsmount* m = (*f)->mnt();          // the bind mount: m->at is "/b", m->root_path "/a"
//   if (auto r = tree.umount(kernel, "/b"); !r) return r;
//   bool gone = m->detached.load();               // true: (*f)->d_path() is now "/"
//
// Locking: `root` is fixed when the mount is made; `detached` is an atomic,
// set once. Where a mount sits (parent, mountpoint, at) changes only
// under the vfs's mount lock (the kernel's namespace_sem and mount_lock),
// when propagation tucks a copy under it or takes that copy away again
// (mnt_change_mountpoint) or when it is moved (MS_MOVE); walks find
// mounts through the table under that lock, and d_path walks up through
// parent_rcu inside a read section (an old parent is let go only after a
// grace period). The namespace and propagation fields are written and
// read under the mount lock only. Walks hold mounts by raw pointer
// inside their read section: an unhooked mount is let go only after a
// grace period. Cost: a mount is one allocation; nothing here is on a
// walk's path unless a mount sits where the walk goes (inode::mounted_).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "netns/fs/inode.hpp"

namespace netns::fs {

class mnt_namespace;
struct peer_group;  // src/fs/pnode.hpp
class mount_id_pool;  // src/fs/mount_ids.hpp: mount ids, freed with the mount

// What mountinfo shows of a mount's file system (struct super_block's part).
struct super_info {
  std::string fstype;  // "tmpfs", "proc", "nsfs"
  std::string source;  // the mount's source name ("tmpfs", what mount -t was given)
  dev_id dev;
};

// The mount flags the model keeps (MNT_* of struct vfsmount).
inline constexpr unsigned mnt_unbindable = 1U;  // MNT_UNBINDABLE
inline constexpr unsigned mnt_locked = 2U;      // MNT_LOCKED: not to be unmounted alone

// A mount: `root` is seen in place of `mountpoint`, an inode of the parent
// mount. Mounts are keyed by (parent mount, mount point), as in Linux, so a
// directory bound onto itself or a mount stacked on a bind mount affects
// only that place, and each mount namespace's copies are mounts of their
// own. A file opened in a mount holds it.
struct vfsmount : std::enable_shared_from_this<vfsmount> {
  vfsmount(std::shared_ptr<const vfsmount> p, inode_ptr mp, inode_ptr r, std::string where)
      : parent(std::move(p)),
        mountpoint(std::move(mp)),
        root(std::move(r)),
        at(std::move(where)),
        parent_rcu(parent.get()) {}
  ~vfsmount();
  vfsmount(const vfsmount&) = delete;
  vfsmount& operator=(const vfsmount&) = delete;

  // Under the mount lock (see above). nullptr for a namespace's root
  // mount, which never gets one; every other mount always has one.
  mutable std::shared_ptr<const vfsmount> parent;
  mutable inode_ptr mountpoint;  // kept alive while covered
  inode_ptr root;
  mutable std::string at;  // the mount point's path in its namespace ("" for the root mount)
  // `parent` for readers without the mount lock (d_path, in a read section).
  mutable std::atomic<const vfsmount*> parent_rcu;
  // mnt_has_parent: fixed for the mount's life, so read without the lock.
  bool has_parent() const { return parent_rcu.load(std::memory_order_relaxed) != nullptr; }
  // Set by the lazy umount of this mount or of one above it: paths of the
  // files in it then start at its root (d_path gives "/" for that root).
  mutable std::atomic<bool> detached{false};

  // mountinfo's view, fixed when the mount is made.
  std::shared_ptr<const super_info> sb;
  std::string root_path = "/";  // the root's path in its file system ("/x", "net:[N]")
  int id = 0;                   // mnt_id: lowest free, reused once the mount is freed
  std::uint64_t seq = 0;        // creation order (mnt_id_unique): mountinfo's order
  std::shared_ptr<mount_id_pool> ids;  // gives `id` back when the mount goes
  // A namespace's root mount: the namespace (nullptr for the initial one).
  const mnt_namespace* owner_ns = nullptr;

  // Under the vfs's mount lock. The root mount of the namespace this mount
  // is in (nullptr once unmounted: check_mnt fails).
  mutable const vfsmount* ns_root = nullptr;
  mutable peer_group* group = nullptr;   // shared: its peer group
  mutable peer_group* master = nullptr;  // a slave: the group it receives from
  mutable unsigned flags = 0;            // mnt_unbindable, mnt_locked
};

}  // namespace netns::fs
