// SPDX-License-Identifier: GPL-2.0-only
// The rtnetlink NSID protocol through model sockets, row by row against the
// reference kernel (docs: linux-behaviour.md §6, tables 6.1 to 6.6): replies
// byte for byte (the port id aside), extack texts and offsets, RTNLGRP_NSID
// notifications, dumps in parts; then what netlink does with malformed
// input, and the socket calls themselves (errors, MSG_TRUNC, MSG_PEEK, the
// receive queue overflowing into ENOBUFS).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <linux/net_namespace.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sched.h>
#include <sys/socket.h>

#include <climits>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "netns/core/nsid.hpp"
#include "netns/netlink/reply_reader.hpp"
#include "netns/netlink/socket.hpp"
#include "netns/netlink/wire.hpp"
#include "netns/machine/machine.hpp"
#include "netns/task/syscalls.hpp"
#include "support/task_util.hpp"

namespace netns {
namespace {

using bytes = std::vector<std::uint8_t>;

constexpr std::uint16_t R = NLM_F_REQUEST;
constexpr std::uint16_t ACK = NLM_F_ACK;
constexpr int SOL_NL = NETNS_SOL_NETLINK;

// ---- bytes ------------------------------------------------------------------

// "24000000 5800 ..." as bytes; anything but hex digits is a separator.
bytes unhex(std::string_view s) {
  bytes out;
  int nibble = -1;
  for (char c : s) {
    int v;
    if (c >= '0' && c <= '9') v = c - '0';
    else if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') v = c - 'A' + 10;
    else continue;
    if (nibble < 0) {
      nibble = v;
    } else {
      out.push_back(static_cast<std::uint8_t>(nibble << 4 | v));
      nibble = -1;
    }
  }
  return out;
}

// Groups of four bytes, for readable failures.
std::string hex(const bytes& b) {
  static const char* digits = "0123456789abcdef";
  std::string s;
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (i && i % 4 == 0) s += ' ';
    s += digits[b[i] >> 4];
    s += digits[b[i] & 15];
  }
  return s;
}

bytes le32(std::uint32_t v) {
  return {std::uint8_t(v), std::uint8_t(v >> 8), std::uint8_t(v >> 16), std::uint8_t(v >> 24)};
}

bytes cat(std::initializer_list<bytes> parts) {
  bytes out;
  for (const bytes& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

// A string with its NUL.
bytes text(const char* s) { return bytes(s, s + std::strlen(s) + 1); }

// A little-endian writer for the datagrams a test expects, independent of
// the library's nl_builder. finish() sets the first message's length.
struct wbuf {
  bytes b;
  wbuf& u16(std::uint16_t v) {
    b.push_back(std::uint8_t(v));
    b.push_back(std::uint8_t(v >> 8));
    return *this;
  }
  wbuf& u32(std::uint32_t v) { return u16(std::uint16_t(v)).u16(std::uint16_t(v >> 16)); }
  wbuf& s32(std::int32_t v) { return u32(static_cast<std::uint32_t>(v)); }
  wbuf& u64(std::uint64_t v) { return u32(std::uint32_t(v)).u32(std::uint32_t(v >> 32)); }
  wbuf& raw(const std::uint8_t* p, std::size_t n) {
    b.insert(b.end(), p, p + n);
    return *this;
  }
  wbuf& pad() {
    while (b.size() % 4) b.push_back(0);
    return *this;
  }
  wbuf& hdr(std::uint16_t type, std::uint16_t flags, std::uint32_t seq, std::uint32_t pid) {
    return u32(0).u16(type).u16(flags).u32(seq).u32(pid);
  }
  wbuf& attr32(std::uint16_t type, std::uint32_t v) { return u16(8).u16(type).u32(v); }
  wbuf& attr64(std::uint16_t type, std::uint64_t v) { return u16(12).u16(type).u64(v); }
  wbuf& attr_str(std::uint16_t type, const char* s) {
    const std::size_t n = std::strlen(s) + 1;
    u16(std::uint16_t(4 + n)).u16(type);
    raw(reinterpret_cast<const std::uint8_t*>(s), n);
    return pad();
  }
  bytes finish() {
    const bytes l = le32(static_cast<std::uint32_t>(b.size()));
    std::copy(l.begin(), l.end(), b.begin());
    return b;
  }
};

nlmsghdr header_at(const bytes& d, std::size_t off = 0) {
  nlmsghdr h{};
  if (d.size() >= off + sizeof h) std::memcpy(&h, d.data() + off, sizeof h);
  return h;
}

std::int32_t s32_at(const bytes& d, std::size_t off) {
  std::int32_t v = 0;
  if (d.size() >= off + 4) std::memcpy(&v, d.data() + off, 4);
  return v;
}

// A request attribute with a 4-byte value.
struct at {
  std::uint16_t type;
  std::int64_t value;
};

// nlmsghdr + rtgenmsg{family} + 4-byte attributes.
bytes request(std::uint16_t type, std::uint16_t flags, std::uint32_t seq,
              std::initializer_list<at> attrs = {}, std::uint8_t family = AF_UNSPEC) {
  netlink::nl_builder b;
  b.put_header(type, flags, seq, 0);
  b.put_rtgenmsg(family);
  for (const at& a : attrs) b.put_u32(a.type, static_cast<std::uint32_t>(a.value));
  return b.finish();
}

// A bare 16-byte header.
bytes header_only(std::uint16_t type, std::uint16_t flags, std::uint32_t seq) {
  wbuf w;
  w.hdr(type, flags, seq, 0);
  return w.finish();
}

// ---- the datagrams the kernel sends -----------------------------------------

// RTM_NEWNSID / RTM_DELNSID: rtgenmsg{0}, NSID, optionally CURRENT_NSID.
bytes nsid_msg(std::uint16_t type, std::uint16_t flags, std::uint32_t seq, std::uint32_t pid,
               int nsid, std::optional<int> current = {}) {
  wbuf w;
  w.hdr(type, flags, seq, pid).u32(0).attr32(NETNSA_NSID, static_cast<std::uint32_t>(nsid));
  if (current) w.attr32(NETNSA_CURRENT_NSID, static_cast<std::uint32_t>(*current));
  return w.finish();
}

struct tlvs {
  const char* msg = nullptr;
  std::optional<std::uint32_t> offs;
  bool s32_policy = false;  // NLMSGERR_ATTR_POLICY for an s32 attribute
};

// NLMSG_ERROR for `req` (§6.4): error, the whole request echoed (only its
// header when `capped`), then the extack TLVs.
bytes error_msg(const bytes& req, int err, std::uint32_t port, bool capped, const tlvs& x = {}) {
  const nlmsghdr h = header_at(req);
  const bool has_tlvs = x.msg || x.offs || x.s32_policy;
  wbuf w;
  w.hdr(NLMSG_ERROR, std::uint16_t((capped ? NLM_F_CAPPED : 0) | (has_tlvs ? NLM_F_ACK_TLVS : 0)),
        h.nlmsg_seq, port);
  w.s32(err);
  w.raw(req.data(), capped ? 16 : h.nlmsg_len);
  if (x.msg) w.attr_str(1, x.msg);  // NLMSGERR_ATTR_MSG
  if (x.offs) w.attr32(2, *x.offs);  // NLMSGERR_ATTR_OFFS
  if (x.s32_policy) {
    // NLA_F_NESTED | NLMSGERR_ATTR_POLICY {MIN_VALUE_S, MAX_VALUE_S, TYPE=NL_ATTR_TYPE_S32}
    w.u16(4 + 12 + 12 + 8).u16(0x8004);
    w.attr64(2, static_cast<std::uint64_t>(std::int64_t{INT32_MIN}));
    w.attr64(3, static_cast<std::uint64_t>(std::int64_t{INT32_MAX}));
    w.attr32(1, 8);
  }
  return w.finish();
}

// The success ACK: error 0, capped, header only.
bytes ack_msg(const bytes& req, std::uint32_t port) { return error_msg(req, 0, port, true); }

// The error with EXT_ACK on and no CAP_ACK (the usual requester).
bytes ext_error(const bytes& req, int err, std::uint32_t port, const char* msg,
                std::optional<std::uint32_t> offs = {}) {
  return error_msg(req, err, port, false, {msg, offs});
}

// NLMSG_DONE ending a dump: int error, no TLVs.
bytes done_msg(std::uint32_t seq, std::uint32_t port) {
  wbuf w;
  w.hdr(NLMSG_DONE, NLM_F_MULTI, seq, port).s32(0);
  return w.finish();
}

// One datagram of a reply as a client reads it (netlink::reply_reader):
// where the reply stands after it, and its data messages, each whole.
// `whole`: they are all of the datagram, so nothing was passed over
// (NOOP), ended the walk (ERROR, DONE) or was left over.
struct reply_part {
  netlink::walk state = netlink::walk::failed;
  std::vector<bytes> msgs;
  bool whole = false;
};

reply_part read_part(netlink::reply_reader& reader, const bytes& d) {
  reply_part p;
  std::size_t seen = 0;
  p.state = reader.feed(d, [&](const nlmsghdr* h) {
    const auto* b = reinterpret_cast<const std::uint8_t*>(h);
    p.msgs.emplace_back(b, b + h->nlmsg_len);
    seen += NLMSG_ALIGN(h->nlmsg_len);
    return true;
  });
  p.whole = !d.empty() && seen == NLMSG_ALIGN(d.size());
  return p;
}

// One id of a dump or GETNSID reply.
struct id_pair {
  int nsid;
  std::optional<int> current;
  friend bool operator==(const id_pair&, const id_pair&) = default;
};

std::ostream& operator<<(std::ostream& os, const id_pair& p) {
  os << "{" << p.nsid;
  if (p.current) os << ", current " << *p.current;
  return os << "}";
}

// NSID (and CURRENT_NSID) of an RTM_NEWNSID message.
id_pair ids_of(const bytes& m) {
  id_pair p{INT_MIN, {}};
  std::size_t off = 20;
  while (off + 4 <= m.size()) {
    std::uint16_t len, type;
    std::memcpy(&len, m.data() + off, 2);
    std::memcpy(&type, m.data() + off + 2, 2);
    if (len < 4) break;
    if (type == NETNSA_NSID) p.nsid = s32_at(m, off + 4);
    if (type == NETNSA_CURRENT_NSID) p.current = s32_at(m, off + 4);
    off += NLA_ALIGN(len);
  }
  return p;
}

// ---- the fixture --------------------------------------------------------------

// The requester socket `sk` (EXT_ACK on) and the monitor `mon` (RTNLGRP_NSID)
// live in pr_a; the init task works from the initial net, so its own pid
// names that net (the reference's "PID(own pid, init netns)").
class NsidProtocolTest : public ::testing::Test {
 protected:
  void SetUp() override {
    init_ns = open_ns();
    ASSERT_TRUE(sys_unshare(t, CLONE_NEWNET));
    a_ns = open_ns();
    sk = make_socket();
    mon = make_socket(false);
    ASSERT_TRUE(sys_setsockopt_int(t, mon, SOL_NL, NETLINK_ADD_MEMBERSHIP, RTNLGRP_NSID));
    ASSERT_TRUE(sys_setns(t, init_ns, CLONE_NEWNET));
  }

  int open_ns(task* who = nullptr) {
    auto r = sys_open(who ? *who : t, "/proc/self/ns/net", O_RDONLY);
    EXPECT_TRUE(r);
    return r ? *r : -1;
  }
  // A socket of the task's current net, set up as the reference probe's
  // (nlprobe.py): options, then bind(0, 0), which autobinds its port. An
  // unbound listener would hear no notification: do_one_broadcast skips
  // sockets whose port equals the excluded one, 0 for a notification.
  int make_socket(bool ext_ack = true, task* who = nullptr, bool bind = true) {
    task& w = who ? *who : t;
    auto fd = sys_socket(w, AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
    EXPECT_TRUE(fd);
    if (!fd) return -1;
    if (ext_ack) {
      EXPECT_TRUE(sys_setsockopt_int(w, *fd, SOL_NL, NETLINK_EXT_ACK, 1));
    }
    if (bind) {
      EXPECT_TRUE(sys_bind_netlink(w, *fd, 0, 0));
    }
    return *fd;
  }
  // A socket in the net of `ns_fd` (the task comes back to the initial net).
  int socket_in(int ns_fd, bool ext_ack = true, bool bind = true) {
    EXPECT_TRUE(sys_setns(t, ns_fd, CLONE_NEWNET));
    int fd = make_socket(ext_ack, nullptr, bind);
    EXPECT_TRUE(sys_setns(t, init_ns, CLONE_NEWNET));
    return fd;
  }
  int strict_socket() {
    int s = socket_in(a_ns);
    EXPECT_TRUE(sys_setsockopt_int(t, s, SOL_NL, NETLINK_GET_STRICT_CHK, 1));
    return s;
  }
  int monitor_in(int ns_fd) {
    int s = socket_in(ns_fd, false);
    EXPECT_TRUE(sys_setsockopt_int(t, s, SOL_NL, NETLINK_ADD_MEMBERSHIP, RTNLGRP_NSID));
    return s;
  }
  // A fresh namespace, pinned by the fd returned (ip netns add).
  int new_peer() {
    EXPECT_TRUE(sys_unshare(t, CLONE_NEWNET));
    int fd = open_ns();
    EXPECT_TRUE(sys_setns(t, init_ns, CLONE_NEWNET));
    return fd;
  }
  // A task living in a namespace of its own (its pid names it).
  std::shared_ptr<task> task_in_new_net() {
    auto c = test::spawn(m, t);
    if (c) {
      EXPECT_TRUE(sys_unshare(*c, CLONE_NEWNET));
    }
    return c;
  }

  std::uint32_t next_seq() { return ++seq; }

  void send(int fd, const bytes& req, task* who = nullptr) {
    auto r = sys_send(who ? *who : t, fd, req);
    ASSERT_TRUE(r);
    EXPECT_EQ(*r, req.size());
  }
  // Every datagram waiting on `fd` (a dump's later parts come as it reads).
  std::vector<bytes> drain(int fd, task* who = nullptr, std::size_t buf = 65536) {
    std::vector<bytes> out;
    for (int i = 0; i < 100000; ++i) {
      auto r = sys_recv(who ? *who : t, fd, buf, 0);
      if (!r) {
        EXPECT_EQ(r.code(), errc{EAGAIN});
        break;
      }
      EXPECT_EQ(r->msg_flags & MSG_TRUNC, 0);
      out.push_back(std::move(r->data));
    }
    return out;
  }
  std::vector<bytes> xfer(int fd, const bytes& req, task* who = nullptr) {
    send(fd, req, who);
    return drain(fd, who);
  }
  std::uint32_t port_of(int fd, task* who = nullptr) {
    auto r = sys_getsockname_netlink(who ? *who : t, fd);
    EXPECT_TRUE(r);
    return r ? r->first : 0;
  }
  std::uint32_t port() { return port_of(sk); }

  // `ip netns set`: NEWNSID FD + NSID on `sock`, which must be ACKed.
  void assign(int sock, int peer_fd, int id, at ref_kind = {NETNSA_FD, 0}) {
    const bytes req =
        request(RTM_NEWNSID, R | ACK, next_seq(), {{ref_kind.type, peer_fd}, {NETNSA_NSID, id}});
    auto got = xfer(sock, req);
    ASSERT_EQ(got.size(), 1u);
    ASSERT_EQ(hex(got[0]), hex(ack_msg(req, port_of(sock)))) << "assign id " << id;
  }
  // GETNSID on `sock` with `attrs`: the ids of its one reply.
  id_pair getid(int sock, std::initializer_list<at> attrs) {
    auto got = xfer(sock, request(RTM_GETNSID, R, next_seq(), attrs));
    EXPECT_EQ(got.size(), 1u);
    if (got.size() != 1) return {INT_MIN, {}};
    EXPECT_EQ(header_at(got[0]).nlmsg_type, RTM_NEWNSID);
    return ids_of(got[0]);
  }
  int id_of(int peer_fd, int sock = -1) { return getid(sock < 0 ? sk : sock, {{NETNSA_FD, peer_fd}}).nsid; }
  // A dump on `sock`: every entry, checked to be NLM_F_MULTI NEWNSIDs that
  // come before a clean NLMSG_DONE in a datagram of its own.
  std::vector<id_pair> dump(int sock, std::initializer_list<at> attrs = {}) {
    const std::uint32_t s = next_seq();
    const bytes req = request(RTM_GETNSID, R | NLM_F_DUMP, s, attrs);
    auto got = xfer(sock, req);
    std::vector<id_pair> out;
    EXPECT_FALSE(got.empty());
    if (got.empty()) return out;
    EXPECT_EQ(hex(got.back()), hex(done_msg(s, port_of(sock))));
    netlink::reply_reader reader(req, port_of(sock));
    for (std::size_t i = 0; i + 1 < got.size(); ++i) {
      const reply_part p = read_part(reader, got[i]);
      EXPECT_EQ(p.state, netlink::walk::more) << errno_name(reader.end().code.value);
      EXPECT_TRUE(p.whole) << "datagram " << i << ": " << hex(got[i]);
      // Seq and port again: the reader lets 0 through (mnl_nlmsg_seq_ok).
      for (const bytes& m : p.msgs) {
        const nlmsghdr h = header_at(m);
        EXPECT_EQ(h.nlmsg_type, RTM_NEWNSID);
        EXPECT_EQ(h.nlmsg_flags, NLM_F_MULTI);
        EXPECT_EQ(h.nlmsg_seq, s);
        EXPECT_EQ(h.nlmsg_pid, port_of(sock));
        out.push_back(ids_of(m));
      }
    }
    return out;
  }
  std::vector<int> dump_ids(int sock) {
    std::vector<int> out;
    for (const id_pair& p : dump(sock)) {
      EXPECT_FALSE(p.current);
      out.push_back(p.nsid);
    }
    return out;
  }
  // nsid_count of the net behind an fd.
  std::size_t ids_held(int ns_fd) {
    auto n = get_net_ns_by_fd(t, ns_fd);
    EXPECT_TRUE(n);
    return n ? nsid_count(**n) : 0;
  }
  bool queue_empty(int fd, task* who = nullptr) {
    auto r = sys_recv(who ? *who : t, fd, 65536, MSG_PEEK);
    return !r && r.code() == errc{EAGAIN};
  }

  // A dump bigger than one part: whole messages per datagram, never more than
  // the part size (NLMSG_GOODSIZE first, then the reader's buffer up to 32 KiB
  // less the skb overhead), ascending, complete, then NLMSG_DONE alone.
  void check_large_dump(int sock, std::size_t buf, int count) {
    constexpr std::size_t goodsize = 4096 - 320;
    const std::size_t part = std::max(goodsize, std::min(buf, std::size_t{32768 - 320}));
    const std::uint32_t q = next_seq();
    const bytes req = request(RTM_GETNSID, R | NLM_F_DUMP, q);
    send(sock, req);
    netlink::reply_reader reader(req, port_of(sock));
    std::vector<int> ids;
    int datagrams = 0;
    bool done = false;
    for (int i = 0; i < 10000 && !done; ++i) {
      auto r = sys_recv(t, sock, buf, 0);
      ASSERT_TRUE(r) << "after " << datagrams << " datagrams";
      EXPECT_EQ(r->msg_flags & MSG_TRUNC, 0);
      EXPECT_LE(r->data.size(), i == 0 ? goodsize : part);
      const reply_part p = read_part(reader, r->data);
      if (p.state == netlink::walk::done) {
        // The whole datagram: NLMSG_DONE alone, byte for byte.
        EXPECT_EQ(hex(r->data), hex(done_msg(q, port_of(sock)))) << "NLMSG_DONE shares a datagram";
        done = true;
      } else {
        ASSERT_EQ(p.state, netlink::walk::more) << errno_name(reader.end().code.value);
        ASSERT_TRUE(p.whole) << hex(r->data);
      }
      for (const bytes& m : p.msgs) {
        const nlmsghdr h = header_at(m);
        ASSERT_EQ(h.nlmsg_type, RTM_NEWNSID);
        EXPECT_EQ(h.nlmsg_flags, NLM_F_MULTI);
        EXPECT_EQ(h.nlmsg_len, 28u);
        ids.push_back(ids_of(m).nsid);
      }
      ++datagrams;
    }
    EXPECT_TRUE(done);
    EXPECT_GE(datagrams, 3);  // at least two parts of entries, then DONE
    std::vector<int> expected(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) expected[static_cast<std::size_t>(i)] = i;
    EXPECT_EQ(ids, expected);
    auto r = sys_recv(t, sock, buf, 0);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.code(), errc{EAGAIN});
  }

  machine m;
  task& t = m.init_task();
  int init_ns = -1;
  int a_ns = -1;
  int sk = -1;
  int mon = -1;
  std::uint32_t seq = 1000;
};

// ============================================================================
// 6.1 RTM_NEWNSID
// ============================================================================

// Row 1, and the request format of the reference's example.
TEST_F(NsidProtocolTest, NewnsidWithAckGetsCappedAckAndTheMonitorTheEvent) {
  const int b = new_peer();
  const bytes req = request(RTM_NEWNSID, R | ACK, 1001, {{NETNSA_FD, b}, {NETNSA_NSID, 5}});
  EXPECT_EQ(hex(req), hex(cat({unhex("24000000 5800 0500 e9030000 00000000 | 00000000 | 08000300"),
                               le32(std::uint32_t(b)), unhex("08000100 05000000")})));
  auto got = xfer(sk, req);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(hex(got[0]), hex(cat({unhex("24000000 0200 0001 e9030000"), le32(port()),
                                  unhex("00000000 | 24000000 5800 0500 e9030000 00000000")})));
  auto events = drain(mon);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(hex(events[0]), hex(cat({unhex("1c000000 5800 0000 e9030000"), le32(port()),
                                     unhex("00000000 08000100 05000000")})));
  EXPECT_EQ(id_of(b), 5);
}

TEST_F(NsidProtocolTest, NewnsidWithoutAckSendsNoReplyButStillNotifies) {
  const int c = new_peer();
  const bytes req = request(RTM_NEWNSID, R, next_seq(), {{NETNSA_FD, c}, {NETNSA_NSID, 7}});
  EXPECT_TRUE(xfer(sk, req).empty());
  auto events = drain(mon);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(hex(events[0]), hex(nsid_msg(RTM_NEWNSID, 0, seq, port(), 7)));
  EXPECT_EQ(id_of(c), 7);
}

TEST_F(NsidProtocolTest, NewnsidForAPeerThatHasAnIdIsEexistAtTheFdAttribute) {
  const int b = new_peer();
  assign(sk, b, 5);
  drain(mon);
  const bytes req = request(RTM_NEWNSID, R | ACK, next_seq(), {{NETNSA_FD, b}, {NETNSA_NSID, 6}});
  auto got = xfer(sk, req);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(hex(got[0]),
            hex(ext_error(req, -EEXIST, port(), "Peer netns already has a nsid assigned", 20)));
  EXPECT_TRUE(drain(mon).empty());
  EXPECT_EQ(id_of(b), 5);
}

TEST_F(NsidProtocolTest, NewnsidRepeatingTheSameIdIsEexistToo) {
  const int b = new_peer();
  assign(sk, b, 5);
  drain(mon);
  const bytes req = request(RTM_NEWNSID, R | ACK, next_seq(), {{NETNSA_FD, b}, {NETNSA_NSID, 5}});
  auto got = xfer(sk, req);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(hex(got[0]),
            hex(ext_error(req, -EEXIST, port(), "Peer netns already has a nsid assigned", 20)));
  EXPECT_TRUE(drain(mon).empty());
}

TEST_F(NsidProtocolTest, NewnsidWithAnIdInUseIsEexistAtTheNsidAttribute) {
  const int b = new_peer(), d = new_peer();
  assign(sk, b, 5);
  drain(mon);
  const bytes req = request(RTM_NEWNSID, R | ACK, next_seq(), {{NETNSA_FD, d}, {NETNSA_NSID, 5}});
  auto got = xfer(sk, req);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(hex(got[0]), hex(ext_error(req, -EEXIST, port(), "The specified nsid is already used", 28)));
  EXPECT_TRUE(drain(mon).empty());
  EXPECT_EQ(id_of(d), -1);
}

TEST_F(NsidProtocolTest, NewnsidErrorsAreSentEvenWithoutAck) {
  const int b = new_peer(), d = new_peer();
  assign(sk, b, 5);
  const bytes req = request(RTM_NEWNSID, R, next_seq(), {{NETNSA_FD, d}, {NETNSA_NSID, 5}});
  auto got = xfer(sk, req);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(hex(got[0]), hex(ext_error(req, -EEXIST, port(), "The specified nsid is already used", 28)));
}

TEST_F(NsidProtocolTest, NewnsidWithoutNsidIsEinvalNsidIsMissing) {
  const int d = new_peer();
  const bytes req = request(RTM_NEWNSID, R | ACK, next_seq(), {{NETNSA_FD, d}});
  auto got = xfer(sk, req);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(hex(got[0]), hex(ext_error(req, -EINVAL, port(), "nsid is missing")));
}

TEST_F(NsidProtocolTest, NewnsidWithNoAttributesChecksTheNsidFirst) {
  const bytes req = request(RTM_NEWNSID, R | ACK, next_seq());
  auto got = xfer(sk, req);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(hex(got[0]), hex(ext_error(req, -EINVAL, port(), "nsid is missing")));
}

TEST_F(NsidProtocolTest, NewnsidWithNeitherPidNorFdIsPeerReferenceMissing) {
  const bytes req = request(RTM_NEWNSID, R | ACK, next_seq(), {{NETNSA_NSID, 9}});
  auto got = xfer(sk, req);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(hex(got[0]), hex(ext_error(req, -EINVAL, port(), "Peer netns reference is missing")));
}

TEST_F(NsidProtocolTest, NewnsidWithARegularFileFdIsEinvalInvalidReference) {
  auto reg = sys_open(t, "/run/regular", O_RDONLY | O_CREAT, 0644);
  ASSERT_TRUE(reg);
  const bytes req = request(RTM_NEWNSID, R | ACK, next_seq(), {{NETNSA_FD, *reg}, {NETNSA_NSID, 9}});
  auto got = xfer(sk, req);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(hex(got[0]), hex(ext_error(req, -EINVAL, port(), "Peer netns reference is invalid", 20)));
}

// The reference used a uts namespace fd; the model's other namespace file
// is the user namespace's: any nsfs file that is not a net namespace.
TEST_F(NsidProtocolTest, NewnsidWithAnotherNamespaceTypesFdIsEinvalInvalidReference) {
  auto user = sys_open(t, "/proc/self/ns/user", O_RDONLY);
  ASSERT_TRUE(user);
  const bytes req = request(RTM_NEWNSID, R | ACK, next_seq(), {{NETNSA_FD, *user}, {NETNSA_NSID, 9}});
  auto got = xfer(sk, req);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(hex(got[0]), hex(ext_error(req, -EINVAL, port(), "Peer netns reference is invalid", 20)));
}

TEST_F(NsidProtocolTest, NewnsidWithAnFdNotOpenIsEbadf) {
  for (std::int64_t fd : {std::int64_t{9999}, std::int64_t{-1}}) {
    const bytes req = request(RTM_NEWNSID, R | ACK, next_seq(), {{NETNSA_FD, fd}, {NETNSA_NSID, 9}});
    auto got = xfer(sk, req);
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(hex(got[0]), hex(ext_error(req, -EBADF, port(), "Peer netns reference is invalid", 20)))
        << "fd " << fd;
  }
}

TEST_F(NsidProtocolTest, NewnsidWithAnUnknownPidIsEsrch) {
  const bytes req = request(RTM_NEWNSID, R | ACK, next_seq(), {{NETNSA_PID, 4000000}, {NETNSA_NSID, 9}});
  auto got = xfer(sk, req);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(hex(got[0]), hex(ext_error(req, -ESRCH, port(), "Peer netns reference is invalid", 20)));
}

TEST_F(NsidProtocolTest, NewnsidWithPidAndFdUsesThePid) {
  const int f = new_peer();
  const bytes req = request(RTM_NEWNSID, R | ACK, next_seq(),
                            {{NETNSA_PID, t.pid()}, {NETNSA_FD, f}, {NETNSA_NSID, 9}});
  auto got = xfer(sk, req);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(hex(got[0]), hex(ack_msg(req, port())));
  EXPECT_EQ(getid(sk, {{NETNSA_PID, t.pid()}}).nsid, 9);  // the initial net got 9
  EXPECT_EQ(id_of(init_ns), 9);
  EXPECT_EQ(id_of(f), -1);
}

TEST_F(NsidProtocolTest, NewnsidWithATwoBytePayloadIsErangeWithThePolicy) {
  const int d = new_peer();
  // FD(d), then NSID with nla_len 6 (2-byte payload, padded to 8).
  netlink::nl_builder b;
  b.put_header(RTM_NEWNSID, R | ACK, next_seq(), 0);
  b.put_rtgenmsg(AF_UNSPEC);
  b.put_u32(NETNSA_FD, static_cast<std::uint32_t>(d));
  const bytes req = cat({b.finish(), unhex("0600 0100 0100 0000")});
  bytes fixed = req;
  const bytes l = le32(static_cast<std::uint32_t>(fixed.size()));
  std::copy(l.begin(), l.end(), fixed.begin());
  auto got = xfer(sk, fixed);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(hex(got[0]), hex(error_msg(fixed, -ERANGE, port(), false,
                                       {"Attribute failed policy validation", 28, true})));
  EXPECT_EQ(id_of(d), -1);
}

// The same policy check on the u32 FD attribute (parsed before any
// handler check): the policy TLV gives the u32 range.
TEST_F(NsidProtocolTest, NewnsidWithAShortFdIsErangeWithTheU32Policy) {
  netlink::nl_builder b;
  b.put_header(RTM_NEWNSID, R | ACK, next_seq(), 0);
  b.put_rtgenmsg(AF_UNSPEC);
  bytes req = cat({b.finish(), unhex("0600 0300 0400 0000 | 08000100 05000000")});
  const bytes l = le32(static_cast<std::uint32_t>(req.size()));
  std::copy(l.begin(), l.end(), req.begin());
  auto got = xfer(sk, req);
  ASSERT_EQ(got.size(), 1u);
  wbuf w;
  w.hdr(NLMSG_ERROR, NLM_F_ACK_TLVS, seq, port()).s32(-ERANGE);
  w.raw(req.data(), req.size());
  w.attr_str(1, "Attribute failed policy validation").attr32(2, 20);
  w.u16(4 + 12 + 12 + 8).u16(0x8004);  // MIN_VALUE_U 0, MAX_VALUE_U U32_MAX, TYPE=NL_ATTR_TYPE_U32
  w.attr64(4, 0).attr64(5, 0xffffffffu).attr32(1, 4);
  EXPECT_EQ(hex(got[0]), hex(w.finish()));
}

// A longer payload than the type's only warns (no NL_VALIDATE_STRICT_ATTRS):
// the first four bytes are the value.
TEST_F(NsidProtocolTest, NewnsidWithALongNsidPayloadUsesItsFirstFourBytes) {
  const int d = new_peer();
  netlink::nl_builder b;
  b.put_header(RTM_NEWNSID, R | ACK, next_seq(), 0);
  b.put_rtgenmsg(AF_UNSPEC);
  b.put_u32(NETNSA_FD, static_cast<std::uint32_t>(d));
  bytes req = cat({b.finish(), unhex("0c00 0100 0c000000 ffffffff")});
  const bytes l = le32(static_cast<std::uint32_t>(req.size()));
  std::copy(l.begin(), l.end(), req.begin());
  auto got = xfer(sk, req);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(hex(got[0]), hex(ack_msg(req, port())));
  EXPECT_EQ(id_of(d), 12);
}

TEST_F(NsidProtocolTest, NewnsidIgnoresUnknownAttributesEvenOnAStrictSocket) {
  const int d = new_peer(), k = new_peer();
  const bytes req = request(RTM_NEWNSID, R | ACK, next_seq(), {{NETNSA_FD, d}, {NETNSA_NSID, 11}, {9, 1}});
  auto got = xfer(sk, req);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(hex(got[0]), hex(ack_msg(req, port())));
  EXPECT_EQ(id_of(d), 11);

  const int strict = strict_socket();
  const bytes sreq = request(RTM_NEWNSID, R | ACK, next_seq(), {{NETNSA_FD, k}, {NETNSA_NSID, 20}, {9, 1}});
  got = xfer(strict, sreq);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(hex(got[0]), hex(ack_msg(sreq, port_of(strict))));
  EXPECT_EQ(id_of(k), 20);
}

TEST_F(NsidProtocolTest, NewnsidForTheOwnNetGivesItAnIdForItself) {
  const bytes req = request(RTM_NEWNSID, R | ACK, next_seq(), {{NETNSA_FD, a_ns}, {NETNSA_NSID, -1}});
  auto got = xfer(sk, req);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(hex(got[0]), hex(ack_msg(req, port())));
  EXPECT_EQ(id_of(a_ns), 0);
  EXPECT_EQ(dump_ids(sk), (std::vector<int>{0}));
}

TEST_F(NsidProtocolTest, NewnsidAutoTakesTheLowestFreeIdAndMinusTwoIsAuto) {
  const int e = new_peer(), f = new_peer(), g = new_peer();
  assign(sk, a_ns, -1);  // self: 0
  assign(sk, e, -1);
  assign(sk, f, -1);
  assign(sk, g, -2);
  const int h = new_peer();
  assign(sk, h, INT_MIN);  // any negative id asks for the lowest free
  EXPECT_EQ(id_of(a_ns), 0);
  EXPECT_EQ(id_of(e), 1);
  EXPECT_EQ(id_of(f), 2);
  EXPECT_EQ(id_of(g), 3);
  EXPECT_EQ(id_of(h), 4);
  // The monitor saw each, with the id chosen.
  std::vector<int> seen;
  for (const bytes& ev : drain(mon)) seen.push_back(ids_of(ev).nsid);
  EXPECT_EQ(seen, (std::vector<int>{0, 1, 2, 3, 4}));
}

TEST_F(NsidProtocolTest, NewnsidAcceptsIntMaxAndLargeIds) {
  const int h = new_peer(), i = new_peer();
  assign(sk, h, INT_MAX);
  assign(sk, i, 1000000);
  EXPECT_EQ(id_of(h), INT_MAX);
  EXPECT_EQ(id_of(i), 1000000);
  EXPECT_EQ(dump_ids(sk), (std::vector<int>{1000000, INT_MAX}));
}

// s6c_autogap: with {1, 2, 4} taken, auto gives 0, 3, 5; after the peer
// holding 2 died, auto gives 2.
TEST_F(NsidProtocolTest, NewnsidAutoFillsGapsAndReusesTheIdOfADeadPeer) {
  const int p1 = new_peer(), p2 = new_peer(), p4 = new_peer();
  assign(sk, p1, 1);
  assign(sk, p2, 2);
  assign(sk, p4, 4);
  std::vector<int> got;
  for (int i = 0; i < 3; ++i) {
    const int p = new_peer();
    assign(sk, p, -1);
    got.push_back(id_of(p));
  }
  EXPECT_EQ(got, (std::vector<int>{0, 3, 5}));
  ASSERT_TRUE(sys_close(t, p2));
  m.k().settle();
  const int p = new_peer();
  assign(sk, p, -1);
  EXPECT_EQ(id_of(p), 2);
}

TEST_F(NsidProtocolTest, NewnsidWithEchoUnicastsTheEventBeforeTheAck) {
  const int j = new_peer();
  const bytes req =
      request(RTM_NEWNSID, R | ACK | NLM_F_ECHO, next_seq(), {{NETNSA_FD, j}, {NETNSA_NSID, 4}});
  auto got = xfer(sk, req);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(hex(got[0]), hex(nsid_msg(RTM_NEWNSID, 0, seq, port(), 4)));
  EXPECT_EQ(hex(got[1]), hex(ack_msg(req, port())));
  auto events = drain(mon);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(hex(events[0]), hex(nsid_msg(RTM_NEWNSID, 0, seq, port(), 4)));
}

TEST_F(NsidProtocolTest, NewnsidFromAnUnprivilegedSocketIsEpermWithoutTlvs) {
  const int k = new_peer();
  auto child = test::spawn(m, t);
  ASSERT_TRUE(child);
  ASSERT_TRUE(sys_setns(*child, a_ns, CLONE_NEWNET));
  ASSERT_TRUE(sys_setresuid(*child, 65534, 65534, 65534));
  const int usk = make_socket(true, child.get());
  const bytes req = request(RTM_NEWNSID, R | ACK, next_seq(), {{NETNSA_FD, k}, {NETNSA_NSID, 30}});
  auto got = xfer(usk, req, child.get());
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(hex(got[0]), hex(error_msg(req, -EPERM, port_of(usk, child.get()), false)));
  EXPECT_EQ(header_at(got[0]).nlmsg_flags, 0);
  EXPECT_EQ(id_of(k), -1);
  EXPECT_TRUE(drain(mon).empty());
}

TEST_F(NsidProtocolTest, DelnsidAsARequestIsEopnotsuppWithoutTlvs) {
  const int b = new_peer();
  assign(sk, b, 5);
  const bytes req = request(RTM_DELNSID, R | ACK, next_seq(), {{NETNSA_FD, b}});
  auto got = xfer(sk, req);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(hex(got[0]), hex(error_msg(req, -EOPNOTSUPP, port(), false)));
  EXPECT_EQ(id_of(b), 5);
}

TEST_F(NsidProtocolTest, MessageType91IsEopnotsupp) {
  const int b = new_peer();
  const bytes req = request(91, R | ACK, next_seq(), {{NETNSA_FD, b}});
  auto got = xfer(sk, req);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(hex(got[0]), hex(error_msg(req, -EOPNOTSUPP, port(), false)));
}

TEST_F(NsidProtocolTest, AHeaderOnlyRequestIsAcceptedSilently) {
  for (std::uint16_t type : {std::uint16_t(RTM_NEWNSID), std::uint16_t(RTM_GETNSID)}) {
    const bytes with_ack = header_only(type, R | ACK, next_seq());
    auto got = xfer(sk, with_ack);
    ASSERT_EQ(got.size(), 1u) << type;
    EXPECT_EQ(hex(got[0]), hex(ack_msg(with_ack, port()))) << type;
    EXPECT_TRUE(xfer(sk, header_only(type, R, next_seq())).empty()) << type;
  }
  EXPECT_TRUE(drain(mon).empty());
}

// ============================================================================
// 6.2 RTM_GETNSID (doit)
// ============================================================================

TEST_F(NsidProtocolTest, GetnsidByFdMatchesTheReferenceBytes) {
  const int b = new_peer();
  assign(sk, b, 5);
  auto got = xfer(sk, request(RTM_GETNSID, R, 1026, {{NETNSA_FD, b}}));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(hex(got[0]), hex(cat({unhex("1c000000 5800 0000 02040000"), le32(port()),
                                  unhex("00000000 08000100 05000000")})));
}

TEST_F(NsidProtocolTest, GetnsidWithAckSendsTheReplyThenTheAck) {
  const int b = new_peer();
  assign(sk, b, 5);
  const bytes req = request(RTM_GETNSID, R | ACK, next_seq(), {{NETNSA_FD, b}});
  auto got = xfer(sk, req);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(hex(got[0]), hex(nsid_msg(RTM_NEWNSID, 0, seq, port(), 5)));
  EXPECT_EQ(hex(got[1]), hex(ack_msg(req, port())));
}

TEST_F(NsidProtocolTest, GetnsidByPidOfAProcessInThePeer) {
  auto child = task_in_new_net();
  ASSERT_TRUE(child);
  assign(sk, child->pid(), 5, {NETNSA_PID, 0});
  EXPECT_EQ(getid(sk, {{NETNSA_PID, child->pid()}}), (id_pair{5, {}}));
}

TEST_F(NsidProtocolTest, GetnsidByNsidEchoesTheId) {
  const int b = new_peer();
  assign(sk, b, 5);
  auto got = xfer(sk, request(RTM_GETNSID, R, next_seq(), {{NETNSA_NSID, 5}}));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(hex(got[0]), hex(nsid_msg(RTM_NEWNSID, 0, seq, port(), 5)));
}

TEST_F(NsidProtocolTest, GetnsidOfTheOwnNetAfterTheSelfIdWasSet) {
  assign(sk, a_ns, -1);
  EXPECT_EQ(getid(sk, {{NETNSA_FD, a_ns}}), (id_pair{0, {}}));
}

TEST_F(NsidProtocolTest, GetnsidOfAPeerWithoutAnIdIsMinusOneAndDoesNotAllocate) {
  const int k = new_peer();
  auto got = xfer(sk, request(RTM_GETNSID, R, next_seq(), {{NETNSA_FD, k}}));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(hex(got[0]), hex(cat({unhex("1c000000 5800 0000"), le32(seq), le32(port()),
                                  unhex("00000000 08000100 ffffffff")})));
  EXPECT_TRUE(dump_ids(sk).empty());
  EXPECT_EQ(id_of(k), -1);
  EXPECT_EQ(ids_held(a_ns), 0u);
  EXPECT_TRUE(drain(mon).empty());
}

TEST_F(NsidProtocolTest, GetnsidOfAnUnknownOrNegativeNsidIsEnoent) {
  for (int id : {42, -1}) {
    const bytes req = request(RTM_GETNSID, R, next_seq(), {{NETNSA_NSID, id}});
    auto got = xfer(sk, req);
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(hex(got[0]), hex(ext_error(req, -ENOENT, port(), "Peer netns reference is invalid", 20)))
        << "nsid " << id;
  }
}

TEST_F(NsidProtocolTest, GetnsidWithNoAttributesIsPeerReferenceMissing) {
  const bytes req = request(RTM_GETNSID, R, next_seq());
  auto got = xfer(sk, req);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(hex(got[0]), hex(ext_error(req, -EINVAL, port(), "Peer netns reference is missing")));
}

TEST_F(NsidProtocolTest, GetnsidWithABadFdOrPidGivesItsErrno) {
  auto reg = sys_open(t, "/run/regular", O_RDONLY | O_CREAT, 0644);
  ASSERT_TRUE(reg);
  const struct {
    at ref;
    int err;
  } cases[] = {{{NETNSA_FD, *reg}, EINVAL}, {{NETNSA_FD, 9999}, EBADF}, {{NETNSA_PID, 4000000}, ESRCH}};
  for (const auto& c : cases) {
    const bytes req = request(RTM_GETNSID, R, next_seq(), {c.ref});
    auto got = xfer(sk, req);
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(hex(got[0]), hex(ext_error(req, -c.err, port(), "Peer netns reference is invalid", 20)))
        << errno_name(c.err);
  }
}

TEST_F(NsidProtocolTest, GetnsidWithFdAndNsidUsesTheFd) {
  const int b = new_peer(), c = new_peer();
  assign(sk, b, 5);
  assign(sk, c, 7);
  EXPECT_EQ(getid(sk, {{NETNSA_FD, b}, {NETNSA_NSID, 7}}), (id_pair{5, {}}));
}

TEST_F(NsidProtocolTest, GetnsidIgnoresUnknownAttributesOnANonStrictSocket) {
  const int b = new_peer();
  assign(sk, b, 5);
  EXPECT_EQ(getid(sk, {{NETNSA_FD, b}, {9, 0}}), (id_pair{5, {}}));
}

// The TARGET_NSID rows: pr_b=5, pr_c=7, pr_d=11 in pr_a; pr_c's socket sets
// b=100, a=200 and l=300 there.
class NsidTargetTest : public NsidProtocolTest {
 protected:
  void SetUp() override {
    NsidProtocolTest::SetUp();
    b = new_peer();
    c = new_peer();
    d = new_peer();
    l = new_peer();
    assign(sk, b, 5);
    assign(sk, c, 7);
    assign(sk, d, 11);
    csk = socket_in(c);
  }
  void fill_c() {
    assign(csk, b, 100);
    assign(csk, a_ns, 200);
    assign(csk, l, 300);
  }
  int b = -1, c = -1, d = -1, l = -1, csk = -1;
};

TEST_F(NsidTargetTest, GetnsidWithATargetWithoutIdsDoesNotAllocateThere) {
  const bytes req = request(RTM_GETNSID, R, next_seq(), {{NETNSA_FD, b}, {NETNSA_TARGET_NSID, 7}});
  auto got = xfer(sk, req);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(hex(got[0]), hex(nsid_msg(RTM_NEWNSID, 0, seq, port(), -1, 5)));
  EXPECT_EQ(header_at(got[0]).nlmsg_len, 36u);
  EXPECT_EQ(ids_held(c), 0u);
  EXPECT_TRUE(dump_ids(csk).empty());
}

TEST_F(NsidTargetTest, GetnsidWithATargetGivesTheTargetsIdAndTheCurrentOne) {
  fill_c();
  EXPECT_EQ(getid(sk, {{NETNSA_FD, b}, {NETNSA_TARGET_NSID, 7}}), (id_pair{100, 5}));
}

TEST_F(NsidTargetTest, GetnsidWithATargetResolvesNsidInTheCurrentNet) {
  fill_c();
  EXPECT_EQ(getid(sk, {{NETNSA_NSID, 5}, {NETNSA_TARGET_NSID, 7}}), (id_pair{100, 5}));
  const bytes req = request(RTM_GETNSID, R, next_seq(), {{NETNSA_NSID, 100}, {NETNSA_TARGET_NSID, 7}});
  auto got = xfer(sk, req);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(hex(got[0]), hex(ext_error(req, -ENOENT, port(), "Peer netns reference is invalid", 20)));
}

TEST_F(NsidTargetTest, GetnsidWithATargetReportsMinusOneOnEitherSideWithoutAllocating) {
  fill_c();
  const std::size_t in_a = ids_held(a_ns), in_c = ids_held(c);
  EXPECT_EQ(getid(sk, {{NETNSA_FD, d}, {NETNSA_TARGET_NSID, 7}}), (id_pair{-1, 11}));
  EXPECT_EQ(getid(sk, {{NETNSA_FD, l}, {NETNSA_TARGET_NSID, 7}}), (id_pair{300, -1}));
  EXPECT_EQ(id_of(l), -1);
  EXPECT_EQ(ids_held(a_ns), in_a);
  EXPECT_EQ(ids_held(c), in_c);
}

TEST_F(NsidTargetTest, GetnsidWithAnUnknownTargetIsEinvalAtTheTarget) {
  const bytes req = request(RTM_GETNSID, R, next_seq(), {{NETNSA_FD, b}, {NETNSA_TARGET_NSID, 99}});
  auto got = xfer(sk, req);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(hex(got[0]), hex(ext_error(req, -EINVAL, port(), "Target netns reference is invalid", 28)));
}

TEST_F(NsidTargetTest, GetnsidWithOnlyATargetIsPeerReferenceMissing) {
  const bytes req = request(RTM_GETNSID, R, next_seq(), {{NETNSA_TARGET_NSID, 7}});
  auto got = xfer(sk, req);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(hex(got[0]), hex(ext_error(req, -EINVAL, port(), "Peer netns reference is missing")));
}

TEST_F(NsidProtocolTest, StrictGetnsidRejectsAnUnknownAttributeAtItsOffset) {
  const int b = new_peer();
  assign(sk, b, 5);
  const int s = strict_socket();
  const bytes req = request(RTM_GETNSID, R, next_seq(), {{NETNSA_FD, b}, {9, 0}});
  auto got = xfer(s, req);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(hex(got[0]), hex(ext_error(req, -EINVAL, port_of(s), "Unknown attribute type", 28)));
  // The same socket answers a clean request.
  EXPECT_EQ(getid(s, {{NETNSA_FD, b}}), (id_pair{5, {}}));
}

TEST_F(NsidProtocolTest, StrictGetnsidRejectsCurrentNsidWithoutAnOffset) {
  const int b = new_peer();
  assign(sk, b, 5);
  const int s = strict_socket();
  const bytes req = request(RTM_GETNSID, R, next_seq(), {{NETNSA_FD, b}, {NETNSA_CURRENT_NSID, 0}});
  auto got = xfer(s, req);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(hex(got[0]),
            hex(ext_error(req, -EINVAL, port_of(s), "Unsupported attribute in peer netns getid request")));
}

// nlmsg_parse_deprecated_strict has NL_VALIDATE_TRAILING: bytes that do
// not make an attribute are an error there, and ignored elsewhere.
TEST_F(NsidProtocolTest, TrailingBytesAreAnErrorOnlyOnAStrictSocket) {
  const int b = new_peer();
  assign(sk, b, 5);
  const int s = strict_socket();
  bytes req = cat({request(RTM_GETNSID, R, next_seq(), {{NETNSA_FD, b}}), unhex("0200 0100")});
  const bytes l = le32(static_cast<std::uint32_t>(req.size()));
  std::copy(l.begin(), l.end(), req.begin());
  auto got = xfer(s, req);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(hex(got[0]),
            hex(ext_error(req, -EINVAL, port_of(s), "bytes leftover after parsing attributes")));
  got = xfer(sk, req);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(hex(got[0]), hex(nsid_msg(RTM_NEWNSID, 0, seq, port(), 5)));
}

TEST_F(NsidProtocolTest, StrictGetnsidHeaderOnlyWithoutAckGetsNoReply) {
  const int s = strict_socket();
  EXPECT_TRUE(xfer(s, header_only(RTM_GETNSID, R, next_seq())).empty());
  const bytes with_ack = header_only(RTM_GETNSID, R | ACK, next_seq());
  auto got = xfer(s, with_ack);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(hex(got[0]), hex(ack_msg(with_ack, port_of(s))));
}

TEST_F(NsidProtocolTest, AnUnprivilegedSocketMayQueryAndDump) {
  const int b = new_peer();
  assign(sk, b, 5);
  auto child = test::spawn(m, t);
  ASSERT_TRUE(child);
  ASSERT_TRUE(sys_setns(*child, a_ns, CLONE_NEWNET));
  ASSERT_TRUE(sys_setresuid(*child, 65534, 65534, 65534));
  const int usk = make_socket(true, child.get());
  const std::uint32_t s1 = next_seq();
  auto got = xfer(usk, request(RTM_GETNSID, R, s1, {{NETNSA_FD, b}}), child.get());
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(hex(got[0]), hex(nsid_msg(RTM_NEWNSID, 0, s1, port_of(usk, child.get()), 5)));
  const std::uint32_t s2 = next_seq();
  got = xfer(usk, request(RTM_GETNSID, R | NLM_F_DUMP, s2), child.get());
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(hex(got[0]), hex(nsid_msg(RTM_NEWNSID, NLM_F_MULTI, s2, port_of(usk, child.get()), 5)));
  EXPECT_EQ(hex(got[1]), hex(done_msg(s2, port_of(usk, child.get()))));
}

// ============================================================================
// 6.3 Dumps
// ============================================================================

TEST_F(NsidProtocolTest, DumpListsEveryIdAscendingThenDone) {
  assign(sk, a_ns, -1);  // 0, the self id
  for (int id : {5, 2, 1000000, 7, INT_MAX, 1}) assign(sk, new_peer(), id);
  const std::uint32_t s = next_seq();
  auto got = xfer(sk, request(RTM_GETNSID, R | NLM_F_DUMP, s));
  ASSERT_EQ(got.size(), 2u);  // the entries, then NLMSG_DONE
  bytes expected;
  for (int id : {0, 1, 2, 5, 7, 1000000, INT_MAX}) {
    const bytes e = nsid_msg(RTM_NEWNSID, NLM_F_MULTI, s, port(), id);
    expected.insert(expected.end(), e.begin(), e.end());
  }
  EXPECT_EQ(hex(got[0]), hex(expected));
  EXPECT_EQ(hex(got[1]), hex(cat({unhex("14000000 0300 0200"), le32(s), le32(port()), unhex("00000000")})));
}

TEST_F(NsidTargetTest, NonStrictDumpIgnoresTargetAndNsidAttributes) {
  fill_c();
  const std::vector<int> all{5, 7, 11};
  EXPECT_EQ(dump_ids(sk), all);
  std::vector<int> with_target, with_nsid;
  for (const id_pair& p : dump(sk, {{NETNSA_TARGET_NSID, 7}})) {
    EXPECT_FALSE(p.current);
    with_target.push_back(p.nsid);
  }
  for (const id_pair& p : dump(sk, {{NETNSA_NSID, 5}})) with_nsid.push_back(p.nsid);
  EXPECT_EQ(with_target, all);
  EXPECT_EQ(with_nsid, all);
}

TEST_F(NsidProtocolTest, AHeaderOnlyDumpGetsNoReplyOrJustAnAck) {
  assign(sk, new_peer(), 5);
  const int s = strict_socket();
  EXPECT_TRUE(xfer(sk, header_only(RTM_GETNSID, R | NLM_F_DUMP, next_seq())).empty());
  EXPECT_TRUE(xfer(s, header_only(RTM_GETNSID, R | NLM_F_DUMP, next_seq())).empty());
  const bytes with_ack = header_only(RTM_GETNSID, R | NLM_F_DUMP | ACK, next_seq());
  auto got = xfer(sk, with_ack);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(hex(got[0]), hex(ack_msg(with_ack, port())));
}

// rtnetlink tests flags & NLM_F_DUMP: NLM_F_ROOT or NLM_F_MATCH alone is a dump.
TEST_F(NsidProtocolTest, EitherHalfOfTheDumpFlagStartsADump) {
  assign(sk, new_peer(), 5);
  for (std::uint16_t half : {std::uint16_t(NLM_F_ROOT), std::uint16_t(NLM_F_MATCH)}) {
    const std::uint32_t s = next_seq();
    auto got = xfer(sk, request(RTM_GETNSID, R | half, s));
    ASSERT_EQ(got.size(), 2u) << half;
    EXPECT_EQ(hex(got[0]), hex(nsid_msg(RTM_NEWNSID, NLM_F_MULTI, s, port(), 5)));
    EXPECT_EQ(hex(got[1]), hex(done_msg(s, port())));
  }
}

TEST_F(NsidProtocolTest, ADumpWithAckEndsWithDoneAndNoExtraAck) {
  assign(sk, new_peer(), 5);
  const std::uint32_t s = next_seq();
  auto got = xfer(sk, request(RTM_GETNSID, R | NLM_F_DUMP | ACK, s));
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(hex(got[0]), hex(nsid_msg(RTM_NEWNSID, NLM_F_MULTI, s, port(), 5)));
  EXPECT_EQ(hex(got[1]), hex(done_msg(s, port())));
}

TEST_F(NsidProtocolTest, StrictDumpWithoutAttributesIsTheFullListAndAcceptsAfInet) {
  for (int id : {3, 1}) assign(sk, new_peer(), id);
  const int s = strict_socket();
  EXPECT_EQ(dump_ids(s), (std::vector<int>{1, 3}));
  const std::uint32_t q = next_seq();
  auto got = xfer(s, request(RTM_GETNSID, R | NLM_F_DUMP, q, {}, AF_INET));
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(hex(got[0]), hex(cat({nsid_msg(RTM_NEWNSID, NLM_F_MULTI, q, port_of(s), 1),
                                  nsid_msg(RTM_NEWNSID, NLM_F_MULTI, q, port_of(s), 3)})));
  EXPECT_EQ(hex(got[1]), hex(done_msg(q, port_of(s))));
}

TEST_F(NsidTargetTest, StrictDumpWithATargetListsTheTargetsIdsWithCurrentIds) {
  fill_c();
  const int s = strict_socket();
  const std::size_t in_a = ids_held(a_ns);
  const std::uint32_t q = next_seq();
  auto got = xfer(s, request(RTM_GETNSID, R | NLM_F_DUMP, q, {{NETNSA_TARGET_NSID, 7}}));
  ASSERT_EQ(got.size(), 2u);
  // pr_a has no self id, so pr_c's entry for pr_a (200) has CURRENT_NSID -1.
  EXPECT_EQ(hex(got[0]), hex(cat({nsid_msg(RTM_NEWNSID, NLM_F_MULTI, q, port_of(s), 100, 5),
                                  nsid_msg(RTM_NEWNSID, NLM_F_MULTI, q, port_of(s), 200, -1),
                                  nsid_msg(RTM_NEWNSID, NLM_F_MULTI, q, port_of(s), 300, -1)})));
  EXPECT_EQ(hex(got[1]), hex(done_msg(q, port_of(s))));
  // With the self id set, the entry for pr_a says 0 (the reference's output).
  assign(sk, a_ns, 0);
  std::vector<id_pair> entries = dump(s, {{NETNSA_TARGET_NSID, 7}});
  EXPECT_EQ(entries, (std::vector<id_pair>{{100, 5}, {200, 0}, {300, -1}}));
  EXPECT_EQ(ids_held(a_ns), in_a + 1);  // only the explicit self id
  EXPECT_EQ(id_of(l), -1);
}

TEST_F(NsidTargetTest, StrictDumpWithAnUnknownTargetIsOneDoneWithTlvs) {
  const int s = strict_socket();
  auto got = xfer(s, request(RTM_GETNSID, R | NLM_F_DUMP, 1003, {{NETNSA_TARGET_NSID, 99}}));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(hex(got[0]), hex(cat({unhex("44000000 0300 0202 eb030000"), le32(port_of(s)),
                                  unhex("eaffffff 28000100"), text("Invalid target network namespace id"),
                                  unhex("08000200 14000000")})));
}

TEST_F(NsidTargetTest, StrictDumpRejectsNsidAndFdAttributes) {
  const int s = strict_socket();
  for (at a : {at{NETNSA_NSID, 5}, at{NETNSA_FD, b}}) {
    const std::uint32_t q = next_seq();
    auto got = xfer(s, request(RTM_GETNSID, R | NLM_F_DUMP, q, {a}));
    ASSERT_EQ(got.size(), 1u);
    wbuf w;
    w.hdr(NLMSG_DONE, NLM_F_MULTI | NLM_F_ACK_TLVS, q, port_of(s)).s32(-EINVAL);
    w.attr_str(1, "Unsupported attribute in dump request").attr32(2, 20);
    EXPECT_EQ(hex(got[0]), hex(w.finish())) << "attribute " << a.type;
  }
}

TEST_F(NsidProtocolTest, StrictDumpRejectsAnUnknownAttribute) {
  const int s = strict_socket();
  const std::uint32_t q = next_seq();
  auto got = xfer(s, request(RTM_GETNSID, R | NLM_F_DUMP, q, {{9, 1}}));
  ASSERT_EQ(got.size(), 1u);
  wbuf w;
  w.hdr(NLMSG_DONE, NLM_F_MULTI | NLM_F_ACK_TLVS, q, port_of(s)).s32(-EINVAL);
  w.attr_str(1, "Unknown attribute type").attr32(2, 20);
  EXPECT_EQ(hex(got[0]), hex(w.finish()));
}

TEST_F(NsidProtocolTest, ALargeDumpComesInWholeOrderedPartsWithA32KBuffer) {
  constexpr int kIds = 300;
  for (int i = 0; i < kIds; ++i)
    send(sk, request(RTM_NEWNSID, R, next_seq(), {{NETNSA_FD, new_peer()}, {NETNSA_NSID, -1}}));
  drain(sk);
  check_large_dump(sk, 32768, kIds);
}

TEST_F(NsidProtocolTest, ALargeDumpComesInWholeOrderedPartsWithA4KBuffer) {
  constexpr int kIds = 300;
  for (int i = 0; i < kIds; ++i)
    send(sk, request(RTM_NEWNSID, R, next_seq(), {{NETNSA_FD, new_peer()}, {NETNSA_NSID, -1}}));
  drain(sk);
  check_large_dump(sk, 4096, kIds);
}

// What netns exec's placeholders use (netlink_queue_head, netlink_take_head):
// the head is copied, not taken; taking it goes on with a dump as a recv
// does, so a dump read that way ends with NLMSG_DONE; a pending ENOBUFS
// stays for the next recv.
TEST_F(NsidProtocolTest, TheHeadIsCopiedThenTakenAndADumpGoesOn) {
  for (int i = 0; i < 300; ++i)
    send(sk, request(RTM_NEWNSID, R, next_seq(), {{NETNSA_FD, new_peer()}, {NETNSA_NSID, -1}}));
  drain(sk);
  EXPECT_FALSE(*netlink_queue_head(t, sk));
  send(sk, request(RTM_GETNSID, R | NLM_F_DUMP, next_seq(), {}));
  int parts = 0;
  bool done = false;
  while (auto head = *netlink_queue_head(t, sk)) {
    EXPECT_EQ(*netlink_queue_head(t, sk), head);  // copying takes nothing
    ASSERT_EQ(*netlink_queue_length(t, sk), 1u);
    nlmsghdr h{};
    std::memcpy(&h, head->data(), sizeof h);
    done = h.nlmsg_type == NLMSG_DONE;
    ASSERT_TRUE(netlink_take_head(t, sk));
    ASSERT_LT(++parts, 1000);
  }
  EXPECT_GT(parts, 2);
  EXPECT_TRUE(done);

  const int small = socket_in(a_ns);
  ASSERT_TRUE(sys_setsockopt_int(t, small, SOL_SOCKET, SO_RCVBUF, 0));
  for (int i = 0; i < 20; ++i) send(small, request(RTM_GETNSID, R, next_seq(), {{NETNSA_FD, a_ns}}));
  ASSERT_TRUE(*netlink_queue_head(t, small));
  ASSERT_TRUE(netlink_take_head(t, small));
  auto r = sys_recv(t, small, 4096, 0);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.code(), errc{ENOBUFS});
}

// ============================================================================
// 6.4 NLMSG_ERROR layouts
// ============================================================================

TEST_F(NsidProtocolTest, SuccessAckMatchesTheReferenceBytes) {
  const int b = new_peer();
  const bytes req = request(RTM_NEWNSID, R | ACK, 1001, {{NETNSA_FD, b}, {NETNSA_NSID, 5}});
  auto got = xfer(sk, req);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(hex(got[0]), hex(cat({unhex("24000000 0200 0001 e9030000"), le32(port()),
                                  unhex("00000000 | 24000000 5800 0500 e9030000 00000000")})));
  EXPECT_EQ(port(), std::uint32_t(t.pid()));  // the task's first socket
}

TEST_F(NsidProtocolTest, ErrorWithExtAckMatchesTheReferenceBytes) {
  const int b = new_peer();
  assign(sk, b, 5);
  const bytes req = request(RTM_NEWNSID, R | ACK, 1003, {{NETNSA_FD, b}, {NETNSA_NSID, 6}});
  auto got = xfer(sk, req);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].size(), 108u);
  EXPECT_EQ(hex(got[0]),
            hex(cat({unhex("6c000000 0200 0002 eb030000"), le32(port()),
                     unhex("efffffff | 24000000 58000500 eb030000 00000000 00000000 08000300"),
                     le32(std::uint32_t(b)), unhex("08000100 06000000 | 2b00 0100"),
                     text("Peer netns already has a nsid assigned"), unhex("00 | 0800 0200 14000000")})));
}

