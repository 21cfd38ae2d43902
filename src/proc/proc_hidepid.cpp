// SPDX-License-Identifier: GPL-2.0-only
// hidepid= and gid= of a proc mount (fs/proc/base.c has_pid_permissions):
// who may see which /proc/<pid>.
#include <algorithm>

#include "procfs_internal.hpp"

namespace netns::fs::procfs_detail {

namespace {

// in_group_p: the fs group or a supplementary group of the reader.
bool in_group_p(const cred& c, kgid g) {
  if (c.fsgid == g) return true;
  return c.group_info && std::find(c.group_info->begin(), c.group_info->end(), g) !=
                             c.group_info->end();
}

}  // namespace

bool has_pid_permissions(const proc_fs_info& fs, const access_ctx& ctx, task& t,
                         proc_hidepid hide_pid_min) {
  const proc_mount_opts o = fs.opts();
  // hidepid=ptraceable forces the ptrace check: no level, no gid= exemption.
  if (o.hide_pid == proc_hidepid::not_ptraceable) return ptrace_may_read(ctx, t);
  if (static_cast<unsigned>(o.hide_pid) < static_cast<unsigned>(hide_pid_min)) return true;
  if (!ctx.creds || in_group_p(*ctx.creds, o.pid_gid)) return true;
  return ptrace_may_read(ctx, t);
}

}  // namespace netns::fs::procfs_detail
