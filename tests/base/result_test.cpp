// SPDX-License-Identifier: GPL-2.0-only
// result<T>: a value or an errno (with an optional static extack message),
// shaped like std::expected; errno_name gives the symbolic name.
#include "netns/base/result.hpp"

#include <gtest/gtest.h>

#include <cerrno>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace netns {
namespace {

TEST(Result, HoldsAValue) {
  result<int> r = 42;
  ASSERT_TRUE(r);
  EXPECT_TRUE(r.has_value());
  EXPECT_EQ(*r, 42);
  EXPECT_EQ(r.value(), 42);
  EXPECT_EQ(r.code(), errc{});
  *r = 7;
  EXPECT_EQ(r.value(), 7);
}

TEST(Result, HoldsAnErrno) {
  result<int> r = errc{ENOSPC};
  EXPECT_FALSE(r);
  EXPECT_FALSE(r.has_value());
  EXPECT_EQ(r.code(), errc{ENOSPC});
  EXPECT_EQ(r.error().errnum(), ENOSPC);
  EXPECT_EQ(r.error().code, errc{ENOSPC});
  EXPECT_TRUE(r.error().text().empty());
  EXPECT_EQ(r.error().message, nullptr);
}

// The extack message travels with the errno; failures compare by errno.
TEST(Result, CarriesAStaticMessage) {
  result<int> r = failure(errc{EEXIST}, "Peer netns already has a nsid assigned");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().text(), "Peer netns already has a nsid assigned");
  EXPECT_EQ(r.error(), failure(errc{EEXIST}));
  EXPECT_FALSE(r.error() == failure(errc{EINVAL}, "Peer netns already has a nsid assigned"));
  // Propagating the failure keeps the message.
  result<std::string> up = r.error();
  EXPECT_EQ(up.code(), errc{EEXIST});
  EXPECT_EQ(up.error().text(), "Peer netns already has a nsid assigned");
}

TEST(Result, MoveOnlyValues) {
  result<std::unique_ptr<int>> r = std::make_unique<int>(5);
  ASSERT_TRUE(r);
  EXPECT_EQ(**r, 5);
  std::unique_ptr<int> p = std::move(r).value();
  EXPECT_EQ(*p, 5);
  result<std::unique_ptr<int>> e = errc{ENOMEM};
  EXPECT_EQ(e.code(), errc{ENOMEM});
}

TEST(Result, Void) {
  result<void> good = ok();
  EXPECT_TRUE(good);
  EXPECT_EQ(good.code(), errc{});
  result<void> bad = errc{EPERM};
  EXPECT_FALSE(bad);
  EXPECT_EQ(bad.code(), errc{EPERM});
  EXPECT_EQ(bad.error().errnum(), EPERM);
  result<void> with_msg = failure(errc{EINVAL}, "nsid is missing");
  EXPECT_EQ(with_msg.error().text(), "nsid is missing");
  result<void> dflt;
  EXPECT_TRUE(dflt);
}

TEST(Result, ErrcIsAnErrnoValue) {
  EXPECT_EQ(errc{}.value, 0);
  EXPECT_EQ(errc{EINVAL}, errc{22});
  EXPECT_NE(errc{EINVAL}, errc{EPERM});
}

// ---- copies and moves (result<T> is a union and a flag) -----------------------------------

