// SPDX-License-Identifier: GPL-2.0-only
// Reading netlink replies, the same for every client in the tree (the typed
// NSID calls, the model's `ip`, the scenario's `nl` and `events`, the linux
// backend's settle): `cb_run` walks the messages of one datagram as libmnl's
// mnl_cb_run does, and `reply_reader` knows what ends the reply to one
// request.
//
// Example:
//   #include <linux/rtnetlink.h>
//   #include <sys/socket.h>
//   #include "netns/netlink/wire.hpp"
//   netlink::nl_builder b;                          // ip netns list-id
//   b.put_header(RTM_GETNSID, NLM_F_REQUEST | NLM_F_DUMP, /*seq=*/7, /*portid=*/0);
//   b.put_rtgenmsg(AF_UNSPEC);
//   std::vector<std::uint8_t> request = b.finish();
//   netlink::reply_reader reader(request);
//   std::vector<std::uint8_t> datagram;             // each one recv(2) returns, in turn
//   int entries = 0;
//   netlink::walk w = reader.feed(datagram, [&](const nlmsghdr* h) {
//     ++entries;                                    // an RTM_NEWNSID of the dump
//     return true;                                  // go on
//   });
//   if (w == netlink::walk::failed) return reader.end().code;   // with end().extack
//   // walk::more: recv the next datagram; walk::done: NLMSG_DONE came
//
// What ends a reply follows from the request's flags, as the kernel answers
// them: NLM_F_DUMP, the NLMSG_DONE after the parts (or an error); NLM_F_ACK,
// the ACK after any answer (or an error); neither, the one answer (a data
// message, or an error). NLMSG_DONE may carry the errno a dump failed with
// (and extack attributes): read, unlike libmnl, because the kernel puts it
// there. No locking: a reader belongs to one exchange. Cost: no allocation
// but the extack text of an error.
#pragma once

#include <linux/netlink.h>

#include <cstdint>
#include <functional>
#include <span>
#include <string>

#include "netns/base/result.hpp"

namespace netns::netlink {

// Where a walk stands: the reply goes on in a later datagram (MNL_CB_OK),
// it is complete (MNL_CB_STOP), or it failed (MNL_CB_ERROR).
enum class walk { more, done, failed };

// The message a walk ended at. `code` is its errno: 0 for an ACK, a
// successful NLMSG_DONE, or a data message that ends a reply; otherwise the
// errno of an NLMSG_ERROR (or a failed dump's NLMSG_DONE), or the reader's
// own: ESRCH (another port's message), EPROTO (another request's sequence
// number), EINTR (NLM_F_DUMP_INTR: the dump changed under it), EBADMSG (a
// message cut short).
struct walk_end {
  std::uint16_t type = 0;  // NLMSG_ERROR, NLMSG_DONE, a data message's; 0 for bytes cut short
  errc code{0};
  std::string extack;      // NLMSGERR_ATTR_MSG, "" when none
};

// Called for each data message (type >= NLMSG_MIN_TYPE); false ends the
// walk there (walk::done), as a callback's MNL_CB_STOP.
using message_fn = std::function<bool(const nlmsghdr* h)>;

// mnl_cb_run: the messages of one datagram, in order. Each is checked for
// its port and sequence number (only where both sides are non-zero, as
// mnl_nlmsg_portid_ok and mnl_nlmsg_seq_ok) and NLM_F_DUMP_INTR; then a
// data message goes to `on_data` (may be empty), NLMSG_NOOP and
// NLMSG_OVERRUN are passed over, NLMSG_ERROR ends the walk (done for an
// ACK, failed for an errno), NLMSG_DONE ends it (failed when it carries an
// errno). Bytes left that are not a whole message fail it (EBADMSG).
// `end`, when given, says where a done or failed walk stopped.
walk cb_run(std::span<const std::uint8_t> datagram, std::uint32_t seq, std::uint32_t portid,
            const message_fn& on_data, walk_end* end = nullptr);

class reply_reader {
 public:
  // The reply to `request` (the bytes sent: its first message's sequence
  // number is checked, its flags say what ends the reply). `portid`: the
  // socket's port, checked when not 0.
  explicit reply_reader(std::span<const std::uint8_t> request, std::uint32_t portid = 0);

  // One datagram of the reply; `on_data` sees each of its data messages.
  // more: read another datagram. After done or failed, feeding changes
  // nothing.
  walk feed(std::span<const std::uint8_t> datagram, const message_fn& on_data = {});

  walk state() const { return state_; }
  // Where the reply ended (done or failed).
  const walk_end& end() const { return end_; }
  // It ended with an ACK (NLMSG_ERROR with errno 0).
  bool acked() const { return state_ == walk::done && end_.type == NLMSG_ERROR; }

 private:
  std::uint32_t seq_ = 0;
  std::uint32_t portid_;
  bool dump_ = false;
  bool ack_ = false;
  walk state_ = walk::more;
  walk_end end_;
};

}  // namespace netns::netlink
