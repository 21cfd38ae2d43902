// SPDX-License-Identifier: GPL-2.0-only
// /proc/<pid>/cgroup (kernel/cgroup/cgroup.c's proc_cgroup_show) and
// /proc/<pid>/timens_offsets (fs/proc/base.c, kernel/time/namespace.c).
//
// cgroup: the task's cgroup in the v2 hierarchy, as a path from the root of
// the reader's cgroup namespace ("0::/" when they are the same). The model
// has one cgroup, so every task is at its namespace's root.
// timens_offsets: the offsets of the task's time namespace for children,
// "monotonic" then "boottime"; writable by CAP_SYS_TIME over that
// namespace's owner until a task enters it (EACCES then).
#include <time.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fmt/format.h>

#include "netns/base/thread_annotations.hpp"
#include "netns/task/pid_table.hpp"
#include "procfs_internal.hpp"

namespace netns::fs::procfs_detail {

namespace {

constexpr int CAP_SYS_TIME_ = 25;
constexpr long NSEC_PER_SEC_ = 1000000000L;
constexpr std::size_t PAGE_SIZE_ = 4096;
// KTIME_SEC_MAX: the seconds a ktime_t holds.
constexpr std::int64_t KTIME_SEC_MAX_ = 9223372036LL;

// The path of cgroup `cg` seen from a namespace rooted at `root`
// (cgroup_path_ns): relative when below it, with ".." steps otherwise.
std::string cgroup_path_from(std::string_view cg, std::string_view root) {
  if (root == "/") return std::string(cg);
  if (cg == root) return "/";
  if (cg.starts_with(root) && cg[root.size()] == '/') return std::string(cg.substr(root.size()));
  std::string up;
  for (char c : root.substr(1)) up += c == '/' ? "/.." : "";
  return "/.." + up + std::string(cg);
}

class cgroup_inode final : public inode {
 public:
  cgroup_inode(std::shared_ptr<task> t, pid_table& m, bool thread)
      : inode(S_IFREG), task_(std::move(t)), m_(&m), thread_(thread) {}
  result<stat_info> getattr(const access_ctx&) const override {
    auto [uid, gid] = task_dump_owner(*task_, S_IFREG | 0444);
    return proc_stat(pid_ino(task_->pid(), pid_entry::cgroup, thread_), S_IFREG | 0444, uid, gid);
  }
  result<file_ptr> open(const access_ctx& ctx, int flags, inode_ptr self) override {
    if ((flags & O_ACCMODE) != O_RDONLY) return errc{EACCES};
    if (task_->exited()) return errc{ESRCH};
    // The reader's cgroup namespace (current's), the initial one for the kernel.
    std::string root = "/";
    if (ctx.pid)
      if (auto reader = m_->find_task(ctx.pid))
        if (nsproxy_ref p = reader->get_nsproxy()) root = std::string(p->cgroup_ns->root());
    // Every task of the model is in the hierarchy's root cgroup.
    std::string text = "0::" + cgroup_path_from("/", root) + "\n";
    return open_text_file(std::move(self), flags, std::move(text));
  }

 private:
  std::shared_ptr<task> task_;
  pid_table* m_;
  bool thread_;
};

std::string show_offsets(const timens_offsets& o) {
  return fmt::format("{:<10} {:>10} {:>9}\n{:<10} {:>10} {:>9}\n", "monotonic", o.monotonic.sec,
                     o.monotonic.nsec, "boottime", o.boottime.sec, o.boottime.nsec);
}

struct offset_line {
  bool boottime;
  timens_offset val;
};

// timens_offsets_write's parser: up to two lines "CLOCK SECS NSECS", CLOCK
// a name or its number (monotonic 1, boottime 7). EINVAL otherwise.
result<std::vector<offset_line>> parse_offsets(std::string text) {
  std::vector<offset_line> out;
  char* pos = text.data();
  while (pos && out.size() < 2) {
    char* next = std::strchr(pos, '\n');
    if (next) {
      *next++ = '\0';
      if (*next == '\0') next = nullptr;
    }
    char clock[10] = {};
    long long sec = 0;
    unsigned long nsec = 0;
    if (std::sscanf(pos, "%9s %lld %lu", clock, &sec, &nsec) != 3 ||
        nsec >= static_cast<unsigned long>(NSEC_PER_SEC_))
      return errc{EINVAL};
    offset_line l{};
    if (!std::strcmp(clock, "monotonic") || !std::strcmp(clock, "1"))
      l.boottime = false;
    else if (!std::strcmp(clock, "boottime") || !std::strcmp(clock, "7"))
      l.boottime = true;
    else
      return errc{EINVAL};
    l.val = {sec, static_cast<long>(nsec)};
    out.push_back(l);
    pos = next;
  }
  return out;
}

class timens_offsets_file final : public file {
 public:
  timens_offsets_file(inode_ptr ino, int flags, std::shared_ptr<task> t, cred opener)
      : file(std::move(ino), flags), task_(std::move(t)), f_cred_(std::move(opener)) {}
  // A seq_file in the kernel: no SEEK_END.
  result<std::int64_t> llseek(std::int64_t offset, int whence) override { return seq_llseek(offset, whence); }

