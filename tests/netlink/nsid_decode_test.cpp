// SPDX-License-Identifier: GPL-2.0-only
// Every kind of message the model's NSID protocol emits, read back by an
// independent decoder: decode_netlink.py (beside this file) parses each
// datagram with pyroute2 and prints one canonical JSON line per message;
// the test compares that with what the bytes must say. Skipped when
// pyroute2 cannot be imported.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <linux/net_namespace.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <initializer_list>
#include <map>
#include <string>
#include <vector>

#include "netns/netlink/socket.hpp"
#include "netns/netlink/wire.hpp"
#include "netns/machine/machine.hpp"
#include "netns/task/syscalls.hpp"

namespace netns {
namespace {

using bytes = std::vector<std::uint8_t>;

constexpr std::uint16_t R = NLM_F_REQUEST;
constexpr std::uint16_t ACK = NLM_F_ACK;
constexpr int SOL_NL = NETNS_SOL_NETLINK;

// ---- the decoder --------------------------------------------------------------

std::string script_path() {
  return (std::filesystem::path(__FILE__).parent_path() / "decode_netlink.py").string();
}

struct run_result {
  int status = -1;  // the exit status
  std::string out;  // stdout and stderr
};

run_result run_script(const std::vector<std::string>& args) {
  std::string cmd = "/usr/bin/python3 '" + script_path() + "'";
  for (const std::string& a : args) cmd += " '" + a + "'";
  cmd += " 2>&1";
  run_result r;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int st = ::pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

// Why the decoder cannot run ("" when it can); asked once.
const std::string& decoder_unavailable() {
  static const std::string why = [] {
    if (!std::filesystem::exists(script_path())) return "no " + script_path();
    run_result r = run_script({"--check"});
    if (r.status == 0) return std::string();
    return "decode_netlink.py --check: status " + std::to_string(r.status) + ": " + r.out;
  }();
  return why;
}

// Writes each datagram to a temp file, decodes them all in one run: the
// JSON lines, in order.
std::vector<std::string> decode(const std::vector<bytes>& datagrams) {
  std::vector<std::string> files;
  for (const bytes& d : datagrams) {
    char name[] = "/tmp/nsid_decode_XXXXXX";
    const int fd = ::mkstemp(name);
    EXPECT_GE(fd, 0);
    if (fd < 0) continue;
    EXPECT_EQ(::write(fd, d.data(), d.size()), static_cast<ssize_t>(d.size()));
    ::close(fd);
    files.push_back(name);
  }
  run_result r = run_script(files);
  for (const std::string& f : files) ::unlink(f.c_str());
  EXPECT_EQ(r.status, 0) << r.out;
  std::vector<std::string> lines;
  std::size_t at = 0;
  while (at < r.out.size()) {
    std::size_t nl = r.out.find('\n', at);
    if (nl == std::string::npos) nl = r.out.size();
    if (nl > at) lines.push_back(r.out.substr(at, nl - at));
    at = nl + 1;
  }
  return lines;
}

// ---- expected JSON: sorted keys, no spaces, as json.dumps(sort_keys=True) ----

class json {
 public:
  json& num(const std::string& k, long long v) {
    kv_[k] = std::to_string(v);
    return *this;
  }
  json& str(const std::string& k, const std::string& v) {
    kv_[k] = "\"" + v + "\"";  // the texts here need no escapes
    return *this;
  }
  json& obj(const std::string& k, const json& v) {
    kv_[k] = v.text();
    return *this;
  }
  std::string text() const {
    std::string s = "{";
    for (const auto& [k, v] : kv_) s += (s.size() > 1 ? "," : "") + ("\"" + k + "\":") + v;
    return s + "}";
  }

 private:
  std::map<std::string, std::string> kv_;  // std::less: Python's order for ASCII keys
};

json hdr(long long len, int type, int flags, std::uint32_t seq, std::uint32_t pid) {
  json j;
  j.num("len", len).num("type", type).num("flags", flags).num("seq", seq).num("pid", pid);
  return j;
}

// An RTM_*NSID message: family 0 and its attributes.
json nsid_json(long long len, int type, int flags, std::uint32_t seq, std::uint32_t pid,
               std::initializer_list<std::pair<const char*, long long>> attrs) {
  json a;
  for (const auto& [k, v] : attrs) a.num(k, v);
  return hdr(len, type, flags, seq, pid).num("family", 0).obj("attrs", a);
}

// ---- driving the model ----------------------------------------------------------

struct at {
  std::uint16_t type;
  std::int64_t value;
};

bytes request(std::uint16_t type, std::uint16_t flags, std::uint32_t seq,
              std::initializer_list<at> attrs = {}) {
  netlink::nl_builder b;
  b.put_header(type, flags, seq, 0);
  b.put_rtgenmsg(AF_UNSPEC);
  for (const at& a : attrs) b.put_u32(a.type, static_cast<std::uint32_t>(a.value));
  return b.finish();
}

// The requester `sk` and the monitor `mon` in pr_a, as in the reference.
class NsidDecodeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!decoder_unavailable().empty()) GTEST_SKIP() << decoder_unavailable();
    init_ns = *sys_open(t, "/proc/self/ns/net", O_RDONLY);
    ASSERT_TRUE(sys_unshare(t, CLONE_NEWNET));
    a_ns = *sys_open(t, "/proc/self/ns/net", O_RDONLY);
    sk = socket_here();
    mon = socket_here(false);
    ASSERT_TRUE(sys_setsockopt_int(t, mon, SOL_NL, NETLINK_ADD_MEMBERSHIP, RTNLGRP_NSID));
    ASSERT_TRUE(sys_setns(t, init_ns, CLONE_NEWNET));
  }

