// SPDX-License-Identifier: GPL-2.0-only
// tmpfs: in-memory directories and regular files (mm/shmem.c, reduced to
// what a namespace needs). The VFS root and /run are tmpfs directories;
// the files iproute2 creates under /run/netns are tmpfs files.
//
// Example:
//   auto dir = std::make_shared<fs::tmpfs_dir>(100, 0755, global_root_uid, global_root_gid);
//   fs::access_ctx kernel{};                      // no credentials: made as root
//   auto f = dir->create(kernel, "x", 0644);      // EEXIST the second time
//   if (!f) return f.error();
//   bool empty = dir->empty();                    // false
//   if (auto r = dir->unlink(kernel, "x"); !r) return r;   // waits for a grace period
//
// The entry points do no permission check of their own: the vfs checks the
// caller's rights on the walk before it asks the directory.
// Locking: a directory's writers take its mutex and its lookups none (the
// entries are an rcu_name_table, read under RCU); a file's data has a mutex
// of its own. unlink and rmdir wait for a grace period before letting the
// entry go, so they must not be called inside an rcu::read_guard.
// Cost: a lookup is one hash probe and takes no reference.
//
// Limits: the inodes of one mounted tmpfs share a tmpfs_sb, which charges
// each inode against nr_inodes= and each page of file data against size=
// (ENOSPC past either). Inodes made without one (the VFS root, /run) are
// charged nowhere.
#pragma once

#include <sys/stat.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "netns/base/rcu_name_table.hpp"
#include "netns/base/result.hpp"
#include "netns/base/thread_annotations.hpp"
#include "netns/fs/inode.hpp"

namespace netns::fs {

// The size= and nr_inodes= accounting of one tmpfs (shmem_sb_info's
// max_blocks/used_blocks and max_inodes/free_ispace). A limit of 0 is no
// limit, as in the kernel. Pages are 4 KiB; a page is charged when a write
// first touches it (a hole costs nothing) and freed when the file is
// truncated or its inode goes.
class tmpfs_sb {
 public:
  static constexpr std::uint64_t page_size = 4096;
  tmpfs_sb(std::uint64_t max_blocks, std::uint64_t max_inodes)
      : max_blocks_(max_blocks), max_inodes_(max_inodes) {}
  // shmem_reconfigure's new limits (its checks against what is in use are
  // the caller's, under the mount lock).
  void set_max_blocks(std::uint64_t n) { max_blocks_.store(n, std::memory_order_relaxed); }
  void set_max_inodes(std::uint64_t n) { max_inodes_.store(n, std::memory_order_relaxed); }
  // shmem_reserve_inode: false when nr_inodes are in use.
  bool reserve_inode() { return charge(used_inodes_, max_inodes_, 1); }
  void free_inode() { used_inodes_.fetch_sub(1, std::memory_order_relaxed); }
  // shmem_inode_acct_blocks for n pages: all of them or none.
  bool charge_blocks(std::uint64_t n) { return charge(used_blocks_, max_blocks_, n); }
  void uncharge_blocks(std::uint64_t n) { used_blocks_.fetch_sub(n, std::memory_order_relaxed); }
  std::uint64_t used_blocks() const { return used_blocks_.load(std::memory_order_relaxed); }
  // The limits (0: none), as statfs reports them.
  std::uint64_t max_blocks() const { return max_blocks_.load(std::memory_order_relaxed); }
  std::uint64_t max_inodes() const { return max_inodes_.load(std::memory_order_relaxed); }
  std::uint64_t used_inodes() const { return used_inodes_.load(std::memory_order_relaxed); }
  // s_remove_count: inodes unlinked (or removed) and not yet gone, because
  // a file or a walk still holds them.
  void inode_removed() { remove_count_.fetch_add(1, std::memory_order_relaxed); }
  void removed_inode_gone() { remove_count_.fetch_sub(1, std::memory_order_relaxed); }
  long remove_count() const { return remove_count_.load(std::memory_order_relaxed); }

