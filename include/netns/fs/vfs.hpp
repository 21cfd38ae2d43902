// SPDX-License-Identifier: GPL-2.0-only
// A small VFS: the tree, path walks, and bind mounts. The entry point of
// the fs layer: it includes inode.hpp (inodes, open files, permission),
// tmpfs.hpp (the in-memory file system of "/" and /run) and mount.hpp.
//
// Enough of Linux's file-system semantics for namespace files to be named
// and pinned the way the kernel does it: absolute paths with "." and "..",
// directories, regular files, symlinks (procfs's /proc/self, /proc/net, ns
// links), mkdir / creat (O_EXCL) / unlink / rmdir, open / close, stat and
// lstat, readlink, bind mounts of a file onto a file or a directory onto a
// directory, and lazy unmounts. Errors are Linux's: ENOENT, ENOTDIR, EEXIST,
// EISDIR, ENOTEMPTY, EBUSY, EINVAL, ELOOP, ENAMETOOLONG, EACCES, EPERM.
//
// Example:
//   #include "netns/machine/machine.hpp"
//   machine m;                                 // a vfs with /proc and /run/netns
//   fs::vfs& fs = m.vfs();
//   fs::access_ctx root = m.init_task().access();   // credentials, and pid 1 for /proc/self
//   auto f = fs.open(root, "/run/netns/x", O_RDONLY | O_CREAT | O_EXCL, 0);
//   if (!f) return f.error();                  // EEXIST, EACCES, ...
//   if (auto r = fs.mount_bind(root, "/proc/self/ns/net", "/run/netns/x"); !r) return r;
//   return fs.umount(root, "/run/netns/x");    // MNT_DETACH
//
// Walks are RCU walks (the kernel's LOOKUP_RCU): they run inside an
// rcu::read_guard over raw pointers and take no lock and no reference on
// the way; only what the call returns is held. That rests on one rule for
// every inode a lookup can reach: it is freed no sooner than a grace period
// after it was unhooked (tmpfs and mounts wait for one before letting go;
// procfs keeps per-task inodes until the task's exit has waited for one),
// or the lookup hands it back pinned (lookup_ref::pin).
//
// Locking: a directory's writers take its mutex and its readers none; the
// mount table has a mutex, taken by walks only where a mount sits
// (inode::mounted_). unlink, rmdir and umount wait for a grace period, so
// they must not be called inside an rcu::read_guard.
// Cost: a walk is a hash probe per tmpfs component and no allocation.
// In src/fs: vfs.cpp (the calls on paths), walk.cpp (the path walk),
// mount.cpp (the mount table), inode.cpp, tmpfs.cpp.
#pragma once

#include <fcntl.h>

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "netns/base/result.hpp"
#include "netns/base/thread_annotations.hpp"
#include "netns/fs/inode.hpp"
#include "netns/fs/mount.hpp"
#include "netns/fs/tmpfs.hpp"

namespace netns::fs {

// The tree and the mount table.
class vfs {
 public:
  vfs();

  // Walks `path` (absolute; "." and ".." allowed; ".." at "/" stays there),
  // following symlinks in every component and, if `follow`, in the last one.
  // Mounts are crossed. ELOOP after 40 links; ENAMETOOLONG past PATH_MAX or a
  // component past NAME_MAX; EINVAL for a relative path.
  result<inode_ptr> resolve(const access_ctx& ctx, std::string_view path, bool follow = true);

  result<void> mkdir(const access_ctx& ctx, std::string_view path, std::uint32_t mode);
  result<void> rmdir(const access_ctx& ctx, std::string_view path);
  result<void> unlink(const access_ctx& ctx, std::string_view path);
  // open(2): O_CREAT (O_EXCL), O_DIRECTORY, O_NOFOLLOW (ELOOP on a symlink),
  // O_PATH; the access mode is checked against the inode's permissions.
  result<file_ptr> open(const access_ctx& ctx, std::string_view path, int flags,
                        std::uint32_t mode = 0);
  result<stat_info> stat(const access_ctx& ctx, std::string_view path);
  result<stat_info> lstat(const access_ctx& ctx, std::string_view path);
  result<std::string> readlink(const access_ctx& ctx, std::string_view path);
  result<std::vector<std::string>> readdir(const access_ctx& ctx, std::string_view path);

