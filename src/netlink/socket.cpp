// SPDX-License-Identifier: GPL-2.0-only
// Netlink sockets: the socket object, its inode, and the socket calls.
#include "netns/netlink/socket.hpp"

#include <linux/rtnetlink.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>

#include "netlink_sock.hpp"
#include "netns/core/kernel.hpp"
#include "netns/task/pid_table.hpp"
#include "link_fill.hpp"
#include "rtnl_handlers.hpp"

namespace netns {

namespace netlink {

namespace {

// sockfs: a socket's inode, named socket:[INO] in /proc/<pid>/fd.
class sock_inode final : public fs::inode {
 public:
  sock_inode(std::uint64_t ino, kuid uid, kgid gid)
      : inode(S_IFSOCK, 0777), ino_(ino), uid_(uid), gid_(gid) {}
  result<fs::stat_info> getattr(const fs::access_ctx&) const override {
    fs::stat_info st;
    st.ino = ino_;
    st.dev = fs::dev_id{0, 8};
    st.mode = S_IFSOCK | 0777;
    st.uid = uid_;
    st.gid = gid_;
    st.blksize = 4096;
    return st;
  }
  // Opening /proc/<pid>/fd/N of a socket.
  result<fs::file_ptr> open(const fs::access_ctx&, int, fs::inode_ptr) override {
    return errc{ENXIO};
  }
  std::uint64_t ino() const { return ino_; }

