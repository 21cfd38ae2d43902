// SPDX-License-Identifier: GPL-2.0-only
#include "linux_world.hpp"

#include <fcntl.h>
#include <linux/net_namespace.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <string_view>
#include <vector>

#include "linux_serve.hpp"
#include "linux_task.hpp"
#include "linux_wire.hpp"
#include "netns/base/result.hpp"
#include "netns/netlink/reply_reader.hpp"
#include "netns/netlink/wire.hpp"
#include "nl_exchange.hpp"
#include "op_wire.hpp"

namespace netns::tools::linux_world {

namespace {

using linux_wire::frame;
using clock = std::chrono::steady_clock;
constexpr int SOL_NETLINK_ = 270;

// Closes every fd but the ones in `keep` (ascending).
void close_all_but(std::vector<int> keep) {
  std::sort(keep.begin(), keep.end());
  unsigned from = 0;
  for (int k : keep) {
    if (static_cast<unsigned>(k) > from) close_range(from, static_cast<unsigned>(k) - 1, 0);
    from = static_cast<unsigned>(k) + 1;
  }
  close_range(from, ~0u, 0);
}

[[noreturn]] void fail(int ctl, const char* what) {
  (void)linux_wire::send_frame(ctl, {"fail", std::string(what) + ": " + errno_name(errno)});
  _exit(1);
}

// P1's netlink view of its own netns: a request socket and a listener on
// RTNLGRP_NSID, for the settle sentinels.
struct sentinel_sockets {
  int own_ns = -1;  // P1's netns, to return to
  int req = -1;
  int mon = -1;
};

bool open_sentinel_sockets(sentinel_sockets& s) {
  s.own_ns = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
  s.req = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
  s.mon = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, NETLINK_ROUTE);
  if (s.own_ns < 0 || s.req < 0 || s.mon < 0) return false;
  sockaddr_nl self{};
  self.nl_family = AF_NETLINK;
  if (bind(s.mon, reinterpret_cast<sockaddr*>(&self), sizeof self) < 0) return false;
  int group = RTNLGRP_NSID;
  return setsockopt(s.mon, SOL_NETLINK_, NETLINK_ADD_MEMBERSHIP, &group, sizeof group) == 0;
}

// Waits for an RTM_NEWNSID (want_new) or RTM_DELNSID on the monitor and
// returns its nsid (for DELNSID: only `nsid`); -1 when the deadline passed.
int wait_nsid_event(int mon, bool want_new, int nsid, clock::time_point deadline) {
  std::vector<std::uint8_t> buf(16384);
  for (;;) {
    ssize_t n = recv(mon, buf.data(), buf.size(), 0);
    if (n > 0) {
      std::optional<int> found;
      // Notifications: no sequence number or port of ours to check.
      (void)netlink::cb_run({buf.data(), static_cast<std::size_t>(n)}, 0, 0, [&](const nlmsghdr* h) {
        if (h->nlmsg_type != (want_new ? RTM_NEWNSID : RTM_DELNSID)) return true;
        const int id = nsid_of(h);
        if (!want_new && id != nsid) return true;
        found = id;
        return false;
      });
      if (found) return *found;
      continue;
    }
    if (n < 0 && errno != EAGAIN && errno != EINTR && errno != ENOBUFS) return -1;
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock::now()).count();
    if (left <= 0) return -1;
    pollfd p{mon, POLLIN, 0};
    (void)poll(&p, 1, static_cast<int>(left));
  }
}

// One sentinel: a new netns, an nsid for it in P1's netns, its last
// reference dropped, and its RTM_DELNSID awaited. cleanup_net emits the
// DELNSID before it runs any exit method of the batch the sentinel is in,
// and every netns whose last reference went before the sentinel's is in
// that batch or an earlier one (one ordered work item takes them all).
bool settle_sentinel(sentinel_sockets& s, std::uint32_t seq) {
  const auto deadline = clock::now() + std::chrono::milliseconds(settle_round_ms);
  if (unshare(CLONE_NEWNET) < 0) return false;
  int sentinel = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
  if (setns(s.own_ns, CLONE_NEWNET) < 0) _exit(1);  // P1 must not stay in the sentinel
  if (sentinel < 0) return false;
  netlink::nl_builder b;
  b.put_header(RTM_NEWNSID, NLM_F_REQUEST | NLM_F_ACK, seq, 0);
  b.put_rtgenmsg(AF_UNSPEC);
  b.put_s32(NETNSA_NSID, -1);
  b.put_u32(NETNSA_FD, static_cast<std::uint32_t>(sentinel));
  auto bytes = b.finish();
  bool acked = send(s.req, bytes.data(), bytes.size(), 0) == static_cast<ssize_t>(bytes.size());
  if (acked) {  // the ACK; the id comes as NEWNSID
    netlink::reply_reader reply(bytes);
    std::vector<std::uint8_t> ack(4096);
    const ssize_t n = recv(s.req, ack.data(), ack.size(), 0);
    acked = n > 0 && reply.feed({ack.data(), static_cast<std::size_t>(n)}) == netlink::walk::done;
  }
  const int nsid = acked ? wait_nsid_event(s.mon, true, -1, deadline) : -1;
  close(sentinel);  // the last reference: the sentinel goes to cleanup
  return nsid >= 0 && wait_nsid_event(s.mon, false, nsid, deadline) == nsid;
}

