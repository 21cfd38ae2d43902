// SPDX-License-Identifier: GPL-2.0-only
#include "linux_wire.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>

namespace netns::tools::linux_wire {

namespace {

// A frame larger than this is a broken peer, not a result (`cat` stops
// reading at 1 MiB).
constexpr std::uint32_t max_frame = 8u << 20;

void put_u32(std::string& b, std::uint32_t v) { b.append(reinterpret_cast<const char*>(&v), 4); }

std::uint32_t get_u32(const std::string& b, std::size_t& at, bool& ok) {
  std::uint32_t v = 0;
  if (at + 4 > b.size()) {
    ok = false;
    return 0;
  }
  std::memcpy(&v, b.data() + at, 4);
  at += 4;
  return v;
}

using clock = std::chrono::steady_clock;

// Waits until `sock` is readable or the deadline passes.
wire_status wait_readable(int sock, clock::time_point deadline, bool bounded) {
  for (;;) {
    int ms = -1;
    if (bounded) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock::now()).count();
      if (left <= 0) return wire_status::timeout;
      ms = static_cast<int>(left);
    }
    pollfd p{sock, POLLIN, 0};
    int r = poll(&p, 1, ms);
    if (r > 0) return wire_status::ok;
    if (r == 0) return wire_status::timeout;
    if (errno != EINTR) return wire_status::error;
  }
}

// Reads exactly len bytes, taking a passed fd if one comes.
wire_status read_exact(int sock, char* buf, std::size_t len, int* got_fd, clock::time_point deadline,
                       bool bounded) {
  std::size_t done = 0;
  while (done < len) {
    if (auto w = wait_readable(sock, deadline, bounded); w != wire_status::ok) return w;
    iovec iov{buf + done, len - done};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))];
    msghdr m{};
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    m.msg_control = control;
    m.msg_controllen = sizeof control;
    ssize_t n = recvmsg(sock, &m, MSG_CMSG_CLOEXEC);
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      return wire_status::error;
    }
    if (n == 0) return wire_status::closed;
    for (cmsghdr* c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
      if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
      int fd;
      std::memcpy(&fd, CMSG_DATA(c), sizeof fd);
      if (got_fd && *got_fd < 0) *got_fd = fd;
      else close(fd);
    }
    done += static_cast<std::size_t>(n);
  }
  return wire_status::ok;
}

}  // namespace

bool send_frame(int sock, const frame& f, int pass_fd) {
  std::string body;
  put_u32(body, static_cast<std::uint32_t>(f.size()));
  for (const auto& s : f) {
    put_u32(body, static_cast<std::uint32_t>(s.size()));
    body += s;
  }
  std::string buf;
  put_u32(buf, static_cast<std::uint32_t>(body.size()));
  buf += body;
  std::size_t done = 0;
  bool fd_sent = pass_fd < 0;
  while (done < buf.size()) {
    iovec iov{buf.data() + done, buf.size() - done};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
    msghdr m{};
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    if (!fd_sent) {
      m.msg_control = control;
      m.msg_controllen = sizeof control;
      cmsghdr* c = CMSG_FIRSTHDR(&m);
      c->cmsg_level = SOL_SOCKET;
      c->cmsg_type = SCM_RIGHTS;
      c->cmsg_len = CMSG_LEN(sizeof(int));
      std::memcpy(CMSG_DATA(c), &pass_fd, sizeof pass_fd);
    }
    ssize_t n = sendmsg(sock, &m, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    fd_sent = true;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

wire_status recv_frame(int sock, frame& f, int* got_fd, int timeout_ms) {
  f.clear();
  const bool bounded = timeout_ms >= 0;
  const auto deadline = clock::now() + std::chrono::milliseconds(bounded ? timeout_ms : 0);
  char hdr[4];
  if (auto w = read_exact(sock, hdr, 4, got_fd, deadline, bounded); w != wire_status::ok) return w;
  std::uint32_t len;
  std::memcpy(&len, hdr, 4);
  if (len > max_frame) return wire_status::error;
  std::string body(len, '\0');
  if (auto w = read_exact(sock, body.data(), len, got_fd, deadline, bounded); w != wire_status::ok)
    return w == wire_status::closed ? wire_status::error : w;
  bool ok = true;
  std::size_t at = 0;
  const std::uint32_t n = get_u32(body, at, ok);
  for (std::uint32_t i = 0; ok && i < n; ++i) {
    const std::uint32_t l = get_u32(body, at, ok);
    if (!ok || at + l > body.size()) return wire_status::error;
    f.emplace_back(body.substr(at, l));
    at += l;
  }
  return ok ? wire_status::ok : wire_status::error;
}

}  // namespace netns::tools::linux_wire
