// SPDX-License-Identifier: GPL-2.0-only
// Model files as FUSE files: a FUSE file system of the supervisor's own,
// never mounted where the program could see it (a detached mount, fsmount
// without move_mount), whose every read and write is a request the
// supervisor answers from the model's file. What a placeholder socket or
// memfd cannot do, a FUSE file does: each read comes with its offset (a
// sysctl read past offset 0 is end of file, as proc_dointvec says), and
// each write's errno reaches the writer, whatever fd it writes at (a
// shell's `echo BAD > /proc/sys/...` writes at fd 1, which the seccomp
// filter never notifies).
//
// It needs /dev/fuse, which the program's user namespace must be able to
// open (a user who is not root mounts it in the sandbox's user namespace,
// the one the program starts in, so that allow_other lets every process of
// the program in), and FUSE's FS_USERNS_MOUNT; where either is missing,
// ready() says so once and the placeholders are the sockets and memfds of
// placeholders.hpp.
//
// One thread serves it, the supervisor's: nothing of ours may wait on a
// FUSE file (fstat of one goes through fstat_cached, files are opened
// FOPEN_NOFLUSH so that closing our copies sends nothing), except open(),
// which opens on a short-lived thread while this one answers.
#pragma once

#include <sys/stat.h>
#include <sys/types.h>

#include <cstdint>
#include <deque>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "netns/base/result.hpp"

namespace netns::exec_detail {

// fstat that never asks a FUSE server (statx with AT_STATX_DONT_SYNC): the
// supervisor's look at a program's fd must not wait for itself.
bool fstat_cached(int fd, struct stat& st);

// The user namespace `pid` is in, or its ancestor that is a child of ours
// (the sandbox's, for a program that made more below it), as an fd; -1
// when pid's is ours (root's sandbox has none) or cannot be opened.
int userns_below_ours(pid_t pid);

class fuse_files {
 public:
  // What the supervisor does with a file's requests; node is what open()
  // returned. read: at most `size` bytes at `offset`, or an errno; write:
  // how many bytes were taken, or an errno; release: the last close.
  struct ops {
    std::function<result<std::string>(std::uint64_t node, std::uint64_t offset, std::uint32_t size)> read;
    std::function<result<std::size_t>(std::uint64_t node, std::uint64_t offset, std::string_view data)> write;
    std::function<void(std::uint64_t node)> release;
  };

  explicit fuse_files(ops o) : ops_(std::move(o)) {}
  ~fuse_files();
  fuse_files(const fuse_files&) = delete;
  fuse_files& operator=(const fuse_files&) = delete;

  // Mounts it the first time (in the user namespace userns_fd names, -1
  // for ours); false when it cannot be had here, remembered.
  bool ready(int userns_fd);
  bool unavailable() const { return failed_; }
  // A new file, open with `flags` (O_ACCMODE and O_APPEND count): our fd
  // on it and its node (also its st_ino).
  result<std::pair<int, std::uint64_t>> open(int flags);
  dev_t dev() const { return dev_; }
  // /dev/fuse, to poll for requests (-1 until mounted).
  int fd() const { return dev_fd_; }
  // Answers every request waiting, and those open() kept.
  void serve();
  bool has_deferred() const { return !deferred_.empty(); }

  // The largest write in one request; a longer one comes in pieces.
  static constexpr std::uint32_t max_write = 128 * 1024;

 private:
  // One request: answered now (lookup, attributes, open) or, while open()
  // waits for its own file, kept for serve() when it needs the model.
  void handle(const std::vector<char>& req, bool model_ok);
  void reply(std::uint64_t unique, int err, const void* body = nullptr, std::size_t len = 0);
  bool read_request(std::vector<char>& into);

  ops ops_;
  int dev_fd_ = -1;
  int mount_fd_ = -1;
  dev_t dev_ = 0;
  bool failed_ = false;
  std::uint64_t next_node_ = 2;  // 1 is the root
  std::set<std::uint64_t> named_;  // files open() made, found by lookup until released
  std::deque<std::vector<char>> deferred_;
  std::vector<char> buf_;
};

}  // namespace netns::exec_detail
