// SPDX-License-Identifier: GPL-2.0-only
// The linux backend, runner side: each scenario task is a process of an
// isolated world (linux_world.hpp) serving requests (linux_task.hpp); this
// file resolves names, sends each command, bounds every wait, and
// normalizes the results exactly as the model backend does.
#include <linux/sched.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <fstream>
#include <map>

#include "linux_task.hpp"
#include "linux_wire.hpp"
#include "linux_world.hpp"
#include "netns/tools/backend.hpp"
#include "nl_exchange.hpp"
#include "result_lines.hpp"

namespace netns::tools {

namespace {

using linux_wire::frame;
using linux_wire::wire_status;

class linux_backend final : public backend {
 public:
  explicit linux_backend(const linux_options& o) : timeout_ms_(o.timeout_ms) {}
  ~linux_backend() override { shutdown(); }

  bool start(std::string& why) {
    world_ = linux_world::start(why, timeout_ms_);
    if (world_.c < 0) return false;
    proc init;
    init.ctl = world_.init;
    world_.init = -1;
    if (!greet(init)) {
      why = "the init task did not start";
      close(init.ctl);
      shutdown();
      return false;
    }
    pid_names_.add(init.pid, "init");
    tasks_["init"] = std::move(init);
    return true;
  }

  outcome run(const command& c) override {
    if (dead_) return failed("the run was stopped");
    auto it = tasks_.find(c.task);
    if (it == tasks_.end()) return malformed("unknown task \"" + c.task + "\"");
    cur_ = &it->second;
    cur_name_ = c.task;
    stopped_ = false;
    outcome o = dispatch(c);
    if (stopped_ && !o.failed) o.interrupted = true;
    cur_ = nullptr;
    if (o.failed) shutdown();
    return o;
  }

  std::vector<std::string> fd_names(const std::string& task) const override {
    std::vector<std::string> out;
    auto it = tasks_.find(task);
    if (it == tasks_.end()) return out;
    for (const auto& [name, fd] : it->second.fds)
      if (fd != closed_fd) out.push_back(name);
    return out;  // sorted: the map's order
  }

 private:
  struct proc {
    int ctl = -1;
    int pidfd = -1;
    std::string pid;  // in the world's pid ns
    pid_t host_pid = -1;  // in the runner's
    std::map<std::string, int> fds;
    // Replies this task still owes for requests whose wait an interrupt
    // ended (see exchange): read and dropped before its next request.
    int owed = 0;
  };

  static outcome malformed(const std::string& msg) {
    outcome o;
    o.malformed = msg;
    return o;
  }
  static outcome failed(const std::string& msg) {
    outcome o;
    o.failed = msg;
    return o;
  }
  static outcome lines(std::vector<std::string> v) { return outcome{std::move(v), {}, {}}; }
  static outcome interrupted_outcome() {
    outcome o;
    o.interrupted = true;
    return o;
  }
  static outcome one(std::string s) { return lines({std::move(s)}); }

  // Reads a task's hello: its pid and a pidfd.
  bool greet(proc& p) {
    frame f;
    int pidfd = -1;
    if (linux_wire::recv_frame(p.ctl, f, &pidfd, timeout_ms_) != wire_status::ok || f.size() != 2 ||
        f[0] != "hello" || pidfd < 0) {
      if (pidfd >= 0) close(pidfd);
      return false;
    }
    p.pid = f[1];
    p.pidfd = pidfd;
    p.host_pid = host_pid_of(pidfd);
    return true;
  }

  // The pid a pidfd refers to, as the runner sees it (its fdinfo's Pid:).
  static pid_t host_pid_of(int pidfd) {
    std::ifstream in("/proc/self/fdinfo/" + std::to_string(pidfd));
    for (std::string l; std::getline(in, l);)
      if (l.rfind("Pid:", 0) == 0) return static_cast<pid_t>(std::strtol(l.c_str() + 4, nullptr, 10));
    return -1;
  }

  enum class wait_end { ready, timeout, interrupted };

