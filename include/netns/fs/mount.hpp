// SPDX-License-Identifier: GPL-2.0-only
// A mount (struct vfsmount with what the model needs of struct mount): a
// tree seen in place of a directory or file of its parent mount. The
// vfs's mount table holds them (vfs::mount_bind, umount, make_shared); an
// open file holds the one it was opened in (file::mnt), which is how
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
//   const fs::vfsmount* m = (*f)->mnt();          // the bind mount: m->at is "/b"
//   if (auto r = tree.umount(kernel, "/b"); !r) return r;
//   bool gone = m->detached.load();               // true: (*f)->d_path() is now "/"
//
// Locking: a mount's fields are fixed when it is made, but for `detached`
// (an atomic, set once). Walks hold mounts by raw pointer inside their read
// section: an unhooked mount is let go only after a grace period. Cost: a
// mount is one allocation; nothing here is on a walk's path unless a mount
// sits where the walk goes (inode::mounted_).
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "netns/fs/inode.hpp"

namespace netns::fs {

// A mount: `root` is seen in place of `mountpoint`, an inode of the parent
// mount. Mounts are keyed by (parent mount, mount point), as in Linux, so a
// directory bound onto itself or a mount stacked on a bind mount affects
// only that place. Walks hold mounts by raw pointer: an unhooked mount is
// let go only after a grace period. A file opened in a mount holds it.
struct vfsmount : std::enable_shared_from_this<vfsmount> {
  vfsmount(std::shared_ptr<const vfsmount> p, inode_ptr mp, inode_ptr r, std::string where)
      : parent(std::move(p)), mountpoint(std::move(mp)), root(std::move(r)), at(std::move(where)) {}
  std::shared_ptr<const vfsmount> parent;  // nullptr for the root mount
  inode_ptr mountpoint;                    // kept alive while covered
  inode_ptr root;
  std::string at;  // the mount point's path ("" for the root mount)
  // Set by the lazy umount of this mount or of one above it: paths of the
  // files in it then start at its root (d_path gives "/" for that root).
  mutable std::atomic<bool> detached{false};
};

}  // namespace netns::fs
