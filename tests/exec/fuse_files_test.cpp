// SPDX-License-Identifier: GPL-2.0-only
// The supervisor's FUSE file system: each read and write reaches the
// callbacks at its offset, a write's errno is the writer's, the last close
// is a release, and the supervisor's own look at a file (fstat_cached)
// never waits on itself. Skipped where /dev/fuse cannot be had (not root,
// /dev/fuse closed to this user).
#include "fuse_files.hpp"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

using netns::errc;
using netns::result;
using netns::exec_detail::fstat_cached;
using netns::exec_detail::fuse_files;

namespace {

// A file of three lines of text ("a file that can be read at offsets")
// that takes writes of digits only (EINVAL otherwise), remembering where
// each came.
// Locked: the server's thread calls it, the test's thread looks (what the
// kernel orders between them, a thread checker does not see).
struct model_side {
  std::mutex lock;
  std::string text = "one\ntwo\nthree\n";
  std::vector<std::pair<std::uint64_t, std::string>> writes;
  std::vector<std::uint64_t> released;

  fuse_files::ops ops() {
    return {[this](std::uint64_t, std::uint64_t off, std::uint32_t size) -> result<std::string> {
              std::lock_guard l(lock);
              if (off >= text.size()) return std::string();
              return text.substr(off, size);
            },
            [this](std::uint64_t, std::uint64_t off, std::string_view d) -> result<std::size_t> {
              std::lock_guard l(lock);
              if (d.find_first_not_of("0123456789\n") != std::string_view::npos) return errc{EINVAL};
              writes.emplace_back(off, std::string(d));
              return d.size();
            },
            [this](std::uint64_t node) {
              std::lock_guard l(lock);
              released.push_back(node);
            }};
  }
  void set_text(std::string t) {
    std::lock_guard l(lock);
    text = std::move(t);
  }
  // Waits up to a second for n releases.
  bool wait_released(std::size_t n) {
    for (int i = 0; i < 200; ++i) {
      {
        std::lock_guard l(lock);
        if (released.size() >= n) return true;
      }
      usleep(5000);
    }
    return false;
  }
};

// Answers requests on a thread of its own while the test does I/O (the
// supervisor's loop does this in its poll).
class server {
 public:
  explicit server(fuse_files& f) : f_(f), t_([this] {
    while (!stop_) {
      pollfd p{f_.fd(), POLLIN, 0};
      if (poll(&p, 1, 20) > 0 || f_.has_deferred()) f_.serve();
    }
  }) {}
  ~server() {
    stop_ = true;
    t_.join();
  }

 private:
  fuse_files& f_;
  std::atomic<bool> stop_{false};
  std::thread t_;
};

}  // namespace

TEST(FuseFiles, ReadsAndWritesReachTheModelAtTheirOffsetsWithTheirErrno) {
  model_side model;
  fuse_files fuse(model.ops());
  if (!fuse.ready(-1)) GTEST_SKIP() << "no FUSE here (/dev/fuse, or the right to mount it)";
  auto made = fuse.open(O_RDWR);
  ASSERT_TRUE(made) << made.error().errnum();
  const int fd = made->first;
  struct stat st {};
  ASSERT_TRUE(fstat_cached(fd, st));
  EXPECT_EQ(st.st_ino, made->second);  // how the placeholder table finds it
  EXPECT_EQ(st.st_dev, fuse.dev());
  {
    server s(fuse);
    char buf[64];
    // Each read at its offset, straight to the model (no page cache).
    ASSERT_EQ(pread(fd, buf, 3, 4), 3);
    EXPECT_EQ(std::string(buf, 3), "two");
    ASSERT_EQ(read(fd, buf, sizeof buf), 14);
    EXPECT_EQ(std::string(buf, 14), "one\ntwo\nthree\n");
    EXPECT_EQ(read(fd, buf, sizeof buf), 0);
    model.set_text("changed\n");  // made when read, not at open
    ASSERT_EQ(pread(fd, buf, sizeof buf, 0), 8);
    EXPECT_EQ(std::string(buf, 8), "changed\n");
    // The model's errno is the writer's, at whatever fd it writes.
    ASSERT_EQ(dup2(fd, 100), 100);
    errno = 0;
    EXPECT_EQ(write(100, "abc\n", 4), -1);
    EXPECT_EQ(errno, EINVAL);
    EXPECT_EQ(pwrite(fd, "42\n", 3, 7), 3);
    // The supervisor's look at it after a write (which invalidates the
    // attributes) still asks the server nothing: no server would answer
    // if it did, since this thread is not the one serving.
    ASSERT_TRUE(fstat_cached(fd, st));
    close(100);
    close(fd);
    // The last close is a release, answered and passed on.
    EXPECT_TRUE(model.wait_released(1));
  }
  ASSERT_EQ(model.writes.size(), 1u);
  EXPECT_EQ(model.writes[0], (std::pair<std::uint64_t, std::string>{7, "42\n"}));
  ASSERT_EQ(model.released.size(), 1u);
  EXPECT_EQ(model.released[0], made->second);
}

TEST(FuseFiles, EachOpenIsAFileOfItsOwnWithItsAccessMode) {
  model_side model;
  fuse_files fuse(model.ops());
  if (!fuse.ready(-1)) GTEST_SKIP() << "no FUSE here (/dev/fuse, or the right to mount it)";
  auto a = fuse.open(O_RDONLY);
  auto b = fuse.open(O_WRONLY);
  ASSERT_TRUE(a && b);
  EXPECT_NE(a->second, b->second);
  {
    server s(fuse);
    char c;
    EXPECT_EQ(write(a->first, "1", 1), -1);  // opened read-only
    EXPECT_EQ(errno, EBADF);
    EXPECT_EQ(read(b->first, &c, 1), -1);
    EXPECT_EQ(errno, EBADF);
    close(a->first);
    EXPECT_TRUE(model.wait_released(1));
  }
  ASSERT_EQ(model.released.size(), 1u);
  // A new open is a new file, never a released one.
  auto c = fuse.open(O_RDONLY);
  ASSERT_TRUE(c);
  EXPECT_NE(c->second, a->second);
  close(b->first);
  close(c->first);
}
