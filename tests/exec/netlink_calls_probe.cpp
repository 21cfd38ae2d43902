// SPDX-License-Identifier: GPL-2.0-only
// The socket calls on a NETLINK_ROUTE socket, at their edges: what
// sendmsg and sendto say of a bad address, iovec or buffer, and in which
// order (the address is copied and checked before the data is read);
// what recvmsg and recvfrom write back (the sender's address and its
// length, the datagram scattered over several buffers, MSG_TRUNC, a
// buffer that faults). Run on the kernel (root) and under `netns exec`
// (any user): both must print the same lines.
#include <linux/net_namespace.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

namespace {

void result(const char* what, long rc) {
  if (rc < 0)
    std::printf("%s: %s\n", what, strerrorname_np(errno));
  else
    std::printf("%s: %ld\n", what, rc);
}

// RTM_GETNSID for the namespace of `ns_fd`: its reply is RTM_NEWNSID.
struct getnsid_request {
  nlmsghdr h;
  rtgenmsg g;
  char pad[3];
  nlattr a;
  int fd;
};

getnsid_request getnsid(int ns_fd, unsigned seq) {
  getnsid_request r{};
  r.h.nlmsg_len = sizeof r;
  r.h.nlmsg_type = RTM_GETNSID;
  r.h.nlmsg_flags = NLM_F_REQUEST;
  r.h.nlmsg_seq = seq;
  r.g.rtgen_family = AF_UNSPEC;
  r.a.nla_len = sizeof(nlattr) + sizeof(int);
  r.a.nla_type = NETNSA_FD;
  r.fd = ns_fd;
  return r;
}

long send_with(int fd, void* name, socklen_t namelen, iovec* iov, std::size_t iovlen) {
  msghdr m{};
  m.msg_name = name;
  m.msg_namelen = namelen;
  m.msg_iov = iov;
  m.msg_iovlen = iovlen;
  return sendmsg(fd, &m, 0);
}

}  // namespace

