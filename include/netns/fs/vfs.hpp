// SPDX-License-Identifier: GPL-2.0-only
// A small VFS: inodes, open files, path walks, and bind mounts.
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
// Special file systems (procfs, nsfs) are inode subclasses: a directory's
// lookup may answer differently per caller (access_ctx), which is how
// /proc/self and /proc/<pid>/net follow the reader.
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
#pragma once

#include <fcntl.h>
#include <sys/stat.h>

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "netns/base/rcu_name_table.hpp"
#include "netns/base/result.hpp"
#include "netns/base/thread_annotations.hpp"
#include "netns/core/cred.hpp"

namespace netns::fs {

class inode;
class file;
using inode_ptr = std::shared_ptr<inode>;
using file_ptr = std::shared_ptr<file>;

// What a lookup hands to a walk: the inode, valid until the walk's RCU read
// section ends. Inodes that stay allocated a grace period past their
// unhooking come back bare; one made for this lookup alone comes back with
// `pin` owning it.
struct lookup_ref {
  inode* node = nullptr;
  inode_ptr pin;
  // follow_link only: set when the link's body is one entry of the link's
  // own directory (/proc/self is "<pid>"), handed back as `node`; the walk
  // then takes that entry as if it had read the body and looked it up.
  // Empty for a magic link. Must outlive the walk's read section.
  std::string_view sibling;
  // Optional: a reference to `node` that lives through the walk's read
  // section (an open file's), which open() copies instead of taking one
  // with shared_from_this (a compare-and-swap loop).
  const inode_ptr* held = nullptr;
  // follow_link of /proc/<pid>/fd/N: the open file the link leads to, alive
  // through the read section (the task's own, or kept by `pin`). The walk
  // goes on from where that file was opened (nd_jump_link to its f_path):
  // its mount, and its path for naming what the walk reaches.
  const file* via = nullptr;
  lookup_ref() = default;
  lookup_ref(inode* stable) : node(stable) {}                              // NOLINT
  lookup_ref(inode_ptr owned) : node(owned.get()), pin(std::move(owned)) {}  // NOLINT
  static lookup_ref held_by(const inode_ptr& p) {
    lookup_ref r(p.get());
    r.held = &p;
    return r;
  }
  static lookup_ref entry_of_link_dir(inode* stable, std::string_view name) {
    lookup_ref r(stable);
    r.sibling = name;
    return r;
  }
};

// Who walks a path: credentials for permission checks, and the pid and tid
// that /proc/self and /proc/thread-self name.
struct access_ctx {
  const cred* creds = nullptr;
  int pid = 0;  // thread-group id
  int tid = 0;  // 0: same as pid
  int thread_id() const { return tid ? tid : pid; }
};

// Device numbers of the file systems (observed: nsfs 0:4, procfs 0:21 here).
struct dev_id {
  std::uint32_t major = 0, minor = 0;
  friend bool operator==(const dev_id&, const dev_id&) = default;
};
inline constexpr dev_id nsfs_dev{0, 4};
inline constexpr dev_id procfs_dev{0, 21};
inline constexpr dev_id tmpfs_dev{0, 25};

// Access masks of permission checks (MAY_EXEC, MAY_WRITE, MAY_READ).
inline constexpr int MAY_EXEC = 1, MAY_WRITE = 2, MAY_READ = 4;

struct stat_info {
  std::uint64_t ino = 0;
  dev_id dev;
  std::uint32_t mode = 0;  // S_IF* | permission bits
  std::uint32_t nlink = 1;
  kuid uid{0};
  kgid gid{0};
  std::uint64_t size = 0;
  std::uint32_t blksize = 4096;
};

// Anything reachable by a path. Directory, symlink and open operations are
// virtual; the defaults give the errno a file of the wrong kind gets.
class inode : public std::enable_shared_from_this<inode> {
 public:
  virtual ~inode() = default;

