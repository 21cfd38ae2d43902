// SPDX-License-Identifier: GPL-2.0-only
#include "placeholders.hpp"

#include <fcntl.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <linux/sockios.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <string>

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
  if (spare_ns_) {
    close(spare_ns_->kept);
    close(spare_ns_->program);
  }
  if (notify_fd_ >= 0) close(notify_fd_);
}

result<std::pair<int, placeholder_table::key>> placeholder_table::make_memfd(std::string_view content) {
  if (notify_fd_ < 0 && (notify_fd_ = inotify_init1(IN_CLOEXEC | IN_NONBLOCK)) < 0) return errc{errno};
  const int mem = memfd_create("netns-placeholder", MFD_CLOEXEC);
  if (mem < 0) return errc{errno};
  int prog = -1;
  int e = 0;
  for (std::size_t done = 0; done < content.size();) {
    const ssize_t n = ::write(mem, content.data() + done, content.size() - done);
    if (n < 0) {
      e = errno;
      break;
    }
    done += static_cast<std::size_t>(n);
  }
  // The program gets a fresh read-only open of it, not the memfd itself:
  // memfd_create's own open file sends no inotify events (and could be
  // written), a reopen through /proc is an ordinary open that does.
  const std::string self = "/proc/self/fd/" + std::to_string(mem);
  if (!e && (prog = ::open(self.c_str(), O_RDONLY | O_CLOEXEC)) < 0) e = errno;
  close(mem);
  struct stat st {};
  int wd = -1;
  if (!e) {
    const std::string reopened = "/proc/self/fd/" + std::to_string(prog);
    if (fstat(prog, &st) != 0 || (wd = inotify_add_watch(notify_fd_, reopened.c_str(), IN_CLOSE)) < 0)
      e = errno;
  }
  if (e) {
    if (prog >= 0) close(prog);
    return errc{e};
  }
  // The last close of the program's copies is the only close the watch
  // sees: the supervisor's copies (this one once sent, pidfd_getfd's) share
  // the open file and never release it.
  by_watch_[wd] = key{st.st_dev, st.st_ino};
  return std::pair<int, key>{prog, key{st.st_dev, st.st_ino}};
}

result<placeholder_table::ns_pair> placeholder_table::make_ns_pair() {
  auto made = listening_pair();
  if (!made) return made.error();
  struct stat st {};
  if (fstat(made->second, &st) != 0) {
    const int e = errno;
    close(made->first);
    close(made->second);
    return errc{e};
  }
  // Nothing is sent on it: a program that reads it gets EINVAL, not a wait.
  shutdown(made->first, SHUT_WR);
  return ns_pair{made->first, made->second, key{st.st_dev, st.st_ino}};
}

void placeholder_table::make_spare() {
  if (spare_ns_ || !ns_files_made_) return;
  if (auto made = make_ns_pair()) spare_ns_ = *made;
}