// A trivially copyable T gives a trivially copyable result: copies are memcpy.
static_assert(std::is_trivially_copyable_v<result<int>>);
static_assert(std::is_trivially_copyable_v<result<int*>>);
static_assert(std::is_trivially_copyable_v<result<const char*>>);
static_assert(std::is_trivially_destructible_v<result<int>>);
static_assert(std::is_trivially_copy_constructible_v<result<long*>>);
static_assert(std::is_trivially_move_assignable_v<result<long*>>);
static_assert(!std::is_trivially_copyable_v<result<std::string>>);
static_assert(!std::is_trivially_destructible_v<result<std::shared_ptr<int>>>);
static_assert(std::is_nothrow_move_constructible_v<result<std::string>>);
static_assert(std::is_nothrow_move_constructible_v<result<std::shared_ptr<int>>>);
// As copyable as T, like std::expected: a move-only T gives a move-only result.
static_assert(!std::is_copy_constructible_v<result<std::unique_ptr<int>>>);
static_assert(!std::is_copy_assignable_v<result<std::unique_ptr<int>>>);
static_assert(std::is_nothrow_move_constructible_v<result<std::unique_ptr<int>>>);
static_assert(std::is_copy_constructible_v<result<std::string>>);
static_assert(std::is_nothrow_move_assignable_v<result<std::shared_ptr<int>>>);

const char* const kMsg = "Invalid prefix for the given prefix length";
// Long enough not to fit std::string's inline buffer.
const std::string kLong(64, 'v');

result<std::string> str_value(const std::string& s = kLong) { return s; }
result<std::string> str_error(int e = EINVAL, const char* msg = kMsg) {
  return failure(errc{e}, msg);
}

void expect_error(const result<std::string>& r, int e, const char* msg) {
  ASSERT_FALSE(r);
  EXPECT_EQ(r.code(), errc{e});
  EXPECT_EQ(r.error().errnum(), e);
  EXPECT_EQ(r.error().message, msg);  // the same static string, not a copy
}

TEST(ResultCopy, TriviallyCopyableResultsCopyValueAndError) {
  int x = 3;
  result<int*> p = &x;
  result<int*> q = p;
  EXPECT_EQ(*q, &x);
  result<int*> e = failure(errc{ENOENT}, kMsg);
  q = e;
  EXPECT_EQ(q.code(), errc{ENOENT});
  EXPECT_EQ(q.error().message, kMsg);
  q = p;
  ASSERT_TRUE(q);
  EXPECT_EQ(*q, &x);
  result<int> i = errc{EAGAIN};
  result<int> j = 5;
  j = i;
  EXPECT_EQ(j.code(), errc{EAGAIN});
  i = 9;
  j = std::move(i);
  EXPECT_EQ(*j, 9);
}

TEST(ResultCopy, CopyConstructionOfValueAndError) {
  const result<std::string> v = str_value();
  const result<std::string> c = v;
  ASSERT_TRUE(c);
  EXPECT_EQ(*c, kLong);
  EXPECT_EQ(*v, kLong);             // the source is untouched
  EXPECT_NE(c->data(), v->data());  // a copy of its own
  const result<std::string> e = str_error(EEXIST, kMsg);
  const result<std::string> ce = e;
  expect_error(ce, EEXIST, kMsg);
  expect_error(e, EEXIST, kMsg);
}

TEST(ResultCopy, MoveConstructionOfValueAndError) {
  result<std::string> v = str_value();
  const char* buffer = v->data();
  result<std::string> m = std::move(v);
  ASSERT_TRUE(m);
  EXPECT_EQ(*m, kLong);
  EXPECT_EQ(m->data(), buffer);  // moved, not copied
  EXPECT_TRUE(v.has_value());    // a moved-from value is still a value
  result<std::string> e = str_error(ENOSPC, nullptr);
  result<std::string> me = std::move(e);
  expect_error(me, ENOSPC, nullptr);
  expect_error(e, ENOSPC, nullptr);  // an error is copied, moved or not
}

