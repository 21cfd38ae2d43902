// SPDX-License-Identifier: GPL-2.0-only
// fd_table: a task's fds, installed and closed by the task without a lock
// while other threads look files up (hazard pointer + membarrier). First
// what one thread sees (lowest free fd, EMFILE, EBADF, fork's copy, exit's
// take_all), then lookers racing the owner: every file a looker gets is
// alive for as long as it holds it, a closed file lives on until the last
// looker drops it, and every file is destroyed exactly once.
#include "netns/task/fd_table.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <memory>
#include <thread>
#include <vector>

#include "netns/base/scope_exit.hpp"

namespace netns {
namespace {

using std::chrono::steady_clock;

// A race runs for race_rounds rounds or race_time, whichever ends first.
#ifdef NETNS_TSAN
constexpr int race_rounds = 20'000;
constexpr std::chrono::milliseconds race_time{3000};
#else
constexpr int race_rounds = 200'000;
constexpr std::chrono::milliseconds race_time{400};
#endif

// How many files a test made and how many are gone.
struct census {
  std::atomic<long> made{0};
  std::atomic<long> gone{0};
  long alive() const { return made.load() - gone.load(); }
};

// A regular file's inode, enough to make open files of.
class plain_inode final : public fs::inode {
 public:
  plain_inode() : inode(S_IFREG) {}
  result<fs::stat_info> getattr(const fs::access_ctx&) const override {
    fs::stat_info st;
    st.mode = S_IFREG | 0644;
    return st;
  }
};

// An open file that counts itself in a census and scribbles over its magic
// when destroyed, so that a looker holding a destroyed file can tell.
class counted_file final : public fs::file {
 public:
  static constexpr std::uint64_t alive_magic = 0x600d'f11e'600d'f11eULL;
  static constexpr std::uint64_t dead_magic = 0xdead'f11e'dead'f11eULL;

  counted_file(census& c, fs::inode_ptr ino, int id)
      : fs::file(std::move(ino), O_RDONLY), census_(&c), id_(id) {
    census_->made.fetch_add(1);
  }
  ~counted_file() override {
    magic_.store(dead_magic, std::memory_order_relaxed);
    census_->gone.fetch_add(1);
  }
  bool intact() const { return magic_.load(std::memory_order_relaxed) == alive_magic; }
  int id() const { return id_; }

 private:
  census* census_;
  int id_;
  std::atomic<std::uint64_t> magic_{alive_magic};
};

class FdTable : public ::testing::Test {
 protected:
  fs::file_ptr make(int id = 0) { return std::make_shared<counted_file>(files, ino, id); }
  static int id_of(const fs::file_ptr& f) { return static_cast<const counted_file&>(*f).id(); }
  static bool intact(const fs::file_ptr& f) {
    return static_cast<const counted_file&>(*f).intact();
  }

