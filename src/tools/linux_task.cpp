// SPDX-License-Identifier: GPL-2.0-only
#include "linux_task.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/netlink.h>
#include <linux/nsfs.h>
#include <linux/rtnetlink.h>
#include <poll.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "linux_serve.hpp"
#include "linux_wire.hpp"
#include "netns/exec/supervisor.hpp"
#include "netns/base/result.hpp"
#include "nl_exchange.hpp"
#include "op_wire.hpp"
#include "result_lines.hpp"

namespace netns::tools::linux_task {

namespace {

using linux_wire::frame;

constexpr long NSFS_MAGIC_ = 0x6e736673;
constexpr long PROC_SUPER_MAGIC_ = 0x9fa0;
constexpr int SOL_NETLINK_ = 270;
constexpr std::size_t cat_limit = 1u << 20;  // /dev/zero is not a scenario's business
// PIDFD_GET_PID_NAMESPACE, _IO(0xFF, 5) (Linux 6.11; not in older
// linux/pidfd.h): an fd on the pid namespace the pidfd's process lives in.
constexpr unsigned long PIDFD_GET_PID_NAMESPACE_ = 0xff05;

frame lines(std::vector<std::string> v) {
  v.insert(v.begin(), "L");
  return v;
}
frame line(std::string s) { return {"L", std::move(s)}; }
frame error(int e) { return line(std::string("error ") + errno_name(e)); }
frame status(int rc) { return rc < 0 ? error(errno) : line("ok"); }
frame value(std::vector<std::string> v) {
  v.insert(v.begin(), "V");
  return v;
}

struct task_state {
  int ctl = -1;
  int monitor = -1;  // the `monitor nsid` socket, or -1
  std::uint32_t seq = 0;  // of the last `nl` request (a spawned task goes on from its parent's)
  // The world's root pid namespace (init's, opened when init starts; a
  // spawned task inherits it), parked high: the runner names tasks by
  // their pids there, and its pid translations turn them into the pids a
  // task in a pid namespace the scenario made sees.
  int world_pidns = -1;
};

// Whether `fd` is a file of the same namespace as `other` (an nsfs inode).
bool same_file(int fd, int other) {
  struct stat a, b;
  return fstat(fd, &a) == 0 && fstat(other, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

// Whether this process lives in the world's root pid namespace. Asked
// through a pidfd of itself rather than /proc/self/ns/pid: a scenario may
// mount a proc that does not show this process.
bool in_world_pidns(const task_state& st) {
  const int self = static_cast<int>(syscall(SYS_pidfd_open, getpid(), 0));
  if (self < 0) return false;
  const int ns = ioctl(self, PIDFD_GET_PID_NAMESPACE_, 0);
  close(self);
  if (ns < 0) return false;
  const bool same = same_file(ns, st.world_pidns);
  close(ns);
  return same;
}

// The pid of the world's pid `world` as this process sees it; 0 (no pid
// at all) when it has none here (a task outside this process's pid
// namespace).
long own_pid_of(const task_state& st, std::uint32_t world) {
  const long r = ioctl(st.world_pidns, ns_get_pid_from_pidns, static_cast<unsigned long>(world));
  return r < 0 ? 0 : r;
}

// This process's pid in the world's root pid namespace (its getpid() when
// it lives there).
pid_t world_pid(const task_state& st) {
  const long r = ioctl(st.world_pidns, ns_get_pid_in_pidns, static_cast<unsigned long>(getpid()));
  return r > 0 ? static_cast<pid_t>(r) : getpid();
}

// Reads a whole file (at most cat_limit bytes).
frame cat(const std::string& path) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return error(errno);
  std::string all;
  char buf[65536];
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int e = errno;
      close(fd);
      return error(e);
    }
    if (n == 0) break;
    all.append(buf, static_cast<std::size_t>(n));
    if (all.size() >= cat_limit) break;
  }
  close(fd);
  return value({all});
}

// `ls`: the names in a directory. The directory's fd is parked high, and
// in a /proc fd or fdinfo listing the harness's own fds (the control
// socket, this listing's fd: all at ctl_fd_min or above) are left out;
// the scenario knows only its own fds.
frame ls(const std::string& path) {
  int fd = park_fd(open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd < 0) return error(errno);
  DIR* d = fdopendir(fd);
  if (!d) {
    const int e = errno;
    close(fd);
    return error(e);
  }
  struct statfs fs;
  const bool proc = fstatfs(fd, &fs) == 0 && fs.f_type == PROC_SUPER_MAGIC_;
  const std::string base = path.substr(path.find_last_of('/') + 1);
  const bool fd_listing = proc && (base == "fd" || base == "fdinfo");
  std::vector<std::string> names;
  errno = 0;
  while (dirent* e = readdir(d)) {
    if (fd_listing && std::strtol(e->d_name, nullptr, 10) >= ctl_fd_min) continue;
    names.emplace_back(e->d_name);
  }
  const int e = errno;
  closedir(d);
  if (e) return error(e);
  return value(std::move(names));
}

frame write_text(const write_op& o) {
  int fd = open(o.path.resolved.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return error(errno);
  if (o.at && lseek(fd, static_cast<off_t>(*o.at), SEEK_SET) < 0) {
    const int e = errno;
    close(fd);
    return error(e);
  }
  const std::string data = o.text + "\n";
  ssize_t n = write(fd, data.data(), data.size());
  const int e = errno;
  close(fd);
  return n < 0 ? error(e) : line("ok");
}

frame stat_path(const std::string& path) {
  struct stat st;
  if (stat(path.c_str(), &st) < 0) return error(errno);
  struct statfs fs;
  if (statfs(path.c_str(), &fs) == 0 && fs.f_type == NSFS_MAGIC_) return value({"ino", std::to_string(st.st_ino)});
  return value({S_ISDIR(st.st_mode) ? "dir" : "file"});
}

// The fd a scenario's fd number stands for. The harness's own fds (the
// control socket, ...) sit at ctl_fd_min and above, where no scenario fd
// is (fds are numbered lowest first): a raw number there (`close 900`)
// gets -1, the bad fd the task has in the world the scenario sees, as on
// the model, instead of reaching the harness's socket.
int scenario_fd(const fd_arg& f) { return f.number < ctl_fd_min ? f.number : -1; }

frame ioctl_ns(const ioctl_op& o) {
  const int fd = scenario_fd(o.fd);
  switch (o.request) {
    case NS_GET_NSTYPE: {
      int r = ioctl(fd, NS_GET_NSTYPE);
      if (r < 0) return error(errno);
      return line(hex_line(static_cast<unsigned>(r)));
    }
    case NS_GET_OWNER_UID: {
      uid_t uid = 0;
      if (ioctl(fd, NS_GET_OWNER_UID, &uid) < 0) return error(errno);
      return line("uid " + std::to_string(uid));
    }
    case ns_get_id:
    case ns_get_mntns_id: {  // the same id, of a mount namespace only
      std::uint64_t id = 0;
      if (ioctl(fd, o.request, &id) < 0) return error(errno);
      return value({"id", std::to_string(id)});
    }
  }
  const int r = ioctl(fd, o.request, 0UL);
  if (r < 0) return error(errno);
  // A raw request (argument 0): ok for 0, else the number it returned.
  if (o.request != NS_GET_USERNS && o.request != NS_GET_PARENT)
    return line(r == 0 ? "ok" : std::to_string(r));
  // NS_GET_USERNS, NS_GET_PARENT: a new fd
  if (o.as) return value({"fd", std::to_string(r)});
  close(r);
  return line("ok");
}

// A pid request about a task: {"V", "pid", N, 1 when N is a pid of the
// world's root pid namespace}. The argument is the task's pid as this
// process sees it (IN_PIDNS) or as FD's namespace sees it (FROM_PIDNS,
// found by IN_PIDNS); 0 where it has none, which the kernel answers with
// ESRCH after its own checks of FD (EBADF, ENOTTY, EINVAL).
frame ioctl_pid(const task_state& st, const ioctl_pid_op& o) {
  const int fd = scenario_fd(o.fd);
  const bool from = o.request == ns_get_pid_from_pidns || o.request == ns_get_tgid_from_pidns;
  long arg = own_pid_of(st, o.task.pid);
  if (from && arg > 0) arg = std::max(0, ioctl(fd, ns_get_pid_in_pidns, static_cast<unsigned long>(arg)));
  const long r = ioctl(fd, o.request, static_cast<unsigned long>(arg));
  if (r < 0) return error(errno);
  // FROM_PIDNS answers in this process's namespace, IN_PIDNS in FD's.
  const bool root = from ? in_world_pidns(st) : same_file(fd, st.world_pidns);
  return value({"pid", std::to_string(r), root ? "1" : "0"});
}

// capset with the bits of `caps` gone from the effective, permitted and
// inheritable sets (64 bits: the two 32-bit halves of version 3).
frame caps_drop(std::uint64_t caps) {
  __user_cap_header_struct hdr{_LINUX_CAPABILITY_VERSION_3, 0};
  __user_cap_data_struct data[2]{};
  if (syscall(SYS_capget, &hdr, data) < 0) return error(errno);
  for (int i = 0; i < 2; ++i) {
    const auto keep = ~static_cast<std::uint32_t>(caps >> (32 * i));
    data[i].effective &= keep;
    data[i].permitted &= keep;
    data[i].inheritable &= keep;
  }
  return status(static_cast<int>(syscall(SYS_capset, &hdr, data)));
}

frame hostname(const std::optional<std::string>& name) {
  if (name) return status(sethostname(name->data(), name->size()));
  struct utsname u;
  if (uname(&u) < 0) return error(errno);
  return line(u.nodename);
}

// Waits for `fd` to be readable until `deadline`; false when it passed.
bool readable(int fd, std::chrono::steady_clock::time_point deadline) {
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline -
                                                                      std::chrono::steady_clock::now());
    if (left.count() < 0) return false;
    pollfd p{fd, POLLIN, 0};
    int r = poll(&p, 1, static_cast<int>(left.count()));
    if (r > 0) return true;
    if (r == 0 || errno != EINTR) return false;
  }
}