// Every pair of states for copy and move assignment, with the string's
// value checked on both sides.
TEST(ResultCopy, CopyAssignmentBetweenEveryPairOfStates) {
  const std::string other(80, 'o');
  {  // value = value
    result<std::string> a = str_value(other);
    const result<std::string> b = str_value();
    a = b;
    EXPECT_EQ(*a, kLong);
    EXPECT_EQ(*b, kLong);
  }
  {  // value = error
    result<std::string> a = str_value(other);
    const result<std::string> b = str_error(EPERM, kMsg);
    a = b;
    expect_error(a, EPERM, kMsg);
    expect_error(b, EPERM, kMsg);
  }
  {  // error = value
    result<std::string> a = str_error();
    const result<std::string> b = str_value();
    a = b;
    ASSERT_TRUE(a);
    EXPECT_EQ(*a, kLong);
    EXPECT_EQ(*b, kLong);
  }
  {  // error = error
    result<std::string> a = str_error(EINVAL, kMsg);
    const result<std::string> b = str_error(EBUSY, nullptr);
    a = b;
    expect_error(a, EBUSY, nullptr);
    expect_error(b, EBUSY, nullptr);
  }
}

TEST(ResultCopy, MoveAssignmentBetweenEveryPairOfStates) {
  const std::string other(80, 'o');
  {  // value = value
    result<std::string> a = str_value(other);
    result<std::string> b = str_value();
    const char* buffer = b->data();
    a = std::move(b);
    EXPECT_EQ(*a, kLong);
    EXPECT_EQ(a->data(), buffer);
    EXPECT_TRUE(b.has_value());
  }
  {  // value = error
    result<std::string> a = str_value(other);
    result<std::string> b = str_error(EPERM, kMsg);
    a = std::move(b);
    expect_error(a, EPERM, kMsg);
    expect_error(b, EPERM, kMsg);
  }
  {  // error = value
    result<std::string> a = str_error();
    result<std::string> b = str_value();
    const char* buffer = b->data();
    a = std::move(b);
    ASSERT_TRUE(a);
    EXPECT_EQ(*a, kLong);
    EXPECT_EQ(a->data(), buffer);
    EXPECT_TRUE(b.has_value());
  }
  {  // error = error
    result<std::string> a = str_error(EINVAL, kMsg);
    result<std::string> b = str_error(EBUSY, nullptr);
    a = std::move(b);
    expect_error(a, EBUSY, nullptr);
  }
}

// shared_ptr's use count sees every copy made and every value destroyed:
// one too many is a leak, one too few a double destroy.
TEST(ResultCopy, SharedPtrUseCountsThroughEveryOperation) {
  using R = result<std::shared_ptr<int>>;
  auto p = std::make_shared<int>(1);
  auto q = std::make_shared<int>(2);
  {
    R a = p;  // copy from a T
    EXPECT_EQ(p.use_count(), 2);
    R b = a;  // copy construction
    EXPECT_EQ(p.use_count(), 3);
    R c = std::move(b);  // move construction
    EXPECT_EQ(p.use_count(), 3);
    EXPECT_TRUE(b.has_value());
    EXPECT_EQ(*b, nullptr);  // a moved-from shared_ptr is empty
    EXPECT_EQ(**c, 1);

    R d = q;
    EXPECT_EQ(q.use_count(), 2);
    d = a;  // value = value (copy)
    EXPECT_EQ(q.use_count(), 1);
    EXPECT_EQ(p.use_count(), 4);
    d = R(q);  // value = value (move)
    EXPECT_EQ(q.use_count(), 2);
    EXPECT_EQ(p.use_count(), 3);

    R e = errc{ENOMEM};
    d = e;  // value = error (copy): the value is destroyed
    EXPECT_EQ(q.use_count(), 1);
    EXPECT_EQ(d.code(), errc{ENOMEM});
    d = a;  // error = value (copy)
    EXPECT_EQ(p.use_count(), 4);
    d = std::move(e);  // value = error (move)
    EXPECT_EQ(p.use_count(), 3);
    EXPECT_EQ(d.code(), errc{ENOMEM});
    d = std::move(c);  // error = value (move)
    EXPECT_EQ(p.use_count(), 3);
    EXPECT_EQ(*c, nullptr);
    d = e;  // error = error
    EXPECT_EQ(p.use_count(), 2);
    R f = d;  // copy of an error
    EXPECT_EQ(f.code(), errc{ENOMEM});
    EXPECT_EQ(p.use_count(), 2);
  }
  // Every result is gone, and with it every reference it held.
  EXPECT_EQ(p.use_count(), 1);
  EXPECT_EQ(q.use_count(), 1);
}

