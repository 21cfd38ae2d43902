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
#include <vector>

#include "netns/core/user_namespace.hpp"
#include "netns/fs/inode.hpp"
#include "netns/fs/proc_options.hpp"
#include "netns/fs/tmpfs.hpp"

namespace netns::fs {

class mnt_namespace;
struct peer_group;  // src/fs/pnode.hpp
class mount_id_pool;  // src/fs/mount_ids.hpp: mount ids, freed with the mount

// The superblock flags the model keeps (SB_* of struct super_block, the
// MS_* values): what mount(2) gives a new file system and a remount
// changes (MS_RMT_MASK: not dirsync), shown in mountinfo's super options.
inline constexpr unsigned sb_rdonly = 1U;        // SB_RDONLY: every mount of it is read-only
inline constexpr unsigned sb_synchronous = 16U;  // SB_SYNCHRONOUS
inline constexpr unsigned sb_dirsync = 128U;     // SB_DIRSYNC
inline constexpr unsigned sb_lazytime = 1U << 25;  // SB_LAZYTIME
// What a remount (not MS_BIND) may change (MS_RMT_MASK's bits the model has).
inline constexpr unsigned sb_remount_mask = sb_rdonly | sb_synchronous | sb_lazytime;

// What mountinfo shows of a mount's file system (struct super_block's
// part): one object for every mount of the same file system, so that a
// remount of one is seen through all (a bind of a tmpfs, its copies in
// other namespaces).
struct tmpfs_params;  // src/fs/tmpfs_options.hpp

struct super_info {
  super_info(std::string type, std::string src, dev_id d, unsigned fl = 0, std::string opts = {},
             user_ns_ref own = {})
      : fstype(std::move(type)),
        source(std::move(src)),
        dev(d),
        options(std::move(opts)),
        owner(std::move(own)),
        sb_flags(fl) {}
  std::string fstype;  // "tmpfs", "proc", "nsfs"
  std::string source;  // the mount's source name ("tmpfs", what mount -t was given)
  dev_id dev;
  // show_options's text after the flags (",mode=755"); a remount of a
  // tmpfs rewrites it (under the vfs's mount lock, which its readers
  // hold); a proc's is made from `proc` at each show.
  mutable std::string options;
  // A proc's own options (proc_fs_info's), shared with its walks.
  std::shared_ptr<proc_sb_options> proc;
  // A tmpfs's options as made and remounted (shmem_sb_info's), for a
  // remount to check and change: under the vfs's mount lock.
  std::shared_ptr<tmpfs_params> tmpfs;
  // s_user_ns: who may remount it (CAP_SYS_ADMIN over it); empty for a
  // file system of the kernel's own (the initial user namespace).
  user_ns_ref owner;
  // SB_* flags: written under the vfs's mount lock (a remount), read
  // without it by the write checks of walks (sb_rdonly).
  mutable std::atomic<unsigned> sb_flags;
  // The files open for writing through any of its mounts, those a lazy
  // umount has detached included (the kernel walks s_mounts, which keeps
  // them): a remount to read-only is EBUSY while there is one.
  mutable std::atomic<long> writers{0};
  // A tmpfs's space and inode accounting (its s_remove_count among it);
  // empty for others.
  tmpfs_sb_ptr tmpfs_space;
};

// The mount flags (MNT_* of struct vfsmount, the kernel's values). The
// first group is what mount(2) sets and MS_REMOUNT|MS_BIND changes; the
// MNT_LOCK_* ones are set when a tree is copied into a namespace of a less
// privileged user namespace (lock_mnt_tree): there a remount may not clear
// the flag they lock (EPERM).
inline constexpr unsigned mnt_nosuid = 0x01U;      // MNT_NOSUID
inline constexpr unsigned mnt_nodev = 0x02U;       // MNT_NODEV
inline constexpr unsigned mnt_noexec = 0x04U;      // MNT_NOEXEC
inline constexpr unsigned mnt_noatime = 0x08U;     // MNT_NOATIME
inline constexpr unsigned mnt_nodiratime = 0x10U;  // MNT_NODIRATIME
inline constexpr unsigned mnt_relatime = 0x20U;    // MNT_RELATIME
inline constexpr unsigned mnt_readonly = 0x40U;    // MNT_READONLY
// MNT_NOSYMFOLLOW: a symlink on this mount is not followed (ELOOP), magic
// links of a proc mounted so included; readlink and lstat still work.
inline constexpr unsigned mnt_nosymfollow = 0x80U;
inline constexpr unsigned mnt_atime_mask = mnt_noatime | mnt_nodiratime | mnt_relatime;
inline constexpr unsigned mnt_user_settable_mask =
    mnt_nosuid | mnt_nodev | mnt_noexec | mnt_atime_mask | mnt_readonly | mnt_nosymfollow;
inline constexpr unsigned mnt_unbindable = 0x2000U;        // MNT_UNBINDABLE
inline constexpr unsigned mnt_lock_atime = 0x040000U;      // MNT_LOCK_ATIME
inline constexpr unsigned mnt_lock_noexec = 0x080000U;     // MNT_LOCK_NOEXEC
inline constexpr unsigned mnt_lock_nosuid = 0x100000U;     // MNT_LOCK_NOSUID
inline constexpr unsigned mnt_lock_nodev = 0x200000U;      // MNT_LOCK_NODEV
inline constexpr unsigned mnt_lock_readonly = 0x400000U;   // MNT_LOCK_READONLY
inline constexpr unsigned mnt_locked = 0x800000U;  // MNT_LOCKED: not to be unmounted alone

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
  // Where it was before each move (MS_MOVE of it or of a mount above it):
  // moved_from[g] is `at` as it was in generation g, under the mount lock;
  // at_gen, the current generation, may be read without it (a file's
  // d_path asks for the lock only when its generation is not current).
  mutable std::vector<std::string> moved_from;
  mutable std::atomic<std::uint32_t> at_gen{0};
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
  // The MNT_* flags above: written under the mount lock, read without
  // it by the write checks of walks (mnt_readonly).
  mutable std::atomic<unsigned> flags{0};
  // mnt_writers: the files open for writing in this mount (file::
  // hold_write_access). Taken before the read-only check and given back
  // on EROFS, as __mnt_want_write does, so that a remount to read-only,
  // which checks it after setting the flag, never misses one.
  mutable std::atomic<int> writers{0};
  // __mnt_want_write / __mnt_drop_write: a writer of this mount and of its
  // file system (super_info::writers).
  void want_write() const {
    writers.fetch_add(1, std::memory_order_seq_cst);
    sb->writers.fetch_add(1, std::memory_order_seq_cst);
  }
  void drop_write() const {
    sb->writers.fetch_sub(1, std::memory_order_release);
    writers.fetch_sub(1, std::memory_order_release);
  }
  // __mnt_is_readonly: this mount or its file system is read-only (EROFS
  // for what would write through it).
  bool is_readonly() const {
    // Sequentially consistent: a writer counts itself, then asks; a
    // remount sets the flag, then counts the writers (see `writers`).
    return (flags.load() & mnt_readonly) || (sb->sb_flags.load() & sb_rdonly);
  }
};

}  // namespace netns::fs
