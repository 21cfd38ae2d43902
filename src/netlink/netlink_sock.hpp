// SPDX-License-Identifier: GPL-2.0-only
// The netlink socket object (internal to the netlink layer): an open file
// that is also a port of its namespace's rtnl_table.
#pragma once

#include <linux/netlink.h>

#include <atomic>
#include <cstdint>
#include <deque>
#include <mutex>
#include <span>
#include <optional>
#include <vector>

#include "netns/base/thread_annotations.hpp"
#include "netns/core/cred.hpp"
#include "netns/core/net.hpp"
#include "netns/core/rtnl_table.hpp"
#include "netns/fs/vfs.hpp"
#include "netns/netlink/socket.hpp"
#include "netns/netlink/wire.hpp"
#include "netns/task/task.hpp"

namespace netns::netlink {

class netlink_sock;

// A dump in progress (struct netlink_callback): the request, kept for the
// later parts, and the position reached (cb->args[0]).
struct dump_state {
  bool running = false;
  std::vector<std::uint8_t> request;  // the whole nlmsghdr and payload
  long args0 = 0;
  // Where rtnl_net_dumpid's walk resumes (its args0 is the index).
  int last_id = -1;
  std::uint64_t version = 0;
  bool strict = false;
  int done_errno = 0;  // INT_MAX while parts remain (dump_done_errno)
};

// The dump callback of a message type: fills `out` (up to `room` bytes,
// whole messages only) from cb->args[0] on; returns the bytes written
// (> 0: call again), 0 when finished, or a negative errno with `extack`.
using dumpit_fn = int (*)(netlink_sock& sk, task& current, dump_state& cb, nl_builder& out,
                          std::size_t room, ext_ack& extack);

class netlink_sock final : public fs::file, public netlink_port {
 public:
  netlink_sock(fs::inode_ptr ino, net_ref n, cred c, int tgid);
  ~netlink_sock() override;

  net& sock_net() const { return *net_; }
  result<std::int64_t> llseek(std::int64_t, int) override { return errc{ESPIPE}; }  // a socket
  const cred& opener() const { return creds_; }

  // Never bound: port 0 (the typed API's requests).
  bool private_port = false;
  // The port id, binding on first use.
  result<std::uint32_t> portid();
  std::uint32_t bound_portid() const;  // 0 while unbound
  std::uint32_t groups() const;

  bool deliver(std::span<const std::uint8_t> datagram) override;
  // The same for a buffer made for this socket alone (moved, not copied).
  bool deliver_owned(std::vector<std::uint8_t>&& datagram);

  // Options (NETLINK_F_*).
  bool ext_ack_on = false;  // NETLINK_EXT_ACK
  bool strict_chk = false;
  bool cap_ack = false;
  // Read by deliveries from other threads (the cleanup worker's
  // notifications), set by the socket's task.
  std::atomic<bool> no_enobufs{false};
  std::atomic<int> rcvbuf{NETLINK_DEFAULT_RCVBUF};
  int sndbuf = NETLINK_DEFAULT_SNDBUF;
  // connect's destination (dst_portid, and dst_group as a group number):
  // where a send without an address goes. Set and read by the socket's
  // task.
  std::uint32_t dst_portid = 0;
  std::uint32_t dst_group = 0;

  // One datagram for the user.
  struct popped {
    std::vector<std::uint8_t> bytes;
    bool error = false;  // sk_err was pending: ENOBUFS
    bool empty = false;
  };
  popped pop(bool peek);
  // For a placeholder that carries the queue's head to a program (netns
  // exec): a copy of the head datagram (empty: none), and the head taken
  // as the program's read(2) of that copy took it; neither touches a
  // pending error, which the next recvmsg still reports.
  std::optional<std::vector<std::uint8_t>> head_copy();
  void drop_head();
  // Queues a datagram the kernel side made for this socket alone (a dump
  // part: no receive-buffer check, netlink_dump checked before making it).
  void queue_forced(std::vector<std::uint8_t> bytes, std::size_t truesize);
  std::size_t queue_length();

  // Dumps.
  int dump_start(task& current, const nlmsghdr* nlh, dumpit_fn fn, bool strict);
  int dump_continue(task& current);  // after a recv
  std::size_t max_recvmsg_len = 0;

  result<void> bind_to(std::uint32_t portid);
  result<void> join_group(unsigned group);
  void leave_group(unsigned group);
  void set_groups(std::uint32_t mask);

 private:
  int run_dump(task& current);

  net_ref net_;
  cred creds_;
  int tgid_;

  // Binding and groups: rare, under a mutex (the table's lock nests in it).
  mutable mutex bind_lock_;
  std::uint32_t portid_ NETNS_GUARDED_BY(bind_lock_) = 0;
  bool bound_ NETNS_GUARDED_BY(bind_lock_) = false;
  std::uint64_t groups_ NETNS_GUARDED_BY(bind_lock_) = 0;
  // The port once bound, read without the lock on every request.
  std::atomic<bool> bound_fast_{false};
  std::atomic<std::uint32_t> portid_fast_{0};

  // The receive queue: a few pointer moves per datagram, under a spinlock.
  mutable spinlock lock_;
  struct datagram {
    std::vector<std::uint8_t> bytes;
    std::size_t charge;  // skb truesize, against rcvbuf
  };
  std::deque<datagram> queue_ NETNS_GUARDED_BY(lock_);
  std::size_t rmem_ NETNS_GUARDED_BY(lock_) = 0;
  bool sk_err_ NETNS_GUARDED_BY(lock_) = false;     // ENOBUFS owed to the next recv
  bool congested_ NETNS_GUARDED_BY(lock_) = false;  // NETLINK_S_CONGESTED

  // The dump: touched by the socket's own task only (send and recv).
  dump_state cb_;
  dumpit_fn dumpit_ = nullptr;
};

// The socket behind a file, or nullptr.
netlink_sock* as_netlink(fs::file* f);
// A socket of `t`'s current namespace with its credentials, not in any fd
// table. `private_port`: it never binds (port id 0), for the typed API.
result<std::shared_ptr<netlink_sock>> make_netlink_sock(task& t, bool private_port);

// Builds and queues the ack or error for `nlh` (netlink_ack).
void netlink_ack(netlink_sock& sk, const nlmsghdr* nlh, int err, const ext_ack& extack);

}  // namespace netns::netlink