TEST_F(NsidProtocolTest, ErrorWithoutExtAckEchoesTheRequestWithoutTlvs) {
  const int b = new_peer();
  assign(sk, b, 5);
  const int plain = socket_in(a_ns, false);
  const bytes req = request(RTM_NEWNSID, R | ACK, next_seq(), {{NETNSA_FD, b}, {NETNSA_NSID, 6}});
  auto got = xfer(plain, req);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].size(), 56u);
  EXPECT_EQ(header_at(got[0]).nlmsg_flags, 0);
  EXPECT_EQ(hex(got[0]), hex(error_msg(req, -EEXIST, port_of(plain), false)));
}

TEST_F(NsidProtocolTest, ErrorWithExtAckAndCapAckEchoesOnlyTheHeader) {
  const int b = new_peer();
  assign(sk, b, 5);
  const int capped = socket_in(a_ns);
  ASSERT_TRUE(sys_setsockopt_int(t, capped, SOL_NL, NETLINK_CAP_ACK, 1));
  const bytes req = request(RTM_NEWNSID, R | ACK, next_seq(), {{NETNSA_FD, b}, {NETNSA_NSID, 6}});
  auto got = xfer(capped, req);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].size(), 88u);
  EXPECT_EQ(header_at(got[0]).nlmsg_flags, NLM_F_CAPPED | NLM_F_ACK_TLVS);
  EXPECT_EQ(hex(got[0]), hex(error_msg(req, -EEXIST, port_of(capped), true,
                                       {"Peer netns already has a nsid assigned", 20})));
}

