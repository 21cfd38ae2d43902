// SPDX-License-Identifier: GPL-2.0-only
// Netlink sockets of the model: socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE)
// in a task, and the calls that use it.
//
// Example:
//   #include <linux/net_namespace.h>
//   #include <linux/rtnetlink.h>
//   #include "netns/netlink/wire.hpp"
//   #include "netns/machine/machine.hpp"
//   machine m;
//   task& t = m.init_task();
//   int fd = *sys_socket(t, AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
//   if (auto r = sys_setsockopt_int(t, fd, SOL_NETLINK, NETLINK_EXT_ACK, 1); !r) return r;
//   netlink::nl_builder b;                       // RTM_GETNSID: pid 1's id here
//   b.put_header(RTM_GETNSID, NLM_F_REQUEST, 1, 0);
//   b.put_rtgenmsg(AF_UNSPEC);
//   b.put_u32(NETNSA_PID, 1);
//   if (auto r = sys_send(t, fd, b.finish()); !r) return r.error();   // handled at once
//   auto reply = sys_recv(t, fd, 32768, 0);      // one datagram: RTM_NEWNSID
//
// A socket belongs to the net namespace its task was in when it was made
// (sock_net; it holds a reference) and keeps the opener's credentials for
// permission checks (file->f_cred). It is bound to a port id on first use
// (netlink_autobind: the task's pid, then -4096 downwards); a socket that
// never bound hears no plain notification, as on the kernel. Requests are
// processed inside send(); replies, acks and multicasts wait in a bounded
// receive queue charged by skb truesize against SO_RCVBUF (832 bytes for a
// small datagram, as the reference kernel counts). A datagram that does
// not fit is dropped, the next recv reports ENOBUFS once, and the socket
// takes nothing more until a recv empties its queue (NETLINK_S_CONGESTED).
// The model has no blocking: recv on an empty queue is EAGAIN.
//
// Dumps are produced one buffer at a time, as netlink_dump does: the first
// part when the request arrives, the next after each recv drains the queue
// below half of the receive buffer, ending with NLMSG_DONE.
//
// Locking: a socket's queue and state have a mutex (multicasts arrive from
// the cleanup worker and from other tasks' requests).
#pragma once

#include <sys/socket.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "netns/base/result.hpp"
#include "netns/task/task.hpp"

namespace netns {

// The model's SOL_NETLINK / SOL_SOCKET options and constants.
inline constexpr int NETNS_SOL_NETLINK = 270;
// net.core.rmem_default / wmem_default on the reference machine.
inline constexpr int NETLINK_DEFAULT_RCVBUF = 212992;
inline constexpr int NETLINK_DEFAULT_SNDBUF = 212992;

result<int> sys_socket(task& t, int family, int type, int protocol);
// send(fd, buf, len, 0): to the socket's connected destination, the
// kernel unless connect said otherwise. The kernel is the only destination
// in the model: a non-zero destination port is ECONNREFUSED, as for a port
// no socket has (user sockets do not reach each other).
result<std::size_t> sys_send(task& t, int fd, std::span<const std::uint8_t> data);
// sendto(fd, buf, len, 0, {AF_NETLINK, portid, groups}): EPERM for a
// destination other than the kernel without CAP_NET_ADMIN over the
// socket's net (NETLINK_ROUTE lets users send only to the kernel); then as
// send. A multicast part (groups) reaches no other socket in the model;
// with port 0 the kernel still gets the request, as on Linux.
result<std::size_t> sys_sendto_netlink(task& t, int fd, std::span<const std::uint8_t> data,
                                       std::uint32_t portid, std::uint32_t groups);

struct recv_result {
  std::vector<std::uint8_t> data;  // at most the buffer length
  std::size_t length = 0;          // recvmsg's return (the datagram's size with MSG_TRUNC)
  int msg_flags = 0;               // MSG_TRUNC when the datagram was cut
};
// recvmsg with a buffer of `len` bytes; flags MSG_PEEK, MSG_TRUNC and
// MSG_DONTWAIT (implied) are honoured.
result<recv_result> sys_recv(task& t, int fd, std::size_t len, int flags);

result<void> sys_setsockopt_int(task& t, int fd, int level, int name, int value);
result<int> sys_getsockopt_int(task& t, int fd, int level, int name);
// bind(fd, {AF_NETLINK, nl_pid, nl_groups}).
result<void> sys_bind_netlink(task& t, int fd, std::uint32_t portid, std::uint32_t groups);
// getsockname: the port id (autobinding first) and the groups bitmask.
result<std::pair<std::uint32_t, std::uint32_t>> sys_getsockname_netlink(task& t, int fd);
// connect(fd, {family, portid, groups}) (netlink_connect): AF_UNSPEC
// forgets the destination; AF_NETLINK sets it (the lowest of `groups`
// only), EPERM for one other than the kernel without CAP_NET_ADMIN over
// the socket's net, and binds the socket first if it is not. Other
// families: EINVAL. (The address's length is the caller's to check.)
result<void> sys_connect_netlink(task& t, int fd, int family, std::uint32_t portid, std::uint32_t groups);
// getpeername: the connected port and group (as a bitmask); 0, 0 when not
// connected.
result<std::pair<std::uint32_t, std::uint32_t>> sys_getpeername_netlink(task& t, int fd);

// The number of datagrams waiting on a socket (for tests and the runner).
result<std::size_t> netlink_queue_length(task& t, int fd);
// For netns exec, which hands the head datagram to a program that may
// read(2) it natively: a copy of it (nullopt: the queue is empty), taking
// nothing and leaving a pending error (ENOBUFS) for the next recv; and
// taking it once the program has read that copy (the rest of a dump then
// follows, as after a recv). Neither changes what a recv's buffer size
// would (the dump part size).
result<std::optional<std::vector<std::uint8_t>>> netlink_queue_head(task& t, int fd);
result<void> netlink_take_head(task& t, int fd);

}  // namespace netns
