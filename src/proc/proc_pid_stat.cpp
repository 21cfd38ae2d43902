// SPDX-License-Identifier: GPL-2.0-only
// /proc/<pid>/stat, status, comm and cmdline (fs/proc/array.c's
// do_task_stat and proc_pid_status, fs/proc/base.c's comm and cmdline).
//
// What ps, pgrep and lsns read to name and place a process. The model
// keeps a task's identity (pid, parent, command name, arguments) and its
// state as far as the model has one: no scheduler, no memory, no clock, so
// the times, faults, sizes and addresses are 0, as a kernel thread's are,
// and the state is "R" for the reader itself and "S" for every other task.
#include <fcntl.h>

#include <cerrno>

#include <fmt/format.h>

#include "netns/core/kernel.hpp"
#include "netns/core/pid_namespace.hpp"
#include "netns/task/pid_table.hpp"
#include "procfs_internal.hpp"

namespace netns::fs::procfs_detail {

namespace {

// task->flags as ps sees them: PF_RANDOMIZE (an exec with address space
// randomisation) and PF_FORKNOEXEC (forked, no exec since), which every
// task but the first one has.
constexpr unsigned PF_FORKNOEXEC_ = 0x00000040;
constexpr unsigned PF_RANDOMIZE_ = 0x00400000;
constexpr int SIGCHLD_ = 17;

// The parent's pid (task->real_parent) in `ns`, 0 where it is not seen. A
// task whose parent has gone was reparented to the child reaper of its
// pid namespace: that namespace's init (pid 1 there).
int parent_pid(const task& t, pid_table& m, const pid_namespace* ns) {
  if (t.ppid() == 0) return 0;
  if (std::shared_ptr<task> p = m.find_task(t.ppid())) return pid_nr_in(*p, ns);
  std::shared_ptr<task> reaper = m.find_task_in_ns(t.active_pid_ns(), 1);
  return reaper ? pid_nr_in(*reaper, ns) : 0;
}

std::string task_stat_line(task& t, pid_table& m, const access_ctx& reader,
                           const pid_namespace* ns) {
  const bool first = t.ppid() == 0;
  const char state = reader.pid == t.pid() ? 'R' : 'S';
  // pid (comm) state ppid pgrp session tty_nr tpgid flags, the fault and
  // time counters, priority nice num_threads itrealvalue starttime vsize
  // rss rsslim (RLIM_INFINITY), the code and stack addresses, the signal
  // masks, wchan nswap cnswap exit_signal processor rt_priority policy,
  // the delay and guest times, the data and argument addresses and
  // exit_code.
  return fmt::format(
      "{} ({}) {} {} 0 0 0 -1 {} 0 0 0 0 0 0 0 0 20 0 1 0 0 0 0 18446744073709551615 "
      "0 0 0 0 0 0 0 0 0 0 0 0 {} 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n",
      pid_nr_in(t, ns), t.comm(), state, parent_pid(t, m, ns),
      PF_RANDOMIZE_ | (first ? 0 : PF_FORKNOEXEC_), first ? 0 : SIGCHLD_);
}

std::string caps_hex(cap_set s) { return fmt::format("{:016x}", s.bits); }

// The task's pid in each pid namespace from the proc's (nullptr: the
// initial one) down to its own: NStgid and NSpid.
std::string ns_pids(const task& t, const pid_namespace* ns) {
  std::vector<const pid_namespace*> chain;
  for (const pid_namespace* p = &t.active_pid_ns(); p; p = p->parent()) {
    chain.push_back(p);
    if (p == ns) break;
  }
  std::string out;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it)
    out += (out.empty() ? "" : "\t") + std::to_string(t.pid_nr_ns(**it));
  return out;
}

// proc_pid_status as far as the model keeps it: identity, ids in the
// reader's user namespace, pid numbers per namespace, capabilities. No
// memory lines (a task without an mm has none), no signals queued or
// pending, no scheduling (0 context switches).
std::string task_status(task& t, pid_table& m, const access_ctx& reader,
                        const pid_namespace* pid_ns) {
  const cred c = t.creds();
  const user_namespace& ns = reader.creds ? *reader.creds->user_ns : m.k().init_user_ns();
  const bool running = reader.pid == t.pid();
  std::size_t fd_size = 64;  // NR_OPEN_DEFAULT, doubled as the table grows
  for (int fd : t.fd_numbers())
    while (static_cast<std::size_t>(fd) >= fd_size) fd_size *= 2;
  const std::string pids = ns_pids(t, pid_ns);
  // The supplementary groups, space-separated, then one more space.
  std::string groups;
  if (c.group_info)
    for (kgid g : *c.group_info) groups += (groups.empty() ? "" : " ") + std::to_string(from_kgid_munged(ns, g));
  // The process group and session per level: the model has neither (0, as
  // for a group or session out of the namespace's sight).
  std::string none = "0";
  for (char ch : pids)
    if (ch == '\t') none += "\t0";
  return fmt::format(
      "Name:\t{}\nUmask:\t0022\nState:\t{}\nTgid:\t{}\nNgid:\t0\nPid:\t{}\nPPid:\t{}\n"
      "TracerPid:\t0\nUid:\t{}\t{}\t{}\t{}\nGid:\t{}\t{}\t{}\t{}\nFDSize:\t{}\nGroups:\t{} \n"
      "NStgid:\t{}\nNSpid:\t{}\nNSpgid:\t{}\nNSsid:\t{}\nKthread:\t0\nThreads:\t1\n"
      "SigQ:\t0/0\nSigPnd:\t{:016x}\nShdPnd:\t{:016x}\nSigBlk:\t{:016x}\nSigIgn:\t{:016x}\n"
      "SigCgt:\t{:016x}\nCapInh:\t{}\nCapPrm:\t{}\nCapEff:\t{}\nCapBnd:\t{}\nCapAmb:\t{}\n"
      "NoNewPrivs:\t0\nSeccomp:\t0\nSeccomp_filters:\t0\n"
      "voluntary_ctxt_switches:\t0\nnonvoluntary_ctxt_switches:\t0\n",
      t.comm(), running ? "R (running)" : "S (sleeping)", pid_nr_in(t, pid_ns),
      pid_nr_in(t, pid_ns), parent_pid(t, m, pid_ns),
      from_kuid_munged(ns, c.uid), from_kuid_munged(ns, c.euid), from_kuid_munged(ns, c.suid),
      from_kuid_munged(ns, c.fsuid), from_kgid_munged(ns, c.gid), from_kgid_munged(ns, c.egid),
      from_kgid_munged(ns, c.sgid), from_kgid_munged(ns, c.fsgid), fd_size, groups, pids, pids, none, none, 0, 0, 0, 0, 0,
      caps_hex(c.cap_inheritable), caps_hex(c.cap_permitted), caps_hex(c.cap_effective),
      caps_hex(c.cap_bset), caps_hex(c.cap_ambient));
}

class stat_inode final : public inode {
 public:
  enum class kind { stat, status, comm, cmdline };
  stat_inode(std::shared_ptr<task> t, pid_table& m, kind k, bool thread,
             const pid_namespace* ns = nullptr)
      : inode(S_IFREG), task_(std::move(t)), m_(&m), kind_(k), thread_(thread), ns_(ns) {}
  result<stat_info> getattr(const access_ctx&) const override {
    const std::uint32_t mode = S_IFREG | mode_bits();
    auto [uid, gid] = task_dump_owner(*task_, mode);
    return proc_stat(pid_ino(task_->pid(), entry(), thread_), mode, uid, gid);
  }
  result<file_ptr> open(const access_ctx& ctx, int flags, inode_ptr self) override;

