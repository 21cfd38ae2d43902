// SPDX-License-Identifier: GPL-2.0-only
#include "tracee_memory.hpp"

#include <sys/uio.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <fstream>
#include <vector>

namespace netns::exec_detail {

namespace {

// One process_vm_readv or process_vm_writev over (local, remote) pieces of
// equal lengths, in batches of IOV_MAX (a served call has a few); EFAULT
// unless every byte was moved.
using vm_transfer = ssize_t (*)(pid_t, const iovec*, unsigned long, const iovec*, unsigned long, unsigned long);

result<void> transfer(vm_transfer fn, pid_t pid, const std::vector<iovec>& local, const std::vector<iovec>& remote) {
  for (std::size_t at = 0; at < local.size(); at += IOV_MAX) {
    const std::size_t count = std::min<std::size_t>(IOV_MAX, local.size() - at);
    std::size_t want = 0;
    for (std::size_t i = at; i < at + count; ++i) want += local[i].iov_len;
    const ssize_t n = fn(pid, local.data() + at, count, remote.data() + at, count, 0);
    if (n < 0) return errc{errno == ESRCH ? ESRCH : EFAULT};
    if (static_cast<std::size_t>(n) != want) return errc{EFAULT};
  }
  return ok();
}

template <typename Piece, typename LocalOf>
result<void> transfer_pieces(vm_transfer fn, pid_t pid, std::span<const Piece> pieces, LocalOf local_of) {
  std::vector<iovec> local, remote;
  for (const Piece& p : pieces) {
    if (p.len == 0) continue;
    local.push_back({local_of(p), p.len});
    remote.push_back({reinterpret_cast<void*>(p.addr), p.len});
  }
  return transfer(fn, pid, local, remote);
}

}  // namespace

result<void> read_memory(pid_t pid, std::uint64_t addr, void* out, std::size_t len) {
  const memory_read one[] = {{addr, out, len}};
  return read_memory(pid, one);
}

result<void> write_memory(pid_t pid, std::uint64_t addr, const void* data, std::size_t len) {
  const memory_write one[] = {{addr, data, len}};
  return write_memory(pid, one);
}

result<void> read_memory(pid_t pid, std::span<const memory_read> reads) {
  return transfer_pieces(process_vm_readv, pid, reads, [](const memory_read& r) { return r.out; });
}

result<void> write_memory(pid_t pid, std::span<const memory_write> writes) {
  return transfer_pieces(process_vm_writev, pid, writes,
                         [](const memory_write& w) { return const_cast<void*>(w.data); });
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
