// SPDX-License-Identifier: GPL-2.0-only
// iproute2 6.1's rtnl_open, rtnl_talk and rtnl_dump_filter over the
// model's system calls.
#include "ip_rtnl_client.hpp"

#include <linux/net_namespace.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>

#include "netns/netlink/reply_reader.hpp"
#include "netns/netlink/socket.hpp"
#include "netns/task/syscalls.hpp"

namespace netns::tools {

int rtnl_client::socket() {
  if (sock_ >= 0) return sock_;
  auto s = sys_socket(t_, AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
  if (!s) return -1;
  (void)sys_setsockopt_int(t_, *s, NETNS_SOL_NETLINK, NETLINK_EXT_ACK, 1);
  (void)sys_setsockopt_int(t_, *s, NETNS_SOL_NETLINK, NETLINK_GET_STRICT_CHK, 1);
  (void)sys_bind_netlink(t_, *s, 0, 0);
  sock_ = *s;
  return sock_;
}

netlink::nl_builder rtnl_client::request(std::uint16_t type, std::uint16_t flags) {
  netlink::nl_builder b;
  b.put_header(type, NLM_F_REQUEST | flags, ++seq_, 0);
  b.put_rtgenmsg(AF_UNSPEC);
  return b;
}

rtnl_reply rtnl_client::talk(const std::vector<std::uint8_t>& req) {
  rtnl_reply r;
  int s = socket();
  if (s < 0 || !sys_send(t_, s, req)) {
    r.error = -EIO;
    return r;
  }
  netlink::reply_reader reader(req);
  while (reader.state() == netlink::walk::more) {
    auto d = sys_recv(t_, s, 32768, 0);
    if (!d) {
      if (d.code() != errc{EAGAIN}) r.error = -d.code().value;
      return r;  // EAGAIN: nothing more (the model never blocks)
    }
    reader.feed(d->data, [&](const nlmsghdr* h) {
      const auto* p = reinterpret_cast<const std::uint8_t*>(h);
      r.msgs.emplace_back(p, p + h->nlmsg_len);
      return true;
    });
  }
  r.error = -reader.end().code.value;
  r.extack = reader.end().extack;
  return r;
}

void rtnl_client::report(const rtnl_reply& r, ip_output& o) {
  if (!r.extack.empty()) {
    std::string m = "Error: " + r.extack;
    if (m.back() != '.') m += ".";
    o.err(m);
  } else {
    o.err(std::string("RTNETLINK answers: ") + std::strerror(-r.error));
  }
}

nsid_attrs nsid_attrs_of(const std::vector<std::uint8_t>& msg) {
  const auto* h = reinterpret_cast<const nlmsghdr*>(msg.data());
  return {netlink::message_s32(h, sizeof(rtgenmsg), NETNSA_NSID),
          netlink::message_s32(h, sizeof(rtgenmsg), NETNSA_CURRENT_NSID)};
}

}  // namespace netns::tools
