// SPDX-License-Identifier: GPL-2.0-only
// The typed NSID calls: a request through the protocol's own handlers, the
// reply decoded.
#include "netns/netlink/nsid_api.hpp"

#include <linux/net_namespace.h>
#include <linux/rtnetlink.h>

#include <cerrno>
#include <string_view>

#include "netlink_sock.hpp"
#include "netns/netlink/reply_reader.hpp"
#include "rtnl_handlers.hpp"

namespace netns {

namespace {

using netlink::netlink_sock;
using netlink::nl_builder;

// failure::message must be static: the extack texts the handlers can send.
const char* static_text(std::string_view s) {
  static constexpr const char* known[] = {
      "nsid is missing",
      "Peer netns reference is missing",
      "Peer netns reference is invalid",
      "Peer netns already has a nsid assigned",
      "The specified nsid is already used",
      "Target netns reference is invalid",
      "Invalid target network namespace id",
      "Unsupported attribute in peer netns getid request",
      "Unsupported attribute in dump request",
      "Unknown attribute type",
      "Attribute failed policy validation",
      "bytes leftover after parsing attributes",
      "Invalid header length",
  };
  for (const char* k : known)
    if (s == k) return k;
  return nullptr;
}

void put_peer(nl_builder& b, const nsid_peer& p) {
  switch (p.kind) {
    case nsid_peer::pid:
      b.put_u32(NETNSA_PID, static_cast<std::uint32_t>(p.value));
      break;
    case nsid_peer::fd:
      b.put_u32(NETNSA_FD, static_cast<std::uint32_t>(p.value));
      break;
    case nsid_peer::nsid:
      b.put_s32(NETNSA_NSID, static_cast<std::int32_t>(p.value));
      break;
  }
}

nsid_reply reply_of(const nlmsghdr* h) {
  nsid_reply r;
  r.nsid = netlink::message_s32(h, sizeof(rtgenmsg), NETNSA_NSID).value_or(-1);
  r.current_nsid = netlink::message_s32(h, sizeof(rtgenmsg), NETNSA_CURRENT_NSID);
  return r;
}

// Runs one request and collects what came back: the replies, and the
// error if an NLMSG_ERROR or NLMSG_DONE carried one.
struct exchange {
  std::vector<nsid_reply> replies;
  int error = 0;
  failure fail{errc{0}};
};

result<exchange> run(task& t, std::vector<std::uint8_t> request, bool strict) {
  auto sk = netlink::make_netlink_sock(t, true);
  if (!sk) return sk.error();
  netlink_sock& s = **sk;
  s.ext_ack_on = true;
  s.strict_chk = strict;
  s.max_recvmsg_len = 32768 - 320;
  netlink::reply_reader reader(request);
  netlink::rcv_skb(s, t, request);
  exchange x;
  while (reader.state() == netlink::walk::more) {
    auto p = s.pop(false);
    if (p.error) return errc{ENOBUFS};
    if (p.empty) break;
    reader.feed(p.bytes, [&](const nlmsghdr* h) {
      if (h->nlmsg_type == RTM_NEWNSID) x.replies.push_back(reply_of(h));
      return true;
    });
    s.dump_continue(t);
  }
  if (reader.state() == netlink::walk::failed) {
    x.error = reader.end().code.value;
    x.fail = failure(reader.end().code, static_text(reader.end().extack));
  }
  return x;
}

std::vector<std::uint8_t> request(std::uint16_t type, std::uint16_t flags) {
  nl_builder b;
  b.put_header(type, NLM_F_REQUEST | flags, 0, 0);
  b.put_rtgenmsg(AF_UNSPEC);
  return b.finish();
}

}  // namespace

result<void> rtnl_newnsid(task& t, nsid_peer peer, int nsid) {
  nl_builder b;
  b.put_header(RTM_NEWNSID, NLM_F_REQUEST | NLM_F_ACK, 0, 0);
  b.put_rtgenmsg(AF_UNSPEC);
  put_peer(b, peer);
  b.put_s32(NETNSA_NSID, nsid);
  auto x = run(t, b.finish(), false);
  if (!x) return x.error();
  if (x->error) return x->fail;
  return ok();
}

result<nsid_reply> rtnl_getnsid(task& t, nsid_peer peer, std::optional<int> target_nsid) {
  nl_builder b;
  b.put_header(RTM_GETNSID, NLM_F_REQUEST, 0, 0);
  b.put_rtgenmsg(AF_UNSPEC);
  put_peer(b, peer);
  if (target_nsid) b.put_s32(NETNSA_TARGET_NSID, *target_nsid);
  auto x = run(t, b.finish(), false);
  if (!x) return x.error();
  if (x->error) return x->fail;
  if (x->replies.empty()) return errc{EIO};
  return x->replies.front();
}

result<std::vector<nsid_reply>> rtnl_dumpnsid(task& t, std::optional<int> target_nsid) {
  std::vector<std::uint8_t> req;
  if (target_nsid) {
    nl_builder b;
    b.put_header(RTM_GETNSID, NLM_F_REQUEST | NLM_F_DUMP, 0, 0);
    b.put_rtgenmsg(AF_UNSPEC);
    b.put_s32(NETNSA_TARGET_NSID, *target_nsid);
    req = b.finish();
  } else {
    req = request(RTM_GETNSID, NLM_F_DUMP);
  }
  // A target is only honoured by a strict socket, as `ip netns list-id` uses.
  auto x = run(t, std::move(req), target_nsid.has_value());
  if (!x) return x.error();
  if (x->error) return x->fail;
  return std::move(x->replies);
}

}  // namespace netns
