// SPDX-License-Identifier: GPL-2.0-only
// libmnl's callback runner (src/callback.c), with NLMSG_DONE's errno read,
// and what ends the reply to one request.
#include "netns/netlink/reply_reader.hpp"

#include <libmnl/libmnl.h>

#include <cerrno>
#include <cstring>
#include <optional>

#include "netns/netlink/wire.hpp"

namespace netns::netlink {

namespace {

// The errno an NLMSG_ERROR or NLMSG_DONE carries (the kernel sends it
// negative; mnl_cb_error takes either sign), or nullopt when the message
// is too short to hold what its type needs: a whole struct nlmsgerr for an
// error, as mnl_cb_error wants, the int for a dump's end.
std::optional<int> carried_errno(const nlmsghdr* h) {
  const std::size_t need = h->nlmsg_type == NLMSG_ERROR ? sizeof(nlmsgerr) : sizeof(std::int32_t);
  if (h->nlmsg_len < mnl_nlmsg_size(need)) return std::nullopt;
  std::int32_t e;
  std::memcpy(&e, mnl_nlmsg_get_payload(h), sizeof e);
  return e < 0 ? -e : e;
}

}  // namespace

walk cb_run(std::span<const std::uint8_t> datagram, std::uint32_t seq, std::uint32_t portid,
            const message_fn& on_data, walk_end* end) {
  auto stop = [&](walk w, const nlmsghdr* h, int code) {
    if (end) {
      end->type = h ? h->nlmsg_type : 0;
      end->code = errc{code};
      end->extack = h && code ? ext_ack_message(h) : std::string();
    }
    return w;
  };
  int len = static_cast<int>(datagram.size());
  const auto* h = reinterpret_cast<const nlmsghdr*>(datagram.data());
  for (; mnl_nlmsg_ok(h, len); h = mnl_nlmsg_next(h, &len)) {
    if (!mnl_nlmsg_portid_ok(h, portid)) return stop(walk::failed, h, ESRCH);
    if (!mnl_nlmsg_seq_ok(h, seq)) return stop(walk::failed, h, EPROTO);
    if (h->nlmsg_flags & NLM_F_DUMP_INTR) return stop(walk::failed, h, EINTR);
    if (h->nlmsg_type >= NLMSG_MIN_TYPE) {
      if (on_data && !on_data(h)) return stop(walk::done, h, 0);
      continue;
    }
    if (h->nlmsg_type != NLMSG_ERROR && h->nlmsg_type != NLMSG_DONE) continue;  // NOOP, OVERRUN
    const std::optional<int> e = carried_errno(h);
    if (!e) return stop(walk::failed, h, EBADMSG);
    return stop(*e ? walk::failed : walk::done, h, *e);
  }
  // What is left is not a whole message: a reply cut short (a receive
  // buffer too small for the datagram), which more datagrams cannot mend.
  if (len > 0) return stop(walk::failed, nullptr, EBADMSG);
  return walk::more;
}

reply_reader::reply_reader(std::span<const std::uint8_t> request, std::uint32_t portid)
    : portid_(portid) {
  nlmsghdr h{};
  if (request.size() >= sizeof h) std::memcpy(&h, request.data(), sizeof h);
  seq_ = h.nlmsg_seq;
  dump_ = (h.nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP;
  ack_ = (h.nlmsg_flags & NLM_F_ACK) != 0;
}

walk reply_reader::feed(std::span<const std::uint8_t> datagram, const message_fn& on_data) {
  if (state_ != walk::more) return state_;
  // A request that is neither a dump nor asks for an ACK has one answer:
  // the first data message ends the reply (the kernel sends it alone).
  const bool one_answer = !dump_ && !ack_;
  state_ = cb_run(
      datagram, seq_, portid_,
      [&](const nlmsghdr* h) { return (!on_data || on_data(h)) && !one_answer; }, &end_);
  return state_;
}

}  // namespace netns::netlink
