// SPDX-License-Identifier: GPL-2.0-only
// unshare, setns, setresuid, the file calls and the nsfs ioctls
// (kernel/fork.c, kernel/nsproxy.c, kernel/sys.c, fs/nsfs.c).
#include "netns/task/syscalls.hpp"

#include <linux/nsfs.h>
#include <sys/ioctl.h>

#include <cerrno>
#include <optional>

#include "netns/core/nsproxy.hpp"
#include "netns/fs/nsfs.hpp"
#include "netns/task/pid_table.hpp"

namespace netns {

namespace {

constexpr unsigned long CLONE_NAMESPACES = CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC |
                                           CLONE_NEWNET | CLONE_NEWUSER | CLONE_NEWPID |
                                           CLONE_NEWCGROUP | 0x80 /* CLONE_NEWTIME */;
constexpr unsigned long UNSHARE_ALLOWED = CLONE_THREAD | CLONE_FS | CLONE_SIGHAND | CLONE_VM |
                                          CLONE_FILES | CLONE_SYSVSEM | CLONE_NAMESPACES;

// _IOR(0xb7, 13, __u64) and _IOR(0xb7, 5, __u64): NS_GET_ID and NS_GET_MNTNS_ID
// of the reference kernel (newer than the installed uapi header).
constexpr unsigned long NS_GET_ID_ = 0x8008b70dUL;
constexpr unsigned long NS_GET_MNTNS_ID_ = 0x8008b705UL;

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

}  // namespace

// ---- namespaces ----------------------------------------------------------------

result<void> sys_unshare(task& t, unsigned long flags) {
  if (flags & ~UNSHARE_ALLOWED) return errc{EINVAL};
  const cred old = t.creds();

  // A new user namespace comes first: the other new namespaces belong to it.
  std::optional<cred> new_cred;
  if (flags & CLONE_NEWUSER) {
    new_cred = old;
    if (auto r = create_user_ns(*new_cred); !r) return r;
  }

  net_ref new_net;
  if (flags & (CLONE_NAMESPACES & ~CLONE_NEWUSER)) {
    user_namespace& user_ns = new_cred ? *new_cred->user_ns : *old.user_ns;
    // Checked with the caller's current credentials: the owner of a user
    // namespace created just now has every capability in it.
    if (!ns_capable(old, user_ns, CAP_SYS_ADMIN)) return errc{EPERM};
    if (flags & CLONE_NEWNET) {
      net_ref cur = t.net_ns();
      auto n = copy_net_ns(CLONE_NEWNET, user_ns, *cur, old.euid);
      if (!n) return n.error();
      new_net = std::move(*n);
    }
  }

  if (new_cred) t.commit_creds(std::move(*new_cred));
  if (new_net) t.switch_net(std::move(new_net));
  return ok();
}

namespace {
// commit_nsset: what every type's install prepared becomes the task's.
void commit_nsset(task& t, nsset& set) {
  if (set.new_cred) t.commit_creds(std::move(*set.new_cred));
  if (set.new_net) t.switch_net(set.new_net->get());
}
}  // namespace

result<void> sys_setns(task& t, int fd, int nstype) {
  auto file = proc_ns_fget(t, fd);
  if (!file) return file.error();
  fs::nsfs_inode* ns = *file;
  const ns_operations& ops = ns->ops();
  if (nstype && static_cast<unsigned long>(static_cast<unsigned>(nstype)) != ops.type)
    return errc{EINVAL};

  // prepare_nsset. The task's own credentials: only the task replaces
  // them, so they stay put for this call without a copy.
  nsset set;
  set.flags = ops.type;
  set.current_cred = t.access().creds;
  if (auto r = ops.install(set, ns->ns()); !r) return r;
  commit_nsset(t, set);
  return ok();
}

result<void> sys_setresuid(task& t, std::uint32_t ruid, std::uint32_t euid, std::uint32_t suid) {
  const cred old = t.creds();
  const user_namespace& ns = *old.user_ns;
  const kuid kr = make_kuid(ns, ruid), ke = make_kuid(ns, euid), ks = make_kuid(ns, suid);
  if ((ruid != invalid_id && !uid_valid(kr)) || (euid != invalid_id && !uid_valid(ke)) ||
      (suid != invalid_id && !uid_valid(ks)))
    return errc{EINVAL};
  auto may_become = [&](std::uint32_t id, kuid k) {
    return id == invalid_id || k == old.uid || k == old.euid || k == old.suid;
  };
  if (!ns_capable(old, ns, CAP_SETUID) &&
      !(may_become(ruid, kr) && may_become(euid, ke) && may_become(suid, ks)))
    return errc{EPERM};

  cred next = old;
  if (ruid != invalid_id) next.uid = kr;
  if (euid != invalid_id) next.euid = ke;
  if (suid != invalid_id) next.suid = ks;
  next.fsuid = next.euid;

  // cap_emulate_setxuid: root is uid 0 of the task's user namespace.
  const kuid root = make_kuid(ns, 0);
  bool was_root = old.uid == root || old.euid == root || old.suid == root;
  bool is_root = next.uid == root || next.euid == root || next.suid == root;
  if (was_root && !is_root) {
    next.cap_permitted = cap_empty_set;
    next.cap_effective = cap_empty_set;
    next.cap_ambient = cap_empty_set;
  }
  if (old.euid == root && next.euid != root) next.cap_effective = cap_empty_set;
  if (old.euid != root && next.euid == root) next.cap_effective = next.cap_permitted;
  t.commit_creds(std::move(next));
  return ok();
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
  const bool root_euid = uid_valid(root) && next.euid == root;
  const bool root_uid = uid_valid(root) && next.uid == root;
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
  return t.fd_install(std::move(*f));
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

namespace {
result<long> nsfs_ioctl(task& t, fs::nsfs_inode& ns, unsigned long request, void* arg) {
  const cred c = t.creds();
  // open_related_ns: a new fd on a namespace file for `related`.
  auto open_related = [&](result<ns_ref> related) -> result<long> {
    if (!related) return related.error();
    fs::inode_ptr ino = fs::nsfs_inode::for_ns(std::move(*related));
    auto f = ino->open(t.access(), O_RDONLY, ino);
    if (!f) return f.error();
    auto fd = t.fd_install(std::move(*f));
    if (!fd) return fd.error();
    return *fd;
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
      return open_related(ops.get_parent(ns.ns(), c));
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
      return errc{EINVAL};  // only mount namespaces have one
    default:
      return errc{ENOTTY};
  }
}
}  // namespace

result<long> sys_ioctl(task& t, int fd, unsigned long request, void* arg) {
  fs::file* f = usable_fd(t, fd);
  if (!f) return errc{EBADF};
  const fs::inode& node = *f->node();
  if (request == FIONREAD && node.type() == S_IFREG) {
    // The generic regular-file path: bytes left to read.
    if (!arg) return errc{EFAULT};
    *static_cast<int*>(arg) = 0;
    return 0;
  }
  if (fs::nsfs_inode* ns = fs::as_nsfs(node)) return nsfs_ioctl(t, *ns, request, arg);
  return f->ioctl(t.access(), request, arg);
}

result<std::string> sys_readlink(task& t, std::string_view path) {
  return t.owner().vfs().readlink(t.access(), path);
}
result<fs::stat_info> sys_stat(task& t, std::string_view path) {
  return t.owner().vfs().stat(t.access(), path);
}
result<fs::stat_info> sys_lstat(task& t, std::string_view path) {
  return t.owner().vfs().lstat(t.access(), path);
}
result<fs::stat_info> sys_fstat(task& t, int fd) {
  fs::file* f = own_fd(t, fd);
  if (!f) return errc{EBADF};
  return f->node()->getattr(t.access());
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
result<void> sys_umount_detach(task& t, std::string_view dst) {
  return t.owner().vfs().umount(t.access(), dst);
}
result<void> sys_mount_make_shared(task& t, std::string_view dst) {
  return t.owner().vfs().make_shared(t.access(), dst);
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

result<net_ref> get_net_ns_by_pid(pid_table& m, int pid) {
  auto t = m.find_task(pid);
  if (!t) return errc{ESRCH};
  net_ref n = t->net_ns();
  if (!n) return errc{ESRCH};
  return n;
}

}  // namespace netns
