// SPDX-License-Identifier: GPL-2.0-only
// __ptrace_may_access and cap_ptrace_access_check.
#include "netns/task/ptrace.hpp"

namespace netns {

namespace {
constexpr int CAP_SYS_PTRACE_ = 19;
}

bool ptrace_may_access(const cred& c, int caller_tgid, task& target, ptrace_mode mode) {
  if (caller_tgid == target.pid()) return true;  // the same thread group
  const cred t = target.creds();
  const bool fs = mode == ptrace_mode::read_fscreds;
  const kuid caller_uid = fs ? c.fsuid : c.uid;
  const kgid caller_gid = fs ? c.fsgid : c.gid;
  bool same_ids = caller_uid == t.euid && caller_uid == t.suid && caller_uid == t.uid &&
                  caller_gid == t.egid && caller_gid == t.sgid && caller_gid == t.gid;
  if (!same_ids && !ns_capable(c, *t.user_ns, CAP_SYS_PTRACE_)) return false;
  // A task that changed its ids is not dumpable: only CAP_SYS_PTRACE over
  // its mm's user namespace reaches it then. The model has no execve, so
  // that is the initial user namespace.
  if (!target.dumpable()) {
    const user_namespace* mm_ns = t.user_ns.get();
    while (mm_ns->parent()) mm_ns = mm_ns->parent();
    if (!ns_capable(c, *mm_ns, CAP_SYS_PTRACE_)) return false;
  }
  // cap_ptrace_access_check: the same user namespace and no capability the
  // target has and the caller lacks (the caller's effective set with
  // FSCREDS, its permitted set otherwise), or CAP_SYS_PTRACE over the
  // target's user namespace. So root in a child user namespace cannot read
  // its parent's /proc/PID/ns files.
  const cap_set caller_caps = fs ? c.cap_effective : c.cap_permitted;
  if (c.user_ns.get() == t.user_ns.get() && (t.cap_permitted.bits & ~caller_caps.bits) == 0)
    return true;
  return ns_capable(c, *t.user_ns, CAP_SYS_PTRACE_);
}

}  // namespace netns