  // Waits until `sock` is readable (a reply, or EOF), at most timeout_ms.
  // With `interruptible`, the interrupt flag ends the wait too: the SIGINT
  // that sets it usually ends the poll at once (EINTR), and the 100 ms
  // slices bound the wait when the flag was set just before the poll.
  wait_end wait_reply(int sock, int timeout_ms, bool interruptible) const {
    using clock = std::chrono::steady_clock;
    const auto deadline = clock::now() + std::chrono::milliseconds(timeout_ms);
    for (;;) {
      if (interruptible && interrupted()) return wait_end::interrupted;
      const long long left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock::now()).count();
      if (left <= 0) return wait_end::timeout;
      pollfd p{sock, POLLIN, 0};
      const int r = poll(&p, 1, static_cast<int>(interruptible ? std::min(left, 100LL) : left));
      if (r > 0) return wait_end::ready;
      if (r < 0 && errno != EINTR) return wait_end::ready;  // recv_frame reports the error
    }
  }

  // One request on `sock` and its reply. The process cannot be interrupted
  // (the world's processes never see the terminal's SIGINT), so an
  // interrupt only ends the runner's wait: the reply still comes, and is
  // owed (`owed`, counted per process) until the next exchange reads and
  // drops it, which keeps every later reply with its own request. Before
  // giving up, a short grace: a program the task runs (ip) does get the
  // terminal's SIGINT and dies, and then its reply is on its way.
  // `interrupted` with stopped_ set and no reply; `ok` with stopped_ set
  // when the reply came in the grace.
  enum class reply_status { ok, timeout, closed, interrupted };
  reply_status exchange(int sock, int& owed, const frame& req, frame& reply, int* got_fd,
                        int timeout_ms, bool interruptible) {
    auto received = [&](frame& f, int* fd) {
      switch (linux_wire::recv_frame(sock, f, fd, timeout_ms)) {
        case wire_status::ok:
          return reply_status::ok;
        case wire_status::timeout:
          return reply_status::timeout;
        default:
          return reply_status::closed;
      }
    };
    while (owed > 0) {
      const wait_end w = wait_reply(sock, timeout_ms, interruptible);
      if (w == wait_end::interrupted) {
        stopped_ = true;
        return reply_status::interrupted;  // this request was not sent
      }
      if (w == wait_end::timeout) return reply_status::timeout;
      frame stale;
      if (auto st = received(stale, nullptr); st != reply_status::ok) return st;
      --owed;
    }
    if (!linux_wire::send_frame(sock, req)) return reply_status::closed;
    const wait_end w = wait_reply(sock, timeout_ms, interruptible);
    if (w == wait_end::timeout) return reply_status::timeout;
    if (w == wait_end::interrupted) {
      stopped_ = true;
      constexpr int grace_ms = 250;
      if (wait_reply(sock, grace_ms, false) != wait_end::ready) {
        ++owed;
        return reply_status::interrupted;
      }
    }
    return received(reply, got_fd);
  }

  // One request to the current task; nullopt after a timeout or a task
  // that died (then `why` says which, and the task is killed), or after an
  // interrupt (stopped_ set; the task lives on). `spawn`, the one request
  // with a passed fd, is not interruptible: its reply brings the new
  // task's socket, which must not be dropped.
  std::optional<frame> ask(const frame& req, std::string& why, int timeout_ms = -1, int* got_fd = nullptr) {
    if (timeout_ms < 0) timeout_ms = timeout_ms_;
    frame reply;
    const reply_status st =
        exchange(cur_->ctl, cur_->owed, req, reply, got_fd, timeout_ms, got_fd == nullptr);
    if (st == reply_status::ok && !reply.empty()) return reply;
    if (st == reply_status::interrupted) {
      why = "interrupted";
      return std::nullopt;
    }
    why = st == reply_status::timeout ? "timeout" : "task " + cur_name_ + " died";
    stopped_ = false;  // an interrupt that met a dead task: the run stops (ASK's failed)
    if (cur_->pidfd >= 0) syscall(SYS_pidfd_send_signal, cur_->pidfd, SIGKILL, nullptr, 0);
    return std::nullopt;
  }

