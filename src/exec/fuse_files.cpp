// SPDX-License-Identifier: GPL-2.0-only
#include "fuse_files.hpp"

#include <fcntl.h>
#include <linux/fuse.h>
#include <linux/nsfs.h>
#include <poll.h>
#include <sched.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/sysmacros.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <thread>

namespace netns::exec_detail {

bool fstat_cached(int fd, struct stat& st) {
  struct statx sx {};
  if (statx(fd, "", AT_EMPTY_PATH | AT_STATX_DONT_SYNC, STATX_BASIC_STATS, &sx) != 0) return false;
  st = {};
  st.st_dev = makedev(sx.stx_dev_major, sx.stx_dev_minor);
  st.st_ino = sx.stx_ino;
  st.st_mode = sx.stx_mode;
  st.st_nlink = sx.stx_nlink;
  st.st_uid = sx.stx_uid;
  st.st_gid = sx.stx_gid;
  st.st_rdev = makedev(sx.stx_rdev_major, sx.stx_rdev_minor);
  st.st_size = static_cast<off_t>(sx.stx_size);
  return true;
}

int userns_below_ours(pid_t pid) {
  struct stat own {};
  if (stat("/proc/self/ns/user", &own) != 0) return -1;
  const std::string path = "/proc/" + std::to_string(pid) + "/ns/user";
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  for (int depth = 0; fd >= 0 && depth < 33; ++depth) {  // 32 levels at most
    struct stat st {};
    if (fstat(fd, &st) != 0 || st.st_ino == own.st_ino) break;
    const int parent = ioctl(fd, NS_GET_PARENT);
    if (parent < 0) break;
    struct stat up {};
    if (fstat(parent, &up) == 0 && up.st_ino == own.st_ino) {
      close(parent);
      return fd;
    }
    close(fd);
    fd = parent;
  }
  if (fd >= 0) close(fd);
  return -1;
}

namespace {

// Attributes never go stale by time (a year): the supervisor's own looks
// at the files must not make the kernel ask it (see fstat_cached), and
// what the program sees of them (fstat, statx) is the model's, served.
constexpr std::uint64_t attr_valid_seconds = 365ULL * 24 * 3600;
constexpr std::uint64_t root_node = FUSE_ROOT_ID;

fuse_attr attr_of(std::uint64_t node) {
  fuse_attr a{};
  a.ino = node;
  a.mode = node == root_node ? (S_IFDIR | 0500) : (S_IFREG | 0600);
  a.nlink = node == root_node ? 2 : 1;
  a.blksize = 4096;
  return a;  // uid and gid 0: the mounter's own ids, where it mounted
}

// The helper's answer: one byte and two fds (SCM_RIGHTS), /dev/fuse and
// the mount.
struct fd_message {
  char data = 0;
  iovec iov{&data, 1};
  alignas(cmsghdr) char space[CMSG_SPACE(2 * sizeof(int))]{};
  msghdr msg{};
  fd_message() {
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = space;
    msg.msg_controllen = sizeof space;
  }
  fd_message(const fd_message&) = delete;
  fd_message& operator=(const fd_message&) = delete;
};

bool send_fds(int sock, const int (&fds)[2]) {
  fd_message m;
  cmsghdr* c = CMSG_FIRSTHDR(&m.msg);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(sizeof fds);
  std::memcpy(CMSG_DATA(c), fds, sizeof fds);
  return sendmsg(sock, &m.msg, MSG_NOSIGNAL) == 1;
}

bool receive_fds(int sock, int (&fds)[2]) {
  fd_message m;
  if (recvmsg(sock, &m.msg, MSG_CMSG_CLOEXEC) != 1) return false;
  const cmsghdr* c = CMSG_FIRSTHDR(&m.msg);
  if (!c || c->cmsg_type != SCM_RIGHTS || c->cmsg_len != CMSG_LEN(sizeof fds)) return false;
  std::memcpy(fds, CMSG_DATA(c), sizeof fds);
  return true;
}

// n in decimal, into out (16 bytes): snprintf is not async-signal-safe.
void decimal(unsigned n, char* out) {
  char rev[16];
  int len = 0;
  do {
    rev[len++] = static_cast<char>('0' + n % 10);
    n /= 10;
  } while (n && len < 15);
  for (int i = 0; i < len; ++i) out[i] = rev[len - 1 - i];
  out[len] = '\0';
}

}  // namespace

fuse_files::~fuse_files() {
  // Closing /dev/fuse aborts the connection: a program still holding one
  // of its files reads ENOTCONN from then on.
  if (mount_fd_ >= 0) close(mount_fd_);
  if (dev_fd_ >= 0) close(dev_fd_);
}

bool fuse_files::ready(int userns_fd) {
  if (dev_fd_ >= 0) return true;
  if (failed_) return false;
  failed_ = true;
  // A child mounts it: /dev/fuse must be opened in the user namespace the
  // file system is made in (fuse_fill_super compares them), and a user
  // who is not root has CAP_SYS_ADMIN only in the sandbox's. It answers
  // with /dev/fuse, then the mount. Only raw calls in the child: the
  // supervisor has other threads (the model's cleanup worker, RCU).
  int sv[2];
  if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0) return false;
  const pid_t child = fork();
  if (child < 0) {
    close(sv[0]);
    close(sv[1]);
    return false;
  }
  if (child == 0) {
    close(sv[0]);
    if (userns_fd >= 0 && (setns(userns_fd, CLONE_NEWUSER) != 0 || unshare(CLONE_NEWNS) != 0)) _exit(1);
    const int dev = ::open("/dev/fuse", O_RDWR | O_CLOEXEC);
    if (dev < 0) _exit(2);
    char fd_text[16], uid_text[16], gid_text[16];
    decimal(static_cast<unsigned>(dev), fd_text);
    decimal(getuid(), uid_text);
    decimal(getgid(), gid_text);
    const int fs = fsopen("fuse", FSOPEN_CLOEXEC);
    // No allow_other: only processes with our ids may use it, which every
    // process of the program has on the host (its ids change in the model
    // only), and the supervisor too.
    if (fs < 0 || fsconfig(fs, FSCONFIG_SET_STRING, "fd", fd_text, 0) != 0 ||
        fsconfig(fs, FSCONFIG_SET_STRING, "rootmode", "40000", 0) != 0 ||
        fsconfig(fs, FSCONFIG_SET_STRING, "user_id", uid_text, 0) != 0 ||
        fsconfig(fs, FSCONFIG_SET_STRING, "group_id", gid_text, 0) != 0 ||
        fsconfig(fs, FSCONFIG_CMD_CREATE, nullptr, nullptr, 0) != 0)
      _exit(3);
    const int mnt = fsmount(fs, FSMOUNT_CLOEXEC, MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC);
    const int both[2] = {dev, mnt};
    if (mnt < 0 || !send_fds(sv[1], both)) _exit(4);
    _exit(0);
  }
  close(sv[1]);
  int both[2] = {-1, -1};
  (void)receive_fds(sv[0], both);
  const int dev = both[0], mnt = both[1];
  close(sv[0]);
  int status = 0;
  while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  struct stat st {};
  if (mnt < 0 || !fstat_cached(mnt, st)) {
    if (dev >= 0) close(dev);
    if (mnt >= 0) close(mnt);
    return false;
  }
  fcntl(dev, F_SETFL, O_NONBLOCK);
  dev_fd_ = dev;
  mount_fd_ = mnt;
  dev_ = st.st_dev;
  failed_ = false;
  // A request is at most a write's data and its headers; the kernel wants
  // room for that, and at least FUSE_MIN_READ_BUFFER.
  buf_.resize(max_write + 8192);
  return true;
}