int main() {
  const int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
  const int ns = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
  if (fd < 0 || ns < 0) {
    std::perror("netlink_calls_probe");
    return 1;
  }
  getnsid_request req = getnsid(ns, 1);
  iovec good{&req, sizeof req};
  iovec bad_data{reinterpret_cast<void*>(8), sizeof req};
  sockaddr_nl kernel{};
  kernel.nl_family = AF_NETLINK;
  sockaddr_nl elsewhere = kernel;
  elsewhere.nl_pid = 0x7ffffff0;
  sockaddr_nl inet = kernel;
  inet.nl_family = AF_INET;
  char big_name[200] = {};
  big_name[0] = AF_NETLINK;

  std::printf("== sendmsg\n");
  result("address of 8 bytes", send_with(fd, &kernel, 8, &good, 1));
  result("address of 200 bytes", send_with(fd, big_name, 200, &good, 1));
  result("address of another family", send_with(fd, &inet, sizeof inet, &good, 1));
  result("to a port nobody has", send_with(fd, &elsewhere, sizeof elsewhere, &good, 1));
  result("a bad iovec array", send_with(fd, &kernel, sizeof kernel, reinterpret_cast<iovec*>(8), 1));
  result("1025 iovecs", send_with(fd, &kernel, sizeof kernel, &good, 1025));
  result("bad data", send_with(fd, &kernel, sizeof kernel, &bad_data, 1));
  result("bad data, address of 8 bytes", send_with(fd, &kernel, 8, &bad_data, 1));
  result("a bad address pointer", send_with(fd, reinterpret_cast<void*>(8), sizeof kernel, &good, 1));
  result("a name pointer with length 0", send_with(fd, reinterpret_cast<void*>(8), 0, &good, 1));
  // (At a low address: whether a range reaches past the address space
  // depends on where it starts, and the stack's place is random.)
  iovec huge{reinterpret_cast<void*>(8), std::size_t{1} << 40};
  result("a huge iovec", send_with(fd, &kernel, sizeof kernel, &huge, 1));
  result("a huge iovec, address of 8 bytes", send_with(fd, &kernel, 8, &huge, 1));
  iovec negative{&req, ~std::size_t{0}};
  result("an iovec of length -1", send_with(fd, &kernel, sizeof kernel, &negative, 1));

  std::printf("== sendto\n");
  result("bad data", sendto(fd, reinterpret_cast<void*>(8), sizeof req, 0, nullptr, 0));
  result("bad data, address of 8 bytes",
         sendto(fd, reinterpret_cast<void*>(8), sizeof req, 0, reinterpret_cast<sockaddr*>(&kernel), 8));
  result("address of another family",
         sendto(fd, &req, sizeof req, 0, reinterpret_cast<sockaddr*>(&inet), sizeof inet));
  result("address of 200 bytes", sendto(fd, &req, sizeof req, 0, reinterpret_cast<sockaddr*>(big_name), 200));

  // The sends that went through were answered: their replies go first.
  int answers = 0;
  char drain[512];
  while (recv(fd, drain, sizeof drain, MSG_DONTWAIT) > 0) ++answers;
  std::printf("answers queued: %d\n", answers);

  std::printf("== a request and its answer\n");
  // Two iovecs: the request split at 10 bytes.
  iovec halves[2] = {{&req, 10}, {reinterpret_cast<char*>(&req) + 10, sizeof req - 10}};
  result("sendmsg in two pieces", send_with(fd, &kernel, sizeof kernel, halves, 2));
  char head[10], rest[200];
  iovec into[2] = {{head, sizeof head}, {rest, sizeof rest}};
  sockaddr_nl from{};
  from.nl_pid = 99;
  msghdr m{};
  m.msg_name = &from;
  m.msg_namelen = sizeof from + 4;
  m.msg_iov = into;
  m.msg_iovlen = 0;
  result("peek with MSG_TRUNC and no buffer", recvmsg(fd, &m, MSG_PEEK | MSG_TRUNC));
  std::printf("  msg_flags has MSG_TRUNC: %s\n", (m.msg_flags & MSG_TRUNC) ? "yes" : "no");
  m.msg_iovlen = 2;
  m.msg_namelen = sizeof from + 4;
  const long got = recvmsg(fd, &m, 0);
  result("recvmsg into 10 + 200 bytes", got);
  nlmsghdr h{};
  std::memcpy(&h, head, sizeof head < sizeof h ? sizeof head : sizeof h);
  std::memcpy(reinterpret_cast<char*>(&h) + sizeof head, rest, sizeof h - sizeof head);
  std::printf("  type %s, seq %u, flags %#x\n", h.nlmsg_type == RTM_NEWNSID ? "RTM_NEWNSID" : "other", h.nlmsg_seq,
              m.msg_flags);
  std::printf("  sender: family %s, port %u, groups %u, name length %u\n",
              from.nl_family == AF_NETLINK ? "AF_NETLINK" : "other", from.nl_pid, from.nl_groups, m.msg_namelen);

  // A buffer too small: the datagram's first bytes, MSG_TRUNC.
  req = getnsid(ns, 2);
  result("sendto the kernel", sendto(fd, &req, sizeof req, 0, reinterpret_cast<sockaddr*>(&kernel), sizeof kernel));
  char small[8];
  iovec one{small, sizeof small};
  m = msghdr{};
  m.msg_iov = &one;
  m.msg_iovlen = 1;
  result("recvmsg into 8 bytes", recvmsg(fd, &m, 0));
  std::printf("  msg_flags has MSG_TRUNC: %s\n", (m.msg_flags & MSG_TRUNC) ? "yes" : "no");
  result("nothing left (MSG_DONTWAIT)", recv(fd, small, sizeof small, MSG_DONTWAIT));

  // recvfrom with an address buffer of 4 bytes: 4 written, 12 said.
  req = getnsid(ns, 3);
  (void)!send(fd, &req, sizeof req, 0);
  unsigned char addr[16];
  std::memset(addr, 0xee, sizeof addr);
  socklen_t alen = 4;
  result("recvfrom with a 4-byte address buffer", recvfrom(fd, rest, sizeof rest, 0, reinterpret_cast<sockaddr*>(addr), &alen));
  std::printf("  address length %u, byte 4 untouched: %s\n", alen, addr[4] == 0xee ? "yes" : "no");

  // A buffer that faults: EFAULT, and the datagram is gone.
  req = getnsid(ns, 4);
  (void)!send(fd, &req, sizeof req, 0);
  result("recv into a bad buffer", recv(fd, reinterpret_cast<void*>(8), 100, 0));
  result("nothing left (MSG_DONTWAIT)", recv(fd, small, sizeof small, MSG_DONTWAIT));

  std::printf("== socket options\n");
  int on = 1, value = -1;
  result("NETLINK_EXT_ACK on", setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &on, sizeof on));
  result("NETLINK_EXT_ACK with 2 bytes", setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &on, 2));
  result("NETLINK_EXT_ACK from a bad pointer",
         setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, reinterpret_cast<void*>(8), sizeof on));
  socklen_t len = 8;
  long long wide = -1;
  result("get NETLINK_EXT_ACK into 8 bytes", getsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &wide, &len));
  std::printf("  value %lld, length %u\n", wide & 0xffffffff, len);
  len = 2;
  result("get NETLINK_EXT_ACK into 2 bytes", getsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &value, &len));
  len = sizeof value;
  result("get SO_TYPE", getsockopt(fd, SOL_SOCKET, SO_TYPE, &value, &len));
  std::printf("  value %d\n", value);
  len = sizeof value;
  result("get SO_DOMAIN", getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &value, &len));
  std::printf("  value %d\n", value);
  len = sizeof value;
  result("get SO_PROTOCOL", getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &value, &len));
  std::printf("  value %d\n", value);

  std::printf("== addresses\n");
  sockaddr_nl self{};
  self.nl_family = AF_NETLINK;
  result("bind with 8 bytes", bind(fd, reinterpret_cast<sockaddr*>(&self), 8));
  result("bind as AF_INET", bind(fd, reinterpret_cast<sockaddr*>(&inet), sizeof inet));
  result("bind", bind(fd, reinterpret_cast<sockaddr*>(&self), sizeof self));
  unsigned char name[16];
  std::memset(name, 0xee, sizeof name);
  socklen_t nlen = 4;
  result("getsockname into 4 bytes", getsockname(fd, reinterpret_cast<sockaddr*>(name), &nlen));
  std::printf("  length %u, family %s, byte 4 untouched: %s\n", nlen, name[0] == AF_NETLINK ? "AF_NETLINK" : "other",
              name[4] == 0xee ? "yes" : "no");
  auto peer_is = [fd] {
    sockaddr_nl peer{};
    peer.nl_pid = 99;
    socklen_t plen = sizeof peer + 4;
    result("getpeername", getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &plen));
    std::printf("  length %u, family %s, port %#x, groups %#x\n", plen,
                peer.nl_family == AF_NETLINK ? "AF_NETLINK" : "other", peer.nl_pid, peer.nl_groups);
  };
  peer_is();

  std::printf("== read(2) and write(2)\n");
  // Answers read with read(2), in order; a short buffer cuts one (its
  // rest is lost, as netlink's); nothing is left for a recv after.
  req = getnsid(ns, 6);
  result("write a request", write(fd, &req, sizeof req));
  req = getnsid(ns, 7);
  result("write another", write(fd, &req, sizeof req));
  req = getnsid(ns, 8);
  result("and a third", write(fd, &req, sizeof req));
  for (int i = 0; i < 2; ++i) {
    nlmsghdr r{};
    char buf[256];
    const long n = read(fd, buf, sizeof buf);
    std::memcpy(&r, buf, sizeof r);
    std::printf("read: %ld, %s, seq %u\n", n, r.nlmsg_type == RTM_NEWNSID ? "RTM_NEWNSID" : "other", r.nlmsg_seq);
  }
  result("read of 4 bytes", read(fd, small, 4));
  result("nothing left (MSG_DONTWAIT)", recv(fd, small, sizeof small, MSG_DONTWAIT));

  std::printf("== connect\n");
  // A fresh socket: connect binds it.
  const int c = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
  sockaddr_nl got_name{};
  socklen_t glen = sizeof got_name;
  result("connect with 1 byte", connect(c, reinterpret_cast<sockaddr*>(&kernel), 1));
  result("connect with 8 bytes", connect(c, reinterpret_cast<sockaddr*>(&kernel), 8));
  result("connect as AF_INET", connect(c, reinterpret_cast<sockaddr*>(&inet), sizeof inet));
  result("connect with 200 bytes", connect(c, reinterpret_cast<sockaddr*>(big_name), 200));
  (void)getsockname(c, reinterpret_cast<sockaddr*>(&got_name), &glen);
  std::printf("  bound by then: %s\n", got_name.nl_pid != 0 ? "yes" : "no");
  result("connect to the kernel", connect(c, reinterpret_cast<sockaddr*>(&kernel), sizeof kernel));
  glen = sizeof got_name;
  (void)getsockname(c, reinterpret_cast<sockaddr*>(&got_name), &glen);
  std::printf("  bound by then: %s\n", got_name.nl_pid != 0 ? "yes" : "no");
  sockaddr_nl with_groups = elsewhere;
  with_groups.nl_groups = 0x14;  // groups 3 and 5: the lowest is kept
  result("connect to a port and groups", connect(c, reinterpret_cast<sockaddr*>(&with_groups), sizeof with_groups));
  {
    sockaddr_nl peer{};
    socklen_t plen = sizeof peer;
    (void)getpeername(c, reinterpret_cast<sockaddr*>(&peer), &plen);
    std::printf("  peer: port %#x, groups %#x\n", peer.nl_pid, peer.nl_groups);
  }
  req = getnsid(ns, 5);
  result("send to the connected port", send(c, &req, sizeof req, 0));
  sockaddr unspec{};
  unspec.sa_family = AF_UNSPEC;
  result("connect AF_UNSPEC", connect(c, &unspec, sizeof unspec.sa_family));
  {
    sockaddr_nl peer{};
    socklen_t plen = sizeof peer;
    (void)getpeername(c, reinterpret_cast<sockaddr*>(&peer), &plen);
    std::printf("  peer: port %#x, groups %#x\n", peer.nl_pid, peer.nl_groups);
  }
  result("send to the kernel again", send(c, &req, sizeof req, 0));
  result("its answer", recv(c, rest, sizeof rest, 0));
  return 0;
}
