// SPDX-License-Identifier: GPL-2.0-only
// RTM_*NSID requests on model and kernel sockets (nsid_trips.hpp).
#include "nsid_trips.hpp"

#include <linux/net_namespace.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <optional>

#include "netns/netlink/reply_reader.hpp"
#include "netns/netlink/socket.hpp"
#include "netns/netlink/wire.hpp"

namespace netns::bench {

namespace {
// A dump's replies come in buffers of this size on both sides (the
// kernel's default for a dump is 32 KiB when the reader offers it).
constexpr std::size_t dump_buffer = 32768;
}  // namespace

request getnsid_request(std::uint16_t attr, std::int32_t value) {
  netlink::nl_builder b;
  b.put_header(RTM_GETNSID, NLM_F_REQUEST, 1, 0);
  b.put_rtgenmsg(AF_UNSPEC);
  b.put_s32(attr, value);
  return b.finish();
}

std::vector<request> random_getnsid_requests(long live, std::mt19937& rng) {
  std::vector<request> reqs;
  std::uniform_int_distribution<long> pick(0, std::max(live, 1L) - 1);
  for (int i = 0; i < 16; ++i) reqs.push_back(getnsid_request(NETNSA_NSID, static_cast<std::int32_t>(pick(rng))));
  return reqs;
}

request newnsid_request(int fd) {
  netlink::nl_builder b;
  b.put_header(RTM_NEWNSID, NLM_F_REQUEST | NLM_F_ACK, 1, 0);
  b.put_rtgenmsg(AF_UNSPEC);
  b.put_u32(NETNSA_FD, static_cast<std::uint32_t>(fd));
  b.put_s32(NETNSA_NSID, -1);
  return b.finish();
}

request dump_request() {
  netlink::nl_builder b;
  b.put_header(RTM_GETNSID, NLM_F_REQUEST | NLM_F_DUMP, 1, 0);
  b.put_rtgenmsg(AF_UNSPEC);
  return b.finish();
}

void check_reply(const char* side, std::span<const std::uint8_t> req,
                 std::span<const std::uint8_t> reply) {
  netlink::reply_reader reader(req);
  std::optional<std::int32_t> nsid;
  reader.feed(reply, [&](const nlmsghdr* h) {
    if (h->nlmsg_type == RTM_NEWNSID) nsid = netlink::message_s32(h, sizeof(rtgenmsg), NETNSA_NSID);
    return true;
  });
  if (reader.state() != netlink::walk::done || !nsid || reply.size() != 28) {
    std::fprintf(stderr, "%s: getnsid reply not an answer (%s %s)\n", side,
                 errno_name(reader.end().code.value), reader.end().extack.c_str());
    std::exit(1);
  }
}

void dump_progress::feed(const char* side, std::span<const std::uint8_t> chunk) {
  auto* h = reinterpret_cast<const nlmsghdr*>(chunk.data());
  long left = static_cast<long>(chunk.size());  // wider than nlmsg_len: no sign mix in NLMSG_OK
  for (; NLMSG_OK(h, left); h = NLMSG_NEXT(h, left)) {
    if (h->nlmsg_type == NLMSG_DONE) {
      done = true;
      return;
    }
    if (h->nlmsg_type == NLMSG_ERROR) {
      std::fprintf(stderr, "%s: nsid dump answered with an error\n", side);
      std::exit(1);
    }
    if (h->nlmsg_type == RTM_NEWNSID) ++entries;
  }
}

model_nsid_socket::model_nsid_socket(task& owner) : t(&owner) {
  auto s = sys_socket(*t, AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
  if (!s) {
    std::fprintf(stderr, "model: socket: %s\n", errno_name(s.error().errnum()));
    std::exit(1);
  }
  sock = *s;
}

void model_nsid_socket::check(const request& req) {
  auto s = sys_send(*t, sock, req);
  auto r = sys_recv(*t, sock, 8192, 0);
  if (!s || !r) {
    std::fprintf(stderr, "model: getnsid failed\n");
    std::exit(1);
  }
  check_reply("model", req, r->data);
}

void model_nsid_socket::trips(const std::vector<request>& reqs, long n) {
  for (long i = 0; i < n; ++i) {
    auto s = sys_send(*t, sock, reqs[static_cast<std::size_t>(i) % reqs.size()]);
    auto r = sys_recv(*t, sock, 8192, 0);
    if (!s || !r || r->length != 28) {
      std::fprintf(stderr, "model: getnsid round trip failed\n");
      std::exit(1);
    }
  }
}

long model_nsid_socket::dump() {
  static const request req = dump_request();
  if (!sys_send(*t, sock, req)) {
    std::fprintf(stderr, "model: nsid dump refused\n");
    std::exit(1);
  }
  dump_progress p;
  while (!p.done) {
    auto r = sys_recv(*t, sock, dump_buffer, 0);
    if (!r || r->data.empty()) {
      std::fprintf(stderr, "model: nsid dump ended without NLMSG_DONE\n");
      std::exit(1);
    }
    p.feed("model", r->data);
  }
  return p.entries;
}

kernel_nsid_socket::kernel_nsid_socket() {
  sock = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
}

kernel_nsid_socket::~kernel_nsid_socket() {
  if (sock >= 0) close(sock);
}

void kernel_nsid_socket::check(const request& req) {
  std::uint8_t buf[8192];
  const ssize_t n =
      send(sock, req.data(), req.size(), 0) < 0 ? -1 : recv(sock, buf, sizeof buf, 0);
  if (n < 0) {
    std::perror("kernel: getnsid");
    std::exit(1);
  }
  check_reply("kernel", req, {buf, static_cast<std::size_t>(n)});
}

void kernel_nsid_socket::trips(const std::vector<request>& reqs, long n) {
  std::uint8_t buf[8192];
  sockaddr_nl kernel_addr{};
  kernel_addr.nl_family = AF_NETLINK;
  for (long i = 0; i < n; ++i) {
    const request& req = reqs[static_cast<std::size_t>(i) % reqs.size()];
    if (sendto(sock, req.data(), req.size(), 0, reinterpret_cast<sockaddr*>(&kernel_addr),
               sizeof kernel_addr) < 0 ||
        recv(sock, buf, sizeof buf, 0) != 28) {
      std::perror("kernel: getnsid round trip");
      std::exit(1);
    }
  }
}

long kernel_nsid_socket::dump() {
  static const request req = dump_request();
  static std::uint8_t buf[dump_buffer];
  if (send(sock, req.data(), req.size(), 0) < 0) {
    std::perror("kernel: nsid dump");
    std::exit(1);
  }
  dump_progress p;
  while (!p.done) {
    const ssize_t n = recv(sock, buf, sizeof buf, 0);
    if (n <= 0) {
      std::perror("kernel: nsid dump");
      std::exit(1);
    }
    p.feed("kernel", {buf, static_cast<std::size_t>(n)});
  }
  return p.entries;
}

bool kernel_nsid_socket::newnsid(int fd) {
  const request req = newnsid_request(fd);
  std::uint8_t buf[4096];
  if (send(sock, req.data(), req.size(), 0) < 0) return false;
  const ssize_t n = recv(sock, buf, sizeof buf, 0);
  if (n < static_cast<ssize_t>(NLMSG_LENGTH(sizeof(nlmsgerr)))) return false;
  auto* h = reinterpret_cast<const nlmsghdr*>(buf);
  if (h->nlmsg_type != NLMSG_ERROR) return false;
  const int err = reinterpret_cast<const nlmsgerr*>(NLMSG_DATA(h))->error;
  errno = -err;
  return err == 0;
}

}  // namespace netns::bench
