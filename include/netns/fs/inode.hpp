// SPDX-License-Identifier: GPL-2.0-only
// Inodes and open files: what a path names and what an fd refers to, who
// asks (access_ctx), what stat shows, and the permission check over it.
//
// Special file systems (tmpfs, procfs, nsfs) are inode subclasses: a
// directory's lookup may answer differently per caller (access_ctx), which
// is how /proc/self and /proc/<pid>/net follow the reader. Directory,
// symlink and open operations are virtual; the defaults give the errno a
// file of the wrong kind gets (ENOTDIR, EINVAL, EISDIR, EBADF, ENOTTY).
//
// Example:
//   struct hello final : fs::inode {             // a file system's read-only file
//     hello() : inode(S_IFREG, 0444) {}          // a fixed mode: no getattr to check it
//     result<fs::stat_info> getattr(const fs::access_ctx&) const override {
//       fs::stat_info st;
//       st.ino = 7;
//       st.mode = S_IFREG | 0444;
//       return st;
//     }
//   };
//   fs::inode_ptr f = std::make_shared<hello>();
//   fs::access_ctx kernel{};                     // no credentials: every check passes
//   if (auto r = f->permission(kernel, fs::MAY_READ); !r) return r;   // generic_permission
//   auto opened = f->open(kernel, O_RDONLY, f);  // a plain file: its read() is EINVAL
//   if (!opened) return opened.error();
//
// Lookups run inside a walk's rcu::read_guard over raw pointers, so every
// inode a lookup can reach is freed no sooner than a grace period after it
// was unhooked, or comes back pinned (lookup_ref::pin); see vfs.hpp.
// Locking: each file system locks what its operations change; lookup and
// follow_link take no lock. Cost: a check against a fixed mode that grants
// the request to all is a few inlined instructions; otherwise a getattr.
#pragma once

#include <fcntl.h>
#include <sys/stat.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "netns/base/result.hpp"
#include "netns/core/cred.hpp"

namespace netns::fs {

class inode;
class file;
struct path_ref;  // below
struct vfsmount;  // mount.hpp
using inode_ptr = std::shared_ptr<inode>;
using file_ptr = std::shared_ptr<file>;
using mount_ptr = std::shared_ptr<const vfsmount>;

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

// Who walks a path: credentials for permission checks, the pid and tid
// that /proc/self and /proc/thread-self name, and the root mount of the
// walker's mount namespace, where absolute paths start.
struct access_ctx {
  const cred* creds = nullptr;
  int pid = 0;  // thread-group id
  int tid = 0;  // 0: same as pid
  const vfsmount* root = nullptr;  // nullptr: the initial mount namespace's
  // The task's root directory (fs_struct's root: chroot), where absolute
  // walks start; nullptr: the root of `root`.
  const path_ref* fs_root = nullptr;
  // The task's working directory (fs_struct's pwd), where relative walks
  // start; nullptr: its root.
  const path_ref* fs_pwd = nullptr;
  int thread_id() const { return tid ? tid : pid; }
};

// One directory above a path_ref's, from the namespace's root down: the
// directory, the mount it is in, and the name taken from it.
struct path_step {
  mount_ptr mnt;
  inode_ptr dir;
  std::string name;
};

// A place in a mount namespace's tree (struct path): a directory, the
// mount it is in, and its path from the namespace's root (what mountinfo
// and /proc/PID/root show it relative to). A task's root (chroot) and
// working directory. The model's directories do not know their parents,
// so it also keeps the directories above it (the way the walk came):
// ".." from a walk that starts here goes back along them.
struct path_ref {
  mount_ptr mnt;
  inode_ptr dir;
  std::string path;  // "/run/a"; "/" for the namespace's root
  std::vector<path_step> above;  // the namespace's root first; empty at the root
  explicit operator bool() const { return dir != nullptr; }
};

// d_path of `at` for a reader whose root is `reader_root` (nullptr: its
// mount namespace's root): its path from that root when the walk up from
// `at` meets it, else its whole path from the namespace's root, after
// "(unreachable)" when `mark_unreachable` (getcwd's text; /proc/PID/cwd's
// readlink has no mark).
std::string path_seen_from(const path_ref& at, const path_ref* reader_root, bool mark_unreachable);

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
  // d_unhashed for entries that go without an unlink: a file system whose
  // entries die with something else (a sysctl table with its namespace)
  // answers here; an open file on it then reads " (deleted)" too.
  virtual bool unhashed() const { return false; }
  void set_unlinked() { unlinked_.store(true, std::memory_order_release); }
  // d_parent and d_name, for a walk's ".." where the directories it came
  // through do not lead back (past a magic link): the directory this inode
  // is an entry of, and its name there. {nullptr, ""} where the file
  // system does not keep them (then the walk goes back the way it came),
  // and once unlinked. Inside an rcu::read_guard.
  struct parent_entry {
    inode* dir = nullptr;
    std::string_view name;
  };
  virtual parent_entry parent_link() const { return {}; }

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

// An open file description: what an fd refers to.
class file {
 public:
  file(inode_ptr ino, int flags) : inode_(std::move(ino)), flags_(flags) {}
  virtual ~file();
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
  // Also records the generation of the mount's place (vfsmount::at_gen)
  // the path was taken in, so that d_path can follow a later move.
  void set_location(mount_ptr m, std::string p);
  // The place `other` was opened at (a magic link leads there), for a file
  // that has none yet. Nothing to copy for a namespace file named by its
  // inode: the setns round trip opens those through /proc/self/fd/N.
  void copy_location(const file& other) {
    if (other.mnt_) {
      mnt_ = other.mnt_;
      at_gen_ = other.at_gen_;
    }
    if (!other.path_.empty()) path_ = other.path_;
  }
  const vfsmount* mnt() const { return mnt_.get(); }
  // The generation of mnt()'s place that path() was taken in.
  std::uint32_t at_gen() const { return at_gen_; }
  // FMODE_WRITER: a regular file opened for writing counts as a writer of
  // its mount (vfsmount::writers, taken by vfs::open) until it is closed,
  // so that neither the mount nor its file system can turn read-only
  // under it (EBUSY).
  void hold_write_access(mount_ptr m) { write_mnt_ = std::move(m); }
  // d_path, what /proc/<pid>/fd/N reads: path() from the root of the mount
  // tree the file still hangs in ("/" and below once a lazy umount detached
  // that tree), and " (deleted)" once its inode lost its last name.
  std::string d_path() const;