  // S_IFDIR, S_IFREG, S_IFLNK (the type bits of stat's mode): fixed when
  // the inode is made, and read without a virtual call on every step of a
  // walk.
  std::uint32_t type() const { return type_; }
  bool is_dir() const { return type_ == S_IFDIR; }
  bool is_symlink() const { return type_ == S_IFLNK; }
  virtual result<stat_info> getattr(const access_ctx& ctx) const = 0;
  // inode_permission for `mask` (MAY_*): generic_permission over getattr's
  // owner and mode unless the file system has its own rule (sysctl files).
  virtual result<void> permission(const access_ctx& ctx, int mask) const;
  // Permission bits that never change (procfs directories, nsfs files,
  // tmpfs: the model has no chmod), or 0. When owner, group and other bits
  // all grant a request, the caller's identity cannot matter, and the check
  // needs no getattr.
  std::uint32_t fixed_mode() const { return fixed_mode_; }
  // S_IMMUTABLE (nsfs): any write access is EPERM, before the mode bits.
  virtual bool immutable() const { return false; }

  // Whether a missing name here is a place to create (a negative entry, as
  // tmpfs's lookup leaves) rather than a failed lookup (procfs's: ENOENT
  // before any permission check, so mkdir and O_CREAT fail with ENOENT).
  virtual bool creatable_entries() const { return false; }
  // unlink and rmdir of this inode, or of an entry in it, are EPERM before
  // permission and the entry's type are looked at (probed on /proc/PID
  // directories, as root and as an unprivileged uid).
  virtual bool removal_forbidden() const { return false; }

  // Directories. lookup: ENOENT if absent. Called inside an rcu::read_guard.
  virtual result<lookup_ref> lookup(const access_ctx& ctx, std::string_view name);
  virtual result<std::vector<std::string>> readdir(const access_ctx& ctx);
  virtual result<inode_ptr> create(const access_ctx& ctx, std::string_view name,
                                   std::uint32_t mode);
  virtual result<inode_ptr> mkdir(const access_ctx& ctx, std::string_view name,
                                  std::uint32_t mode);
  // unlink and rmdir wait for a grace period before letting the entry go:
  // never inside an rcu::read_guard.
  virtual result<void> unlink(const access_ctx& ctx, std::string_view name);
  virtual result<void> rmdir(const access_ctx& ctx, std::string_view name);

  // Symlinks: the target text, or a jump straight to an inode (procfs's
  // ns links are "magic": their text is net:[N], yet they lead to the file).
  virtual result<std::string> readlink(const access_ctx& ctx);
  // readlink into a string of the walk's (reusing its buffer); procfs's
  // /proc/self writes its digits in place, since every /proc/self walk
  // follows it.
  virtual result<void> readlink_into(const access_ctx& ctx, std::string& out);
  // Inside an rcu::read_guard, like lookup; node == nullptr: walk readlink's text.
  virtual result<lookup_ref> follow_link(const access_ctx& ctx);

  // Opening; flags as open(2). `self` is a reference to this inode for the
  // file to keep (the caller has one at hand, or takes shared_from_this()).
  // The default makes a plain file object.
  virtual result<file_ptr> open(const access_ctx& ctx, int flags, inode_ptr self);

  // A namespace file (nsfs.hpp's as_nsfs: only nsfs_inode says yes); a
  // field, not a dynamic_cast, on the setns path.
  bool is_ns_file() const { return ns_file_; }
  // d_unlinked: its last name was removed (unlink, rmdir); open files on
  // it then read " (deleted)" after their path, and stat shows nlink 0.
  bool unlinked() const { return unlinked_.load(std::memory_order_acquire); }
  void set_unlinked() { unlinked_.store(true, std::memory_order_release); }

 protected:
  explicit inode(std::uint32_t type, std::uint32_t fixed_mode = 0, bool ns_file = false)
      : type_(type), fixed_mode_(fixed_mode), ns_file_(ns_file) {}

