// SPDX-License-Identifier: GPL-2.0-only
// The set*id calls (kernel/sys.c) and what they do to capabilities
// (security/commoncap.c cap_task_fix_setuid): ids are named in the task's
// user namespace (EINVAL when unmapped there); without CAP_SETUID or
// CAP_SETGID over it a task may only move among its real, effective and
// saved ids; the filesystem id follows the effective one.
#include <algorithm>
#include <cerrno>
#include <memory>

#include "netns/task/syscalls.hpp"

namespace netns {

namespace {

constexpr unsigned SECBIT_NO_SETUID_FIXUP_ = 0x04, SECBIT_KEEP_CAPS_ = 0x10;

// The capabilities a change of fsuid between root and non-root adds to or
// takes from the effective set (CAP_FS_MASK).
constexpr std::uint64_t cap_fs_mask = (1ULL << CAP_CHOWN) | (1ULL << CAP_DAC_OVERRIDE) |
                                      (1ULL << CAP_DAC_READ_SEARCH) | (1ULL << CAP_FOWNER) |
                                      (1ULL << CAP_FSETID) | (1ULL << CAP_LINUX_IMMUTABLE) |
                                      (1ULL << CAP_MKNOD) | (1ULL << CAP_MAC_OVERRIDE);

// cap_task_fix_setuid for setuid, setreuid, setresuid (LSM_SETID_ID, RE,
// RES): leaving root in every one of the three ids drops the permitted,
// effective and ambient sets; leaving root as euid drops the effective
// set, becoming it raises the permitted one (cap_emulate_setxuid). Then
// the fsuid rule below.
void fix_caps_after_setuid(const cred& old, cred& next) {
  if (old.securebits & SECBIT_NO_SETUID_FIXUP_) return;
  const kuid root = make_kuid(*old.user_ns, 0);
  const bool was_root = old.uid == root || old.euid == root || old.suid == root;
  const bool is_root = next.uid == root || next.euid == root || next.suid == root;
  if (was_root && !is_root) {
    if (!(old.securebits & SECBIT_KEEP_CAPS_)) {  // prctl(PR_SET_KEEPCAPS, 1) keeps them
      next.cap_permitted = cap_empty_set;
      next.cap_effective = cap_empty_set;
    }
    next.cap_ambient = cap_empty_set;
  }
  if (old.euid == root && next.euid != root) next.cap_effective = cap_empty_set;
  if (old.euid != root && next.euid == root) next.cap_effective = next.cap_permitted;
}

// cap_task_fix_setuid for setfsuid (LSM_SETID_FS): the file-system
// capabilities leave the effective set with root's fsuid and come back
// (as far as permitted) with it.
void fix_caps_after_setfsuid(const cred& old, cred& next) {
  if (old.securebits & SECBIT_NO_SETUID_FIXUP_) return;
  const kuid root = make_kuid(*old.user_ns, 0);
  if (old.fsuid == root && next.fsuid != root) next.cap_effective.bits &= ~cap_fs_mask;
  if (old.fsuid != root && next.fsuid == root)
    next.cap_effective.bits |= next.cap_permitted.bits & cap_fs_mask;
}

template <class Id>
bool one_of(Id k, Id a, Id b, Id c) {
  return k == a || k == b || k == c;
}

}  // namespace

result<void> sys_setresuid(task& t, std::uint32_t ruid, std::uint32_t euid, std::uint32_t suid) {
  const cred old = t.creds();
  const user_namespace& ns = *old.user_ns;
  const kuid kr = make_kuid(ns, ruid), ke = make_kuid(ns, euid), ks = make_kuid(ns, suid);
  if ((ruid != invalid_id && !uid_valid(kr)) || (euid != invalid_id && !uid_valid(ke)) ||
      (suid != invalid_id && !uid_valid(ks)))
    return errc{EINVAL};
  auto may_become = [&](std::uint32_t id, kuid k) { return id == invalid_id || one_of(k, old.uid, old.euid, old.suid); };
  if (!ns_capable(old, ns, CAP_SETUID) &&
      !(may_become(ruid, kr) && may_become(euid, ke) && may_become(suid, ks)))
    return errc{EPERM};
  cred next = old;
  if (ruid != invalid_id) next.uid = kr;
  if (euid != invalid_id) next.euid = ke;
  if (suid != invalid_id) next.suid = ks;
  next.fsuid = next.euid;
  fix_caps_after_setuid(old, next);
  t.commit_creds(std::move(next));
  return ok();
}

result<void> sys_setuid(task& t, std::uint32_t uid) {
  const cred old = t.creds();
  const kuid k = make_kuid(*old.user_ns, uid);
  if (!uid_valid(k)) return errc{EINVAL};
  cred next = old;
  if (ns_capable(old, *old.user_ns, CAP_SETUID)) {
    next.uid = next.suid = k;
  } else if (k != old.uid && k != old.suid) {
    return errc{EPERM};
  }
  next.euid = next.fsuid = k;
  fix_caps_after_setuid(old, next);
  t.commit_creds(std::move(next));
  return ok();
}

result<void> sys_setreuid(task& t, std::uint32_t ruid, std::uint32_t euid) {
  const cred old = t.creds();
  const user_namespace& ns = *old.user_ns;
  const kuid kr = make_kuid(ns, ruid), ke = make_kuid(ns, euid);
  if ((ruid != invalid_id && !uid_valid(kr)) || (euid != invalid_id && !uid_valid(ke))) return errc{EINVAL};
  const bool capable = ns_capable(old, ns, CAP_SETUID);
  cred next = old;
  if (ruid != invalid_id) {
    if (kr != old.uid && kr != old.euid && !capable) return errc{EPERM};
    next.uid = kr;
  }
  if (euid != invalid_id) {
    if (!one_of(ke, old.uid, old.euid, old.suid) && !capable) return errc{EPERM};
    next.euid = ke;
  }
  // The saved id follows a new effective one whenever the real one was set
  // or the effective one differs from the old real one.
  if (ruid != invalid_id || (euid != invalid_id && ke != old.uid)) next.suid = next.euid;
  next.fsuid = next.euid;
  fix_caps_after_setuid(old, next);
  t.commit_creds(std::move(next));
  return ok();
}

std::uint32_t sys_setfsuid(task& t, std::uint32_t uid) {
  const cred old = t.creds();
  const std::uint32_t before = from_kuid_munged(*old.user_ns, old.fsuid);
  const kuid k = make_kuid(*old.user_ns, uid);
  if (!uid_valid(k)) return before;
  if (one_of(k, old.uid, old.euid, old.suid) || k == old.fsuid || ns_capable(old, *old.user_ns, CAP_SETUID)) {
    if (k != old.fsuid) {
      cred next = old;
      next.fsuid = k;
      fix_caps_after_setfsuid(old, next);
      t.commit_creds(std::move(next));
    }
  }
  return before;
}

result<void> sys_setresgid(task& t, std::uint32_t rgid, std::uint32_t egid, std::uint32_t sgid) {
  const cred old = t.creds();
  const user_namespace& ns = *old.user_ns;
  const kgid kr = make_kgid(ns, rgid), ke = make_kgid(ns, egid), ks = make_kgid(ns, sgid);
  if ((rgid != invalid_id && !gid_valid(kr)) || (egid != invalid_id && !gid_valid(ke)) ||
      (sgid != invalid_id && !gid_valid(ks)))
    return errc{EINVAL};
  auto may_become = [&](std::uint32_t id, kgid k) { return id == invalid_id || one_of(k, old.gid, old.egid, old.sgid); };
  if (!ns_capable(old, ns, CAP_SETGID) &&
      !(may_become(rgid, kr) && may_become(egid, ke) && may_become(sgid, ks)))
    return errc{EPERM};
  cred next = old;
  if (rgid != invalid_id) next.gid = kr;
  if (egid != invalid_id) next.egid = ke;
  if (sgid != invalid_id) next.sgid = ks;
  next.fsgid = next.egid;
  t.commit_creds(std::move(next));
  return ok();
}

result<void> sys_setgid(task& t, std::uint32_t gid) {
  const cred old = t.creds();
  const kgid k = make_kgid(*old.user_ns, gid);
  if (!gid_valid(k)) return errc{EINVAL};
  cred next = old;
  if (ns_capable(old, *old.user_ns, CAP_SETGID)) {
    next.gid = next.sgid = k;
  } else if (k != old.gid && k != old.sgid) {
    return errc{EPERM};
  }
  next.egid = next.fsgid = k;
  t.commit_creds(std::move(next));
  return ok();
}

result<void> sys_setregid(task& t, std::uint32_t rgid, std::uint32_t egid) {
  const cred old = t.creds();
  const user_namespace& ns = *old.user_ns;
  const kgid kr = make_kgid(ns, rgid), ke = make_kgid(ns, egid);
  if ((rgid != invalid_id && !gid_valid(kr)) || (egid != invalid_id && !gid_valid(ke))) return errc{EINVAL};
  const bool capable = ns_capable(old, ns, CAP_SETGID);
  cred next = old;
  if (rgid != invalid_id) {
    if (kr != old.gid && kr != old.egid && !capable) return errc{EPERM};
    next.gid = kr;
  }
  if (egid != invalid_id) {
    if (!one_of(ke, old.gid, old.egid, old.sgid) && !capable) return errc{EPERM};
    next.egid = ke;
  }
  if (rgid != invalid_id || (egid != invalid_id && ke != old.gid)) next.sgid = next.egid;
  next.fsgid = next.egid;
  t.commit_creds(std::move(next));
  return ok();
}

std::uint32_t sys_setfsgid(task& t, std::uint32_t gid) {
  const cred old = t.creds();
  const std::uint32_t before = from_kgid_munged(*old.user_ns, old.fsgid);
  const kgid k = make_kgid(*old.user_ns, gid);
  if (!gid_valid(k)) return before;
  if (one_of(k, old.gid, old.egid, old.sgid) || k == old.fsgid || ns_capable(old, *old.user_ns, CAP_SETGID)) {
    if (k != old.fsgid) {
      cred next = old;
      next.fsgid = k;
      t.commit_creds(std::move(next));
    }
  }
  return before;
}

result<void> sys_setgroups(task& t, std::span<const std::uint32_t> gids) {
  constexpr std::size_t NGROUPS_MAX_ = 65536;
  if (gids.size() > NGROUPS_MAX_) return errc{EINVAL};
  const cred old = t.creds();
  const user_namespace& ns = *old.user_ns;
  // may_setgroups: the capability, and a namespace where setgroups is
  // allowed (the initial one always; another once its gid map is written,
  // unless /proc/PID/setgroups says deny).
  const bool ns_allows = ns.is_init() || (!ns.gid_map().extents().empty() && ns.setgroups_allowed());
  if (!ns_capable(old, ns, CAP_SETGID) || !ns_allows) return errc{EPERM};
  auto groups = std::make_shared<std::vector<kgid>>();
  groups->reserve(gids.size());
  for (std::uint32_t g : gids) {
    const kgid k = make_kgid(ns, g);
    if (!gid_valid(k)) return errc{EINVAL};
    groups->push_back(k);
  }
  std::sort(groups->begin(), groups->end(), [](kgid a, kgid b) { return a.val < b.val; });
  cred next = old;
  next.group_info = groups->empty() ? nullptr : std::move(groups);
  t.commit_creds(std::move(next));
  return ok();
}

std::vector<std::uint32_t> task_groups(const task& t) {
  const cred c = t.creds();
  std::vector<std::uint32_t> out;
  if (c.group_info)
    for (kgid g : *c.group_info) out.push_back(from_kgid_munged(*c.user_ns, g));
  return out;
}

ids_seen task_ids(const task& t) {
  const cred c = t.creds();
  const user_namespace& ns = *c.user_ns;
  return {{from_kuid_munged(ns, c.uid), from_kuid_munged(ns, c.euid), from_kuid_munged(ns, c.suid)},
          {from_kgid_munged(ns, c.gid), from_kgid_munged(ns, c.egid), from_kgid_munged(ns, c.sgid)}};
}

}  // namespace netns
