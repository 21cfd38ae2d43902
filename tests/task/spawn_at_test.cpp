// SPDX-License-Identifier: GPL-2.0-only
// pid_table::spawn_at: a fork whose task takes a number the world's owner
// hands out (a program's host pid under netns exec) when it is free, with
// ns_last_pid moved past the number the model would have given, and the
// model's next number otherwise.
#include <gtest/gtest.h>
#include <sched.h>

#include "netns/core/pid_namespace.hpp"
#include "netns/machine/machine.hpp"
#include "netns/task/syscalls.hpp"

namespace netns {
namespace {

TEST(SpawnAt, TakesAFreeNumberAndLeavesTheModelsOwnNumbering) {
  machine m;
  auto a = m.spawn(m.init_task());  // 2
  ASSERT_TRUE(a);
  EXPECT_EQ((*a)->pid(), 2);
  auto at = m.spawn_at(m.init_task(), 18000);
  ASSERT_TRUE(at);
  EXPECT_EQ((*at)->pid(), 18000);
  EXPECT_EQ(m.find_task(18000), *at);
  // The number a fork of the model's own would have taken (3) is passed
  // over and stays free; the model's next task goes on after it, not
  // after the host's number.
  EXPECT_EQ(m.tasks().last_pid_nr(m.k().init_pid_ns()), 3);
  EXPECT_EQ(m.find_task(3), nullptr);
  auto b = m.spawn(m.init_task());
  ASSERT_TRUE(b);
  EXPECT_EQ((*b)->pid(), 4);
  ASSERT_TRUE(m.exit(**at));
  ASSERT_TRUE(m.exit(**a));
  ASSERT_TRUE(m.exit(**b));
}

TEST(SpawnAt, ATakenNumberGivesTheModelsNext) {
  machine m;
  auto a = m.spawn(m.init_task());  // 2
  auto b = m.spawn(m.init_task());  // 3
  ASSERT_TRUE(a && b);
  auto at = m.spawn_at(m.init_task(), 2);
  ASSERT_TRUE(at);
  EXPECT_EQ((*at)->pid(), 4);
  EXPECT_EQ(m.tasks().last_pid_nr(m.k().init_pid_ns()), 4);
  // Numbers no pid namespace hands out (1, PID_MAX_LIMIT and above): the same.
  auto one = m.spawn_at(m.init_task(), 1);
  ASSERT_TRUE(one);
  EXPECT_EQ((*one)->pid(), 5);
  auto beyond = m.spawn_at(m.init_task(), PID_MAX_LIMIT);
  ASSERT_TRUE(beyond);
  EXPECT_EQ((*beyond)->pid(), 6);
  // A host whose pid_max is above the classic default (systemd raises it)
  // hands out numbers past the model's own PID_MAX: a program's process
  // keeps its number all the same, and is found by it.
  auto high = m.spawn_at(m.init_task(), PID_MAX + 5);
  ASSERT_TRUE(high);
  EXPECT_EQ((*high)->pid(), PID_MAX + 5);
  EXPECT_EQ(m.tasks().find_task(PID_MAX + 5).get(), high->get());
  auto top = m.spawn_at(m.init_task(), PID_MAX_LIMIT - 1);
  ASSERT_TRUE(top);
  EXPECT_EQ((*top)->pid(), PID_MAX_LIMIT - 1);
  for (auto* t : {&*a, &*b, &*at, &*one, &*beyond, &*high, &*top}) ASSERT_TRUE(m.exit(**t));
  EXPECT_EQ(m.tasks().find_task(PID_MAX + 5), nullptr);
}

TEST(SpawnAt, BelowTheInitialNamespaceTheNumbersThereAreTheNamespaces) {
  machine m;
  auto t = m.spawn(m.init_task());
  ASSERT_TRUE(t);
  ASSERT_TRUE(sys_unshare(**t, CLONE_NEWPID));
  auto child = m.spawn_at(**t, 20000);
  ASSERT_TRUE(child);
  EXPECT_EQ((*child)->pid(), 20000);
  EXPECT_EQ((*child)->vpid(), 1);
  ASSERT_TRUE(m.exit(**child));
  ASSERT_TRUE(m.exit(**t));
}

}  // namespace
}  // namespace netns
