// SPDX-License-Identifier: GPL-2.0-only
// /proc/<pid>/net: the tree of the task's current namespace, and the VFS
// face of proc_dir_entry (fs/proc/proc_net.c, fs/proc/generic.c,
// fs/proc/inode.c).
#include <cerrno>

#include "netns/base/thread_annotations.hpp"
#include "netns/core/proc_fs.hpp"
#include "procfs_internal.hpp"

namespace netns::fs::procfs_detail {

namespace {

inode_ptr make_pde_inode(pde_ptr pde);

// An open /proc/net file: reads and writes go to its seq_file, one at a time
// (the seq_file's own lock in the kernel).
class pde_file final : public file {
 public:
  pde_file(inode_ptr ino, int flags, std::unique_ptr<seq_file> sf)
      : file(std::move(ino), flags), seq_(std::move(sf)) {}
  // A seq_file in the kernel: no SEEK_END.
  result<std::int64_t> llseek(std::int64_t offset, int whence) override { return seq_llseek(offset, whence); }
  result<std::string> read(const access_ctx&, std::size_t count) override {
    if ((flags_ & O_ACCMODE) == O_WRONLY) return errc{EBADF};
    lock_guard l(lock_);
    auto r = seq_->read(count);
    if (r) pos_ += r->size();
    return r;
  }
  result<std::size_t> write(const access_ctx&, std::string_view data) override {
    if ((flags_ & O_ACCMODE) == O_RDONLY) return errc{EBADF};
    lock_guard l(lock_);
    return seq_->write(data);
  }

 private:
  mutex lock_;
  std::unique_ptr<seq_file> seq_ NETNS_PT_GUARDED_BY(lock_);
};

// A proc_dir_entry as an inode: a directory of entries or a file.
class pde_inode final : public inode {
 public:
  explicit pde_inode(pde_ptr pde) : inode(pde->is_dir() ? S_IFDIR : S_IFREG), pde_(std::move(pde)) {}
  result<stat_info> getattr(const access_ctx&) const override {
    stat_info st = proc_stat(pde_->low_ino, pde_->mode, pde_->uid, pde_->gid);
    st.nlink = pde_->nlink;
    return st;
  }
  result<lookup_ref> lookup(const access_ctx&, std::string_view name) override {
    if (!pde_->is_dir()) return errc{ENOTDIR};
    pde_ptr child = pde_lookup(*pde_, name);
    if (!child) return errc{ENOENT};
    return lookup_ref(make_pde_inode(std::move(child)));
  }
  result<std::vector<std::string>> readdir(const access_ctx&) override {
    if (!pde_->is_dir()) return errc{ENOTDIR};
    if (pde_->in_use.dead()) return errc{ENOENT};
    return pde_readdir(*pde_);
  }
  result<file_ptr> open(const access_ctx& ctx, int flags, inode_ptr self) override {
    if (pde_->is_dir()) return inode::open(ctx, flags, std::move(self));
    auto sf = proc_net_open(pde_, (flags & O_ACCMODE) != O_RDONLY);
    if (!sf) return sf.error();
    return file_ptr(std::make_shared<pde_file>(std::move(self), flags, std::move(*sf)));
  }

 private:
  pde_ptr pde_;
};

inode_ptr make_pde_inode(pde_ptr pde) { return std::make_shared<pde_inode>(std::move(pde)); }

// proc_tgid_net_lookup / readdir / getattr: every call looks at the task's
// namespace now, so the directory follows the task through setns.
class tgid_net_dir final : public inode {
 public:
  tgid_net_dir(std::shared_ptr<task> t, bool thread) : inode(S_IFDIR, 0555), task_(std::move(t)), thread_(thread) {}
  result<stat_info> getattr(const access_ctx&) const override {
    auto [uid, gid] = task_dump_owner(*task_, S_IFDIR | 0555);
    stat_info st = proc_stat(
        pid_ino(task_->pid(), thread_ ? pid_entry::thread_net_dir : pid_entry::net_dir),
        S_IFDIR | 0555, uid, gid);
    if (net_ref n = task_->net_ns())
      if (auto root = proc_net_lookup_root(*n)) st.nlink = (*root)->nlink;
    return st;
  }
  result<lookup_ref> lookup(const access_ctx&, std::string_view name) override {
    net_ref n = task_->net_ns();
    if (!n) return errc{ENOENT};
    auto root = proc_net_lookup_root(*n);
    if (!root) return root.error();
    pde_ptr child = pde_lookup(**root, name);
    if (!child) return errc{ENOENT};
    return lookup_ref(make_pde_inode(std::move(child)));
  }
  result<std::vector<std::string>> readdir(const access_ctx&) override {
    net_ref n = task_->net_ns();
    if (!n) return errc{EINVAL};
    auto root = proc_net_lookup_root(*n);
    if (!root) return errc{EINVAL};
    return pde_readdir(**root);
  }

 private:
  std::shared_ptr<task> task_;
  bool thread_;
};

}  // namespace

inode_ptr make_tgid_net_dir(std::shared_ptr<task> t, bool thread) {
  return std::make_shared<tgid_net_dir>(std::move(t), thread);
}

}  // namespace netns::fs::procfs_detail
