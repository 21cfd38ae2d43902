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
#pragma once

#include <sys/stat.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "netns/base/rcu_name_table.hpp"
#include "netns/base/result.hpp"
#include "netns/base/thread_annotations.hpp"
#include "netns/fs/inode.hpp"

namespace netns::fs {

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

}  // namespace netns::fs