  int socket_here(bool ext_ack = true) {
    int fd = *sys_socket(t, AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
    if (ext_ack) {
      EXPECT_TRUE(sys_setsockopt_int(t, fd, SOL_NL, NETLINK_EXT_ACK, 1));
    }
    EXPECT_TRUE(sys_bind_netlink(t, fd, 0, 0));  // as the reference probe does
    return fd;
  }
  int socket_in_a(bool ext_ack = true) {
    EXPECT_TRUE(sys_setns(t, a_ns, CLONE_NEWNET));
    int fd = socket_here(ext_ack);
    EXPECT_TRUE(sys_setns(t, init_ns, CLONE_NEWNET));
    return fd;
  }
  int new_peer() {
    EXPECT_TRUE(sys_unshare(t, CLONE_NEWNET));
    int fd = *sys_open(t, "/proc/self/ns/net", O_RDONLY);
    EXPECT_TRUE(sys_setns(t, init_ns, CLONE_NEWNET));
    return fd;
  }
  std::vector<bytes> drain(int fd) {
    std::vector<bytes> out;
    for (;;) {
      auto r = sys_recv(t, fd, 65536, 0);
      if (!r) break;
      out.push_back(std::move(r->data));
    }
    return out;
  }
  std::vector<bytes> xfer(int fd, const bytes& req) {
    EXPECT_TRUE(sys_send(t, fd, req));
    return drain(fd);
  }
  std::uint32_t port_of(int fd) { return sys_getsockname_netlink(t, fd)->first; }
  std::uint32_t port() { return port_of(sk); }
  void assign(int peer, int id) {
    auto got = xfer(sk, request(RTM_NEWNSID, R | ACK, ++seq, {{NETNSA_FD, peer}, {NETNSA_NSID, id}}));
    ASSERT_EQ(got.size(), 1u);
    drain(mon);
  }

  machine m;
  task& t = m.init_task();
  int init_ns = -1, a_ns = -1, sk = -1, mon = -1;
  std::uint32_t seq = 2000;
};

TEST_F(NsidDecodeTest, SuccessAckIsCappedWithTheRequestHeader) {
  const int b = new_peer();
  auto got = xfer(sk, request(RTM_NEWNSID, R | ACK, 1001, {{NETNSA_FD, b}, {NETNSA_NSID, 5}}));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(decode(got), (std::vector<std::string>{
                             hdr(36, NLMSG_ERROR, NLM_F_CAPPED, 1001, port())
                                 .num("error", 0)
                                 .obj("echo", hdr(36, RTM_NEWNSID, R | ACK, 1001, 0))
                                 .text()}));
}

TEST_F(NsidDecodeTest, ErrorWithExtAckCarriesTheRequestMessageAndOffset) {
  const int b = new_peer();
  assign(b, 5);
  auto got = xfer(sk, request(RTM_NEWNSID, R | ACK, 1003, {{NETNSA_FD, b}, {NETNSA_NSID, 6}}));
  ASSERT_EQ(got.size(), 1u);
  json tl;
  tl.str("NLMSGERR_ATTR_MSG", "Peer netns already has a nsid assigned").num("NLMSGERR_ATTR_OFFS", 20);
  EXPECT_EQ(decode(got),
            (std::vector<std::string>{
                hdr(108, NLMSG_ERROR, NLM_F_ACK_TLVS, 1003, port())
                    .num("error", -EEXIST)
                    .obj("echo", nsid_json(36, RTM_NEWNSID, R | ACK, 1003, 0, {{"NETNSA_FD", b}, {"NETNSA_NSID", 6}}))
                    .obj("attrs", tl)
                    .text()}));
}

TEST_F(NsidDecodeTest, PolicyFailureCarriesTheNestedPolicy) {
  const int d = new_peer();
  // FD(d), then NSID with a 2-byte payload (nla_len 6, padded to 8).
  netlink::nl_builder b;
  b.put_header(RTM_NEWNSID, R | ACK, 1005, 0);
  b.put_rtgenmsg(AF_UNSPEC);
  b.put_u32(NETNSA_FD, static_cast<std::uint32_t>(d));
  bytes req = b.finish();
  for (std::uint8_t x : {0x06, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00}) req.push_back(x);
  req[0] = static_cast<std::uint8_t>(req.size());
  auto got = xfer(sk, req);
  ASSERT_EQ(got.size(), 1u);
  json policy;
  policy.num("MIN_VALUE_S", INT32_MIN).num("MAX_VALUE_S", INT32_MAX).num("TYPE", 8);  // NL_ATTR_TYPE_S32
  json tl;
  tl.str("NLMSGERR_ATTR_MSG", "Attribute failed policy validation")
      .num("NLMSGERR_ATTR_OFFS", 28)
      .obj("NLMSGERR_ATTR_POLICY", policy);
  // pyroute2 reads the short NSID's four bytes: the payload 01 00 and the pad.
  EXPECT_EQ(decode(got),
            (std::vector<std::string>{
                hdr(140, NLMSG_ERROR, NLM_F_ACK_TLVS, 1005, port())
                    .num("error", -ERANGE)
                    .obj("echo", nsid_json(36, RTM_NEWNSID, R | ACK, 1005, 0, {{"NETNSA_FD", d}, {"NETNSA_NSID", 1}}))
                    .obj("attrs", tl)
                    .text()}));
}

TEST_F(NsidDecodeTest, CapAckErrorEchoesOnlyTheHeaderBeforeItsTlvs) {
  const int b = new_peer();
  assign(b, 5);
  const int capped = socket_in_a();
  ASSERT_TRUE(sys_setsockopt_int(t, capped, SOL_NL, NETLINK_CAP_ACK, 1));
  auto got = xfer(capped, request(RTM_NEWNSID, R | ACK, 1007, {{NETNSA_FD, b}, {NETNSA_NSID, 6}}));
  ASSERT_EQ(got.size(), 1u);
  json tl;
  tl.str("NLMSGERR_ATTR_MSG", "Peer netns already has a nsid assigned").num("NLMSGERR_ATTR_OFFS", 20);
  EXPECT_EQ(decode(got), (std::vector<std::string>{
                             hdr(88, NLMSG_ERROR, NLM_F_CAPPED | NLM_F_ACK_TLVS, 1007, port_of(capped))
                                 .num("error", -EEXIST)
                                 .obj("echo", hdr(36, RTM_NEWNSID, R | ACK, 1007, 0))
                                 .obj("attrs", tl)
                                 .text()}));
}

TEST_F(NsidDecodeTest, ErrorWithoutTlvsEchoesTheWholeRequest) {
  const int b = new_peer();
  assign(b, 5);
  const int plain = socket_in_a(false);
  auto got = xfer(plain, request(RTM_NEWNSID, R | ACK, 1009, {{NETNSA_FD, b}, {NETNSA_NSID, 6}}));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(decode(got),
            (std::vector<std::string>{
                hdr(56, NLMSG_ERROR, 0, 1009, port_of(plain))
                    .num("error", -EEXIST)
                    .obj("echo", nsid_json(36, RTM_NEWNSID, R | ACK, 1009, 0, {{"NETNSA_FD", b}, {"NETNSA_NSID", 6}}))
                    .text()}));
}

TEST_F(NsidDecodeTest, GetnsidRepliesCarryNsidAndWithATargetCurrentNsid) {
  const int b = new_peer(), c = new_peer(), k = new_peer();
  assign(b, 5);
  assign(c, 7);
  std::vector<bytes> got = xfer(sk, request(RTM_GETNSID, R, 1026, {{NETNSA_FD, b}}));
  auto more = xfer(sk, request(RTM_GETNSID, R, 1027, {{NETNSA_FD, k}}));
  got.insert(got.end(), more.begin(), more.end());
  more = xfer(sk, request(RTM_GETNSID, R, 1028, {{NETNSA_FD, b}, {NETNSA_TARGET_NSID, 7}}));
  got.insert(got.end(), more.begin(), more.end());
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(decode(got),
            (std::vector<std::string>{
                nsid_json(28, RTM_NEWNSID, 0, 1026, port(), {{"NETNSA_NSID", 5}}).text(),
                nsid_json(28, RTM_NEWNSID, 0, 1027, port(), {{"NETNSA_NSID", -1}}).text(),
                nsid_json(36, RTM_NEWNSID, 0, 1028, port(), {{"NETNSA_NSID", -1}, {"NETNSA_CURRENT_NSID", 5}})
                    .text()}));
}

TEST_F(NsidDecodeTest, DumpPartsAreMultiMessagesEndedByDone) {
  for (int id : {9, 2, 4}) assign(new_peer(), id);
  auto got = xfer(sk, request(RTM_GETNSID, R | NLM_F_DUMP, 1030));
  ASSERT_EQ(got.size(), 2u);
  std::vector<std::string> expected;
  for (int id : {2, 4, 9})
    expected.push_back(nsid_json(28, RTM_NEWNSID, NLM_F_MULTI, 1030, port(), {{"NETNSA_NSID", id}}).text());
  expected.push_back(hdr(20, NLMSG_DONE, NLM_F_MULTI, 1030, port()).num("error", 0).text());
  EXPECT_EQ(decode(got), expected);
}

TEST_F(NsidDecodeTest, AFailedDumpIsADoneWithErrorAndTlvs) {
  const int strict = socket_in_a();
  ASSERT_TRUE(sys_setsockopt_int(t, strict, SOL_NL, NETLINK_GET_STRICT_CHK, 1));
  auto got = xfer(strict, request(RTM_GETNSID, R | NLM_F_DUMP, 1003, {{NETNSA_TARGET_NSID, 99}}));
  ASSERT_EQ(got.size(), 1u);
  json tl;
  tl.str("NLMSGERR_ATTR_MSG", "Invalid target network namespace id").num("NLMSGERR_ATTR_OFFS", 20);
  EXPECT_EQ(decode(got), (std::vector<std::string>{
                             hdr(68, NLMSG_DONE, NLM_F_MULTI | NLM_F_ACK_TLVS, 1003, port_of(strict))
                                 .num("error", -EINVAL)
                                 .obj("attrs", tl)
                                 .text()}));
}

TEST_F(NsidDecodeTest, StrictDumpWithATargetCarriesCurrentNsids) {
  const int b = new_peer(), c = new_peer();
  assign(b, 5);
  assign(c, 7);
  ASSERT_TRUE(sys_setns(t, c, CLONE_NEWNET));
  const int csk = socket_here();
  ASSERT_TRUE(sys_setns(t, init_ns, CLONE_NEWNET));
  ASSERT_EQ(xfer(csk, request(RTM_NEWNSID, R | ACK, 1, {{NETNSA_FD, b}, {NETNSA_NSID, 100}})).size(), 1u);
  const int strict = socket_in_a();
  ASSERT_TRUE(sys_setsockopt_int(t, strict, SOL_NL, NETLINK_GET_STRICT_CHK, 1));
  auto got = xfer(strict, request(RTM_GETNSID, R | NLM_F_DUMP, 1040, {{NETNSA_TARGET_NSID, 7}}));
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(decode(got),
            (std::vector<std::string>{
                nsid_json(36, RTM_NEWNSID, NLM_F_MULTI, 1040, port_of(strict),
                          {{"NETNSA_NSID", 100}, {"NETNSA_CURRENT_NSID", 5}})
                    .text(),
                hdr(20, NLMSG_DONE, NLM_F_MULTI, 1040, port_of(strict)).num("error", 0).text()}));
}

TEST_F(NsidDecodeTest, NotificationsCarryTheRequestOrNothing) {
  const int b = new_peer();
  ASSERT_TRUE(xfer(sk, request(RTM_NEWNSID, R, 1050, {{NETNSA_FD, b}, {NETNSA_NSID, 5}})).empty());
  auto events = drain(mon);
  ASSERT_EQ(events.size(), 1u);
  ASSERT_TRUE(sys_close(t, b));
  m.k().settle();
  auto dels = drain(mon);
  ASSERT_EQ(dels.size(), 1u);
  events.push_back(dels[0]);
  EXPECT_EQ(decode(events),
            (std::vector<std::string>{
                nsid_json(28, RTM_NEWNSID, 0, 1050, port(), {{"NETNSA_NSID", 5}}).text(),
                nsid_json(28, RTM_DELNSID, 0, 0, 0, {{"NETNSA_NSID", 5}}).text()}));
}

}  // namespace
}  // namespace netns