TEST(ResultCopy, SelfAssignmentKeepsTheState) {
  auto p = std::make_shared<int>(4);
  result<std::shared_ptr<int>> v = p;
  auto& same = v;  // through a reference, as aliasing code would do it
  v = same;
  ASSERT_TRUE(v);
  EXPECT_EQ(*v, p);
  EXPECT_EQ(p.use_count(), 2);
  v = std::move(same);
  ASSERT_TRUE(v);
  EXPECT_EQ(*v, p);
  EXPECT_EQ(p.use_count(), 2);

  result<std::string> e = str_error(EACCES, kMsg);
  auto& e_same = e;
  e = e_same;
  expect_error(e, EACCES, kMsg);
  e = std::move(e_same);
  expect_error(e, EACCES, kMsg);

  result<std::string> s = str_value();
  auto& s_same = s;
  s = s_same;
  EXPECT_EQ(*s, kLong);
  s = std::move(s_same);
  EXPECT_EQ(*s, kLong);

  result<int> i = 12;
  auto& i_same = i;
  i = i_same;
  EXPECT_EQ(*i, 12);
}

// A failure travels through copies, moves and conversions with its errno
// and the very same message pointer.
TEST(ResultCopy, AnErrorKeepsItsCodeAndMessageAcrossCopies) {
  result<std::string> a = str_error(ENETUNREACH, kMsg);
  result<std::string> b = a;
  result<std::string> c = std::move(b);
  result<std::string> d = str_value();
  d = c;
  result<std::string> e = str_value();
  e = std::move(d);
  for (const auto* r : {&a, &b, &c, &d, &e}) expect_error(*r, ENETUNREACH, kMsg);
  // Re-wrapped as another result type, as `return r.error();` does.
  result<int> f = e.error();
  EXPECT_EQ(f.code(), errc{ENETUNREACH});
  EXPECT_EQ(f.error().message, kMsg);
  result<void> g = f.error();
  EXPECT_EQ(g.code(), errc{ENETUNREACH});
  EXPECT_EQ(g.error().message, kMsg);
  result<std::shared_ptr<int>> h = g.error();
  EXPECT_EQ(h.error().text(), kMsg);
}

// A value goes on being usable after its result was assigned an error and
// then a value again (the union's member is rebuilt, not assigned to).
TEST(ResultCopy, ValueRebuiltAfterAnError) {
  result<std::string> r = str_value();
  for (int i = 0; i < 3; ++i) {
    r = str_error(EIO, nullptr);
    expect_error(r, EIO, nullptr);
    r = str_value(std::string(50 + i, 'a'));
    ASSERT_TRUE(r);
    EXPECT_EQ(*r, std::string(50 + i, 'a'));
    r->append("b");
    EXPECT_EQ(r->back(), 'b');
  }
  std::string out = std::move(r).value();
  EXPECT_EQ(out, std::string(52, 'a') + "b");
}

// ---- values of temporaries ------------------------------------------------------------------

// On a temporary the value comes out by value (moved), never as a reference
// into the dying result; on an lvalue it is a reference, as before.
using str_result = result<std::string>;
static_assert(std::is_same_v<decltype(*std::declval<str_result>()), std::string>);
static_assert(std::is_same_v<decltype(std::declval<str_result>().value()), std::string>);
static_assert(std::is_same_v<decltype(*std::declval<str_result&>()), std::string&>);
static_assert(std::is_same_v<decltype(std::declval<str_result&>().value()), std::string&>);
static_assert(std::is_same_v<decltype(*std::declval<const str_result&>()), const std::string&>);
static_assert(std::is_same_v<decltype(std::declval<const str_result&>().value()),
                             const std::string&>);
