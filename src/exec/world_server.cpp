// SPDX-License-Identifier: GPL-2.0-only
// netns serve SOCKET: one model world, every program that asks served from
// it, in one thread (the model sees one supervisor, as with netns exec).
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "netns/exec/world.hpp"
#include "served_calls.hpp"
#include "world_protocol.hpp"

namespace netns {

namespace exec_detail {
namespace {

// The pid a pidfd refers to, in this process's pid namespace (as the
// listener reports callers), from /proc/self/fdinfo; 0 if none.
pid_t pid_of_pidfd(int pidfd) {
  std::ifstream in("/proc/self/fdinfo/" + std::to_string(pidfd));
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("Pid:", 0) == 0) return static_cast<pid_t>(std::atoi(line.c_str() + 4));
  return 0;
}

// One program of the world and where its trace goes.
struct session {
  std::unique_ptr<served_calls> calls;
  std::FILE* trace = nullptr;
  session() = default;
  session(const session&) = delete;
  session& operator=(const session&) = delete;
  ~session() {
    calls.reset();  // it writes to trace until it goes
    if (trace) std::fclose(trace);
  }
};

class world_server {
 public:
  world_server(machine& m, int listen_fd, int signal_fd, std::FILE* log)
      : m_(m), listen_fd_(listen_fd), signal_fd_(signal_fd), log_(log) {}
  ~world_server() {
    for (int c : clients_) close(c);
  }
  void run();

 private:
  void accept_client();
  // Reads a client's request and answers it; the client is done either way.
  void take_request(int client);
  // A session for the program whose listener and pidfd are fds[0..1]
  // (fds[2]: where its trace goes); its model pid. The fds are taken.
  result<int> start_session(const world_request& req, const int* fds);

  machine& m_;
  int listen_fd_, signal_fd_;
  std::FILE* log_;
  std::vector<int> clients_;  // connected, request not read yet
  std::vector<std::unique_ptr<session>> sessions_;
  std::vector<served_calls*> world_;  // sessions_' calls, for set_world
};

void world_server::run() {
  std::vector<pollfd> fds;
  std::vector<std::size_t> session_at;  // where each session's fds start
  for (;;) {
    fds.clear();
    session_at.clear();
    fds.push_back({signal_fd_, POLLIN, 0});
    fds.push_back({listen_fd_, POLLIN, 0});
    for (int c : clients_) fds.push_back({c, POLLIN, 0});
    bool answered = false, pending = false;
    for (auto& s : sessions_) {
      session_at.push_back(fds.size());
      s->calls->add_pollfds(fds);
      answered |= s->calls->just_answered();
      pending |= s->calls->has_pending();
      s->calls->clear_answered();
    }
    // As serve_until_exit: look without sleeping for a while after an
    // answer, and every 10 ms while a call waits for the model to change.
    int ready = 0;
    const auto spin_until = std::chrono::steady_clock::now() + served_calls::spin_after_answer;
    while (answered && (ready = poll(fds.data(), fds.size(), 0)) == 0 &&
           std::chrono::steady_clock::now() < spin_until) {
    }
    if (ready == 0) ready = poll(fds.data(), fds.size(), pending ? 10 : -1);
    if (ready < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (fds[0].revents & POLLIN) {  // a signal to stop: taken, so it is not pending after
      signalfd_siginfo info;
      (void)!read(signal_fd_, &info, sizeof(info));
      return;
    }
    // Sessions first: their fds were polled for the sessions there are now.
    std::vector<std::unique_ptr<session>> done;
    for (std::size_t i = 0; i < sessions_.size(); ++i)
      if (!sessions_[i]->calls->step(&fds[session_at[i]])) done.push_back(std::move(sessions_[i]));
    if (!done.empty()) {
      std::erase(sessions_, nullptr);
      world_.clear();
      for (auto& s : sessions_) world_.push_back(s->calls.get());
      done.clear();  // their tasks exit; listeners close
    }
    std::vector<int> readable;
    for (std::size_t i = 0; i < clients_.size(); ++i)
      if (fds[2 + i].revents) readable.push_back(clients_[i]);
    for (int c : readable) {
      std::erase(clients_, c);
      take_request(c);
    }
    if (fds[1].revents & POLLIN) accept_client();
  }
}

void world_server::accept_client() {
  int c = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
  if (c < 0) return;  // gone meanwhile, or out of fds: it may try again
  // Its programs' memory is what the server reads and writes: the same
  // user, or a server that may read anyone's.
  ucred peer{};
  socklen_t len = sizeof(peer);
  if (getsockopt(c, SOL_SOCKET, SO_PEERCRED, &peer, &len) != 0 ||
      (geteuid() != 0 && peer.uid != geteuid())) {
    world_reply r{-EACCES};
    (void)!send(c, &r, sizeof(r), MSG_NOSIGNAL);
    if (log_) std::fprintf(log_, "netns serve: refused a client of uid %u\n", peer.uid);
    close(c);
    return;
  }
  clients_.push_back(c);
}

void world_server::take_request(int client) {
  world_request req;
  int fds[3] = {-1, -1, -1};
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(fds))] = {};
  iovec iov{&req, sizeof(req)};
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof(control);
  const ssize_t n = recvmsg(client, &msg, MSG_CMSG_CLOEXEC | MSG_DONTWAIT);
  std::size_t nfds = 0;
  for (cmsghdr* c = CMSG_FIRSTHDR(&msg); n >= 0 && c; c = CMSG_NXTHDR(&msg, c))
    if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
      nfds = std::min<std::size_t>((c->cmsg_len - CMSG_LEN(0)) / sizeof(int), 3);
      std::memcpy(fds, CMSG_DATA(c), nfds * sizeof(int));
    }
  result<int> started = errc{EINVAL};
  if (n == static_cast<ssize_t>(sizeof(req)) && !(msg.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) &&
      req.magic == world_request::world_magic && nfds == (req.want_trace ? 3u : 2u)) {
    started = start_session(req, fds);
  } else {
    for (std::size_t i = 0; i < nfds; ++i) close(fds[i]);
  }
  world_reply r{started ? *started : -started.error().errnum()};
  (void)!send(client, &r, sizeof(r), MSG_NOSIGNAL);
  close(client);
}

