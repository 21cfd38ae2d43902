// SPDX-License-Identifier: GPL-2.0-only
#include "nl_exchange.hpp"

#include <linux/net_namespace.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include <cstring>
#include <map>

#include "netns/base/result.hpp"
#include "netns/netlink/wire.hpp"

namespace netns::tools {

namespace {

// NETNSA_NSID and, if present, NETNSA_CURRENT_NSID of a message.
std::pair<int, std::optional<int>> nsid_of(const nlmsghdr* h) {
  return {netlink::message_s32(h, sizeof(rtgenmsg), NETNSA_NSID).value_or(-1),
          netlink::message_s32(h, sizeof(rtgenmsg), NETNSA_CURRENT_NSID)};
}

}  // namespace

nl_request build_nl_request(const std::vector<std::string>& args, std::uint32_t seq,
                            const name_lookup& pid_of, const name_lookup& fd_of) {
  nl_request out;
  const std::string& verb = args.at(0);
  std::map<std::string, std::string> kv;
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "strict") {
      out.strict = true;
      continue;
    }
    const auto eq = args[i].find('=');
    kv[args[i].substr(0, eq)] = args[i].substr(eq + 1);
  }
  netlink::nl_builder b;
  out.dump = verb == "dumpnsid";
  const std::uint16_t type = verb == "newnsid" ? RTM_NEWNSID : RTM_GETNSID;
  std::uint16_t flags = NLM_F_REQUEST;
  if (verb == "newnsid") flags |= NLM_F_ACK;
  if (out.dump) flags |= NLM_F_DUMP;
  b.put_header(type, flags, seq, 0);
  b.put_rtgenmsg(AF_UNSPEC);
  if (kv.count("nsid")) b.put_s32(NETNSA_NSID, static_cast<std::int32_t>(std::stol(kv["nsid"])));
  if (kv.count("pid")) {
    auto pid = pid_of(kv["pid"]);
    if (!pid) {
      out.malformed = "unknown task \"" + kv["pid"] + "\"";
      return out;
    }
    b.put_u32(NETNSA_PID, *pid);
  }
  if (kv.count("fd")) {
    auto fd = fd_of(kv["fd"]);
    if (!fd) {
      out.malformed = "unknown fd \"" + kv["fd"] + "\"";
      return out;
    }
    b.put_u32(NETNSA_FD, *fd);
  }
  if (kv.count("target"))
    b.put_s32(NETNSA_TARGET_NSID, static_cast<std::int32_t>(std::stol(kv["target"])));
  out.bytes = b.finish();
  return out;
}

bool nl_reply_reader::feed(const std::uint8_t* data, std::size_t len) {
  bool done = false;
  int rem = static_cast<int>(len);
  for (auto* h = reinterpret_cast<const nlmsghdr*>(data); NLMSG_OK(h, rem); h = NLMSG_NEXT(h, rem)) {
    if (h->nlmsg_type == NLMSG_ERROR || h->nlmsg_type == NLMSG_DONE) {
      int e = 0;
      if (h->nlmsg_len >= NLMSG_LENGTH(sizeof(int))) std::memcpy(&e, NLMSG_DATA(h), sizeof e);
      if (e) {
        std::string line = std::string("error ") + errno_name(-e);
        if (auto m = netlink::ext_ack_message(h); !m.empty()) line += " \"" + m + "\"";
        lines.push_back(line);
      } else if (h->nlmsg_type == NLMSG_ERROR) {
        lines.push_back("ok");
      }
      return true;
    }
    if (h->nlmsg_type == RTM_NEWNSID) {
      auto [nsid, cur] = nsid_of(h);
      std::string line = "nsid " + std::to_string(nsid);
      if (cur) line += " current-nsid " + std::to_string(*cur);
      lines.push_back(line);
      if (!dump_) done = true;  // the rest of this datagram is still read
    }
  }
  return done;
}

void decode_nsid_events(const std::uint8_t* data, std::size_t len, std::vector<std::string>& out) {
  int rem = static_cast<int>(len);
  for (auto* h = reinterpret_cast<const nlmsghdr*>(data); NLMSG_OK(h, rem); h = NLMSG_NEXT(h, rem)) {
    if (h->nlmsg_type != RTM_NEWNSID && h->nlmsg_type != RTM_DELNSID) continue;
    out.push_back(std::string(h->nlmsg_type == RTM_NEWNSID ? "NEWNSID" : "DELNSID") + " nsid " +
                  std::to_string(nsid_of(h).first));
  }
}

}  // namespace netns::tools
