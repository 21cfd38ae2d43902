// SPDX-License-Identifier: GPL-2.0-only
// /proc/<pid>/mountinfo (fs/proc_namespace.c, mountinfo_open): the mounts
// of the task's mount namespace, as the vfs writes them (vfs::mountinfo),
// made at open, as the kernel's seq file takes its namespace at open.
#include <cerrno>

#include "netns/base/thread_annotations.hpp"
#include "netns/task/pid_table.hpp"
#include "procfs_internal.hpp"

namespace netns::fs::procfs_detail {

namespace {

class mountinfo_inode final : public inode {
 public:
  mountinfo_inode(std::shared_ptr<task> t, bool thread)
      : inode(S_IFREG), task_(std::move(t)), thread_(thread) {}
  result<stat_info> getattr(const access_ctx&) const override {
    auto [uid, gid] = task_dump_owner(*task_, S_IFREG | 0444);
    return proc_stat(pid_ino(task_->pid(), pid_entry::mountinfo, thread_), S_IFREG | 0444, uid,
                     gid);
  }
  result<file_ptr> open(const access_ctx&, int flags, inode_ptr self) override {
    if ((flags & O_ACCMODE) != O_RDONLY) return errc{EACCES};
    // mounts_open_common: the task's namespace (ENOENT once it has none),
    // its paths from the task's root.
    nsproxy_ref p = task_->get_nsproxy();
    if (!p) return errc{ENOENT};
    std::string text = task_->owner().vfs().mountinfo(task::root_mount_of(*p));
    return open_text_file(std::move(self), flags, std::move(text));
  }

 private:
  std::shared_ptr<task> task_;
  bool thread_;
};

}  // namespace

inode_ptr make_mountinfo_file(std::shared_ptr<task> t, bool thread) {
  return std::make_shared<mountinfo_inode>(std::move(t), thread);
}

}  // namespace netns::fs::procfs_detail