result<int> world_server::start_session(const world_request& req, const int* fds) {
  const int listener = fds[0], pidfd = fds[1];
  auto s = std::make_unique<session>();
  if (req.want_trace) {
    s->trace = fdopen(fds[2], "w");
    if (!s->trace) close(fds[2]);
    else setvbuf(s->trace, nullptr, _IOLBF, 0);
  }
  const pid_t pid = pid_of_pidfd(pidfd);
  if (pid <= 0) {
    close(listener);
    close(pidfd);
    return errc{ESRCH};
  }
  auto calls = served_calls::create(m_, m_.init_task(), listener, s->trace);
  if (!calls) {
    close(listener);
    close(pidfd);
    return calls.error();
  }
  s->calls = std::move(*calls);
  const int model_pid = s->calls->adopt_main(pid, pidfd);
  if (model_pid == 0) return errc{EAGAIN};  // s closes the listener
  s->calls->set_world(&world_);
  world_.push_back(s->calls.get());
  sessions_.push_back(std::move(s));
  return model_pid;
}

sigset_t stop_set() {
  sigset_t stop;
  sigemptyset(&stop);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&stop, sig);
  return stop;
}

// SIGINT, SIGTERM and SIGHUP as a readable fd; the old mask in `old`.
result<int> stop_signals(sigset_t& old) {
  sigset_t stop = stop_set();
  if (pthread_sigmask(SIG_BLOCK, &stop, &old) != 0) return errc{EINVAL};
  int fd = signalfd(-1, &stop, SFD_CLOEXEC);
  if (fd < 0) {
    int e = errno;
    pthread_sigmask(SIG_SETMASK, &old, nullptr);
    return errc{e};
  }
  return fd;
}

}  // namespace
}  // namespace exec_detail

void block_stop_signals() {
  sigset_t stop = exec_detail::stop_set();
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);
}

result<void> serve_world(machine& m, const std::string& socket_path, std::FILE* log) {
  using namespace exec_detail;
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (socket_path.empty() || socket_path.size() >= sizeof(addr.sun_path)) return errc{ENAMETOOLONG};
  std::memcpy(addr.sun_path, socket_path.c_str(), socket_path.size() + 1);
  // A socket nobody answers on is a server's that is gone: replace it.
  if (auto live = connect_world(socket_path)) {
    close(*live);
    return errc{EADDRINUSE};
  } else if (live.error().errnum() == ECONNREFUSED) {
    struct stat st {};
    if (lstat(socket_path.c_str(), &st) == 0 && S_ISSOCK(st.st_mode)) unlink(socket_path.c_str());
  }
  int listen_fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
  if (listen_fd < 0) return errc{errno};
  if (bind(listen_fd, reinterpret_cast<const sockaddr*>(&addr), sizeof(addr)) != 0 ||
      listen(listen_fd, 64) != 0) {
    int e = errno;
    close(listen_fd);
    return errc{e};
  }
  sigset_t old;
  auto sfd = stop_signals(old);
  if (!sfd) {
    close(listen_fd);
    unlink(socket_path.c_str());
    return sfd.error();
  }
  if (log) std::fprintf(log, "netns serve: serving a world at %s\n", socket_path.c_str()), std::fflush(log);
  {
    world_server server(m, listen_fd, *sfd, log);
    server.run();
  }  // the programs still running get ENOSYS from here on
  unlink(socket_path.c_str());
  close(listen_fd);
  close(*sfd);
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
  return {};
}

}  // namespace netns