  // read / write at the file position (read: EINVAL on nsfs files, EISDIR on
  // directories; write: EBADF unless opened for writing).
  virtual result<std::string> read(const access_ctx& ctx, std::size_t count);
  virtual result<std::size_t> write(const access_ctx& ctx, std::string_view data);
  virtual result<long> ioctl(const access_ctx& ctx, unsigned long request, void* arg);
  // lseek: the new position. The default is default_llseek: SEEK_SET,
  // SEEK_CUR and SEEK_END (from seek_size()), SEEK_DATA and SEEK_HOLE as
  // for a file without holes; EINVAL below 0 or for another whence. Files
  // that cannot seek (nsfs, sockets) answer ESPIPE; an O_PATH file is EBADF
  // before any of that (sys_lseek).
  virtual result<std::int64_t> llseek(std::int64_t offset, int whence);
  // The size SEEK_END starts from: i_size, 0 for procfs's generated files.
  virtual std::int64_t seek_size() const { return 0; }

 protected:
  // seq_lseek, for the files the kernel shows through a seq_file (/proc/net
  // files, /proc/<pid>/status, mountinfo, the id maps): their text has no
  // size until it is made, so only SEEK_SET and SEEK_CUR are defined and
  // SEEK_END, SEEK_DATA and SEEK_HOLE are EINVAL (sysctls and tmpfs files
  // keep default_llseek).
  result<std::int64_t> seq_llseek(std::int64_t offset, int whence);

  inode_ptr inode_;
  int flags_;
  std::uint64_t pos_ = 0;
  std::string path_;
  mount_ptr mnt_;  // set_location
  std::uint32_t at_gen_ = 0;  // set_location
  mount_ptr write_mnt_;  // hold_write_access
};

// generic_permission: owner, group and other bits, then CAP_DAC_OVERRIDE and
// CAP_DAC_READ_SEARCH in the caller's user namespace when the inode's owner
// and group map there.
result<void> generic_permission(const access_ctx& ctx, const stat_info& st, int mask);

}  // namespace netns::fs
