// SPDX-License-Identifier: GPL-2.0-only
// The scenario's `nl` and `events` commands as bytes, shared by both
// backends so that the model and the kernel see the same requests and
// their replies are read the same way.
//
//   auto req = build_nl_request(args, seq, pid_of, fd_of);   // `nl getnsid fd=pin`
//   nl_reply_reader r(req.dump);
//   while (!r.feed(datagram, len)) ...                      // r.lines: "nsid 0"
//
// No locking: values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace netns::tools {

struct nl_request {
  std::vector<std::uint8_t> bytes;
  bool dump = false;
  bool strict = false;               // NETLINK_GET_STRICT_CHK on the socket
  std::optional<std::string> malformed;  // a task or fd name that is not known
};

// `args` are the words after `nl`: VERB [fd=FD] [pid=TASK] [nsid=N] [target=N]
// [strict]. The attributes given go in the order NSID, PID, FD, TARGET_NSID.
using name_lookup = std::function<std::optional<std::uint32_t>(const std::string&)>;
nl_request build_nl_request(const std::vector<std::string>& args, std::uint32_t seq,
                            const name_lookup& pid_of, const name_lookup& fd_of);

// Reads the datagrams of one reply into result lines: "nsid N [current-nsid M]"
// per RTM_NEWNSID, "ok" for a zero ACK, `error ERRNO "extack"` for an error.
class nl_reply_reader {
 public:
  explicit nl_reply_reader(bool dump) : dump_(dump) {}
  // True once the reply is complete (an ACK, NLMSG_DONE, or the single
  // answer of a plain request).
  bool feed(const std::uint8_t* data, std::size_t len);
  std::vector<std::string> lines;

 private:
  bool dump_;
};

// RTM_NEWNSID / RTM_DELNSID notifications in a datagram, as `events` lines.
void decode_nsid_events(const std::uint8_t* data, std::size_t len, std::vector<std::string>& out);

}  // namespace netns::tools