// ============================================================================
// 6.5 Notifications
// ============================================================================

TEST_F(NsidProtocolTest, NewnsidEventsGoOnlyToMonitorsOfTheOwningNet) {
  const int b = new_peer(), c = new_peer();
  const int cmon = monitor_in(c);
  const int csk = socket_in(c);
  assign(sk, b, 5);
  auto a_events = drain(mon);
  ASSERT_EQ(a_events.size(), 1u);
  EXPECT_EQ(hex(a_events[0]), hex(nsid_msg(RTM_NEWNSID, 0, seq, port(), 5)));
  EXPECT_TRUE(drain(cmon).empty());

  assign(csk, b, 100);
  EXPECT_TRUE(drain(mon).empty());
  auto c_events = drain(cmon);
  ASSERT_EQ(c_events.size(), 1u);
  EXPECT_EQ(hex(c_events[0]), hex(nsid_msg(RTM_NEWNSID, 0, seq, port_of(csk), 100)));
}

TEST_F(NsidProtocolTest, APeerDyingSendsDelnsidToEveryHolderAndLeavesOtherIds) {
  const int b = new_peer(), c = new_peer();
  const int cmon = monitor_in(c);
  const int csk = socket_in(c);
  assign(sk, b, 5);
  assign(sk, c, 7);
  assign(csk, b, 100);
  assign(csk, a_ns, 200);
  drain(mon);
  drain(cmon);

  ASSERT_TRUE(sys_close(t, b));  // ip netns del pr_b
  m.k().settle();
  auto a_events = drain(mon);
  ASSERT_EQ(a_events.size(), 1u);
  EXPECT_EQ(hex(a_events[0]), hex(unhex("1c000000 5900 0000 00000000 00000000 00000000 08000100 05000000")));
  auto c_events = drain(cmon);
  ASSERT_EQ(c_events.size(), 1u);
  EXPECT_EQ(hex(c_events[0]), hex(nsid_msg(RTM_DELNSID, 0, 0, 0, 100)));
  EXPECT_EQ(dump_ids(sk), (std::vector<int>{7}));
  EXPECT_EQ(dump_ids(csk), (std::vector<int>{200}));
  // The id is free again.
  const int n = new_peer();
  assign(sk, n, 5);
}