result<std::pair<int, placeholder*>> placeholder_table::create(fs::file_ptr file,
                                                              std::string_view content,
                                                              bool writable, bool seekable, bool netlink) {
  if (seekable && !writable) {
    // Out of inotify watches (max_user_watches) or memfds: a socket as
    // below still reads the same, only without lseek.
    if (auto made = make_memfd(content)) {
      auto [it, added] = by_ino_.emplace(made->second, entry{placeholder{std::move(file)}, -1});
      it->second.open_file.seekable = true;
      return std::pair<int, placeholder*>{made->first, &it->second.open_file};
    }
  }
  if (file->node()->is_ns_file()) {
    // The spare made after the last one was handed out (make_spare), or a
    // new one: the socket calls are then off the path of the open.
    ns_pair pair;
    if (spare_ns_) {
      pair = *spare_ns_;
      spare_ns_.reset();
    } else if (auto made = make_ns_pair()) {
      pair = *made;
    } else {
      return made.error();
    }
    ns_files_made_ = true;
    by_ino_.emplace(pair.k, entry{placeholder{std::move(file)}, pair.kept});
    by_kept_fd_.emplace(pair.kept, pair.k);
    return std::pair<int, placeholder*>{pair.program, &by_ino_.at(pair.k).open_file};
  }
  int sv[2];
  const int type = netlink || (writable && content.empty()) ? SOCK_SEQPACKET : SOCK_STREAM;
  if (socketpair(AF_UNIX, type | SOCK_CLOEXEC, 0, sv) != 0) return errc{errno};
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
  // A netlink socket's stays open for its readiness packet.
  if (!netlink) shutdown(sv[0], SHUT_WR);
  const key k{st.st_dev, st.st_ino};
  auto [it, added] = by_ino_.emplace(k, entry{placeholder{std::move(file)}, sv[0]});
  by_kept_fd_.emplace(sv[0], k);
  if (netlink) {
    it->second.open_file.netlink = true;
    ++netlink_;
  }
  if (writable) {
    it->second.open_file.writable = true;
    ++writable_;
  }
  return std::pair<int, placeholder*>{sv[1], &it->second.open_file};
}

result<std::pair<int, placeholder*>> placeholder_table::create_fuse(fs::file_ptr file, fuse_files& fuse,
                                                                   int flags) {
  auto made = fuse.open(flags);
  if (!made) return made.error();
  // Its inode number is its node (what lookup's fstat finds).
  const key k{fuse.dev(), static_cast<ino_t>(made->second)};
  auto [it, added] = by_ino_.emplace(k, entry{placeholder{std::move(file)}, -1});
  // lseek's SEEK_END, SEEK_DATA and SEEK_HOLE are the model file's (the
  // FUSE file's size is 0); its writes reach us natively, with their errno.
  it->second.open_file.seekable = true;
  it->second.open_file.fuse_node = made->second;
  by_node_[made->second] = k;
  return std::pair<int, placeholder*>{made->first, &it->second.open_file};
}

placeholder* placeholder_table::by_node(std::uint64_t node) {
  auto n = by_node_.find(node);
  if (n == by_node_.end()) return nullptr;
  auto it = by_ino_.find(n->second);
  return it == by_ino_.end() ? nullptr : &it->second.open_file;
}

std::optional<placeholder> placeholder_table::release_node(std::uint64_t node) {
  auto n = by_node_.find(node);
  if (n == by_node_.end()) return std::nullopt;
  std::optional<placeholder> gone;
  if (auto it = by_ino_.find(n->second); it != by_ino_.end()) {
    gone = std::move(it->second.open_file);
    by_ino_.erase(it);
  }
  by_node_.erase(n);
  return gone;
}

std::vector<placeholder*> placeholder_table::netlink_sockets() {
  std::vector<placeholder*> out;
  for (auto& [k, e] : by_ino_)
    if (e.open_file.netlink) out.push_back(&e.open_file);
  return out;
}

int placeholder_table::kept_fd_of(const placeholder& open_file) const {
  auto e = std::find_if(by_ino_.begin(), by_ino_.end(), [&](auto& kv) { return &kv.second.open_file == &open_file; });
  return e == by_ino_.end() ? -1 : e->second.kept_fd;
}

void placeholder_table::put_copy(placeholder& open_file, std::span<const std::uint8_t> datagram) {
  if (!open_file.netlink || open_file.ready) return;
  const int kept = kept_fd_of(open_file);
  if (kept < 0) return;
  // The pair's buffer takes any datagram the model makes (a dump part is
  // at most 32 KiB; a send buffer's default is 208 KiB).
  if (send(kept, datagram.data(), datagram.size(), MSG_DONTWAIT | MSG_NOSIGNAL) != static_cast<ssize_t>(datagram.size()))
    return;
  open_file.ready = true;
  open_file.stale = false;
}