 private:
  std::uint32_t mode_bits() const { return kind_ == kind::comm ? 0644 : 0444; }
  pid_entry entry() const {
    switch (kind_) {
      case kind::stat: return pid_entry::stat;
      case kind::status: return pid_entry::status;
      case kind::comm: return pid_entry::comm;
      case kind::cmdline: break;
    }
    return pid_entry::cmdline;
  }
  std::shared_ptr<task> task_;
  pid_table* m_;
  kind kind_;
  bool thread_;
  // The proc's pid namespace (nullptr: the initial one), kept alive by the
  // proc's superblock, which the walk that made this inode is in.
  const pid_namespace* ns_;
};

// comm: the name and a newline; a write renames the task, but only from
// inside its own thread group (EINVAL from another process).
class comm_file final : public file {
 public:
  comm_file(inode_ptr ino, int flags, std::shared_ptr<task> t)
      : file(std::move(ino), flags), task_(std::move(t)) {}
  // A seq_file in the kernel: no SEEK_END.
  result<std::int64_t> llseek(std::int64_t offset, int whence) override { return seq_llseek(offset, whence); }
  result<std::string> read(const access_ctx&, std::size_t count) override {
    if ((flags_ & O_ACCMODE) == O_WRONLY) return errc{EBADF};
    const std::string text = task_->comm() + "\n";
    lock_guard l(lock_);
    if (pos_ >= text.size()) return std::string();
    std::string out = text.substr(pos_, count);
    pos_ += out.size();
    return out;
  }
  result<std::size_t> write(const access_ctx& ctx, std::string_view data) override {
    if ((flags_ & O_ACCMODE) == O_RDONLY) return errc{EBADF};
    if (task_->exited()) return errc{ESRCH};
    if (ctx.pid != task_->pid()) return errc{EINVAL};
    task_->set_comm(data);
    return data.size();
  }

 private:
  mutex lock_;
  std::shared_ptr<task> task_;
};

result<file_ptr> stat_inode::open(const access_ctx& ctx, int flags, inode_ptr self) {
  if (task_->exited()) return errc{ESRCH};
  if (kind_ == kind::comm) return file_ptr(std::make_shared<comm_file>(std::move(self), flags, task_));
  if ((flags & O_ACCMODE) != O_RDONLY) return errc{EACCES};
  std::string text = kind_ == kind::stat     ? task_stat_line(*task_, *m_, ctx, ns_)
                     : kind_ == kind::status ? task_status(*task_, *m_, ctx, ns_)
                                             : task_->cmdline();
  return open_text_file(std::move(self), flags, std::move(text), kind_ != kind::cmdline);
}

}  // namespace

inode_ptr make_stat_file(std::shared_ptr<task> t, pid_table& m, bool thread,
                         const pid_namespace* ns) {
  return std::make_shared<stat_inode>(std::move(t), m, stat_inode::kind::stat, thread, ns);
}
inode_ptr make_status_file(std::shared_ptr<task> t, pid_table& m, bool thread,
                           const pid_namespace* ns) {
  return std::make_shared<stat_inode>(std::move(t), m, stat_inode::kind::status, thread, ns);
}
inode_ptr make_comm_file(std::shared_ptr<task> t, pid_table& m, bool thread) {
  return std::make_shared<stat_inode>(std::move(t), m, stat_inode::kind::comm, thread);
}
inode_ptr make_cmdline_file(std::shared_ptr<task> t, pid_table& m, bool thread) {
  return std::make_shared<stat_inode>(std::move(t), m, stat_inode::kind::cmdline, thread);
}

}  // namespace netns::fs::procfs_detail
