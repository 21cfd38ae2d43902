// SPDX-License-Identifier: GPL-2.0-only
// The boot-time limits Linux derives from the machine's memory
// (kernel/fork.c: set_max_threads, fork_init).
#include <sys/sysinfo.h>

#include <algorithm>
#include <cstdint>

#include "netns/core/kernel.hpp"

namespace netns {

namespace {
constexpr std::uint64_t thread_size = 16 * 1024;     // THREAD_SIZE (x86-64, arm64)
constexpr std::uint64_t min_threads = 20;            // MIN_THREADS
constexpr std::uint64_t max_threads_cap = 0x3fffffff;  // MAX_THREADS = FUTEX_TID_MASK
}  // namespace

std::uint64_t max_threads_for_memory(std::uint64_t memory_bytes) {
  // "The default maximum number of threads is set to a safe value: the
  // thread structures can take up at most half of memory" -- as an 8th of
  // the memory in stacks. Computed in bytes, which cannot overflow here.
  const std::uint64_t threads = memory_bytes / (thread_size * 8);
  return std::clamp(threads, min_threads, max_threads_cap);
}

long ucount_max_for_memory(std::uint64_t memory_bytes) {
  return static_cast<long>(max_threads_for_memory(memory_bytes) / 2);
}

namespace {
long notify_limit_for_memory(std::uint64_t memory_bytes, std::uint64_t cost) {
  const std::uint64_t pages = memory_bytes / 4096;
  const std::uint64_t v = ((pages / 100) << 12) / cost;
  return static_cast<long>(std::clamp<std::uint64_t>(v, 8192, 1048576));
}
}  // namespace

long inotify_watches_for_memory(std::uint64_t memory_bytes) { return notify_limit_for_memory(memory_bytes, 1312); }
long fanotify_marks_for_memory(std::uint64_t memory_bytes) { return notify_limit_for_memory(memory_bytes, 1232); }

std::uint64_t host_memory_bytes() {
  // The machine's memory does not change under a running process; one
  // sysinfo call serves every kernel_config this process makes.
  static const std::uint64_t bytes = [] {
    struct sysinfo si {};
    if (sysinfo(&si) != 0) return std::uint64_t{0};  // -> MIN_THREADS, as a tiny machine
    return static_cast<std::uint64_t>(si.totalram) * si.mem_unit;
  }();
  return bytes;
}

}  // namespace netns