 private:
  friend class vfs;
  const std::uint32_t type_;
  const std::uint32_t fixed_mode_;
  const bool ns_file_;
  std::atomic<bool> unlinked_{false};
  // d_mountpoint: how many mounts sit on this inode. Walks read it without
  // the mount-table lock and take the lock only where it is non-zero.
  std::atomic<int> mounted_{0};
};

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
using mount_ptr = std::shared_ptr<const vfsmount>;

// An open file description: what an fd refers to.
class file {
 public:
  file(inode_ptr ino, int flags) : inode_(std::move(ino)), flags_(flags) {}
  virtual ~file() = default;
  const inode_ptr& node() const { return inode_; }
  int flags() const { return flags_; }
  bool is_path_only() const { return flags_ & O_PATH; }
  // The path it was opened by, as the walk resolved it; a pseudo file's
  // name ("socket:[N]"); "" for a namespace file reached through a magic
  // link, which is named by its inode ("net:[N]").
  const std::string& path() const { return path_; }
  // A pseudo file's name.
  void set_path(std::string p) { path_ = std::move(p); }
  // Where it was opened: the mount (nullptr for the root mount, which
  // never goes) and the path.
  void set_location(mount_ptr m, std::string p) {
    mnt_ = std::move(m);
    path_ = std::move(p);
  }
  // The place `other` was opened at (a magic link leads there), for a file
  // that has none yet. Nothing to copy for a namespace file named by its
  // inode: the setns round trip opens those through /proc/self/fd/N.
  void copy_location(const file& other) {
    if (other.mnt_) mnt_ = other.mnt_;
    if (!other.path_.empty()) path_ = other.path_;
  }
  const vfsmount* mnt() const { return mnt_.get(); }
  // d_path, what /proc/<pid>/fd/N reads: path() from the root of the mount
  // tree the file still hangs in ("/" and below once a lazy umount detached
  // that tree), and " (deleted)" once its inode lost its last name.
  std::string d_path() const;

  // read / write at the file position (read: EINVAL on nsfs files, EISDIR on
  // directories; write: EBADF unless opened for writing).
  virtual result<std::string> read(const access_ctx& ctx, std::size_t count);
  virtual result<std::size_t> write(const access_ctx& ctx, std::string_view data);
  virtual result<long> ioctl(const access_ctx& ctx, unsigned long request, void* arg);

 protected:
  inode_ptr inode_;
  int flags_;
  std::uint64_t pos_ = 0;
  std::string path_;
  mount_ptr mnt_;  // set_location
};

// generic_permission: owner, group and other bits, then CAP_DAC_OVERRIDE and
// CAP_DAC_READ_SEARCH in the caller's user namespace when the inode's owner
// and group map there.
result<void> generic_permission(const access_ctx& ctx, const stat_info& st, int mask);

// An in-memory directory (tmpfs): the VFS root and /run are these.
class tmpfs_dir final : public inode {
 public:
  tmpfs_dir(std::uint64_t ino, std::uint32_t perm, kuid uid, kgid gid)
      : inode(S_IFDIR, perm), ino_(ino), perm_(perm), uid_(uid), gid_(gid) {}
  result<stat_info> getattr(const access_ctx& ctx) const override;
  result<lookup_ref> lookup(const access_ctx& ctx, std::string_view name) override;
  result<std::vector<std::string>> readdir(const access_ctx& ctx) override;
  result<inode_ptr> create(const access_ctx& ctx, std::string_view name,
                           std::uint32_t mode) override;
  result<inode_ptr> mkdir(const access_ctx& ctx, std::string_view name,
                          std::uint32_t mode) override;
  result<void> unlink(const access_ctx& ctx, std::string_view name) override;
  result<void> rmdir(const access_ctx& ctx, std::string_view name) override;
  bool creatable_entries() const override { return true; }

  // Attaches a ready-made inode (e.g. the procfs root) under `name`.
  result<void> attach(std::string_view name, inode_ptr child);
  bool empty() const;

 private:
  std::uint64_t ino_;
  std::uint32_t perm_;
  kuid uid_;
  kgid gid_;
  // Writers hold lock_; lookups read entries_ under RCU alone.
  mutable mutex lock_;
  rcu_name_table<inode_ptr> entries_;
  std::vector<std::string> order_ NETNS_GUARDED_BY(lock_);  // names, oldest first (readdir)
  std::size_t subdirs_ NETNS_GUARDED_BY(lock_) = 0;  // for nlink
};

// An empty regular file in tmpfs (what iproute2 creates under /run/netns).
class tmpfs_file final : public inode {
 public:
  tmpfs_file(std::uint64_t ino, std::uint32_t perm, kuid uid, kgid gid)
      : inode(S_IFREG), ino_(ino), perm_(perm), uid_(uid), gid_(gid) {}
  result<stat_info> getattr(const access_ctx& ctx) const override;
  result<file_ptr> open(const access_ctx& ctx, int flags, inode_ptr self) override;

 private:
  friend class tmpfs_open_file;
  std::uint64_t ino_;
  std::uint32_t perm_;
  kuid uid_;
  kgid gid_;
  mutable mutex lock_;
  std::string data_ NETNS_GUARDED_BY(lock_);
};

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

  class walker;  // one path walk (vfs.cpp)
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
