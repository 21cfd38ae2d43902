// SPDX-License-Identifier: GPL-2.0-only
// The model backend: each scenario command as system calls of a task of a
// `machine`, results normalized.
#include <fcntl.h>
#include <linux/net_namespace.h>
#include <linux/netlink.h>
#include <linux/nsfs.h>
#include <linux/rtnetlink.h>
#include <sched.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <fstream>
#include <map>
#include <thread>

#include "netns/netlink/socket.hpp"
#include "netns/netlink/wire.hpp"
#include "netns/machine/machine.hpp"
#include "netns/task/syscalls.hpp"
#include "netns/tools/backend.hpp"
#include "netns/tools/ip_netns.hpp"
#include "nl_exchange.hpp"
#include "result_lines.hpp"

namespace netns::tools {

std::string normalizer::links(const std::string& text) {
  // TYPE:[digits] -> TYPE:[nsN]
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t open = text.find(":[", i);
    if (open == std::string::npos) break;
    std::size_t j = open + 2;
    while (j < text.size() && text[j] >= '0' && text[j] <= '9') ++j;
    if (j > open + 2 && j < text.size() && text[j] == ']') {
      out += text.substr(i, open + 2 - i) + ns(std::stoull(text.substr(open + 2, j - open - 2))) + "]";
      i = j + 1;
    } else {
      out += text.substr(i, open + 2 - i);
      i = open + 2;
    }
  }
  return out + text.substr(i);
}

namespace {

constexpr unsigned long NS_GET_ID_ = 0x8008b70dUL;  // _IOR(0xb7, 13, __u64)

std::string error_line(errc e) { return std::string("error ") + errno_name(e.value); }

// The model's init user namespace takes this machine's own limits, so that
// a scenario reading /proc/sys/user/max_{net,user}_namespaces in init sees
// what the linux backend's init (in the host's user namespace) sees. Where
// the files cannot be read, the limits derived from memory stand.
kernel_config host_limits() {
  kernel_config cfg;
  auto read = [](const char* path, long& limit) {
    std::ifstream f(path);
    long v = 0;
    if (f >> v && v >= 0) limit = v;
  };
  read("/proc/sys/user/max_net_namespaces", cfg.max_net_namespaces);
  read("/proc/sys/user/max_user_namespaces", cfg.max_user_namespaces);
  return cfg;
}

class model_backend final : public backend {
 public:
  // The world the linux backend builds (linux_world.hpp): pid 1 is a
  // helper of the harness, moved to a network namespace of its own so that
  // `ip netns pids` and `identify` never meet it; the scenario's init is
  // its child (pid 2) in the root namespaces, a task like any other, which
  // may exit.
  model_backend() {
    task& helper = m_.init_task();
    auto init = m_.spawn(helper);
    if (init) {
      tasks_["init"].t = *init;
      pid_names_.add(std::to_string((*init)->pid()), "init");
    }
    (void)sys_unshare(helper, CLONE_NEWNET);
  }