  census files;  // declared first: it outlives every table of a test
  fs::inode_ptr ino = std::make_shared<plain_inode>();
};

// ---- one thread ------------------------------------------------------------------------------

TEST_F(FdTable, InstallGivesTheLowestFreeFd) {
  fd_table t;
  EXPECT_EQ(*t.install(make()), 0);
  EXPECT_EQ(*t.install(make()), 1);
  EXPECT_EQ(*t.install(make()), 2);
  fs::file_ptr one = t.take(1);
  ASSERT_NE(one, nullptr);
  EXPECT_EQ(*t.install(make()), 1);
  EXPECT_EQ(*t.install(make()), 3);
  // Two holes: the lower one first, then the higher one.
  ASSERT_NE(t.take(2), nullptr);
  ASSERT_NE(t.take(0), nullptr);
  EXPECT_EQ(*t.install(make()), 0);
  EXPECT_EQ(*t.install(make()), 2);
  EXPECT_EQ(*t.install(make()), 4);
  EXPECT_EQ(t.count(), 5u);
}

TEST_F(FdTable, TakingAFreeFdGivesNothing) {
  fd_table t;
  EXPECT_EQ(t.take(0), nullptr);
  EXPECT_EQ(t.take(-1), nullptr);
  EXPECT_EQ(t.take(TASK_MAX_FDS), nullptr);
  EXPECT_EQ(t.take(500), nullptr);  // a chunk never allocated
  ASSERT_EQ(*t.install(make()), 0);
  EXPECT_EQ(t.take(1), nullptr);
  EXPECT_NE(t.take(0), nullptr);
  EXPECT_EQ(t.take(0), nullptr);  // closed twice
  EXPECT_EQ(t.count(), 0u);
  // A failed take leaves the next install where it was.
  EXPECT_EQ(*t.install(make()), 0);
}

// dup2 onto a number (replace_fd): the file lands exactly there, what was
// there comes back to be closed, and the lowest-free rule still holds.
TEST_F(FdTable, ReplacePutsAFileAtItsNumberAndGivesBackTheOldOne) {
  fd_table t;
  fs::file_ptr a = make(1), b = make(2), c = make(3);
  auto none = t.replace(5, fs::file_ptr(a));
  ASSERT_TRUE(none);
  EXPECT_EQ(*none, nullptr);  // fd 5 was free
  EXPECT_EQ(*t.get(5), a);
  auto old = t.replace(5, fs::file_ptr(b));
  ASSERT_TRUE(old);
  EXPECT_EQ(*old, a);
  EXPECT_EQ(*t.get(5), b);
  EXPECT_EQ(t.count(), 1u);
  // The holes below 5 are still the lowest free fds, and 5 is skipped.
  for (int want : {0, 1, 2, 3, 4, 6}) EXPECT_EQ(*t.install(make()), want);
  // Onto the lowest free fd itself: the next install goes past it.
  ASSERT_NE(t.take(0), nullptr);
  ASSERT_TRUE(t.replace(0, fs::file_ptr(c)));
  EXPECT_EQ(*t.install(make()), 7);
  EXPECT_EQ(t.replace(-1, make()).code(), errc{EBADF});
  EXPECT_EQ(t.replace(TASK_MAX_FDS, make()).code(), errc{EBADF});
}

TEST_F(FdTable, InstallIsEmfileOnceEveryFdIsTaken) {
  fd_table t;
  for (int i = 0; i < TASK_MAX_FDS; ++i) ASSERT_EQ(*t.install(make(i)), i);
  EXPECT_EQ(t.count(), static_cast<std::size_t>(TASK_MAX_FDS));
  fs::file_ptr extra = make(-1);
  fs::file* extra_raw = extra.get();
  auto r = t.install(std::move(extra));
  EXPECT_EQ(r.code(), errc{EMFILE});
  // The file was not moved from: the caller still owns it.
  EXPECT_EQ(extra.get(), extra_raw);
  // A hole anywhere is found again.
  fs::file_ptr f700 = t.take(700);
  ASSERT_NE(f700, nullptr);
  EXPECT_EQ(id_of(f700), 700);
  EXPECT_EQ(*t.install(std::move(extra)), 700);
  EXPECT_EQ(t.install(make()).code(), errc{EMFILE});
  fs::file_ptr last = t.take(TASK_MAX_FDS - 1);
  ASSERT_NE(last, nullptr);
  EXPECT_EQ(*t.install(make()), TASK_MAX_FDS - 1);
}

TEST_F(FdTable, CountAndNumbersListTheOpenFdsAscending) {
  fd_table t;
  EXPECT_EQ(t.count(), 0u);
  EXPECT_TRUE(t.numbers().empty());
  for (int i = 0; i < 130; ++i) ASSERT_EQ(*t.install(make(i)), i);  // three chunks
  for (int fd = 0; fd < 130; ++fd) {
    if (fd != 0 && fd != 5 && fd != 63 && fd != 64 && fd != 129) {
      ASSERT_NE(t.take(fd), nullptr);
    }
  }
  EXPECT_EQ(t.count(), 5u);
  EXPECT_EQ(t.numbers(), (std::vector<int>{0, 5, 63, 64, 129}));
}

TEST_F(FdTable, GetGivesTheSameFileAndEbadfOtherwise) {
  fd_table t;
  fs::file_ptr f = make(42);
  fs::file* raw = f.get();
  const int fd = *t.install(std::move(f));
  auto got = t.get(fd);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->get(), raw);
  EXPECT_EQ(t.peek(fd), raw);
  EXPECT_EQ(id_of(*got), 42);
  // The table's reference and the caller's own.
  EXPECT_EQ(got->use_count(), 2);
  EXPECT_EQ(t.get(fd + 1).code(), errc{EBADF});
  EXPECT_EQ(t.get(-1).code(), errc{EBADF});
  EXPECT_EQ(t.get(-1000).code(), errc{EBADF});
  EXPECT_EQ(t.get(TASK_MAX_FDS).code(), errc{EBADF});
  EXPECT_EQ(t.get(TASK_MAX_FDS + 1).code(), errc{EBADF});
  EXPECT_EQ(t.get(900).code(), errc{EBADF});  // a chunk never allocated
  EXPECT_EQ(t.peek(-1), nullptr);
  EXPECT_EQ(t.peek(TASK_MAX_FDS), nullptr);
  // Once closed: EBADF, and the file lives on in the caller's reference.
  fs::file_ptr closed = t.take(fd);
  EXPECT_EQ(closed.get(), raw);
  EXPECT_EQ(t.get(fd).code(), errc{EBADF});
  EXPECT_EQ(t.peek(fd), nullptr);
  closed.reset();
  EXPECT_EQ(files.gone.load(), 0);
  EXPECT_TRUE(intact(*got));
  got = errc{EBADF};
  EXPECT_EQ(files.gone.load(), 1);
}

TEST_F(FdTable, CopyFromSharesTheFilesAtTheSameFds) {
  fd_table parent;
  std::vector<fs::file*> raw;
  for (int i = 0; i < 6; ++i) {
    fs::file_ptr f = make(i);
    raw.push_back(f.get());
    ASSERT_EQ(*parent.install(std::move(f)), i);
  }
  ASSERT_NE(parent.take(4), nullptr);
  ASSERT_NE(parent.take(2), nullptr);
  ASSERT_EQ(*parent.install(make(70)), 2);  // fd 2 is now another file
  raw[2] = parent.peek(2);
  fd_table child;
  child.copy_from(parent);
  EXPECT_EQ(child.numbers(), parent.numbers());
  EXPECT_EQ(child.numbers(), (std::vector<int>{0, 1, 2, 3, 5}));
  for (int fd : {0, 1, 2, 3, 5}) {
    auto a = parent.get(fd);
    auto b = child.get(fd);
    ASSERT_TRUE(a && b) << fd;
    EXPECT_EQ(a->get(), raw[fd]) << fd;
    EXPECT_EQ(b->get(), raw[fd]) << fd;
    // parent, child and the two lookups
    EXPECT_EQ(a->use_count(), 4) << fd;
  }
  // The copy picks its own lowest free fd, and the tables go separate ways.
  EXPECT_EQ(*child.install(make(100)), 4);
  EXPECT_EQ(*child.install(make(101)), 6);
  EXPECT_EQ(parent.get(4).code(), errc{EBADF});
  EXPECT_EQ(parent.count(), 5u);
  fs::file_ptr from_child = child.take(0);
  EXPECT_EQ(from_child.get(), raw[0]);
  EXPECT_EQ(parent.peek(0), raw[0]);
  EXPECT_EQ(*parent.install(make(102)), 4);
  EXPECT_EQ(*child.install(make(103)), 0);
}

TEST_F(FdTable, CopyFromAnEmptyTableStartsAtZero) {
  fd_table parent;
  ASSERT_EQ(*parent.install(make()), 0);
  ASSERT_NE(parent.take(0), nullptr);
  fd_table child;
  child.copy_from(parent);
  EXPECT_EQ(child.count(), 0u);
  EXPECT_EQ(*child.install(make()), 0);
}

// FD_CLOEXEC: a bit per open fd that close and replace clear and fork's
// copy keeps; a free fd has none to set.
TEST_F(FdTable, CloseOnExecIsPerFdClearedByCloseAndCopiedByFork) {
  fd_table t;
  for (int i = 0; i < 70; ++i) ASSERT_EQ(*t.install(make(i)), i);
  t.set_close_on_exec(1, true);
  t.set_close_on_exec(65, true);
  EXPECT_TRUE(t.close_on_exec(1));
  EXPECT_TRUE(t.close_on_exec(65));
  EXPECT_FALSE(t.close_on_exec(0));
  EXPECT_FALSE(t.close_on_exec(64));
  fd_table child;
  child.copy_from(t);
  EXPECT_TRUE(child.close_on_exec(1));
  EXPECT_TRUE(child.close_on_exec(65));
  EXPECT_FALSE(child.close_on_exec(2));
  t.set_close_on_exec(1, false);
  EXPECT_FALSE(t.close_on_exec(1));
  EXPECT_TRUE(child.close_on_exec(1));  // the tables go separate ways
  ASSERT_NE(t.take(65), nullptr);
  EXPECT_FALSE(t.close_on_exec(65));
  t.set_close_on_exec(65, true);  // not open: nothing to set
  EXPECT_FALSE(t.close_on_exec(65));
  ASSERT_EQ(*t.install(make(65)), 65);
  EXPECT_FALSE(t.close_on_exec(65));
  child.set_close_on_exec(3, true);
  ASSERT_TRUE(child.replace(3, make(99)));  // dup2's new fd: no FD_CLOEXEC
  EXPECT_FALSE(child.close_on_exec(3));
  EXPECT_FALSE(t.close_on_exec(-1));
  EXPECT_FALSE(t.close_on_exec(TASK_MAX_FDS));
}

TEST_F(FdTable, TakeAllEmptiesTheTableAndReturnsEveryFile) {
  fd_table t;
  std::vector<fs::file*> raw;
  for (int i = 0; i < 70; ++i) {
    fs::file_ptr f = make(i);
    raw.push_back(f.get());
    ASSERT_EQ(*t.install(std::move(f)), i);
  }
  ASSERT_NE(t.take(10), nullptr);
  ASSERT_NE(t.take(64), nullptr);
  raw.erase(raw.begin() + 64);
  raw.erase(raw.begin() + 10);
  std::vector<fs::file_ptr> all = t.take_all();
  ASSERT_EQ(all.size(), raw.size());
  for (std::size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i].get(), raw[i]) << i;
  EXPECT_EQ(t.count(), 0u);
  EXPECT_TRUE(t.numbers().empty());
  EXPECT_EQ(t.get(0).code(), errc{EBADF});
  EXPECT_TRUE(t.take_all().empty());
  // The files are the caller's now, and the table starts again at fd 0.
  EXPECT_EQ(files.gone.load(), 2);
  all.clear();
  EXPECT_EQ(files.alive(), 0);
  EXPECT_EQ(*t.install(make()), 0);
}

