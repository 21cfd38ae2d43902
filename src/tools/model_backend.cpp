// SPDX-License-Identifier: GPL-2.0-only
// The model backend: each operation as system calls of a task of a
// `machine`, its names resolved as the linux backend resolves them
// (task_names.hpp), its results normalized as that backend normalizes
// them (result_lines.hpp).
#include <fcntl.h>
#include <linux/netlink.h>
#include <linux/nsfs.h>
#include <linux/rtnetlink.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <fstream>
#include <thread>

#include "netns/base/scope_exit.hpp"
#include "netns/exec/supervisor.hpp"
#include "netns/machine/machine.hpp"
#include "netns/netlink/socket.hpp"
#include "netns/core/pid_namespace.hpp"
#include "netns/fs/nsfs.hpp"
#include "netns/task/pidfd.hpp"
#include "netns/task/syscalls.hpp"
#include "netns/tools/backend.hpp"
#include "nl_exchange.hpp"
#include "outcomes.hpp"
#include "result_lines.hpp"
#include "task_names.hpp"

namespace netns::tools {

namespace {

outcome error(errc e) { return error_outcome(e.value); }
outcome status(const result<void>& r) { return r ? ok_outcome() : error(r.code()); }

class model_backend final : public backend {
 public:
  // The world the linux backend builds (linux_world.hpp): pid 1 is a
  // helper of the harness, moved to a network namespace of its own so that
  // `ip netns pids` and `identify` never meet it; the scenario's init is
  // its child (pid 2) in the root namespaces, a task like any other, which
  // may exit. Their command names are the linux world's processes' too
  // (netns-p1 and netns-task), for ps and lsns.
  model_backend() {
    task& helper = m_.init_task();
    helper.set_comm("netns-p1");
    auto init = m_.spawn(helper);
    if (init) (*init)->set_comm("netns-task");
    if (init) tasks_.add("init", std::to_string((*init)->pid()), {}, model_task{*init});
    (void)sys_unshare(helper, CLONE_NEWNET);
  }

  outcome run(const command& c) override {
    operation op = c.op;  // resolved for this task: the line stays as written
    if (auto why = resolve(op, c.task, tasks_)) return malformed_outcome(*why);
    cur_ = tasks_.find(c.task);
    cur_name_ = c.task;
    // A task the kernel killed (its pid namespace's init exited): as the
    // linux backend finds its process gone.
    if (cur_ && cur_->proc.t->exited()) {
      cur_ = nullptr;
      return failed_outcome("task " + c.task + " died");
    }
    outcome o = std::visit([&](const auto& x) { return perform(x); }, op);
    cur_ = nullptr;
    return o;
  }

  std::vector<std::string> fd_names(const std::string& task) const override {
    return tasks_.open_fds(task);
  }

 private:
  struct model_task {
    std::shared_ptr<task> t;
    int monitor = -1;  // the `monitor nsid` socket
  };

  task& t() { return *cur_->proc.t; }

