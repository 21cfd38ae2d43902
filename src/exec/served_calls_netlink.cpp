// SPDX-License-Identifier: GPL-2.0-only
// NETLINK_ROUTE sockets in the model: socket, bind, connect, getsockname,
// getpeername, the socket options, and the datagrams both ways (sendto/sendmsg,
// recvfrom/recvmsg, with a sockaddr_nl as the kernel fills it).
#include <fcntl.h>
#include <linux/netlink.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "netns/netlink/socket.hpp"
#include "served_calls.hpp"
#include "tracee_memory.hpp"

namespace netns::exec_detail {

namespace {

// Far more than a model netlink socket's send buffer can be (twice
// wmem_max at most): a send this long is EMSGSIZE, as netlink_sendmsg says
// for anything past the buffer.
constexpr std::size_t max_datagram = 64u << 20;

reply status(const result<void>& r) { return r ? reply::ok(0) : reply::fail(r.error()); }

// The iovecs of a msghdr in the program, as (address, length) pairs;
// UIO_MAXIOV at most, as the kernel's import_iovec.
result<std::vector<iovec>> read_iovecs(pid_t tid, std::uint64_t addr, std::uint64_t count) {
  if (count > UIO_MAXIOV) return errc{EMSGSIZE};
  std::vector<iovec> iov(count);
  if (auto r = read_memory(tid, addr, iov.data(), count * sizeof(iovec)); !r) return r.error();
  return iov;
}

// Is the program's fd non-blocking (O_NONBLOCK on the placeholder's open
// file, which fcntl may have set at any time)?
bool nonblocking(int pidfd, int fd) {
  long copy = syscall(SYS_pidfd_getfd, pidfd, fd, 0);
  if (copy < 0) return false;
  const int fl = fcntl(static_cast<int>(copy), F_GETFL);
  close(static_cast<int>(copy));
  return fl >= 0 && (fl & O_NONBLOCK);
}

}  // namespace

reply served_calls::do_socket(process& p, int family, int type, int protocol, std::string& text) {
  if (family != AF_NETLINK || protocol != NETLINK_ROUTE) return reply::pass();
  text = "AF_NETLINK, " + std::to_string(type) + ", NETLINK_ROUTE";
  const int kind = type & ~(SOCK_CLOEXEC | SOCK_NONBLOCK);
  if (type & ~(SOCK_CLOEXEC | SOCK_NONBLOCK | 0xf)) return reply::fail(EINVAL);
  // SOCK_NONBLOCK stays on the placeholder itself (added by the program's
  // own fcntl later too): recv reads it there.
  auto fd = sys_socket(*p.t, AF_NETLINK, kind, protocol);
  if (!fd) return reply::fail(fd.error());
  auto file = p.t->fd_get(*fd);
  (void)p.t->fd_close(*fd);
  if (!file) return reply::fail(file.error());
  reply r = reply::fd(std::move(*file), (type & SOCK_CLOEXEC) != 0);
  r.nonblock = (type & SOCK_NONBLOCK) != 0;
  r.netlink = true;
  return r;
}

reply served_calls::do_sockopt(const seccomp_notif& req, process& p, bool set, int fd, int level,
                               int name, std::uint64_t val, std::uint64_t len_or_ptr,
                               std::string& text) {
  fs::file_ptr file = model_file(p, fd);
  if (!file) return reply::pass();
  const pid_t tid = static_cast<pid_t>(req.pid);
  text = std::to_string(fd) + ", " + std::to_string(level) + ", " + std::to_string(name);
  if (set) {
    // optlen is an int: negative is EINVAL (__sys_setsockopt). SOL_SOCKET
    // wants a whole int; netlink_setsockopt takes 0 for a shorter value.
    const int optlen = static_cast<int>(len_or_ptr);
    if (optlen < 0) return reply::fail(EINVAL);
    int value = 0;
    if (optlen < static_cast<int>(sizeof(int))) {
      if (level == SOL_SOCKET) return reply::fail(EINVAL);
    } else if (!read_memory(tid, val, &value, sizeof value)) {
      return reply::fail(EFAULT);
    }
    return status(with_scratch_fd(p, std::move(file), [&](int scratch) {
      return sys_setsockopt_int(*p.t, scratch, level, name, value);
    }));
  }
  int len = 0;
  if (!read_memory(tid, len_or_ptr, &len, sizeof len)) return reply::fail(EFAULT);
  if (len < 0) return reply::fail(EINVAL);
  auto v = with_scratch_fd(p, std::move(file),
                           [&](int scratch) { return sys_getsockopt_int(*p.t, scratch, level, name); });
  if (!v) return reply::fail(v.error());
  // sk_getsockopt writes as much of the int as there is room for;
  // netlink_getsockopt wants room for all of it, and says its length.
  if (level != SOL_SOCKET && len < static_cast<int>(sizeof(int))) return reply::fail(EINVAL);
  const int value = *v;
  const int n = std::min<int>(len, sizeof value);
  const memory_write out[] = {{val, &value, static_cast<std::size_t>(n)}, {len_or_ptr, &n, sizeof n}};
  if (!write_memory(tid, out)) return reply::fail(EFAULT);
  return reply::ok(0);
}

reply served_calls::do_connect(const seccomp_notif& req, process& p, int fd, std::uint64_t addr,
                               std::uint64_t len, std::string& text) {
  fs::file_ptr file = model_file(p, fd);
  if (!file) return reply::pass();
  text = std::to_string(fd);
  // move_addr_to_kernel, then netlink_connect's checks of the length.
  const int addrlen = static_cast<int>(len);
  if (addrlen < 0 || addrlen > static_cast<int>(sizeof(sockaddr_storage))) return reply::fail(EINVAL);
  sockaddr_nl sa{};
  const std::size_t have = std::min<std::size_t>(static_cast<std::size_t>(addrlen), sizeof sa);
  if (!read_memory(static_cast<pid_t>(req.pid), addr, &sa, have)) return reply::fail(EFAULT);
  if (have < sizeof(sa.nl_family)) return reply::fail(EINVAL);
  if (sa.nl_family != AF_UNSPEC && have < sizeof sa) return reply::fail(EINVAL);
  return status(with_scratch_fd(p, std::move(file), [&](int scratch) {
    return sys_connect_netlink(*p.t, scratch, sa.nl_family, sa.nl_pid, sa.nl_groups);
  }));
}

reply served_calls::do_bind(const seccomp_notif& req, process& p, int fd, std::uint64_t addr,
                            std::uint64_t len, std::string& text) {
  fs::file_ptr file = model_file(p, fd);
  if (!file) return reply::pass();
  text = std::to_string(fd);
  sockaddr_nl sa{};
  if (len < sizeof sa) return reply::fail(EINVAL);
  if (!read_memory(static_cast<pid_t>(req.pid), addr, &sa, sizeof sa)) return reply::fail(EFAULT);
  if (sa.nl_family != AF_NETLINK) return reply::fail(EINVAL);
  return status(with_scratch_fd(p, std::move(file), [&](int scratch) {
    return sys_bind_netlink(*p.t, scratch, sa.nl_pid, sa.nl_groups);
  }));
}

reply served_calls::do_getsockname(const seccomp_notif& req, process& p, int fd, std::uint64_t addr,
                                   std::uint64_t lenp, bool peer, std::string& text) {
  fs::file_ptr file = model_file(p, fd);
  if (!file) return reply::pass();
  text = std::to_string(fd);
  const pid_t tid = static_cast<pid_t>(req.pid);
  int len = 0;
  if (!read_memory(tid, lenp, &len, sizeof len)) return reply::fail(EFAULT);
  if (len < 0) return reply::fail(EINVAL);
  auto name = with_scratch_fd(p, std::move(file), [&](int scratch) {
    return peer ? sys_getpeername_netlink(*p.t, scratch) : sys_getsockname_netlink(*p.t, scratch);
  });
  if (!name) return reply::fail(name.error());
  sockaddr_nl sa{};
  sa.nl_family = AF_NETLINK;
  sa.nl_pid = name->first;
  sa.nl_groups = name->second;
  const int full = sizeof sa;
  const memory_write out[] = {{addr, &sa, static_cast<std::size_t>(std::min(len, full))}, {lenp, &full, sizeof full}};
  if (!write_memory(tid, out)) return reply::fail(EFAULT);
  return reply::ok(0);
}

reply served_calls::do_send(const seccomp_notif& req, process& p, int fd, std::uint64_t msg_or_buf,
                            std::uint64_t len, std::uint64_t dest, std::uint64_t destlen,
                            bool is_msg, std::string& text) {
  fs::file_ptr file = model_file(p, fd);
  if (!file) return reply::pass();
  text = std::to_string(fd);
  const pid_t tid = static_cast<pid_t>(req.pid);
  std::vector<std::uint8_t> data;
  sockaddr_nl sa{};
  if (is_msg) {
    msghdr m{};
    if (!read_memory(tid, msg_or_buf, &m, sizeof m)) return reply::fail(EFAULT);
    dest = m.msg_namelen ? reinterpret_cast<std::uint64_t>(m.msg_name) : 0;
    destlen = m.msg_namelen;
    // The kernel's order: the address copied in (EFAULT; a length past a
    // sockaddr_storage is cut to it), the iovecs (EMSGSIZE, EFAULT), then
    // netlink_sendmsg's checks of the address, then the data (EFAULT).
    destlen = std::min<std::uint64_t>(destlen, sizeof(sockaddr_storage));
    if (m.msg_iovlen > UIO_MAXIOV) return reply::fail(EMSGSIZE);
    std::vector<iovec> iov(m.msg_iovlen);
    const std::size_t name_len = std::min<std::size_t>(destlen, sizeof sa);
    std::vector<memory_read> reads{{reinterpret_cast<std::uint64_t>(m.msg_iov), iov.data(), iov.size() * sizeof(iovec)}};
    if (dest) reads.push_back({dest, &sa, name_len});
    if (!read_memory(tid, reads)) return reply::fail(EFAULT);  // (either fault is EFAULT)
    reads.clear();
    std::size_t total = 0;
    for (const iovec& v : iov) {
      if (v.iov_len > static_cast<std::size_t>(SSIZE_MAX)) return reply::fail(EINVAL);  // iovec_from_user
      total += std::min<std::size_t>(v.iov_len, max_datagram + 1);
    }
    if (dest && destlen < sizeof sa) return reply::fail(EINVAL);
    if (dest && sa.nl_family != AF_NETLINK) return reply::fail(EINVAL);
    // Past any send buffer netlink_sendmsg would allow: EMSGSIZE, before
    // the data is read (and before a supervisor allocates it).
    if (total > max_datagram) return reply::fail(EMSGSIZE);
    data.resize(total);
    std::size_t at = 0;
    for (const iovec& v : iov) {
      reads.push_back({reinterpret_cast<std::uint64_t>(v.iov_base), data.data() + at, v.iov_len});
      at += v.iov_len;
    }
    if (!read_memory(tid, reads)) return reply::fail(EFAULT);
  } else {
    // sendto: move_addr_to_kernel refuses a length past a sockaddr_storage.
    if (dest && destlen > sizeof(sockaddr_storage)) return reply::fail(EINVAL);
    if (dest && !read_memory(tid, dest, &sa, std::min<std::size_t>(destlen, sizeof sa))) return reply::fail(EFAULT);
    if (dest && destlen < sizeof sa) return reply::fail(EINVAL);
    if (dest && sa.nl_family != AF_NETLINK) return reply::fail(EINVAL);
    if (len > max_datagram) return reply::fail(EMSGSIZE);
    data.resize(len);
    if (!read_memory(tid, msg_or_buf, data.data(), len)) return reply::fail(EFAULT);
  }
  if (!still_valid(req.id)) return reply::pass();
  auto n = with_scratch_fd(p, std::move(file), [&](int scratch) {
    return dest ? sys_sendto_netlink(*p.t, scratch, data, sa.nl_pid, sa.nl_groups) : sys_send(*p.t, scratch, data);
  });
  return n ? reply::ok(static_cast<long>(*n)) : reply::fail(n.error());
}

reply served_calls::do_recv(const seccomp_notif& req, process& p, int fd, std::uint64_t msg_or_buf,
                            std::uint64_t len, int flags, std::uint64_t src, std::uint64_t srclenp,
                            bool is_msg, std::string& text) {
  p.mirror_hint = fd;
  placeholder* open_file = placeholders_.lookup(p.pidfd, fd);
  if (!open_file) return reply::pass();
  fs::file_ptr file = open_file->file;
  text = std::to_string(fd);
  const pid_t tid = static_cast<pid_t>(req.pid);
  // A datagram the program read(2) before this call is gone by now.
  if (placeholders_.copy_read(*open_file)) {
    if (!open_file->stale)
      (void)with_scratch_fd(p, file, [&](int scratch) { return netlink_take_head(*p.t, scratch); });
    placeholders_.forget_copy(*open_file);
  }
  msghdr m{};
  std::vector<iovec> iov;
  if (is_msg) {
    if (!read_memory(tid, msg_or_buf, &m, sizeof m)) return reply::fail(EFAULT);
    auto v = read_iovecs(tid, reinterpret_cast<std::uint64_t>(m.msg_iov), m.msg_iovlen);
    if (!v) return reply::fail(v.error());
    iov = std::move(*v);
    len = 0;
    for (const iovec& x : iov) len += x.iov_len;
  } else {
    iov.push_back({reinterpret_cast<void*>(msg_or_buf), len});
  }
  auto got = with_scratch_fd(p, std::move(file), [&](int scratch) {
    return sys_recv(*p.t, scratch, static_cast<std::size_t>(len), flags);
  });
  // The copy of the head in the placeholder is of a datagram taken now.
  if (got && !(flags & MSG_PEEK) && open_file->ready) open_file->stale = true;
  if (!got) {
    // Nothing queued: a blocking socket waits (the loop retries the call
    // as the model's state changes), a non-blocking one says EAGAIN.
    if (got.error().errnum() == EAGAIN && !(flags & MSG_DONTWAIT) && !nonblocking(p.pidfd, fd))
      return reply::later();
    return reply::fail(got.error());
  }
  // Scatter the datagram over the buffers; then the sender, the kernel,
  // port 0 (netlink_recvmsg's msg_name), and the msghdr's lengths and
  // flags: one write into the program.
  std::vector<memory_write> writes;
  std::size_t off = 0;
  for (const iovec& x : iov) {
    if (off >= got->data.size()) break;
    const std::size_t n = std::min(x.iov_len, got->data.size() - off);
    writes.push_back({reinterpret_cast<std::uint64_t>(x.iov_base), got->data.data() + off, n});
    off += n;
  }
  sockaddr_nl from{};
  from.nl_family = AF_NETLINK;
  const int full = sizeof from;
  if (is_msg) {
    if (m.msg_name) {
      writes.push_back({reinterpret_cast<std::uint64_t>(m.msg_name), &from,
                        std::min<std::size_t>(m.msg_namelen, sizeof from)});
      m.msg_namelen = sizeof from;
    }
    m.msg_controllen = 0;  // no NETLINK_PKTINFO / LISTEN_ALL_NSID control data
    m.msg_flags = got->msg_flags;
    writes.push_back({msg_or_buf, &m, sizeof m});
  } else if (src && srclenp) {
    int slen = 0;
    if (!read_memory(tid, srclenp, &slen, sizeof slen)) return reply::fail(EFAULT);
    writes.push_back({src, &from, static_cast<std::size_t>(std::clamp(slen, 0, full))});
    writes.push_back({srclenp, &full, sizeof full});
  }
  if (!write_memory(tid, writes)) return reply::fail(EFAULT);
  return reply::ok(static_cast<long>(got->length));
}

}  // namespace netns::exec_detail