 private:
  static bool charge(std::atomic<std::uint64_t>& used, const std::atomic<std::uint64_t>& limit,
                     std::uint64_t n) {
    const std::uint64_t max = limit.load(std::memory_order_relaxed);
    std::uint64_t u = used.load(std::memory_order_relaxed);
    do {
      if (max != 0 && (u > max || n > max - u)) return false;
    } while (!used.compare_exchange_weak(u, u + n, std::memory_order_relaxed));
    return true;
  }
  std::atomic<std::uint64_t> max_blocks_;
  std::atomic<std::uint64_t> max_inodes_;
  std::atomic<std::uint64_t> used_blocks_{0};
  std::atomic<std::uint64_t> used_inodes_{0};
  std::atomic<long> remove_count_{0};
};
using tmpfs_sb_ptr = std::shared_ptr<tmpfs_sb>;

// An in-memory directory (tmpfs): the VFS root and /run are these.
class tmpfs_dir final : public inode {
 public:
  // `sb`, when set, has been charged for this inode already.
  tmpfs_dir(std::uint64_t ino, std::uint32_t perm, kuid uid, kgid gid, tmpfs_sb_ptr sb = {})
      : inode(S_IFDIR, perm), ino_(ino), perm_(perm), uid_(uid), gid_(gid), sb_(std::move(sb)) {}
  // The root of a mounted tmpfs, charged as its first inode (shmem_fill_super).
  static std::shared_ptr<tmpfs_dir> make_root(tmpfs_sb_ptr sb, std::uint64_t ino,
                                              std::uint32_t perm, kuid uid, kgid gid);
  ~tmpfs_dir() override;
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
  // The accounting this directory and its entries are charged to (empty
  // for a directory made without one).
  const tmpfs_sb_ptr& sb() const { return sb_; }
  parent_entry parent_link() const override;

 private:
  // create and mkdir: a new entry of type T, charged to sb_.
  template <class T>
  result<inode_ptr> add_entry(const access_ctx& ctx, std::string_view name, std::uint32_t mode);

  std::uint64_t ino_;
  std::uint32_t perm_;
  kuid uid_;
  kgid gid_;
  tmpfs_sb_ptr sb_;  // charged for this inode; its entries inherit it
  // Where it was made (set once, before it can be found): no rename here.
  // The parent outlives it while it is linked (a directory with entries
  // cannot be removed).
  tmpfs_dir* parent_ = nullptr;
  std::string name_;
  // Writers hold lock_; lookups read entries_ under RCU alone.
  mutable mutex lock_;
  rcu_name_table<inode_ptr> entries_;
  std::vector<std::string> order_ NETNS_GUARDED_BY(lock_);  // names, oldest first (readdir)
  std::size_t subdirs_ NETNS_GUARDED_BY(lock_) = 0;  // for nlink
};

// An empty regular file in tmpfs (what iproute2 creates under /run/netns).
class tmpfs_file final : public inode {
 public:
  // `sb`, when set, has been charged for this inode already.
  tmpfs_file(std::uint64_t ino, std::uint32_t perm, kuid uid, kgid gid, tmpfs_sb_ptr sb = {})
      : inode(S_IFREG), ino_(ino), perm_(perm), uid_(uid), gid_(gid), sb_(std::move(sb)) {}
  ~tmpfs_file() override;
  const tmpfs_sb_ptr& sb() const { return sb_; }
  parent_entry parent_link() const override;
  result<stat_info> getattr(const access_ctx& ctx) const override;
  result<file_ptr> open(const access_ctx& ctx, int flags, inode_ptr self) override;

 private:
  friend class tmpfs_open_file;
  friend class tmpfs_dir;  // sets parent_ and name_ when it makes the file (add_entry)
  // How many of the bytes at [pos, pos + len) may be written: the pages
  // they touch that hold nothing yet are charged first, in order, up to
  // the first the file system cannot give (then the write ends where that
  // page begins: a short write, or ENOSPC when not a byte fits).
  result<std::size_t> charge_range(std::uint64_t pos, std::size_t len) NETNS_REQUIRES(lock_);
  void truncate_to_zero() NETNS_REQUIRES(lock_);

  std::uint64_t ino_;
  std::uint32_t perm_;
  kuid uid_;
  kgid gid_;
  const tmpfs_sb_ptr sb_;
  tmpfs_dir* parent_ = nullptr;  // as tmpfs_dir's
  std::string name_;
  mutable mutex lock_;
  std::string data_ NETNS_GUARDED_BY(lock_);
  // The pages that hold data (charged to sb_), by index; only with sb_.
  std::vector<bool> pages_ NETNS_GUARDED_BY(lock_);
  std::uint64_t page_count_ NETNS_GUARDED_BY(lock_) = 0;
};

}  // namespace netns::fs
