// SPDX-License-Identifier: GPL-2.0-only
// From a request to its replies: netlink_rcv_skb's loop over the messages
// of one send, rtnetlink_rcv_msg's dispatch and permission check,
// netlink_ack with extended-ACK TLVs, and netlink_dump's part-by-part
// production with NLMSG_DONE.
#include <linux/rtnetlink.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>

#include "netlink_sock.hpp"
#include "rtnl_handlers.hpp"

namespace netns::netlink {

namespace {

// nla_total_size / nlmsg_total_size.
constexpr std::size_t nla_total(std::size_t payload) { return NLA_ALIGN(NLA_HDRLEN + payload); }
constexpr std::size_t nlmsg_total(std::size_t payload) { return NLMSG_ALIGN(NLMSG_LENGTH(payload)); }

// netlink_policy_dump_attr_size_estimate for the policy types used here.
constexpr std::size_t policy_dump_size = nla_total(0)            // the nest
                                         + 2 * nla_total(sizeof(std::uint64_t))  // min, max
                                         + nla_total(sizeof(std::uint32_t));     // type

std::size_t tlv_len(const netlink_sock& sk, int err, const ext_ack& e) {
  if (!sk.ext_ack_on) return 0;
  std::size_t n = 0;
  if (e.msg) n += nla_total(std::strlen(e.msg) + 1);
  if (!err) return n;  // offset and policy are reported with errors only
  if (e.bad_attr) n += nla_total(sizeof(std::uint32_t));
  if (e.policy) n += policy_dump_size;
  return n;
}

// netlink_policy_dump_write_attr, for u32 and s32 without ranges.
void put_policy(nl_builder& b, const nla_policy& pt) {
  const std::size_t nest = b.nest_start(NLA_F_NESTED | NLMSGERR_ATTR_POLICY);
  if (pt.type == nla_type::u8) {
    b.put_u64(NL_POLICY_TYPE_ATTR_MIN_VALUE_U, 0);
    b.put_u64(NL_POLICY_TYPE_ATTR_MAX_VALUE_U, UINT8_MAX);
    b.put_u32(NL_POLICY_TYPE_ATTR_TYPE, NL_ATTR_TYPE_U8);
  } else if (pt.type == nla_type::s32) {
    b.put_s64(NL_POLICY_TYPE_ATTR_MIN_VALUE_S, INT32_MIN);
    b.put_s64(NL_POLICY_TYPE_ATTR_MAX_VALUE_S, INT32_MAX);
    b.put_u32(NL_POLICY_TYPE_ATTR_TYPE, NL_ATTR_TYPE_S32);
  } else {
    b.put_u64(NL_POLICY_TYPE_ATTR_MIN_VALUE_U, 0);
    b.put_u64(NL_POLICY_TYPE_ATTR_MAX_VALUE_U, UINT32_MAX);
    b.put_u32(NL_POLICY_TYPE_ATTR_TYPE, NL_ATTR_TYPE_U32);
  }
  b.nest_end(nest);
}

// netlink_ack_tlv_fill.
void put_tlvs(nl_builder& b, const nlmsghdr* request, int err, const ext_ack& e) {
  if (e.msg) b.put_strz(NLMSGERR_ATTR_MSG, e.msg);
  if (!err) return;
  if (e.bad_attr) {
    const auto off = reinterpret_cast<const std::uint8_t*>(e.bad_attr) -
                     reinterpret_cast<const std::uint8_t*>(request);
    b.put_u32(NLMSGERR_ATTR_OFFS, static_cast<std::uint32_t>(off));
  }
  if (e.policy) put_policy(b, *e.policy);
}

constexpr bool is_dump(std::uint16_t flags) { return flags & NLM_F_DUMP; }

}  // namespace

void netlink_ack(netlink_sock& sk, const nlmsghdr* nlh, int err, const ext_ack& extack) {
  // Errors echo the whole request unless NETLINK_CAP_ACK; a success only
  // its header.
  const bool capped = !err || sk.cap_ack;
  const std::size_t tlvlen = tlv_len(sk, err, extack);
  std::uint16_t flags = capped ? NLM_F_CAPPED : 0;
  if (tlvlen) flags |= NLM_F_ACK_TLVS;
  const std::size_t echo = capped ? 0 : nlh->nlmsg_len - NLMSG_HDRLEN;
  nl_builder b(nlmsg_total(sizeof(nlmsgerr) + echo + tlvlen));
  auto port = sk.portid();
  b.put_header(NLMSG_ERROR, flags, nlh->nlmsg_seq, port ? *port : 0);
  nlmsgerr e{};
  e.error = err;
  e.msg = *nlh;
  b.put_bytes(&e, sizeof e);
  if (echo) b.put_bytes(reinterpret_cast<const std::uint8_t*>(nlh) + NLMSG_HDRLEN, echo);
  if (tlvlen) put_tlvs(b, nlh, err, extack);
  sk.deliver_owned(b.finish());
}

// rtnetlink_rcv_msg: a negative errno to ack, 0, or -EINTR when a dump
// started (its replies are the ack).
int rtnetlink_rcv_msg(netlink_sock& sk, task& current, const nlmsghdr* nlh, ext_ack& extack) {
  const int type = nlh->nlmsg_type;
  if (type > RTM_MAX) return -EOPNOTSUPP;
  // Every rtnetlink message has at least its family byte; a bare header
  // is accepted and does nothing.
  if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(rtgenmsg))) return 0;
  const int kind = (type - RTM_BASE) & 3;  // NEW, DEL, GET, SET
  constexpr int KIND_GET = 2;
  if (kind != KIND_GET && !netlink_net_capable(sk, current, CAP_NET_ADMIN)) return -EPERM;

  const rtnl_handlers* h = rtnl_get_link(type);
  if (kind == KIND_GET && is_dump(nlh->nlmsg_flags)) {
    if (!h || !h->dumpit) return -EOPNOTSUPP;
    return sk.dump_start(current, nlh, h->dumpit, sk.strict_chk);
  }
  if (!h || !h->doit) return -EOPNOTSUPP;
  return h->doit(sk, current, nlh, extack);
}

