// SPDX-License-Identifier: GPL-2.0-only
#include "nl_exchange.hpp"

#include <linux/net_namespace.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include "netns/base/result.hpp"
#include "netns/netlink/wire.hpp"

namespace netns::tools {

namespace {

std::vector<std::uint8_t> request(std::uint16_t type, std::uint16_t flags, std::uint32_t seq,
                                  std::optional<std::int32_t> nsid, const std::optional<task_arg>& pid,
                                  const std::optional<fd_arg>& fd, std::optional<std::int32_t> target) {
  netlink::nl_builder b;
  b.put_header(type, NLM_F_REQUEST | flags, seq, 0);
  b.put_rtgenmsg(AF_UNSPEC);
  if (nsid) b.put_s32(NETNSA_NSID, *nsid);
  if (pid) b.put_u32(NETNSA_PID, pid->pid);
  if (fd) b.put_u32(NETNSA_FD, static_cast<std::uint32_t>(fd->number));
  if (target) b.put_s32(NETNSA_TARGET_NSID, *target);
  return b.finish();
}

// An RTM_NEWNSID as the nl commands print it.
std::string nsid_line(const nlmsghdr* h) {
  std::string line = "nsid " + std::to_string(nsid_of(h));
  if (auto cur = netlink::message_s32(h, sizeof(rtgenmsg), NETNSA_CURRENT_NSID))
    line += " current-nsid " + std::to_string(*cur);
  return line;
}

}  // namespace

std::vector<std::uint8_t> nl_request(const nl_newnsid_op& o, std::uint32_t seq) {
  return request(RTM_NEWNSID, NLM_F_ACK | (o.echo ? NLM_F_ECHO : 0), seq, o.nsid, o.pid, o.fd, std::nullopt);
}
std::vector<std::uint8_t> nl_request(const nl_getnsid_op& o, std::uint32_t seq) {
  return request(RTM_GETNSID, o.echo ? NLM_F_ECHO : 0, seq, o.nsid, o.pid, o.fd, o.target);
}
std::vector<std::uint8_t> nl_request(const nl_dumpnsid_op& o, std::uint32_t seq) {
  return request(RTM_GETNSID, NLM_F_DUMP | (o.echo ? NLM_F_ECHO : 0), seq, std::nullopt, std::nullopt,
                 std::nullopt, o.target);
}

int nsid_of(const nlmsghdr* h) {
  return netlink::message_s32(h, sizeof(rtgenmsg), NETNSA_NSID).value_or(-1);
}

bool nl_reply_lines::feed(std::span<const std::uint8_t> datagram) {
  const netlink::walk w = reader_.feed(datagram, [&](const nlmsghdr* h) {
    if (h->nlmsg_type == RTM_NEWNSID) lines.push_back(nsid_line(h));
    return true;
  });
  if (w == netlink::walk::more) return false;
  if (w == netlink::walk::failed) {
    std::string line = std::string("error ") + errno_name(reader_.end().code.value);
    if (!reader_.end().extack.empty()) line += " \"" + reader_.end().extack + "\"";
    lines.push_back(line);
  } else if (reader_.acked()) {
    lines.push_back("ok");
  }
  return true;
}

void decode_raw_replies(std::span<const std::uint8_t> datagram, std::vector<std::string>& out) {
  std::size_t at = 0;
  while (datagram.size() - at >= NLMSG_HDRLEN) {
    const auto* h = reinterpret_cast<const nlmsghdr*>(datagram.data() + at);
    if (h->nlmsg_len < NLMSG_HDRLEN || h->nlmsg_len > datagram.size() - at) break;  // never from a kernel
    // One message at a time through cb_run (no sequence or port to check):
    // it reads an ACK, an error with its extack, a failed dump's DONE.
    netlink::walk_end end;
    const netlink::walk w = netlink::cb_run(datagram.subspan(at, h->nlmsg_len), 0, 0,
                                            [&](const nlmsghdr* m) {
                                              out.push_back(m->nlmsg_type == RTM_NEWNSID
                                                                ? nsid_line(m)
                                                                : "msg " + std::to_string(m->nlmsg_type) +
                                                                      " len " + std::to_string(m->nlmsg_len));
                                              return true;
                                            },
                                            &end);
    if (w == netlink::walk::failed) {
      std::string line = std::string("error ") + errno_name(end.code.value);
      if (!end.extack.empty()) line += " \"" + end.extack + "\"";
      out.push_back(line);
    } else if (h->nlmsg_type == NLMSG_ERROR) {
      out.push_back("ok");
    } else if (h->nlmsg_type < NLMSG_MIN_TYPE) {  // NLMSG_NOOP, NLMSG_DONE, NLMSG_OVERRUN
      out.push_back("msg " + std::to_string(h->nlmsg_type) + " len " + std::to_string(h->nlmsg_len));
    }
    at += NLMSG_ALIGN(h->nlmsg_len);
    if (at > datagram.size()) break;
  }
}

void decode_nsid_events(std::span<const std::uint8_t> datagram, std::vector<std::string>& out) {
  // Notifications: no sequence number or port of ours to check.
  (void)netlink::cb_run(datagram, 0, 0, [&](const nlmsghdr* h) {
    if (h->nlmsg_type == RTM_NEWNSID || h->nlmsg_type == RTM_DELNSID)
      out.push_back(std::string(h->nlmsg_type == RTM_NEWNSID ? "NEWNSID" : "DELNSID") + " nsid " +
                    std::to_string(nsid_of(h)));
    return true;
  });
}

}  // namespace netns::tools
