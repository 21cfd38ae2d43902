// SPDX-License-Identifier: GPL-2.0-only
// open, readlink and the stat family on the model's paths and files.
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/sysmacros.h>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <optional>

#include "netns/fs/nsfs.hpp"
#include "netns/task/syscalls.hpp"
#include "proc_paths.hpp"
#include "served_calls.hpp"
#include "tracee_memory.hpp"

namespace netns::exec_detail {

namespace {

struct stat to_stat(const fs::stat_info& si, const user_namespace& ns) {
  struct stat st {};
  st.st_dev = makedev(si.dev.major, si.dev.minor);
  st.st_ino = si.ino;
  st.st_mode = si.mode;
  st.st_nlink = si.nlink;
  st.st_uid = from_kuid_munged(ns, si.uid);
  st.st_gid = from_kgid_munged(ns, si.gid);
  st.st_size = static_cast<off_t>(si.size);
  st.st_blksize = si.blksize;
  return st;
}

struct statx to_statx(const fs::stat_info& si, const user_namespace& ns) {
  struct statx sx {};
  sx.stx_mask = STATX_BASIC_STATS;
  sx.stx_blksize = si.blksize;
  sx.stx_nlink = si.nlink;
  sx.stx_uid = from_kuid_munged(ns, si.uid);
  sx.stx_gid = from_kgid_munged(ns, si.gid);
  sx.stx_mode = static_cast<std::uint16_t>(si.mode);
  sx.stx_ino = si.ino;
  sx.stx_size = si.size;
  sx.stx_dev_major = si.dev.major;
  sx.stx_dev_minor = si.dev.minor;
  return sx;
}

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

}  // namespace

reply served_calls::do_open(const seccomp_notif& req, process& p, int dirfd,
                            std::uint64_t path_addr, int flags, std::uint32_t mode,
                            std::string& text) {
  auto path = read_path(static_cast<pid_t>(req.pid), path_addr);
  if (!path) return reply::pass();  // EFAULT and friends: the host says it
  auto where = locate(p, dirfd, *path);
  if (!where || !still_valid(req.id)) return reply::pass();
  text = quoted(*path);
  result<fs::file_ptr> file = errc{EBADF};
  if (where->what == model_path::kind::path) {
    refresh_identity(p, where->path);
    if (flags & (O_CREAT | __O_TMPFILE)) mode &= ~process_umask(static_cast<pid_t>(req.pid));
    file = filp_open(*p.t, where->path, flags, mode);
  } else {
    // /proc/PID/fd/N reopens the file: the model's when N is a placeholder.
    process* owner = where->host_pid ? known_process(where->host_pid) : &p;
    fs::file_ptr held = owner ? model_file(*owner, where->fd) : nullptr;
    if (!held) return reply::pass();
    file = with_scratch_fd(p, std::move(held), [&](int scratch) {
      return filp_open(*p.t, "/proc/self/fd/" + std::to_string(scratch), flags, mode);
    });
  }
  if (!file) return reply::fail(file.error());
  reply r = reply::fd(std::move(*file), (flags & O_CLOEXEC) != 0);
  if (where->what == model_path::kind::path && where->generated && !r.file->node()->is_dir() &&
      !r.file->node()->is_ns_file() && !(flags & O_PATH)) {
    // A procfs file made when read (or a file of the model's /run): made
    // now, carried by the placeholder.
    const int mode = flags & O_ACCMODE;
    // A file of our FUSE file system where we have one: a sysctl, whose
    // reads depend on their offset (past 0: end of file), and any file
    // opened for writing, whose every write's errno is the writer's, at
    // whatever fd it writes (`echo BAD > /proc/sys/...` writes at fd 1).
    if ((mode != O_RDONLY || where->path.starts_with("/proc/sys/")) && fuse_usable(p)) {
      r.via_fuse = true;
      return r;
    }
    if (mode != O_WRONLY) {
      auto content = with_scratch_fd(p, r.file, [&](int scratch) -> result<std::string> {
        std::string all;
        for (;;) {
          auto chunk = sys_read(*p.t, scratch, 65536);
          if (!chunk) return chunk.error();
          if (chunk->empty()) return all;
          all += *chunk;
        }
      });
      if (!content) return reply::fail(content.error());
      r.content = std::move(*content);
      if (where->path.ends_with("/status")) merge_host_status(p, where->path, *r.content);
    }
    r.writable = mode != O_RDONLY;
  }
  return r;
}

void served_calls::merge_host_status(process& p, const std::string& model_path, std::string& content) {
  // "/proc/self/status" or "/proc/<model pid>/status" of a program's
  // process: the host's file (its memory, signals, scheduling, pids as
  // getpid gives them) with the lines the model keeps (ids, groups,
  // capabilities) taken from the model's.
  process* owner = &p;
  if (!model_path.starts_with("/proc/self/")) {
    owner = nullptr;
    const std::string who = model_path.substr(6, model_path.find('/', 6) - 6);
    if (!who.empty() && who.find_first_not_of("0123456789") == std::string::npos && who.size() < 10)
      owner = process_of_path_pid(p, std::stoi(who));
  }
  if (!owner) return;
  std::string host;
  // Read through the procfs of a pid namespace the program made, the
  // pids are that namespace's: the host's file is then read where the
  // program reads it, in its own procfs (by the owner's number there,
  // the model's too), rather than from the supervisor's namespace down.
  std::string host_path = "/proc/" + std::to_string(owner->tgid) + "/status";
  if (p.own_proc)
    if (int nr = owner->leader->pid_nr_ns(p.t->active_pid_ns()))
      host_path = "/proc/" + std::to_string(p.tgid) + "/root/proc/" + std::to_string(nr) + "/status";
  const int fd = ::open(host_path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  char buf[4096];
  for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) host.append(buf, static_cast<std::size_t>(n));
  ::close(fd);
  auto value_of = [](const std::string& text, std::string_view key) -> std::optional<std::string> {
    for (std::size_t at = 0; at < text.size();) {
      std::size_t end = text.find('\n', at);
      if (end == std::string::npos) end = text.size();
      std::string_view line(text.data() + at, end - at);
      if (line.starts_with(key) && line.size() > key.size() && line[key.size()] == ':')
        return std::string(line.substr(key.size()));
      at = end + 1;
    }
    return std::nullopt;
  };
  std::string merged;
  for (std::size_t at = 0; at < host.size();) {
    std::size_t end = host.find('\n', at);
    if (end == std::string::npos) end = host.size();
    std::string line = host.substr(at, end - at);
    for (std::string_view key : {"Uid", "Gid", "Groups", "CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb"})
      if (line.starts_with(key) && line.size() > key.size() && line[key.size()] == ':')
        if (auto v = value_of(content, key)) line = std::string(key) + *v;
    merged += line + "\n";
    at = end + 1;
  }
  content = std::move(merged);
}

served_calls::process* served_calls::process_of_path_pid(process& p, int nr) {
  return p.own_proc ? process_in_pid_ns(p, nr) : process_of_task(nr);
}

void served_calls::refresh_identity(process& p, const std::string& model_path) {
  // "/proc/<model pid>/<entry>" (by its number in the program's pid
  // namespace: see locate)
  if (!model_path.starts_with("/proc/")) return;
  const std::size_t end = model_path.find('/', 6);
  if (end == std::string::npos) return;
  int pid = 0;
  for (std::size_t i = 6; i < end; ++i) {
    const char c = model_path[i];
    if (c < '0' || c > '9' || pid > 99999999) return;
    pid = pid * 10 + (c - '0');
  }
  process* owner = process_of_path_pid(p, pid);
  if (!owner) return;
  // The program's comm and arguments are the host's, read as they are now
  // (an exec or prctl(PR_SET_NAME) changed them without a word to us).
  auto slurp = [&](const char* entry, std::string& out) {
    char path[64];
    std::snprintf(path, sizeof path, "/proc/%d/%s", owner->tgid, entry);
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    char buf[4096];
    ssize_t n;
    while ((n = ::read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
    ::close(fd);
    return true;
  };
  std::string comm, args;
  if (slurp("comm", comm) && slurp("cmdline", args)) {
    if (!comm.empty() && comm.back() == '\n') comm.pop_back();
    owner->leader->set_comm(comm);
    owner->leader->set_cmdline(std::move(args));
  }
}

reply served_calls::do_write(const seccomp_notif& req, process& p, int fd, std::uint64_t buf,
                             std::uint64_t count, bool vectored, std::string& text) {
  if (!placeholders_.any_writable()) return reply::pass();
  placeholder* open_file = placeholders_.lookup(p.pidfd, fd);
  if (!open_file || !open_file->writable) return reply::pass();
  p.mirror_hint = fd;  // where with_scratch_fd finds the file in the task
  const pid_t tid = static_cast<pid_t>(req.pid);
  // The bytes, gathered from the program's buffer or iovecs.
  std::string data;
  auto take = [&](std::uint64_t addr, std::uint64_t len) {
    std::string part(static_cast<std::size_t>(std::min<std::uint64_t>(len, 1 << 20)), '\0');
    if (!part.empty() && !read_memory(tid, addr, part.data(), part.size())) return false;
    data += part;
    return true;
  };
  if (vectored) {
    if (count > 1024) return reply::fail(EINVAL);  // UIO_MAXIOV
    std::vector<iovec> iov(static_cast<std::size_t>(count));
    if (!iov.empty() && !read_memory(tid, buf, iov.data(), iov.size() * sizeof(iovec))) return reply::fail(EFAULT);
    for (const iovec& v : iov)
      if (!take(reinterpret_cast<std::uint64_t>(v.iov_base), v.iov_len)) return reply::fail(EFAULT);
  } else if (!take(buf, count)) {
    return reply::fail(EFAULT);
  }
  if (!still_valid(req.id)) return reply::pass();
  std::string shown;
  for (char c : data.substr(0, 32)) shown += c == '\n' ? std::string("\\n") : std::string(1, c);
  text = std::to_string(fd) + ", " + quoted(shown + (data.size() > 32 ? "..." : ""));
  auto written = with_scratch_fd(p, open_file->file, [&](int scratch) { return sys_write(*p.t, scratch, data); });
  if (!written) return reply::fail(written.error());
  return reply::ok(static_cast<long>(*written));
}

reply served_calls::do_lseek(const seccomp_notif& req, process& p, int fd, std::int64_t offset,
                             int whence, std::string& text) {
  placeholder* open_file = placeholders_.lookup(p.pidfd, fd);
  if (!open_file || !open_file->seekable || !still_valid(req.id)) return reply::pass();
  text = std::to_string(fd) + ", " + std::to_string(offset) + ", " + std::to_string(whence);
  auto pos = open_file->file->llseek(offset, whence);
  if (!pos) return reply::fail(pos.error());
  // The position is the open file's, which the program's fd shares with
  // a copy taken here.
  const long copy = syscall(SYS_pidfd_getfd, p.pidfd, fd, 0);
  if (copy < 0) return reply::fail(EBADF);
  const off_t moved = ::lseek(static_cast<int>(copy), static_cast<off_t>(*pos), SEEK_SET);
  const int e = errno;
  ::close(static_cast<int>(copy));
  return moved < 0 ? reply::fail(e) : reply::ok(static_cast<long>(moved));
}

reply served_calls::do_readlink(const seccomp_notif& req, process& p, int dirfd,
                                std::uint64_t path_addr, std::uint64_t buf, long size,
                                std::string& text) {
  auto path = read_path(static_cast<pid_t>(req.pid), path_addr);
  if (!path) return reply::pass();
  auto where = locate(p, dirfd, *path);
  if (!where || !still_valid(req.id)) return reply::pass();
  text = quoted(*path);
  result<std::string> target = errc{EINVAL};
  if (where->what == model_path::kind::path) {
    target = sys_readlink(*p.t, where->path);
  } else {
    process* owner = where->host_pid ? known_process(where->host_pid) : &p;
    fs::file_ptr file = owner ? model_file(*owner, where->fd) : nullptr;
    if (!file) return reply::pass();
    target = with_scratch_fd(p, std::move(file), [&](int scratch) {
      return sys_readlink(*p.t, "/proc/self/fd/" + std::to_string(scratch));
    });
  }
  if (!target) return reply::fail(target.error());
  if (size <= 0) return reply::fail(EINVAL);
  const std::size_t n = std::min(target->size(), static_cast<std::size_t>(size));
  if (!write_memory(static_cast<pid_t>(req.pid), buf, target->data(), n)) return reply::fail(EFAULT);
  return reply::ok(static_cast<long>(n));
}

reply served_calls::do_access(const seccomp_notif& req, process& p, int dirfd,
                              std::uint64_t path_addr, int mode, int flags, std::string& text) {
  auto path = read_path(static_cast<pid_t>(req.pid), path_addr);
  if (!path) return reply::pass();
  result<void> r = errc{EBADF};
  if (path->empty()) {
    // faccessat2(fd, "", mode, AT_EMPTY_PATH): the open file itself.
    if (!(flags & AT_EMPTY_PATH)) return reply::pass();
    fs::file_ptr file = model_file(p, dirfd);
    if (!file || !still_valid(req.id)) return reply::pass();
    text = std::to_string(dirfd);
    r = with_scratch_fd(p, std::move(file), [&](int scratch) {
      return sys_faccessat(*p.t, "/proc/self/fd/" + std::to_string(scratch), mode, flags & ~AT_EMPTY_PATH);
    });
  } else {
    auto where = locate(p, dirfd, *path);
    if (!where || !still_valid(req.id)) return reply::pass();
    text = quoted(*path) + ", " + std::to_string(mode);
    if (where->what == model_path::kind::path) {
      r = sys_faccessat(*p.t, where->path, mode, flags);
    } else {
      process* owner = where->host_pid ? known_process(where->host_pid) : &p;
      fs::file_ptr file = owner ? model_file(*owner, where->fd) : nullptr;
      if (!file) return reply::pass();
      r = with_scratch_fd(p, std::move(file), [&](int scratch) {
        return sys_faccessat(*p.t, "/proc/self/fd/" + std::to_string(scratch), mode, flags);
      });
    }
  }
  return r ? reply::ok(0) : reply::fail(r.error());
}

int served_calls::program_proc_dir(process& p, int fd) {
  // Only after the process has listed /proc (ps, lsns): an fd on a host
  // directory costs a readlink to recognise, which every fstat would pay.
  if (!p.listed_proc || p.own_proc) return 0;
  char link[64], target[64];
  std::snprintf(link, sizeof link, "/proc/%d/fd/%d", p.tgid, fd);
  const ssize_t n = ::readlink(link, target, sizeof target - 1);
  if (n <= 6 || std::strncmp(target, "/proc/", 6) != 0) return 0;
  target[n] = '\0';
  char* end = nullptr;
  const long pid = std::strtol(target + 6, &end, 10);
  if (pid <= 0 || *end != '\0') return 0;
  struct stat here {}, ours {};
  if (::stat(link, &here) != 0 || ::stat("/proc", &ours) != 0 || here.st_dev != ours.st_dev) return 0;
  return program_model_pid(static_cast<int>(pid));
}

reply served_calls::do_stat(const seccomp_notif& req, process& p, int dirfd,
                            std::uint64_t path_addr, int flags, std::uint64_t buf, bool statx,
                            std::string& text) {
  const pid_t tid = static_cast<pid_t>(req.pid);
  std::string path;
  if (path_addr) {
    auto read = read_path(tid, path_addr);
    if (!read) return reply::pass();
    path = std::move(*read);
  }
  result<fs::stat_info> st = errc{EBADF};
  if (path.empty()) {
    // fstat, or the *at calls on the fd itself (AT_EMPTY_PATH).
    if (!(flags & AT_EMPTY_PATH)) return reply::pass();
    fs::file_ptr file = model_file(p, dirfd);
    const int program_pid = file ? 0 : program_proc_dir(p, dirfd);
    if (!file && !program_pid) return reply::pass();
    text = std::to_string(dirfd);
    st = file ? file->node()->getattr(p.t->access()) : sys_stat(*p.t, "/proc/" + std::to_string(program_pid));
  } else {
    auto where = locate(p, dirfd, path);
    if (!where) return reply::pass();
    const bool nofollow = (flags & AT_SYMLINK_NOFOLLOW) != 0;
    text = quoted(path);
    if (where->what == model_path::kind::path) {
      st = nofollow ? sys_lstat(*p.t, where->path) : sys_stat(*p.t, where->path);
    } else {
      process* owner = where->host_pid ? known_process(where->host_pid) : &p;
      fs::file_ptr file = owner ? model_file(*owner, where->fd) : nullptr;
      if (!file) return reply::pass();
      st = with_scratch_fd(p, std::move(file), [&](int scratch) {
        const std::string link = "/proc/self/fd/" + std::to_string(scratch);
        return nofollow ? sys_lstat(*p.t, link) : sys_stat(*p.t, link);
      });
    }
  }
  if (!still_valid(req.id)) return reply::pass();
  if (!st) return reply::fail(st.error());
  const user_namespace& ns = *p.t->access().creds->user_ns;
  result<void> w = statx ? [&] {
    struct statx sx = to_statx(*st, ns);
    return write_memory(tid, buf, &sx, sizeof sx);
  }()
                         : [&] {
                             struct stat s = to_stat(*st, ns);
                             return write_memory(tid, buf, &s, sizeof s);
                           }();
  return w ? reply::ok(0) : reply::fail(EFAULT);
}

reply served_calls::do_statfs(const seccomp_notif& req, process& p, int fd, std::uint64_t path_addr,
                              std::uint64_t buf, std::string& text) {
  const pid_t tid = static_cast<pid_t>(req.pid);
  result<fs::statfs_info> info = errc{EBADF};
  if (fd >= 0) {
    fs::file_ptr file = model_file(p, fd);
    if (!file) return reply::pass();
    text = std::to_string(fd);
    info = with_scratch_fd(p, std::move(file), [&](int scratch) { return sys_fstatfs(*p.t, scratch); });
  } else {
    auto path = read_path(tid, path_addr);
    if (!path) return reply::pass();
    auto where = locate(p, AT_FDCWD, *path);
    if (!where) return reply::pass();
    text = quoted(*path);
    if (where->what == model_path::kind::path) {
      info = sys_statfs(*p.t, where->path);
    } else {
      process* owner = where->host_pid ? known_process(where->host_pid) : &p;
      fs::file_ptr file = owner ? model_file(*owner, where->fd) : nullptr;
      if (!file) return reply::pass();
      info = with_scratch_fd(p, std::move(file), [&](int scratch) { return sys_fstatfs(*p.t, scratch); });
    }
  }
  if (!still_valid(req.id)) return reply::pass();
  if (!info) return reply::fail(info.error());
  struct statfs out {};
  out.f_type = info->type;
  out.f_bsize = info->bsize;
  out.f_blocks = info->blocks;
  out.f_bfree = info->bfree;
  out.f_bavail = info->bavail;
  out.f_files = info->files;
  out.f_ffree = info->ffree;
  std::memcpy(&out.f_fsid, info->fsid, sizeof out.f_fsid);
  out.f_namelen = info->namelen;
  out.f_frsize = info->frsize;
  out.f_flags = info->flags;
  if (!write_memory(tid, buf, &out, sizeof out)) return reply::fail(EFAULT);
  return reply::ok(0);
}

}  // namespace netns::exec_detail
