// SPDX-License-Identifier: GPL-2.0-only
#include "tracee_memory.hpp"

#include <sys/uio.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <fstream>
#include <vector>

namespace netns::exec_detail {

result<void> read_memory(pid_t pid, std::uint64_t addr, void* out, std::size_t len) {
  if (len == 0) return ok();
  iovec local{out, len};
  iovec remote{reinterpret_cast<void*>(addr), len};
  ssize_t n = process_vm_readv(pid, &local, 1, &remote, 1, 0);
  if (n < 0) return errc{errno == ESRCH ? ESRCH : EFAULT};
  if (static_cast<std::size_t>(n) != len) return errc{EFAULT};
  return ok();
}

result<void> write_memory(pid_t pid, std::uint64_t addr, const void* data, std::size_t len) {
  if (len == 0) return ok();
  iovec local{const_cast<void*>(data), len};
  iovec remote{reinterpret_cast<void*>(addr), len};
  ssize_t n = process_vm_writev(pid, &local, 1, &remote, 1, 0);
  if (n < 0) return errc{errno == ESRCH ? ESRCH : EFAULT};
  if (static_cast<std::size_t>(n) != len) return errc{EFAULT};
  return ok();
}

result<void> write_memory(pid_t pid, std::span<const memory_write> writes) {
  std::vector<iovec> local, remote;
  std::size_t total = 0;
  for (const memory_write& w : writes) {
    if (w.len == 0) continue;
    local.push_back({const_cast<void*>(w.data), w.len});
    remote.push_back({reinterpret_cast<void*>(w.addr), w.len});
    total += w.len;
  }
  if (total == 0) return ok();
  if (local.size() > IOV_MAX) {  // (never for a served call's few results)
    for (const memory_write& w : writes)
      if (auto r = write_memory(pid, w.addr, w.data, w.len); !r) return r;
    return ok();
  }
  ssize_t n = process_vm_writev(pid, local.data(), local.size(), remote.data(), remote.size(), 0);
  if (n < 0) return errc{errno == ESRCH ? ESRCH : EFAULT};
  if (static_cast<std::size_t>(n) != total) return errc{EFAULT};
  return ok();
}

result<void> read_memory(pid_t pid, std::span<const memory_read> reads) {
  std::vector<iovec> local, remote;
  std::size_t total = 0;
  for (const memory_read& r : reads) {
    if (r.len == 0) continue;
    local.push_back({r.out, r.len});
    remote.push_back({reinterpret_cast<void*>(r.addr), r.len});
    total += r.len;
  }
  if (total == 0) return ok();
  if (local.size() > IOV_MAX) {
    for (const memory_read& r : reads)
      if (auto got = read_memory(pid, r.addr, r.out, r.len); !got) return got;
    return ok();
  }
  ssize_t n = process_vm_readv(pid, local.data(), local.size(), remote.data(), remote.size(), 0);
  if (n < 0) return errc{errno == ESRCH ? ESRCH : EFAULT};
  if (static_cast<std::size_t>(n) != total) return errc{EFAULT};
  return ok();
}

result<std::string> read_path(pid_t pid, std::uint64_t addr) {
  if (addr == 0) return errc{EFAULT};
  std::string out;
  // Page by page: a path may end just before an unmapped page, which a
  // read of PATH_MAX bytes at once would fail on.
  constexpr std::uint64_t page = 4096;
  while (out.size() < PATH_MAX) {
    const std::uint64_t chunk = page - (addr % page);
    char buf[page];
    iovec local{buf, chunk};
    iovec remote{reinterpret_cast<void*>(addr), chunk};
    ssize_t n = process_vm_readv(pid, &local, 1, &remote, 1, 0);
    if (n <= 0) return errc{errno == ESRCH ? ESRCH : EFAULT};
    const void* nul = std::memchr(buf, '\0', static_cast<std::size_t>(n));
    if (nul) {
      out.append(buf, static_cast<const char*>(nul) - buf);
      if (out.size() >= PATH_MAX) break;
      return out;
    }
    out.append(buf, static_cast<std::size_t>(n));
    addr += static_cast<std::uint64_t>(n);
  }
  return errc{ENAMETOOLONG};
}

std::uint32_t process_umask(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("Umask:", 0) == 0) return static_cast<std::uint32_t>(std::stoul(line.substr(6), nullptr, 8));
  return 022;
}

}  // namespace netns::exec_detail
