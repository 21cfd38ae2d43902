// SPDX-License-Identifier: GPL-2.0-only
// The scenario's `nl` and `events` commands as bytes, shared by both
// backends so that the model and the kernel see the same requests and
// their replies are read the same way (netlink/reply_reader.hpp).
//
//   std::vector<std::uint8_t> req = nl_request(op, seq);   // `nl getnsid fd=pin`, resolved
//   nl_reply_lines reply(req);
//   while (!reply.feed(datagram)) ...                       // reply.lines: "nsid 0"
//
// No locking: values.
#pragma once

#include <linux/netlink.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "netns/netlink/reply_reader.hpp"
#include "netns/tools/operations.hpp"

namespace netns::tools {

// The request of an `nl` operation, its fd and pid resolved: exactly the
// attributes given, in the order NSID, PID, FD, TARGET_NSID.
std::vector<std::uint8_t> nl_request(const nl_newnsid_op& o, std::uint32_t seq);
std::vector<std::uint8_t> nl_request(const nl_getnsid_op& o, std::uint32_t seq);
std::vector<std::uint8_t> nl_request(const nl_dumpnsid_op& o, std::uint32_t seq);
// Whether the request's socket sets NETLINK_CAP_ACK first.
template <class Op>
bool nl_capack(const Op& o) {
  return o.capack;
}
// Whether the request's socket sets NETLINK_GET_STRICT_CHK first.
inline bool nl_strict(const nl_dumpnsid_op& o) { return o.strict; }
template <class Op>
bool nl_strict(const Op&) {
  return false;
}

// The reply to one request as result lines: "nsid N [current-nsid M]" per
// RTM_NEWNSID, "ok" for an ACK, `error ERRNO "extack"` for an error.
class nl_reply_lines {
 public:
  explicit nl_reply_lines(std::span<const std::uint8_t> request) : reader_(request) {}
  // One datagram; true once the reply is complete.
  bool feed(std::span<const std::uint8_t> datagram);
  std::vector<std::string> lines;

 private:
  netlink::reply_reader reader_;
};

// The replies to `nl raw`, a datagram at a time: a line per message, in
// order ("ok", `error ERRNO "extack"`, "nsid N [current-nsid M]", or
// "msg TYPE len N"). The requests were anyone's bytes, so no sequence
// number or end of reply is assumed: the caller reads until none is left.
void decode_raw_replies(std::span<const std::uint8_t> datagram, std::vector<std::string>& out);

// NETNSA_NSID of an RTM_*NSID message (-1 without one).
int nsid_of(const nlmsghdr* h);

// RTM_NEWNSID / RTM_DELNSID notifications in a datagram, as `events` lines.
void decode_nsid_events(std::span<const std::uint8_t> datagram, std::vector<std::string>& out);

}  // namespace netns::tools