TEST_F(NsidProtocolTest, APeerPinnedByAProcessKeepsItsIdUntilTheProcessExits) {
  auto child = task_in_new_net();
  ASSERT_TRUE(child);
  auto peer_fd = sys_open(t, "/proc/" + std::to_string(child->pid()) + "/ns/net", O_RDONLY);
  ASSERT_TRUE(peer_fd);
  assign(sk, *peer_fd, 5);
  drain(mon);
  ASSERT_TRUE(sys_close(t, *peer_fd));  // only the process is left inside
  m.k().settle();
  EXPECT_TRUE(drain(mon).empty());
  EXPECT_EQ(dump_ids(sk), (std::vector<int>{5}));

  ASSERT_TRUE(m.exit(*child));
  m.k().settle();
  auto events = drain(mon);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(hex(events[0]), hex(nsid_msg(RTM_DELNSID, 0, 0, 0, 5)));
  EXPECT_TRUE(dump_ids(sk).empty());
}

// ============================================================================
// 6.6 GETNSID and dumps never allocate
// ============================================================================

TEST_F(NsidTargetTest, GetnsidAndDumpsNeverAllocate) {
  fill_c();
  const int s = strict_socket();
  const int k = new_peer();
  const std::size_t in_a = ids_held(a_ns), in_c = ids_held(c), in_k = ids_held(k);
  drain(mon);
  EXPECT_EQ(id_of(k), -1);
  EXPECT_EQ(getid(sk, {{NETNSA_FD, k}, {NETNSA_TARGET_NSID, 7}}), (id_pair{-1, -1}));
  EXPECT_EQ(getid(sk, {{NETNSA_FD, l}, {NETNSA_TARGET_NSID, 7}}), (id_pair{300, -1}));
  (void)dump(sk);
  (void)dump(s);
  (void)dump(s, {{NETNSA_TARGET_NSID, 7}});
  (void)dump(csk);
  EXPECT_EQ(ids_held(a_ns), in_a);
  EXPECT_EQ(ids_held(c), in_c);
  EXPECT_EQ(ids_held(k), in_k);
  EXPECT_EQ(id_of(k), -1);
  EXPECT_TRUE(drain(mon).empty());
}

