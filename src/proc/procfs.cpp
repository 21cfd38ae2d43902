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
// from the reader (one inode each serves every reader). self and
// thread-self are each proc's own (proc_setup_self): they name the
// reader's pid in that proc's pid namespace, and ENOENT for a reader it
// does not see (fs/proc/self.c proc_self_get_link).
class proc_symlink final : public inode {
 public:
  enum class kind { self, thread_self, net, mounts };
  proc_symlink(pid_table& m, std::uint64_t ino, kind k, proc_fs_info_ptr fs = nullptr)
      : inode(S_IFLNK), m_(&m), ino_(ino), kind_(k), fs_(std::move(fs)) {}
  result<stat_info> getattr(const access_ctx&) const override {
    return proc_stat(ino_, S_IFLNK | 0777);
  }
  result<void> readlink_into(const access_ctx& c, std::string& out) override {
    if (kind_ != kind::self || fs_->pid_ns->level() != 0) return inode::readlink_into(c, out);
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
  // that entry without reading the body and looking it up again (the
  // per-task directory: a proc that shows what the boot one shows).
  result<lookup_ref> follow_link(const access_ctx& c) override {
    if (kind_ != kind::self || !c.pid || !fs_->plain()) return inode::follow_link(c);
    task* t = m_->find_task_rcu(c.pid);
    task_inodes* in = t ? inodes_of(*t) : nullptr;
    if (!in) return inode::follow_link(c);  // the body, then its lookup, say why not
    return lookup_ref::entry_of_link_dir(in->pid_dir.get(), in->pid_name);
  }
  result<std::string> readlink(const access_ctx& c) override {
    switch (kind_) {
      case kind::self:
      case kind::thread_self: {
        const int nr = reader_nr(c);
        if (!nr) return errc{ENOENT};
        if (kind_ == kind::self) return std::to_string(nr);
        // The model's tasks are single-threaded below the initial pid
        // namespace: the thread is the process.
        const int tid = fs_->pid_ns->level() == 0 ? c.thread_id() : nr;
        return std::to_string(nr) + "/task/" + std::to_string(tid);
      }
      case kind::mounts:
        return std::string("self/mounts");
      case kind::net:
        break;
    }
    return std::string("self/net");
  }

 private:
  // task_tgid_nr_ns(current, ns): the reader's pid in the proc's pid
  // namespace, 0 when it is not seen there (or is the kernel itself).
  int reader_nr(const access_ctx& c) const {
    if (!c.pid || fs_->pid_ns->level() == 0) return c.pid;
    std::shared_ptr<task> t = m_->find_task(c.pid);
    return t ? t->pid_nr_ns(*fs_->pid_ns) : 0;
  }
  pid_table* m_;
  std::uint64_t ino_;
  kind kind_;
  proc_fs_info_ptr fs_;  // self and thread-self: the proc they belong to
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

// A /proc/<pid> made per lookup, for a proc that does not show what the
// boot one shows.
inode_ptr make_pid_dir(std::shared_ptr<task> t, bool thread, proc_fs_info_ptr fs);

// /proc/<pid>/task. `fs`: the proc it was looked up in, unless one that
// shows what the boot /proc shows (nullptr: the per-task inode); its
// thread is numbered in that proc's pid namespace.
class task_dir final : public inode {
 public:
  explicit task_dir(std::shared_ptr<task> t, proc_fs_info_ptr fs = nullptr)
      : inode(S_IFDIR, 0555), task_(std::move(t)), fs_(std::move(fs)) {}
  result<stat_info> getattr(const access_ctx&) const override {
    auto [uid, gid] = task_dump_owner(*task_, S_IFDIR | 0555);
    return proc_stat(pid_ino(task_->pid(), pid_entry::task_dir), S_IFDIR | 0555, uid, gid);
  }
  result<lookup_ref> lookup(const access_ctx&, std::string_view name) override {
    if (task_->exited()) return errc{ESRCH};  // probed, reached through an fd opened before the exit
    auto pid = parse_pid(name);
    if (!pid || *pid != nr()) return errc{ENOENT};
    if (fs_) return lookup_ref(make_pid_dir(task_, true, fs_));
    task_inodes* in = inodes_of(*task_);
    if (!in) return errc{ENOENT};
    return lookup_ref(in->thread_dir.get());
  }
  result<std::vector<std::string>> readdir(const access_ctx&) override {
    if (task_->exited()) return errc{ESRCH};
    return std::vector<std::string>{std::to_string(nr())};
  }

 private:
  int nr() const { return pid_nr_in(*task_, fs_ ? fs_->pid_ns.get() : nullptr); }
  std::shared_ptr<task> task_;
  proc_fs_info_ptr fs_;
};

// /proc/<pid> (and /proc/<pid>/task/<tid>). `fs`: as task_dir's; with
// hidepid= its getattr and permission ask has_pid_permissions
// (pid_getattr, proc_pid_permission), so its mode is not fixed.
class pid_dir final : public inode {
 public:
  pid_dir(std::shared_ptr<task> t, bool is_thread, proc_fs_info_ptr fs = nullptr)
      : inode(S_IFDIR, fs && fs->opts().hide_pid != proc_hidepid::off ? 0 : 0555),
        task_(std::move(t)),
        thread_(is_thread),
        fs_(std::move(fs)) {}
  bool removal_forbidden() const override { return true; }  // probed: EPERM for it and in it
  result<stat_info> getattr(const access_ctx& ctx) const override {
    // pid_getattr: consistent with readdir, which leaves such a pid out.
    if (fs_ && !task_->exited() &&
        !has_pid_permissions(*fs_, ctx, *task_, proc_hidepid::invisible))
      return errc{ENOENT};
    auto [uid, gid] = task_dump_owner(*task_, S_IFDIR | 0555);
    return proc_stat(pid_ino(task_->pid(), thread_ ? pid_entry::thread_dir : pid_entry::dir),
                     S_IFDIR | 0555, uid, gid);
  }
  // proc_pid_permission: a reader hidepid= hides the task from may not
  // enter or read its directory: ENOENT with invisible, else EPERM.
  result<void> permission(const access_ctx& ctx, int mask) const override {
    if (fs_) {
      if (task_->exited()) return errc{ESRCH};
      if (!has_pid_permissions(*fs_, ctx, *task_, proc_hidepid::no_access))
        return errc{fs_->opts().hide_pid == proc_hidepid::invisible ? ENOENT : EPERM};
    }
    return inode::permission(ctx, mask);
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
    // A proc of another pid namespace numbers pids in it.
    const pid_namespace* ns = fs_ && fs_->pid_ns->level() ? fs_->pid_ns.get() : nullptr;
    if (name == "stat")
      return ns ? lookup_ref(make_stat_file(task_, task_->owner(), thread_, ns))
                : lookup_ref(e.stat.get());
    if (name == "status")
      return ns ? lookup_ref(make_status_file(task_, task_->owner(), thread_, ns))
                : lookup_ref(e.status.get());
    if (name == "comm") return lookup_ref(e.comm.get());
    if (name == "cmdline") return lookup_ref(e.cmdline.get());
    if (name == "timens_offsets" && !thread_) return lookup_ref(e.timens_offsets.get());
    if (name == "task" && !thread_)
      return fs_ ? lookup_ref(std::make_shared<task_dir>(task_, fs_))
                 : lookup_ref(in->task_dir.get());
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
  proc_fs_info_ptr fs_;
};

inode_ptr make_pid_dir(std::shared_ptr<task> t, bool thread, proc_fs_info_ptr fs) {
  return std::make_shared<pid_dir>(std::move(t), thread, std::move(fs));
}

// The root of a proc (proc_root's inode in one superblock). The boot /proc
// and every later mount of proc have their own, each with its proc_fs_info;
// /proc/sys, /proc/net and /proc/mounts are shared (they answer each
// reader for its own namespaces, as the kernel's do).
class proc_root final : public inode {
 public:
  proc_root(pid_table& m, proc_fs_info_ptr fs)
      : proc_root(m, fs, make_sys_dir(m),
                  std::make_shared<proc_symlink>(m, 0xF002, proc_symlink::kind::net),
                  std::make_shared<proc_symlink>(m, 0xF003, proc_symlink::kind::mounts)) {}
  // Another proc: this one's shared entries, its own self and thread-self.
  std::shared_ptr<proc_root> instance(proc_fs_info_ptr fs) const {
    return std::make_shared<proc_root>(*m_, std::move(fs), sys_, net_, mounts_);
  }
  proc_root(pid_table& m, proc_fs_info_ptr fs, inode_ptr sys, inode_ptr net, inode_ptr mounts)
      : inode(S_IFDIR, 0555), m_(&m), fs_(std::move(fs)),
        sys_(std::move(sys)),
        self_(std::make_shared<proc_symlink>(m, 0xF000, proc_symlink::kind::self, fs_)),
        thread_self_(
            std::make_shared<proc_symlink>(m, 0xF001, proc_symlink::kind::thread_self, fs_)),
        net_(std::move(net)),
        mounts_(std::move(mounts)) {}
  result<stat_info> getattr(const access_ctx&) const override {
    return proc_stat(PROC_ROOT_INO, S_IFDIR | 0555);
  }
  // Every child lives as long as the root, or as its task (task_inodes),
  // or is made for the walk (pinned).
  result<lookup_ref> lookup(const access_ctx& ctx, std::string_view name) override {
    // self and thread-self are in the dcache from the start
    // (proc_setup_self): found even with subset=pid.
    if (name == "self") {
      if (!ctx.pid) return errc{ENOENT};  // the kernel itself has no /proc/self
      return lookup_ref(self_.get());
    }
    if (name == "thread-self") {
      if (!ctx.pid) return errc{ENOENT};
      return lookup_ref(thread_self_.get());
    }
    // proc_root_lookup: a pid first, then proc_lookup, which subset=pid
    // turns off.
    if (auto pid = parse_pid(name)) return lookup_pid(ctx, *pid);
    if (fs_->opts().pidonly) return errc{ENOENT};
    if (name == "net") return lookup_ref(net_.get());
    if (name == "mounts") return lookup_ref(mounts_.get());
    if (name == "sys") return lookup_ref(sys_.get());
    return errc{ENOENT};
  }
  inode* self_link() const { return self_.get(); }
  // proc_root_readdir: the entries (none with subset=pid), then
  // proc_pid_readdir: self, thread-self and the pids the proc's namespace
  // sees, less those hidepid=invisible (or ptraceable) hides.
  result<std::vector<std::string>> readdir(const access_ctx& ctx) override {
    std::vector<std::string> names =
        fs_->opts().pidonly ? std::vector<std::string>{"self", "thread-self"}
                          : std::vector<std::string>{"mounts", "net", "self", "sys", "thread-self"};
    if (fs_->plain()) {
      for (int pid : m_->pids()) names.push_back(std::to_string(pid));
      return names;
    }
    for (auto& [nr, t] : m_->tasks_in_ns(*fs_->pid_ns))
      if (has_pid_permissions(*fs_, ctx, *t, proc_hidepid::invisible))
        names.push_back(std::to_string(nr));
    return names;
  }

 private:
  // proc_pid_lookup: the task numbered `nr` in the proc's pid namespace;
  // hidepid=ptraceable leaves out what the reader may not ptrace.
  result<lookup_ref> lookup_pid(const access_ctx& ctx, int nr) {
    if (fs_->plain()) {
      task* t = m_->find_task_rcu(nr);
      task_inodes* in = t ? inodes_of(*t) : nullptr;
      if (!in) return errc{ENOENT};
      return lookup_ref(in->pid_dir.get());
    }
    std::shared_ptr<task> t = m_->find_task_in_ns(*fs_->pid_ns, nr);
    if (!t || t->exited()) return errc{ENOENT};
    if (fs_->opts().hide_pid == proc_hidepid::not_ptraceable &&
        !has_pid_permissions(*fs_, ctx, *t, proc_hidepid::no_access))
      return errc{ENOENT};
    return lookup_ref(make_pid_dir(std::move(t), false, fs_));
  }

  pid_table* m_;
  proc_fs_info_ptr fs_;
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
  pid_namespace& init_ns = m.k().init_pid_ns();
  auto root = std::make_shared<proc_root>(
      m, std::make_shared<proc_fs_info>(pid_ns_ref::acquire(&init_ns),
                                        std::make_shared<const proc_sb_options>()));
  inode* self = root->self_link();
  if (!fs.root()->attach("proc", root)) return;
  // proc_init_fs_context: a new proc is the mounter's active pid
  // namespace's (the kernel's own: the initial one), unless pidns= named
  // another.
  auto make = [&m, boot = root](const access_ctx& ctx, std::shared_ptr<const proc_sb_options> opts,
                                pid_namespace* named) -> inode_ptr {
    std::shared_ptr<task> current = ctx.pid && !named ? m.find_task(ctx.pid) : nullptr;
    pid_namespace& ns = named     ? *named
                        : current ? current->active_pid_ns()
                                  : m.k().init_pid_ns();
    return boot->instance(std::make_shared<proc_fs_info>(pid_ns_ref::acquire(&ns), std::move(opts)));
  };
  fs.set_procfs(root.get(), self, std::move(make));
}

}  // namespace netns::fs
