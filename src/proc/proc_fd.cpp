// SPDX-License-Identifier: GPL-2.0-only
// /proc/<pid>/fd: a magic link per open fd (fs/proc/fd.c).
#include <atomic>
#include <cerrno>

#include "netns/fs/nsfs.hpp"
#include "netns/task/pid_table.hpp"
#include "procfs_internal.hpp"

namespace netns::fs::procfs_detail {

namespace {

std::uint64_t fd_ino(int pid, int fd) {
  return 0x100000000ULL + (std::uint64_t(pid) << 24) + std::uint64_t(fd);
}

// /proc/<pid>/fd/<n>: readlink gives the file's d_path ("net:[N]" for a
// namespace file that has no path); following it reaches the open file's
// inode, where that file was opened, so opening it opens that inode afresh
// at the same place. Both need ptrace read access to the task.
class fd_link final : public inode {
 public:
  fd_link(std::shared_ptr<task> t, int fd) : inode(S_IFLNK), task_(std::move(t)), fd_(fd) {}
  result<stat_info> getattr(const access_ctx&) const override {
    // tid_fd_mode: r-x for a file open for reading, -wx for writing.
    std::uint32_t mode = S_IFLNK;
    if (auto f = task_->fd_get(fd_); f && !(*f)->is_path_only()) {
      int acc = (*f)->flags() & O_ACCMODE;
      if (acc == O_RDONLY || acc == O_RDWR) mode |= 0500;
      if (acc == O_WRONLY || acc == O_RDWR) mode |= 0300;
    }
    auto [uid, gid] = task_dump_owner(*task_, mode);
    return proc_stat(fd_ino(task_->pid(), fd_), mode, uid, gid);
  }
  result<std::string> readlink(const access_ctx& ctx) override {
    auto f = target(ctx);
    if (!f) return f.error();
    std::string p = task_->owner().vfs().d_path(**f);
    if (p.empty())
      if (auto* ns = as_nsfs(*(*f)->node())) return ns->link_text();
    return p;
  }
  result<lookup_ref> follow_link(const access_ctx& ctx) override {
    // The task's own walk: its fd table cannot change under it, so the
    // file's inode stays put without a reference (proc_fd_link's fast case).
    if (ctx.pid == task_->pid()) {
      fs::file* f = task_->fd_peek_own(fd_);
      if (!f) return errc{ENOENT};
      lookup_ref r = lookup_ref::held_by(f->node());
      r.via = f;
      return r;
    }
    auto f = target(ctx);
    if (!f) return f.error();
    // Another task may close it: the pin keeps the file, and so its inode.
    inode* node = (*f)->node().get();
    lookup_ref r(inode_ptr(*f, node));
    r.via = f->get();
    return r;
  }

 private:
  result<file_ptr> target(const access_ctx& ctx) {
    if (!ptrace_may_read(ctx, *task_)) return errc{EACCES};
    auto f = task_->fd_get(fd_);
    if (!f) return errc{ENOENT};
    return *f;
  }
  std::shared_ptr<task> task_;
  int fd_;
};

// The fd links of one directory, made on first lookup of each fd number and
// kept with the directory, so that lookups hand them out bare.
class fd_link_cache {
 public:
  ~fd_link_cache() {
    for (auto& c : chunks_) delete c.load(std::memory_order_relaxed);
  }
  inode* get(const std::shared_ptr<task>& t, int fd) {
    chunk* c = chunks_[fd / chunk_size].load(std::memory_order_acquire);
    if (c)
      if (inode* l = c->link[fd % chunk_size].load(std::memory_order_acquire)) return l;
    lock_guard g(lock_);
    c = chunks_[fd / chunk_size].load(std::memory_order_relaxed);
    if (!c) {
      c = new chunk;
      chunks_[fd / chunk_size].store(c, std::memory_order_release);
    }
    inode* l = c->link[fd % chunk_size].load(std::memory_order_relaxed);
    if (!l) {
      c->owned[fd % chunk_size] = std::make_shared<fd_link>(t, fd);
      l = c->owned[fd % chunk_size].get();
      c->link[fd % chunk_size].store(l, std::memory_order_release);
    }
    return l;
  }

 private:
  static constexpr int chunk_size = 64;
  struct chunk {
    std::atomic<inode*> link[chunk_size] = {};
    inode_ptr owned[chunk_size];
  };
  mutex lock_;  // makers only
  std::atomic<chunk*> chunks_[TASK_MAX_FDS / chunk_size] = {};
};

class fd_dir final : public inode {
 public:
  fd_dir(std::shared_ptr<task> t, bool thread) : inode(S_IFDIR), task_(std::move(t)), thread_(thread) {}
  result<stat_info> getattr(const access_ctx&) const override {
    auto [uid, gid] = task_dump_owner(*task_, S_IFDIR | 0500);
    return proc_stat(pid_ino(task_->pid(), pid_entry::fd_dir, thread_),
                     S_IFDIR | 0500, uid, gid);
  }
  // proc_fd_permission: the mode bits, or the task itself. Either grants
  // the task, so it is asked first: no getattr on the task's own walks.
  result<void> permission(const access_ctx& ctx, int mask) const override {
    if (ctx.pid == task_->pid()) return ok();
    return inode::permission(ctx, mask);
  }
  result<lookup_ref> lookup(const access_ctx& ctx, std::string_view name) override {
    // Decimal, no leading zero, below the table's size.
    if (name.empty() || name.size() > 4 || (name.size() > 1 && name.front() == '0'))
      return errc{ENOENT};
    int fd = 0;
    for (char c : name) {
      if (c < '0' || c > '9') return errc{ENOENT};
      fd = fd * 10 + (c - '0');
    }
    if (fd >= TASK_MAX_FDS) return errc{ENOENT};
    const bool open = ctx.pid == task_->pid() ? task_->fd_peek_own(fd) != nullptr
                                              : static_cast<bool>(task_->fd_get(fd));
    if (!open) return errc{ENOENT};  // an exited task has none
    return lookup_ref(links_.get(task_, fd));
  }
  result<std::vector<std::string>> readdir(const access_ctx& ctx) override {
    if (task_->exited()) return errc{ENOENT};
    std::vector<std::string> names;
    for (int fd : task_->fd_numbers()) names.push_back(std::to_string(fd));
    return names;
  }

 private:
  std::shared_ptr<task> task_;
  bool thread_;
  fd_link_cache links_;
};

}  // namespace

inode_ptr make_fd_dir(std::shared_ptr<task> t, bool thread) {
  return std::make_shared<fd_dir>(std::move(t), thread);
}

}  // namespace netns::fs::procfs_detail
