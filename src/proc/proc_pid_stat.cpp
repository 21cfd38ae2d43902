// SPDX-License-Identifier: GPL-2.0-only
// /proc/<pid>/stat, /proc/<pid>/comm and /proc/<pid>/cmdline
// (fs/proc/array.c's do_task_stat, fs/proc/base.c's comm and cmdline).
//
// What ps, pgrep and lsns read to name and place a process. The model
// keeps a task's identity (pid, parent, command name, arguments) and its
// state as far as the model has one: no scheduler, no memory, no clock, so
// the times, faults, sizes and addresses are 0, as a kernel thread's are,
// and the state is "R" for the reader itself and "S" for every other task.
#include <fcntl.h>

#include <cerrno>

#include <fmt/format.h>

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

// The parent's pid (task->real_parent): a task whose parent has gone was
// reparented to init.
int parent_pid(const task& t, pid_table& m) {
  if (t.ppid() == 0) return 0;
  return m.find_task(t.ppid()) ? t.ppid() : 1;
}

std::string task_stat_line(task& t, pid_table& m, const access_ctx& reader) {
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
      t.pid(), t.comm(), state, parent_pid(t, m),
      PF_RANDOMIZE_ | (first ? 0 : PF_FORKNOEXEC_), first ? 0 : SIGCHLD_);
}

class stat_inode final : public inode {
 public:
  enum class kind { stat, comm, cmdline };
  stat_inode(std::shared_ptr<task> t, pid_table& m, kind k, bool thread)
      : inode(S_IFREG), task_(std::move(t)), m_(&m), kind_(k), thread_(thread) {}
  result<stat_info> getattr(const access_ctx&) const override {
    const std::uint32_t mode = S_IFREG | mode_bits();
    auto [uid, gid] = task_dump_owner(*task_, mode);
    return proc_stat(pid_ino(task_->pid(), entry(), thread_), mode, uid, gid);
  }
  result<file_ptr> open(const access_ctx& ctx, int flags, inode_ptr self) override;

 private:
  std::uint32_t mode_bits() const { return kind_ == kind::comm ? 0644 : 0444; }
  pid_entry entry() const {
    return kind_ == kind::stat ? pid_entry::stat : kind_ == kind::comm ? pid_entry::comm : pid_entry::cmdline;
  }
  std::shared_ptr<task> task_;
  pid_table* m_;
  kind kind_;
  bool thread_;
};

// comm: the name and a newline; a write renames the task, but only from
// inside its own thread group (EINVAL from another process).
class comm_file final : public file {
 public:
  comm_file(inode_ptr ino, int flags, std::shared_ptr<task> t)
      : file(std::move(ino), flags), task_(std::move(t)) {}
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
  std::string text = kind_ == kind::stat ? task_stat_line(*task_, *m_, ctx) : task_->cmdline();
  return open_text_file(std::move(self), flags, std::move(text));
}

}  // namespace

inode_ptr make_stat_file(std::shared_ptr<task> t, pid_table& m, bool thread) {
  return std::make_shared<stat_inode>(std::move(t), m, stat_inode::kind::stat, thread);
}
inode_ptr make_comm_file(std::shared_ptr<task> t, pid_table& m, bool thread) {
  return std::make_shared<stat_inode>(std::move(t), m, stat_inode::kind::comm, thread);
}
inode_ptr make_cmdline_file(std::shared_ptr<task> t, pid_table& m, bool thread) {
  return std::make_shared<stat_inode>(std::move(t), m, stat_inode::kind::cmdline, thread);
}

}  // namespace netns::fs::procfs_detail
