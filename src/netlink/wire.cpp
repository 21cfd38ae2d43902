// SPDX-License-Identifier: GPL-2.0-only
#include "netns/netlink/wire.hpp"

#include <libmnl/libmnl.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>

namespace netns::netlink {

namespace {

// nla_attr_minlen for the policy types used here.
std::size_t min_len(nla_type t) {
  switch (t) {
    case nla_type::u32:
    case nla_type::s32:
      return 4;
    case nla_type::u8:
      return 1;
    case nla_type::unspec:
      return 0;
  }
  return 0;
}

}  // namespace

result<void> parse_attrs(const nlmsghdr* nlh, std::size_t hdrlen, std::span<const nla_policy> policy,
                         bool strict, ext_ack& extack, std::span<const nlattr*> tb) {
  for (auto& e : tb) e = nullptr;
  if (nlh->nlmsg_len < NLMSG_LENGTH(hdrlen)) {
    extack.set("Invalid header length");
    return errc{EINVAL};
  }
  const std::size_t maxtype = policy.size() - 1;
  const auto* head = reinterpret_cast<const std::uint8_t*>(nlh) + NLMSG_HDRLEN + NLMSG_ALIGN(hdrlen);
  long rem = static_cast<long>(nlh->nlmsg_len) - NLMSG_HDRLEN - static_cast<long>(NLMSG_ALIGN(hdrlen));
  const auto* a = reinterpret_cast<const nlattr*>(head);
  // nla_for_each_attr: libmnl's mnl_attr_ok is the kernel's nla_ok.
  for (; rem >= 0 && mnl_attr_ok(a, static_cast<int>(rem));
       rem -= NLA_ALIGN(a->nla_len), a = mnl_attr_next(a)) {
    const std::uint16_t type = a->nla_type & NLA_TYPE_MASK;
    if (type == 0 || type > maxtype) {
      if (strict) {
        extack.set_attr(a, "Unknown attribute type");
        return errc{EINVAL};
      }
      continue;
    }
    const nla_policy& pt = policy[type];
    const std::size_t len = a->nla_len - NLA_HDRLEN;
    // A wrong length only warns (NL_VALIDATE_STRICT_ATTRS is not part of
    // either deprecated mode); a short one fails.
    if (len < min_len(pt.type)) {
      extack.set_attr(a, "Attribute failed policy validation");
      extack.policy = &pt;
      return errc{ERANGE};
    }
    tb[type] = a;
  }
  if (rem > 0) {
    extack.set("bytes leftover after parsing attributes");
    if (strict) return errc{EINVAL};
  }
  return ok();
}

std::int32_t attr_s32(const nlattr* a) {
  std::int32_t v;
  std::memcpy(&v, mnl_attr_get_payload(a), sizeof v);
  return v;
}

std::uint32_t attr_u32(const nlattr* a) {
  std::uint32_t v;
  std::memcpy(&v, mnl_attr_get_payload(a), sizeof v);
  return v;
}

void* nl_builder::grow(std::size_t len) {
  const std::size_t at = used_;
  const std::size_t need = at + MNL_ALIGN(len);
  if (need > buf_.size()) buf_.resize(std::max(need, 2 * buf_.size()));  // zero-filled
  else std::memset(buf_.data() + at, 0, need - at);                    // a cancelled message's bytes
  used_ = need;
  return buf_.data() + at;
}

void nl_builder::end_message() { current()->nlmsg_len = static_cast<std::uint32_t>(used_ - msg_); }

nlmsghdr* nl_builder::put_header(std::uint16_t type, std::uint16_t flags, std::uint32_t seq,
                                 std::uint32_t portid) {
  msg_ = used_;
  grow(MNL_NLMSG_HDRLEN);
  nlmsghdr* h = current();
  h->nlmsg_len = MNL_NLMSG_HDRLEN;
  h->nlmsg_type = type;
  h->nlmsg_flags = flags;
  h->nlmsg_seq = seq;
  h->nlmsg_pid = portid;
  return h;
}

void nl_builder::put_rtgenmsg(std::uint8_t family) {
  auto* p = static_cast<std::uint8_t*>(grow(1));
  *p = family;
  end_message();
}

void nl_builder::put_bytes(const void* data, std::size_t len) {
  if (len) std::memcpy(grow(len), data, len);
  end_message();
}

void nl_builder::put_u32(std::uint16_t type, std::uint32_t v) {
  // Room first (zeroed): mnl_attr_put writes at the message's tail and
  // grows nlmsg_len by as much.
  grow(MNL_ATTR_HDRLEN + sizeof v);
  mnl_attr_put(current(), type, sizeof v, &v);
}

void nl_builder::put_attr(std::uint16_t type, const void* data, std::size_t len) {
  grow(MNL_ATTR_HDRLEN + len);
  mnl_attr_put(current(), type, len, data);
}

void nl_builder::put_s32(std::uint16_t type, std::int32_t v) {
  put_u32(type, static_cast<std::uint32_t>(v));
}

void nl_builder::put_u64(std::uint16_t type, std::uint64_t v) {
  grow(MNL_ATTR_HDRLEN + sizeof v);
  mnl_attr_put(current(), type, sizeof v, &v);
}

void nl_builder::put_s64(std::uint16_t type, std::int64_t v) {
  put_u64(type, static_cast<std::uint64_t>(v));
}

void nl_builder::put_strz(std::uint16_t type, const char* s) {
  const std::size_t len = std::strlen(s) + 1;
  grow(MNL_ATTR_HDRLEN + len);
  mnl_attr_put(current(), type, len, s);
}

std::size_t nl_builder::nest_start(std::uint16_t type) {
  const std::size_t at = used_;
  grow(MNL_ATTR_HDRLEN);
  mnl_attr_nest_start(current(), type);
  return at;
}

void nl_builder::nest_end(std::size_t offset) {
  auto* start = reinterpret_cast<nlattr*>(buf_.data() + offset);
  mnl_attr_nest_end(current(), start);
}

void nl_builder::cancel() { used_ = msg_; }

std::string ext_ack_message(const nlmsghdr* h) {
  if (!(h->nlmsg_flags & NLM_F_ACK_TLVS) || h->nlmsg_len < NLMSG_HDRLEN) return "";
  const auto* body = static_cast<const std::uint8_t*>(NLMSG_DATA(h));
  const std::size_t len = h->nlmsg_len - NLMSG_HDRLEN;
  std::size_t off = sizeof(std::int32_t);  // the error
  if (h->nlmsg_type == NLMSG_ERROR) {
    nlmsghdr echo;
    if (len < off + sizeof echo) return "";
    std::memcpy(&echo, body + off, sizeof echo);
    off += (h->nlmsg_flags & NLM_F_CAPPED) ? sizeof echo : NLMSG_ALIGN(echo.nlmsg_len);
  }
  while (off + NLA_HDRLEN <= len) {
    nlattr a;
    std::memcpy(&a, body + off, sizeof a);
    if (a.nla_len < NLA_HDRLEN || off + a.nla_len > len) break;
    if ((a.nla_type & NLA_TYPE_MASK) == NLMSGERR_ATTR_MSG) {
      const char* text = reinterpret_cast<const char*>(body + off + NLA_HDRLEN);
      return std::string(text, strnlen(text, a.nla_len - NLA_HDRLEN));
    }
    off += NLA_ALIGN(a.nla_len);
  }
  return "";
}

std::optional<std::int32_t> message_s32(const nlmsghdr* h, std::size_t hdrlen, std::uint16_t type) {
  const auto* base = reinterpret_cast<const std::uint8_t*>(h);
  std::size_t off = NLMSG_LENGTH(NLMSG_ALIGN(hdrlen));
  while (off + NLA_HDRLEN <= h->nlmsg_len) {
    nlattr a;
    std::memcpy(&a, base + off, sizeof a);
    if (a.nla_len < NLA_HDRLEN || off + a.nla_len > h->nlmsg_len) break;
    if ((a.nla_type & NLA_TYPE_MASK) == type && a.nla_len >= NLA_HDRLEN + sizeof(std::int32_t)) {
      std::int32_t v;
      std::memcpy(&v, base + off + NLA_HDRLEN, sizeof v);
      return v;
    }
    off += NLA_ALIGN(a.nla_len);
  }
  return std::nullopt;
}

std::size_t skb_truesize(std::size_t len) {
  // alloc_skb: the data area is cache-aligned and skb_shared_info (320
  // bytes) follows it. Up to 576 bytes in all the head comes from the
  // small-head cache; above, from its kmalloc class or page order (powers
  // of two). truesize is the head less shinfo, plus the aligned sk_buff
  // (256) and shinfo. A 28-byte RTM_NEWNSID is charged 832 bytes: the
  // reference kernel queued exactly floor(rcvbuf / 832) of them at every
  // SO_RCVBUF tried (2304 to 212992).
  constexpr std::size_t shinfo = 320, skb = 256, small_head = 576;
  const std::size_t head = ((len + 63) & ~std::size_t{63}) + shinfo;
  const std::size_t osize = head <= small_head ? small_head : std::bit_ceil(head);
  return osize - shinfo + skb + shinfo;
}

}  // namespace netns::netlink
