// SPDX-License-Identifier: GPL-2.0-only
// The netlink wire format, on libmnl: building messages into byte buffers,
// attribute parsing with the kernel's policy rules (nlmsg_parse_deprecated
// and _strict), and extended-ACK state (netlink_ext_ack).
//
// Example:
//   #include <linux/net_namespace.h>
//   #include <linux/rtnetlink.h>
//   #include <sys/socket.h>
//   netlink::nl_builder b;                         // ip netns set NAME 5
//   b.put_header(RTM_NEWNSID, NLM_F_REQUEST | NLM_F_ACK, /*seq=*/1, /*portid=*/0);
//   b.put_rtgenmsg(AF_UNSPEC);
//   b.put_s32(NETNSA_NSID, 5);
//   b.put_u32(NETNSA_FD, 3);
//   std::vector<std::uint8_t> bytes = b.finish();
//   auto* h = reinterpret_cast<const nlmsghdr*>(bytes.data());
//   auto id = netlink::message_s32(h, sizeof(rtgenmsg), NETNSA_NSID);   // 5
//
// Constants come from the kernel's UAPI headers (linux/netlink.h,
// linux/rtnetlink.h, linux/net_namespace.h). No locking: values.
#pragma once

#include <linux/netlink.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "netns/base/result.hpp"

namespace netns::netlink {

// The attribute types of a policy (the few rtnl_net_policy uses).
// (unspec also stands for strings, binaries and nests: no minimum length.)
enum class nla_type : std::uint8_t { unspec, u32, s32, u8 };

struct nla_policy {
  nla_type type = nla_type::unspec;
};

// netlink_ext_ack: a message, the offending attribute and the policy it
// failed. Messages are static strings, as in the kernel.
struct ext_ack {
  const char* msg = nullptr;
  const nlattr* bad_attr = nullptr;
  const nla_policy* policy = nullptr;  // set with bad_attr by a policy failure
  void set(const char* m) { msg = m; }
  void set_attr(const nlattr* a, const char* m) {
    bad_attr = a;
    msg = m;
  }
};

// nlmsg_parse_deprecated (strict = false) and nlmsg_parse_deprecated_strict
// (strict = true): attributes after a family header of `hdrlen` bytes into
// tb[0..policy.size()-1]. Strict rejects unknown types and trailing bytes.
// EINVAL ("Invalid header length") when the message is shorter than the
// header; ERANGE ("Attribute failed policy validation") for a payload
// shorter than its type.
result<void> parse_attrs(const nlmsghdr* nlh, std::size_t hdrlen, std::span<const nla_policy> policy,
                         bool strict, ext_ack& extack, std::span<const nlattr*> tb);

std::int32_t attr_s32(const nlattr* a);
std::uint32_t attr_u32(const nlattr* a);

// A growing buffer of messages, written with libmnl.
class nl_builder {
 public:
  // `reserve`: the bytes expected, allocated (and zeroed) at once.
  explicit nl_builder(std::size_t reserve = 256) : buf_(reserve) {}
  // Starts a message; the header's length grows with each put.
  nlmsghdr* put_header(std::uint16_t type, std::uint16_t flags, std::uint32_t seq,
                       std::uint32_t portid);
  void put_rtgenmsg(std::uint8_t family);
  void put_bytes(const void* data, std::size_t len);  // padded to 4
  void put_u32(std::uint16_t type, std::uint32_t v);
  void put_attr(std::uint16_t type, const void* data, std::size_t len);  // payload as given
  void put_u8(std::uint16_t type, std::uint8_t v) { put_attr(type, &v, 1); }
  void put_u16(std::uint16_t type, std::uint16_t v) { put_attr(type, &v, 2); }
  void put_s32(std::uint16_t type, std::int32_t v);
  void put_s64(std::uint16_t type, std::int64_t v);
  void put_u64(std::uint16_t type, std::uint64_t v);
  void put_strz(std::uint16_t type, const char* s);
  std::size_t nest_start(std::uint16_t type);  // returns the nest's offset
  void nest_end(std::size_t offset);
  nlmsghdr* current() { return reinterpret_cast<nlmsghdr*>(buf_.data() + msg_); }
  std::size_t size() const { return used_; }
  // Drops the message being built (nlmsg_cancel).
  void cancel();
  std::vector<std::uint8_t> finish() {
    buf_.resize(used_);
    return std::move(buf_);
  }

 private:
  void* grow(std::size_t len);  // appends len (aligned) zero bytes
  void end_message();
  // buf_ is the space (zeroed past used_ up to its size); used_ the bytes
  // written. Growing by a few bytes is then a bounds check and a memset.
  std::vector<std::uint8_t> buf_;
  std::size_t used_ = 0;
  std::size_t msg_ = 0;  // offset of the message being built
};

// Reading replies: the pieces of a message that reply_reader.hpp's walk hands
// over (the same for every client: the CLI, ip, the typed API).
// The NLMSGERR_ATTR_MSG text of an NLMSG_ERROR or NLMSG_DONE carrying
// NLM_F_ACK_TLVS, or "" (past the echoed request unless NLM_F_CAPPED).
std::string ext_ack_message(const nlmsghdr* h);
// A 32-bit attribute of a message with a family header of `hdrlen` bytes.
std::optional<std::int32_t> message_s32(const nlmsghdr* h, std::size_t hdrlen, std::uint16_t type);

// The kernel's accounting of a buffer of `len` bytes made by alloc_skb:
// what it charges against a socket's receive buffer (skb->truesize).
std::size_t skb_truesize(std::size_t len);

}  // namespace netns::netlink
