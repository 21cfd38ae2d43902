// SPDX-License-Identifier: GPL-2.0-only
// Path walks take no lock and no reference on the way (RCU walks), so what
// they cross may change under them: another task closes the fd a walk is
// following, exits while a walk is inside its /proc/<pid>, switches its
// net while someone reads it, or a name is unmounted and unlinked while a
// walk passes through it. Each test races one such change against walks
// and checks that every walk sees the old state or the new one, never a
// third, and that nothing is freed too early (ASan) or read unordered
// (TSan), and nothing leaks (LSan).
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <string>
#include <thread>

#include "netns/machine/machine.hpp"
#include "netns/task/syscalls.hpp"
#include "support/task_util.hpp"

namespace netns {
namespace {

constexpr int rounds = 2000;

// Runs `body` on a thread until the test's side is done, even when an
// assertion ends the test early (no thread is left spinning).
class racer {
 public:
  template <class F>
  explicit racer(F body)
      : t_([this, body] {
          while (!stop_.load()) body();
        }) {}
  ~racer() { join(); }
  void join() {
    stop_ = true;
    if (t_.joinable()) t_.join();
  }

 private:
  std::atomic<bool> stop_{false};
  std::thread t_;
};

// The owner opens and closes one fd in a loop; another task reads, stats
// and opens /proc/<owner>/fd/N meanwhile.
TEST(RcuWalk, AnotherTasksFdLinkWhileTheOwnerClosesIt) {
  machine m;
  task& owner = m.init_task();
  auto reader = test::spawn(m, owner);
  const int fd = *sys_open(owner, "/proc/self/ns/net", O_RDONLY);
  ASSERT_TRUE(sys_close(owner, fd));
  const std::string path = "/proc/1/fd/" + std::to_string(fd);
  const std::string text = test::link(owner, "/proc/self/ns/net");

  racer t([&] {
    auto f = sys_open(owner, "/proc/self/ns/net", O_RDONLY);
    ASSERT_TRUE(f);
    ASSERT_EQ(*f, fd);
    ASSERT_TRUE(sys_close(owner, *f));
  });
  int seen_open = 0, seen_closed = 0;
  for (int i = 0; i < rounds; ++i) {
    auto l = sys_readlink(*reader, path);
    if (l) {
      EXPECT_EQ(*l, text);
      ++seen_open;
    } else {
      EXPECT_EQ(l.code(), errc{ENOENT});
      ++seen_closed;
    }
    if (auto f = sys_open(*reader, path, O_RDONLY)) {
      EXPECT_EQ(sys_fstat(*reader, *f)->ino, 4026531833u);
      EXPECT_TRUE(sys_close(*reader, *f));
    } else {
      EXPECT_EQ(f.code(), errc{ENOENT});
    }
  }
  t.join();
  EXPECT_EQ(seen_open + seen_closed, rounds);
  EXPECT_EQ(owner.fd_count(), 0u);
}

// Tasks come and go while another walks into their /proc/<pid>.
TEST(RcuWalk, WalksIntoAProcDirWhileItsTaskExits) {
  machine m;
  task& init = m.init_task();
  auto watcher = test::spawn(m, init);
  std::atomic<int> pid{0};
  racer t([&] {
    auto child = test::spawn(m, init);
    ASSERT_TRUE(child);
    pid = child->pid();
    ASSERT_TRUE(m.exit(*child));
  });
  for (int i = 0; i < rounds / 4; ++i) {
    const std::string base = "/proc/" + std::to_string(pid.load());
    for (const char* leaf : {"/ns/net", "/fd", "/task", "/net/dev"}) {
      auto s = sys_stat(*watcher, base + leaf);
      if (!s) {
        EXPECT_EQ(s.code(), errc{ENOENT}) << base << leaf;
      }
    }
    if (auto l = sys_readlink(*watcher, base + "/ns/net")) {
      EXPECT_EQ(*l, "net:[4026531833]");
    }
  }
  t.join();
  m.k().settle();
  EXPECT_EQ(m.pids().size(), 2u);
  EXPECT_EQ(m.k().net_count(), 1u);
}

// get_net_ns_by_pid and /proc/<pid>/net read a task's net while it moves
// between two: each read is one of the two, and holds it.
TEST(RcuWalk, ReadsOfATasksNetWhileItSetnsBackAndForth) {
  machine m;
  task& init = m.init_task();
  auto mover = test::spawn(m, init);
  auto watcher = test::spawn(m, init);
  const int home = *sys_open(*mover, "/proc/self/ns/net", O_RDONLY);
  ASSERT_TRUE(sys_unshare(*mover, CLONE_NEWNET));
  const int away = *sys_open(*mover, "/proc/self/ns/net", O_RDONLY);
  const std::set<std::string> both{test::link(*mover, "/proc/self/ns/net"),
                                    test::link(init, "/proc/self/ns/net")};
  const int pid = mover->pid();

  racer t([&] {
    ASSERT_TRUE(sys_setns(*mover, home, CLONE_NEWNET));
    ASSERT_TRUE(sys_setns(*mover, away, CLONE_NEWNET));
  });
  for (int i = 0; i < rounds; ++i) {
    auto n = get_net_ns_by_pid(m.tasks(), pid);
    ASSERT_TRUE(n);
    EXPECT_TRUE(both.count("net:[" + std::to_string((*n)->inum()) + "]"));
    EXPECT_TRUE(both.count(test::link(*watcher, "/proc/" + std::to_string(pid) + "/ns/net")));
  }
  t.join();
  ASSERT_TRUE(sys_close(*mover, home));
  ASSERT_TRUE(sys_close(*mover, away));
  ASSERT_TRUE(m.exit(*mover));
  m.k().settle();
  EXPECT_EQ(m.k().net_count(), 1u);  // the net the mover left is gone
}

// `ip netns add` and `ip netns del` in a loop while another task opens the
// name: each open finds the namespace or nothing, and every namespace is
// gone once its name is.
TEST(RcuWalk, OpensOfANameWhileItIsMountedUnmountedAndUnlinked) {
  machine m;
  task& init = m.init_task();
  auto namer = test::spawn(m, init);
  auto opener = test::spawn(m, init);
  const int home = *sys_open(*namer, "/proc/self/ns/net", O_RDONLY);
  racer t([&] {
    auto c = sys_open(*namer, "/run/netns/x", O_RDONLY | O_CREAT | O_EXCL, 0);
    ASSERT_TRUE(c);
    ASSERT_TRUE(sys_close(*namer, *c));
    ASSERT_TRUE(sys_unshare(*namer, CLONE_NEWNET));
    ASSERT_TRUE(sys_mount_bind(*namer, "/proc/self/ns/net", "/run/netns/x"));
    ASSERT_TRUE(sys_setns(*namer, home, CLONE_NEWNET));
    ASSERT_TRUE(sys_umount_detach(*namer, "/run/netns/x"));
    ASSERT_TRUE(sys_unlink(*namer, "/run/netns/x"));
  });
  for (int i = 0; i < rounds; ++i) {
    auto f = sys_open(*opener, "/run/netns/x", O_RDONLY);
    if (!f) {
      EXPECT_EQ(f.code(), errc{ENOENT});
      continue;
    }
    // The plain file before the mount, or the namespace on it: never the
    // namer's home, which is never mounted there.
    auto st = sys_fstat(*opener, *f);
    ASSERT_TRUE(st);
    if (st->dev == fs::nsfs_dev) {
      EXPECT_NE(st->ino, 4026531833u);
    } else {
      EXPECT_EQ(st->dev, fs::tmpfs_dev);
    }
    EXPECT_TRUE(sys_close(*opener, *f));
  }
  t.join();
  m.k().settle();
  EXPECT_EQ(m.k().net_count(), 1u);
  EXPECT_EQ(m.vfs().mount_count(), 1u);  // /run's tmpfs alone
}

}  // namespace
}  // namespace netns