// ============================================================================
// Malformed input
// ============================================================================

TEST_F(NsidProtocolTest, ADatagramShorterThanAHeaderIsIgnored) {
  const bytes req = request(RTM_GETNSID, R | ACK, next_seq(), {{NETNSA_FD, new_peer()}});
  for (std::size_t len : {std::size_t{0}, std::size_t{1}, std::size_t{10}, std::size_t{15}}) {
    auto r = sys_send(t, sk, std::span<const std::uint8_t>(req.data(), len));
    ASSERT_TRUE(r) << len;
    EXPECT_EQ(*r, len);
    EXPECT_TRUE(queue_empty(sk)) << len;
  }
}

TEST_F(NsidProtocolTest, AMessageLongerThanItsDatagramIsIgnored) {
  const int b = new_peer();
  bytes req = request(RTM_NEWNSID, R | ACK, next_seq(), {{NETNSA_FD, b}, {NETNSA_NSID, 5}});
  const bytes l = le32(100);
  std::copy(l.begin(), l.end(), req.begin());
  EXPECT_TRUE(xfer(sk, req).empty());
  EXPECT_TRUE(drain(mon).empty());
  EXPECT_EQ(id_of(b), -1);
}

TEST_F(NsidProtocolTest, AMessageWithALengthBelowAHeaderIsIgnored) {
  const int b = new_peer();
  for (std::uint32_t len : {0u, 8u, 15u}) {
    bytes req = request(RTM_NEWNSID, R | ACK, next_seq(), {{NETNSA_FD, b}, {NETNSA_NSID, 5}});
    const bytes l = le32(len);
    std::copy(l.begin(), l.end(), req.begin());
    EXPECT_TRUE(xfer(sk, req).empty()) << len;
  }
  EXPECT_EQ(id_of(b), -1);
}

