// SPDX-License-Identifier: GPL-2.0-only
// Reading and writing a supervised program's memory (process_vm_readv and
// process_vm_writev: the supervisor is the program's parent, so the ptrace
// access check passes without ptrace itself).
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "netns/base/result.hpp"

namespace netns::exec_detail {

// A NUL-terminated path at addr: EFAULT for a bad address, ENAMETOOLONG
// past PATH_MAX, as the kernel's getname.
result<std::string> read_path(pid_t pid, std::uint64_t addr);
result<void> read_memory(pid_t pid, std::uint64_t addr, void* out, std::size_t len);
result<void> write_memory(pid_t pid, std::uint64_t addr, const void* data, std::size_t len);
// Several writes in one process_vm_writev (a served call's results: a
// datagram, its sender's address, the msghdr), in order; EFAULT if any
// of them cannot be written whole.
struct memory_write {
  std::uint64_t addr;
  const void* data;
  std::size_t len;
};
result<void> write_memory(pid_t pid, std::span<const memory_write> writes);
// Several reads in one process_vm_readv, likewise.
struct memory_read {
  std::uint64_t addr;
  void* out;
  std::size_t len;
};
result<void> read_memory(pid_t pid, std::span<const memory_read> reads);
// The thread's umask (/proc/PID/status "Umask:"), which a served O_CREAT
// or mkdir applies as the kernel would; 022 where it cannot be read.
std::uint32_t process_umask(pid_t pid);

}  // namespace netns::exec_detail
