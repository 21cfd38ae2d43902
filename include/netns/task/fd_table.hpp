// SPDX-License-Identifier: GPL-2.0-only
// A task's fd table, written by the task without a lock.
//
// The task (its one driving thread) installs and closes fds at a high rate;
// other tasks look at them rarely (/proc/<pid>/fd). So the cost of the
// exclusion is put on the lookers, as liburcu's memb flavour does for RCU:
//
// - The task publishes a file with a release store of the slot's pointer
//   and takes it away with a plain store, then a compiler barrier, then a
//   look at the table's hazard pointer; no atomic read-modify-write.
// - Another task sets the hazard pointer to the file it read, then calls
//   membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED), which makes every thread
//   of the process pass a full barrier, then reads the slot again. Either
//   the task's close came before that barrier (the second read sees the
//   slot empty: EBADF) or after it (the close sees the hazard and waits
//   until the looker has taken its reference). This is the asymmetric
//   Dekker handshake; the kernel gets the same effect from files freed
//   only after an RCU grace period.
// - Where membarrier is not available, both sides use full fences instead.
//
// Slots live in chunks of 64 that are allocated on demand and never move,
// so a looker never sees the table reallocated under it.
//
// Example:
//   #include "netns/machine/machine.hpp"
//   machine m;
//   fs::file_ptr file = *m.vfs().open(m.init_task().access(), "/run/netns", O_RDONLY);
//   fd_table t;                              // a task's (task::fd_install and friends)
//   int fd = *t.install(std::move(file));    // the task itself: the lowest free fd
//   fs::file_ptr f = *t.get(fd);             // any task: a reference of its own
//   fs::file_ptr closed = t.take(fd);        // the task: the caller drops the reference
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "netns/base/result.hpp"
#include "netns/base/thread_annotations.hpp"
#include "netns/fs/vfs.hpp"

namespace netns {

// RLIMIT_NOFILE's usual soft limit: fds are 0..1023.
inline constexpr int TASK_MAX_FDS = 1024;

class fd_table {
 public:
  fd_table() = default;
  fd_table(const fd_table&) = delete;
  fd_table& operator=(const fd_table&) = delete;
  ~fd_table();

  // ---- the owning task's thread only ----
  // Installs f at the lowest free fd (f is moved from only then); EMFILE
  // when full.
  result<int> install(fs::file_ptr&& f);
  // The file at fd or nullptr, valid until the task closes fd.
  fs::file* peek(int fd) const {
    if (static_cast<unsigned>(fd) >= static_cast<unsigned>(TASK_MAX_FDS)) return nullptr;
    chunk* c = chunks_[fd / chunk_size].load(std::memory_order_relaxed);
    return c ? c->slots[fd % chunk_size].raw.load(std::memory_order_relaxed) : nullptr;
  }
  // dup2's replace_fd: f at fd, whatever was there taken out and returned
  // (nullptr if fd was free); EBADF for an fd out of range.
  result<fs::file_ptr> replace(int fd, fs::file_ptr&& f);
  // Takes fd out of the table: the file, or nullptr if fd was not open.
  fs::file_ptr take(int fd);
  // Takes every fd out (exit_files).
  std::vector<fs::file_ptr> take_all();
  // The close-on-exec bit of fd (FD_CLOEXEC): set by O_CLOEXEC opens and
  // FIOCLEX, cleared by FIONCLEX, by close and by replace (dup2's new fd);
  // fork copies it. Ignored for an fd out of range or not open.
  void set_close_on_exec(int fd, bool on);
  bool close_on_exec(int fd) const;
  // fork's dup_fd: the same files at the same fds as `parent`, which the
  // calling thread drives; this table is not yet visible to anyone.
  void copy_from(const fd_table& parent);

  // ---- any thread ----
  // The file at fd (a reference of the caller's own), or EBADF.
  result<fs::file_ptr> get(int fd) const;
  std::size_t count() const;
  // The open fds, ascending.
  std::vector<int> numbers() const;

 private:
  static constexpr int chunk_size = 64;
  struct slot {
    std::atomic<fs::file*> raw{nullptr};  // what lookers read
    fs::file_ptr owner;                   // the table's reference
  };
  struct chunk {
    slot slots[chunk_size];
    std::uint64_t close_on_exec = 0;  // bit fd % chunk_size; the task's own
  };
  slot* slot_of(int fd, std::memory_order order) const;

  std::atomic<chunk*> chunks_[TASK_MAX_FDS / chunk_size] = {};
  int next_fd_ = 0;  // no free fd below it (the task's own)
  // Lookers take turns: one hazard pointer per table is enough.
  mutable mutex lookers_;
  mutable std::atomic<fs::file*> hazard_{nullptr};
};

}  // namespace netns