TEST_F(NsidProtocolTest, TwoRequestsInOneSendAreAnsweredInOrder) {
  const int b = new_peer(), c = new_peer();
  assign(sk, b, 5);
  assign(sk, c, 7);
  const bytes bad = request(RTM_GETNSID, R, 1, {});
  const bytes good = request(RTM_GETNSID, R, 2, {{NETNSA_FD, c}});
  const bytes nack = request(RTM_GETNSID, R | ACK, 3, {{NETNSA_FD, b}});
  auto got = xfer(sk, cat({bad, good, nack}));
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(hex(got[0]), hex(ext_error(bad, -EINVAL, port(), "Peer netns reference is missing")));
  EXPECT_EQ(hex(got[1]), hex(nsid_msg(RTM_NEWNSID, 0, 2, port(), 7)));
  EXPECT_EQ(hex(got[2]), hex(nsid_msg(RTM_NEWNSID, 0, 3, port(), 5)));
  EXPECT_EQ(hex(got[3]), hex(ack_msg(nack, port())));
}

TEST_F(NsidProtocolTest, ATruncatedTrailingMessageEndsTheBatchSilently) {
  const int b = new_peer(), c = new_peer();
  assign(sk, b, 5);
  const bytes first = request(RTM_GETNSID, R, 1, {{NETNSA_FD, b}});
  const bytes second = request(RTM_NEWNSID, R | ACK, 2, {{NETNSA_FD, c}, {NETNSA_NSID, 7}});
  bytes both = cat({first, second});
  both.resize(both.size() - 4);  // the second message is cut short
  auto got = xfer(sk, both);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(hex(got[0]), hex(nsid_msg(RTM_NEWNSID, 0, 1, port(), 5)));
  EXPECT_EQ(id_of(c), -1);
}

TEST_F(NsidProtocolTest, AnAttributeRunningPastTheEndIsIgnored) {
  const int b = new_peer(), d = new_peer();
  assign(sk, b, 5);
  drain(mon);
  // NEWNSID FD(d), then NSID whose nla_len (12) runs past the message: the
  // NSID is not seen, so "nsid is missing".
  {
    bytes req = request(RTM_NEWNSID, R | ACK, next_seq(), {{NETNSA_FD, d}, {NETNSA_NSID, 9}});
    req[28] = 12;
    auto got = xfer(sk, req);
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(hex(got[0]), hex(ext_error(req, -EINVAL, port(), "nsid is missing")));
    EXPECT_EQ(id_of(d), -1);
  }
  // GETNSID FD(b) followed by a truncated attribute: answered normally.
  {
    bytes req = request(RTM_GETNSID, R, next_seq(), {{NETNSA_FD, b}, {9, 0}});
    req[28] = 200;
    auto got = xfer(sk, req);
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(hex(got[0]), hex(nsid_msg(RTM_NEWNSID, 0, seq, port(), 5)));
  }
  // NEWNSID FD(d) NSID=9 and a truncated attribute: done and acked (error 0).
  {
    bytes req = request(RTM_NEWNSID, R | ACK, next_seq(), {{NETNSA_FD, d}, {NETNSA_NSID, 9}, {9, 0}});
    req[36] = 64;
    auto got = xfer(sk, req);
    ASSERT_EQ(got.size(), 1u);
    const nlmsghdr h = header_at(got[0]);
    EXPECT_EQ(h.nlmsg_type, NLMSG_ERROR);
    EXPECT_EQ(h.nlmsg_seq, seq);
    EXPECT_EQ(s32_at(got[0], 16), 0);
    EXPECT_EQ(id_of(d), 9);
  }
}

TEST_F(NsidProtocolTest, AMessageWithoutRequestFlagIsOnlyAcked) {
  const int b = new_peer();
  const bytes req = request(RTM_NEWNSID, ACK, next_seq(), {{NETNSA_FD, b}, {NETNSA_NSID, 5}});
  auto got = xfer(sk, req);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(hex(got[0]), hex(ack_msg(req, port())));
  EXPECT_TRUE(xfer(sk, request(RTM_NEWNSID, 0, next_seq(), {{NETNSA_FD, b}, {NETNSA_NSID, 5}})).empty());
  EXPECT_TRUE(xfer(sk, request(RTM_GETNSID, 0, next_seq(), {{NETNSA_FD, b}})).empty());
  EXPECT_EQ(id_of(b), -1);
  EXPECT_TRUE(drain(mon).empty());
}

TEST_F(NsidProtocolTest, ControlMessageTypesAreAckedWithZero) {
  for (std::uint16_t type : {std::uint16_t(NLMSG_NOOP), std::uint16_t(NLMSG_ERROR),
                             std::uint16_t(NLMSG_DONE), std::uint16_t(NLMSG_OVERRUN), std::uint16_t(15)}) {
    const bytes req = request(type, R | ACK, next_seq(), {{NETNSA_NSID, 1}});
    auto got = xfer(sk, req);
    ASSERT_EQ(got.size(), 1u) << type;
    EXPECT_EQ(hex(got[0]), hex(ack_msg(req, port()))) << type;
    EXPECT_TRUE(xfer(sk, request(type, R, next_seq())).empty()) << type;
  }
}

TEST_F(NsidProtocolTest, TypesAboveRtmMaxAreEopnotsupp) {
  for (std::uint16_t type : {std::uint16_t(RTM_MAX + 1), std::uint16_t(0x7fff), std::uint16_t(0xffff)}) {
    const bytes req = request(type, R | ACK, next_seq(), {{NETNSA_NSID, 1}});
    auto got = xfer(sk, req);
    ASSERT_EQ(got.size(), 1u) << type;
    EXPECT_EQ(hex(got[0]), hex(error_msg(req, -EOPNOTSUPP, port(), false))) << type;
    // Even a bare header (the length check comes after the type check).
    const bytes bare = header_only(type, R, next_seq());
    got = xfer(sk, bare);
    ASSERT_EQ(got.size(), 1u) << type;
    EXPECT_EQ(hex(got[0]), hex(error_msg(bare, -EOPNOTSUPP, port(), false))) << type;
  }
}

