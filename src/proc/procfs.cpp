// SPDX-License-Identifier: GPL-2.0-only
// /proc's root, pid directories and namespace links (fs/proc/base.c,
// fs/proc/namespaces.c, fs/proc/self.c, fs/proc/thread_self.c).
#include "netns/proc/procfs.hpp"

#include <algorithm>
#include <cerrno>
#include <optional>
#include <string>

#include "netns/core/nsproxy.hpp"
#include "netns/fs/nsfs.hpp"
#include "netns/task/pid_table.hpp"
#include "netns/task/ptrace.hpp"
#include "procfs_internal.hpp"

namespace netns::fs {

using namespace procfs_detail;

namespace {

constexpr std::uint64_t PROC_ROOT_INO = 1;

// name_to_int: decimal digits without a leading zero, at most 9 of them.
std::optional<int> parse_pid(std::string_view s) {
  if (s.empty() || s.front() == '0' || s.size() > 9) return std::nullopt;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

// /proc/self, /proc/thread-self, /proc/net and /proc/mounts: symlinks whose text is made
// from the reader (one inode each serves every reader).
class proc_symlink final : public inode {
 public:
  enum class kind { self, thread_self, net, mounts };
  proc_symlink(pid_table& m, std::uint64_t ino, kind k) : inode(S_IFLNK), m_(&m), ino_(ino), kind_(k) {}
  result<stat_info> getattr(const access_ctx&) const override {
    return proc_stat(ino_, S_IFLNK | 0777);
  }
  result<void> readlink_into(const access_ctx& c, std::string& out) override {
    if (kind_ != kind::self) return inode::readlink_into(c, out);
    char digits[16];
    char* end = digits + sizeof digits;
    char* p = end;
    unsigned v = static_cast<unsigned>(c.pid);
    do *--p = static_cast<char>('0' + v % 10);
    while (v /= 10);
    out.assign(p, static_cast<std::size_t>(end - p));
    return ok();
  }
  // /proc/self reads "<pid>", an entry of /proc itself: the walk is handed
  // that entry without reading the body and looking it up again.
  result<lookup_ref> follow_link(const access_ctx& c) override {
    if (kind_ != kind::self || !c.pid) return inode::follow_link(c);
    task* t = m_->find_task_rcu(c.pid);
    task_inodes* in = t ? inodes_of(*t) : nullptr;
    if (!in) return inode::follow_link(c);  // the body, then its lookup, say why not
    return lookup_ref::entry_of_link_dir(in->pid_dir.get(), in->pid_name);
  }
  result<std::string> readlink(const access_ctx& c) override {
    switch (kind_) {
      case kind::self:
        return std::to_string(c.pid);
      case kind::thread_self:
        return std::to_string(c.pid) + "/task/" + std::to_string(c.thread_id());
      case kind::mounts:
        return std::string("self/mounts");
      case kind::net:
        break;
    }
    return std::string("self/net");
  }

 private:
  pid_table* m_;
  std::uint64_t ino_;
  kind kind_;
};

// /proc/<pid>/ns/<name>: a magic link to the task's namespace.
class ns_link final : public inode {
 public:
  ns_link(std::shared_ptr<task> t, const ns_operations& ops, std::uint64_t ino)
      : inode(S_IFLNK), task_(std::move(t)), ops_(&ops), ino_(ino) {}
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
  // proc_ns_get_link: ptrace read access, then ns_get_path: the file of
  // the task's namespace of this type (ops->get).
  result<inode_ptr> target(const access_ctx& ctx) {
    if (task_->exited()) return errc{ENOENT};
    if (!ptrace_may_read(ctx, *task_)) return errc{EACCES};
    ns_ref ns = ns_ref::adopt(ops_->get(*task_));
    if (!ns) return errc{ENOENT};
    return nsfs_inode::for_ns(std::move(ns));
  }
  std::shared_ptr<task> task_;
  const ns_operations* ops_;
  std::uint64_t ino_;
};

// /proc/<pid>/ns
class ns_dir final : public inode {
 public:
  explicit ns_dir(std::shared_ptr<task> t) : inode(S_IFDIR, 0511), task_(std::move(t)) {}
  result<stat_info> getattr(const access_ctx&) const override {
    auto [uid, gid] = task_dump_owner(*task_, S_IFDIR | 0511);
    return proc_stat(pid_ino(task_->pid(), pid_entry::ns_dir), S_IFDIR | 0511, uid, gid);
  }
  result<lookup_ref> lookup(const access_ctx&, std::string_view name) override {
    task_inodes* in = inodes_of(*task_);
    if (!in) return errc{ENOENT};
    for (std::size_t i = 0; i < proc_ns_count; ++i)
      if (name == proc_ns_entries[i].ops->name) return lookup_ref(in->ns_links[i].get());
    return errc{ENOENT};
  }
  result<std::vector<std::string>> readdir(const access_ctx&) override {
    if (task_->exited()) return std::vector<std::string>{};  // probed: a dead task's ns dir lists nothing
    std::vector<std::string> names;
    for (const proc_ns_entry& e : proc_ns_entries) names.emplace_back(e.ops->name);
    return names;
  }

 private:
  std::shared_ptr<task> task_;
};

// /proc/<pid>/task
class task_dir final : public inode {
 public:
  explicit task_dir(std::shared_ptr<task> t) : inode(S_IFDIR, 0555), task_(std::move(t)) {}
  result<stat_info> getattr(const access_ctx&) const override {
    auto [uid, gid] = task_dump_owner(*task_, S_IFDIR | 0555);
    return proc_stat(pid_ino(task_->pid(), pid_entry::task_dir), S_IFDIR | 0555, uid, gid);
  }
  result<lookup_ref> lookup(const access_ctx&, std::string_view name) override {
    if (task_->exited()) return errc{ESRCH};  // probed, reached through an fd opened before the exit
    auto pid = parse_pid(name);
    if (!pid || *pid != task_->pid()) return errc{ENOENT};
    task_inodes* in = inodes_of(*task_);
    if (!in) return errc{ENOENT};
    return lookup_ref(in->thread_dir.get());
  }
  result<std::vector<std::string>> readdir(const access_ctx&) override {
    if (task_->exited()) return errc{ESRCH};
    return std::vector<std::string>{std::to_string(task_->pid())};
  }

 private:
  std::shared_ptr<task> task_;
};

// /proc/<pid> (and /proc/<pid>/task/<tid>)
class pid_dir final : public inode {
 public:
  pid_dir(std::shared_ptr<task> t, bool is_thread) : inode(S_IFDIR, 0555), task_(std::move(t)), thread_(is_thread) {}
  bool removal_forbidden() const override { return true; }  // probed: EPERM for it and in it
  result<stat_info> getattr(const access_ctx&) const override {
    auto [uid, gid] = task_dump_owner(*task_, S_IFDIR | 0555);
    return proc_stat(pid_ino(task_->pid(), thread_ ? pid_entry::thread_dir : pid_entry::dir),
                     S_IFDIR | 0555, uid, gid);
  }
  result<lookup_ref> lookup(const access_ctx&, std::string_view name) override {
    // A dead task's directory, reached through an fd opened before the
    // exit (probed): ESRCH for the process's, ENOENT for a thread's.
    if (task_->exited()) return errc{thread_ ? ENOENT : ESRCH};
    task_inodes* in = inodes_of(*task_);
    if (!in) return errc{ENOENT};
    if (name == "fd") return lookup_ref(thread_ ? in->thread_fd_dir.get() : in->fd_dir.get());
    if (name == "ns") return lookup_ref(in->ns_dir.get());
    const task_inodes::entries& e = thread_ ? in->thread : in->process;
    if (name == "net") return lookup_ref(e.net_dir.get());
    if (name == "uid_map") return lookup_ref(e.uid_map.get());
    if (name == "gid_map") return lookup_ref(e.gid_map.get());
    if (name == "setgroups") return lookup_ref(e.setgroups.get());
    if (name == "cgroup") return lookup_ref(e.cgroup.get());
    if (name == "mountinfo") return lookup_ref(e.mountinfo.get());
    if (name == "mounts") return lookup_ref(make_mountinfo_file(task_, thread_, mount_table::mounts));
    if (name == "mountstats" && !thread_)  // tgid_base_stuff only
      return lookup_ref(make_mountinfo_file(task_, thread_, mount_table::mountstats));
    if (name == "stat") return lookup_ref(e.stat.get());
    if (name == "status") return lookup_ref(e.status.get());
    if (name == "comm") return lookup_ref(e.comm.get());
    if (name == "cmdline") return lookup_ref(e.cmdline.get());
    if (name == "timens_offsets" && !thread_) return lookup_ref(e.timens_offsets.get());
    if (name == "task" && !thread_) return lookup_ref(in->task_dir.get());
    if (name == "root" || name == "cwd")
      return lookup_ref(make_root_link(task_, name == "cwd", thread_));
    return errc{ENOENT};
  }
  result<std::vector<std::string>> readdir(const access_ctx&) override {
    if (task_->exited()) {
      if (thread_) return std::vector<std::string>{};
      return errc{ESRCH};
    }
    std::vector<std::string> names{"cgroup", "cmdline", "comm", "cwd", "fd", "gid_map",
                                   "mountinfo", "mounts", "net", "ns", "root", "setgroups",
                                   "stat", "status"};
    if (!thread_)
      names.insert(std::find(names.begin(), names.end(), std::string("net")), "mountstats");
    if (!thread_) names.push_back("task");
    if (!thread_) names.push_back("timens_offsets");
    names.push_back("uid_map");
    return names;
  }

 private:
  std::shared_ptr<task> task_;
  bool thread_;
};

class proc_root final : public inode {
 public:
  explicit proc_root(pid_table& m)
      : inode(S_IFDIR, 0555), m_(&m),
        sys_(make_sys_dir(m)),
        self_(std::make_shared<proc_symlink>(m, 0xF000, proc_symlink::kind::self)),
        thread_self_(std::make_shared<proc_symlink>(m, 0xF001, proc_symlink::kind::thread_self)),
        net_(std::make_shared<proc_symlink>(m, 0xF002, proc_symlink::kind::net)),
        mounts_(std::make_shared<proc_symlink>(m, 0xF003, proc_symlink::kind::mounts)) {}
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
    if (name == "mounts") return lookup_ref(mounts_.get());
    if (name == "sys") return lookup_ref(sys_.get());
    auto pid = parse_pid(name);
    if (!pid) return errc{ENOENT};
    task* t = m_->find_task_rcu(*pid);
    task_inodes* in = t ? inodes_of(*t) : nullptr;
    if (!in) return errc{ENOENT};
    return lookup_ref(in->pid_dir.get());
  }
  inode* self_link() const { return self_.get(); }
  result<std::vector<std::string>> readdir(const access_ctx&) override {
    std::vector<std::string> names{"mounts", "net", "self", "sys", "thread-self"};
    for (int pid : m_->pids()) names.push_back(std::to_string(pid));
    return names;
  }

 private:
  pid_table* m_;
  inode_ptr sys_, self_, thread_self_, net_, mounts_;
};

}  // namespace

namespace procfs_detail {
task_inodes* make_inodes_of(task& t) {
  auto in = std::make_unique<task_inodes>();
  in->pid_name = std::to_string(t.pid());
  std::shared_ptr<task> self = t.shared_from_this();
  in->pid_dir = std::make_shared<pid_dir>(self, false);
  in->thread_dir = std::make_shared<pid_dir>(self, true);
  in->fd_dir = make_fd_dir(self, false);
  in->thread_fd_dir = make_fd_dir(self, true);
  in->ns_dir = std::make_shared<ns_dir>(self);
  for (std::size_t i = 0; i < proc_ns_count; ++i)
    in->ns_links[i] = std::make_shared<ns_link>(self, *proc_ns_entries[i].ops,
                                                pid_ino(t.pid(), proc_ns_entries[i].ino));
  in->task_dir = std::make_shared<task_dir>(self);
  for (bool thread : {false, true}) {
    task_inodes::entries& e = thread ? in->thread : in->process;
    e.net_dir = make_tgid_net_dir(self, thread);
    e.uid_map = make_id_file(self, id_file::uid_map, thread);
    e.gid_map = make_id_file(self, id_file::gid_map, thread);
    e.setgroups = make_id_file(self, id_file::setgroups, thread);
    e.cgroup = make_cgroup_file(self, t.owner(), thread);
    e.mountinfo = make_mountinfo_file(self, thread);
    e.stat = make_stat_file(self, t.owner(), thread);
    e.status = make_status_file(self, t.owner(), thread);
    e.comm = make_comm_file(self, t.owner(), thread);
    e.cmdline = make_cmdline_file(self, t.owner(), thread);
    if (!thread) e.timens_offsets = make_timens_offsets_file(self, thread);
  }
  // The task holds them and they hold the task: exit breaks the cycle.
  return static_cast<task_inodes*>(t.install_fs_state(std::move(in)));
}
}  // namespace procfs_detail

namespace procfs_detail {
namespace {
class text_file final : public file {
 public:
  text_file(inode_ptr ino, int flags, std::string text, bool seq)
      : file(std::move(ino), flags), text_(std::move(text)), seq_(seq) {}
  result<std::int64_t> llseek(std::int64_t offset, int whence) override {
    return seq_ ? seq_llseek(offset, whence) : file::llseek(offset, whence);
  }
  result<std::string> read(const access_ctx&, std::size_t count) override {
    if ((flags_ & O_ACCMODE) == O_WRONLY) return errc{EBADF};
    lock_guard l(lock_);
    if (pos_ >= text_.size()) return std::string();
    std::string out = text_.substr(pos_, count);
    pos_ += out.size();
    return out;
  }

 private:
  mutex lock_;
  std::string text_;
  bool seq_;
};
}  // namespace

file_ptr open_text_file(inode_ptr node, int flags, std::string text, bool seq) {
  return std::make_shared<text_file>(std::move(node), flags, std::move(text), seq);
}
}  // namespace procfs_detail

bool ptrace_may_read(const access_ctx& ctx, task& target) {
  if (!ctx.creds) return true;  // the kernel
  return ptrace_may_access(*ctx.creds, ctx.pid, target, ptrace_mode::read_fscreds);
}

void attach_procfs(pid_table& m, vfs& fs) {
  auto root = std::make_shared<proc_root>(m);
  inode* self = root->self_link();
  if (fs.root()->attach("proc", root)) fs.set_procfs(root.get(), self);
}

}  // namespace netns::fs