// `nl`: a fresh NETLINK_ROUTE socket in the current netns, one request,
// the whole reply (read 32 KiB at a time, as the model reads it).
template <class Op>
frame nl(task_state& st, const Op& o) {
  const std::vector<std::uint8_t> bytes = nl_request(o, ++st.seq);
  int s = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
  if (s < 0) return error(errno);
  int one = 1;
  (void)setsockopt(s, SOL_NETLINK_, NETLINK_EXT_ACK, &one, sizeof one);
  if (nl_strict(o)) (void)setsockopt(s, SOL_NETLINK_, NETLINK_GET_STRICT_CHK, &one, sizeof one);
  if (nl_capack(o)) (void)setsockopt(s, SOL_NETLINK_, NETLINK_CAP_ACK, &one, sizeof one);
  sockaddr_nl kernel{};
  kernel.nl_family = AF_NETLINK;
  if (sendto(s, bytes.data(), bytes.size(), 0, reinterpret_cast<sockaddr*>(&kernel), sizeof kernel) < 0) {
    const int e = errno;
    close(s);
    return error(e);
  }
  nl_reply_lines reply(bytes);
  std::vector<std::uint8_t> buf(32768);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  for (;;) {
    if (!readable(s, deadline)) break;  // no reply at all
    ssize_t n = recv(s, buf.data(), buf.size(), MSG_DONTWAIT);
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      break;
    }
    if (reply.feed({buf.data(), static_cast<std::size_t>(n)})) break;
  }
  close(s);
  return lines(std::move(reply.lines));
}

