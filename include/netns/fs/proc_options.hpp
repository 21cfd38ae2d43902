// SPDX-License-Identifier: GPL-2.0-only
// A proc mount's own options (fs/proc/root.c: proc_fs_parameters,
// proc_parse_param, proc_apply_options, proc_show_options): hidepid=,
// gid=, subset= and pidns=. Each proc mount is a superblock of its own,
// so two mounts of proc may hide differently; the proc layer applies them
// (procfs.hpp), the fs layer parses them at mount and at a remount
// (proc_reconfigure changes what the remount names, nothing else) and
// shows them in mountinfo's super options (pidns= is never shown).
//
// Example:
//   fs::proc_mount_opts o;
//   unsigned set = 0, clear = 0;                      // SB_* words among the data (ro, ...)
//   const cred* caller = nullptr;                     // the kernel itself: gid= as given
//   if (auto r = fs::parse_proc_data("hidepid=2,subset=pid", caller, o, set, clear); !r)
//     return r;                                       // EINVAL: hidepid=3, subset=net, ...
//   std::string text = fs::show_proc_options(o);     // ",hidepid=invisible,subset=pid"
//   fs::proc_sb_options sb(o);                        // what the superblock's walks read
//   unsigned given = 0;
//   (void)fs::parse_proc_data("hidepid=0", caller, o, given, set, clear, nullptr);
//   sb.apply(o, given);                               // a remount: hidepid off, subset kept
//
// Cost: a parse per mount or remount; a walk in a proc reads its options
// with three relaxed atomic loads (proc_sb_options::load).
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <string_view>

#include "netns/base/result.hpp"
#include "netns/core/cred.hpp"

namespace netns::fs {

// enum proc_hidepid: who sees the /proc/<pid> directories of tasks they
// may not ptrace (has_pid_permissions). The numbers are the option's.
enum class proc_hidepid : unsigned {
  off = 0,             // everyone sees them
  no_access = 1,       // listed and stat-able, but EPERM to enter or read
  invisible = 2,       // not listed, ENOENT for everything under them
  not_ptraceable = 4,  // only ptraceable tasks exist; no gid= exemption
};

// struct proc_fs_info's options (the pid namespace is the proc layer's).
struct proc_mount_opts {
  proc_hidepid hide_pid = proc_hidepid::off;
  // gid=: members of this group see every pid (not with ptraceable).
  kgid pid_gid = global_root_gid;
  // subset=pid (PROC_PIDONLY_ON): only self, thread-self and the pid
  // directories; every other entry of the root is ENOENT.
  bool pidonly = false;
};

// Which options a mount's data named (struct proc_fs_context's mask): at
// a remount only these change (proc_apply_options).
inline constexpr unsigned proc_param_gid = 1U << 0;
inline constexpr unsigned proc_param_hidepid = 1U << 1;
inline constexpr unsigned proc_param_subset = 1U << 2;
inline constexpr unsigned proc_param_pidns = 1U << 3;

// pidns='s value, handed over when its word is met (so that an earlier
// bad word is the error, and a later one after it): the caller opens the
// path and takes the pid namespace, or says why not (its errno is the
// mount's). A remount's says EBUSY whatever the value (proc_parse_param:
// a proc's pid namespace is fixed once it is made).
using proc_pidns_param = std::function<result<void>(std::string_view path)>;

// proc_parse_param for each comma-separated word of `data` (vfs_parse_sb_flag
// first: its SB_* words go to `sb_set`/`sb_clear`), over `o`; `given`
// gains the proc_param_* bit of each option met. gid= is a number in any
// base, named in the caller's user namespace (`c`; nullptr: the initial
// one), kept invalid when unmapped (make_kgid, no check); hidepid= a number
// (0, 1, 2, 4) or off/noaccess/invisible/ptraceable; subset= only "pid";
// pidns= a path for `pidns` (empty: EINVAL, no pid namespace to name).
// EINVAL for anything else: an unknown key, a missing or empty value.
result<void> parse_proc_data(std::string_view data, const cred* c, proc_mount_opts& o,
                             unsigned& given, unsigned& sb_set, unsigned& sb_clear,
                             const proc_pidns_param& pidns);
// The same where no pid namespace can be named (pidns= is EINVAL).
result<void> parse_proc_data(std::string_view data, const cred* c, proc_mount_opts& o,
                             unsigned& sb_set, unsigned& sb_clear);
// proc_show_options: ",gid=N" (in the initial user namespace, overflowgid
// when unmapped) unless 0, ",hidepid=NAME" unless off, ",subset=pid".
std::string show_proc_options(const proc_mount_opts& o);

// One proc superblock's options (struct proc_fs_info's), as its walks
// read them while a remount may change them: each field on its own, as
// the kernel reads fs_info->hide_pid and pid_gid without a lock. Written
// under the vfs's mount lock only.
class proc_sb_options {
 public:
  explicit proc_sb_options(const proc_mount_opts& o = {}) { apply(o, ~0U); }
  proc_mount_opts load() const {
    proc_mount_opts o;
    o.hide_pid = static_cast<proc_hidepid>(hide_pid_.load(std::memory_order_relaxed));
    o.pid_gid = kgid{pid_gid_.load(std::memory_order_relaxed)};
    o.pidonly = pidonly_.load(std::memory_order_relaxed);
    return o;
  }
  // proc_apply_options: the options `given` names take `from`'s values;
  // the others stay. subset=pid, once on, stays on (the only value there
  // is; the 6.18 kernel turns it on at a remount too).
  void apply(const proc_mount_opts& from, unsigned given) {
    if (given & proc_param_gid) pid_gid_.store(from.pid_gid.val, std::memory_order_relaxed);
    if (given & proc_param_hidepid)
      hide_pid_.store(static_cast<unsigned>(from.hide_pid), std::memory_order_relaxed);
    if (given & proc_param_subset) pidonly_.store(from.pidonly, std::memory_order_relaxed);
  }

 private:
  std::atomic<unsigned> hide_pid_{0};
  std::atomic<std::uint32_t> pid_gid_{0};
  std::atomic<bool> pidonly_{false};
};

}  // namespace netns::fs