TEST_F(FdTable, DestroyingTheTableReleasesItsFiles) {
  fs::file_ptr kept;
  {
    fd_table t;
    for (int i = 0; i < 100; ++i) ASSERT_EQ(*t.install(make(i)), i);
    kept = *t.get(99);
  }
  EXPECT_EQ(files.made.load(), 100);
  EXPECT_EQ(files.gone.load(), 99);
  EXPECT_TRUE(intact(kept));
  EXPECT_EQ(kept.use_count(), 1);
  kept.reset();
  EXPECT_EQ(files.gone.load(), 100);
}

// ---- lookers racing the owner -----------------------------------------------------------------

// The owner installs and closes fd 0 over and over and drops each file as
// soon as it is closed; a looker gets fd 0 meanwhile. Most files are closed
// at once (the close often lands while the looker is between its reads,
// and must wait for it); every fourth is kept a while, up to a few times
// as long as the looker's process-wide barrier takes, so that gets succeed
// and closes land at every point of them. Each file the looker gets is
// whole (not yet destroyed) while it holds it, files come in the order
// they were installed, and every file made is destroyed exactly once.
TEST_F(FdTable, ALookerNeverHoldsAFileTheOwnerDestroyed) {
  {
    fd_table t;
    std::atomic<bool> stop{false};
    std::atomic<long> looks{0}, got{0}, ebadf{0}, other{0}, broken{0}, out_of_order{0};
    std::thread looker([&] {
      int last_id = -1;
      while (!stop.load(std::memory_order_relaxed)) {
        auto r = t.get(0);
        looks.fetch_add(1, std::memory_order_relaxed);
        if (!r) {
          (r.code() == errc{EBADF} ? ebadf : other).fetch_add(1, std::memory_order_relaxed);
          continue;
        }
        if (!*r || !intact(*r)) {
          broken.fetch_add(1);
          continue;
        }
        const int id = id_of(*r);
        if (id < last_id) out_of_order.fetch_add(1);
        last_id = id;
        // Hold it a moment while the owner goes on closing and freeing (a
        // spin: a yield could give the CPU away for a whole time slice).
        for (volatile int spin = 0; spin < 500;) spin = spin + 1;
        if (!intact(*r) || id_of(*r) != id) broken.fetch_add(1);
        got.fetch_add(1, std::memory_order_relaxed);
      }
    });
    auto finish = [&] {
      stop = true;
      if (looker.joinable()) looker.join();
    };
    auto joiner = scope_exit(finish);  // also when an assertion ends the test early
    // race_rounds rounds or race_time, whichever ends first; then on until
    // the looker has got a few files (or a few seconds have passed, on a
    // very busy machine).
    const auto start = steady_clock::now();
    const auto soft_end = start + race_time, hard_end = start + std::chrono::seconds(5);
    std::uint32_t rng = 12345;
    int round = 0;
    for (auto now = start;
         (round < race_rounds && now < soft_end) || (got.load() < 20 && now < hard_end); ++round) {
      auto fd = t.install(make(round));
      ASSERT_TRUE(fd);
      ASSERT_EQ(*fd, 0);
      if (round % 4 == 0) {
        rng = rng * 1664525u + 1013904223u;
        // Half of them up to 2 us, half up to 40 us.
        const auto hold = std::chrono::nanoseconds((rng >> 8) % (rng & 1 ? 40'000 : 2'000));
        const auto until = steady_clock::now() + hold;
        while ((now = steady_clock::now()) < until) {
        }
      } else if (round % 64 == 1) {
        now = steady_clock::now();
      }
      fs::file_ptr f = t.take(0);
      ASSERT_NE(f, nullptr);
      ASSERT_EQ(id_of(f), round);
    }
    finish();
    EXPECT_EQ(broken.load(), 0);
    EXPECT_EQ(out_of_order.load(), 0);
    EXPECT_EQ(other.load(), 0);
    EXPECT_GT(got.load(), 0) << looks.load() << " looks, " << round << " rounds";
    EXPECT_EQ(files.made.load(), round);
    EXPECT_EQ(t.count(), 0u);
  }
  EXPECT_EQ(files.gone.load(), files.made.load());
}