  // The reply's lines when it is {"L", ...}.
  static bool is_lines(const frame& r) { return r[0] == "L"; }
  static outcome from_lines(const frame& r) { return lines(frame(r.begin() + 1, r.end())); }

  std::optional<std::string> path(const std::string& p, std::string& why) {
    return substitute_path(
        p,
        [&](const std::string& name) -> std::optional<std::string> {
          auto it = tasks_.find(name);
          if (it == tasks_.end()) return std::nullopt;
          return it->second.pid;
        },
        [&](const std::string& name) -> std::optional<std::string> {
          auto f = fd(name);
          if (!f) return std::nullopt;
          return std::to_string(*f);
        },
        why);
  }

  // A name's fd number; a closed name stays known, bound to closed_fd, so
  // that using it again reaches the kernel as a bad fd (EBADF).
  std::optional<int> fd(const std::string& name) {
    auto it = cur_->fds.find(name);
    if (it == cur_->fds.end()) return std::nullopt;
    return it->second;
  }
  // Why `open ... as NAME` cannot reuse NAME (it names an open fd), or nullopt.
  std::optional<std::string> open_name(const std::string& name) const {
    auto it = cur_->fds.find(name);
    if (it == cur_->fds.end() || it->second == closed_fd) return std::nullopt;
    return "fd \"" + name + "\" is already open (close it first)";
  }

  std::string pid_name(const std::string& s) const { return pid_names_(s); }

