// SPDX-License-Identifier: GPL-2.0-only
// tmpfs: in-memory directories and files (mm/shmem.c and fs/libfs.c's
// simple_* directory operations, reduced to what a namespace needs).
#include "netns/fs/tmpfs.hpp"

#include <atomic>
#include <cassert>
#include <cerrno>
#include <memory>
#include <type_traits>

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
  if (entries_.find(name)) return errc{EEXIST};
  if (auto* d = dynamic_cast<tmpfs_dir*>(child.get()); d && !d->parent_) {
    d->parent_ = this;
    d->name_ = name;
  }
  entries_.insert(name, std::move(child));
  order_.emplace_back(name);
  if (dir) ++subdirs_;
  return ok();
}

std::shared_ptr<tmpfs_dir> tmpfs_dir::make_root(tmpfs_sb_ptr sb, std::uint64_t ino,
                                                std::uint32_t perm, kuid uid, kgid gid) {
  // nr_inodes= is at least 1 (or 0, no limit): the root always fits.
  [[maybe_unused]] const bool reserved = sb->reserve_inode();
  assert(reserved);
  return std::make_shared<tmpfs_dir>(ino, perm, uid, gid, std::move(sb));
}

tmpfs_dir::~tmpfs_dir() {
  if (!sb_) return;
  if (unlinked()) sb_->removed_inode_gone();
  sb_->free_inode();  // shmem_evict_inode -> shmem_free_inode
}

inode::parent_entry tmpfs_dir::parent_link() const {
  if (!parent_ || unlinked()) return {};
  return {parent_, name_};
}

inode::parent_entry tmpfs_file::parent_link() const {
  if (!parent_ || unlinked()) return {};
  return {parent_, name_};
}

namespace {
// drop_nlink to 0 counts the inode in its file system's s_remove_count
// until it is evicted (the destructors above and below): for tmpfs inodes
// with accounting, whose destructors give the count back.
void count_removed(inode& node) {
  tmpfs_sb* sb = nullptr;
  if (auto* f = dynamic_cast<tmpfs_file*>(&node)) sb = f->sb().get();
  if (auto* d = dynamic_cast<tmpfs_dir*>(&node)) sb = d->sb().get();
  if (sb) sb->inode_removed();
  node.set_unlinked();
}
}  // namespace

// A new entry of type T (tmpfs_file or tmpfs_dir). The name is looked for
// first: an existing one is EEXIST even on a full file system (the VFS
// finds it before the file system is asked); then the inode is charged
// (ENOSPC past nr_inodes=).
template <class T>
result<inode_ptr> tmpfs_dir::add_entry(const access_ctx& ctx, std::string_view name,
                                       std::uint32_t mode) {
  lock_guard l(lock_);
  if (entries_.find(name)) return errc{EEXIST};
  if (sb_ && !sb_->reserve_inode()) return errc{ENOSPC};
  auto child = std::make_shared<T>(tmpfs_ino(), mode & 07777, owner_of(ctx), group_of(ctx), sb_);
  child->parent_ = this;
  child->name_ = name;
  entries_.insert(name, child);
  order_.emplace_back(name);
  if constexpr (std::is_same_v<T, tmpfs_dir>) ++subdirs_;
  return inode_ptr(child);
}

result<inode_ptr> tmpfs_dir::create(const access_ctx& ctx, std::string_view name,
                                    std::uint32_t mode) {
  return add_entry<tmpfs_file>(ctx, name, mode);
}

result<inode_ptr> tmpfs_dir::mkdir(const access_ctx& ctx, std::string_view name,
                                   std::uint32_t mode) {
  return add_entry<tmpfs_dir>(ctx, name, mode);
}

result<void> tmpfs_dir::unlink(const access_ctx&, std::string_view name) {
  std::unique_ptr<rcu_name_table<inode_ptr>::entry> gone;
  {
    lock_guard l(lock_);
    const auto* e = entries_.find(name);
    if (!e) return errc{ENOENT};
    if (e->value->is_dir()) return errc{EISDIR};
    count_removed(*e->value);
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
    count_removed(*dir);
    gone = entries_.remove(name);
    std::erase(order_, name);
    --subdirs_;
  }
  rcu::synchronize();
  return ok();
}

tmpfs_file::~tmpfs_file() {
  if (!sb_) return;
  if (unlinked()) sb_->removed_inode_gone();
  sb_->uncharge_blocks(page_count_);  // no lock: nothing else can reach a dying inode
  sb_->free_inode();
}

result<std::size_t> tmpfs_file::charge_range(std::uint64_t pos, std::size_t len) {
  if (!sb_ || len == 0) return len;
  constexpr std::uint64_t page = tmpfs_sb::page_size;
  const std::uint64_t first = pos / page;
  const std::uint64_t last = (pos + len - 1) / page;
  if (pages_.size() <= last) pages_.resize(last + 1);
  for (std::uint64_t p = first; p <= last; ++p) {
    if (pages_[p]) continue;
    if (!sb_->charge_blocks(1)) {
      const std::uint64_t fits = p * page > pos ? p * page - pos : 0;
      if (fits == 0) return errc{ENOSPC};
      return static_cast<std::size_t>(fits);
    }
    pages_[p] = true;
    ++page_count_;
  }
  return len;
}

void tmpfs_file::truncate_to_zero() {
  data_.clear();
  if (!sb_) return;
  sb_->uncharge_blocks(page_count_);
  page_count_ = 0;
  pages_.clear();
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
    auto fits = f.charge_range(pos_, data.size());
    if (!fits) return fits.error();
    data = data.substr(0, *fits);
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
    truncate_to_zero();
  }
  return file_ptr(std::make_shared<tmpfs_open_file>(std::move(self), flags));
}

}  // namespace netns::fs