// Two lookers hold the file at fd 3 when the owner closes it: take() hands
// the file back at once, and it is destroyed only when the last looker
// lets go.
TEST_F(FdTable, AClosedFileLivesUntilTheLookersDropIt) {
  fd_table t;
  for (int i = 0; i < 4; ++i) ASSERT_EQ(*t.install(make(i)), i);
  fs::file* const raw = t.peek(3);
  std::atomic<int> holding{0};
  std::atomic<bool> closed{false};
  std::atomic<bool> lookers_ok[2] = {false, false};
  std::atomic<bool> release[2] = {false, false};
  std::vector<std::thread> lookers;
  auto finish = [&](int i) {
    closed = true;
    release[i] = true;
    if (lookers[i].joinable()) lookers[i].join();
  };
  auto joiner = scope_exit([&] {  // also when an assertion ends the test early
    for (int i = 0; i < static_cast<int>(lookers.size()); ++i) finish(i);
  });
  for (int i = 0; i < 2; ++i)
    lookers.emplace_back([&, i] {
      auto r = t.get(3);
      holding.fetch_add(1);
      if (!r || r->get() != raw) return;
      while (!closed.load()) std::this_thread::yield();
      // After close: still the same whole file, and no longer in the table.
      const bool whole = intact(*r) && id_of(*r) == 3;
      const bool gone_from_table = t.get(3).code() == errc{EBADF};
      lookers_ok[i] = whole && gone_from_table;
      while (!release[i].load()) std::this_thread::yield();
    });
  while (holding.load() < 2) std::this_thread::yield();
  fs::file_ptr f = t.take(3);
  ASSERT_EQ(f.get(), raw);
  EXPECT_EQ(f.use_count(), 3);  // ours and the two lookers'
  f.reset();
  EXPECT_EQ(files.gone.load(), 0);
  EXPECT_EQ(t.get(3).code(), errc{EBADF});
  EXPECT_EQ(t.numbers(), (std::vector<int>{0, 1, 2}));
  finish(0);
  EXPECT_TRUE(lookers_ok[0].load());
  EXPECT_EQ(files.gone.load(), 0);  // the second looker still holds it
  finish(1);
  EXPECT_TRUE(lookers_ok[1].load());
  EXPECT_EQ(files.gone.load(), 1);
  // The fd is free again for the owner.
  EXPECT_EQ(*t.install(make(30)), 3);
}

