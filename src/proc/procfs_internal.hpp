// SPDX-License-Identifier: GPL-2.0-only
// What the procfs sources share: stat helpers, inode numbers of pid
// directories, and the makers of the entries each source file defines.
#pragma once

#include <array>
#include <iterator>

#include <memory>
#include <string>

#include "netns/core/cgroup_namespace.hpp"
#include "netns/core/ipc_namespace.hpp"
#include "netns/core/pid_namespace.hpp"
#include "netns/core/time_namespace.hpp"
#include "netns/core/uts_namespace.hpp"
#include "netns/fs/mnt_namespace.hpp"
#include "netns/fs/proc_options.hpp"
#include "netns/proc/procfs.hpp"
#include "netns/fs/vfs.hpp"
#include "netns/task/task.hpp"

namespace netns::fs::procfs_detail {

// struct proc_fs_info: what one proc superblock answers for. Every proc
// mount has its own (proc_fill_super): the pid namespace of the task that
// mounted it (its pids are the ones listed, numbered in it, and /proc/self
// is the reader's number there; pidns= names another) and the mount's
// options, which a remount changes (so each answer reads them anew). The
// boot /proc is the initial pid namespace's, without options.
struct proc_fs_info {
  proc_fs_info(pid_ns_ref ns, std::shared_ptr<const proc_sb_options> o)
      : pid_ns(std::move(ns)), sb_opts(std::move(o)) {}
  pid_ns_ref pid_ns;
  std::shared_ptr<const proc_sb_options> sb_opts;
  proc_mount_opts opts() const { return sb_opts->load(); }
  // A proc that shows what the boot /proc shows, to every reader: its
  // pid directories are the per-task ones (task_inodes).
  bool plain() const {
    if (pid_ns->level() != 0) return false;
    const proc_mount_opts o = opts();
    return o.hide_pid == proc_hidepid::off && !o.pidonly;
  }
};
using proc_fs_info_ptr = std::shared_ptr<const proc_fs_info>;

// has_pid_permissions: whether the reader may see task `t`'s /proc/<pid>
// in a proc with these options, for a hidepid level of at least
// `hide_pid_min` (no_access: to enter it; invisible: to see it at all):
// always below that level, else a member of gid= may, else whoever may
// ptrace it. hidepid=ptraceable asks ptrace alone, at every level.
bool has_pid_permissions(const proc_fs_info& fs, const access_ctx& ctx, task& t,
                         proc_hidepid hide_pid_min);
// A task's number in `ns` (nullptr: the initial pid namespace, the boot
// /proc's): pid_nr_ns, 0 when the task is not seen there.
inline int pid_nr_in(const task& t, const pid_namespace* ns) {
  return ns ? t.pid_nr_ns(*ns) : t.pid();
}

// Stable inode numbers for the entries of a pid directory (the kernel makes
// them per instance; only their stability within a run is observable).
enum class pid_entry : int {
  dir, ns_dir, ns_net, ns_user, task_dir, thread_dir, net_dir, fd_dir,
  uid_map, gid_map, setgroups, thread_net_dir,
  ns_uts, ns_ipc, ns_pid, ns_pid_for_children, ns_mnt, ns_cgroup, ns_time, ns_time_for_children,
  cgroup, timens_offsets, mountinfo, root, cwd, stat, comm, cmdline, status, mounts,
  mountstats,
};
// `thread`: the same entry under /proc/<pid>/task/<tid>/, a distinct inode.
inline std::uint64_t pid_ino(int pid, pid_entry kind, bool thread = false) {
  return 0x10000ULL + std::uint64_t(pid) * 32 + static_cast<int>(kind) + (thread ? 0x8000000 : 0);
}

inline stat_info proc_stat(std::uint64_t ino, std::uint32_t mode, kuid uid = global_root_uid,
                           kgid gid = global_root_gid) {
  stat_info st;
  st.ino = ino;
  st.dev = procfs_dev;
  st.mode = mode;
  st.uid = uid;
  st.gid = gid;
  st.size = 0;
  st.blksize = 1024;
  return st;
}

// task_dump_owner: a task's files are its euid/egid's, except that a
// non-dumpable task's files, other than its plain 0555 directories, belong
// to the root of its mm's user namespace. The model has no execve, so every
// mm belongs to the initial user namespace: that root is the global root.
struct owner_ids {
  kuid uid;
  kgid gid;
};
inline owner_ids task_dump_owner(const task& t, std::uint32_t mode) {
  if (mode != (S_IFDIR | 0555) && !t.dumpable()) return {global_root_uid, global_root_gid};
  auto [euid, egid] = t.euid_egid();
  return {euid, egid};
}

// The inodes of a task's /proc/<pid> tree that walks cross on the way to
// its namespace files and fds (/proc/self/ns/net, /proc/self/fd/N): made
// once per task on its first lookup and freed by the pid table a grace period
// after the task exits, so lookups hand them out bare (no reference). The
// rest of the tree is made per lookup and handed out pinned.
// /proc/<pid>/ns/: one entry per namespace type (fs/proc/namespaces.c's
// ns_entries), by name; each a magic link to the task's namespace of that
// type through the type's ns_operations.
struct proc_ns_entry {
  const ns_operations* ops;
  pid_entry ino;  // the link's inode number in /proc/<pid>/ns
};
// In the kernel's order (fs/proc/namespaces.c), which getdents shows.
inline const proc_ns_entry proc_ns_entries[] = {
    {&netns_operations, pid_entry::ns_net},
    {&utsns_operations, pid_entry::ns_uts},
    {&ipcns_operations, pid_entry::ns_ipc},
    {&pidns_operations, pid_entry::ns_pid},
    {&pidns_for_children_operations, pid_entry::ns_pid_for_children},
    {&userns_operations, pid_entry::ns_user},
    {&mntns_operations, pid_entry::ns_mnt},
    {&cgroupns_operations, pid_entry::ns_cgroup},
    {&timens_operations, pid_entry::ns_time},
    {&timens_for_children_operations, pid_entry::ns_time_for_children},
};
inline constexpr std::size_t proc_ns_count = std::size(proc_ns_entries);

struct task_inodes final : task_fs_state {
  inode_ptr pid_dir, thread_dir;   // /proc/<pid>, /proc/<pid>/task/<pid>
  inode_ptr fd_dir, thread_fd_dir;
  inode_ptr ns_dir;
  std::array<inode_ptr, proc_ns_count> ns_links;  // as proc_ns_entries
  inode_ptr task_dir;
  // The rest of a pid directory's entries (each for /proc/<pid> and for
  // /proc/<pid>/task/<pid>): kept too, since a mount on them stays where
  // the kernel's pid_revalidate keeps the dentry (probed).
  struct entries {
    inode_ptr net_dir, uid_map, gid_map, setgroups, cgroup, timens_offsets, mountinfo;
    inode_ptr stat, status, comm, cmdline;
  } process, thread;
  std::string pid_name;  // "<pid>": what /proc/self reads
  // proc_flush_pid: /proc/<pid> and /proc/<pid>/task/<pid> are unhashed at
  // reap, so an fd on them reads "... (deleted)" (probed); the rest stay.
  void task_reaped() override {
    pid_dir->set_unlinked();
    thread_dir->set_unlinked();
  }
};
// The task's inodes, made now if need be; nullptr once it has exited.
// Inside an rcu::read_guard. Every /proc/self walk asks: the common case
// is inline.
task_inodes* make_inodes_of(task& t);
inline task_inodes* inodes_of(task& t) {
  if (task_fs_state* s = t.fs_state()) return static_cast<task_inodes*>(s);  // only procfs sets one
  return make_inodes_of(t);
}

// /proc/<pid>/net and /proc/<pid>/task/<tid>/net (proc_net_fs.cpp).
inode_ptr make_tgid_net_dir(std::shared_ptr<task> t, bool thread);
// /proc/<pid>/fd (proc_fd.cpp).
inode_ptr make_fd_dir(std::shared_ptr<task> t, bool thread);
// /proc/<pid>/uid_map, gid_map, setgroups (proc_userns.cpp).
enum class id_file { uid_map, gid_map, setgroups };
inode_ptr make_id_file(std::shared_ptr<task> t, id_file which, bool thread);
// An open read-only file whose text was made at open (a seq file read
// from its position): /proc/<pid>/cgroup, mountinfo (procfs.cpp). `seq`:
// it seeks as a seq_file does (no SEEK_END); cmdline, which the kernel
// does not show through one, seeks from a size of 0.
file_ptr open_text_file(inode_ptr node, int flags, std::string text, bool seq = true);
// /proc/<pid>/root and /proc/<pid>/cwd, made per lookup (proc_root_link.cpp).
inode_ptr make_root_link(std::shared_ptr<task> t, bool cwd, bool thread);
// /proc/<pid>/cgroup and /proc/<pid>/timens_offsets (proc_pid_ns_files.cpp).
inode_ptr make_cgroup_file(std::shared_ptr<task> t, pid_table& m, bool thread);
inode_ptr make_timens_offsets_file(std::shared_ptr<task> t, bool thread);
// /proc/<pid>/stat, status, comm and cmdline (proc_pid_stat.cpp). stat
// and status number pids in `ns`, the proc's pid namespace (nullptr: the
// initial one).
inode_ptr make_stat_file(std::shared_ptr<task> t, pid_table& m, bool thread,
                         const pid_namespace* ns = nullptr);
inode_ptr make_status_file(std::shared_ptr<task> t, pid_table& m, bool thread,
                           const pid_namespace* ns = nullptr);
inode_ptr make_comm_file(std::shared_ptr<task> t, pid_table& m, bool thread);
inode_ptr make_cmdline_file(std::shared_ptr<task> t, pid_table& m, bool thread);
// /proc/<pid>/mountinfo (proc_mountinfo.cpp).
// /proc/<pid>/mounts (`table`) likewise: made at each lookup, as few
// readers look and a task should not pay for it.
enum class mount_table { mountinfo, mounts, mountstats };
inode_ptr make_mountinfo_file(std::shared_ptr<task> t, bool thread,
                              mount_table kind = mount_table::mountinfo);
// /proc/sys (proc_sysctl.cpp), and its kernel and fs directories (proc_sysctl_kernel.cpp).
inode_ptr make_sys_dir(pid_table& m);
class sysctl_dentries;
inode_ptr make_kernel_sysctl_dir(pid_table& m, std::shared_ptr<sysctl_dentries> cache);
inode_ptr make_fs_sysctl_dir(pid_table& m, std::shared_ptr<sysctl_dentries> cache);

}  // namespace netns::fs::procfs_detail
