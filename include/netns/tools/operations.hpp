// SPDX-License-Identifier: GPL-2.0-only
// The scenario language's operations, typed: what a parsed command line
// asks a backend to do (scenario.hpp parses, commands.hpp's table says
// which words make which operation). One small struct per operation,
// `operation` the variant of them all; a backend runs one with std::visit,
// so a backend that misses one does not compile.
//
// Example:
//   operation op = open_op{path_arg{"/proc/@t/ns/net"}, new_fd_name{"tn"}};   // open ... as tn
//   std::visit([](const auto& o) { /* a backend's handler, one per struct */ }, op);
//   if (const auto* o = std::get_if<open_op>(&op)) {
//     std::string written = o->path.written;   // "/proc/@t/ns/net": @t becomes t's pid
//   }
//
// Names in an operation are the scenario's (a task, an fd name, a path
// with @TASK and %FD); a backend resolves them for the task that runs the
// line (the resolved members: path_arg::resolved, fd_arg::number,
// task_arg::pid, ip_op's args.resolved) and then performs it. The linux
// backend sends operations, resolved, to its task processes: the members a
// struct lists in `fields` (in the order of its arguments, which the table
// relies on) are what parsing binds and what crosses that wire.
// No locking: values.
#pragma once

#include <cstdint>
#include <climits>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <variant>
#include <vector>

