// SPDX-License-Identifier: GPL-2.0-only
#include "placeholders.hpp"

#include <sys/socket.h>
#include <sys/un.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace netns::exec_detail {

namespace {

// The placeholder of a namespace file, which read(2) answers with EINVAL
// as nsfs does: a listening AF_UNIX stream socket (not connected, so its
// reads are EINVAL) for the program, and the supervisor's connection to it
// as the kept end, which hangs up when the program's last copy closes (the
// listener's pending connection goes with it). {kept, program's}.
result<std::pair<int, int>> listening_pair() {
  int lsn = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (lsn < 0) return errc{errno};
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  socklen_t len = sizeof(sa_family_t);  // autobind: an abstract name of the kernel's choice
  int kept = -1;
  if (bind(lsn, reinterpret_cast<sockaddr*>(&addr), len) == 0 && listen(lsn, 1) == 0 &&
      (len = sizeof addr, getsockname(lsn, reinterpret_cast<sockaddr*>(&addr), &len)) == 0 &&
      (kept = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) >= 0 &&
      connect(kept, reinterpret_cast<sockaddr*>(&addr), len) == 0)
    return std::pair<int, int>{kept, lsn};
  const int e = errno;
  if (kept >= 0) close(kept);
  close(lsn);
  return errc{e};
}

}  // namespace

placeholder_table::~placeholder_table() {
  for (auto& [fd, ino] : by_kept_fd_) close(fd);
}

result<std::pair<int, placeholder*>> placeholder_table::create(fs::file_ptr file,
                                                              std::string_view content,
                                                              bool writable) {
  int sv[2];
  const int type = writable && content.empty() ? SOCK_SEQPACKET : SOCK_STREAM;
  if (file->node()->is_ns_file()) {
    auto made = listening_pair();
    if (!made) return made.error();
    sv[0] = made->first;
    sv[1] = made->second;
  } else if (socketpair(AF_UNIX, type | SOCK_CLOEXEC, 0, sv) != 0) {
    return errc{errno};
  }
  if (!content.empty()) {
    // Never block on a program that does not read: what does not fit goes.
    int size = static_cast<int>(std::min<std::size_t>(content.size() * 2 + 4096, 1 << 20));
    setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &size, sizeof(size));
    (void)!send(sv[0], content.data(), content.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
  }
  struct stat st {};
  if (fstat(sv[1], &st) != 0) {
    int e = errno;
    close(sv[0]);
    close(sv[1]);
    return errc{e};
  }
  // Nothing more is sent on the pair: shutting our sending side tells a
  // program that reads a placeholder "end of file" rather than blocking.
  shutdown(sv[0], SHUT_WR);
  auto [it, added] = by_ino_.emplace(st.st_ino, entry{placeholder{std::move(file)}, sv[0]});
  by_kept_fd_.emplace(sv[0], st.st_ino);
  if (writable) {
    it->second.open_file.writable = true;
    ++writable_;
  }
  return std::pair<int, placeholder*>{sv[1], &it->second.open_file};
}

std::vector<std::pair<placeholder*, std::string>> placeholder_table::take_written(
    const std::vector<pollfd>& polled) {
  std::vector<std::pair<placeholder*, std::string>> out;
  for (const pollfd& p : polled) {
    if (!(p.revents & POLLIN)) continue;
    auto it = by_kept_fd_.find(p.fd);
    if (it == by_kept_fd_.end()) continue;
    auto e = by_ino_.find(it->second);
    if (e == by_ino_.end() || !e->second.open_file.writable) continue;
    char buf[65536];
    ssize_t n;
    while ((n = recv(p.fd, buf, sizeof(buf), MSG_DONTWAIT)) > 0)
      out.emplace_back(&e->second.open_file, std::string(buf, static_cast<std::size_t>(n)));
  }
  return out;
}

placeholder* placeholder_table::lookup(int pidfd, int fd) {
  if (fd < 0 || by_ino_.empty()) return nullptr;
  long copy = syscall(SYS_pidfd_getfd, pidfd, fd, 0);
  if (copy < 0) return nullptr;
  struct stat st {};
  const bool ok = fstat(static_cast<int>(copy), &st) == 0;
  close(static_cast<int>(copy));
  if (!ok || !S_ISSOCK(st.st_mode)) return nullptr;
  auto it = by_ino_.find(st.st_ino);
  return it == by_ino_.end() ? nullptr : &it->second.open_file;
}

void placeholder_table::add_pollfds(std::vector<pollfd>& fds) const {
  for (const auto& [fd, ino] : by_kept_fd_) {
    auto e = by_ino_.find(ino);
    const bool writable = e != by_ino_.end() && e->second.open_file.writable;
    fds.push_back({fd, static_cast<short>(POLLRDHUP | (writable ? POLLIN : 0)), 0});
  }
}

std::vector<placeholder> placeholder_table::drop_hung_up(const std::vector<pollfd>& polled) {
  std::vector<placeholder> dropped;
  for (const pollfd& p : polled) {
    if (!(p.revents & (POLLHUP | POLLRDHUP))) continue;
    auto it = by_kept_fd_.find(p.fd);
    if (it == by_kept_fd_.end()) continue;
    auto e = by_ino_.find(it->second);
    if (e != by_ino_.end()) {
      if (e->second.open_file.writable) --writable_;
      dropped.push_back(std::move(e->second.open_file));
      by_ino_.erase(e);
    }
    close(p.fd);
    by_kept_fd_.erase(it);
  }
  return dropped;
}

}  // namespace netns::exec_detail