  outcome dispatch(const command& c) {
    const auto& a = c.args;
    const std::string& v = c.verb;
    std::string why;
#define PATH_OR_MALFORMED(var, arg)  \
  auto var##_opt = path(arg, why);   \
  if (!var##_opt) return malformed(why); \
  const std::string& var = *var##_opt
#define NAME_FREE_OR_MALFORMED(name) \
  if (auto why_open = open_name(name)) return malformed(*why_open)
#define FD_OR_MALFORMED(var, arg)                                      \
  auto var##_opt = fd(arg);                                            \
  if (!var##_opt) return malformed("unknown fd \"" + (arg) + "\""); \
  const std::string var = std::to_string(*var##_opt)
#define ASK(var, ...)                                                    \
  auto var##_opt = ask(__VA_ARGS__, why);                                \
  if (!var##_opt) return stopped_ ? interrupted_outcome() : failed(why); \
  const frame& var = *var##_opt

    if (v == "spawn") return spawn(a[0]);
    if (v == "exit") return exit_task(c.task);
    if (v == "unshare") {
      int flags = 0;
      if (a[0].find("net") != std::string::npos) flags |= CLONE_NEWNET;
      if (a[0].find("user") != std::string::npos) flags |= CLONE_NEWUSER;
      ASK(r, {"unshare", std::to_string(flags)});
      return from_lines(r);
    }
    if (v == "setns") {
      FD_OR_MALFORMED(f, a[0]);
      const int type = a[1] == "net" ? CLONE_NEWNET : a[1] == "user" ? CLONE_NEWUSER : 0;
      ASK(r, {"setns", f, std::to_string(type)});
      return from_lines(r);
    }
    if (v == "open") {
      NAME_FREE_OR_MALFORMED(a[2]);
      PATH_OR_MALFORMED(p, a[0]);
      ASK(r, {"open", p});
      if (is_lines(r)) return from_lines(r);
      cur_->fds[a[2]] = std::stoi(r[1]);
      return one("ok");
    }
    if (v == "close") {
      FD_OR_MALFORMED(f, a[0]);
      ASK(r, {"close", f});
      cur_->fds[a[0]] = closed_fd;
      return from_lines(r);
    }
    if (v == "readlink") {
      PATH_OR_MALFORMED(p, a[0]);
      ASK(r, {"readlink", p});
      if (is_lines(r)) return from_lines(r);
      std::string s = norm_.links(r[1]);
      s = pids_to_names(s, [&](const std::string& p) { return pid_name(p); });
      return one(s);
    }
    if (v == "stat") {
      PATH_OR_MALFORMED(p, a[0]);
      ASK(r, {"stat", p});
      if (is_lines(r)) return from_lines(r);
      if (r[1] == "ino") return one("ino " + norm_.ns(std::stoull(r[2])));
      return one(r[1]);
    }
    if (v == "ioctl") {
      if (a.size() == 4) NAME_FREE_OR_MALFORMED(a[3]);
      FD_OR_MALFORMED(f, a[0]);
      ASK(r, {"ioctl", f, a[1], a.size() == 4 ? "keep" : "close"});
      if (is_lines(r)) return from_lines(r);
      if (r[1] == "id") return one(norm_.id(std::stoull(r[2])));
      cur_->fds[a[3]] = std::stoi(r[2]);
      return one("ok");
    }
    if (v == "setuid") {
      ASK(r, {"setuid", a[0]});
      return from_lines(r);
    }
    if (v == "mkdir" || v == "touch" || v == "rm" || v == "umount") {
      PATH_OR_MALFORMED(p, a[0]);
      ASK(r, {v, p});
      return from_lines(r);
    }
    if (v == "mount") {
      PATH_OR_MALFORMED(src, a[1]);
      PATH_OR_MALFORMED(dst, a[2]);
      ASK(r, {"mount", src, dst});
      return from_lines(r);
    }
    if (v == "cat") {
      PATH_OR_MALFORMED(p, a[0]);
      ASK(r, {"cat", p});
      if (is_lines(r)) return from_lines(r);
      std::vector<std::string> out;
      for (auto& l : split_lines(r[1])) out.push_back(norm_.links(l));
      return lines(std::move(out));
    }
    if (v == "ls") {
      PATH_OR_MALFORMED(p, a[0]);
      ASK(r, {"ls", p});
      if (is_lines(r)) return from_lines(r);
      return lines(ls_lines(frame(r.begin() + 1, r.end()), lists_pids(p),
                            [&](const std::string& n) { return pid_name(n); }));
    }
    if (v == "write") {
      PATH_OR_MALFORMED(p, a[0]);
      ASK(r, {"write", p, a[1]});
      return from_lines(r);
    }
    if (v == "nl") {
      nl_request req = build_nl_request(
          a, ++seq_,
          [&](const std::string& name) -> std::optional<std::uint32_t> {
            auto it = tasks_.find(name);
            if (it == tasks_.end()) return std::nullopt;
            return static_cast<std::uint32_t>(std::stoul(it->second.pid));
          },
          [&](const std::string& name) -> std::optional<std::uint32_t> {
            auto f = fd(name);
            if (!f) return std::nullopt;
            return static_cast<std::uint32_t>(*f);
          });
      if (req.malformed) return malformed(*req.malformed);
      ASK(r, {"nl", std::string(req.bytes.begin(), req.bytes.end()), req.dump ? "1" : "0",
              req.strict ? "1" : "0"});
      return from_lines(r);
    }
    if (v == "monitor") {
      ASK(r, {"monitor"});
      return from_lines(r);
    }
    if (v == "events") {
      ASK(r, {"events", a.empty() ? "0" : a[0]});
      return from_lines(r);
    }
    if (v == "settle") {
      // P1 answers; its two sentinel waits are bounded on its side.
      frame reply;
      const reply_status st = exchange(world_.p1, p1_owed_, {"settle"}, reply, nullptr,
                                       2 * linux_world::settle_round_ms + timeout_ms_, true);
      if (st == reply_status::interrupted) return interrupted_outcome();
      if (st != reply_status::ok || reply.size() != 2 || reply[1] != "ok") return failed("timeout");
      return one("ok");
    }
    if (v == "ip") {
      auto args = ip_args_with_pids(a, [&](const std::string& name) -> std::optional<std::string> {
        auto it = tasks_.find(name);
        if (it == tasks_.end()) return std::nullopt;
        return it->second.pid;
      });
      frame req{"ip"};
      req.insert(req.end(), args.begin(), args.end());
      ASK(r, req);
      if (is_lines(r)) return from_lines(r);
      // V pid status nout out... err...
      const std::size_t nout = std::stoul(r[3]);
      std::vector<std::string> out(r.begin() + 4, r.begin() + 4 + static_cast<std::ptrdiff_t>(nout));
      std::vector<std::string> err(r.begin() + 4 + static_cast<std::ptrdiff_t>(nout), r.end());
      return lines(ip_result_lines(args, out, err, std::stoi(r[2]), r[1],
                                   [&](const std::string& p) { return pid_name(p); }));
    }
    return malformed("unknown command \"" + v + "\"");
#undef PATH_OR_MALFORMED
#undef FD_OR_MALFORMED
#undef NAME_FREE_OR_MALFORMED
#undef ASK
  }

  outcome spawn(const std::string& name) {
    std::string why;
    int child_ctl = -1;
    auto r = ask({"spawn"}, why, -1, &child_ctl);
    if (!r) {
      if (child_ctl >= 0) close(child_ctl);
      return failed(why);
    }
    if (is_lines(*r)) return from_lines(*r);
    proc child;
    child.ctl = child_ctl;
    child.fds = cur_->fds;  // the fd table is copied: same numbers, same names
    if (child.ctl < 0 || !greet(child)) {
      if (child.ctl >= 0) close(child.ctl);
      return failed("timeout");
    }
    pid_names_.add(child.pid, name);
    tasks_[name] = std::move(child);
    return one("ok");
  }

  // The task exits; "ok" once the kernel has made it a zombie, which is
  // after it dropped its namespaces (exit_task_namespaces comes before
  // exit_notify), so a `settle` after this sees its namespaces' deaths;
  // and once it has been reaped.
  outcome exit_task(const std::string& name) {
    (void)linux_wire::send_frame(cur_->ctl, {"exit"});
    pollfd p{cur_->pidfd, POLLIN, 0};
    bool gone = poll(&p, 1, timeout_ms_) > 0;
    // Then until its parent (a task, or P1 for an orphan) has reaped it:
    // the model's task is gone from /proc at once.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms_);
    while (gone && cur_->host_pid > 0 && kill(cur_->host_pid, 0) == 0) {
      if (std::chrono::steady_clock::now() >= deadline) {
        gone = false;
        break;
      }
      usleep(200);
    }
    if (!gone) {
      syscall(SYS_pidfd_send_signal, cur_->pidfd, SIGKILL, nullptr, 0);
      return failed("timeout");
    }
    close(cur_->ctl);
    close(cur_->pidfd);
    tasks_.erase(name);
    cur_ = nullptr;
    return one("ok");
  }

  void shutdown() {
    for (auto& [name, p] : tasks_) {
      if (p.ctl >= 0) close(p.ctl);
      if (p.pidfd >= 0) close(p.pidfd);
    }
    tasks_.clear();
    linux_world::stop(world_, 5000);
    dead_ = true;
  }

  int timeout_ms_;
  linux_world::world world_;
  std::map<std::string, proc> tasks_;
  pid_names pid_names_;  // every task's pid, to its name
  proc* cur_ = nullptr;
  std::string cur_name_;
  normalizer norm_;
  std::uint32_t seq_ = 0;
  bool dead_ = false;
  int p1_owed_ = 0;       // P1's owed `settle` replies (see exchange)
  bool stopped_ = false;  // the interrupt flag ended a wait of this command
};

}  // namespace

std::optional<std::string> linux_backend_unavailable() {
  if (geteuid() != 0)
    return std::string("the linux backend needs root: it creates namespaces, mounts and processes "
                       "(run as root, or use --backend model)");
  return std::nullopt;
}

std::unique_ptr<backend> make_linux_backend(const linux_options& o, std::string& why) {
  if (auto no = linux_backend_unavailable()) {
    why = *no;
    return nullptr;
  }
  auto b = std::make_unique<linux_backend>(o);
  if (!b->start(why)) return nullptr;
  return b;
}

}  // namespace netns::tools