[[noreturn]] void p1_main(int ctl, int init_ctl) {
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  prctl(PR_SET_NAME, "netns-p1");
  if (mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr) < 0) fail(ctl, "mount /proc");
  // Blocked before the fork: a SIGCHLD that comes before the signalfd
  // exists stays pending for it, and its child is reaped.
  linux_serve::block_sigchld();
  pid_t init = fork();
  if (init < 0) fail(ctl, "fork");
  if (init == 0) {
    close_all_but({init_ctl});
    linux_task::serve(init_ctl);
  }
  close(init_ctl);
  const int sig = linux_serve::sigchld_fd();
  if (unshare(CLONE_NEWNET) < 0) fail(ctl, "unshare(CLONE_NEWNET) for P1");
  sentinel_sockets s;
  if (sig < 0 || !open_sentinel_sockets(s)) fail(ctl, "settle sockets");
  (void)linux_wire::send_frame(ctl, {"ready"});
  std::uint32_t seq = 0;
  linux_serve::serve(ctl, sig, [&](const frame& req) -> std::optional<frame> {
    std::optional<operation> op = decode_op(req);
    if (!op || !std::holds_alternative<settle_op>(*op)) return std::nullopt;
    const bool ok = settle_sentinel(s, ++seq) && settle_sentinel(s, ++seq);
    return frame{"L", ok ? "ok" : "error ETIMEDOUT"};
  });
}

[[noreturn]] void c_main(pid_t runner, int p1_end, int init_end) {
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != runner) _exit(1);
  prctl(PR_SET_NAME, "netns-world");
  const int ctl = linux_task::park_fd(p1_end);
  const int init_ctl = linux_task::park_fd(init_end);
  // Nothing of the runner's stays open here: not its terminal, not its pipes.
  close_all_but({ctl, init_ctl});
  int null = open("/dev/null", O_RDWR);
  if (null >= 0) {
    dup2(null, 1);
    dup2(null, 2);
  }
  // Every namespace type but user, so that a scenario changes nothing of
  // the host's (its hostname, its SysV IPC objects) and every run starts
  // the same: the cgroup namespace's root is this process's cgroup (a
  // scenario reads /proc/self/cgroup as 0::/); the pid and time namespaces
  // are those of the children, P1 and init, forked below.
  constexpr int isolated = CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWPID | CLONE_NEWUTS | CLONE_NEWIPC |
                           CLONE_NEWCGROUP | clone_newtime;
  if (unshare(isolated) < 0) fail(ctl, "unshare(CLONE_NEWNS|NET|PID|UTS|IPC|CGROUP|TIME)");
  // The names a kernel boots with (and the model's), not the host's.
  constexpr std::string_view boot_name = "(none)";
  if (sethostname(boot_name.data(), boot_name.size()) < 0) fail(ctl, "sethostname");
  if (setdomainname(boot_name.data(), boot_name.size()) < 0) fail(ctl, "setdomainname");
  if (mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) < 0) fail(ctl, "make / private");
  // Every task starts at the root, as the model's do (they never chdir):
  // /proc/PID/cwd does not depend on where the runner was started.
  if (chdir("/") < 0) fail(ctl, "chdir /");
  if (mount("tmpfs", "/run", "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755") < 0) fail(ctl, "mount tmpfs on /run");
  if (mkdir("/run/netns", 0755) < 0) fail(ctl, "mkdir /run/netns");
  pid_t p1 = fork();
  if (p1 < 0) fail(ctl, "fork");
  if (p1 == 0) {
    if (null >= 0) close(null);
    p1_main(ctl, init_ctl);
  }
  close(ctl);
  close(init_ctl);
  while (waitpid(p1, nullptr, 0) < 0 && errno == EINTR) {
  }
  _exit(0);
}

}  // namespace

world start(std::string& why, int timeout_ms) {
  world w;
  int p1sv[2], initsv[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, p1sv) < 0) {
    why = std::string("socketpair: ") + errno_name(errno);
    return w;
  }
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, initsv) < 0) {
    why = std::string("socketpair: ") + errno_name(errno);
    close(p1sv[0]);
    close(p1sv[1]);
    return w;
  }
  const pid_t runner = getpid();
  pid_t c = fork();
  if (c == 0) {
    close(p1sv[0]);
    close(initsv[0]);
    c_main(runner, p1sv[1], initsv[1]);
  }
  close(p1sv[1]);
  close(initsv[1]);
  if (c < 0) {
    why = std::string("fork: ") + errno_name(errno);
    close(p1sv[0]);
    close(initsv[0]);
    return w;
  }
  w.c = c;
  w.p1 = p1sv[0];
  w.init = initsv[0];
  frame f;
  auto st = linux_wire::recv_frame(w.p1, f, nullptr, timeout_ms);
  if (st != linux_wire::wire_status::ok || f.empty() || f[0] != "ready") {
    why = st == linux_wire::wire_status::timeout ? "the isolated world did not start in time"
          : f.size() == 2 && f[0] == "fail"    ? "cannot isolate the run: " + f[1]
                                               : "the isolated world failed to start";
    stop(w, 0);
    w.c = -1;
  }
  return w;
}

void stop(world& w, int grace_ms) {
  if (w.init >= 0) close(w.init);
  if (w.p1 >= 0) close(w.p1);  // P1 reads EOF and exits; the kernel ends its pid ns
  w.init = w.p1 = -1;
  if (w.c < 0) return;
  int pidfd = static_cast<int>(syscall(SYS_pidfd_open, w.c, 0));
  pollfd p{pidfd, POLLIN, 0};
  if (pidfd < 0 || poll(&p, 1, grace_ms) <= 0) kill(w.c, SIGKILL);  // P1 follows (PDEATHSIG)
  if (pidfd >= 0) close(pidfd);
  while (waitpid(w.c, nullptr, 0) < 0 && errno == EINTR) {
  }
  w.c = -1;
}

}  // namespace netns::tools::linux_world