// nl raw: rtnetlink handles a request inside sendto, so every reply is
// queued when it returns; a dump's next part is made by each recv. Reading
// without waiting until nothing is left reads them all.
frame nl_raw(const nl_raw_op& o) {
  int s = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
  if (s < 0) return error(errno);
  int one = 1;
  (void)setsockopt(s, SOL_NETLINK_, NETLINK_EXT_ACK, &one, sizeof one);
  sockaddr_nl kernel{};
  kernel.nl_family = AF_NETLINK;
  if (sendto(s, o.bytes.data(), o.bytes.size(), 0, reinterpret_cast<sockaddr*>(&kernel), sizeof kernel) < 0) {
    const int e = errno;
    close(s);
    return error(e);
  }
  std::vector<std::string> out;
  std::vector<std::uint8_t> buf(65536);
  for (;;) {
    ssize_t n = recv(s, buf.data(), buf.size(), MSG_DONTWAIT);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    decode_raw_replies({buf.data(), static_cast<std::size_t>(n)}, out);
  }
  close(s);
  return lines(std::move(out));
}

frame monitor(task_state& st) {
  if (st.monitor >= 0) return line("ok");
  int s = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
  if (s < 0) return error(errno);
  sockaddr_nl self{};
  self.nl_family = AF_NETLINK;
  (void)bind(s, reinterpret_cast<sockaddr*>(&self), sizeof self);
  int group = RTNLGRP_NSID;
  if (setsockopt(s, SOL_NETLINK_, NETLINK_ADD_MEMBERSHIP, &group, sizeof group) < 0) {
    const int e = errno;
    close(s);
    return error(e);
  }
  st.monitor = s;
  return line("ok");
}