// A const temporary cannot be moved from: it reads through the const& overloads.
static_assert(std::is_same_v<decltype(*std::declval<const str_result>()), const std::string&>);
using vec_result = result<std::vector<std::string>>;
static_assert(std::is_same_v<decltype(*std::declval<vec_result>()), std::vector<std::string>>);
static_assert(std::is_same_v<decltype(std::declval<vec_result>().value()),
                             std::vector<std::string>>);
using ptr_result = result<std::unique_ptr<int>>;
static_assert(std::is_same_v<decltype(*std::declval<ptr_result>()), std::unique_ptr<int>>);
static_assert(std::is_same_v<decltype(std::declval<ptr_result>().value()), std::unique_ptr<int>>);

// Strings too long for the inline buffer: a read of a freed one is a heap
// use after free, which ASan reports.
std::string element(std::size_t i) { return std::string(48, static_cast<char>('a' + i)); }
result<std::vector<std::string>> make_vector_result(std::size_t n = 8) {
  std::vector<std::string> v;
  for (std::size_t i = 0; i < n; ++i) v.push_back(element(i));
  return v;
}

// The range-for binds its range to what `*f()` gives; with a reference into
// the temporary result, that died at the end of the full expression and the
// loop read freed memory.
TEST(ResultTemporary, RangeForOverADereferencedTemporary) {
  std::size_t n = 0;
  for (auto& e : *make_vector_result()) {
    EXPECT_EQ(e, element(n));
    e.append("!");  // the loop's own copy: writable
    ++n;
  }
  EXPECT_EQ(n, 8u);
  n = 0;
  for (const std::string& e : make_vector_result(5).value()) {
    EXPECT_EQ(e, element(n));
    ++n;
  }
  EXPECT_EQ(n, 5u);
}

TEST(ResultTemporary, ReferenceBoundToADereferencedTemporaryStaysValid) {
  const std::vector<std::string>& v = *make_vector_result(3);
  ASSERT_EQ(v.size(), 3u);
  for (std::size_t i = 0; i < v.size(); ++i) EXPECT_EQ(v[i], element(i));
  auto&& w = make_vector_result(2).value();
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w[1], element(1));
}

// Moving out of a named result moves the value (no copy); the result still
// holds a (moved-from) value.
TEST(ResultTemporary, MovingOutOfANamedResultMovesTheValue) {
  result<std::string> r = str_value();
  const char* buffer = r->data();
  std::string s = *std::move(r);
  EXPECT_EQ(s, kLong);
  EXPECT_EQ(s.data(), buffer);
  EXPECT_TRUE(r.has_value());
  result<std::unique_ptr<int>> p = std::make_unique<int>(9);
  std::unique_ptr<int> q = *std::move(p);
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(*q, 9);
  EXPECT_EQ(*p, nullptr);
}

TEST(ErrnoName, KnownValues) {
  EXPECT_STREQ(errno_name(EPERM), "EPERM");
  EXPECT_STREQ(errno_name(ENOENT), "ENOENT");
  EXPECT_STREQ(errno_name(ENOMEM), "ENOMEM");
  EXPECT_STREQ(errno_name(EBUSY), "EBUSY");
  EXPECT_STREQ(errno_name(EEXIST), "EEXIST");
  EXPECT_STREQ(errno_name(EINVAL), "EINVAL");
  EXPECT_STREQ(errno_name(ENOSPC), "ENOSPC");
  EXPECT_STREQ(errno_name(EOPNOTSUPP), "EOPNOTSUPP");
  EXPECT_STREQ(errno_name(ERANGE), "ERANGE");
}

// result.hpp documents unknown values as "E?" followed by the number.
TEST(ErrnoName, UnknownValuesShowTheNumber) {
  const std::string name = errno_name(4095);
  EXPECT_EQ(name.rfind("E?", 0), 0u) << name;
  EXPECT_EQ(name, "E?4095");
}

}  // namespace
}  // namespace netns
