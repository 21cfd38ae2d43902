// SPDX-License-Identifier: GPL-2.0-only
// A NETLINK_ROUTE socket in an event loop: poll and epoll say readable
// exactly while a datagram waits (a reply, a multicast from another
// process's change), and a request may be written with write(2). Run in a
// fresh net namespace on the kernel (root) and under `netns exec` (any
// user), each inside `unshare -n` (tests/exec/probe_check.sh): both must
// print tests/exec/netlink_poll_probe.expected.
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>

namespace {

void say(const char* what, bool yes) { std::printf("%s: %s\n", what, yes ? "yes" : "no"); }

bool readable(int fd, int ms) {
  pollfd p{fd, POLLIN, 0};
  return poll(&p, 1, ms) == 1 && (p.revents & POLLIN);
}

// Reads every datagram waiting; whether one was NLMSG_DONE.
bool drain(int fd) {
  bool done = false;
  char buf[65536];
  for (ssize_t n; (n = recv(fd, buf, sizeof buf, MSG_DONTWAIT)) > 0;)
    for (auto* h = reinterpret_cast<nlmsghdr*>(buf); NLMSG_OK(h, static_cast<unsigned>(n)); h = NLMSG_NEXT(h, n))
      done |= h->nlmsg_type == NLMSG_DONE;
  return done;
}

int netlink_socket(unsigned groups) {
  const int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, NETLINK_ROUTE);
  sockaddr_nl sa{};
  sa.nl_family = AF_NETLINK;
  sa.nl_groups = groups;
  if (fd >= 0 && bind(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0) return -1;
  return fd;
}

}  // namespace

int main() {
  const int req_fd = netlink_socket(0);
  const int group_fd = netlink_socket(RTMGRP_LINK);
  if (req_fd < 0 || group_fd < 0) {
    std::perror("netlink socket");
    return 1;
  }
  say("a socket with nothing queued polls readable", readable(req_fd, 100));

  // A dump request written with write(2), as netlink_sendmsg takes it.
  struct {
    nlmsghdr h;
    ifinfomsg i;
  } req{};
  req.h.nlmsg_len = sizeof req;
  req.h.nlmsg_type = RTM_GETLINK;
  req.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
  req.h.nlmsg_seq = 1;
  say("write(2) of a request is taken whole", write(req_fd, &req, sizeof req) == static_cast<ssize_t>(sizeof req));
  say("the reply makes it readable", readable(req_fd, 1000));
  bool done = false;
  for (int i = 0; i < 100 && !done; ++i) done = drain(req_fd) || !readable(req_fd, 100);
  say("the dump ends with NLMSG_DONE", done);
  say("read to the end, it is not readable", readable(req_fd, 100));

  // A multicast from another process's change wakes an edge-triggered epoll.
  const int ep = epoll_create1(EPOLL_CLOEXEC);
  epoll_event ev{};
  ev.events = EPOLLIN | EPOLLET;
  epoll_ctl(ep, EPOLL_CTL_ADD, group_fd, &ev);
  say("the group socket waits with nothing queued", epoll_wait(ep, &ev, 1, 100) == 0);
  std::fflush(stdout);
  const pid_t child = fork();
  if (child == 0) {
    execlp("ip", "ip", "link", "add", "v0", "type", "veth", "peer", "name", "v1", static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  waitpid(child, &status, 0);
  say("ip link add succeeded", WIFEXITED(status) && WEXITSTATUS(status) == 0);
  say("the link's notification wakes epoll", epoll_wait(ep, &ev, 1, 2000) == 1 && (ev.events & EPOLLIN));
  char buf[65536];
  int notes = 0;
  while (recv(group_fd, buf, sizeof buf, MSG_DONTWAIT) > 0) ++notes;
  say("notifications were queued", notes > 0);
  say("read to the end, epoll waits again", epoll_wait(ep, &ev, 1, 100) == 0);
  say("and poll says not readable", readable(group_fd, 0));
  return 0;
}