// `events N`: what the monitor holds, waiting up to 2 s for at least N.
frame events(task_state& st, std::size_t want) {
  std::vector<std::string> out;
  if (st.monitor < 0) return lines({});
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  std::vector<std::uint8_t> buf(32768);
  for (;;) {
    for (;;) {
      ssize_t n = recv(st.monitor, buf.data(), buf.size(), MSG_DONTWAIT);
      if (n < 0) {
        if (errno == ENOBUFS) {
          out.push_back("error ENOBUFS");
          continue;
        }
        if (errno == EINTR) continue;
        break;
      }
      decode_nsid_events({buf.data(), static_cast<std::size_t>(n)}, out);
    }
    if (out.size() >= want || !readable(st.monitor, deadline)) break;
  }
  return lines(std::move(out));
}

// A program as a child of this task, in a clean environment; stdout and
// stderr captured. `path`: the file to run (nullptr: argv[0] on PATH).
frame run_program(const char* path, std::vector<std::string> args) {
  int out[2], err[2];
  if (pipe2(out, O_CLOEXEC) < 0) return error(errno);
  if (pipe2(err, O_CLOEXEC) < 0) {
    const int e = errno;
    close(out[0]);
    close(out[1]);
    return error(e);
  }
  // High numbers: the scenario's fds keep theirs, and dup2 onto 1 and 2
  // below never meets a pipe end already there (which would keep its
  // close-on-exec flag and leave ip without stdout).
  for (int* f : {&out[0], &out[1], &err[0], &err[1]}) *f = park_fd(*f);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  char path_env[] = "PATH=/usr/sbin:/usr/bin:/sbin:/bin";
  // PROGRAM on that PATH, found here: execvpe would search this process's.
  std::string found;
  if (!path) {
    auto p = find_program(args.front(), {path_env});
    if (!p) {  // as a shell reports a program it cannot run
      const int code = p.code() == errc{EACCES} ? 126 : 127;
      return value({"0", std::to_string(code), "0"});
    }
    found = std::move(*p);
    path = found.c_str();
  }
  char lang_env[] = "LC_ALL=C";
  char* envp[] = {path_env, lang_env, nullptr};
  pid_t pid = fork();
  if (pid < 0) {
    const int e = errno;
    for (int f : {out[0], out[1], err[0], err[1]}) close(f);
    return error(e);
  }
  if (pid == 0) {
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);  // ip gets the default signal mask
    // The task process has no fd 0, so /dev/null may land there itself:
    // dup2 onto the same number keeps the close-on-exec flag, so clear it.
    int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (null == 0)
      (void)fcntl(0, F_SETFD, 0);
    else if (null > 0)
      dup2(null, 0);
    dup2(out[1], 1);
    dup2(err[1], 2);
    execve(path, argv.data(), envp);
    _exit(127);
  }
  close(out[1]);
  close(err[1]);
  std::string text[2];
  pollfd p[2] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}};
  int open_pipes = 2;
  while (open_pipes > 0) {
    if (poll(p, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (p[i].fd < 0 || !p[i].revents) continue;
      char buf[4096];
      ssize_t n = read(p[i].fd, buf, sizeof buf);
      if (n > 0) {
        text[i].append(buf, static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        close(p[i].fd);
        p[i].fd = -1;
        --open_pipes;
      }
    }
  }
  int ws = 0;
  while (waitpid(pid, &ws, 0) < 0 && errno == EINTR) {
  }
  const int code = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
  auto o = split_lines(text[0]), e = split_lines(text[1]);
  frame v{std::to_string(pid), std::to_string(code), std::to_string(o.size())};
  v.insert(v.end(), o.begin(), o.end());
  v.insert(v.end(), e.begin(), e.end());
  return value(std::move(v));
}

// Sends {"hello", PID} with a pidfd of this process on `st.ctl`; PID in
// the world's root pid namespace, also for a task in a pid namespace the
// scenario made (where getpid() is another number).
bool hello(const task_state& st) {
  int self = static_cast<int>(syscall(SYS_pidfd_open, getpid(), 0));
  bool ok = linux_wire::send_frame(st.ctl, {"hello", std::to_string(world_pid(st))}, self);
  if (self >= 0) close(self);
  return ok;
}

// `spawn`: fork; the child serves a new control socket, handed to the
// runner with the reply. True in the child.
bool spawn(task_state& st, frame& reply) {
  int sv[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) {
    reply = error(errno);
    return false;
  }
  const int mine = park_fd(sv[0]), child_end = park_fd(sv[1]);
  if (mine < 0 || child_end < 0) {
    reply = error(EMFILE);
    if (mine >= 0) close(mine);
    if (child_end >= 0) close(child_end);
    return false;
  }
  pid_t pid = fork();
  if (pid < 0) {
    reply = error(errno);
    close(mine);
    close(child_end);
    return false;
  }
  if (pid == 0) {
    close(st.ctl);
    close(mine);
    st.ctl = child_end;
    st.monitor = -1;  // the socket stays open, as a copied fd; the child has no monitor
    return true;
  }
  // The child's hello goes to the runner, which waits for it after this
  // reply, over the socket passed with it.
  (void)linux_wire::send_frame(st.ctl, value({std::to_string(pid)}), mine);
  close(mine);
  close(child_end);
  reply.clear();
  return false;
}

// Each operation with the real system calls, its names resolved by the
// runner. A reply of nullopt: none is due (`spawn` has answered already).
struct performer {
  task_state& st;

  std::optional<frame> operator()(const spawn_op&) {
    frame reply;
    if (spawn(st, reply)) {  // the child: its hello, on its own socket
      if (!hello(st)) _exit(1);
      return std::nullopt;
    }
    if (reply.empty()) return std::nullopt;
    return reply;
  }
  frame operator()(const exit_op&) { _exit(0); }
  frame operator()(const unshare_op& o) { return status(unshare(o.flags)); }
  frame operator()(const setns_op& o) { return status(setns(scenario_fd(o.fd), o.nstype)); }
  frame operator()(const open_op& o) {
    int fd = open(o.path.resolved.c_str(), static_cast<int>(o.flags), 0644);
    if (fd < 0) return error(errno);
    return value({std::to_string(fd)});
  }
  frame operator()(const close_op& o) { return status(close(scenario_fd(o.fd))); }
  frame operator()(const readlink_op& o) {
    char buf[4096];
    ssize_t n = readlink(o.path.resolved.c_str(), buf, sizeof buf);
    if (n < 0) return error(errno);
    return value({std::string(buf, static_cast<std::size_t>(n))});
  }
  frame operator()(const stat_op& o) { return stat_path(o.path.resolved); }
  frame operator()(const statfs_op& o) {
    struct statfs fs;
    if (statfs(o.path.resolved.c_str(), &fs) < 0) return error(errno);
    auto n = [](auto v) { return std::to_string(static_cast<long long>(v)); };
    return value({n(fs.f_type), n(fs.f_bsize), n(fs.f_blocks), n(fs.f_bfree), n(fs.f_bavail), n(fs.f_files),
                  n(fs.f_ffree), n(fs.f_namelen), n(fs.f_frsize), n(fs.f_flags)});
  }
  frame operator()(const ioctl_op& o) { return ioctl_ns(o); }
  frame operator()(const ioctl_pid_op& o) { return ioctl_pid(st, o); }
  frame operator()(const pidfd_op& o) {
    const long pid = own_pid_of(st, o.task.pid);
    if (pid <= 0) return error(ESRCH);  // as pidfd_open answers a pid of no process
    const int fd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
    if (fd < 0) return error(errno);
    return value({std::to_string(fd)});
  }
  frame operator()(const hostname_op& o) { return hostname(o.name); }
  frame operator()(const getpid_op&) {
    return value({"pid", std::to_string(getpid()), in_world_pidns(st) ? "1" : "0"});
  }
  frame operator()(const caps_drop_op& o) { return caps_drop(o.caps); }
  frame operator()(const prctl_dumpable_op& o) { return status(prctl(PR_SET_DUMPABLE, o.on, 0, 0, 0)); }
  frame operator()(const setuid_op& o) { return status(setresuid(o.uid, o.uid, o.uid)); }
  frame operator()(const mkdir_op& o) { return status(mkdir(o.path.resolved.c_str(), 0755)); }
  frame operator()(const touch_op& o) {
    int fd = open(o.path.resolved.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) return error(errno);
    return status(close(fd));
  }
  frame operator()(const rm_op& o) { return status(unlink(o.path.resolved.c_str())); }
  frame operator()(const mount_bind_op& o) {
    const unsigned long flags = MS_BIND | (o.recursive ? MS_REC : 0);
    return status(mount(o.source.resolved.c_str(), o.target.resolved.c_str(), nullptr, flags, nullptr));
  }
  frame operator()(const mount_move_op& o) {
    return status(
        mount(o.source.resolved.c_str(), o.target.resolved.c_str(), nullptr, MS_MOVE, nullptr));
  }
  frame operator()(const mount_propagation_op& o) {
    return status(mount(nullptr, o.path.resolved.c_str(), nullptr, o.flags, nullptr));
  }
  frame operator()(const mount_fs_op& o) {
    return status(
        mount(o.source.c_str(), o.target.resolved.c_str(), o.fstype_name(), o.flags,
              o.data.resolved.empty() ? nullptr : o.data.resolved.c_str()));
  }
  frame operator()(const mount_remount_op& o) {
    return status(mount(nullptr, o.path.resolved.c_str(), nullptr, o.flags,
                        o.data.resolved.empty() ? nullptr : o.data.resolved.c_str()));
  }
  frame operator()(const mountinfo_op&) { return cat("/proc/self/mountinfo"); }
  frame operator()(const mounts_op&) { return cat("/proc/self/mountinfo"); }
  frame operator()(const mtab_op&) { return cat("/proc/self/mounts"); }
  frame operator()(const umount_op& o) { return status(umount2(o.path.resolved.c_str(), MNT_DETACH)); }
  frame operator()(const chroot_op& o) { return status(chroot(o.path.resolved.c_str())); }
  frame operator()(const chdir_op& o) { return status(chdir(o.path.resolved.c_str())); }
  frame operator()(const getcwd_op&) {
    // The system call itself: glibc's getcwd refuses the kernel's
    // "(unreachable)" answer with ENOENT, and the text is what is shown.
    char buf[4096];
    const long n = syscall(SYS_getcwd, buf, sizeof buf);
    if (n < 0) return error(errno);
    return value({std::string(buf)});
  }
  frame operator()(const cat_op& o) { return cat(o.path.resolved); }
  frame operator()(const ls_op& o) { return ls(o.path.resolved); }
  frame operator()(const write_op& o) { return write_text(o); }
  frame operator()(const nl_newnsid_op& o) { return nl(st, o); }
  frame operator()(const nl_getnsid_op& o) { return nl(st, o); }
  frame operator()(const nl_dumpnsid_op& o) { return nl(st, o); }
  frame operator()(const nl_raw_op& o) { return nl_raw(o); }
  frame operator()(const monitor_op&) { return monitor(st); }
  frame operator()(const events_op& o) { return events(st, o.count.value_or(0)); }
  frame operator()(const settle_op&) { return line("error EINVAL"); }  // P1's, not a task's
  frame operator()(const ip_op& o) {
    std::vector<std::string> args{"ip"};
    args.insert(args.end(), o.args.resolved.begin(), o.args.resolved.end());
    return run_program("/usr/sbin/ip", std::move(args));
  }
  frame operator()(const exec_op& o) { return run_program(nullptr, o.args.resolved); }
};

std::optional<frame> handle(task_state& st, const frame& req) {
  std::optional<operation> op = decode_op(req);
  if (!op) return line("error EINVAL");  // a runner bug; answered, never a hang
  return std::visit([&](const auto& o) -> std::optional<frame> { return performer{st}(o); }, *op);
}

}  // namespace

int park_fd(int fd) {
  if (fd < 0) return -1;
  int high = fcntl(fd, F_DUPFD_CLOEXEC, ctl_fd_min);
  close(fd);
  return high;
}

void serve(int ctl) {
  task_state st;
  st.ctl = ctl;
  prctl(PR_SET_NAME, "netns-task");
  // init starts in the world's root pid namespace, with the world's /proc.
  st.world_pidns = park_fd(open("/proc/self/ns/pid", O_RDONLY | O_CLOEXEC));
  const int sig = park_fd(linux_serve::sigchld_fd());
  if (st.world_pidns < 0 || !hello(st)) _exit(1);
  linux_serve::serve(st.ctl, sig, [&](const frame& req) { return handle(st, req); });
}

}  // namespace netns::tools::linux_task