 private:
  std::uint64_t ino_;
  kuid uid_;
  kgid gid_;
};

// SOCK_MIN_RCVBUF / SOCK_MIN_SNDBUF and net.core.rmem_max / wmem_max.
constexpr int SOCK_MIN_RCVBUF_ = 2304;
constexpr int SOCK_MIN_SNDBUF_ = 4608;
constexpr int RMEM_MAX = 4194304;
constexpr int WMEM_MAX = 4194304;

}  // namespace

netlink_sock::netlink_sock(fs::inode_ptr ino, net_ref n, cred c, int tgid)
    : file(std::move(ino), O_RDWR), net_(std::move(n)), creds_(std::move(c)), tgid_(tgid) {}

netlink_sock::~netlink_sock() {
  // netlink_release: out of the port table and every group before the
  // namespace reference goes.
  std::uint32_t port;
  bool bound;
  {
    lock_guard l(bind_lock_);
    port = portid_;
    bound = bound_;
  }
  if (bound) net_->rtnl.unbind(*this, port);
  else net_->rtnl.leave_all(*this);
}

result<std::uint32_t> netlink_sock::portid() {
  if (private_port) return 0u;
  if (bound_fast_.load(std::memory_order_acquire)) return portid_fast_.load(std::memory_order_relaxed);
  lock_guard l(bind_lock_);
  if (bound_) return portid_;
  auto id = net_->rtnl.autobind(*this, static_cast<std::uint32_t>(tgid_));
  if (!id) return id.error();
  portid_ = *id;
  bound_ = true;
  portid_fast_.store(portid_, std::memory_order_relaxed);
  bound_fast_.store(true, std::memory_order_release);
  return portid_;
}

std::uint32_t netlink_sock::bound_portid() const {
  lock_guard l(bind_lock_);
  return bound_ ? portid_ : 0;
}

std::uint32_t netlink_sock::groups() const {
  lock_guard l(bind_lock_);
  return static_cast<std::uint32_t>(groups_);
}

result<void> netlink_sock::bind_to(std::uint32_t portid) {
  lock_guard l(bind_lock_);
  if (bound_) return portid == portid_ ? ok() : result<void>(errc{EINVAL});
  if (portid == 0) {
    auto id = net_->rtnl.autobind(*this, static_cast<std::uint32_t>(tgid_));
    if (!id) return id.error();
    portid_ = *id;
  } else {
    if (auto r = net_->rtnl.bind(*this, portid); !r) return r;
    portid_ = portid;
  }
  bound_ = true;
  portid_fast_.store(portid_, std::memory_order_relaxed);
  bound_fast_.store(true, std::memory_order_release);
  return ok();
}

result<void> netlink_sock::join_group(unsigned group) {
  if (group == 0 || group > RTNL_GROUPS) return errc{EINVAL};
  {
    lock_guard l(bind_lock_);
    groups_ |= std::uint64_t{1} << (group - 1);
  }
  net_->rtnl.join(*this, group);
  return ok();
}

void netlink_sock::leave_group(unsigned group) {
  if (group == 0 || group > RTNL_GROUPS) return;
  {
    lock_guard l(bind_lock_);
    groups_ &= ~(std::uint64_t{1} << (group - 1));
  }
  net_->rtnl.leave(*this, group);
}

void netlink_sock::set_groups(std::uint32_t mask) {
  for (unsigned g = 1; g <= 32; ++g) {
    if (mask & (1u << (g - 1))) (void)join_group(g);
    else leave_group(g);
  }
}

// netlink_attachskb / netlink_broadcast_deliver: a datagram is taken if
// the queue, with it, stays within the receive buffer (an empty queue takes
// anything) and the socket is not congested. Otherwise netlink_overrun:
// the first drop marks the socket congested and owes one ENOBUFS; it takes
// nothing more until a recv empties the queue. NETLINK_NO_ENOBUFS turns
// both off.
bool netlink_sock::deliver(std::span<const std::uint8_t> datagram) {
  return deliver_owned(std::vector<std::uint8_t>(datagram.begin(), datagram.end()));
}

bool netlink_sock::deliver_owned(std::vector<std::uint8_t>&& datagram) {
  const std::size_t charge = skb_truesize(datagram.size());
  spin_guard l(lock_);
  if (congested_ || (rmem_ != 0 && rmem_ + charge > static_cast<std::size_t>(rcvbuf))) {
    if (!no_enobufs && !congested_) {
      congested_ = true;
      sk_err_ = true;
    }
    return false;
  }
  rmem_ += charge;
  queue_.push_back({std::move(datagram), charge});
  return true;
}

void netlink_sock::queue_forced(std::vector<std::uint8_t> bytes, std::size_t truesize) {
  spin_guard l(lock_);
  rmem_ += truesize;
  queue_.push_back({std::move(bytes), truesize});
}

// skb_recv_datagram: a pending error comes first, and is reported once.
netlink_sock::popped netlink_sock::pop(bool peek) {
  spin_guard l(lock_);
  popped p;
  if (sk_err_) {
    sk_err_ = false;
    p.error = true;
    return p;
  }
  if (queue_.empty()) {
    p.empty = true;
    return p;
  }
  if (peek) {
    p.bytes = queue_.front().bytes;
    return p;
  }
  p.bytes = std::move(queue_.front().bytes);
  rmem_ -= queue_.front().charge;
  queue_.pop_front();
  if (rmem_ == 0) congested_ = false;  // netlink_rcv_wake
  return p;
}

std::optional<std::vector<std::uint8_t>> netlink_sock::head_copy() {
  spin_guard l(lock_);
  if (queue_.empty()) return std::nullopt;
  return queue_.front().bytes;
}

void netlink_sock::drop_head() {
  spin_guard l(lock_);
  if (queue_.empty()) return;
  rmem_ -= queue_.front().charge;
  queue_.pop_front();
  if (rmem_ == 0) congested_ = false;
}

std::size_t netlink_sock::queue_length() {
  spin_guard l(lock_);
  return queue_.size();
}

// The model's only sockets are netlink sockets: the inode type says it
// without a dynamic_cast.
netlink_sock* as_netlink(fs::file* f) {
  return f && f->node()->type() == S_IFSOCK ? static_cast<netlink_sock*>(f) : nullptr;
}

result<std::shared_ptr<netlink_sock>> make_netlink_sock(task& t, bool private_port) {
  net_ref n = t.net_ns();
  if (!n) return errc{ESRCH};
  // With the first socket there is somebody to tell about id changes.
  n->owner_kernel().set_nsid_notifier(&rtnl_net_notifyid);
  n->owner_kernel().set_link_notifier(&rtmsg_ifinfo);
  cred c = t.creds();
  auto ino = std::make_shared<sock_inode>(t.owner().vfs().get_next_ino(), c.fsuid, c.fsgid);
  const std::uint64_t number = ino->ino();
  auto sk = std::make_shared<netlink_sock>(std::move(ino), std::move(n), std::move(c), t.pid());
  sk->set_path("socket:[" + std::to_string(number) + "]");
  sk->private_port = private_port;
  return sk;
}

}  // namespace netlink

using netlink::as_netlink;
using netlink::netlink_sock;

namespace {

result<netlink_sock*> sock_of(task& t, int fd) {
  fs::file* f = t.fd_peek_own(fd);
  if (!f) return errc{EBADF};
  netlink_sock* sk = as_netlink(f);
  if (!sk) return errc{ENOTSOCK};
  return sk;
}

}  // namespace

result<int> sys_socket(task& t, int family, int type, int protocol) {
  const int kind = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
  if (family < 0 || family >= AF_MAX) return errc{EAFNOSUPPORT};
  if (kind < 0 || kind > SOCK_PACKET) return errc{EINVAL};
  if (type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC | 0xf)) return errc{EINVAL};
  if (family != AF_NETLINK) return errc{EAFNOSUPPORT};  // the model has netlink only
  if (kind != SOCK_RAW && kind != SOCK_DGRAM) return errc{ESOCKTNOSUPPORT};
  if (protocol < 0 || protocol >= MAX_LINKS) return errc{EPROTONOSUPPORT};
  if (protocol != NETLINK_ROUTE) return errc{EPROTONOSUPPORT};
  auto sk = netlink::make_netlink_sock(t, false);
  if (!sk) return sk.error();
  fs::file_ptr f = std::move(*sk);
  return t.fd_install(std::move(f), (type & SOCK_CLOEXEC) != 0);
}