bool fuse_files::read_request(std::vector<char>& into) {
  for (;;) {
    const ssize_t n = read(dev_fd_, buf_.data(), buf_.size());
    if (n >= static_cast<ssize_t>(sizeof(fuse_in_header))) {
      into.assign(buf_.data(), buf_.data() + n);
      return true;
    }
    // ENOENT: a request interrupted before it was read; try the next.
    if (n < 0 && errno == ENOENT) continue;
    return false;  // EAGAIN: none waiting; ENODEV: unmounted
  }
}

void fuse_files::reply(std::uint64_t unique, int err, const void* body, std::size_t len) {
  fuse_out_header out{};
  out.unique = unique;
  out.error = -err;
  iovec iov[2] = {{&out, sizeof out}, {const_cast<void*>(body), err ? 0 : len}};
  out.len = static_cast<std::uint32_t>(sizeof out + iov[1].iov_len);
  // ENOENT: the request was interrupted and is gone.
  (void)!writev(dev_fd_, iov, err || !len ? 1 : 2);
}

void fuse_files::serve() {
  if (dev_fd_ < 0) return;
  while (!deferred_.empty()) {
    std::vector<char> req = std::move(deferred_.front());
    deferred_.pop_front();
    handle(req, true);
  }
  std::vector<char> req;
  while (read_request(req)) handle(req, true);
}

