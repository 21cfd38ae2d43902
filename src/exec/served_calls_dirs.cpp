// SPDX-License-Identifier: GPL-2.0-only
// The model's directories and mounts (/run/netns): mkdir, unlink, rmdir,
// mount (bind and propagation changes), umount2, getdents64.
#include <dirent.h>
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>

#include <linux/magic.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <cerrno>
#include <cstddef>
#include <cstring>

#include "netns/base/scope_exit.hpp"
#include "netns/task/syscalls.hpp"
#include "proc_paths.hpp"
#include "served_calls.hpp"
#include "tracee_memory.hpp"

namespace netns::exec_detail {

namespace {

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

reply status(const result<void>& r) { return r ? reply::ok(0) : reply::fail(r.error()); }

unsigned char dirent_type(std::uint32_t mode) {
  switch (mode & S_IFMT) {
    case S_IFDIR: return DT_DIR;
    case S_IFREG: return DT_REG;
    case S_IFLNK: return DT_LNK;
    case S_IFSOCK: return DT_SOCK;
    case S_IFIFO: return DT_FIFO;
    case S_IFCHR: return DT_CHR;
    case S_IFBLK: return DT_BLK;
    default: return DT_UNKNOWN;
  }
}

// linux_dirent64 records (d_ino, d_off, d_reclen, d_type, d_name, padded
// to 8) for listing[from...] while they fit in `count` bytes; returns the
// index of the first one left out.
std::size_t encode_dirents(const std::vector<placeholder::dirent_info>& listing, std::size_t from,
                           std::uint64_t count, std::vector<char>& out) {
  std::size_t i = from;
  for (; i < listing.size(); ++i) {
    const auto& e = listing[i];
    const std::size_t reclen = (offsetof(dirent64, d_name) + e.name.size() + 1 + 7) & ~std::size_t{7};
    if (out.size() + reclen > count) break;
    const std::size_t at = out.size();
    out.resize(at + reclen, '\0');
    dirent64 d{};
    d.d_ino = e.ino;
    d.d_off = static_cast<off64_t>(i + 1);
    d.d_reclen = static_cast<unsigned short>(reclen);
    d.d_type = e.type;
    std::memcpy(out.data() + at, &d, offsetof(dirent64, d_name));
    std::memcpy(out.data() + at + offsetof(dirent64, d_name), e.name.c_str(), e.name.size() + 1);
  }
  return i;
}

}  // namespace

bool served_calls::in_user_sandbox(pid_t tid) {
  // The program's real user namespace is not ours: the sandbox of a user
  // who is not root (supervisor.cpp, enter_sandbox).
  struct stat mine {}, theirs {};
  const std::string path = "/proc/" + std::to_string(tid) + "/ns/user";
  return ::stat("/proc/self/ns/user", &mine) == 0 && ::stat(path.c_str(), &theirs) == 0 &&
         mine.st_ino != theirs.st_ino;
}

std::optional<model_path> served_calls::locate(process& p, int dirfd, const std::string& path) {
  // Through a procfs of a pid namespace the program made, a pid in a path
  // is that namespace's: the model's number there too, and the model's
  // /proc there is a proc of that namespace (the program mounted it), so
  // the number stays as it is once a process of the namespace has it.
  // Every /proc/N is the kernel's then (all processes there are the
  // program's) but for what the model serves below it.
  std::function<int(int)> pid_of = [&](int pid) { return model_pid_of(pid); };
  std::function<bool(int)> model_task = [&](int pid) { return model_task_named(pid); };
  if (p.own_proc) {
    pid_of = [&](int nr) { return process_in_pid_ns(p, nr) ? nr : 0; };
    model_task = [](int) { return false; };
  }
  // A /proc/N/fd/M link names N by its host pid from here on.
  auto host_named = [&](std::optional<model_path> where) -> std::optional<model_path> {
    if (!where || !p.own_proc || where->what != model_path::kind::fd_link || !where->host_pid)
      return where;
    process* owner = process_in_pid_ns(p, where->host_pid);
    if (!owner) return std::nullopt;
    where->host_pid = owner->tgid;
    return where;
  };
  // A thread's files are its process's when it is one of its threads
  // (the host's /proc says; the kernel's ENOENT otherwise). Threads are
  // numbered by the host at the top level; through a procfs of the
  // program's own they are taken as named.
  auto of_its_thread = [&](std::optional<model_path> where) -> std::optional<model_path> {
    if (!where) return where;
    // A thread with a task of its own (one that changed its namespaces):
    // /proc/self is still its process's (the kernel's self is the thread
    // group), thread-self and task/TID are the thread's task.
    auto renamed = [&](int model_pid) {
      const std::size_t rest = where->path.find('/', 6);
      where->path = "/proc/" + std::to_string(model_pid) + (rest == std::string::npos ? "" : where->path.substr(rest));
    };
    if (where->what == model_path::kind::path && where->path.starts_with("/proc/self/") && !where->thread &&
        !where->thread_self && p.t != p.leader)
      renamed(p.leader->pid());
    if (!where->thread || p.own_proc) return where;
    const std::string task_dir = "/proc/" + std::to_string(where->thread_group ? where->thread_group : p.tgid) +
                                 "/task/" + std::to_string(where->thread);
    if (::access(task_dir.c_str(), F_OK) != 0) return std::nullopt;
    if (where->what == model_path::kind::path)
      if (task* own = thread_task_of(where->thread)) renamed(own->pid());
    return where;
  };
  if (!path.empty() && path.front() == '/')
    return of_its_thread(host_named(classify_path(path, pid_of, model_task)));
  // Relative to a directory the program has open in the model: the
  // model's, whatever the name (the program holds no host directory there
  // for the kernel to look in).
  if (path.empty() || dirfd == AT_FDCWD) return std::nullopt;
  fs::file_ptr dir = model_file(p, dirfd);
  if (!dir && !p.own_proc && p.listed_proc) {
    // A host directory of the host's procfs: /proc/N of a program's
    // process (whose task has its pid, so the listing names it), opened
    // and walked relative to, as lsns does (fstatat(dirfd, "ns/net")):
    // what the model keeps below it is the model's as by its full path.
    // Looked at only once the process has listed /proc: recognising a
    // host directory costs a readlink, which every relative call would
    // pay otherwise.
    char link[64], target[256];
    std::snprintf(link, sizeof link, "/proc/%d/fd/%d", p.tgid, dirfd);
    const ssize_t n = ::readlink(link, target, sizeof target - 1);
    if (n <= 6 || std::strncmp(target, "/proc/", 6) != 0 || !std::isdigit(static_cast<unsigned char>(target[6])))
      return std::nullopt;
    target[n] = '\0';
    struct stat here {}, ours {};
    if (::stat(link, &here) != 0 || ::stat("/proc", &ours) != 0 || here.st_dev != ours.st_dev) return std::nullopt;
    return of_its_thread(classify_path(std::string(target) + "/" + path, pid_of, model_task));
  }
  if (!dir || dir->path().empty()) return std::nullopt;
  const std::string full = dir->path() + "/" + path;
  if (auto where = host_named(classify_path(full, pid_of, model_task))) return where;
  model_path where{model_path::kind::path, full};
  where.generated = true;
  return where;
}

reply served_calls::do_path_call(const seccomp_notif& req, process& p, path_call what, int dirfd,
                                 std::uint64_t path_addr, std::uint64_t arg, std::string& text) {
  auto path = read_path(static_cast<pid_t>(req.pid), path_addr);
  if (!path) return reply::pass();
  auto where = locate(p, dirfd, *path);
  if (!where || where->what != model_path::kind::path || !still_valid(req.id)) return reply::pass();
  text = quoted(*path);
  switch (what) {
    case path_call::mkdir:
      return status(sys_mkdir(*p.t, where->path,
                              static_cast<std::uint32_t>(arg) & ~process_umask(static_cast<pid_t>(req.pid))));
    case path_call::unlink:
      return status(sys_unlink(*p.t, where->path));
    case path_call::rmdir:
      return status(sys_rmdir(*p.t, where->path));
    case path_call::umount:
      // MNT_DETACH or not: the model's mounts have no users to wait for.
      if (arg & ~static_cast<std::uint64_t>(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
        return reply::fail(EINVAL);
      return status(sys_umount_detach(*p.t, where->path));
  }
  return reply::pass();
}

reply served_calls::do_mount(const seccomp_notif& req, process& p, std::uint64_t source_addr,
                             std::uint64_t target_addr, std::uint64_t fstype_addr, std::uint64_t flags,
                             std::string& text) {
  const pid_t tid = static_cast<pid_t>(req.pid);
  auto target = read_path(tid, target_addr);
  if (!target) return reply::pass();
  constexpr std::uint64_t propagation = MS_SHARED | MS_PRIVATE | MS_SLAVE | MS_UNBINDABLE;
  if ((*target == "/proc" || *target == "/proc/") && fstype_addr &&
      !(flags & (propagation | MS_BIND | MS_MOVE | MS_REMOUNT))) {
    // A new proc on /proc (unshare --mount-proc, a container's setup):
    // the model's, since the model answers for /proc's pids and
    // namespaces; the mount_capable check over the owner of the caller's
    // pid namespace is the model's too (EPERM from a user namespace that
    // does not own it). The host's /proc stays as it is.
    auto fstype = read_path(tid, fstype_addr);
    if (fstype && *fstype == "proc") {
      std::string source = "proc";
      if (source_addr)
        if (auto s = read_path(tid, source_addr)) source = std::move(*s);
      if (!still_valid(req.id)) return reply::pass();
      text = quoted(source) + ", \"/proc\", \"proc\"";
      auto r = sys_mount_fs(*p.t, "proc", source, "/proc");
      // In a pid namespace the program made (unshare -pf --mount-proc),
      // the host's mount goes on too: the real procfs of that namespace,
      // whose pids are the model's, is then the program's /proc for
      // everything the model does not serve (/proc/self, stat, NSpid).
      if (r && in_child_pid_ns(tid)) {
        p.own_proc = true;
        return reply::pass();
      }
      return status(r);
    }
  }
  if ((flags & propagation) && (flags & MS_REC) && *target == "/") {
    // A recursive change from the root (ip netns exec's and unshare -m's
    // "make everything slave/private") covers the model's part of the tree
    // too: the model's mounts take it, and the host's call goes on for the
    // rest. The host's answer is the program's.
    if (!still_valid(req.id)) return reply::pass();
    text = quoted(*target) + ", " + std::to_string(flags) + " (model and host)";
    (void)sys_mount_change_type(*p.t, "/", static_cast<unsigned long>(flags));
    return reply::pass();
  }
  if ((*target == "/sys" || *target == "/sys/") && fstype_addr &&
      !(flags & (propagation | MS_BIND | MS_MOVE | MS_REMOUNT)) && in_user_sandbox(tid)) {
    // sysfs on /sys (ip netns exec, ip -n): /sys is never the model's, and
    // the host refuses a sysfs mount to a sandbox that does not own the
    // real network namespace. Answered 0: the program keeps the /sys it
    // has, which is what root's real mount would show it too (the host's
    // devices, not the model's).
    auto fstype = read_path(tid, fstype_addr);
    if (fstype && *fstype == "sysfs" && still_valid(req.id)) {
      text = "\"/sys\", \"sysfs\" (kept the program's /sys)";
      return reply::ok(0);
    }
  }
  auto where = locate(p, AT_FDCWD, *target);
  if (!where || where->what != model_path::kind::path) return reply::pass();
  std::string source;
  if (source_addr) {
    auto s = read_path(tid, source_addr);
    if (!s) return reply::fail(s.error());
    source = std::move(*s);
  }
  if (!still_valid(req.id)) return reply::pass();
  text = quoted(source) + ", " + quoted(*target) + ", " + std::to_string(flags);
  // path_mount's order: a remount whatever else is set, then a bind, then
  // a propagation change, then a move.
  if (flags & MS_REMOUNT)
    return status(sys_mount_remount(*p.t, where->path, static_cast<unsigned long>(flags)));
  if (flags & MS_BIND) {
    auto from = locate(p, AT_FDCWD, source);
    // A host file cannot be bound into the model's tree.
    if (!from || from->what != model_path::kind::path) return reply::fail(EINVAL);
    return status(sys_mount_bind(*p.t, from->path, where->path, (flags & MS_REC) != 0));
  }
  if (flags & propagation) return status(sys_mount_change_type(*p.t, where->path, static_cast<unsigned long>(flags)));
  if (flags & MS_MOVE) {
    auto from = locate(p, AT_FDCWD, source);
    if (!from || from->what != model_path::kind::path) return reply::fail(EINVAL);
    return status(sys_mount_move(*p.t, from->path, where->path));
  }
  // New file systems on the model's paths are not modelled.
  return reply::fail(EINVAL);
}

reply served_calls::do_getdents64(const seccomp_notif& req, process& p, int fd, std::uint64_t buf,
                                  std::uint64_t count, std::string& text) {
  placeholder* open_file = placeholders_.lookup(p.pidfd, fd);
  if (!open_file) return proc_root_getdents64(req, p, fd, buf, count, text);
  text = std::to_string(fd);
  const fs::file& f = *open_file->file;
  if (!f.node()->is_dir()) return reply::fail(ENOTDIR);
  if (!open_file->listed) {
    // The listing as of the first call, as a directory stream reads it.
    auto names = f.node()->readdir(p.t->access());
    if (!names) return reply::fail(names.error());
    auto add = [&](const std::string& name, const std::string& path) {
      auto st = sys_lstat(*p.t, path);
      if (st) open_file->listing.push_back({name, st->ino, dirent_type(st->mode)});
    };
    add(".", f.path());
    add("..", f.path() + "/..");
    for (const std::string& n : *names) add(n, f.path() + "/" + n);
    open_file->listed = true;
  }
  std::vector<char> out;
  const std::size_t next = encode_dirents(open_file->listing, open_file->pos, count, out);
  // Not even one entry fits: the kernel's EINVAL for a too small buffer.
  if (out.empty() && next < open_file->listing.size()) return reply::fail(EINVAL);
  if (!write_memory(static_cast<pid_t>(req.pid), buf, out.data(), out.size())) return reply::fail(EFAULT);
  open_file->pos = next;
  return reply::ok(static_cast<long>(out.size()));
}

// The host's /proc, listed by a program of the model's world: its
// processes are the model's tasks, so the numeric entries are the model's
// pids (the rest, cpuinfo and the like, are the host's). The whole listing
// goes out in the first call, at position 0, and the directory's position
// is then set past every pid, so the next call reads nothing; a listing
// that does not fit one buffer, and calls at other positions, are the
// host's own.
reply served_calls::proc_root_getdents64(const seccomp_notif& req, process& p, int fd,
                                         std::uint64_t buf, std::uint64_t count, std::string& text) {
  long copy = syscall(SYS_pidfd_getfd, p.pidfd, fd, 0);
  if (copy < 0) return reply::pass();
  const int dir = static_cast<int>(copy);
  auto done = scope_exit([&] { close(dir); });
  struct stat st {};
  struct statfs sf {};
  constexpr ino_t proc_root_ino = 1;
  if (!fstat_cached(dir, st) || !S_ISDIR(st.st_mode) || st.st_ino != proc_root_ino ||
      fstatfs(dir, &sf) != 0 || sf.f_type != PROC_SUPER_MAGIC)
    return reply::pass();
  // A procfs the program mounted in a pid namespace it made: the kernel's
  // listing, whose pids are the model's (served_calls_pid.cpp) and which
  // also has the processes that have not called the model yet.
  struct stat ours {};
  if (::stat("/proc", &ours) != 0 || ours.st_dev != st.st_dev) return reply::pass();
  // Past every pid the kernel could list (pid_max is at most 2^22).
  constexpr off_t listed = off_t{1} << 40;
  const off_t pos = lseek(dir, 0, SEEK_CUR);
  if (pos == listed) return reply::ok(0);
  if (pos != 0) return reply::pass();
  text = std::to_string(fd) + " (/proc)";
  p.listed_proc = true;

  std::vector<placeholder::dirent_info> listing;
  char host[32768];
  for (;;) {
    long n = syscall(SYS_getdents64, dir, host, sizeof host);
    if (n <= 0) break;
    for (long at = 0; at < n;) {
      const auto* d = reinterpret_cast<const dirent64*>(host + at);
      const std::string name = d->d_name;
      if (name.empty() || !std::isdigit(static_cast<unsigned char>(name.front())))
        listing.push_back({name, d->d_ino, d->d_type});
      at += d->d_reclen;
    }
  }
  // The program's children that have not called the model yet are
  // processes of its world too (a shell's `sleep &`): their tasks first.
  adopt_descendants();
  for (int pid : m_.pids()) {
    auto pst = sys_lstat(*p.t, "/proc/" + std::to_string(pid));
    if (pst) listing.push_back({std::to_string(pid), pst->ino, DT_DIR});
  }
  std::vector<char> out;
  if (encode_dirents(listing, 0, count, out) < listing.size()) {
    lseek(dir, 0, SEEK_SET);  // too many for one buffer: the host's listing after all
    return reply::pass();
  }
  if (!write_memory(static_cast<pid_t>(req.pid), buf, out.data(), out.size())) return reply::fail(EFAULT);
  lseek(dir, listed, SEEK_SET);
  return reply::ok(static_cast<long>(out.size()));
}

}  // namespace netns::exec_detail

namespace netns::exec_detail {

// Extended attributes: the model keeps none. What the kernel answers then
// depends on the file system: tmpfs has xattr handlers and no data
// (ENODATA), nsfs and procfs have none (EOPNOTSUPP); listing gives nothing.
reply served_calls::do_xattr(const seccomp_notif& req, process& p, bool by_fd, int fd,
                             std::uint64_t path_addr, bool follow, bool list, std::string& text) {
  result<fs::stat_info> st = errc{EBADF};
  if (by_fd) {
    fs::file_ptr file = model_file(p, fd);
    if (!file) return reply::pass();
    text = std::to_string(fd);
    st = file->node()->getattr(p.t->access());
  } else {
    auto path = read_path(static_cast<pid_t>(req.pid), path_addr);
    if (!path) return reply::pass();
    auto where = locate(p, AT_FDCWD, *path);
    if (!where || where->what != model_path::kind::path || !still_valid(req.id)) return reply::pass();
    text = "\"" + *path + "\"";
    st = follow ? sys_stat(*p.t, where->path) : sys_lstat(*p.t, where->path);
  }
  if (!st) return reply::fail(st.error());
  if (list) return reply::ok(0);
  return reply::fail(st->dev == fs::tmpfs_dev ? ENODATA : EOPNOTSUPP);
}

}  // namespace netns::exec_detail