  outcome run(const command& c) override {
    auto it = tasks_.find(c.task);
    if (it == tasks_.end()) return malformed("unknown task \"" + c.task + "\"");
    cur_ = &it->second;
    outcome o = dispatch(c);
    cur_ = nullptr;
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
  struct model_task {
    std::shared_ptr<task> t;
    std::map<std::string, int> fds;
    int monitor = -1;
  };

  static outcome malformed(const std::string& msg) {
    outcome o;
    o.malformed = msg;
    return o;
  }
  static outcome lines(std::vector<std::string> v) { return outcome{std::move(v), {}}; }
  static outcome one(std::string s) { return outcome{{std::move(s)}, {}}; }
  static outcome ok() { return one("ok"); }
  static outcome status(const result<void>& r) { return r ? ok() : one(error_line(r.code())); }

  task& t() { return *cur_->t; }

  // @NAME -> pid, %FD -> fd number; nullopt (and `why`) when a name is unknown.
  std::optional<std::string> path(const std::string& p, std::string& why) {
    return substitute_path(
        p,
        [&](const std::string& name) -> std::optional<std::string> {
          auto it = tasks_.find(name);
          if (it == tasks_.end()) return std::nullopt;
          return std::to_string(it->second.t->pid());
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
#define PATH_OR_MALFORMED(var, arg)           \
  auto var##_opt = path(arg, why);            \
  if (!var##_opt) return malformed(why);   \
  const std::string& var = *var##_opt
#define NAME_FREE_OR_MALFORMED(name) \
  if (auto why_open = open_name(name)) return malformed(*why_open)
#define FD_OR_MALFORMED(var, arg)                                              \
  auto var##_opt = fd(arg);                                                    \
  if (!var##_opt) return malformed("unknown fd \"" + (arg) + "\"");         \
  const int var = *var##_opt

    if (v == "spawn") {
      auto child = m_.spawn(t());
      if (!child) return one(error_line(child.code()));
      model_task mt;
      mt.t = *child;
      mt.fds = cur_->fds;  // the fd table is copied: same numbers, same names
      pid_names_.add(std::to_string(mt.t->pid()), a[0]);
      tasks_[a[0]] = std::move(mt);
      return ok();
    }
    if (v == "exit") {
      auto r = m_.exit(t());
      if (!r) return one(error_line(r.code()));
      tasks_.erase(c.task);
      return ok();
    }
    if (v == "unshare") {
      unsigned long flags = 0;
      if (a[0].find("net") != std::string::npos) flags |= CLONE_NEWNET;
      if (a[0].find("user") != std::string::npos) flags |= CLONE_NEWUSER;
      return status(sys_unshare(t(), flags));
    }
    if (v == "setns") {
      FD_OR_MALFORMED(f, a[0]);
      const int type = a[1] == "net" ? CLONE_NEWNET : a[1] == "user" ? CLONE_NEWUSER : 0;
      return status(sys_setns(t(), f, type));
    }
    if (v == "open") {
      NAME_FREE_OR_MALFORMED(a[2]);
      PATH_OR_MALFORMED(p, a[0]);
      auto r = sys_open(t(), p, O_RDONLY);
      if (!r) return one(error_line(r.code()));
      cur_->fds[a[2]] = *r;
      return ok();
    }
    if (v == "close") {
      FD_OR_MALFORMED(f, a[0]);
      auto r = sys_close(t(), f);
      cur_->fds[a[0]] = closed_fd;
      return status(r);
    }
    if (v == "readlink") {
      PATH_OR_MALFORMED(p, a[0]);
      auto r = sys_readlink(t(), p);
      if (!r) return one(error_line(r.code()));
      std::string s = norm_.links(*r);
      s = pids_to_names(s, [&](const std::string& p) { return pid_name(p); });
      return one(s);
    }
    if (v == "stat") {
      PATH_OR_MALFORMED(p, a[0]);
      auto r = sys_stat(t(), p);
      if (!r) return one(error_line(r.code()));
      if (r->dev == fs::nsfs_dev) return one("ino " + norm_.ns(r->ino));
      return one(S_ISDIR(r->mode) ? "dir" : "file");
    }
    if (v == "ioctl") {
      if (a.size() == 4) NAME_FREE_OR_MALFORMED(a[3]);
      FD_OR_MALFORMED(f, a[0]);
      const std::string& req = a[1];
      if (req == "NS_GET_NSTYPE") {
        auto r = sys_ioctl(t(), f, NS_GET_NSTYPE, nullptr);
        if (!r) return one(error_line(r.code()));
        char buf[32];
        std::snprintf(buf, sizeof buf, "0x%lx", static_cast<unsigned long>(*r));
        return one(buf);
      }
      if (req == "NS_GET_OWNER_UID") {
        std::uint32_t uid = 0;
        auto r = sys_ioctl(t(), f, NS_GET_OWNER_UID, &uid);
        if (!r) return one(error_line(r.code()));
        return one("uid " + std::to_string(uid));
      }
      if (req == "NS_GET_ID") {
        std::uint64_t id = 0;
        auto r = sys_ioctl(t(), f, NS_GET_ID_, &id);
        if (!r) return one(error_line(r.code()));
        return one(norm_.id(id));
      }
      auto r = sys_ioctl(t(), f, req == "NS_GET_USERNS" ? NS_GET_USERNS : NS_GET_PARENT, nullptr);
      if (!r) return one(error_line(r.code()));
      if (a.size() == 4) cur_->fds[a[3]] = static_cast<int>(*r);
      else (void)sys_close(t(), static_cast<int>(*r));
      return ok();
    }
    if (v == "setuid") {
      const auto uid = static_cast<std::uint32_t>(std::stoul(a[0]));
      return status(sys_setresuid(t(), uid, uid, uid));
    }
    if (v == "mkdir") {
      PATH_OR_MALFORMED(p, a[0]);
      return status(sys_mkdir(t(), p, 0755));
    }
    if (v == "touch") {
      PATH_OR_MALFORMED(p, a[0]);
      auto r = sys_open(t(), p, O_WRONLY | O_CREAT, 0644);
      if (!r) return one(error_line(r.code()));
      return status(sys_close(t(), *r));
    }
    if (v == "rm") {
      PATH_OR_MALFORMED(p, a[0]);
      return status(sys_unlink(t(), p));
    }
    if (v == "mount") {
      PATH_OR_MALFORMED(src, a[1]);
      PATH_OR_MALFORMED(dst, a[2]);
      return status(sys_mount_bind(t(), src, dst));
    }
    if (v == "umount") {
      PATH_OR_MALFORMED(p, a[0]);
      return status(sys_umount_detach(t(), p));
    }
    if (v == "cat") {
      PATH_OR_MALFORMED(p, a[0]);
      auto f = sys_open(t(), p, O_RDONLY);
      if (!f) return one(error_line(f.code()));
      std::string all;
      for (;;) {
        auto r = sys_read(t(), *f, 65536);
        if (!r) {
          (void)sys_close(t(), *f);
          return one(error_line(r.code()));
        }
        if (r->empty()) break;
        all += *r;
      }
      (void)sys_close(t(), *f);
      std::vector<std::string> out;
      for (auto& l : split_lines(all)) out.push_back(norm_.links(l));
      return lines(std::move(out));
    }
    if (v == "ls") {
      PATH_OR_MALFORMED(p, a[0]);
      auto r = sys_readdir(t(), p);
      if (!r) return one(error_line(r.code()));
      return lines(ls_lines(std::move(*r), lists_pids(p), [&](const std::string& n) { return pid_name(n); }));
    }
    if (v == "write") {
      PATH_OR_MALFORMED(p, a[0]);
      auto f = sys_open(t(), p, O_WRONLY);
      if (!f) return one(error_line(f.code()));
      auto r = sys_write(t(), *f, a[1] + "\n");
      (void)sys_close(t(), *f);
      if (!r) return one(error_line(r.code()));
      return ok();
    }
    if (v == "nl") return nl(c);
    if (v == "monitor") {
      if (cur_->monitor < 0) {
        auto s = sys_socket(t(), AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
        if (!s) return one(error_line(s.code()));
        (void)sys_bind_netlink(t(), *s, 0, 0);
        auto r = sys_setsockopt_int(t(), *s, NETNS_SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, RTNLGRP_NSID);
        if (!r) return one(error_line(r.code()));
        cur_->monitor = *s;
      }
      return ok();
    }
    if (v == "events") {
      const std::size_t want = a.empty() ? 0 : std::stoul(a[0]);
      std::vector<std::string> out;
      bool stopped = false;
      if (cur_->monitor >= 0) {
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
      outcome o = lines(std::move(out));
      o.interrupted = stopped;
      return o;
    }
    if (v == "settle") {
      m_.k().settle();
      return ok();
    }
    if (v == "ip") return ip(c);
    return malformed("unknown command \"" + v + "\"");
#undef PATH_OR_MALFORMED
#undef FD_OR_MALFORMED
#undef NAME_FREE_OR_MALFORMED
  }

  void drain_events(std::vector<std::string>& out) {
    for (;;) {
      auto r = sys_recv(t(), cur_->monitor, 32768, 0);
      if (!r) {
        if (r.code() == errc{ENOBUFS}) {
          out.push_back("error ENOBUFS");
          continue;
        }
        return;
      }
      decode_nsid_events(r->data.data(), r->data.size(), out);
    }
  }

  // `nl ...`: a fresh socket in the task's netns, one request, the whole reply.
  outcome nl(const command& c) {
    nl_request req = build_nl_request(
        c.args, ++seq_,
        [&](const std::string& name) -> std::optional<std::uint32_t> {
          auto it = tasks_.find(name);
          if (it == tasks_.end()) return std::nullopt;
          return static_cast<std::uint32_t>(it->second.t->pid());
        },
        [&](const std::string& name) -> std::optional<std::uint32_t> {
          auto f = fd(name);
          if (!f) return std::nullopt;
          return static_cast<std::uint32_t>(*f);
        });
    if (req.malformed) return malformed(*req.malformed);
    auto s = sys_socket(t(), AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
    if (!s) return one(error_line(s.code()));
    (void)sys_setsockopt_int(t(), *s, NETNS_SOL_NETLINK, NETLINK_EXT_ACK, 1);
    if (req.strict) (void)sys_setsockopt_int(t(), *s, NETNS_SOL_NETLINK, NETLINK_GET_STRICT_CHK, 1);
    auto sent = sys_send(t(), *s, req.bytes);
    if (!sent) {
      (void)sys_close(t(), *s);
      return one(error_line(sent.code()));
    }
    nl_reply_reader reader(req.dump);
    for (;;) {
      auto r = sys_recv(t(), *s, 32768, 0);
      if (!r) break;  // nothing more (a request with no reply at all)
      if (reader.feed(r->data.data(), r->data.size())) break;
    }
    (void)sys_close(t(), *s);
    return lines(std::move(reader.lines));
  }

  outcome ip(const command& c) {
    auto args = ip_args_with_pids(c.args, [&](const std::string& name) -> std::optional<std::string> {
      auto it = tasks_.find(name);
      if (it == tasks_.end()) return std::nullopt;
      return std::to_string(it->second.t->pid());
    });
    ip_result r = run_ip(m_, t(), args);
    return lines(ip_result_lines(args, r.out, r.err, r.status, std::to_string(r.pid),
                                 [&](const std::string& p) { return pid_name(p); }));
  }

  machine m_{host_limits()};
  std::map<std::string, model_task> tasks_;
  pid_names pid_names_;  // every task's pid, to its name
  model_task* cur_ = nullptr;
  normalizer norm_;
  std::uint32_t seq_ = 0;
};

}  // namespace

std::unique_ptr<backend> make_model_backend() { return std::make_unique<model_backend>(); }

}  // namespace netns::tools
