// SPDX-License-Identifier: GPL-2.0-only
// /proc's root, pid directories and namespace links (fs/proc/base.c,
// fs/proc/namespaces.c, fs/proc/self.c, fs/proc/thread_self.c).
#include "netns/fs/procfs.hpp"

#include <cerrno>
#include <charconv>
#include <functional>
#include <optional>
#include <string>

#include "netns/fs/nsfs.hpp"
#include "netns/task/machine.hpp"
#include "procfs_internal.hpp"

namespace netns::fs {

using namespace procfs_detail;

namespace {

constexpr int CAP_SYS_PTRACE_ = 19;
constexpr std::uint64_t PROC_ROOT_INO = 1;

std::optional<int> parse_pid(std::string_view s) {
  if (s.empty() || s.front() == '0' || s.size() > 9) return std::nullopt;
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

// A plain symlink whose text depends on the reader.
class proc_symlink final : public inode {
 public:
  using text_fn = std::function<result<std::string>(const access_ctx&)>;
  proc_symlink(std::uint64_t ino, text_fn fn) : ino_(ino), fn_(std::move(fn)) {}
  std::uint32_t type() const override { return S_IFLNK; }
  result<stat_info> getattr(const access_ctx&) const override {
    return proc_stat(ino_, S_IFLNK | 0777);
  }
  result<std::string> readlink(const access_ctx& ctx) override { return fn_(ctx); }

 private:
  std::uint64_t ino_;
  text_fn fn_;
};

// /proc/<pid>/ns/<name>: a magic link to the task's namespace.
class ns_link final : public inode {
 public:
  ns_link(std::shared_ptr<task> t, const ns_operations& ops, std::uint64_t ino)
      : task_(std::move(t)), ops_(&ops), ino_(ino) {}
  std::uint32_t type() const override { return S_IFLNK; }
  result<stat_info> getattr(const access_ctx&) const override {
    auto [uid, gid] = task_dump_owner(*task_, S_IFLNK | 0777);
    return proc_stat(ino_, S_IFLNK | 0777, uid, gid);
  }
  result<std::string> readlink(const access_ctx& ctx) override {
    auto ns = target(ctx);
    if (!ns) return ns.error();
    return as_nsfs(**ns)->link_text();
  }
  result<lookup_ref> follow_link(const access_ctx& ctx) override {
    auto ns = target(ctx);
    if (!ns) return ns.error();
    return lookup_ref(std::move(*ns));  // made for this walk: pinned
  }

 private:
  // proc_ns_get_link: ptrace read access, then the namespace's file.
  result<inode_ptr> target(const access_ctx& ctx) {
    if (task_->exited()) return errc{ENOENT};
    if (!ptrace_may_read(ctx, *task_)) return errc{EACCES};
    if (ops_->type == CLONE_NEWNET) {
      net_ref n = task_->net_ns();
      if (!n) return errc{ENOENT};
      return nsfs_inode::for_net(*n);
    }
    cred c = task_->creds();
    return nsfs_inode::for_user(*c.user_ns);
  }
  std::shared_ptr<task> task_;
  const ns_operations* ops_;
  std::uint64_t ino_;
};

// /proc/<pid>/ns
class ns_dir final : public inode {
 public:
  explicit ns_dir(std::shared_ptr<task> t) : task_(std::move(t)) {}
  std::uint32_t type() const override { return S_IFDIR; }
  std::uint32_t fixed_mode() const override { return 0511; }
  result<stat_info> getattr(const access_ctx&) const override {
    auto [uid, gid] = task_dump_owner(*task_, S_IFDIR | 0511);
    return proc_stat(pid_ino(task_->pid(), pid_entry::ns_dir), S_IFDIR | 0511, uid, gid);
  }
  result<lookup_ref> lookup(const access_ctx&, std::string_view name) override {
    task_inodes* in = inodes_of(*task_);
    if (!in) return errc{ENOENT};
    if (name == "net") return lookup_ref(in->ns_net.get());
    if (name == "user") return lookup_ref(in->ns_user.get());
    return errc{ENOENT};
  }
  result<std::vector<std::string>> readdir(const access_ctx&) override {
    if (task_->exited()) return errc{ENOENT};
    return std::vector<std::string>{"net", "user"};
  }

 private:
  std::shared_ptr<task> task_;
};

// /proc/<pid>/task
class task_dir final : public inode {
 public:
  explicit task_dir(std::shared_ptr<task> t) : task_(std::move(t)) {}
  std::uint32_t type() const override { return S_IFDIR; }
  std::uint32_t fixed_mode() const override { return 0555; }
  result<stat_info> getattr(const access_ctx&) const override {
    auto [uid, gid] = task_dump_owner(*task_, S_IFDIR | 0555);
    return proc_stat(pid_ino(task_->pid(), pid_entry::task_dir), S_IFDIR | 0555, uid, gid);
  }
  result<lookup_ref> lookup(const access_ctx&, std::string_view name) override {
    auto pid = parse_pid(name);
    if (!pid || *pid != task_->pid()) return errc{ENOENT};
    task_inodes* in = inodes_of(*task_);
    if (!in) return errc{ENOENT};
    return lookup_ref(in->thread_dir.get());
  }
  result<std::vector<std::string>> readdir(const access_ctx&) override {
    if (task_->exited()) return errc{ENOENT};
    return std::vector<std::string>{std::to_string(task_->pid())};
  }

 private:
  std::shared_ptr<task> task_;
};

// /proc/<pid> (and /proc/<pid>/task/<tid>)
class pid_dir final : public inode {
 public:
  pid_dir(std::shared_ptr<task> t, bool is_thread) : task_(std::move(t)), thread_(is_thread) {}
  std::uint32_t type() const override { return S_IFDIR; }
  std::uint32_t fixed_mode() const override { return 0555; }
  result<stat_info> getattr(const access_ctx&) const override {
    auto [uid, gid] = task_dump_owner(*task_, S_IFDIR | 0555);
    return proc_stat(pid_ino(task_->pid(), thread_ ? pid_entry::thread_dir : pid_entry::dir),
                     S_IFDIR | 0555, uid, gid);
  }
  result<lookup_ref> lookup(const access_ctx&, std::string_view name) override {
    task_inodes* in = inodes_of(*task_);
    if (!in) return errc{ENOENT};
    if (name == "fd") return lookup_ref(thread_ ? in->thread_fd_dir.get() : in->fd_dir.get());
    if (name == "ns") return lookup_ref(in->ns_dir.get());
    // The rest is made per lookup, and pinned.
    if (name == "net") return lookup_ref(make_tgid_net_dir(task_, thread_));
    if (name == "uid_map") return lookup_ref(make_id_file(task_, id_file::uid_map, thread_));
    if (name == "gid_map") return lookup_ref(make_id_file(task_, id_file::gid_map, thread_));
    if (name == "setgroups") return lookup_ref(make_id_file(task_, id_file::setgroups, thread_));
    if (name == "task" && !thread_) return lookup_ref(in->task_dir.get());
    return errc{ENOENT};
  }
  result<std::vector<std::string>> readdir(const access_ctx&) override {
    if (task_->exited()) return errc{ENOENT};
    std::vector<std::string> names{"fd", "gid_map", "net", "ns", "setgroups"};
    if (!thread_) names.push_back("task");
    names.push_back("uid_map");
    return names;
  }

 private:
  std::shared_ptr<task> task_;
  bool thread_;
};

class proc_root final : public inode {
 public:
  explicit proc_root(machine& m)
      : m_(&m),
        sys_(make_sys_dir(m)),
        // The links read the reader from the walk: one inode each serves all.
        self_(std::make_shared<proc_symlink>(
            0xF000,
            [](const access_ctx& c) -> result<std::string> { return std::to_string(c.pid); })),
        thread_self_(std::make_shared<proc_symlink>(
            0xF001,
            [](const access_ctx& c) -> result<std::string> {
              return std::to_string(c.pid) + "/task/" + std::to_string(c.thread_id());
            })),
        net_(std::make_shared<proc_symlink>(
            0xF002,
            [](const access_ctx&) -> result<std::string> { return std::string("self/net"); })) {}
  std::uint32_t type() const override { return S_IFDIR; }
  std::uint32_t fixed_mode() const override { return 0555; }
  result<stat_info> getattr(const access_ctx&) const override {
    return proc_stat(PROC_ROOT_INO, S_IFDIR | 0555);
  }
  // Every child lives as long as the root, or as its task (task_inodes).
  result<lookup_ref> lookup(const access_ctx& ctx, std::string_view name) override {
    if (name == "self") {
      if (!ctx.pid) return errc{ENOENT};  // the kernel itself has no /proc/self
      return lookup_ref(self_.get());
    }
    if (name == "thread-self") {
      if (!ctx.pid) return errc{ENOENT};
      return lookup_ref(thread_self_.get());
    }
    if (name == "net") return lookup_ref(net_.get());
    if (name == "sys") return lookup_ref(sys_.get());
    auto pid = parse_pid(name);
    if (!pid) return errc{ENOENT};
    task* t = m_->find_task_rcu(*pid);
    task_inodes* in = t ? inodes_of(*t) : nullptr;
    if (!in) return errc{ENOENT};
    return lookup_ref(in->pid_dir.get());
  }
  result<std::vector<std::string>> readdir(const access_ctx&) override {
    std::vector<std::string> names{"net", "self", "sys", "thread-self"};
    for (int pid : m_->pids()) names.push_back(std::to_string(pid));
    return names;
  }

 private:
  machine* m_;
  inode_ptr sys_, self_, thread_self_, net_;
};

}  // namespace

namespace procfs_detail {
task_inodes* inodes_of(task& t) {
  if (task_fs_state* s = t.fs_state()) return static_cast<task_inodes*>(s);  // only procfs sets one
  auto in = std::make_unique<task_inodes>();
  std::shared_ptr<task> self = t.shared_from_this();
  in->pid_dir = std::make_shared<pid_dir>(self, false);
  in->thread_dir = std::make_shared<pid_dir>(self, true);
  in->fd_dir = make_fd_dir(self, false);
  in->thread_fd_dir = make_fd_dir(self, true);
  in->ns_dir = std::make_shared<ns_dir>(self);
  in->ns_net = std::make_shared<ns_link>(self, netns_operations, pid_ino(t.pid(), pid_entry::ns_net));
  in->ns_user =
      std::make_shared<ns_link>(self, userns_operations, pid_ino(t.pid(), pid_entry::ns_user));
  in->task_dir = std::make_shared<task_dir>(self);
  // The task holds them and they hold the task: exit breaks the cycle.
  return static_cast<task_inodes*>(t.install_fs_state(std::move(in)));
}
}  // namespace procfs_detail

bool ptrace_may_read(const access_ctx& ctx, task& target) {
  if (!ctx.creds || ctx.pid == target.pid()) return true;  // the kernel, or the same thread group
  const cred& c = *ctx.creds;
  cred t = target.creds();
  bool same_ids = c.fsuid == t.euid && c.fsuid == t.suid && c.fsuid == t.uid &&
                  c.fsgid == t.egid && c.fsgid == t.sgid && c.fsgid == t.gid;
  if (!same_ids && !ns_capable(c, *t.user_ns, CAP_SYS_PTRACE_)) return false;
  // A task that changed its ids is not dumpable: only CAP_SYS_PTRACE over
  // its mm's user namespace reaches it then. The model has no execve, so
  // that is the initial user namespace.
  if (!target.dumpable()) {
    const user_namespace* mm_ns = t.user_ns.get();
    while (mm_ns->parent()) mm_ns = mm_ns->parent();
    if (!ns_capable(c, *mm_ns, CAP_SYS_PTRACE_)) return false;
  }
  return true;
}

inode_ptr make_procfs_root(machine& m) { return std::make_shared<proc_root>(m); }

}  // namespace netns::fs