  // mount --bind SRC DST (not recursive): DST is looked up first (ENOENT,
  // ENOTDIR), then the caller needs CAP_SYS_ADMIN in the initial user
  // namespace (EPERM), then SRC; a file goes on a file and a directory on a
  // directory (else ENOTDIR). The mount holds SRC's inode, and so whatever
  // it pins, until unmounted.
  // recursive (MS_BIND | MS_REC, mount --rbind): the mounts below SRC are
  // copied below DST too, at the same places.
  result<void> mount_bind(const access_ctx& ctx, std::string_view src, std::string_view dst,
                          bool recursive = false);
  // umount2(DST, MNT_DETACH): lookup errors, then EPERM, then EINVAL if DST
  // is not the root of a mount. Mounts below it go with it.
  result<void> umount(const access_ctx& ctx, std::string_view dst);
  // mount --make-shared DST (MS_SHARED): lookup errors, then EPERM, then
  // EINVAL if DST is not the root of a mount. The model has one mount
  // namespace, so there is nothing to propagate to: the checks are all.
  result<void> make_shared(const access_ctx& ctx, std::string_view dst);

  // The root directory, to attach special file systems (procfs at /proc).
  const std::shared_ptr<tmpfs_dir>& root() const { return root_; }
  // Tells walks where procfs is: `dir`, the root's entry "proc", and its
  // link "self". An attached root stays for the vfs's life (rmdir gives
  // EBUSY), so walks of "/proc/self/..." may enter the reader's
  // /proc/<pid> in one step instead of two lookups and a link (see
  // walker::enter_proc_self). Called once, before any walk.
  void set_procfs(inode* dir, inode* self_link) {
    proc_dir_ = dir;
    proc_self_ = self_link;
  }
  // Inode numbers for tmpfs objects.
  std::uint64_t next_ino();
  // get_next_ino: inode numbers for files with no file system of their own
  // behind them (sockets), a counter of this tree's.
  std::uint64_t get_next_ino() { return next_free_ino_.fetch_add(1, std::memory_order_relaxed); }
  // Mount points currently in use (for tests and /proc/self/mountinfo later).
  std::size_t mount_count();
  // Drops every mount (the machine's teardown).
  void detach_all();

 private:
  using mount = vfsmount;

  class walker;  // one path walk (walk.hpp)
  // The last step of open(): the node's file, named by the walk's path.
  static result<file_ptr> open_at(const access_ctx& ctx, inode& node, int flags, const walker& w);
  // Walks `path` and calls f(inode&) inside the walk's read section; the
  // walk's error, or ENOENT for a missing last component, instead.
  template <class F>
  auto at_node(const access_ctx& ctx, std::string_view path, bool follow, F&& f)
      -> decltype(f(std::declval<inode&>()));
  // For rmdir and unlink: walks `path` without following a final link,
  // runs check(walker) inside the read section, and hands back the parent
  // (held) and the name, to be removed after the read section ends.
  struct removal {
    inode_ptr parent;
    std::string name;
  };
  template <class Check>
  result<removal> to_remove(const access_ctx& ctx, std::string_view path, Check&& check);
  // Steps from (mnt, node) through every mount stacked there. Most inodes
  // have none: one atomic load decides.
  void follow_mounts(const mount*& mnt, inode*& node) {
    if (node->mounted_.load(std::memory_order_acquire) != 0) follow_mounts_slow(mnt, node);
  }
  void follow_mounts_slow(const mount*& mnt, inode*& node);
  // Puts m on (parent, point), replacing what was there (into `replaced`).
  void add_mount_locked(const mount* parent, const inode* point, mount_ptr m,
                        std::vector<mount_ptr>& replaced) NETNS_REQUIRES(mounts_lock_);
  std::vector<mount_ptr> copy_mounts_below(const mount* src, const std::string& src_path,
                                           const mount_ptr& top, const std::string& top_path)
      NETNS_REQUIRES(mounts_lock_);
  // Lets go of unhooked mounts once no walk can still be on them.
  static void release_after_grace_period(std::vector<mount_ptr>& gone);

  std::shared_ptr<tmpfs_dir> root_;
  mount_ptr root_mount_;
  inode* proc_dir_ = nullptr;   // set_procfs
  inode* proc_self_ = nullptr;
  std::atomic<std::uint64_t> next_free_ino_{10000};
  mutex mounts_lock_;
  std::map<std::pair<const mount*, const inode*>, mount_ptr> mounts_
      NETNS_GUARDED_BY(mounts_lock_);
};

}  // namespace netns::fs