  result<std::string> read(const access_ctx&, std::size_t count) override {
    if ((flags_ & O_ACCMODE) == O_WRONLY) return errc{EBADF};
    nsproxy_ref p = task_->get_nsproxy();
    std::string text = p ? show_offsets(p->time_ns_for_children->offsets()) : std::string();
    lock_guard l(lock_);
    if (pos_ >= text.size()) return std::string();
    std::string out = text.substr(pos_, count);
    pos_ += out.size();
    return out;
  }

  // timens_offsets_write: one write of less than a page at position 0 (as
  // the id maps). proc_timens_set_offset: the capability, each offset's
  // range against the clock's current value (ERANGE), then EACCES once
  // frozen.
  result<std::size_t> write(const access_ctx&, std::string_view data) override {
    if ((flags_ & O_ACCMODE) == O_RDONLY) return errc{EBADF};
    {
      lock_guard l(lock_);
      if (pos_ != 0 || data.size() >= PAGE_SIZE_) return errc{EINVAL};
    }
    auto lines = parse_offsets(std::string(data));
    if (!lines) return lines.error();
    nsproxy_ref p = task_->get_nsproxy();
    if (!p) return errc{ESRCH};
    time_namespace& ns = *p->time_ns_for_children;
    if (!ns_capable(f_cred_, ns.user_ns(), CAP_SYS_TIME_)) return errc{EPERM};
    timens_offsets next = ns.offsets();
    for (const offset_line& l : *lines) {
      timespec now{};
      clock_gettime(l.boottime ? CLOCK_BOOTTIME : CLOCK_MONOTONIC, &now);
      if (l.val.sec > KTIME_SEC_MAX_ || l.val.sec < -KTIME_SEC_MAX_) return errc{ERANGE};
      std::int64_t sec = now.tv_sec + l.val.sec;
      if (now.tv_nsec + l.val.nsec >= NSEC_PER_SEC_) ++sec;
      if (sec < 0 || sec > KTIME_SEC_MAX_ / 2) return errc{ERANGE};
    }
    for (const offset_line& l : *lines) (l.boottime ? next.boottime : next.monotonic) = l.val;
    if (auto r = ns.set_offsets(next); !r) return r.error();
    return data.size();
  }

 private:
  mutex lock_;
  std::shared_ptr<task> task_;
  cred f_cred_;
};

class timens_offsets_inode final : public inode {
 public:
  explicit timens_offsets_inode(std::shared_ptr<task> t) : inode(S_IFREG), task_(std::move(t)) {}
  result<stat_info> getattr(const access_ctx&) const override {
    auto [uid, gid] = task_dump_owner(*task_, S_IFREG | 0644);
    return proc_stat(pid_ino(task_->pid(), pid_entry::timens_offsets), S_IFREG | 0644, uid, gid);
  }
  result<file_ptr> open(const access_ctx& ctx, int flags, inode_ptr self) override {
    if (task_->exited()) return errc{ESRCH};
    cred opener = ctx.creds ? *ctx.creds : task_->creds();
    return file_ptr(std::make_shared<timens_offsets_file>(std::move(self), flags, task_,
                                                          std::move(opener)));
  }

 private:
  std::shared_ptr<task> task_;
};

}  // namespace

inode_ptr make_cgroup_file(std::shared_ptr<task> t, pid_table& m, bool thread) {
  return std::make_shared<cgroup_inode>(std::move(t), m, thread);
}

inode_ptr make_timens_offsets_file(std::shared_ptr<task> t, bool) {
  return std::make_shared<timens_offsets_inode>(std::move(t));
}

}  // namespace netns::fs::procfs_detail
