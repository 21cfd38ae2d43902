// SPDX-License-Identifier: GPL-2.0-only
// /proc/<pid>/root and /proc/<pid>/cwd (fs/proc/base.c: proc_root_link,
// proc_cwd_link): magic links to the task's root and working directory,
// behind the ptrace read check (EACCES). A walk through one goes on in the
// task's mount namespace (nd_jump_link to the path), so
// /proc/PID/root/run shows that task's mounts. Both read as d_path names
// them for the reader: from the reader's root when that is above them,
// else from the namespace's root (a working directory a chroot left
// behind reads so, probed).
#include <cerrno>

#include "netns/task/pid_table.hpp"
#include "procfs_internal.hpp"

namespace netns::fs::procfs_detail {

namespace {

// Made per lookup (the walk pins it), so the file a follow makes lives as
// long as the walk that uses it.
class root_link final : public inode {
 public:
  root_link(std::shared_ptr<task> t, std::uint64_t ino, bool cwd)
      : inode(S_IFLNK), task_(std::move(t)), ino_(ino), cwd_(cwd) {}
  result<stat_info> getattr(const access_ctx&) const override {
    auto [uid, gid] = task_dump_owner(*task_, S_IFLNK | 0777);
    return proc_stat(ino_, S_IFLNK | 0777, uid, gid);
  }
  // d_path of the task's root or working directory: where it is not the
  // namespace's root, that directory's path as the reader sees it.
  result<std::string> readlink(const access_ctx& ctx) override {
    auto r = target(ctx);
    if (!r) return r.error();
    if (fs::path_ref at = place()) return path_seen_from(at, ctx.fs_root, false);
    return std::string("/");
  }
  result<lookup_ref> follow_link(const access_ctx& ctx) override {
    auto r = target(ctx);
    if (!r) return r.error();
    if (fs::path_ref at = place()) {
      at_ = std::make_shared<file>(at.dir, O_PATH | O_DIRECTORY);
      at_->set_location(at.mnt, at.path);
      lookup_ref ref(at.dir.get());
      ref.via = at_.get();
      return ref;
    }
    const vfsmount& root = task_->owner().vfs().namespace_root(*r);
    at_ = std::make_shared<file>(root.root, O_PATH | O_DIRECTORY);
    at_->set_location(root.shared_from_this(), "/");
    lookup_ref ref(root.root.get());
    ref.via = at_.get();
    return ref;
  }

 private:
  // proc_fd_access_allowed, then the task's root (nullptr: the initial
  // mount namespace's).
  result<const vfsmount*> target(const access_ctx& ctx) const {
    if (task_->exited()) return errc{ENOENT};
    if (!ptrace_may_read(ctx, *task_)) return errc{EACCES};
    nsproxy_ref p = task_->get_nsproxy();
    if (!p) return errc{ENOENT};
    return task::root_mount_of(*p);
  }
  // The task's root (chroot) or working directory; empty: the root of
  // its mount namespace.
  fs::path_ref place() const { return cwd_ ? task_->fs_pwd() : task_->fs_root(); }
  std::shared_ptr<task> task_;
  std::uint64_t ino_;
  bool cwd_;
  file_ptr at_;
};

}  // namespace

inode_ptr make_root_link(std::shared_ptr<task> t, bool cwd, bool thread) {
  const std::uint64_t ino = pid_ino(t->pid(), cwd ? pid_entry::cwd : pid_entry::root, thread);
  return std::make_shared<root_link>(std::move(t), ino, cwd);
}

}  // namespace netns::fs::procfs_detail
