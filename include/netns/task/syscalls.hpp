// SPDX-License-Identifier: GPL-2.0-only
// The system calls of the model, made on behalf of a task, each returning
// what Linux returns (the value, or the errno).
//
// Example:
//   #include "netns/machine/machine.hpp"
//   machine m;
//   task& t = m.init_task();
//   int fd = *sys_open(t, "/proc/self/ns/net", O_RDONLY);
//   if (auto r = sys_unshare(t, CLONE_NEWNET); !r) return r;     // EPERM, ENOSPC, ...
//   if (auto r = sys_setns(t, fd, CLONE_NEWNET); !r) return r;   // back where it started
//   return sys_close(t, fd);
//
// unshare and setns follow the kernel's checks and their order (flag and
// fd checks before permission checks), for every namespace type; setns
// takes a namespace file or a pidfd (pidfd.hpp) with several types.
#pragma once

#include <cstdint>
#include <string>
#include <span>
#include <string_view>
#include <vector>

#include "netns/base/result.hpp"
#include "netns/core/net.hpp"
#include "netns/core/uts_namespace.hpp"
#include "netns/fs/vfs.hpp"
#include "netns/task/task.hpp"

namespace netns {

result<void> sys_unshare(task& t, unsigned long flags);
result<void> sys_setns(task& t, int fd, int nstype);
// sethostname: EPERM without CAP_SYS_ADMIN over the uts namespace's owner,
// then EINVAL past 64 bytes. uname: the task's uts namespace's names.
result<void> sys_sethostname(task& t, std::string_view name);
result<void> sys_setdomainname(task& t, std::string_view name);
result<new_utsname> sys_uname(task& t);
// getpid: the task's number in its own pid namespace.
int sys_getpid(task& t);
// The set*id calls (setid.cpp), ids as the task's user namespace names
// them (EINVAL unmapped), -1 (invalid_id) for "keep" where the call takes
// it; EPERM without CAP_SETUID/CAP_SETGID over that namespace for an id
// that is not one of the task's real, effective and saved ones. Leaving
// uid 0 drops capabilities as the kernel does (every set when none of the
// three ids is root any more, the effective set with the euid; the file
// system ones with the fsuid). setfs*id return the old fs id and change
// nothing when refused.
result<void> sys_setresuid(task& t, std::uint32_t ruid, std::uint32_t euid, std::uint32_t suid);
result<void> sys_setuid(task& t, std::uint32_t uid);
result<void> sys_setreuid(task& t, std::uint32_t ruid, std::uint32_t euid);
std::uint32_t sys_setfsuid(task& t, std::uint32_t uid);
result<void> sys_setresgid(task& t, std::uint32_t rgid, std::uint32_t egid, std::uint32_t sgid);
result<void> sys_setgid(task& t, std::uint32_t gid);
result<void> sys_setregid(task& t, std::uint32_t rgid, std::uint32_t egid);
std::uint32_t sys_setfsgid(task& t, std::uint32_t gid);
// capset on the task itself (capset.cpp): EPERM for a new permitted
// capability, an effective one not permitted, an inheritable one outside
// the bounding set or (without CAP_SETPCAP) not permitted.
result<void> sys_capset(task& t, cap_set effective, cap_set permitted, cap_set inheritable);
// The capability prctls: PR_{GET,SET}_KEEPCAPS, PR_CAPBSET_{READ,DROP},
// PR_{GET,SET}_SECUREBITS, PR_CAP_AMBIENT; the value, or the errno the
// kernel gives (EINVAL for another option).
result<long> sys_prctl_caps(task& t, int option, unsigned long arg2, unsigned long arg3,
                            unsigned long arg4, unsigned long arg5);
// setgroups: at most NGROUPS_MAX (65536) ids, each mapped in the task's
// user namespace (EINVAL otherwise), with CAP_SETGID over it and where
// that namespace allows setgroups (its gid map written and
// /proc/PID/setgroups not "deny"; EPERM otherwise). getgroups' list:
// sorted, in the task's user namespace (65534 where unmapped).
result<void> sys_setgroups(task& t, std::span<const std::uint32_t> gids);
std::vector<std::uint32_t> task_groups(const task& t);
// getresuid and getresgid: real, effective, saved, in the task's user
// namespace (the overflow id where unmapped).
struct ids_seen {
  std::uint32_t uid[3];
  std::uint32_t gid[3];
};
ids_seen task_ids(const task& t);
// What execve does to the credentials when it starts a program with no
// file capabilities and no set-id bit (cap_bprm_creds_from_file): root of
// the task's user namespace (its uid or euid maps to 0 there) gets the
// bounding set, made effective if the euid is root; anyone else keeps
// only the ambient set. The saved and filesystem ids become the effective
// ones, and the task is dumpable again if its effective ids are its real
// ones. The model runs `ip` through this.
void exec_program_creds(task& t);
// What execve does to the namespaces (exec_task_namespaces): a task that
// unshared a time namespace enters it with its new program. Whether it
// would: exec_changes_namespaces.
void exec_task_namespaces(task& t);
bool exec_changes_namespaces(const task& t);
// The credentials exec_program_creds would give a task that has `c`.
cred creds_after_exec(const cred& c);

result<int> sys_open(task& t, std::string_view path, int flags, std::uint32_t mode = 0);
// The open file sys_open would install, as the task opens it (filp_open):
// for a caller that puts it somewhere other than the task's fd table.
result<fs::file_ptr> filp_open(task& t, std::string_view path, int flags, std::uint32_t mode = 0);
result<void> sys_close(task& t, int fd);
result<std::string> sys_read(task& t, int fd, std::size_t count);
result<std::size_t> sys_write(task& t, int fd, std::string_view data);
// lseek(2): SEEK_SET, SEEK_CUR (SEEK_END where the file has a size); the
// new position, EBADF on an O_PATH fd, ESPIPE where the file cannot seek.
result<std::int64_t> sys_lseek(task& t, int fd, std::int64_t offset, int whence);
result<long> sys_ioctl(task& t, int fd, unsigned long request, void* arg);
result<std::string> sys_readlink(task& t, std::string_view path);
result<fs::stat_info> sys_stat(task& t, std::string_view path);
// faccessat2(AT_FDCWD, path, mode, flags): mode a mask of R_OK, W_OK,
// X_OK (0: F_OK), flags of AT_SYMLINK_NOFOLLOW, AT_EACCESS, AT_EMPTY_PATH
// (EINVAL for other bits). The model's tasks run with their real ids as
// their effective ones, so AT_EACCESS changes nothing.
result<void> sys_faccessat(task& t, std::string_view path, int mode, int flags);
result<fs::stat_info> sys_lstat(task& t, std::string_view path);
result<fs::stat_info> sys_fstat(task& t, int fd);
// statfs(2), fstatfs(2) (an O_PATH fd too): fs/statfs.hpp.
result<fs::statfs_info> sys_statfs(task& t, std::string_view path);
result<fs::statfs_info> sys_fstatfs(task& t, int fd);
result<void> sys_mkdir(task& t, std::string_view path, std::uint32_t mode);
result<void> sys_rmdir(task& t, std::string_view path);
result<void> sys_unlink(task& t, std::string_view path);
result<std::vector<std::string>> sys_readdir(task& t, std::string_view path);
// recursive: MS_BIND | MS_REC (mount --rbind).
result<void> sys_mount_bind(task& t, std::string_view src, std::string_view dst,
                            bool recursive = false);
// MS_MOVE (mount --move): see vfs::move_mount.
result<void> sys_mount_move(task& t, std::string_view src, std::string_view dst);
result<void> sys_umount_detach(task& t, std::string_view dst);
// mount("", DST, NULL, FLAGS, NULL), FLAGS a propagation type and maybe
// MS_REC: see vfs::change_type.
result<void> sys_mount_change_type(task& t, std::string_view dst, unsigned long flags);
// mount(SOURCE, DST, FSTYPE, FLAGS, NULL) for "tmpfs" and "proc" (ENODEV
// for another type): see vfs::mount_fs.
result<void> sys_mount_fs(task& t, std::string_view fstype, std::string_view source,
                          std::string_view dst, unsigned long flags = 0,
                          std::string_view data = {});
// chroot(2): PATH's lookup errors, ENOTDIR, EACCES without search
// permission on it, EPERM without CAP_SYS_CHROOT in the task's user
// namespace; then the task's walks start there (and ".." stops there).
result<void> sys_chroot(task& t, std::string_view path);
// chdir(2): the lookup of chroot (ENOENT, ENOTDIR, EACCES), no
// capability; then the task's relative walks start there. A path outside
// the task's root cannot be named, but ".." from a working directory
// outside it (chroot leaves it) walks up to the namespace's root.
result<void> sys_chdir(task& t, std::string_view path);
// getcwd(2): the working directory's path from the task's root, or, when
// the root is not above it, "(unreachable)" and its path from the mount
// namespace's root; ENOENT once it has been removed.
result<std::string> sys_getcwd(task& t);
// mount(NULL, PATH, NULL, FLAGS, DATA), FLAGS MS_REMOUNT and maybe MS_BIND
// with the flags to set, DATA the file system's words ("" for none): see
// vfs::remount.
result<void> sys_mount_remount(task& t, std::string_view path, unsigned long flags,
                               std::string_view data = {});

// For the nsid layer: the net a namespace fd refers to (EBADF: not an open
// fd; EINVAL: not a net namespace file), and a task's net by pid (ESRCH).
result<net_ref> get_net_ns_by_fd(task& t, int fd);
// The same without a reference, for the task's own thread while it handles
// one request: the net stays alive as long as the fd stays open, and only
// this thread could close it.
result<net*> peek_net_ns_by_fd(task& t, int fd);
// The net namespace of the task with pid `pid` in the initial pid namespace.
result<net_ref> get_net_ns_by_pid(pid_table& m, int pid);
// get_net_ns_by_pid as a request of `current` names it: `pid` in current's
// pid namespace (find_task_by_vpid); ESRCH for a task it cannot see.
result<net_ref> get_net_ns_by_vpid(task& current, int pid);

}  // namespace netns
