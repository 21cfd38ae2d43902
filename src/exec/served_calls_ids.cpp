// SPDX-License-Identifier: GPL-2.0-only
// The ids and capabilities a program has, as the model's task has them:
// get*id, set*id, getgroups, setgroups, capget, capset and the capability
// prctls are the model's, so that `unshare -U id -u` prints the overflow
// id and a setuid is checked against the task's capabilities in its model
// user namespace. The program's real ids do not change: what it does on the
// host it does as the sandbox's user (docs/architecture.md, "exec").
#include <linux/capability.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <vector>

#include "netns/task/syscalls.hpp"
#include "served_calls.hpp"
#include "tracee_memory.hpp"

namespace netns::exec_detail {

namespace {

reply status(const result<void>& r) { return r ? reply::ok(0) : reply::fail(r.error()); }

}  // namespace

reply served_calls::do_cap_call(const seccomp_notif& req, process& p, std::string& text) {
  const auto& a = req.data.args;
  const pid_t tid = static_cast<pid_t>(req.pid);
  if (req.data.nr == SYS_prctl) {
    text = std::to_string(a[0]) + ", " + std::to_string(a[1]);
    auto r = sys_prctl_caps(*p.t, static_cast<int>(a[0]), a[1], a[2], a[3], a[4]);
    return r ? reply::ok(*r) : reply::fail(r.error());
  }
  // capget and capset: a header (version, pid), then one set of three
  // 32-bit words for version 1, two for versions 2 and 3.
  __user_cap_header_struct header{};
  if (!read_memory(tid, a[0], &header, sizeof header)) return reply::fail(EFAULT);
  int words = 0;
  switch (header.version) {
    case _LINUX_CAPABILITY_VERSION_1: words = 1; break;
    case _LINUX_CAPABILITY_VERSION_2:
    case _LINUX_CAPABILITY_VERSION_3: words = 2; break;
    default: {
      // cap_validate_magic: the version the kernel prefers goes back; a
      // capget with no data takes that as its answer (0), else EINVAL.
      header.version = _LINUX_CAPABILITY_VERSION_3;
      if (!write_memory(tid, a[0], &header.version, sizeof header.version)) return reply::fail(EFAULT);
      return a[1] == 0 && req.data.nr == SYS_capget ? reply::ok(0) : reply::fail(EINVAL);
    }
  }
  text = std::to_string(header.pid);
  if (a[1] == 0 && req.data.nr == SYS_capget) return reply::ok(0);
  __user_cap_data_struct data[2]{};
  if (req.data.nr == SYS_capget) {
    if (header.pid < 0) return reply::fail(EINVAL);
    task* target = p.t.get();
    if (header.pid != 0) {
      process* owner = known_process(header.pid);
      if (!owner) return reply::pass();  // a host process: the host's answer
      target = owner->leader.get();
    }
    const cred c = target->creds();
    for (int i = 0; i < words; ++i) {
      data[i].effective = static_cast<std::uint32_t>(c.cap_effective.bits >> (32 * i));
      data[i].permitted = static_cast<std::uint32_t>(c.cap_permitted.bits >> (32 * i));
      data[i].inheritable = static_cast<std::uint32_t>(c.cap_inheritable.bits >> (32 * i));
    }
    if (!write_memory(tid, a[1], data, sizeof data[0] * static_cast<std::size_t>(words))) return reply::fail(EFAULT);
    return reply::ok(0);
  }
  // capset: on the caller only.
  if (header.pid != 0 && header.pid != static_cast<int>(p.tgid) && header.pid != tid) return reply::fail(EPERM);
  if (!read_memory(tid, a[1], data, sizeof data[0] * static_cast<std::size_t>(words))) return reply::fail(EFAULT);
  if (!still_valid(req.id)) return reply::pass();
  cap_set e{}, pm{}, in{};
  for (int i = 0; i < words; ++i) {
    e.bits |= std::uint64_t{data[i].effective} << (32 * i);
    pm.bits |= std::uint64_t{data[i].permitted} << (32 * i);
    in.bits |= std::uint64_t{data[i].inheritable} << (32 * i);
  }
  auto r = sys_capset(*p.t, e, pm, in);
  return r ? reply::ok(0) : reply::fail(r.error());
}

reply served_calls::do_id_call(const seccomp_notif& req, process& p, std::string& text) {
  const auto& a = req.data.args;
  const pid_t tid = static_cast<pid_t>(req.pid);
  auto arg = [&](int i) { return static_cast<std::uint32_t>(a[i]); };
  switch (req.data.nr) {
    case SYS_getuid: return reply::ok(task_ids(*p.t).uid[0]);
    case SYS_geteuid: return reply::ok(task_ids(*p.t).uid[1]);
    case SYS_getgid: return reply::ok(task_ids(*p.t).gid[0]);
    case SYS_getegid: return reply::ok(task_ids(*p.t).gid[1]);
    case SYS_getresuid:
    case SYS_getresgid: {
      const ids_seen ids = task_ids(*p.t);
      const std::uint32_t* three = req.data.nr == SYS_getresuid ? ids.uid : ids.gid;
      for (int i = 0; i < 3; ++i)
        if (!write_memory(tid, a[i], &three[i], sizeof three[i])) return reply::fail(EFAULT);
      return reply::ok(0);
    }
    case SYS_getgroups: {
      const std::vector<std::uint32_t> groups = task_groups(*p.t);
      const int size = static_cast<int>(a[0]);
      if (size < 0) return reply::fail(EINVAL);
      if (size == 0) return reply::ok(static_cast<long>(groups.size()));
      if (static_cast<std::size_t>(size) < groups.size()) return reply::fail(EINVAL);
      if (!groups.empty() && !write_memory(tid, a[1], groups.data(), groups.size() * sizeof(std::uint32_t)))
        return reply::fail(EFAULT);
      return reply::ok(static_cast<long>(groups.size()));
    }
    case SYS_setgroups: {
      const int size = static_cast<int>(a[0]);
      if (size < 0 || size > 65536) return reply::fail(EINVAL);
      std::vector<std::uint32_t> gids(static_cast<std::size_t>(size));
      if (!gids.empty() && !read_memory(tid, a[1], gids.data(), gids.size() * sizeof(std::uint32_t)))
        return reply::fail(EFAULT);
      if (!still_valid(req.id)) return reply::pass();
      text = std::to_string(size);
      return status(sys_setgroups(*p.t, gids));
    }
  }
  if (!still_valid(req.id)) return reply::pass();
  text = std::to_string(arg(0));
  reply r = [&] {
    switch (req.data.nr) {
      case SYS_setuid: return status(sys_setuid(*p.t, arg(0)));
      case SYS_setgid: return status(sys_setgid(*p.t, arg(0)));
      case SYS_setreuid: return status(sys_setreuid(*p.t, arg(0), arg(1)));
      case SYS_setregid: return status(sys_setregid(*p.t, arg(0), arg(1)));
      case SYS_setresuid: return status(sys_setresuid(*p.t, arg(0), arg(1), arg(2)));
      case SYS_setresgid: return status(sys_setresgid(*p.t, arg(0), arg(1), arg(2)));
      case SYS_setfsuid: return reply::ok(sys_setfsuid(*p.t, arg(0)));
      case SYS_setfsgid: return reply::ok(sys_setfsgid(*p.t, arg(0)));
    }
    return reply::pass();
  }();
  return r;
}

}  // namespace netns::exec_detail