TEST_F(NsidProtocolTest, ASendLargerThanTheSendBufferIsEmsgsize) {
  // Default SO_SNDBUF: the limit is sndbuf - 32.
  ASSERT_EQ(*sys_getsockopt_int(t, sk, SOL_SOCKET, SO_SNDBUF), NETLINK_DEFAULT_SNDBUF);
  bytes big(NETLINK_DEFAULT_SNDBUF - 31, 0);
  auto r = sys_send(t, sk, big);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.code(), errc{EMSGSIZE});

  ASSERT_TRUE(sys_setsockopt_int(t, sk, SOL_SOCKET, SO_SNDBUF, 1));
  const int sndbuf = *sys_getsockopt_int(t, sk, SOL_SOCKET, SO_SNDBUF);
  EXPECT_EQ(sndbuf, 4608);  // SOCK_MIN_SNDBUF
  const int b = new_peer();
  assign(sk, b, 5);
  // A request padded with zeros up to the limit is taken (the zeros end
  // the batch); one byte more is refused.
  bytes fits = request(RTM_GETNSID, R, next_seq(), {{NETNSA_FD, b}});
  fits.resize(std::size_t(sndbuf - 32), 0);
  auto got = xfer(sk, fits);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(hex(got[0]), hex(nsid_msg(RTM_NEWNSID, 0, seq, port(), 5)));
  fits.push_back(0);
  r = sys_send(t, sk, fits);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.code(), errc{EMSGSIZE});
  EXPECT_TRUE(queue_empty(sk));
}

// ============================================================================
// Socket calls
// ============================================================================

TEST_F(NsidProtocolTest, SocketRejectsOtherFamiliesTypesAndProtocols) {
  auto r = sys_socket(t, AF_INET, SOCK_RAW, 0);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.code(), errc{EAFNOSUPPORT});
  r = sys_socket(t, AF_NETLINK, SOCK_STREAM, NETLINK_ROUTE);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.code(), errc{ESOCKTNOSUPPORT});
  r = sys_socket(t, AF_NETLINK, SOCK_RAW, 99);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.code(), errc{EPROTONOSUPPORT});
  // SOCK_DGRAM is netlink's other type.
  r = sys_socket(t, AF_NETLINK, SOCK_DGRAM, NETLINK_ROUTE);
  EXPECT_TRUE(r);
}

TEST_F(NsidProtocolTest, SetsockoptRejectsUnknownOptionsAndBadGroups) {
  auto r = sys_setsockopt_int(t, sk, SOL_NL, 999, 1);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.code(), errc{ENOPROTOOPT});
  r = sys_setsockopt_int(t, sk, SOL_SOCKET, 9999, 1);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.code(), errc{ENOPROTOOPT});
  // The reference kernel has groups 1 to 39 (RTNLGRP_IPV6_ACADDR); 0, 40
  // and beyond are EINVAL for both membership calls.
  for (int group : {0, 40, 41}) {
    r = sys_setsockopt_int(t, sk, SOL_NL, NETLINK_ADD_MEMBERSHIP, group);
    ASSERT_FALSE(r) << group;
    EXPECT_EQ(r.code(), errc{EINVAL}) << group;
    r = sys_setsockopt_int(t, sk, SOL_NL, NETLINK_DROP_MEMBERSHIP, group);
    ASSERT_FALSE(r) << group;
    EXPECT_EQ(r.code(), errc{EINVAL}) << group;
  }
  for (int group : {36, 37, 39}) EXPECT_TRUE(sys_setsockopt_int(t, sk, SOL_NL, NETLINK_ADD_MEMBERSHIP, group)) << group;
}

// netlink_autobind: the task's pid for its first socket, then the model's
// rover from -4096 down (per namespace, as port ids are). sk and mon were
// bound in SetUp; unbound sockets report port 0 until their first send.
TEST_F(NsidProtocolTest, PortIdsAreThePidThenCountDownFromMinus4096) {
  EXPECT_EQ(port(), std::uint32_t(t.pid()));
  EXPECT_EQ(port_of(mon), 0xfffff000u);
  const int s2 = socket_in(a_ns, true, false), s3 = socket_in(a_ns, true, false);
  EXPECT_EQ(port_of(s2), 0u);
  const bytes req = header_only(RTM_GETNSID, R, next_seq());
  send(s2, req);
  send(s3, req);
  EXPECT_EQ(port_of(s2), 0xffffefffu);
  EXPECT_EQ(port_of(s3), 0xffffeffeu);
  // Another namespace has its own ports: the pid is free there.
  const int c = new_peer();
  EXPECT_EQ(port_of(socket_in(c)), std::uint32_t(t.pid()));
}

// do_one_broadcast skips a socket whose port equals the broadcast's
// excluded port: 0 for a plain notification, so a listener that never
// bound hears nothing; with NLM_F_ECHO the excluded port is the
// requester's, and the unbound listener gets that one.
TEST_F(NsidProtocolTest, AnUnboundListenerHearsOnlyEchoedNotifications) {
  const int deaf = socket_in(a_ns, false, false);
  ASSERT_TRUE(sys_setsockopt_int(t, deaf, SOL_NL, NETLINK_ADD_MEMBERSHIP, RTNLGRP_NSID));
  const int b = new_peer(), c = new_peer();
  assign(sk, b, 5);
  EXPECT_EQ(drain(mon).size(), 1u);
  EXPECT_TRUE(drain(deaf).empty());
  ASSERT_TRUE(sys_close(t, b));
  m.k().settle();
  EXPECT_EQ(drain(mon).size(), 1u);  // DELNSID, port 0
  EXPECT_TRUE(drain(deaf).empty());
  auto got = xfer(sk, request(RTM_NEWNSID, R | NLM_F_ECHO, next_seq(), {{NETNSA_FD, c}, {NETNSA_NSID, 6}}));
  ASSERT_EQ(got.size(), 1u);
  auto heard = drain(deaf);
  ASSERT_EQ(heard.size(), 1u);
  EXPECT_EQ(hex(heard[0]), hex(nsid_msg(RTM_NEWNSID, 0, seq, port(), 6)));
  EXPECT_EQ(port_of(deaf), 0u);  // receiving does not bind
}

// netlink_bind: nl_groups sets groups 1 to 32 (replacing what setsockopt
// added); a bound socket can only be bound again to its own port; a port
// in use is EADDRINUSE.
TEST_F(NsidProtocolTest, BindSetsTheFirstThirtyTwoGroupsAndKeepsThePort) {
  const int by_bind = socket_in(a_ns, false, false);
  ASSERT_TRUE(sys_bind_netlink(t, by_bind, 0, 1u << (RTNLGRP_NSID - 1)));
  const int cleared = socket_in(a_ns, false);
  ASSERT_TRUE(sys_setsockopt_int(t, cleared, SOL_NL, NETLINK_ADD_MEMBERSHIP, RTNLGRP_NSID));
  ASSERT_TRUE(sys_bind_netlink(t, cleared, port_of(cleared), 0));
  EXPECT_EQ(sys_getsockname_netlink(t, by_bind)->second, 1u << (RTNLGRP_NSID - 1));
  EXPECT_EQ(sys_getsockname_netlink(t, cleared)->second, 0u);
  assign(sk, new_peer(), 5);
  EXPECT_EQ(drain(by_bind).size(), 1u);
  EXPECT_TRUE(drain(cleared).empty());

  auto r = sys_bind_netlink(t, by_bind, port_of(by_bind) - 1, 0);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.code(), errc{EINVAL});
  const int fresh = socket_in(a_ns, false, false);
  r = sys_bind_netlink(t, fresh, port(), 0);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.code(), errc{EADDRINUSE});
  EXPECT_TRUE(sys_bind_netlink(t, fresh, 4242, 0));
  EXPECT_EQ(port_of(fresh), 4242u);
}

// netlink_connect: AF_UNSPEC forgets the destination, another family is
// EINVAL; connecting binds an unbound socket; the destination keeps the
// lowest group only, and getpeername shows it as a mask. A send without an
// address goes to it: a port other than the kernel's is refused (the model
// has no user-to-user unicast), the kernel again after AF_UNSPEC.
TEST_F(NsidProtocolTest, ConnectSetsTheDestinationOfPlainSends) {
  const int c = socket_in(a_ns, false, false);
  ASSERT_EQ(sys_connect_netlink(t, c, AF_INET, 0, 0).code(), errc{EINVAL});
  EXPECT_EQ(port_of(c), 0u);
  ASSERT_TRUE(sys_connect_netlink(t, c, AF_NETLINK, 0, 0));
  EXPECT_NE(port_of(c), 0u);
  ASSERT_TRUE(sys_connect_netlink(t, c, AF_NETLINK, 0x7ffffff0, 0x14));
  auto peer = sys_getpeername_netlink(t, c);
  ASSERT_TRUE(peer);
  EXPECT_EQ(peer->first, 0x7ffffff0u);
  EXPECT_EQ(peer->second, 0x4u);
  const bytes req = request(RTM_GETNSID, R, next_seq(), {{NETNSA_FD, a_ns}});
  auto sent = sys_send(t, c, req);
  ASSERT_FALSE(sent);
  EXPECT_EQ(sent.code(), errc{ECONNREFUSED});
  ASSERT_TRUE(sys_connect_netlink(t, c, AF_UNSPEC, 0, 0));
  peer = sys_getpeername_netlink(t, c);
  EXPECT_EQ(peer->first, 0u);
  EXPECT_EQ(peer->second, 0u);
  ASSERT_TRUE(sys_send(t, c, req));
  EXPECT_EQ(drain(c).size(), 1u);
}

// netlink_allowed(NL_CFG_F_NONROOT_SEND), which NETLINK_ROUTE does not
// set: a destination other than the kernel, by connect or sendto, needs
// CAP_NET_ADMIN over the socket's net (EPERM before anything else); the
// kernel itself does not.
TEST_F(NsidProtocolTest, ADestinationOtherThanTheKernelNeedsNetAdmin) {
  auto child = test::spawn(m, t);
  ASSERT_TRUE(child);
  ASSERT_TRUE(sys_setresuid(*child, 65534, 65534, 65534));
  const int usk = make_socket(false, child.get());
  EXPECT_EQ(sys_connect_netlink(*child, usk, AF_NETLINK, 5, 0).code(), errc{EPERM});
  EXPECT_EQ(sys_connect_netlink(*child, usk, AF_NETLINK, 0, 1).code(), errc{EPERM});
  EXPECT_TRUE(sys_connect_netlink(*child, usk, AF_NETLINK, 0, 0));
  const bytes req = request(RTM_GETNSID, R, next_seq(), {{NETNSA_FD, a_ns}});
  EXPECT_EQ(sys_sendto_netlink(*child, usk, req, 5, 0).code(), errc{EPERM});
  EXPECT_EQ(sys_sendto_netlink(t, sk, req, 5, 0).code(), errc{ECONNREFUSED});
  // A multicast part with the kernel's port: the kernel still gets it.
  ASSERT_TRUE(sys_sendto_netlink(t, sk, req, 0, 1));
  EXPECT_EQ(drain(sk).size(), 1u);
}

TEST_F(NsidProtocolTest, RecvOnAnEmptyQueueIsEagain) {
  auto r = sys_recv(t, sk, 4096, 0);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.code(), errc{EAGAIN});
}

TEST_F(NsidProtocolTest, RecvWithASmallBufferTruncatesAndLosesTheRest) {
  const int b = new_peer();
  assign(sk, b, 5);
  send(sk, request(RTM_GETNSID, R, next_seq(), {{NETNSA_FD, b}}));
  send(sk, request(RTM_GETNSID, R, next_seq(), {{NETNSA_FD, b}}));
  const bytes full = nsid_msg(RTM_NEWNSID, 0, seq - 1, port(), 5);
  auto r = sys_recv(t, sk, 16, 0);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->msg_flags & MSG_TRUNC, MSG_TRUNC);
  EXPECT_EQ(r->length, 16u);
  EXPECT_EQ(hex(r->data), hex(bytes(full.begin(), full.begin() + 16)));
  // MSG_TRUNC in the flags reports the datagram's real size.
  r = sys_recv(t, sk, 16, MSG_TRUNC);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->length, 28u);
  EXPECT_EQ(r->data.size(), 16u);
  EXPECT_EQ(r->msg_flags & MSG_TRUNC, MSG_TRUNC);
  // Both datagrams are gone.
  EXPECT_TRUE(queue_empty(sk));
}