void fuse_files::handle(const std::vector<char>& req, bool model_ok) {
  fuse_in_header in{};
  std::memcpy(&in, req.data(), sizeof in);
  const char* arg = req.data() + sizeof in;
  const std::size_t arg_len = req.size() - sizeof in;
  switch (in.opcode) {
    case FUSE_INIT: {
      fuse_init_in init{};
      std::memcpy(&init, arg, std::min(arg_len, sizeof init));
      fuse_init_out out{};
      out.major = FUSE_KERNEL_VERSION;
      out.minor = FUSE_KERNEL_MINOR_VERSION;
      out.max_readahead = init.max_readahead;
      out.max_write = max_write;
      out.max_background = 16;
      out.congestion_threshold = 12;
      out.time_gran = 1;
      reply(in.unique, 0, &out, sizeof out);
      return;
    }
    case FUSE_LOOKUP: {
      // The names are the nodes open() made, in decimal.
      const std::string name(arg, strnlen(arg, arg_len));
      std::uint64_t node = 0;
      for (char c : name) node = c >= '0' && c <= '9' && node < (1ULL << 59) ? node * 10 + static_cast<unsigned>(c - '0') : 0;
      if (in.nodeid != root_node || !named_.count(node)) return reply(in.unique, ENOENT);
      fuse_entry_out out{};
      out.nodeid = node;
      out.generation = 1;
      out.attr_valid = attr_valid_seconds;
      out.attr = attr_of(node);
      reply(in.unique, 0, &out, sizeof out);
      return;
    }
    case FUSE_GETATTR:
    case FUSE_SETATTR: {
      // SETATTR: a truncate of the program's (the model's file ignores
      // it, as a sysctl does).
      fuse_attr_out out{};
      out.attr_valid = attr_valid_seconds;
      out.attr = attr_of(in.nodeid);
      reply(in.unique, 0, &out, sizeof out);
      return;
    }
    case FUSE_OPEN: {
      if (!named_.count(in.nodeid)) return reply(in.unique, ENOENT);
      fuse_open_out out{};
      out.fh = in.nodeid;
      // Every read and write comes here at its offset (no page cache);
      // a close sends nothing until the last one (RELEASE).
      out.open_flags = FOPEN_DIRECT_IO | FOPEN_NOFLUSH;
      reply(in.unique, 0, &out, sizeof out);
      return;
    }
    case FUSE_OPENDIR:
      if (in.nodeid != root_node) return reply(in.unique, ENOTDIR);
      {
        fuse_open_out out{};
        reply(in.unique, 0, &out, sizeof out);
      }
      return;
    case FUSE_READ:
    case FUSE_WRITE:
    case FUSE_RELEASE:
      if (!model_ok) {
        deferred_.push_back(req);
        return;
      }
      break;
    case FUSE_FLUSH:
    case FUSE_FSYNC:
    case FUSE_RELEASEDIR:
      return reply(in.unique, 0);
    case FUSE_STATFS: {
      fuse_statfs_out out{};
      out.st.bsize = 4096;
      out.st.frsize = 4096;
      out.st.namelen = 255;
      reply(in.unique, 0, &out, sizeof out);
      return;
    }
    case FUSE_FORGET:
    case FUSE_BATCH_FORGET:
    case FUSE_INTERRUPT:  // every request is answered at once
    case FUSE_DESTROY:
      return;  // no answer expected
    default:
      return reply(in.unique, ENOSYS);
  }
  switch (in.opcode) {
    case FUSE_READ: {
      fuse_read_in r{};
      std::memcpy(&r, arg, std::min(arg_len, sizeof r));
      auto data = ops_.read(r.fh, r.offset, r.size);
      if (!data) return reply(in.unique, data.error().errnum());
      if (data->size() > r.size) data->resize(r.size);
      reply(in.unique, 0, data->data(), data->size());
      return;
    }
    case FUSE_WRITE: {
      fuse_write_in w{};
      std::memcpy(&w, arg, std::min(arg_len, sizeof w));
      const std::size_t have = arg_len > sizeof w ? arg_len - sizeof w : 0;
      auto taken = ops_.write(w.fh, w.offset, std::string_view(arg + sizeof w, std::min<std::size_t>(have, w.size)));
      if (!taken) return reply(in.unique, taken.error().errnum());
      fuse_write_out out{};
      out.size = static_cast<std::uint32_t>(*taken);
      reply(in.unique, 0, &out, sizeof out);
      return;
    }
    case FUSE_RELEASE: {
      fuse_release_in r{};
      std::memcpy(&r, arg, std::min(arg_len, sizeof r));
      named_.erase(r.fh);
      reply(in.unique, 0);
      ops_.release(r.fh);
      return;
    }
    default:
      return;
  }
}

