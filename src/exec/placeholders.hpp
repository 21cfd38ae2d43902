// SPDX-License-Identifier: GPL-2.0-only
// Model files held by a supervised program, as real fds: each is one end of
// an AF_UNIX socketpair whose other end the supervisor keeps (for a
// namespace file, a listening socket and the supervisor's connection to
// it, so that reads are EINVAL as on nsfs). dup, fork, SCM_RIGHTS and
// close-on-exec then work as on any fd; when the program's last copy
// closes, the supervisor's end reads as hung up and the model's file is
// dropped. A generated file opened read-only (/proc/net/dev, a sysctl,
// /proc/self/status, a file of the model's /run) is instead a read-only
// open of a memfd holding its text, so that lseek works natively (GNU head
// seeks back after reading); its last close is seen through inotify
// (IN_CLOSE_NOWRITE comes when the open file is released). Where the
// supervisor has its FUSE file system (fuse_files.hpp), a generated file
// opened for writing, or a sysctl, is a file of it instead, whose reads
// and writes are requests to the supervisor.
#pragma once

#include <poll.h>
#include <sys/types.h>

#include <map>
#include <optional>
#include <utility>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "netns/base/result.hpp"
#include "fuse_files.hpp"
#include "netns/fs/inode.hpp"

namespace netns::exec_detail {

// One open model file (the kernel's struct file): what every fd the
// program has on it shares, the directory position included.
struct placeholder {
  fs::file_ptr file;
  // getdents64 on a directory: the entries as listed at the first call
  // (".", "..", then the names) and how far the program has read.
  struct dirent_info {
    std::string name;
    std::uint64_t ino;
    unsigned char type;  // DT_*
  };
  std::vector<dirent_info> listing;
  bool listed = false;
  std::size_t pos = 0;
  // The fd numbers it was given in the program (where the model tasks
  // have it too): where to look for their copies when it goes.
  std::vector<int> numbers;
  // A generated procfs file opened for writing: its writes are the model's.
  bool writable = false;
  // A memfd with the file's text: lseek is native but for SEEK_END,
  // SEEK_DATA and SEEK_HOLE, which depend on the model's file (see do_lseek).
  bool seekable = false;
  // A file of the supervisor's FUSE file system (its node there): reads
  // and writes come as its requests.
  std::uint64_t fuse_node = 0;
  // A model netlink socket: the pair is SOCK_SEQPACKET and not shut. While
  // the model's socket has a datagram queued, the supervisor keeps a copy
  // of the first one in the pair (`ready`), none otherwise: poll, select
  // and epoll on the program's end then say what the kernel's would, and a
  // read(2), which is not notified, reads that datagram (truncated to its
  // buffer, as netlink does). What the program writes natively are
  // requests. `stale`: a served recv took the datagram the copy is of.
  bool netlink = false;
  bool ready = false;
  bool stale = false;
};

class placeholder_table {
 public:
  placeholder_table() = default;
  ~placeholder_table();
  placeholder_table(const placeholder_table&) = delete;
  placeholder_table& operator=(const placeholder_table&) = delete;

  // A placeholder for `file`: the end to hand to the program (the caller
  // closes its copy once it is sent) and the entry, or the socketpair's
  // errno. `content` is what the program reads from it, then end of file
  // (at most what a socket buffer holds, about 200 KiB; the rest is cut).
  // A writable one's writes are the model's: notified ones are served, and
  // what reaches the pair natively (a write to fd 0, 1 or 2, which are not
  // notified: a shell's `echo 1 > FILE`) comes out of take_written; a
  // write-only one keeps each write's boundaries (SOCK_SEQPACKET).
  // `seekable` (a read-only generated file): a memfd holding all of
  // `content` instead of a socket (a socket still where no memfd or
  // inotify watch can be had).
  result<std::pair<int, placeholder*>> create(fs::file_ptr file, std::string_view content = {},
                                              bool writable = false, bool seekable = false,
                                              bool netlink = false);
  // Once a namespace file's placeholder has been handed out, makes the
  // next one ahead of need (its four socket calls then cost the next open
  // of a namespace file nothing): for the supervisor to call after it has
  // answered.
  void make_spare();
  // The netlink placeholders, and whether there are any (the supervisor
  // then looks at them every 10 ms: for multicasts from elsewhere, and for
  // a copy the program has read).
  std::vector<placeholder*> netlink_sockets();
  bool any_netlink() const { return netlink_ > 0; }
  // A netlink placeholder's copy of the head datagram (see placeholder):
  // put in the pair from the kept end; whether the program has read it
  // natively (nothing of it left unread: SIOCOUTQ of the kept end); gone
  // with that read (forget_copy); taken back, through a copy of the
  // program's fd `fd` of the process `pidfd`, when it went stale.
  void put_copy(placeholder& open_file, std::span<const std::uint8_t> datagram);
  bool copy_read(const placeholder& open_file) const;
  void forget_copy(placeholder& open_file) { open_file.ready = open_file.stale = false; }
  void take_back_copy(placeholder& open_file, int pidfd, int fd);
  // A placeholder that is a file of `fuse`, opened with `flags` (its
  // access mode, O_APPEND): reads and writes reach the model's file at
  // their offsets (by_node), its last close comes as release_node.
  result<std::pair<int, placeholder*>> create_fuse(fs::file_ptr file, fuse_files& fuse, int flags);
  placeholder* by_node(std::uint64_t node);
  // The FUSE file `node` was released: its entry, gone from the table.
  std::optional<placeholder> release_node(std::uint64_t node);
  // Whether any placeholder is writable (most writes need no lookup).
  bool any_writable() const { return writable_ > 0; }
  // What the program wrote natively to the writable placeholders among
  // `polled` that are readable, one entry per write where kept.
  std::vector<std::pair<placeholder*, std::string>> take_written(const std::vector<pollfd>& polled);
  // The model file behind fd `fd` of the process `pidfd` refers to, or
  // nullptr when that fd is not a placeholder (or not open: the host's
  // call will say EBADF).
  placeholder* lookup(int pidfd, int fd);

  // The kept ends (and the inotify fd of the seekable ones), to poll for
  // hang-ups; then drop_hung_up with the result.
  void add_pollfds(std::vector<pollfd>& fds) const;
  // Drops the entries whose kept end hung up; returns them.
  std::vector<placeholder> drop_hung_up(const std::vector<pollfd>& polled);
  std::size_t size() const { return by_ino_.size(); }

 private:
  // The program end's device and inode: a socket's, or a memfd's (two
  // file systems, whose inode numbers may meet).
  using key = std::pair<dev_t, ino_t>;
  struct entry {
    placeholder open_file;
    int kept_fd;  // -1 for a seekable one
  };
  result<std::pair<int, key>> make_memfd(std::string_view content);
  // A namespace file's placeholder, its kept end shut for writing.
  struct ns_pair {
    int kept = -1, program = -1;
    key k{};
  };
  result<ns_pair> make_ns_pair();
  std::optional<ns_pair> spare_ns_;
  bool ns_files_made_ = false;
  std::map<key, entry> by_ino_;
  std::map<int, key> by_kept_fd_;
  std::map<int, key> by_watch_;  // the seekable ones, by inotify watch
  std::map<std::uint64_t, key> by_node_;  // the FUSE ones
  int notify_fd_ = -1;
  std::size_t writable_ = 0;
  std::size_t netlink_ = 0;
  int kept_fd_of(const placeholder& open_file) const;
};

}  // namespace netns::exec_detail