// Lookers listing and counting fds while the owner opens and closes fds 1
// and 2 above a fd 0 that stays: every listing is ascending, holds fd 0,
// and nothing else.
TEST_F(FdTable, ListingsWhileTheOwnerChurnsShowOnlyRealFds) {
  fd_table t;
  ASSERT_EQ(*t.install(make(0)), 0);
  std::atomic<bool> stop{false};
  std::atomic<long> bad{0}, listings{0};
  std::thread looker([&] {
    while (!stop.load(std::memory_order_relaxed)) {
      std::vector<int> fds = t.numbers();
      const std::size_t n = t.count();
      bool ok = !fds.empty() && fds.front() == 0 && fds.size() <= 3 && n >= 1 && n <= 3;
      for (std::size_t i = 1; i < fds.size(); ++i) ok = ok && fds[i - 1] < fds[i] && fds[i] <= 2;
      if (!ok) bad.fetch_add(1);
      listings.fetch_add(1, std::memory_order_relaxed);
    }
  });
  auto finish = [&] {
    stop = true;
    if (looker.joinable()) looker.join();
  };
  auto joiner = scope_exit(finish);
  const auto deadline = steady_clock::now() + std::chrono::seconds(5);
  for (int round = 0;
       round < race_rounds / 10 || (listings.load() == 0 && steady_clock::now() < deadline);
       ++round) {
    ASSERT_EQ(*t.install(make(1)), 1);
    ASSERT_EQ(*t.install(make(2)), 2);
    ASSERT_NE(t.take(round % 2 ? 1 : 2), nullptr);
    ASSERT_NE(t.take(round % 2 ? 2 : 1), nullptr);
  }
  finish();
  EXPECT_GT(listings.load(), 0);
  EXPECT_EQ(bad.load(), 0);
  EXPECT_EQ(t.numbers(), (std::vector<int>{0}));
}

}  // namespace
}  // namespace netns
