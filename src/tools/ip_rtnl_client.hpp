// SPDX-License-Identifier: GPL-2.0-only
// The model's `ip` as an rtnetlink client (iproute2 6.1's lib/libnetlink.c):
// one NETLINK_ROUTE socket, opened at first use as rtnl_open opens it
// (bound, extended ACKs, strict checking), a request and its whole reply
// (read with netlink/reply_reader.hpp), and rtnl_talk's report of an error.
//
//   rtnl_client rtnl(t);
//   netlink::nl_builder b = rtnl.request(RTM_GETNSID, NLM_F_DUMP);
//   rtnl_reply r = rtnl.talk(b.finish());
//   if (r.error) rtnl.report(r, o);   // "Error: EXTACK." or "RTNETLINK answers: ..."
//
// No locking: one program run, on its caller's thread.
#pragma once

#include <linux/netlink.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ip_options.hpp"
#include "netns/netlink/wire.hpp"
#include "netns/task/task.hpp"

namespace netns::tools {

struct rtnl_reply {
  std::vector<std::vector<std::uint8_t>> msgs;  // each data message's bytes
  int error = 0;                                // a negative errno
  std::string extack;
};

class rtnl_client {
 public:
  explicit rtnl_client(task& t) : t_(t) {}

  // A request header (NLM_F_REQUEST | flags, the next sequence number) and
  // its rtgenmsg; attributes follow.
  netlink::nl_builder request(std::uint16_t type, std::uint16_t flags);
  // Sends one request; the messages of its reply, up to the ACK, the
  // error, a doit's answer or NLMSG_DONE.
  rtnl_reply talk(const std::vector<std::uint8_t>& req);
  // nl_dump_ext_ack / rtnl_talk's report of a failed reply.
  static void report(const rtnl_reply& r, ip_output& o);

 private:
  int socket();

  task& t_;
  int sock_ = -1;
  std::uint32_t seq_ = 0;
};

// NETNSA_NSID and NETNSA_CURRENT_NSID of an RTM_*NSID message.
struct nsid_attrs {
  std::optional<int> nsid, current;
};
nsid_attrs nsid_attrs_of(const std::vector<std::uint8_t>& msg);

}  // namespace netns::tools
