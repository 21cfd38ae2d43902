// SPDX-License-Identifier: GPL-2.0-only
// unshare, setns and the namespace ioctls, answered by the model.
#include <linux/nsfs.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/utsname.h>

#include <algorithm>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "netns/core/pid_namespace.hpp"
#include "netns/fs/nsfs.hpp"
#include "netns/task/syscalls.hpp"
#include "served_calls.hpp"
#include "tracee_memory.hpp"

namespace netns::exec_detail {

namespace {

// The types the model serves to programs. mnt and ipc are both the
// model's and the host's: the model's mount namespace holds the model's
// share of the tree (/run, the namespace files bound there), its ipc
// namespace the limits in /proc/sys/kernel, and each names the program's
// namespace; the host's, unshared alongside, holds the program's other
// mounts (ip netns exec's sysfs) and its System V objects. pid is both too
// (served_calls_pid.cpp): the kernel's numbers are what a program sees of
// its children, and the model's follow them. cgroup and time are the
// model's alone: what they change is what /proc/PID/cgroup and
// timens_offsets show, which the model serves (the model has one cgroup
// and no clocks; a program's clocks are the host's).
constexpr std::uint64_t model_types = CLONE_NEWNET | CLONE_NEWUSER | CLONE_NEWUTS | CLONE_NEWNS |
                                      CLONE_NEWIPC | CLONE_NEWCGROUP | CLONE_NEWPID |
                                      0x80 /* CLONE_NEWTIME */;

// NS_GET_ID (Linux 6.11): _IOR(0xb7, 0xd, __u64); NS_GET_MNTNS_ID:
// _IOR(0xb7, 0x5, __u64); FIGETBSZ: _IO(0x00, 2).
constexpr unsigned long ns_get_id = 0x8008b70dUL;
constexpr unsigned long ns_get_mntns_id = 0x8008b705UL;
constexpr unsigned long figetbsz = 2;
// NS_GET_{PID,TGID}_{FROM,IN}_PIDNS (Linux 6.11): _IOR(0xb7, 0x6..0x9, int).
constexpr unsigned long ns_get_pid_from_pidns = 0x8004b706UL;
constexpr unsigned long ns_get_tgid_from_pidns = 0x8004b707UL;
constexpr unsigned long ns_get_pid_in_pidns = 0x8004b708UL;
constexpr unsigned long ns_get_tgid_in_pidns = 0x8004b709UL;

std::string hex(std::uint64_t v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%#llx", static_cast<unsigned long long>(v));
  return buf;
}

// Whether the process has threads besides the caller (/proc/TGID/stat's
// num_threads, its 20th field): the model's tasks are single-threaded, so
// the kernel's rules on thread groups need the real count.
bool multithreaded(pid_t tgid) {
  char path[64];
  std::snprintf(path, sizeof path, "/proc/%d/stat", tgid);
  std::FILE* f = std::fopen(path, "re");
  if (!f) return false;
  char buf[1024];
  const std::size_t n = std::fread(buf, 1, sizeof buf - 1, f);
  std::fclose(f);
  buf[n] = '\0';
  const char* at = std::strrchr(buf, ')');
  for (int field = 2; at && field < 20; ++field) at = std::strchr(at + 1, ' ');
  return at && std::atoi(at + 1) > 1;
}

// The types a setns or unshare asks for whose rules look at the thread
// group (userns_install, mntns_install, timens_install; check_unshare_flags
// for a new user namespace).
constexpr std::uint64_t thread_group_types = CLONE_NEWUSER | CLONE_NEWNS | 0x80 /* CLONE_NEWTIME */;

}  // namespace

fs::file_ptr served_calls::model_file(process& p, int fd) {
  p.mirror_hint = fd;
  placeholder* open_file = placeholders_.lookup(p.pidfd, fd);
  return open_file ? open_file->file : nullptr;
}

reply served_calls::do_unshare(const seccomp_notif& req, process& p, std::uint64_t flags,
                                std::string& text) {
  if (!(flags & model_types)) return reply::pass();
  text = hex(flags);
  adopt_children(p, static_cast<pid_t>(req.pid));
  if (flags & (CLONE_NEWUSER | CLONE_THREAD | CLONE_SIGHAND | CLONE_VM)) p.t->set_other_threads(multithreaded(p.tgid));
  auto r = sys_unshare(*p.t, static_cast<unsigned long>(flags));
  if (!r) return reply::fail(r.error());
  // A new pid namespace for the children, in the model and on the host:
  // the whole call goes on, since a seccomp continue cannot drop flags.
  // The host's other new namespaces are the sandbox's (harmless, as
  // below); a new user namespace there gets the maps unshare -r would
  // write (map_real_userns), so the program's files keep their owners.
  if (flags & CLONE_NEWPID) {
    if (flags & CLONE_NEWUSER) note_real_userns(p, static_cast<pid_t>(req.pid));
    return reply::pass();
  }
  // A new mount or ipc namespace in the model, and one on the host for the
  // program's own mounts and objects: the call goes on to the host. Not with
  // CLONE_NEWUSER: the host's user namespace would have no id maps (the
  // model's get them); the program's sandbox keeps its mounts then. The
  // host's unshare of the other served types is harmless (an empty real
  // network namespace for the program's other sockets, as on the kernel).
  if ((flags & (CLONE_NEWNS | CLONE_NEWIPC)) && !(flags & CLONE_NEWUSER)) return reply::pass();
  return reply::ok(0);
}

reply served_calls::do_uname(const seccomp_notif& req, process& p, std::uint64_t buf,
                              std::string& text) {
  auto u = sys_uname(*p.t);
  if (!u) return reply::fail(u.error());
  struct utsname out {};
  auto put = [](char* field, const std::string& v) { v.copy(field, sizeof(out.nodename) - 1); };
  put(out.sysname, u->sysname);
  put(out.nodename, u->nodename);
  put(out.release, u->release);
  put(out.version, u->version);
  put(out.machine, u->machine);
  put(out.domainname, u->domainname);
  text = "{nodename=\"" + u->nodename + "\", ...}";
  if (auto r = write_memory(static_cast<pid_t>(req.pid), buf, &out, sizeof out); !r)
    return reply::fail(EFAULT);
  return reply::ok(0);
}

reply served_calls::do_sethostname(const seccomp_notif& req, process& p, bool host,
                                   std::uint64_t name, std::uint64_t len, std::string& text) {
  // The kernel's order: the capability, then the length, then the copy.
  if (static_cast<long>(len) < 0 || len > NEW_UTS_LEN) {
    // Checked against the model's answer for a name that is too long.
    auto r = host ? sys_sethostname(*p.t, std::string(NEW_UTS_LEN + 1, 'x'))
                  : sys_setdomainname(*p.t, std::string(NEW_UTS_LEN + 1, 'x'));
    return reply::fail(r ? errc{EINVAL} : r.error());
  }
  std::string value(len, '\0');
  if (len && !read_memory(static_cast<pid_t>(req.pid), name, value.data(), len))
    return reply::fail(EFAULT);
  // A NUL ends the name, as the kernel's copy into a C string does.
  value.resize(std::min(value.size(), value.find('\0')));
  text = "\"" + value + "\", " + std::to_string(len);
  auto r = host ? sys_sethostname(*p.t, value) : sys_setdomainname(*p.t, value);
  return r ? reply::ok(0) : reply::fail(r.error());
}

reply served_calls::do_setns(const seccomp_notif& req, process& p, int fd, int nstype,
                              std::string& text) {
  fs::file_ptr file = model_file(p, fd);
  if (!file) return reply::pass();  // a host file (or a pidfd): the host's call
  text = std::to_string(fd) + ", " + hex(static_cast<unsigned>(nstype));
  adopt_children(p, static_cast<pid_t>(req.pid));
  const std::uint64_t pid_ns_before = p.t->get_nsproxy()->pid_ns_for_children->ns().ns_id;
  const fs::nsfs_inode* ns = fs::as_nsfs(*file->node());
  if (ns && (ns->ops().type & thread_group_types)) p.t->set_other_threads(multithreaded(p.tgid));
  auto r = with_scratch_fd(p, std::move(file), [&](int scratch) { return sys_setns(*p.t, scratch, nstype); });
  if (!r) return reply::fail(r.error());
  const std::uint64_t pid_ns_after = p.t->get_nsproxy()->pid_ns_for_children->ns().ns_id;
  if (pid_ns_after != pid_ns_before) return enter_real_pid_ns(req, p, fd, pid_ns_after);
  return reply::ok(0);
}

reply served_calls::do_ioctl(const seccomp_notif& req, process& p, int fd, unsigned long request, std::uint64_t arg,
                             std::string& text) {
  // The fd's own flags are the real fd's: the host sets them on the
  // placeholder (FD_CLOEXEC, which the host's execve honours; O_NONBLOCK).
  if (request == FIOCLEX || request == FIONCLEX || request == FIONBIO) return reply::pass();
  fs::file_ptr file = model_file(p, fd);
  if (!file) return reply::pass();
  text = std::to_string(fd) + ", " + hex(request) + ", " + hex(arg);
  // What the request writes back through arg, and how much of it.
  std::size_t out_size = 0;
  switch (request) {
    case NS_GET_OWNER_UID:
    case FIONREAD:
    case figetbsz:
      out_size = 4;
      break;
    case ns_get_id:
    case ns_get_mntns_id:
    case FIOQSIZE:
      out_size = 8;
      break;
    default:
      break;
  }
  if (request == FIOASYNC) {  // the int it reads: on a model file, turning it on is ENOTTY
    int on = 0;
    if (!read_memory(static_cast<pid_t>(req.pid), arg, &on, sizeof on)) return reply::fail(EFAULT);
    return on ? reply::fail(ENOTTY) : reply::ok(0);
  }
  std::uint64_t out = 0;
  // The pid ioctls take the pid itself as arg. The program's own pid
  // namespace, while it is the sandbox's, numbers its processes with host
  // pids: those go in as their tasks' and come out from them.
  const bool pid_request = request == ns_get_pid_from_pidns || request == ns_get_tgid_from_pidns ||
                           request == ns_get_pid_in_pidns || request == ns_get_tgid_in_pidns;
  const bool pid_in = request == ns_get_pid_in_pidns || request == ns_get_tgid_in_pidns;
  const bool host_numbers = pid_request && p.t->active_pid_ns().level() == 0;
  void* in_arg = out_size ? static_cast<void*>(&out) : nullptr;
  if (pid_request) {
    long nr = static_cast<int>(arg);
    if (host_numbers && pid_in && nr > 0)
      if (int mp = model_pid_of(static_cast<int>(nr))) nr = mp;
    in_arg = reinterpret_cast<void*>(nr);
  }
  auto r = with_scratch_fd(p, std::move(file), [&](int scratch) -> result<long> {
    auto v = sys_ioctl(*p.t, scratch, request, in_arg);
    if (!v) return v;
    if (request == NS_GET_USERNS || request == NS_GET_PARENT) {
      // A new model fd on the related namespace: it becomes a placeholder.
      auto related = p.t->fd_get(static_cast<int>(*v));
      (void)p.t->fd_close(static_cast<int>(*v));
      if (!related) return related.error();
      file = std::move(*related);
    }
    return v;
  });
  if (!r) return reply::fail(r.error());
  if (host_numbers && !pid_in)
    if (process* owner = process_of_task(static_cast<int>(*r))) return reply::ok(owner->tgid);
  if (request == NS_GET_USERNS || request == NS_GET_PARENT) return reply::fd(std::move(file), true);
  if (out_size) {
    if (arg == 0) return reply::fail(EFAULT);
    if (!write_memory(static_cast<pid_t>(req.pid), arg, &out, out_size)) return reply::fail(EFAULT);
  }
  return reply::ok(*r);
}

}  // namespace netns::exec_detail
