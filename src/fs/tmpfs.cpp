// SPDX-License-Identifier: GPL-2.0-only
// tmpfs: in-memory directories and files (mm/shmem.c and fs/libfs.c's
// simple_* directory operations, reduced to what a namespace needs).
#include "netns/fs/tmpfs.hpp"

#include <atomic>
#include <cerrno>
#include <memory>

#include "netns/base/rcu.hpp"
#include "netns/fs/vfs.hpp"

namespace netns::fs {

namespace {
stat_info tmpfs_stat(std::uint64_t ino, std::uint32_t mode, kuid uid, kgid gid) {
  stat_info st;
  st.ino = ino;
  st.dev = tmpfs_dev;
  st.mode = mode;
  st.uid = uid;
  st.gid = gid;
  return st;
}

kuid owner_of(const access_ctx& ctx) { return ctx.creds ? ctx.creds->fsuid : global_root_uid; }
kgid group_of(const access_ctx& ctx) { return ctx.creds ? ctx.creds->fsgid : global_root_gid; }
}  // namespace

result<stat_info> tmpfs_dir::getattr(const access_ctx&) const {
  stat_info st = tmpfs_stat(ino_, S_IFDIR | perm_, uid_, gid_);
  lock_guard l(lock_);
  st.nlink = unlinked() ? 0 : 2 + subdirs_;  // rmdir drops both of its links
  st.size = 40 + 20 * entries_.size();
  return st;
}

result<lookup_ref> tmpfs_dir::lookup(const access_ctx&, std::string_view name) {
  // Entries leave the table a grace period before they are let go, so the
  // inode stays valid for the caller's read section without a reference.
  const auto* e = entries_.find(name);
  if (!e) return errc{ENOENT};
  return lookup_ref(e->value.get());
}

result<std::vector<std::string>> tmpfs_dir::readdir(const access_ctx&) {
  std::vector<std::string> names;
  {
    lock_guard l(lock_);
    // tmpfs lists a directory newest first (the reference kernel's
    // `ls -f` of a tmpfs directory), which `ip netns list` shows as is.
    names.assign(order_.rbegin(), order_.rend());
  }
  return names;
}

bool tmpfs_dir::empty() const {
  lock_guard l(lock_);
  return entries_.size() == 0;
}

namespace {
std::uint64_t tmpfs_ino() {
  // tmpfs numbers its inodes per superblock; one counter for the model's
  // single tmpfs is enough.
  static std::atomic<std::uint64_t> next{100};
  return next.fetch_add(1, std::memory_order_relaxed);
}
}  // namespace

// The vfs's numbers for tmpfs objects are this counter's.
std::uint64_t vfs::next_ino() { return tmpfs_ino(); }

result<void> tmpfs_dir::attach(std::string_view name, inode_ptr child) {
  lock_guard l(lock_);
  const bool dir = child->is_dir();
  if (!entries_.insert(name, std::move(child))) return errc{EEXIST};
  order_.emplace_back(name);
  if (dir) ++subdirs_;
  return ok();
}

result<inode_ptr> tmpfs_dir::create(const access_ctx& ctx, std::string_view name,
                                    std::uint32_t mode) {
  auto child =
      std::make_shared<tmpfs_file>(tmpfs_ino(), mode & 07777, owner_of(ctx), group_of(ctx));
  lock_guard l(lock_);
  if (!entries_.insert(name, child)) return errc{EEXIST};
  order_.emplace_back(name);
  return inode_ptr(child);
}

result<inode_ptr> tmpfs_dir::mkdir(const access_ctx& ctx, std::string_view name,
                                   std::uint32_t mode) {
  auto child = std::make_shared<tmpfs_dir>(tmpfs_ino(), mode & 07777, owner_of(ctx), group_of(ctx));
  lock_guard l(lock_);
  if (!entries_.insert(name, child)) return errc{EEXIST};
  order_.emplace_back(name);
  ++subdirs_;
  return inode_ptr(child);
}

result<void> tmpfs_dir::unlink(const access_ctx&, std::string_view name) {
  std::unique_ptr<rcu_name_table<inode_ptr>::entry> gone;
  {
    lock_guard l(lock_);
    const auto* e = entries_.find(name);
    if (!e) return errc{ENOENT};
    if (e->value->is_dir()) return errc{EISDIR};
    e->value->set_unlinked();
    gone = entries_.remove(name);
    std::erase(order_, name);
  }
  // Walks may still be on it: the inode (and what it pins) goes once they
  // are done, before unlink returns.
  rcu::synchronize();
  return ok();
}

result<void> tmpfs_dir::rmdir(const access_ctx&, std::string_view name) {
  std::unique_ptr<rcu_name_table<inode_ptr>::entry> gone;
  {
    lock_guard l(lock_);
    const auto* e = entries_.find(name);
    if (!e) return errc{ENOENT};
    if (!e->value->is_dir()) return errc{ENOTDIR};
    // Another file system's root attached here (procfs at /proc) is a
    // mount point: EBUSY, as rmdir("/proc") gives.
    auto* dir = dynamic_cast<tmpfs_dir*>(e->value.get());
    if (!dir) return errc{EBUSY};
    if (!dir->empty()) return errc{ENOTEMPTY};
    dir->set_unlinked();
    gone = entries_.remove(name);
    std::erase(order_, name);
    --subdirs_;
  }
  rcu::synchronize();
  return ok();
}

result<stat_info> tmpfs_file::getattr(const access_ctx&) const {
  stat_info st = tmpfs_stat(ino_, S_IFREG | perm_, uid_, gid_);
  if (unlinked()) st.nlink = 0;
  lock_guard l(lock_);
  st.size = data_.size();
  return st;
}

// How large a file this tmpfs holds (its bytes are real, not sparse).
constexpr std::uint64_t tmpfs_max_file_size = 64u << 20;

class tmpfs_open_file final : public file {
 public:
  using file::file;
  result<std::string> read(const access_ctx& ctx, std::size_t count) override {
    if ((flags_ & O_ACCMODE) == O_WRONLY || is_path_only()) return errc{EBADF};
    auto& f = static_cast<tmpfs_file&>(*inode_);
    lock_guard l(f.lock_);
    if (pos_ >= f.data_.size()) return std::string();
    std::string out = f.data_.substr(pos_, count);
    pos_ += out.size();
    return out;
  }
  result<std::size_t> write(const access_ctx& ctx, std::string_view data) override {
    if ((flags_ & O_ACCMODE) == O_RDONLY || is_path_only()) return errc{EBADF};
    auto& f = static_cast<tmpfs_file&>(*inode_);
    lock_guard l(f.lock_);
    if (flags_ & O_APPEND) pos_ = f.data_.size();
    // The kernel's tmpfs keeps a write far past the end as a sparse file;
    // this one holds bytes, so it stops at a size of its own (ENOSPC, as a
    // full tmpfs says) rather than allocating the hole.
    if (pos_ > tmpfs_max_file_size || data.size() > tmpfs_max_file_size - pos_) return errc{ENOSPC};
    if (f.data_.size() < pos_ + data.size()) f.data_.resize(pos_ + data.size());
    f.data_.replace(pos_, data.size(), data);
    pos_ += data.size();
    return data.size();
  }
  std::int64_t seek_size() const override {
    auto& f = static_cast<tmpfs_file&>(*inode_);
    lock_guard l(f.lock_);
    return static_cast<std::int64_t>(f.data_.size());
  }
};

result<file_ptr> tmpfs_file::open(const access_ctx&, int flags, inode_ptr self) {
  if (flags & O_TRUNC) {
    lock_guard l(lock_);
    data_.clear();
  }
  return file_ptr(std::make_shared<tmpfs_open_file>(std::move(self), flags));
}

}  // namespace netns::fs
