// SPDX-License-Identifier: GPL-2.0-only
// A task's own capability sets: capset (security/commoncap.c cap_capset)
// and the capability prctls (kernel/sys.c, cap_task_prctl): keep-caps,
// the bounding set, the securebits and the ambient set.
#include <sys/prctl.h>

#include <cerrno>

#include "netns/task/syscalls.hpp"

namespace netns {

namespace {

constexpr unsigned SECBIT_NO_CAP_AMBIENT_RAISE_ = 0x40, SECBIT_KEEP_CAPS_ = 0x10,
                   SECBIT_KEEP_CAPS_LOCKED_ = 0x20;
// SECURE_ALL_BITS of the reference kernel (NOROOT, NO_SETUID_FIXUP,
// KEEP_CAPS, NO_CAP_AMBIENT_RAISE, EXEC_RESTRICT_FILE,
// EXEC_DENY_INTERACTIVE) and their locks, one bit above each.
constexpr unsigned SECURE_ALL_BITS_ = 0x555, SECURE_ALL_LOCKS_ = SECURE_ALL_BITS_ << 1;

bool subset(cap_set a, cap_set b) { return (a.bits & ~b.bits) == 0; }
bool valid_cap(unsigned long cap) { return cap <= static_cast<unsigned long>(CAP_LAST_CAP); }

}  // namespace

result<void> sys_capset(task& t, cap_set effective, cap_set permitted, cap_set inheritable) {
  const cred old = t.creds();
  // Bits past the last capability are dropped (CAP_VALID_MASK).
  effective.bits &= cap_full_set.bits;
  permitted.bits &= cap_full_set.bits;
  inheritable.bits &= cap_full_set.bits;
  // Without CAP_SETPCAP, no inheritable capability the task is not
  // permitted; never one outside the bounding set; nothing new permitted;
  // nothing effective that is not permitted.
  const bool inh_capped = !ns_capable(old, *old.user_ns, CAP_SETPCAP);
  if (inh_capped && !subset(inheritable, {old.cap_inheritable.bits | old.cap_permitted.bits})) return errc{EPERM};
  if (!subset(inheritable, {old.cap_inheritable.bits | old.cap_bset.bits})) return errc{EPERM};
  if (!subset(permitted, old.cap_permitted)) return errc{EPERM};
  if (!subset(effective, permitted)) return errc{EPERM};
  cred next = old;
  next.cap_effective = effective;
  next.cap_permitted = permitted;
  next.cap_inheritable = inheritable;
  // Ambient bits that are no longer both permitted and inheritable go.
  next.cap_ambient.bits &= permitted.bits & inheritable.bits;
  t.commit_creds(std::move(next));
  return ok();
}

result<long> sys_prctl_caps(task& t, int option, unsigned long arg2, unsigned long arg3,
                            unsigned long arg4, unsigned long arg5) {
  const cred old = t.creds();
  cred next = old;
  switch (option) {
    case PR_GET_KEEPCAPS:
      return (old.securebits & SECBIT_KEEP_CAPS_) ? 1 : 0;
    case PR_SET_KEEPCAPS:
      if (arg2 > 1) return errc{EINVAL};
      if (old.securebits & SECBIT_KEEP_CAPS_LOCKED_) return errc{EPERM};
      if (arg2)
        next.securebits |= SECBIT_KEEP_CAPS_;
      else
        next.securebits &= ~SECBIT_KEEP_CAPS_;
      break;
    case PR_CAPBSET_READ:
      if (!valid_cap(arg2)) return errc{EINVAL};
      return old.cap_bset.raised(static_cast<int>(arg2)) ? 1 : 0;
    case PR_CAPBSET_DROP:
      if (!ns_capable(old, *old.user_ns, CAP_SETPCAP)) return errc{EPERM};
      if (!valid_cap(arg2)) return errc{EINVAL};
      next.cap_bset.drop(static_cast<int>(arg2));
      break;
    case PR_GET_SECUREBITS:
      return static_cast<long>(old.securebits);
    case PR_SET_SECUREBITS: {
      // A locked bit may not change, a lock may not be lifted, no unknown
      // bit, and only with CAP_SETPCAP.
      const unsigned long locked = (old.securebits & SECURE_ALL_LOCKS_) >> 1;
      if ((locked & (old.securebits ^ arg2)) || (old.securebits & SECURE_ALL_LOCKS_ & ~arg2) ||
          (arg2 & ~static_cast<unsigned long>(SECURE_ALL_LOCKS_ | SECURE_ALL_BITS_)) ||
          !ns_capable(old, *old.user_ns, CAP_SETPCAP))
        return errc{EPERM};
      next.securebits = static_cast<unsigned>(arg2);
      break;
    }
    case PR_CAP_AMBIENT:
      if (arg2 == PR_CAP_AMBIENT_CLEAR_ALL) {
        if (arg3 || arg4 || arg5) return errc{EINVAL};
        next.cap_ambient = cap_empty_set;
        break;
      }
      if (arg4 || arg5) return errc{EINVAL};
      if (!valid_cap(arg3)) return errc{EINVAL};
      if (arg2 == PR_CAP_AMBIENT_IS_SET) return old.cap_ambient.raised(static_cast<int>(arg3)) ? 1 : 0;
      if (arg2 == PR_CAP_AMBIENT_RAISE) {
        const int cap = static_cast<int>(arg3);
        if (!old.cap_permitted.raised(cap) || !old.cap_inheritable.raised(cap) ||
            (old.securebits & SECBIT_NO_CAP_AMBIENT_RAISE_))
          return errc{EPERM};
        next.cap_ambient.bits |= std::uint64_t{1} << cap;
        break;
      }
      if (arg2 == PR_CAP_AMBIENT_LOWER) {
        next.cap_ambient.drop(static_cast<int>(arg3));
        break;
      }
      return errc{EINVAL};
    default:
      return errc{EINVAL};
  }
  t.commit_creds(std::move(next));
  return 0;
}

}  // namespace netns