namespace netns::tools {

// The fd number a scenario fd name keeps after `close NAME`: never a valid
// fd, so a second close (or a setns or ioctl on the name) is EBADF on both
// backends, as the kernel answers a closed fd.
inline constexpr int closed_fd = -1;

// NS_GET_ID, _IOR(0xb7, 13, __u64) (Linux 6.x; not in every linux/nsfs.h).
inline constexpr unsigned long ns_get_id = 0x8008b70dUL;
// The nsfs requests of Linux 6.x that older linux/nsfs.h lack, as the
// uapi defines them (checked on the 6.18 kernel): NS_GET_MNTNS_ID,
// _IOR(0xb7, 5, __u64), fills in the mount namespace's id (the NS_GET_ID
// value); the four pid requests, _IOR(0xb7, 6..9, int), take a pid as the
// ioctl's argument itself and return the translated pid.
inline constexpr unsigned long ns_get_mntns_id = 0x8008b705UL;
inline constexpr unsigned long ns_get_pid_from_pidns = 0x8004b706UL;   // fd's ns -> caller's
inline constexpr unsigned long ns_get_tgid_from_pidns = 0x8004b707UL;
inline constexpr unsigned long ns_get_pid_in_pidns = 0x8004b708UL;     // caller's ns -> fd's
inline constexpr unsigned long ns_get_tgid_in_pidns = 0x8004b709UL;
// CLONE_NEWTIME (Linux 5.6), missing from older sched.h.
inline constexpr int clone_newtime = 0x80;

// A path as written (@TASK: a task's pid, %FD: one of the task's fd
// numbers); `resolved` once a backend has replaced them.
struct path_arg {
  std::string written;
  std::string resolved;
};
// One of the task's fds, by name, or a raw fd number written in its place
// (setns, ioctl, close: "-1", "99"), which reaches the kernel as it is;
// `number` once resolved (closed_fd for a closed name).
struct fd_arg {
  std::string name;
  int number = closed_fd;
};
// The name a command gives the fd it opens: not one of an open fd.
struct new_fd_name {
  std::string name;
};
// The fd number `name` stands for when it is a raw one (an optional '-'
// and decimal digits, an int); nullopt for an fd name, which never starts
// so ([a-z]...).
inline std::optional<int> raw_fd_number(std::string_view name) {
  std::size_t i = !name.empty() && name.front() == '-' ? 1 : 0;
  if (i == name.size() || name.size() - i > 10) return std::nullopt;
  long long v = 0;
  for (; i < name.size(); ++i) {
    if (name[i] < '0' || name[i] > '9') return std::nullopt;
    v = v * 10 + (name[i] - '0');
  }
  if (name.front() == '-') v = -v;
  if (v < INT32_MIN || v > INT32_MAX) return std::nullopt;
  return static_cast<int>(v);
}

// A live task, by name; `pid` once resolved.
struct task_arg {
  std::string name;
  std::uint32_t pid = 0;
};
// A program's arguments; where ip takes a pid, a task's name is replaced by
// its pid in `resolved`.
struct program_args {
  std::vector<std::string> written;
  std::vector<std::string> resolved;
};

// An operation without arguments.
struct no_members {
  template <class S> static auto fields(S&) { return std::tie(); }
};
// An operation whose one argument is a path; `Tag` tells them apart.
template <class Tag>
struct path_op {
  path_arg path;
  template <class S> static auto fields(S& s) { return std::tie(s.path); }
};
using readlink_op = path_op<struct readlink_tag>;
using stat_op = path_op<struct stat_tag>;        // follows links
using statfs_op = path_op<struct statfs_tag>;    // follows links
using mkdir_op = path_op<struct mkdir_tag>;      // mode 0755
using touch_op = path_op<struct touch_tag>;      // O_WRONLY | O_CREAT, mode 0644, then close
using rm_op = path_op<struct rm_tag>;            // unlink
using umount_op = path_op<struct umount_tag>;    // MNT_DETACH
using cat_op = path_op<struct cat_tag>;
using ls_op = path_op<struct ls_tag>;
// The task's /proc/self/mountinfo entries at and below the path.
using mounts_op = path_op<struct mounts_tag>;
// The task's /proc/self/mounts lines at and below the path.
using mtab_op = path_op<struct mtab_tag>;
// The task's /proc/self/mountinfo lines at and below the path, with their
// options (`mounts` leaves them out).
using mountinfo_op = path_op<struct mountinfo_tag>;
using chroot_op = path_op<struct chroot_tag>;  // chroot(2)
using chdir_op = path_op<struct chdir_tag>;    // chdir(2): `cd PATH`
struct getcwd_op : no_members {};               // getcwd(2): `pwd`

struct spawn_op {
  std::string name;
  template <class S> static auto fields(S& s) { return std::tie(s.name); }
};
struct exit_op : no_members {};
struct unshare_op {
  int flags = 0;  // CLONE_NEW* of net, user, uts, ipc, mnt, pid, cgroup, time, ORed
  template <class S> static auto fields(S& s) { return std::tie(s.flags); }
};
struct setns_op {
  fd_arg fd;
  int nstype = 0;  // CLONE_NEW* ORed (several: with a pidfd), or 0
  template <class S> static auto fields(S& s) { return std::tie(s.fd, s.nstype); }
};
struct open_op {  // open(path, flags, 0644)
  path_arg path;
  new_fd_name as;
  std::uint32_t flags = 0;  // O_* ORed; O_RDONLY (0) when the line gives none
  template <class S> static auto fields(S& s) { return std::tie(s.path, s.as, s.flags); }
};
struct close_op {
  fd_arg fd;
  template <class S> static auto fields(S& s) { return std::tie(s.fd); }
};
struct ioctl_op {
  fd_arg fd;
  unsigned long request = 0;  // NS_GET_NSTYPE, NS_GET_USERNS, ..., ns_get_id, ns_get_mntns_id
  std::optional<new_fd_name> as;  // keep the fd NS_GET_USERNS/PARENT returns
  template <class S> static auto fields(S& s) { return std::tie(s.fd, s.request, s.as); }
};
// NS_GET_{PID,TGID}_{FROM,IN}_PIDNS about a task: the argument the
// kernel gets is the task's pid as the caller sees it (IN_PIDNS) or as the
// fd's pid namespace sees it (FROM_PIDNS); docs/scenarios.md, "ioctl".
struct ioctl_pid_op {
  fd_arg fd;
  unsigned long request = 0;  // ns_get_pid_from_pidns ... ns_get_tgid_in_pidns
  task_arg task;
  template <class S> static auto fields(S& s) { return std::tie(s.fd, s.request, s.task); }
};
struct pidfd_op {  // pidfd_open(TASK's pid as the line's task sees it, 0)
  task_arg task;
  new_fd_name as;
  template <class S> static auto fields(S& s) { return std::tie(s.task, s.as); }
};
struct hostname_op {  // without a name: uname's nodename; with one: sethostname
  std::optional<std::string> name;
  template <class S> static auto fields(S& s) { return std::tie(s.name); }
};
struct getpid_op : no_members {};  // the task's pid in its own pid namespace
struct caps_drop_op {  // capset: the bits of `caps` cleared in effective, permitted, inheritable
  std::uint64_t caps = 0;
  template <class S> static auto fields(S& s) { return std::tie(s.caps); }
};
struct prctl_dumpable_op {  // prctl(PR_SET_DUMPABLE, on)
  std::uint32_t on = 0;
  template <class S> static auto fields(S& s) { return std::tie(s.on); }
};
struct setuid_op {  // setresuid(uid, uid, uid)
  std::uint32_t uid = 0;
  template <class S> static auto fields(S& s) { return std::tie(s.uid); }
};
struct mount_bind_op {  // MS_BIND, with MS_REC for --rbind
  path_arg source;
  path_arg target;
  std::uint32_t recursive = 0;
  template <class S> static auto fields(S& s) { return std::tie(s.source, s.target, s.recursive); }
};
struct mount_move_op {  // MS_MOVE (mount --move SRC DST)
  path_arg source;
  path_arg target;
  template <class S> static auto fields(S& s) { return std::tie(s.source, s.target); }
};
// mount("", PATH, NULL, flags, NULL): MS_SHARED, MS_SLAVE, MS_PRIVATE or
// MS_UNBINDABLE, with MS_REC for the --make-r... forms.
struct mount_propagation_op {
  std::uint32_t flags = 0;
  path_arg path;
  template <class S> static auto fields(S& s) { return std::tie(s.flags, s.path); }
};
// mount(SOURCE, DST, FSTYPE, FLAGS, NULL): FSTYPE tmpfs (0) or proc (1);
// FLAGS the MS_* flags of `-o OPTIONS` (none without).
struct mount_fs_op {
  std::uint32_t fstype = 0;
  std::string source;
  path_arg target;
  std::uint64_t flags = 0;
  // The KEY=VALUE words of -o, comma-joined: mount(2)'s data ("" for
  // none); @NAME and %FD in them as in a PATH (pidns=/proc/@t/ns/pid).
  path_arg data;
  template <class S> static auto fields(S& s) {
    return std::tie(s.fstype, s.source, s.target, s.flags, s.data);
  }
  const char* fstype_name() const { return fstype == 1 ? "proc" : "tmpfs"; }
};
// mount(NULL, PATH, NULL, FLAGS, DATA): FLAGS the MS_* flags of OPTIONS
// (`mount -o remount,bind,ro PATH`), exactly those; DATA its KEY=VALUE
// words, as mount_fs_op's (`mount -o remount,hidepid=2 PATH`).
struct mount_remount_op {
  std::uint64_t flags = 0;
  path_arg path;
  path_arg data;
  template <class S> static auto fields(S& s) { return std::tie(s.flags, s.path, s.data); }
};
// O_WRONLY, one write(2) of text and a newline; `at N`: lseek(N, SEEK_SET)
// first (dd's seek=N, so a file's own rule for a non-zero position shows:
// uid_map's EINVAL, a sysctl's ignored write; pwrite would stop at ESPIPE
// on the seq files before that rule).
struct write_op {
  path_arg path;
  std::string text;  // as written but each `\n` (backslash, n) a newline
  std::optional<std::uint64_t> at;
  template <class S> static auto fields(S& s) { return std::tie(s.path, s.text, s.at); }
};
// The `nl` requests carry exactly the attributes given, in the order
// NSID, PID, FD, TARGET_NSID (the order of their members).
// Each may also set NLM_F_ECHO on the request (`echo`) and
// NETLINK_CAP_ACK on the socket (`capack`).
struct nl_newnsid_op {  // RTM_NEWNSID, NLM_F_ACK
  std::optional<std::int32_t> nsid;
  std::optional<task_arg> pid;
  std::optional<fd_arg> fd;
  bool echo = false;
  bool capack = false;
  template <class S> static auto fields(S& s) { return std::tie(s.nsid, s.pid, s.fd, s.echo, s.capack); }
};
struct nl_getnsid_op {  // RTM_GETNSID
  std::optional<std::int32_t> nsid;
  std::optional<task_arg> pid;
  std::optional<fd_arg> fd;
  std::optional<std::int32_t> target;
  bool echo = false;
  bool capack = false;
  template <class S>
  static auto fields(S& s) {
    return std::tie(s.nsid, s.pid, s.fd, s.target, s.echo, s.capack);
  }
};
struct nl_dumpnsid_op {  // RTM_GETNSID, NLM_F_DUMP
  std::optional<std::int32_t> target;
  bool strict = false;  // NETLINK_GET_STRICT_CHK on the socket
  bool echo = false;
  bool capack = false;
  template <class S> static auto fields(S& s) { return std::tie(s.target, s.strict, s.echo, s.capack); }
};
// `nl raw HEX`: the bytes as given (no header field filled in), sent in one
// sendto on a fresh NETLINK_ROUTE socket with NETLINK_EXT_ACK; every reply
// message is read until none is left.
struct nl_raw_op {
  std::string bytes;  // binary: HEX decoded
  template <class S> static auto fields(S& s) { return std::tie(s.bytes); }
};
struct monitor_op : no_members {};  // a socket of the task in RTNLGRP_NSID
struct events_op {  // what the monitor received, waiting up to 2 s for `count`
  std::optional<std::uint32_t> count;
  template <class S> static auto fields(S& s) { return std::tie(s.count); }
};
struct settle_op : no_members {};
struct ip_op {  // /usr/sbin/ip: on the kernel on linux, under netns exec on the model
  program_args args;
  template <class S> static auto fields(S& s) { return std::tie(s.args); }
};

// A program's words in which "@TASK" (a task the scenario named) becomes
// that task's pid; every other word, and an "@" before anything else, stays.
struct exec_words : program_args {};

struct exec_op {  // a real program: on the kernel on linux, under netns exec on the model
  exec_words args;  // PROGRAM [ARG...]
  template <class S> static auto fields(S& s) { return std::tie(s.args); }
};

using operation =
    std::variant<spawn_op, exit_op, unshare_op, setns_op, open_op, close_op, readlink_op, stat_op,
                 ioctl_op, setuid_op, mkdir_op, touch_op, rm_op, mount_bind_op, umount_op, cat_op,
                 ls_op, write_op, nl_newnsid_op, nl_getnsid_op, nl_dumpnsid_op, monitor_op,
                 events_op, settle_op, ip_op, exec_op, ioctl_pid_op, pidfd_op, hostname_op,
                 getpid_op, caps_drop_op, prctl_dumpable_op, mount_propagation_op, mount_fs_op,
                 mounts_op, nl_raw_op, mount_move_op, mtab_op, mount_remount_op, mountinfo_op,
                 chroot_op, chdir_op, getcwd_op, statfs_op>;

// Applies `f` to each member `Op::fields` lists, in order (const or not,
// as `op` is).
template <class Op, class F>
void for_each_field(Op& op, F&& f) {
  std::apply([&](auto&... field) { (f(field), ...); }, std::remove_const_t<Op>::fields(op));
}

}  // namespace netns::tools
