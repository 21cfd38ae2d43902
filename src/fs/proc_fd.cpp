// SPDX-License-Identifier: GPL-2.0-only
// /proc/<pid>/fd: a magic link per open fd (fs/proc/fd.c).
#include <cerrno>
#include <charconv>

#include "netns/fs/nsfs.hpp"
#include "procfs_internal.hpp"

namespace netns::fs::procfs_detail {

namespace {

std::uint64_t fd_ino(int pid, int fd) {
  return 0x100000000ULL + (std::uint64_t(pid) << 24) + std::uint64_t(fd);
}

// /proc/<pid>/fd/<n>: readlink gives the file's path ("net:[N]" for a
// namespace file); following it reaches the open file's inode, so opening
// it opens that inode afresh. Both need ptrace read access to the task.
class fd_link final : public inode {
 public:
  fd_link(std::shared_ptr<task> t, int fd) : task_(std::move(t)), fd_(fd) {}
  std::uint32_t type() const override { return S_IFLNK; }
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
    if (auto* ns = as_nsfs(*(*f)->node())) return ns->link_text();
    return (*f)->path();
  }
  result<inode_ptr> follow_link(const access_ctx& ctx) override {
    auto f = target(ctx);
    if (!f) return f.error();
    return (*f)->node();
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

class fd_dir final : public inode {
 public:
  fd_dir(std::shared_ptr<task> t, bool thread) : task_(std::move(t)), thread_(thread) {}
  std::uint32_t type() const override { return S_IFDIR; }
  result<stat_info> getattr(const access_ctx&) const override {
    auto [uid, gid] = task_dump_owner(*task_, S_IFDIR | 0500);
    return proc_stat(pid_ino(task_->pid(), pid_entry::fd_dir, thread_),
                     S_IFDIR | 0500, uid, gid);
  }
  // proc_fd_permission: the mode bits, or the task itself.
  result<void> permission(const access_ctx& ctx, int mask) const override {
    if (auto r = inode::permission(ctx, mask); r) return r;
    if (ctx.pid == task_->pid()) return ok();
    return errc{EACCES};
  }
  result<inode_ptr> lookup(const access_ctx& ctx, std::string_view name) override {
    int fd = -1;
    auto [p, ec] = std::from_chars(name.data(), name.data() + name.size(), fd);
    if (ec != std::errc() || p != name.data() + name.size() || fd < 0 ||
        (name.size() > 1 && name.front() == '0'))
      return errc{ENOENT};
    if (task_->exited() || !task_->fd_get(fd)) return errc{ENOENT};
    return inode_ptr(std::make_shared<fd_link>(task_, fd));
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
};

}  // namespace

inode_ptr make_fd_dir(std::shared_ptr<task> t, bool thread) {
  return std::make_shared<fd_dir>(std::move(t), thread);
}

}  // namespace netns::fs::procfs_detail
