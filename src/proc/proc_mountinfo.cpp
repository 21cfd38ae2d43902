// SPDX-License-Identifier: GPL-2.0-only
// /proc/<pid>/mountinfo and /proc/<pid>/mounts (fs/proc_namespace.c,
// mountinfo_open, mounts_open): the mounts of the task's mount namespace,
// as the vfs writes them (vfs::mountinfo, vfs::mounts_table), made at
// open, as the kernel's seq file takes its namespace at open.
#include <cerrno>

#include "netns/base/thread_annotations.hpp"
#include "netns/task/pid_table.hpp"
#include "procfs_internal.hpp"

namespace netns::fs::procfs_detail {

namespace {

class mountinfo_inode final : public inode {
 public:
  mountinfo_inode(std::shared_ptr<task> t, bool thread, bool table)
      : inode(S_IFREG), task_(std::move(t)), thread_(thread), table_(table) {}
  result<stat_info> getattr(const access_ctx&) const override {
    auto [uid, gid] = task_dump_owner(*task_, S_IFREG | 0444);
    const pid_entry e = table_ ? pid_entry::mounts : pid_entry::mountinfo;
    return proc_stat(pid_ino(task_->pid(), e, thread_), S_IFREG | 0444, uid, gid);
  }
  result<file_ptr> open(const access_ctx&, int flags, inode_ptr self) override {
    if ((flags & O_ACCMODE) != O_RDONLY) return errc{EACCES};
    // mounts_open_common: the task's namespace (ENOENT once it has none),
    // its paths from the task's root.
    nsproxy_ref p = task_->get_nsproxy();
    if (!p) return errc{ENOENT};
    fs::vfs& tree = task_->owner().vfs();
    const vfsmount* root = task::root_mount_of(*p);
    const std::string chroot = task_->fs_root().path;
    std::string text = table_ ? tree.mounts_table(root, chroot) : tree.mountinfo(root, chroot);
    return open_text_file(std::move(self), flags, std::move(text));
  }

 private:
  std::shared_ptr<task> task_;
  bool thread_;
  bool table_;  // mounts, not mountinfo
};

}  // namespace

inode_ptr make_mountinfo_file(std::shared_ptr<task> t, bool thread, bool table) {
  return std::make_shared<mountinfo_inode>(std::move(t), thread, table);
}

}  // namespace netns::fs::procfs_detail
