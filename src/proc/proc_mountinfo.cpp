// SPDX-License-Identifier: GPL-2.0-only
// /proc/<pid>/mountinfo, mounts and mountstats (fs/proc_namespace.c,
// mountinfo_open, mounts_open, mountstats_open): the mounts of the task's
// mount namespace, as the vfs writes them (vfs::mountinfo,
// vfs::mounts_table), made at open, as the kernel's seq file takes its
// namespace at open. mountstats (show_vfsstat) is mode 0400 and, for the
// model's file systems (none has show_stats), a line per mount:
// "device SOURCE mounted on MOUNTPOINT with fstype TYPE" (probed).
#include <cerrno>

#include "netns/base/thread_annotations.hpp"
#include "netns/task/pid_table.hpp"
#include "procfs_internal.hpp"

namespace netns::fs::procfs_detail {

namespace {

class mountinfo_inode final : public inode {
 public:
  mountinfo_inode(std::shared_ptr<task> t, bool thread, mount_table kind)
      : inode(S_IFREG), task_(std::move(t)), thread_(thread), kind_(kind) {}
  result<stat_info> getattr(const access_ctx&) const override {
    const std::uint32_t mode = S_IFREG | (kind_ == mount_table::mountstats ? 0400 : 0444);
    auto [uid, gid] = task_dump_owner(*task_, mode);
    const pid_entry e = kind_ == mount_table::mounts       ? pid_entry::mounts
                        : kind_ == mount_table::mountstats ? pid_entry::mountstats
                                                           : pid_entry::mountinfo;
    return proc_stat(pid_ino(task_->pid(), e, thread_), mode, uid, gid);
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
    std::string text = kind_ == mount_table::mountinfo ? tree.mountinfo(root, chroot)
                                                       : tree.mounts_table(root, chroot);
    if (kind_ == mount_table::mountstats) text = stats_of(text);
    return open_text_file(std::move(self), flags, std::move(text));
  }

 private:
  // show_vfsstat's lines from /proc/PID/mounts's ("SOURCE MOUNTPOINT TYPE
  // ..."): the same escaped source and mount point.
  static std::string stats_of(const std::string& table) {
    std::string out;
    for (std::size_t at = 0; at < table.size();) {
      const std::size_t end = std::min(table.find('\n', at), table.size());
      const std::string_view line(table.data() + at, end - at);
      const std::size_t a = line.find(' '), b = line.find(' ', a + 1), c = line.find(' ', b + 1);
      out += "device ";
      out += line.substr(0, a);
      out += " mounted on ";
      out += line.substr(a + 1, b - a - 1);
      out += " with fstype ";
      out += line.substr(b + 1, c - b - 1);
      out += '\n';
      at = end + 1;
    }
    return out;
  }
  std::shared_ptr<task> task_;
  bool thread_;
  mount_table kind_;
};

}  // namespace

inode_ptr make_mountinfo_file(std::shared_ptr<task> t, bool thread, mount_table kind) {
  return std::make_shared<mountinfo_inode>(std::move(t), thread, kind);
}

}  // namespace netns::fs::procfs_detail