TEST_F(NsidProtocolTest, MsgPeekLeavesTheDatagramQueued) {
  const int b = new_peer();
  assign(sk, b, 5);
  send(sk, request(RTM_GETNSID, R, next_seq(), {{NETNSA_FD, b}}));
  const bytes full = nsid_msg(RTM_NEWNSID, 0, seq, port(), 5);
  for (int i = 0; i < 2; ++i) {
    auto r = sys_recv(t, sk, 4096, MSG_PEEK);
    ASSERT_TRUE(r);
    EXPECT_EQ(hex(r->data), hex(full));
  }
  EXPECT_EQ(*netlink_queue_length(t, sk), 1u);
  auto r = sys_recv(t, sk, 4096, 0);
  ASSERT_TRUE(r);
  EXPECT_EQ(hex(r->data), hex(full));
  EXPECT_TRUE(queue_empty(sk));
}

TEST_F(NsidProtocolTest, SocketCallsOnANonSocketAreEnotsockAndOnAClosedFdEbadf) {
  const bytes req = request(RTM_GETNSID, R, next_seq(), {{NETNSA_FD, a_ns}});
  auto s = sys_send(t, a_ns, req);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.code(), errc{ENOTSOCK});
  auto rv = sys_recv(t, a_ns, 100, 0);
  ASSERT_FALSE(rv);
  EXPECT_EQ(rv.code(), errc{ENOTSOCK});
  auto so = sys_setsockopt_int(t, a_ns, SOL_NL, NETLINK_EXT_ACK, 1);
  ASSERT_FALSE(so);
  EXPECT_EQ(so.code(), errc{ENOTSOCK});

  const int closed = socket_in(a_ns);
  ASSERT_TRUE(sys_close(t, closed));
  s = sys_send(t, closed, req);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.code(), errc{EBADF});
  rv = sys_recv(t, closed, 100, 0);
  ASSERT_FALSE(rv);
  EXPECT_EQ(rv.code(), errc{EBADF});
  s = sys_send(t, 9999, req);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.code(), errc{EBADF});
}

// A monitor that never reads, with the smallest receive buffer: what does
// not fit is dropped, the next recv says ENOBUFS once, then the datagrams
// that were queued come, oldest first.
TEST_F(NsidProtocolTest, AMonitorThatOverflowsGetsEnobufsOnceThenWhatFit) {
  ASSERT_TRUE(sys_setsockopt_int(t, mon, SOL_SOCKET, SO_RCVBUF, 1024));
  const int rcvbuf = *sys_getsockopt_int(t, mon, SOL_SOCKET, SO_RCVBUF);
  EXPECT_EQ(rcvbuf, 2304);  // doubled, and at least SOCK_MIN_RCVBUF
  constexpr int kEvents = 50;
  for (int i = 0; i < kEvents; ++i)
    send(sk, request(RTM_NEWNSID, R, next_seq(), {{NETNSA_FD, new_peer()}, {NETNSA_NSID, -1}}));
  EXPECT_TRUE(queue_empty(sk));
  const std::size_t queued = *netlink_queue_length(t, mon);
  auto r = sys_recv(t, mon, 4096, 0);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.code(), errc{ENOBUFS});
  auto events = drain(mon);
  EXPECT_EQ(events.size(), queued);
  ASSERT_GE(events.size(), 1u);
  // Bounded by the buffer: a datagram is taken while the queue is not over it.
  const std::size_t per = netlink::skb_truesize(28);
  EXPECT_LE(events.size(), std::size_t(rcvbuf) / per + 1);
  EXPECT_LT(events.size(), std::size_t(kEvents));
  for (std::size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(header_at(events[i]).nlmsg_type, RTM_NEWNSID);
    EXPECT_EQ(ids_of(events[i]).nsid, int(i));  // the first ones, in order
  }
  // The error was reported once; the socket works again.
  auto again = sys_recv(t, mon, 4096, 0);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.code(), errc{EAGAIN});
  send(sk, request(RTM_NEWNSID, R, next_seq(), {{NETNSA_FD, new_peer()}, {NETNSA_NSID, -1}}));
  events = drain(mon);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(ids_of(events[0]).nsid, kEvents);
}


// netlink_overrun marks the socket congested (NETLINK_S_CONGESTED) and
// sets sk_err only when it was not congested yet: one ENOBUFS per overrun,
// however many datagrams are dropped before the reader catches up.
TEST_F(NsidProtocolTest, EnobufsIsReportedOncePerOverrun) {
  ASSERT_TRUE(sys_setsockopt_int(t, mon, SOL_SOCKET, SO_RCVBUF, 1024));
  auto event = [&] {
    send(sk, request(RTM_NEWNSID, R, next_seq(), {{NETNSA_FD, new_peer()}, {NETNSA_NSID, -1}}));
  };
  for (int i = 0; i < 20; ++i) event();
  const std::size_t queued = *netlink_queue_length(t, mon);
  ASSERT_GE(queued, 2u);
  auto r = sys_recv(t, mon, 4096, 0);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.code(), errc{ENOBUFS});
  event();  // still congested: dropped, and nothing more is owed
  auto first = sys_recv(t, mon, 4096, 0);
  EXPECT_TRUE(first) << "a second ENOBUFS in the same overrun: " << errno_name(first.code().value);
  if (!first) first = sys_recv(t, mon, 4096, 0);
  ASSERT_TRUE(first);
  EXPECT_EQ(ids_of(first->data).nsid, 0);
  EXPECT_EQ(drain(mon).size(), queued - 1);
}

// netlink_broadcast_deliver refuses a congested socket even when its
// buffer has room; netlink_rcv_wake lifts the congestion only once the
// queue is empty.
TEST_F(NsidProtocolTest, AnOverrunSocketTakesNothingUntilItsQueueIsEmpty) {
  ASSERT_TRUE(sys_setsockopt_int(t, mon, SOL_SOCKET, SO_RCVBUF, 1024));
  int next_id = 0;
  auto event = [&] {
    send(sk, request(RTM_NEWNSID, R, next_seq(), {{NETNSA_FD, new_peer()}, {NETNSA_NSID, -1}}));
    return next_id++;
  };
  for (int i = 0; i < 20; ++i) event();
  const std::size_t queued = *netlink_queue_length(t, mon);
  ASSERT_GE(queued, 2u);
  auto r = sys_recv(t, mon, 4096, 0);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.code(), errc{ENOBUFS});
  auto first = sys_recv(t, mon, 4096, 0);
  ASSERT_TRUE(first);
  EXPECT_EQ(ids_of(first->data).nsid, 0);
  // Room again, but the queue is not empty yet: dropped.
  const int dropped = event();
  std::vector<int> rest;
  for (const bytes& d : drain(mon)) rest.push_back(ids_of(d).nsid);
  std::vector<int> expected;
  for (std::size_t i = 1; i < queued; ++i) expected.push_back(int(i));
  EXPECT_EQ(rest, expected) << "id " << dropped << " was delivered to a congested socket";
  // The queue emptied: delivery resumes.
  const int id = event();
  auto after = drain(mon);
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(ids_of(after[0]).nsid, id);
}

TEST_F(NsidProtocolTest, NoEnobufsDropsSilently) {
  ASSERT_TRUE(sys_setsockopt_int(t, mon, SOL_SOCKET, SO_RCVBUF, 1024));
  ASSERT_TRUE(sys_setsockopt_int(t, mon, SOL_NL, NETLINK_NO_ENOBUFS, 1));
  for (int i = 0; i < 20; ++i)
    send(sk, request(RTM_NEWNSID, R, next_seq(), {{NETNSA_FD, new_peer()}, {NETNSA_NSID, -1}}));
  const std::size_t queued = *netlink_queue_length(t, mon);
  EXPECT_LT(queued, 20u);
  auto events = drain(mon);  // no ENOBUFS first
  EXPECT_EQ(events.size(), queued);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(ids_of(events[0]).nsid, 0);
}

// nlmsg_notify with a report: the multicast skips the requester, which
// gets its copy by unicast, so a requester that also listens sees it once.
TEST_F(NsidProtocolTest, EchoToARequesterThatListensIsDeliveredOnce) {
  ASSERT_TRUE(sys_setsockopt_int(t, sk, SOL_NL, NETLINK_ADD_MEMBERSHIP, RTNLGRP_NSID));
  const int b = new_peer(), c = new_peer();
  const bytes echo = request(RTM_NEWNSID, R | NLM_F_ECHO, next_seq(), {{NETNSA_FD, b}, {NETNSA_NSID, 4}});
  auto got = xfer(sk, echo);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(hex(got[0]), hex(nsid_msg(RTM_NEWNSID, 0, seq, port(), 4)));
  // Without ECHO it gets the multicast copy, once.
  got = xfer(sk, request(RTM_NEWNSID, R, next_seq(), {{NETNSA_FD, c}, {NETNSA_NSID, 6}}));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(hex(got[0]), hex(nsid_msg(RTM_NEWNSID, 0, seq, port(), 6)));
  EXPECT_EQ(drain(mon).size(), 2u);
}

// netlink_net_capable checks the socket's opener and the sender: a root
// socket used by a task that dropped its privileges is refused too.
TEST_F(NsidProtocolTest, NewnsidNeedsTheSenderPrivilegedNotOnlyTheOpener) {
  const int k = new_peer();
  auto child = test::spawn(m, t);  // shares sk (opened by root)
  ASSERT_TRUE(child);
  ASSERT_TRUE(sys_setresuid(*child, 65534, 65534, 65534));
  const bytes req = request(RTM_NEWNSID, R | ACK, next_seq(), {{NETNSA_FD, k}, {NETNSA_NSID, 30}});
  auto got = xfer(sk, req, child.get());
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(hex(got[0]), hex(error_msg(req, -EPERM, port(), false)));
  EXPECT_EQ(id_of(k), -1);
}

// rtnl_get_net_ns_capable: a target needs CAP_NET_ADMIN over its owner.
TEST_F(NsidProtocolTest, AnUnprivilegedTargetQueryIsEacces) {
  const int b = new_peer(), c = new_peer();
  assign(sk, b, 5);
  assign(sk, c, 7);
  auto child = test::spawn(m, t);
  ASSERT_TRUE(child);
  ASSERT_TRUE(sys_setns(*child, a_ns, CLONE_NEWNET));
  ASSERT_TRUE(sys_setresuid(*child, 65534, 65534, 65534));
  const int usk = make_socket(true, child.get());
  ASSERT_TRUE(sys_setsockopt_int(*child, usk, SOL_NL, NETLINK_GET_STRICT_CHK, 1));
  const std::uint32_t uport = port_of(usk, child.get());
  const bytes req = request(RTM_GETNSID, R, next_seq(), {{NETNSA_FD, b}, {NETNSA_TARGET_NSID, 7}});
  auto got = xfer(usk, req, child.get());
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(hex(got[0]), hex(ext_error(req, -EACCES, uport, "Target netns reference is invalid", 28)));
  const std::uint32_t q = next_seq();
  got = xfer(usk, request(RTM_GETNSID, R | NLM_F_DUMP, q, {{NETNSA_TARGET_NSID, 7}}), child.get());
  ASSERT_EQ(got.size(), 1u);
  wbuf w;
  w.hdr(NLMSG_DONE, NLM_F_MULTI | NLM_F_ACK_TLVS, q, uport).s32(-EACCES);
  w.attr_str(1, "Invalid target network namespace id").attr32(2, 20);
  EXPECT_EQ(hex(got[0]), hex(w.finish()));
}

// __netlink_dump_start: one dump at a time per socket.
TEST_F(NsidProtocolTest, ASecondDumpWhileOneIsRunningIsEbusy) {
  constexpr int kIds = 300;
  for (int i = 0; i < kIds; ++i)
    send(sk, request(RTM_NEWNSID, R, next_seq(), {{NETNSA_FD, new_peer()}, {NETNSA_NSID, -1}}));
  drain(sk);
  const std::uint32_t first = next_seq();
  const bytes first_req = request(RTM_GETNSID, R | NLM_F_DUMP, first);
  send(sk, first_req);
  const bytes second = request(RTM_GETNSID, R | NLM_F_DUMP, next_seq());
  send(sk, second);
  auto got = drain(sk);
  ASSERT_GE(got.size(), 3u);
  // The first part, then the refusal, then the rest of the first dump.
  EXPECT_EQ(header_at(got[0]).nlmsg_seq, first);
  EXPECT_EQ(hex(got[1]), hex(error_msg(second, -EBUSY, port(), false)));
  netlink::reply_reader reader(first_req, port());
  std::size_t entries = 0;
  for (std::size_t i = 0; i + 1 < got.size(); ++i) {
    if (i == 1) continue;
    const reply_part p = read_part(reader, got[i]);
    EXPECT_EQ(p.state, netlink::walk::more) << errno_name(reader.end().code.value);
    EXPECT_TRUE(p.whole) << "datagram " << i << ": " << hex(got[i]);
    for (const bytes& m : p.msgs) {
      EXPECT_EQ(header_at(m).nlmsg_seq, first);  // the reader lets 0 through
      entries += header_at(m).nlmsg_type == RTM_NEWNSID;
    }
  }
  EXPECT_EQ(entries, std::size_t(kIds));
  EXPECT_EQ(hex(got.back()), hex(done_msg(first, port())));
}

}  // namespace
}  // namespace netns