// netlink_rcv_skb: each whole message in turn; a truncated one ends the
// batch silently.
void rcv_skb(netlink_sock& sk, task& current, std::span<const std::uint8_t> data) {
  std::size_t off = 0;
  // Messages are read in place: copy into an aligned buffer first, since
  // a user's buffer need not be aligned for nlmsghdr.
  if (data.size() > (std::size_t{1} << 30)) return;  // past any SO_SNDBUF; bounds the copy
  alignas(nlmsghdr) std::uint8_t small[256];
  std::vector<std::uint32_t> large;
  std::uint8_t* base = small;
  if (data.size() > sizeof small) {
    large.resize((data.size() + 3) / 4);
    base = reinterpret_cast<std::uint8_t*>(large.data());
  }
  std::copy(data.begin(), data.end(), base);
  const std::size_t len = data.size();
  while (len - off >= NLMSG_HDRLEN) {
    const auto* nlh = reinterpret_cast<const nlmsghdr*>(base + off);
    if (nlh->nlmsg_len < NLMSG_HDRLEN || len - off < nlh->nlmsg_len) return;
    ext_ack extack;
    int err = 0;
    // Only requests are handled, and control messages are skipped.
    if ((nlh->nlmsg_flags & NLM_F_REQUEST) && nlh->nlmsg_type >= NLMSG_MIN_TYPE) {
      err = rtnetlink_rcv_msg(sk, current, nlh, extack);
    }
    if (err != -EINTR && ((nlh->nlmsg_flags & NLM_F_ACK) || err)) netlink_ack(sk, nlh, err, extack);
    std::size_t msglen = NLMSG_ALIGN(nlh->nlmsg_len);
    if (msglen > len - off) msglen = len - off;
    off += msglen;
  }
}

// ---- dumps ------------------------------------------------------------------

namespace {
// NLMSG_GOODSIZE on 4 KiB pages: a page less skb_shared_info.
constexpr std::size_t NLMSG_GOODSIZE_ = 4096 - 320;
}  // namespace

int netlink_sock::dump_start(task& current, const nlmsghdr* nlh, dumpit_fn fn, bool strict) {
  if (cb_.running) return -EBUSY;
  const auto* p = reinterpret_cast<const std::uint8_t*>(nlh);
  cb_.request.assign(p, p + nlh->nlmsg_len);
  cb_.args0 = 0;
  cb_.last_id = -1;
  cb_.version = 0;
  cb_.strict = strict;
  cb_.done_errno = INT_MAX;
  cb_.running = true;
  dumpit_ = fn;
  if (int err = run_dump(current); err) {
    cb_.running = false;
    return err;
  }
  return -EINTR;
}

int netlink_sock::dump_continue(task& current) {
  if (!cb_.running) return 0;
  {
    spin_guard l(lock_);
    if (rmem_ > static_cast<std::size_t>(rcvbuf) / 2) return 0;
  }
  int err = run_dump(current);
  if (err) {
    spin_guard l(lock_);
    sk_err_ = true;  // -err is ENOBUFS: the only error run_dump reports
  }
  return err;
}

// netlink_dump: one part. The dump callback runs while it says there is
// more; the NLMSG_DONE that ends the dump goes in the first part with room
// for it.
int netlink_sock::run_dump(task& current) {
  {
    spin_guard l(lock_);
    if (rmem_ >= static_cast<std::size_t>(rcvbuf)) return -ENOBUFS;
  }
  const std::size_t alloc_size =
      NLMSG_GOODSIZE_ < max_recvmsg_len ? max_recvmsg_len : NLMSG_GOODSIZE_;
  nl_builder out(alloc_size);
  ext_ack extack;
  if (cb_.done_errno > 0) cb_.done_errno = dumpit_(*this, current, cb_, out, alloc_size, extack);
  auto queue = [&](std::vector<std::uint8_t> bytes) { queue_forced(std::move(bytes), skb_truesize(alloc_size)); };
  if (cb_.done_errno > 0 || alloc_size - out.size() < nlmsg_total(sizeof(int))) {
    queue(out.finish());
    return 0;
  }
  const auto* req = reinterpret_cast<const nlmsghdr*>(cb_.request.data());
  const std::size_t tlvlen = tlv_len(*this, cb_.done_errno, extack);
  auto port = portid();
  out.put_header(NLMSG_DONE, NLM_F_MULTI | (tlvlen ? NLM_F_ACK_TLVS : 0), req->nlmsg_seq,
                 port ? *port : 0);
  const int done = cb_.done_errno;
  out.put_bytes(&done, sizeof done);
  if (tlvlen) put_tlvs(out, req, done, extack);
  queue(out.finish());
  cb_.running = false;
  return 0;
}

}  // namespace netns::netlink