result<std::pair<int, std::uint64_t>> fuse_files::open(int flags) {
  if (dev_fd_ < 0) return errc{ENODEV};
  const std::uint64_t node = next_node_++;
  named_.insert(node);
  const std::string name = std::to_string(node);
  const int done = eventfd(0, EFD_CLOEXEC);
  if (done < 0) {
    named_.erase(node);
    return errc{errno};
  }
  // The open waits for our answers (lookup, open; the mount's first
  // request, init): it runs on a thread of its own while this one answers,
  // keeping what needs the model (another file's read, say) for serve().
  int fd = -1;
  int err = 0;
  std::thread opener([&] {
    fd = openat(mount_fd_, name.c_str(), (flags & (O_ACCMODE | O_APPEND)) | O_CLOEXEC | O_NOFOLLOW);
    err = errno;
    const std::uint64_t one = 1;
    (void)!write(done, &one, sizeof one);
  });
  std::vector<char> req;
  for (;;) {
    pollfd fds[2] = {{done, POLLIN, 0}, {dev_fd_, POLLIN, 0}};
    if (poll(fds, 2, -1) < 0 && errno != EINTR) break;
    if (fds[1].revents & (POLLERR | POLLHUP)) break;  // the connection went: the open fails too
    if (fds[1].revents & POLLIN)
      while (read_request(req)) handle(req, false);
    if (fds[0].revents & POLLIN) break;
  }
  opener.join();
  close(done);
  if (fd < 0) {
    named_.erase(node);
    return errc{err ? err : EIO};
  }
  return std::pair<int, std::uint64_t>{fd, node};
}

}  // namespace netns::exec_detail