namespace {
// netlink_sendmsg from the destination on: autobind, the buffer's limit,
// then the unicast (the kernel's port 0 is the only one in the model).
result<std::size_t> send_to(netlink_sock& s, task& t, std::span<const std::uint8_t> data, std::uint32_t portid) {
  if (auto port = s.portid(); !port) return port.error();
  if (data.size() > static_cast<std::size_t>(s.sndbuf) - 32) return errc{EMSGSIZE};
  if (portid != 0) return errc{ECONNREFUSED};
  netlink::rcv_skb(s, t, data);
  return data.size();
}

// netlink_allowed(sock, NL_CFG_F_NONROOT_SEND) for NETLINK_ROUTE, which
// does not set that flag: CAP_NET_ADMIN over the socket's net.
bool may_send_elsewhere(const netlink_sock& s, const task& t) {
  return ns_capable(t.creds(), s.sock_net().user_ns(), CAP_NET_ADMIN);
}
}  // namespace

result<std::size_t> sys_send(task& t, int fd, std::span<const std::uint8_t> data) {
  auto sk = sock_of(t, fd);
  if (!sk) return sk.error();
  return send_to(**sk, t, data, (*sk)->dst_portid);
}

result<std::size_t> sys_sendto_netlink(task& t, int fd, std::span<const std::uint8_t> data,
                                       std::uint32_t portid, std::uint32_t groups) {
  auto sk = sock_of(t, fd);
  if (!sk) return sk.error();
  if ((portid != 0 || groups != 0) && !may_send_elsewhere(**sk, t)) return errc{EPERM};
  return send_to(**sk, t, data, portid);
}

result<void> sys_connect_netlink(task& t, int fd, int family, std::uint32_t portid, std::uint32_t groups) {
  auto sk = sock_of(t, fd);
  if (!sk) return sk.error();
  netlink_sock& s = **sk;
  if (family == AF_UNSPEC) {
    s.dst_portid = 0;
    s.dst_group = 0;
    return ok();
  }
  if (family != AF_NETLINK) return errc{EINVAL};
  if ((portid != 0 || groups != 0) && !may_send_elsewhere(s, t)) return errc{EPERM};
  if (auto port = s.portid(); !port) return port.error();
  s.dst_portid = portid;
  s.dst_group = static_cast<std::uint32_t>(__builtin_ffs(static_cast<int>(groups)));
  return ok();
}

result<std::pair<std::uint32_t, std::uint32_t>> sys_getpeername_netlink(task& t, int fd) {
  auto sk = sock_of(t, fd);
  if (!sk) return sk.error();
  const std::uint32_t group = (*sk)->dst_group;
  return std::pair<std::uint32_t, std::uint32_t>{(*sk)->dst_portid, group ? 1u << (group - 1) : 0};
}

result<recv_result> sys_recv(task& t, int fd, std::size_t len, int flags) {
  auto sk = sock_of(t, fd);
  if (!sk) return sk.error();
  netlink_sock& s = **sk;
  auto p = s.pop(flags & MSG_PEEK);
  if (p.error) return errc{ENOBUFS};
  if (p.empty) return errc{EAGAIN};
  recv_result r;
  const std::size_t size = p.bytes.size();
  const std::size_t copied = std::min(len, size);
  p.bytes.resize(copied);  // the rest of a datagram that does not fit is lost
  r.data = std::move(p.bytes);
  if (copied < size) r.msg_flags |= MSG_TRUNC;
  r.length = (flags & MSG_TRUNC) ? size : copied;
  // netlink_recvmsg remembers the largest buffer (capped) for later dumps.
  constexpr std::size_t cap = 32768 - 320;
  s.max_recvmsg_len = std::min(std::max(s.max_recvmsg_len, len), cap);
  if (!(flags & MSG_PEEK)) s.dump_continue(t);
  return r;
}

