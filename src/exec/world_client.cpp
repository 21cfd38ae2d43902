// SPDX-License-Identifier: GPL-2.0-only
// netns exec --world SOCKET: start the program here, have the world's
// server serve it.
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "launch.hpp"
#include "netns/exec/world.hpp"
#include "world_protocol.hpp"

namespace netns {

namespace exec_detail {

result<int> connect_world(const std::string& path) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path.empty() || path.size() >= sizeof(addr.sun_path)) return errc{ENAMETOOLONG};
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  int fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
  if (fd < 0) return errc{errno};
  if (connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof(addr)) != 0) {
    int e = errno;
    close(fd);
    return errc{e};
  }
  return fd;
}

namespace {

// The request with its fds, and the server's reply.
result<int> ask_world(int conn, const launched_program& l, bool trace) {
  world_request req;
  req.want_trace = trace ? 1 : 0;
  int fds[3] = {l.listener, l.pidfd, STDERR_FILENO};
  const std::size_t nfds = trace ? 3 : 2;
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(fds))] = {};
  iovec iov{&req, sizeof(req)};
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = CMSG_SPACE(nfds * sizeof(int));
  cmsghdr* c = CMSG_FIRSTHDR(&msg);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(nfds * sizeof(int));
  std::memcpy(CMSG_DATA(c), fds, nfds * sizeof(int));
  const bool sent = sendmsg(conn, &msg, MSG_NOSIGNAL) == static_cast<ssize_t>(sizeof(req));
  const int send_errno = errno;
  world_reply reply;
  ssize_t n;
  // A server that refused us (EACCES) has answered already and hung up.
  if (!sent) {
    if (recv(conn, &reply, sizeof(reply), MSG_DONTWAIT) == sizeof(reply) && reply.value < 0)
      return errc{-reply.value};
    return errc{send_errno};
  }
  while ((n = recv(conn, &reply, sizeof(reply), 0)) < 0 && errno == EINTR) {
  }
  if (n != sizeof(reply)) return errc{n < 0 ? errno : ECONNRESET};  // the server went away
  if (reply.value < 0) return errc{-reply.value};
  return reply.value;
}

}  // namespace
}  // namespace exec_detail

result<int> run_in_world(const std::string& socket_path, const exec_options& opt,
                         bool* world_failed) {
  using namespace exec_detail;
  bool dummy;
  bool& blame_world = world_failed ? *world_failed : dummy;
  blame_world = true;
  // No server, no program: find out before forking it.
  auto conn = connect_world(socket_path);
  if (!conn) return conn.error();
  blame_world = false;
  auto l = launch(opt);
  if (!l) {
    close(*conn);
    return l.error();
  }
  auto model_pid = ask_world(*conn, *l, opt.trace != nullptr);
  close(*conn);
  if (!model_pid) {  // l kills the child
    blame_world = true;
    return model_pid.error();
  }
  // The server holds its own copies now.
  close(std::exchange(l->listener, -1));
  close(std::exchange(l->pidfd, -1));
  if (opt.model_pid) *opt.model_pid = *model_pid;
  l->go();
  const int status = l->reap();
  if (const int e = l->exec_errno()) return errc{e};
  return status;
}

}  // namespace netns
