// SPDX-License-Identifier: GPL-2.0-only
// rcu_name_table: the lock-free lookups tmpfs directories use. Entries keep
// their address while the table grows and tombstones pile up, a removed
// entry is handed back rather than freed, and readers racing a writer find
// every entry that stays in the table.
#include "netns/base/rcu_name_table.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace netns {
namespace {

using table = rcu_name_table<int>;

const table::entry* find(const table& t, std::string_view name) {
  rcu::read_guard g;
  return t.find(name);
}

TEST(RcuNameTable, InsertFindRemove) {
  table t;
  EXPECT_EQ(find(t, "a"), nullptr);
  EXPECT_TRUE(t.insert("a", 1));
  EXPECT_FALSE(t.insert("a", 2));  // names are unique
  ASSERT_NE(find(t, "a"), nullptr);
  EXPECT_EQ(find(t, "a")->value, 1);
  EXPECT_EQ(t.size(), 1u);
  auto gone = t.remove("a");
  ASSERT_NE(gone, nullptr);
  EXPECT_EQ(gone->name, "a");
  EXPECT_EQ(find(t, "a"), nullptr);
  EXPECT_EQ(t.remove("a"), nullptr);
  EXPECT_EQ(t.size(), 0u);
  EXPECT_TRUE(t.insert("a", 3));  // a tombstone's slot is reused
  EXPECT_EQ(find(t, "a")->value, 3);
}

// Growth and churn: entries keep their addresses, and every name is found
// after thousands of inserts and removes.
TEST(RcuNameTable, EntriesStayPutAcrossGrowthAndTombstones) {
  table t;
  std::vector<const table::entry*> where;
  for (int i = 0; i < 5000; ++i) {
    ASSERT_TRUE(t.insert("n" + std::to_string(i), i));
    where.push_back(find(t, "n" + std::to_string(i)));
  }
  for (int i = 0; i < 5000; i += 2) ASSERT_NE(t.remove("n" + std::to_string(i)), nullptr);
  for (int round = 0; round < 3; ++round)
    for (int i = 0; i < 5000; i += 2) {
      ASSERT_TRUE(t.insert("m" + std::to_string(i), -i));
      ASSERT_NE(t.remove("m" + std::to_string(i)), nullptr);
    }
  EXPECT_EQ(t.size(), 2500u);
  for (int i = 1; i < 5000; i += 2) {
    const table::entry* e = find(t, "n" + std::to_string(i));
    ASSERT_EQ(e, where[i]) << i;
    EXPECT_EQ(e->value, i);
  }
  std::size_t seen = 0;
  t.for_each([&](const table::entry& e) {
    ++seen;
    EXPECT_EQ(e.name, "n" + std::to_string(e.value));
  });
  EXPECT_EQ(seen, 2500u);
}

// Readers without a lock while the writer grows the table and churns
// other names: the names that stay are always found.
TEST(RcuNameTable, ReadersFindStableNamesWhileTheWriterChurns) {
  table t;
  for (int i = 0; i < 16; ++i) ASSERT_TRUE(t.insert("stay" + std::to_string(i), i));
  std::atomic<bool> done{false};
  std::vector<std::thread> readers;
  for (int r = 0; r < 2; ++r)
    readers.emplace_back([&] {
      while (!done.load()) {
        rcu::read_guard g;
        for (int i = 0; i < 16; ++i) {
          const auto* e = t.find("stay" + std::to_string(i));
          ASSERT_NE(e, nullptr);
          ASSERT_EQ(e->value, i);
        }
      }
    });
  for (int i = 0; i < 3000; ++i) {
    ASSERT_TRUE(t.insert("churn" + std::to_string(i), i));
    if (i % 10 == 0) {
      auto gone = t.remove("churn" + std::to_string(i / 10));
      rcu::synchronize();  // then nobody can be looking at it
    }
  }
  done = true;
  for (auto& r : readers) r.join();
  rcu::barrier();  // the replaced slot arrays
}

}  // namespace
}  // namespace netns