namespace {
// sock_setsockopt's SO_RCVBUF/SO_SNDBUF: the value (as unsigned) capped by
// the sysctl maximum, doubled for overhead, at least the minimum.
int socket_buffer(int value, int max, int min) {
  const unsigned v = std::min(static_cast<unsigned>(value), static_cast<unsigned>(max));
  return std::max(static_cast<int>(v * 2), min);
}
}  // namespace

result<void> sys_setsockopt_int(task& t, int fd, int level, int name, int value) {
  auto sk = sock_of(t, fd);
  if (!sk) return sk.error();
  netlink_sock& s = **sk;
  if (level == SOL_SOCKET) {
    switch (name) {
      case SO_RCVBUF:
        s.rcvbuf = socket_buffer(value, netlink::RMEM_MAX, netlink::SOCK_MIN_RCVBUF_);
        return ok();
      case SO_SNDBUF:
        s.sndbuf = socket_buffer(value, netlink::WMEM_MAX, netlink::SOCK_MIN_SNDBUF_);
        return ok();
      default:
        return errc{ENOPROTOOPT};
    }
  }
  if (level != NETNS_SOL_NETLINK) return errc{ENOPROTOOPT};
  const bool on = value != 0;
  switch (name) {
    case NETLINK_ADD_MEMBERSHIP:
      return s.join_group(static_cast<unsigned>(value));
    case NETLINK_DROP_MEMBERSHIP:
      if (value <= 0 || value > static_cast<int>(RTNL_GROUPS)) return errc{EINVAL};
      s.leave_group(static_cast<unsigned>(value));
      return ok();
    case NETLINK_EXT_ACK:
      s.ext_ack_on = on;
      return ok();
    case NETLINK_GET_STRICT_CHK:
      s.strict_chk = on;
      return ok();
    case NETLINK_CAP_ACK:
      s.cap_ack = on;
      return ok();
    case NETLINK_NO_ENOBUFS:
      s.no_enobufs = on;
      return ok();
    default:
      return errc{ENOPROTOOPT};
  }
}

result<int> sys_getsockopt_int(task& t, int fd, int level, int name) {
  auto sk = sock_of(t, fd);
  if (!sk) return sk.error();
  netlink_sock& s = **sk;
  if (level == SOL_SOCKET) {
    switch (name) {
      case SO_RCVBUF:
        return s.rcvbuf.load();
      case SO_SNDBUF:
        return s.sndbuf;
      case SO_TYPE:
        return SOCK_RAW;
      case SO_PROTOCOL:
        return NETLINK_ROUTE;
      case SO_DOMAIN:
        return AF_NETLINK;
      default:
        return errc{ENOPROTOOPT};
    }
  }
  if (level != NETNS_SOL_NETLINK) return errc{ENOPROTOOPT};
  switch (name) {
    case NETLINK_EXT_ACK:
      return s.ext_ack_on ? 1 : 0;
    case NETLINK_GET_STRICT_CHK:
      return s.strict_chk ? 1 : 0;
    case NETLINK_CAP_ACK:
      return s.cap_ack ? 1 : 0;
    case NETLINK_NO_ENOBUFS:
      return s.no_enobufs.load() ? 1 : 0;
    default:
      return errc{ENOPROTOOPT};
  }
}

result<void> sys_bind_netlink(task& t, int fd, std::uint32_t portid, std::uint32_t groups) {
  auto sk = sock_of(t, fd);
  if (!sk) return sk.error();
  if (auto r = (*sk)->bind_to(portid); !r) return r;
  // nl_groups replaces groups 1 to 32, whatever setsockopt added: a bind
  // with 0 after NETLINK_ADD_MEMBERSHIP leaves the socket deaf (as the
  // reference kernel does).
  (*sk)->set_groups(groups);
  return ok();
}

result<std::pair<std::uint32_t, std::uint32_t>> sys_getsockname_netlink(task& t, int fd) {
  auto sk = sock_of(t, fd);
  if (!sk) return sk.error();
  // netlink_getname: 0 until the socket is bound.
  return std::pair<std::uint32_t, std::uint32_t>{(*sk)->bound_portid(), (*sk)->groups()};
}

result<std::size_t> netlink_queue_length(task& t, int fd) {
  auto sk = sock_of(t, fd);
  if (!sk) return sk.error();
  return (*sk)->queue_length();
}

result<std::optional<std::vector<std::uint8_t>>> netlink_queue_head(task& t, int fd) {
  auto sk = sock_of(t, fd);
  if (!sk) return sk.error();
  return (*sk)->head_copy();
}

result<void> netlink_take_head(task& t, int fd) {
  auto sk = sock_of(t, fd);
  if (!sk) return sk.error();
  (*sk)->drop_head();
  (*sk)->dump_continue(t);
  return ok();
}

}  // namespace netns