  outcome perform(const spawn_op& o) {
    auto child = m_.spawn(t());
    if (!child) return error(child.code());
    // The fd table is copied: same numbers, same names.
    tasks_.add(o.name, std::to_string((*child)->pid()), cur_->fds, model_task{*child});
    return ok_outcome();
  }
  outcome perform(const exit_op&) {
    auto r = m_.exit(t());
    if (!r) return error(r.code());
    tasks_.erase(cur_name_);
    cur_ = nullptr;
    return ok_outcome();
  }
  outcome perform(const unshare_op& o) {
    return status(sys_unshare(t(), static_cast<unsigned long>(o.flags)));
  }
  outcome perform(const setns_op& o) { return status(sys_setns(t(), o.fd.number, o.nstype)); }
  outcome perform(const open_op& o) {
    auto r = sys_open(t(), o.path.resolved, static_cast<int>(o.flags), 0644);
    if (!r) return error(r.code());
    cur_->fds[o.as.name] = *r;
    return ok_outcome();
  }
  outcome perform(const close_op& o) {
    auto r = sys_close(t(), o.fd.number);
    if (!raw_fd_number(o.fd.name)) cur_->fds[o.fd.name] = closed_fd;  // a raw number names nothing
    return status(r);
  }
  outcome perform(const readlink_op& o) {
    auto r = sys_readlink(t(), o.path.resolved);
    if (!r) return error(r.code());
    return line_outcome(results_.link(*r));
  }
  outcome perform(const stat_op& o) {
    auto r = sys_stat(t(), o.path.resolved);
    if (!r) return error(r.code());
    if (r->dev == fs::nsfs_dev) return line_outcome(results_.nsfs_inode(r->ino));
    return line_outcome(S_ISDIR(r->mode) ? "dir" : "file");
  }
  outcome perform(const statfs_op& o) {
    auto r = sys_statfs(t(), o.path.resolved);
    if (!r) return error(r.code());
    return line_outcome(statfs_line({r->type, r->bsize, r->blocks, r->bfree, r->bavail, r->files, r->ffree,
                                     r->namelen, r->frsize, r->flags}));
  }
  outcome perform(const ioctl_op& o) {
    switch (o.request) {
      case NS_GET_NSTYPE: {
        auto r = sys_ioctl(t(), o.fd.number, NS_GET_NSTYPE, nullptr);
        if (!r) return error(r.code());
        return line_outcome(hex_line(static_cast<unsigned long>(*r)));
      }
      case NS_GET_OWNER_UID: {
        std::uint32_t uid = 0;
        auto r = sys_ioctl(t(), o.fd.number, NS_GET_OWNER_UID, &uid);
        if (!r) return error(r.code());
        return line_outcome("uid " + std::to_string(uid));
      }
      case ns_get_id: {
        std::uint64_t id = 0;
        auto r = sys_ioctl(t(), o.fd.number, ns_get_id, &id);
        if (!r) return error(r.code());
        return line_outcome(results_.ns_id(id));
      }
      case ns_get_mntns_id: {
        std::uint64_t id = 0;
        auto r = sys_ioctl(t(), o.fd.number, ns_get_mntns_id, &id);
        if (!r) return error(r.code());
        return line_outcome(results_.ns_id(id));
      }
    }
    auto r = sys_ioctl(t(), o.fd.number, o.request, nullptr);
    if (!r) return error(r.code());
    // A raw request (argument 0): ok for 0, else the number it returned.
    if (o.request != NS_GET_USERNS && o.request != NS_GET_PARENT)
      return line_outcome(*r == 0 ? "ok" : std::to_string(*r));
    // NS_GET_USERNS, NS_GET_PARENT: a new fd
    if (o.as)
      cur_->fds[o.as->name] = static_cast<int>(*r);
    else
      (void)sys_close(t(), static_cast<int>(*r));
    return ok_outcome();
  }
  // TASK's pid as the line's task sees it (0 when it has none there).
  long own_pid_of(std::uint32_t root_pid) {
    std::shared_ptr<task> target = m_.find_task(static_cast<int>(root_pid));
    return target ? target->pid_nr_ns(t().active_pid_ns()) : 0;
  }
  bool in_root_pidns() { return t().active_pid_ns().level() == 0; }
  outcome perform(const ioctl_pid_op& o) {
    // As the linux backend passes them (docs/scenarios.md, "ioctl"): IN
    // takes TASK's pid as the task sees it; FROM takes TASK's pid in FD's
    // namespace, found first with IN.
    const bool from = o.request == ns_get_pid_from_pidns || o.request == ns_get_tgid_from_pidns;
    auto as_arg = [](long v) { return reinterpret_cast<void*>(static_cast<std::intptr_t>(v)); };
    long arg = own_pid_of(o.task.pid);
    if (from && arg > 0) {
      auto in = sys_ioctl(t(), o.fd.number, ns_get_pid_in_pidns, as_arg(arg));
      arg = in ? *in : 0;
    }
    auto r = sys_ioctl(t(), o.fd.number, o.request, as_arg(arg));
    if (!r) return error(r.code());
    bool root = in_root_pidns();
    if (!from) {
      auto f = t().fd_get(o.fd.number);
      fs::nsfs_inode* ns = f ? fs::as_nsfs(*(*f)->node()) : nullptr;
      root = ns && to_pid_ns(ns->ns()).level() == 0;
    }
    return line_outcome(results_.pid(std::to_string(*r), root));
  }
  outcome perform(const pidfd_op& o) {
    const long pid = own_pid_of(o.task.pid);
    if (pid <= 0) return error_outcome(ESRCH);  // as pidfd_open answers a pid of no process
    auto r = sys_pidfd_open(t(), static_cast<int>(pid), 0);
    if (!r) return error(r.code());
    cur_->fds[o.as.name] = *r;
    return ok_outcome();
  }
  outcome perform(const hostname_op& o) {
    if (o.name) return status(sys_sethostname(t(), *o.name));
    auto u = sys_uname(t());
    if (!u) return error(u.code());
    return line_outcome(u->nodename);
  }
  outcome perform(const getpid_op&) {
    return line_outcome(results_.pid(std::to_string(sys_getpid(t())), in_root_pidns()));
  }
  outcome perform(const prctl_dumpable_op& o) {
    t().set_dumpable(o.on != 0);
    return ok_outcome();
  }
  outcome perform(const caps_drop_op& o) {
    cred c = t().creds();
    for (cap_set* s : {&c.cap_effective, &c.cap_permitted, &c.cap_inheritable}) s->bits &= ~o.caps;
    t().commit_creds(std::move(c));
    return ok_outcome();
  }
  outcome perform(const setuid_op& o) { return status(sys_setresuid(t(), o.uid, o.uid, o.uid)); }
  outcome perform(const mkdir_op& o) { return status(sys_mkdir(t(), o.path.resolved, 0755)); }
  outcome perform(const touch_op& o) {
    auto r = sys_open(t(), o.path.resolved, O_WRONLY | O_CREAT, 0644);
    if (!r) return error(r.code());
    return status(sys_close(t(), *r));
  }
  outcome perform(const rm_op& o) { return status(sys_unlink(t(), o.path.resolved)); }
  outcome perform(const mount_move_op& o) {
    return status(sys_mount_move(t(), o.source.resolved, o.target.resolved));
  }
  outcome perform(const mount_bind_op& o) {
    return status(sys_mount_bind(t(), o.source.resolved, o.target.resolved, o.recursive != 0));
  }
  outcome perform(const mount_propagation_op& o) {
    return status(sys_mount_change_type(t(), o.path.resolved, o.flags));
  }
  outcome perform(const mount_fs_op& o) {
    return status(sys_mount_fs(t(), o.fstype_name(), o.source, o.target.resolved, o.flags,
                                o.data.resolved));
  }
  outcome perform(const mount_remount_op& o) {
    return status(sys_mount_remount(t(), o.path.resolved, o.flags, o.data.resolved));
  }
  outcome perform(const mountinfo_op& o) {
    auto all = read_all("/proc/self/mountinfo");
    if (!all) return error(all.code());
    return lines_outcome(results_.mountinfo(*all, o.path.resolved));
  }
  outcome perform(const mounts_op& o) {
    auto all = read_all("/proc/self/mountinfo");
    if (!all) return error(all.code());
    return lines_outcome(results_.mounts(*all, o.path.resolved));
  }
  outcome perform(const mtab_op& o) {
    auto all = read_all("/proc/self/mounts");
    if (!all) return error(all.code());
    return lines_outcome(results_.mtab(*all, o.path.resolved));
  }
  outcome perform(const umount_op& o) { return status(sys_umount_detach(t(), o.path.resolved)); }
  outcome perform(const chroot_op& o) { return status(sys_chroot(t(), o.path.resolved)); }
  outcome perform(const chdir_op& o) { return status(sys_chdir(t(), o.path.resolved)); }
  outcome perform(const getcwd_op&) {
    auto r = sys_getcwd(t());
    if (!r) return error(r.code());
    return line_outcome(results_.link(*r));
  }
  // The whole content of a file, read as `cat` reads it.
  result<std::string> read_all(const std::string& path) {
    auto f = sys_open(t(), path, O_RDONLY);
    if (!f) return f.error();
    std::string all;
    for (;;) {
      auto r = sys_read(t(), *f, 65536);
      if (!r) {
        (void)sys_close(t(), *f);
        return r.error();
      }
      if (r->empty()) break;
      all += *r;
    }
    (void)sys_close(t(), *f);
    return all;
  }
  outcome perform(const cat_op& o) {
    auto all = read_all(o.path.resolved);
    if (!all) return error(all.code());
    return lines_outcome(results_.content(*all));
  }
  outcome perform(const ls_op& o) {
    auto r = sys_readdir(t(), o.path.resolved);
    if (!r) return error(r.code());
    return lines_outcome(results_.listing(std::move(*r), o.path.resolved));
  }
  outcome perform(const write_op& o) {
    auto f = sys_open(t(), o.path.resolved, O_WRONLY);
    if (!f) return error(f.code());
    if (o.at) {
      auto p = o.at > std::uint64_t{INT64_MAX} ? result<std::int64_t>(errc{EINVAL})
                                               : sys_lseek(t(), *f, static_cast<std::int64_t>(*o.at), SEEK_SET);
      if (!p) {
        (void)sys_close(t(), *f);
        return error(p.code());
      }
    }
    auto r = sys_write(t(), *f, o.text + "\n");
    (void)sys_close(t(), *f);
    if (!r) return error(r.code());
    return ok_outcome();
  }
  outcome perform(const nl_newnsid_op& o) { return nl(o); }
  outcome perform(const nl_getnsid_op& o) { return nl(o); }
  outcome perform(const nl_dumpnsid_op& o) { return nl(o); }
  outcome perform(const nl_raw_op& o) {
    auto s = sys_socket(t(), AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
    if (!s) return error(s.code());
    (void)sys_setsockopt_int(t(), *s, NETNS_SOL_NETLINK, NETLINK_EXT_ACK, 1);
    const auto* data = reinterpret_cast<const std::uint8_t*>(o.bytes.data());
    auto sent = sys_send(t(), *s, {data, o.bytes.size()});
    if (!sent) {
      (void)sys_close(t(), *s);
      return error(sent.code());
    }
    // The model answers in sendto, as rtnetlink does: what is queued (and
    // what each recv of a dump brings) is every reply.
    std::vector<std::string> out;
    for (auto r = sys_recv(t(), *s, 65536, 0); r; r = sys_recv(t(), *s, 65536, 0))
      decode_raw_replies(r->data, out);
    (void)sys_close(t(), *s);
    return lines_outcome(std::move(out));
  }
  outcome perform(const monitor_op&) {
    if (cur_->proc.monitor < 0) {
      auto s = sys_socket(t(), AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
      if (!s) return error(s.code());
      (void)sys_bind_netlink(t(), *s, 0, 0);
      auto r = sys_setsockopt_int(t(), *s, NETNS_SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, RTNLGRP_NSID);
      if (!r) return error(r.code());
      cur_->proc.monitor = *s;
    }
    return ok_outcome();
  }
  outcome perform(const events_op& o) {
    const std::size_t want = o.count.value_or(0);
    std::vector<std::string> out;
    bool stopped = false;
    if (cur_->proc.monitor >= 0) {
      const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(2);
      for (;;) {
        drain_events(out);
        if (out.size() >= want || std::chrono::steady_clock::now() >= until) break;
        // An interrupt ends the wait with what has come so far; what comes
        // later stays queued for the next `events`.
        if ((stopped = interrupted())) break;
        std::this_thread::sleep_for(std::chrono::microseconds(200));
      }
    }
    outcome r = lines_outcome(std::move(out));
    r.interrupted = stopped;
    return r;
  }
  outcome perform(const settle_op&) {
    m_.k().settle();
    return ok_outcome();
  }
  outcome perform(const exec_op& o) {
    program_run r = run_program(o.args.resolved);
    return lines_outcome(results_.program(r.out, r.err, r.status));
  }
  // ip is the real ip (iproute2 as installed) under netns exec, as exec
  // runs it; its pids are named as the linux backend names them.
  outcome perform(const ip_op& o) {
    std::vector<std::string> argv{"ip"};
    argv.insert(argv.end(), o.args.resolved.begin(), o.args.resolved.end());
    program_run r = run_program(argv);
    return lines_outcome(results_.ip(o.args.resolved, r.out, r.err, r.status, std::to_string(r.pid)));
  }

  struct program_run {
    std::vector<std::string> out, err;
    int status = 0;
    int pid = 0;  // the model pid of its first process
  };
  // A real program as a child of the task, under netns exec, in a clean
  // environment.
  program_run run_program(const std::vector<std::string>& argv) {
    program_run run;
    // Output into memory files, read once the program is done: no pipe to
    // drain while the supervisor serves it.
    const int out = memfd_create("netns-exec-out", MFD_CLOEXEC);
    const int err = memfd_create("netns-exec-err", MFD_CLOEXEC);
    auto close_both = scope_exit([&] {
      if (out >= 0) close(out);
      if (err >= 0) close(err);
    });
    if (out < 0 || err < 0) {
      run.err = {std::string("netns: memfd_create: ") + std::strerror(errno)};
      run.status = 1;
      return run;
    }
    exec_options opt;
    opt.argv = argv;
    opt.model_pid = &run.pid;
    opt.env = {"PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL=C"};
    opt.stdout_fd = out;
    opt.stderr_fd = err;
    opt.stdin_null = true;
    auto ws = run_supervised(m_, t(), opt);
    if (!ws)  // could not start it: as a shell reports a program it cannot run
      run.status = ws.code() == errc{EACCES} ? 126 : ws.code() == errc{ENOENT} ? 127 : 1;
    else
      run.status = WIFEXITED(*ws) ? WEXITSTATUS(*ws) : 128 + WTERMSIG(*ws);
    auto contents = [](int fd) {
      std::string text;
      char buf[4096];
      ssize_t n;
      off_t at = 0;
      while ((n = pread(fd, buf, sizeof buf, at)) > 0) {
        text.append(buf, static_cast<std::size_t>(n));
        at += n;
      }
      return split_lines(text);
    };
    run.out = contents(out);
    run.err = contents(err);
    return run;
  }

  void drain_events(std::vector<std::string>& out) {
    for (;;) {
      auto r = sys_recv(t(), cur_->proc.monitor, 32768, 0);
      if (!r) {
        if (r.code() == errc{ENOBUFS}) {
          out.push_back("error ENOBUFS");
          continue;
        }
        return;
      }
      decode_nsid_events(r->data, out);
    }
  }

  // `nl ...`: a fresh socket in the task's netns, one request, the whole reply.
  template <class Op>
  outcome nl(const Op& o) {
    const std::vector<std::uint8_t> bytes = nl_request(o, ++seq_);
    auto s = sys_socket(t(), AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
    if (!s) return error(s.code());
    (void)sys_setsockopt_int(t(), *s, NETNS_SOL_NETLINK, NETLINK_EXT_ACK, 1);
    if (nl_strict(o)) (void)sys_setsockopt_int(t(), *s, NETNS_SOL_NETLINK, NETLINK_GET_STRICT_CHK, 1);
    if (nl_capack(o)) (void)sys_setsockopt_int(t(), *s, NETNS_SOL_NETLINK, NETLINK_CAP_ACK, 1);
    auto sent = sys_send(t(), *s, bytes);
    if (!sent) {
      (void)sys_close(t(), *s);
      return error(sent.code());
    }
    nl_reply_lines reply(bytes);
    for (;;) {
      auto r = sys_recv(t(), *s, 32768, 0);
      if (!r) break;  // nothing more (a request with no reply at all)
      if (reply.feed(r->data)) break;
    }
    (void)sys_close(t(), *s);
    return lines_outcome(std::move(reply.lines));
  }

  machine m_{host_limits()};
  task_table<model_task> tasks_;
  result_normalizer results_{tasks_.pids()};
  task_table<model_task>::entry* cur_ = nullptr;
  std::string cur_name_;
  std::uint32_t seq_ = 0;
};

}  // namespace

// The model's init user namespace takes this machine's own limits, so that
// a scenario reading /proc/sys/user/max_*_namespaces in init sees what the
// linux backend's init (in the host's user namespace) sees. Where the files
// cannot be read, the limits derived from memory stand.
kernel_config host_limits() {
  kernel_config cfg;
  auto read = [](const char* path, long& limit) {
    std::ifstream f(path);
    long v = 0;
    if (f >> v && v >= 0) limit = v;
  };
  read("/proc/sys/user/max_net_namespaces", cfg.max_net_namespaces);
  read("/proc/sys/user/max_user_namespaces", cfg.max_user_namespaces);
  read("/proc/sys/user/max_uts_namespaces", cfg.max_uts_namespaces);
  read("/proc/sys/user/max_ipc_namespaces", cfg.max_ipc_namespaces);
  read("/proc/sys/user/max_mnt_namespaces", cfg.max_mnt_namespaces);
  read("/proc/sys/user/max_pid_namespaces", cfg.max_pid_namespaces);
  read("/proc/sys/user/max_cgroup_namespaces", cfg.max_cgroup_namespaces);
  read("/proc/sys/user/max_time_namespaces", cfg.max_time_namespaces);
  read("/proc/sys/user/max_inotify_instances", cfg.max_inotify_instances);
  read("/proc/sys/user/max_inotify_watches", cfg.max_inotify_watches);
  read("/proc/sys/user/max_fanotify_groups", cfg.max_fanotify_groups);
  read("/proc/sys/user/max_fanotify_marks", cfg.max_fanotify_marks);
  return cfg;
}

std::unique_ptr<backend> make_model_backend() { return std::make_unique<model_backend>(); }

}  // namespace netns::tools