bool placeholder_table::copy_read(const placeholder& open_file) const {
  if (!open_file.ready) return false;
  const int kept = kept_fd_of(open_file);
  int unread = 0;
  return kept >= 0 && ioctl(kept, SIOCOUTQ, &unread) == 0 && unread == 0;
}

void placeholder_table::take_back_copy(placeholder& open_file, int pidfd, int fd) {
  if (!open_file.ready) return;
  // The packet is on the program's side: taken back through a copy of its
  // fd (the same open file).
  const long copy = syscall(SYS_pidfd_getfd, pidfd, fd, 0);
  if (copy < 0) return;
  char c;
  (void)!recv(static_cast<int>(copy), &c, 1, MSG_DONTWAIT | MSG_TRUNC);
  close(static_cast<int>(copy));
  open_file.ready = false;
  open_file.stale = false;
}

std::vector<std::pair<placeholder*, std::string>> placeholder_table::take_written(
    const std::vector<pollfd>& polled) {
  std::vector<std::pair<placeholder*, std::string>> out;
  for (const pollfd& p : polled) {
    if (!(p.revents & POLLIN)) continue;
    auto it = by_kept_fd_.find(p.fd);
    if (it == by_kept_fd_.end()) continue;
    auto e = by_ino_.find(it->second);
    if (e == by_ino_.end() || !(e->second.open_file.writable || e->second.open_file.netlink)) continue;
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
  const bool ok = fstat_cached(static_cast<int>(copy), st);
  close(static_cast<int>(copy));
  if (!ok || !(S_ISSOCK(st.st_mode) || S_ISREG(st.st_mode))) return nullptr;
  auto it = by_ino_.find(key{st.st_dev, st.st_ino});
  return it == by_ino_.end() ? nullptr : &it->second.open_file;
}

void placeholder_table::add_pollfds(std::vector<pollfd>& fds) const {
  for (const auto& [fd, ino] : by_kept_fd_) {
    auto e = by_ino_.find(ino);
    const bool writable = e != by_ino_.end() && (e->second.open_file.writable || e->second.open_file.netlink);
    fds.push_back({fd, static_cast<short>(POLLRDHUP | (writable ? POLLIN : 0)), 0});
  }
  if (!by_watch_.empty()) fds.push_back({notify_fd_, POLLIN, 0});
}

std::vector<placeholder> placeholder_table::drop_hung_up(const std::vector<pollfd>& polled) {
  std::vector<placeholder> dropped;
  for (const pollfd& p : polled) {
    if (p.fd == notify_fd_ && (p.revents & POLLIN)) {
      alignas(inotify_event) char buf[4096];
      for (ssize_t n; (n = read(notify_fd_, buf, sizeof buf)) > 0;) {
        for (ssize_t at = 0; at < n;) {
          const auto* ev = reinterpret_cast<const inotify_event*>(buf + at);
          at += static_cast<ssize_t>(sizeof(inotify_event) + ev->len);
          auto w = by_watch_.find(ev->wd);
          if (w == by_watch_.end() || !(ev->mask & IN_CLOSE)) continue;
          if (auto e = by_ino_.find(w->second); e != by_ino_.end()) {
            dropped.push_back(std::move(e->second.open_file));
            by_ino_.erase(e);
          }
          inotify_rm_watch(notify_fd_, ev->wd);  // its IN_IGNORED finds no entry
          by_watch_.erase(w);
        }
      }
      continue;
    }
    if (!(p.revents & (POLLHUP | POLLRDHUP))) continue;
    auto it = by_kept_fd_.find(p.fd);
    if (it == by_kept_fd_.end()) continue;
    auto e = by_ino_.find(it->second);
    if (e != by_ino_.end()) {
      if (e->second.open_file.writable) --writable_;
      if (e->second.open_file.netlink) --netlink_;
      dropped.push_back(std::move(e->second.open_file));
      by_ino_.erase(e);
    }
    close(p.fd);
    by_kept_fd_.erase(it);
  }
  return dropped;
}

}  // namespace netns::exec_detail
