// SPDX-License-Identifier: GPL-2.0-only
// The linux backend, runner side: each scenario task is a process of an
// isolated world (linux_world.hpp) serving requests (linux_task.hpp); this
// file resolves each operation's names (task_names.hpp), sends it to the
// line's task (op_wire.hpp), bounds every wait, and normalizes the results
// exactly as the model backend does.
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <fstream>

#include "linux_wire.hpp"
#include "linux_world.hpp"
#include "netns/tools/backend.hpp"
#include "op_wire.hpp"
#include "outcomes.hpp"
#include "result_lines.hpp"
#include "task_names.hpp"

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
    std::string pid;
    if (!greet(init, pid)) {
      why = "the init task did not start";
      close(init.ctl);
      shutdown();
      return false;
    }
    tasks_.add("init", pid, {}, init);
    return true;
  }

  outcome run(const command& c) override {
    if (dead_) return failed_outcome("the run was stopped");
    cur_ = tasks_.find(c.task);
    if (!cur_) return malformed_outcome("unknown task \"" + c.task + "\"");
    operation op = c.op;  // resolved for this task: the line stays as written
    if (auto why = resolve(op, c.task, tasks_)) {
      cur_ = nullptr;
      return malformed_outcome(*why);
    }
    cur_name_ = c.task;
    stopped_ = false;
    outcome o = std::visit([&](const auto& x) { return perform(x); }, op);
    if (stopped_ && !o.failed) o.interrupted = true;
    cur_ = nullptr;
    if (o.failed) shutdown();
    return o;
  }

  std::vector<std::string> fd_names(const std::string& task) const override {
    return tasks_.open_fds(task);
  }

 private:
  struct proc {
    int ctl = -1;
    int pidfd = -1;
    pid_t host_pid = -1;  // in the runner's pid ns (task_names::pid is the world's)
    // Replies this task still owes for requests whose wait an interrupt
    // ended (see exchange): read and dropped before its next request.
    int owed = 0;
  };
  using task_entry = task_table<proc>::entry;

  // Reads a task's hello: its pid (in the world) and a pidfd.
  bool greet(proc& p, std::string& pid) {
    frame f;
    int pidfd = -1;
    if (linux_wire::recv_frame(p.ctl, f, &pidfd, timeout_ms_) != wire_status::ok || f.size() != 2 ||
        f[0] != "hello" || pidfd < 0) {
      if (pidfd >= 0) close(pidfd);
      return false;
    }
    pid = f[1];
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
  std::optional<frame> request(const frame& req, std::string& why, int* got_fd = nullptr) {
    frame reply;
    const reply_status st =
        exchange(cur_->proc.ctl, cur_->proc.owed, req, reply, got_fd, timeout_ms_, got_fd == nullptr);
    if (st == reply_status::ok && !reply.empty()) return reply;
    if (st == reply_status::interrupted) {
      why = "interrupted";
      return std::nullopt;
    }
    why = st == reply_status::timeout ? "timeout" : "task " + cur_name_ + " died";
    stopped_ = false;  // an interrupt that met a dead task: the run stops
    if (cur_->proc.pidfd >= 0) syscall(SYS_pidfd_send_signal, cur_->proc.pidfd, SIGKILL, nullptr, 0);
    return std::nullopt;
  }

  // Sends `op` to the current task; `on_reply` makes the outcome of its
  // reply.
  template <class Op, class F>
  outcome ask(const Op& op, F&& on_reply) {
    std::string why;
    auto r = request(encode_op(op), why);
    if (!r) return stopped_ ? interrupted_outcome() : failed_outcome(why);
    return on_reply(*r);
  }
  // A reply {"L", line...}: the result lines.
  static outcome from_lines(const frame& r) { return lines_outcome(frame(r.begin() + 1, r.end())); }
  // A reply that is either result lines or {"V", value...} for on_value.
  template <class F>
  static auto values(F on_value) {
    return [on_value](const frame& r) { return r[0] == "L" ? from_lines(r) : on_value(r); };
  }

  // An operation whose reply is its result lines.
  template <class Op>
  outcome perform(const Op& op) {
    return ask(op, from_lines);
  }
  outcome perform(const open_op& o) {
    return ask(o, values([&](const frame& r) {
                 cur_->fds[o.as.name] = std::stoi(r[1]);
                 return line_outcome("ok");
               }));
  }
  outcome perform(const close_op& o) {
    return ask(o, [&](const frame& r) {
      if (!raw_fd_number(o.fd.name)) cur_->fds[o.fd.name] = closed_fd;  // a raw number names nothing
      return from_lines(r);
    });
  }
  outcome perform(const readlink_op& o) {
    return ask(o, values([&](const frame& r) { return line_outcome(results_.link(r[1])); }));
  }
  outcome perform(const getcwd_op& o) {
    return ask(o, values([&](const frame& r) { return line_outcome(results_.link(r[1])); }));
  }
  outcome perform(const stat_op& o) {
    return ask(o, values([&](const frame& r) {
                 if (r[1] == "ino") return line_outcome(results_.nsfs_inode(std::stoull(r[2])));
                 return line_outcome(r[1]);
               }));
  }
  outcome perform(const statfs_op& o) {
    return ask(o, values([&](const frame& r) {
                 if (r.size() < 11) return error_outcome(EPROTO);
                 auto n = [&](std::size_t i) { return std::stoll(r[i]); };
                 return line_outcome(statfs_line({static_cast<long>(n(1)), static_cast<long>(n(2)),
                                                  static_cast<unsigned long long>(n(3)),
                                                  static_cast<unsigned long long>(n(4)),
                                                  static_cast<unsigned long long>(n(5)),
                                                  static_cast<unsigned long long>(n(6)),
                                                  static_cast<unsigned long long>(n(7)), static_cast<long>(n(8)),
                                                  static_cast<long>(n(9)), static_cast<long>(n(10))}));
               }));
  }
  outcome perform(const ioctl_op& o) {
    return ask(o, values([&](const frame& r) {
                 if (r[1] == "id") return line_outcome(results_.ns_id(std::stoull(r[2])));
                 cur_->fds[o.as->name] = std::stoi(r[2]);  // NS_GET_USERNS/PARENT ... as FD2
                 return line_outcome("ok");
               }));
  }
  // {"V", "pid", N, 1 for a pid of the world's root pid namespace}
  outcome perform(const ioctl_pid_op& o) {
    return ask(o, values([&](const frame& r) { return line_outcome(results_.pid(r[2], r[3] == "1")); }));
  }
  outcome perform(const getpid_op& o) {
    return ask(o, values([&](const frame& r) { return line_outcome(results_.pid(r[2], r[3] == "1")); }));
  }
  outcome perform(const pidfd_op& o) {
    return ask(o, values([&](const frame& r) {
                 cur_->fds[o.as.name] = std::stoi(r[1]);
                 return line_outcome("ok");
               }));
  }
  outcome perform(const cat_op& o) {
    return ask(o, values([&](const frame& r) { return lines_outcome(results_.content(r[1])); }));
  }
  outcome perform(const mounts_op& o) {
    return ask(o, values([&](const frame& r) {
                 return lines_outcome(results_.mounts(r[1], o.path.resolved));
               }));
  }
  outcome perform(const mountinfo_op& o) {
    return ask(o, values([&](const frame& r) {
                 return lines_outcome(results_.mountinfo(r[1], o.path.resolved));
               }));
  }
  outcome perform(const mtab_op& o) {
    return ask(o, values([&](const frame& r) {
                 return lines_outcome(results_.mtab(r[1], o.path.resolved));
               }));
  }
  outcome perform(const ls_op& o) {
    return ask(o, values([&](const frame& r) {
                 return lines_outcome(results_.listing(frame(r.begin() + 1, r.end()), o.path.resolved));
               }));
  }
  outcome perform(const ip_op& o) {
    return ask(o, values([&](const frame& r) {
                 // V pid status nout out... err...
                 const auto nout = static_cast<std::ptrdiff_t>(std::stoul(r[3]));
                 std::vector<std::string> out(r.begin() + 4, r.begin() + 4 + nout);
                 std::vector<std::string> err(r.begin() + 4 + nout, r.end());
                 return lines_outcome(results_.ip(o.args.resolved, out, err, std::stoi(r[2]), r[1]));
               }));
  }
  outcome perform(const exec_op& o) {
    return ask(o, values([&](const frame& r) {
                 // V pid status nout out... err...
                 const auto nout = static_cast<std::ptrdiff_t>(std::stoul(r[3]));
                 std::vector<std::string> out(r.begin() + 4, r.begin() + 4 + nout);
                 std::vector<std::string> err(r.begin() + 4 + nout, r.end());
                 return lines_outcome(results_.program(out, err, std::stoi(r[2])));
               }));
  }
  outcome perform(const settle_op& o) {
    // P1 answers; its two sentinel waits are bounded on its side.
    frame reply;
    const reply_status st = exchange(world_.p1, p1_owed_, encode_op(o), reply, nullptr,
                                     2 * linux_world::settle_round_ms + timeout_ms_, true);
    if (st == reply_status::interrupted) return interrupted_outcome();
    if (st != reply_status::ok || reply.size() != 2 || reply[1] != "ok") return failed_outcome("timeout");
    return line_outcome("ok");
  }

  outcome perform(const spawn_op& o) {
    std::string why;
    int child_ctl = -1;
    auto r = request(encode_op(o), why, &child_ctl);
    if (!r) {
      if (child_ctl >= 0) close(child_ctl);
      return failed_outcome(why);
    }
    if ((*r)[0] == "L") return from_lines(*r);
    proc child;
    child.ctl = child_ctl;
    std::string pid;
    if (child.ctl < 0 || !greet(child, pid)) {
      if (child.ctl >= 0) close(child.ctl);
      return failed_outcome("timeout");
    }
    // The fd table is copied: same numbers, same names.
    tasks_.add(o.name, pid, cur_->fds, child);
    return line_outcome("ok");
  }

  // The task exits; "ok" once the kernel has made it a zombie, which is
  // after it dropped its namespaces (exit_task_namespaces comes before
  // exit_notify), so a `settle` after this sees its namespaces' deaths;
  // and once it has been reaped.
  outcome perform(const exit_op& o) {
    proc& p = cur_->proc;
    (void)linux_wire::send_frame(p.ctl, encode_op(o));
    pollfd pf{p.pidfd, POLLIN, 0};
    bool gone = poll(&pf, 1, timeout_ms_) > 0;
    // Then until its parent (a task, or P1 for an orphan) has reaped it:
    // the model's task is gone from /proc at once.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms_);
    while (gone && p.host_pid > 0 && kill(p.host_pid, 0) == 0) {
      if (std::chrono::steady_clock::now() >= deadline) {
        gone = false;
        break;
      }
      usleep(200);
    }
    if (!gone) {
      syscall(SYS_pidfd_send_signal, p.pidfd, SIGKILL, nullptr, 0);
      return failed_outcome("timeout");
    }
    close(p.ctl);
    close(p.pidfd);
    tasks_.erase(cur_name_);
    cur_ = nullptr;
    return line_outcome("ok");
  }

  void shutdown() {
    for (auto& [name, t] : tasks_) {
      if (t.proc.ctl >= 0) close(t.proc.ctl);
      if (t.proc.pidfd >= 0) close(t.proc.pidfd);
    }
    tasks_.clear();
    linux_world::stop(world_, 5000);
    dead_ = true;
  }

  int timeout_ms_;
  linux_world::world world_;
  task_table<proc> tasks_;
  result_normalizer results_{tasks_.pids()};
  task_entry* cur_ = nullptr;
  std::string cur_name_;
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
