// SPDX-License-Identifier: GPL-2.0-only
// unshare, setns, setresuid, the file calls and the nsfs ioctls
// (kernel/fork.c, kernel/nsproxy.c, kernel/sys.c, fs/nsfs.c).
#include "netns/task/syscalls.hpp"

#include <fcntl.h>
#include <linux/nsfs.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <optional>

#include "netns/core/cgroup_namespace.hpp"
#include "netns/core/ipc_namespace.hpp"
#include "netns/core/nsproxy.hpp"
#include "netns/core/pid_namespace.hpp"
#include "netns/core/time_namespace.hpp"
#include "netns/core/uts_namespace.hpp"
#include "netns/fs/mnt_namespace.hpp"
#include "netns/fs/nsfs.hpp"
#include "netns/task/pid_table.hpp"
#include "netns/task/pidfd.hpp"
#include "netns/task/ptrace.hpp"

namespace netns {

namespace {

constexpr unsigned long FIGETBSZ_ = 2;  // _IO(0x00, 2), <linux/fs.h>

constexpr unsigned long CLONE_NAMESPACES = CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC |
                                           CLONE_NEWNET | CLONE_NEWUSER | CLONE_NEWPID |
                                           CLONE_NEWCGROUP | CLONE_NEWTIME_;
constexpr unsigned long UNSHARE_ALLOWED = CLONE_THREAD | CLONE_FS | CLONE_SIGHAND | CLONE_VM |
                                          CLONE_FILES | CLONE_SYSVSEM | CLONE_NAMESPACES;

// _IOR(0xb7, 13, __u64) and _IOR(0xb7, 5, __u64): NS_GET_ID and NS_GET_MNTNS_ID
// of the reference kernel (newer than the installed uapi header).
constexpr unsigned long NS_GET_ID_ = 0x8008b70dUL;
constexpr unsigned long NS_GET_MNTNS_ID_ = 0x8008b705UL;
// _IOR(0xb7, 6..9, int): the pid translations (Linux 6.11).
constexpr unsigned long NS_GET_PID_FROM_PIDNS_ = 0x8004b706UL;
constexpr unsigned long NS_GET_TGID_FROM_PIDNS_ = 0x8004b707UL;
constexpr unsigned long NS_GET_PID_IN_PIDNS_ = 0x8004b708UL;
constexpr unsigned long NS_GET_TGID_IN_PIDNS_ = 0x8004b709UL;

// fdget: the calling task's own file at fd, valid for the call (only the
// task closes its fds); nullptr means EBADF. A bare pointer rather than a
// result: every failure here is EBADF, and setns is on the hot path.
fs::file* own_fd(task& t, int fd) { return t.fd_peek_own(fd); }

// ... and not an O_PATH one.
fs::file* usable_fd(task& t, int fd) {
  fs::file* f = t.fd_peek_own(fd);
  return f && !f->is_path_only() ? f : nullptr;
}

// proc_ns_fget: the namespace file an fd of the task's own is open on:
// EBADF for no usable fd, EINVAL for a file that is not a namespace's
// (pidfds are not modelled). Valid while the fd stays open.
result<fs::nsfs_inode*> proc_ns_fget(task& t, int fd) {
  fs::file* f = usable_fd(t, fd);
  if (!f) return errc{EBADF};
  fs::nsfs_inode* ns = fs::as_nsfs(*f->node());
  if (!ns) return errc{EINVAL};
  return ns;
}

// What create_new_namespaces made: an nsproxy when a type it holds was
// unshared, a net when CLONE_NEWNET was.
struct new_namespaces {
  nsproxy_ref proxy;
  net_ref net;
};

// create_new_namespaces: each type's copy in the kernel's order (mnt, uts,
// ipc, pid, cgroup, net, time), each either a new namespace owned by
// user_ns and charged to (user_ns, euid), or the task's own. The first
// failure's errno; what was made before it is dropped (in reverse, by the
// references' destructors).
result<new_namespaces> create_new_namespaces(unsigned long flags, task& t, user_namespace& user_ns,
                                             kuid euid) {
  new_namespaces made;
  constexpr unsigned long in_nsproxy = CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWPID |
                                       CLONE_NEWCGROUP | CLONE_NEWTIME_;
  nsproxy_ref cur = t.get_nsproxy();
  if (!cur) return errc{ESRCH};
  nsproxy_ref p;
  if (flags & in_nsproxy) p = nsproxy_ref::adopt(new nsproxy(*cur));
  // Puts `fresh` in `slot` in place of the reference copied there.
  auto install = [](auto*& slot, auto fresh) {
    auto* ns = fresh.release();
    auto* old = slot;
    slot = ns;
    old->put();
  };
  if (flags & CLONE_NEWNS) {
    auto ns = fs::copy_mnt_ns(fs::to_mnt_ns(cur->mnt_ns->ns()), user_ns, euid, t.owner().vfs());
    if (!ns) return ns.error();
    owned_namespace* fresh = ns->release();
    owned_namespace* old = p->mnt_ns;
    p->mnt_ns = fresh;
    old->put();
  }
  if (flags & CLONE_NEWUTS) {
    auto ns = clone_uts_ns(*cur->uts_ns, user_ns, euid);
    if (!ns) return ns.error();
    install(p->uts_ns, std::move(*ns));
  }
  if (flags & CLONE_NEWIPC) {
    auto ns = create_ipc_ns(user_ns, euid);
    if (!ns) return ns.error();
    install(p->ipc_ns, std::move(*ns));
  }
  if (flags & CLONE_NEWPID) {
    // copy_pid_ns: a task whose children already go to another pid
    // namespace (an earlier unshare or setns) cannot make another.
    if (&t.active_pid_ns() != cur->pid_ns_for_children) return errc{EINVAL};
    auto ns = create_pid_ns(*cur->pid_ns_for_children, user_ns, euid);
    if (!ns) return ns.error();
    install(p->pid_ns_for_children, std::move(*ns));
  }
  if (flags & CLONE_NEWCGROUP) {
    auto ns = create_cgroup_ns(user_ns, euid);
    if (!ns) return ns.error();
    install(p->cgroup_ns, std::move(*ns));
  }
  if (flags & CLONE_NEWNET) {
    net_ref old_net = t.net_ns();
    if (!old_net) return errc{ESRCH};
    auto n = copy_net_ns(CLONE_NEWNET, user_ns, *old_net, euid);
    if (!n) return n.error();
    made.net = std::move(*n);
  }
  if (flags & CLONE_NEWTIME_) {
    auto ns = clone_time_ns(*cur->time_ns_for_children, user_ns, euid);
    if (!ns) return ns.error();
    install(p->time_ns_for_children, std::move(*ns));
  }
  made.proxy = std::move(p);
  return made;
}

}  // namespace

// ---- namespaces ----------------------------------------------------------------

result<void> sys_unshare(task& t, unsigned long flags) {
  if (flags & ~UNSHARE_ALLOWED) return errc{EINVAL};
  // check_unshare_flags: a new user namespace is for the whole thread
  // group (CLONE_NEWUSER implies CLONE_THREAD), as are the signal
  // handlers and the memory; asked of a task with other threads, EINVAL.
  if ((flags & (CLONE_NEWUSER | CLONE_THREAD | CLONE_SIGHAND | CLONE_VM)) && t.has_other_threads())
    return errc{EINVAL};
  const cred old = t.creds();
  // create_user_ns: a chrooted task may not make a user namespace (it
  // could then chroot out of its chroot).
  if ((flags & CLONE_NEWUSER) && t.chrooted()) return errc{EPERM};

  // A new user namespace comes first: the other new namespaces belong to it.
  std::optional<cred> new_cred;
  if (flags & CLONE_NEWUSER) {
    new_cred = old;
    if (auto r = create_user_ns(*new_cred); !r) return r;
  }

  new_namespaces made;
  if (flags & (CLONE_NAMESPACES & ~CLONE_NEWUSER)) {
    user_namespace& user_ns = new_cred ? *new_cred->user_ns : *old.user_ns;
    // Checked with the caller's current credentials: the owner of a user
    // namespace created just now has every capability in it.
    if (!ns_capable(old, user_ns, CAP_SYS_ADMIN)) return errc{EPERM};
    auto n = create_new_namespaces(flags, t, user_ns, old.euid);
    if (!n) return n.error();
    made = std::move(*n);
  }

  // copy_mnt_ns moves the task's root (when chrooted) and its working
  // directory to the same places in the copy: the copy is the same tree,
  // so their paths lead there.
  fs::path_ref moved_root, moved_pwd;
  if (flags & CLONE_NEWNS) {
    fs::access_ctx at_new_root = t.access();
    at_new_root.root = task::root_mount_of(*made.proxy);
    at_new_root.fs_root = nullptr;
    at_new_root.fs_pwd = nullptr;
    auto same_place = [&](const fs::path_ref& old) {
      auto r = t.owner().vfs().lookup_root(at_new_root, old.path);
      return r ? std::move(*r) : fs::path_ref{};
    };
    if (t.chrooted()) moved_root = same_place(t.fs_root());
    if (fs::path_ref pwd = t.fs_pwd()) moved_pwd = same_place(pwd);
  }

  if (new_cred) t.commit_creds(std::move(*new_cred));
  if (made.proxy) t.switch_nsproxy(std::move(made.proxy));
  if (made.net) t.switch_net(std::move(made.net));
  if (moved_root) t.set_fs_root(std::move(moved_root));
  if (moved_pwd) t.set_fs_pwd(std::move(moved_pwd));
  return ok();
}

result<void> sys_chroot(task& t, std::string_view path) {
  const fs::access_ctx ctx = t.access();
  auto r = t.owner().vfs().lookup_root(ctx, path);
  if (!r) return r.error();
  if (!ns_capable(*ctx.creds, *ctx.creds->user_ns, CAP_SYS_CHROOT)) return errc{EPERM};
  // The working directory stays where it is, also outside the new root.
  t.set_fs_root(std::move(*r));
  return ok();
}

result<void> sys_chdir(task& t, std::string_view path) {
  auto r = t.owner().vfs().lookup_root(t.access(), path);
  if (!r) return r.error();
  t.set_fs_pwd(std::move(*r));
  return ok();
}

result<std::string> sys_getcwd(task& t) {
  const fs::path_ref pwd = t.fs_pwd();
  const fs::path_ref root = t.fs_root();
  if (!pwd) {
    // At the namespace's root: "/" unless chrooted below it.
    const bool below = root && !(root.path == "/" && root.above.empty());
    return below ? std::string("(unreachable)/") : std::string("/");
  }
  if (pwd.dir->unlinked()) return errc{ENOENT};
  return fs::path_seen_from(pwd, root.dir ? &root : nullptr, true);
}

namespace {
// commit_nsset: what every type's install prepared becomes the task's.
// Entering a time namespace freezes its offsets (timens_commit).
void commit_nsset(task& t, nsset& set) {
  if (set.new_cred) t.commit_creds(std::move(*set.new_cred));
  if (set.new_proxy) {
    if (set.flags & CLONE_NEWTIME_) set.new_proxy->time_ns->freeze();
    t.switch_nsproxy(std::move(set.new_proxy));
  }
  if (set.new_net) t.switch_net(set.new_net->get());
  // mntns_install: root and working directory go to the namespace's root,
  // also when it is the task's own namespace again (probed).
  if (set.flags & CLONE_NEWNS) {
    t.set_fs_root({});
    t.set_fs_pwd({});
  }
}

// prepare_nsset's view of the task as it is.
void prepare_nsset(task& t, nsset& set, unsigned long flags, const nsproxy* current) {
  set.flags = flags;
  set.current_cred = t.access().creds;
  set.current = current;
  set.active_pid_ns = &t.active_pid_ns();
  // thread_group_empty and fs->users: the threads of a real process share
  // its fs_struct.
  set.multithreaded = set.shares_fs = t.has_other_threads();
}

// validate_nsset: the pidfd's task's namespaces of each type asked for,
// installed one by one in the kernel's order (user, mnt, uts, ipc, pid,
// cgroup, net, time); the first failure ends it with nothing committed.
result<void> setns_from_task(task& t, task& target, unsigned long flags) {
  if (target.exited()) return errc{ESRCH};
  if (!ptrace_may_access(*t.access().creds, t.pid(), target, ptrace_mode::read_realcreds))
    return errc{EPERM};
  nsproxy_ref theirs = target.get_nsproxy();
  if (!theirs) return errc{ESRCH};
  nsproxy_ref mine = t.get_nsproxy();
  nsset set;
  prepare_nsset(t, set, flags, mine.get());
  // References for the call: the target may exit meanwhile.
  user_ns_ref user = (flags & CLONE_NEWUSER) ? target.get_user_ns() : nullptr;
  net_ref net = (flags & CLONE_NEWNET) ? target.net_ns() : nullptr;
  pid_ns_ref pid = (flags & CLONE_NEWPID) ? pid_ns_ref::adopt(target.get_active_pid_ns()) : nullptr;
  if (((flags & CLONE_NEWUSER) && !user) || ((flags & CLONE_NEWNET) && !net) ||
      ((flags & CLONE_NEWPID) && !pid))
    return errc{ESRCH};
  auto validate = [&](ns_common& ns) { return ns.ops->install(set, ns); };
  if (flags & CLONE_NEWUSER)
    if (auto r = validate(user->ns()); !r) return r;
  if (flags & CLONE_NEWNS)
    if (auto r = validate(theirs->mnt_ns->ns()); !r) return r;
  if (flags & CLONE_NEWUTS)
    if (auto r = validate(theirs->uts_ns->ns()); !r) return r;
  if (flags & CLONE_NEWIPC)
    if (auto r = validate(theirs->ipc_ns->ns()); !r) return r;
  if (flags & CLONE_NEWPID)
    if (auto r = validate(pid->ns()); !r) return r;
  if (flags & CLONE_NEWCGROUP)
    if (auto r = validate(theirs->cgroup_ns->ns()); !r) return r;
  if (flags & CLONE_NEWNET)
    if (auto r = validate(net->ns()); !r) return r;
  if (flags & CLONE_NEWTIME_)
    if (auto r = validate(theirs->time_ns->ns()); !r) return r;
  commit_nsset(t, set);
  return ok();
}
}  // namespace

result<void> sys_setns(task& t, int fd, int nstype) {
  fs::file* f = usable_fd(t, fd);
  if (!f) return errc{EBADF};
  const unsigned long flags = static_cast<unsigned>(nstype);
  fs::nsfs_inode* ns = fs::as_nsfs(*f->node());
  if (!ns) {
    std::shared_ptr<task> target = pidfd_task(*f);
    if (!target) return errc{EINVAL};
    // check_setns_flags: some types, and nothing but types.
    if (!flags || (flags & ~(CLONE_NAMESPACES))) return errc{EINVAL};
    return setns_from_task(t, *target, flags);
  }
  const ns_operations& ops = ns->ops();
  if (flags && flags != ops.type) return errc{EINVAL};

  // prepare_nsset. The task's own credentials: only the task replaces
  // them, so they stay put for this call without a copy. The nsproxy is
  // read only for the types it holds (a net or user setns never needs it).
  nsset set;
  nsproxy_ref mine;
  if (ops.type != CLONE_NEWNET && ops.type != CLONE_NEWUSER) mine = t.get_nsproxy();
  prepare_nsset(t, set, ops.type, mine.get());
  if (auto r = ops.install(set, ns->ns()); !r) return r;
  commit_nsset(t, set);
  return ok();
}

result<void> sys_sethostname(task& t, std::string_view name) {
  nsproxy_ref p = t.get_nsproxy();
  if (!p) return errc{ESRCH};
  if (!ns_capable(*t.access().creds, p->uts_ns->user_ns(), CAP_SYS_ADMIN)) return errc{EPERM};
  return p->uts_ns->set_hostname(name);
}

result<void> sys_setdomainname(task& t, std::string_view name) {
  nsproxy_ref p = t.get_nsproxy();
  if (!p) return errc{ESRCH};
  if (!ns_capable(*t.access().creds, p->uts_ns->user_ns(), CAP_SYS_ADMIN)) return errc{EPERM};
  return p->uts_ns->set_domainname(name);
}

result<new_utsname> sys_uname(task& t) {
  nsproxy_ref p = t.get_nsproxy();
  if (!p) return errc{ESRCH};
  return p->uts_ns->utsname();
}

int sys_getpid(task& t) { return t.vpid(); }

void exec_task_namespaces(task& t) {
  nsproxy_ref now = t.get_nsproxy();
  if (!now) return;
  nsproxy_ref next = timens_on_fork(now.clone());
  if (next.get() != now.get()) t.switch_nsproxy(std::move(next));
}

bool exec_changes_namespaces(const task& t) {
  nsproxy_ref now = t.get_nsproxy();
  return now && now->time_ns != now->time_ns_for_children;
}

void exec_program_creds(task& t) {
  cred next = creds_after_exec(t.creds());
  // begin_new_exec: dumpable again unless the effective ids differ from
  // the real ones (suid_dumpable 0 otherwise).
  const bool dumpable = next.euid == next.uid && next.egid == next.gid;
  t.commit_creds(std::move(next));
  t.set_dumpable(dumpable);
}

cred creds_after_exec(const cred& c) {
  cred next = c;
  const kuid root = make_kuid(*next.user_ns, 0);
  // SECBIT_NOROOT: root gets no capabilities for being root.
  const bool noroot = (next.securebits & 0x1) != 0;
  const bool root_euid = !noroot && uid_valid(root) && next.euid == root;
  const bool root_uid = !noroot && uid_valid(root) && next.uid == root;
  next.securebits &= ~0x10u;  // SECBIT_KEEP_CAPS does not survive an exec
  next.cap_permitted = root_euid || root_uid ? cap_set{next.cap_bset.bits | next.cap_inheritable.bits}
                                             : cap_empty_set;
  next.cap_permitted.bits |= next.cap_ambient.bits;
  next.cap_effective = root_euid ? next.cap_permitted : next.cap_ambient;
  next.suid = next.fsuid = next.euid;
  next.sgid = next.fsgid = next.egid;
  return next;
}

// ---- files -------------------------------------------------------------------------

result<fs::file_ptr> filp_open(task& t, std::string_view path, int flags, std::uint32_t mode) {
  return t.owner().vfs().open(t.access(), path, flags, mode);
}

result<int> sys_open(task& t, std::string_view path, int flags, std::uint32_t mode) {
  auto f = filp_open(t, path, flags, mode);
  if (!f) return f.error();
  return t.fd_install(std::move(*f), (flags & O_CLOEXEC) != 0);
}

result<void> sys_close(task& t, int fd) { return t.fd_close(fd); }

result<std::string> sys_read(task& t, int fd, std::size_t count) {
  fs::file* f = own_fd(t, fd);
  if (!f) return errc{EBADF};
  return f->read(t.access(), count);
}

result<std::size_t> sys_write(task& t, int fd, std::string_view data) {
  fs::file* f = own_fd(t, fd);
  if (!f) return errc{EBADF};
  return f->write(t.access(), data);
}

result<std::int64_t> sys_lseek(task& t, int fd, std::int64_t offset, int whence) {
  fs::file* f = own_fd(t, fd);
  if (!f || f->is_path_only()) return errc{EBADF};
  return f->llseek(offset, whence);
}

namespace {
// open_namespace / open_related_ns: a new fd (close-on-exec) on a namespace
// file for `ns`.
result<long> open_namespace(task& t, ns_ref ns) {
  fs::inode_ptr ino = fs::nsfs_inode::for_ns(std::move(ns));
  auto f = ino->open(t.access(), O_RDONLY, ino);
  if (!f) return f.error();
  auto fd = t.fd_install(std::move(*f), true);
  if (!fd) return fd.error();
  return *fd;
}

result<long> nsfs_ioctl(task& t, fs::nsfs_inode& ns, unsigned long request, void* arg) {
  const cred c = t.creds();
  auto open_related = [&](result<ns_ref> related) -> result<long> {
    if (!related) return related.error();
    return open_namespace(t, std::move(*related));
  };
  const ns_operations& ops = ns.ops();
  switch (request) {
    case NS_GET_USERNS: {
      // ns_get_owner: only an owner within the caller's user namespace or
      // below is handed out.
      user_namespace* owner = ns.owner();
      if (!owner || !in_userns(*c.user_ns, *owner)) return errc{EPERM};
      return open_related(ns_ref::hold(owner->ns()));
    }
    case NS_GET_PARENT:
      if (!ops.get_parent) return errc{EINVAL};  // only hierarchical types have parents
      return open_related(ops.get_parent(ns.ns(), c, t));
    case NS_GET_NSTYPE:
      return static_cast<long>(ops.type);
    case NS_GET_OWNER_UID: {
      if (ops.type != CLONE_NEWUSER) return errc{EINVAL};
      if (!arg) return errc{EFAULT};
      *static_cast<std::uint32_t*>(arg) = from_kuid_munged(*c.user_ns, to_user_ns(ns.ns()).owner());
      return 0;
    }
    case NS_GET_ID_:
      if (!arg) return errc{EFAULT};
      *static_cast<std::uint64_t*>(arg) = ns.ns_id();
      return 0;
    case NS_GET_MNTNS_ID_:
      if (ops.type != CLONE_NEWNS) return errc{EINVAL};  // only mount namespaces have one
      if (!arg) return errc{EFAULT};
      *static_cast<std::uint64_t*>(arg) = fs::to_mnt_ns(ns.ns()).mntns_id();
      return 0;
    case NS_GET_PID_FROM_PIDNS_:
    case NS_GET_TGID_FROM_PIDNS_:
    case NS_GET_PID_IN_PIDNS_:
    case NS_GET_TGID_IN_PIDNS_: {
      // The argument is the pid itself. FROM: a pid of the fd's namespace,
      // answered in the caller's; IN: a pid of the caller's, answered in
      // the fd's. Tasks are their own thread groups: pid and tgid agree.
      if (ops.type != CLONE_NEWPID) return errc{EINVAL};
      const pid_namespace& pid_ns = to_pid_ns(ns.ns());
      const int nr = static_cast<int>(reinterpret_cast<std::intptr_t>(arg));
      const bool in = request == NS_GET_PID_IN_PIDNS_ || request == NS_GET_TGID_IN_PIDNS_;
      std::shared_ptr<task> target =
          nr > 0 ? t.owner().find_task_in_ns(in ? t.active_pid_ns() : pid_ns, nr) : nullptr;
      if (!target) return errc{ESRCH};
      const int answer = target->pid_nr_ns(in ? pid_ns : t.active_pid_ns());
      if (!answer) return errc{ESRCH};
      return answer;
    }
    default:
      return errc{ENOTTY};
  }
}
}  // namespace

namespace {
// pidfd_ioctl's PIDFD_GET_<TYPE>_NAMESPACE, _IO(0xFF, 1..10): a new fd
// (close-on-exec) on the task's namespace of that type, behind the ptrace
// read check with the caller's file-system ids.
result<long> pidfd_ns_ioctl(task& t, task& target, unsigned long request) {
  static const ns_operations* const by_nr[] = {
      nullptr,           &cgroupns_operations,           &ipcns_operations,
      &fs::mntns_operations, &netns_operations,          &pidns_operations,
      &pidns_for_children_operations, &timens_operations, &timens_for_children_operations,
      &userns_operations, &utsns_operations};
  const unsigned long nr = request & 0xff;
  if ((request & ~0xffUL) != 0xff00UL || nr == 0 || nr > 10) return errc{ENOTTY};
  nsproxy_ref nsp = target.exited() ? nullptr : target.get_nsproxy();
  if (!nsp) return errc{ESRCH};
  if (!ptrace_may_access(*t.access().creds, t.pid(), target, ptrace_mode::read_fscreds)) return errc{EACCES};
  ns_common* ns = nullptr;
  if (by_nr[nr] == &pidns_for_children_operations) {
    // From the nsproxy as it is: unlike the /proc link, no wait for the
    // namespace's init (the first fork).
    nsp->pid_ns_for_children->get();
    ns = &nsp->pid_ns_for_children->ns();
  } else {
    ns = by_nr[nr]->get(target);
  }
  if (!ns) return errc{EOPNOTSUPP};
  return open_namespace(t, ns_ref::adopt(ns));
}
}  // namespace

result<long> sys_ioctl(task& t, int fd, unsigned long request, void* arg) {
  fs::file* f = usable_fd(t, fd);
  if (!f) return errc{EBADF};
  const fs::inode& node = *f->node();
  // do_vfs_ioctl: the requests the VFS answers for every file before the
  // file's own ioctl sees any (probed on nsfs, procfs, tmpfs and netlink
  // fds with a null argument).
  const bool sized = node.type() == S_IFREG || node.type() == S_IFDIR || node.type() == S_IFLNK;
  switch (request) {
    case FIOCLEX:
    case FIONCLEX:
      t.fd_set_close_on_exec(fd, request == FIOCLEX);
      return 0;
    case FIONBIO:  // the int read first; the model's files do not block either way
      if (!arg) return errc{EFAULT};
      return 0;
    case FIOASYNC:  // the int read first; of the model's files only sockets have fasync
      if (!arg) return errc{EFAULT};
      if (*static_cast<int*>(arg) != 0 && node.type() != S_IFSOCK) return errc{ENOTTY};
      return 0;
    case FIOQSIZE:  // the size, of regular files, directories and symlinks only
      if (!sized) return errc{ENOTTY};
      if (!arg) return errc{EFAULT};
      *static_cast<std::int64_t*>(arg) = f->seek_size();
      return 0;
    case FIGETBSZ_:  // the block size, for any file
      if (!arg) return errc{EFAULT};
      *static_cast<int*>(arg) = 4096;
      return 0;
    case FIONREAD:  // bytes left to read: the generic path of regular files
      if (node.type() != S_IFREG) break;
      if (!arg) return errc{EFAULT};
      *static_cast<int*>(arg) = 0;
      return 0;
    default:
      break;
  }
  if (fs::nsfs_inode* ns = fs::as_nsfs(node)) return nsfs_ioctl(t, *ns, request, arg);
  if (std::shared_ptr<task> target = pidfd_task(*f)) return pidfd_ns_ioctl(t, *target, request);
  return f->ioctl(t.access(), request, arg);
}

result<std::string> sys_readlink(task& t, std::string_view path) {
  return t.owner().vfs().readlink(t.access(), path);
}
result<fs::stat_info> sys_stat(task& t, std::string_view path) {
  return t.owner().vfs().stat(t.access(), path);
}
result<void> sys_faccessat(task& t, std::string_view path, int mode, int flags) {
  if (mode & ~(R_OK | W_OK | X_OK)) return errc{EINVAL};
  if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EACCESS | AT_EMPTY_PATH)) return errc{EINVAL};
  return t.owner().vfs().access(t.access(), path, mode, !(flags & AT_SYMLINK_NOFOLLOW));
}
result<fs::stat_info> sys_lstat(task& t, std::string_view path) {
  return t.owner().vfs().lstat(t.access(), path);
}
result<fs::stat_info> sys_fstat(task& t, int fd) {
  fs::file* f = own_fd(t, fd);
  if (!f) return errc{EBADF};
  return f->node()->getattr(t.access());
}
result<fs::statfs_info> sys_statfs(task& t, std::string_view path) {
  return t.owner().vfs().statfs(t.access(), path);
}
result<fs::statfs_info> sys_fstatfs(task& t, int fd) {
  fs::file* f = own_fd(t, fd);  // fdget_raw: an O_PATH fd will do
  if (!f) return errc{EBADF};
  return t.owner().vfs().fstatfs(*f);
}
result<void> sys_mkdir(task& t, std::string_view path, std::uint32_t mode) {
  return t.owner().vfs().mkdir(t.access(), path, mode);
}
result<void> sys_rmdir(task& t, std::string_view path) {
  return t.owner().vfs().rmdir(t.access(), path);
}
result<void> sys_unlink(task& t, std::string_view path) {
  return t.owner().vfs().unlink(t.access(), path);
}
result<std::vector<std::string>> sys_readdir(task& t, std::string_view path) {
  return t.owner().vfs().readdir(t.access(), path);
}
result<void> sys_mount_bind(task& t, std::string_view src, std::string_view dst, bool recursive) {
  return t.owner().vfs().mount_bind(t.access(), src, dst, recursive);
}
result<void> sys_mount_move(task& t, std::string_view src, std::string_view dst) {
  return t.owner().vfs().move_mount(t.access(), src, dst);
}
result<void> sys_umount_detach(task& t, std::string_view dst) {
  return t.owner().vfs().umount(t.access(), dst);
}
result<void> sys_mount_change_type(task& t, std::string_view dst, unsigned long flags) {
  return t.owner().vfs().change_type(t.access(), dst, flags);
}
result<void> sys_mount_fs(task& t, std::string_view fstype, std::string_view source,
                          std::string_view dst, unsigned long flags, std::string_view data) {
  // The new file system's owner: the caller's user namespace for tmpfs,
  // the owner of its pid namespace for proc (proc_init_fs_context).
  const cred c = t.creds();
  if (fstype == "tmpfs")
    return t.owner().vfs().mount_fs(t.access(), fs::vfs::fs_type::tmpfs, source, dst,
                                    c.user_ns.get(), S_ISVTX | 0777, flags, data);
  if (fstype == "proc")
    return t.owner().vfs().mount_fs(t.access(), fs::vfs::fs_type::proc, source, dst,
                                    &t.active_pid_ns().user_ns(), S_ISVTX | 0777, flags, data,
                                    &t.active_pid_ns());
  return errc{ENODEV};
}
result<void> sys_mount_remount(task& t, std::string_view path, unsigned long flags,
                               std::string_view data) {
  return t.owner().vfs().remount(t.access(), path, flags, data);
}

// ---- lookups for the nsid layer ----------------------------------------------------

result<net_ref> get_net_ns_by_fd(task& t, int fd) {
  auto n = peek_net_ns_by_fd(t, fd);
  if (!n) return n.error();
  return (*n)->get();
}

result<net*> peek_net_ns_by_fd(task& t, int fd) {
  auto ns = proc_ns_fget(t, fd);
  if (!ns) return ns.error();
  if (!(*ns)->net_ns()) return errc{EINVAL};
  return (*ns)->net_ns();
}

namespace {
// The net of a task found by pid: ESRCH for none, or one that has exited.
result<net_ref> net_of(const std::shared_ptr<task>& t) {
  net_ref n = t ? t->net_ns() : net_ref();
  if (!n) return errc{ESRCH};
  return n;
}
}  // namespace

result<net_ref> get_net_ns_by_pid(pid_table& m, int pid) { return net_of(m.find_task(pid)); }

result<net_ref> get_net_ns_by_vpid(task& current, int pid) {
  return net_of(current.owner().find_task_in_ns(current.active_pid_ns(), pid));
}

}  // namespace netns
