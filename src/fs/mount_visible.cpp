// SPDX-License-Identifier: GPL-2.0-only
// mount_too_revealing (fs/namespace.c): in a mount namespace of a user
// namespace other than the initial one, a new proc may be mounted only
// where a proc is already fully visible, so that a mount made to hide part
// of /proc from the namespace (a tmpfs on /proc/sys, locked there when the
// namespace was copied) cannot be got round by mounting proc again.
#include "netns/fs/vfs.hpp"

#include "mount_flags.hpp"

namespace netns::fs {

namespace {

// The part of mnt_already_visible that looks at one proc mount of flags
// `mnt_flags` and read-only file system `sb_ro`: its flags are equal to or
// more permissive than the new mount's (a locked read-only needs a
// read-only new mount, a locked atime the same atime), and none of
// `children` is a locked mount (the model's proc has no permanently empty
// directory a locked mount could cover harmlessly). Where it is visible,
// its locked read-only and atime are the new mount's too.
bool fully_visible(unsigned mnt_flags, bool sb_ro, const std::vector<const vfsmount*>& children,
                   unsigned& new_flags) {
  if (sb_ro) mnt_flags |= mnt_lock_readonly;
  if ((mnt_flags & mnt_lock_readonly) && !(new_flags & mnt_readonly)) return false;
  if ((mnt_flags & mnt_lock_atime) &&
      (mnt_flags & mnt_atime_mask) != (new_flags & mnt_atime_mask))
    return false;
  for (const vfsmount* c : children)
    if (c->flags.load(std::memory_order_relaxed) & mnt_locked) return false;
  new_flags |= mnt_flags & (mnt_lock_readonly | mnt_lock_atime);
  return true;
}

}  // namespace

bool vfs::mount_too_revealing(const mount* ns_root, unsigned& new_flags) {
  if (!ns_userns(ns_root)) return false;  // the initial user namespace's: anything goes
  for (const mount* m : ns_mounts_in_order(ns_root)) {
    // A mount of a proc's root (a bind of one's root too: mnt_root is
    // s_root there).
    if (m->sb->fstype == "proc" && m->root_path == "/") {
      if (fully_visible(m->flags.load(std::memory_order_relaxed),
                        m->sb->sb_flags.load(std::memory_order_relaxed) & sb_rdonly,
                        children_of(m), new_flags))
        return false;
      continue;
    }
    // The world's /proc, which the model keeps in the root file system
    // rather than as a mount of its own: seen from the namespace's root
    // mount, whose locks (lock_mnt_tree, when the namespace was copied)
    // stand for the ones a copy of that proc mount would have; its
    // children are the mounts on /proc (on the proc's root directory,
    // which is not empty) and on paths below it.
    if (m != ns_root || !proc_dir_ || m->sb != root_sb_ || m->root_path != "/") continue;
    const unsigned root_fl = m->flags.load(std::memory_order_relaxed);
    unsigned fl = world_proc_mnt_flags;
    if (root_fl & mnt_lock_atime) fl |= lock_flags_of(fl);
    std::vector<const mount*> below;
    for (const mount* c : children_of(m))
      if (c->at == "/proc" || c->at.starts_with("/proc/")) below.push_back(c);
    if (fully_visible(fl, false, below, new_flags)) return false;
  }
  return true;
}

}  // namespace netns::fs
