// SPDX-License-Identifier: GPL-2.0-only
// A proc mount's own options (fs/proc/root.c: proc_fs_parameters,
// proc_parse_param, proc_apply_options, proc_show_options): hidepid=,
// gid= and subset=. Each proc mount is a superblock of its own, so two
// mounts of proc may hide differently; the proc layer applies them
// (procfs.hpp), the fs layer parses them at mount and shows them in
// mountinfo's super options.
//
// Example:
//   fs::proc_mount_opts o;
//   unsigned set = 0, clear = 0;                      // SB_* words among the data (ro, ...)
//   const cred* caller = nullptr;                     // the kernel itself: gid= as given
//   if (auto r = fs::parse_proc_data("hidepid=2,subset=pid", caller, o, set, clear); !r)
//     return r;                                       // EINVAL: hidepid=3, subset=net, ...
//   std::string text = fs::show_proc_options(o);     // ",hidepid=invisible,subset=pid"
//
// Cost: a parse per mount; nothing here is on a walk's path.
#pragma once

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

// proc_parse_param for each comma-separated word of `data` (vfs_parse_sb_flag
// first: its SB_* words go to `sb_set`/`sb_clear`), over `o`. gid= is a
// number in any base, named in the caller's user namespace (`c`; nullptr:
// the initial one), kept invalid when unmapped (make_kgid, no check);
// hidepid= a number (0, 1, 2, 4) or off/noaccess/invisible/ptraceable;
// subset= only "pid". EINVAL for anything else: an unknown key, a missing
// or empty value.
result<void> parse_proc_data(std::string_view data, const cred* c, proc_mount_opts& o,
                             unsigned& sb_set, unsigned& sb_clear);
// proc_show_options: ",gid=N" (in the initial user namespace, overflowgid
// when unmapped) unless 0, ",hidepid=NAME" unless off, ",subset=pid".
std::string show_proc_options(const proc_mount_opts& o);

}  // namespace netns::fs
