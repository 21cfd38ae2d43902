// SPDX-License-Identifier: GPL-2.0-only
// refcount (refcount_t) and counted_ref, the move-only owner of one
// reference: each handle takes and drops exactly one reference.
#include "netns/base/refcount.hpp"

#include <gtest/gtest.h>

#include <utility>

namespace netns {
namespace {

TEST(Refcount, IncDecAndTest) {
  refcount r(1);
  r.inc();
  EXPECT_EQ(r.read(), 2);
  EXPECT_FALSE(r.dec_and_test());
  EXPECT_TRUE(r.dec_and_test());
  EXPECT_EQ(r.read(), 0);
}

// inc_not_zero is maybe_get's building block: no resurrection from zero.
TEST(Refcount, IncNotZero) {
  refcount r(1);
  EXPECT_TRUE(r.inc_not_zero());
  EXPECT_EQ(r.read(), 2);
  r.set(0);
  EXPECT_FALSE(r.inc_not_zero());
  EXPECT_EQ(r.read(), 0);
}

struct obj {
  int gets = 0;
  int puts = 0;
};
struct obj_policy {
  static void get(obj* o) { ++o->gets; }
  static void put(obj* o) { ++o->puts; }
};
using obj_ref = counted_ref<obj, obj_policy>;

TEST(CountedRef, AdoptTakesNothingAcquireTakesOne) {
  obj o;
  {
    obj_ref a = obj_ref::adopt(&o);
    EXPECT_EQ(o.gets, 0);
    obj_ref b = obj_ref::acquire(&o);
    EXPECT_EQ(o.gets, 1);
    EXPECT_TRUE(a == b);
  }
  EXPECT_EQ(o.puts, 2);
}

TEST(CountedRef, CloneResetMoveRelease) {
  obj o;
  obj_ref a = obj_ref::adopt(&o);
  obj_ref c = a.clone();
  EXPECT_EQ(o.gets, 1);
  c.reset();
  EXPECT_EQ(o.puts, 1);
  EXPECT_FALSE(c);
  EXPECT_TRUE(c == nullptr);
  c.reset();
  EXPECT_EQ(o.puts, 1);

  obj_ref m = std::move(a);
  EXPECT_EQ(o.gets, 1);
  EXPECT_EQ(o.puts, 1);
  EXPECT_EQ(m.get(), &o);

  obj other;
  obj_ref x = obj_ref::adopt(&other);
  x = std::move(m);  // drops other's reference, keeps o's
  EXPECT_EQ(other.puts, 1);
  EXPECT_EQ(o.puts, 1);

  obj* raw = x.release();
  EXPECT_EQ(raw, &o);
  EXPECT_FALSE(x);
  EXPECT_EQ(o.puts, 1);
  obj_ref back = obj_ref::adopt(raw);
}

TEST(CountedRef, EmptyHandles) {
  obj_ref e;
  obj_ref n = nullptr;
  EXPECT_FALSE(e);
  EXPECT_TRUE(e == n);
  EXPECT_FALSE(e.clone());
  EXPECT_FALSE(obj_ref::acquire(nullptr));
}

}  // namespace
}  // namespace netns
