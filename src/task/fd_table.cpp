// SPDX-License-Identifier: GPL-2.0-only
// The fd table's two sides: the task's plain stores, the lookers' hazard
// pointer and process-wide barrier (see fd_table.hpp).
#include "netns/task/fd_table.hpp"

#include <linux/membarrier.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <thread>

namespace netns {

namespace {

// Whether membarrier(PRIVATE_EXPEDITED) works here: 0 not asked yet, 1 yes,
// 2 no. Every close reads it, so the answer is a plain flag rather than a
// function-local static behind a call.
std::atomic<int> membarrier_state{0};

// Asks, and registers the process on the way (liburcu's memb flavour
// registers too; two threads asking at once both register: harmless).
[[gnu::noinline]] bool probe_membarrier() {
  long cmds = syscall(SYS_membarrier, MEMBARRIER_CMD_QUERY, 0, 0);
  const bool ok = cmds >= 0 && (cmds & MEMBARRIER_CMD_PRIVATE_EXPEDITED) &&
                  syscall(SYS_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0, 0) == 0;
  membarrier_state.store(ok ? 1 : 2, std::memory_order_release);
  return ok;
}

inline bool have_membarrier() {
  const int state = membarrier_state.load(std::memory_order_acquire);
  if (state != 0) [[likely]]
    return state == 1;
  return probe_membarrier();
}

// The task's side of the handshake: between its store to a slot and its
// look at the hazard pointer.
inline void light_barrier() {
  if (have_membarrier())
    std::atomic_signal_fence(std::memory_order_seq_cst);
  else
    std::atomic_thread_fence(std::memory_order_seq_cst);
}

// The looker's side: every thread of the process passes a full barrier.
void heavy_barrier() {
  if (!have_membarrier() || syscall(SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0) != 0)
    std::atomic_thread_fence(std::memory_order_seq_cst);
}

}  // namespace

fd_table::~fd_table() {
  for (auto& c : chunks_) delete c.load(std::memory_order_relaxed);
}

fd_table::slot* fd_table::slot_of(int fd, std::memory_order order) const {
  if (static_cast<unsigned>(fd) >= static_cast<unsigned>(TASK_MAX_FDS)) return nullptr;
  chunk* c = chunks_[fd / chunk_size].load(order);
  return c ? &c->slots[fd % chunk_size] : nullptr;
}

result<int> fd_table::install(fs::file_ptr&& f) {
  for (int fd = next_fd_; fd < TASK_MAX_FDS; ++fd) {
    chunk* c = chunks_[fd / chunk_size].load(std::memory_order_relaxed);
    if (!c) {
      c = new chunk;
      chunks_[fd / chunk_size].store(c, std::memory_order_release);
    }
    slot& s = c->slots[fd % chunk_size];
    if (s.raw.load(std::memory_order_relaxed)) continue;
    fs::file* p = f.get();
    s.owner = std::move(f);
    s.raw.store(p, std::memory_order_release);  // publishes owner too
    next_fd_ = fd + 1;
    return fd;
  }
  return errc{EMFILE};
}

result<fs::file_ptr> fd_table::replace(int fd, fs::file_ptr&& f) {
  if (static_cast<unsigned>(fd) >= static_cast<unsigned>(TASK_MAX_FDS)) return errc{EBADF};
  fs::file_ptr old = take(fd);  // waits out a looker of the old file
  chunk* c = chunks_[fd / chunk_size].load(std::memory_order_relaxed);
  if (!c) {
    c = new chunk;
    chunks_[fd / chunk_size].store(c, std::memory_order_release);
  }
  slot& s = c->slots[fd % chunk_size];
  fs::file* p = f.get();
  s.owner = std::move(f);
  s.raw.store(p, std::memory_order_release);  // publishes owner too
  if (fd == next_fd_) next_fd_ = fd + 1;
  return old;
}

fs::file_ptr fd_table::take(int fd) {
  slot* s = slot_of(fd, std::memory_order_relaxed);
  fs::file* p = s ? s->raw.load(std::memory_order_relaxed) : nullptr;
  if (!p) return nullptr;
  s->raw.store(nullptr, std::memory_order_relaxed);
  light_barrier();
  // A looker that read p before the store above may be taking its
  // reference: wait for it (it holds the hazard for a system call at most).
  for (int spins = 0; hazard_.load(std::memory_order_acquire) == p; ++spins)
    if (spins >= 64) std::this_thread::yield();
  if (fd < next_fd_) next_fd_ = fd;
  chunks_[fd / chunk_size].load(std::memory_order_relaxed)->close_on_exec &=
      ~(std::uint64_t{1} << (fd % chunk_size));
  return std::move(s->owner);
}

void fd_table::set_close_on_exec(int fd, bool on) {
  if (static_cast<unsigned>(fd) >= static_cast<unsigned>(TASK_MAX_FDS)) return;
  chunk* c = chunks_[fd / chunk_size].load(std::memory_order_relaxed);
  if (!c || !c->slots[fd % chunk_size].raw.load(std::memory_order_relaxed)) return;
  const std::uint64_t bit = std::uint64_t{1} << (fd % chunk_size);
  c->close_on_exec = on ? c->close_on_exec | bit : c->close_on_exec & ~bit;
}

bool fd_table::close_on_exec(int fd) const {
  if (static_cast<unsigned>(fd) >= static_cast<unsigned>(TASK_MAX_FDS)) return false;
  const chunk* c = chunks_[fd / chunk_size].load(std::memory_order_relaxed);
  return c && (c->close_on_exec >> (fd % chunk_size)) & 1;
}

std::vector<fs::file_ptr> fd_table::take_all() {
  std::vector<fs::file_ptr> out;
  for (int fd = 0; fd < TASK_MAX_FDS; ++fd)
    if (peek(fd)) out.push_back(take(fd));
  return out;
}

void fd_table::copy_from(const fd_table& parent) {
  for (int fd = 0; fd < TASK_MAX_FDS; ++fd) {
    fs::file* p = parent.peek(fd);
    if (!p) continue;
    chunk* c = chunks_[fd / chunk_size].load(std::memory_order_relaxed);
    if (!c) {
      c = new chunk;
      chunks_[fd / chunk_size].store(c, std::memory_order_relaxed);
    }
    slot& s = c->slots[fd % chunk_size];
    s.owner = parent.slot_of(fd, std::memory_order_relaxed)->owner;
    s.raw.store(p, std::memory_order_relaxed);  // published with the task
    if (parent.close_on_exec(fd)) c->close_on_exec |= std::uint64_t{1} << (fd % chunk_size);
  }
  next_fd_ = parent.next_fd_;
}

result<fs::file_ptr> fd_table::get(int fd) const {
  slot* s = slot_of(fd, std::memory_order_acquire);
  if (!s) return errc{EBADF};
  lock_guard l(lookers_);
  for (;;) {
    fs::file* p = s->raw.load(std::memory_order_acquire);
    if (!p) return errc{EBADF};
    hazard_.store(p, std::memory_order_seq_cst);
    heavy_barrier();
    if (s->raw.load(std::memory_order_acquire) == p) {
      fs::file_ptr f = s->owner;  // the task waits for the hazard before dropping it
      hazard_.store(nullptr, std::memory_order_release);
      return f;
    }
    hazard_.store(nullptr, std::memory_order_release);  // closed meanwhile: look again
  }
}

std::size_t fd_table::count() const {
  std::size_t n = 0;
  for (int fd = 0; fd < TASK_MAX_FDS; ++fd) {
    slot* s = slot_of(fd, std::memory_order_acquire);
    n += s && s->raw.load(std::memory_order_relaxed);
  }
  return n;
}

std::vector<int> fd_table::numbers() const {
  std::vector<int> out;
  for (int fd = 0; fd < TASK_MAX_FDS; ++fd) {
    slot* s = slot_of(fd, std::memory_order_acquire);
    if (s && s->raw.load(std::memory_order_relaxed)) out.push_back(fd);
  }
  return out;
}

}  // namespace netns
